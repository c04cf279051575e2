// Turns what the cleaner reports into the lines a person saw. The line being
// written is held as the pane rows it covers (row.ts), with the cursor in
// cells, and the edits tmux applies on them are applied here the same way
// (screen-write.c): overwriting, CR/BS/cursor moves, erase, insert and delete
// characters, wide characters and combining marks, TAB, REP. Text past the
// right edge wraps onto a new row of the same line, and readline's moves
// between those rows (RI or CUU up, LF or CUD down) stay within the line, so
// an edited command is logged as the screen shows it. The line is finished
// when LF leaves its last row.
//
// A move the line cannot follow (to another row of the screen: CUP, VPA, CUU
// past its first row, a scroll, a restored cursor on another line) finishes
// it as it stands, and whatever is printed next starts a new line: what was
// shown is logged, and nothing printed elsewhere can overwrite it here. An
// erase of the whole screen (clear, Ctrl-L: `ESC[H ESC[J`) drops the line
// instead: the shell draws it again.

import { Csi, Esc, Mode, type Perform } from './ansi.ts';
import { Row, simpleUntil, type Tally } from './row.ts';
import { TabStops } from './tab-stops.ts';
import { isCombinedEscape } from './cell-bytes.ts';
import { cellWidth } from './width.ts';

/**
 * Longest line kept whole, in UTF-16 code units. A longer one is written in
 * pieces of at most this size, each later piece marked as a continuation, so a
 * line without an end (a 50 MB blob, an endless spinner) never grows memory.
 */
export const MAX_LINE_CHARS = 16 * 1024;

/** Where finished lines go, and the switches of screen that set output aside. */
export interface LineSink {
  /** A finished line; `continued` marks a piece that carries on the previous one. */
  line(text: string, continued: boolean): void;
  /** A full-screen program switched to the alternate screen (true) or back (false). */
  screen(alternate: boolean): void;
  /**
   * The cursor reached the pane's right edge as far as it is known (a move was
   * cut short there, or text wrapped): the pane may have been resized since its width was learnt.
   */
  clamped?(): void;
  /** A semantic-prompt string (OSC 133/633), in order with the lines: see Perform.osc. */
  osc?(command: number, data: string, truncated: boolean): void;
}

const LF = 0x0a;
const CR = 0x0d;
const BS = 0x08;
const TAB = 0x09;
const ZWJ = 0x200d;
const JOINER = '\u200d';
/** Emptied rows kept for reuse, at most. */
const SPARE_ROWS = 256;

export class LineAssembler implements Perform {
  private readonly tally: Tally = { units: 0 };
  /** The rows of the line being written, top to bottom; the cursor is on row `cy`, at cell `cx` (`columns`: past the last cell, wrap pending). */
  private rows: Row[] = [new Row(this.tally)];
  private cy = 0;
  private cx = 0;
  private continued = false;
  /** The window's alternate-screen option is off: tmux ignores the switches, so does the line model. */
  ignoreScreenSwitches = false;
  /** In the alternate screen, output is a picture redrawn by cursor moves, not lines: it is set aside. */
  private alternate = false;
  /**
   * The pane's width: text wraps there and a cursor move stops at its right
   * edge, as on the screen (tmux, screen-write.c:915 CUF and :1268 CHA).
   * Without it, `ESC[9999G` would pad every line to thousands of blanks: a
   * few bytes of output amplified into megabytes of log.
   */
  private columns: number;
  /**
   * A ZWJ came: tmux combines the next character it does not collect onto the cell before (screen-write.c:1836):
   * anything but plain ASCII, and plain ASCII too in insert mode, with wrap off or in DEC graphics (:1773-1781).
   */
  private joiner = false;
  /** Printed ASCII is in DEC special graphics (Perform.charset): tmux writes it one cell at a time. */
  private acs = false;
  /** Tab stops (HTS, TBC followed, see tab-stops.ts): the hybrid gives the screen model the same ones. */
  tabs = new TabStops();
  /** While a line is written out whole (`leave`): the rows of the screen it took, blank ones included; -1 while text a clear took away is written; 0 otherwise. */
  lineRows = 0;
  /** ...and then the text of each of those rows, when more than one (null otherwise). */
  lineRowTexts: string[] | null = null;
  /** IRM: a character printed pushes what is under the cursor right (screen-write.c:1891). */
  private insert = false;
  /** DECAWM: text past the right edge wraps (on by default); off, it overwrites the last column. */
  private autowrap = true;
  /** The cursor went home (CUP 1;1, DECSTBM): if the display is erased next, the line goes with it; if not, it was left. */
  private homed = false;
  /**
   * Origin mode (DECOM): home is then the top of the scroll region, which need
   * not be the screen's: an erase from there does not clear the screen, so
   * the line is never taken as redrawn; any move home leaves it instead.
   */
  private origin = false;
  /**
   * The unfinished line a clear of the screen took away (Ctrl-L, `clear`,
   * RIS): if the next line is it drawn again (the shell redraws its prompt and
   * input), it is not written twice; if not, it is written before that line.
   * Whatever the screen showed reaches the log, even erased before its LF.
   */
  private erased: string | undefined;
  /** Lines begun so far: a saved cursor is restored in the line it was saved in only. */
  private lineNumber = 0;
  private saved: { line: number; cy: number; cx: number } | undefined;
  /** Rows of finished lines, emptied, for the next long line (a flood of long lines allocates none). */
  private readonly spare: Row[] = [];

