// How a recording can end without the toggle, and that each ending is told:
// an unknown target, remain-on-exit, signals, kill-server in a full-screen
// program, pipe-pane run by hand (by another user too), a reader and its
// shell both killed. Real tmux, real clients, a real second Unix user.

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Holds } from '../support/holds.ts';
import { alive, descendants } from '../support/process.ts';
import { PLUGIN } from '../support/paths.ts';
import { attachClient, OuterTerminal, serversForThisFile } from '../support/tmux.ts';
import { createUser, openSocketTo } from '../support/users.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir } from '../support/verify.ts';

const server = serversForThisFile();
const holdsMade: Holds[] = [];
const removeHolds = (): void => {
  for (const holds of holdsMade.splice(0)) holds.remove();
};
after(removeHolds);
process.once('exit', removeHolds);

/** Holds (support/holds.ts) for a server of this file, removed when the file's tests are over. */
function holdsForThisFile(): Holds {
  const holds = new Holds();
  holdsMade.push(holds);
  return holds;
}
const ON = '[#[fg=red,bold]● REC#[default]]';
const OFF = '[]';
const STALLED = '[#[fg=yellow,bold]● REC?#[default]]';

/** The parent of a process (for the supervising shell of a reader). */
function parentOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

describe('an unknown target is an error that touches nothing', () => {
  for (const verb of ['toggle', 'start', 'stop', 'status']) {
    it(`${verb} -t %99: exit 2, a message naming the pane; the logged pane goes on`, async () => {
      const tmux = server();
      const { recording } = await tmux.startLogging();
      const result = tmux.cliInPane([verb, '-t', '%99', '--report', 'terminal']);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /no such pane: %99/);
      await tmux.run('echo still-logged');
      assert.equal(tmux.show('#{@audit_on}'), recording);
      assert.ok(!tmux.readLog().includes('* stop'), 'the real recording was not stopped');
      assert.deepEqual(
        fs.readdirSync(tmux.logDir).filter((name) => name.endsWith('.log')),
        [path.basename(tmux.logFile())],
        'no log for a pane that does not exist',
      );
    });
  }
  it('a session that does not exist: exit 2', () => {
    const tmux = server();
    const result = tmux.cliInPane(['status', '-t', 'nosuch:', '--report', 'terminal']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no such pane: nosuch:/);
  });
});

describe('endings the toggle did not make', () => {
  it('remain-on-exit: the pane dies, the recording stops with its exit status; respawn is not logged into it', async () => {
    const tmux = server({ config: ['set -g remain-on-exit on'] });
    const { pid, recording } = await tmux.startLogging();
    await tmux.run('echo last-words');
    tmux.type('exit 3');
    await waitFor('the reader to exit', () => !alive(pid));
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=pane-exited status=3\\n$`));
    assert.equal(tmux.show('#{T:status-right}'), OFF);
    tmux.tmux('respawn-pane', '-t', '%0');
    tmux.type('echo after-respawn');
    await waitFor('the respawned shell', () => tmux.screen().includes('after-respawn\n'));
    assert.ok(!tmux.readLog().includes('after-respawn'));
  });

  it('SIGTERM to the reader: the stop event, and the status goes off before the reader exits', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging();
    assert.equal(tmux.show('#{T:status-right}'), ON);
    process.kill(pid, 'SIGTERM');
    await waitFor('the reader to exit', () => !alive(pid));
    // No output since: pane_pipe may still say 1, so only the cleared marks can turn the status off.
    assert.equal(tmux.show('#{T:status-right}'), OFF);
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=SIGTERM\\n$`));
  });

  it('a reader stopped with SIGSTOP: the status stops claiming REC, and the stall is in the log once it runs again', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging();
    assert.equal(tmux.show('#{T:status-right}'), ON);
    process.kill(pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    let stoppedFor = 0;
    try {
      tmux.type('echo while-stopped');
      await waitFor('the shell to print while the reader is stopped', () => tmux.screen().includes('\nwhile-stopped\n'));
      await waitFor('the status to say the reader stalled', () => tmux.show('#{T:status-right}') === STALLED, 30_000);
    } finally {
      stoppedFor = Date.now() - stoppedAt;
      process.kill(pid, 'SIGCONT');
    }
    await waitFor('the status to say REC again', () => tmux.show('#{T:status-right}') === ON, 15_000);
    await waitFor('the stall event', () => new RegExp(`\\* stall rec=${recording} ms=\\d+ reason="the reader did not run"\\n`).test(tmux.readLog()));
    const log = tmux.readLog();
    assert.ok(log.indexOf('| while-stopped') > 0, 'what the pane printed meanwhile was buffered by tmux and is logged');
    const stall = Number(/\* stall rec=\S+ ms=(\d+)/.exec(log)![1]);
    // Its last look at the clock came before the stop, its next one after: the gap covers the whole stop.
    assert.ok(stall >= stoppedFor, `the stall's length (${stall} ms) covers the time it was stopped (${stoppedFor} ms)`);
  });

  it('kill-server while a full-screen program is up: its screen block is closed before the stop', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging();
    const file = path.join(tmux.dir, 'text.txt');
    fs.writeFileSync(file, 'page one\n');
    tmux.type(`less ${file}`);
    await waitFor('the screen block', () => tmux.readLog().includes(`* screen rec=${recording} state=enter`));
    tmux.tmux('kill-server');
    await waitFor('the reader to exit', () => !alive(pid));
    const events = tmux
      .readLog()
      .split('\n')
      .filter((line) => line.includes(' * '))
      .map((line) => line.slice(line.indexOf(' * ') + 3));
    assert.deepEqual(events.slice(-2), [`screen rec=${recording} state=leave reason=end`, `stop rec=${recording} reason=server-exit`]);
  });
});

