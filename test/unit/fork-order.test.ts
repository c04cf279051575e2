// Which of two readers' shells was forked first (src/core/fork-order.ts): both readers of a pane decide it about
// each other, so the answer must be one-sided for every pair, and follow the kernel's pid order across its wrap.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forkedBefore } from '../../src/core/fork-order.ts';

const PID_MAX = 32768; // this machine's /proc/sys/kernel/pid_max

describe('forkedBefore', () => {
  it('an earlier tick is earlier, whatever the pids', () => {
    assert.equal(forkedBefore({ start: 100, pid: 30_000 }, { start: 101, pid: 400 }, PID_MAX), true);
    assert.equal(forkedBefore({ start: 101, pid: 400 }, { start: 100, pid: 30_000 }, PID_MAX), false);
  });

  it('within a tick, the lower pid when no wrap came between', () => {
    assert.equal(forkedBefore({ start: 7, pid: 1200 }, { start: 7, pid: 1203 }, PID_MAX), true);
    assert.equal(forkedBefore({ start: 7, pid: 1203 }, { start: 7, pid: 1200 }, PID_MAX), false);
  });

  it('within a tick across the wrap: the pid just below pid_max is earlier than one just past the reserved ones', () => {
    // After pid_max - 1 the kernel goes on at 300 (RESERVED_PIDS): a plain comparison makes each take the other for older.
    const before = { start: 5000, pid: 32_760 };
    const after = { start: 5000, pid: 305 };
    assert.equal(forkedBefore(before, after, PID_MAX), true);
    assert.equal(forkedBefore(after, before, PID_MAX), false);
    // The same at a larger pid_max (4194304, systemd's default).
    assert.equal(forkedBefore({ start: 1, pid: 4_194_303 }, { start: 1, pid: 301 }, 4_194_304), true);
    assert.equal(forkedBefore({ start: 1, pid: 301 }, { start: 1, pid: 4_194_303 }, 4_194_304), false);
  });

  it('a process is not forked before itself', () => {
    assert.equal(forkedBefore({ start: 3, pid: 77 }, { start: 3, pid: 77 }, PID_MAX), false);
  });

  it('any two distinct processes: exactly one is earlier, so both readers agree (gap of half pid_max included)', () => {
    const forked = fc.record({ start: fc.integer({ min: 0, max: 5 }), pid: fc.integer({ min: 1, max: PID_MAX - 1 }) });
    fc.assert(
      fc.property(forked, forked, (a, b) => {
        fc.pre(a.start !== b.start || a.pid !== b.pid);
        assert.notEqual(forkedBefore(a, b, PID_MAX), forkedBefore(b, a, PID_MAX));
      }),
    );
    assert.notEqual(forkedBefore({ start: 0, pid: 100 }, { start: 0, pid: 100 + PID_MAX / 2 }, PID_MAX), forkedBefore({ start: 0, pid: 100 + PID_MAX / 2 }, { start: 0, pid: 100 }, PID_MAX));
  });

  it('a run of forks in one tick (up to a few thousand, wrapping or not): each is earlier than every later one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: PID_MAX - 1 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 60 }), (first, steps) => {
        // The pids the kernel hands out in order, skipping others' forks between them, wrapping to 300.
        const pids = [first];
        for (const step of steps) {
          let next = pids.at(-1)! + step;
          if (next >= PID_MAX) next = 300 + (next - PID_MAX);
          pids.push(next);
        }
        for (let i = 0; i < pids.length; i++) {
          for (let j = i + 1; j < pids.length; j++) {
            assert.equal(forkedBefore({ start: 9, pid: pids[i]! }, { start: 9, pid: pids[j]! }, PID_MAX), true, `${pids[i]} before ${pids[j]}`);
          }
        }
      }),
    );
  });
});
