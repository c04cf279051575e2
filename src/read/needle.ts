// Finding a short byte string in a piece of a log fast. Node's Buffer.indexOf
// searches a needle under 7 bytes linearly: memchr for its FIRST byte, then a
// compare (V8's string-search.h, kBMMinPatternLength = 7, which node's
// string_search.h copies). A log is full of digits, blanks, `:` `-` `.` (every
// stamp) and common letters, so for `rm -rf` memchr stops on every `r`: about
// 2.4 ms a MiB against 0.5 ms when it looks for the `f` (bench: 100 MiB of the
// generated logs). Here memchr runs on the needle's byte that is rarest in a
// sample of the piece, and each stop is checked against the whole needle.
// Should that byte turn out common after all (the sample misled), it goes back
// to Buffer.indexOf, whose worst case is linear too: never much slower.

import { CASE_BLIND, indexOfFolded, sameBytes, sameFolded } from './fold.ts';
import { findEitherInArena, findInArena, type NeedlePair } from './simd-find.ts';

const SAMPLE = 8192;
/** Past this many false stops per KiB searched, one memchr call a stop costs more than indexOf's own scan. */
const MISSES_PER_KIB = 1;
/** Node switches to Boyer-Moore-Horspool from this length: leave those needles to it. */
const LONG = 7;
/** At most this many in the 8 KiB sample (one in 2 KiB): a byte memchr finds faster than the SIMD search passes over. */
const RARE = 4;

/** The byte counts of a sample of a piece: what makes a byte rare in it. */
export type ByteCounts = Uint32Array;

/** Counts the bytes of the first SAMPLE bytes of `piece`. */
export function sampleBytes(piece: Uint8Array): ByteCounts {
  const counts = new Uint32Array(256);
  const end = Math.min(piece.length, SAMPLE);
  for (let i = 0; i < end; i++) counts[piece[i]!]!++;
  return counts;
}

/** How often `byte` is in the sample, both cases of a letter of a case-blind needle. */
const isLower = (byte: number) => byte >= 0x61 && byte <= 0x7a;

function seenOf(seen: ByteCounts, byte: number, blind: boolean): number {
  return blind && isLower(byte) ? seen[byte]! + seen[byte - 0x20]! : seen[byte]!;
}

/** The two positions in `needle` (two bytes or more) whose bytes are rarest in the sample, the rarest first. */
function rarestPair(needle: Buffer, seen: ByteCounts, blind: boolean): { rare1: number; rare2: number } {
  let rare = 0;
  for (let i = 1; i < needle.length; i++) if (seenOf(seen, needle[i]!, blind) < seenOf(seen, needle[rare]!, blind)) rare = i;
  let second = rare === 0 ? 1 : 0;
  for (let i = 0; i < needle.length; i++) if (i !== rare && seenOf(seen, needle[i]!, blind) < seenOf(seen, needle[second]!, blind)) second = i;
  return { rare1: rare, rare2: second };
}

/** rarestPair, once per needle and sample: a common word is looked for again after each of its millions of matches. */
const pairs = new WeakMap<ByteCounts, Map<Buffer, { rare1: number; rare2: number }>>();

function pairOf(needle: Buffer, seen: ByteCounts, blind: boolean): { rare1: number; rare2: number } {
  let known = pairs.get(seen);
  if (!known) pairs.set(seen, (known = new Map()));
  let pair = known.get(needle);
  if (!pair) known.set(needle, (pair = rarestPair(needle, seen, blind)));
  return pair;
}

/** Where `needle` is in `piece` from `from`, or -1: what `piece.indexOf(needle, from)` gives (up to ASCII case for a case-blind needle). */
export function findNeedle(piece: Buffer, needle: Buffer, from: number, counts: () => ByteCounts): number {
  const length = needle.length;
  const blind = CASE_BLIND.has(needle);
  if (length < 2 && !blind) return piece.indexOf(needle, from);
  const seen = counts();
  const { rare1: rare, rare2: second } = pairOf(needle, seen, blind);
  // A byte seen at most RARE times in the sample: memchr on it skips farther than the SIMD blocks (`rm -rf` in a text log, by its `f`).
  if (length >= 2 && (blind || length >= LONG || seen[needle[rare]!]! > RARE)) {
    const found = findInArena(piece, needle, from, rare, second, blind);
    if (found !== undefined) return found;
  }
  if (blind) return indexOfFolded(piece, needle, from);
  if (length >= LONG) return piece.indexOf(needle, from);
  const byte = needle[rare]!;
  let misses = 0;
  for (let at = piece.indexOf(byte, from + rare); at >= 0; at = piece.indexOf(byte, at + 1)) {
    const start = at - rare;
    if (start + length > piece.length) return -1;
    if (sameBytes(piece, start, needle)) return start;
    if (++misses > 32 && misses > ((at - from) >> 10) * MISSES_PER_KIB) return piece.indexOf(needle, start + 1);
  }
  return -1;
}

/**
 * Where the first of two needles (two bytes or more, each maybe case-blind) is in
 * `piece` from `from` (the lesser of what findNeedle gives for each), or -1:
 * one SIMD pass for both (simd-find.ts) instead of one each: a JSON search
 * looks for its word and for `"event"`. undefined when the piece is not in the
 * arena (the caller searches for each).
 */
export function findEither(piece: Buffer, first: Buffer, second: Buffer, from: number, counts: () => ByteCounts): number | undefined {
  const seen = counts();
  const pair = (needle: Buffer): NeedlePair => ({ needle, blind: CASE_BLIND.has(needle), ...pairOf(needle, seen, CASE_BLIND.has(needle)) });
  const pairs: [NeedlePair, NeedlePair] = [pair(first), pair(second)];
  const check = (at: number): boolean => pairs.some(({ needle, blind }) => at + needle.length <= piece.length && (blind ? sameFolded(piece, at, needle) : sameBytes(piece, at, needle)));
  const rest = (at: number): number => {
    const one = findNeedle(piece, first, at, counts);
    const other = findNeedle(piece, second, at, counts);
    return one < 0 ? other : other < 0 ? one : Math.min(one, other);
  };
  return findEitherInArena(piece, from, pairs, check, rest);
}

/** Whether findEither may search for `needle`: two bytes or more. */
export const pairable = (needle: Buffer): boolean => needle.length >= 2;

/** The needles of `text` and then of `json` not already in it (the same bytes, both case-blind or neither): a line holding a needle twice is found once. */
export function joinNeedles(text: readonly Buffer[], json: readonly Buffer[]): Buffer[] {
  const both = [...text];
  for (const needle of json) if (!both.some((have) => have.equals(needle) && CASE_BLIND.has(have) === CASE_BLIND.has(needle))) both.push(needle);
  return both;
}
