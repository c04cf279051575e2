// The session log file: append-only writes of whole lines, rotation, pruning.
//
// Several panes of one session each run their own reader, and all of them append
// to the same file. Three properties make that safe without a central writer:
// - The file is opened O_APPEND and every write() carries only whole lines. On a
//   local file system the kernel serialises appends under the inode lock, so the
//   lines of two writers never interleave or split.
// - Before each write the writer compares the inode of its fd with the inode at
//   the path. If another writer rotated the file, it reopens. Until it notices, its
//   lines land in the just-rotated file: later than that file's other lines, but
//   nothing is lost, duplicated or split, and each pane's own lines stay in order
//   across the files.
// - Rotation itself runs under a lock file (rotation.ts), and a writer that
//   finds it held waits (its lines queue) rather than overfill the file being
//   renamed.
//
// Writes are asynchronous and batched (the style of pino's sonic-boom): while one
// write is in flight, new lines queue, and the next write takes what has queued
// (up to the room left before rotation).
// The reader therefore keeps draining tmux whatever the disk does; `backlog`
// tells the reader how much is queued so that it can bound it.

import fs from 'node:fs';
import { needsRotation } from '../../core/rotate.ts';
import { ByteQueue } from './queue.ts';
import { rotateUnderLock, sameFile } from './rotation.ts';
import { openAppend } from './safe-fs.ts';

/** The asynchronous write the writer makes: node's `fs.write`, or a slower or failing one under test. */
export type WriteFn = (
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: null,
  callback: (error: NodeJS.ErrnoException | null, written: number) => void,
) => void;

export interface LogFileOptions {
  maxBytes: number;
  maxFiles: number;
  /** A write failed; the writer keeps the data and retries. Called once per failure streak. */
  onError: (error: NodeJS.ErrnoException) => void;
  /** Writing works again after `onError`. */
  onRecover: () => void;
  /** Rotation failed (once per streak); writing goes on in the current file rather than lose lines. */
  onRotateError: (error: NodeJS.ErrnoException) => void;
  /** The data path's write (default `fs.write`). */
  write?: WriteFn;
}

/**
 * New lines wait this long for company before a write starts (unless a
 * write's worth is queued): under a flood tmux hands over ~4 KB at a time, and
 * one write per read would cost a syscall round trip each, CPU that the tmux
 * server on the same cores then lacks.
 */
const GATHER_MS = 5;
const GATHER_BYTES = 64 * 1024;
/** A queue idle this long gives back the memory a flood made it grow to. */
const SHRINK_AFTER_MS = 1000;
/** How long to wait before retrying a failed write (disk full, directory gone). */
const RETRY_MS = 1000;
/** How long to wait for another writer's rotation before writing: meanwhile lines wait in the queue. */
const ROTATION_WAIT_MS = 5;

