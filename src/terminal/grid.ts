// A small screen model: the rows, cursor and scroll region tmux keeps for a
// pane, rebuilt from what the cleaner reports, so that output drawn by
// addressing the screen (progress blocks, status lines, full-screen programs,
// readline moving up a wrapped command) can be logged as the screen showed it.
//
// It follows tmux 3.3a, not xterm, wherever they differ: the cursor may stand
// one past the last column (tmux's pending wrap is `cx == sx`, so CUB 1 from
// there lands on the last column, screen-write.c:935), a row's "wrapped" flag
// is only ever cleared the way grid.c clears it (grid_clear_lines and
// grid_move_lines, grid.c:656/684/698; never by LF), the whole screen cleared
// on the normal screen goes into history (scroll-on-clear, screen-write.c:1480,
// grid-view.c:66), a line scrolled off the top of any scroll region goes into
// history too (grid.c:420), and DECSC/DECRC is one saved position shared by
// both screens (input.c:776). Cited lines are tmux 3.3a's.
//
// It is a model for a log, not a renderer: no colours or attributes, only the
// characters and where they are; and it reports what a log needs through
// `ScreenEvents` (rows leaving the screen, rows about to be erased, screen
// switches) and per-row versions (what changed since a moment).
//
// Speed: a row is one Uint16Array of UTF-16 units, one per cell (a blank cell
// is a space, as tmux prints it); the rare cells that are not one BMP
// character (astral characters, combining sequences) are kept as strings
// beside the row, wide characters' second cells as a padding marker. Scrolling
// moves row objects, never cells; rows that leave are recycled.

import { Csi, Esc, Mode, type Perform } from './ansi.ts';
import { TabStops } from './tab-stops.ts';
import { CellBytes, isCombinedEscape } from './cell-bytes.ts';
import { cellWidth } from './width.ts';

/** Rows `first`..`last` of `rows` as one line for the log (see ScreenGrid.logText). */
function logTextOf(rows: readonly Row[], first: number, last: number): string {
  let text = '';
  for (let y = first; y <= last; y++) {
    const row = rows[y]!;
    text += row.text(y === last ? Math.max(row.end(), Math.min(row.printed, row.used)) : row.used);
  }
  // Blanks alone are no line (readline's wrapping space, cut off by the LF below it: hybrid.ts lineFeed).
  // Only U+0020 (a cell's blank): NBSP or U+3000 are text, as joinedText keeps them.
  return /^ *$/.test(text) ? '' : text;
}

/** What the model reports beyond its rows; the rows named can still be read (rowText, continued, rowId, ...) during the call. */
/** A row as a line model holds it (LineAssembler.pendingRows): text before its first cell, then each cell's text ('' for one that shows nothing, NUL for a wide character's right half). */
export interface SeedRow {
  lead: string;
  cells: readonly string[];
  /** tmux's line holds a cell in the last column since an insertion (Row.widened in row.ts). */
  widened?: boolean;
}

export interface ScreenEvents {
  /**
   * Row `y` is about to leave the screen at the top: a line feed or SU at the
   * bottom of the scroll region (of any region: tmux moves its top row into
   * history, grid.c:420), the whole screen cleared (ED 2, RIS: tmux scrolls
   * the used rows into history first, grid-view.c:66), or the pane made
   * shorter. `history` is false in the alternate screen, which has none: the
   * row is gone.
   */
  scrolled(y: number, history: boolean): void;
  /**
   * Rows `top`..`bottom` (inclusive) are about to be erased or pushed off the
   * bottom of the scroll region, without entering history: ED 0/1 (ED 2 in
   * the alternate screen), DL, IL, SD, RI at the top margin, the pane made
   * shorter. Row `top` may be erased only from the cursor on (ED 0).
   * `kept`: some of the rows stay, with their ids (ED 0/1 clear the cursor's
   * row in place, DECALN fills every row); otherwise they all leave.
   */
  erasing(top: number, bottom: number, kept?: boolean): void;
  /** The alternate screen is about to be entered (true) or left (false); on leave its rows are still readable. */
  switching(alternate: boolean): void;
  /**
   * A move (CUP, VPA, CUD, CNL, CUF, HPA) is about to stop at the screen's
   * edge short of where it was asked to go: the pane is likely larger than
   * the model knows (a resize not learnt yet), and the text about to be
   * written there stands elsewhere on the real screen.
   */
  clamped?(): void;
}

const NO_EVENTS: ScreenEvents = { scrolled() {}, erasing() {}, switching() {} };

/** A blank cell: tmux prints a cleared cell as a space (grid.c:1020). */
const SPACE = 0x20;
/** The second cell of a wide character (GRID_FLAG_PADDING): not printed. */
const PADDING = 0;
/** A cell whose text is in the row's `extras` (astral or combined): a lone low surrogate, which decoded text never holds. */
const EXTRA = 0xdc00;
const TAB = 0x09;
const ZWJ = 0x200d;
/** Rows kept after they scroll off, only so that a taller or wider pane can pull them back as tmux does (screen.c:351, grid.c:1360). */
export const HISTORY_ROWS = 512;

const LF = 0x0a;
const CR = 0x0d;
const BS = 0x08;

/** tmux's input_get (input.c:1056): the parameter, its default when not given, at least `min`. */
function param(value: number, min: number, fallback: number): number {
  if (value < 0) return fallback;
  return value < min ? min : value;
}

/**
 * cellWidth for the BMP, remembered: it tests a regex per call, which a
 * flood of wide or combining characters would pay per character.
 */
const BMP_WIDTHS = new Uint8Array(0x10000);
function widthOf(codePoint: number): number {
  if (codePoint < 0x300) return 1;
  if (codePoint > 0xffff) return cellWidth(codePoint);
  const known = BMP_WIDTHS[codePoint]!;
  if (known !== 0) return known - 1;
  const width = cellWidth(codePoint);
  BMP_WIDTHS[codePoint] = width + 1;
  return width;
}

/** Cells the text of one cell takes: its first character's. */
function extraWidth(text: string): number {
  return widthOf(text.codePointAt(0)!);
}

class Row {
  cells: Uint16Array;
  /** Cells in use (tmux's cellused): the row's text ends here. */
  used = 0;
  /**
   * Cells printed to, lowered by an erase that reaches it: the log keeps the
   * blanks a program printed at the end of a line (a prompt's `$ `), as the
   * line model does, but not those an erase left (EL after CUB, Ctrl-L's
   * redraw). tmux has no such mark: cellused stays where EL leaves it
   * (grid_clear, grid.c:597), and capture-pane trims every trailing blank.
   */
  printed = 0;
  /** Holds padding or extra cells: text takes the slow path. */
  complex = false;
  extras: (string | undefined)[] | null = null;
  /** How full tmux's cells are, for those that had something combined onto them or attached. */
  private combined: CellBytes | null = null;
  /** Text the screen gives no cell, before the first (see ScreenGrid.attach). */
  lead = '';
  /** Continues onto the next row (tmux's GRID_LINE_WRAPPED, set on the row that wrapped). */
  wraps = false;
  /** Has cells allocated (tmux's cellsize > 0): EL 2 on a row without is a no-op (screen-write.c:1191). */
  touched = false;
  id: number;
  version: number;
  /** When the row's text last changed (not its position): a row that only scrolled keeps this. */
  written: number;
  /** When DECALN last filled the row (-1: never): it still shows only that while `written` is this. */
  alignedAt = -1;

  constructor(columns: number, id: number, version: number) {
    this.cells = new Uint16Array(columns).fill(SPACE);
    this.id = id;
    this.version = version;
    this.written = version;
  }

  /** Empties the row (grid_empty_line). */
  empty(): void {
    if (this.used > 0) this.cells.fill(SPACE, 0, this.used);
    this.used = 0;
    this.printed = 0;
    this.complex = false;
    this.extras = null;
    this.combined?.clear();
    this.lead = '';
    this.wraps = false;
    this.touched = false;
    this.alignedAt = -1;
  }

  /** Text up to `end` cells, padding skipped. */
  text(end: number): string {
    if (end === 0) return this.lead;
    const cells = this.cells;
    if (!this.complex) return this.lead + String.fromCharCode.apply(null, cells.subarray(0, end) as unknown as number[]);
    let out = this.lead;
    for (let x = 0; x < end; x++) {
      const cell = cells[x]!;
      if (cell === PADDING) continue;
      out += cell === EXTRA ? this.extras![x]! : String.fromCharCode(cell);
    }
    return out;
  }

  /** Cells up to the last that is not blank. */
  end(): number {
    let end = this.used;
    while (end > 0 && this.cells[end - 1] === SPACE) end--;
    return end;
  }

  /** The text of cell `x` (for moves and reflow). */
  cellText(x: number): string {
    const cell = this.cells[x]!;
    return cell === EXTRA ? this.extras![x]! : cell === PADDING ? '' : String.fromCharCode(cell);
  }

