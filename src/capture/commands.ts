// Commands as records. A shell with the plugin's integration (shell/) marks
// each command it runs with OSC 133 `C` (the exact command line, cwd, a
// number) and `D` (exit status, duration, pipe statuses); the cleaner reports
// the marks in order with the output, and this turns them into events:
//
//   * command n=17 pid=4242 user=ann host=web1 cwd=/srv verified=yes cmd="rm -rf build"
//   * command-end n=17 pid=4242 exit=0 ms=1200 pipestatus=0 verified=yes
//
// Anything the pane prints can print these marks too, so each mark carries
// the shell's nonce (`k=`), a random value the shell keeps in a non-exported
// variable; the shell registered only its SHA-256 with tmux, as the pane
// option `@audit_shell_<pid>`. A mark is `verified=yes` when the hash of its
// nonce is the one registered for its pid; anything else is `verified=no`
// (forged, a remote shell, a pid reused, fish 4's or VS Code's own marks):
// never "forged", because "no" is all that is known. The nonce is never
// written: not in events, and a line of output that shows it (someone echoed
// the variable) has it blanked.
//
// Looking a hash up asks tmux, asynchronously: the event and everything after
// it are held back meanwhile (pipeline/hold.ts), so the order stays the pane's.

import { createHash } from 'node:crypto';
import type { Hold } from '../pipeline/hold.ts';
import { decodePercent, parseShellMark, type ShellMark } from '../terminal/semantic.ts';

/** What the tracker asks of tmux: the hash a shell registered, or undefined. */
export interface ShellKeys {
  registered(pid: string, done: (hash: string | undefined) => void): void;
}

export interface CommandTrackerOptions {
  /** tmux, for the registered hashes; none (`pipe --file`): every mark is `verified=no`. */
  keys?: ShellKeys;
  hold: Hold;
  /** Writes an event (its fields object may still be changed while the hold keeps it back). */
  event: (name: string, fields: Record<string, string | number | undefined>) => void;
  /** Epoch milliseconds now. */
  now: () => number;
}

/** An answer from tmux is waited for this long; then the mark is `verified=no`. */
const ANSWER_MS = 2000;
/** Questions in flight at most, and asked per second at most: beyond, a mark is `verified=no` at once (a flood of forgeries costs a few questions). */
const MAX_ASKING = 4;
const MAX_ASKS_PER_SECOND = 5;
/** Shells remembered at most. */
const MAX_KNOWN = 1024;
/** Nonces remembered per pid as not matching (a forgery repeated costs no question). */
const MAX_REFUSED = 16;
/** Nonces remembered for blanking (one per shell that ran in the pane; nested shells, `exec bash`). */
const MAX_NONCES = 64;

const NONCE = /^[0-9a-f]{32}$/;
const PID = /^[1-9]\d{0,9}$/;
export const NONCE_BLANK = '[nonce]';

type Fields = Record<string, string | number | undefined>;