describe('pipe-pane by hand', () => {
  it('replaced by another command: the recording stops, and the status stops saying REC', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging();
    tmux.tmux('pipe-pane', '-t', '%0', 'cat >/dev/null');
    await waitFor('the reader to exit', () => !alive(pid));
    // From the command line with no client attached, tmux knows no client to name (format.c client_user: the target client).
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=pipe-closed\\n$`));
    assert.equal(tmux.show('#{@audit_on}'), '', 'the marks are cleared: the pipe is no longer ours');
    assert.equal(tmux.show('#{T:status-right}'), OFF);
  });

  it('closed from the command prompt of a second user let in with server-access: the stop names that user', async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    const { pid, recording } = await tmux.startLogging();
    const terminal = new OuterTerminal({ ...tmux.clientOf(), user: { name: guest.name, socketPath } });
    try {
      await waitFor('the guest client', () => tmux.tmux('list-clients', '-F', '#{client_user}').includes(guest.name));
      terminal.press('C-b', ':');
      // Keys that come before the prompt is open go to the pane (the binding's command-prompt is queued).
      await waitFor('the command prompt', () => terminal.statusRow().startsWith(':'));
      terminal.typeText('pipe-pane -t %0');
      terminal.press('Enter');
      await waitFor('the reader to exit', () => !alive(pid));
      assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=pipe-closed by=${guest.name}\\n$`));
    } finally {
      terminal.kill();
    }
  });
});

describe('pipe-pane by hand, from a command line', () => {
  it("a second user's command line outside tmux names nobody, not the attached owner tmux takes for its client", async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    const { pid, recording } = await tmux.startLogging();
    const owner = await attachClient(tmux);
    try {
      // The owner's client is attached and idle: tmux's best client for a command from outside (cmd-find.c:113).
      await waitFor("the owner's last key press to be over a second old", () => Date.now() / 1000 - Number(tmux.show('#{client_activity}')) > 2.5, 20_000);
      execFileSync('runuser', ['-u', guest.name, '--', 'env', '-u', 'TMUX', 'HOME=/tmp', 'tmux', '-S', socketPath, 'pipe-pane', '-t', '%0'], { stdio: 'ignore' });
      await waitFor('the reader to exit', () => !alive(pid));
      assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=pipe-closed\\n$`));
    } finally {
      owner.kill();
    }
  });
});

describe('run by tmux, a failure is told without taking the pane', () => {
  it('a toggle that fails with no client to show it: nothing printed into the pane (no view mode), status 0', async () => {
    const tmux = server();
    fs.writeFileSync(path.join(tmux.dir, 'not-a-dir'), '');
    tmux.tmux('set', '-g', '@audit-dir', path.join(tmux.dir, 'not-a-dir', 'logs'));
    // run-shell puts any output, and "'…' returned 1", into the pane's view mode (cmd-run-shell.c:78),
    // which would take the keys typed next.
    tmux.helper(`--report tmux toggle --pane '#{pane_id}'`); // throws if run-shell fails
    assert.equal(tmux.show('#{pane_in_mode}'), '0');
    assert.equal(tmux.show('#{@audit_on}'), '');
    tmux.type('echo keys-still-reach-the-shell');
    await waitFor('the typed command to run in the shell', () => tmux.screen().includes('\nkeys-still-reach-the-shell\n'));
  });
});

describe('nothing test-only in the product', () => {
  it('the old slow-disk knob in the server environment no longer stalls readers', async () => {
    // It made every write wait this long, and the reader ignore SIGTERM meanwhile.
    const tmux = server({ env: { TMUX_AUDIT_TEST_WRITE_DELAY_MS: '600000' } });
    const { pid, recording } = await tmux.startLogging();
    await tmux.run('echo written-at-once');
    process.kill(pid, 'SIGTERM');
    await waitFor('the reader to exit', () => !alive(pid));
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=SIGTERM\\n$`));
  });
});