  /** Cells cell `x` takes (0 for padding). */
  cellWidth(x: number): number {
    const cell = this.cells[x]!;
    if (cell === PADDING) return 0;
    if (cell === EXTRA) return extraWidth(this.extras![x]!);
    return widthOf(cell);
  }

  /** Puts `added` after cell `x`'s text, less a character tmux would not combine onto it as the cell is full (see CellBytes); false if nothing was put. */
  append(x: number, added: string): boolean {
    const cell = this.cellText(x);
    const text = (this.combined ??= new CellBytes()).append(x, cell, added);
    if (text.length === cell.length) return false;
    this.setExtra(x, text);
    return true;
  }

  setExtra(x: number, text: string): void {
    this.cells[x] = EXTRA;
    (this.extras ??= [])[x] = text;
    this.complex = true;
  }

  resize(columns: number): void {
    if (columns === this.cells.length) return;
    const cells = new Uint16Array(columns).fill(SPACE);
    cells.set(this.cells.subarray(0, Math.min(columns, this.cells.length)));
    this.cells = cells;
    if (this.used > columns) this.used = columns;
    if (this.printed > columns) this.printed = columns;
    if (this.extras !== null && this.extras.length > columns) this.extras.length = columns;
  }
}

/**
 * The screen of one pane as tmux 3.3a keeps it, driven through `Perform`.
 * Rows are numbered from 0 at the top; `x` and `y` are cells.
 */
export class ScreenGrid implements Perform {
  private sx: number;
  private sy: number;
  private rowList: Row[];
  private cx = 0;
  private cy = 0;
  private rupper = 0;
  private rlower: number;
  private alternateOn = false;
  /** The normal screen's rows and size while the alternate screen is up (tmux's saved_grid). */
  private savedRows: Row[] | null = null;
  private savedSx = 0;
  private savedSy = 0;
  /** Cursor saved by 1049 (saved_cx/saved_cy; -1 until first set, as UINT_MAX in screen.c:112). */
  private altSavedX = -1;
  private altSavedY = -1;
  /** DECSC/SCOSC position: in tmux's input context, shared by both screens, 0,0 until saved (input.c:770). */
  private savedX = 0;
  private savedY = 0;
  /** Origin mode (DECOM): rows of CUP and VPA count from the scroll region's top (screen-write.c:1274). */
  private origin = false;
  /** IRM: a character printed pushes the cells from the cursor on right first (screen-write.c:1875). */
  private insert = false;
  /**
   * Autowrap (DECAWM, MODE_WRAP): off, a character at the last column stays
   * there and the next one overwrites it (screen-write.c:1955-1959), and a
   * wide character that does not fit is dropped (:1869).
   */
  private autowrap = true;
  /** Tab stops, one set for both screens (see tab-stops.ts); the hybrid shares its own with the line model. */
  private tabs = new TabStops();
  private savedOrigin = false;
  /** A zero-width joiner was printed: the next character tmux does not collect combines (screen-write.c:1828; see print). */
  private joiner = false;
  /** Printed ASCII is in DEC special graphics (Perform.charset): tmux writes it one cell at a time. */
  private acs = false;
  /** The wrapped flag of the last line in history: the row above row 0 (grid.c:656 clears it). */
  private aboveWraps = false;
  /**
   * Rows scrolled into history, a ring of at most HISTORY_ROWS (oldest at
   * `historyStart`), and how many tmux would pull back (hscrolled).
   */
  private historyRing: Row[] = [];
  private historyStart = 0;
  private scrolledBack = 0;
  /** The alternate screen's rows, kept between switches so that flapping costs no allocation. */
  private altRows: Row[] | null = null;
  private spare: Row[] = [];
  private nextId = 1;
  private epoch = 1;
  /**
   * When rows last changed which line they belong to without being written
   * (a wrapped flag cleared, rows moved apart by IL/DL/SU/SD/RI or a
   * region's scroll): a row split off a line is a line of its own, though
   * no cell of it changed (see reshapedSince).
   */
  private reshaped = 0;

  constructor(
    columns: number,
    rows: number,
    private readonly events: ScreenEvents = NO_EVENTS,
  ) {
    this.sx = Math.max(1, columns | 0);
    this.sy = Math.max(1, rows | 0);
    this.rlower = this.sy - 1;
    this.rowList = [];
    for (let y = 0; y < this.sy; y++) this.rowList.push(this.freshRow());
  }

  // ------------------------------------------------------------ reading

  get columns(): number {
    return this.sx;
  }
  get rows(): number {
    return this.sy;
  }
  /** Cursor column: `columns` when a character just filled the last one (tmux's pending wrap). */
  get cursorX(): number {
    return this.cx;
  }
  get cursorY(): number {
    return this.cy;
  }
  get pendingWrap(): boolean {
    return this.cx >= this.sx;
  }
  get alternate(): boolean {
    return this.alternateOn;
  }
  get scrollRegion(): readonly [number, number] {
    return [this.rupper, this.rlower];
  }

  /**
   * Row `y`'s text, each character once (a wide one takes two cells),
   * trailing blanks trimmed; untrimmed, it runs to the last cell written, as
   * `capture-pane -J` joins a row that wraps.
   */
  rowText(y: number, trim = true): string {
    const row = this.rowList[y]!;
    return row.text(trim ? row.end() : row.used);
  }

  /** Row `y` holds nothing: no cell used, no text before the first (a row come in blank, or emptied). */
  blank(y: number): boolean {
    const row = this.rowList[y]!;
    return row.used === 0 && row.lead === '';
  }

  /** Row `y` continues the row above it (for row 0: the last row that went into history). */
  continued(y: number): boolean {
    return y === 0 ? this.aboveWraps : this.rowList[y - 1]!.wraps;
  }

  /**
   * The text of the rows in history that row 0 continues (a line wrapped
   * across the screen's top), oldest first; '' if row 0 starts its line.
   * tmux's capture-pane -J joins them (grid_string_cells follows
   * GRID_LINE_WRAPPED back into history, grid.c:1044).
   */
  historyHead(): string {
    if (!this.aboveWraps || this.alternateOn) return '';
    const ring = this.historyRing;
    let text = '';
    for (let k = ring.length - 1; k >= 0; k--) {
      const row = ring[(this.historyStart + k) % ring.length]!;
      if (k < ring.length - 1 && !row.wraps) break;
      text = row.text(row.used) + text;
    }
    return text;
  }

  /** Row `y` continues onto the next row (the last row can: below a scroll region tmux wraps a row onto itself, screen-write.c:1334). */
  wraps(y: number): boolean {
    return this.rowList[y]?.wraps === true;
  }

  /**
   * The line row `y` holds: a row moved by scrolling or line insertion keeps
   * its id, a row that comes in blank (or is blanked by ED) gets a new one.
   */
  rowId(y: number): number {
    // 0 (no row's id) off the screen: an id is only ever compared, and a caller one row out must not crash the reader.
    return this.rowList[y]?.id ?? 0;
  }

  /** When row `y`'s text (or whether it wraps) last changed, as a `mark()` count; moving it (scrolling, IL/DL) does not count. */
  rowWritten(y: number): number {
    return this.rowList[y]!.written;
  }

  /** A moment: rows changed after it (content or position) are `changedSince` it. */
  mark(): number {
    return this.epoch++;
  }

  /**
   * Rows may belong to other lines than at `mark` though their text was not
   * written since (see `reshaped`): a reader that logs lines must look at
   * every row, not only those written.
   */
  reshapedSince(mark: number): boolean {
    return this.reshaped > mark;
  }

  /** Rows changed since `mark`, top to bottom. */
  changedSince(mark: number): number[] {
    const out: number[] = [];
    for (let y = 0; y < this.sy; y++) if (this.rowList[y]!.version > mark) out.push(y);
    return out;
  }

  /** First and last rows of the wrapped group holding row `y`. */
  lineBounds(y: number): [number, number] {
    let first = y;
    while (first > 0 && this.rowList[first - 1]!.wraps) first--;
    let last = y;
    while (last < this.sy - 1 && this.rowList[last]!.wraps) last++;
    return [first, last];
  }

