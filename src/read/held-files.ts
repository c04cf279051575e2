// A log's files read as one state of a directory its writers go on changing. Listed, then opened, a log's files are
// not what verify reads: under a flood the writer rotates (the live file renamed, a new one begun), compresses (a
// `.gz` renamed in, the plain file removed) and prunes (the oldest removed) between the listing and the reads, and
// verify then missed a file (the one rotated out of the live name: "missing file"), read a compressed one's plain file
// gone (ENOENT, exit 2) or another recording's stretch with no start ("inserted"). So the live file is held open
// first, and the log's files are those a reading of the directory shows while it stays at its name: a live file is
// never renamed back in, so while it stays nothing was rotated, and the rotated files listed then are the log with it.
// That is shown without trusting a clock: by the live file being the one a listing saw, or by the directory read
// again. The newest rotated files (those compression replaces) are held too, the others known by identity: one that
// is another file, or gone, when it is read makes the log be taken again, a bounded number of times. A file removed
// by hand is simply not in the listing: verify still names it missing.

import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../core/errors.ts';
import { MAX_LINE, pastNewline } from './chunks.ts';
import { logSets, type LogSet } from './files.ts';
import { gunzippedText } from './gunzip.ts';
import { openLogFile } from './safe-open.ts';

/** A file of a log opened as its text: read `fd` by position up to `to` (undefined: to its end), then `release` it. */
export interface OpenText {
  fd: number;
  to?: number;
  release: () => void;
}

/** Opens a log's file as its text (read/safe-open.ts refuses what is not ours). */
export type TextOf = (file: string) => OpenText;

/**
 * Which file a stat is of: its device and inode, and its birth time (0 where the file system keeps none), which tells
 * it from a later file given the inode number of one removed meanwhile (ext4 hands a freed one out again at once).
 */
