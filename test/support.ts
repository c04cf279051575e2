// Test support: a real tmux server on its own socket, with the plugin loaded
// from this checkout, driven and read the way a user would.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HELPER = path.join(ROOT, 'dist', 'audit.cjs');
export const PLUGIN = path.join(ROOT, 'audit.tmux');

let serial = 0;

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(25);
  }
}

/** A file's text, or '' if it is not there (rotated away while we looked). */
export function readIfThere(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

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
}

export class TmuxServer {
  readonly socketName = `audit-test-${process.pid}-${serial++}`;
  readonly dir = makeTempDir('tmux-audit-test');
  readonly logDir = path.join(this.dir, 'logs');
  readonly env: NodeJS.ProcessEnv;
  private killed = false;

  constructor(options: ServerOptions = {}) {
    // HISTFILE empty: the panes' shells must not write into the directory while it is removed.
    this.env = { ...process.env, ...options.env, TMUX_TMPDIR: this.dir, HOME: this.dir, HISTFILE: '' };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    const config = path.join(this.dir, 'tmux.conf');
    const lines = [
      `set -g @audit-dir '${this.logDir}'`,
      "set -g status-right '[#{audit_status}]'",
      'set -g status-interval 0',
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

  /** A format evaluated for `target`, as `display -p` shows it. */
  show(format: string, target = '%0'): string {
    return this.tmux('display-message', '-p', '-t', target, format).replace(/\n$/, '');
  }

  /** Runs the helper inside tmux (run-shell), as the key binding does. */
  helper(args: string, target = '%0'): void {
    this.tmux('run-shell', '-t', target, `'${process.execPath}' '${HELPER}' ${args}`);
  }

  toggle(target = '%0'): void {
    this.helper(`toggle --pane '#{pane_id}' --client-user '#{client_user}'`, target);
  }

  /** Types a command line into a pane and presses Enter. */
  type(text: string, target = '%0'): void {
    this.tmux('send-keys', '-t', target, '-l', text);
    this.tmux('send-keys', '-t', target, 'Enter');
  }

  /** Runs a command line in a logged pane and waits until its output is in the log (typing ahead would mix echoes in). */
  async run(command: string, target = '%0', session = 'main'): Promise<void> {
    const marker = `done-${serial++}-${Date.now()}`;
    this.type(`${command}; echo ${marker}`, target);
    await waitFor(`'${command}' to finish`, () => this.loggedText(session).includes(marker));
  }

  /** `<session>@<socket>.log`: this server is not the default one. */
  logFile(session = 'main'): string {
    return path.join(this.logDir, `${session}@${this.socketName}.log`);
  }

  readLog(session = 'main'): string {
    return readIfThere(this.logFile(session));
  }

  /** Lines the pane printed (mark `|`), text only. */
  loggedText(session = 'main'): string[] {
    return this.readLog(session)
      .split('\n')
      .filter((line) => / \| /.test(line))
      .map((line) => line.slice(line.indexOf(' | ') + 3));
  }

  /** Pids of the log readers this server runs (from their pid files). */
  readerPids(): number[] {
    const run = path.join(this.logDir, '.run');
    if (!fs.existsSync(run)) return [];
    return fs
      .readdirSync(run)
      .filter((name) => name.endsWith('.pid'))
      .map((name) => Number(fs.readFileSync(path.join(run, name), 'utf8')))
      .filter((pid) => pid > 0);
  }

  /** Kills this server only (by its socket), lets its readers finish, removes its files. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    const readers = this.readerPids();
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    try {
      await waitFor('the readers to exit', () => readers.every((pid) => !alive(pid)), 10_000);
    } catch {
      for (const pid of readers.filter(alive)) process.kill(pid, 'SIGKILL'); // a test failed; leave nothing behind
    }
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** A factory of servers that are all killed when the test file is done. */
export function serversForThisFile(): (options?: ServerOptions) => TmuxServer {
  const servers: TmuxServer[] = [];
  after(async () => {
    for (const started of servers) await started.kill();
  });
  return (options) => {
    const started = new TmuxServer(options);
    servers.push(started);
    return started;
  };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A process's memory figure from /proc/<pid>/status, in kB (VmRSS now, VmHWM peak). */
export function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A tmux server of its own whose only pane runs a client attached to `inner`. */
export class OuterTerminal {
  readonly socketName = `audit-outer-${process.pid}-${serial++}`;
  readonly dir = makeTempDir('tmux-audit-outer');
  readonly env: NodeJS.ProcessEnv;

  constructor(inner: TmuxServer, session = 'main') {
    this.env = { ...process.env, TMUX_TMPDIR: this.dir, HOME: this.dir };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    // -u: the client's terminal (this pane) does UTF-8, whatever the test's locale says.
    const attach = [
      'exec env -u TMUX -u TMUX_PANE',
      `TMUX_TMPDIR=${shellQuote(inner.dir)}`,
      `HOME=${shellQuote(inner.dir)}`,
      `tmux -u -L ${shellQuote(inner.socketName)} attach -t ${shellQuote(session)}`,
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
