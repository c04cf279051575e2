// Starts and stops that race each other on one pane (issue 15): a toggle delayed between reading the pane and
// acting on it, two starts at once. Each delay is a real tmux call held back (support/held-tmux.ts) or a real
// reader held at its start, released when the test has made the other side happen: no sleeps, no mocks.

import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { autoPipeCommand } from '../../src/core/auto.ts';
import { Holds } from '../support/holds.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();
const ON = '[#[fg=red,bold]● REC#[default]]';
const made: Holds[] = [];
const removeHolds = (): void => {
  for (const holds of made.splice(0)) holds.remove();
};
after(removeHolds);
// Also when the servers' own teardown failed first (a stamp out of order) and the hook above did not run.
process.once('exit', removeHolds);

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

/**
 * The reader's question, as its input ends, whether a toggle's step closed its pipe (tmux/client.ts takeStopMarks):
 * the reader names the server's socket (-S), a toggle, run inside tmux, does not.
 */
const READER_STOP_QUESTION = '^-S .*@audit_stop';

/** What is left in the run directory. */
function runFilesLeft(tmux: TmuxServer): string[] {
  return fs.readdirSync(path.join(tmux.logDir, '.run'));
}

/** Two holds, the second in front of the first: two calls held at once. */
function twoHoldsForThisTest(): [Holds, Holds] {
  const first = holdsForThisTest();
  const second = new Holds(first);
  made.push(second);
  return [first, second];
}

/** A server whose calls `holds` can delay (`panes` of them), %0 logged and a line printed: its recording and reader. */
async function loggedServer(holds: Holds, panes = 1): Promise<{ tmux: TmuxServer; recording: string; reader: number }> {
  const tmux = server({ env: holds.env() });
  tmux.panes(panes);
  const { recording, pid: reader } = await tmux.startLogging();
  await tmux.run('echo before');
  return { tmux, recording, reader };
}

describe('a stop whose pipe someone else closed while it was on its way', () => {
  it('is not taken for what ended the recording: the log says the pipe was closed, not that the toggle stopped it', async () => {
    const holds = holdsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds);
    // A stop, held at its tmux call: it has read the pane and written its request for the reader.
    holds.holdCall(STOP_CALL);
    const late = helperInPane(tmux, ['stop', '--pane', '%0']);
    await holds.heldCall('the stop at its tmux call');
    // Meanwhile the pipe is closed by another hand: plain pipe-pane, no toggle.
    tmux.tmux('pipe-pane', '-t', '%0');
    await waitFor('the reader to finish', () => !alive(reader));
    holds.releaseCall();
    const said = await late;
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=pipe-closed\\n`), `the pipe's closing is what ended it:\n${log}`);
    assert.equal(said.status, 0, said.output);
    assert.match(said.output, new RegExp(`rec ${recording} of %0 had ended meanwhile`));
    assert.deepEqual(runFilesLeft(tmux), [], 'the stop left no request behind');
  });

  it('nor when the pane was killed meanwhile: pane-closed, and the stop, which found no pane, leaves no request', async () => {
    const holds = holdsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds, 2);
    holds.holdCall(STOP_CALL);
    const late = helperInPane(tmux, ['stop', '--pane', '%0'], '%1');
    await holds.heldCall('the stop at its tmux call');
    tmux.tmux('kill-pane', '-t', '%0');
    await waitFor('the reader to finish', () => !alive(reader));
    holds.releaseCall();
    await late;
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=pane-closed\\n`), log);
    assert.deepEqual(runFilesLeft(tmux), [], 'the refused stop\'s request is withdrawn');
  });

  // The reader slow to ask: the stop's step comes first and finds the pane still marked; it must see the pipe is not
  // this recording's any more, closed, or replaced by another command (which it leaves open).
  // The hook unset: nothing notes the pipe-pane, so only the pipe's state shows it is closed.
  // An empty server option (set -s): a format finds it before the pane's (format.c:3446), which notes the pipe-pane.
  const cases = [
    ['closed', undefined, false, false],
    ['replaced by another command', 'cat >/dev/null', false, false],
    ['closed with the after-pipe-pane hook unset', undefined, true, false],
    ['replaced by another command, @audit_piped_by set empty at the server', 'cat >/dev/null', false, true],
  ] as const;
  for (const [how, command, unhooked, serverCopy] of cases) {
    it(`nor when the pipe was ${how} and the reader asked only after the stop's step`, async () => {
      const [first, holds] = twoHoldsForThisTest();
      const { tmux, recording, reader } = await loggedServer(holds);
      first.holdCall(STOP_CALL);
      const late = helperInPane(tmux, ['stop', '--pane', '%0']);
      await first.heldCall('the stop at its tmux call');
      holds.holdCall(READER_STOP_QUESTION);
      if (unhooked) for (const hook of tmux.tmux('show-hooks', '-g').split('\n').filter((line) => line.startsWith('after-pipe-pane['))) tmux.tmux('set-hook', '-gu', hook.split(' ')[0]!);
      // From a hook: set by hand, the plugin's after-set-option hook would remove it at once.
      if (serverCopy) tmux.fromAHook([['set-option', '-s', '@audit_piped_by', "''"]]);
      tmux.tmux('pipe-pane', '-t', '%0', ...(command === undefined ? [] : [command]));
      await holds.heldCall('the reader\'s question');
      first.releaseCall();
      const said = await late;
      holds.releaseCall();
      await waitFor('the reader to finish', () => !alive(reader));
      const log = tmux.readLog();
      assert.match(log, new RegExp(`\\* stop rec=${recording} reason=pipe-closed\\n`), `the other hand is what ended it:\n${log}`);
      assert.match(said.output, new RegExp(`rec ${recording} of %0 had ended meanwhile`));
      assert.equal(tmux.show('#{pane_pipe}'), command === undefined ? '0' : '1', 'a pipe not the recording\'s is left as it is');
      assert.deepEqual(runFilesLeft(tmux), []);
    });
  }
});

