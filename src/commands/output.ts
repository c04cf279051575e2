// Standard output for the reading commands, written synchronously in large
// pieces, that stops quietly when the reader of a pipe goes away; and the same
// kept in memory, for a scan worker whose lines the main thread prints in order.

import fs from 'node:fs';
import { AuditError } from '../core/errors.ts';
import { escapeForTerminal } from '../format/text.ts';
import { copyPlain, plainAscii } from '../read/fast-line.ts';

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
  constructor(private readonly raw = false) {}
  /** Text encoded straight into one buffer (no string joined first), written when it fills. */
  private readonly pending = Buffer.allocUnsafeSlow(1 << 20);
  private readonly pendingView = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.length);
  private used = 0;

  protected get pendingLength(): number {
    return this.used;
  }

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

  /** Bytes already made ready for the terminal (a scan worker's printed lines: grep-parallel.ts), written as they are. */
  writeReady(bytes: Uint8Array): boolean {
    if (this.closed) return false;
    // A scan worker's lines come in buffers of up to 1 MiB: written as they are, not copied here first.
    if (bytes.length >= this.pending.length >> 2) {
      this.flush();
      this.writeAll(bytes);
      return !this.closed;
    }
    if (bytes.length > this.pending.length - this.used) {
      this.flush();
      if (bytes.length > this.pending.length) {
        this.writeAll(bytes);
        return !this.closed;
      }
    }
    this.pending.set(bytes, this.used);
    this.used += bytes.length;
    return true;
  }

  /** Writes `bytes` out; an output kept in memory (MemoryOutput) keeps them instead. */
  protected writeAll(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length && !this.closed) {
      try {
        done += fs.writeSync(1, bytes, done, bytes.length - done);
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
        // The output's failure, not a log file's (no `code`: the readers, search.ts readFile, pass it on rather than
        // blaming the file being read): one line, exit 2. Nothing more is written.
        this.closed = true;
        throw new AuditError(`cannot write output: ${code ?? (error as Error).message}`, 2);
      }
    }
  }
}

/**
 * Runs `work` printing to `out`, then writes what is pending; when `work`
 * fails (a file refused, the output full), what it printed before is written
 * too, before the failure is told and the process exits (process.exit does
 * not wait for anything kept here).
 */
export function printing<T>(out: Output, work: () => T): T {
  let result: T;
  try {
    result = work();
  } catch (failure) {
    try {
      out.flush();
    } catch {
      // the output failing too: the first failure is the one told
    }
    throw failure;
  }
  out.flush();
  return result;
}

/** An Output whose bytes are kept, in order, for whoever prints them later (`take`). */
export class MemoryOutput extends Output {
  private kept: Buffer[] = [];
  private size = 0;

  /** `spare`: a buffer of its own given back by whoever printed an earlier one (a new one's pages cost a fault each on first touch). */
  constructor(
    private readonly spare: () => ArrayBuffer | undefined = () => undefined,
    /** Told after each piece kept (a scan worker posts its lines as they grow: grep-parallel.ts). */
    private readonly grown: (output: MemoryOutput) => void = () => {},
  ) {
    super(false);
  }

  protected override writeAll(bytes: Uint8Array): void {
    // Copied (the pending buffer is written again after a flush) into a buffer of its own, not of node's
    // shared pool: it can be transferred to another thread.
    const given = this.spare();
    const copy = given && given.byteLength >= bytes.length ? Buffer.from(given, 0, bytes.length) : Buffer.allocUnsafeSlow(bytes.length);
    copy.set(bytes);
    this.kept.push(copy);
    this.size += bytes.length;
    this.grown(this);
  }

  /** How many bytes are kept and pending. */
  get length(): number {
    return this.size + this.pendingLength;
  }

  /** Everything written so far, in order, in buffers of their own; the output is then empty. */
  take(): Buffer[] {
    this.flush();
    const kept = this.kept;
    this.kept = [];
    this.size = 0;
    return kept;
  }
}
