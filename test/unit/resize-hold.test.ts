// The reader's hold on a resize signal (capture/resize-hold.ts): the reads
// after SIGWINCH wait for tmux's answer, which reaches the models first; the
// wait is bounded in time and bytes; signals during a question ask again;
// without a signal every read goes straight through.

import assert from 'node:assert/strict';
import { beforeEach, afterEach, describe, it, mock } from 'node:test';
import { HOLD_BYTES, HOLD_MS, ResizeHold, type AskSize } from '../../src/capture/resize-hold.ts';

type Size = { columns: number; rows: number };

/** A hold whose questions the test answers, and what it passed on, in order. */
function setUp(limits: { holdMs?: number; holdBytes?: number } = {}) {
  const said: string[] = [];
  const delivered: Uint8Array[] = [];
  const pending: ((size: Size | undefined) => void)[] = [];
  const ask: AskSize = (done) => void pending.push(done);
  const hold = new ResizeHold({
    ask,
    deliver: (chunk) => {
      delivered.push(chunk);
      said.push(`out:${Buffer.from(chunk).toString()}`);
    },
    resized: (size) => void said.push(`size:${size.columns}x${size.rows}`),
    ...limits,
  });
  return { hold, said, delivered, pending, answer: (size?: Size) => pending.shift()!(size) };
}

describe('the resize hold', () => {
  beforeEach(() => mock.timers.enable(['setTimeout', 'clearTimeout']));
  afterEach(() => mock.timers.reset());

  it('without a signal, each read goes straight through, not copied, and nothing is asked', () => {
    const { hold, delivered, pending } = setUp();
    const chunk = Buffer.from('plain');
    hold.push(chunk);
    assert.equal(delivered[0], chunk);
    assert.equal(pending.length, 0);
  });

  it('after a signal the reads wait for the answer, which goes first; what waits is a copy', () => {
    const { hold, said, pending, answer } = setUp();
    hold.push(Buffer.from('before'));
    hold.signalled();
    assert.equal(pending.length, 1, 'asked at once');
    const buffer = Buffer.from('redraw');
    hold.push(buffer);
    buffer.write('XXXXXX'); // the reader reuses its buffer
    hold.push(Buffer.from('next'));
    assert.deepEqual(said, ['out:before']);
    answer({ columns: 40, rows: 20 });
    assert.deepEqual(said, ['out:before', 'size:40x20', 'out:redraw', 'out:next']);
    hold.push(Buffer.from('after'));
    assert.deepEqual(said.at(-1), 'out:after', 'nothing held once answered');
  });

  it('an answer that does not come lets the reads go after HOLD_MS; the late size still counts', () => {
    const { hold, said, answer } = setUp();
    hold.signalled();
    hold.push(Buffer.from('a'));
    mock.timers.tick(HOLD_MS - 1);
    assert.deepEqual(said, []);
    mock.timers.tick(1);
    assert.deepEqual(said, ['out:a']);
    hold.push(Buffer.from('b'));
    answer({ columns: 50, rows: 10 });
    hold.push(Buffer.from('c'));
    assert.deepEqual(said, ['out:a', 'out:b', 'size:50x10', 'out:c']);
  });

  it('more than HOLD_BYTES held lets them go at once', () => {
    const { hold, said, answer } = setUp({ holdBytes: 10 });
    hold.signalled();
    hold.push(Buffer.from('123456'));
    assert.deepEqual(said, []);
    hold.push(Buffer.from('789012'));
    assert.deepEqual(said, ['out:123456', 'out:789012']);
    answer({ columns: 30, rows: 5 });
    assert.deepEqual(said.at(-1), 'size:30x5');
    assert.ok(HOLD_BYTES >= 1 << 16, 'the default holds a redraw');
  });

  it('signals while a question is out ask once more when it is answered: the last size wins, then the reads go', () => {
    const { hold, said, pending, answer } = setUp();
    hold.signalled();
    hold.push(Buffer.from('a'));
    hold.signalled();
    hold.signalled();
    assert.equal(pending.length, 1, 'one question out at a time');
    answer({ columns: 60, rows: 20 });
    assert.equal(pending.length, 1, 'asked again');
    assert.deepEqual(said, ['size:60x20']);
    hold.push(Buffer.from('b'));
    answer({ columns: 45, rows: 20 });
    assert.deepEqual(said, ['size:60x20', 'size:45x20', 'out:a', 'out:b']);
    assert.equal(pending.length, 0);
  });

  it('no answer (tmux could not say): the reads go, the size stays', () => {
    const { hold, said, answer } = setUp();
    hold.signalled();
    hold.push(Buffer.from('a'));
    answer(undefined);
    assert.deepEqual(said, ['out:a']);
  });

  it('end lets go of what is held; later signals and answers do nothing', () => {
    const { hold, said, pending, answer } = setUp();
    hold.signalled();
    hold.push(Buffer.from('a'));
    hold.end();
    assert.deepEqual(said, ['out:a']);
    answer({ columns: 10, rows: 10 });
    hold.signalled();
    assert.equal(pending.length, 0);
    hold.push(Buffer.from('b'));
    assert.deepEqual(said, ['out:a', 'out:b']);
  });
});
