// One row of the pane, as the line model holds it: the cells of what is
// printed there and what tmux's grid does to them (screen-write.c, grid.c,
// grid-view.c), so that the text a log line gets is the text capture-pane shows.
//
// Most rows are text: every UTF-16 unit is one cell, so a cell is a string
// index and printing is a string append (the flood's fast path). Characters
// of other widths printed at the end of such a row are appended too (the row
// then only counts its cells, and any other edit first turns it into cells).
// A combining mark, a TAB, escaped bytes, or an edit of a row with wide
// characters turns it into an array with one string per cell, which applies
// tmux's rules for wide characters: a character of two cells is followed by a
// PAD cell, and overwriting either half blanks the other (screen-write.c:2034).

import { CellBytes } from './cell-bytes.ts';
import { cellWidth } from './width.ts';

/** The second cell of a wide character: shows nothing. */
export const PAD = '\u0000';
/** A cell a TAB stepped over at the end of a row: the log keeps the TAB itself (in the cell before), not blanks. */
export const TAB_PAD = '\u0001';
/** A cell whose text was written out already as a piece of a long line: shows nothing, takes a cell. */
const GONE = '';

/**
 * Characters that take one cell and one UTF-16 unit and do not combine (glibc's
 * wcwidth() is 1 for each: ASCII, Latin, dashes and quotes, box drawing and
 * blocks; checked against the table in the unit tests). Text of only these is
 * written to a plain row by string operations. Few ranges: each one more costs
 * V8 time per character on a decoded read that is not all Latin-1.
 */
const NOT_SIMPLE = /[^\x20-\x7e\xa0-\u02ff\u2010-\u2027\u2500-\u259f]/;

const NOT_SIMPLE_AFTER = new RegExp(NOT_SIMPLE.source, 'g');

/** `text` is all one-cell, one-unit characters (see NOT_SIMPLE). */
export function isSimple(text: string): boolean {
  return !NOT_SIMPLE.test(text);
}

/** Where the run of one-cell, one-unit characters of `text` that starts at `from` ends. */
export function simpleUntil(text: string, from: number): number {
  NOT_SIMPLE_AFTER.lastIndex = from;
  return NOT_SIMPLE_AFTER.test(text) ? NOT_SIMPLE_AFTER.lastIndex - 1 : text.length;
}

/** The units of text the rows of one line hold, kept exact as they change: the line limit counts them. */
export interface Tally {
  units: number;
}

function isWide(cell: string): boolean {
  return cell.length > 0 && cell !== PAD && cell !== TAB_PAD && cellWidth(cell.codePointAt(0)!) === 2;
}

export class Row {
  /** Text form: the row's text, one unit per cell; null in cell form. */
  private text: string | null = '';
  /** Cells the text takes; when not its length in units (`wide`), only appending stays in text form. */
  private count = 0;
  private wide = false;
  /** The text form holds a TAB and its TAB_PAD cells (tab-separated output stays in text form: one unit per cell still). */
  private tabs = false;
  /** Cell form: one string per cell (a character with the marks combined onto it, PAD, TAB_PAD, or GONE). */
  private cells: string[] | null = null;
  /** How full tmux's cells are, for those that had something attached (see attach). */
  private combined: CellBytes | null = null;
  /**
   * Text tmux gave no cell, printed before the row's first one: escaped bytes and characters it dropped (see attach),
   * among them one a ZWJ joined in column 0 (lines.ts character). Never zero-width text: with no cell to combine it
   * with, tmux drops it (screen-write.c:1991), and so does the log.
   */
  private lead = '';
  /** The row carries on in the next one: text went past the right edge (tmux's GRID_LINE_WRAPPED). */
  wrapped = false;
  /**
   * tmux's line holds a cell in the last column, written or a blank, since an insertion: one before the last column
   * that moved cells made the line as wide as the pane (grid_move_cells, grid.c:716-721), one in the last column
   * cleared the cell there and left it (grid-view.c:206-207). A wide character wrapping from the last column leaves
   * that blank shown (capture-pane -J: `ESC[4h 123456789 😀` shows `123456789 😀`); the screen model's row is `used`
   * to its end the same way (grid.ts moveCells, clearCells). Never a trailing blank in the log otherwise.
   */
  widened = false;

