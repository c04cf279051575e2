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

import { indexOfFolded, sameFolded } from './fold.ts';

/**
 * The module, hand-assembled (no toolchain in the build): one function
 * `find(start, limit, offset1, offset2, byte1, byte2, fold1, fold2)`: the
 * first p in [start, limit), checked sixteen at a time from start, with
 * (mem[p + offset1] | fold1) == byte1 and (mem[p + offset2] | fold2) == byte2,
 * or -1 (a fold of 0x20 finds a lower-case letter in either case). It loads
 * mem[p + offset, p + offset + 16) for each block: the caller keeps
 * limit + 15 + max(offset1, offset2) within the piece.
 */
const BODY = [
  0x02, 0x04, 0x7b, 0x01, 0x7f, // locals: 8, 9, 10, 11 v128; 12 i32
  0x20, 0x04, 0xfd, 0x0f, 0x21, 0x08, // v1 = i8x16.splat(byte1)
  0x20, 0x05, 0xfd, 0x0f, 0x21, 0x09, // v2 = i8x16.splat(byte2)
  0x20, 0x06, 0xfd, 0x0f, 0x21, 0x0a, // f1 = i8x16.splat(fold1)
  0x20, 0x07, 0xfd, 0x0f, 0x21, 0x0b, // f2 = i8x16.splat(fold2)
  0x02, 0x40, 0x03, 0x40, // block, loop
  0x20, 0x00, 0x20, 0x01, 0x4f, 0x0d, 0x01, // p >= limit (unsigned): out
  0x20, 0x00, 0x20, 0x02, 0x6a, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x0a, 0xfd, 0x50, 0x20, 0x08, 0xfd, 0x23, // (v128.load(p + offset1) | f1) == v1
  0x20, 0x00, 0x20, 0x03, 0x6a, 0xfd, 0x00, 0x00, 0x00, 0x20, 0x0b, 0xfd, 0x50, 0x20, 0x09, 0xfd, 0x23, // (v128.load(p + offset2) | f2) == v2
  0xfd, 0x4e, 0xfd, 0x64, 0x22, 0x0c, // v128.and, i8x16.bitmask, local.tee mask
  0x04, 0x40, 0x20, 0x00, 0x20, 0x0c, 0x68, 0x6a, 0x0f, 0x0b, // mask: return p + ctz(mask)
  0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, 0x0c, 0x00, // p += 16, again
  0x0b, 0x0b, // end loop, end block
  0x41, 0x7f, 0x0b, // -1
];
/** A section: its id, then its content's size (under 128 here: one LEB byte). */
const section = (id: number, content: number[]): number[] => [id, content.length, ...content];
const MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [0x01, 0x60, 0x08, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x01, 0x7f]), // type 0: (i32 x 8) -> i32
  ...section(2, [0x01, 0x01, 0x6d, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x00]), // import m.mem, a memory of any size
  ...section(3, [0x01, 0x00]), // one function, of type 0
  ...section(7, [0x01, 0x04, 0x66, 0x69, 0x6e, 0x64, 0x00, 0x00]), // exported as "find"
  ...section(10, [0x01, BODY.length, ...BODY]),
]);

/** Reading buffers the arena holds (chunks.ts keeps up to four, of 1 MiB), and what each block load may read past a window. */
const SLOTS = 4;
const SLOT_BYTES = 1 << 20;
const PAGE = 1 << 16;
const ARENA_PAGES = (SLOTS * SLOT_BYTES) / PAGE;

type Find = (start: number, limit: number, offset1: number, offset2: number, byte1: number, byte2: number, fold1: number, fold2: number) => number;

let memory: ArrayBuffer | undefined;
let find: Find | undefined;
let slotsGiven = 0;

function load(): void {
  if (find || memory === null) return;
  try {
    const wasmMemory = new WebAssembly.Memory({ initial: ARENA_PAGES, maximum: ARENA_PAGES });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { m: { mem: wasmMemory } });
    find = instance.exports.find as Find;
    memory = wasmMemory.buffer;
  } catch {
    memory = undefined; // no WebAssembly SIMD here: indexOf does it all
    find = undefined;
  }
}

/** A reading buffer of `size` bytes in the module's memory, while there is room (each is handed out once: chunks.ts reuses it). */
export function arenaBuffer(size: number): Buffer | undefined {
  if (size > SLOT_BYTES || slotsGiven >= SLOTS) return undefined;
  load();
  if (!memory) return undefined;
  return Buffer.from(memory, SLOT_BYTES * slotsGiven++, SLOT_BYTES);
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
  let start = base + from;
  let misses = 0;
  while (start < limit) {
    const at = find(start, limit, rare1, rare2, byte1, byte2, fold1, fold2);
    if (at < 0) {
      // The blocks ended at the first start + 16k at or past limit: the rest is searched by indexOf.
      start += Math.ceil((limit - start) / 16) * 16;
      break;
    }
    const offset = at - base;
    if (offset + length > piece.length) return -1;
    if (blind ? sameFolded(piece, offset, needle) : piece.compare(needle, 0, length, offset, offset + length) === 0) return offset;
    if (++misses > MISSES && misses > (offset - from) >> 10) return blind ? indexOfFolded(piece, needle, offset + 1) : piece.indexOf(needle, offset + 1);
    start = at + 1;
  }
  return blind ? indexOfFolded(piece, needle, start - base) : piece.indexOf(needle, start - base);
}
