// Rotated files made old: the writer compresses a rotated file only once nobody has written to it
// for COMPRESS_AFTER_MS (its mtime, src/sinks/file/rotation.ts), so a test backdates the mtime
// instead of waiting a minute.

import fs from 'node:fs';
import path from 'node:path';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { COMPRESS_AFTER_MS } from '../../src/sinks/file/rotation.ts';

/** Makes each plain rotated file of the log `file` look last written to more than COMPRESS_AFTER_MS ago (a write after this makes it recent again). */
export function ageRotated(file: string): void {
  const dir = path.dirname(file);
  const long = new Date(Date.now() - COMPRESS_AFTER_MS - 1000);
  for (const name of rotatedFiles(fs.readdirSync(dir), path.basename(file))) {
    if (name.endsWith('.gz')) continue;
    try {
      fs.utimesSync(path.join(dir, name), long, long);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // compressed meanwhile
    }
  }
}
