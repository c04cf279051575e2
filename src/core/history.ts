// A pane's history as text for a person (issue 10, "save history on
// demand"): what `capture-pane -p -J -S - -E -` gives, cleaned like output
// and stamped. Pure: src/commands/history.ts reads the pane and writes the file.

import path from 'node:path';
import { escapeText } from '../format/text.ts';
import type { ExtraPattern } from '../pipeline/redact.ts';
import { redactLines } from '../pipeline/redact-lines.ts';

/**
 * Where a pane's saved history goes: beside the session's log, named for the
 * pane and the capture time, with an extension the log readers do not take
 * for a log (`.log` and `.log.N` only).
 */
export function historyPath(logFile: string, paneId: string, time: Date): string {
  const stamp = time.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return path.join(path.dirname(logFile), `${path.basename(logFile, '.log')}.${paneId.replace(/^%/, 'pane')}.${stamp}.history.txt`);
}

export interface HistoryFacts {
  /** `session:window.pane` and the pane id. */
  place: string;
  paneId: string;
  /** Who asked (`#{client_user}`), and the server's owner. */
  by: string;
  time: Date;
  /** capture-pane's output: joined lines, no escapes (no -e). */
  captured: string;
  /** `@audit-redact` on: its extra patterns (secrets are redacted as in the log); undefined: off. */
  redact?: readonly ExtraPattern[];
}

/**
 * The file's text: a header line naming the pane, the capture time, who
 * asked and the line count, then the lines. Each line is escaped as log text
 * is (format/text.ts escapeText: invalid bytes, C1 and bidi controls made
 * visible), so the file shows what was on the screen and hides nothing;
 * trailing blank rows of the screen are dropped. With redaction on, secrets
 * are redacted as in the log (before escaping, as there), and the header
 * says how many.
 */
export function historyText(facts: HistoryFacts): { text: string; lines: number; redacted: number } {
  let raw = facts.captured.replace(/\n$/, '').split('\n').map((row) => row.replace(/\s+$/, ''));
  let redacted = 0;
  if (facts.redact) ({ lines: raw, count: redacted } = redactLines(raw, facts.redact));
  const rows = raw.map(escapeText);
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  const header = `# tmux-audit: history of ${escapeText(facts.place)} (${facts.paneId}) captured ${facts.time.toISOString()} by ${escapeText(facts.by)}, ${rows.length} lines${redacted ? `, ${redacted} secrets redacted` : ''}`;
  return { text: `${[header, ...rows].join('\n')}\n`, lines: rows.length, redacted };
}
