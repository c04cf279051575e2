// The only module that runs tmux. Everything else asks it for facts or actions.

import { execFile, execFileSync } from 'node:child_process';
import { AuditError } from '../core/errors.ts';

/**
 * Protects text from tmux's expansion in pipe-pane and display-message:
 * format_expand_time runs strftime over the whole string first, then expands
 * `#` formats (tmux 3.3a format.c:4622), so `%` must be `%%` and `#` must be `##`.
 */
export function literal(text: string): string {
  return text.replace(/%/g, '%%').replace(/#/g, '##');
}

/** Single-quotes a word for /bin/sh, which is what pipe-pane runs (cmd-pipe-pane.c:159). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** What the toggle needs to know about a pane, read in one tmux call. */
export interface PaneState {
  paneId: string;
  piped: boolean;
  /** Recording id while tmux-audit logs this pane (pane option @audit_on), else empty. */
  recording: string;
  /** Run file of that recording (pane option @audit_run), else empty. */
  runFile: string;
  session: string;
  window: string;
  pane: string;
  serverPid: string;
  socket: string;
  version: string;
  /** Cursor position and whether the alternate screen is on: where logging picks up. */
  cursorX: number;
  cursorY: number;
  alternateScreen: boolean;
  options: { dir: string; timeFormat: string; maxSize: string; maxFiles: string };
}

const FIELDS = [
  'pane_id',
  'pane_pipe',
  '@audit_on',
  '@audit_run',
  'session_name',
  'window_index',
  'pane_index',
  'pid',
  'socket_path',
  'version',
  'cursor_x',
  'cursor_y',
  'alternate_on',
  '@audit-dir',
  '@audit-time-format',
  '@audit-max-size',
  '@audit-max-files',
] as const;
const SEPARATOR = '\x1f';

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

  paneState(target: string): PaneState {
    const format = FIELDS.map((field) => `#{${field}}`).join(SEPARATOR);
    const values = this.run(['display-message', '-p', '-t', target, format]).replace(/\n$/, '').split(SEPARATOR);
    if (values.length !== FIELDS.length) throw new AuditError(`cannot read the state of pane ${target}`);
    const [paneId, pipe, recording, runFile, session, window, pane, serverPid, socket, version, cursorX, cursorY, alternate, dir, timeFormat, maxSize, maxFiles] =
      values as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
    return {
      paneId,
      piped: pipe === '1',
      recording,
      runFile,
      session,
      window,
      pane,
      serverPid,
      socket,
      version,
      cursorX: Number(cursorX),
      cursorY: Number(cursorY),
      alternateScreen: alternate === '1',
      options: { dir, timeFormat, maxSize, maxFiles },
    };
  }

  /** The text of the cursor's line left of the cursor, as the screen shows it now. */
  textBeforeCursor(paneId: string, cursorX: number, cursorY: number): string {
    const line = this.run(['capture-pane', '-p', '-t', paneId, '-S', String(cursorY), '-E', String(cursorY)]).replace(/\n$/, '');
    // capture-pane drops trailing blanks (-N, which keeps them, needs tmux 3.1); a prompt ends in one.
    return [...line].slice(0, cursorX).join('').padEnd(cursorX);
  }

  /**
   * Starts `command` as the pane's pipe (replacing any stale one: plain
   * pipe-pane closes an existing pipe first, cmd-pipe-pane.c:76) and marks the
   * pane, in one tmux call so the status line changes at once.
   */
  startPipe(paneId: string, command: string, recording: string, runFile: string): void {
    this.run([
      'pipe-pane', '-t', paneId, literal(command), ';',
      'set-option', '-p', '-t', paneId, '@audit_on', recording, ';',
      'set-option', '-p', '-t', paneId, '@audit_run', runFile,
    ]);
  }

  /** Closes the pane's pipe and clears the marks; the status goes off at once (set-option redraws). */
  stopPipe(paneId: string): void {
    this.run([
      'pipe-pane', '-t', paneId, ';',
      'set-option', '-pu', '-t', paneId, '@audit_on', ';',
      'set-option', '-pu', '-t', paneId, '@audit_run',
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

  /** A session's name and its panes that tmux-audit marks as logged. */
  loggedPanes(session: string): { name: string; panes: { paneId: string; recording: string; runFile: string }[] } {
    const rows = this.run(['list-panes', '-s', '-t', session, '-F', ['#{session_name}', '#{pane_id}', '#{@audit_on}', '#{@audit_run}'].join(SEPARATOR)]);
    let name = '';
    const panes = [];
    for (const row of rows.split('\n')) {
      const [sessionName, paneId, recording, runFile] = row.split(SEPARATOR);
      if (sessionName === undefined || paneId === undefined) continue;
      name = sessionName;
      if (recording && runFile) panes.push({ paneId, recording, runFile });
    }
    return { name, panes };
  }

  /** What became of a pane: still running, exited but kept (remain-on-exit), gone, or no server at all. */
  paneFate(paneId: string): 'alive' | 'dead' | 'gone' | 'no-server' {
    let fate: string;
    try {
      // For a pane that no longer exists, 3.3a's display-message prints an empty line and succeeds.
      fate = this.run(['display-message', '-p', '-t', paneId, '#{pane_id} #{pane_dead}']).trim();
    } catch {
      return 'no-server';
    }
    if (!fate.startsWith(`${paneId} `)) return 'gone';
    return fate.endsWith(' 1') ? 'dead' : 'alive';
  }

  /** Clears the marks of a pane whose recording ended without a toggle (the reader's own failure). */
  clearMarks(paneId: string, recording: string): void {
    // Only if the pane still shows this recording: a newer one may have started since.
    const current = this.run(['display-message', '-p', '-t', paneId, '#{@audit_on}']).trim();
    if (current !== recording) return;
    this.run(['set-option', '-pu', '-t', paneId, '@audit_on', ';', 'set-option', '-pu', '-t', paneId, '@audit_run']);
  }
}