  /**
   * `newlineReturns`: LF also goes to column 0. Not so in a pane (tmux keeps the
   * column, screen-write.c:1334; the pty's ONLCR sends CR LF), but so for output
   * that never went through a terminal (`pipe --file` on a program's output).
   */
  constructor(
    private readonly sink: LineSink,
    columns?: number,
    private readonly newlineReturns = false,
  ) {
    this.columns = MAX_LINE_CHARS;
    if (columns !== undefined) this.setColumns(columns);
  }

  /** The pane's width from now on (unknown or nonsense: only the line limit bounds the cursor). */
  setColumns(columns: number): void {
    this.columns = columns >= 1 ? Math.min(columns, MAX_LINE_CHARS) : MAX_LINE_CHARS;
    if (this.cx > this.columns) this.cx = this.columns;
  }

  /** The text of the first `count` rows of the line being drawn (TABs kept, as a line written out keeps them). */
  rowsText(count: number): string {
    let text = '';
    for (let y = 0; y < count && y < this.rows.length; y++) text += this.rows[y]!.toString();
    return text;
  }

  /** A piece of the line being drawn was written out already (the rest is its continuation). */
  get pieceWritten(): boolean {
    return this.continued;
  }

  /** The text of the line being drawn, not yet finished (a shell's prompt, when its input starts). */
  pendingText(): string {
    let text = '';
    for (const row of this.rows) text += row.toString();
    return text;
  }

  /** The text a clear took away, not written yet (see `erased`), handed to another model: this one forgets it. */
  takeErased(): string | undefined {
    const erased = this.erased;
    this.erased = undefined;
    return erased;
  }

  /** The row of the line being drawn the cursor is on (0: its first). */
  get cursorRow(): number {
    return this.cy;
  }

  /** The line being drawn as the rows it takes, which of them wrap, and the cursor among them (`cx` is `columns` when a wrap is pending): what a screen model is seeded with. */
  pendingRows(): { rows: { lead: string; cells: string[]; widened: boolean }[]; wraps: boolean[]; cx: number; cy: number } {
    return { rows: this.rows.map((row) => row.screenCells()), wraps: this.rows.map((row) => row.wrapped), cx: this.cx, cy: this.cy };
  }

  /** Starts the current line with text already on screen, the cursor after it. */
  seed(text: string): void {
    this.reset(0);
    // The text as the screen shows it, row after row: written with wrap on and insert off, whatever the modes now
    // (with wrap off it would be written over itself at the last column; the screen model wrote it with wrap on), and
    // in runs (in DEC graphics, ASCII after a ZWJ would join the cell before it).
    const { autowrap, insert, acs } = this;
    this.autowrap = true;
    this.insert = false;
    this.acs = false;
    // Its ZWJs are joined already; one waiting after it is the caller's to hand over (joinerWaiting).
    this.joiner = false;
    this.print(text);
    this.autowrap = autowrap;
    this.insert = insert;
    this.acs = acs;
  }

  /**
   * A ZWJ waits for the character it joins: one flag in tmux whichever model has the stream, so the hybrid hands it
   * over with the line; cleared where tmux's read ends (Transcript.readEnded).
   */
  get joinerWaiting(): boolean {
    return this.joiner;
  }

