// How many cells a character takes on the screen, as tmux counts them: 2 for
// East Asian Wide and Fullwidth characters (most emoji are Wide), 0 for marks
// that combine with the character before them and for invisible format
// characters, 1 for everything else. Cursor arithmetic in cells is what lets
// `echo 日本語` + Backspace, or a delete inside a line of wide characters, be
// logged as the screen shows it.

import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11ff\u200b]$/u;

/** Cells taken by `codePoint` (a printable character: the cleaner passes no controls but TAB). */
export function cellWidth(codePoint: number): 0 | 1 | 2 {
  if (codePoint < 0x300) return 1; // ASCII and Latin-1: one cell each, and by far the commonest
  if (ZERO_WIDTH.test(String.fromCodePoint(codePoint))) return 0;
  return eastAsianWidth(codePoint) === 2 ? 2 : 1;
}

/** Cells taken by `text`. */
export function textWidth(text: string): number {
  let cells = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x300) {
      cells++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    cells += cellWidth(codePoint);
  }
  return cells;
}
