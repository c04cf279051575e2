// `grep -i`'s shortlist: a needle found up to ASCII case. Without the u flag,
// a case-blind JavaScript expression never pairs an ASCII character with a
// non-ASCII one, so a line whose text matches holds the expression's required
// ASCII string in its bytes in some mix of cases (JSON lines: json-shortlist.ts
// says when their bytes are their text).

/** Needles to be found up to ASCII case (`grep -i`): printable ASCII, lower-cased. */
export const CASE_BLIND = new WeakSet<Buffer>();

/** `lower` (printable ASCII, lower case) as a needle that findNeedle finds up to ASCII case. */
export function caseBlindNeedle(lower: Buffer): Buffer {
  CASE_BLIND.add(lower);
  return lower;
}

export function isCaseBlind(needle: Buffer): boolean {
  return CASE_BLIND.has(needle);
}

const isLower = (byte: number) => byte >= 0x61 && byte <= 0x7a;

/**
 * Whether `piece[at, at + bytes.length)` is `bytes`: a loop, not Buffer.compare, whose call into node's bindings
 * (~100 ns) cost more than the needle's few bytes (a common word is checked at each of its millions of finds).
 */
export function sameBytes(piece: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at < 0 || at + bytes.length > piece.length) return false;
  for (let i = 0; i < bytes.length; i++) if (piece[at + i] !== bytes[i]) return false;
  return true;
}

/** Whether `piece[at, at + lower.length)` is `lower` up to ASCII case. */
export function sameFolded(piece: Uint8Array, at: number, lower: Buffer): boolean {
  if (at < 0 || at + lower.length > piece.length) return false;
  for (let i = 0; i < lower.length; i++) {
    const byte = piece[at + i]!;
    const want = lower[i]!;
    if (byte !== want && !(isLower(want) && byte === want - 0x20)) return false;
  }
  return true;
}

/** Where `lower` is, up to ASCII case, in `piece[from, to)`, byte by byte (a buffer outside the SIMD arena, or a line). */
export function indexOfFolded(piece: Buffer, lower: Buffer, from: number, to = piece.length): number {
  for (let at = Math.max(0, from); at + lower.length <= to; at++) if (sameFolded(piece, at, lower)) return at;
  return -1;
}

