// How full tmux's cell is, for a cell as the log keeps it. tmux holds at most
// UTF8_SIZE bytes of UTF-8 in a cell and drops a character it would combine
// onto one past that (screen_write_combine, screen-write.c:2008). The log's
// cell also holds what tmux never had there: the `\xNN` of bytes tmux dropped,
// and characters it dropped for their wcwidth() of -1 (utf8.c:240). Counting
// those dropped marks tmux kept: `a`, five malformed bytes and U+0301 showed
// `á` on the screen and `a\xff…` in the log.

import { cellWidth } from './width.ts';

/** Bytes of UTF-8 a tmux cell holds at most (UTF8_SIZE, tmux.h:598). */
export const UTF8_SIZE = 21;

/**
 * The bytes tmux holds for a cell of `start` bytes once what the log keeps
 * after its character (`text` from `from` on) is combined onto it. One of the
 * reader's escapes there (see isEscapeAt): `\xNN` (a byte tmux dropped) adds
 * nothing, `\uNNNN` adds the character's 3 bytes if tmux combined it (a bidi
 * control, wcwidth 0) and nothing if tmux dropped it (U+2028, U+2029); a
 * character tmux dropped for its wcwidth() of -1 adds nothing either. Any
 * other ASCII is a character tmux joined after a ZWJ where it does not collect
 * ASCII (insert mode, wrap off, DEC graphics: screen-write.c:1773-1781, :1847):
 * its byte. `kept`, if given, gets the text less what tmux dropped as the cell
 * was full.
 */
function combinedBytes(text: string, from: number, start: number, kept?: { text: string }): number {
  let bytes = start;
  let keptFrom = from;
  let pieces = '';
  for (let i = from; i < text.length; ) {
    const unit = text.charCodeAt(i);
    let next = i + 1;
    let size = 0;
    if (unit === 0x5c && isEscapeAt(text, i)) {
      if (text.charCodeAt(i + 1) === 0x75) {
        next = i + 6;
        if (cellWidth(parseInt(text.slice(i + 2, next), 16)) === 0) size = 3;
      } else next = i + 4;
    } else if (unit >= 0x80) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) next++;
      if (cellWidth(code) >= 0) size = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    } else size = 1;
    // screen_write_combine: what would take the cell past UTF8_SIZE is dropped; something smaller may still fit.
    if (bytes + size <= UTF8_SIZE) bytes += size;
    else {
      pieces += text.slice(keptFrom, i);
      keptFrom = next;
    }
    i = next;
  }
  if (kept) kept.text = keptFrom === from ? text : pieces + text.slice(keptFrom);
  return bytes;
}

function isHex(unit: number): boolean {
  return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x66);
}

/**
 * A backslash at `i` begins one of the reader's escapes (`\xNN`, `\uNNNN`, lowercase hex: ansi.ts escapeByte,
 * escapeCodePoint), not a backslash tmux joined: joined ASCII never makes one, as each joined character comes after
 * a ZWJ of its own, and when the cell is too full for the ZWJ (3 bytes) it holds at most two more bytes, so no
 * third character after the backslash.
 */
function isEscapeAt(text: string, i: number): boolean {
  const kind = text.charCodeAt(i + 1);
  const digits = kind === 0x78 ? 2 : kind === 0x75 ? 4 : 0;
  if (digits === 0 || i + 2 + digits > text.length) return false;
  for (let d = i + 2; d < i + 2 + digits; d++) if (!isHex(text.charCodeAt(d))) return false;
  return true;
}

/**
 * The escape `piece` (`\\xNN`, `\\uNNNN`, as the reader writes a byte or a character tmux does not show) stands for a
 * character tmux combined onto the cell before (a bidi control, wcwidth 0), not one it dropped: like a mark, it puts
 * that cell in use.
 */
export function isCombinedEscape(piece: string): boolean {
  return piece.charCodeAt(1) === 0x75 && cellWidth(parseInt(piece.slice(2, 6), 16)) === 0;
}

/** The bytes tmux holds for the cell the log keeps as `cell`: its character's, and those of what tmux combined onto it. */
function cellBytes(cell: string): number {
  if (cell.length === 0) return 0;
  const code = cell.codePointAt(0)!;
  return combinedBytes(cell, code > 0xffff ? 2 : 1, code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4);
}

/**
 * What is combined onto the cells of one row, counted as tmux counts it. The
 * count of each cell is kept with the text it was made for (a cell that
 * changed otherwise is counted again), so that a cell taking a flood of
 * escapes and marks is not read whole at each one: a row of `a` and 80,000 of
 * `\xff` U+0301 took the screen model four minutes.
 */
export class CellBytes {
  private readonly texts: (string | undefined)[] = [];
  private readonly counts: number[] = [];

  /**
   * `cell` (at column `x`) with `added` after it, less what tmux would drop:
   * a character it combines that would take the cell past UTF8_SIZE. What
   * tmux never had in the cell (escapes, characters it dropped) is all kept.
   */
  append(x: number, cell: string, added: string): string {
    const before = this.texts[x] === cell ? this.counts[x]! : cellBytes(cell);
    const kept = { text: added };
    const bytes = combinedBytes(added, 0, before, kept);
    const text = cell + kept.text;
    this.texts[x] = text;
    this.counts[x] = bytes;
    return text;
  }

  clear(): void {
    this.texts.length = 0;
    this.counts.length = 0;
  }
}
