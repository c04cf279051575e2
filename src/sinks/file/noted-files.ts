// The files the log's readers' seal notes name: what the rotated-files ledger
// keeps past its trimming (rotated-ledger.ts).
//
// Each reader notes, beside its run file, its last seal's link and the
// identity of the file that seal went into (chain/seal-file-gone.ts). When
// the reader is killed, `recover` asks the ledger about that file: a file the
// ledger names left the log by rotation, one it does not name by `rm` or `mv`
// (`away=1`). The ledger keeps only its newer entries (some 330 rotations under a
// key), so an idle pane's reader whose last seal went into a file that a busy
// pane rotated past that many times, then pruned, had its stop say `away=1`,
// and verify named an honest log's recording `missing file` (issue 13).
// Keeping the entries the notes name closes that: an entry is kept, never
// made, so a note (the run directory is the log owner's to write) can only
// keep a true one: a file removed or moved has no entry to keep.
//
// A living reader asks the ledger too, about the file it holds open, when it
// next looks (moved-away.ts): and from its reopening into the file at the
// path until its next seal there (a minute at most: an idle pane's seal timer)
// that is not the file its seal note names. A busy pane rotating that file
// past the ledger's limit had its entry trimmed, and the reader, living on,
// wrote a `lost` event into an honest log. So each reader also notes the file
// it holds (`.held`, beside its seal note), from the moment it opens it.

import fs from 'node:fs';
import path from 'node:path';
import { writePrivateFile } from './safe-fs.ts';

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

/** A note's first line: `LINK DEV:INO:BIRTH [OFFSET]` (chain/seal-file-gone.ts formatSealNote), or `DEV:INO:BIRTH` (a held file's). */
const NOTE_HEAD = /^(?:[0-9a-f]+ )?(\d+:\d+:\d+)(?: \d+)?\n/;

/** Enough of a note to hold its first line (a link of 64 hex digits, an identity, an offset). */
const HEAD_BYTES = 256;

/**
 * At most this many notes are read: two a pane being logged in the directory (its seal's file, the file it holds). A directory
 * planted with more keeps the ledger from shrinking no further than this (the notes past it read as none:
 * at worst a false `away=1`, never a hidden one).
 */
export const MAX_NOTES = 2048;

/** The note beside a run file of the file its reader holds open now. */
export function heldNotePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.held');
}

/** Notes that the reader of `runFile` holds the file known by `identity` (rotated-ledger.ts fileIdentity). */
export function noteHeldFile(runFile: string, identity: string): void {
  writePrivateFile(heldNotePath(runFile), `${identity}\n`);
}

/** The identities of the files the seal and held notes in `logFile`'s run directory name (`.run/*.seal`, `.run/*.held`). */
export function notedFiles(logFile: string): Set<string> {
  const run = path.join(path.dirname(logFile), '.run');
  const noted = new Set<string>();
  let names: string[];
  try {
    names = fs.readdirSync(run).filter((name) => name.endsWith('.seal') || name.endsWith('.held'));
  } catch {
    return noted;
  }
  for (const name of names.slice(0, MAX_NOTES)) {
    const head = readHead(path.join(run, name));
    const id = head === undefined ? undefined : NOTE_HEAD.exec(head)?.[1];
    if (id !== undefined) noted.add(id);
  }
  return noted;
}

/** The first HEAD_BYTES of a regular file of ours; undefined for anything else (a symlink, a FIFO, someone else's). */
function readHead(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0)) return undefined;
    const bytes = Buffer.alloc(HEAD_BYTES);
    return bytes.toString('utf8', 0, fs.readSync(fd, bytes, 0, HEAD_BYTES, 0));
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
