// The store of lines gone off the screen's top (src/terminal/gone-lines.ts): what a taller pane pulls back must be
// what went in, code unit for code unit (a line cut at a length can end in half a surrogate pair), rows included,
// after any number of the oldest were dropped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { GoneLines } from '../../src/terminal/gone-lines.ts';

const line = fc.tuple(
  fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('x'.repeat(300000))),
  fc.oneof(fc.nat(40), fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { maxLength: 6 })),
  fc.integer({ min: 1, max: 9 }),
);

describe('GoneLines', () => {
  it('gives back every line kept, text, rows and weight, after pushes and drops in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(line, fc.nat(50)), { maxLength: 200 }), (steps) => {
        const store = new GoneLines();
        let model: [string, number | string[], number][] = [];
        for (const step of steps) {
          if (typeof step === 'number') {
            store.dropOldest(step);
            model = model.slice(Math.max(0, step));
          } else {
            store.push(...step);
            model.push(step);
          }
        }
        assert.equal(store.length, model.length);
        assert.equal(store.weight, model.reduce((sum, [, , weight]) => sum + weight, 0));
        for (let i = 0; i < model.length; i++) {
          assert.equal(store.text(i), model[i]![0]);
          assert.deepEqual(store.rows(i), model[i]![1]);
          assert.equal(store.lineWeight(i), model[i]![2]);
        }
        store.clear();
        assert.equal(store.length + store.weight, 0);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a lone surrogate as it is (a long line cut at its last screenful)', () => {
    const store = new GoneLines();
    store.push('a\ud83d', ['\ude00b', 'x\ud800'], 2);
    assert.equal(store.text(0), 'a\ud83d');
    assert.deepEqual(store.rows(0), ['\ude00b', 'x\ud800']);
  });
});
