// Writing a log file's head mark (chain/head-mark.ts): the rotating writer,
// holding the rotation lock, puts it in the new file it just opened, naming
// the `at` of the file it rotated away, which it knows from its note beside
// the ledger (`.<live>.head`: the file's identity and its mark's `at`; any
// writer of the log may have written that mark). A note naming another file
// (none yet, or the file was not made by a rotation) gives prev=0.
//
// It also names the renamed file's content: the SHA-256 of its first bytes, as
// many as it held once renamed (chain/head-mark.ts), read through a read-only
// descriptor opened at the log's path before the rotation (the writer's own is
// for appending only) and checked to be that very file. Synchronous, under the
// lock: one pass over a rotated file per rotation (some 19 ms for the default
// 10 M on this machine's SHA-256), while the writer's lines queue; no mark is
// written when it cannot be read.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PreviousContent } from '../../chain/head-mark.ts';
import { fileIdentity } from './rotated-ledger.ts';
import { readPrivateFile, replaceFileWhole } from './safe-fs.ts';

/** Makes a head mark (its `at` and its line) naming the previous file's `prev`, or undefined when there is none to make (no recording yet). */
export type HeadMarkLine = (prev: number, before: PreviousContent) => { at: number; text: string } | undefined;

/** Opens the file at `logFile` for reading when it is the one `fd` writes (to hash it once rotated); undefined else. */
export function openForDigest(logFile: string, fd: number): number | undefined {
  let reading: number | undefined;
  try {
    reading = fs.openSync(logFile, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const there = fs.fstatSync(reading);
    const mine = fs.fstatSync(fd);
    if (there.isFile() && there.ino === mine.ino && there.dev === mine.dev) return reading;
  } catch {
    // none there, or not ours: no mark
  }
  if (reading !== undefined) fs.closeSync(reading);
  return undefined;
}

/** The SHA-256 of the first `size` bytes of the file open as `fd`; undefined when it holds fewer. */
function prefixDigest(fd: number, size: number): string | undefined {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(Math.min(size, 1024 * 1024) || 1);
  let at = 0;
  while (at < size) {
    const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, size - at), at);
    if (n === 0) return undefined;
    hash.update(chunk.subarray(0, n));
    at += n;
  }
  return hash.digest('hex');
}

/** Where the last head mark's file and `at` are noted: beside the rotation lock and the ledger, hidden like them. */
export function headNotePath(logFile: string): string {
  return path.join(path.dirname(logFile), `.${path.basename(logFile)}.head`);
}

/** The `at` of the head mark of the file `rotated` (just renamed away), 0 when the note names another file. */
function previousAt(logFile: string, rotated: fs.Stats): number {
  try {
    const [id, at] = readPrivateFile(headNotePath(logFile)).trim().split(' ');
    return id === fileIdentity(rotated) && /^\d{1,16}$/.test(at ?? '') ? Number(at) : 0;
  } catch {
    return 0;
  }
}

/**
 * Writes the head mark into the new file `fd` (open at the log's path) after `rotated` was renamed away, and
 * notes it. Under the rotation lock. `reading`: the renamed file open for reading (openForDigest). A failure leaves
 * the file without one: verify then reads its first lines, as before.
 */
export function writeHeadMark(logFile: string, rotated: fs.Stats, fd: number, line: HeadMarkLine, reading: number | undefined): void {
  try {
    if (reading === undefined) return;
    const held = fs.fstatSync(reading);
    if (held.ino !== rotated.ino || held.dev !== rotated.dev) return;
    const sha = prefixDigest(reading, rotated.size);
    if (sha === undefined) return;
    const mark = line(previousAt(logFile, rotated), { size: rotated.size, sha });
    if (mark === undefined) return;
    const bytes = Buffer.from(mark.text);
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset);
    // Not writePrivateFile: the directory is as the user made it (`pipe --file` into /tmp), never chmod'ed here.
    replaceFileWhole(headNotePath(logFile), `${fileIdentity(fs.fstatSync(fd))} ${mark.at}\n`);
  } catch {
    // Not written or not noted: the next file says prev=0, and verify falls back to first lines for this one.
  }
}
