// Compressing rotated files, off the reader's data path: an asynchronous
// stream (read → gzip in libuv's thread pool → write) started after a
// rotation, never awaited by a write. Atomic: the gzip goes to
// `<file>.gz.tmp` (created exclusively: a second writer compressing the same
// file finds it and leaves it to the first), is synced, renamed to
// `<file>.gz`, and only then is the plain file removed. Readers take the plain
// file while both exist (core/rotate.ts), so no moment shows a file twice or
// not at all. The rename and the removal are made under the log's rotation
// lock, and only while the file is still there: another writer's rotation
// prunes under it, and a file pruned while gzip read it came back as its .gz
// (the log's oldest file, with the files after it pruned: verify said
// `missing file`, issue 13).

import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { isOwnFile } from './safe-fs.ts';

const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY } = fs.constants;

/** A `.gz.tmp` this old is left by a compressor that died: removed, and the file compressed again. */
const STALE_TEMP_MS = 10 * 60_000;

/**
 * Runs `commit` under the log's rotation lock (rotation.ts, laterUnderLock); `ended` hears what it returned, or
 * undefined when it did not run (the lock stayed held, or a fault, given).
 */
export type UnderLock = (commit: () => boolean, ended: (committed: boolean | undefined, error?: NodeJS.ErrnoException) => void) => void;

/**
 * Gzips `file` into `file.gz` in the background, its end made `underLock`; `done` hears how it ended (an error, or
 * the lock held throughout, leaves the plain file as it was). A `.gz.tmp` in the way that is not a file of ours
 * (someone else's, a symlink, a FIFO, a second name of another file) is left alone, and so is the file: `planted`
 * hears of it.
 */
export function compressInBackground(file: string, underLock: UnderLock, done: (error?: NodeJS.ErrnoException) => void = () => {}, planted?: (file: string) => void): void {
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
  let read: fs.Stats;
  try {
    input = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    return done(error as NodeJS.ErrnoException);
  }
  try {
    read = fs.fstatSync(input);
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
    } catch (failure) {
      try {
        fs.closeSync(output);
      } catch {
        // closed already
      }
      fs.rmSync(temp, { force: true });
      return done(failure as NodeJS.ErrnoException);
    }
    underLock(
      () => {
        // Gone (pruned) or another file at its name: what gzip read is no file of the log any more.
        const now = fs.lstatSync(file, { throwIfNoEntry: false });
        if (now === undefined || now.ino !== read.ino || now.dev !== read.dev) return false;
        fs.renameSync(temp, `${file}.gz`);
        fs.rmSync(file, { force: true });
        return true;
      },
      (committed, failure) => {
        if (committed !== true) fs.rmSync(temp, { force: true });
        done(failure);
      },
    );
  });
}