describe('a stop followed at once by the end of its pane or server', () => {
  const user = os.userInfo().username;

  // kill-pane of one of two panes (the server stays); kill-server: the toggle's own confirmation is all that is left,
  // also when a new server on the same socket (its own %0, no marks) answers the reader.
  for (const [ending, panes] of [['kill-pane', 2], ['kill-server', 1], ['kill-server and a new server', 1]] as const) {
    it(`${ending} before the reader asks: still the toggle's stop, naming who stopped it`, async () => {
      const holds = holdsForThisTest();
      const { tmux, recording, reader } = await loggedServer(holds, panes);
      holds.holdCall(READER_STOP_QUESTION);
      tmux.toggle();
      tmux.tmux(...(ending === 'kill-pane' ? ['kill-pane', '-t', '%0'] : ['kill-server']));
      // Once the old server has gone: a client that reaches it while it exits is told it exited.
      if (ending === 'kill-server and a new server') await waitFor('a new server on the socket', () => newServer(tmux));
      holds.releaseCall();
      await waitFor('the reader to finish', () => !alive(reader));
      const log = tmux.readLog();
      assert.match(log, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`), log);
      assert.deepEqual(runFilesLeft(tmux), []);
    });
  }
});

describe('a stop whose tmux call fails after its step printed that it ran', () => {
  // A kill-server right after the step: tmux may print the step's word, then exit non-zero (its server gone), the
  // pipe closed by the step all the same. Made so here: a hook on the step's display-message runs a command that
  // fails once the pane is unmarked (tmux then exits 1, cmdq_error), and the server is killed before the reader asks.
  it('is the toggle\'s stop, confirmed: the toggle says it stopped, and the reader, its server gone, names who', async () => {
    const holds = holdsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds);
    const user = os.userInfo().username;
    tmux.tmux('set-hook', '-g', 'after-display-message[99]', "if-shell -F -t %0 '#{==:#{@audit_on},}' 'select-pane -t %999'");
    holds.holdCall(READER_STOP_QUESTION);
    const said = await helperInPane(tmux, ['stop', '--pane', '%0']);
    await holds.heldCall('the reader\'s question');
    tmux.tmux('kill-server');
    await waitFor('the server to exit', () => serverGone(tmux));
    holds.releaseCall();
    await waitFor('the reader to finish', () => !alive(reader));
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`), log);
    assert.equal(said.status, 0, said.output);
    assert.match(said.output, new RegExp(`stopped logging %0 \\(rec ${recording}\\)`));
    assert.deepEqual(runFilesLeft(tmux), []);
  });
});

