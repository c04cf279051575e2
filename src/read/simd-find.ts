// Finding a byte string in a piece of a log sixteen positions at a time, with
// WebAssembly SIMD. Node's Buffer.indexOf runs Boyer-Moore-Horspool for a
// needle of 7 bytes or more, and memchr on the first byte for a shorter one:
// about 1 GB/s on a JSON log, whose keys, stamps and quotes hold every letter
// and digit of a needle on every line (a JSON grep spent two thirds of its time
// there). Here two of the needle's bytes, the rarest in a sample of the piece,
// are compared at their offsets for sixteen window starts at once (two loads,
// two compares, an and, a bitmask: the "generic SIMD" substring search), and
// only the starts where both are found are compared whole. It needs the piece
// in the module's memory: the reading buffers are taken from it (arenaBuffer,
// chunks.ts); any other buffer, or a runtime without WebAssembly SIMD, is left
// to indexOf.

import { indexOfFolded, sameBytes, sameFolded } from './fold.ts';

/**
 * The module, hand-assembled (no toolchain in the build): functions
 * `find(start, limit, offset1, offset2, byte1, byte2, fold1, fold2)`: the
 * first p in [start, limit), checked sixteen at a time from start, with
 * (mem[p + offset1] | fold1) == byte1 and (mem[p + offset2] | fold2) == byte2,
 * or -1 (a fold of 0x20 finds a lower-case letter in either case); `findAny`,
 * the same for two such pairs (a second needle's six numbers follow), a p
 * where either is found: one pass for two needles (a JSON search: its word and
 * `"event"`) costs less than two; and each without the folds (`findPlain`,
 * `findAnyPlain`: the `|` costs a tenth when nothing is case-blind). It loads
 * mem[p + offset, p + offset + 16) for each block: the caller keeps
 * limit + 15 + the largest offset within the piece.
 */
function finder(pairs: number, fold: boolean): number[] {
  const params = 2 + 6 * pairs;
  const mask = params + 4 * pairs; // after the v128 locals: each pair's two bytes and two folds, splatted
  const body = [0x02, 4 * pairs, 0x7b, 0x01, 0x7f]; // locals: v128 x 4 per pair, one i32
  for (let i = 0; i < 4 * pairs; i++) body.push(0x20, 2 + 6 * (i >> 2) + 2 + (i & 3), 0xfd, 0x0f, 0x21, params + i); // splat byte1, byte2, fold1, fold2
  body.push(0x02, 0x40, 0x03, 0x40); // block, loop
  body.push(0x20, 0x00, 0x20, 0x01, 0x4f, 0x0d, 0x01); // p >= limit (unsigned): out
  for (let k = 0; k < pairs; k++) {
    for (let j = 0; j < 2; j++) {
      body.push(0x20, 0x00, 0x20, 2 + 6 * k + j, 0x6a, 0xfd, 0x00, 0x00, 0x00); // v128.load(p + offset)
      if (fold) body.push(0x20, params + 4 * k + 2 + j, 0xfd, 0x50); // | fold
      body.push(0x20, params + 4 * k + j, 0xfd, 0x23); // == byte
    }
    body.push(0xfd, 0x4e); // v128.and: both bytes of the pair
    if (k > 0) body.push(0xfd, 0x50); // v128.or: this pair or the ones before
  }
  body.push(0xfd, 0x64, 0x22, mask); // i8x16.bitmask, local.tee mask
  body.push(0x04, 0x40, 0x20, 0x00, 0x20, mask, 0x68, 0x6a, 0x0f, 0x0b); // mask: return p + ctz(mask)
  body.push(0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, 0x0c, 0x00); // p += 16, again
  body.push(0x0b, 0x0b, 0x41, 0x7f, 0x0b); // end loop, end block, -1
  return body;
}
/**
 * `line(at, target, end, out)`: the line of mem[at, end) that holds byte
 * `target`, `at` being a line start: how many `\n` bytes there are in
 * [at, target) (the lines before it), its start (after the last of them, or
 * `at`) stored at mem[out], and its `\n` (the first at or after `target`,
 * -1: none before `end`) at mem[out + 4]. Sixteen bytes at a time (a compare,
 * a bitmask, a popcount, the last or first bit), the last few one by one: it
 * loads nothing past `target` counting, nor past `end` finding the end.
 * Finding a common word's lines cost three calls into node per match
 * (lastIndexOf, indexOf, and an indexOf per line between two matches to
 * number them).
 */
