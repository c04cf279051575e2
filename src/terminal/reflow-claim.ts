// Which logged rows a line editor takes back after tmux reflows the line it
// is editing. tmux reflows the whole grid to a new width (grid.c:1305
// grid_reflow) and puts the cursor where its cell went (screen.c:
// screen_reflow, grid_wrap_position / grid_unwrap_position), so a line
// being typed that took two rows at 120 columns takes one at 200. readline
// does not know: on SIGWINCH it moves up the rows it counted at the old
// width (its `_rl_last_v_pos`: `\r ESC[K`, then `ESC M ESC[K` per row) and
// draws the prompt and line again from there. At the new width that is
// above the line's first row, over rows already logged (the previous
// command's output): the line typed on is drawn over them. Recorded from
// bash 5.2 in tmux 3.3a (test/fixtures/reflow/).

/** What claimedRows needs of the screen model. */
export interface RowIds {
  rowId(y: number): number;
}

/**
 * The ids of the rows above `first` (the line in progress's first row after
 * the reflow) that an editor standing `editorRow` rows below its line's
 * first row at the old width moves into, when the reflowed cursor stands
 * `cursorRow` rows below `first`: none when the line did not lose rows above
 * the cursor (a narrower pane: the editor moves up within the line).
 */
export function claimedRows(grid: RowIds, first: number, cursorRow: number, editorRow: number): number[] {
  const ids: number[] = [];
  for (let y = Math.max(0, first - (editorRow - cursorRow)); y < first; y++) ids.push(grid.rowId(y));
  return ids;
}

/**
 * The claimed rows, and how far the editor's redraw has gone over them. A
 * claim is granted to readline's own steps only (review of issue 15: any
 * output printed on a claimed row made that logged row the line in progress,
 * so a program could log a line twice after a wider resize): CR, `ESC[K` at
 * column 0, `ESC M` up into the claimed rows, then text at column 0 of the
 * topmost claimed row once every claimed row was erased, so none of what they
 * showed is left to be logged again. The first other step ends the claim.
 */
export class Claim {
  /** Claimed row ids, topmost first. */
  private rows: number[] = [];
  private erased = new Set<number>();

  get size(): number {
    return this.rows.length;
  }

  set(ids: number[]): void {
    this.rows = ids;
    this.erased.clear();
  }

  clear(): void {
    this.rows = [];
    this.erased.clear();
  }

  has(id: number): boolean {
    return this.rows.includes(id);
  }

  /** `ESC[K` (EL 0) on row `id` with the cursor at `x`: a claimed row erased whole is ready for the redraw; elsewhere than column 0 it is no redraw of readline's. */
  erase(id: number, x: number): void {
    if (x !== 0) return this.clear();
    if (this.has(id)) this.erased.add(id);
  }

  /** The cursor moved up (`ESC M`) onto row `id`: readline's steps only stay within the claimed rows. */
  movedUp(id: number): void {
    if (!this.has(id)) this.clear();
  }

  /** Text is printed at column `x` of row `id`: whether it is the editor's redraw over the claimed rows (then they are the line in progress). Either way the claim ends here. */
  take(id: number, x: number): boolean {
    const ok = x === 0 && this.rows[0] === id && this.rows.every((row) => this.erased.has(row));
    this.clear();
    return ok;
  }
}
