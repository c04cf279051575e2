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
import { isOwnFile, sameFile } from './safe-fs.ts';

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
 * hears of it. Returns its abandonment, for a reader about to exit (writer.ts, close): a compressor waiting for the
 * lock on an unref'd timer dies with the process, and its whole temp at the name made the next compression of the
 * file wait STALE_TEMP_MS; abandoned, its temp is removed at once and nothing is committed (`done` is not called).
 */
export function compressInBackground(file: string, underLock: UnderLock, done: (error?: NodeJS.ErrnoException) => void = () => {}, planted?: (file: string) => void): () => void {
  const nothing = (): void => {};
  const temp = `${file}.gz.tmp`;
  const stale = fs.lstatSync(temp, { throwIfNoEntry: false });
  if (stale) {
    if (!isOwnFile(temp)) {
      planted?.(temp);
      done();
      return nothing;
    }
    if (Date.now() - stale.mtimeMs < STALE_TEMP_MS) {
      done(); // another compressor's
      return nothing;
    }
    fs.rmSync(temp, { force: true });
  }
  let input: number;
  let output: number;
  let read: fs.Stats;
  let wrote: fs.Stats;
  try {
    input = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (error) {
    done(error as NodeJS.ErrnoException);
    return nothing;
  }
  try {
    read = fs.fstatSync(input);
    output = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  } catch (error) {
    fs.closeSync(input);
    done((error as NodeJS.ErrnoException).code === 'EEXIST' ? undefined : (error as NodeJS.ErrnoException));
    return nothing;
  }
  try {
    wrote = fs.fstatSync(output);
  } catch (error) {
    fs.closeSync(input);
    fs.closeSync(output);
    fs.rmSync(temp, { force: true });
    done(error as NodeJS.ErrnoException);
    return nothing;
  }
  // Only our temp, by its inode, held open until the end (an inode freed is soon given to a new file): ours may have
  // been judged stale (this process stopped past STALE_TEMP_MS, a suspend) and replaced by another compressor's, still
  // being written; renamed in by name, its half gzip became the file, and the file was removed (review of race13v).
  const ours = (): boolean => sameFile(wrote, fs.lstatSync(temp, { throwIfNoEntry: false }));
  const removeOurs = (): void => {
    if (ours()) fs.rmSync(temp, { force: true });
  };
  let abandoned = false;
  let piped = false;
  const source = fs.createReadStream('', { fd: input });
  pipeline(source, zlib.createGzip(), fs.createWriteStream('', { fd: output, autoClose: false }), (error) => {
    piped = true;
    // Abandoned, its temp is gone: only the fd is left, no write of the thread pool on it any more.
    if (abandoned) return fs.closeSync(output);
    try {
      if (error) throw error;
      fs.fsyncSync(output);
    } catch (failure) {
      removeOurs();
      fs.closeSync(output);
      return done(failure as NodeJS.ErrnoException);
    }
    underLock(
      () => {
        if (abandoned) return false;
        // Gone (pruned) or another file at its name: what gzip read is no file of the log any more.
        if (!sameFile(read, fs.lstatSync(file, { throwIfNoEntry: false })) || !ours()) return false;
        fs.renameSync(temp, `${file}.gz`);
        fs.rmSync(file, { force: true });
        return true;
      },
      (committed, failure) => {
        if (abandoned) return;
        if (committed !== true) removeOurs();
        fs.closeSync(output);
        done(failure);
      },
    );
  });
  return () => {
    if (abandoned) return;
    abandoned = true;
    // The name goes now, as the process may exit at once; the fd once no stream is on it.
    source.destroy();
    removeOurs();
    if (piped) fs.closeSync(output);
  };
}