  set joinerWaiting(waiting: boolean) {
    this.joiner = waiting;
  }

  /** Switches screens without a sequence in the stream: the pane was already there, or tmux switched it. */
  setAlternate(alternate: boolean): void {
    if (alternate === this.alternate) return;
    this.homed = false;
    if (alternate) this.leave(0);
    else this.reset(0);
    this.alternate = alternate;
    this.sink.screen(alternate);
  }

  /** Writes at the cursor, over what is there (screen_write_cell); past the right edge, on a new row of the line. */
  print(part: string, plain = false): void {
    if (plain && !this.joiner && !this.homed && !this.alternate && !this.insert && this.autowrap && !this.acs) {
      // The flood's case: ASCII appended to the row, within the width and the line limit. (With autowrap off a run
      // that ends at the edge leaves the cursor in the last column, not past it: screen-write.c:1955; see character.)
      const cx = this.cx;
      const end = cx + part.length;
      if (end <= this.columns && this.tally.units + part.length <= MAX_LINE_CHARS && this.rows[this.cy]!.appendPlain(cx, part)) {
        this.cx = end;
        return;
      }
    }
    if (this.homed) this.leaveHome();
    if (this.alternate) return;
    // Runs of one-cell characters (the common case: most output is nothing else) are written a
    // row's worth at a time; other characters one by one. The line limit is checked at each
    // character that could cross it, so where a line is cut into pieces does not depend on how
    // the output was split into reads.
    let from = 0;
    const general = this.insert || !this.autowrap || this.acs; // every character through screen_write_cell
    while (from < part.length) {
      const to = this.joiner || general ? from : plain ? part.length : simpleUntil(part, from);
      if (to > from) from = this.printSimple(part, from, to);
      if (from === part.length) break;
      if (!general && !this.joiner) {
        const after = this.appendRun(part, from);
        if (after > from) {
          from = after;
          continue;
        }
      }
      const code = part.codePointAt(from)!;
      if (code === TAB) this.tab();
      else if (code > 0xffff) this.character(part.slice(from, from + 2), code);
      else this.character(part[from]!, code);
      from += code > 0xffff ? 2 : 1;
      if (this.tally.units > MAX_LINE_CHARS) this.split();
    }
  }

  /**
   * Characters of one or two cells from `from` on, appended in one go at the
   * end of a row in text form, as far as they fit on the row and in the line
   * limit (what each would do one by one); returns where it stopped.
   */
  private appendRun(part: string, from: number): number {
    const row = this.rows[this.cy]!;
    const cx = this.cx;
    if (!row.appendable(cx)) return from;
    const cells = this.columns - cx;
    const units = MAX_LINE_CHARS - this.tally.units;
    let used = 0;
    let plain = true;
    let i = from;
    while (i < part.length) {
      const code = part.codePointAt(i)!;
      const size = code > 0xffff ? 2 : 1;
      if (code === TAB || code === ZWJ) break;
      const width = cellWidth(code);
      if (width <= 0 || used + width > cells || i + size - from > units) break;
      if (width !== 1 || size !== 1) plain = false;
      used += width;
      i += size;
    }
    if (i > from) {
      row.appendText(part.slice(from, i), used, plain);
      this.cx = cx + used;
    }
    return i;
  }

  /** Writes `part` from `from` to `to`, all one-cell characters (see isSimple); returns `to`. */
  private printSimple(part: string, from: number, to: number): number {
    while (from < to) {
      const cx = this.cx;
      const row = this.rows[this.cy]!;
      row.readyFor(cx);
      // What fits on the row and in the line limit (with the blanks before it, if the cursor stands past the end of the row).
      const room = Math.min(this.columns - cx, MAX_LINE_CHARS - this.tally.units - Math.max(0, cx - row.length), to - from);
      if (room > 0) {
        row.writeSimple(cx, from === 0 && room === part.length ? part : part.slice(from, from + room));
        this.cx = cx + room;
        from += room;
      } else if (cx >= this.columns && this.columns > 0 && !this.joiner) {
        this.wrap(); // at the right edge: a one-cell character goes on the next row
      } else {
        this.character(part[from]!, part.charCodeAt(from));
        from++;
        if (this.tally.units > MAX_LINE_CHARS) this.split();
      }
    }
    return to;
  }

