// A logged pane moved with join-pane, break-pane or move-window (no after-hook
// in tmux 3.3a) is followed by its reader: a `moved` event says where it went,
// in the recording's own chain; renaming its session is no move.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLine } from '../../src/format/text.ts';
import { cliResult } from '../support/cli.ts';
import { OuterTerminal, serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

function moves(log: string, rec: string): string[] {
  return log
    .split('\n')
    .map((line) => parseLine(line))
    .filter((line) => line?.kind === 'event' && line.text === 'moved' && line.fields?.rec === rec)
    .map((line) => line!.fields!.to!);
}

describe('moved', () => {
  it('join-pane, break-pane and move-window to another session each say where the pane went', async () => {
    const tmux = server();
    tmux.tmux('new-session', '-d', '-s', 'two');
    const terminal = new OuterTerminal(tmux.clientOf('main'));
    try {
      await waitFor('the client', () => tmux.tmux('list-clients', '-F', '#{client_name}').trim());
      const { recording } = await tmux.startLogging('%0');
      tmux.tmux('new-window', '-d', '-t', 'main:1');
      const where = (): string => tmux.show('#{session_name}:#{window_index}.#{pane_index}', '%0');

      tmux.tmux('join-pane', '-d', '-s', '%0', '-t', 'main:1');
      const joined = where();
      assert.equal(joined, 'main:1.1');
      await waitFor('the join', () => moves(tmux.readLog('main'), recording).length === 1);
      assert.deepEqual(moves(tmux.readLog('main'), recording), [joined]);

      tmux.tmux('rename-session', '-t', 'main', 'first');
      await waitFor('the rename', () => tmux.readLog('main').includes(`* rename rec=${recording} to=first`));

      tmux.tmux('break-pane', '-d', '-s', '%0');
      const broken = where();
      await waitFor('the break', () => moves(tmux.readLog('main'), recording).length === 2);

      tmux.tmux('move-window', '-s', `first:${broken.split(':')[1]!.split('.')[0]}`, '-t', 'two:7');
      await waitFor('the move to two', () => moves(tmux.readLog('main'), recording).length === 3);
      assert.deepEqual(moves(tmux.readLog('main'), recording), [joined, broken, 'two:7.0'], 'no move for the rename');

      tmux.type('echo still-logged', '%0');
      await waitFor('a line after the moves, in the log it started in', () => tmux.readLog('main').includes('| still-logged\n'));
      tmux.toggle('%0');
      await waitFor('the stop', () => tmux.readLog('main').includes(`* stop rec=${recording} `));
      const verified = cliResult(['verify', '--dir', tmux.logDir]);
      assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    } finally {
      terminal.kill();
    }
  });
});