export class LogFile {
  private fd: number;
  /** Encoded at once: compact bytes off the JS heap, and exact sizes for rotation. */
  private readonly queue = new ByteQueue();
  private readonly writeFn: WriteFn;
  private writing = false;
  private failing = false;
  private rotateFailing = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private shrinkTimer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];

  constructor(
    readonly file: string,
    private readonly options: LogFileOptions,
  ) {
    this.fd = openAppend(file);
    this.writeFn = options.write ?? fs.write;
  }

  /** Bytes queued and not yet written: what the reader bounds. */
  get backlog(): number {
    return this.queue.length;
  }

  write(text: string): void {
    this.queue.push(text);
    if (this.writing) return;
    if (this.queue.length >= GATHER_BYTES && !this.failing) {
      if (this.drainTimer) clearTimeout(this.drainTimer);
      this.drainTimer = undefined;
      this.drain();
    } else if (!this.drainTimer) this.drainLater(GATHER_MS);
  }

  private drainLater(ms: number): void {
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined;
      if (!this.writing) this.drain();
    }, ms);
  }

  /** Resolves once everything queued so far is on disk (or the writer gave up on a failure). */
  flush(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Writes what is queued synchronously, for the last moments of a process.
   * Only while no write is in flight (close() waits for it): the queue's
   * double buffer must not be taken from twice.
   */
  flushSync(): void {
    if (this.writing) return;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    if (this.queue.length === 0) return;
    const data = this.queue.take(Number.POSITIVE_INFINITY);
    try {
      this.prepare(data.length);
      for (let offset = 0; offset < data.length; ) offset += fs.writeSync(this.fd, data, offset);
    } catch (error) {
      this.options.onError(error as NodeJS.ErrnoException);
    }
  }

  async close(): Promise<void> {
    if (!this.failing) await this.flush();
    // A retry may be in flight: its bytes go before what flushSync writes, and need the fd open.
    while (this.writing) await new Promise((resolve) => setTimeout(resolve, 10));
    this.flushSync();
    clearTimeout(this.shrinkTimer);
    try {
      fs.fsyncSync(this.fd);
    } catch {
      // fsync is a courtesy at exit: the data already reached the kernel.
    }
    fs.closeSync(this.fd);
  }

  private drain(): void {
    if (this.queue.length === 0) {
      this.writing = false;
      // Only once the flood is over: shrinking between writes would make the buffers grow again and again.
      clearTimeout(this.shrinkTimer);
      this.shrinkTimer = setTimeout(() => {
        if (!this.writing) this.queue.shrink();
      }, SHRINK_AFTER_MS).unref();
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = true;
    let room: number | undefined;
    try {
      room = this.prepare(this.queue.firstPiece);
    } catch (error) {
      this.writing = false;
      this.retryLater(error as NodeJS.ErrnoException);
      return;
    }
    if (room === undefined) {
      // Another writer is rotating this file: writing now would overfill the file it renames.
      this.writing = false;
      this.drainLater(ROTATION_WAIT_MS);
      return;
    }
    this.writeFrom(this.queue.take(room), 0);
  }

  private writeFrom(data: Buffer, offset: number): void {
    this.writeFn(this.fd, data, offset, data.length - offset, null, (error, written) => {
      if (error) {
        this.fail(error, data.subarray(offset));
        return;
      }
      if (this.failing) {
        this.failing = false;
        this.options.onRecover();
      }
      // A short write (rare on regular files) continues where it stopped.
      if (offset + written < data.length) this.writeFrom(data, offset + written);
      else this.drain();
    });
  }

  /** Keeps the unwritten bytes at the head of the queue and retries later: nothing is dropped here. */
  private fail(error: NodeJS.ErrnoException, rest: Buffer): void {
    this.queue.unshift(rest);
    this.writing = false;
    this.retryLater(error);
  }

  private retryLater(error: NodeJS.ErrnoException): void {
    if (!this.failing) {
      this.failing = true;
      this.options.onError(error);
    }
    for (const resolve of this.idle.splice(0)) resolve();
    this.drainLater(RETRY_MS);
  }

  /**
   * Makes sure the next write goes to the right file: follows another writer's
   * rotation, or rotates before `incoming` bytes would pass the limit. Returns
   * the room left under the limit, or undefined while another writer holds the
   * rotation lock.
   */
  private prepare(incoming: number): number | undefined {
    let mine = fs.fstatSync(this.fd);
    if (!sameFile(mine, fs.statSync(this.file, { throwIfNoEntry: false }))) {
      // Rotated by another writer, or removed under us: continue in the file at the path.
      this.reopen();
      mine = fs.fstatSync(this.fd);
    }
    let size = mine.size;
    if (needsRotation(size, incoming, this.options.maxBytes)) {
      let rotated: boolean;
      try {
        rotated = rotateUnderLock(this.file, this.fd, this.options.maxFiles, () => this.reopen());
        this.rotateFailing = false;
      } catch (error) {
        if (!this.rotateFailing) this.options.onRotateError(error as NodeJS.ErrnoException);
        this.rotateFailing = true;
        return Number.POSITIVE_INFINITY;
      }
      if (!rotated) return undefined;
      size = fs.fstatSync(this.fd).size;
    }
    return this.options.maxBytes - size;
  }

  private reopen(): void {
    const fd = openAppend(this.file);
    fs.closeSync(this.fd);
    this.fd = fd;
  }
}