function lineFinder(): number[] {
  // params: 0 at (then p), 1 target, 2 end, 3 out; locals: v128 4 (sixteen `\n`), i32 5 (count), 6 (last `\n`),
  // 7 (mask), v128 8 (sixteen counts), i32 9 (blocks left before the counts are added up), 10 (q, backwards)
  const block = [0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x04, 0xfd, 0x23, 0xfd, 0x64, 0x22, 0x07]; // mask = bitmask(load(p) == `\n`), kept
  const byte = [0x20, 0x00, 0x2d, 0x00, 0x00, 0x41, 0x0a, 0x46]; // mem[p] == `\n`
  const found = (at: number[]) => [0x20, 0x03, ...at, 0x36, 0x02, 0x04, 0x20, 0x05, 0x0f]; // mem[out + 4] = at; return count
  // A loop over p up to `limit` (a param), `step` bytes a time (16: while p + 16 <= limit; 1: while p < limit), doing `body`.
  const loop = (limit: number, step: number, body: number[]) => [
    0x02, 0x40, 0x03, 0x40, // block, loop
    ...(step === 16 ? [0x20, 0x00, 0x41, 0x10, 0x6a, 0x20, limit, 0x4b] : [0x20, 0x00, 0x20, limit, 0x4f]), 0x0d, 0x01, // past limit (unsigned): out
    ...body,
    0x20, 0x00, 0x41, step, 0x6a, 0x21, 0x00, 0x0c, 0x00, // p += step, again
    0x0b, 0x0b, // end loop, end block
  ];
  const lane = (i: number) => [0x20, 0x08, 0xfd, 0x1b, i, 0x6a]; // + lane i of the sums
  return [
    0x04, 0x01, 0x7b, 0x03, 0x7f, 0x01, 0x7b, 0x02, 0x7f, // locals
    0x41, 0x0a, 0xfd, 0x0f, 0x21, 0x04, // splat `\n`
    0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x06, // last = at - 1
    // The lines before target, without a branch per block: each lane counts its `\n` bytes (eq is -1: subtracted),
    // 255 blocks at most, then the sixteen counts are added up into the count.
    0x03, 0x40, // loop
    0x41, 0x00, 0xfd, 0x0f, 0x21, 0x08, 0x41, 0xff, 0x01, 0x21, 0x09, // counts = 0, 255 blocks
    ...loop(1, 16, [
      0x20, 0x09, 0x45, 0x0d, 0x01, // none left: out
      0x20, 0x08, 0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x04, 0xfd, 0x23, 0xfd, 0x71, 0x21, 0x08, // counts -= load(p) == `\n`
      0x20, 0x09, 0x41, 0x01, 0x6b, 0x21, 0x09,
    ]),
    0x20, 0x08, 0xfd, 0x7d, 0xfd, 0x7f, 0x21, 0x08, // the counts, pairwise, into four
    0x20, 0x05, ...lane(0), ...lane(1), ...lane(2), ...lane(3), 0x21, 0x05,
    0x20, 0x09, 0x45, 0x0d, 0x00, // stopped for the 255: again
    0x0b,
    ...loop(1, 1, [...byte, 0x04, 0x40, 0x20, 0x05, 0x41, 0x01, 0x6a, 0x21, 0x05, 0x0b]), // the rest, one by one
    // The last of them, backwards from target: sixteen at a time while they lie after `at`, then one by one.
    0x20, 0x01, 0x21, 0x0a, // q = target
    0x02, 0x40, 0x02, 0x40, 0x03, 0x40, // block (found), block, loop
    0x20, 0x0a, 0x41, 0x10, 0x6b, 0x20, 0x06, 0x4c, 0x0d, 0x01, // q - 16 <= last (before at): out
    0x20, 0x0a, 0x41, 0x10, 0x6b, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x04, 0xfd, 0x23, 0xfd, 0x64, 0x22, 0x07, // mask of [q - 16, q)
    0x04, 0x40, 0x20, 0x0a, 0x41, 0x0f, 0x6a, 0x20, 0x07, 0x67, 0x6b, 0x21, 0x06, 0x0c, 0x03, 0x0b, // mask: last = q + 15 - clz(mask), found
    0x20, 0x0a, 0x41, 0x10, 0x6b, 0x21, 0x0a, 0x0c, 0x00, // q -= 16, again
    0x0b, 0x0b,
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, 0x0a, 0x20, 0x06, 0x41, 0x01, 0x6a, 0x4c, 0x0d, 0x01, // q <= at: out (none: last stays at - 1)
    0x20, 0x0a, 0x41, 0x01, 0x6b, 0x22, 0x0a, 0x2d, 0x00, 0x00, 0x41, 0x0a, 0x46, // mem[--q] == `\n`
    0x04, 0x40, 0x20, 0x0a, 0x21, 0x06, 0x0c, 0x03, 0x0b, // last = q, found
    0x0c, 0x00,
    0x0b, 0x0b,
    0x0b, // found
    0x20, 0x03, 0x20, 0x06, 0x41, 0x01, 0x6a, 0x36, 0x02, 0x00, // mem[out] = last + 1
    0x20, 0x01, 0x21, 0x00, // p = target
    // The line's end: p + ctz(mask) at the first mask, then one by one; none: -1.
    ...loop(2, 16, [...block, 0x04, 0x40, ...found([0x20, 0x00, 0x20, 0x07, 0x68, 0x6a]), 0x0b]),
    ...loop(2, 1, [...byte, 0x04, 0x40, ...found([0x20, 0x00]), 0x0b]),
    ...found([0x41, 0x7f]),
    0x0b,
  ];
}