  /** Escaped bytes the screen does not show: no cell, combined onto the one before like a mark, kept for the log. */
  unshown(text: string): void {
    if (this.homed) this.leaveHome();
    if (this.alternate) return;
    // One escape (`\xNN`, `\uNNNN`) at a time, as they may come split across reads.
    for (let from = 0; from < text.length; ) {
      const to = text.charCodeAt(from + 1) === 0x75 ? from + 6 : from + 4;
      const piece = text.slice(from, to);
      const combined = isCombinedEscape(piece);
      const row = this.rows[this.cy]!;
      // A bidi control tmux combined takes the joiner as any character does (screen-write.c:1847). With no cell to
      // combine with, tmux drops both (:1991); the escape is kept all the same, as every byte the screen does not show
      // is (Perform.unshown: a malformed byte tmux drops is too), the ZWJ is not: it is text, and it joined nothing.
      if (!row.attach(this.cx, combined && this.joiner ? JOINER + piece : piece, combined)) row.attach(this.cx, piece, false);
      if (combined) this.joiner = false;
      if (this.tally.units > MAX_LINE_CHARS) this.split();
      from = to;
    }
  }

  execute(control: number): void {
    if (this.homed) this.leaveHome();
    if (this.alternate) return;
    if (control === LF) this.lineFeed();
    else if (control === CR) this.cx = 0;
    else if (control === BS) {
      // At the start of a row that the one above wraps into, BS goes to the end of that one (screen-write.c:955).
      if (this.cx > 0) this.cx = Math.min(this.cx, this.columns) - 1;
      else if (this.cy > 0 && this.rows[this.cy - 1]!.wrapped) {
        this.cy--;
        this.cx = this.columns - 1;
      }
    }
  }

  csi(final: Csi, first: number, second: number): void {
    if (this.alternate) return;
    if (this.homed) {
      // Erasing the display from home clears the screen: the line is drawn again (Ctrl-L), not left.
      if (final === Csi.EraseInDisplay && first <= 2 && first !== 1) {
        this.homed = false;
        this.erase();
        this.reset(0);
        return;
      }
      if ((final === Csi.CursorPosition || final === Csi.CursorPositionHvp) && first <= 1 && second <= 1) return;
      this.leaveHome();
    }
    const count = first > 0 ? first : 1;
    const columns = this.columns;
    const row = this.rows[this.cy]!;
    switch (final) {
      case Csi.CursorForward: {
        const target = this.cx + count;
        this.cx = this.cx >= columns ? columns - 1 : Math.min(target, columns - 1);
        if (this.cx < target) this.sink.clamped?.();
        break;
      }
      case Csi.CursorBackward:
        this.cx = Math.max(0, this.cx - count);
        break;
      case Csi.CursorColumn:
      case Csi.CursorColumnAbsolute:
        this.cx = Math.min(count - 1, columns - 1);
        if (this.cx < count - 1) this.sink.clamped?.();
        break;
      case Csi.CursorBackwardTab:
        this.cx = this.tabs.previous(Math.min(this.cx, columns - 1), count);
        break;
      case Csi.TabClear:
        // input.c:1601: 0 (or none) the cursor's column, 3 every stop.
        if (first <= 0) this.tabs.clear(this.cx, columns);
        else if (first === 3) this.tabs.clearAll();
        break;
      case Csi.EraseInLine:
        if (first <= 0) {
          if (this.cx === 0) this.clearRow();
          else if (this.cx < columns) row.erase(this.cx, Number.MAX_SAFE_INTEGER);
        } else if (first === 1) {
          if (this.cx >= columns - 1) this.clearRow();
          else row.erase(0, this.cx + 1);
        } else if (first === 2) this.clearRow();
        break;
      case Csi.InsertCharacters:
        if (this.cx < columns) row.insert(this.cx, Math.min(count, columns - this.cx), columns);
        if (this.tally.units > MAX_LINE_CHARS) this.split();
        break;
      case Csi.DeleteCharacters:
        if (this.cx < columns) row.delete(this.cx, Math.min(count, columns - this.cx));
        break;
      case Csi.EraseCharacters:
        if (this.cx < columns) row.erase(this.cx, this.cx + Math.min(count, columns - this.cx));
        break;
      case Csi.Repeat:
        // `second` is the character tmux repeats, if any (see Csi.Repeat); never past the row's end (input.c:1559).
        if (second >= 0x20 && second < 0x7f && this.cx < columns) this.print(String.fromCharCode(second).repeat(Math.min(count, columns - this.cx)));
        break;
      case Csi.CursorUp:
        this.up(count);
        break;
      case Csi.CursorDown:
        this.down(count);
        break;
      case Csi.CursorNextLine:
        this.cx = 0;
        this.down(count);
        break;
      case Csi.CursorPrecedingLine:
        this.cx = 0;
        this.up(count);
        break;
      case Csi.CursorPosition:
      case Csi.CursorPositionHvp:
        if (first <= 1 && second <= 1 && !this.origin) this.homed = true;
        else this.leave(Math.min((second > 0 ? second : 1) - 1, columns - 1));
        break;
      case Csi.CursorRow:
        this.leave(Math.min(this.cx, columns - 1));
        break;
      case Csi.ScrollRegion:
        // The cursor goes home, unless the region is not one (screen-write.c:1320; the pane's height is not known here).
        if (second <= 0 || second > count) {
          if (this.origin) this.leave(0);
          else this.homed = true;
        }
        break;
      case Csi.EraseInDisplay:
        if (first === 2) {
          this.erase();
          this.reset(this.cx);
        }
        else if (first <= 0) {
          // From the cursor to the end of the screen: rows below go, and with them the wrap into them (grid.c:655).
          this.drop(this.cy + 1);
          this.rows[this.cy]!.wrapped = false;
          if (this.cx === 0) this.clearRow();
          else if (this.cx < columns) this.rows[this.cy]!.erase(this.cx, Number.MAX_SAFE_INTEGER);
        } else if (first === 1) {
          for (let y = 0; y < this.cy; y++) {
            this.rows[y]!.clear();
            this.rows[y]!.wrapped = false;
          }
          if (this.cx >= columns - 1) this.clearRow();
          else row.erase(0, this.cx + 1);
        }
        break;
      case Csi.InsertLines:
      case Csi.DeleteLines:
      case Csi.ScrollUp:
      case Csi.ScrollDown:
        // The rows move on the screen, and the cursor's shows something else.
        this.leave(Math.min(this.cx, columns - 1));
        break;
      case Csi.SaveCursor:
        this.save();
        break;
      case Csi.RestoreCursor:
        this.restore();
        break;
    }
  }