function whichFile(stat: fs.BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`;
}

/** whichFile, and where the file system keeps no birth time its last change: a file not held is known again only as it was. */
function asItWas(stat: fs.BigIntStats): string {
  return stat.birthtimeNs > 0n ? whichFile(stat) : `${whichFile(stat)}:${stat.ctimeNs}`;
}

/** asItWas of what `file` names now (not followed); undefined when nothing does. */
function asItIs(file: string): string | undefined {
  try {
    return asItWas(fs.lstatSync(file, { bigint: true }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const ofFd = (fd: number): fs.BigIntStats => fs.fstatSync(fd, { bigint: true });

/**
 * Where a file held at `size` bytes is read to: `size` when a line ends there, else the end of the line its writer was
 * writing when the size was taken (a line's bytes land in more than one piece): cut there, an honest live file read
 * as torn. When that line has no end yet, the file's end as it is now (torn as it stands, as a log read unheld is),
 * but no more than MAX_LINE past `size` (read/chunks.ts cuts a line there anyway): a writer that never ends its line
 * would keep verify reading.
 */
export function lineEnd(fd: number, size: number): number {
  const byte = Buffer.alloc(1);
  if (size === 0 || (fs.readSync(fd, byte, 0, 1, size - 1) === 1 && byte[0] === 10)) return size;
  return pastNewline(fd, size, Math.min(fs.fstatSync(fd).size, size + MAX_LINE));
}

/** A `.gz` open at `fd` as its text (gunzipped into an unlinked temporary file, let go at `release`); else the file itself, read to `to`. */
function asText(file: string, fd: number, to: number | undefined, release: () => void): OpenText {
  if (!file.endsWith('.gz')) return { fd, to, release };
  let text: number;
  try {
    text = gunzippedText(file, fd);
  } finally {
    release();
  }
  return { fd: text, release: () => fs.closeSync(text) };
}

/**
 * Files named on the command line, opened by name at each read (verify reads a file again for each order it tries): a
 * name that names another file than at its first read (a live file rotated meanwhile) is refused, and a plain file is
 * read to where it was first read to (a live one grows on).
 */
export function textsByName(): TextOf {
  const first = new Map<string, { file: string; to?: number }>();
  return (file) => {
    const fd = openLogFile(file);
    try {
      const now = whichFile(ofFd(fd));
      let seen = first.get(file);
      if (seen === undefined) {
        seen = { file: now, to: file.endsWith('.gz') ? undefined : lineEnd(fd, fs.fstatSync(fd).size) };
        first.set(file, seen);
      } else if (seen.file !== now) throw new AuditError(`${file} was replaced by another file while verify read it (rotated?): not verified`, 2);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
    return asText(file, fd, first.get(file)!.to, () => fs.closeSync(fd));
  };
}

/** A log's files taken (see the top): `text` opens one as its text; `changed`, after a read failed, says the log changed under it. */
export interface HeldLog {
  files: string[];
  text: TextOf;
  changed: () => boolean;
  close: () => void;
}

/** How many times a log is taken again while it keeps changing under verify before verify gives up (exit 2). */
const TRIES = 50;

/** Of a log's files, at most this many are held open; the older ones are known by identity and opened as they are read. */
const HOLD_AT_MOST = 256;

/** Descriptors left free when the process's limit (ulimit -n) stops the holding early: a file opened to be read, a gunzipped text, a child gunzip's pipes. */
const HEADROOM = 32;

/** A listing of a log directory: its logs, their files by live file's name, and the live files seen steady (see takeListing). */
export interface Listing {
  sets: LogSet[];
  files: Map<string, string[]>;
  /**
   * By live file's name, for each log whose files two readings of the directory agreed on: its live file as it was
   * between them (asItWas).
   */
  steady: Map<string, string>;
}

function sameFiles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((file, i) => file === b[i]);
}

function filesByLive(sets: readonly LogSet[]): Map<string, string[]> {
  return new Map(sets.map((set) => [set.live, set.files.map((file) => file.path)]));
}

/**
 * `dir` listed now (`names` reads it), twice, each log's live file looked at between the two: a log whose files both
 * readings agree on was, when the second was taken, those files with that live file in its name (nothing was rotated
 * out of it after it was looked at, or the second reading would list the file rotated). One readdir and one lstat a log,
 * not a readdir a log: a directory may hold thousands of logs.
 */
export function takeListing(dir: string, names: (dir: string) => string[]): Listing {
  const first = names(dir);
  const sets = logSets(dir, first);
  const lives = new Map<string, string>();
  for (const set of sets) {
    const live = asItIs(path.join(dir, set.live));
    if (live !== undefined) lives.set(set.live, live);
  }
  const second = names(dir);
  const again = sameFiles(first, second) ? sets : logSets(dir, second);
  const files = filesByLive(again);
  const before = again === sets ? files : filesByLive(sets);
  const steady = new Map<string, string>();
  for (const [live, seen] of lives) {
    const now = files.get(live) ?? [];
    if (now.at(-1) === path.join(dir, live) && sameFiles(before.get(live) ?? [], now)) steady.set(live, seen);
  }
  return { sets: again, files, steady };
}

/**
 * The files of the log whose live file is open at `liveFd` (undefined: there was none), as the directory holds them
 * while that file stays its live one: read twice (a reading does not show a file renamed while it reads), both
 * readings the same, and the live file still in its name after them (it was, then, when they were taken: a live file
 * never comes back to its name). Undefined when the live file was rotated (or begun) meanwhile.
 */
function filesWith(dir: string, live: string, liveFd: number | undefined, names: (dir: string) => string[]): string[] | undefined {
  const livePath = path.join(dir, live);
  // The two readings and the look at the live file back to back, the names parsed after: parsing thousands of a
  // log's names took 40-140 ms, longer than a flooded 16K log takes to rotate, and every try saw a rotation (exit 2
  // after TRIES on an honest log; review of verify13h, F1).
  const first = ownNames(dir, live, names);
  const second = ownNames(dir, live, names);
  const now = asItIs(livePath);
  const still = liveFd === undefined ? now === undefined : now !== undefined && now === asItWas(ofFd(liveFd));
  if (!still || !sameFiles(first, second)) return undefined;
  const files = filesByLive(logSets(dir, second)).get(live) ?? [];
  return files.includes(livePath) === (liveFd !== undefined) ? files : undefined;
}

/** The names in `dir` that may be the log's whose live file is `live` (unparsed), in order. */
function ownNames(dir: string, live: string, names: (dir: string) => string[]): string[] {
  return names(dir)
    .filter((name) => name === live || name.startsWith(`${live}.`))
    .sort();
}

/**
 * `read` the log whose live file is `live` in `dir`, taken as one state (see the top): its live file held, then its
 * files as `listing` had them when the live file is the one it saw (Listing.steady), else as the directory holds them
 * while that file stays live (filesWith). Taken again (at most TRIES times) when it changed before it was taken whole,
 * or while it was read. Throws `read`'s own errors.
 */
export function readLog<T>(dir: string, live: string, listing: Listing, names: (dir: string) => string[], read: (log: HeldLog) => T): T {
  const livePath = path.join(dir, live);
  let steady = listing.steady.get(live);
  for (let tried = 0; tried < TRIES; tried++) {
    const liveFd = openIfThere(livePath);
    let taken: Taken | undefined;
    try {
      const files = steady !== undefined && liveFd !== undefined && asItWas(ofFd(liveFd)) === steady ? listing.files.get(live)! : filesWith(dir, live, liveFd, names);
      steady = undefined;
      taken = files && take(files, livePath, liveFd);
      if (!taken) continue;
      const log = held(files!, taken);
      try {
        return read(log);
      } catch (error) {
        if (!log.changed()) throw error;
      }
    } finally {
      if (taken) letGo(taken);
      else if (liveFd !== undefined) fs.closeSync(liveFd);
    }
  }
  throw new AuditError(`${livePath}: its files changed under verify ${TRIES} times in a row (rotated, compressed, removed): not verified`, 2);
}

/** A log file opened (openLogFile); undefined when there is none. */
function openIfThere(file: string): number | undefined {
  try {
    return openLogFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Opened and known, the files of a log. */
interface Taken {
  fds: Map<string, number>;
  known: Map<string, string>;
}

function letGo(taken: Taken): void {
  for (const fd of taken.fds.values()) fs.closeSync(fd);
}

const outOfDescriptors = (error: unknown): boolean => ['EMFILE', 'ENFILE'].includes((error as NodeJS.ErrnoException).code ?? '');

/** What a failed open or read says to the user: its code, and for running out of descriptors what to do. */
export function failure(error: unknown): string {
  const said = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return outOfDescriptors(error) ? `${said} (too many open files: raise the limit, ulimit -n)` : said;
}

/**
 * `files` taken, the live one open at `liveFd` (it is theirs from now on): the newest of the others opened too (at
 * most HOLD_AT_MOST in all), the older ones known (asItWas); undefined when one is gone (all let go but `liveFd`).
 */
function take(files: readonly string[], livePath: string, liveFd: number | undefined): Taken | undefined {
  const taken: Taken = { fds: new Map(), known: new Map() };
  // Newest first: compression replaces the newest under verify.
  const order = files.filter((file) => file !== livePath).reverse();
  let holding = true;
  try {
    for (const file of order) {
      if (holding && taken.fds.size + 1 < HOLD_AT_MOST) {
        try {
          taken.fds.set(file, openLogFile(file));
          continue;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
            letGo(taken);
            return undefined;
          }
          if (!outOfDescriptors(error)) throw error;
          // Up against the process's limit: the last ones held are let go (known instead), for what reading needs.
          holding = false;
          for (const [held, fd] of [...taken.fds].slice(-HEADROOM)) {
            taken.known.set(held, asItWas(ofFd(fd)));
            fs.closeSync(fd);
            taken.fds.delete(held);
          }
        }
      }
      const now = asItIs(file);
      if (now === undefined) {
        letGo(taken);
        return undefined;
      }
      taken.known.set(file, now);
    }
  } catch (error) {
    letGo(taken);
    throw error;
  }
  if (liveFd !== undefined) taken.fds.set(livePath, liveFd);
  return taken;
}

/**
 * The log read from what was taken: a file held up to its size as it was taken (the live one grows on; see lineEnd),
 * a `.gz` gunzipped at each read and its text let go after it (one text in the temporary directory at a time); a file
 * known by identity opened as it is read, and if it is another or gone, the log changed under verify.
 */
function held(files: string[], taken: Taken): HeldLog {
  const sizes = new Map([...taken.fds].filter(([file]) => !file.endsWith('.gz')).map(([file, fd]) => [file, fs.fstatSync(fd).size]));
  const ends = new Map<string, number>();
  const byName = textsByName();
  let changed = false;
  const text: TextOf = (file) => {
    const fd = taken.fds.get(file);
    if (fd !== undefined) {
      const size = sizes.get(file);
      if (size !== undefined && !ends.has(file)) ends.set(file, lineEnd(fd, size));
      return asText(file, fd, ends.get(file), () => {});
    }
    const known = taken.known.get(file);
    if (known === undefined) return byName(file);
    let opened: number;
    try {
      opened = openLogFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      changed = true;
      throw new AuditError(`${file} was removed while verify read its log`, 2);
    }
    if (asItWas(ofFd(opened)) !== known) {
      fs.closeSync(opened);
      changed = true;
      throw new AuditError(`${file} was replaced while verify read its log`, 2);
    }
    return asText(file, opened, undefined, () => fs.closeSync(opened));
  };
  return { files, text, changed: () => changed, close: () => letGo(taken) };
}
