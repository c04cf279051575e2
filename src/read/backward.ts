// Searching a window of a log backwards for the nearest of several needles
// (`grep -C`'s lines before a match, context.ts). Each needle's last place is
// kept: the search moves only backwards, so a place before the current
// position stays the nearest one of its needle, and a needle absent from the
// window is looked for once, not once per line found (which made a window of
// many lines quadratic: 200,000 lines, one needle absent, 14x slower).

export class BackwardSearch {
  /** Per needle: where it was last found (-1: nowhere before), or undefined: not looked for yet. */
  private readonly last: (number | undefined)[];

  constructor(
    private readonly bytes: Buffer,
    private readonly needles: readonly Buffer[],
  ) {
    this.last = needles.map(() => undefined);
  }

  /** Where the nearest needle starts before `position` (at most `position - 1`), or -1. */
  previous(position: number): number {
    let at = -1;
    for (let i = 0; i < this.needles.length; i++) {
      let found = this.last[i];
      if (found === undefined || found >= position) {
        const from = position - 1;
        found = from < 0 ? -1 : this.bytes.lastIndexOf(this.needles[i]!, from);
        this.last[i] = found;
      }
      if (found > at) at = found;
    }
    return at;
  }
}
