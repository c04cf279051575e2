// The reader's pacing decision (core/pacing.ts): wait only after a large read
// that is not a backlog, so interactive output is read at once.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PACE_MAX_BYTES, PACE_MIN_BYTES, PACE_MS, pauseAfterRead, READ_BUFFER_BYTES } from '../../src/core/pacing.ts';

describe('pacing reads', () => {
  it('a small read (a prompt, a line, a keystroke echo) is followed by the next read at once', () => {
    for (const bytes of [1, 80, 1500, PACE_MIN_BYTES - 1]) assert.equal(pauseAfterRead(bytes), 0, `${bytes} bytes`);
  });

  it("a read of tmux's size under a flood (4-8 KB, or what gathered in a wait) waits a moment so that the next one gathers more", () => {
    for (const bytes of [4095, 8190, 40 * 1024, PACE_MAX_BYTES - 1]) assert.equal(pauseAfterRead(bytes), PACE_MS, `${bytes} bytes`);
  });

  it('a read of 64 KB or more (a backlog: the socket was full) is followed by the next read at once', () => {
    for (const bytes of [PACE_MAX_BYTES, 200 * 1024, READ_BUFFER_BYTES]) assert.equal(pauseAfterRead(bytes), 0, `${bytes} bytes`);
  });

  it('any read: the wait is never longer than PACE_MS, and only after a read of at least PACE_MIN_BYTES', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: READ_BUFFER_BYTES }), (bytes) => {
        const pause = pauseAfterRead(bytes);
        assert.ok(pause === 0 || pause === PACE_MS);
        if (pause > 0) assert.ok(bytes >= PACE_MIN_BYTES && bytes < PACE_MAX_BYTES);
      }),
    );
  });
});
