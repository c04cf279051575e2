// Test support: a real tmux server on its own socket, with the plugin loaded
// from this checkout, driven and read the way a user would; and a real client
// attached to it, in a pane of a second ("outer") server, to press keys in and
// read the screen of.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { cliResult, type CliResult } from './cli.ts';
import { readIfThere, rotatedLogFiles, stampsOutOfOrder, withoutSeals } from './log.ts';
import { HELPER, PLUGIN } from './paths.ts';
import { descendants, running } from './process.ts';
import { makeTempDir, shellQuote, uniqueMarker, waitFor } from './util.ts';

let serial = 0;

export interface ServerOptions {
  /** Lines added to the config before the plugin is loaded. */
  config?: string[];
  session?: string;
  /** Loads audit.tmux (default true). */
  plugin?: boolean;
  /** Extra environment for the server, and so for the readers it starts. */
  env?: NodeJS.ProcessEnv;
  /** The server's umask (default 022). */
  umask?: string;
  /** The helper bundle the test's key presses run (default dist/audit.cjs); pipe-pane then runs the same one. */
  helper?: string;
}

/** How a client reaches a server: its TMUX_TMPDIR and HOME, its socket (-L, else the default one) and session (-t, else tmux's choice). */
export interface ClientOf {
  tmpDir: string;
  home: string;
  socketName?: string;
  session?: string;
  /** Attach as this Unix user, through the socket at `socketPath` (another user's -L names another directory). */
  user?: { name: string; socketPath: string };
  /** SSH_CONNECTION in the client's environment, as sshd gives a login shell (`client port server port`). */
  sshConnection?: string;
}

/** A server a client can be attached to: where it is, and its command line. */
export interface Attachable {
  clientOf(session?: string): ClientOf;
  tmux(...args: string[]): string;
}

/** `p0` for `%0`: a word for a pane that a seq format can hold (seq would read `%0` as a conversion). */
export function paneWord(pane: string): string {
  return pane.replace('%', 'p');
}

export class TmuxServer implements Attachable {
  readonly socketName = `audit-test-${process.pid}-${serial++}`;
  readonly dir = makeTempDir('tmux-audit-test');
  readonly logDir = path.join(this.dir, 'logs');
  readonly env: NodeJS.ProcessEnv;
  private killed = false;

  /** The helper bundle this server's toggles run. */
  readonly helperBundle: string;

