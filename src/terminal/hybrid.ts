// The hybrid: the fast line model (lines.ts) while the pane prints plain text,
// the screen model (grid.ts) while it addresses the screen vertically. Plain
// text is nearly all a log sees, and the line model is several times faster;
// but only a screen model knows which row a progress block rewrites, what a
// status line drawn at the bottom says, or what a full-screen program shows
// when it quits. So the router sends what the cleaner reports to the line
// model until a sequence moves the cursor up or down, sets a scroll region,
// erases the display, inserts, deletes or scrolls lines, saves the cursor or
// switches screens; then it seeds the screen model with what the line model
// knows (the rows already logged above the cursor, the line in progress) and
// feeds it instead, until the stream is plain again (a screenful of lines with
// no addressing) or quiet (`settle('quiet')`, from the recorder's timer).
//
// While the screen model is engaged, on the normal screen:
// - a row left by LF and not yet logged is a line, joined with the rows it
//   wraps with as `capture-pane -J` joins them;
// - a logged row whose text later changed is `redrawn`, once it has settled:
//   before the next line, when the recorder says so (quiet, or every few
//   seconds while busy), and before it scrolls off or is erased;
// - a row drawn by addressing and never left by LF (a status line) is a line
//   the first time it settles, `redrawn` after;
// - clearing the screen settles first, then drops the line in progress (the
//   shell draws it again).
// In the alternate screen it keeps a block of frames: `frame` when the
// recorder says the screen is still (or every few seconds), the final frame
// always, from the model, when the program leaves (the rows are still there,
// however short its life), and the rows that leave the alternate screen (by
// scrolling or erasing) before a frame caught them. A leave followed by an
// enter with nothing in between is one block, not two.
//
// Pure and deterministic: the same bytes in any split give the same calls on
// the sink, as long as no `settle` comes in between. Time is the recorder's.

import { Csi, Esc, Mode, type Perform } from './ansi.ts';
import { GoneLines } from './gone-lines.ts';
import { HISTORY_ROWS, ScreenGrid, type ScreenEvents, type SeedRow } from './grid.ts';
import { lastRows, LineTail } from './line-tail.ts';
import { Claim, claimedRows } from './reflow-claim.ts';
import { LineAssembler, MAX_LINE_CHARS, type LineSink } from './lines.ts';
import type { TabStops } from './tab-stops.ts';
import { cellWidth, textWidth } from './width.ts';

/** What the hybrid reports beyond lines: redrawn rows and the alternate screen's block. */
export interface ScreenSink extends LineSink {
  /** A row already logged (or drawn by addressing and logged once) shows other text now. */
  redrawn(text: string): void;
  /** The alternate screen as it shows now: its lines (`capture-pane -J`), trailing blank ones left out. */
  frame(rows: string[]): void;
  /** Rows of the alternate screen that left it (scrolled off, erased) before a frame showed them. */
  scrolledOff(rows: string[]): void;
  /** Rows filled by DECALN that left the screen unlogged, the redraw budget being spent (see REDRAW_PER_BYTE): how many, and their characters. */
  skipped?(redraws: number, chars: number): void;
  /** The line just logged, text a clear took away, was shown and cleared `times` times more (see `erasedLine`). */
  repeated?(times: number): void;
  /** The pane is `columns` x `rows`, larger than the screen model (MAX_COLUMNS x MAX_ROWS): once per size, before the next read. */
  clipped?(columns: number, rows: number): void;
}

/**
 * Why rows are settled: a line is about to be logged (`line`: LF, a switch
 * of screens), the recorder's timer or the end (`timer`: at most one
 * screenful per settle, so bounded by time), or rows are leaving the screen
 * (`leaving`: scrolled off, erased, deleted).
 */
type Why = 'line' | 'timer' | 'leaving';

/**
 * The redraw budget. A redrawn record repeats a whole logical line, which may
 * span the screen: one cell changed in it, then LF, costs a few bytes in and a
 * screenful out (80x24: 81 KB in gave 9.3 MB out). Redraws spend a credit that
 * grows with the input, this many characters per byte read, up to
 * REDRAW_CREDIT_MAX. Out of credit, a redraw before a line waits for the
 * recorder's timer (its final state is logged then, or when it leaves the
 * screen); one leaving the screen is logged all the same (its last state).
 * Rows only DECALN filled pay too, and leaving out of credit are counted
 * (`skipped`) instead: their text is E, and three bytes make a screenful.
 * Ordinary redraws (a progress block, a status line) print more bytes than
 * they show and never reach the limit.
 */
const REDRAW_PER_BYTE = 4;
const REDRAW_CREDIT_MAX = 64 * 1024;

/** Why the recorder asks for a settle: the pane has been quiet, or busy for a while. */
export type SettleReason = 'quiet' | 'busy';

/**
 * The recorder settles after this much quiet (capture/recorder.ts); and a row
 * that has stood this long, changed and unlogged, is settled before it is
 * written over (bytes that show nothing, sent every so often, would otherwise
 * keep the quiet timer off while text drawn by addressing is replaced unseen).
 */
export const QUIET_MS = 500;

/** A screen's size when the pane's is not known (`pipe --file`): only where a long line wraps depends on it. */
const DEFAULT_COLUMNS = 80;
const DEFAULT_ROWS = 24;
/**
 * Largest screen modelled. tmux makes windows up to 10000x10000 (WINDOW_MAXIMUM, tmux.h:88), but the model's
 * memory follows its size (a row is a cell array, grid.ts): at 10000x10000 a reader took 261 MB at once, and each
 * row a flood scrolled cost 20 KB. A larger pane is modelled at most this large and said so (ScreenSink.clipped):
 * what it draws past the model's last column or row is not logged as it shows.
 */
export const MAX_COLUMNS = 1000;
export const MAX_ROWS = 500;

const LF = 0x0a;
const CR = 0x0d;

/** CSI finals that address the screen vertically (input.c:268): they engage the screen model. */
const ENGAGING_CSI = new Uint8Array(0x80);
for (const final of 'ABEFHfdJrLMSTsu') ENGAGING_CSI[final.charCodeAt(0)] = 1;
/** CSI finals that write over the cursor's row without the screen model reporting it: EL, ECH, DCH, ICH, REP. */
const OVERWRITING_CSI = new Uint8Array(0x80);
for (const final of 'KXP@b') OVERWRITING_CSI[final.charCodeAt(0)] = 1;
/** ESC finals that do (input.c:208): DECSC, DECRC, IND, NEL, RI, RIS, DECALN. */
const ENGAGING_ESC = new Uint8Array(0x100);
for (const final of '78DEMc') ENGAGING_ESC[final.charCodeAt(0)] = 1;
// DECALN: fills the screen and homes the cursor (screen-write.c:977).
ENGAGING_ESC[Esc.Alignment] = 1;

/**
 * Rows `text` takes on the screen. Wide characters count two cells: counted
 * as one, a line of them was placed a row too high when the screen model
 * engaged, and text drawn over its rows was logged over the wrong ones.
 */
function rowsOf(text: string, columns: number): number {
  // No character takes more than two cells (a surrogate pair is two units for at most two cells).
  if (text.length * 2 <= columns) return 1;
  if (ASCII.test(text)) return text.length <= columns ? 1 : Math.ceil(text.length / columns);
  return cut(text, columns).length;
}
const ASCII = /^[\x00-\x7f]*$/;

/**
 * A logged line's TABs (the line model keeps one where it moved the cursor
 * past the end of the row) as the blanks they stand for on the screen, to the
 * stops as they are now: seeded as text, a TAB would take no cell, and text
 * after it would be placed at the wrong column.
 */
function expandTabs(text: string, columns: number, tabs: TabStops): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let x = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code === 0x09) {
      if (x < columns - 1) {
        const to = tabs.next(x, columns - 1);
        out += ' '.repeat(to - x);
        x = to;
      }
      continue;
    }
    const width = code < 0x300 ? 1 : Math.max(0, cellWidth(code));
    if (x + width > columns) x = 0;
    out += character;
    x += width;
  }
  return out;
}

/** `text` cut into rows of `columns` cells, as the screen wraps it (at least one row). */
function cut(text: string, columns: number): string[] {
  if (text.length <= columns && /^[\x20-\x7e]*$/.test(text)) return [text];
  const rows: string[] = [];
  let from = 0;
  let cells = 0;
  // After a ZWJ the next character that is not ASCII joins the cell before (screen-write.c:1852; line-tail.ts wrapRows).
  let joiner = false;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const size = codePoint > 0xffff ? 2 : 1;
    const width = codePoint < 0x300 ? 1 : cellWidth(codePoint);
    if (codePoint === 0x200d || (joiner && codePoint >= 0x7f && width >= 0)) {
      joiner = codePoint === 0x200d;
      i += size;
      continue;
    }
    if (width < 0) {
      i += size; // tmux drops it (utf8.c:236)
      continue;
    }
    if (cells + width > columns) {
      rows.push(text.slice(from, i));
      from = i;
      cells = 0;
    }
    cells += width;
    i += size;
  }
  rows.push(text.slice(from));
  return rows;
}

export interface HybridOptions {
  /** The pane's width and height, if known. */
  columns?: number;
  rows?: number;
  /** The bytes are not a pane's (`pipe --file`): LF also returns to column 0 (see LineAssembler). */
  newlineReturns?: boolean;
  /** The window's alternate-screen option is off: tmux ignores the switches (screen-write.c:2120, :2138), and so does this. */
  noAlternateScreen?: boolean;
}

export class Hybrid implements Perform, LineSink, ScreenEvents {
  private readonly lines: LineAssembler;
  private columns: number;
  private height: number;
  /** The screen model, once first needed; `engaged` while it, not the line model, takes the stream. */
  private grid: ScreenGrid | undefined;
  private engaged = false;
  private readonly noAlternateScreen: boolean;
  /** The pane's size past the model's last said (`WxH`), or '' (see sizeAsked). */
  private clipKey = '';
  /** That size, not said yet: columns, rows. */
  private clipPending: [number, number] | undefined;
  /** Origin mode (DECOM), for the screen model when it engages. */
  private origin = false;
  /** Insert mode (IRM), for the screen model when it is made. */
  private insert = false;
  /** Autowrap (DECAWM), likewise. */
  private autowrap = true;
  /** Printed ASCII in DEC special graphics (Perform.charset), for a screen model made later. */
  private acs = false;
  /** The screen model's last move stopped at the edge (see clamped): the line it lands on is logged before it is written. */
  private clampedMove = false;

