// The one class that runs tmux (src/tmux/ is the only place that does).
// Everything else asks it for facts or actions; one instance per command.

import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AttachedClient, TypingSnapshot } from '../capture/actor.ts';
import { AuditError } from '../core/errors.ts';
import { PANE_OPTIONS } from '../core/options.ts';
import { serverCopies, serverCopiesShown, shadowUnsets } from '../core/shadows.ts';
import { textInCells } from '../terminal/width.ts';
import { literal, tmuxQuote } from './quote.ts';

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
/** The pane options a recording's reader is known by, unset together when it ends. */
const RECORDING_MARKS = [PANE_OPTIONS.recording, PANE_OPTIONS.runFile, PANE_OPTIONS.beat, PANE_OPTIONS.readerPid, PANE_OPTIONS.readerSize];

/** `set-option -pu` of each option, as one command list. */
function unset(paneId: string, options: readonly string[]): string[] {
  return options.flatMap((option, index) => [...(index ? [';'] : []), 'set-option', '-pu', '-t', paneId, option]);
}

/** A command list given as arguments (`;` between commands), as one string of tmux syntax: a branch of if-shell. */
function commandText(args: readonly string[]): string {
  return args.map((word) => (word === ';' ? word : tmuxQuote(word))).join(' ');
}

const ANSWER_TIMEOUT_MS = 2000;

/** What stopPipe's branch prints when it ran. */
const STOPPED = 'stopped';

/** The server option by which a stop's step says it closed the pipe (stopPipe): keyed by the stop's nonce. */
function stopMark(nonce: string): string {
  return `${PANE_OPTIONS.stopMark}${nonce}`;
}

export class Tmux {
  /** Panes whose current command is being asked, and who waits for the answer. */
  private readonly asking = new Map<string, ((name: string | undefined) => void)[]>();

  /** `socket` is for processes outside tmux's environment (the pipe reader); commands run from tmux use $TMUX. */
  constructor(private readonly socket?: string) {}

  run(args: string[]): string {
    const { stdout, failure } = this.tryRun(args);
    if (failure) throw failure;
    return stdout;
  }