  constructor(options: ServerOptions = {}) {
    this.helperBundle = options.helper ?? HELPER;
    // HISTFILE empty: the panes' shells must not write into the directory while it is removed.
    this.env = { ...process.env, ...options.env, TMUX_TMPDIR: this.dir, HOME: this.dir, HISTFILE: '' };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    const config = path.join(this.dir, 'tmux.conf');
    const lines = [
      `set -g @audit-dir '${this.logDir}'`,
      "set -g status-right '[#{audit_status}]'",
      'set -g status-interval 0',
      // Tests of rotation read rotated files as they are; those of compression turn it on (a later line wins).
      'set -g @audit-compress off',
      // Most tests count what they print after a start: the history block (on by default) is tested on its own.
      'set -g @audit-history off',
      ...(options.config ?? []),
    ];
    if (options.plugin !== false) lines.push(`run-shell '${PLUGIN}'`);
    fs.writeFileSync(config, `${lines.join('\n')}\n`);
    const start = ['tmux', '-L', this.socketName, '-f', config, 'new-session', '-d', '-s', options.session ?? 'main', '-x', '120', '-y', '30'];
    // The server, and so every helper it runs, inherits the umask it was started with.
    execFileSync('sh', ['-c', `umask ${options.umask ?? '022'}; exec "$@"`, 'sh', ...start], { env: this.env, stdio: 'ignore' });
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socketName, ...args], { env: this.env, encoding: 'utf8' });
  }

  /**
   * Runs tmux commands from a hook (one of list-buffers', which the plugin does not use): a hook's commands run no
   * hook (cmd-queue.c:370), so none of the plugin's sees them, as none sees a user's own hook's.
   */
  fromAHook(commands: string[][]): void {
    this.tmux('set-hook', '-g', 'after-list-buffers[90]', commands.map((command) => command.join(' ')).join(' ; '));
    this.tmux('list-buffers');
    this.tmux('set-hook', '-gu', 'after-list-buffers[90]');
  }

  clientOf(session = 'main'): ClientOf {
    return { tmpDir: this.dir, home: this.dir, socketName: this.socketName, session };
  }

  /** A format evaluated for `target`, as `display -p` shows it. */
  show(format: string, target = '%0'): string {
    return this.tmux('display-message', '-p', '-t', target, format).replace(/\n$/, '');
  }

  /** What a pane shows now, as `capture-pane -p` prints it. */
  screen(target = '%0'): string {
    return this.tmux('capture-pane', '-p', '-t', target);
  }

  /** Splits %0 until the window has `count` panes (then applies `layout`, if any); returns their ids, %0 first. */
  panes(count: number, layout?: string): string[] {
    const panes = ['%0'];
    while (panes.length < count) panes.push(this.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim());
    if (layout) this.tmux('select-layout', '-t', '%0', layout);
    return panes;
  }

  /** Runs the helper inside tmux (run-shell), as the key binding does. */
  helper(args: string, target = '%0'): void {
    this.tmux('run-shell', '-t', target, `'${process.execPath}' '${this.helperBundle}' ${args}`);
  }

  toggle(target = '%0'): void {
    this.helper(`toggle --pane '#{pane_id}' --client-user '#{client_user}'`, target);
  }

  /** Starts logging `pane` and returns the reader's pid and the recording id. */
  async startLogging(pane = '%0'): Promise<{ pid: number; recording: string }> {
    this.toggle(pane);
    const recording = this.show('#{@audit_on}', pane);
    const pid = await waitFor('the reader pid', () => this.readerPids()[0]);
    return { pid, recording };
  }

  /** The environment of a shell in `pane`: TMUX and TMUX_PANE name this server and that pane. */
  paneEnv(pane = '%0'): NodeJS.ProcessEnv {
    return { ...this.env, TMUX: `${this.show('#{socket_path}')},0,0`, TMUX_PANE: pane };
  }

  /** Runs the helper's command line as a user would from a shell in `pane`; returns its status, stdout and stderr. */
  cliInPane(args: string[], pane = '%0'): CliResult {
    return cliResult(args, this.paneEnv(pane));
  }

  /** Types a command line into a pane and presses Enter. */
  type(text: string, target = '%0'): void {
    this.tmux('send-keys', '-t', target, '-l', text);
    this.tmux('send-keys', '-t', target, 'Enter');
  }

  /** Runs a command line in a logged pane and waits until its output is in the log (typing ahead would mix echoes in). */
  async run(command: string, target = '%0', session = 'main', timeoutMs?: number): Promise<void> {
    const marker = uniqueMarker('done');
    this.type(`${command}; echo ${marker}`, target);
    await waitFor(`'${command}' to finish`, this.printedProbe(marker, session), timeoutMs);
  }

  /** Waits until the log holds a line the pane printed (mark `|`) that is `text` exactly (see printedProbe). */
  async waitForPrinted(text: string, options: { session?: string; timeoutMs?: number } = {}): Promise<void> {
    await waitFor(`'${text}' in the log`, this.printedProbe(text, options.session ?? 'main'), options.timeoutMs);
  }

  /**
   * A probe for waitFor: whether a line the pane printed that is `text` exactly is in the session's live file, or in a
   * rotated one: the reader's own events after it (a rotated file's digest, its seals) may rotate the log once the pane
   * is quiet. A rotated file is read once, and again only if its size changed: a flood leaves hundreds, and a probe
   * runs every 25 ms.
   */
  private printedProbe(text: string, session: string): () => boolean {
    const wanted = `| ${text}\n`;
    const live = this.logFile(session);
    const looked = new Map<string, number>();
    let found = false;
    const look = (): boolean => {
      if (readIfThere(live).includes(wanted)) return true;
      let rotated: string[];
      try {
        rotated = rotatedLogFiles(path.dirname(live), path.basename(live));
      } catch {
        // No log directory (removed, not made again yet), or a file a test planted beside the log: the live file only.
        return false;
      }
      for (const file of rotated) {
        let size: number;
        try {
          size = fs.statSync(file).size;
        } catch {
          continue;
        }
        if (looked.get(file) === size) continue;
        looked.set(file, size);
        if (readIfThere(file).includes(wanted)) return true;
      }
      return false;
    };
    // Once found, found: its rotated file is not read again.
    return () => (found ||= look());
  }

  /**
   * Types `seq -f '<lineFormat(word)>' 1 <count>; echo <word>-finished` into each of `panes` (word: see
   * paneWord), and waits until every pane's finished line is in the session's log, rotated files included.
   */
  async flood(panes: string[], lineFormat: (word: string) => string, count: number, timeoutMs: number): Promise<void> {
    for (const pane of panes) this.type(`seq -f '${lineFormat(paneWord(pane))}' 1 ${count}; echo ${paneWord(pane)}-finished`, pane);
    const logged = panes.map((pane) => this.printedProbe(`${paneWord(pane)}-finished`, 'main'));
    await waitFor(
      'every pane to finish',
      () =>
        // Reading the files is costly while they grow: first the cheap sign that all panes are done.
        panes.every((pane) => this.screen(pane).split('\n').includes(`${paneWord(pane)}-finished`)) && logged.every((probe) => probe()),
      timeoutMs,
    );
  }

  /** `<session>@<socket>.log`: this server is not the default one. */
  logFile(session = 'main'): string {
    return path.join(this.logDir, `${session}@${this.socketName}.log`);
  }

  /** The live log file's text ('' if there is none), without seals (see withoutSeals). */
  readLog(session = 'main'): string {
    return withoutSeals(readIfThere(this.logFile(session)));
  }

  /** Lines the pane printed (mark `|`), text only, from the live file. */
  loggedText(session = 'main'): string[] {
    return printedText(this.readLog(session));
  }

  /** Pids of the log readers this server runs (from their pid files). */
  readerPids(): number[] {
    const run = path.join(this.logDir, '.run');
    if (!fs.existsSync(run)) return [];
    return fs
      .readdirSync(run)
      .filter((name) => name.endsWith('.pid'))
      .map((name) => {
        try {
          return Number(fs.readFileSync(path.join(run, name), 'utf8'));
        } catch (error) {
          // A reader exiting between the listing and the read removes its pid file: it runs no more.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
          throw error;
        }
      })
      .filter((pid) => pid > 0);
  }

  /** Kills this server only (by its socket), lets its readers finish, removes its files. */
  async kill(): Promise<void> {
    await this.stop();
    this.remove();
  }

  /**
   * Kills this server only (by its socket) and waits until every process it ran has exited: its readers
   * write their last lines after the server is gone, wherever @audit-dir pointed them.
   */
  async stop(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    const processes = new Set(this.readerPids());
    try {
      for (const pid of descendants(Number(this.tmux('display-message', '-p', '#{pid}')))) processes.add(pid);
    } catch {
      // no server, or no session left to ask
    }
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    try {
      await waitFor('the readers to exit', () => [...processes].every((pid) => !running(pid)), 10_000);
    } catch {
      // A test failed; leave nothing behind.
      for (const pid of [...processes].filter(running)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // exited meanwhile
        }
      }
    }
  }

  /** Removes this server's files (stop it first), after checking that no log in them goes back in time. */
  remove(): void {
    const problems = stampsOutOfOrder(this.dir);
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
    if (problems.length > 0) throw new Error(`stamps out of order:\n${problems.slice(0, 10).join('\n')}`);
  }
}