  // ---- the fast path's picture of the screen, to seed the model from
  /** The last lines logged, oldest first: the rows above the cursor (at most `height` of them). */
  private above: string[] = [];
  /** The rows each of `above` took on the screen, as the line model saw them (0: not known, counted from the text). */
  private aboveRows: (number | string[])[] = [];
  /** The newest of `above` while a long line's pieces come in (see line). */
  private readonly tail = new LineTail({ next: (x, last) => this.lines.tabs.next(x, last) });
  /** Code units held in `above`, and how many it may hold before the lines off the screen leave it (see trimAbove). */
  private aboveUnits = 0;
  private aboveTrimAt = 0;
  /** The cursor's row on the screen, as far as lines tell: where the line in progress is. */
  private fastRow = 0;
  /**
   * Lines that left `above` (scrolled into tmux's history) since the screen
   * model last had the stream, oldest first, with their rows as `aboveRows`
   * has them; rows tmux counted as scrolled meanwhile (its hscrolled) and
   * whether the screen was cleared into history (hscrolled = 0). The screen
   * model gets them when it engages: a pane made taller pulls them back.
   */
  private goneKept = new GoneLines();
  private goneScrolled = 0;
  private goneReset = false;
  /** How many of `gone` were before the last clear (the rows scrolled since come after them, then blank ones). */
  private goneCleared = 0;

  // ---- while engaged
  /** Text logged per row id: a row is logged when it has an entry; it changed when its line's text is not that. */
  private logged = new Map<number, string>();
  /** When each logged row was logged (a `mark()`): a row not written since is unchanged, no text needed. */
  private loggedAt = new Map<number, number>();
  /**
   * Row ids that start a line though the row above wraps into them: the
   * cursor came down by LF into a continuation that held only blanks
   * (see lineFeed). The screen model keeps tmux's flag, as capture-pane -J
   * shows it; the log keeps the lines apart.
   */
  private cuts = new Set<number>();
  /** Row ids that carry on a line whose start already left the screen as a piece. */
  private pieces = new Set<number>();
  /** Logged rows a line editor takes back for its line after a reflow (see reflow-claim.ts): text printed there is the line in progress. */
  private claimed = new Claim();
  /**
   * The head of the line in progress a reflow put into history (see
   * pendingIntoHistory), not logged yet: it is logged with the row 0 that
   * carries it on (capture-pane -J joins them), or alone once that row no
   * longer does (the line editor erased it to draw the line again).
   */
  private headOf: { id: number; text: string; continued: boolean } | undefined;
  /**
   * The line in progress starting at row `id` begins with `text` that was
   * logged already, as pieces, while those rows were in history: a taller
   * pane pulled them back onto the screen, or a new width reflowed them into
   * the rows of the rest (screen.c:309, grid.c:1305). Only the rest is logged
   * when the line ends, as their continuation (see lineOut).
   */
  private loggedHead: { id: number; text: string } | undefined;
  /** The row a line feed last led to: the line in progress, dropped when the screen is cleared. */
  private pendingId = -1;
  /** Rows written since this mark are looked at by the next settle. */
  private settleMark = 0;
  /** The next settle looks at every row never logged too (see settleRows): rows of the line in progress split off it. */
  private scanUnlogged = false;
  /** Something may have changed outside the line in progress since the last settle. */
  private dirty = false;
  /** Line feeds in a row with no vertical addressing between them: a screenful hands back to the fast path. */
  private plainRun = 0;
  /** Set while an erase of the display runs: rows about to go are cleared, not scrolled. */
  private clearing = false;
  /** ...and it clears the whole screen (ED 2, ED 0 from home, RIS): the line in progress goes with it, wherever it is. */
  private clearingAll = false;
  /**
   * The unfinished line a clear of the whole screen took away, as the line
   * model keeps it (lines.ts `erased`): written before the next line unless
   * that line is it drawn again (Ctrl-L), and at the end of the stream.
   */
  private erased: string | undefined;
  /** `erased` is the rest of a line whose rows above had left the screen as pieces: it is written as a piece too. */
  private erasedContinued = false;

  // ---- the alternate screen's block
  private inBlock = false;
  /** The program left; the block ends at the next output, unless it enters again first. */
  private leavePending = false;
  private lastFrame = '';
  private frameMark = 0;
  private gone: string[] = [];

  // ---- the redraw budget (see REDRAW_PER_BYTE)
  private credit = REDRAW_CREDIT_MAX;
  /** Bytes of the stream the credit has grown by (see consumed). */
  private consumedBytes = 0;
  /** The rows held at the last settle (see settleHeld). */
  private held = new Set<number>();
  /** Row ids whose redraw waits for the timer (out of credit before a line). */
  private deferred = new Set<number>();
  private skippedRedraws = 0;
  private skippedChars = 0;

  // ---- a clear loop (see erasedLine)
  /** What the last line logged showed, if it was text a clear took away and nothing was logged since. */
  private repeatOf: string | undefined;
  /** Times it was shown and cleared again since. */
  private repeats = 0;

  // ---- rows that have stood QUIET_MS (needs the reads' times: Transcript.push's `now`)
  /** Model marks at the start of recent reads, and the reads' times, oldest first from `chunkHead`. */
  private chunkMarks: number[] = [];
  private chunkTimes: number[] = [];
  private chunkHead = 0;
  /** Rows written at or before this mark have stood at least QUIET_MS (0: none known). */
  private quietMark = 0;

  constructor(
    private readonly sink: ScreenSink,
    options: HybridOptions = {},
  ) {
    this.lines = new LineAssembler(this, options.columns, options.newlineReturns);
    this.noAlternateScreen = options.noAlternateScreen ?? false;
    this.columns = clamp(options.columns, DEFAULT_COLUMNS, MAX_COLUMNS);
    this.height = clamp(options.rows, DEFAULT_ROWS, MAX_ROWS);
    this.sizeAsked(options.columns, options.rows);
  }

  /**
   * The pane's size as tmux gave it: past the model's, it is said once (at the next read: the recording's start comes
   * first), and again at each other size past it.
   */
  private sizeAsked(columns: number | undefined, rows: number | undefined): void {
    const wide = clamp(columns, 0, Infinity);
    const tall = clamp(rows, 0, Infinity);
    const key = wide > MAX_COLUMNS || tall > MAX_ROWS ? `${wide}x${tall}` : '';
    if (key !== this.clipKey) this.clipPending = key !== '' ? [wide || this.columns, tall || this.height] : undefined;
    this.clipKey = key;
  }

  /** Says a pending clip (see sizeAsked). */
  private reportClip(): void {
    const pending = this.clipPending;
    if (!pending) return;
    this.clipPending = undefined;
    this.sink.clipped?.(pending[0], pending[1]);
  }

  // ------------------------------------------------------------ set-up

  /** The pane's width changed (a resize). */
  setColumns(columns: number): void {
    this.setSize(columns, this.height);
  }

  /** The pane's size changed: both models learn it. */
  setSize(columns: number, rows: number): void {
    // The screen model takes the stream (see resize) before the line model learns the new width: that would bound
    // its cursor by the new width, and the model, seeded at the old size, would put the line in progress's cursor
    // there (a narrower pane wrote the rest of a typed command over its middle).
    this.sizeAsked(columns, rows);
    this.reportClip();
    if (!this.engaged && (clamp(columns, this.columns, MAX_COLUMNS) !== this.columns || clamp(rows, this.height, MAX_ROWS) !== this.height)) this.engage();
    this.lines.setColumns(columns);
    this.resize(columns, rows);
  }

  /** The pane's size changed. */
  resize(columns: number, rows: number): void {
    columns = clamp(columns, this.columns, MAX_COLUMNS);
    rows = clamp(rows, this.height, MAX_ROWS);
    if (columns === this.columns && rows === this.height) return;
    // tmux pulls rows back from its history into a taller pane, or reflows them into a new width (screen.c:257): only
    // the screen model has rows to do it with, and history the line model handed it; it takes the stream first, at
    // the old size (a stale model of an earlier engagement pulled rows the screen showed long before).
    if (!this.engaged) this.engage();
    if (this.headOf !== undefined) this.flushHead();
    // A new width resets the tab stops (screen.c:276); the screen model's are the same ones.
    if (columns !== this.columns) this.lines.tabs.reset();
    this.columns = columns;
    this.height = rows;
    // The fast path's picture of the screen: the cursor is still on the screen.
    this.above = this.above.slice(-rows);
    // Rows the lines took at the old width say nothing of the new one.
    this.aboveRows = this.above.map(() => 0);
    this.countAbove();
    this.fastRow = Math.min(this.fastRow, rows - 1);
    const grid = this.grid;
    if (!grid) return;
    if (this.engaged) {
      this.flushLeave();
      if (!grid.alternate) {
        this.settleRows(false, 'timer');
        // A new width reflows the rows (grid.c:1305): the cursor's line, written since it was logged, can go into
        // history with the rows above it, unseen (no row scrolls off), or come back cut elsewhere. Unless it is the
        // line in progress, not logged (see pendingIntoHistory), it is logged as it shows now.
        if (grid.columns !== columns) {
          const [first, last] = this.bounds(grid.cursorY);
          if (!this.isPending(first, last) || this.logged.has(grid.rowId(first))) this.settleGroup(first, last, 'timer');
        }
      }
    }
    // After that settle, only the line in progress and the cursor's line can be unlogged; the cursor's line was
    // logged if its rows were and none changed since.
    const [cursorFirst, cursorLast] = this.bounds(grid.cursorY);
    const normal = this.engaged && !grid.alternate;
    const cursorLogged = normal && this.unchanged(cursorFirst, cursorLast);
    const pendingLogged = normal && this.pendingUnchanged();
    // The line in progress under the cursor, not logged: a new width can put its first rows into history.
    const pending = normal && grid.columns !== columns && this.isPending(cursorFirst, cursorLast) && !this.logged.has(grid.rowId(cursorFirst));
    const pendingText = pending ? this.lineText(cursorFirst, cursorLast) : '';
    const pendingPiece = pending && this.pieces.has(grid.rowId(cursorFirst));
    // The row the line editor believes the cursor is on, counted from its line's first row at the old width.
    const editorRow = pending ? grid.cursorY - cursorFirst : 0;
    // The rest of a line in progress whose head was logged as pieces (its rows above went into history): a taller
    // pane pulls those rows back, a wider one reflows them into the rest's (see loggedHead).
    const restId = grid.rowId(cursorFirst);
    const rest = normal && this.isPending(cursorFirst, cursorLast) && !this.logged.has(restId) && (this.pieces.has(restId) || this.loggedHead?.id === restId);
    const done = rest && this.loggedHead?.id === restId ? this.loggedHead.text : '';
    const restText = rest ? this.lineText(cursorFirst, cursorLast).slice(done.length) : '';
    this.claimed.clear();
    // Rows of the logged head that leave again (a shorter pane) move it on to the row below (see scrolled).
    grid.resize(columns, rows);
    // Rows pulled back from history or rewrapped are what was already seen: the new baseline.
    if (normal) this.resizedBaseline(cursorLogged, pendingLogged);
    if (this.loggedHead !== undefined && this.loggedHead.id !== grid.rowId(this.bounds(grid.cursorY)[0])) this.loggedHead = undefined;
    if (pendingText !== '') this.pendingIntoHistory(pendingText, pendingPiece, done);
    if (rest && this.headOf === undefined) this.restBack(restText);
    if (pending) this.claimAbove(editorRow);
  }