  /** What tmux printed, and its failure if it failed: a step may print, then fail as its server exits. */
  private tryRun(args: string[]): { stdout: string; failure?: AuditError } {
    const full = this.socket ? ['-S', this.socket, ...args] : args;
    try {
      return { stdout: execFileSync('tmux', full, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
    } catch (error) {
      const failure = error as NodeJS.ErrnoException & { stderr?: string; stdout?: string };
      if (failure.code === 'ENOENT') throw new AuditError('tmux is not on PATH');
      const detail = (failure.stderr ?? '').trim() || failure.message;
      return { stdout: typeof failure.stdout === 'string' ? failure.stdout : '', failure: new AuditError(`tmux ${args[0]} failed: ${detail}`) };
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

  /** runLater for the reader's own questions (capture/note-facts.ts): `done` gets the output, or undefined. */
  ask(args: string[], done: (stdout: string | undefined) => void): void {
    this.runLater(args, (error, stdout) => done(error ? undefined : stdout));
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
   * The rows above the cursor's line `cursorY`, from up to `scrollback` lines
   * of history on: joined (-J), as text (no -e: tmux gives the cells, no
   * escapes); leading blank rows dropped (a fresh pane's unused history).
   */
  rowsAbove(paneId: string, cursorY: number, scrollback: number): string[] {
    const end = cursorY - 1;
    const start = scrollback > 0 ? -scrollback : 0;
    if (end < start) return [];
    const rows = this.run(['capture-pane', '-p', '-J', '-t', paneId, '-S', String(start), '-E', String(end)]).replace(/\n$/, '').split('\n');
    while (rows.length > 0 && rows[0]!.trim() === '') rows.shift();
    return rows.map((row) => row.replace(/\s+$/, ''));
  }

  /**
   * Starts `command` as the pane's pipe (replacing any stale one: plain
   * pipe-pane closes an existing pipe first, cmd-pipe-pane.c:76) and marks the
   * pane, in one tmux call so the status line changes at once.
   */
  startPipe(paneId: string, command: string, recording: string, runFile: string): void {
    this.run(['pipe-pane', '-t', paneId, literal(command), ';', ...this.marks(paneId, recording, runFile)]);
  }

  /**
   * Marks a pane whose pipe an auto hook opened (core/auto.ts) as logged, as startPipe does, if nothing marks it yet
   * and nobody stopped it by hand since: a compare-and-set (if-shell -F runs its branch before any other client's
   * command, cmd-if-shell.c:100). Whether the pane is this recording's now. A reader stalled after its look for
   * newer readers (commands/auto.ts) must not take the pane from one that marked it meanwhile.
   */
  markPipe(paneId: string, recording: string, runFile: string): boolean {
    const free = `#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}}`;
    // Copies of the options elsewhere removed first (core/shadows.ts): a server's `x` would make no pane free, a
    // global @audit_off_by every pane stopped by hand.
    const now = this.run([
      ...shadowUnsets(paneId), ';',
      'if-shell', '-F', '-t', paneId, free, commandText(this.marks(paneId, recording, runFile)), ';', 'display-message', '-p', '-t', paneId, `#{${PANE_OPTIONS.recording}}`,
    ]);
    return now.trim() === recording;
  }

  /** A pane's own option (show-options -p, no -A: neither a server copy, which a format finds first, nor an inherited one). */
  paneOption(paneId: string, name: string): string {
    return this.run(['show-options', '-pqv', '-t', paneId, name]).replace(/\n$/, '');
  }

  /** The recording the pane is marked with now ('' if none), other copies of the mark removed first (core/shadows.ts). */
  paneRecording(paneId: string): string {
    return this.run([...shadowUnsets(paneId), ';', 'display-message', '-p', '-t', paneId, `#{${PANE_OPTIONS.recording}}`]).trim();
  }

  /** A start clears who stopped the pane by hand: auto-start follows the pane's latest choice. */
  private marks(paneId: string, recording: string, runFile: string): string[] {
    return [
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.recording, recording, ';',
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.runFile, runFile, ';',
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.beat, String(Math.floor(Date.now() / 1000)), ';',
      'set-option', '-pu', '-t', paneId, PANE_OPTIONS.offBy, ';',
      // The after-pipe-pane hook notes every pipe-pane after this (it ran for the one that started ours before these
      // marks: hooks run right after their command, cmd-queue.c:660, :432): a stop closes the pipe only while none
      // did, the pipe then being this recording's (stopPipe). Set empty rather than unset: a format finds a pane's own
      // option before the window's and the global window ones (format.c:3446-3456), which a user could set to make
      // every stop refuse. A server option (set -s) is found before it all the same: the stop's step removes it
      // (core/shadows.ts).
      'set-option', '-p', '-t', paneId, PANE_OPTIONS.pipedBy, '', ';',
      // A reader killed outright left its pid and size: the new reader sets its own once it runs (after these marks).
      ...unset(paneId, [PANE_OPTIONS.readerPid, PANE_OPTIONS.readerSize]),
    ];
  }

  /** Every pane of the server with its auto-start facts (core/auto.ts PaneRow), and its run file. */
  autoRows(): { paneId: string; recording: string; runFile: string; offBy: string; piped: boolean; dead: boolean }[] {
    const formats = ['#{pane_id}', `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`, `#{${PANE_OPTIONS.offBy}}`, '#{pane_pipe}', '#{pane_dead}'];
    const rows = [];
    // Server and global copies removed first (core/shadows.ts): each would be every pane's, logged or stopped by hand.
    for (const row of this.run([...shadowUnsets(), ';', 'list-panes', '-a', '-F', formats.join(FIELD_SEPARATOR)]).split('\n')) {
      const [paneId, recording = '', runFile = '', offBy = '', piped = '', dead = ''] = row.split(FIELD_SEPARATOR);
      if (!paneId) continue;
      rows.push({ paneId, recording, runFile, offBy, piped: piped === '1', dead: dead === '1' });
    }
    return rows;
  }

  /** The clients attached to a session now: tty and user (core/context.ts). */
  clientsOf(session: string): { name: string; user: string }[] {
    const rows = this.run(['list-clients', '-t', session, '-F', ['#{client_name}', '#{client_user}'].join(FIELD_SEPARATOR)]);
    return rows
      .split('\n')
      .filter(Boolean)
      .map((row) => {
        const [name = '', user = ''] = row.split(FIELD_SEPARATOR);
        return { name, user };
      });
  }

  /** A session's name by its id (`$N`), or '' if it is gone. */
  sessionName(sessionId: string): string {
    try {
      const rows = this.run(['list-sessions', '-F', ['#{session_id}', '#{session_name}'].join(FIELD_SEPARATOR)]);
      for (const row of rows.split('\n')) {
        const [id, name = ''] = row.split(FIELD_SEPARATOR);
        if (id === sessionId) return name;
      }
    } catch {
      // no server
    }
    return '';
  }

  /** The server's socket path, as the reader must be told it (pipe-pane's child has no $TMUX: cmd-pipe-pane.c:124). */
  socketPath(): string {
    return this.run(['display-message', '-p', '#{socket_path}']).replace(/\n$/, '');
  }

  /** A global option's value ('' if unset). */
  globalOption(name: string): string {
    return this.run(['show-options', '-gqv', name]).replace(/\n$/, '');
  }

  /** Sets, or with `command` undefined removes, the hook at `name[index]`. */
  setHook(name: string, index: number, command: string | undefined): void {
    this.run(command === undefined ? ['set-hook', '-gu', `${name}[${index}]`] : ['set-hook', '-g', `${name}[${index}]`, command]);
  }

  /** The reader's heartbeat (see core/status.ts), without waiting: a server that is slow to answer must not slow the reader. */
  beat(paneId: string): void {
    const args = ['set-option', '-p', '-t', paneId, PANE_OPTIONS.beat, String(Math.floor(Date.now() / 1000))];
    this.runLater(args);
  }

  /**
   * The heartbeat, and where the pane is now (`format`'s fields, joined by
   * FIELD_SEPARATOR) in the same call: undefined when tmux cannot say.
   */
  beatAndAsk(paneId: string, format: readonly string[], reader: { recording: string; pid: number; runFile?: string }, done: (answer: string | undefined) => void): void {
    const args = [
      ...this.readerArgs(paneId, reader.recording, reader.pid, reader.runFile, true), ';',
      'display-message', '-p', '-t', paneId, format.join(FIELD_SEPARATOR),
    ];
    this.runLater(args, (error, stdout) => done(error ? undefined : stdout));
  }

  /**
   * Publishes the reader's pid in the pane for the resize hook (audit.tmux), if the pane still shows this recording
   * (a toggle may have stopped it meanwhile). Asynchronous: nothing waits for it.
   */
  announceReader(paneId: string, recording: string, pid: number): void {
    this.runLater(this.readerArgs(paneId, recording, pid));
  }

  private readerArgs(paneId: string, recording: string, pid: number, runFile?: string, beat = false): string[] {
    // The run file too: the hook signals only a pid whose command line ends with the pane's run file, so a guest who
    // set @audit_run to anything else would otherwise switch the signal off for the rest of the recording.
    const run = runFile === undefined ? '' : ` ; set-option -p -t ${paneId} ${PANE_OPTIONS.runFile} ${tmuxQuote(runFile)}`;
    // The beat too, only for this recording: a reader stalled past its pane's next start must not beat for a newer reader that died.
    const beating = beat ? ` ; set-option -p -t ${paneId} ${PANE_OPTIONS.beat} ${Math.floor(Date.now() / 1000)}` : '';
    // A server copy of the recording (core/shadows.ts) would keep the reader from its pane's options (no beat: the
    // status says stalled), one of its beat, pid or size would speak for every pane: removed at each beat.
    return [...shadowUnsets(undefined, 'server'), ';', ...this.ifRecording(paneId, recording, `set-option -p -t ${paneId} ${PANE_OPTIONS.readerPid} ${pid}${run}${beating}`)];
  }

  /** `command` (tmux syntax; only ids, numbers and option names in it) if the pane still shows this recording. */
  private ifRecording(paneId: string, recording: string, command: string, also?: string): string[] {
    const shown = `#{==:#{${PANE_OPTIONS.recording}},${recording}}`;
    return ['if-shell', '-F', '-t', paneId, also === undefined ? shown : `#{&&:${shown},${also}}`, command];
  }

  /**
   * Closes the pane's pipe and clears the marks, the status going off at once (set-option redraws), only if the pane
   * still shows `recording`: a compare-and-set, as markPipe. A start that gave up on its reader must not close the
   * pipe of a newer recording, nor a stop delayed after it read the pane (a loaded machine, a slow server) the pipe
   * of one started meanwhile: that one would end with nobody named, its stop request being the older one's. `offBy`:
   * who stopped it by hand (auto-start then leaves it off: core/auto.ts), noted in the same step, so a stop that
   * ended nothing does not keep auto-start from a newer recording. Whether the pane was this recording's.
   *
   * `nonce`: a user's stop, whose request the reader takes only if this step closed its pipe. The step then also
   * needs the pipe to be this recording's still (open, and no pipe-pane since the marks: a pipe someone else closed
   * or replaced while this stop was on its way ended the recording, not this stop), and it leaves the nonce in a
   * server option, which the reader's question finds whatever becomes of the pane: set right after pipe-pane in
   * the branch, it is there before tmux answers any other client (the branch runs as one run of this client's
   * queue, cmd-if-shell.c:99-100, cmd-queue.c:738-788; set-option does not wait), and is not set if pipe-pane
   * fails (a dead pane: cmd-pipe-pane.c:71, the rest of the list dropped, cmd-queue.c:769-770).
   */
  stopPipe(paneId: string, recording: string, offBy?: string, nonce?: string): boolean {
    return this.stopStep(paneId, recording, offBy, nonce).stopped;
  }

  /**
   * stopPipe with a nonce, and the server copies of the plugin's pane options it removed first, as tmux printed them
   * (`<name> <value>`). A format finds a server option before the pane's (format.c:3446), and anyone may set one
   * (set -s): left there, `@audit_on` would decide for every pane whether it shows this recording, `@audit_piped_by`
   * whether its pipe is still the recording's (an empty one passing a pipe someone replaced since the start, any
   * other refusing every stop). The plugin never sets them at the server: they are removed in the same command list,
   * right before the step, so the step reads the pane's own (core/shadows.ts).
   */
  stopPipeOwn(paneId: string, recording: string, offBy: string, nonce: string): { stopped: boolean; shadows: string[] } {
    return this.stopStep(paneId, recording, offBy, nonce);
  }

  private stopStep(paneId: string, recording: string, offBy?: string, nonce?: string): { stopped: boolean; shadows: string[] } {
    const stop = [
      'pipe-pane', '-t', paneId, ';',
      ...(nonce === undefined ? [] : ['set-option', '-s', stopMark(nonce), nonce, ';']),
      ...unset(paneId, RECORDING_MARKS),
      ...(offBy === undefined ? [] : [';', 'set-option', '-p', '-t', paneId, PANE_OPTIONS.offBy, offBy]),
      // Printed to this command's client, as the branch runs in its place (cmd-if-shell.c:100).
      ';', 'display-message', '-p', STOPPED,
    ];
    const ours = nonce === undefined ? undefined : `#{&&:#{pane_pipe},#{==:#{${PANE_OPTIONS.pipedBy}},}}`;
    // show-options without -v: one line each, escaped (args_escape), that cannot read as STOPPED.
    const unshadow = [...serverCopiesShown(), ';', ...shadowUnsets(paneId), ';'];
    // Its word that it ran counts also if tmux then failed: a kill-server right after the step ends the client with
    // an error (its server gone), the pipe closed by this step all the same.
    const { stdout, failure } = this.tryRun([...unshadow, ...this.ifRecording(paneId, recording, commandText(stop), ours)]);
    const { copies: shadows, rest } = serverCopies(stdout);
    if (rest.split('\n').includes(STOPPED)) return { stopped: true, shadows };
    if (failure) throw failure;
    return { stopped: false, shadows };
  }

  /**
   * Which of these stop nonces a stop's step left (stopPipe), removing them all; undefined when there is no server
   * to ask. Each asked on its own (show-options prints nothing for an unset one): an option's value is its nonce.
   */
  takeStopMarks(nonces: readonly string[]): Set<string> | undefined {
    if (nonces.length === 0) return new Set(); // tmux with no command would start a session
    const args = nonces.flatMap((nonce, index) => [...(index ? [';'] : []), 'show-options', '-sqv', stopMark(nonce), ';', 'set-option', '-su', stopMark(nonce)]);
    try {
      return new Set(this.run(args).split('\n').filter((nonce) => nonces.includes(nonce)));
    } catch {
      return undefined;
    }
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

  /**
   * The pane's size now, or undefined if tmux cannot say. Asynchronous. `forModels`: the reader's models will take
   * the answer, so the same command list sets PANE_OPTIONS.readerSize to it: in tmux's own order, the option is the
   * size of the last such question tmux answered, which audit.tmux's resize hook compares with the pane's to signal
   * only a reader whose size is out of date. The cast's questions (sinks/file/cast-size.ts) must not set it.
   */
  paneSize(paneId: string, done: (size: { columns: number; rows: number } | undefined) => void, forModels = false): void {
    const args = ['display-message', '-p', '-t', paneId, '#{pane_width} #{pane_height}'];
    if (forModels) args.push(';', 'set-option', '-p', '-F', '-t', paneId, PANE_OPTIONS.readerSize, '#{pane_width}x#{pane_height}');
    this.runLater(args, (error, stdout) => {
      const [columns, rows] = stdout.trim().split(' ').map(Number);
      done(!error && columns! > 0 && rows! > 0 ? { columns: columns!, rows: rows! } : undefined);
    });
  }

  /**
   * The hash an integrated shell with this pid registered in the pane, or
   * undefined. Asynchronous. `pid` must be digits (it comes
   * from the pane's output and goes into a format).
   */
  registeredShell(paneId: string, pid: string, done: (hash: string | undefined) => void): void {
    if (!/^\d+$/.test(pid)) return done(undefined);
    // The pane's own option (show-options -p, no -A): a format would find a server copy first (format.c:3446).
    const args = ['show-options', '-pqv', '-t', paneId, `${PANE_OPTIONS.shellKey}${pid}`];
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
  loggedPanes(session?: string, window?: string): { name: string; panes: { paneId: string; recording: string; runFile: string }[] } {
    // A window (`@N`): its panes only; its name then is the window's.
    const scope = window !== undefined ? ['-t', window] : session === undefined ? ['-a'] : ['-s', '-t', session];
    // Server and global copies removed first (core/shadows.ts): a server's `x` would hide every recording.
    const target = window ?? session;
    const rows = this.run([...shadowUnsets(target), ';', 'list-panes', ...scope, '-F', [window !== undefined ? '#{window_name}' : '#{session_name}', '#{pane_id}', `#{${PANE_OPTIONS.recording}}`, `#{${PANE_OPTIONS.runFile}}`].join(FIELD_SEPARATOR)]);
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
   * after-pipe-pane hook that audit.tmux sets records its client: tmux/pipe-closer.ts).
   */
  paneFate(paneId: string): { fate: 'alive' | 'dead' | 'gone' | 'no-server'; pipedBy: string } {
    let answer: string;
    try {
      // For a pane that no longer exists, 3.3a's display-message prints an empty line and succeeds. The note is the
      // pane's own option (show-options -p, no -A): a format finds a server option of that name first
      // (format.c:3446), which anyone may set, with a fresh time, to name whom they like. Last: -v prints it as it
      // is, newlines and all, so everything after the first line is the note.
      answer = this.run([
        'display-message', '-p', '-t', paneId, ['#{pane_id}', '#{pane_dead}'].join(FIELD_SEPARATOR), ';',
        'show-options', '-p', '-qv', '-t', paneId, PANE_OPTIONS.pipedBy,
      ]);
    } catch {
      return { fate: 'no-server', pipedBy: '' };
    }
    const [first = '', ...note] = answer.replace(/\n$/, '').split('\n');
    const [id, dead] = first.split(FIELD_SEPARATOR);
    if (id !== paneId) return { fate: 'gone', pipedBy: '' };
    return { fate: dead === '1' ? 'dead' : 'alive', pipedBy: note.join('\n') };
  }

  /**
   * Who tmux last saw typing in the pane's window (the window option the
   * client-active hook sets, see audit.tmux) and every attached client with
   * its user (peer credentials) and access; undefined if tmux cannot say.
   * Asynchronous, as captureScreen. The option comes last, after a line that
   * starts with a fresh nonce: it is settable by anyone with write access, and
   * a newline in it must not pass for a client of list-clients.
   */
  typing(paneId: string, done: (snapshot: TypingSnapshot | undefined) => void): void {
    const marker = `typist-${randomBytes(8).toString('hex')}`;
    const row = ['#{client_name}', '#{client_user}', '#{client_uid}', '#{client_flags}', '#{client_activity}', '#{client_created}'].join(FIELD_SEPARATOR);
    // The window's own option (show-options -w, no -A): a format would find a server copy first, or a pane's, a
    // global or a session's where the window has none (format.c:3446-3456), anyone's words for who typed.
    const args = ['list-clients', '-F', row, ';', 'display-message', '-p', '-t', paneId, marker, ';', 'show-options', '-wqv', '-t', paneId, PANE_OPTIONS.typist];
    this.runLater(args, (error, stdout) => {
      if (error) return done(undefined);
      const lines = stdout.split('\n');
      const at = lines.indexOf(marker);
      if (at < 0) return done(undefined);
      const clients: AttachedClient[] = [];
      for (const line of lines.slice(0, at)) {
        const [name, user, uid, flags, activity, created] = line.split(FIELD_SEPARATOR);
        if (!name || !user || uid === undefined || flags === undefined) continue;
        clients.push({ name, user, uid, readOnly: flags.split(',').includes('read-only'), activity: Number(activity), created: Number(created) });
      }
      done({ typist: lines[at + 1] ?? '', clients });
    });
  }

  /** Clears the marks of a pane whose recording ended without a toggle (the reader's own failure). */
  clearMarks(paneId: string, recording: string): void {
    // Only if the pane still shows this recording, in one tmux command (see markPipe): a newer one may have started since.
    this.run([...shadowUnsets(paneId), ';', ...this.ifRecording(paneId, recording, commandText(unset(paneId, RECORDING_MARKS)))]);
  }
}
