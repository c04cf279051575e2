// The search for two rotated files renamed into each other's place (src/chain/renamed-files.ts) tries the
// nearest pairs first. It made every pair of the files the breaks cover, then sorted them: a log of 5,000 small
// files with its stretches edited made some 12 M pairs (1.2 GB). Now the pairs come from a merge, in the same
// order: checked here against the rule as it was written before (every pair, ranked, sorted).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { REACH, renamedPair, SWAP_SEARCH_CHARS, SWAP_TRIES, SWAP_TRIES_EDITED } from '../../src/chain/renamed-files.ts';
import type { Break, BreakKind, VerifyReport } from '../../src/chain/verify.ts';

/** The pairs (file indices) tried, in order, by the rule as first written: every pair of covered files ranked and sorted. */
function pairsByEveryPair(files: readonly string[], report: VerifyReport, totalChars: number): [number, number][] {
  if (!report.breaks.some((found) => found.kind !== 'forged event' && (found.kind !== 'edited' || (found.endFile !== undefined && found.endFile !== found.file)))) return [];
  const index = new Map(files.map((file, i) => [file, i]));
  const named = new Set<number>();
  const hinted = new Set<number>();
  const covered = new Set<number>();
  for (const found of report.breaks) {
    const from = index.get(found.file);
    const to = index.get(found.endFile ?? found.file) ?? from;
    if (from === undefined || to === undefined) continue;
    for (const i of [from, to].flatMap((at) => [at - 1, at, at + 1])) if (i >= 0 && i < files.length) named.add(i);
    for (const at of (found.hint ?? []).map((file) => index.get(file))) if (at !== undefined) for (const i of [at - 1, at, at + 1]) if (i >= 0 && i < files.length) hinted.add(i);
    for (let i = Math.max(0, Math.min(from, to) - REACH); i <= Math.min(files.length - 1, Math.max(from, to) + REACH); i++) covered.add(i);
  }
  for (const i of [...named, ...hinted]) covered.add(i);
  const marked = [...named, ...hinted];
  const nearness = (i: number): number => (hinted.has(i) ? 0 : named.has(i) ? 1 : 1 + marked.reduce((least, at) => Math.min(least, Math.abs(at - i)), Number.POSITIVE_INFINITY));
  const sorted = [...covered].sort((x, y) => x - y);
  const pairs: { a: number; b: number; rank: number }[] = [];
  for (let x = 0; x < sorted.length; x++) for (let y = x + 1; y < sorted.length; y++) pairs.push({ a: sorted[x]!, b: sorted[y]!, rank: sorted[y]! - sorted[x]! + 2 * Math.min(nearness(sorted[x]!), nearness(sorted[y]!)) });
  pairs.sort((x, y) => x.rank - y.rank || x.a - y.a);
  const onlyEdits = report.breaks.every((found) => found.kind === 'edited' || found.kind === 'forged event');
  const tries = Math.min(onlyEdits ? SWAP_TRIES_EDITED : SWAP_TRIES, totalChars > 0 ? Math.floor(SWAP_SEARCH_CHARS / totalChars) : pairs.length);
  return pairs.slice(0, tries).map(({ a, b }) => [a, b]);
}

/** The pairs renamedPair tries, in order (each try's order of files read back as the two swapped). */
function pairsTried(files: readonly string[], report: VerifyReport, totalChars: number): [number, number][] {
  const tried: [number, number][] = [];
  renamedPair(files, report, totalChars, (order) => {
    const swapped = order.flatMap((file, i) => (file === files[i] ? [] : [i]));
    assert.equal(swapped.length, 2);
    tried.push([swapped[0]!, swapped[1]!]);
    return false;
  });
  return tried;
}

const report = (breaks: Break[]): VerifyReport => ({ files: 0, lines: 0, recordings: [], unchained: 0, lost: 0, needKey: 0, unkeyed: 0, olderLost: 0, keyedHeld: 0, marked: [], digests: new Map(), breaks });

const KINDS: BreakKind[] = ['edited', 'inserted', 'deleted', 'missing file', 'forged event', 'truncated'];

describe('renamed files: the pairs tried', () => {
  it('are the nearest first, in the order every pair ranked and sorted gave (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }).chain((count) =>
          fc.tuple(
            fc.constant(count),
            fc.array(
              fc.record({
                kind: fc.constantFrom(...KINDS),
                from: fc.integer({ min: 0, max: count }),
                to: fc.option(fc.integer({ min: 0, max: count }), { nil: undefined }),
                hint: fc.array(fc.integer({ min: 0, max: count }), { maxLength: 3 }),
              }),
              { minLength: 1, maxLength: 6 },
            ),
            fc.constantFrom(0, 1, 1024, 2 * 1024 * 1024, SWAP_SEARCH_CHARS),
          ),
        ),
        ([count, found, totalChars]) => {
          // An index equal to `count` names a file not in the log (one named on the command line alone).
          const files = Array.from({ length: count }, (_, i) => `main.log.${String(i).padStart(4, '0')}`);
          const name = (i: number): string => files[i] ?? 'elsewhere.log';
          const breaks: Break[] = found.map(({ kind, from, to, hint }) => ({ kind, file: name(from), line: 1, rec: 'R', detail: '', ...(to === undefined ? {} : { endFile: name(to) }), hint: hint.map(name) }));
          assert.deepEqual(pairsTried(files, report(breaks), totalChars), pairsByEveryPair(files, report(breaks), totalChars));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('in a log of 1,500 files one break spans (1.1 M pairs), the same order as every pair ranked and sorted', () => {
    const files = Array.from({ length: 1500 }, (_, i) => `main.log.${String(i).padStart(5, '0')}`);
    const spanning = report([
      { kind: 'deleted', file: files[10]!, endFile: files[1490]!, line: 1, rec: 'R', detail: '' },
      { kind: 'edited', file: files[700]!, line: 1, rec: 'R', detail: '', hint: [files[703]!] },
    ]);
    const tried = pairsTried(files, spanning, 1024);
    assert.equal(tried.length, SWAP_TRIES);
    assert.deepEqual(tried, pairsByEveryPair(files, spanning, 1024));
  });
});