  constructor(private readonly tally: Tally) {}

  /** Cells in use (the cursor may stand beyond them). */
  get length(): number {
    return this.text !== null ? this.count : this.cells!.length;
  }

  /** Nothing was ever printed here (tmux leaves such a row, and its wrap flags, alone on an erase: screen-write.c:1190). */
  get empty(): boolean {
    return this.length === 0 && this.lead.length === 0;
  }

  /** The row as capture-pane shows it, except that a TAB is kept as one. */
  toString(): string {
    if (this.text !== null) {
      const text = this.tabs ? this.text.replace(/\x01/g, '') : this.text;
      return this.lead.length === 0 ? text : this.lead + text;
    }
    const text = this.lead + this.cells!.join('');
    return text.includes(PAD) || text.includes(TAB_PAD) ? text.replace(/[\0\x01]/g, '') : text;
  }

  /**
   * The row cell by cell for a screen model: text before the first cell, and
   * per cell its character with what is combined onto it ('' for a cell that
   * shows nothing: a TAB's, a piece's; PAD for a wide character's right half,
   * which a screen model puts with it: a wide character not followed by PAD
   * had its right half written over, and keeps its place).
   */
  screenCells(): { lead: string; cells: string[]; widened: boolean } {
    const cells: string[] = [];
    // A TAB's cells show nothing.
    for (const cell of this.text !== null && !this.wide ? this.text.split('') : this.toCells()) cells.push(cell === TAB_PAD || cell === '\t' ? GONE : cell);
    // Only where the line model still shows the blank (lines.ts character: a wide character wrapping from the last
    // column); a row that wrapped already is logged as its cells, by both models.
    return { lead: this.lead, cells, widened: this.widened && !this.wrapped };
  }

  /** The units this row holds (its share of the tally). */
  get units(): number {
    if (this.text !== null) return this.lead.length + this.text.length;
    let units = this.lead.length;
    for (const cell of this.cells!) units += cell.length;
    return units;
  }

  /** Empties the row (tmux frees the line: grid.c:651); its wrap flag is the caller's. */
  clear(): void {
    this.tally.units -= this.units;
    this.text = '';
    this.count = 0;
    this.wide = false;
    this.tabs = false;
    this.cells = null;
    this.combined?.clear();
    this.lead = '';
    this.widened = false;
  }

  /** Whether text can be appended at `cx` without leaving text form (see appendText). */
  appendable(cx: number): boolean {
    return this.text !== null && cx === this.count;
  }

  /** Appends `text` of characters of one or two cells taking `cells` (`plain`: one unit each), at the end (see appendable). */
  appendText(text: string, cells: number, plain: boolean): void {
    this.text = this.text!.length === 0 ? text : this.text + text;
    this.count += cells;
    this.tally.units += text.length;
    if (!plain) this.wide = true;
  }

  /** Appends printable ASCII at the end of a row in text form; false if the row is not that, and nothing done. */
  appendPlain(cx: number, part: string): boolean {
    const text = this.text;
    if (text === null || cx !== this.count || this.wide) return false;
    this.text = text.length === 0 ? part : text + part;
    this.count += part.length;
    this.tally.units += part.length;
    return true;
  }

  /**
   * Appends one character of `width` cells at the end of a row in text form,
   * if it can be held there (one unit per cell); false if not, and nothing done.
   */
  append(cx: number, character: string, width: 1 | 2): boolean {
    const text = this.text;
    if (text === null || cx !== this.count) return false;
    this.text = text + character;
    this.count += width;
    this.tally.units += character.length;
    if (width !== 1 || character.length !== 1) this.wide = true;
    return true;
  }

