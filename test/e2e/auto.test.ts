// Auto-start (`@audit-auto on`): every pane logged without a key press, those
// there when the plugin loads and every new session, window and split from
// its first byte; a pane stopped by hand stays off; the hooks follow the
// option when the config is sourced again. Real tmux, a real attached client.

import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { autoPipeCommand, rearmScript } from '../../src/core/auto.ts';
import { parseLine, waitForLine } from '../support/log.ts';
import { HELPER, PLUGIN } from '../support/paths.ts';
import { attachClient, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { escapeRegExp, uniqueMarker, waitFor } from '../support/util.ts';

const server = serversForThisFile();
const AUTO_HOOKS = ['after-new-session', 'after-new-window', 'after-split-window'];

/** The recording id of a pane once its reader has marked it. */
function waitForRecording(tmux: TmuxServer, pane: string): Promise<string> {
  return waitFor(`${pane} to be logged`, () => tmux.show('#{@audit_on}', pane));
}

/** Whether a re-arm loop (core/auto.ts rearmScript) of the server at `socket` is still running. */
function rearmLoopRunning(socket: string): boolean {
  return fs.readdirSync('/proc').some((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmdline.includes('while sleep 0.2') && cmdline.includes(socket);
    } catch {
      return false;
    }
  });
}

/** The hooks tmux holds for `name` (every index). */
function hooksOf(tmux: TmuxServer, name: string): string[] {
  return tmux
    .tmux('show-hooks', '-g')
    .split('\n')
    .filter((line) => line.startsWith(`${name}[`));
}

function sourcePlugin(tmux: TmuxServer): void {
  tmux.tmux('run-shell', PLUGIN);
}

