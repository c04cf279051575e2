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
// - Rotation itself (rename, then prune) runs under a lock file, so two writers
//   never rotate the same file twice, and a writer that finds it held waits
//   (its lines queue) rather than overfill the file being renamed. Correctness
//   does not depend on the lock: a writer renames only while the path still
//   names its own inode.
//
// Writes are asynchronous and batched (the style of pino's sonic-boom): while one
// write is in flight, new lines queue, and the next write takes what has queued
// (up to the room left before rotation).
// The reader therefore keeps draining tmux whatever the disk does; `backlog`
// tells the reader how much is queued so that it can bound it.

import fs from 'node:fs';
import path from 'node:path';
import { ByteQueue } from './queue.ts';
import { rotationLockPath } from '../../core/paths.ts';
import { filesToPrune, needsRotation, rotatedName } from '../../core/rotate.ts';

export interface LogFileOptions {
  maxBytes: number;
  /** Delays every write, to test what a slow disk does (0 in real use). */
  writeDelayMs?: number;
  maxFiles: number;
  /** A write failed; the writer keeps the data and retries. Called once per failure streak. */
  onError: (error: NodeJS.ErrnoException) => void;
  /** Writing works again after `onError`. */
  onRecover: () => void;
  /** Rotation failed (once per streak); writing goes on in the current file rather than lose lines. */
  onRotateError: (error: NodeJS.ErrnoException) => void;
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
/** A rotation lock older than this is left over by a stuck or dead writer, and is taken over. */
const STALE_LOCK_MS = 10_000;

const APPEND_FLAGS = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW;

/** Creates `dir` (mode 0700 whatever the umask) and refuses a symlink in its place. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw Object.assign(new Error(`${dir} is not a directory (refusing to follow a symlink)`), { code: 'ENOTDIR' });
  }
  if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

/** Opens `file` for appending, mode 0600 whatever the umask; O_NOFOLLOW refuses a planted symlink. */
export function openAppend(file: string): number {
  ensurePrivateDir(path.dirname(file));
  const fd = fs.openSync(file, APPEND_FLAGS, 0o600);
  fs.fchmodSync(fd, 0o600);
  return fd;
}

/** Whether a process with this pid exists (one we may not signal counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Appends whole lines in one O_APPEND write (never inside another writer's line), refusing a symlink. */
export function appendLines(file: string, text: string): void {
  const fd = openAppend(file);
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

export class LogFile {
  private fd: number;
  /** Encoded at once: compact bytes off the JS heap, and exact sizes for rotation. */
  private readonly queue = new ByteQueue();
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
    if (this.options.writeDelayMs) setTimeout(() => this.writeNow(data, offset), this.options.writeDelayMs);
    else this.writeNow(data, offset);
  }

  private writeNow(data: Buffer, offset: number): void {
    fs.write(this.fd, data, offset, data.length - offset, null, (error, written) => {
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
    const current = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!current || current.ino !== mine.ino || current.dev !== mine.dev) {
      // Rotated by another writer, or removed under us: continue in the file at the path.
      this.reopen();
      mine = fs.fstatSync(this.fd);
    }
    if (needsRotation(mine.size, incoming, this.options.maxBytes)) {
      let rotated: boolean;
      try {
        rotated = this.rotate();
        this.rotateFailing = false;
      } catch (error) {
        if (!this.rotateFailing) this.options.onRotateError(error as NodeJS.ErrnoException);
        this.rotateFailing = true;
        return Number.POSITIVE_INFINITY;
      }
      if (!rotated) return undefined;
      mine = fs.fstatSync(this.fd);
    }
    return this.options.maxBytes - mine.size;
  }

  private reopen(): void {
    const fd = openAppend(this.file);
    fs.closeSync(this.fd);
    this.fd = fd;
  }

  /** Rotates under the lock; false when another writer holds it (it is rotating this very file). */
  private rotate(): boolean {
    const lock = rotationLockPath(this.file);
    if (!this.acquire(lock)) return false;
    try {
      const mine = fs.fstatSync(this.fd);
      const current = fs.statSync(this.file, { throwIfNoEntry: false });
      if (current && current.ino === mine.ino && current.dev === mine.dev) {
        const dir = path.dirname(this.file);
        const live = path.basename(this.file);
        const names = fs.readdirSync(dir);
        const rotated = rotatedName(live, new Date(), new Set(names));
        fs.renameSync(this.file, path.join(dir, rotated));
        for (const old of filesToPrune([...names, rotated], live, this.options.maxFiles)) {
          fs.rmSync(path.join(dir, old), { force: true });
        }
      }
      this.reopen();
      return true;
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }

  /** An O_EXCL lock file holding our pid; a lock left by a dead process is taken over. */
  private acquire(lock: string): boolean {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = fs.openSync(lock, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
        fs.writeSync(fd, String(process.pid));
        fs.closeSync(fd);
        return true;
      } catch (error) {
        // Anything but a held lock is a fault: reported and retried like a failed write.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        let holder: string;
        let age: number;
        try {
          holder = fs.readFileSync(lock, 'utf8');
          age = Date.now() - fs.statSync(lock).mtimeMs;
        } catch (readError) {
          if ((readError as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
          throw readError; // something that is not our lock sits at its path
        }
        // Empty: its owner has created it and not yet written its pid.
        if (age < STALE_LOCK_MS && (holder === '' || processAlive(Number(holder)))) return false;
        fs.rmSync(lock, { force: true });
      }
    }
    return false;
  }
}
