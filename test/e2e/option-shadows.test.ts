// Copies of the plugin's pane marks set where a format finds them before or instead of a pane's own (issue 15):
// at the server (set -s), which tmux 3.3a's formats look at first (format.c:3446), or globally, which a pane with
// no mark of its own inherits. Anyone who can run tmux commands can set them. Each is set two ways: by hand (the
// plugin's after-set-option hook removes it at once) and by a hook of the user's own, where no hook of the plugin
// runs (cmd-queue.c:370): the plugin must not be misled until it next acts on the pane.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { BEAT_MS } from '../../src/core/status.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();
const ON = '[#[fg=red,bold]● REC#[default]]';
const OFF = '[]';
/** A beat far ahead: a reader that reported now, for ever. */
const FOREVER = '99999999999';

/** How each test sets the copies: tmux commands, run by hand or from a hook (no hook runs for a hook's command). */
type Setter = (tmux: TmuxServer, commands: string[][]) => void;

const BY_HAND: Setter = (tmux, commands) => {
  for (const command of commands) tmux.tmux(...command);
};

const FROM_A_HOOK: Setter = (tmux, commands) => tmux.fromAHook(commands);

const SETTERS: [string, Setter][] = [
  ['by hand', BY_HAND],
  ['from a hook of the user\'s own', FROM_A_HOOK],
];

/** Runs the helper as a user would from a shell in `pane`: its status and what it printed. */
function helperInPane(tmux: TmuxServer, args: string[], pane = '%0'): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tmux.helperBundle, ...args], { env: tmux.paneEnv(pane) }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

for (const [how, set] of SETTERS) {
  describe(`@audit_on and @audit_beat set at the server, ${how}`, () => {
    it('shows REC on no pane that is not logged, a logged one still REC', async () => {
      const tmux = server();
      const [, other] = tmux.panes(2);
      await tmux.startLogging('%0');
      // The user's own pipe on the other pane: piped, not logged.
      tmux.tmux('pipe-pane', '-t', other!, 'cat >/dev/null');
      assert.equal(tmux.show('#{T:status-right}', other), OFF, 'before');
      set(tmux, [
        ['set-option', '-s', '@audit_on', 'x'],
        ['set-option', '-s', '@audit_beat', FOREVER],
      ]);
      assert.equal(tmux.show('#{T:status-right}', other), OFF, 'a pane piped by hand, not logged');
      if (set === BY_HAND) assert.equal(tmux.show('#{T:status-right}', '%0'), ON, 'the logged pane');
      // Else its marks are not the server's `x` (off, not a false REC) until its reader's next beat removes the copy.
      else await waitFor('the logged pane to show REC again', () => tmux.show('#{T:status-right}', '%0') === ON, 3 * BEAT_MS);
      assert.doesNotMatch(tmux.tmux('show-options', '-s'), /^@audit_(on|beat)/m, 'the server copies removed');
      assert.equal(tmux.show('#{T:status-right}', other), OFF, 'still not the other pane');
    });

    it('a toggle of a pane that is not logged starts it, and the next stops it', async () => {
      const tmux = server();
      // And for the pane's window and session: a pane with no mark of its own inherits theirs.
      set(tmux, [
        ['set-option', '-s', '@audit_on', 'x'],
        ['set-option', '-w', '-t', '%0', '@audit_on', 'y'],
        ['set-option', '-t', '%0', '@audit_on', 'z'],
      ]);
      const started = await helperInPane(tmux, ['toggle', '--pane', '%0']);
      assert.equal(started.status, 0, started.output);
      const recording = await waitFor('the start event', () => /\* start rec=(\S+) /.exec(tmux.readLog())?.[1]);
      assert.ok(!['x', 'y', 'z'].includes(recording), recording);
      assert.equal(tmux.tmux('show-options', '-pqv', '-t', '%0', '@audit_on').trim(), recording, 'the pane marked with its recording');
      assert.equal(tmux.show('#{T:status-right}'), ON);
      await tmux.run('echo logged');
      const stopped = await helperInPane(tmux, ['toggle', '--pane', '%0']);
      assert.equal(stopped.status, 0, stopped.output);
      await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=toggle `));
      assert.equal(tmux.show('#{T:status-right}'), OFF);
      for (const scope of ['-s', '-w', '']) assert.doesNotMatch(tmux.tmux('show-options', ...(scope ? [scope] : []), '-t', '%0'), /^@audit_on/m, `the copy removed (${scope})`);
      // By hand, the plugin's hook removed it before the toggle could; else the toggle did, and says so.
      if (set === FROM_A_HOOK) assert.match(started.output, /removed the server option @audit_on \(x\)/);
    });
  });
}

describe('@audit_on at the server and @audit_off_by set globally, from a hook of the user\'s own, with @audit-auto on', () => {
  it('a new pane is logged all the same, by=auto', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    await waitFor('the first pane logged', () => tmux.show('#{@audit_on}') !== '' && tmux.readLog().includes('* start '));
    tmux.fromAHook([
      ['set-option', '-s', '@audit_on', 'x'],
      ['set-option', '-g', '@audit_off_by', 'mallory'],
    ]);
    const split = tmux.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
    const recording = await waitFor('the split marked', () => tmux.tmux('show-options', '-pqv', '-t', split, '@audit_on').trim() || undefined);
    await waitFor('its start event', () => tmux.readLog().includes(`* start rec=${recording} by=auto pane=${split} `));
  });
});
