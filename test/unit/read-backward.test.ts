// `grep -C`'s search backwards for the lines of a pane (read/backward.ts):
// it finds what a plain `lastIndexOf` per needle finds (a property), and it
// looks at each byte of a window a bounded number of times, however many lines
// it holds and whether or not a needle is in it (counted, not timed).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BackwardSearch } from '../../src/read/backward.ts';

describe('the backward search of grep -C', () => {
  it('finds the nearest needle before each position, as lastIndexOf does (a property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '\n'), maxLength: 200 }),
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (text, needleTexts, steps) => {
          const bytes = Buffer.from(text);
          const needles = needleTexts.map((needle) => Buffer.from(needle));
          const search = new BackwardSearch(bytes, needles);
          // Positions only go backwards, as context.ts moves them.
          let position = bytes.length;
          for (const step of [0, ...steps]) {
            position = Math.max(0, position - (step % 20));
            const expected = Math.max(-1, ...needles.map((needle) => (position === 0 ? -1 : bytes.lastIndexOf(needle, position - 1))));
            assert.equal(search.previous(position), expected, `at ${position}`);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a window of many lines with one needle absent is looked at a few times, not once per line', () => {
    // The review's case (a 16 MB log of such lines): every line holds one pane's tag, the other
    // needle (a JSON place) is nowhere. context.ts reads 256 KiB windows; this is a few of them.
    const line = '2026-11-25T10:00:00.000Z root s:0.0 | "window":"0","pane":"9", s:0.1 y\n';
    const bytes = Buffer.from(line.repeat(5_000));
    // The bytes each of its searches goes over, counted on the window it is given (its only way to look at it).
    let scanned = 0;
    const lastIndexOf = bytes.lastIndexOf.bind(bytes);
    bytes.lastIndexOf = (needle: string | number | Uint8Array, from?: number | BufferEncoding) => {
      assert.ok(typeof from === 'number', 'searched from a position');
      const found = lastIndexOf(needle, from);
      scanned += from + 1 - Math.max(found, 0);
      return found;
    };
    const search = new BackwardSearch(bytes, [Buffer.from(' s:0.1 '), Buffer.from('"window":"0","pane":"1"')]);
    let lines = 0;
    for (let position = bytes.length; position > 0; ) {
      const at = search.previous(position);
      if (at < 0) break;
      lines++;
      position = lastIndexOf(10, at) + 1; // not counted: the test's own look
    }
    assert.equal(lines, 5_000);
    assert.ok(scanned > 0 && scanned <= 3 * bytes.length, `scanned ${scanned} bytes of ${bytes.length}`);
  });
});
