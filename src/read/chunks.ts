// A log file read in large pieces that end between lines, into one reused
// buffer: a 1 GB log is never in memory, and no line is split between two
// pieces. Synchronous: the reading commands do one thing at a time.

import fs from 'node:fs';
import { gunzippedText } from './gunzip.ts';
import { openLogFile } from './safe-open.ts';
import { arenaBuffer, inArena } from './simd-find.ts';

const CHUNK = 1 << 20;
/** A "line" longer than this (not a log: a log's longest line is a piece of 16,384 characters) is cut. */
export const MAX_LINE = 64 << 20;

/**
 * Buffers handed out again and again: reading a thousand files into fresh
 * buffers costs more in page faults (the kernel zeroes each new page on first
 * touch) than the reading itself.
 */
const spare: Buffer[] = [];

/** A buffer of at least `size` bytes, reused when one is free; give it back with `release`. */
export function borrow(size = CHUNK): Buffer {
  // The SIMD arena's first, kept or new (simd-find.ts: needles are found fastest there), then any other kept.
  const kept = spare.findIndex((buffer) => buffer.length >= size && inArena(buffer));
  if (kept >= 0) return spare.splice(kept, 1)[0]!;
  const fresh = arenaBuffer(Math.max(size, CHUNK));
  if (fresh) return fresh;
  const index = spare.findIndex((buffer) => buffer.length >= size);
  if (index >= 0) return spare.splice(index, 1)[0]!;
  return Buffer.allocUnsafeSlow(Math.max(size, CHUNK));
}

export function release(buffer: Buffer): void {
  // The arena's buffers (four at most) are always kept; others only of a piece's size (a line read again past
  // it, up to MAX_LINE, would be held for the rest of the run and handed out for pieces off the arena).
  if (inArena(buffer) || (spare.length < 4 && buffer.length <= CHUNK)) spare.push(buffer);
}

/** What a visitor of pieces says: go on, or stop reading. */
export type Verdict = boolean | void;

/**
 * Calls `visit(buffer, end, offset, last)` for each piece of `fd` from byte
 * `from` to `to` (default: the end of the file as it is then): `buffer[0, end)`
 * holds whole lines, each ending in `\n`, except when `last` is true, where the
 * final line may lack it (a torn line, or one being written); `offset` is the
 * piece's position in the file. A line longer than MAX_LINE (not a log's: a
 * planted one) is cut, the same for every reader: its first MAX_LINE bytes
 * handed over as a whole line (a `\n` after them), its other bytes up to its
 * `\n` left out (so none of them is read as a line of its own: a stamp and
 * an event written after 64 MiB of padding stay text), and `cut` told where
 * it starts and whether it is torn (no `\n` before `to`: its handed `\n` is
 * the cut's, not the file's). Returns where reading stopped (byte offset):
 * `to`, or the end of the piece whose visit returned false.
 */
export function forEachPiece(
  fd: number,
  visit: (buffer: Buffer, end: number, offset: number, last: boolean) => Verdict,
  from = 0,
  to?: number,
  cut?: (offset: number, torn: boolean) => void,
): number {
  const size = to ?? fs.fstatSync(fd).size;
  const start = borrow();
  let buffer = start;
  try {
    return readPieces(fd, visit, from, size, (other) => {
      buffer = other;
    }, start, cut);
  } finally {
    // The first buffer too when a long line outgrew it: it may be one of the SIMD arena's, handed out only once.
    release(buffer);
    if (buffer !== start) release(start);
  }
}

function readPieces(
  fd: number,
  visit: (buffer: Buffer, end: number, offset: number, last: boolean) => Verdict,
  from: number,
  size: number,
  grown: (buffer: Buffer) => void,
  start: Buffer,
  cut: ((offset: number, torn: boolean) => void) | undefined,
): number {
  let buffer = start;
  let held = 0; // bytes at the start of buffer not yet visited (the beginning of a line)
  let position = from;
  let offset = from; // file offset of buffer[0]
  while (position < size) {
    if (held === buffer.length) {
      // One line fills the buffer: grow it (up to one byte past MAX_LINE), else cut the line there.
      if (buffer.length <= MAX_LINE) {
        const bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, MAX_LINE + 1));
        buffer.copy(bigger, 0, 0, held);
        buffer = bigger;
        grown(bigger);
      } else {
        // Where the line ends, first: a line whose end is not in the file is torn (verify names it `truncated`).
        const past = pastNewline(fd, offset + MAX_LINE, size, start);
        const torn = !endsInNewline(fd, past, start);
        // The byte after the first MAX_LINE is the line's, not a `\n` (none was found): overwritten by the one it is given.
        buffer[MAX_LINE] = 10;
        cut?.(offset, torn);
        if (visit(buffer, MAX_LINE + 1, offset, false) === false) return offset + MAX_LINE;
        position = past;
        offset = position;
        held = 0;
        buffer = start;
        grown(start);
        continue;
      }
    }
    const read = fs.readSync(fd, buffer, held, Math.min(buffer.length - held, size - position), position);
    if (read === 0) break; // the file shrank (truncated): what was there is read
    position += read;
    const filled = held + read;
    const last = position >= size;
    const end = last ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
    if (end === 0) {
      held = filled;
      continue;
    }
    if (visit(buffer, end, offset, last) === false) return offset + end;
    held = filled - end;
    offset += end;
    if (buffer !== start && held < start.length) {
      // Past the long line, back to the first buffer (the SIMD arena's, simd-find.ts: the rest of the file searched fast).
      buffer.copy(start, 0, end, filled);
      buffer = start;
      grown(start);
    } else buffer.copy(buffer, 0, end, filled);
  }
  if (held > 0 && visit(buffer, held, offset, true) === false) return offset + held;
  return position;
}

