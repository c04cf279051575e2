// Telling two rotated files renamed into each other's place (mv) from a file
// removed, free of I/O. A swap breaks every recording with lines in both
// files, and how depends on where its seals fall: lines short in one stretch
// and over in the next (read as `missing file` and `inserted`), seals whose
// links do not meet, or only a shortfall when the surplus went into an
// unsealed tail (a dead reader's). So the breaks alone do not name it; the
// other order does: if swapping two files back makes the whole log verify,
// they were renamed. A seal's stretch may span dozens of small files, so the
// pairs tried are of the files the broken stretches cover (and a few past
// them), the nearest first, and among those the files a break names or saw
// lines out of order in (and their neighbours); each try is a run
// of the verifier over the log that gives up at its first break, and the
// tries are bounded by what they read.

import type { VerifyReport } from './verify.ts';

/** Characters the tries may read in all (each reads the log up to its first break, at most all of it). */
export const SWAP_SEARCH_CHARS = 400 * 1024 * 1024;
/** How many files past a broken stretch a file swapped with one in it may be (farther swaps are caught, but may be named otherwise). */
export const REACH = 8;
/** Tries at most; fewer when every break is an edit (a sed -i far more often than an mv). */
export const SWAP_TRIES = 500;
export const SWAP_TRIES_EDITED = 150;

/**
 * Two files that, swapped back, leave a log with no break: `holds(order)`
 * verifies the log's files in `order`. Undefined when none does (within the
 * budget: `totalChars` is what one run reads), or the breaks are not of the
 * kinds a swap makes.
 */
export function renamedPair(files: readonly string[], report: VerifyReport, totalChars: number, holds: (order: readonly string[]) => boolean): [string, string] | undefined {
  // A swap makes no forged event, and no edit within one file (within a stretch of few files the verifier names the move itself).
  if (!report.breaks.some((found) => found.kind !== 'forged event' && (found.kind !== 'edited' || (found.endFile !== undefined && found.endFile !== found.file)))) return undefined;
  const index = new Map(files.map((file, i) => [file, i]));
  const named = new Set<number>();
  const hinted = new Set<number>();
  // Each break's reach as a range (from, to): marked in one pass over the files, not file by file a break.
  const reach = new Int32Array(files.length + 1);
  const mark = (from: number, to: number): void => {
    const low = Math.max(0, from);
    const high = Math.min(files.length - 1, to);
    if (low > high) return;
    reach[low]!++;
    reach[high + 1]!--;
  };
  for (const found of report.breaks) {
    const from = index.get(found.file);
    const to = index.get(found.endFile ?? found.file) ?? from;
    if (from === undefined || to === undefined) continue;
    for (const i of [from, to].flatMap((at) => [at - 1, at, at + 1])) if (i >= 0 && i < files.length) named.add(i);
    for (const at of (found.hint ?? []).map((file) => index.get(file))) {
      if (at !== undefined) for (const i of [at - 1, at, at + 1]) if (i >= 0 && i < files.length) hinted.add(i);
    }
    // A stretch short of lines may have lost them to a file just past it (or gained them from one).
    mark(Math.min(from, to) - REACH, Math.max(from, to) + REACH);
  }
  const covered: number[] = [];
  for (let i = 0, depth = 0; i < files.length; i++) {
    depth += reach[i]!;
    if (depth > 0 || named.has(i) || hinted.has(i)) covered.push(i);
  }
  const nearness = nearnessOf(covered, named, hinted);
  const onlyEdits = report.breaks.every((found) => found.kind === 'edited' || found.kind === 'forged event');
  const pairCount = (covered.length * (covered.length - 1)) / 2;
  const tries = Math.min(onlyEdits ? SWAP_TRIES_EDITED : SWAP_TRIES, totalChars > 0 ? Math.floor(SWAP_SEARCH_CHARS / totalChars) : pairCount);
  for (const [a, b] of nearestPairs(covered, nearness, tries)) {
    const order = [...files];
    [order[a], order[b]] = [order[b]!, order[a]!];
    if (holds(order)) return [files[a]!, files[b]!];
  }
  return undefined;
}