describe('@audit-auto on', () => {
  it('logs the panes there at load, and new windows, splits and sessions from their first byte, by=auto', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    const first = await waitForRecording(tmux, '%0');
    await waitFor('the start event of %0', () => tmux.readLog().includes(`* start rec=${first} by=auto pane=%0 `));

    // Keys pressed in a real attached client: a new window (prefix c) and a split (prefix ").
    const terminal = await attachClient(tmux);
    try {
      terminal.press('C-b', 'c');
      const windowPane = await waitFor('the new window', () => tmux.tmux('list-panes', '-a', '-F', '#{pane_id}').split('\n').find((id) => id === '%1'));
      await waitForRecording(tmux, windowPane);
      terminal.press('C-b', '"');
      await waitFor('the split', () => tmux.tmux('list-panes', '-a', '-F', '#{pane_id}').split('\n').includes('%2'));
      const splitRec = await waitForRecording(tmux, '%2');
      await waitFor('the split\'s start event', () => tmux.readLog().includes(`* start rec=${splitRec} by=auto pane=%2 `));
      // What is typed in the client reaches the new pane's log.
      const marker = uniqueMarker('typed');
      terminal.typeText(`echo ${marker}`);
      terminal.press('Enter');
      await tmux.waitForPrinted(marker);
    } finally {
      terminal.kill();
    }
    // The client's detach is told to the recordings its hook finds (commands/clients.ts), the hook running a moment
    // after the client left: a split made meanwhile got that detach as its first event (seen in a CI dry run).
    await waitForLine('the client\'s detach event', () => tmux.readLog(), (line) => line.includes(' * detach rec='));

    // A program that prints the moment its pane exists: its first line is in the log, before anything else of that recording.
    const firstByte = uniqueMarker('first-byte');
    const split = tmux.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}', `printf '${firstByte}\\n'; exec sh`).trim();
    // The hook runs inside the split's own command, before tmux reads the pane: the pipe is there when split-window returns.
    assert.equal(tmux.show('#{pane_pipe}', split), '1', 'piped as the split returns');
    const splitRecording = await waitForRecording(tmux, split);
    await tmux.waitForPrinted(firstByte);
    const ofSplit = tmux
      .readLog()
      .split('\n')
      .filter((line) => line.includes(`rec=${splitRecording}`) || line.endsWith(`| ${firstByte}`));
    assert.match(ofSplit[0]!, new RegExp(`\\* start rec=${splitRecording} by=auto pane=${escapeRegExp(split)} `));
    assert.match(ofSplit[1]!, new RegExp(`\\| ${firstByte}$`), 'the first byte the pane printed is the first line after the start');

    const window = uniqueMarker('window-first');
    const windowPane = tmux.tmux('new-window', '-d', '-P', '-F', '#{pane_id}', `printf '${window}\\n'; exec sh`).trim();
    await waitForRecording(tmux, windowPane);
    await tmux.waitForPrinted(window);

    const session = uniqueMarker('session-first');
    tmux.tmux('new-session', '-d', '-s', 'other', `printf '${session}\\n'; exec sh`);
    const otherPane = tmux.show('#{pane_id}', 'other:');
    const otherRec = await waitForRecording(tmux, otherPane);
    await tmux.waitForPrinted(session, { session: 'other' });
    assert.ok(tmux.readLog('other').includes(`* start rec=${otherRec} by=auto pane=${otherPane} `), 'the new session has its own log');
  });

  it('toggled while auto-start is still starting the new pane: either logged and marked, its output in the log, or stopped by that toggle', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    await waitForRecording(tmux, '%0');
    for (let round = 0; round < 5; round += 1) {
      const pane = tmux.tmux('new-window', '-d', '-P', '-F', '#{pane_id}').trim();
      // At once: the auto hook's reader is still setting the pane up (piped, not marked), or has just marked it.
      tmux.toggle(pane);
      const rec = tmux.show('#{@audit_on}', pane);
      const marker = uniqueMarker(`toggled-${round}`);
      tmux.tmux('send-keys', '-t', pane, `echo ${marker}`, 'Enter');
      if (rec === '') {
        // Already marked when the toggle looked: it stopped that recording, by hand, and said so in the log.
        const place = `main:${tmux.show('#{window_index}', pane)}.0`;
        // The reader writes that stop once its pipe is closed: after the toggle has returned.
        await waitFor(`the toggle's stop at ${place}`, () => new RegExp(`${escapeRegExp(place)} \\* stop rec=\\S+ reason=toggle by=`).test(tmux.readLog()));
        assert.notEqual(tmux.show('#{@audit_off_by}', pane), '');
        continue;
      }
      await waitFor(`${marker} in the log`, () => tmux.readLog().includes(`| ${marker}\n`));
      assert.equal(tmux.show('#{@audit_on}', pane), rec, 'still marked: the status says REC');
      const log = tmux.readLog();
      assert.ok(log.includes(`* start rec=${rec} `) && !log.includes(`* stop rec=${rec} `), `the marked recording is the one logging:\n${log}`);
    }
  });

  it('two starts of one pane a moment apart (two clients): one recording logs it, marked; the other start says it is logged already', async () => {
    const tmux = server();
    for (let round = 0; round < 3; round += 1) {
      const pane = tmux.tmux('new-window', '-d', '-P', '-F', '#{pane_id}', 'exec sleep 600').trim();
      const start = () =>
        new Promise<string>((resolve) => {
          // From a shell in the pane, as a user types it: what it says comes back on stdout and stderr.
          execFile(process.execPath, [tmux.helperBundle, 'start', '--pane', pane], { env: tmux.paneEnv(pane) }, (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
        });
      const first = start();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const said = await Promise.all([first, start()]);
      const rec = await waitFor(`${pane} marked`, () => tmux.show('#{@audit_on}', pane));
      await waitFor('its start', () => tmux.readLog().includes(`* start rec=${rec} `));
      const place = `main:${tmux.show('#{window_index}', pane)}.0`;
      const starts = tmux.readLog().split('\n').filter((line) => line.includes(` ${place} * start `));
      assert.equal(starts.length, 1, `one recording of ${pane}:\n${tmux.readLog()}\n${said.join('\n')}`);
      assert.ok(said.some((text) => text.includes(`already being logged (rec ${rec})`)), said.join('\n'));
      const readers = () => execFileSync('pgrep', ['-f', `pipe ${tmux.logDir}/\\.run/[0-9]+-${pane.slice(1)}-[A-Za-z0-9_-]+\\.json`], { encoding: 'utf8' }).trim().split('\n').length;
      await waitFor('one reader of the pane', () => readers() === 1);
    }
  });

  it('a pane stopped by hand stays off when the plugin loads again, until started by hand', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    const recording = await waitForRecording(tmux, '%0');
    tmux.toggle('%0');
    await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=toggle by=${os.userInfo().username}`));
    assert.equal(tmux.show('#{@audit_on}'), '');
    // A pane the hooks did not see (its hook removed for the split): the next load starts it, which tells the load's start is done.
    tmux.tmux('set-hook', '-gu', 'after-split-window[47]');
    const unseen = tmux.tmux('split-window', '-d', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
    assert.equal(tmux.show('#{pane_pipe}', unseen), '0');
    sourcePlugin(tmux);
    await waitForRecording(tmux, unseen);
    assert.equal(tmux.show('#{@audit_on}', '%0'), '', 'the pane stopped by hand is still off');
    assert.equal(tmux.show('#{pane_pipe}', '%0'), '0');
    const startsOfFirst = tmux.readLog().split('\n').filter((line) => /\* start rec=\S+ by=auto pane=%0 /.test(line));
    assert.deepEqual(startsOfFirst.map((line) => /rec=(\S+)/.exec(line)![1]), [recording], 'one start of %0 only: the first load\'s');

    tmux.toggle('%0');
    const again = tmux.show('#{@audit_on}', '%0');
    assert.notEqual(again, '');
    await waitFor('started by hand: named so', () => tmux.readLog().includes(`* start rec=${again} by=${os.userInfo().username} pane=%0 `));
    assert.equal(tmux.show('#{@audit_off_by}', '%0'), '', 'a start by hand clears the stop');
  });

  it('sourcing twice keeps one of each hook; off and sourced again removes them, and new panes are not logged', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    await waitForRecording(tmux, '%0');
    sourcePlugin(tmux);
    for (const hook of AUTO_HOOKS) assert.deepEqual(hooksOf(tmux, hook).map((line) => line.slice(0, line.indexOf(' '))), [`${hook}[47]`]);

    tmux.tmux('set', '-g', '@audit-auto', 'off');
    sourcePlugin(tmux);
    for (const hook of AUTO_HOOKS) assert.deepEqual(hooksOf(tmux, hook), [], `${hook} removed`);
    const split = tmux.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
    assert.equal(tmux.show('#{pane_pipe}', split), '0', 'a new pane is not piped');
    assert.equal(tmux.show('#{@audit_on}', '%0') !== '', true, 'turning auto off stops nothing already logged');
  });
});

describe('@audit-auto and respawn-pane (no hook in tmux 3.3a)', () => {
  it('a pane that died under remain-on-exit is logged again once respawned, by=auto, in a new recording', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on'] });
    const first = await waitForRecording(tmux, '%0');
    const terminal = await attachClient(tmux);
    try {
      terminal.typeText('exit 3');
      terminal.press('Enter');
      await waitFor('the first recording\'s stop', () => tmux.readLog().includes(`* stop rec=${first} reason=pane-exited status=3`));
      tmux.tmux('respawn-pane', '-t', '%0');
      const second = await waitFor('a new recording', () => {
        const rec = tmux.show('#{@audit_on}', '%0');
        return rec !== '' && rec !== first ? rec : undefined;
      });
      await waitFor('its start event', () => tmux.readLog().includes(`* start rec=${second} by=auto pane=%0 `));
      const marker = uniqueMarker('respawned');
      terminal.typeText(`echo ${marker}`);
      terminal.press('Enter');
      await tmux.waitForPrinted(marker);
    } finally {
      terminal.kill();
    }
  });

  it('panes whose program exits before their reader starts: each recording stops with its status, no pane left REC; respawned, a new recording', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on'] });
    await waitForRecording(tmux, '%0');
    // The program is gone before the auto reader has marked its pane: the pane-died hook ran while nothing named a recording.
    tmux.tmux('new-session', '-d', '-s', 'dead', 'exit 1');
    const panes = [tmux.show('#{pane_id}', 'dead:'), ...[2, 3].map((status) => tmux.tmux('new-window', '-d', '-t', 'dead:', '-P', '-F', '#{pane_id}', `exit ${status}`).trim())];
    const starts = await waitFor('a start and a stop for each dead pane', () => {
      const log = tmux.readLog('dead');
      const recs = panes.map((pane) => new RegExp(`\\* start rec=(\\S+) by=auto pane=${escapeRegExp(pane)} `).exec(log)?.[1]);
      return recs.every((rec, index) => rec && log.includes(`* stop rec=${rec} reason=pane-exited status=${index + 1}\n`)) ? recs : undefined;
    });
    await waitFor('no dead pane still marked REC', () => panes.every((pane) => tmux.show('#{@audit_on}', pane) === ''));
    assert.equal(new Set(starts).size, 3);

    const marker = uniqueMarker('respawned-after-early-death');
    tmux.tmux('respawn-pane', '-t', panes[0]!, `printf '${marker}\\n'; exec sh`);
    const second = await waitFor('a new recording of the respawned pane', () => {
      const rec = tmux.show('#{@audit_on}', panes[0]!);
      return rec !== '' && !starts.includes(rec) ? rec : undefined;
    });
    await waitFor('its start event', () => tmux.readLog('dead').includes(`* start rec=${second} by=auto pane=${panes[0]} `));
    // What the respawned program printed in its first 0.2 s may be lost (the re-arm loop), but never logged into the old recording.
    const log = tmux.readLog('dead');
    assert.ok(!log.includes(marker) || log.indexOf(marker) > log.indexOf(`* start rec=${second} `), 'the respawned output is not in the old recording');
  });

  it("a reader whose pipe another pipe-pane takes over while it starts: the new recording's start is stamped after the old one's stop", async () => {
    const tmux = server({ config: ['set -g @audit-auto on'] });
    await waitForRecording(tmux, '%0');
    tmux.tmux('new-session', '-d', '-s', 'twice');
    const pane = await waitFor('the new pane logged', () => tmux.tmux('list-panes', '-t', 'twice:', '-F', '#{pane_id}').trim().split('\n')[0]);
    await waitForRecording(tmux, pane);
    const pipe = autoPipeCommand(process.execPath, tmux.helperBundle, tmux.show('#{socket_path}'));
    for (let round = 0; round < 4; round += 1) {
      const before = tmux.show('#{@audit_on}', pane);
      // Two pipe-panes in one command: the second closes the first's reader while that reader is still starting
      // (cmd-pipe-pane.c:77), as two re-arm loops did.
      tmux.tmux('pipe-pane', '-t', pane, pipe, ';', 'pipe-pane', '-t', pane, pipe);
      const rec = await waitFor('the last reader marks the pane', () => {
        const now = tmux.show('#{@audit_on}', pane);
        const log = tmux.readLog('twice');
        return now !== '' && now !== before && log.includes(`* start rec=${now} `) ? now : undefined;
      });
      // Every earlier reader's stop is written before the last one's start, and stamped no later.
      await waitFor('every closed reader stopped', () => {
        const log = tmux.readLog('twice');
        const starts = [...log.matchAll(/\* start rec=(\S+) /g)].map((match) => match[1]!);
        return starts.every((id) => id === rec || log.includes(`* stop rec=${id} `));
      });
    }
    const lines = tmux.readLog('twice').split('\n').map(parseLine).filter((line) => line !== undefined);
    const times = lines.filter((line) => line.place === `twice:0.0`).map((line) => Date.parse(line.time));
    assert.ok(times.length >= 10, `the pane's records: ${times.length}`);
    const back = times.findIndex((time, index) => index > 0 && time < times[index - 1]!);
    assert.equal(back, -1, `a record stamped before the one above it:\n${tmux.readLog('twice')}`);
  });

  it('two re-arm loops watching one dead pane: the respawned pane gets one new recording, its first output logged', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on'] });
    const first = await waitForRecording(tmux, '%0');
    tmux.tmux('respawn-pane', '-k', '-t', '%0', 'exit 4');
    await waitFor("the first recording's stop", () => tmux.readLog().includes(`* stop rec=${first} reason=pane-exited status=4`));
    // The pane-died hook's loop runs; a second one, as the reader's own look at a pane dead at its start makes.
    const runFile = tmux.show('#{@audit_run}') || path.join(tmux.logDir, '.run', `${tmux.show('#{pid}')}-0-${first}.json`);
    spawn('/bin/sh', ['-c', rearmScript(process.execPath, tmux.helperBundle, tmux.show('#{socket_path}'), '%0', first, runFile)], { detached: true, stdio: 'ignore' }).unref();
    const marker = uniqueMarker('respawned-once');
    // Printed after a second (what comes before the loop pipes, 0.2 s, is history, off here): the old reader's pipe
    // is still open in tmux until the pane writes to it, and a loop must pipe over it, not wait for it.
    tmux.tmux('respawn-pane', '-t', '%0', `sleep 1; printf '${marker}\\n'; exec sleep 30`);
    const second = await waitFor('a new recording', () => {
      const rec = tmux.show('#{@audit_on}', '%0');
      return rec !== '' && rec !== first ? rec : undefined;
    });
    await waitFor('the loops done', () => !rearmLoopRunning(tmux.show('#{socket_path}')), 15_000);
    await waitFor('what the respawned pane printed first', () => tmux.readLog().includes(marker));
    const log = tmux.readLog();
    const starts = [...log.matchAll(/\* start rec=(\S+) /g)].map((match) => match[1]);
    assert.deepEqual(starts, [first, second], `one new recording:\n${log}`);
    assert.ok(!/reason=pipe-closed/.test(log), `no reader closed by another:\n${log}`);
    assert.ok(log.indexOf(marker) > log.indexOf(`* start rec=${second} `), 'in the new recording');
  });

  it('@audit-auto turned off while the pane is dead: the respawned pane is not logged', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on'] });
    const first = await waitForRecording(tmux, '%0');
    tmux.type('exit 5');
    await waitFor('the stop', () => tmux.readLog().includes(`* stop rec=${first} reason=pane-exited status=5`));
    tmux.tmux('set', '-g', '@audit-auto', 'off');
    tmux.tmux('respawn-pane', '-t', '%0');
    tmux.type('echo respawned-while-auto-off');
    await waitFor('the respawned shell', () => tmux.screen().includes('respawned-while-auto-off\n'));
    // The re-arm loop (an sh of ours naming this server's socket) has seen the pane live again and ended, starting nothing.
    const socket = tmux.show('#{socket_path}');
    await waitFor('the re-arm loop to end', () => !rearmLoopRunning(socket));
    assert.equal(tmux.show('#{pane_pipe}', '%0'), '0');
    assert.equal(tmux.show('#{@audit_on}', '%0'), '');
  });

  it('what a respawned pane printed before the re-arm loop piped it is in its new recording, as captured history', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on', 'set -g @audit-history on'] });
    const first = await waitForRecording(tmux, '%0');
    tmux.type('exit 6');
    await waitFor('the stop', () => tmux.readLog().includes(`* stop rec=${first} reason=pane-exited status=6`));
    const marker = uniqueMarker('first-words');
    tmux.tmux('respawn-pane', '-t', '%0', `printf '${marker}\\n'; exec sh`);
    const second = await waitFor('a new recording', () => {
      const rec = tmux.show('#{@audit_on}', '%0');
      return rec !== '' && rec !== first ? rec : undefined;
    });
    // Printed within the loop's 0.2 s it is a history row (mark `<`) after a history event; printed later, an output line.
    const inHistory = new RegExp(`\\* history rec=${second} captured=\\S+ lines=\\d+\\n(.*\\n)*.* < ${marker}\\n`);
    await waitFor('the first line in the new recording', () => {
      const log = tmux.readLog();
      const after = log.slice(log.indexOf(`* start rec=${second} `));
      return log.includes(`* start rec=${second} `) && (inHistory.test(after) || after.includes(`| ${marker}\n`));
    }).catch((error: Error) => assert.fail(`${error.message}:\n${tmux.readLog()}`));
  });

  it('stopped by hand before it died: the respawned pane stays off', async () => {
    const tmux = server({ config: ['set -g @audit-auto on', 'set -g remain-on-exit on'] });
    const first = await waitForRecording(tmux, '%0');
    tmux.toggle('%0');
    await waitFor('the stop by hand', () => tmux.readLog().includes(`* stop rec=${first} reason=toggle`));
    tmux.type('exit 4');
    await waitFor('the pane dead', () => tmux.show('#{pane_dead}') === '1');
    tmux.tmux('respawn-pane', '-t', '%0');
    tmux.type('echo respawned-while-off');
    await waitFor('the respawned shell', () => tmux.screen().includes('respawned-while-off\n'));
    assert.equal(tmux.show('#{@audit_on}', '%0'), '');
    assert.ok(!tmux.readLog().includes('respawned-while-off'));
  });
});