/** A size or count as unsigned LEB128. */
const leb = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...leb(n >> 7)]);
/** A section: its id, then its content's size. */
const section = (id: number, content: number[]): number[] => [id, ...leb(content.length), ...content];
const i32s = (n: number): number[] => Array<number>(n).fill(0x7f);
/** The functions: name, pairs, folds. Type 0 takes one pair, type 1 two. */
const FUNCTIONS: readonly [string, number, boolean][] = [['find', 1, true], ['findPlain', 1, false], ['findAny', 2, true], ['findAnyPlain', 2, false]];
const BODIES = [...FUNCTIONS.map(([, pairs, fold]) => finder(pairs, fold)), lineFinder()];
const NAMES = [...FUNCTIONS.map(([name]) => name), 'line'];
const MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // types: (i32 x 8) -> i32, (i32 x 14) -> i32, (i32 x 4) -> i32
  ...section(1, [0x03, 0x60, 0x08, ...i32s(8), 0x01, 0x7f, 0x60, 0x0e, ...i32s(14), 0x01, 0x7f, 0x60, 0x04, ...i32s(4), 0x01, 0x7f]),
  ...section(2, [0x01, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x00]), // import m.mem, a memory of any size
  ...section(3, [BODIES.length, ...FUNCTIONS.map(([, pairs]) => pairs - 1), 0x02]),
  ...section(7, [NAMES.length, ...NAMES.flatMap((name, i) => [name.length, ...Buffer.from(name), 0x00, i])]),
  ...section(10, [BODIES.length, ...BODIES.flatMap((body) => [...leb(body.length), ...body])]),
]);

/** Reading buffers the arena holds (chunks.ts keeps up to four, of 1 MiB), and what each block load may read past a window. */
const SLOTS = 4;
const SLOT_BYTES = 1 << 20;
const PAGE = 1 << 16;
/** After the slots, one page for what a function returns besides its result (`line`: a line's start and end). */
const OUT = SLOTS * SLOT_BYTES;
const ARENA_PAGES = OUT / PAGE + 1;

type Find = (start: number, limit: number, offset1: number, offset2: number, byte1: number, byte2: number, fold1: number, fold2: number) => number;
type FindAny = (start: number, limit: number, ...pairs: number[]) => number;

let memory: ArrayBuffer | undefined;
let find: Find | undefined;
let findPlain: Find | undefined;
let findAny: FindAny | undefined;
let findAnyPlain: FindAny | undefined;
let line: ((at: number, target: number, end: number, out: number) => number) | undefined;
/** mem[OUT, OUT + 8) as two numbers. */
let lineEnds: Int32Array | undefined;
let slotsGiven = 0;

function load(): void {
  if (find || memory === null) return;
  try {
    const wasmMemory = new WebAssembly.Memory({ initial: ARENA_PAGES, maximum: ARENA_PAGES });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { m: { mem: wasmMemory } });
    find = instance.exports.find as Find;
    findPlain = instance.exports.findPlain as Find;
    findAny = instance.exports.findAny as FindAny;
    findAnyPlain = instance.exports.findAnyPlain as FindAny;
    line = instance.exports.line as typeof line;
    memory = wasmMemory.buffer;
    lineEnds = new Int32Array(memory, OUT, 2);
  } catch {
    memory = undefined; // no WebAssembly SIMD here: indexOf does it all
    find = undefined;
    findPlain = undefined;
    findAny = undefined;
    findAnyPlain = undefined;
    line = undefined;
    lineEnds = undefined;
  }
}

/** A reading buffer of `size` bytes in the module's memory, while there is room (each is handed out once: chunks.ts reuses it). */
export function arenaBuffer(size: number): Buffer | undefined {
  if (size > SLOT_BYTES || slotsGiven >= SLOTS) return undefined;
  load();
  if (!memory) return undefined;
  return Buffer.from(memory, SLOT_BYTES * slotsGiven++, SLOT_BYTES);
}

/** Whether `buffer` is in the module's memory (searched by SIMD). */
export function inArena(buffer: Buffer): boolean {
  return memory !== undefined && buffer.buffer === memory;
}

/** Where a line found by lineInArena starts and ends, and how many lines come before it (from `at`). */
export interface FoundLine {
  start: number;
  /** Its `\n`, or `end` when it has none before it. */
  end: number;
  before: number;
}