  esc(final: Esc): void {
    if (this.homed) this.leaveHome();
    if (this.alternate) return;
    switch (final) {
      case Esc.Index:
        this.lineFeed();
        break;
      case Esc.NextLine:
        this.cx = 0;
        this.lineFeed();
        break;
      case Esc.ReverseIndex:
        this.up(1);
        break;
      case Esc.SaveCursor:
        this.save();
        break;
      case Esc.RestoreCursor:
        this.restore();
        break;
      case Esc.Reset:
        this.erase();
        this.reset(0);
        // screen_write_reset: stops every 8 again, insert off, wrap on (screen-write.c:320, :323).
        this.tabs.reset();
        this.insert = false;
        this.autowrap = true;
        break;
      case Esc.TabSet:
        this.tabs.set(this.cx, this.columns);
        break;
    }
  }

  screen(alternate: boolean): void {
    if (this.ignoreScreenSwitches) return;
    if (this.homed) this.leaveHome();
    this.setAlternate(alternate);
  }

  /** Modes that change where text lands; kept in the alternate screen too (tmux keeps them across it). */
  /** Printed ASCII goes into DEC special graphics (`acs`) or leaves it: see Perform.charset. */
  charset(acs: boolean): void {
    this.acs = acs;
  }

  mode(mode: Mode, set: boolean): void {
    if (mode === Mode.Insert) this.insert = set;
    else if (mode === Mode.Autowrap) this.autowrap = set;
    else if (this.alternate) return;
    else if (mode === Mode.Origin) {
      // The cursor goes home (input.c:1781): the screen's when it is reset, the region's top when set.
      this.origin = set;
      if (set) {
        this.homed = false;
        this.leave(0);
      } else if (!this.homed) this.homed = true;
    } else if (mode === Mode.ColumnMode) {
      // Home, and the screen is cleared (input.c:1777).
      this.homed = false;
      this.erase();
      this.reset(0);
    }
  }

