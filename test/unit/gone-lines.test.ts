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

  it('long lines ending in half a surrogate pair, checked after every push and drop: the Buffer grows and shrinks without losing a unit', () => {
    // Lines of 100-400 K units make the Buffer grow past 1 MiB and shrink again when they are dropped (dropOldest):
    // a copy from the wrong offset there, or a line read back from the wrong place, shows at the next step.
    const big = fc.integer({ min: 100_000, max: 400_000 }).map((units) => `${'y'.repeat(units - 1)}\ud83d`);
    const long = fc.tuple(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), big),
      fc.oneof(fc.nat(40), fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 4 })),
      fc.integer({ min: 1, max: 9 }),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(long, long, long, fc.nat(6)), { maxLength: 60 }), (steps) => {
        const store = new GoneLines();
        let model: [string, number | string[], number][] = [];
        for (const step of steps) {
          if (typeof step === 'number') {
            store.dropOldest(step);
            model = model.slice(step);
          } else {
            store.push(...step);
            model.push(step);
          }
          assert.equal(store.length, model.length);
          for (let i = 0; i < model.length; i++) {
            assert.equal(store.text(i), model[i]![0]);
            assert.deepEqual(store.rows(i), model[i]![1]);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('holds no more room for rows than the lines kept need, however many came and went (drops and clears)', () => {
    // The rows' lengths are kept in one array, indexed from the oldest line kept: a drop or a clear that left that
    // index where it was grew the array by every row ever pushed (a flood of wrapped lines: megabytes).
    const rowsRoom = (store: GoneLines): number => (store as unknown as { rowLengths: Int32Array }).rowLengths.length;
    const store = new GoneLines();
    for (let i = 0; i < 20_000; i++) {
      store.push('ab', ['a', 'b', 'c'], 3);
      if (store.length > 100) store.dropOldest(50);
    }
    assert.ok(rowsRoom(store) <= 1024, `room for ${rowsRoom(store)} rows after drops, ${store.length} lines of 3 rows kept`);
    const cleared = new GoneLines();
    for (let i = 0; i < 20_000; i++) {
      cleared.push('ab', ['a', 'b', 'c'], 3);
      if (cleared.length >= 10) cleared.clear();
    }
    assert.ok(rowsRoom(cleared) <= 1024, `room for ${rowsRoom(cleared)} rows after clears`);
  });

  it('keeps a lone surrogate as it is (a long line cut at its last screenful)', () => {
    const store = new GoneLines();
    store.push('a\ud83d', ['\ude00b', 'x\ud800'], 2);
    assert.equal(store.text(0), 'a\ud83d');
    assert.deepEqual(store.rows(0), ['\ude00b', 'x\ud800']);
  });
});
