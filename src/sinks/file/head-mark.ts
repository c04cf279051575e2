// Writing a log file's head mark (chain/head-mark.ts): the rotating writer,
// holding the rotation lock, puts it in the new file it just opened, naming
// the `at` of the file it rotated away, which it knows from its note beside
// the ledger (`.<live>.head`: the file's identity and its mark's `at`; any
// writer of the log may have written that mark). A note naming another file
// (none yet, or the file was not made by a rotation) gives prev=0.

import fs from 'node:fs';
import path from 'node:path';
import type { FileContent } from '../../chain/head-mark.ts';
import { fileIdentity } from './rotated-ledger.ts';
import { readPrivateFile, replaceFileWhole } from './safe-fs.ts';

/**
 * Makes a head mark (its `at` and its line) naming the previous file's `prev` and what is known of an earlier
 * file's content (file-digest.ts), or undefined when there is none to make (no recording yet).
 */
export type HeadMarkLine = (prev: number, content?: FileContent) => { at: number; text: string } | undefined;

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
 * notes it. Under the rotation lock. `content`: an earlier file's digest, noted (file-digest.ts). A failure leaves
 * the file without one: verify then reads its first lines, as before. Returns the `at` of `rotated`'s own mark (0: none known).
 */
export function writeHeadMark(logFile: string, rotated: fs.Stats, fd: number, line: HeadMarkLine, content?: FileContent): number {
  const prev = previousAt(logFile, rotated);
  try {
    const mark = line(prev, content);
    if (mark === undefined) return prev;
    const bytes = Buffer.from(mark.text);
    for (let offset = 0; offset < bytes.length; ) offset += fs.writeSync(fd, bytes, offset);
    // Not writePrivateFile: the directory is as the user made it (`pipe --file` into /tmp), never chmod'ed here.
    replaceFileWhole(headNotePath(logFile), `${fileIdentity(fs.fstatSync(fd))} ${mark.at}\n`);
  } catch {
    // Not written or not noted: the next file says prev=0, and verify falls back to first lines for this one.
  }
  return prev;
}
