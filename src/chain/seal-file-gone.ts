// Whether the file a dead reader's last seal went into left the log by
// rotation, or was removed or moved away.
//
// A reader finds its file removed or moved (`rm`, `mv`) when it next writes or
// looks (sinks/file/moved-away.ts) and says so in a `lost` event. Killed
// (SIGKILL) before it looks again, it says nothing: `recover` wrote a bare
// `reader-died` stop into a new file at the log's path, naming (p=) a seal in
// the file that went, and verify read a recording known only by that stop as
// one whose lines were pruned (issue 13, left after review13c). Honest
// retention looks the same to verify: @audit-max-age or @audit-max-files
// deletes every rotated file holding an idle or killed reader's lines, and its
// stop, written later, names a seal in no file left. What tells them apart is
// the way the file left the log's path, which only the reader's side sees: the
// reader notes with each seal's link the identity of the file it wrote it into
// (device, inode, birth time: rotated-ledger.ts), and recover looks that file
// up: still at the log's path, or named by the rotated-files ledger (a writer
// of this log rotated it; under a chain key an entry tagged under it, which
// nobody without the key can plant), it left honestly. Else the stop says
// `away=1`, inside its h (a keyed h cannot be recomputed without it, so the
// field cannot be stripped), and verify names a recording known only by such
// a stop `missing file`.
//
// In place: truncated or rewritten with the same inode, the file is still at
// the path (review of trust13b, F2). So the note holds the seal's byte offset
// too (sinks/file/seal-offset.ts), and recover checks that the file at the
// path still holds the seal's line there, byte for byte; else the stop says
// `away=cut`, and verify names a recording known only by it `truncated`.
// Appending never moves a byte already written, so an honest log always holds
// it. (A rotated file is not checked: verify reads it, and its seals chain.)
//
// What it cannot stop: the run directory is the log owner's to write. Whoever
// edits the reader's seal note before killing it (an older note's link alone)
// or removes its run file (then no stop is written at all) takes the
// recording away unseen; only seals shipped off the machine (syslog) show it.

import fs from 'node:fs';
import { fileIdentity, wasRotatedId } from '../sinks/file/rotated-ledger.ts';
import { holdsAt } from '../sinks/file/seal-offset.ts';
import { rotationLockPath } from '../core/paths.ts';

/** What a reader notes after each seal on disk: the seal's link, the file it is in when known, and its line (chain/running-seal.ts). */
export interface SealNote {
  link: string;
  file?: string;
  /** Where in that file the seal's line starts (sinks/file/seal-offset.ts). */
  offset?: number;
  line?: string;
}

const IDENTITY = /^\d+:\d+:\d+$/;

/** The note's text: `LINK [DEV:INO:BIRTH [OFFSET]]`, then the seal's line. A note of the older shape (the link alone) reads as no file known. */
export function formatSealNote(note: SealNote): string {
  const offset = note.offset !== undefined && Number.isSafeInteger(note.offset) && note.offset >= 0 && note.line !== undefined ? ` ${note.offset}` : '';
  const head = note.file !== undefined && IDENTITY.test(note.file) ? `${note.link} ${note.file}${offset}\n` : `${note.link}\n`;
  return note.line !== undefined && /^[^\n]+\n$/.test(note.line) ? `${head}${note.line}` : head;
}

/** The note's parts, undefined when it is not a note. */
export function parseSealNote(text: string): SealNote | undefined {
  const end = text.indexOf('\n');
  const [link, file, offset, ...rest] = (end === -1 ? text : text.slice(0, end)).trim().split(' ');
  if (link === undefined || !/^[0-9a-f]+$/.test(link) || rest.length > 0 || (offset !== undefined && !/^\d{1,15}$/.test(offset))) return undefined;
  const line = end === -1 ? '' : text.slice(end + 1);
  const known = file !== undefined && IDENTITY.test(file);
  const whole = /^[^\n]+\n$/.test(line);
  return { link, ...(known ? { file } : {}), ...(known && whole && offset !== undefined ? { offset: Number(offset) } : {}), ...(whole ? { line } : {}) };
}

