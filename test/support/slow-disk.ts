// A build of the helper whose log writes each wait SLOW_DISK_MS: a slow disk,
// injected through the writer's `write` (src/sinks/file/writer.ts), not
// through anything the product reads. Bundled by `slowDiskHelper()` into a
// temporary file, so the real tmux runs it exactly as it runs dist/audit.cjs.

import fs from 'node:fs';
import { runCli } from '../../src/cli.ts';
import type { WriteFn } from '../../src/sinks/file/writer.ts';

declare const SLOW_DISK_MS: number;

const slowWrite: WriteFn = (fd, buffer, offset, length, position, callback) => {
  setTimeout(() => fs.write(fd, buffer, offset, length, position, callback), SLOW_DISK_MS);
};

runCli(process.argv, { write: slowWrite });