  /**
   * Puts the row in the form writeSimple at `cx` writes it in, before the caller measures the room in the line limit:
   * in cell form a wide character's right half counts (toCells), and room measured before that would let a read's
   * text past the limit unchecked, so that where a line is cut would depend on where reads end.
   */
  readyFor(cx: number): void {
    if ((this.wide || this.tabs) && cx < this.count) this.toCells();
  }

  /** Writes `part` (simple text, see isSimple) from cell `cx` on, over what is there; the caller knows it fits. */
  writeSimple(cx: number, part: string): void {
    this.readyFor(cx);
    const text = this.text;
    if (text === null) {
      for (let i = 0; i < part.length; i++) this.put(cx + i, part[i]!, 1, part.charCodeAt(i) < 0x7f);
      return;
    }
    if (this.wide) {
      const next = text + ' '.repeat(cx - this.count) + part;
      this.tally.units += next.length - text.length;
      this.text = next;
      this.count = cx + part.length;
      return;
    }
    let next: string;
    if (cx === text.length) next = text.length === 0 ? part : text + part;
    else if (cx > text.length) next = text + ' '.repeat(cx - text.length) + part;
    else next = text.slice(0, cx) + part + text.slice(cx + part.length);
    this.tally.units += next.length - text.length;
    this.text = next;
    this.count = next.length;
  }

  /**
   * Writes one character of `width` cells at `cx`: a wide character it covers
   * half of, or that covers half of it, is blanked whole; the caller knows it
   * fits. tmux writes plain ASCII (`ascii`) in runs (screen_write_collect_end,
   * screen-write.c:1706) and anything else one by one (screen_write_cell,
   * :1811), with slightly different rules; both are followed.
   */
  put(cx: number, character: string, width: 1 | 2, ascii: boolean): void {
    const cells = this.toCells();
    this.fill(cx);
    for (let x = cx; x < cx + width && x < cells.length; x++) if (cells[x] === TAB_PAD || cells[x] === '\t') this.untab(x);
    const old = cells[cx];
    if (old === PAD) {
      // The right half of a wide character: blank back to its left half (:2045); a run of
      // ASCII stops looking at column 1, so a wide character in column 0 stays (:1733).
      let x = cx;
      while (x > 0 && cells[x] === PAD) this.set(x--, ' ');
      // One at a time, whatever character is there (:2059), even a one-cell one the padding was moved next to (ICH,
      // DCH); a run only a wide one (:1738).
      if (!ascii || (x > 0 && isWide(cells[x]!))) this.set(x, ' ');
    }
    if (ascii || width !== 1 || (old !== undefined && (old === PAD || isWide(old)))) {
      // Right halves after the new character lose their left half (:2067, :1750).
      for (let x = cx + width; x < cells.length && cells[x] === PAD; x++) this.set(x, ' ');
    }
    this.set(cx, character);
    if (width === 2) this.set(cx + 1, PAD);
  }

  /**
   * Zero-width text printed with the cursor at `cx` (`combined`): combined onto
   * the cell before, skipping the right half of a wide character
   * (screen_write_combine, screen-write.c:1981-2003). With no cell before it
   * (column 0: after a CR, at the start of a row the one above wraps into)
   * tmux drops it (:1989-1991), whatever is on the row above, and capture-pane
   * shows nothing of it; the log drops it too, and false is returned. Text
   * tmux did not put in a cell (not `combined`: an escaped byte, a character
   * it dropped) goes with the last cell in use before the cursor: past it, it
   * would put blanks in the log where the screen has no cells; with none, before the row's first cell.
   */
  attach(cx: number, text: string, combined: boolean): boolean {
    if (!combined) cx = Math.min(cx, this.length);
    if (cx > 0) {
      const cells = this.toCells();
      let x = cx - 1;
      this.fill(x + 1); // tmux combines onto a blank cell there
      while (x >= 0 && cells[x] === PAD) x--;
      if (x >= 0) {
        if (cells[x] === TAB_PAD || cells[x] === '\t') this.untab(x);
        // A character past what tmux's cell holds is dropped (screen-write.c:2008), as the screen model drops it.
        this.set(x, (this.combined ??= new CellBytes()).append(x, cells[x]!, text));
        return true;
      }
    }
    if (combined) return false;
    this.lead += text;
    this.tally.units += text.length;
    return true;
  }

