// `save-history`: what prefix + M-a (@audit-save-key) runs. The pane's
// complete history, cleaned (core/history.ts), into a new private file beside
// the session's log; the message line says where.

import os from 'node:os';
import { historyPath, historyText } from '../core/history.ts';
import { resolveOptions } from '../core/options.ts';
import { asker } from '../core/plan.ts';
import { sessionLogPath } from '../core/paths.ts';
import { ensurePrivateDir, writePrivateFile } from '../sinks/file/safe-fs.ts';
import type { Tmux } from '../tmux/client.ts';
import { readPane } from '../tmux/pane.ts';
import { parseExtraPatterns } from '../pipeline/redact.ts';
import type { Invocation, Outcome } from './toggle.ts';
import path from 'node:path';

export function saveHistory(tmux: Tmux, invocation: Invocation): Outcome {
  const state = readPane(tmux, invocation.pane || process.env.TMUX_PANE || '');
  const { options } = resolveOptions(state.options, process.env);
  const time = new Date();
  // -J joins wrapped lines; no -e: tmux gives the cells' text, no escapes; from the top of the history to the screen's end.
  const captured = tmux.run(['capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', state.paneId]);
  const { text, lines, redacted } = historyText({
    place: `${state.session}:${state.window}.${state.pane}`,
    paneId: state.paneId,
    by: asker(invocation.clientUser, os.userInfo().username),
    time,
    captured,
    // The log's rules: what the log would hide is not left in a file beside it (the patterns were checked by resolveOptions).
    redact: options.redact ? parseExtraPatterns(options.redactPatterns) : undefined,
  });
  const file = historyPath(sessionLogPath(options.dir, state.session, state.socket), state.paneId, time);
  // The log directory's rules (ours alone, 0700), and the file written whole under a fresh name, then renamed: nothing planted is written through.
  ensurePrivateDir(path.dirname(file));
  writePrivateFile(file, text);
  return { messages: [`saved ${lines} lines of ${state.paneId}${redacted ? ` (${redacted} secrets redacted)` : ''} → ${file}`], version: state.version };
}
