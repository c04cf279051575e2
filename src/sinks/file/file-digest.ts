// The digest of a rotated file, taken in the background after its rotation,
// for a later head mark to carry (chain/head-mark.ts: a pruned file re-created
// under its name with its saved mark is told by its content).
//
// Not under the rotation lock, nor in one synchronous pass: hashing a 10 MB
// file held the rotating writer's lines for some 19 ms (issue 15 forbids
// stalls in the data path; trust13b's version was rejected for it). The file
// is read through a read-only descriptor the writer opened before the rename
// (its own appends only), a slice at a time on libuv's pool, each slice hashed
// between the reader's own work. Then the digest is noted beside the ledger
// (`.<live>.digest`), tagged under the chain key: the next mark a rotation
// writes, whichever writer rotates, carries it if its tag holds, so a note
// planted without the key is no digest. A note removed before that rotation
// (by the log's owner, who can write the directory) leaves the file without a
// digest, as a reader that exits before its hash ends does: verify then checks
// nothing of it, as before.
//
// The same digest, of the bytes the file held at its rename, goes into the
// rotated-files ledger (ledger-names.ts), for every rotated file, keyed or not:
// the log's first file has no head mark and no later mark names it, and emptied
// and refilled to its noted size it passed (issue 13, review of empty13). And
// into the rotating writer's own chain, as a `digest` event (chain/digest-event.ts):
// a line of the ledger removed is silence, an event removed is a break.

import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { contentTag, type FileContent } from '../../chain/head-mark.ts';
import { sealLogName } from '../../chain/seal-tag.ts';
import { readPrivateFile, replaceFileWhole } from './safe-fs.ts';

/** How much is read and hashed at a time: some 0.5 ms of SHA-256 here, so the reader's lines wait no longer than that. */
const SLICE_BYTES = 256 * 1024;

/** Where the last digest is noted: beside the rotation lock, the ledger and the head note, hidden like them. */
export function digestNotePath(logFile: string): string {
  return path.join(path.dirname(logFile), `.${path.basename(logFile)}.digest`);
}

/** Opens the file at `logFile` for reading when it is the one `fd` writes (to hash it once rotated); undefined else. */
export function openForDigest(logFile: string, fd: number): number | undefined {
  let reading: number | undefined;
  try {
    reading = fs.openSync(logFile, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const there = fs.fstatSync(reading);
    const mine = fs.fstatSync(fd);
    if (there.isFile() && there.ino === mine.ino && there.dev === mine.dev) return reading;
  } catch {
    // none there, or not a file: no digest
  }
  if (reading !== undefined) fs.closeSync(reading);
  return undefined;
}

/**
 * Hashes the first `size` bytes of the file open as `fd` (closed when done): what it held just before its rename
 * (rotation.ts takes the size then), not what other writers appended since, unaware. `done` hears the SHA-256 (hex),
 * or undefined when there is none: an empty file (its digest would match any file's first 0 bytes), one that holds
 * fewer bytes now (cut since: no digest of bytes it never held so), a failed read.
 */
export function digestInBackground(fd: number, size: number, done: (sha?: string) => void): void {
  if (size <= 0) {
    fs.close(fd, () => done());
    return;
  }
  const hash = createHash('sha256');
  const slice = Buffer.allocUnsafe(Math.min(SLICE_BYTES, size));
  const finish = (sha?: string): void => {
    fs.close(fd, () => done(sha));
  };
  const next = (at: number): void => {
    if (at >= size) return finish(hash.digest('hex'));
    fs.read(fd, slice, 0, Math.min(slice.length, size - at), at, (error, read) => {
      if (error || read === 0) return finish();
      hash.update(slice.subarray(0, read));
      next(at + read);
    });
  };
  next(0);
}

/** Notes `content` (a rotated file's digest, by its head mark's at) for the next mark of `logFile`, tagged under `key`; whether it was. */
export function noteForMark(logFile: string, content: FileContent, key: Buffer): boolean {
  try {
    replaceFileWhole(digestNotePath(logFile), `${content.dat} ${content.size} ${content.sha} ${contentTag(key, sealLogName(logFile), content)}\n`);
    return true;
  } catch {
    return false;
  }
}

/** The digest the note holds, if its tag holds under `key` for this log; undefined else. */
export function notedDigest(logFile: string, key: Buffer): FileContent | undefined {
  try {
    const [dat, size, sha, tag, ...rest] = readPrivateFile(digestNotePath(logFile)).trim().split(' ');
    if (rest.length > 0 || !/^\d{1,16}$/.test(dat ?? '') || !/^\d{1,16}$/.test(size ?? '') || !/^[0-9a-f]{64}$/.test(sha ?? '')) return undefined;
    const content = { dat: Number(dat), size: Number(size), sha: sha! };
    const want = Buffer.from(contentTag(key, sealLogName(logFile), content));
    const got = Buffer.from(tag ?? '');
    return got.length === want.length && timingSafeEqual(got, want) ? content : undefined;
  } catch {
    return undefined;
  }
}