/** Whether the first `size` bytes of `fd` end in a `\n`; read through `buffer` (its first byte overwritten). */
function endsInNewline(fd: number, size: number, buffer: Buffer): boolean {
  return size > 0 && fs.readSync(fd, buffer, 0, 1, size - 1) === 1 && buffer[0] === 10;
}

/** Where the line holding byte `from` of `fd` ends: after its `\n`, or at `size` when it has none. Read through `buffer`. */
export function pastNewline(fd: number, from: number, size = fs.fstatSync(fd).size, buffer?: Buffer): number {
  const through = buffer ?? borrow();
  try {
    for (let position = from; position < size; ) {
      const read = fs.readSync(fd, through, 0, Math.min(through.length, size - position), position);
      if (read === 0) return position;
      const newline = through.subarray(0, read).indexOf(10);
      if (newline >= 0) return position + newline + 1;
      position += read;
    }
    return size;
  } finally {
    if (!buffer) release(through);
  }
}

/**
 * Opens a log file for reading; undefined when it is gone (rotated away,
 * pruned meanwhile). Other failures throw. A compressed rotated file (`.gz`)
 * is opened as its text: decompressed into an unlinked temporary file (a
 * rotated file is bounded by @audit-max-size; a planted one by gunzip.ts), so
 * every reader keeps reading by offset with no second code path.
 */
export function openLog(file: string): number | undefined {
  let fd: number;
  try {
    fd = openLogFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      // Compressed meanwhile: the same file under its new name.
      if (!file.endsWith('.gz') && fs.existsSync(`${file}.gz`)) return openLog(`${file}.gz`);
      return undefined;
    }
    throw error;
  }
  if (!file.endsWith('.gz')) return fd;
  try {
    return gunzippedText(file, fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The first and last whole lines of a file (without `\n`; a torn last line is not one), reading only its ends. */
export function endLines(fd: number, size = fs.fstatSync(fd).size): { first: string | undefined; last: string | undefined } {
  const head = borrow();
  try {
    return ends(fd, size, head);
  } finally {
    release(head);
  }
}

function ends(fd: number, size: number, head: Buffer): { first: string | undefined; last: string | undefined } {
  const headRead = fs.readSync(fd, head, 0, Math.min(size, 64 * 1024), 0);
  let firstEnd = head.subarray(0, headRead).indexOf(10);
  let first: string | undefined;
  if (firstEnd >= 0) first = head.toString('utf8', 0, firstEnd);
  else if (size > headRead) {
    // A first line longer than 64 KiB: read on until its end.
    forEachPiece(fd, (buffer, end) => {
      firstEnd = buffer.subarray(0, end).indexOf(10);
      if (firstEnd >= 0) first = buffer.toString('utf8', 0, firstEnd);
      return false;
    });
  }
  // The last whole line ends at the last `\n`; it starts after the one before.
  let last: string | undefined;
  let window = 64 * 1024;
  for (;;) {
    const start = Math.max(0, size - window);
    const tail = size - start <= head.length ? head : Buffer.allocUnsafe(size - start);
    const tailRead = fs.readSync(fd, tail, 0, size - start, start);
    const end = tail.subarray(0, tailRead).lastIndexOf(10);
    if (end < 0) {
      if (start === 0) break;
      window *= 4;
      continue;
    }
    const begin = end === 0 ? -1 : tail.subarray(0, end).lastIndexOf(10);
    if (begin < 0 && start > 0) {
      window *= 4;
      continue;
    }
    last = tail.toString('utf8', begin + 1, end);
    break;
  }
  return { first, last };
}