  /** A TAB from `cx` to the tab stop `to` (input.c:1221): at the end of the row it is kept as a TAB; within the row it only moves the cursor. */
  tab(cx: number, to: number): void {
    if (cx < this.length) return;
    const text = this.text;
    if (text !== null && !this.wide) {
      // Text form: the TAB and a TAB_PAD per further cell, one unit each (tab-separated output stays cheap).
      const added = ' '.repeat(cx - this.count) + '\t' + TAB_PAD.repeat(to - cx - 1);
      this.text = text + added;
      this.count = to;
      this.tally.units += added.length;
      this.tabs = true;
      return;
    }
    this.toCells();
    this.fill(cx);
    this.set(cx, '\t');
    for (let x = cx + 1; x < to; x++) this.set(x, TAB_PAD);
  }

  /**
   * ICH and insert mode (screen-write.c:1005, grid-view.c:190): the cells from `cx` move right by `count`, off
   * the edge at `columns`. tmux clears the cell alone when `cx` is the last column, else moves the
   * `columns - cx - count` cells with grid_move_cells (grid.c:709), which blanks only the cells moved from
   * outside where they went: inserting more than half of what is left leaves old cells in the gap, and
   * inserting up to the edge changes nothing (capture-pane shows them; the screen model does the same,
   * grid.ts insertCharacters).
   */
  insert(cx: number, count: number, columns: number): void {
    if (this.wide || this.tabs) this.toCells();
    const length = this.length;
    // tmux's line then has a cell in the last column, a blank unless written (see widened): moved cells make it as
    // wide as the pane; the last column's cell cleared stays if it was there.
    if ((cx < columns - 1 && columns - cx - count > 0) || (cx === columns - 1 && cx < length)) this.widened = true;
    if (cx >= length) return; // only blanks move
    const edge = Math.max(columns, length); // a row longer than the width (a resize not yet learnt) loses nothing
    if (cx >= edge - 1) return this.erase(cx, cx + 1);
    const moved = Math.max(0, edge - cx - count);
    if (moved < count) return this.insertPastHalf(cx, count, moved, length);
    if (this.text !== null) {
      const text = this.text;
      const next = (text.slice(0, cx) + ' '.repeat(count) + text.slice(cx)).slice(0, edge);
      this.tally.units += next.length - text.length;
      this.text = next;
      this.count = next.length;
      return;
    }
    const cells = this.cells!;
    for (let x = Math.max(cx, length + count - edge); x < length; x++) this.tally.units -= cells[x]!.length;
    cells.splice(cx, 0, ...new Array<string>(count).fill(' '));
    this.tally.units += count;
    if (cells.length > edge) cells.length = edge;
  }

  /** `insert` of more than half of what is left: the `moved` cells from `cx` go to `cx + count`, only they are blanked. */
  private insertPastHalf(cx: number, count: number, moved: number, length: number): void {
    const shown = Math.min(moved, length - cx); // cells past the row's length are blanks already
    if (shown <= 0) return;
    const cells = this.toCells();
    const from = cells.slice(cx, cx + shown);
    this.fill(cx + count + shown);
    for (let i = 0; i < shown; i++) this.set(cx + count + i, from[i]!);
    for (let i = 0; i < shown; i++) this.set(cx + i, ' ');
  }

