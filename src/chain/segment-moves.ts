// The rearrangements of a broken segment's pieces (its runs of lines from one
// file) that verify tries to make its seal hold again, free of I/O. A segment
// holds one recording's lines only. Two rotated files renamed into each
// other's place (mv) swap two of its pieces when both files hold some of
// them; when one holds none (a flood at another pane filled it), the other's
// piece is moved past the pieces of the files between, and no swap of two
// pieces undoes that: a move does. Seen in the property test of
// test/unit/chain.test.ts: files 32 and 36 of 78 swapped, 36 with no line of
// the recording whose 1000-line stretch spans files 0 to 59, read as
// `edited` (the search for renamed files, chain/renamed-files.ts, ranks pairs
// by their distance from the files a break names, here 0 and 59, and never
// came to 32 and 36 within its tries).

/** A rearrangement that holds: `pieces` are the indices (in the segment as read) whose files it names, the moved or swapped one first. */
export interface Rearrangement {
  /** Two pieces swapped, or the first piece put back before or after the second. */
  kind: 'swap' | 'before' | 'after';
  pieces: number[];
}

/**
 * Lines the tries on one segment may hash in all: each try hashes the whole segment again. An honest segment (a
 * seal's SEAL_EVERY lines over at most 64 files: ~6,000 tries) stays within; one a forged seal's n= makes huge
 * (in a log without a key anyone can write seals) is given up on, not hashed for minutes.
 */
export const REARRANGE_LINES = 8_000_000;

/**
 * Lines the tries on all the broken segments of one verify run may hash in all. Per segment alone, a log split into
 * 1,252 small files with 20 stretches edited hashed some 130 M lines (47.8 s); past this, each further broken
 * segment is still named (its seal does not hold), only as `edited`, with no move searched for. Two honest
 * segments' worth: a pair of files renamed into each other's place breaks at most the two stretches that span them.
 */
export const REARRANGE_RUN_LINES = 2 * REARRANGE_LINES;

/** What is left of a verify run's REARRANGE_RUN_LINES: one object shared by every log and try of the run. */
export class RearrangeBudget {
  constructor(public left = REARRANGE_RUN_LINES) {}

  /** Takes the lines of one try; false (and nothing taken) when fewer than that are left. */
  take(lines: number): boolean {
    if (this.left < lines) return false;
    this.left -= lines;
    return true;
  }
}

/**
 * The first rearrangement of `count` pieces under which `holds(order)` (the
 * pieces' indices in the order to hash) is true: every swap of two pieces,
 * then every move of one piece to another place (those not a swap of
 * neighbours), each within `apart` pieces: all of a segment of few pieces, a
 * few apart in one of many (small rotated files), none past 1024. At most
 * `tries` of them.
 */
export function pieceRearrangementThatHolds(count: number, holds: (order: readonly number[]) => boolean, tries = Number.POSITIVE_INFINITY): Rearrangement | undefined {
  const apart = count <= 64 ? count : count <= 1024 ? 4 : 0;
  const identity = Array.from({ length: count }, (_, i) => i);
  let left = tries;
  const held = (order: readonly number[]): boolean => left-- > 0 && holds(order);
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count && j - i <= apart; j++) {
      const order = [...identity];
      [order[i], order[j]] = [order[j]!, order[i]!];
      if (held(order)) return { kind: 'swap', pieces: [i, j] };
    }
  }
  for (let i = 0; i < count && left > 0; i++) {
    // Piece i back to before piece k (it came later than it was written: its file was swapped with a later one
    // that holds none of the recording's lines, somewhere between pieces k-1 and k).
    for (let k = i - 2; k >= 0 && i - k <= apart; k--) {
      const order = [...identity.slice(0, k), i, ...identity.slice(k, i), ...identity.slice(i + 1)];
      if (held(order)) return { kind: 'before', pieces: [i, k, ...(k > 0 ? [k - 1] : [])] };
    }
    // Piece i on to after piece k (its file was swapped with an earlier one, somewhere between pieces k and k+1).
    for (let k = i + 2; k < count && k - i <= apart; k++) {
      const order = [...identity.slice(0, i), ...identity.slice(i + 1, k + 1), i, ...identity.slice(k + 1)];
      if (held(order)) return { kind: 'after', pieces: [i, k, ...(k + 1 < count ? [k + 1] : [])] };
    }
  }
  return undefined;
}

/** At most this many places are tried for a line out of stamp order (a flood's lines share stamps: many fit). */
export const LINE_PLACES = 512;

/** One line of a stretch put elsewhere: line `line` (index as read) to before index `to` (to < line) or after it (to >= line). */
export interface LineMove {
  line: number;
  to: number;
}

/**
 * A stretch whose stamps (`ms`, as read) go back once, where taking one line out puts them in order: one line
 * moved, or one line changed in place (its stamp with it). The moves that put such a line back where its stamp
 * fits, the nearest first: the early-stamped line to before the lines stamped after it, or the line before it on
 * to after those stamped before it (`orderOf` gives each one's order when it is tried: a stretch may be long, and
 * a thousand orders of it made at once exhausted the heap). Undefined when the stamps are in order, or when more
 * than one line is out of place (lines moved, not one changed).
 */
export function lineMovesByStamp(ms: readonly number[]): LineMove[] | undefined {
  let at = -1;
  for (let i = 1; i < ms.length; i++) {
    if (!(ms[i]! < ms[i - 1]!)) continue;
    if (at !== -1) return undefined;
    at = i;
  }
  if (at === -1) return undefined;
  const n = ms.length;
  const early = at + 1 >= n || ms[at + 1]! >= ms[at - 1]!;
  const late = at === 1 || ms[at - 2]! <= ms[at]!;
  // Neither line of the pair taken out puts the rest in order: more than one line out of place.
  if (!early && !late) return undefined;
  const moves: LineMove[] = [];
  // Line `at` back to before line k, for each k whose stamp it fits before (k < at; those before at are in order).
  if (early) {
    for (let k = at - 1; k >= 0 && moves.length < LINE_PLACES; k--) {
      if (ms[k]! < ms[at]!) break;
      if (k > 0 && ms[k - 1]! > ms[at]!) continue;
      moves.push({ line: at, to: k });
    }
  }
  // Line at-1 on to after line k, for each k whose stamp it fits after (k >= at).
  const back = at - 1;
  if (late) {
    for (let k = at; k < n && moves.length < 2 * LINE_PLACES; k++) {
      if (ms[k]! > ms[back]!) break;
      if (k + 1 < n && ms[k + 1]! < ms[back]!) continue;
      // Past the early line alone is that line back before it: tried already.
      if (k === at && moves[0]?.to === back) continue;
      moves.push({ line: back, to: k });
    }
  }
  return moves;
}

/** `items` with one line moved (a move of lineMovesByStamp). */
export function orderOf<T>(items: readonly T[], move: LineMove): T[] {
  const { line, to } = move;
  if (to < line) return [...items.slice(0, to), items[line]!, ...items.slice(to, line), ...items.slice(line + 1)];
  return [...items.slice(0, line), ...items.slice(line + 1, to + 1), items[line]!, ...items.slice(to + 1)];
}
