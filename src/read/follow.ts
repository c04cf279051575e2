// `tail`: the last lines of a log (across its rotated files), and following
// its live file as it grows, across rotations: when the live file is renamed
// away, what is left of it is read to the end (and for a little while longer,
// for writers that had it open), then the new live file is read from its start.
// Whole lines only: a line being written is printed once its `\n` is there.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { setTimeout as delay } from 'node:timers/promises';
import { rotatedAfter, rotatedAt, rotatedFiles } from '../core/rotate.ts';
import { forEachPiece, MAX_LINE, openLog } from './chunks.ts';
import { gzipClaim, IN_PROCESS_BYTES } from './gunzip.ts';
import { openLogFile } from './safe-open.ts';

/** How often the live file is looked at for what was added. */
const POLL_MS = 100;

/** How long a rotated-away file is still read: a writer may have had it open when it was renamed. */
const DRAIN_MS = 2000;

/** Where the last `count` whole lines of an open file are (bytes [start, end)), and how many there are. */
export function tailOf(fd: number, size: number, count: number): { start: number; end: number; lines: number } {
  // The newlines from the end backwards: the first ends the last whole line, the (count+1)-th ends the line before those taken.
  const newlines: number[] = [];
  const window = Buffer.allocUnsafe(64 * 1024);
  for (let from = size; from > 0 && newlines.length <= count; ) {
    const take = Math.min(window.length, from);
    from -= take;
    const read = fs.readSync(fd, window, 0, take, from);
    for (let at = read; newlines.length <= count; ) {
      const newline = at > 0 ? window.subarray(0, at).lastIndexOf(10) : -1;
      if (newline < 0) break;
      newlines.push(from + newline);
      at = newline;
    }
  }
  if (newlines.length === 0) return { start: 0, end: 0, lines: 0 };
  const end = newlines[0]! + 1;
  return newlines.length > count ? { start: newlines[count]! + 1, end, lines: count } : { start: 0, end, lines: newlines.length };
}

/**
 * Writes the last `count` whole lines of the files (oldest first), as bytes, a piece of whole lines at a
 * time. `live` is the last file already open, read up to `size` (what it held when it was opened: it may
 * have been rotated since). A line still being written (no `\n` yet) is not one. A line longer than
 * MAX_LINE (not a log's: a planted one) is cut as every reader cuts it, to its first MAX_LINE bytes, and
 * `cut` is told where it starts: memory stays bounded by MAX_LINE whatever the file holds.
 */
export function lastLines(
  files: readonly string[],
  count: number,
  write: (bytes: Buffer) => void,
  live?: { path: string; fd: number; size: number },
  cut?: (file: string, offset: number) => void,
): void {
  const ranges: { file: string; fd: number; own: boolean; start: number; end: number }[] = [];
  try {
    let wanted = count;
    for (let i = files.length - 1; i >= 0 && wanted > 0; i--) {
      const own = live?.path === files[i] ? undefined : openLog(files[i]!);
      const fd = own ?? (live?.path === files[i] ? live.fd : undefined);
      if (fd === undefined) continue;
      const { start, end, lines } = tailOf(fd, live?.path === files[i] ? live.size : fs.fstatSync(fd).size, wanted);
      ranges.unshift({ file: files[i]!, fd, own: own !== undefined, start, end });
      wanted -= lines;
    }
    for (const range of ranges) {
      if (range.end <= range.start) continue;
      // A piece is whole lines (a line cut at MAX_LINE too: chunks.ts), the range ending at a `\n`.
      forEachPiece(
        range.fd,
        (buffer, end) => write(Buffer.from(buffer.subarray(0, end))),
        range.start,
        range.end,
        (offset) => cut?.(range.file, offset),
      );
    }
  } finally {
    for (const range of ranges) if (range.own) fs.closeSync(range.fd);
  }
}

