// The one class that runs tmux (src/tmux/ is the only place that does).
// Everything else asks it for facts or actions; one instance per command.

import { execFile, execFileSync } from 'node:child_process';
import { AuditError } from '../core/errors.ts';
import { PANE_OPTIONS } from '../core/options.ts';
import { textInCells } from '../terminal/width.ts';
import { literal } from './quote.ts';

/** Separates the fields of one `-p`/`-F` row: a control character, which no field is expected to hold. */
export const FIELD_SEPARATOR = '\x1f';

/** tmux ≥ 3.2 understands `display-message -d`; older ones use display-time. */
function hasDisplayDelay(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return !match || Number(match[1]) > 3 || (Number(match[1]) === 3 && Number(match[2]) >= 2);
}

export class Tmux {
  /** `socket` is for processes outside tmux's environment (the pipe reader); commands run from tmux use $TMUX. */
  constructor(private readonly socket?: string) {}

  run(args: string[]): string {
    const full = this.socket ? ['-S', this.socket, ...args] : args;
    try {
      return execFileSync('tmux', full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string };
      if (failure.code === 'ENOENT') throw new AuditError('tmux is not on PATH');
      const detail = (failure.stderr ?? '').trim() || failure.message;
      throw new AuditError(`tmux ${args[0]} failed: ${detail}`);
    }
  }

  /** The text of the cursor's line left of the cursor, as the screen shows it now. */
  textBeforeCursor(paneId: string, cursorX: number, cursorY: number): string {
    const line = this.run(['capture-pane', '-p', '-t', paneId, '-S', String(cursorY), '-E', String(cursorY)]).replace(/\n$/, '');
    // The cursor's column counts cells: a wide character takes two (see textInCells).
    return textInCells(line, cursorX);
  }

  /**
   * Starts `command` as the pane's pipe (replacing any stale one: plain
   * pipe-pane closes an existing pipe first, cmd-pipe-pane.c:76) and marks the
   * pane, in one tmux call so the status line changes at once.
   */
  startPipe(paneId: string, command: string, recording: string, runFile: string): void {
    this.run([
      'pipe-pane', '-t', paneId, literal(command), ';',
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.recording, recording, ';',
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.runFile, runFile,
    ]);
  }

  /** Closes the pane's pipe and clears the marks; the status goes off at once (set-option redraws). */
  stopPipe(paneId: string): void {
    this.run([
      'pipe-pane', '-t', paneId, ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.recording, ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.runFile,
    ]);
  }

  /** Shows `text` in the message line of `client` (or the current one). */
  message(text: string, options: { client?: string; version?: string; error?: boolean } = {}): void {
    const args = ['display-message'];
    if (options.client) args.push('-c', options.client);
    // Information lasts the user's display-time, so the status line (hidden while a
    // message shows) is back quickly; an error stays long enough to be read.
    if (options.error && hasDisplayDelay(options.version ?? '')) args.push('-d', '8000');
    args.push(literal(text));
    this.run(args);
  }

  /** The program in the foreground of a pane (tmux reads it from the pty, osdep-linux.c). */
  currentCommand(paneId: string): string {
    return this.run(['display-message', '-p', '-t', paneId, '#{pane_current_command}']).trim();
  }

  /**
   * The rows of a pane's screen, without trailing blank rows, and whether it is
   * the alternate screen; undefined if tmux cannot say. Asynchronous: the pipe
   * reader must keep draining its input meanwhile.
   */
  captureScreen(paneId: string, done: (screen: { alternate: boolean; rows: string[] } | undefined) => void): void {
    const args = ['display-message', '-p', '-t', paneId, '#{alternate_on}', ';', 'capture-pane', '-p', '-t', paneId];
    execFile('tmux', this.socket ? ['-S', this.socket, ...args] : args, { encoding: 'utf8' }, (error, stdout) => {
      if (error) return done(undefined);
      const [flag, ...rows] = stdout.replace(/\n$/, '').split('\n');
      while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
      done({ alternate: flag === '1', rows });
    });
  }

  /** The pane's width now, or undefined if tmux cannot say. Asynchronous, as captureScreen. */
  paneWidth(paneId: string, done: (width: number | undefined) => void): void {
    const args = ['display-message', '-p', '-t', paneId, '#{pane_width}'];
    execFile('tmux', this.socket ? ['-S', this.socket, ...args] : args, { encoding: 'utf8' }, (error, stdout) => {
      const width = Number(stdout.trim());
      done(!error && width > 0 ? width : undefined);
    });
  }

  /** A session's name and its panes marked as logged; without a session, every pane of the server. */
  loggedPanes(session?: string): { name: string; panes: { paneId: string; recording: string; runFile: string }[] } {
    const scope = session === undefined ? ['-a'] : ['-s', '-t', session];
    const rows = this.run(['list-panes', ...scope, '-F', ['#{session_name}', '#{pane_id}', `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`].join(FIELD_SEPARATOR)]);
    let name = '';
    const panes = [];
    for (const row of rows.split('\n')) {
      const [sessionName, paneId, recording, runFile] = row.split(FIELD_SEPARATOR);
      if (sessionName === undefined || paneId === undefined) continue;
      name = sessionName;
      if (recording && runFile) panes.push({ paneId, recording, runFile });
    }
    return { name, panes };
  }

  /**
   * What became of a pane: still running, exited but kept (remain-on-exit),
   * gone, or no server at all; and who last ran pipe-pane on it (the
   * after-pipe-pane hook that audit.tmux sets records `#{client_user}`).
   */
  paneFate(paneId: string): { fate: 'alive' | 'dead' | 'gone' | 'no-server'; pipedBy: string } {
    let answer: string;
    try {
      // For a pane that no longer exists, 3.3a's display-message prints an empty line and succeeds.
      answer = this.run(['display-message', '-p', '-t', paneId, ['#{pane_id}', '#{pane_dead}', `#{${PANE_OPTIONS.pipedBy}}`].join(FIELD_SEPARATOR)]);
    } catch {
      return { fate: 'no-server', pipedBy: '' };
    }
    const [id, dead, pipedBy = ''] = answer.replace(/\n$/, '').split(FIELD_SEPARATOR);
    if (id !== paneId) return { fate: 'gone', pipedBy: '' };
    return { fate: dead === '1' ? 'dead' : 'alive', pipedBy };
  }

  /** Clears the marks of a pane whose recording ended without a toggle (the reader's own failure). */
  clearMarks(paneId: string, recording: string): void {
    // Only if the pane still shows this recording: a newer one may have started since.
    const current = this.run(['display-message', '-p', '-t', paneId, `#{${PANE_OPTIONS.recording}}`]).trim();
    if (current !== recording) return;
    this.run(['set-option', '-pu', '-t', paneId, PANE_OPTIONS.recording, ';', 'set-option', '-pu', '-t', paneId, PANE_OPTIONS.runFile]);
  }
}
