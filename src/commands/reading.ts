// What the reading commands (ls, grep, show, tail, export, replay) share: the
// options that say where the logs are, the answer to that, output to stdout
// that stops quietly when the reader of a pipe goes away, and reporting a
// failure from an asynchronous command (cli.ts reports the synchronous ones).

import fs from 'node:fs';
import { Command, type ParseOptionsResult } from 'commander';
import { AuditError } from '../core/errors.ts';
import { escapeForTerminal, escapeText } from '../format/text.ts';
import { copyPlain, plainAscii } from '../read/fast-line.ts';
import { listLogs, selectSessions, type LogSet } from '../read/files.ts';
import { locate, serverAnswer, type Location } from '../read/where.ts';
import { Tmux } from '../tmux/client.ts';

export interface WhereOptions {
  dir?: string;
  timeFormat?: string;
}

/** Adds `--dir` and `--time-format` to a reading command. */
export function whereOptions(command: Command): Command {
  return command
    .option('--dir <dir>', 'the log directory (default: $TMUX_AUDIT_DIR, else the tmux server\'s @audit-dir, else ~/.local/state/tmux-audit)')
    .option('--time-format <format>', 'the stamps\' date-fns time format (default: the tmux server\'s @audit-time-format, else ISO 8601)');
}

/** A recording id (nanoid: 10 of A-Z a-z 0-9 _ -) that starts with `-`, as a word of the command line. */
const DASHED_ID = /^-[\w-]{9}$/;

/**
 * A command whose argument is a recording id: an id that starts with `-`
 * (one in 32 does) is taken as the id, not as an unknown option, unless it
 * is the value of the option before it.
 */
export class RecordingCommand extends Command {
  override parseOptions(argv: string[]): ParseOptionsResult {
    const index = argv.findIndex((word, i) => DASHED_ID.test(word) && !this.isOption(word) && !this.takesValue(argv[i - 1]));
    if (index < 0 || argv.slice(0, index).includes('--')) return super.parseOptions(argv);
    const result = super.parseOptions([...argv.slice(0, index), ...argv.slice(index + 1)]);
    result.operands.unshift(argv[index]!);
    return result;
  }

  private optionNamed(word: string | undefined) {
    return word === undefined ? undefined : this.options.find((candidate) => candidate.short === word || candidate.long === word);
  }

  /** One of its options (`--max-idle` has the shape of an id). */
  private isOption(word: string): boolean {
    return this.optionNamed(word) !== undefined || word === '--help';
  }

  private takesValue(word: string | undefined): boolean {
    const option = this.optionNamed(word);
    return option !== undefined && (option.required || option.optional);
  }
}

/** The tmux server's @audit-dir and @audit-time-format, if one answers. */
function askServer(): { dir: string; timeFormat: string } | undefined {
  try {
    return serverAnswer(new Tmux().run(['show-options', '-gqv', '@audit-dir', ';', 'show-options', '-gqv', '@audit-time-format']));
  } catch {
    return undefined; // no server, or no tmux
  }
}

export function location(options: WhereOptions): Location {
  return locate(options, process.env, askServer);
}

/** The logs of the directory, of one session when `session` is given. */
export function logsOf(where: Location, session?: string): LogSet[] {
  return selectSessions(listLogs(where.dir), session, where.dir);
}

const NEWLINE = Buffer.from('\n');
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Standard output, written synchronously in large pieces. When whoever reads
 * it goes away (`| head`), `closed` turns true and the command stops.
 */
export class Output {
  closed = false;

  /**
   * `raw`: for what the tool itself made terminal-ready (replay's casts, whose
   * log text was escaped when the cast was built). Otherwise every control
   * character but newline and TAB is written as `\uXXXX`: a log its owner has
   * edited must not drive the reader's terminal (titles, clipboard, clearing).
   */
  constructor(
    private readonly raw = false,
    /** Standard output; another descriptor under test. */
    private readonly fd = 1,
  ) {}
  /** Text encoded straight into one buffer (no string joined first), written when it fills. */
  private readonly pending = Buffer.allocUnsafeSlow(1 << 20);
  private readonly pendingView = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.length);
  private used = 0;

  write(data: string | Buffer): boolean {
    if (this.closed) return false;
    if (!this.raw) data = escapeForTerminal(typeof data === 'string' ? data : data.toString('utf8'));
    if (typeof data !== 'string') {
      this.flush();
      this.writeAll(data);
    } else if (data.length * 3 > this.pending.length - this.used) {
      this.flush();
      if (data.length * 3 > this.pending.length) this.writeAll(Buffer.from(data));
      else this.used += this.pending.write(data, this.used);
    } else this.used += this.pending.write(data, this.used);
    return !this.closed;
  }

  /**
   * `<head><number>: <bytes[start, end)>\n`, the line copied as it is when
   * it is printable ASCII and TAB only (nothing to escape: fast-line.ts);
   * undefined, with nothing written, when it is not. `head` is escaped by the
   * caller. A search may print millions of lines: no string is made, and the
   * line is checked as it is copied.
   */
  writeNumbered(head: Buffer, number: number, bytes: Buffer, start: number, end: number): boolean | undefined {
    if (this.closed) return false;
    if (head.length + 20 + end - start > this.pending.length - this.used) {
      this.flush();
      if (head.length + 20 + end - start > this.pending.length) {
        if (!plainAscii(bytes, start, end)) return undefined;
        this.writeAll(Buffer.concat([head, Buffer.from(`${number}: `), bytes.subarray(start, end), NEWLINE]));
        return !this.closed;
      }
    }
    const pending = this.pending;
    pending.set(head, this.used);
    let used = this.used + head.length;
    let digits = 1;
    for (let rest = number; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    for (let i = used + digits - 1, rest = number; i >= used; i--, rest = Math.floor(rest / 10)) pending[i] = 0x30 + (rest % 10);
    used += digits;
    pending[used++] = 0x3a; // ':'
    pending[used++] = 0x20;
    used = copyPlain(bytes, start, end, this.pendingView, used);
    if (used < 0) return undefined; // `used` not kept: nothing written
    pending[used++] = 0x0a;
    this.used = used;
    return true;
  }

  flush(): void {
    if (this.closed || this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeAll(this.pending.subarray(0, used));
  }

  private writeAll(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length && !this.closed) {
      try {
        done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 5); // a non-blocking stdout that is full: wait for room
          continue;
        }
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw error;
      }
    }
  }
}

/** One line on stderr, as the CLI reports: `tmux-audit: <message>`. */
export function warn(message: string): void {
  process.stderr.write(`tmux-audit: ${escapeText(message)}\n`);
}

/** A file that could not be read, named. */
export function fileProblem(file: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read ${file}: ${code ?? error.message}`;
}

/** Ends an asynchronous command: its failure is reported in one line and exits 2 (an AuditError, its own code). */
export function settle(work: Promise<void>): void {
  work.catch((error: unknown) => {
    if (error instanceof AuditError) {
      warn(error.message);
      process.exit(error.exitCode);
    }
    warn(`unexpected failure: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  });
}