  /**
   * The line in progress was reflowed to fewer rows above the cursor than
   * the line editor counts: on its SIGWINCH, readline moves up the rows it
   * counted at the old width (`ESC M` per row) and draws the line again
   * from there, over rows above it that were logged. Those rows are
   * claimed (reflow-claim.ts): printed on before the line ends, they are
   * the line in progress, not a redraw of what they showed.
   */
  private claimAbove(editorRow: number): void {
    const grid = this.grid!;
    const [first] = this.bounds(grid.cursorY);
    this.claimed.set(claimedRows(grid, first, grid.cursorY - first, editorRow));
  }

  /** Text is printed on a claimed row (see claimAbove): it is the line in progress from now on; what it showed was logged. */
  private takeClaimed(): void {
    const grid = this.grid!;
    const id = grid.rowId(grid.cursorY);
    if (!this.claimed.take(id, grid.cursorX)) return;
    const [first, last] = this.bounds(grid.cursorY);
    // The topmost claimed row carried on from a row above (its logged line wrapped into it): taking the line would
    // log that row's text again.
    if (first !== grid.cursorY) return;
    for (let y = first; y <= last; y++) {
      this.logged.delete(grid.rowId(y));
      this.loggedAt.delete(grid.rowId(y));
    }
    this.pendingId = id;
  }

  /**
   * Logs the head a reflow put into history (see headOf): with the line row 0
   * shows if that row still carries it on and was not logged, alone
   * otherwise. While that line is the line in progress (nothing redrew it),
   * the head is logged alone and the line follows it as a piece, as when a
   * long line's top row scrolls off.
   */
  private flushHead(): void {
    const head = this.headOf!;
    this.headOf = undefined;
    const grid = this.grid!;
    if (grid.rowId(0) === head.id && grid.continued(0) && !this.logged.has(head.id)) {
      const [first, last] = this.bounds(0);
      if (this.isPending(first, last)) {
        this.emit(head.text, head.continued);
        this.pieces.add(head.id);
        return;
      }
      const text = grid.logText(first, last);
      this.emit(head.text + text, head.continued);
      this.markLogged(first, last, text);
      return;
    }
    this.emit(head.text, head.continued);
  }

  /** A line whose first row is `id`, not logged before: with the head a reflow put into history if it carries that on. */
  private lineOut(text: string, id: number): void {
    const done = this.loggedHead;
    if (done !== undefined && done.id === id) {
      this.loggedHead = undefined;
      // Anything else than the logged head and more (the line drawn again otherwise) is logged whole: twice, never lost.
      if (text.startsWith(done.text)) {
        if (text.length > done.text.length) this.emit(text.slice(done.text.length), true);
        return;
      }
    }
    const head = this.headOf;
    if (head === undefined) return this.emit(text, this.pieces.has(id));
    const grid = this.grid!;
    if (head.id === id && grid.rowId(0) === id && grid.continued(0)) {
      this.headOf = undefined;
      return this.emit(head.text + text, head.continued);
    }
    this.flushHead();
    this.emit(text, this.pieces.has(id));
  }

