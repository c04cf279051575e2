// The loop every reading command runs: the lines of a log file, in order, with
// their numbers, handed to a visitor. A visitor that only cares about some
// lines says which with a regular expression ("candidates"): the loop then
// jumps from match to match over a whole piece of the file instead of looking
// at each line, which is what makes `grep` over a gigabyte about as fast as
// reading it. Candidates are only a shortlist: the visitor parses each one and
// decides. It is asked again after every line, so it can narrow or widen its
// shortlist as it learns (`show` looks for a start event, then for the lines
// of one place).
//
// The shortlist runs over the Latin-1 view of the bytes (one character per
// byte: decoding is a copy, and a position in it is a byte offset), so it must
// be written for that view: ASCII, or UTF-8 bytes spelled as Latin-1
// (pattern.ts makes sure). Only the lines visited are decoded as UTF-8.
// Line numbers are counted only when needed: a file with no candidate is not
// counted at all.

import * as buffers from 'node:buffer';
import fs from 'node:fs';
import { borrow, forEachPiece, release } from './chunks.ts';
import { findEither, findNeedle, joinNeedles, pairable, sampleBytes, type ByteCounts } from './needle.ts';
import { lineInArena, type FoundLine } from './simd-find.ts';

/** Node ≥ 18.15 has it; before, every visited line is decoded as UTF-8. */
const isAscii: (bytes: Uint8Array) => boolean = (buffers as { isAscii?: (bytes: Uint8Array) => boolean }).isAscii ?? (() => false);

/**
 * Whether `piece` holds a JSON line (`@audit-format json`, which may start
 * mid-file: the option changed): a line that starts with `{`, as line.ts reads
 * it (not only `{"time":`, as format/json.ts writes it: JSON.parse takes blanks
 * and any key order, and a line so written must not escape the JSON list).
 * Shortlists are written for text lines (the stamp's ` * `, ` <place> `, text
 * as written); a JSON line spells all of these otherwise (`"kind":"event"`, `\"`
 * for a quote), so such a piece is searched with the visitor's JSON list too,
 * or read line by line when it has none: slower, never wrong. memchr on `{`,
 * rare in a text log, first found at the start of a JSON one.
 */
export function holdsJson(piece: Buffer): boolean {
  for (let at = piece.indexOf(0x7b); at >= 0; at = piece.indexOf(0x7b, at + 1)) {
    if (at === 0 || piece[at - 1] === 10) return true;
  }
  return false;
}

/**
 * Lines worth a look: a regular expression (flags `g` and `m`) over the
 * Latin-1 view of the bytes that matches somewhere in each of them, or byte
 * strings one of which each of them contains (found with Buffer.indexOf,
 * without decoding anything), or undefined for every line.
 */
export type Candidates = RegExp | readonly Buffer[] | undefined;

export interface LineVisitor {
  candidates(): Candidates;
  /**
   * The shortlist for JSON lines (format/json.ts spells a line otherwise: see
   * holdsJson), as byte strings; undefined (or no method): every JSON line. A
   * piece holding JSON lines is searched for both lists at once.
   */
  jsonCandidates?(): readonly Buffer[] | undefined;
  /**
   * A line as bytes, before it is decoded: `piece[start, end)` (without its
   * `\n`), its number, and where a byte-string candidate was found in it (-1:
   * none). true or false as `line` says; undefined to have it decoded and
   * given to `line`. For visitors that can decide the common case from the
   * bytes (fast-line.ts).
   */
  bytes?(piece: Buffer, start: number, end: number, number: number, found: number): boolean | undefined;
  /**
   * Whether the candidate `piece[start, end)` (without its `\n`) can be passed
   * over unseen, from its bytes alone: it is not counted, decoded nor given
   * to `bytes` or `line`. For visitors whose shortlist is coarse
   * (json-shortlist.ts).
   */
  passOver?(piece: Buffer, start: number, end: number): boolean;
  /**
   * false: the visitor has no use for line numbers (`grep -c`, `show`): none is counted, and `bytes` and `line` are
   * given 0 for one. Counting the lines between two candidates is most of what a common word's search costs beyond
   * finding it.
   */
  numbered?: boolean;
  /** Told as each piece of the file is read, and read again to number its lines (a scan worker shows it is alive: grep-parallel.ts). */
  read?(): void;
  /** A line (without its `\n`), its number in the file (from 1) and where it starts (byte offset); false stops the scan. */
  line(text: string, number: number, offset: number): boolean | void;
}