describe('a stop whose toggle is signalled after its step, then the server killed', () => {
  // As an exiting server signals its run-shell jobs (server.c job_kill_all), the toggle among them if its shell ran
  // it by exec: between its request and its confirmation, it must not die, or a reader with no server is not told.
  it('is still the toggle\'s stop, naming who stopped it', async () => {
    const [first, holds] = twoHoldsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds);
    const user = os.userInfo().username;
    first.holdCall(STOP_CALL);
    const said = helperInPane(tmux, ['stop', '--pane', '%0']);
    const { pid: toggle } = await first.heldCall('the stop at its step');
    holds.holdCall(READER_STOP_QUESTION);
    process.kill(toggle, 'SIGTERM');
    await waitFor('the signal taken', () => !alive(toggle) || !signalPending(toggle));
    first.releaseCall();
    await waitFor('the step to close the pipe', () => tmux.show('#{pane_pipe}') === '0');
    await holds.heldCall('the reader\'s question');
    await said;
    tmux.tmux('kill-server');
    holds.releaseCall();
    await waitFor('the reader to finish', () => !alive(reader));
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`), log);
    assert.deepEqual(runFilesLeft(tmux), []);
  });
});

/** Whether a signal waits to be taken by `pid` (/proc: its own and its process's pending sets). */
function signalPending(pid: number): boolean {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return /^(SigPnd|ShdPnd):\s*0*[1-9a-f]/m.test(status);
  } catch {
    return false;
  }
}

describe('a reader killed after a stop\'s step, before it asked', () => {
  // Its question, held, never comes (the test's hold is let go only when the test ends).
  it('leaves no server option of that stop: its recovery takes it with the request', async () => {
    const holds = holdsForThisTest();
    const { tmux, reader } = await loggedServer(holds);
    holds.holdCall(READER_STOP_QUESTION);
    tmux.toggle();
    assert.match(tmux.tmux('show-options', '-s'), /^@audit_stop_/m, 'the step left its option');
    await holds.heldCall('the reader\'s question');
    process.kill(reader, 'SIGKILL');
    await waitFor('the recovery to remove the run files', () => runFilesLeft(tmux).length === 0);
    assert.doesNotMatch(tmux.tmux('show-options', '-s'), /^@audit_stop_/m);
  });

  it('nor, its supervisor killed too, does the sweep that closes the lost recording', async () => {
    const holds = holdsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds);
    holds.holdCall(READER_STOP_QUESTION);
    tmux.toggle();
    await holds.heldCall('the reader\'s question');
    const supervisor = Number(fs.readFileSync(`/proc/${reader}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
    process.kill(supervisor, 'SIGKILL');
    process.kill(reader, 'SIGKILL');
    await waitFor('both gone', () => !alive(supervisor) && !alive(reader));
    tmux.helper('sweep');
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=lost `));
    assert.deepEqual(runFilesLeft(tmux), []);
    assert.doesNotMatch(tmux.tmux('show-options', '-s'), /^@audit_stop_/m);
  });
});

describe('@audit_piped_by set for every window (set -g -w) or a window, by a user', () => {
  // A format finds the pane's own option first (format.c:3446-3456, after the server's): the start sets it empty.
  it('does not keep a toggle from stopping', async () => {
    const tmux = server();
    const user = os.userInfo().username;
    const { recording, pid: reader } = await tmux.startLogging();
    tmux.tmux('set-option', '-g', '-w', '@audit_piped_by', 'x');
    tmux.tmux('set-option', '-w', '-t', '%0', '@audit_piped_by', 'x');
    await tmux.run('echo before');
    tmux.toggle();
    assert.equal(tmux.show('#{@audit_on}'), '', 'stopped');
    await waitFor('the reader to finish', () => !alive(reader));
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`));
  });
});