  /** The line in progress, if on the screen, was logged and not written since. */
  private pendingUnchanged(): boolean {
    const grid = this.grid!;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      const [first, last] = this.bounds(y);
      return this.unchanged(first, last);
    }
    return false;
  }

  /**
   * The line in progress was `before` (a piece of a longer one if
   * `continued`) when a reflow took place: if its first rows went into
   * history (row 0 continues a row there), they are logged now, as a piece
   * the rest of it follows, as when they scroll off (see `scrolled`).
   */
  private pendingIntoHistory(before: string, continued: boolean, done = ''): void {
    const grid = this.grid!;
    const [first, last] = this.bounds(grid.cursorY);
    if (first !== 0 || !grid.continued(0)) return;
    // The blanks the line ended with before are text the reflow need not keep at its end (a prompt's last space):
    // compared without them, as the log's lines are.
    const after = this.lineText(first, last).replace(/ +$/, '');
    const head = before.replace(/ +$/, '');
    // `done`: the line began with text logged already (see loggedHead); only what follows it is logged, as its continuation.
    if (after !== '' && after.length < head.length && head.endsWith(after)) {
      // Not logged yet: the line in progress is the line editor's to draw again, and tmux shows the head joined
      // with what row 0 shows when the line ends (see headOf).
      const text = head.slice(0, head.length - after.length);
      if (done !== '' && text.startsWith(done)) {
        if (text.length > done.length) this.headOf = { id: grid.rowId(first), text: text.slice(done.length), continued: true };
        else this.pieces.add(grid.rowId(first));
      } else if (done !== '' && done.startsWith(text)) this.loggedHead = { id: grid.rowId(first), text: done.slice(text.length) };
      else this.headOf = { id: grid.rowId(first), text, continued };
    } else {
      // Cut elsewhere than the text says: logged whole now; what is written to it later is a redraw.
      if (done !== '' && before.startsWith(done)) {
        if (before.length > done.length) this.emit(before.slice(done.length), true);
      } else this.emit(before, continued);
      this.markLogged(first, last, after);
    }
  }

  /**
   * The line in progress was `rest` (what of it was not logged yet: its head
   * was, as pieces) before a resize: if the line on the screen now is more
   * than that and ends with it, the more is that head, back from history.
   */
  private restBack(rest: string): void {
    const grid = this.grid!;
    const [first, last] = this.bounds(grid.cursorY);
    if (this.logged.has(grid.rowId(first)) || !this.isPending(first, last)) return;
    const text = this.lineText(first, last);
    if (text.length <= rest.length || !text.endsWith(rest)) return;
    this.loggedHead = { id: grid.rowId(first), text: text.slice(0, text.length - rest.length) };
    // The line in progress by its first row: rows of it split off before it ends (EL clears the wrapped flag into
    // the cursor's row) are then the line the cursor left, logged at the next line feed (settleLeftLine) right after
    // the head they continue, not at the end after other lines.
    this.pendingId = grid.rowId(first);
  }

  /**
   * After a resize, every row counts as logged but the line in progress and
   * the cursor's line, each unless it was logged: rows below the cursor (an
   * earlier screenful the cursor moved up into) were logged, and are not new
   * lines when the pane changes them next (IL moving them down).
   */
  private resizedBaseline(cursorLogged: boolean, pendingLogged: boolean): void {
    const grid = this.grid!;
    // The line in progress may be gone (rows below the cursor are the first a shorter pane loses, screen.c:331).
    let pendingY = -1;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      pendingY = y;
      break;
    }
    const [pendingFirst, pendingLast] = pendingY < 0 ? [-1, -1] : this.bounds(pendingY);
    const [cursorFirst, cursorLast] = this.bounds(grid.cursorY);
    this.logged.clear();
    this.loggedAt.clear();
    for (let y = 0; y < grid.rows; ) {
      const [first, last] = this.bounds(y);
      const pending = !pendingLogged && first <= pendingLast && last >= pendingFirst;
      const cursor = !cursorLogged && first <= cursorLast && last >= cursorFirst;
      // Blank rows below the cursor are not lines anybody saw: marked logged, the next line written there (a prompt
      // after a command's output) would count as a logged row that changed, logged at the next settle and its
      // command as a redrawn row after its output.
      const unwritten = first > cursorLast && grid.logText(first, last) === '';
      if (!pending && !cursor && !unwritten) this.markLogged(first, last, grid.logText(first, last));
      y = last + 1;
    }
    this.pendingId = grid.rowId(pendingY < 0 ? grid.cursorY : pendingY);
    this.settleMark = grid.mark();
    this.dirty = false;
  }

  /**
   * What the screen showed when the stream began: the rows above the cursor,
   * and the cursor's line up to the cursor (it carries on from there).
   */
  seed(line: string, rowsAbove: readonly string[] = []): void {
    this.above = rowsAbove.slice(-this.height);
    this.aboveRows = this.above.map(() => 1);
    this.countAbove();
    this.fastRow = Math.min(rowsAbove.length, this.height - 1);
    this.lines.seed(line);
  }

  /** The line being drawn, not yet finished. */
  pendingText(): string {
    if (!this.engaged) return this.lines.pendingText();
    const grid = this.grid!;
    if (grid.alternate) return '';
    const [first, last] = this.bounds(grid.cursorY);
    return grid.logText(first, last);
  }

  /** The pane was already in the alternate screen (logging started under a full-screen program), showing `rows`. */
  setAlternate(alternate: boolean, rows?: readonly string[]): void {
    const on = this.engaged && this.grid!.alternate;
    if (alternate !== on) this.screen(alternate);
    if (alternate && rows && rows.length > 0) this.grid!.seed(rows, 0, 0);
  }

  /** Whether a settle could say something now: the recorder keeps its timers only then. */
  get busy(): boolean {
    return this.engaged;
  }

  /**
   * The cleaner has read the stream up to `bytes`: the redraw credit grows
   * (see REDRAW_PER_BYTE) by the bytes as they are consumed, not by reads,
   * so the log is the same however the stream is cut (review M6).
   */
  consumed(bytes: number): void {
    if (bytes <= this.consumedBytes) return;
    this.credit = Math.min(REDRAW_CREDIT_MAX, this.credit + (bytes - this.consumedBytes) * REDRAW_PER_BYTE);
    this.consumedBytes = bytes;
  }

  /** tmux's read of the pane ended: a ZWJ waiting for a character is forgotten, by whichever model has it (see Transcript.readEnded). */
  readEnded(): void {
    this.lines.joinerWaiting = false;
    if (this.grid) this.grid.joinerWaiting = false;
  }

  /** A read of `bytes` came at `now` (epoch ms), if known: rows written long enough ago are known (see QUIET_MS). */
  input(_bytes: number, now?: number): void {
    this.reportClip();
    if (now === undefined || !this.engaged) return;
    const marks = this.chunkMarks;
    const times = this.chunkTimes;
    if (times.length === this.chunkHead || times[times.length - 1] !== now) {
      marks.push(this.grid!.mark());
      times.push(now);
    }
    // Rows written during a read at least QUIET_MS old are at or before the mark of the first read after it.
    let head = this.chunkHead;
    while (head < times.length - 1 && times[head]! <= now - QUIET_MS) head++;
    if (head > this.chunkHead) this.quietMark = marks[head]!;
    if (head > 1024) {
      marks.splice(0, head);
      times.splice(0, head);
      head = 0;
    }
    this.chunkHead = head;
  }

  /**
   * Rows `from`..`to` are about to be written over: one that has stood
   * QUIET_MS since it changed is settled first (a frame, in the alternate
   * screen), as the quiet timer would have; the line in progress is not
   * (its edits are the line's, logged when it is finished). Only the row's
   * own change counts: one logged since (the line settled when another of
   * its rows was written over) is no reason to log the whole line again, or
   * one cell changed per row of a line wrapped over the screen would log
   * the screenful once per row (review M4).
   */
  private beforeOverwrite(from: number, to: number): void {
    const grid = this.grid!;
    const quiet = this.quietMark;
    if (grid.alternate) {
      for (let y = from; y <= to; y++) {
        const written = grid.rowWritten(y);
        if (written <= quiet && written > this.frameMark) return this.frameNow(grid, false);
      }
      return;
    }
    for (let y = from; y <= to; y++) {
      const written = grid.rowWritten(y);
      if (written > quiet) continue;
      const at = this.loggedAt.get(grid.rowId(y));
      if (at !== undefined && written <= at) continue;
      const [first, last] = this.bounds(y);
      if (!this.isPending(first, last)) this.settleGroup(first, last, 'timer');
      y = last;
    }
  }

  // ------------------------------------------------------------ Perform

  print(text: string, plain?: boolean): void {
    if (!this.engaged) {
      this.lines.print(text, plain);
      return;
    }
    if (this.leavePending) this.flushLeave();
    const grid = this.grid!;
    if (this.claimed.size !== 0) this.takeClaimed();
    if (this.headOf !== undefined && grid.cursorY === 0 && grid.rowId(0) === this.headOf.id && !grid.continued(0)) this.flushHead();
    if (!this.dirty && (grid.rowId(grid.cursorY) !== this.pendingId || this.logged.has(this.pendingId))) this.dirty = true;
    if (this.quietMark !== 0) {
      const y = grid.cursorY;
      // Rows the text can reach: a wide character takes two cells.
      this.beforeOverwrite(y, Math.min(grid.rows - 1, y + Math.floor((grid.cursorX + 2 * text.length) / grid.columns)));
    }
    grid.print(text);
  }

  /** Bytes the screen does not show (see Perform.unshown): both models keep them in the log, and give them no cell. */
  unshown(text: string): void {
    if (!this.engaged) this.lines.unshown(text);
    // As the line model keeps it: with the cell before the cursor, in the log only (not in a full-screen program's frames).
    else if (!this.grid!.alternate) {
      if (this.leavePending) this.flushLeave();
      this.claimed.clear();
      this.grid!.attach(text);
    }
  }

  /** Insert mode, autowrap and the like: the line model applies them (the screen model origin mode only, as yet). */
  charset(acs: boolean): void {
    this.acs = acs;
    this.lines.charset(acs);
    this.grid?.charset(acs);
  }

  mode(mode: Mode, set: boolean): void {
    if (mode === Mode.ColumnMode) {
      // DECCOLM is home (the region's, in origin mode) and a clear of the screen (input.c:1679, :1769): as CUP 1;1 then ED 2.
      this.csi(Csi.CursorPosition, 1, 1);
      this.csi(Csi.EraseInDisplay, 2, 0);
      return;
    }
    this.lines.mode(mode, set);
    // No step of readline's redraw after a reflow (see reflow-claim.ts Claim).
    this.claimed.clear();
    if (mode === Mode.Insert || mode === Mode.Autowrap) {
      if (mode === Mode.Insert) this.insert = set;
      else this.autowrap = set;
      this.grid?.mode(mode, set);
    }
    if (mode !== Mode.Origin) return;
    // In a scroll region, home is the region's top, not the screen's: an erase from there clears no line above it.
    this.origin = set;
    // DECOM set or reset homes the cursor (input.c:1684, :1774): a move, which only the screen model can follow (on
    // the fast path the next text went on the end of the line in progress, where tmux wrote it over the top row).
    if (!this.engaged) this.engage();
    if (this.leavePending) this.flushLeave();
    this.plainRun = 0;
    this.dirty = true;
    this.grid!.setOrigin(set, true);
  }

  execute(control: number): void {
    if (!this.engaged) {
      this.lines.execute(control);
      return;
    }
    if (this.leavePending) this.flushLeave();
    // readline's redraw after a reflow starts each row with CR (see reflow-claim.ts Claim); any other control ends the claim.
    if (this.claimed.size !== 0 && control !== CR) this.claimed.clear();
    if (control === LF) this.lineFeed(() => this.grid!.execute(LF));
    else this.grid!.execute(control);
  }

  csi(final: Csi, first: number, second: number): void {
    if (!this.engaged) {
      if (final === Csi.EraseInDisplay && first === 2) {
        // ED 2 on the fast path: everything above the cursor was logged, and the screen is blank after it, the
        // cursor where it was (screen-write.c:1472): the line model keeps the line in progress aside (written
        // unless drawn again, lines.ts erase) and goes on from the cursor. No screen model needed: a flood of
        // clears (`clear` in a loop, a screenful then ED 2) stays at the fast path's speed.
        this.fastRow = Math.min(this.fastRow + this.lines.cursorRow, this.height - 1);
        // The rows go into tmux's history, none of them to be pulled back by a taller pane (grid-view.c:92).
        for (let i = 0; i < this.above.length; i++) this.keepGone(this.above[i]!, this.aboveRows[i]!);
        this.goneScrolled = 0;
        this.goneReset = true;
        this.goneCleared = this.goneKept.length;
        this.above.length = 0;
        this.aboveRows.length = 0;
        this.countAbove();
        (this.lines as Perform).csi(final, first, second);
        return;
      }
      if (ENGAGING_CSI[final] !== 1) {
        (this.lines as Perform).csi(final, first, second);
        return;
      }
      this.engage();
    }
    if (this.leavePending) this.flushLeave();
    const grid = this.grid!;
    // readline's redraw after a reflow erases each row it moves into with EL 0 (see reflow-claim.ts Claim), and moves
    // up by its terminal's cuu1: `ESC M` in tmux's own terminfo entries, CUU 1 where default-terminal is an xterm one.
    // Any other sequence ends the claim.
    const claimUp = this.claimed.size !== 0 && final === Csi.CursorUp && first <= 1;
    if (this.claimed.size !== 0 && !claimUp) {
      if (final === Csi.EraseInLine && first <= 0) this.claimed.erase(grid.rowId(grid.cursorY), grid.cursorX);
      else this.claimed.clear();
    }
    if (ENGAGING_CSI[final] === 1) {
      this.plainRun = 0;
      this.dirty = true;
    } else if (!this.dirty && grid.rowId(grid.cursorY) !== this.pendingId) this.dirty = true;
    // Erasing, deleting, inserting or repeating characters writes over the cursor's row.
    if (this.quietMark !== 0 && OVERWRITING_CSI[final] === 1) this.beforeOverwrite(grid.cursorY, grid.cursorY);
    if (final === Csi.EraseInDisplay) {
      this.clearing = true;
      // A parameter left out is reported below 0 (ansi.ts): ED with none is ED 0.
      this.clearingAll = first === 2 || (first <= 0 && grid.cursorX === 0 && grid.cursorY === 0);
      // ED 1 with the cursor on the line in progress erases what it showed up to the cursor: kept aside as a clear
      // of the screen keeps it (ED 0 from home does), written unless the line is drawn again, not dropped.
      const erased = this.clearingAll || (first === 1 && this.cursorOnPending()) ? this.pendingBeforeClear() : undefined;
      const continued = this.pendingContinued;
      try {
        grid.csi(final, first, second);
      } finally {
        this.clearing = false;
        this.clearingAll = false;
      }
      this.keepErased(erased, continued);
      this.afterClear();
      return;
    }
    grid.csi(final, first, second);
    if (claimUp) this.claimed.movedUp(grid.rowId(grid.cursorY));
    if (this.clampedMove) {
      this.clampedMove = false;
      this.settleCursorLine();
    }
  }

  esc(final: Esc): void {
    if (!this.engaged) {
      if (ENGAGING_ESC[final] !== 1) return this.lines.esc(final);
      this.engage();
    }
    if (this.leavePending) this.flushLeave();
    const grid = this.grid!;
    this.plainRun = 0;
    this.dirty = true;
    if (this.claimed.size !== 0 && final !== Esc.ReverseIndex) this.claimed.clear();
    if (final === Esc.Index || final === Esc.NextLine) return this.lineFeed(() => grid.esc(final));
    if (final === Esc.Reset) {
      this.origin = false;
      // RIS turns insert off and wrap on (screen-write.c:323) for both models; the screen model's own reset does it for itself.
      this.insert = false;
      this.autowrap = true;
      this.lines.mode(Mode.Insert, false);
      this.lines.mode(Mode.Autowrap, true);
      const erased = this.pendingBeforeClear();
      const continued = this.pendingContinued;
      this.clearing = this.clearingAll = true;
      try {
        grid.esc(final);
      } finally {
        this.clearing = this.clearingAll = false;
      }
      this.keepErased(erased, continued);
      this.afterClear();
      return;
    }
    grid.esc(final);
    // readline moves up the rows it counted with `ESC M` (see reflow-claim.ts Claim): only into the claimed rows.
    if (this.claimed.size !== 0 && final === Esc.ReverseIndex) this.claimed.movedUp(grid.rowId(grid.cursorY));
    // DECALN settled every row before it filled them (erasing): the line in progress is now the one at home.
    if (final === Esc.Alignment && !grid.alternate) this.pendingId = grid.rowId(grid.cursorY);
  }

  screen(alternate: boolean, mode = 1049): void {
    if (this.noAlternateScreen) return;
    if (!this.engaged) {
      if (!alternate) return; // the line model's screen is the normal one: nothing to leave
      this.engage();
    }
    this.plainRun = 0;
    this.dirty = true;
    const grid = this.grid!;
    const was = grid.alternate;
    grid.screen(alternate, mode);
    if (alternate && !was) {
      // The alternate screen starts blank; what it shows from here is new.
      this.frameMark = grid.mark();
      this.gone.length = 0;
    } else if (!alternate && was) {
      this.pendingId = grid.rowId(grid.cursorY);
      this.settleMark = grid.mark();
    }
  }

  osc(command: number, data: string, truncated: boolean): void {
    if (this.leavePending) this.flushLeave();
    this.closeRepeats();
    this.sink.osc?.(command, data, truncated);
  }

  // ------------------------------------------------------------ LineSink (the line model's lines)

  line(text: string, continued: boolean): void {
    // The rows the line took, as the line model had them: blank rows it wrapped into (erased) are in no text.
    const taken = this.lines.lineRows;
    // Text a clear took away (lines.ts writeErased): logged, but on no row of the screen.
    if (taken < 0) return this.erasedLine(text);
    if (this.erased !== undefined && !continued) this.beforeLine(text);
    this.closeRepeats();
    this.sink.line(text, continued); // the line model keeps to the limit itself
    const above = this.above;
    if (continued && above.length > 0) {
      // A piece of a line too long to keep whole: only its last screenful can still be on the screen, cut where a
      // row starts (line-tail.ts).
      const tail = this.tail;
      const before = above[above.length - 1]!;
      tail.begin(before, this.columns);
      const kept = tail.append(text, this.height);
      above[above.length - 1] = kept;
      this.aboveRows[above.length - 1] = 0;
      this.aboveUnits += kept.length - before.length;
    } else {
      above.push(text);
      this.aboveUnits += text.length;
      // A line of several rows: the rows themselves (a row can wrap short of the edge: a move right, then a wide character).
      const shape = this.lines.lineRowTexts ?? taken;
      this.aboveRows.push(text.includes('\t') ? this.shownRows(text, shape) : shape);
      if (above.length > this.height) {
        const gone = above.shift()!;
        this.aboveUnits -= gone.length;
        this.keepGone(gone, this.aboveRows.shift()!);
      }
    }
    if (this.aboveUnits > this.aboveTrimAt) this.trimAbove();
    // The cursor is now below the line, which took one row or more; rows pushed past the bottom scrolled off
    // (counted for what a taller pane pulls back: screen.c:373). At the bottom row already, with as many
    // counted as are kept (a flood's case), the cursor stays there whatever the line took: its rows are
    // not counted (a regex or a walk per line).
    const bottom = this.height - 1;
    if (continued) this.fastRow = Math.min(this.fastRow, bottom);
    else if (this.fastRow >= bottom && this.goneScrolled >= HISTORY_ROWS) this.fastRow = bottom;
    else {
      const below = this.fastRow + (taken || rowsOf(text, this.columns));
      if (below > bottom) this.goneScrolled = Math.min(this.goneScrolled + below - bottom, HISTORY_ROWS);
      this.fastRow = Math.min(below, bottom);
    }
  }

  /**
   * A cursor move stopped at the edge of the size known (the line model's,
   * or the screen model's before it moves): the pane is likely larger, and
   * tmux is asked (the recorder's). Until the answer, text drawn past the
   * edge lands in the model's last row or column, over what stands there,
   * while the real screen keeps both: the line the cursor leaves and the one
   * it lands on are logged as they show now (a redraw paid from the credit),
   * so that neither is lost to the next write.
   */
  clamped(): void {
    this.sink.clamped?.();
    if (!this.engaged || this.grid!.alternate) return;
    this.settleCursorLine();
    this.clampedMove = true;
  }

  /** The cursor's line, unless it is the line in progress (logged at its LF). */
  private settleCursorLine(): void {
    const [first, last] = this.bounds(this.grid!.cursorY);
    if (!this.isPending(first, last)) this.settleGroup(first, last, 'line');
  }

  // ------------------------------------------------------------ ScreenEvents (the screen model's)

  scrolled(y: number, history: boolean): void {
    const grid = this.grid!;
    if (!history) {
      this.goneFromAlternate(y, y);
      return;
    }
    const [, last] = this.bounds(y);
    if (this.isPending(y, last)) {
      // A logged row the cursor is on again (LF below a scroll region does not move it, screen-write.c:1334; LF into
      // a progress block's next row): text printed over it since is a redraw, logged before it goes, even by a clear.
      if (this.logged.has(grid.rowId(y))) {
        this.settleGroup(y, last, 'leaving');
        return this.forget(y, y);
      }
      if (this.clearing) {
        // A clear of the screen kept the line aside whole (pendingBeforeClear), and reports its rows before moving
        // any (grid.ts clearIntoHistory): the rows it wraps into are the line in progress too, not lines of their own.
        if (y < last && grid.rowId(y) === this.pendingId) this.pendingId = grid.rowId(y + 1);
        return this.forget(y, y);
      }
      if (!this.logged.has(grid.rowId(y))) {
        if (grid.wraps(y)) {
          // The rest is the row below only inside the region (a one-row pane, or SU of the whole region, brings in a blank row).
          const next = y < grid.scrollRegion[1] ? grid.rowId(y + 1) : 0;
          const done = this.loggedHead;
          const row = grid.rowText(y, false);
          if (done !== undefined && done.id === grid.rowId(y) && done.text.length > row.length && done.text.startsWith(row)) {
            // A row of the logged head (see loggedHead) leaves again: logged already, the rest of the head is below.
            this.loggedHead = next !== 0 ? { id: next, text: done.text.slice(row.length) } : undefined;
          } else {
            // A line in progress longer than the screen: its top row leaves as a piece, the rest follows it.
            this.lineOut(row, grid.rowId(y));
          }
          if (next !== 0) this.pieces.add(next);
          if (grid.rowId(y) === this.pendingId) this.pendingId = next;
        } else {
          // The line in progress scrolled off whole (SU, a scroll region's LF): it was shown, so it is logged as it stands.
          const text = grid.logText(y, y);
          if (text !== '') this.lineOut(text, grid.rowId(y));
        }
      }
      return this.forget(y, y);
    }
    this.settleGroup(y, last, 'leaving');
    this.forget(y, y);
  }

  erasing(top: number, bottom: number, kept = false): void {
    const grid = this.grid!;
    if (grid.alternate) {
      this.goneFromAlternate(top, bottom);
      return;
    }
    for (let y = top; y <= bottom; ) {
      const [first, last] = this.bounds(y);
      // Clearing the screen drops the line in progress (the shell draws it again,
      // Ctrl-L), and so does erasing from the cursor on it (a prompt redrawn);
      // erasing it from elsewhere (a move up, then ED), deleting it or pushing it
      // off does not: it was shown, it is logged as it stands, as the line model does.
      const cursorOnIt = grid.cursorY >= first && grid.cursorY <= last;
      const dropped = this.clearing && this.isPending(first, last) && (this.clearingAll || cursorOnIt) && !this.logged.has(grid.rowId(first));
      if (!dropped) this.settleGroup(first, last, 'leaving');
      y = last + 1;
    }
    this.forget(top, bottom, !kept);
  }

  switching(alternate: boolean): void {
    const grid = this.grid!;
    if (alternate) {
      // The cursor's line is left unsettled here (the line in progress, or held while the cursor is on it), yet the
      // settle mark passes it: looked at again by the next settle, whatever it is (an empty enter and leave would
      // otherwise take a line shown for seconds out of every later settle, review screen3 #2).
      const mark = this.settleMark;
      const [first, last] = this.bounds(grid.cursorY);
      this.settleRows(false);
      for (let y = first; y <= last; y++) if (grid.rowWritten(y) > mark) this.deferred.add(grid.rowId(y));
      // Text a clear took away just before: held in case the shell drew it again, which it does not under a
      // full-screen program; written now, before the block, where it was shown (review screen3 #4).
      if (this.erased !== undefined) this.writeErased();
      if (this.leavePending) this.leavePending = false; // flapping: the same block goes on
      else if (!this.inBlock) {
        this.inBlock = true;
        // A screen left blank shows nothing to log; anything drawn makes a frame.
        this.lastFrame = '';
        this.closeRepeats();
        this.sink.screen(true);
      }
      return;
    }
    // Leaving: the rows are still there; the block's final frame is always written.
    this.frameNow(grid, true);
    this.leavePending = true;
  }

  // ------------------------------------------------------------ settling (the recorder's timers)

  /**
   * The pane has been quiet (or busy for a while): rows that changed are
   * logged now, the alternate screen gets a frame if it changed, a finished
   * block is closed; after quiet, the fast path takes over again when it can.
   */
  settle(reason: SettleReason): void {
    // A run of clears is counted up to here: the count reaches the log while the pane is quiet, not at the next line.
    if (reason === 'quiet' && this.repeats > 0) this.closeRepeats(true);
    if (!this.engaged) return;
    const grid = this.grid!;
    if (reason === 'quiet') this.flushLeave();
    if (grid.alternate) {
      this.frameNow(grid, false);
      return;
    }
    this.settleRows(true);
    if (reason === 'quiet') this.disengage(false);
  }

  /**
   * tmux says the pane left the alternate screen without a sequence in the
   * stream (`respawn-pane -k` resets the screen): the block ends with the
   * model's final frame (what was printed meanwhile is in it), and the normal
   * screen starts blank, as tmux's does.
   */
  resync(): void {
    if (!this.engaged || !this.grid!.alternate) return;
    this.screen(false);
    this.esc(Esc.Reset);
  }

  /** End of the stream: what has changed is logged, and what is left of the line in progress; then text a clear took away, if not drawn again. */
  finish(): void {
    this.finishModels();
    if (this.erased !== undefined) this.writeErased();
    this.closeRepeats();
  }

  private finishModels(): void {
    if (!this.engaged) {
      this.lines.finish();
      return;
    }
    const grid = this.grid!;
    this.flushLeave();
    if (grid.alternate) {
      this.frameNow(grid, false);
      // The normal screen's line in progress when the program started (`SECRET ESC[?1049h`): logged when the program
      // leaves; the recording ends first, so now, or it would be lost (review screen3 #4). With the head a reflow put
      // into history, if it is the line that head began.
      const line = grid.normalLine(this.pendingId);
      const head = this.headOf;
      this.headOf = undefined;
      if (head !== undefined && line !== undefined && line.first === head.id && !this.logged.has(line.first)) this.emit(head.text + line.text, head.continued);
      else {
        if (head !== undefined) this.emit(head.text, head.continued);
        if (line !== undefined && line.text !== '' && !this.logged.has(line.first)) this.lineOut(line.text, line.first);
      }
      return;
    }
    this.settleRows(true);
    const [first, last] = this.bounds(grid.cursorY);
    const text = this.lineText(first, last);
    if (text !== '' && !this.logged.has(grid.rowId(first))) this.lineOut(text, grid.rowId(first));
    if (this.headOf !== undefined) this.flushHead();
  }

  /** The line in progress, rows `first`..`last`, up to the last cell printed and not erased (a prompt's trailing blank is kept, as the line model keeps it). */
  private lineText(first: number, last: number): string {
    return this.grid!.logText(first, last);
  }

  /** Whether the pane is in a full-screen program's block (the recorder closes it at the end). */
  get inAlternate(): boolean {
    return this.inBlock;
  }

  // ------------------------------------------------------------ engaging and handing back

  /**
   * The rows a logged line with TABs took, its TABs as the blanks they were
   * when it was shown: to the tab stops as they are now, not as they are when
   * the screen model is seeded (TBC or HTS in between would move its text, review screen3 #3).
   */
  private shownRows(text: string, shape: number | string[]): string[] {
    const columns = this.columns;
    const tabs = this.lines.tabs;
    if (typeof shape !== 'number') return shape.map((row) => expandTabs(row, columns, tabs));
    const parts = cut(expandTabs(text, columns, tabs), columns);
    // Rows the line wrapped into that hold only blanks (erased after it wrapped) are in no text: they were on the screen.
    for (let k = parts.length; k < shape && k < this.height; k++) parts.push('');
    return parts;
  }

  /** `aboveUnits` counted again after `above` was made anew. */
  private countAbove(): void {
    let units = 0;
    for (let i = 0; i < this.above.length; i++) units += this.above[i]!.length;
    this.aboveUnits = units;
    this.aboveTrimAt = units + this.aboveBudget();
  }

  /** Code units `above` may grow by before trimAbove looks at it: a few screenfuls of plain text (a flood of short lines never gets there). */
  private aboveBudget(): number {
    return Math.max(1 << 16, Math.min(4 * this.columns * this.height, 1 << 22));
  }

  /**
   * `above` keeps `height` lines, each of up to a screenful (a long line's
   * last rows): long lines made that a screenful each (1000x500: 520 lines of
   * 500 000 characters held 269 MB). Lines older than the rows of newer ones
   * fill the screen are off it: they go where lines leaving the screen's top
   * go (keepGone), in the same order, so the screen model is seeded the same.
   * Looked at once `above` grew by aboveBudget since: the walk over its rows is
   * paid for by that much text.
   */
  private trimAbove(): void {
    const above = this.above;
    let rows = 0;
    let i = above.length - 1;
    for (; i > 0 && rows < this.height; i--) {
      const shape = this.aboveRows[i]!;
      rows += typeof shape === 'number' ? (shape > 0 ? shape : rowsOf(above[i]!, this.columns)) : shape.length;
    }
    // Lines 0..i are off the screen if the ones after them fill it.
    if (rows >= this.height) {
      const gone = above.splice(0, i + 1);
      const shapes = this.aboveRows.splice(0, i + 1);
      for (let k = 0; k < gone.length; k++) {
        this.aboveUnits -= gone[k]!.length;
        this.keepGone(gone[k]!, shapes[k]!);
      }
    }
    this.aboveTrimAt = this.aboveUnits + this.aboveBudget();
  }

  /**
   * A line left the screen's top on the fast path (see `goneKept`): the
   * screen model keeps HISTORY_ROWS rows of history, no more is kept here
   * (a flood of long lines must not hold megabytes), nor more characters
   * than that many rows of plain text hold (see goneWeight).
   */
  private keepGone(text: string, rows: number | string[]): void {
    // Cut where a row starts (line-tail.ts); by units first, to walk only lines that may be longer than that.
    if (text.length > HISTORY_ROWS * this.columns) {
      if (typeof rows === 'number') text = lastRows(text, this.columns, HISTORY_ROWS, this.lines.tabs);
      else if (rows.length > HISTORY_ROWS) {
        rows = rows.slice(-HISTORY_ROWS);
        text = ''; // the rows are what the screen model takes (engage)
      }
    }
    const gone = this.goneKept;
    gone.push(text, rows, goneWeight(text, rows, this.columns));
    // Trimmed now and then, not per line.
    if (gone.weight > 2 * HISTORY_ROWS || gone.length > 2 * HISTORY_ROWS) {
      let keep = gone.length;
      let count = 0;
      while (keep > 0 && count < HISTORY_ROWS) count += gone.lineWeight(--keep);
      this.goneCleared = Math.max(0, this.goneCleared - keep);
      gone.dropOldest(keep);
    }
  }

  /** The screen model takes the stream, seeded with what the line model knows. */
  private engage(): void {
    const columns = this.columns;
    const height = this.height;
    let grid = this.grid;
    if (!grid || grid.columns !== columns || grid.rows !== height) {
      grid = this.grid = new ScreenGrid(columns, height, this);
      // One set of tab stops and one insert mode, as tmux's one screen has, whichever model takes the stream.
      grid.useTabStops(this.lines.tabs);
      grid.mode(Mode.Insert, this.insert);
      grid.mode(Mode.Autowrap, this.autowrap);
      grid.charset(this.acs);
    }
    // The line in progress row by row, the cursor where the line model has it
    // (on an upper row of a wrapped line after RI or CUU, or at its start after CR).
    const line = this.lines.pendingRows();
    const joiner = this.lines.joinerWaiting;
    // Text a clear on the fast path took away (ED 2, lines.ts erase): this model writes it unless it is drawn again.
    this.keepErased(this.lines.takeErased());
    const start = Math.max(0, Math.min(line.cy, line.rows.length - height));
    // Rows of the line in progress past the screen's top went into tmux's history: shown, and never on the screen
    // again for this model to log. Logged now as a piece, the rest of the line its continuation, as this model logs a
    // line in progress its top row leaves (scrolled). Put into history unlogged, a line longer than the screen and
    // then DECSC or a move lost its head from the log: `SECRET` and 2000 x, ESC 7, logged 1846 x.
    const head = start > 0 ? this.lines.rowsText(start) : '';
    const headContinued = this.lines.pieceWritten;
    this.lines.seed('');
    const pendingRows = line.rows.slice(start, start + height);
    const lastY = Math.max(Math.min(this.fastRow + pendingRows.length - 1, height - 1), pendingRows.length - 1);
    const firstY = lastY - (pendingRows.length - 1);
    const cursorY = firstY + (line.cy - start);
    const wanted = firstY;
    // The rows above, from the newest line up; those past the screen's top are in tmux's history, from the newest
    // row up too: rows of the line in progress that scrolled off, the lines above, the lines gone before them.
    const rows: (string | SeedRow)[] = [];
    const continued: boolean[] = [];
    const history: (string | SeedRow)[] = [];
    const historyContinued: boolean[] = [];
    for (let k = start - 1; k >= 0 && history.length < HISTORY_ROWS; k--) {
      history.push(line.rows[k]!);
      historyContinued.push(k > 0 && line.wraps[k - 1]!);
    }
    const take = (text: string, shape: number | string[]): boolean => {
      const parts = typeof shape === 'number' ? cut(expandTabs(text, columns, this.lines.tabs), columns) : shape.map((row) => expandTabs(row, columns, this.lines.tabs));
      // Rows the line wrapped into that hold only blanks (erased after it wrapped) are in no text: they were on the screen.
      if (typeof shape === 'number') for (let k = parts.length; k < shape && k < height; k++) parts.push('');
      for (let k = parts.length - 1; k >= 0; k--) {
        if (rows.length < wanted) {
          rows.push(parts[k]!);
          continued.push(k > 0);
        } else if (history.length < HISTORY_ROWS) {
          history.push(parts[k]!);
          historyContinued.push(k > 0);
        } else return false;
      }
      return true;
    };
    // Rows the line in progress pushed past the bottom scrolled off too.
    const scrolled = Math.min(this.goneScrolled + Math.max(0, this.fastRow + line.rows.length - height), HISTORY_ROWS);
    let more = true;
    for (let i = this.above.length - 1; i >= 0 && more; i--) more = take(this.above[i]!, this.aboveRows[i] ?? 0);
    // No line tells of the rows above: blank (a clear of the screen leaves the cursor where it was).
    while (rows.length < wanted) {
      rows.push('');
      continued.push(false);
    }
    const cleared = this.goneReset ? this.goneCleared : 0;
    const gone = this.goneKept;
    let i = gone.length - 1;
    for (; i >= cleared && more; i--) more = take(gone.text(i), gone.rows(i));
    // Rows that scrolled off since a clear and no line tells of were the blank ones it left; the lines it cleared
    // into history are older than those.
    if (this.goneReset) {
      for (let k = history.length; k < scrolled; k++) {
        history.push('');
        historyContinued.push(false);
      }
    }
    for (; i >= 0 && more; i--) more = take(gone.text(i), gone.rows(i));
    rows.reverse();
    continued.reverse();
    // Row 0 continues the newest row of history if a line's rows were cut there (take's k > 0): that row went into
    // history just before, and tmux joins them (a wrapped line across the screen's top, written over, is logged whole).
    // With nothing put into history, no row above is known to be its start.
    if (continued.length > 0 && history.length === 0) continued[0] = false;
    // Scrolled rows no line tells of: blank rows come back, not older text.
    for (let k = history.length; k < scrolled; k++) {
      history.push('');
      historyContinued.push(false);
    }
    history.reverse();
    historyContinued.reverse();
    grid.appendHistory(history, historyContinued, scrolled, this.goneReset);
    gone.clear();
    this.goneScrolled = this.goneCleared = 0;
    this.goneReset = false;
    for (let k = 0; k < pendingRows.length; k++) {
      rows.push(pendingRows[k]!);
      continued.push(k > 0 ? line.wraps[start + k - 1]! : start > 0 && line.wraps[start - 1]!);
    }
    const x = Math.min(line.cx, columns);
    grid.seed(rows, x, cursorY, continued);
    // A ZWJ waiting goes with the stream: tmux's flag lasts till its read ends, whatever the output does meanwhile.
    grid.joinerWaiting = joiner;
    grid.setOrigin(this.origin, false);
    this.engaged = true;
    this.pieces.clear();
    this.loggedHead = undefined;
    if (head !== '') this.emit(head, headContinued);
    if (head !== '' || headContinued) this.pieces.add(grid.rowId(firstY));
    this.cuts.clear();
    this.claimed.clear();
    this.headOf = undefined;
    // Reads' marks from an earlier engagement may be another model's.
    this.chunkMarks.length = this.chunkTimes.length = this.chunkHead = this.quietMark = 0;
    // Every row above the line in progress was logged (or was on the screen before the recording began).
    this.baseline(firstY);
    // Rows of the line model's line in progress that are a line of their own on the screen (EL cleared the wrapped
    // flag into the cursor's row, as tmux does): not logged, not the line in progress any more.
    this.scanUnlogged = this.bounds(cursorY)[0] > firstY;
    this.plainRun = 0;
  }

  /** Rows on the screen now count as logged, but for the line in progress (from row `pendingFirst`: the cursor's line unless told). */
  private baseline(pendingFirst = this.bounds(this.grid!.cursorY)[0]): void {
    const grid = this.grid!;
    this.logged.clear();
    this.loggedAt.clear();
    for (let y = 0; y < pendingFirst; ) {
      const [, last] = this.bounds(y);
      this.markLogged(y, last, grid.logText(y, last));
      y = last + 1;
    }
    this.pendingId = grid.rowId(grid.cursorY);
    this.settleMark = grid.mark();
    this.dirty = false;
  }

  /**
   * Hands the stream back to the line model, with the rows above the cursor
   * and the line in progress, when nothing else on the screen can change
   * unseen: the normal screen, no scroll region, nothing below the cursor.
   */
  private disengage(atLineStart: boolean): boolean {
    const grid = this.grid!;
    // Rows claimed for the line editor's redraw after a reflow, and the head it put into history, are known to this
    // model only: it keeps the stream till the line ends (the redraw comes when the editor gets its SIGWINCH).
    if (grid.alternate || this.leavePending || this.deferred.size > 0 || this.claimed.size > 0 || this.headOf !== undefined) return false;
    this.settleHeld('line');
    if (this.held.size > 0) return false;
    const [upper, lower] = grid.scrollRegion;
    if (upper !== 0 || lower !== grid.rows - 1) return false;
    const [first, last] = this.bounds(grid.cursorY);
    if (last !== grid.cursorY) return false;
    for (let y = last + 1; y < grid.rows; y++) if (grid.rowText(y) !== '') return false;
    const pending = this.lineText(first, last);
    if (atLineStart ? pending !== '' || grid.cursorX !== 0 : grid.cursorX !== textWidth(grid.rowText(last, false))) return false;
    if (this.pieces.has(grid.rowId(first)) || this.logged.has(grid.rowId(first)) || this.loggedHead?.id === grid.rowId(first)) return false;
    // Rows written since the last settle are logged first, as a settle would: the marks that say what changed are
    // dropped below. Not only when `dirty`: text that wraps on from the row the cursor stood at the edge of (top's
    // last row, settled while quiet, then `echo` after it) lands in a row print() does not see it reach.
    this.settleRows(false);
    if (this.held.size > 0 || this.deferred.size > 0) return false;
    // The line model takes the line as text and wraps it again: only if that gives the rows the screen shows. A row
    // that wrapped before its last column (a move right past the edge, then text) would come back as one row with
    // the next, and an erase of one of them would take both.
    if (last > first) {
      const rows = cut(pending, grid.columns);
      if (rows.length !== last - first + 1) return false;
      for (let y = first; y < last; y++) if (rows[y - first] !== grid.rowText(y, false)) return false;
    }
    const above: string[] = [];
    const aboveRows: (number | string[])[] = [];
    for (let y = 0; y < first; ) {
      const [, end] = this.bounds(y);
      above.push(grid.logText(y, end));
      if (end === y) aboveRows.push(1);
      else {
        const rows: string[] = [];
        for (let k = y; k <= end; k++) rows.push(grid.rowText(k, k < end ? false : true));
        aboveRows.push(rows);
      }
      y = end + 1;
    }
    this.above = above.slice(-this.height);
    this.aboveRows = aboveRows.slice(-this.height);
    this.countAbove();
    this.fastRow = first;
    this.engaged = false;
    this.logged.clear();
    this.loggedAt.clear();
    this.pieces.clear();
    this.loggedHead = undefined;
    this.cuts.clear();
    this.claimed.clear();
    // Blanks the cursor stands after (the line erased up to it, ED 1) are where the next text goes.
    this.lines.seed(pending === '' && first === last ? ' '.repeat(grid.cursorX) : pending);
    this.lines.joinerWaiting = grid.joinerWaiting;
    return true;
  }

  // ------------------------------------------------------------ the normal screen

  /** LF (IND, NEL): the cursor's line is finished, unless it wraps on below (readline moving down in a long command). */
  private lineFeed(feed: () => void): void {
    const grid = this.grid!;
    if (grid.alternate) {
      feed();
      return;
    }
    // The line editor's redraw after a reflow is over once a line ends.
    this.claimed.clear();
    const y = grid.cursorY;
    // Down into rows the line wrapped into that hold nothing but blanks: readline, its line exactly as
    // wide as the pane, prints a space to wrap and goes back up (` \r ESC M`); tmux keeps the row marked
    // wrapped (grid.c), so capture-pane -J joins whatever is printed there next (the command's output)
    // to the command line. Nothing is shown in those rows: the line ends here, as the line model ends it.
    // The last row can wrap onto itself (below a scroll region: screen-write.c:1334 marks it and stays): no row below to cut.
    if (y + 1 < grid.rows && grid.wraps(y) && this.blankBelow(y)) this.cuts.add(grid.rowId(y + 1));
    if (this.bounds(y)[1] === y) {
      const [first, last] = this.bounds(y);
      // The line in progress was left (a move up, a cursor position) and this
      // LF ends another: it is written out as it stands, first, as the line
      // model writes it; it was on the screen before this one was finished.
      this.settleLeftLine(first, last);
      const was = this.logged.get(grid.rowId(first)) ?? this.logged.get(grid.rowId(last));
      // A row logged blank (above the cursor when the model engaged) that now holds text is a new line.
      if (was === undefined || (was === '' && !this.unchanged(first, last))) {
        // Rows that changed elsewhere first: they were on the screen before this line was finished.
        if (this.dirty) this.settleRows(false);
        const text = grid.logText(first, last);
        this.lineOut(text, grid.rowId(first));
        this.markLogged(first, last, text);
      }
      this.plainRun++;
    } else {
      // LF inside a wrapped line (readline moving down its command): the line in progress, if the cursor left it
      // for this one, stops being it here; it was shown, so it is logged as it stands first.
      const [first, last] = this.bounds(y);
      this.settleLeftLine(first, last);
    }
    feed();
    this.pendingId = grid.rowId(grid.cursorY);
    if (this.plainRun >= grid.rows) {
      if (this.dirty) this.settleRows(false);
      if (!this.dirty) this.disengage(true);
    }
  }

  /** The line in progress, if the cursor left it for rows `first`..`last`: logged as it shows now, unless it was. */
  private settleLeftLine(first: number, last: number, why: Why = 'line'): void {
    const grid = this.grid!;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      if (y >= first && y <= last) return;
      const [pendingFirst, pendingLast] = this.bounds(y);
      this.settleGroup(pendingFirst, pendingLast, why);
      return;
    }
  }

  /** The cursor is on the line in progress. */
  private cursorOnPending(): boolean {
    const [first, last] = this.bounds(this.grid!.cursorY);
    return this.isPending(first, last);
  }

  /**
   * The line in progress, unless logged or blank, before a clear of the whole screen takes it; `pendingContinued`
   * set if its rows above left the screen as pieces (scrolled: its first row here is a piece's).
   */
  private pendingBeforeClear(): string | undefined {
    const grid = this.grid!;
    this.pendingContinued = false;
    if (grid.alternate) return undefined;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowId(y) !== this.pendingId) continue;
      const [first, last] = this.bounds(y);
      if (this.logged.has(grid.rowId(first))) return undefined;
      const text = this.lineText(first, last);
      if (/^ *$/.test(text)) return undefined;
      this.pendingContinued = this.pieces.has(grid.rowId(first));
      return text;
    }
    return undefined;
  }

  /** What the last pendingBeforeClear found: the line's rows above were logged as pieces. */
  private pendingContinued = false;

  /**
   * A clear took the line in progress (`continued`: the rest of a line logged in pieces): kept aside (see `erased`);
   * a second clear before any line keeps the first one's unless this is it drawn again.
   */
  private keepErased(text: string | undefined, continued = false): void {
    if (text === undefined) return;
    if (this.erased !== undefined && !text.startsWith(trimBlanks(this.erased))) this.writeErased();
    this.erased = text;
    this.erasedContinued = continued;
  }

  /** A line is written: the erased text before it, unless the line is it drawn again. */
  private beforeLine(text: string): void {
    if (!text.startsWith(trimBlanks(this.erased!))) this.writeErased();
    this.erased = undefined;
  }

  private writeErased(): void {
    const erased = this.erased!;
    this.erased = undefined;
    this.erasedLine(erased, this.erasedContinued);
  }

  /**
   * Text a clear took away before its line was finished, logged (either
   * model's). A pane clearing the screen again and again with the same text
   * on it (`X ESC[2J` in a loop, a watch-like redraw that clears first) would
   * log one line per clear: a few bytes in, a whole record out each time
   * (8x the input, and the reader's slowest path). What was shown is the
   * same text each time, at most at another column (the cursor stays where
   * ED 2 left it, so the blanks before it grow): the first one is logged as
   * it stood, then, once something else comes (or the pane is quiet, or the
   * stream ends), how many more times it was shown and cleared, as a
   * `repeated` event after it. An auditor reads the text and the count; no
   * other text can hide in it, since any other line ends the run first.
   */
  private erasedLine(text: string, continued = false): void {
    const shown = trimSpaces(text);
    if (shown !== '' && shown === this.repeatOf && !continued) {
      this.repeats++;
      return;
    }
    this.closeRepeats();
    this.emit(text, continued);
    this.repeatOf = continued ? undefined : shown;
  }

  /** A run of repeated clears ends (`goesOn`: is counted so far): its count is logged after the line it repeats. */
  private closeRepeats(goesOn = false): void {
    if (!goesOn) this.repeatOf = undefined;
    if (this.repeats === 0) return;
    const times = this.repeats;
    this.repeats = 0;
    this.sink.repeated?.(times);
  }

  /** After ED or RIS: the line in progress was cleared with the screen; the shell draws it again where the cursor is. */
  private afterClear(): void {
    const grid = this.grid!;
    if (grid.alternate) return;
    // An erase that left the line in progress standing (ED 1 above it) does not end it.
    for (let y = 0; y < grid.rows; y++) if (grid.rowId(y) === this.pendingId && grid.rowText(y) !== '') return;
    this.pendingId = grid.rowId(grid.cursorY);
  }

  /**
   * Logs rows written since the last settle that are not the line in
   * progress: a row never logged as a line, one logged as `redrawn` if its
   * text changed. `all`: also a changed logged row under the cursor.
   * Rows whose redraw waited for want of credit are looked at again too.
   */
  private settleRows(all: boolean, why: Why = all ? 'timer' : 'line'): void {
    const grid = this.grid!;
    const mark = this.settleMark;
    const cursorY = grid.cursorY;
    const deferred = this.deferred;
    // The line in progress left by a move, and not written since: it is logged as it stands too.
    const [cursorFirst, cursorLast] = this.bounds(cursorY);
    this.settleLeftLine(cursorFirst, cursorLast, why);
    this.settleHeld(why);
    // Rows split off a line (its wrapped flag cleared, rows moved apart) are lines of their own, though not written
    // since: a part of the line in progress, never logged, would otherwise be lost. Rows never logged are looked at
    // then too (a logged one split off says nothing new: its text is in the line logged).
    const reshaped = this.scanUnlogged || grid.reshapedSince(mark);
    this.scanUnlogged = false;
    const logged = this.logged;
    for (let y = 0; y < grid.rows; y++) {
      if (grid.rowWritten(y) <= mark && (deferred.size === 0 || !deferred.has(grid.rowId(y))) && (!reshaped || logged.has(grid.rowId(y)))) continue;
      const [first, last] = this.bounds(y);
      if (cursorY >= first && cursorY <= last) {
        if (all && this.logged.has(grid.rowId(first))) this.settleGroup(first, last, why);
        // Left for now, but past the mark: held, settled once the cursor has left it.
        else if (!this.isPending(first, last)) for (let yy = first; yy <= last; yy++) this.held.add(grid.rowId(yy));
      } else this.settleGroup(first, last, why);
      y = last;
    }
    if (why === 'timer') {
      deferred.clear();
      this.reportSkipped();
    }
    this.settleMark = grid.mark();
    this.dirty = false;
  }

  /**
   * The row the cursor was on at a settle, not settled then for that (text
   * drawn by addressing, the cursor still after it): settled once the cursor
   * has left it, though no byte has touched it since.
   */
  private settleHeld(why: Why): void {
    const held = this.held;
    if (held.size === 0) return;
    const grid = this.grid!;
    const ids: number[] = [];
    for (let y = 0; y < grid.rows; y++) if (held.has(grid.rowId(y))) ids.push(grid.rowId(y));
    held.clear();
    // Its rows may be lines of their own by now (a line inserted between them): each is looked at.
    for (const id of ids) {
      for (let y = 0; y < grid.rows; y++) {
        if (grid.rowId(y) !== id) continue;
        const [first, last] = this.bounds(y);
        if (grid.cursorY >= first && grid.cursorY <= last) held.add(id);
        else this.settleGroup(first, last, why);
        break;
      }
    }
  }

  /** Redraws skipped for want of credit since the last report: said in the log, where the gap is. */
  private reportSkipped(): void {
    if (this.skippedRedraws === 0) return;
    const redraws = this.skippedRedraws;
    const chars = this.skippedChars;
    this.skippedRedraws = this.skippedChars = 0;
    this.closeRepeats();
    this.sink.skipped?.(redraws, chars);
  }

  /**
   * Rows `first`..`last` (one line) as they show now: a line if never logged,
   * `redrawn` if logged with other text, within the redraw budget (see
   * REDRAW_PER_BYTE; `why` says what may wait for it).
   */
  private settleGroup(first: number, last: number, why: Why = 'line'): void {
    const grid = this.grid!;
    // A blank row never logged with text says nothing, whatever else holds (the commonest case in floods of SU/SD/IL/DL).
    if (first === last && grid.blank(first) && !this.logged.get(grid.rowId(first))) return;
    if (this.unchanged(first, last)) return;
    const text = grid.logText(first, last);
    let logged: string | undefined;
    let known = true;
    for (let y = first; y <= last; y++) {
      const was = this.logged.get(grid.rowId(y));
      if (was === undefined) known = false;
      else logged ??= was;
    }
    // A row logged blank that now holds text is new text, not a redraw (a progress line written into the blank line below a command).
    if (logged === undefined || (logged === '' && known)) {
      if (text === '') return;
      // Rows only DECALN filled: three bytes show a screenful, again and again; charged as redraws are.
      if (this.allAligned(first, last) && !this.pay(text, first, last, why)) return;
      this.lineOut(text, grid.rowId(first));
    } else if (text !== logged || !known) {
      if (text === logged) {
        this.markLogged(first, last, text);
        return;
      }
      // An erased row says nothing new: what it showed was logged.
      if (text !== '') {
        // Out of credit, a redraw before a line waits for the timer (not marked logged: the timer logs its state
        // then, or its leaving does). A row leaving the screen is logged whatever the credit: the budget limits
        // repeated redraws, not the last state of a row, which no later settle can show (review M3). A line leaves
        // once, and its text came in as bytes: that bounds what this costs.
        if (why === 'line' && text.length > this.credit) {
          for (let y = first; y <= last; y++) this.deferred.add(grid.rowId(y));
          return;
        } else {
          // A line whose first rows are in history is logged whole, as tmux joins it (its rows on the screen alone
          // are no line the pane showed), while the credit pays for the head: a few bytes can change the screen's
          // top row of a line HISTORY_ROWS rows long again and again, and a row leaving is logged whatever the credit.
          const head = first === 0 ? grid.historyHead() : '';
          const whole = head !== '' && head.length + text.length <= this.credit;
          this.credit = Math.max(0, this.credit - (whole ? head.length : 0) - text.length);
          this.emit(whole ? head + text : text, false, true);
        }
      }
    } else return;
    this.markLogged(first, last, text);
  }

  /** Rows `first`..`last` show only DECALN's fill. */
  private allAligned(first: number, last: number): boolean {
    const grid = this.grid!;
    for (let y = first; y <= last; y++) if (!grid.aligned(y)) return false;
    return true;
  }

  /**
   * `text` paid for from the redraw credit (see REDRAW_PER_BYTE); if there is
   * not enough, before a line it waits for the timer (false, not marked),
   * leaving the screen it is counted as skipped (false, marked logged).
   */
  private pay(text: string, first: number, last: number, why: Why): boolean {
    if (why === 'timer' || text.length <= this.credit) {
      this.credit = Math.max(0, this.credit - text.length);
      return true;
    }
    if (why === 'line') {
      for (let y = first; y <= last; y++) this.deferred.add(this.grid!.rowId(y));
      return false;
    }
    this.skippedRedraws++;
    this.skippedChars += text.length;
    this.markLogged(first, last, text);
    return false;
  }

  private markLogged(first: number, last: number, text: string): void {
    const grid = this.grid!;
    const at = grid.mark();
    for (let y = first; y <= last; y++) {
      const id = grid.rowId(y);
      this.logged.set(id, text);
      this.loggedAt.set(id, at);
    }
  }

  /**
   * A line (or a redrawn row) of the screen model, in pieces of at most the
   * line limit, as the line model cuts its own: a pane 1000 columns wide and
   * 500 rows high holds lines far longer than a record may be.
   */
  private emit(text: string, continued: boolean, redrawn = false): void {
    if (this.erased !== undefined && !continued && !redrawn) this.beforeLine(text);
    if (this.repeatOf !== undefined) this.closeRepeats();
    if (this.skippedRedraws > 0) this.reportSkipped();
    const max = MAX_LINE_CHARS;
    let from = 0;
    while (text.length - from > max) {
      let to = from + max;
      const unit = text.charCodeAt(to - 1);
      if (unit >= 0xd800 && unit <= 0xdbff) to--; // a surrogate pair stays whole
      const piece = text.slice(from, to);
      if (from === 0 && redrawn) this.sink.redrawn(piece);
      else this.sink.line(piece, continued || from > 0);
      from = to;
    }
    const rest = from === 0 ? text : text.slice(from);
    if (from === 0 && redrawn) this.sink.redrawn(rest);
    else this.sink.line(rest, continued || from > 0);
  }

  /** Rows `first`..`last` were all logged and none written since. */
  private unchanged(first: number, last: number): boolean {
    const grid = this.grid!;
    for (let y = first; y <= last; y++) {
      const at = this.loggedAt.get(grid.rowId(y));
      if (at === undefined || grid.rowWritten(y) > at) return false;
    }
    return true;
  }

  /** The line row `y` holds, first and last rows: the screen model's, cut where the log keeps lines apart (`cuts`). */
  private bounds(y: number): [number, number] {
    const grid = this.grid!;
    const [first, last] = grid.lineBounds(y);
    if (this.cuts.size === 0) return [first, last];
    let from = y;
    while (from > first && !this.cuts.has(grid.rowId(from))) from--;
    let to = y;
    while (to < last && !this.cuts.has(grid.rowId(to + 1))) to++;
    return [from, to];
  }

  /** Rows of row `y`'s line below it hold only blanks. */
  private blankBelow(y: number): boolean {
    const grid = this.grid!;
    const last = this.bounds(y)[1];
    for (let below = y + 1; below <= last; below++) if (grid.rowText(below) !== '') return false;
    return true;
  }

  /**
   * Rows `top`..`bottom` leave (`gone`: scrolled off; else erased, which may
   * keep a row and its id: DECALN, ED 0 from the middle of a row): their ids
   * are forgotten. An id is never given twice, so what is kept by id for a
   * row that left is never looked up again: only the sets whose size is
   * asked (cuts, deferred) are kept exact for those; the rest is pruned when
   * it has grown (a flood of SU of the whole screen makes a screenful of rows
   * leave per line: five deletes each were a tenth of the reader's time).
   */
  private forget(top: number, bottom: number, gone = true): void {
    const grid = this.grid!;
    if (this.headOf !== undefined) for (let y = top; y <= bottom; y++) if (grid.rowId(y) === this.headOf?.id) this.flushHead();
    if (!gone || this.cuts.size > 0 || this.deferred.size > 0) {
      for (let y = top; y <= bottom; y++) {
        const id = grid.rowId(y);
        this.cuts.delete(id);
        this.deferred.delete(id);
        if (gone) continue;
        this.logged.delete(id);
        this.loggedAt.delete(id);
        this.pieces.delete(id);
      }
    }
    if (this.logged.size + this.pieces.size > 4 * grid.rows + 256) this.pruneGone();
  }

  /** Entries of rows no longer on the screen dropped (see forget). */
  private pruneGone(): void {
    const grid = this.grid!;
    const onScreen = new Set<number>();
    for (let y = 0; y < grid.rows; y++) onScreen.add(grid.rowId(y));
    for (const id of this.logged.keys()) if (!onScreen.has(id)) this.logged.delete(id);
    for (const id of this.loggedAt.keys()) if (!onScreen.has(id)) this.loggedAt.delete(id);
    for (const id of this.pieces) if (!onScreen.has(id)) this.pieces.delete(id);
  }

  /** Rows `first`..`last` hold the line in progress (the row the last line feed led to, where the cursor is). */
  private isPending(first: number, last: number): boolean {
    const grid = this.grid!;
    for (let y = first; y <= last; y++) if (grid.rowId(y) === this.pendingId) return true;
    return false;
  }

  // ------------------------------------------------------------ the alternate screen

  /** Rows `top`..`bottom` of the alternate screen leave it: those written since the last frame are kept for the log. */
  private goneFromAlternate(top: number, bottom: number): void {
    const grid = this.grid!;
    for (let y = top; y <= bottom; y++) {
      if (grid.rowWritten(y) <= this.frameMark) continue;
      const text = grid.rowText(y);
      if (text === '') continue;
      this.gone.push(text);
      if (this.gone.length >= grid.rows) this.flushGone();
    }
  }

  private flushGone(): void {
    if (this.gone.length === 0) return;
    const rows = this.gone;
    this.gone = [];
    this.closeRepeats();
    this.sink.scrolledOff(rows);
  }

  /** A frame of the alternate screen if it changed since the last (`final`: the program is leaving). */
  private frameNow(grid: ScreenGrid, final: boolean): void {
    this.flushGone();
    if (!final && grid.changedSince(this.frameMark).length === 0) return;
    const rows = grid.lines();
    while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
    const text = rows.join('\n');
    this.frameMark = grid.mark();
    if (text === this.lastFrame) return;
    this.lastFrame = text;
    this.closeRepeats();
    this.sink.frame(rows);
  }

  /** The program left and something else came: its block ends. */
  private flushLeave(): void {
    if (!this.leavePending) return;
    this.leavePending = false;
    this.inBlock = false;
    this.closeRepeats();
    this.sink.screen(false);
  }
}