/** A factory of servers that are all killed when the test file is done. */
export function serversForThisFile(): (options?: ServerOptions) => TmuxServer {
  const servers: TmuxServer[] = [];
  after(async () => {
    // All stopped before any is removed: a reader of one server may write into another's directory.
    for (const started of servers) await started.stop();
    for (const started of servers) started.remove();
  });
  return (options) => {
    const started = new TmuxServer(options);
    servers.push(started);
    return started;
  };
}

/** A tmux server of its own whose only pane runs a client attached to another server. */
export class OuterTerminal {
  readonly socketName = `audit-outer-${process.pid}-${serial++}`;
  readonly dir = makeTempDir('tmux-audit-outer');
  readonly env: NodeJS.ProcessEnv;

  constructor(inner: ClientOf) {
    this.env = { ...process.env, TMUX_TMPDIR: this.dir, HOME: this.dir };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    // -u: the client's terminal (this pane) does UTF-8, whatever the test's locale says.
    const attach = inner.user ? [
      `exec runuser -u ${shellQuote(inner.user.name)} -- env -u TMUX -u TMUX_PANE HOME=/tmp`,
      `tmux -u -S ${shellQuote(inner.user.socketPath)} attach`,
      ...(inner.session === undefined ? [] : [`-t ${shellQuote(inner.session)}`]),
    ].join(' ') : [
      'exec env -u TMUX -u TMUX_PANE',
      ...(inner.sshConnection === undefined ? [] : [`SSH_CONNECTION=${shellQuote(inner.sshConnection)}`]),
      `TMUX_TMPDIR=${shellQuote(inner.tmpDir)}`,
      `HOME=${shellQuote(inner.home)}`,
      'tmux -u',
      ...(inner.socketName === undefined ? [] : [`-L ${shellQuote(inner.socketName)}`]),
      'attach',
      ...(inner.session === undefined ? [] : [`-t ${shellQuote(inner.session)}`]),
    ].join(' ');
    execFileSync('tmux', ['-L', this.socketName, '-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '30', attach], {
      env: this.env,
      stdio: 'ignore',
    });
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socketName, ...args], { env: this.env, encoding: 'utf8' });
  }

  /** Presses keys in the client, as send-keys names them (`C-b`, `A`, `Enter`). */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', '%0', ...keys);
  }

  /** Types text literally. */
  typeText(text: string): void {
    this.tmux('send-keys', '-t', '%0', '-l', text);
  }

  /** The client's screen, one string per row. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', '%0').replace(/\n$/, '').split('\n');
  }

  /** The client's screen as one text, rows joined by newlines. */
  screenText(): string {
    return this.screen().join('\n');
  }

  /** The last row of the client's screen: the inner status line (or a message shown over it). */
  statusRow(): string {
    const rows = this.screen();
    return rows[rows.length - 1] ?? '';
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Attaches a client to `inner` (from an outer terminal) and waits until `inner` lists it. */
export async function attachClient(inner: Attachable, session?: string): Promise<OuterTerminal> {
  const terminal = new OuterTerminal(inner.clientOf(session));
  try {
    await waitFor('a client attached to the inner server', () => inner.tmux('list-clients', '-F', '#{client_name}').trim() !== '');
  } catch (error) {
    terminal.kill();
    throw error;
  }
  return terminal;
}

/** The lines a pane printed (mark `|`) in a log's text, text only. */
function printedText(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => / \| /.test(line))
    .map((line) => line.slice(line.indexOf(' | ') + 3));
}
