// The log writer's disk as a test wants it: slow, full, short or removing the file after a write.
// The writer calls node's `fs.write` through the module object at each write (src/sinks/file/writer.ts),
// so a test wraps that one function for its own duration (node:test's mock.method, restored when the
// test ends) instead of the product carrying a seam for it.

import fs from 'node:fs';
import type { TestContext } from 'node:test';

/** The asynchronous write the log writer makes: `fs.write(fd, buffer, offset, length, null, callback)`. */
export type WriteFn = (
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: null,
  callback: (error: NodeJS.ErrnoException | null, written: number) => void,
) => void;

/**
 * Until the test `t` ends, `fs.write` calls `wrap` with node's own write (`real`) and the call's
 * arguments. Only the log writer's calls take this form (buffer, offset, length): any other goes on to
 * node's write unchanged.
 */
export function wrapWrites(t: TestContext, wrap: (real: WriteFn, ...args: Parameters<WriteFn>) => void): void {
  const real = fs.write as unknown as WriteFn;
  t.mock.method(fs, 'write', (...args: unknown[]) => {
    if (args.length === 6 && Buffer.isBuffer(args[1]) && typeof args[5] === 'function') {
      return wrap(real, ...(args as Parameters<WriteFn>));
    }
    return (real as unknown as (...rest: unknown[]) => void)(...args);
  });
}

/** A write the slow disk of `slowDisk` is taking: the bytes it was handed, and how many of them are in the file. */
export interface SlowWrite {
  length: number;
  appended: number;
}

/**
 * Until the test `t` ends, each write of the log writer goes into its file `chunk` bytes every `everyMs`, and
 * returns only once all of it is in: one write(2) blocking on a slow disk, the file growing meanwhile (the kernel
 * copies a write in page by page). One write at a time, the next (another writer's too) waiting for the one before
 * it to end, as write(2) holds the inode's lock. Returns the writes, as they are handed over. A write whose fd no
 * longer names the file it began in (the writer gave up and closed it, the number perhaps taken since) stops there,
 * unanswered.
 */
export function slowDisk(t: TestContext, chunk: number, everyMs: number): SlowWrite[] {
  const writes: SlowWrite[] = [];
  let ended = false;
  t.after(() => {
    ended = true;
  });
  const identity = (fd: number): string | undefined => {
    try {
      const stat = fs.fstatSync(fd);
      return `${stat.dev}:${stat.ino}`;
    } catch {
      return undefined;
    }
  };
  let before: Promise<void> = Promise.resolve();
  wrapWrites(t, (_real, fd, buffer, offset, length, _position, callback) => {
    const write: SlowWrite = { length, appended: 0 };
    writes.push(write);
    const file = identity(fd);
    let done!: () => void;
    const turn = before;
    before = new Promise((resolve) => (done = resolve));
    const step = (): void => {
      if (ended || identity(fd) !== file) return done();
      try {
        write.appended += fs.writeSync(fd, buffer, offset + write.appended, Math.min(chunk, length - write.appended));
      } catch (error) {
        done();
        // As write(2): what went in is a short write, an error only when nothing did.
        if (write.appended > 0) callback(null, write.appended);
        else callback(error as NodeJS.ErrnoException, 0);
        return;
      }
      if (write.appended < length) setTimeout(step, everyMs);
      else {
        done();
        callback(null, length);
      }
    };
    void turn.then(() => setTimeout(step, everyMs));
  });
  return writes;
}