  /** DCH (screen-write.c:1033): `count` cells at `cx` go, what follows moves left; a wrapped row keeps its length in blanks (grid-view.c:224). */
  delete(cx: number, count: number): void {
    if (this.wide || this.tabs) this.toCells();
    const length = this.length;
    if (cx >= length) return;
    const end = Math.min(length, cx + count);
    if (this.text !== null) {
      const text = this.text;
      const next = text.slice(0, cx) + text.slice(end) + (this.wrapped ? ' '.repeat(end - cx) : '');
      this.tally.units += next.length - text.length;
      this.text = next;
      this.count = next.length;
      return;
    }
    const cells = this.cells!;
    for (let x = cx; x < end; x++) this.tally.units -= cells[x]!.length;
    cells.splice(cx, end - cx);
    if (this.wrapped) for (let x = cells.length; x < length; x++) this.set(x, ' ');
  }

  /**
   * Blanks cells `from` up to `to` (ECH, EL, grid.c:599: only cells in use).
   * Blanks that would end a row that does not carry on are cut off instead:
   * the same on the screen, and no trailing blanks in the log.
   */
  erase(from: number, to: number): void {
    if (this.wide || this.tabs) this.toCells();
    const length = this.length;
    if (from === 0) {
      this.tally.units -= this.lead.length;
      this.lead = '';
    }
    if (to >= length && !this.wrapped) {
      this.truncate(from);
      return;
    }
    const end = Math.min(to, length);
    if (from >= end) return;
    if (this.text !== null) {
      this.text = this.text.slice(0, from) + ' '.repeat(end - from) + this.text.slice(end);
      this.count = this.text.length;
      return;
    }
    for (let x = from; x < end; x++) this.set(x, ' ');
  }

  /**
   * Takes the text of the cells before `cx` (for a piece of a long line) and
   * leaves cells that show nothing in their place, so columns stay where they are.
   */
  takeBefore(cx: number): string {
    const cells = this.toCells();
    const end = Math.min(cx, cells.length);
    let text = this.lead;
    this.tally.units -= this.lead.length;
    this.lead = '';
    for (let x = 0; x < end; x++) {
      const cell = cells[x]!;
      if (cell !== PAD && cell !== TAB_PAD) text += cell;
      this.set(x, GONE);
    }
    return text;
  }

  private truncate(cx: number): void {
    if (this.wide || this.tabs) this.toCells();
    if (cx >= this.length) return;
    if (this.text !== null) {
      this.tally.units -= this.text.length - cx;
      this.text = this.text.slice(0, cx);
      this.count = cx;
      return;
    }
    const cells = this.cells!;
    for (let x = cx; x < cells.length; x++) this.tally.units -= cells[x]!.length;
    cells.length = cx;
  }

  private toCells(): string[] {
    if (this.cells !== null) return this.cells;
    const text = this.text!;
    this.text = null;
    this.tabs = false;
    if (!this.wide) return (this.cells = text.split(''));
    this.wide = false;
    const cells: string[] = [];
    for (let x = 0; x < text.length; x++) {
      const code = text.codePointAt(x)!;
      const character = code > 0xffff ? text.slice(x, ++x + 1) : text[x]!;
      cells.push(character);
      if (cellWidth(code) === 2) {
        cells.push(PAD); // a unit the text form did not count
        this.tally.units++;
      }
    }
    return (this.cells = cells);
  }

  /** Blank cells up to `cx` (tmux's grid shows cells between the last in use and the cursor as blanks). */
  private fill(cx: number): void {
    const cells = this.cells!;
    while (cells.length < cx) {
      cells.push(' ');
      this.tally.units++;
    }
  }

  private set(x: number, cell: string): void {
    const cells = this.cells!;
    const old = cells[x];
    this.tally.units += cell.length - (old === undefined ? 0 : old.length);
    cells[x] = cell;
  }

  /** Turns the TAB whose span covers cell `x` into the blanks it stands for (something is written over part of it). */
  private untab(x: number): void {
    const cells = this.cells!;
    let from = x;
    while (from > 0 && cells[from] === TAB_PAD) from--;
    if (cells[from] === '\t') this.set(from, ' ');
    for (let y = from + 1; y < cells.length && cells[y] === TAB_PAD; y++) this.set(y, ' ');
  }
}
