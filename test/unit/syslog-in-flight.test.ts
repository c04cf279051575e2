// What a stream collector may not have got (sinks/syslog/in-flight.ts): kept
// until it ages, given back when the link breaks, and what was too much to
// keep counted, never silently forgotten.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Batch, InFlight } from '../../src/sinks/syslog/in-flight.ts';

const batch = (first: number, last: number, chars = 10): Batch => ({ data: 'x'.repeat(chars), records: last - first + 1, first, last });

describe('in flight', () => {
  it('a batch is given back until the collector has read for the age after the kernel took it', () => {
    const f = new InFlight(1000, 3000);
    const a = batch(0, 4);
    const b = batch(5, 9);
    f.sent(a);
    f.sent(b);
    f.taken(a, 1000);
    f.age(3999);
    assert.equal(f.size, 20, 'not aged yet');
    f.age(4000);
    assert.equal(f.size, 10, 'a aged, b never taken');
    f.age(100_000);
    const { resend, lost } = f.broke();
    assert.deepEqual(resend.map((x) => x.first), [5]);
    assert.equal(lost.records, 0);
    assert.equal(f.size, 0);
  });

  it('a pause restarts the clock: what the kernel holds is read only from then', () => {
    const f = new InFlight(1000, 3000);
    const a = batch(0, 0);
    f.sent(a);
    f.taken(a, 0);
    f.reading(2500);
    f.age(4000);
    assert.equal(f.broke().resend.length, 1);
  });

  it('past the bound, batches are let go but counted as possibly lost until they age', () => {
    const f = new InFlight(25, 3000);
    const [a, b, c] = [batch(0, 1), batch(2, 3), batch(4, 5)];
    f.sent(a);
    f.taken(a, 0);
    f.sent(b);
    f.sent(c); // a is let go: 30 > 25
    assert.equal(f.size, 20);
    f.taken(b, 10);
    let { resend, lost } = f.broke();
    assert.deepEqual([resend.map((x) => x.first), lost], [[2, 4], { records: 2, first: 0, last: 1 }]);

    // Let go before the kernel took it: it cannot age until it has.
    const g = new InFlight(15, 3000);
    const [d, e] = [batch(10, 10), batch(11, 11)];
    g.sent(d);
    g.sent(e); // d let go, not yet taken
    g.age(1_000_000);
    g.taken(d, 1_000_000);
    g.taken(e, 1_000_000);
    g.age(1_002_999);
    ({ resend, lost } = g.broke());
    assert.deepEqual([resend.length, lost], [1, { records: 1, first: 10, last: 10 }]);
  });

  it('property: every record sent is delivered by age, given back, or counted lost', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 4000 }), fc.boolean()), { maxLength: 60 }), fc.integer({ min: 10, max: 200 }), (steps, limit) => {
        const f = new InFlight(limit, 3000);
        let now = 0;
        let seq = 0;
        const taken = new Map<number, number>(); // seq -> when its batch was taken
        const pending: Batch[] = [];
        for (const [chars, wait, take] of steps) {
          const b = batch(seq, seq, chars);
          seq++;
          f.sent(b);
          pending.push(b);
          if (take) for (const p of pending.splice(0)) {
            f.taken(p, now);
            taken.set(p.first!, now);
          }
          now += wait;
          f.age(now);
        }
        const { resend, lost } = f.broke();
        const back = new Set(resend.map((b) => b.first!));
        for (let s = 0; s < seq; s++) {
          const delivered = taken.has(s) && now - taken.get(s)! >= 3000;
          const counted = lost.first !== undefined && s >= lost.first && s <= lost.last!;
          assert.ok(delivered || back.has(s) || counted, `seq ${s}`);
        }
        assert.ok(resend.reduce((n, b) => n + b.data.length, 0) <= limit);
      }),
    );
  });
});