/**
 * Whether the file known by `identity` left the log's path other than by rotation: it is not the file at
 * `logFile` now, and the rotated-files ledger does not name it (under `key`, by an entry tagged under it;
 * without the key any entry naming it counts: a stop that cannot tell says nothing, never a false alarm).
 */
export function sealFileGone(logFile: string, identity: string, key: Buffer | undefined): boolean {
  return sealFileFate(logFile, { link: '', file: identity }, key) === 'gone';
}

/**
 * What became of the file `note` names (its seal's): `gone` as sealFileGone says; `cut` when it is still at
 * `logFile` but no longer holds the seal's line at the noted offset (truncated or rewritten in place); undefined
 * when nothing is known against it (no file noted, still holding it, or rotated).
 */
export function sealFileFate(logFile: string, note: SealNote, key: Buffer | undefined): 'gone' | 'cut' | undefined {
  if (note.file === undefined) return undefined;
  let fd: number | undefined;
  try {
    fd = fs.openSync(logFile, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    const now = fs.fstatSync(fd);
    if (fileIdentity(now) === note.file) return note.offset === undefined || note.line === undefined || !now.isFile() || holdsAt(fd, note.offset, note.line) ? undefined : 'cut';
  } catch (error) {
    // None at the path: gone unless rotated. Else (unreadable) nothing known, nothing said.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ELOOP') return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  try {
    if (wasRotatedId(logFile, note.file, key)) return undefined;
    // A rotation renames the file before it writes its ledger entry, under the rotation lock: one under way
    // now is waited for (briefly), and the ledger asked again (review of trust13b, F5).
    // Past the wait it is asked anyway: a lock kept fresh by someone must not silence the stop.
    awaitRotation(logFile);
    return wasRotatedId(logFile, note.file, key) ? undefined : 'gone';
  } catch {
    // The ledger unreadable: nothing known, nothing said.
    return undefined;
  }
}

/** How long recover waits for a rotation under way; a lock older than the writers' own STALE_LOCK_MS is a dead one's. */
const ROTATION_WAIT_MS = 2000;
const STALE_LOCK_MS = 10_000;

/** Waits while a rotation of `logFile` holds its lock, up to ROTATION_WAIT_MS. */
function awaitRotation(logFile: string): void {
  const lock = rotationLockPath(logFile);
  const until = Date.now() + ROTATION_WAIT_MS;
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    const held = fs.lstatSync(lock, { throwIfNoEntry: false });
    // None, or left by a writer that died rotating (its entry may never come: said as gone, a rare false alarm).
    if (held === undefined || Date.now() - held.mtimeMs > STALE_LOCK_MS || Date.now() >= until) return;
    Atomics.wait(nap, 0, 0, 5);
  }
}

/**
 * For verify: the break a bound dead reader's stop makes when it says its last seal's file went (`away=1`) or
 * was cut in place (`away=cut`) and that seal is in no file read. Undefined: no such break (no `away=`, or the seal was read: nothing is missing).
 */
export function awayStopDetail(v: { fields?: Record<string, string> }, what: string, sealRead: boolean): { kind: 'missing file' | 'truncated'; detail: string } | undefined {
  if (v.fields?.away === undefined || sealRead) return undefined;
  if (v.fields.away === 'cut') return { kind: 'truncated', detail: `the stop (reason=${what}) says the file holding the seal it names (${v.fields.p}) no longer held it where it was written (cut or rewritten in place; its reader was killed before it could say so), and that seal is in no file read: lines of the log removed` };
  return { kind: 'missing file', detail: `the stop (reason=${what}) says the file holding the seal it names (${v.fields.p}) was removed or moved away, not rotated (its reader was killed before it could say so), and that seal is in no file read: a file of the log removed` };
}