  osc(command: number, data: string, truncated: boolean): void {
    if (this.homed) this.leaveHome();
    this.sink.osc?.(command, data, truncated);
  }

  /** Emits what is left of an unfinished line (end of stream). */
  finish(): void {
    this.homed = false;
    this.leave(0);
    if (this.erased !== undefined) this.writeErased();
  }

  /** The screen is cleared with the unfinished line on it: kept aside (see `erased`). */
  private erase(): void {
    const text = this.pendingText();
    // Only U+0020 is a blank cell: a line of wide or no-break spaces is text (String.trim takes every Unicode space).
    if (trimBlanks(text) === '') return;
    // A second clear before any line: the first one's text is kept unless this one's is it drawn again.
    if (this.erased !== undefined && !text.startsWith(trimBlanks(this.erased))) this.writeErased();
    this.erased = text;
  }

  /** A line is written: the erased text before it, unless the line is it drawn again. */
  private beforeLine(text: string): void {
    if (!text.startsWith(trimBlanks(this.erased!))) this.writeErased();
    this.erased = undefined;
  }

  private writeErased(): void {
    const erased = this.erased!;
    this.erased = undefined;
    this.lineRows = -1; // on no row of the screen any more
    this.sink.line(erased, false);
    this.lineRows = 0;
  }

  /** One character that is not TAB (screen_write_cell, screen-write.c:1811). */
  private character(character: string, code: number): void {
    const width = cellWidth(code);
    const row = this.rows[this.cy]!;
    if (width === -1) {
      // tmux drops it (utf8.c:236) before the ZWJ could take it: no cell, but the log keeps it (why: width.ts).
      row.attach(this.cx, character, false);
      return;
    }
    if (code === ZWJ) {
      // tmux only sets a flag (screen-write.c:1835): a run of ZWJs is one, and one that joins nothing is never shown.
      this.joiner = true;
      return;
    }
    if (this.joiner && (code >= 0x7f || this.acs || this.insert || !this.autowrap)) {
      // The ZWJ, then the character, joined onto the character before whatever its width (screen-write.c:1847-1852),
      // the cursor staying where it is. Plain ASCII bypasses this when tmux collects it (:1773), the ZWJ waiting on;
      // it does not collect in DEC graphics (:1776), with wrap off (:1778) or in insert mode (:1780): ASCII then goes
      // through screen_write_cell (:1784) and is joined as any character. In column 0 tmux drops both (:1991).
      this.joiner = false;
      // There the log still keeps a character of one cell or more (not the ZWJ), before the row's cells, the cursor
      // staying: the ZWJ may have ended one of tmux's reads (a flood: two of them in one of ours), and then tmux forgot
      // it (input.c:975) and showed the character. Keeping what this tmux may not have shown beats losing what it did
      // (as for width -1: width.ts). A mark is dropped all the same: tmux drops it in column 0 however reads are cut.
      if (!row.attach(this.cx, JOINER + character, true) && width > 0) row.attach(this.cx, character, false);
      return;
    }
    if (width === 0) {
      // Dropped in column 0, as tmux drops it (screen-write.c:1991; see Row.attach).
      row.attach(this.cx, character, true);
      return;
    }
    if (!this.autowrap) {
      // No wrap: what does not fit before the edge is dropped, as the screen model drops it (a wide character,
      // screen-write.c:1869; anything at the pending-wrap column, :1889); the cursor stays in the last column (:1955).
      if (this.cx > this.columns - width) return;
      if (this.insert) row.insert(this.cx, width, this.columns);
      // Never a run tmux collected (screen-write.c:1778): written over a wide character as one cell at a time is.
      if (!row.append(this.cx, character, width)) row.put(this.cx, character, width, false);
      this.cx = Math.min(this.cx + width, this.columns - 1);
      return;
    }
    if (this.insert && this.cx < this.columns) row.insert(this.cx, width, this.columns);
    if (this.cx > this.columns - width) {
      // After an insertion tmux's line may hold a cell in the last column, a blank unless written (Row.widened), which a
      // wide character wrapping past it leaves on the screen (`ESC[4h 123456789 😀` shows `123456789 😀`, capture-pane -J).
      if (row.widened && this.cx === this.columns - 1 && row.length <= this.cx) row.writeSimple(this.cx, ' ');
      this.wrap();
      if (this.cx > this.columns - width) {
        // Wider than the pane: tmux does not show it (screen-write.c:1902).
        this.rows[this.cy]!.attach(this.cx, character, false);
        return;
      }
    }
    const target = this.rows[this.cy]!; // the next row, if it wrapped
    // ASCII tmux collected in a run (not in DEC graphics or insert mode, screen-write.c:1776, :1780) blanks less of a wide character it writes over.
    if (!target.append(this.cx, character, width)) target.put(this.cx, character, width, code < 0x7f && !this.acs && !this.insert);
    this.cx += width;
  }