describe('read-only clients', () => {
  it('a guest let in with server-access -r presses the key: nothing starts', async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    tmux.tmux('server-access', '-r', guest.name);
    const terminal = new OuterTerminal({ ...tmux.clientOf(), user: { name: guest.name, socketPath } });
    try {
      await waitFor('the read-only guest client', () => tmux.tmux('list-clients', '-F', '#{client_user} #{client_flags}').includes(`${guest.name} `));
      assert.match(tmux.tmux('list-clients', '-F', '#{client_user} #{client_flags}'), new RegExp(`${guest.name} .*read-only`));
      terminal.press('C-b', 'A');
      // Keys are taken in order: once the detach that follows is done, the toggle key has been handled.
      // Under load the detach was seen not to be taken (1 run in 3, cause not found; not the read-only
      // message: server-client.c:2020 clears messages only for writable clients): it is pressed again.
      for (let attempt = 0; ; attempt++) {
        terminal.press('C-b', 'd');
        try {
          await waitFor('the guest to detach', () => !tmux.tmux('list-clients', '-F', '#{client_user}').includes(guest.name), 3000);
          break;
        } catch (error) {
          if (attempt === 4) throw error;
        }
      }
      assert.equal(tmux.show('#{@audit_on}'), '');
      assert.equal(tmux.show('#{pane_pipe}'), '0');
      assert.ok(!fs.existsSync(tmux.logFile()), 'no log was started');
    } finally {
      terminal.kill();
    }
  });
});