  /** The logical line rows `first`..`last` hold, joined as `capture-pane -J` joins them, trailing blanks trimmed. */
  joinedText(first: number, last: number): string {
    let text = '';
    for (let y = first; y <= last; y++) {
      const row = this.rowList[y]!;
      text += row.text(y === last ? row.end() : row.used);
    }
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === SPACE) end--;
    return end === text.length ? text : text.slice(0, end);
  }

  /**
   * The logical line rows `first`..`last` hold, for the log: joined as
   * `joinedText`, the last row's trailing blanks kept up to where they were
   * printed (see Row.printed), unless it holds only blanks; text is never
   * cut short of its last non-blank.
   */
  logText(first: number, last: number): string {
    return logTextOf(this.rowList, first, last);
  }

  /**
   * While the alternate screen is up: the logical line of the saved normal
   * screen holding row `id`, as logText gives it, and the id of its first
   * row; undefined if no such row (what the log keeps of the normal screen
   * when the recording ends before the program leaves).
   */
  normalLine(id: number): { text: string; first: number } | undefined {
    const rows = this.savedRows;
    if (rows === null) return undefined;
    const y = rows.findIndex((row) => row.id === id);
    if (y < 0) return undefined;
    let first = y;
    while (first > 0 && rows[first - 1]!.wraps) first--;
    let last = y;
    while (last < rows.length - 1 && rows[last]!.wraps) last++;
    return { text: logTextOf(rows, first, last), first: rows[first]!.id };
  }

  /** The screen as `capture-pane -p -J` shows it, one entry per logical line, trailing blanks trimmed. */
  lines(): string[] {
    const out: string[] = [];
    for (let y = 0; y < this.sy; ) {
      let last = y;
      while (last < this.sy - 1 && this.rowList[last]!.wraps) last++;
      out.push(this.joinedText(y, last));
      y = last + 1;
    }
    return out;
  }

  /** Tab stops kept with another model (the hybrid's line model): HTS on one moves TAB on both, as on tmux's one screen. */
  useTabStops(tabs: TabStops): void {
    this.tabs = tabs;
  }

  // ------------------------------------------------------------ seeding and size

  /**
   * Fills the screen from text already on it (the reader's `capture-pane -p`
   * at start: one string per row), with the cursor, and optionally which rows
   * continue the row above. Text past the width is cut.
   */
  seed(rows: readonly (string | SeedRow)[], cursorX: number, cursorY: number, continued?: readonly boolean[]): void {
    for (let y = 0; y < this.sy; y++) {
      const row = this.rowList[y]!;
      row.empty();
      this.touch(row);
    }
    this.aboveWraps = continued?.[0] === true;
    // The newest row in history is the row above row 0: it wraps into it or not as the seed says.
    const ring = this.historyRing;
    if (ring.length > 0) ring[(this.historyStart + ring.length - 1) % ring.length]!.wraps = this.aboveWraps;
    for (let y = 0; y < this.sy && y < rows.length; y++) {
      this.cy = y;
      this.cx = 0;
      this.writeSeedRow(rows[y]!);
      if (y > 0 && continued?.[y] === true) this.rowList[y - 1]!.wraps = true;
    }
    this.cx = Math.min(Math.max(0, cursorX | 0), this.sx);
    this.cy = Math.min(Math.max(0, cursorY | 0), this.sy - 1);
    this.joiner = false;
  }

  /**
   * Rows that scrolled into tmux's history while another model had the
   * stream (the hybrid's line model), oldest first, after those already kept;
   * `scrolled`: how many rows tmux's hscrolled grew by meanwhile (each LF at
   * the bottom, grid.c:400), `reset`: the whole screen was cleared into
   * history meanwhile (hscrolled = 0, grid-view.c:92). A pane made taller
   * pulls back exactly these (screen.c:373): without them it pulled rows the
   * screen had shown long before, or blanks where tmux shows text.
   */
  appendHistory(rows: readonly (string | SeedRow)[], continued: readonly boolean[], scrolled: number, reset: boolean): void {
    if (this.alternateOn) return;
    const saved = this.rowList;
    const { cx, cy, joiner } = this;
    const ring = this.historyRing;
    try {
      for (let y = 0; y < rows.length; y++) {
        if (continued[y] === true && ring.length > 0) ring[(this.historyStart + ring.length - 1) % ring.length]!.wraps = true;
        const row = this.freshRow();
        // The row is written where the cursor writes (put, combine): in a list of its own for the moment.
        this.rowList = [row];
        this.cx = this.cy = 0;
        this.writeSeedRow(rows[y]!);
        this.pushHistory(row, false);
      }
    } finally {
      this.rowList = saved;
      this.cx = cx;
      this.cy = cy;
      this.joiner = joiner;
    }
    const back = (reset ? 0 : this.scrolledBack) + Math.max(0, scrolled);
    this.scrolledBack = Math.min(back, HISTORY_ROWS, ring.length);
  }

  /** One seeded row's text at the cursor's row, from column 0. */
  private writeSeedRow(text: string | SeedRow): void {
    if (typeof text !== 'string') {
      this.seedCells(text);
      return;
    }
    // After a ZWJ, the next character that is not ASCII joined the cell before, whatever its width (screen-write.c:1852).
    let joiner = false;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) code = text.codePointAt(i++)!;
      if (code < 0x20 || code === 0x7f) continue;
      const width = widthOf(code);
      if (width < 0) continue; // tmux showed nothing for it
      if (width === 0 || (joiner && code >= 0x7f)) {
        joiner = code === ZWJ;
        this.combine(code);
        continue;
      }
      if (this.cx + width > this.sx) break;
      this.put(code, width);
    }
  }

  /** One row from a line model's cells: each cell's first character takes its cells, what is combined onto it stays with it. */
  private seedCells({ lead, cells, widened }: SeedRow): void {
    const row = this.rowList[this.cy]!;
    let wide = false;
    for (const cell of cells) {
      // A wide character's right half: taken with it. Any other cell after a wide character was written over its
      // right half (tmux leaves a wide character in column 0 so, screen-write.c:1733): it goes there, and the wide
      // character stays, as capture-pane shows both.
      const over = wide && cell !== '\u0000';
      if (cell === '\u0000') {
        // Padding after no wide character: DCH or ICH moved it away from its character (grid_move_cells moves cells
        // as they are, grid.c:709), and tmux keeps it where it went, a cell capture-pane skips (grid.c:1009). It takes
        // its column here too: skipped, everything after it was seeded a column left, and the next write covered
        // text the screen still shows.
        if (!wide && this.cx < this.sx) this.pad();
        wide = false;
        continue;
      }
      wide = false;
      if (over) this.cx--;
      if (cell === '') {
        this.cx++;
        continue;
      }
      const code = cell.codePointAt(0)!;
      const width = widthOf(code);
      if (width <= 0 || code < 0x20 || code === 0x7f) {
        this.attachAt(cell, width === 0);
        continue;
      }
      const x = this.cx;
      if (x + width > this.sx) {
        // A wide character ICH or insert mode pushed into the last column: tmux moves only the cells that stay left of
        // the edge (grid-view.c:209), the character without its padding, and capture-pane shows it there.
        if (x === this.sx - 1) {
          this.put(code, 1, !over);
          if (cell.length > (code > 0xffff ? 2 : 1)) row.setExtra(x, row.cellText(x) + cell.slice(code > 0xffff ? 2 : 1));
        }
        break;
      }
      this.put(code, width, !over);
      wide = width === 2;
      const size = code > 0xffff ? 2 : 1;
      if (cell.length > size) row.setExtra(x, row.cellText(x) + cell.slice(size));
    }
    // A wide character last, its padding not after it: its right half was erased (ECH, EL cut the row there), a
    // blank in tmux's cell (grid_clear, grid.c:599); as padding, the next write there blanked the character too.
    if (wide) {
      row.cells[this.cx - 1] = SPACE;
      row.used = row.printed = this.cx - 1;
    }
    row.lead = lead;
    // In use to its end, as moveCells and clearCells leave it: a wide character wrapping from the last column leaves
    // the blank there on the screen (capture-pane -J: `ESC[4h 123456789 😀` shows `123456789 😀`).
    if (widened === true) {
      row.used = this.sx;
      row.touched = true;
    }
  }

  /** A padding cell at the cursor with no character before it (see seedCells), and the cursor past it. */
  private pad(): void {
    const row = this.rowList[this.cy]!;
    const x = this.cx++;
    row.cells[x] = PADDING;
    row.complex = true;
    if (x + 1 > row.used) row.used = x + 1;
    if (x + 1 > row.printed) row.printed = x + 1;
    row.touched = true;
    row.version = row.written = this.epoch;
  }

  /**
   * Text the screen gives no cell (Perform.unshown: escaped bytes tmux does not
   * show), kept with the cell left of the cursor as a combining mark is
   * (screen-write.c:1981), or before the row's first cell: the screen never
   * shows it, the log keeps it. An escaped character tmux combined (a bidi
   * control) is combined as it was.
   */
  attach(text: string): void {
    if (!text.includes('\\u')) return this.attachAt(text, false);
    for (let from = 0; from < text.length; ) {
      const to = text.charCodeAt(from + 1) === 0x75 ? from + 6 : from + 4;
      const piece = text.slice(from, to);
      const combined = isCombinedEscape(piece);
      // A bidi control tmux combined takes the joiner as any character does, the ZWJ first (screen-write.c:1847).
      if (combined && this.joiner) this.combine(ZWJ);
      this.attachAt(piece, combined);
      if (combined) this.joiner = false;
      from = to;
    }
  }

  /**
   * `text` onto the cell left of the cursor; text tmux did not put in a cell (not `combined`) onto the last cell in use
   * before it: past it, it would put blanks in the log where the screen has no cells.
   */
  private attachAt(text: string, combined: boolean): void {
    const row = this.rowList[this.cy]!;
    let x = Math.min(this.cx, this.sx, combined ? this.sx : row.used) - 1;
    while (x >= 0 && row.cells[x] === PADDING) x--;
    if (x < 0) row.lead += text;
    else {
      row.append(x, text);
      if (x >= row.used) row.used = x + 1;
      if (x >= row.printed) row.printed = x + 1;
    }
    row.touched = true;
    row.version = row.written = this.epoch;
  }

  /** The pane's new size, applied as tmux does (screen.c:257): the normal screen is reflowed, the alternate one is not. */
  resize(columns: number, rows: number): void {
    columns = Math.max(1, columns | 0);
    rows = Math.max(1, rows | 0);
    if (columns === this.sx && rows === this.sy) return;
    this.resizeTo(columns, rows, !this.alternateOn);
  }

  // ------------------------------------------------------------ Perform

  print(text: string): void {
    const n = text.length;
    // ASCII tmux does not collect goes through screen_write_cell (screen-write.c:1773-1784): in DEC graphics, and,
    // while a ZWJ waits, in insert mode or with wrap off, where it is joined onto the cell before (:1847). Decided
    // here and again after anything that is not ASCII (only a character can set or clear the wait), so a run of ASCII
    // with no ZWJ waiting pays nothing for it.
    let uncollected = this.acs || (this.joiner && (this.insert || !this.autowrap));
    for (let i = 0; i < n; i++) {
      let code = text.charCodeAt(i);
      if (code >= 0x20 && code < 0x7f && !uncollected) {
        // ASCII, by far the commonest: tmux's collected path (screen-write.c:1759).
        // IRM: every character through screen_write_cell, which makes room before it wraps (screen-write.c:1875, :1780).
        if (this.insert) this.insertCharacters(1);
        let cx = this.cx;
        if (cx >= this.sx) {
          // Wrap off, at the pending-wrap column (left by a character printed while it was on): no wrap, and the
          // sanity check drops the character (screen-write.c:1881, :1889).
          if (!this.autowrap) continue;
          this.linefeed(true);
          cx = this.cx = 0;
        }
        const row = this.rowList[this.cy]!;
        // Wrap off, tmux does not collect (screen-write.c:1778): the character goes through screen_write_cell.
        if (row.complex) this.clearWideAround(row, cx, 1, !this.insert && this.autowrap);
        row.cells[cx] = code;
        if (cx >= row.used) row.used = cx + 1;
        if (cx >= row.printed) row.printed = cx + 1;
        row.touched = true;
        row.version = row.written = this.epoch;
        // Wrap off: the cursor sticks at the last column, the next character replaces this one (screen-write.c:1955).
        this.cx = this.autowrap || cx + 1 < this.sx ? cx + 1 : cx;
        continue;
      }
      if (code === TAB) {
        this.tab();
        continue;
      }
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) code = text.codePointAt(i++)!;
      this.printWide(code);
      uncollected = this.acs || (this.joiner && (this.insert || !this.autowrap));
    }
  }

  execute(control: number): void {
    if (control === LF) this.linefeed(false);
    else if (control === CR) this.cx = 0;
    else if (control === BS) this.backspace();
  }

  csi(final: Csi, first: number, second: number): void {
    switch (final) {
      case Csi.CursorUp:
        this.cursorUp(param(first, 1, 1));
        break;
      case Csi.CursorDown:
        this.clampRow(this.cy + param(first, 1, 1));
        this.cursorDown(param(first, 1, 1));
        break;
      case Csi.CursorForward:
        this.clampColumn(Math.min(this.cx, this.sx - 1) + param(first, 1, 1));
        // screen-write.c:915; from the pending-wrap column the sum passes the edge and set_cursor clamps (:99).
        this.cx = Math.min(this.cx + param(first, 1, 1), this.sx - 1);
        break;
      case Csi.CursorBackward:
        this.cx -= Math.min(param(first, 1, 1), this.cx);
        break;
      case Csi.CursorNextLine:
        this.clampRow(this.cy + param(first, 1, 1));
        this.cx = 0;
        this.cursorDown(param(first, 1, 1));
        break;
      case Csi.CursorPrecedingLine:
        this.cx = 0;
        this.cursorUp(param(first, 1, 1));
        break;
      case Csi.CursorColumn:
      case Csi.CursorColumnAbsolute:
        this.clampColumn(param(first, 1, 1) - 1);
        this.cx = Math.min(param(first, 1, 1) - 1, this.sx - 1);
        break;
      case Csi.CursorRow:
        // VPA keeps the column, even the pending-wrap one (screen_write_set_cursor with cx -1).
        this.clampRow(param(first, 1, 1) - 1 + (this.origin ? this.rupper : 0));
        this.cy = this.originRow(param(first, 1, 1) - 1);
        break;
      case Csi.CursorPosition:
      case Csi.CursorPositionHvp:
        if (!this.clampRow(param(first, 1, 1) - 1 + (this.origin ? this.rupper : 0))) this.clampColumn(param(second, 1, 1) - 1);
        this.cy = this.originRow(param(first, 1, 1) - 1);
        this.cx = Math.min(param(second, 1, 1) - 1, this.sx - 1);
        break;
      case Csi.CursorBackwardTab:
        // input.c:1361: back to the previous stop, n times, from the last column at most.
        this.cx = this.tabs.previous(Math.min(this.cx, this.sx - 1), param(first, 1, 1));
        break;
      case Csi.TabClear: {
        // input.c:1601: 0 (or none) the cursor's column, 3 every stop, anything else nothing.
        const mode = param(first, 0, 0);
        if (mode === 0) this.tabs.clear(this.cx, this.sx);
        else if (mode === 3) this.tabs.clearAll();
        break;
      }
      case Csi.EraseInDisplay: {
        const mode = param(first, 0, 0);
        if (mode === 0) this.clearEndOfScreen();
        else if (mode === 1) this.clearStartOfScreen();
        else if (mode === 2) this.clearScreen();
        else if (mode === 3 && param(second, 0, 0) === 0) this.clearHistory();
        break;
      }
      case Csi.EraseInLine: {
        const mode = param(first, 0, 0);
        if (mode === 0) this.clearEndOfLine();
        else if (mode === 1) this.clearStartOfLine();
        else if (mode === 2) this.clearLine();
        break;
      }
      case Csi.InsertCharacters:
        this.insertCharacters(param(first, 1, 1));
        break;
      case Csi.DeleteCharacters:
        this.deleteCharacters(param(first, 1, 1));
        break;
      case Csi.EraseCharacters:
        this.eraseCharacters(param(first, 1, 1));
        break;
      case Csi.Repeat:
        // The cleaner says which character tmux repeats (see Csi.Repeat): it keeps it through sequences tmux does not
        // know, and forgets it after ones this model is never told of (SGR, SM/RM, input.c:1635), which its own `last`
        // could not see.
        this.repeat(second >= 0x20 && second < 0x7f ? second : -1, param(first, 1, 1));
        break;
      case Csi.InsertLines:
        this.insertLines(param(first, 1, 1));
        break;
      case Csi.DeleteLines:
        this.deleteLines(param(first, 1, 1));
        break;
      case Csi.ScrollUp:
        // screen-write.c:1362
        this.scrollRegionUp(Math.min(param(first, 1, 1), this.rlower - this.rupper + 1));
        break;
      case Csi.ScrollDown: {
        const n = Math.min(param(first, 1, 1), this.rlower - this.rupper + 1);
        this.events.erasing(this.rlower - n + 1, this.rlower);
        this.scrollRegionDown(n);
        break;
      }
      case Csi.ScrollRegion:
        this.setScrollRegion(param(first, 1, 1) - 1, param(second, 1, this.sy) - 1);
        break;
      case Csi.SaveCursor:
        this.saveCursor();
        break;
      case Csi.RestoreCursor:
        this.restoreCursor();
        break;
    }
  }

  esc(final: Esc): void {
    switch (final) {
      case Esc.SaveCursor:
        this.saveCursor();
        break;
      case Esc.RestoreCursor:
        this.restoreCursor();
        break;
      case Esc.Index:
        this.linefeed(false);
        break;
      case Esc.NextLine:
        this.cx = 0;
        this.linefeed(false);
        break;
      case Esc.ReverseIndex:
        // screen-write.c:1291
        if (this.cy === this.rupper) {
          this.events.erasing(this.rlower, this.rlower);
          this.scrollRegionDown(1);
        } else if (this.cy > 0) this.cy--;
        break;
      case Esc.Reset:
        this.reset();
        break;
      case Esc.TabSet:
        // input.c:1291
        this.tabs.set(this.cx, this.sx);
        break;
      case Esc.Alignment:
        this.alignmentTest();
        break;
    }
  }

  /**
   * DECALN (screen_write_alignmenttest, screen-write.c:977): every cell of the
   * screen set to E (grid_view_set_cell: rows keep their wrapped flags), the
   * cursor to the top left corner, the scroll region the whole screen.
   */
  private alignmentTest(): void {
    this.events.erasing(0, this.sy - 1, true);
    const at = this.epoch;
    for (const row of this.rowList) {
      row.cells.fill(0x45);
      row.used = row.printed = this.sx;
      row.complex = false;
      row.extras = null;
      row.lead = '';
      row.touched = true;
      row.version = row.written = row.alignedAt = at;
    }
    // Writes after this are later than the fill (see aligned).
    this.epoch++;
    this.cx = this.cy = 0;
    this.rupper = 0;
    this.rlower = this.sy - 1;
  }

  /** Row `y` holds only what DECALN filled it with, not written since: text three bytes in can print a screenful (see hybrid.ts settleGroup). */
  aligned(y: number): boolean {
    const row = this.rowList[y]!;
    return row.written === row.alignedAt;
  }

  /**
   * 1049, 1047 and 47: tmux's screen_alternate_on/off (screen.c:580, :605);
   * only 1049 saves and restores the cursor (input.c:1817-1823).
   */
  screen(alternate: boolean, mode: number): void {
    if (alternate) this.alternateOnScreen(mode === 1049);
    else this.alternateOffScreen(mode === 1049);
  }

  osc(): void {}

  /** Printed ASCII goes into DEC special graphics (`acs`) or leaves it: see Perform.charset. */
  charset(acs: boolean): void {
    this.acs = acs;
  }

  /** A ZWJ waits for the character it joins (see lines.ts joinerWaiting). */
  get joinerWaiting(): boolean {
    return this.joiner;
  }

  set joinerWaiting(waiting: boolean) {
    this.joiner = waiting;
  }

  /** IRM (input.c:1651, :1740) and DECAWM (input.c:1687, :1777); the other modes reach the model through the hybrid (setOrigin) or not at all. */
  mode(mode: Mode, set: boolean): void {
    if (mode === Mode.Insert) this.insert = set;
    else if (mode === Mode.Autowrap) this.autowrap = set;
  }

  // ------------------------------------------------------------ writing cells

  /** A character that is not ASCII, or ASCII tmux does not collect (see print): screen_write_cell (screen-write.c:1811). */
  private printWide(code: number): void {
    if (code === ZWJ) {
      this.joiner = true;
      return;
    }
    const width = widthOf(code);
    if (width < 0) {
      // wcwidth() -1 (an unassigned code point): tmux drops it (utf8.c:237-240), no cell; the log keeps it, as the line model does (why: width.ts).
      if (!this.alternateOn) this.attachAt(String.fromCodePoint(code), false);
      return;
    }
    if (this.joiner) {
      this.joiner = false;
      // The joiner itself joins first (screen-write.c:1842), then the character (:1847). In column 0 tmux drops both
      // (:1991); the log keeps a character of one cell or more there, the cursor staying, as the line model does
      // (lines.ts character: the ZWJ may have ended one of tmux's reads, which shows the character then).
      if (!this.combine(ZWJ)) {
        if (width > 0 && !this.alternateOn) this.attachAt(String.fromCodePoint(code), false);
        return;
      }
      this.combine(code);
      return;
    }
    if (width === 0) {
      this.combine(code);
      return;
    }
    // Wrap off: a wide character that does not fit before the edge is dropped, before IRM makes room (screen-write.c:1869).
    if (!this.autowrap && width > 1 && (width > this.sx || (this.cx !== this.sx && this.cx > this.sx - width))) return;
    // IRM: room for the character at the cursor, before any wrap (screen-write.c:1875): at the pending-wrap column
    // that is nothing, and the character then lands on the next row without pushing anything there.
    if (this.insert) this.insertCharacters(width);
    if (this.autowrap && this.cx > this.sx - width) {
      this.linefeed(true);
      this.cx = 0;
    }
    // Wider than the pane, or (wrap off) at the pending-wrap column: dropped (screen-write.c:1889).
    if (this.cx > this.sx - width) return;
    this.put(code, width);
    // Wrap off: the cursor sticks at the last column (screen-write.c:1955-1959), even on a wide character's right half.
    if (!this.autowrap && this.cx > this.sx - 1) this.cx = this.sx - 1;
  }

  /** Writes one character of `width` cells at the cursor and moves past it (no wrapping here); `clear`: a wide character it writes over half of is blanked. */
  private put(code: number, width: number, clear = true): void {
    const row = this.rowList[this.cy]!;
    const cx = this.cx;
    if (row.complex && clear) this.clearWideAround(row, cx, width);
    if (code > 0xffff) row.setExtra(cx, String.fromCodePoint(code));
    else row.cells[cx] = code;
    if (width === 2) {
      row.cells[cx + 1] = PADDING;
      row.complex = true;
    }
    if (cx + width > row.used) row.used = cx + width;
    if (cx + width > row.printed) row.printed = cx + width;
    row.touched = true;
    row.version = row.written = this.epoch;
    this.cx = cx + width;
  }

  /**
   * Overwriting part of a wide character blanks the rest of it: padding back
   * to the character at `x`, and padding after the cells written. A run of
   * ASCII (`collected`, screen_write_collect_end, screen-write.c:1731) and
   * one cell at a time (screen_write_overwrite, :2034) differ where padding
   * was moved away from its character (ICH, DCH).
   */
  private clearWideAround(row: Row, x: number, width: number, collected = false): void {
    const cells = row.cells;
    const padding = cells[x] === PADDING;
    const wide = !padding && row.cellWidth(x) > 1;
    if (padding) {
      let xx = x;
      while (xx > 0 && cells[xx] === PADDING) cells[xx--] = SPACE;
      if (!collected) cells[xx] = SPACE; // whatever it is, even a one-cell character (:2059)
      // A run blanks only a wide character, and stops looking at column 1 (:1733): a wide character in column 0
      // stays, and capture-pane shows it with the text over its right half (tmux 3.3a: `語\bab` shows 語ab).
      else if (xx > 0 && row.cellWidth(xx) > 1) cells[xx] = SPACE;
    }
    // One cell at a time, the padding after is blanked only over or by a wide character (:2067); a run always (:1750).
    if (collected || width !== 1 || padding || wide) for (let xx = x + width; xx < this.sx && cells[xx] === PADDING; xx++) cells[xx] = SPACE;
  }

  /**
   * A zero-width character joins the character left of the cursor (screen_write_combine, screen-write.c:1981); false
   * if there is none (column 0, :1991), true if there is, even one too full to take it (:2008).
   */
  private combine(code: number): boolean {
    const row = this.rowList[this.cy]!;
    const limit = Math.min(this.cx, this.sx);
    let x = limit - 1;
    while (x >= 0 && row.cells[x] === PADDING) x--;
    if (x < 0) return false;
    if (!row.append(x, String.fromCodePoint(code))) return true; // the cell was full (screen-write.c:2008)
    if (x >= row.used) row.used = x + 1;
    if (x >= row.printed) row.printed = x + 1;
    row.touched = true;
    row.version = row.written = this.epoch;
    return true;
  }

  private repeat(last: number, count: number): void {
    // input.c:1554-1567: up to the end of the line, only an ASCII character tmux still remembers.
    const n = Math.min(count, this.sx - this.cx);
    if (last < 0 || n <= 0) return;
    const text = String.fromCharCode(last).repeat(n);
    this.print(text);
  }

  private tab(): void {
    // input.c:1221: not past the last column; to the next stop, or the last column.
    if (this.cx >= this.sx - 1) return;
    this.cx = this.tabs.next(this.cx, this.sx - 1);
  }

  private backspace(): void {
    // screen-write.c:955: back onto the row above only if it wrapped.
    if (this.cx === 0) {
      if (this.cy === 0) return;
      if (this.rowList[this.cy - 1]!.wraps) {
        this.cy--;
        this.cx = this.sx - 1;
      }
    } else this.cx = Math.min(this.cx - 1, this.sx - 1);
  }

  // ------------------------------------------------------------ cursor

  private cursorUp(n: number): void {
    // screen-write.c:859: stops at the top margin, or the top when above it.
    const cy = this.cy;
    n = Math.min(n, cy < this.rupper ? cy : cy - this.rupper);
    if (this.cx === this.sx) this.cx--;
    this.cy = cy - n;
  }

  private cursorDown(n: number): void {
    // screen-write.c:886
    const cy = this.cy;
    n = Math.min(n, cy > this.rlower ? this.sy - 1 - cy : this.rlower - cy);
    if (this.cx === this.sx) this.cx--;
    else if (n === 0) return;
    this.cy = cy + n;
  }

  /** Row `y` was asked for: past the last row, the move stops short (see ScreenEvents.clamped). */
  private clampRow(y: number): boolean {
    if (y <= this.sy - 1) return false;
    this.events.clamped?.();
    return true;
  }

  /** Column `x` was asked for: past the last column, the move stops short. */
  private clampColumn(x: number): void {
    if (x > this.sx - 1) this.events.clamped?.();
  }

  private saveCursor(): void {
    this.savedX = this.cx;
    this.savedY = this.cy;
    this.savedOrigin = this.origin;
  }

  /** Row `y` of CUP or VPA on the screen: in origin mode, of the scroll region, kept in it (screen_write_cursormove, screen-write.c:1274). */
  private originRow(y: number): number {
    if (this.origin) y = y > this.rlower - this.rupper ? this.rlower : y + this.rupper;
    return Math.min(y, this.sy - 1);
  }

  /** DECOM set or reset: the cursor goes home, the region's top when set (input.c:1683, :1773); `home` false: the mode only (seeding). */
  setOrigin(set: boolean, home: boolean): void {
    this.origin = set;
    if (!home) return;
    this.cx = 0;
    this.cy = this.originRow(0);
  }

  private restoreCursor(): void {
    // The mode is restored with the cursor (input.c:794).
    this.origin = this.savedOrigin;
    // input.c:789: screen_write_cursormove clamps to the last column and row.
    this.cx = Math.min(this.savedX, this.sx - 1);
    this.cy = Math.min(this.savedY, this.sy - 1);
  }

  private setScrollRegion(upper: number, lower: number): void {
    // screen-write.c:1311: a region of one row is refused; the cursor goes home.
    upper = Math.min(upper, this.sy - 1);
    lower = Math.min(lower, this.sy - 1);
    if (upper >= lower) return;
    this.cx = 0;
    this.cy = 0;
    this.rupper = upper;
    this.rlower = lower;
  }

  // ------------------------------------------------------------ lines

  private linefeed(wrapped: boolean): void {
    // screen-write.c:1334
    const cy = this.cy;
    if (wrapped) {
      const row = this.rowList[cy]!;
      row.wraps = true;
      row.written = this.epoch;
    }
    if (cy === this.rlower) this.scrollRegionUp(1);
    else if (cy < this.sy - 1) this.cy = cy + 1;
  }

  /**
   * `n` times grid_view_scroll_region_up (grid-view.c:103), done at once: the
   * top row of the region goes into history on the normal screen, each
   * reported before it leaves.
   */
  private scrollRegionUp(n: number): void {
    const { rupper, rlower } = this;
    const rows = this.rowList;
    const size = rlower - rupper + 1;
    if (!this.alternateOn) {
      // Rows of a region moved under rows that stay (the line above it, wrapped into its top row).
      if (rupper !== 0 || rlower !== this.sy - 1) this.reshaped = this.epoch;
      for (let i = 0; i < n; i++) {
        this.events.scrolled(rupper + i, true);
        const gone = rows[rupper + i]!;
        this.aboveWraps = gone.wraps;
        this.pushHistory(gone);
      }
      for (let y = rupper; y + n <= rlower; y++) rows[y] = rows[y + n]!;
      for (let y = rlower - n + 1; y <= rlower; y++) rows[y] = this.freshRow();
      for (let y = rupper; y <= rlower; y++) rows[y]!.version = this.epoch;
      return;
    }
    // A region of one row does not scroll: grid_move_lines of no rows (grid.c:669).
    if (size === 1) return;
    for (let i = 0; i < n; i++) this.events.scrolled(rupper + i, false);
    this.shiftRegion(-n);
  }

  /** `n` times grid_view_scroll_region_down (grid-view.c:120), rows pushed off the bottom lost. */
  private scrollRegionDown(n: number): void {
    const size = this.rlower - this.rupper + 1;
    if (size > 1) this.shiftRegion(Math.min(n, size));
  }

  /**
   * Rows of the scroll region moved by `by` (up if negative), those pushed out
   * lost, blank ones coming in. Wrapped flags as `|by|` single moves of
   * grid_move_lines leave them: the row above the region no longer wraps,
   * nor, going down, the row that was at the top.
   */
  private shiftRegion(by: number): void {
    const { rupper, rlower } = this;
    const rows = this.rowList;
    const epoch = this.epoch;
    const n = Math.abs(by);
    this.reshaped = epoch;
    if (by < 0) {
      for (let y = rupper; y < rupper + n; y++) this.recycle(rows[y]!);
      for (let y = rupper; y + n <= rlower; y++) (rows[y] = rows[y + n]!).version = epoch;
      for (let y = rlower - n + 1; y <= rlower; y++) rows[y] = this.freshRow();
    } else {
      for (let y = rlower - n + 1; y <= rlower; y++) this.recycle(rows[y]!);
      for (let y = rlower; y - n >= rupper; y--) (rows[y] = rows[y - n]!).version = epoch;
      for (let y = rupper; y < rupper + n; y++) rows[y] = this.freshRow();
      // Whether a row wraps is part of what it shows (rowWritten): the line it ended is now two.
      if (rupper + n <= rlower && rows[rupper + n]!.wraps) {
        rows[rupper + n]!.wraps = false;
        rows[rupper + n]!.written = epoch;
        if (rupper + n + 1 < this.sy) rows[rupper + n + 1]!.written = epoch;
      }
    }
    this.rowAboveClear(rupper);
  }

  private insertLines(n: number): void {
    // screen-write.c:1089; outside the region, a count reaching the bottom does nothing (grid_move_lines of 0 lines).
    const cy = this.cy;
    if (cy < this.rupper || cy > this.rlower) {
      n = Math.min(n, this.sy - cy);
      if (n === 0) return;
      if (this.sy - cy - n === 0) return;
      this.events.erasing(this.sy - n, this.sy - 1);
      this.moveLines(cy + n, cy, this.sy - cy - n);
      return;
    }
    n = Math.min(n, this.rlower + 1 - cy);
    if (n === 0) return;
    this.events.erasing(this.rlower - n + 1, this.rlower);
    const kept = this.rlower + 1 - cy - n;
    this.moveLines(cy + n, cy, kept);
    if (kept < n) this.clearLines(cy + kept, n - kept, true);
    this.clearTailFlag(cy, kept, n);
  }

  private deleteLines(n: number): void {
    // screen-write.c:1136
    const cy = this.cy;
    const bottom = cy < this.rupper || cy > this.rlower ? this.sy - 1 : this.rlower;
    n = Math.min(n, bottom + 1 - cy);
    if (n === 0) return;
    this.events.erasing(cy, cy + n - 1);
    const kept = bottom + 1 - cy - n;
    this.moveLines(cy, cy + n, kept);
    // grid-view.c:192 and :176: the rows between those kept and those the move emptied are cleared
    // (grid_clear of ny - ny2); with fewer deleted than kept, the count wraps (clearTailFlag).
    if (kept < n) this.clearLines(cy + kept, n - kept, true);
    this.clearTailFlag(cy, kept, n);
  }

  /**
   * grid-view.c:160 and :197 follow the move with grid_clear of `n - kept`
   * rows; when that is negative, the unsigned count wraps and grid_clear_lines
   * clears no row but still the wrapped flag of the row above its start
   * (grid.c:655), the last row kept. Copied so that `-J` joins as tmux does.
   */
  private clearTailFlag(cy: number, kept: number, n: number): void {
    const row = kept > 0 && kept !== n ? this.rowList[cy + kept - 1]! : undefined;
    // It counts as written: the line it ended is two lines now.
    if (row?.wraps) {
      row.wraps = false;
      row.written = this.reshaped = this.epoch;
    }
  }

  /**
   * grid_move_lines (grid.c:662): rows `py`..`py+n-1` to `dy`..; rows they
   * replace are lost, rows they leave come in blank; the wrapped flag of the
   * row above the destination, and above the source if it is left, is cleared.
   */
  private moveLines(dy: number, py: number, n: number): void {
    if (n === 0 || py === dy) return;
    const rows = this.rowList;
    const epoch = this.epoch;
    this.reshaped = epoch;
    // Rows replaced (in the destination, not the source), then moved, then those left behind come in blank.
    const up = dy < py;
    for (let y = up ? dy : Math.max(dy, py + n), end = up ? Math.min(py, dy + n) : dy + n; y < end; y++) this.recycle(rows[y]!);
    this.rowAboveClear(dy);
    if (up) {
      for (let i = 0; i < n; i++) (rows[dy + i] = rows[py + i]!).version = epoch;
    } else for (let i = n - 1; i >= 0; i--) (rows[dy + i] = rows[py + i]!).version = epoch;
    for (let y = up ? Math.max(py, dy + n) : py, end = up ? py + n : Math.min(dy, py + n); y < end; y++) rows[y] = this.freshRow();
    if (py < dy || py >= dy + n) this.rowAboveClear(py);
  }

  /** grid_clear_lines (grid.c:640): rows emptied, the row above no longer wraps into them. */
  private clearLines(py: number, n: number, renew: boolean): void {
    for (let y = py; y < py + n; y++) {
      if (renew) {
        this.recycle(this.rowList[y]!);
        this.rowList[y] = this.freshRow();
      } else {
        const row = this.rowList[y]!;
        // The row below no longer continues a line: it is one of its own, which counts as written.
        if (row.wraps && y + 1 < this.sy) this.rowList[y + 1]!.written = this.reshaped = this.epoch;
        row.empty();
        row.version = row.written = this.epoch;
      }
    }
    this.rowAboveClear(py);
  }

  private rowAboveClear(y: number): void {
    if (y > 0) {
      const row = this.rowList[y - 1]!;
      if (row.wraps) {
        row.wraps = false;
        row.written = this.reshaped = this.epoch;
      }
    } else this.aboveWraps = false;
  }

  // ------------------------------------------------------------ erasing

  /** Cells `x`..`x+n-1` of row `y` blanked (grid_clear, grid.c:597): a whole row is emptied as by grid_clear_lines. */
  private clearCells(y: number, x: number, n: number): void {
    if (n <= 0) return;
    if (x === 0 && n >= this.sx) {
      this.clearLines(y, 1, false);
      return;
    }
    const row = this.rowList[y]!;
    const end = Math.min(x + n, row.used);
    if (x >= end) return;
    row.cells.fill(SPACE, x, end);
    if (end >= row.printed && x < row.printed) row.printed = x;
    row.version = row.written = this.epoch;
  }

  private clearLine(): void {
    // screen-write.c:1182
    const row = this.rowList[this.cy]!;
    if (!row.touched) return;
    this.clearCells(this.cy, 0, this.sx);
  }

  private clearEndOfLine(): void {
    // screen-write.c:1206
    if (this.cx === 0) return this.clearLine();
    const row = this.rowList[this.cy]!;
    if (this.cx > this.sx - 1 || this.cx >= row.used) return;
    this.clearCells(this.cy, this.cx, this.sx - this.cx);
  }

  private clearStartOfLine(): void {
    // screen-write.c:1238
    if (this.cx >= this.sx - 1) return this.clearLine();
    this.clearCells(this.cy, 0, this.cx + 1);
  }

  private clearEndOfScreen(): void {
    // screen-write.c:1419: from the top left corner on the normal screen, into history.
    if (this.cx === 0 && this.cy === 0 && !this.alternateOn) return this.clearIntoHistory();
    this.events.erasing(this.cy, this.sy - 1, true);
    if (this.cx <= this.sx - 1) this.clearCells(this.cy, this.cx, this.sx - this.cx);
    if (this.cy + 1 < this.sy) this.clearLines(this.cy + 1, this.sy - this.cy - 1, true);
  }

  private clearStartOfScreen(): void {
    // screen-write.c:1449
    this.events.erasing(0, this.cy, true);
    if (this.cy > 0) this.clearLines(0, this.cy, true);
    if (this.cx > this.sx - 1) this.clearCells(this.cy, 0, this.sx);
    else this.clearCells(this.cy, 0, this.cx + 1);
  }

  private clearScreen(): void {
    // screen-write.c:1472
    if (!this.alternateOn) return this.clearIntoHistory();
    this.events.erasing(0, this.sy - 1);
    this.clearLines(0, this.sy, true);
  }

  /** grid_view_clear_history (grid-view.c:66): rows down to the last used one scroll into history, the rest are blanked. */
  private clearIntoHistory(): void {
    let last = 0;
    for (let y = 0; y < this.sy; y++) if (this.rowList[y]!.used !== 0) last = y + 1;
    if (last === 0) {
      this.clearLines(0, this.sy, true);
      return;
    }
    const rows = this.rowList;
    // Each reported before any moves, as scrollRegionUp reports them: the rows named are read where they stand
    // (a row marked wrapped must not reach into a fresh row brought in below it).
    for (let i = 0; i < last; i++) this.events.scrolled(i, true);
    for (let i = 0; i < last; i++) {
      const gone = rows.shift()!;
      rows.push(this.freshRow());
      this.aboveWraps = gone.wraps;
      this.pushHistory(gone);
    }
    for (const row of rows) row.version = this.epoch;
    if (last < this.sy) this.clearLines(0, this.sy - last, true);
    this.scrolledBack = 0;
  }

  private clearHistory(): void {
    // grid_clear_history: nothing above row 0 any more.
    for (const row of this.historyRing) this.recycle(row);
    this.history = [];
    this.scrolledBack = 0;
    this.aboveWraps = false;
  }

  private insertCharacters(n: number): void {
    // screen-write.c:1005, grid-view.c:190
    const cx = this.cx;
    n = Math.min(n, this.sx - cx);
    if (n <= 0 || cx > this.sx - 1) return;
    if (cx >= this.sx - 1) return this.clearCells(this.cy, cx, 1);
    // What was printed moves right with the cells, as the line model moves it.
    const row = this.rowList[this.cy]!;
    if (row.printed > cx) row.printed = Math.min(row.printed + n, this.sx);
    // Only the cells moved are blanked (grid.c:723): inserting more than half
    // of what is left leaves old cells in the gap, as tmux shows them.
    this.moveCells(cx + n, cx, this.sx - cx - n);
  }

  private deleteCharacters(n: number): void {
    // screen-write.c:1033, grid-view.c:207
    const cx = this.cx;
    n = Math.min(n, this.sx - cx);
    if (n <= 0 || cx > this.sx - 1) return;
    const kept = this.sx - cx - n;
    // What was printed moves left with the cells: the blanks coming in at the end were never printed.
    const row = this.rowList[this.cy]!;
    if (row.printed > cx) row.printed = Math.max(cx, row.printed - n);
    if (kept > 0) this.moveCells(cx, cx + n, kept);
    // The last `n` cells: the move blanks those it leaves, grid_clear the gap between (grid-view.c:215).
    this.clearCells(this.cy, this.sx - n, n);
  }

  private eraseCharacters(n: number): void {
    // screen-write.c:1061
    n = Math.min(n, this.sx - this.cx);
    if (n <= 0 || this.cx > this.sx - 1) return;
    this.clearCells(this.cy, this.cx, n);
  }

  /** grid_move_cells (grid.c:703): `n` cells from `px` to `dx` on the cursor's row, the cells they leave blanked. */
  private moveCells(dx: number, px: number, n: number): void {
    if (n === 0 || px === dx) return;
    const row = this.rowList[this.cy]!;
    const cells = row.cells;
    const extras = row.extras;
    cells.copyWithin(dx, px, px + n);
    if (extras !== null) {
      const moved = extras.slice(px, px + n);
      for (let i = 0; i < n; i++) extras[dx + i] = moved[i];
    }
    if (dx + n > row.used) row.used = dx + n;
    for (let x = px; x < px + n; x++) if (x < dx || x >= dx + n) cells[x] = SPACE;
    row.touched = true;
    row.version = row.written = this.epoch;
  }

  // ------------------------------------------------------------ screens

  private reset(): void {
    // RIS: input.c:1287 and screen_write_reset (screen-write.c:316); the alternate screen stays up.
    this.savedX = 0;
    this.savedY = 0;
    this.origin = this.savedOrigin = false;
    // screen_write_reset: tab stops every 8 again, modes back to cursor and wrap only (screen-write.c:320, :323).
    this.tabs.reset();
    this.insert = false;
    this.autowrap = true;
    this.rupper = 0;
    this.rlower = this.sy - 1;
    this.cx = 0;
    this.cy = 0;
    // The ZWJ waits on: screen_write_reset (screen-write.c:316) does not touch the context's flags.
    this.clearScreen();
    this.cx = 0;
    this.cy = 0;
  }

  private alternateOnScreen(cursor: boolean): void {
    if (this.savedRows !== null) return;
    this.events.switching(true);
    this.savedRows = this.rowList;
    this.savedSx = this.sx;
    this.savedSy = this.sy;
    if (cursor) {
      this.altSavedX = this.cx;
      this.altSavedY = this.cy;
    }
    let rows = this.altRows;
    if (rows === null || rows.length !== this.sy) {
      if (rows !== null) for (const row of rows) this.recycle(row);
      rows = [];
      for (let y = 0; y < this.sy; y++) rows.push(this.freshRow());
    } else {
      for (const row of rows) {
        row.empty();
        row.resize(this.sx);
        row.id = this.nextId++;
        row.version = row.written = this.epoch;
      }
    }
    this.altRows = null;
    this.rowList = rows;
    this.rowAboveClear(0);
    this.alternateOn = true;
  }

  private alternateOffScreen(cursor: boolean): void {
    const saved = this.savedRows;
    if (saved !== null) this.events.switching(false);
    // Restored even when not in the alternate screen (screen.c:616).
    if (cursor && this.altSavedX >= 0) {
      this.cx = this.altSavedX;
      this.cy = this.altSavedY;
    }
    if (saved !== null) {
      const sx = this.sx;
      const sy = this.sy;
      this.altRows = this.rowList;
      this.rowList = saved;
      this.savedRows = null;
      this.alternateOn = false;
      this.sx = this.savedSx;
      this.sy = this.savedSy;
      for (const row of saved) row.version = this.epoch;
      // Back at the pane's size (screen.c:581, :606); the scroll region stays unless the height changed (screen.c:390).
      if (sx !== this.sx || sy !== this.sy) this.resizeTo(sx, sy, true);
    }
    this.cx = Math.min(this.cx, this.sx - 1);
    this.cy = Math.min(this.cy, this.sy - 1);
  }

  // ------------------------------------------------------------ size

  private resizeTo(sx: number, sy: number, reflow: boolean): void {
    if (sx === this.sx) reflow = false;
    if (sy !== this.sy) this.resizeRows(sy);
    if (sx !== this.sx) {
      this.sx = sx;
      // A new width resets the stops (screen.c:276).
      this.tabs.reset();
      // Reflow reads the rows at their old width and makes new ones; without it, rows are cut or padded.
      if (reflow) this.reflow();
      else {
        for (const row of this.rowList) row.resize(sx);
        this.cx = Math.min(this.cx, sx - 1);
      }
      for (const row of this.rowList) row.version = this.epoch;
    }
  }

  /** screen_resize_y (screen.c:309). */
  private resizeRows(sy: number): void {
    const oldy = this.sy;
    const rows = this.rowList;
    if (sy < oldy) {
      let needed = oldy - sy;
      // Rows below the cursor go first, whatever they hold.
      let available = Math.min(oldy - 1 - this.cy, needed);
      if (available > 0) {
        this.events.erasing(oldy - available, oldy - 1);
        for (const row of rows.splice(oldy - available, available)) this.recycle(row);
        needed -= available;
      }
      if (!this.alternateOn) {
        for (let i = 0; i < needed; i++) this.events.scrolled(i, true);
        for (let i = 0; i < needed; i++) {
          const gone = rows.shift()!;
          this.aboveWraps = gone.wraps;
          this.pushHistory(gone);
        }
        this.cy -= needed;
      } else if (needed > 0) {
        available = Math.min(this.cy, needed);
        if (available > 0) {
          this.events.erasing(0, available - 1);
          for (const row of rows.splice(0, available)) this.recycle(row);
          this.cy -= available;
          this.aboveWraps = false;
        }
      }
    } else {
      let needed = sy - oldy;
      if (!this.alternateOn && this.scrolledBack > 0) {
        const history = this.history;
        const back = Math.min(this.scrolledBack, needed, history.length);
        const pulled = history.splice(history.length - back, back);
        this.history = history;
        rows.unshift(...pulled);
        this.scrolledBack -= back;
        this.cy += back;
        needed -= back;
        const above = history[history.length - 1];
        this.aboveWraps = above !== undefined && above.wraps;
      }
      for (let i = 0; i < needed; i++) rows.push(this.freshRow());
    }
    // grid_adjust_lines: the row array is cut or filled at the bottom.
    while (rows.length < sy) rows.push(this.freshRow());
    for (const row of rows.splice(sy)) this.recycle(row);
    this.sy = sy;
    this.cy = Math.min(Math.max(this.cy, 0), sy - 1);
    for (const row of rows) row.version = this.epoch;
    // Only a new height resets the scroll region (screen.c:390): a new width, or leaving the alternate screen at
    // the size it was entered at, keeps it.
    this.rupper = 0;
    this.rlower = sy - 1;
  }

  /**
   * grid_reflow (grid.c:1305) over the rows kept in history and the screen:
   * each wrapped group joined and cut again at the new width (a wide
   * character that does not fit goes to the next row), the screen being the
   * last rows; the cursor keeps its place in its line (grid.c:1382).
   */
  private reflow(): void {
    const sx = this.sx;
    const all = [...this.history, ...this.rowList];
    const hsize = this.history.length;
    const cursorAt = hsize + this.cy;
    const out: Row[] = [];
    let newCursorRow = -1;
    let newCursorX = 0;
    for (let y = 0; y < all.length; ) {
      let last = y;
      while (last < all.length - 1 && all[last]!.wraps) last++;
      // The line's cells, with the cursor's offset in them.
      const texts: string[] = [];
      const widths: number[] = [];
      let cursorOffset = -1;
      for (let yy = y; yy <= last; yy++) {
        const row = all[yy]!;
        if (yy === cursorAt) cursorOffset = this.cx >= row.used ? -2 : texts.length + this.cx;
        for (let x = 0; x < row.used; x++) {
          texts.push(row.cellText(x));
          widths.push(row.cellWidth(x));
        }
      }
      const firstOut = out.length;
      let row = this.freshRow();
      out.push(row);
      let x = 0;
      for (let i = 0; i < texts.length; i++) {
        const width = widths[i]!;
        if (width > 0 && x + width > sx) {
          row.wraps = true;
          row = this.freshRow();
          out.push(row);
          x = 0;
        }
        if (i === cursorOffset) {
          newCursorRow = out.length - 1;
          newCursorX = x;
        }
        const text = texts[i]!;
        if (x >= sx) continue; // the padding of a character wider than the pane
        if (width === 0 && text === '') {
          row.cells[x] = PADDING;
          row.complex = true;
        } else if (text.length === 1) row.cells[x] = text.charCodeAt(0);
        else row.setExtra(x, text);
        x++;
        row.used = x;
        row.touched = true;
      }
      if (cursorOffset === -2) {
        newCursorRow = out.length - 1;
        newCursorX = row.used;
      }
      // A row that stays one row keeps its id: it holds the same line.
      if (last === y && out.length - firstOut === 1) out[firstOut]!.id = all[y]!.id;
      for (let yy = y; yy <= last; yy++) this.recycle(all[yy]!);
      y = last + 1;
    }
    while (out.length < this.sy) out.push(this.freshRow());
    const newHsize = out.length - this.sy;
    const history = out.slice(0, newHsize);
    if (history.length > HISTORY_ROWS) for (const row of history.splice(0, history.length - HISTORY_ROWS)) this.recycle(row);
    this.history = history;
    this.scrolledBack = Math.min(this.scrolledBack, history.length);
    this.rowList = out.slice(newHsize);
    const above = history[history.length - 1];
    this.aboveWraps = above !== undefined && above.wraps;
    if (newCursorRow >= newHsize) {
      this.cy = newCursorRow - newHsize;
      this.cx = Math.min(newCursorX, sx);
    } else {
      this.cx = 0;
      this.cy = 0;
    }
  }

  // ------------------------------------------------------------ rows

  private freshRow(): Row {
    const row = this.spare.pop();
    if (row === undefined) return new Row(this.sx, this.nextId++, this.epoch);
    row.resize(this.sx);
    row.id = this.nextId++;
    row.version = row.written = this.epoch;
    return row;
  }

  private recycle(row: Row): void {
    row.empty();
    if (this.spare.length < 64) this.spare.push(row);
  }

  /** `scrolled`: the row scrolled off (tmux counts it in hscrolled, grid.c:400), not only kept. */
  private pushHistory(row: Row, scrolled = true): void {
    const ring = this.historyRing;
    if (ring.length < HISTORY_ROWS) ring.push(row);
    else {
      this.recycle(ring[this.historyStart]!);
      ring[this.historyStart] = row;
      this.historyStart = (this.historyStart + 1) % HISTORY_ROWS;
    }
    if (scrolled && this.scrolledBack < HISTORY_ROWS) this.scrolledBack++;
  }

  /** The history, oldest first (for resizing). */
  private get history(): Row[] {
    const ring = this.historyRing;
    return this.historyStart === 0 ? ring : [...ring.slice(this.historyStart), ...ring.slice(0, this.historyStart)];
  }

  private set history(rows: Row[]) {
    this.historyRing = rows;
    this.historyStart = 0;
  }

  private touch(row: Row): void {
    row.version = row.written = this.epoch;
  }
}
