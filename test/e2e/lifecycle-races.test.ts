// Starts and stops that race each other on one pane (issue 15): a toggle delayed between reading the pane and
// acting on it, two starts at once. Each delay is a real tmux call held back (support/held-tmux.ts) or a real
// reader held at its start, released when the test has made the other side happen: no sleeps, no mocks.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Holds } from '../support/holds.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();
const ON = '[#[fg=red,bold]● REC#[default]]';
const made: Holds[] = [];
after(() => {
  for (const holds of made) holds.remove();
});

function holdsForThisTest(): Holds {
  const holds = new Holds();
  made.push(holds);
  return holds;
}

/** Runs the helper as a user would from a shell in `pane`, without waiting: its status and what it printed. */
function helperInPane(tmux: TmuxServer, args: string[], pane = '%0'): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tmux.helperBundle, ...args], { env: tmux.paneEnv(pane) }, (error, stdout, stderr) => {
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

/** The toggle's stop: pipe-pane with no command (a start's names its reader's run file), as given or in an if-shell branch. */
const STOP_CALL = "pipe-pane'? '?-t'? '?%0'? ;";

describe('a stop delayed past a new start of its pane', () => {
  it('ends nothing of the new recording: it goes on, marked, and the old one\'s stop names who stopped it', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env() });
    const user = os.userInfo().username;
    const { recording: first, pid: firstReader } = await tmux.startLogging();
    await tmux.run('echo before');
    // A stop of the first recording, held at its tmux call (it has read the pane and asked the reader to stop).
    holds.holdCall(STOP_CALL);
    const late = helperInPane(tmux, ['stop', '--pane', '%0']);
    await holds.heldCall('the late stop at its tmux call');
    // Meanwhile the pane is stopped and started again by hand.
    tmux.toggle();
    assert.equal(tmux.show('#{@audit_on}'), '', 'stopped');
    await waitFor('the first reader to finish', () => !alive(firstReader));
    tmux.toggle();
    const second = tmux.show('#{@audit_on}');
    assert.ok(second !== '' && second !== first, 'a new recording');
    await waitFor('the new start', () => tmux.readLog().includes(`* start rec=${second} `));
    holds.releaseCall();
    const said = await late;
    assert.equal(tmux.show('#{@audit_on}'), second, `the new recording still marks the pane:\n${tmux.readLog()}`);
    await tmux.run('echo after-the-late-stop');
    assert.equal(tmux.show('#{T:status-right}'), ON);
    assert.equal(tmux.show('#{@audit_off_by}'), '', 'auto-start is not told the pane was stopped by hand');
    const log = tmux.readLog();
    assert.ok(!log.includes(`* stop rec=${second}`), `the new recording goes on:\n${log}`);
    assert.match(log, new RegExp(`\\* stop rec=${first} reason=toggle by=${user}\\n`), 'the recording that ended names who stopped it');
    assert.equal(said.status, 0, said.output);
    assert.match(said.output, new RegExp(`rec ${first} of %0 had ended meanwhile; rec ${second} logs %0 now`));
    // The late stop's request went to a reader that had gone: it is not left behind.
    assert.deepEqual(fs.readdirSync(path.join(tmux.logDir, '.run')).filter((name) => !name.includes(second)), []);
    tmux.toggle();
    await waitFor('the new recording\'s stop, by the toggle', () => tmux.readLog().includes(`* stop rec=${second} reason=toggle by=${user}\n`));
  });
});

