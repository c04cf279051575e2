// Compressing rotated files, off the reader's data path: an asynchronous
// stream (read → gzip in libuv's thread pool → write) started after a
// rotation, never awaited by a write. Atomic: the gzip goes to
// `<file>.gz.tmp` (created exclusively: a second writer compressing the same
// file finds it and leaves it to the first), is synced, renamed to
// `<file>.gz`, and only then is the plain file removed. Readers take the plain
// file while both exist (core/rotate.ts), so no moment shows a file twice or
// not at all.

import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { isOwnFile } from './safe-fs.ts';

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY } = fs.constants;

/** A `.gz.tmp` this old is left by a compressor that died: removed, and the file compressed again. */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Gzips `file` into `file.gz` in the background; `done` hears how it ended (an error leaves the plain
 * file as it was). A `.gz.tmp` in the way that is not a file of ours (someone else's, a symlink, a
 * FIFO, a second name of another file) is left alone, and so is the file: `planted` hears of it.
 */
export function compressInBackground(file: string, done: (error?: NodeJS.ErrnoException) => void = () => {}, planted?: (file: string) => void): void {
  const temp = `${file}.gz.tmp`;
  const stale = fs.lstatSync(temp, { throwIfNoEntry: false });
  if (stale) {
    if (!isOwnFile(temp)) {
      planted?.(temp);
      return done();
    }
    if (Date.now() - stale.mtimeMs < STALE_TEMP_MS) return done(); // another compressor's
    fs.rmSync(temp, { force: true });
  }
  let input: number;
  let output: number;
  try {
    input = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    return done(error as NodeJS.ErrnoException);
  }
  try {
    output = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  } catch (error) {
    fs.closeSync(input);
    return done((error as NodeJS.ErrnoException).code === 'EEXIST' ? undefined : (error as NodeJS.ErrnoException));
  }
  const out = fs.createWriteStream('', { fd: output, autoClose: false });
  pipeline(fs.createReadStream('', { fd: input }), zlib.createGzip(), out, (error) => {
    try {
      if (error) throw error;
      fs.fsyncSync(output);
      fs.closeSync(output);
      fs.renameSync(temp, `${file}.gz`);
      fs.rmSync(file, { force: true });
      done();
    } catch (failure) {
      try {
        fs.closeSync(output);
      } catch {
        // closed already
      }
      fs.rmSync(temp, { force: true });
      done(failure as NodeJS.ErrnoException);
    }
  });
}