/** A log's starts a full disk tore that their reader attested (commands/torn-starts.ts): by file, the offset of the line each begins and its length (Infinity: a file's last line, all start). */
export type TornStarts = ReadonlyMap<string, ReadonlyMap<number, number>>;

/** What lineInArena finds, reused (a search may find millions of lines). */
const line: FoundLine = { start: 0, end: 0, before: 0 };

/** How many `\n` bytes there are in `bytes[from, to)`. */
function countNewlines(bytes: Buffer, from: number, to: number): number {
  if (lineInArena(bytes, from, to, to, line)) return line.before;
  let count = 0;
  for (let at = bytes.indexOf(10, from); at >= 0 && at < to; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}

/**
 * The line of `piece[at, end)` holding byte `target` (`at`: a line start), and how many lines lie between `at` and
 * it: in the SIMD arena, one call (simd-find.ts), else lastIndexOf, a count and indexOf. A common word is found
 * in a line in six: this is most of what numbering its lines costs.
 */
function lineOf(piece: Buffer, at: number, target: number, end: number): FoundLine {
  if (lineInArena(piece, at, target, end, line)) return line;
  line.start = target === at ? at : piece.lastIndexOf(10, target - 1) + 1;
  line.before = countNewlines(piece, at, line.start);
  const newline = piece.indexOf(10, target);
  line.end = newline < 0 ? end : newline;
  return line;
}

/** How many `\n` bytes there are in `fd` between `from` and `to` (read again: it is in the page cache); `read` told after each read. */
export function countFileNewlines(fd: number, from: number, to: number, read?: () => void): number {
  const buffer = borrow();
  try {
    let count = 0;
    for (let position = from; position < to; ) {
      const got = fs.readSync(fd, buffer, 0, Math.min(buffer.length, to - position), position);
      read?.();
      if (got === 0) break;
      count += countNewlines(buffer, 0, got);
      position += got;
    }
    return count;
  } finally {
    release(buffer);
  }
}

/** The union of a visitor's text and JSON lists (the same array while both stay the same), or undefined: every line. */
const unions = new WeakMap<LineVisitor, { text: readonly Buffer[]; json: readonly Buffer[]; both: readonly Buffer[] }>();
function bothLists(visitor: LineVisitor): Candidates {
  const text = visitor.candidates();
  const json = visitor.jsonCandidates?.();
  if (!Array.isArray(text) || json === undefined) return undefined; // a RegExp cannot be joined to byte strings
  const cached = unions.get(visitor);
  if (cached && cached.text === text && cached.json === json) return cached.both;
  const both = joinNeedles(text, json);
  unions.set(visitor, { text, json, both });
  return both;
}

/**
 * Visits the lines of the open file `fd`; true when the visitor stopped the scan. `torn`: starts a full disk tore
 * that their reader attested (commands/torn-starts.ts), by the offset of the line each begins, and their length
 * (Infinity: the file's last line, left out whole): each such line is visited from the line glued after its start,
 * which its own stamp then names.
 */
export function scanFile(fd: number, visitor: LineVisitor, torn?: ReadonlyMap<number, number>): boolean {
  // A line start whose number is known: the file's first line, later the end of a piece counted through.
  let knownOffset = 0;
  let knownNumber = 1;
  let stopped = false;
  let counts: ByteCounts | undefined;
  let cutAt = -1; // where the piece cut at MAX_LINE starts, the one given a `\n` (chunks.ts)
  const numbered = visitor.numbered !== false;
  forEachPiece(fd, (buffer, end, offset) => {
    visitor.read?.();
    const piece = buffer.subarray(0, end);
    let view: string | undefined; // the Latin-1 view, made when needed
    let ascii: boolean | undefined;
    // Where each byte string was last found in this piece (the same list asked again: not searched again).
    let needles: readonly Buffer[] | undefined;
    let foundAt: number[] = [];
    let paired: number[] = [];
    // Which bytes are rare (needle.ts): sampled once a file, from the first piece that needs it, not once a piece
    // (a log's pieces are alike; counting 8 KiB a MiB cost a fifth of a search for an absent word). A sample that
    // misleads only slows the search (findNeedle goes back to indexOf), it never changes what is found.
    const countsOf = () => (counts ??= sampleBytes(piece));
    // Numbering in this piece: the line at byte `at` has number `number`; at < 0: not counted yet (a piece
    // with no candidate is never counted: its lines are counted from the file when a later piece needs them).
    let at = -1;
    let number = numbered ? knownNumber : 0;
    let position = 0;
    const json = holdsJson(piece);
    while (position < end) {
      const candidates = json ? bothLists(visitor) : visitor.candidates();
      // A byte of the next line to visit: where a candidate was found, or the next line itself.
      let target = position;
      let found = -1;
      if (candidates instanceof RegExp) {
        view ??= buffer.toString('latin1', 0, end);
        candidates.lastIndex = position;
        const match = candidates.exec(view);
        if (match === null || match.index >= end) break;
        target = match.index;
      } else if (candidates) {
        if (candidates !== needles) {
          needles = candidates;
          foundAt = candidates.map(() => -1);
          // A JSON piece's word and `"event"` are searched for in one pass (needle.ts findEither).
          paired = json ? candidates.flatMap((needle, i) => (pairable(needle) ? [i] : [])).slice(0, 2) : [];
        }
        for (let i = 0; i < candidates.length; i++) {
          if (foundAt[i]! < position && foundAt[i] !== -2) {
            const j = paired.length === 2 && i === paired[0] ? paired[1]! : -1;
            // Where either is first: for the other, no nearer than there (both are searched again together).
            const either = j >= 0 && foundAt[j]! < position && foundAt[j] !== -2 ? findEither(piece, candidates[i]!, candidates[j]!, position, countsOf) : undefined;
            if (either !== undefined) foundAt[i] = foundAt[j] = either < 0 ? -2 : either;
            else foundAt[i] = findNeedle(piece, candidates[i]!, position, countsOf);
          }
          if (foundAt[i] === -1) foundAt[i] = -2; // not in the rest of this piece
          if (foundAt[i]! >= 0 && (found < 0 || foundAt[i]! < found)) found = foundAt[i]!;
        }
        if (found < 0) break;
        target = found;
      }
      let skip = 0;
      if (torn !== undefined) {
        const { start, end: lineEnd } = lineOf(piece, position, target, end);
        skip = torn.get(offset + start) ?? 0;
        if (skip >= lineEnd - start) {
          position = lineEnd + 1;
          continue;
        }
        // Found only in the start: the visitor is asked about the rest, found nowhere in it by the scan.
        if (found >= 0 && found < start + skip) found = -1;
      }
      if (visitor.passOver) {
        // A candidate the visitor can rule out from its bytes needs no line number: nothing is counted for it.
        const { start: lineStart, end: lineEnd } = lineOf(piece, position, target, end);
        const start = lineStart + skip;
        if (visitor.passOver(piece, start, lineEnd)) {
          position = lineEnd + 1;
          continue;
        }
      }
      if (numbered && at < 0) {
        number = knownNumber + countFileNewlines(fd, knownOffset, offset, visitor.read);
        at = 0;
      }
      // Counted up to the line that holds `target`: the lines from the last one numbered (not counted: from `position`).
      const { start: lineStart, end: lineEnd, before } = lineOf(piece, numbered ? at : position, target, end);
      if (numbered) {
        number += before;
        at = lineStart;
      }
      const start = lineStart + skip;
      const verdict = visitor.bytes?.(piece, start, lineEnd, number, found);
      if (verdict !== undefined) {
        if (!verdict) {
          stopped = true;
          return false;
        }
        position = lineEnd + 1;
        continue;
      }
      let text: string;
      if (candidates === undefined || candidates instanceof RegExp) {
        // Many lines of this piece are read: one Latin-1 copy serves them all when it is plain ASCII.
        ascii ??= isAscii(piece);
        view ??= ascii ? buffer.toString('latin1', 0, end) : undefined;
        text = ascii ? view!.slice(start, lineEnd) : buffer.toString('utf8', start, lineEnd);
      } else text = buffer.toString('utf8', start, lineEnd);
      if (visitor.line(text, number, offset + start) === false) {
        stopped = true;
        return false;
      }
      position = lineEnd + 1;
    }
    if (at >= 0) {
      // Counting has begun in this file: carry it through the piece, so the next one starts known. A cut line's
      // `\n` is not in the file there but further on, after the bytes left out: counted from the file, there.
      const given = cutAt === offset ? 1 : 0;
      knownNumber = number + countNewlines(piece, at, end - given);
      knownOffset = offset + end - given;
    }
    return true;
  }, 0, undefined, (offset) => {
    cutAt = offset;
  });
  return stopped;
}
