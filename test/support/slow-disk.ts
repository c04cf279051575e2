// A build of the helper whose log writes each wait SLOW_DISK_MS and take at
// most SLOW_DISK_BYTES (a short write, which the writer continues): a disk slow
// in bytes per second, however large the writes the writer gathers,
// injected through the writer's `write` (src/sinks/file/writer.ts), not
// through anything the product reads. Bundled by `slowDiskHelper()` into a
// temporary file, so the real tmux runs it exactly as it runs dist/audit.cjs.

import fs from 'node:fs';
import { runCli } from '../../src/cli.ts';
import type { WriteFn } from '../../src/sinks/file/writer.ts';

declare const SLOW_DISK_MS: number;

/** 2 MiB per SLOW_DISK_MS (10 MB/s at 200 ms): far below what a flood's log needs (a stamp makes each line ~4x longer). */
const SLOW_DISK_BYTES = 2 * 1024 * 1024;

const slowWrite: WriteFn = (fd, buffer, offset, length, position, callback) => {
  setTimeout(() => fs.write(fd, buffer, offset, Math.min(length, SLOW_DISK_BYTES), position, callback), SLOW_DISK_MS);
};

runCli(process.argv, { write: slowWrite });