/**
 * `text` without its trailing spaces. Not `/ +$/`: tried at every space of a
 * run, that regex costs the square of the run, and a pane printing one
 * character after ED 2 again and again (the cursor stays) makes it the
 * reader's main cost (review M5: 0.07 MB/s).
 */
function trimBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without the blanks (U+0020 only: other spaces are text) before and after it. */
function trimSpaces(text: string): string {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === 0x20) start++;
  return trimBlanks(start === 0 ? text : text.slice(start));
}

/**
 * The rows a line kept in `goneKept` counts for: the rows it took, or more if its characters (text and rows) are
 * more than plain text's two a cell. A cell can hold a character and its combining marks (tmux keeps up to
 * UTF8_SIZE bytes of them, utf8.c): rows of `a` and seven U+0301 each held 16 characters a cell, and 1000 columns of
 * them 16 M characters (33 MB) counted by rows alone. Counted by characters, the rows kept are as many as a
 * flood of such rows can cost, no more than plain text's: fewer rows come back into a taller pane, all of them logged.
 */
function goneWeight(text: string, shape: number | string[], columns: number): number {
  if (typeof shape === 'number') return Math.max(1, shape, Math.ceil(text.length / columns));
  let chars = text.length;
  for (let k = 0; k < shape.length; k++) chars += shape[k]!.length;
  return Math.max(shape.length, Math.ceil(chars / (2 * columns)));
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value) || value < 1) return fallback;
  return Math.min(Math.floor(value), max);
}
