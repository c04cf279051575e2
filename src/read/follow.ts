// `tail`: the last lines of a log (across its rotated files), and following
// its live file as it grows, across rotations: when the live file is renamed
// away, what is left of it is read to the end (and for a little while longer,
// for writers that had it open), then the new live file is read from its start.
// Whole lines only: a line being written is printed once its `\n` is there.

import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { rotatedFiles } from '../core/rotate.ts';
import { forEachPiece, MAX_LINE, openLog } from './chunks.ts';

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
 * The rotated files of `live` newer than the one with inode `ino` and older than the one with inode `upTo` (the live
 * file opened next, if it was rotated since: it is read as the live one), oldest first (none if the first is gone).
 */
function rotatedBetween(live: string, ino: number, upTo: number | undefined): string[] {
  const dir = path.dirname(live);
  for (let attempt = 0; ; attempt++) {
    // A readdir racing renames may miss the live one's rotated name yet list files rotated after it (readdir(3): an
    // entry added meanwhile may or may not be returned): then the directory is read again, that name there throughout.
    const rotated = rotatedFiles(fs.readdirSync(dir), path.basename(live)).map((name) => path.join(dir, name));
    // Still the live one once the directory is read: no file rotated after it was there to list.
    const rotatedAway = upTo !== undefined && statOf(live)?.ino !== upTo;
    const inos = rotated.map((file) => statOf(file)?.ino);
    const mine = inos.indexOf(ino);
    if (mine < 0) return [];
    const next = upTo === undefined ? -1 : inos.indexOf(upTo, mine + 1);
    if (next < 0 && rotatedAway && attempt < 3) continue;
    return rotated.slice(mine + 1, next < 0 ? undefined : next);
  }
}

/** Follows the log whose live file is `options.live` until `signal` aborts. */
export async function follow(options: FollowOptions): Promise<void> {
  const { live, write, signal } = options;
  let current: Reading | undefined = options.start ? { fd: options.start.fd, ino: fs.fstatSync(options.start.fd).ino, position: options.start.from, partial: [], partialBytes: 0 } : open(live, 0);
  const draining: Reading[] = [];
  let listFrom: number | undefined;
  try {
    while (!signal?.aborted) {
      if (current) readNew(current, write, false, () => options.truncated?.(live));
      for (const old of [...draining]) {
        readNew(old, write);
        if (Date.now() >= old.until!) {
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
        } catch (error) {
          refused = error;
        }
        // Listed after the new one is open, up to it: a file rotated between a listing and the opening (a burst
        // of rotations, as a reader's digest events after a flood make) would be neither listed nor opened.
        // The live path missing at the opening (between a rotation's rename and its new file): listed again
        // at the next opening, from the newest file read.
        const from = previous?.ino ?? listFrom;
        listFrom = undefined;
        if (from !== undefined) {
          let newest = from;
          for (const file of rotatedBetween(live, from, current?.ino)) {
            const between = open(file, 0);
            if (!between) continue;
            readNew(between, write);
            between.until = Date.now() + DRAIN_MS;
            draining.push(between);
            newest = between.ino;
          }
          if (current === undefined && refused === undefined) listFrom = newest;
        }
        if (refused !== undefined) throw refused;
        continue;
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
