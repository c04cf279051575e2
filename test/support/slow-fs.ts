// The `node:fs` the log writer (src/sinks/file/writer.ts) gets in a slow-disk build of the helper
// (build.ts, slowDiskHelper): node's own, but each `write` waits SLOW_DISK_MS and takes at most
// SLOW_DISK_BYTES (a short write, which the writer continues): a disk slow in bytes per second,
// however large the writes the writer gathers. Only the writer's import is replaced, so nothing
// else (run file, pid file, rotation) is slowed, and nothing of it is in dist/.

import fs from 'node:fs';

declare const SLOW_DISK_MS: number;

/** 2 MiB per SLOW_DISK_MS (10 MB/s at 200 ms): far below what a flood's log needs (a stamp makes each line ~4x longer). */
const SLOW_DISK_BYTES = 2 * 1024 * 1024;

function slowWrite(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null, callback: (error: NodeJS.ErrnoException | null, written: number) => void): void {
  setTimeout(() => fs.write(fd, buffer, offset, Math.min(length, SLOW_DISK_BYTES), position, callback), SLOW_DISK_MS);
}

// node's fs functions do not use `this`: the rest reads through to the real module.
export default Object.create(fs, { write: { value: slowWrite } }) as typeof fs;
