// A real bash, zsh or fish in a pane of a test's tmux server, with the plugin's shell snippet
// sourced from its rc file in a HOME of its own, and the pane's raw output captured by plain
// `pipe-pane 'cat >> file'` (the bytes a reader gets), to decode the OSC 133 records from.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeOsc133, field, type Osc133 } from './osc133.ts';
import { ROOT } from './paths.ts';
import type { TmuxServer } from './tmux.ts';
import { shellQuote, uniqueMarker, waitFor } from './util.ts';

export type ShellKind = 'bash' | 'zsh' | 'fish';

export const SNIPPETS: Record<ShellKind, string> = {
  bash: path.join(ROOT, 'shell', 'integration.bash'),
  zsh: path.join(ROOT, 'shell', 'integration.zsh'),
  fish: path.join(ROOT, 'shell', 'integration.fish'),
};

export interface ShellOptions {
  /** rc lines before the `source` line. */
  before?: string[];
  /** rc lines after it. */
  after?: string[];
  /** Environment for the shell (added to what the pane has; a value of null removes it). */
  env?: Record<string, string | null>;
  /** Leave the snippet out of the rc file. */
  noSnippet?: boolean;
}

let serial = 0;

export class ShellPane {
  readonly pane: string;
  readonly home: string;
  readonly outputFile: string;

