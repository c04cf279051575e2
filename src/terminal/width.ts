// How many cells a character takes on the screen, as tmux 3.3a counts them. tmux
// asks the C library (wcwidth() in a UTF-8 locale, utf8.c:215-240; Debian
// builds it without utf8proc), so the table is glibc's (width-table.ts,
// generated): 2 for wide characters (CJK, most emoji), 0 for marks that combine
// with the character before them, -1 for characters tmux drops without showing
// them (unassigned code points, controls), 1 for everything else. A table of
// the Unicode standard's own widths differs from it in thousands of code points
// (newer emoji, some symbols, Hangul jamo): every one of them would put the
// line model's cursor somewhere the screen's is not.
//
// A character of width -1 takes no cell and moves nothing, but the log keeps
// it, though the tmux 3.3a here shows nothing for it (U+0378, U+FDD0, and
// U+2028, which the log writes `\u2028`: checked with capture-pane): which characters a tmux drops is its C
// library's say, and the reader cannot know it. glibc gives -1 to code points
// unassigned in the Unicode version it was built with, and a newer one
// assigns some of them (U+1FAE8 is -1 here, an emoji since Unicode 15); a tmux
// built with utf8proc (macOS packages) never drops one, utf8proc_charwidth
// gives 0 where wcwidth gives -1 (compat/utf8proc.c), so it combines them onto
// the cell before. Dropping them would take from the log what such a tmux
// shows; keeping them adds what this one does not show. (C1 controls are
// dropped all the same, ansi.ts continueCharacter: every C library's
// wcwidth() gives them -1.)

import { WIDTH_RANGES } from './width-table.ts';

/** Cells taken by one character on the screen; -1: tmux drops it (it takes none and is not shown). */
export type Width = -1 | 0 | 1 | 2;

/** Width + 1 of each BMP code point, looked up directly (the commonest case by far). */
const BMP = new Uint8Array(0x10000).fill(2);
/** Ranges above the BMP, for a binary search: first, last, width. */
const astralFirst: number[] = [];
const astralLast: number[] = [];
const astralWidth: Width[] = [];
for (let i = 0; i < WIDTH_RANGES.length; i += 3) {
  const first = WIDTH_RANGES[i]!;
  const last = WIDTH_RANGES[i + 1]!;
  const width = WIDTH_RANGES[i + 2]! as Width;
  if (first < 0x10000) BMP.fill(width + 1, first, Math.min(last, 0xffff) + 1);
  if (last >= 0x10000) {
    astralFirst.push(Math.max(first, 0x10000));
    astralLast.push(last);
    astralWidth.push(width);
  }
}
BMP.fill(0, 0, 0x20); // C0 controls: the cleaner passes none but TAB, which moves the cursor instead

/** Cells taken by `codePoint` (see Width). */
export function cellWidth(codePoint: number): Width {
  if (codePoint < 0x10000) return (BMP[codePoint]! - 1) as Width;
  let low = 0;
  let high = astralFirst.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (codePoint < astralFirst[mid]!) high = mid - 1;
    else if (codePoint > astralLast[mid]!) low = mid + 1;
    else return astralWidth[mid]!;
  }
  return 1;
}

/** Cells taken by `text` when printed on one row (a dropped character takes none). */
export function textWidth(text: string): number {
  let cells = 0;
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    const width = cellWidth(codePoint);
    if (width > 0) cells += width;
  }
  return cells;
}

/**
 * The start of `text` (a row as capture-pane prints it) that fills its first
 * `cells` cells, marks included with their character, padded with blanks to
 * `cells` (capture-pane drops trailing blanks; a prompt ends in one).
 */
export function textInCells(text: string, cells: number): string {
  let used = 0;
  let end = 0;
  while (end < text.length) {
    const codePoint = text.codePointAt(end)!;
    const width = cellWidth(codePoint);
    if (width > 0 && used + width > cells) break;
    if (width > 0) used += width;
    end += codePoint > 0xffff ? 2 : 1;
  }
  return text.slice(0, end) + ' '.repeat(Math.max(0, cells - used));
}
