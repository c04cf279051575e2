// A log's files held open at one moment, so that verify reads one state of a directory its writers go on
// changing. Listed, then opened, a log's files are not what verify reads: under a flood the writer rotates
// (the live file renamed, a new one begun), compresses (a `.gz` renamed in, the plain file removed) and prunes
// (the oldest removed) between the listing and the reads, and verify then missed a file (the one rotated out
// of the live name: "missing file"), read a compressed one's plain file gone (ENOENT, exit 2) or another
// recording's stretch with no start ("inserted"). Here every file of the log is opened first, then the
// directory is listed again: when the log's names are the same and each name is still the file opened, the
// descriptors held are one state of the log, whatever is renamed or removed while they are read. Otherwise
// (or a file gone before it was opened) it is taken again, a bounded number of times. A file removed by
// hand is simply not in the listing: verify still names it missing.

import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../core/errors.ts';
import { fileIdentity } from '../sinks/file/rotated-ledger.ts';
import { logSets, type LogSet } from './files.ts';
import { gunzippedText } from './gunzip.ts';
import { openLogFile } from './safe-open.ts';

/** A file of a log opened as its text: read `fd` by position up to `to` (its size when it was taken; undefined: to its end), then `release` it. */
export interface OpenText {
  fd: number;
  to?: number;
  release: () => void;
}

/** Opens a log's file as its text (read/safe-open.ts refuses what is not ours). */
export type TextOf = (file: string) => OpenText;

/** A log file opened as its text (a `.gz` gunzipped into an unlinked temporary file), refused as safe-open.ts refuses. */
export function openLogText(file: string): number {
  const fd = openLogFile(file);
  if (!file.endsWith('.gz')) return fd;
  try {
    return gunzippedText(file, fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Each read opens the file again, by its name (files named on the command line). */
export const textByName: TextOf = (file) => {
  const fd = openLogText(file);
  return { fd, release: () => fs.closeSync(fd) };
};

/** A log's files held open (see the top); `close` lets them go. */
export interface HeldLog {
  files: string[];
  text: TextOf;
  close: () => void;
}

/** How many times a log is taken again while it keeps changing under verify before verify gives up (exit 2). */
const TRIES = 50;

/**
 * A live file born this long before a listing was the live file when it was taken (file times are from a clock
 * that lags by a tick; a writer creates a live file, never renames one in).
 */
const BORN_BEFORE_MS = 1000;

/** A listing of a log directory: when it was taken (epoch ms), and its logs' files by live file's name. */
export interface Listing {
  at: number;
  sets: LogSet[];
  files: Map<string, string[]>;
}

/** `dir` listed now (`names` lists it). */
export function takeListing(dir: string, names: (dir: string) => string[]): Listing {
  const at = Date.now();
  const sets = logSets(dir, names(dir));
  return { at, sets, files: new Map(sets.map((set) => [set.live, set.files.map((file) => file.path)])) };
}

/**
 * The files of the log whose live file is `live` in `dir`, held (see the top). `before`: a listing taken earlier;
 * `list` lists the directory again. Returns the log held and the newest listing (the next log's "before").
 *
 * Every file opened, none gone, is the log as `before` listed it, but for a live file rotated meanwhile (the file
 * rotated out of its name not held): a live file born well before the listing was not. Only a younger one (just
 * rotated, or a file system that keeps no birth time) costs a listing again: a directory of many logs is not
 * listed once per log.
 */
export function holdLog(dir: string, live: string, before: Listing, list: () => Listing): { log: HeldLog; listing: Listing } {
  let listing = before;
  for (let tried = 0; tried < TRIES; tried++) {
    const files = listing.files.get(live) ?? [];
    const fds = new Map<string, number>();
    const closeAll = (): void => {
      for (const fd of fds.values()) fs.closeSync(fd);
    };
    let gone = false;
    try {
      for (const file of files) {
        try {
          fds.set(file, openLogFile(file));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          gone = true;
          break;
        }
      }
      const liveFd = fds.get(path.join(dir, live));
      const born = liveFd === undefined ? 0 : fs.fstatSync(liveFd).birthtimeMs;
      if (!gone && (liveFd === undefined || (born > 0 && born < listing.at - BORN_BEFORE_MS))) return { log: held(files, fds), listing };
      const after = list();
      if (!gone && sameFiles(files, after.files.get(live) ?? []) && files.every((file) => stillAt(file, fds.get(file)!))) {
        return { log: held(files, fds), listing: after };
      }
      listing = after;
    } catch (error) {
      closeAll();
      throw error;
    }
    closeAll();
  }
  throw new AuditError(`${path.join(dir, live)}: its files changed under verify ${TRIES} times in a row (renamed, removed): not verified`, 2);
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((file, i) => file === b[i]);
}

/** Whether `file` still names the file open on `fd`. */
function stillAt(file: string, fd: number): boolean {
  try {
    return fileIdentity(fs.lstatSync(file)) === fileIdentity(fs.fstatSync(fd));
  } catch {
    return false;
  }
}

/**
 * The log read from what was opened: each file up to its size as it was taken (the live one grows on; see lineEnd),
 * a `.gz` gunzipped once when first read.
 */
function held(files: string[], fds: Map<string, number>): HeldLog {
  const sizes = new Map([...fds].map(([file, fd]) => [file, fs.fstatSync(fd).size]));
  const texts = new Map<string, number>();
  const ends = new Map<string, number>();
  const text: TextOf = (file) => {
    const fd = fds.get(file);
    if (fd === undefined) return textByName(file);
    if (!file.endsWith('.gz')) {
      if (!ends.has(file)) ends.set(file, lineEnd(fd, sizes.get(file)!));
      return { fd, to: ends.get(file), release: () => {} };
    }
    let gunzipped = texts.get(file);
    if (gunzipped === undefined) {
      // The child gunzip reads the descriptor from where it stands: it is read once, its text kept.
      gunzipped = gunzippedText(file, fd);
      texts.set(file, gunzipped);
    }
    return { fd: gunzipped, release: () => {} };
  };
  return {
    files,
    text,
    close: () => {
      for (const fd of [...fds.values(), ...texts.values()]) fs.closeSync(fd);
    },
  };
}

/**
 * Where a file held at `size` bytes is read to: `size` when a line ends there, else the end of the line its writer was
 * writing when the size was taken (a line's bytes land in more than one piece): cut there, an honest live file read
 * as torn. When that line has no end yet, the file's end as it is now (torn as it stands, as a log read unheld is).
 */
function lineEnd(fd: number, size: number): number {
  const byte = Buffer.alloc(1);
  if (size === 0 || (fs.readSync(fd, byte, 0, 1, size - 1) === 1 && byte[0] === 10)) return size;
  const piece = Buffer.allocUnsafe(64 * 1024);
  for (let at = size; ; ) {
    const read = fs.readSync(fd, piece, 0, piece.length, at);
    if (read === 0) return at;
    const newline = piece.subarray(0, read).indexOf(10);
    if (newline >= 0) return at + newline + 1;
    at += read;
  }
}
