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
// What it cannot stop: the run directory is the log owner's to write. Whoever
// edits the reader's seal note before killing it (an older note's link alone)
// or removes its run file (then no stop is written at all) takes the
// recording away unseen; only seals shipped off the machine (syslog) show it.

import fs from 'node:fs';
import { fileIdentity, wasRotatedId } from '../sinks/file/rotated-ledger.ts';

/** What a reader notes after each seal on disk: the seal's link, the file it is in when known, and its line (chain/running-seal.ts). */
export interface SealNote {
  link: string;
  file?: string;
  line?: string;
}

const IDENTITY = /^\d+:\d+:\d+$/;

/** The note's text: `LINK [DEV:INO:BIRTH]`, then the seal's line. A note of the older shape (the link alone) reads as no file known. */
export function formatSealNote(note: SealNote): string {
  const head = note.file !== undefined && IDENTITY.test(note.file) ? `${note.link} ${note.file}\n` : `${note.link}\n`;
  return note.line !== undefined && /^[^\n]+\n$/.test(note.line) ? `${head}${note.line}` : head;
}

/** The note's parts, undefined when it is not a note. */
export function parseSealNote(text: string): SealNote | undefined {
  const end = text.indexOf('\n');
  const [link, file, ...rest] = (end === -1 ? text : text.slice(0, end)).trim().split(' ');
  if (link === undefined || !/^[0-9a-f]+$/.test(link) || rest.length > 0) return undefined;
  const line = end === -1 ? '' : text.slice(end + 1);
  return { link, ...(file !== undefined && IDENTITY.test(file) ? { file } : {}), ...(/^[^\n]+\n$/.test(line) ? { line } : {}) };
}

/**
 * Whether the file known by `identity` left the log's path other than by rotation: it is not the file at
 * `logFile` now, and the rotated-files ledger does not name it (under `key`, by an entry tagged under it;
 * without the key any entry naming it counts: a stop that cannot tell says nothing, never a false alarm).
 */
export function sealFileGone(logFile: string, identity: string, key: Buffer | undefined): boolean {
  try {
    const now = fs.lstatSync(logFile, { throwIfNoEntry: false });
    if (now !== undefined && fileIdentity(now) === identity) return false;
    return !wasRotatedId(logFile, identity, key);
  } catch {
    // The ledger or the path unreadable: nothing known, nothing said.
    return false;
  }
}

/**
 * For verify: the break a bound dead reader's stop makes when it says its last seal's file went (`away=`) and
 * that seal is in no file read. Undefined: no such break (no `away=`, or the seal was read: nothing is missing).
 */
export function awayStopDetail(v: { fields?: Record<string, string> }, what: string, sealRead: boolean): string | undefined {
  if (v.fields?.away === undefined || sealRead) return undefined;
  return `the stop (reason=${what}) says the file holding the seal it names (${v.fields.p}) was removed or moved away, not rotated (its reader was killed before it could say so), and that seal is in no file read: a file of the log removed`;
}