describe('@audit_piped_by set at the server (set -s), by a user', () => {
  // A format finds a server option before the pane's (format.c:3446): the reader and the stop must read the pane's own.
  it('does not name whom it says when the pipe is closed by hand', async () => {
    const tmux = server();
    const { recording, pid: reader } = await tmux.startLogging();
    await tmux.run('echo before');
    // As the after-pipe-pane hook notes a client that has just pressed a key, kept fresh till the reader has asked.
    // From a hook: set by hand, the plugin's after-set-option hook would remove it at once.
    const forge = (): void => tmux.fromAHook([['set-option', '-s', '@audit_piped_by', `'mallory /dev/pts/99 ${Math.floor(Date.now() / 1000)}'`]]);
    forge();
    // Another hand's plain pipe-pane, from a command line: no client pressed a key, so nobody is to be named.
    tmux.tmux('pipe-pane', '-t', '%0');
    await waitFor('the reader to finish', () => (forge(), !alive(reader)));
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=pipe-closed\\n`), `no by= of the server's option:\n${log}`);
  });

  it('does not keep a toggle from stopping: the stop removes it, says so, and names who stopped', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env() });
    const user = os.userInfo().username;
    const { recording, pid: reader } = await tmux.startLogging();
    await tmux.run('echo before');
    holds.holdCall(STOP_CALL);
    const stop = helperInPane(tmux, ['stop', '--pane', '%0']);
    await holds.heldCall('the stop at its tmux call');
    // Set as the stop's step is let go: the reader's beat removes a server copy without a word (every 5 s), so one set
    // earlier could be gone before the step (CI at load). From a hook: set by hand, the plugin's after-set-option hook
    // removes it at once (test/e2e/option-shadows.test.ts).
    tmux.fromAHook([['set-option', '-s', '@audit_piped_by', 'x']]);
    holds.releaseCall();
    const said = await stop;
    assert.equal(tmux.show('#{@audit_on}'), '', `stopped:\n${said.output}`);
    assert.notEqual(tmux.show('#{T:status-right}'), ON);
    assert.equal(said.status, 0, said.output);
    assert.match(said.output, /removed the server option @audit_piped_by \(x\)/);
    assert.doesNotMatch(tmux.tmux('show-options', '-s'), /^@audit_piped_by/m);
    await waitFor('the reader to finish', () => !alive(reader));
    assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`));
  });
});

describe('a recording an older version started, its reader running on after an upgrade', () => {
  // That version's start fired the after-pipe-pane hook, which set @audit_piped_by, and its marks never cleared it;
  // its run file has no `stops`, and its reader reads the one `.stop` file. Made so here: the run file rewritten as it
  // wrote it before the reader reads it, the option set as its hook did.
  it('is stopped by the toggle, naming who stopped it', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env() });
    const user = os.userInfo().username;
    holds.holdReader();
    const start = helperInPane(tmux, ['toggle', '--pane', '%0']);
    const reader = await holds.heldReader('the reader');
    const runDir = path.join(tmux.logDir, '.run');
    const runFile = path.join(runDir, fs.readdirSync(runDir).find((name) => name.endsWith('.json'))!);
    const { stops, ...older } = JSON.parse(fs.readFileSync(runFile, 'utf8')) as { stops?: string };
    assert.equal(stops, 'nonce', 'a run file of this version says how its stops come');
    fs.writeFileSync(runFile, `${JSON.stringify(older)}\n`);
    holds.releaseReader();
    assert.equal((await start).status, 0);
    const recording = tmux.show('#{@audit_on}');
    tmux.tmux('set-option', '-p', '-t', '%0', '@audit_piped_by', '  ');
    await tmux.run('echo before');
    tmux.toggle();
    assert.equal(tmux.show('#{@audit_on}'), '', 'stopped');
    assert.notEqual(tmux.show('#{T:status-right}'), ON);
    await waitFor('the reader to finish', () => !alive(reader));
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`), log);
    assert.deepEqual(runFilesLeft(tmux), []);
  });
});

