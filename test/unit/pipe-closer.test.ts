// Who closed a pipe by hand: named only if the hook's client had just pressed a key.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOSER_KEY_FRESH_S, pipeCloser } from '../../src/tmux/pipe-closer.ts';

const NOW = 1_800_000_000;

describe('who closed the pipe', () => {
  it('the client that pressed a key just now (a binding, the command prompt) is named', () => {
    assert.equal(pipeCloser(`bob /dev/pts/4 ${NOW}`, NOW), 'bob');
    assert.equal(pipeCloser(`bob /dev/pts/4 ${NOW - CLOSER_KEY_FRESH_S}`, NOW), 'bob');
  });

  it('an idle client (the best attached one, for a command line outside tmux) is not', () => {
    assert.equal(pipeCloser(`root /dev/pts/1 ${NOW - CLOSER_KEY_FRESH_S - 1}`, NOW), undefined);
  });

  it('a note with no client, an older plugin\'s user alone, garbage, or a key press in the future names nobody', () => {
    for (const note of ['', '  ', 'root', `root /dev/pts/1`, `root /dev/pts/1 x`, `root /dev/pts/1 ${NOW + 5}`]) {
      assert.equal(pipeCloser(note, NOW), undefined, note);
    }
  });
});
