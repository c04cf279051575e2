// The reader's questions about the pane's size (capture/size-questions.ts):
// answers that come back out of order never put an older size over a newer one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SizeQuestions } from '../../src/capture/size-questions.ts';

describe('size questions', () => {
  it('an answer older than one taken is dropped', () => {
    const sizes = new SizeQuestions({ columns: 80, rows: 24 });
    const first = sizes.ask();
    const second = sizes.ask();
    assert.deepEqual(sizes.answer(second, { columns: 40, rows: 24 }), { columns: 40, rows: 24 });
    assert.equal(sizes.answer(first, { columns: 80, rows: 24 }), undefined, 'the older answer came last');
    assert.equal(sizes.differs(sizes.ask(), { columns: 40, rows: 24 }), false, 'the newer size is the one kept');
  });

  it('no answer takes nothing; a later question still counts', () => {
    const sizes = new SizeQuestions();
    const first = sizes.ask();
    const second = sizes.ask();
    assert.equal(sizes.answer(second, undefined), undefined);
    assert.deepEqual(sizes.answer(first, { columns: 30, rows: 10 }), { columns: 30, rows: 10 });
  });

  it("the beat's answer says a size differs only when it is news", () => {
    const sizes = new SizeQuestions({ columns: 80, rows: 24 });
    const beat = sizes.ask();
    assert.equal(sizes.differs(beat, { columns: 80, rows: 24 }), false);
    assert.equal(sizes.differs(beat, { columns: 80, rows: 23 }), true);
    const signal = sizes.ask();
    sizes.answer(signal, { columns: 60, rows: 20 });
    assert.equal(sizes.differs(beat, { columns: 80, rows: 24 }), false, 'asked before the size taken: stale');
    assert.equal(sizes.differs(sizes.ask(), undefined), false);
  });
});
