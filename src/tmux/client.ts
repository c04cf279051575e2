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

export interface MessageOptions {
  client?: string;
  version?: string;
  error?: boolean;
}

function messageArgs(text: string, options: MessageOptions): string[] {
  const args = ['display-message'];
  if (options.client) args.push('-c', options.client);
  // Information lasts the user's display-time, so the status line (hidden while a
  // message shows) is back quickly; an error stays long enough to be read.
  if (options.error && hasDisplayDelay(options.version ?? '')) args.push('-d', '8000');
  args.push(literal(text));
  return args;
}

/** An asynchronous question to tmux is given up after this long (a server that hangs must not hold the reader's records). */
const ANSWER_TIMEOUT_MS = 2000;

export class Tmux {
  /** Panes whose current command is being asked, and who waits for the answer. */
  private readonly asking = new Map<string, ((name: string | undefined) => void)[]>();

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

  /**
   * Runs tmux without waiting (the pipe reader must keep reading): `done`
   * gets its output, or an error; a server that does not answer within
   * ANSWER_TIMEOUT_MS is given up on.
   */
  private runLater(args: string[], done: (error: Error | null, stdout: string) => void = () => {}): void {
    execFile('tmux', this.socket ? ['-S', this.socket, ...args] : args, { encoding: 'utf8', timeout: ANSWER_TIMEOUT_MS }, done);
  }

  /** The rows the pane shows now (at toggle time: never on the data path). */
  visibleRows(paneId: string): string[] {
    return this.run(['capture-pane', '-p', '-t', paneId]).replace(/\n$/, '').split('\n');
  }

  /** The text of the cursor's line left of the cursor, and the rows above it, as the screen shows them now. */
  screenBeforeCursor(paneId: string, cursorX: number, cursorY: number): { seed: string; rowsAbove: string[] } {
    const rows = this.run(['capture-pane', '-p', '-t', paneId, '-S', '0', '-E', String(cursorY)]).replace(/\n$/, '').split('\n');
    // The cursor's column counts cells: a wide character takes two (see textInCells).
    return { seed: textInCells(rows[cursorY] ?? '', cursorX), rowsAbove: rows.slice(0, cursorY) };
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
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.runFile, runFile, ';',
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.beat, String(Math.floor(Date.now() / 1000)),
    ]);
  }

  /** The reader's heartbeat (see core/status.ts), without waiting: a server that is slow to answer must not slow the reader. */
  beat(paneId: string): void {
    const args = ['set-option', '-p', '-t', paneId, PANE_OPTIONS.beat, String(Math.floor(Date.now() / 1000))];
    this.runLater(args);
  }

  /** Closes the pane's pipe and clears the marks; the status goes off at once (set-option redraws). */
  stopPipe(paneId: string): void {
    this.run([
      'pipe-pane', '-t', paneId, ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.recording, ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.runFile, ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.beat,
    ]);
  }

  /** Shows `text` in the message line of `client` (or the current one). */
  message(text: string, options: MessageOptions = {}): void {
    this.run(messageArgs(text, options));
  }

  /** As message, without waiting (the pipe reader: a slow server must not stop it reading); failures are ignored. */
  messageLater(text: string, options: MessageOptions = {}): void {
    const args = messageArgs(text, options);
    this.runLater(args);
  }

  /**
   * The program in the foreground of a pane (tmux reads it from the pty,
   * osdep-linux.c), or undefined. Asynchronous; calls in
   * flight at once share one question (a program flapping between screens
   * asks once, not per switch).
   */
  currentCommand(paneId: string, done: (name: string | undefined) => void): void {
    const waiting = this.asking.get(paneId);
    if (waiting) return void waiting.push(done);
    this.asking.set(paneId, [done]);
    const args = ['display-message', '-p', '-t', paneId, '#{pane_current_command}'];
    this.runLater(args, (error, stdout) => {
      const name = error ? undefined : stdout.trim() || undefined;
      const all = this.asking.get(paneId) ?? [];
      this.asking.delete(paneId);
      for (const each of all) each(name);
    });
  }

  /** Whether the pane is in the alternate screen now, or undefined if tmux cannot say. Asynchronous. */
  alternateOn(paneId: string, done: (on: boolean | undefined) => void): void {
    const args = ['display-message', '-p', '-t', paneId, '#{alternate_on}'];
    this.runLater(args, (error, stdout) => {
      const flag = stdout.trim();
      done(error || (flag !== '0' && flag !== '1') ? undefined : flag === '1');
    });
  }

  /** The pane's width now, or undefined if tmux cannot say. Asynchronous. */
  paneWidth(paneId: string, done: (width: number | undefined) => void): void {
    const args = ['display-message', '-p', '-t', paneId, '#{pane_width}'];
    this.runLater(args, (error, stdout) => {
      const width = Number(stdout.trim());
      done(!error && width > 0 ? width : undefined);
    });
  }

  /**
   * The hash an integrated shell with this pid registered in the pane, or
   * undefined. Asynchronous. `pid` must be digits (it comes
   * from the pane's output and goes into a format).
   */
  registeredShell(paneId: string, pid: string, done: (hash: string | undefined) => void): void {
    if (!/^\d+$/.test(pid)) return done(undefined);
    const args = ['display-message', '-p', '-t', paneId, `#{${PANE_OPTIONS.shellKey}${pid}}`];
    this.runLater(args, (error, stdout) => {
      const hash = stdout.trim();
      done(!error && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined);
    });
  }

  /** The pids of the shells that registered a key in the pane (living or not). */
  registeredShells(paneId: string): number[] {
    const pids: number[] = [];
    for (const line of this.run(['show-options', '-p', '-t', paneId]).split('\n')) {
      if (!line.startsWith(PANE_OPTIONS.shellKey)) continue;
      const pid = Number(line.slice(PANE_OPTIONS.shellKey.length, line.indexOf(' ')));
      if (Number.isInteger(pid) && pid > 0) pids.push(pid);
    }
    return pids;
  }

  /** Notes, for the whole server, that the shell-integration tip was given. */
  markShellHinted(): void {
    this.run(['set-option', '-g', PANE_OPTIONS.shellHinted, '1']);
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
    this.run(['set-option', '-pu', '-t', paneId, PANE_OPTIONS.recording, ';', 'set-option', '-pu', '-t', paneId, PANE_OPTIONS.runFile, ';', 'set-option', '-pu', '-t', paneId, PANE_OPTIONS.beat]);
  }
}
