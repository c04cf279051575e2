// The tab stops of a pane, as tmux 3.3a keeps them: a bit per column (s->tabs),
// every 8th column set at first and whenever the width changes or the terminal
// is reset (screen_reset_tabs, screen.c:144; screen.c:276; screen-write.c:320),
// HTS sets the cursor's column (input.c:1291), TBC 0 clears it and TBC 3 clears
// them all (input.c:1601). One set per pane, not per screen: the alternate
// screen is the same `struct screen` in tmux, so it shares them. HT goes to the
// next stop or the last column (input.c:1221), CBT back to the previous stop,
// n times (input.c:1361). tmux has no CHT (`CSI I`, not in input.c:268's
// table): it does nothing, and so does this.
//
// Shared by the line model and the screen model (hybrid.ts gives both the same
// one), so that output setting stops on the fast path and tabbing while the
// screen model is engaged (or the other way round) lands where tmux put it.
// Hostile output cannot make a TAB cost more than a scan of the stops set: the
// default is arithmetic, and columns past any stop set are found by indexOf.

const DEFAULT_WIDTH = 8;

export class TabStops {
  /** Stops by column once output changed them (null: every 8th column, the default). */
  private custom: Uint8Array | null = null;
  /** Columns at or past `custom.length` keep the default stops (not after TBC 3, which clears every stop). */
  private defaultBeyond = true;

  /** Every 8th column again (screen_reset_tabs): a width change, RIS. */
  reset(): void {
    this.custom = null;
    this.defaultBeyond = true;
  }

  /** Whether column `x` has a stop. */
  has(x: number): boolean {
    const custom = this.custom;
    if (custom === null || x >= custom.length) return this.defaultBeyond && x > 0 && x % DEFAULT_WIDTH === 0;
    return custom[x] === 1;
  }

  /** HTS at column `x` of a screen `columns` wide: tmux sets it only on the screen (input.c:1292). */
  set(x: number, columns: number): void {
    if (x >= columns) return;
    this.cover(x)[x] = 1;
  }

  /** TBC 0 at column `x` (input.c:1605). */
  clear(x: number, columns: number): void {
    if (x >= columns) return;
    this.cover(x)[x] = 0;
  }

  /** TBC 3: no stop anywhere (input.c:1609). */
  clearAll(): void {
    this.custom = new Uint8Array(0);
    this.defaultBeyond = false;
  }

  /** Where HT from column `x` goes, `last` being the last column: the next stop, or `last` (input.c:1221; the caller checks `x < last`). */
  next(x: number, last: number): number {
    const custom = this.custom;
    if (custom === null) return Math.min(last, (Math.floor(x / DEFAULT_WIDTH) + 1) * DEFAULT_WIDTH);
    if (x + 1 < custom.length) {
      const found = custom.indexOf(1, x + 1);
      if (found !== -1) return Math.min(found, last);
    }
    if (!this.defaultBeyond) return last;
    // Past the columns output changed: the default stops (the next multiple of 8 after both).
    const from = Math.max(x, custom.length - 1);
    return Math.min(last, (Math.floor(from / DEFAULT_WIDTH) + 1) * DEFAULT_WIDTH);
  }

  /** Where CBT `n` from column `x` goes (input.c:1361; the caller clamps `x` to the last column). */
  previous(x: number, n: number): number {
    if (this.custom === null) {
      while (x > 0 && n-- > 0) {
        do x--;
        while (x > 0 && x % DEFAULT_WIDTH !== 0);
      }
      return x;
    }
    const custom = this.custom;
    while (x > 0 && n-- > 0) {
      if (x - 1 >= custom.length && this.defaultBeyond) {
        // Among the default stops: the previous multiple of 8, unless that is below the columns output changed.
        const stop = Math.floor((x - 1) / DEFAULT_WIDTH) * DEFAULT_WIDTH;
        if (stop >= custom.length) {
          x = stop;
          continue;
        }
      }
      const found = custom.length === 0 ? -1 : custom.lastIndexOf(1, Math.min(x - 1, custom.length - 1));
      x = found <= 0 ? 0 : found;
    }
    return x;
  }

  /** The stops as an array covering column `x`, columns added keeping what they had. */
  private cover(x: number): Uint8Array {
    const custom = this.custom;
    if (custom !== null && x < custom.length) return custom;
    const size = Math.max(x + 1, custom === null ? 0 : Math.min(custom.length * 2, x + 1 + 256));
    const grown = new Uint8Array(size);
    const from = custom === null ? 0 : custom.length;
    if (custom !== null) grown.set(custom);
    if (this.defaultBeyond) for (let col = Math.max(from, 1); col < size; col++) if (col % DEFAULT_WIDTH === 0) grown[col] = 1;
    this.custom = grown;
    return grown;
  }
}