describe('a reader gone without a stop event', () => {
  async function killReaderAndShell(tmux: ReturnType<typeof server>): Promise<{ recording: string }> {
    const { pid, recording } = await tmux.startLogging();
    await tmux.run('echo before-the-loss');
    const shell = parentOf(pid);
    process.kill(shell, 'SIGKILL');
    process.kill(pid, 'SIGKILL');
    await waitFor('both to be gone', () => !alive(pid) && !alive(shell));
    assert.ok(!tmux.readLog().includes('* stop'), 'nothing could write a stop event');
    return { recording };
  }

  it('is closed with reason=lost at the next toggle, which then starts a new recording', async () => {
    const tmux = server();
    const { recording } = await killReaderAndShell(tmux);
    tmux.toggle();
    const next = await waitFor('a new recording', () => {
      const id = tmux.show('#{@audit_on}');
      return id !== '' && id !== recording ? id : undefined;
    });
    // @audit_on names the new recording before its reader has written the start (under load, seconds
    // before): wait for the start, then check the order.
    const log = await waitFor('the new start in the log', () => {
      const text = tmux.readLog();
      return text.includes(`* start rec=${next}`) ? text : undefined;
    });
    assert.ok(log.indexOf(`* stop rec=${recording} reason=lost`) >= 0);
    assert.ok(log.indexOf(`* stop rec=${recording} reason=lost`) < log.indexOf(`* start rec=${next}`), 'the old one is closed before the new one starts');
  });

  it('is closed with reason=lost as soon as its pane comes into view, so the status stops saying REC', async () => {
    const tmux = server();
    tmux.tmux('split-window', '-t', '%0');
    tmux.tmux('select-pane', '-t', '%1');
    const { recording } = await killReaderAndShell(tmux);
    tmux.tmux('select-pane', '-t', '%0');
    await waitFor('the lost stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=lost p=`));
    await waitFor('the status to go off', () => tmux.show('#{T:status-right}') === OFF);
  });

  it('is closed with reason=lost when its pane then goes too (no pane carries its marks any more)', async () => {
    const tmux = server();
    tmux.tmux('new-session', '-d', '-s', 'other'); // the server stays when the pane goes
    const { recording } = await killReaderAndShell(tmux);
    const serverPid = Number(tmux.show('#{pid}', 'other:'));
    // The pane and its session go at once: the pane-exited and session-closed hooks both sweep.
    tmux.tmux('kill-pane', '-t', '%0');
    await waitFor('the lost stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=lost p=`));
    await waitFor('every sweep to finish', () => descendants(serverPid).length === 1, 10_000); // the shell of `other`
    assert.equal(tmux.readLog().split(`* stop rec=${recording} reason=lost p=`).length - 1, 1, 'one stop, however many sweeps');
    assert.deepEqual(fs.readdirSync(path.join(tmux.logDir, '.run')), [], 'its run files are gone');
  });

  it('is closed with reason=lost when the plugin loads again', async () => {
    const tmux = server();
    const { recording } = await killReaderAndShell(tmux);
    tmux.tmux('run-shell', PLUGIN);
    await waitFor('the lost stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=lost p=`));
    await waitFor('the marks to be cleared', () => tmux.show('#{@audit_on}') === '');
  });
});

describe('a reader stalled across a stop and a new start of its pane', () => {
  it("keeps to its own recording: the new one's run files, marks and seal note survive, and the old stop names who stopped it", async () => {
    const tmux = server();
    const user = os.userInfo().username;
    const { pid: stalled, recording: old } = await tmux.startLogging();
    await tmux.run('echo before-the-stall');
    process.kill(stalled, 'SIGSTOP');
    let next = '';
    try {
      tmux.toggle(); // its reader runs (stopped, not gone): this stops the recording
      assert.equal(tmux.show('#{@audit_on}'), '');
      tmux.toggle(); // a new recording, whose reader waits (2 s at most) for the stalled one, then reads
      next = tmux.show('#{@audit_on}');
      assert.ok(next !== '' && next !== old, 'a new recording');
      await waitFor('the new start', () => tmux.readLog().includes(`* start rec=${next} `));
      await tmux.run('echo during-the-stall');
    } finally {
      process.kill(stalled, 'SIGCONT');
    }
    await waitFor('the stalled reader to finish', () => !alive(stalled));
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${old} reason=toggle by=${user}\\n`), `the stop the toggle asked for:\n${log}`);
    assert.equal(tmux.show('#{@audit_on}'), next, 'the new recording still marks the pane');
    assert.equal(tmux.show('#{T:status-right}'), ON);
    await tmux.run('echo after-the-stall');
    // Its reader is still the pane's: killed outright, it is lost, and its stop is bound to its own chain.
    const reader = tmux.readerPids().find((pid) => pid !== stalled && alive(pid));
    assert.ok(reader !== undefined, 'the new reader is found from its pid file');
    process.kill(parentOf(reader), 'SIGKILL');
    process.kill(reader, 'SIGKILL');
    await waitFor('the new reader to be gone', () => !alive(reader));
    tmux.helper('sweep');
    await waitFor('the lost stop', () => tmux.readLog().includes(`* stop rec=${next} reason=lost p=`));
    const verdict = verifyDir(tmux.logDir);
    assert.equal(verdict.status, 0, verdict.stdout);
  });

  it('stopped while starting, past its start\'s wait and a new start: it starts nothing, and the new recording keeps the pane', async () => {
    const holds = holdsForThisFile();
    const tmux = server({ env: holds.env() });
    // A start as a user types it in the pane; its reader is stopped (SIGSTOP) as soon as it runs, before it has read its
    // run file. Held there by the preload (support/holds.ts) until stopped: found by scanning /proc instead, a reader
    // that came up before a loaded test looked (or stopped it) had reported in, and the first start did not give up.
    holds.holdReader();
    const first = new Promise<string>((resolve) => {
      execFile(process.execPath, [tmux.helperBundle, 'start', '--pane', '%0'], { env: tmux.paneEnv('%0') }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
    });
    const stalled = await holds.heldReader('the first reader');
    process.kill(stalled, 'SIGSTOP');
    // Let go while stopped: it goes on from where it was held only when continued (SIGCONT below).
    holds.releaseReader();
    let next = '';
    try {
      assert.match(await first, /reader/, 'the first start gives up on its reader');
      tmux.toggle();
      next = tmux.show('#{@audit_on}');
      assert.ok(next !== '', 'a new recording');
      await waitFor('the new start', () => tmux.readLog().includes(`* start rec=${next} `));
    } finally {
      process.kill(stalled, 'SIGCONT');
    }
    await waitFor('the stalled reader to finish', () => !alive(stalled));
    await tmux.run('echo after-the-stall');
    assert.equal(tmux.show('#{@audit_on}'), next, `the new recording still marks the pane:\n${tmux.readLog()}`);
    assert.equal(tmux.show('#{T:status-right}'), ON);
    const log = tmux.readLog();
    assert.equal(log.split('* start rec=').length - 1, 1, `one recording started:\n${log}`);
    assert.ok(!log.includes('* stop'), `nothing stopped:\n${log}`);
    tmux.toggle();
    await waitFor('the stop by the toggle', () => tmux.readLog().includes(`* stop rec=${next} reason=toggle by=${os.userInfo().username}\n`));
  });
});