export class CommandTracker {
  /** pid → the hash tmux gave, and when it was asked. */
  private readonly known = new Map<string, { hash: string | undefined; at: number }>();
  private readonly asking = new Map<string, ((hash: string | undefined) => void)[]>();
  /** pid → nonces that did not match what tmux gave for it. */
  private readonly refused = new Map<string, string[]>();
  /** When the last questions were asked (at most MAX_ASKS_PER_SECOND kept). */
  private readonly asked: number[] = [];
  private readonly nonces = new Set<string>();
  /** VS Code's command line (633 E), waiting for its C. */
  private pendingLine: string | undefined;
  /** The prompt as drawn when input started (B), and the last line of output: the command as the screen showed it. */
  private prompt: string | undefined;
  private lastLine = '';
  private timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: CommandTrackerOptions) {}

  /** Whether any nonce is known: output must then be searched for it. */
  get blanking(): boolean {
    return this.nonces.size > 0;
  }

  /** `text` with every known nonce blanked. */
  blank(text: string): string {
    for (const nonce of this.nonces) if (text.includes(nonce)) text = text.split(nonce).join(NONCE_BLANK);
    return text;
  }

  /** A line of output was logged (the fallback when the shell cannot give its command line). */
  sawLine(text: string): void {
    this.lastLine = text;
  }

  /** A semantic-prompt string; `pending`: the text of the line being drawn now (the prompt, at B). */
  mark(family: number, data: string, truncated: boolean, pending: () => string): void {
    const mark = parseShellMark(family, data);
    if (!mark) return;
    // VS Code's command line counts only for its own C: a prompt or an end in between voids it.
    if (mark.code !== 'E' && mark.code !== 'C') this.pendingLine = undefined;
    switch (mark.code) {
      case 'B':
        this.prompt = pending();
        break;
      case 'E':
        this.pendingLine = mark.value;
        break;
      case 'C':
        this.command(mark, truncated);
        break;
      case 'D':
        this.end(mark);
        break;
    }
  }

  /** The recording ends: nothing waits for tmux any longer. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const [pid, waiting] of this.asking) {
      this.asking.delete(pid);
      for (const done of waiting) done(undefined);
    }
  }

  private command(mark: ShellMark, truncated: boolean): void {
    const option = (key: string): string | undefined => {
      const value = mark.options.get(key);
      return value === undefined ? undefined : this.blank(decodePercent(value));
    };
    let cmd = option('cmdline_url') ?? (mark.options.has('cmdline') ? this.blank(mark.options.get('cmdline')!) : undefined);
    let source = mark.options.get('source') === 'screen' ? 'screen' : undefined;
    // Only for VS Code's own C (633): its E is unsigned, and must never lend its text to another mark.
    if (cmd === undefined && mark.family === 633 && this.pendingLine !== undefined) cmd = this.blank(this.pendingLine);
    this.pendingLine = undefined;
    if (cmd === undefined) {
      source = 'screen';
      const prompt = this.prompt;
      cmd = prompt && this.lastLine.startsWith(prompt) ? this.lastLine.slice(prompt.length) : this.lastLine;
    }
    const fields: Fields = {
      n: numberOption(mark, 'n'),
      pid: pidOption(mark),
      user: option('user'),
      host: option('host'),
      cwd: option('cwd'),
      verified: 'no',
      source,
      truncated: truncated ? 'yes' : undefined,
      cmd,
    };
    this.verify(mark, fields);
    this.options.event('command', fields);
  }

  private end(mark: ShellMark): void {
    const fields: Fields = {
      n: numberOption(mark, 'n'),
      pid: pidOption(mark),
      exit: mark.exit,
      ms: numberOption(mark, 'ms'),
      pipestatus: /^\d{1,3}(,\d{1,3}){0,63}$/.test(mark.options.get('pipestatus') ?? '') ? mark.options.get('pipestatus') : undefined,
      verified: 'no',
    };
    this.verify(mark, fields);
    this.options.event('command-end', fields);
  }

  /** Sets `fields.verified` now, or later while the hold keeps the event back. */
  private verify(mark: ShellMark, fields: Fields): void {
    const pid = mark.options.get('pid');
    const nonce = mark.options.get('k');
    const keys = this.options.keys;
    if (mark.family !== 133 || !keys || pid === undefined || !PID.test(pid) || nonce === undefined || !NONCE.test(nonce)) return;
    const hash = createHash('sha256').update(nonce).digest('hex');
    const known = this.known.get(pid);
    const accept = (registered: string | undefined): void => {
      if (registered !== hash) {
        const refused = this.refused.get(pid) ?? [];
        if (!refused.includes(nonce)) refused.push(nonce);
        if (refused.length > MAX_REFUSED) refused.shift();
        this.refused.set(pid, refused);
        if (this.refused.size > MAX_KNOWN) this.refused.delete(this.refused.keys().next().value!);
        return;
      }
      fields.verified = 'yes';
      if (this.nonces.has(nonce) || this.nonces.size >= MAX_NONCES) return;
      this.nonces.add(nonce);
      // Output held while tmux was asked came before the nonce was known to be the shell's.
      this.options.hold.rewrite((text) => this.blank(text));
    };
    if (known && known.hash === hash) return accept(hash);
    // Not known, or another nonce than the one known (`exec bash` registers a new one under the same
    // pid): ask, unless this nonce was refused already or too many questions are being asked.
    if (this.refused.get(pid)?.includes(nonce)) return;
    const waiting = this.asking.get(pid);
    if (!waiting) {
      const now = this.options.now();
      while (this.asked.length > 0 && now - this.asked[0]! >= 1000) this.asked.shift();
      if (this.asking.size >= MAX_ASKING || this.asked.length >= MAX_ASKS_PER_SECOND) return;
      this.asked.push(now);
    }
    const release = this.options.hold.hold();
    let answered = false;
    const done = (registered: string | undefined): void => {
      if (answered) return;
      answered = true;
      accept(registered);
      release();
    };
    if (waiting) return void waiting.push(done);
    this.asking.set(pid, [done]);
    const timer = setTimeout(() => finish(undefined), ANSWER_MS);
    this.timers.add(timer);
    const finish = (registered: string | undefined): void => {
      clearTimeout(timer);
      this.timers.delete(timer);
      const all = this.asking.get(pid);
      if (!all) return;
      this.asking.delete(pid);
      this.known.set(pid, { hash: registered, at: this.options.now() });
      // Fresh pids forged by the thousand must not grow the reader: the oldest are forgotten (a real shell is asked again).
      if (this.known.size > MAX_KNOWN) this.known.delete(this.known.keys().next().value!);
      for (const each of all) each(registered);
    };
    keys.registered(pid, finish);
  }
}

function numberOption(mark: ShellMark, key: string): string | undefined {
  const value = mark.options.get(key);
  return value !== undefined && /^\d{1,15}$/.test(value) ? value : undefined;
}

function pidOption(mark: ShellMark): string | undefined {
  const value = mark.options.get('pid');
  return value !== undefined && PID.test(value) ? value : undefined;
}