/** Whether `tmux`'s server has exited (no answer on its socket). */
function serverGone(tmux: TmuxServer): boolean {
  try {
    execFileSync('tmux', ['-L', tmux.socketName, 'list-sessions'], { env: tmux.env, stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
}

/** Starts a server of its own on `tmux`'s socket (no plugin); undefined while the old one still answers. */
function newServer(tmux: TmuxServer): true | undefined {
  try {
    tmux.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'main', '-x', '120', '-y', '30');
    return true;
  } catch {
    return undefined;
  }
}

describe('two stops of one recording at once', () => {
  it('the one whose step closed the pipe is the stop, though the other wrote its request later; the other says so', async () => {
    const [first, holds] = twoHoldsForThisTest();
    const { tmux, recording, reader } = await loggedServer(holds);
    const user = os.userInfo().username;
    // Both have written their requests, the second after the first; each is held at its step.
    first.holdCall(STOP_CALL);
    const one = helperInPane(tmux, ['stop', '--pane', '%0']);
    await first.heldCall('the first stop at its step');
    holds.holdCall(STOP_CALL);
    const two = helperInPane(tmux, ['stop', '--pane', '%0']);
    await holds.heldCall('the second stop at its step');
    // The first's step runs first: it closes the pipe.
    first.releaseCall();
    const oneSaid = await one;
    await waitFor('the reader to finish', () => !alive(reader));
    holds.releaseCall();
    const twoSaid = await two;
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}\\n`), log);
    assert.equal(log.split('* stop rec=').length - 1, 1, log);
    assert.match(oneSaid.output, new RegExp(`stopped logging %0 \\(rec ${recording}\\)`));
    assert.match(twoSaid.output, new RegExp(`rec ${recording} of %0 had ended meanwhile`));
    assert.deepEqual(runFilesLeft(tmux), [], 'each request taken or withdrawn');
  });
});

/** A process of ours whose command line holds every one of `words`, but `except`; undefined if there is none. */
function processWith(words: string[], except?: number): number | undefined {
  for (const name of fs.readdirSync('/proc')) {
    const pid = Number(name);
    if (!(pid > 0) || pid === process.pid || pid === except) continue;
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (words.every((word) => args.some((arg) => arg.includes(word)))) return pid;
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

/** A toggle's start: pipe-pane with its reader's command, which names the run file. */
const START_CALL = '(^| )pipe-pane -t %0 .*\\.json';

describe('two starts of one pane, each seeing it unlogged', () => {
  it('the first, piped over by the second before its reader came up, says the pane is logged by the other: one recording', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env() });
    // The second start has read the pane (unlogged) and is held at its pipe-pane.
    holds.holdCall(START_CALL);
    const second = helperInPane(tmux, ['toggle', '--pane', '%0']);
    await holds.heldCall('the second start at its pipe-pane');
    // The first start pipes and marks the pane; its reader is slow to come up.
    holds.holdReader();
    const first = helperInPane(tmux, ['toggle', '--pane', '%0']);
    const firstReader = await holds.heldReader('the first reader');
    const firstRecording = await waitFor('the first start\'s marks', () => tmux.show('#{@audit_on}') || undefined);
    // The second pipes over it, and its reader comes up (it waits for the first, which is older, to go).
    holds.releaseCall();
    const next = await waitFor('the second start\'s marks', () => {
      const id = tmux.show('#{@audit_on}');
      return id !== '' && id !== firstRecording ? id : undefined;
    });
    await waitFor('the second reader', () => processWith(['pipe', `-${next}.json`], firstReader));
    holds.releaseReader();
    const [firstSaid, secondSaid] = await Promise.all([first, second]);
    assert.equal(firstSaid.status, 0, firstSaid.output);
    assert.match(firstSaid.output, new RegExp(`%0 is logged already: another start \\(rec ${next}\\)`));
    assert.equal(secondSaid.status, 0, secondSaid.output);
    assert.match(secondSaid.output, new RegExp(`logging %0 → .*\\(rec ${next}\\)`));
    await waitFor('the first reader to leave', () => !alive(firstReader));
    await tmux.run('echo after-both-starts');
    assert.equal(tmux.show('#{@audit_on}'), next);
    assert.equal(tmux.show('#{T:status-right}'), ON);
    const log = tmux.readLog();
    assert.equal(log.split('* start rec=').length - 1, 1, `one recording started:\n${log}`);
    assert.ok(log.includes(`* start rec=${next} `), log);
    assert.ok(!log.includes('* stop'), `nothing stopped:\n${log}`);
    assert.deepEqual(fs.readdirSync(path.join(tmux.logDir, '.run')).filter((name) => !name.includes(next)), [], 'the first recording left no run file');
  });
});

/** An auto reader's marking of %1 (tmux/client.ts markPipe): if-shell on the pane being free (no one stopped it by hand). */
const MARK_CALL = '(^| )if-shell -F -t %1 .*@audit_off_by\\},';

describe('two auto-start readers of one pane', () => {
  it('the older, stalled at its marks past the newer one\'s start, leaves the pane to it: one recording, marked', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env(), config: ['set -g @audit-auto on'] });
    await waitFor('%0 to be logged', () => tmux.show('#{@audit_on}'));
    // The split's auto hook pipes %1; its reader has looked for newer readers (none) and is held at its marks.
    holds.holdCall(MARK_CALL);
    tmux.tmux('split-window', '-t', '%0');
    const { pid: older } = await holds.heldCall('the older reader at its marks');
    // The pane piped again by an auto pipe (as a second hook or a re-arm loop would): the newer reader waits for
    // the older one (2 s at most), then marks the pane and logs it.
    tmux.tmux('pipe-pane', '-t', '%1', autoPipeCommand(process.execPath, tmux.helperBundle, tmux.show('#{socket_path}')));
    const newer = await waitFor('the newer reader\'s marks', () => tmux.show('#{@audit_on}', '%1') || undefined);
    await waitFor('its start', () => tmux.readLog().includes(`* start rec=${newer} by=auto pane=%1 `));
    holds.releaseCall();
    await waitFor('the older reader to leave', () => !alive(older));
    await tmux.run('echo after-the-stalled-reader', '%1');
    assert.equal(tmux.show('#{@audit_on}', '%1'), newer, `the newer recording still marks the pane:\n${tmux.readLog()}`);
    const log = tmux.readLog();
    assert.equal(log.split(/\* start rec=\S+ by=auto pane=%1 /).length - 1, 1, `one recording of %1:\n${log}`);
    assert.ok(!/\* stop rec=\S+ .*\n/.test(log.split('\n').filter((line) => line.includes('main:0.1')).join('\n')), `nothing of %1 stopped:\n${log}`);
  });
});

/** The screen recorder's question (capture/screen.ts): which program entered the alternate screen. */
const PROGRAM_CALL = 'pane_current_command';

describe('a stop while a question about the pane is unanswered', () => {
  it('writes everything held back for the answer: the program\'s block, what followed, and the stop', async () => {
    const holds = holdsForThisTest();
    const tmux = server({ env: holds.env() });
    const user = os.userInfo().username;
    const { recording, pid: reader } = await tmux.startLogging();
    await tmux.run('echo before');
    // The program's enter holds what comes after it until tmux says which program it is: that answer is held.
    holds.holdCall(PROGRAM_CALL);
    tmux.type("printf '\\e[?1049hALT-SHOWN\\n'; sleep 0.3; printf '\\e[?1049l'; echo NORMAL-AFTER");
    await holds.heldCall('the program question');
    await waitFor('the program to have left', () => tmux.screen().includes('\nNORMAL-AFTER\n'));
    tmux.toggle();
    // The reader ends with the question still unanswered (it does not wait for it).
    await waitFor('the reader to finish', () => !alive(reader), 15_000);
    holds.releaseCall();
    const log = tmux.readLog();
    const mine = log.split('\n').filter((line) => line.includes(' main:0.0 '));
    const at = (pattern: RegExp): number => mine.findIndex((line) => pattern.test(line));
    const order = [/\* screen .*state=enter/, / = ALT-SHOWN$/, /\* screen .*state=leave/, / \| NORMAL-AFTER$/, new RegExp(`\\* stop rec=${recording} reason=toggle by=${user}$`)].map(at);
    assert.ok(order.every((index) => index >= 0), `all written:\n${log}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `in the order shown:\n${log}`);
  });
});
