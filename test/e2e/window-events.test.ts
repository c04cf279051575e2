// Lifecycle events beyond the recording's own: a window renamed by hand is an
// event in its panes' recordings; tmux's automatic renames (one per program
// the window runs) are not.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

describe('window-rename', () => {
  it('a rename by hand is an event with the new name; automatic renames are not', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    // An automatic rename: the window follows the program in the foreground.
    tmux.type('sleep 2');
    await waitFor('the automatic rename to sleep', () => tmux.show('#{window_name}') === 'sleep');
    await waitFor('the shell back', () => tmux.show('#{window_name}') !== 'sleep', 15_000);
    const hostile = 'new "name"; #{host}';
    tmux.tmux('rename-window', '-t', 'main:0', hostile);
    const expanded = tmux.show('#{window_name}');
    await waitFor('the window-rename event', () => tmux.readLog().includes(`* window-rename rec=${recording} to=`));
    const events = tmux.readLog().split('\n').filter((line) => line.includes(' * window-rename '));
    assert.equal(events.length, 1, 'automatic renames made no event');
    assert.ok(events[0]!.endsWith(`to=${JSON.stringify(expanded)}`), events[0]);
  });
});
