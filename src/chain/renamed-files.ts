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
  const covered = new Set<number>();
  for (const found of report.breaks) {
    const from = index.get(found.file);
    const to = index.get(found.endFile ?? found.file) ?? from;
    if (from === undefined || to === undefined) continue;
    for (const i of [from, to].flatMap((at) => [at - 1, at, at + 1])) if (i >= 0 && i < files.length) named.add(i);
    for (const at of (found.hint ?? []).map((file) => index.get(file))) {
      if (at !== undefined) for (const i of [at - 1, at, at + 1]) if (i >= 0 && i < files.length) hinted.add(i);
    }
    // A stretch short of lines may have lost them to a file just past it (or gained them from one).
    for (let i = Math.max(0, Math.min(from, to) - REACH); i <= Math.min(files.length - 1, Math.max(from, to) + REACH); i++) covered.add(i);
  }
  for (const i of [...named, ...hinted]) covered.add(i);
  // The nearest pairs first (mv of neighbours is the common case), by how near they come to a file a
  // break names, nearer still to one where it saw lines out of order. Each file's nearness and each pair's
  // rank are reckoned once: a log of 1,252 small files with 20 stretches edited covers all of them, some
  // 780,000 pairs, and reckoning them in the sort's comparisons took 25 s.
  const marked = [...named, ...hinted];
  const nearness = new Map<number, number>();
  for (const i of covered) nearness.set(i, hinted.has(i) ? 0 : named.has(i) ? 1 : 1 + marked.reduce((least, at) => Math.min(least, Math.abs(at - i)), Number.POSITIVE_INFINITY));
  const sorted = [...covered].sort((x, y) => x - y);
  const pairs: { a: number; b: number; rank: number }[] = [];
  for (let x = 0; x < sorted.length; x++) {
    for (let y = x + 1; y < sorted.length; y++) {
      const a = sorted[x]!;
      const b = sorted[y]!;
      pairs.push({ a, b, rank: b - a + 2 * Math.min(nearness.get(a)!, nearness.get(b)!) });
    }
  }
  pairs.sort((x, y) => x.rank - y.rank || x.a - y.a);
  const onlyEdits = report.breaks.every((found) => found.kind === 'edited' || found.kind === 'forged event');
  const tries = Math.min(onlyEdits ? SWAP_TRIES_EDITED : SWAP_TRIES, totalChars > 0 ? Math.floor(SWAP_SEARCH_CHARS / totalChars) : pairs.length);
  for (const { a, b } of pairs.slice(0, tries)) {
    const order = [...files];
    [order[a], order[b]] = [order[b]!, order[a]!];
    if (holds(order)) return [files[a]!, files[b]!];
  }
  return undefined;
}