interface Reading {
  fd: number;
  ino: number;
  position: number;
  /** The start of a line not finished yet, as read (in pieces), and its length. */
  partial: Buffer[];
  partialBytes: number;
  /** Within a line cut at MAX_LINE: its bytes up to its `\n` are left out. */
  skipping?: boolean;
  /**
   * A rotated file's name known to come before this file (its own, for a file opened as rotated; the newest listed
   * once it was opened, for a live one; '': none came before): the files rotated after it are those named after
   * that, should it be gone.
   */
  after?: string;
  /** For a file rotated away: until when it is still read. */
  until?: number;
}

export interface FollowOptions {
  /** The live file's path. */
  live: string;
  /** The live file, open (it may have been rotated since), and where to go on reading it: after its last whole line. */
  start?: { fd: number; from: number };
  /** Gets whole lines, as bytes. */
  write: (bytes: Buffer) => void;
  /** Told when the live file was truncated in place (it is read again from its start). */
  truncated?: (file: string) => void;
  /** Ends the follow. */
  signal?: AbortSignal;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Reads what was added to `reading` and writes the whole lines; `final` also
 * writes an unfinished last line. A file now shorter than what was read of it
 * was truncated in place (the writer never does: it renames, core/rotate.ts):
 * `truncated` is told, and the file is read again from its start, so lines
 * written after the truncation are not held back until it grows past the old
 * length.
 */
function readNew(reading: Reading, write: (bytes: Buffer) => void, final = false, truncated?: () => void): void {
  if (fs.fstatSync(reading.fd).size < reading.position) {
    truncated?.();
    reading.position = 0;
    reading.partial = [];
    reading.partialBytes = 0;
    reading.skipping = false;
  }
  const buffer = Buffer.allocUnsafe(256 * 1024);
  for (;;) {
    const read = fs.readSync(reading.fd, buffer, 0, buffer.length, reading.position);
    if (read === 0) break;
    reading.position += read;
    let piece = buffer.subarray(0, read);
    if (reading.skipping) {
      // The rest of a line cut at MAX_LINE, up to its `\n`: left out, as every reader leaves it (chunks.ts).
      const newline = piece.indexOf(10);
      if (newline < 0) continue;
      reading.skipping = false;
      piece = piece.subarray(newline + 1);
    }
    const end = piece.lastIndexOf(10) + 1;
    if (end > 0) {
      // Joined once, when the line ends: a line growing in many reads is not copied again at each.
      write(reading.partialBytes > 0 ? Buffer.concat([...reading.partial, piece.subarray(0, end)]) : Buffer.from(piece.subarray(0, end)));
      reading.partial = [];
      reading.partialBytes = 0;
    }
    if (end < piece.length) {
      reading.partial.push(Buffer.from(piece.subarray(end)));
      reading.partialBytes += piece.length - end;
      // Not a log's line (the writer cuts its lines at 16,384 characters): cut, as every reader cuts one (chunks.ts).
      if (reading.partialBytes > MAX_LINE) {
        writePartial(reading, write, MAX_LINE);
        reading.skipping = true;
      }
    }
  }
  if (final) writePartial(reading, write);
}

/** The unfinished line of `reading` (its first `most` bytes), written as a line of its own (its end was never written, or it is too long). */
function writePartial(reading: Reading, write: (bytes: Buffer) => void, most = reading.partialBytes): void {
  if (reading.partialBytes === 0) return;
  write(Buffer.concat([Buffer.concat(reading.partial).subarray(0, most), Buffer.from('\n')]));
  reading.partial = [];
  reading.partialBytes = 0;
}

function open(file: string, position: number): Reading | undefined {
  const fd = openLog(file);
  if (fd === undefined) return undefined;
  return { fd, ino: fs.fstatSync(fd).ino, position, partial: [], partialBytes: 0 };
}

/**
 * Whether the gzip file `gz` holds what the open file `fd` (of `size` bytes) starts with, at least its first `read`
 * bytes (what was read of it: the compressor gzipped the file whole, so its .gz holds all of that). Bounded by `size`
 * whatever the .gz claims (review of tailgz13: a planted gzip bomb, its trailer lying and its head a 6,000-byte
 * header field that gunzips to nothing, was gunzipped whole, 1 GiB, at every look): a .gz larger than gzip makes of
 * `size` bytes is refused unread, the rest gunzipped in memory up to `size` + 1 bytes.
 */
function holds(gz: string, fd: number, size: number, read: number): 'yes' | 'no' | 'maybe' {
  let file: number;
  try {
    file = openLogFile(gz); // a FIFO, a symlink, another's file: refused, not waited on
  } catch {
    return 'no';
  }
  try {
    const length = fs.fstatSync(file).size;
    // Stored blocks: 5 bytes per 64 KiB and the header and trailer, at worst (zlib's deflateBound, and a header's name).
    if (length > size + 5 * Math.ceil(size / 65_535 + 1) + 1024) return 'no';
    const trailer = Buffer.alloc(4);
    fs.readSync(file, trailer, 0, 4, Math.max(0, length - 4));
    // The length its last member gunzips to, mod 2^32: fewer than were read, or more than the file, is another file's.
    const claim = gzipClaim(length, trailer);
    if (claim === undefined || claim === 0 || (size < 2 ** 32 && (claim < read || claim > size))) return 'no';
    // Its first bytes tell a log's file from another (they start with a stamp): 4 KiB gunzip to at most 4 MiB, and
    // to some of the file's bytes (a head all header gunzips to none).
    const head = Buffer.alloc(Math.min(length, 4096));
    fs.readSync(file, head, 0, head.length, 0);
    // A gzip file cut short gunzips, with a sync flush, to as much as its head holds.
    const start = zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    if (start.length < Math.min(size, 64) || !startsWith(fd, start)) return 'no';
    // Too large to gunzip here: it may be the file, or not (review of revtail22: taken for gone, the file's own .gz
    // was printed again whole).
    if (size > IN_PROCESS_BYTES) return 'maybe';
    const whole = Buffer.alloc(length);
    if (fs.readSync(file, whole, 0, length, 0) !== length) return 'no';
    const text = zlib.gunzipSync(whole, { maxOutputLength: size + 1 }); // past the file: throws, refused
    return text.length >= Math.max(read, 1) && text.length <= size && startsWith(fd, text) ? 'yes' : 'no';
  } catch {
    return 'no';
  } finally {
    fs.closeSync(file);
  }
}

/** Whether the open file `fd` starts with `bytes`. */
function startsWith(fd: number, bytes: Buffer): boolean {
  const mine = Buffer.allocUnsafe(Math.min(bytes.length, 64 * 1024));
  for (let at = 0; at < bytes.length; ) {
    const take = Math.min(mine.length, bytes.length - at);
    if (fs.readSync(fd, mine, 0, take, at) !== take || !mine.subarray(0, take).equals(bytes.subarray(at, at + take))) return false;
    at += take;
  }
  return true;
}

/**
 * Where in `rotated` (the log's rotated files, oldest first) the file `reading` holds is, now that its inode is not
 * there: compressed meanwhile (compress.ts: its .gz written, the plain file removed), in a burst of rotations after
 * it. Not by its name: the live file it was reading was renamed and compressed between two looks, its rotated name
 * never listed (issue 13: 40 of 60 lines lost so). By its bytes: the one `.gz` that gunzips to what its descriptor,
 * still open, holds from its start, all it has read of it at least (the writer only appends: a .gz of it is a prefix
 * of it; a log's lines are stamped, no two files alike). None: -1, gone. Two such (a copy planted), or one too large
 * to gunzip here that starts as it does: 'unsure', neither found nor gone.
 */
function compressedAt(rotated: readonly string[], reading: Reading): number | 'unsure' {
  const size = fs.fstatSync(reading.fd).size;
  let found: number | 'unsure' = -1;
  for (const [at, file] of rotated.entries()) {
    if (!file.endsWith('.gz')) continue;
    const held = holds(file, reading.fd, size, reading.position);
    if (held === 'no') continue;
    if (held === 'maybe' || found !== -1) return 'unsure';
    found = at;
  }
  return found;
}

/** Where in `rotated` (oldest first) the first file named after the mark `after` is ('': the first; none: the end). */
function firstAfter(rotated: readonly string[], after: string): number {
  const at = after === '' ? 0 : rotated.findIndex((file) => rotatedAfter(path.basename(file), after));
  return at < 0 ? rotated.length : at;
}

/**
 * The rotated files of `live` newer than the one `from` reads (by its inode, or compressed since: compressedAt) and
 * older than the one `upTo` reads (the live file opened next, if it was rotated since: it is read as the live one; by
 * its inode, or else by its mark), oldest first (none if the first is gone).
 */
function rotatedBetween(live: string, from: Reading, upTo: Reading | undefined): string[] {
  const dir = path.dirname(live);
  for (let attempt = 0; ; attempt++) {
    // A readdir racing renames may miss the live one's rotated name yet list files rotated after it (readdir(3): an
    // entry added meanwhile may or may not be returned): then the directory is read again, that name there throughout.
    const rotated = rotatedFiles(fs.readdirSync(dir), path.basename(live)).map((name) => path.join(dir, name));
    // Still the live one once the directory is read: no file rotated after it was there to list.
    const rotatedAway = upTo !== undefined && statOf(live)?.ino !== upTo.ino;
    const inos = rotated.map((file) => statOf(file)?.ino);
    const byIno = inos.indexOf(from.ino);
    const compressed = byIno < 0 ? compressedAt(rotated, from) : byIno;
    if (compressed === 'unsure') return [];
    let mine = compressed;
    // A file listed and gone before its stat (compressed meanwhile: its .gz was not listed, the plain name was) may
    // be the one read: the directory is read again (review of tailgz13: the files after it were skipped so).
    if (mine < 0 && inos.includes(undefined) && attempt < 3) continue;
    // Gone, pruned (a burst of more rotations than @audit-max-files between two looks): the files named after the
    // one known to come before it (review of revfix32: every file still there after it was skipped).
    if (mine < 0 && from.after !== undefined) mine = firstAfter(rotated, from.after) - 1;
    if (mine < 0 && from.after === undefined) return [];
    const next = upTo === undefined ? -1 : inos.indexOf(upTo.ino, mine + 1);
    if (next < 0 && rotatedAway && attempt < 3) continue;
    // Not listed under its inode (rotated away and pruned, or compressed: its .gz is another inode), the files named
    // after its mark were rotated after it: read once it is seen rotated away (review of revtail23: read now too, they
    // came before its lines, then again after them). Still live after this listing, none listed was rotated after it:
    // all are read, a file markLive's listing missed too (review of revtail13c: cut at the mark, it was lost unsaid).
    const end = next >= 0 ? next : rotatedAway && upTo?.after !== undefined ? firstAfter(rotated, upTo.after) : rotated.length;
    return rotated.slice(mine + 1, end);
  }
}

/**
 * Marks `reading`, just opened as the live file, with the newest rotated file then ('' if none): a file named after
 * it was rotated after the opening. A name stamped in the future (planted: it made every file "before", review of
 * revtail22) is no mark. The live file rotated meanwhile, the listing may hold its own rotated name and newer ones:
 * the name before its own, found by its inode or its bytes (compressed), is its mark; gone (pruned), every file listed
 * came after it; unsure (compressedAt), none.
 */
function markLive(live: string, reading: Reading | undefined): void {
  if (!reading) return;
  const dir = path.dirname(live);
  const soon = Date.now() + 1000;
  const rotated = rotatedFiles(fs.readdirSync(dir), path.basename(live)).filter((name) => rotatedAt(name)! <= soon);
  if (statOf(live)?.ino === reading.ino) reading.after = rotated.at(-1) ?? '';
  else {
    // Unmarked, a file ahead of it not under its inode (its .gz) was taken for one before it: its lines twice.
    // Listed again: the listing above may predate its rename (made before the stat, the rename between), and it may be
    // compressed or pruned since; rotated away so, unmarked, it was printed twice or after the files rotated after it
    // (review of revtail13c).
    const again = rotatedFiles(fs.readdirSync(dir), path.basename(live)).filter((name) => rotatedAt(name)! <= soon);
    let own: number | 'unsure' = again.findIndex((name) => statOf(path.join(dir, name))?.ino === reading.ino);
    if (own < 0) own = compressedAt(again.map((name) => path.join(dir, name)), reading);
    if (own === 'unsure') return;
    // Gone (pruned, oldest first): every file listed was rotated after it.
    reading.after = own < 0 ? '' : (again[own - 1] ?? '');
  }
}

/** Follows the log whose live file is `options.live` until `signal` aborts. */
export async function follow(options: FollowOptions): Promise<void> {
  const { live, write, signal } = options;
  let current: Reading | undefined = options.start ? { fd: options.start.fd, ino: fs.fstatSync(options.start.fd).ino, position: options.start.from, partial: [], partialBytes: 0 } : open(live, 0);
  markLive(live, current);
  const draining: Reading[] = [];
  // The file read when the live path was missing at an opening: listed from at the next one. Kept open until then
  // (its drain over or not): its inode is not freed for a new file to take, and its bytes find it if compressed.
  let listFrom: Reading | undefined;
  try {
    while (!signal?.aborted) {
      if (current) readNew(current, write, false, () => options.truncated?.(live));
      for (const old of [...draining]) {
        readNew(old, write);
        if (Date.now() >= old.until! && old !== listFrom) {
          readNew(old, write, true);
          fs.closeSync(old.fd);
          draining.splice(draining.indexOf(old), 1);
        }
      }
      const now = statOf(live);
      if (now && (!current || now.ino !== current.ino)) {
        // Rotated (or created): finish what is left of the old file, and of any file rotated after it
        // (several rotations between two looks), then read the new one from its start.
        const previous = current;
        if (previous) {
          readNew(previous, write);
          previous.until = Date.now() + DRAIN_MS;
          draining.push(previous);
        }
        // Not kept as current while the new one opens: a live path now refused (a FIFO, a symlink planted
        // there) ends the follow with that refusal, and the old file, draining, is closed once, not twice.
        current = undefined;
        let refused: unknown;
        try {
          current = open(live, 0);
          markLive(live, current);
        } catch (error) {
          refused = error;
        }
        // Listed after the new one is open, up to it: a file rotated between a listing and the opening (a burst
        // of rotations, as a reader's digest events after a flood make) would be neither listed nor opened.
        // The live path missing at the opening (between a rotation's rename and its new file): not listed now,
        // with no file to stop at, a listing racing the next rotations could skip a file and list the ones after
        // it (readdir(3)); listed at the next opening, from the file read, up to the live file then opened.
        const from = previous ?? listFrom;
        listFrom = undefined;
        if (from !== undefined && current === undefined && refused === undefined) listFrom = from;
        else if (from !== undefined) {
          for (const file of rotatedBetween(live, from, current)) {
            const between = open(file, 0);
            if (!between) continue;
            between.after = path.basename(file);
            readNew(between, write);
            between.until = Date.now() + DRAIN_MS;
            draining.push(between);
          }
        }
        if (refused !== undefined) throw refused;
        continue;
      }
      if (!now && listFrom !== undefined && Date.now() >= listFrom.until!) {
        // Still no live file, DRAIN_MS on (its writer killed between its rename and its new file): no rotation can
        // race a listing now, there is no live file to rename; the files after the one read are read without a file
        // to stop at (review of tailgz13: they were held back until a live file came, if ever).
        for (const file of rotatedBetween(live, listFrom, undefined)) {
          const between = open(file, 0);
          if (!between) continue;
          between.after = path.basename(file);
          readNew(between, write);
          between.until = Date.now() + DRAIN_MS;
          draining.push(between);
          listFrom = between;
        }
        listFrom.until = Math.max(listFrom.until!, Date.now() + DRAIN_MS);
      }
      try {
        await delay(POLL_MS, undefined, { signal });
      } catch {
        break; // aborted
      }
    }
  } finally {
    for (const reading of [...draining, ...(current ? [current] : [])]) {
      try {
        readNew(reading, write, reading !== current);
      } catch {
        // closing anyway
      }
      fs.closeSync(reading.fd);
    }
  }
}
