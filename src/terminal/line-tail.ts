// The last rows of a long line, cut where tmux starts a row. A line longer
// than the screen keeps only what can still be shown (its last screenful) or
// pulled back from history (its last HISTORY_ROWS rows); the rest is logged
// and gone. Cut at a length instead (UTF-16 units, or cells not counted from
// the line's head), the text kept began mid-row: seeded into the screen model
// it wrapped elsewhere than on tmux's screen, every row shifted, and text the
// pane then drew over a row was logged over other characters (a "redrawn" row
// the screen never showed), or the kept text ran short of the screen's rows
// (combining marks: two units a cell) and an older line stood in their place.
//
// The rows are counted as hybrid.ts `cut` counts them, which is how tmux
// wraps (screen-write.c:1892): a character that does not fit in what is left
// of the row (a wide one with one cell left) starts the next row; marks
// (zero cells) stay with the character before them, even at a row's end.

import { cellWidth } from './width.ts';

const TAB = 0x09;
/** A UTF-16 unit other than printable ASCII (no `u` flag: a surrogate pair's first unit is where it matches). */
const NOT_PRINTABLE = /[^\x20-\x7e]/g;
const ZWJ = 0x200d;

/** Where a TAB goes (tab-stops.ts TabStops.next): the next stop after column `x`, or `last`. */
export interface TabStopsLike {
  next(x: number, last: number): number;
}
/** tmux's stops when none were set: every 8 columns (screen.c:276). */
const DEFAULT_TABS: TabStopsLike = { next: (x, last) => Math.min(last, (Math.floor(x / 8) + 1) * 8) };

/** Where the last row of a walk stands: its cells used, and whether a ZWJ waits for the next character to join (screen-write.c:1835). */
export interface RowState {
  used: number;
  joiner: boolean;
}

/** Cells `codePoint` takes, as hybrid.ts `cut` counts them (the line model keeps no character tmux drops). */
function cells(codePoint: number): number {
  return codePoint < 0x300 ? 1 : Math.max(0, cellWidth(codePoint));
}

/**
 * Where the rows of `text` after its first start, the first row standing at
 * `state` (updated): offsets (plus `base`) pushed to `starts`. As the line
 * model counts (lines.ts `character`, `tab`): a TAB moves to the next tab
 * stop, not past the last column, and never wraps (input.c:1221); a ZWJ
 * makes the next character that is not ASCII join the cell before, whatever
 * its width (screen-write.c:1835-1852), plain ASCII leaving it waiting
 * (screen-write.c:1773); a character tmux drops (width -1, utf8.c:236) does
 * not take the joiner.
 */
export function wrapRows(text: string, columns: number, state: RowState, starts: number[], base = 0, tabs: TabStopsLike = DEFAULT_TABS): void {
  let used = state.used;
  let joiner = state.joiner;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.charCodeAt(i);
    // Printable ASCII, the common case: one cell each, so a run's rows start every `columns` units once the row
    // standing is full. The run's end is found by a regex (native), not unit by unit: a flood of long lines walked
    // every unit of them here (BENCHMARKS.md).
    if (codePoint >= 0x20 && codePoint < 0x7f) {
      NOT_PRINTABLE.lastIndex = i + 1;
      const end = NOT_PRINTABLE.test(text) ? NOT_PRINTABLE.lastIndex - 1 : text.length;
      while (i < end) {
        if (used >= columns) {
          starts.push(base + i);
          used = 0;
        }
        const take = Math.max(1, Math.min(end - i, columns - used));
        used += take;
        i += take;
      }
      continue;
    }
    if (codePoint === TAB) {
      if (used < columns - 1) used = tabs.next(used, columns - 1);
      i++;
      continue;
    }
    const full = text.codePointAt(i)!;
    i += full > 0xffff ? 2 : 1;
    if (full === ZWJ) {
      joiner = true;
      continue;
    }
    if (joiner && full >= 0x7f && cellWidth(full) >= 0) {
      joiner = false;
      continue;
    }
    const width = cells(full);
    if (used + width > columns) {
      starts.push(base + i - (full > 0xffff ? 2 : 1));
      used = 0;
    }
    used += width;
  }
  state.used = used;
  state.joiner = joiner;
}

/** `text` from the start of its last `rows` rows (all of it if it takes no more), wrapped at `columns` cells from its head. */
export function lastRows(text: string, columns: number, rows: number, tabs?: TabStopsLike): string {
  const starts = [0];
  wrapRows(text, columns, { used: 0, joiner: false }, starts, 0, tabs);
  return starts.length <= rows ? text : text.slice(starts[starts.length - rows]);
}

/**
 * The line a long line's pieces build up (hybrid.ts `line`, `continued`):
 * its last `rows` rows, with where each starts, so that a piece costs a walk
 * over itself, not over the screenful kept before it.
 */
export class LineTail {
  /** The text kept: it starts where a row of the whole line starts. */
  text = '';
  private starts: number[] = [0];
  private readonly state: RowState = { used: 0, joiner: false };
  private columns = 0;

  constructor(private readonly tabs: TabStopsLike = DEFAULT_TABS) {}

  /** Takes `text`, starting a row, as the line so far at `columns` (unless it is the text kept already, at that width). */
  begin(text: string, columns: number): void {
    if (text === this.text && columns === this.columns) return;
    this.text = '';
    this.starts = [0];
    this.state.used = 0;
    this.state.joiner = false;
    this.columns = columns;
    this.append(text, Number.MAX_SAFE_INTEGER);
  }

  /** `piece` carries the line on: the text kept is its last `rows` rows. */
  append(piece: string, rows: number): string {
    const starts = this.starts;
    wrapRows(piece, this.columns, this.state, starts, this.text.length, this.tabs);
    let text = this.text + piece;
    if (starts.length > rows) {
      const drop = starts.length - rows;
      const from = starts[drop]!;
      text = text.slice(from);
      starts.splice(0, drop);
      for (let k = 0; k < starts.length; k++) starts[k] = starts[k]! - from;
    }
    this.text = text;
    return text;
  }
}