describe('the hook command is quoted for tmux, its formats and sh', () => {
  it('a plugin path holding quotes, #{}, %, ; and $( ) runs that bundle and nothing else', async () => {
    const tmux = server({ config: ['set -g @audit-auto on'], plugin: false });
    const hostile = path.join(tmux.dir, `it's #{pane_id} %H #[fg=red] ; $(touch pwned) \`touch pwned2\` "q"`);
    fs.mkdirSync(path.join(hostile, 'dist'), { recursive: true });
    const bundle = path.join(hostile, 'dist', 'audit.cjs');
    fs.copyFileSync(HELPER, bundle);
    execFileSync(process.execPath, [bundle, '--report', 'terminal', 'auto-hooks', '--index', '47'], { env: tmux.paneEnv(), cwd: tmux.dir });
    const split = tmux.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
    const recording = await waitForRecording(tmux, split);
    const reader = await waitFor('the reader', () => tmux.readerPids()[0]);
    assert.ok(fs.readFileSync(`/proc/${reader}/cmdline`, 'utf8').split('\0').includes(bundle), 'the reader runs the bundle at that path');
    await waitFor('the start event', () => tmux.readLog().includes(`* start rec=${recording} by=auto pane=${split} `));
    for (const name of fs.readdirSync(tmux.dir)) assert.ok(!name.startsWith('pwned'), `no command ran from the path: ${name}`);
    assert.ok(!fs.existsSync(path.join('/', 'pwned')));
  });
});

describe('@audit-auto off (the default)', () => {
  it('sets no hook and starts nothing', async () => {
    const tmux = server();
    for (const hook of AUTO_HOOKS) assert.deepEqual(hooksOf(tmux, hook), []);
    const split = tmux.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
    assert.equal(tmux.show('#{pane_pipe}', split), '0');
    assert.equal(tmux.show('#{pane_pipe}', '%0'), '0');
  });
});