  /** TAB: to the next tab stop, never past the last column (input.c:1221). */
  private tab(): void {
    const last = this.columns - 1;
    if (this.cx >= last) return;
    const to = this.tabs.next(this.cx, last);
    this.rows[this.cy]!.tab(this.cx, to);
    this.cx = to;
  }

  /** Text went past the right edge: it carries on at the start of the next row of the line (screen-write.c:1897). */
  private wrap(): void {
    this.rows[this.cy]!.wrapped = true;
    if (++this.cy === this.rows.length) this.rows.push(this.spare.pop() ?? new Row(this.tally));
    this.cx = 0;
    this.sink.clamped?.();
  }

  /** LF: down a row of the line, or, from its last row, the line is finished; the column stays (screen-write.c:1334). */
  private lineFeed(): void {
    if (this.newlineReturns) this.cx = 0;
    if (this.cy < this.rows.length - 1) {
      // Down into rows the line wrapped into that hold nothing but blanks: readline, its line exactly
      // as wide as the pane, prints a space to wrap and goes back up (` \r ESC M`); tmux keeps the
      // row marked wrapped, so capture-pane -J joins whatever is printed there next (the command's
      // output) to the command line. Nothing is shown in those rows: the line ends here instead.
      if (this.blankBelow()) {
        this.drop(this.cy + 1);
        this.rows[this.cy]!.wrapped = false;
        this.leave(this.cx, true);
      } else this.cy++;
    }
    else if (this.rows.length === 1 && !this.continued) {
      // The flood's case: a line of one row ends.
      const row = this.rows[0]!;
      const text = row.toString();
      if (this.erased !== undefined) this.beforeLine(text);
      this.sink.line(text, false);
      row.clear();
      row.wrapped = false;
      this.lineNumber++;
    } else this.leave(this.cx, true);
  }

  /** Whether every row below the cursor's holds only blanks. */
  private blankBelow(): boolean {
    for (let y = this.cy + 1; y < this.rows.length; y++) if (this.rows[y]!.toString().trim() !== '') return false;
    return true;
  }

  /** CUU, RI: up within the line; above its first row, the line is left (screen-write.c:859). */
  private up(count: number): void {
    const cx = Math.min(this.cx, this.columns - 1);
    if (count <= this.cy) {
      this.cy -= count;
      this.cx = cx;
    } else this.leave(cx);
  }

  /** CUD: down within the line; below its last row, the line is left (screen-write.c:886). */
  private down(count: number): void {
    const cx = Math.min(this.cx, this.columns - 1);
    if (this.cy + count < this.rows.length) {
      this.cy += count;
      this.cx = cx;
    } else this.leave(cx);
  }

  private save(): void {
    this.saved = { line: this.lineNumber, cy: this.cy, cx: this.cx };
  }

  /** DECRC/SCORC: back to the saved place if it is on this line; elsewhere, the line is left; never saved: home (input.c:789). */
  private restore(): void {
    const saved = this.saved;
    if (saved === undefined) {
      if (this.origin) this.leave(0);
      else this.homed = true;
    }
    else if (saved.line === this.lineNumber && saved.cy < this.rows.length) {
      this.cy = saved.cy;
      this.cx = Math.min(saved.cx, this.columns - 1);
    } else this.leave(Math.min(saved.cx, this.columns - 1));
  }

  /** EL 2 (and EL 0 from column 0): the row is emptied, and neither it nor the row above wraps any more (grid.c:651-656). */
  private clearRow(): void {
    const row = this.rows[this.cy]!;
    if (row.empty) return;
    row.clear();
    row.wrapped = false;
    if (this.cy > 0) this.rows[this.cy - 1]!.wrapped = false;
  }