/**
 * The line of `piece[at, end)` that holds byte `target` (`at` is a line start), in `into`, and how many lines
 * of the piece lie between `at` and it (the `\n` bytes in [at, its start)); false when the piece is not in the
 * arena (the caller finds it otherwise).
 */
export function lineInArena(piece: Buffer, at: number, target: number, end: number, into: FoundLine): boolean {
  if (!line || piece.buffer !== memory) return false;
  const base = piece.byteOffset;
  into.before = line(base + at, base + target, base + end, OUT);
  into.start = lineEnds![0]! - base;
  const newline = lineEnds![1]!;
  into.end = newline < 0 ? end : newline - base;
  return true;
}

/** Past this many false candidates (plus one per KiB searched), the pair is common here: indexOf takes over. */
const MISSES = 32;

/**
 * Where `needle` (two bytes or more) is in `piece` from `from`, or -1: what
 * `piece.indexOf(needle, from)` gives; `rare1` and `rare2` are two different
 * positions in the needle, its rarest bytes; `blind`: a case-blind needle
 * (lower case, found up to ASCII case). undefined when the piece is not in the
 * arena (the caller searches otherwise).
 */
export function findInArena(piece: Buffer, needle: Buffer, from: number, rare1: number, rare2: number, blind = false): number | undefined {
  if (!find || piece.buffer !== memory) return undefined;
  const length = needle.length;
  const base = piece.byteOffset;
  const end = base + piece.length;
  const far = Math.max(rare1, rare2);
  // Block loads read p + far .. p + far + 15: the last block must start at or before end - far - 16.
  const limit = end - far - 15;
  const byte1 = needle[rare1]!;
  const byte2 = needle[rare2]!;
  const fold1 = blind && byte1 >= 0x61 && byte1 <= 0x7a ? 0x20 : 0;
  const fold2 = blind && byte2 >= 0x61 && byte2 <= 0x7a ? 0x20 : 0;
  const search = fold1 || fold2 ? find : findPlain!;
  let start = base + from;
  let misses = 0;
  while (start < limit) {
    const at = search(start, limit, rare1, rare2, byte1, byte2, fold1, fold2);
    if (at < 0) {
      // The blocks ended at the first start + 16k at or past limit: the rest is searched by indexOf.
      start += Math.ceil((limit - start) / 16) * 16;
      break;
    }
    const offset = at - base;
    if (offset + length > piece.length) return -1;
    if (blind ? sameFolded(piece, offset, needle) : sameBytes(piece, offset, needle)) return offset;
    if (++misses > MISSES && misses > (offset - from) >> 10) return blind ? indexOfFolded(piece, needle, offset + 1) : piece.indexOf(needle, offset + 1);
    start = at + 1;
  }
  return blind ? indexOfFolded(piece, needle, start - base) : piece.indexOf(needle, start - base);
}

/** Two bytes of a needle compared at once (its rarest), and its fold (blind: fold.ts). */
export interface NeedlePair {
  needle: Buffer;
  rare1: number;
  rare2: number;
  blind: boolean;
}

/**
 * Where the first of two needles (each by a pair of its bytes) is in `piece`
 * from `from`, in one SIMD pass, or -1: what the lesser of two `findInArena`
 * gives, whole needles compared by `check(offset)` (whether one of them is
 * at `offset`), the piece's last window starts, or all of it once the pairs
 * prove common here, left to `rest(from)`. undefined when the piece is not
 * in the arena.
 */
export function findEitherInArena(piece: Buffer, from: number, pairs: readonly [NeedlePair, NeedlePair], check: (offset: number) => boolean, rest: (from: number) => number): number | undefined {
  if (!findAny || piece.buffer !== memory) return undefined;
  const base = piece.byteOffset;
  const end = base + piece.length;
  const far = Math.max(pairs[0].rare1, pairs[0].rare2, pairs[1].rare1, pairs[1].rare2);
  const limit = end - far - 15;
  const args: number[] = [];
  for (const { needle, rare1, rare2, blind } of pairs) {
    const byte1 = needle[rare1]!;
    const byte2 = needle[rare2]!;
    args.push(rare1, rare2, byte1, byte2, blind && byte1 >= 0x61 && byte1 <= 0x7a ? 0x20 : 0, blind && byte2 >= 0x61 && byte2 <= 0x7a ? 0x20 : 0);
  }
  const search = args.some((value, i) => i % 6 >= 4 && value !== 0) ? findAny : findAnyPlain!;
  let start = base + from;
  let misses = 0;
  while (start < limit) {
    const at = search(start, limit, ...args);
    if (at < 0) {
      start += Math.ceil((limit - start) / 16) * 16;
      break;
    }
    const offset = at - base;
    if (check(offset)) return offset;
    if (++misses > MISSES && misses > (offset - from) >> 10) return rest(offset + 1);
    start = at + 1;
  }
  return rest(start - base);
}
