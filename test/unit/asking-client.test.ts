// Who asked for a toggle, decided from what tmux answers (list-clients, and its
// current client). tmux is given as its answers here; the real key presses and
// the real second user are in test/e2e/actor.test.ts.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { askingClient, KEY_PRESS_FRESH_S } from '../../src/tmux/asking-client.ts';
import { FIELD_SEPARATOR, type Tmux } from '../../src/tmux/client.ts';

const NOW = 1_800_000_000;

/** A tmux that lists `clients` (`[name, user, flags, activity]`) and has `current` as its current client. */
function tmuxAnswering(clients: [string, string, string, number][], current: string): Tmux {
  return {
    run: (args: string[]) => {
      if (args[0] === 'list-clients') return clients.map((row) => row.join(FIELD_SEPARATOR)).join('\n') + '\n';
      if (args[0] === 'display-message') return `${current}\n`;
      throw new Error(`unexpected ${args[0]}`);
    },
  } as unknown as Tmux;
}

const ROOT: [string, string, string, number] = ['/dev/pts/1', 'root', 'attached,focused,UTF-8', NOW - 60];
const BOB: [string, string, string, number] = ['/dev/pts/4', 'bob', 'attached,UTF-8', NOW];
const CAROL: [string, string, string, number] = ['/dev/pts/5', 'carol', 'attached,read-only,UTF-8', NOW];

describe('the client that asked', () => {
  it('the named client, when it pressed a key just now: its user as tmux knows it', () => {
    assert.deepEqual(askingClient(tmuxAnswering([ROOT, BOB], ROOT[0]), BOB[0], NOW + KEY_PRESS_FRESH_S), { name: BOB[0], user: 'bob', readOnly: false });
  });

  it("a named client idle for longer is not believed (naming someone else's client by hand): the current client instead", () => {
    assert.equal(askingClient(tmuxAnswering([ROOT, BOB], ROOT[0]), BOB[0], NOW + KEY_PRESS_FRESH_S + 1)?.user, 'root');
  });

  it('a name no client has: the current client', () => {
    assert.equal(askingClient(tmuxAnswering([ROOT, BOB], ROOT[0]), '/dev/pts/99', NOW)?.user, 'root');
  });

  it('a named read-only client is said to be read-only (the toggle refuses it)', () => {
    assert.deepEqual(askingClient(tmuxAnswering([ROOT, CAROL], ROOT[0]), CAROL[0], NOW), { name: CAROL[0], user: 'carol', readOnly: true });
  });

  it('a read-only current client did not type the command: nobody known (the helper then names its own user)', () => {
    assert.equal(askingClient(tmuxAnswering([ROOT, CAROL], CAROL[0]), undefined, NOW), undefined);
  });

  it('no client attached, or no tmux to ask: nobody known', () => {
    assert.equal(askingClient(tmuxAnswering([], ''), undefined, NOW), undefined);
    const failing = { run: () => { throw new Error('no server'); } } as unknown as Tmux;
    assert.equal(askingClient(failing, BOB[0], NOW), undefined);
  });
});
