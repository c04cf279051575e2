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