  /** The cursor went home and what followed was not an erase of the display: the line was left. */
  private leaveHome(): void {
    this.homed = false;
    this.leave(0);
  }

  /**
   * The cursor leaves the line (LF from its last row, or a move it cannot
   * follow): it is written out as it stands, a line for each run of rows
   * joined by wrapping (capture-pane -J joins those only), and a new one begins
   * at column `cx`. LF writes out an empty line too; a move writes out only text.
   */
  private leave(cx: number, lineFeed = false): void {
    const rows = this.rows;
    let text = '';
    let start = 0;
    let parts: string[] | null = null;
    for (let y = 0; y < rows.length; y++) {
      const row = rows[y]!;
      const rowText = row.toString();
      text += rowText;
      if (row.wrapped && y < rows.length - 1) {
        (parts ??= []).push(rowText);
        continue;
      }
      this.lineRows = y - start + 1;
      if (parts !== null) {
        parts.push(rowText);
        this.lineRowTexts = parts;
        parts = null;
      }
      if (text.length > 0 || lineFeed) this.out(text, true);
      else this.continued = false;
      this.lineRows = 0;
      this.lineRowTexts = null;
      text = '';
      start = y + 1;
    }
    this.reset(cx);
  }

  /** A new, empty line, the cursor at column `cx` of its first row; nothing is written out. */
  private reset(cx: number): void {
    this.drop(1);
    const row = this.rows[0]!;
    row.clear();
    row.wrapped = false;
    this.cx = cx;
    this.continued = false;
    this.lineNumber++;
  }

  /** Removes the rows from `from` on (at least one row stays); they are kept for reuse. */
  private drop(from: number): void {
    const rows = this.rows;
    if (rows.length <= from) return;
    for (let y = Math.max(from, 1); y < rows.length; y++) {
      const row = rows[y]!;
      row.clear();
      row.wrapped = false;
      if (this.spare.length < SPARE_ROWS) this.spare.push(row);
    }
    if (from === 0) rows[0]!.clear();
    if (rows.length !== Math.max(from, 1)) rows.length = Math.max(from, 1);
    if (this.cy >= rows.length) this.cy = rows.length - 1;
  }

  /**
   * The line holds more than the limit: the rows above the cursor's are written
   * out, front first, in pieces of at most the limit cut where a row ends (a
   * row that does not wrap ends a line of the screen: that one is written out
   * whole); if the cursor's row alone is over the limit, what is before the
   * cursor in it too.
   */
  private split(): void {
    let text = '';
    while (this.cy > 0) {
      const row = this.rows.shift()!;
      this.cy--;
      const rowText = row.toString();
      const ends = !row.wrapped;
      row.clear();
      row.wrapped = false;
      if (this.spare.length < SPARE_ROWS) this.spare.push(row);
      if (text.length > 0 && text.length + rowText.length > MAX_LINE_CHARS) {
        this.out(text, false);
        text = '';
      }
      text += rowText;
      if (ends) {
        this.out(text, true);
        text = '';
      }
    }
    if (this.tally.units > MAX_LINE_CHARS) text += this.rows[0]!.takeBefore(this.cx);
    if (text.length > 0) this.out(text, false);
    this.lineNumber++; // the rows moved: a saved cursor no longer points into them
  }

  /** Writes out `text`: a line when `ends`, else a piece to be continued; longer than the limit, in pieces (never splitting a surrogate pair). */
  private out(text: string, ends: boolean): void {
    if (this.erased !== undefined && !this.continued) this.beforeLine(text);
    while (text.length > MAX_LINE_CHARS) {
      let cut = MAX_LINE_CHARS;
      const last = text.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut--;
      this.sink.line(text.slice(0, cut), this.continued);
      this.continued = true;
      text = text.slice(cut);
    }
    if (ends) {
      this.sink.line(text, this.continued);
      this.continued = false;
    } else if (text.length > 0) {
      this.sink.line(text, this.continued);
      this.continued = true;
    }
  }
}

/**
 * `text` without its trailing blanks. Not `/ +$/`: tried at every blank of a
 * run, that regex costs the square of the run, and a clear loop leaves the
 * cursor further right each time (`X ESC[2J` again and again: 60% of the
 * reader's time at 1.7 MB/s).
 */
function trimBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end === text.length ? text : text.slice(0, end);
}
