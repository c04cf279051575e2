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
