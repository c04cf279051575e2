// Where a logged pane is (capture/place-watch.ts): a move is a change of
// session or window (by id) or of an index; a rename alone is none.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWhere, PlaceWatch } from '../../src/capture/place-watch.ts';

const at = (sessionId: string, session: string, windowId: string, window: string, pane: string) => ({ sessionId, session, windowId, window, pane });

describe('place watch', () => {
  it('the first answer is where the pane started; each change after is a move, a rename is not', () => {
    const watch = new PlaceWatch();
    assert.equal(watch.seen(at('$0', 'main', '@0', '0', '0')), undefined);
    assert.equal(watch.seen(at('$0', 'main', '@0', '0', '0')), undefined);
    assert.equal(watch.seen(at('$0', 'renamed', '@0', '0', '0')), undefined, 'a session rename');
    assert.deepEqual(watch.seen(at('$0', 'renamed', '@1', '1', '1')), { to: 'renamed:1.1' }, 'join-pane');
    assert.deepEqual(watch.seen(at('$0', 'renamed', '@1', '1', '0')), { to: 'renamed:1.0' }, 'renumbered');
    assert.deepEqual(watch.seen(at('$0', 'renamed', '@1', '4', '0')), { to: 'renamed:4.0' }, 'move-window in the session');
    assert.deepEqual(watch.seen(at('$2', 'two', '@1', '4', '0')), { to: 'two:4.0' }, 'move-window to another session');
  });

  it('seeded with where the recording started: a first answer elsewhere (a move before the reader first asked) is a move', () => {
    const moved = new PlaceWatch({ session: 'main', window: '0', pane: '0' });
    assert.deepEqual(moved.seen(at('$0', 'main', '@1', '1', '1')), { to: 'main:1.1' }, 'join-pane before the first answer');
    assert.equal(moved.seen(at('$0', 'main', '@1', '1', '1')), undefined);
    const still = new PlaceWatch({ session: 'main', window: '0', pane: '0' });
    assert.equal(still.seen(at('$0', 'main', '@0', '0', '0')), undefined);
    assert.deepEqual(still.seen(at('$0', 'main', '@1', '1', '1')), { to: 'main:1.1' });
  });

  it('reads only a whole answer', () => {
    assert.deepEqual(parseWhere('$1\x1fa b\x1f@3\x1f2\x1f0\n', '\x1f'), at('$1', 'a b', '@3', '2', '0'));
    for (const bad of ['', 'no server', '$1\x1fa\x1f@3\x1f2', '$1\x1fa\x1f3\x1f2\x1f0', '1\x1fa\x1f@3\x1f2\x1f0', '$1\x1fa\x1f@3\x1fx\x1f0']) assert.equal(parseWhere(bad, '\x1f'), undefined, bad);
  });
});
