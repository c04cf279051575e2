// Lifecycle events beyond the recording's own: a window renamed by hand is an
// event in its panes' recordings; tmux's automatic renames (one per program
// the window runs) are not.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cliResult } from '../support/cli.ts';
import { alive } from '../support/process.ts';
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

  it('is recorded by the reader: in order after the lines before it and inside the chain (verify: no event from another process)', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    tmux.type('echo before-the-rename');
    await waitFor('the line', () => tmux.readLog().includes('| before-the-rename\n'));
    tmux.tmux('rename-window', '-t', 'main:0', 'renamed-by-hand');
    await waitFor('the window-rename note', () => tmux.readLog().includes(' * window-rename '));
    tmux.tmux('rename-session', '-t', 'main', 'main2');
    // The session's recording keeps its file (named for main).
    await waitFor('the rename note', () => tmux.readLog().includes(` * rename rec=${recording} to=main2`));
    tmux.type('echo after-the-rename', '%0');
    await waitFor('the line after', () => tmux.readLog().includes('| after-the-rename\n'));
    const lines = tmux.readLog().split('\n');
    const at = (text: string): number => lines.findIndex((line) => line.includes(text));
    assert.ok(at('| before-the-rename') < at(' * window-rename ') && at(' * window-rename ') < at(' * rename ') && at(' * rename ') < at('| after-the-rename'), lines.join('\n'));
    const pids = tmux.readerPids();
    tmux.toggle('%0');
    await waitFor('the stop', () => tmux.readLog().includes(`* stop rec=${recording} `));
    // Its run files go as it exits, a moment after the stop is on disk: what is left is looked at once it is gone.
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    const result = cliResult(['verify', '--dir', tmux.logDir]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.doesNotMatch(result.stdout, /from other processes/, 'the notes are chained, not counted as appended by another process');
    const left = fs.readdirSync(path.join(tmux.logDir, '.run')).filter((name) => name.includes('.note.') || name.endsWith('.inbox'));
    assert.deepEqual(left, [], 'no note or inbox file left behind');
  });
});
