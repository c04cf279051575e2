// What a stream collector may not have got (sinks/syslog/in-flight.ts): kept
// until the kernel has taken enough after it that the collector must have
// read it, given back when the link breaks, and what was let go of shortly
// before the break counted, never silently forgotten.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Batch, InFlight } from '../../src/sinks/syslog/in-flight.ts';

const batch = (first: number, last: number, chars = 10): Batch => ({ data: 'x'.repeat(chars), records: last - first + 1, first, last });

describe('in flight', () => {
  it('however long ago it was taken, a batch is given back until the limit has been taken after it', () => {
    const f = new InFlight(25, 3000);
    const [a, b] = [batch(0, 4), batch(5, 9)];
    f.sent(a);
    f.sent(b);
    f.taken(a, 0);
    f.taken(b, 0);
    // A collector frozen for a minute: nothing more taken, nothing let go.
    const { resend, lost } = f.broke(60_000);
    assert.deepEqual(resend.map((x) => x.first), [0, 5]);
    assert.equal(lost.records, 0);
    assert.equal(f.size, 0);

    const g = new InFlight(25, 3000);
    const xs = [0, 1, 2, 3].map((s) => batch(s, s));
    for (const x of xs.slice(0, 3)) {
      g.sent(x);
      g.taken(x, 0);
    }
    assert.equal(g.size, 30, 'the first has 20 after it: kept');
    g.sent(xs[3]!);
    g.taken(xs[3]!, 0);
    assert.equal(g.size, 30, 'the first has 30 after it: let go');
    assert.deepEqual(g.broke(0).resend.map((x) => x.first), [1, 2, 3]);
  });

  it('not taken by the kernel: never let go', () => {
    const f = new InFlight(10, 3000);
    const [a, b] = [batch(0, 0), batch(1, 1, 100)];
    f.sent(a);
    f.sent(b);
    f.taken(b, 0); // out of order cannot happen on a stream, but a batch not taken is kept regardless
    assert.deepEqual(f.broke(100_000).resend.map((x) => x.first), [0, 1]);
  });

  it('let go of within the hold before the break: counted as possibly lost; earlier: not', () => {
    const f = new InFlight(10, 3000);
    const [a, b, c] = [batch(0, 1), batch(2, 3), batch(4, 5)];
    f.sent(a);
    f.taken(a, 0);
    f.sent(b);
    f.taken(b, 1000); // a let go at 1000
    f.sent(c);
    f.taken(c, 2000); // b let go at 2000
    let { resend, lost } = f.broke(4500);
    assert.deepEqual([resend.map((x) => x.first), lost], [[4], { records: 2, first: 2, last: 3 }]);

    // Many let go of: merged into at most a few entries, counting more, never fewer.
    const g = new InFlight(1, 3000);
    for (let s = 0; s < 1000; s++) {
      const x = batch(s, s);
      g.sent(x);
      g.taken(x, s);
    }
    ({ resend, lost } = g.broke(1000));
    assert.deepEqual(resend.map((x) => x.first), [999]);
    assert.ok(lost.records >= 999 && lost.first === 0 && lost.last === 998, JSON.stringify(lost));
  });

  it('under steady output for an hour, a break counts what was let go of in the hold before it, not the whole connection', () => {
    for (const gap of [100, 40, 5]) {
      const window = new InFlight(1000, 3000);
      let seq = 0;
      let t = 0;
      for (; t < 3_600_000; t += gap) {
        const batch: Batch = { data: 'x'.repeat(100), records: 1, first: seq, last: seq };
        seq++;
        window.sent(batch);
        window.taken(batch, t);
        const entries = (window as unknown as { letGo: unknown[] }).letGo.length; // at most about one per 64th of the hold
        assert.ok(entries <= 66, `${entries} entries`);
      }
      const { lost } = window.broke(t);
      // Let go of in the last 3 s (and one slice more, 3000 / 64 ms, at most).
      const recent = Math.ceil((3000 + 3000 / 64) / gap) + 1;
      assert.ok(lost.records >= Math.floor(3000 / gap) - 11 && lost.records <= recent, `every ${gap} ms: ${lost.records} counted`);
      assert.ok(lost.first! >= seq - recent - 10, `every ${gap} ms: from seq ${lost.first} of ${seq}`);
    }
  });

  it('property: every record sent is given back, counted lost, or was let go of (read) at least the hold before the break', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 2000 }), fc.boolean()), { maxLength: 200 }),
        fc.integer({ min: 10, max: 200 }),
        fc.integer({ min: 0, max: 5000 }),
        (steps, limit, last) => {
          const f = new InFlight(limit, 3000);
          let now = 0;
          let seq = 0;
          let takenChars = 0;
          /** seq -> characters taken when its batch was taken, and what the kernel had taken at each time. */
          const takenAt = new Map<number, number>();
          const history: [number, number][] = [];
          const pending: Batch[] = [];
          for (const [chars, wait, take] of steps) {
            const b = batch(seq, seq, chars);
            seq++;
            f.sent(b);
            pending.push(b);
            if (take) {
              for (const p of pending.splice(0)) {
                f.taken(p, now);
                takenChars += p.data.length;
                takenAt.set(p.first!, takenChars);
                history.push([now, takenChars]);
              }
            }
            now += wait;
          }
          now += last;
          const { resend, lost } = f.broke(now);
          const back = new Set(resend.map((b) => b.first!));
          // Read for sure by when: the kernel had taken `limit` more after it at least 3000 before the break.
          const readBefore = (s: number, time: number) => history.some(([t, c]) => t <= time && takenAt.has(s) && c - takenAt.get(s)! >= limit);
          for (let s = 0; s < seq; s++) {
            const counted = lost.first !== undefined && s >= lost.first && s <= lost.last!;
            assert.ok(back.has(s) || counted || readBefore(s, now - 3000), `seq ${s}`);
          }
        },
      ),
    );
  });
});