  constructor(
    readonly server: TmuxServer,
    readonly kind: ShellKind,
    options: ShellOptions = {},
  ) {
    this.home = path.join(server.dir, `home-${kind}-${serial++}`);
    this.outputFile = path.join(this.home, 'pane-output.raw');
    const rcFile = { bash: '.bashrc', zsh: '.zshrc', fish: '.config/fish/config.fish' }[kind];
    fs.mkdirSync(path.dirname(path.join(this.home, rcFile)), { recursive: true });
    const source = options.noSnippet ? [] : [`source ${shellQuote(SNIPPETS[kind])}`];
    const greeting = kind === 'fish' ? ["set -g fish_greeting ''"] : [];
    // Without it, fish's first start runs python in the background to write completions here.
    if (kind === 'fish') fs.mkdirSync(path.join(this.home, '.local', 'share', 'fish', 'generated_completions'), { recursive: true });
    fs.writeFileSync(path.join(this.home, rcFile), [...greeting, ...(options.before ?? []), ...source, ...(options.after ?? []), ''].join('\n'));

    const env: Record<string, string | null> = {
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, '.config'),
      XDG_DATA_HOME: path.join(this.home, '.local', 'share'),
      LANG: 'C.UTF-8',
      LC_ALL: null,
      // `npm test` exports EDITOR=vi, and zsh then starts in its vi keymap (C-a is text there).
      EDITOR: null,
      VISUAL: null,
      ...options.env,
    };
    const entries = Object.entries(env);
    const assignments = [
      ...entries.filter(([, value]) => value === null).map(([name]) => `-u ${name}`),
      ...entries.filter(([, value]) => value !== null).map(([name, value]) => `${name}=${shellQuote(value!)}`),
    ].join(' ');
    const command = { bash: 'bash -i', zsh: 'zsh -i', fish: 'fish -i' }[kind];
    // The shell starts only once the pipe is there, so its first prompt is captured too.
    const channel = uniqueMarker('shell-start');
    const start = path.join(this.home, 'start.sh');
    fs.writeFileSync(start, `tmux wait-for ${channel}\nexec env ${assignments} ${command}\n`);
    this.pane = server.tmux('new-window', '-d', '-c', this.home, '-P', '-F', '#{pane_id}', `sh ${shellQuote(start)}`).trim();
    server.tmux('pipe-pane', '-t', this.pane, `cat >> ${shellQuote(this.outputFile)}`);
    server.tmux('wait-for', '-S', channel);
  }

  /** The pane's raw output so far. */
  output(): Buffer {
    return fs.existsSync(this.outputFile) ? fs.readFileSync(this.outputFile) : Buffer.alloc(0);
  }

  records(): Osc133[] {
    return decodeOsc133(this.output());
  }

  /** The C and D records, the sequences of commands. */
  commands(): Osc133[] {
    return this.records().filter((record) => record.kind === 'C' || record.kind === 'D');
  }

  /** What the pane shows. */
  screen(): string {
    return this.server.tmux('capture-pane', '-p', '-J', '-t', this.pane);
  }

  /** Presses keys (send-keys names: `C-a`, `Left`, `Enter`). */
  keys(...keys: string[]): void {
    this.server.tmux('send-keys', '-t', this.pane, ...keys);
  }

  /** Types text literally, no Enter. */
  text(text: string): void {
    this.server.tmux('send-keys', '-t', this.pane, '-l', text);
  }

  /**
   * Waits until the shell reads keys at a prompt drawn after `after` (a record's body, or an offset
   * in the output from `printed()`): its line editor has enabled bracketed paste (ESC [?2004h), so
   * the terminal is in raw mode. Keys sent before that are cooked by the tty (^C a signal, ^A a
   * literal byte) and the editor never sees them as keys.
   */
  async atPrompt(after?: string | number): Promise<void> {
    await waitFor(
      `a ${this.kind} prompt reading keys`,
      () => {
        const output = this.output().toString('latin1');
        const from = after === undefined ? 0 : typeof after === 'number' ? after : output.indexOf(`\x1b]133;${after}\x1b\\`);
        // bash enables it before its prompt, zsh and fish after: both, after the record. And the tty is
        // out of canonical mode: the editor reads keys (under load the sequence can come first).
        return from >= 0 && output.includes('\x1b]133;B', from) && output.includes('\x1b[?2004h', from) && this.rawTty();
      },
      15_000,
    );
  }

  /**
   * Waits for a prompt drawn after `from` (an offset from `printed()`) by a line editor that may
   * never have left its reader: fish draws the prompt after ^C anew with B but without A or
   * bracketed paste. Its B, with the tty still raw.
   */
  async promptRedrawn(from: number): Promise<void> {
    await waitFor(
      `a ${this.kind} prompt drawn again`,
      () => this.output().toString('latin1').includes('\x1b]133;B', from) && this.rawTty(),
      15_000,
    );
  }

  /** How many bytes the pane has printed so far: an offset for `atPrompt` to look after. */
  printed(): number {
    return this.output().length;
  }

  /**
   * Waits until the shell process `pid` sleeps (state S in /proc/<pid>/stat). At a prompt that
   * already shows every key sent, that is its wait for the next key: a signal sent now interrupts
   * that wait, rather than landing while the editor is still busy with the keys before.
   */
  async waitingForKey(pid: string): Promise<void> {
    await waitFor(`${this.kind} ${pid} asleep, waiting for a key`, () => {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
      // The state follows the command name in parentheses, which may itself hold ') '.
      return stat.slice(stat.lastIndexOf(')') + 2).startsWith('S');
    });
  }

  /** Whether the pane's tty is out of canonical mode (a line editor reading keys). */
  private rawTty(): boolean {
    const tty = this.server.tmux('display-message', '-p', '-t', this.pane, '#{pane_tty}').trim();
    return /(^|\s)-icanon(\s|$)/.test(execFileSync('stty', ['-F', tty, '-a'], { encoding: 'utf8' }));
  }

  /** Waits for the first prompt. */
  async ready(): Promise<this> {
    await this.atPrompt();
    return this;
  }

  /** The last C record's n, from `pid` (any pid if not given); 0 if none. */
  lastNumber(pid?: string): number {
    const starts = this.records().filter((record) => record.kind === 'C' && (pid === undefined || field(record, 'pid') === pid));
    return starts.length === 0 ? 0 : Number(field(starts[starts.length - 1]!, 'n'));
  }

  /**
   * Types a command line (Enter after each line), then waits for the D record of the next command
   * number of the shell `pid` (the last C's pid if not given); returns that command's C and D.
   */
  async run(lines: string | string[], pid?: string): Promise<{ start: Osc133; end: Osc133 }> {
    const who = pid ?? this.lastPid();
    const n = String(this.lastNumber(who) + 1);
    for (const line of [lines].flat()) {
      this.text(line);
      this.keys('Enter');
    }
    return this.waitForCommand(n, who);
  }

  /** Waits for command `n`'s C and D records of shell `pid` (any pid if undefined). */
  async waitForCommand(n: string, pid?: string): Promise<{ start: Osc133; end: Osc133 }> {
    const mine = (record: Osc133) => field(record, 'n') === n && (pid === undefined || field(record, 'pid') === pid);
    const end = await waitFor(`${this.kind}: the end of command ${n}`, () =>
      this.records().find((record) => record.kind === 'D' && mine(record)),
    );
    const start = this.records().find((record) => record.kind === 'C' && mine(record));
    if (!start) throw new Error(`${this.kind}: command ${n} ended without a start record`);
    await this.atPrompt(end.body);
    return { start, end };
  }

  /** Waits for command `n`'s C record of shell `pid` (one that never ends: exec, exit). */
  async waitForStart(n: string, pid: string): Promise<Osc133> {
    return waitFor(`${this.kind}: the start of command ${n}`, () =>
      this.records().find((record) => record.kind === 'C' && field(record, 'n') === n && field(record, 'pid') === pid),
    );
  }

  /** The pid of the last C record's shell (undefined before the first command). */
  lastPid(): string | undefined {
    const starts = this.records().filter((record) => record.kind === 'C');
    return starts.length === 0 ? undefined : field(starts[starts.length - 1]!, 'pid');
  }

  /** The pane option a shell registered its nonce's hash in. */
  registered(pid: string): string {
    return this.server.tmux('show-options', '-p', '-v', '-t', this.pane, `@audit_shell_${pid}`).trim();
  }
}
