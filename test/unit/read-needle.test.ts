// needle.ts finds a short byte string by its rarest byte: whatever the piece
// and the needle, it must answer exactly what Buffer.indexOf answers (a
// property), including where the sample misleads it (the rare byte common
// after the first 8 KiB: it falls back to indexOf) and at the piece's ends.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findNeedle, sampleBytes } from '../../src/read/needle.ts';

const bytes = (alphabet: string, maxLength: number) => fc.array(fc.constantFrom(...Buffer.from(alphabet)), { maxLength }).map((array) => Buffer.from(array));

describe('findNeedle', () => {
  it('gives what Buffer.indexOf gives (a property, small alphabets so needles are found)', () =>
    fc.assert(
      fc.property(bytes('rm -f\nx', 3000), bytes('rm -f\nx', 8), fc.nat({ max: 3100 }), (piece, needle, from) => {
        assert.equal(findNeedle(piece, needle, from, () => sampleBytes(piece)), piece.indexOf(needle, from));
      }),
      { numRuns: 2000 },
    ));

  it('a sample that misleads: the rare byte is everywhere after it, the needle at the very end', () => {
    const piece = Buffer.concat([Buffer.alloc(8192, 'r'), Buffer.alloc(200_000, 'f'), Buffer.from('rm -rf')]);
    assert.equal(findNeedle(piece, Buffer.from('rm -rf'), 0, () => sampleBytes(piece)), piece.length - 6);
    assert.equal(findNeedle(piece, Buffer.from('rm -rg'), 0, () => sampleBytes(piece)), -1);
    assert.equal(findNeedle(piece, Buffer.from('rf'), 8192, () => sampleBytes(piece)), piece.length - 2);
    assert.equal(findNeedle(piece, Buffer.from('rf'), 100, () => sampleBytes(piece)), 8191);
  });

  it('a needle cut by the end of the piece is not found; one at the start is', () => {
    const piece = Buffer.from('rm -rf /\nls\nrm -r');
    assert.equal(findNeedle(piece, Buffer.from('rm -rf'), 0, () => sampleBytes(piece)), 0);
    assert.equal(findNeedle(piece, Buffer.from('rm -rf'), 1, () => sampleBytes(piece)), -1);
  });
});
