// The rearrangements verify tries on a broken stretch's pieces (src/chain/segment-moves.ts): a file swapped
// with one holding none of the recording's lines moves a piece past others, which no swap of two pieces undoes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lineMovesByStamp, orderOf, pieceRearrangementThatHolds } from '../../src/chain/segment-moves.ts';

/** The pieces as written, then as read after files `a` < `b` of `holds` (which file holds which piece, or none) are swapped. */
function afterSwap(holds: readonly (number | undefined)[], a: number, b: number): number[] {
  const order = [...holds];
  [order[a], order[b]] = [order[b], order[a]];
  return order.filter((piece): piece is number => piece !== undefined);
}

describe('rearranging a stretch\'s pieces', () => {
  it('undoes any swap of two files of a stretch of up to 64 pieces, whichever of them hold pieces (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 2, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 8 }), (filled, x, apart) => {
        let next = 0;
        const holds = filled.map((has) => (has ? next++ : undefined));
        const a = x % filled.length;
        const b = Math.min(filled.length - 1, a + apart);
        const read = afterSwap(holds, a, b);
        const written = read.map((_, i) => i);
        fc.pre(a !== b && read.join() !== written.join());
        const found = pieceRearrangementThatHolds(read.length, (order) => order.map((at) => read[at]).join() === written.join());
        assert.ok(found, `files ${a} and ${b}: read ${read.join()}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('names the piece moved and where it belongs', () => {
    // Pieces 0 1 2 3 4 written; 1's file swapped with a later one holding none, past 2 and 3: read 0 2 3 1 4.
    const read = [0, 2, 3, 1, 4];
    const found = pieceRearrangementThatHolds(read.length, (order) => order.map((at) => read[at]).join() === '0,1,2,3,4');
    assert.deepEqual(found, { kind: 'before', pieces: [3, 1, 0] });
    // 3's file swapped with an earlier one holding none: read 0 3 1 2 4.
    const early = [0, 3, 1, 2, 4];
    assert.deepEqual(pieceRearrangementThatHolds(early.length, (order) => order.map((at) => early[at]).join() === '0,1,2,3,4'), { kind: 'after', pieces: [1, 3, 4] });
    assert.equal(pieceRearrangementThatHolds(3, () => false), undefined);
  });

  it('tries no more than it is given (a huge segment is given up on)', () => {
    let asked = 0;
    assert.equal(pieceRearrangementThatHolds(64, () => (asked++, false), 100), undefined);
    assert.equal(asked, 100);
    asked = 0;
    assert.equal(pieceRearrangementThatHolds(64, () => (asked++, false)), undefined);
    assert.ok(asked > 5000, `${asked} tries of 64 pieces`);
  });
});

describe('one line out of stamp order', () => {
  const orders = (ms: number[]) => lineMovesByStamp(ms)?.map((move) => orderOf(ms.map((_, i) => i), move).join(''));

  it('puts the early line back where its stamp fits, or the line before it on past the lines stamped before it', () => {
    // Stamps 1 2 3 4 5 written; 4 moved back to after 1: read 1 4 2 3 5. Only taking out the 4 sorts them.
    assert.deepEqual(orders([1, 4, 2, 3, 5]), ['02314']);
    // 2 moved on to after 4: read 1 3 4 2 5: only the 2, back before the 3.
    assert.deepEqual(orders([1, 3, 4, 2, 5]), ['03124']);
    // An edit stamped 1 earlier than its predecessor: read 1 2 5 4 6 (the 4 was 6): both ways are one order.
    assert.deepEqual(orders([1, 2, 5, 4, 6]), ['01324']);
  });

  it('every place among lines of one stamp, and none when more than one line is out of place', () => {
    assert.deepEqual(orders([1, 3, 3, 3, 5, 3]), ['012354', '012534', '015234', '051234']);
    // A block moved: 1 4 5 2 3 6 (2 3 after 4 5) needs two lines out.
    assert.equal(lineMovesByStamp([1, 4, 5, 2, 3, 6]), undefined);
    assert.equal(lineMovesByStamp([1, 2, 3]), undefined);
  });
});