/**
 * How near each covered file comes to one a break names (1) or saw lines out of order in (0): 1 + the distance to
 * the nearest such file otherwise. One walk each way over the files in order.
 */
function nearnessOf(covered: readonly number[], named: ReadonlySet<number>, hinted: ReadonlySet<number>): number[] {
  const nearness = covered.map((i) => (hinted.has(i) ? 0 : named.has(i) ? 1 : Number.POSITIVE_INFINITY));
  const marked = (i: number): boolean => named.has(i) || hinted.has(i);
  let last = Number.NEGATIVE_INFINITY;
  for (let x = 0; x < covered.length; x++) {
    const i = covered[x]!;
    if (marked(i)) last = i;
    else nearness[x] = 1 + i - last;
  }
  last = Number.POSITIVE_INFINITY;
  for (let x = covered.length - 1; x >= 0; x--) {
    const i = covered[x]!;
    if (marked(i)) last = i;
    else nearness[x] = Math.min(nearness[x]!, 1 + last - i);
  }
  return nearness;
}

/**
 * The `count` pairs of covered files to try first: the nearest (mv of neighbours is the common case), ranked
 * `b - a + 2 * min(nearness a, nearness b)`, then by `a`, then `b`. A rank is the lesser of `b - a + 2 * nearness`
 * over the pair's two files, so each file heads two runs of pairs (with the files after it, and before it) whose
 * ranks grow with the distance: merged through a heap, only the pairs tried are ever made (all pairs of a log of
 * 5,000 small files, some 12 M, took 1.2 GB and most of verify's time).
 */
function* nearestPairs(covered: readonly number[], nearness: readonly number[], count: number): Generator<[number, number]> {
  // A run: anchor covered[x], partner covered[y], y stepping by `step` (+1 after x, -1 before it).
  interface Run { rank: number; a: number; b: number; x: number; y: number; step: 1 | -1 }
  const runAt = (x: number, y: number, step: 1 | -1): Run | undefined => {
    if (y < 0 || y >= covered.length) return undefined;
    const i = covered[x]!;
    const j = covered[y]!;
    return { rank: Math.abs(j - i) + 2 * nearness[x]!, a: Math.min(i, j), b: Math.max(i, j), x, y, step };
  };
  const before = (p: Run, q: Run): boolean => (p.rank - q.rank || p.a - q.a || p.b - q.b) < 0;
  const heap: Run[] = [];
  const push = (run: Run | undefined): void => {
    if (run === undefined) return;
    heap.push(run);
    for (let at = heap.length - 1; at > 0; ) {
      const up = (at - 1) >> 1;
      if (!before(heap[at]!, heap[up]!)) break;
      [heap[at], heap[up]] = [heap[up]!, heap[at]!];
      at = up;
    }
  };
  const pop = (): Run => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let at = 0; ; ) {
        let least = at;
        for (const child of [2 * at + 1, 2 * at + 2]) if (child < heap.length && before(heap[child]!, heap[least]!)) least = child;
        if (least === at) break;
        [heap[at], heap[least]] = [heap[least]!, heap[at]!];
        at = least;
      }
    }
    return top;
  };
  for (let x = 0; x < covered.length; x++) {
    push(runAt(x, x + 1, 1));
    push(runAt(x, x - 1, -1));
  }
  // A pair comes from both its files' runs: the second time (its rank by the farther file) it is passed over.
  const given = new Set<string>();
  while (given.size < count && heap.length > 0) {
    const run = pop();
    push(runAt(run.x, run.y + run.step, run.step));
    const key = `${run.a} ${run.b}`;
    if (given.has(key)) continue;
    given.add(key);
    yield [run.a, run.b];
  }
}
