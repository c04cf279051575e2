// Which other readers of a pane a new reader waits for (src/runtime/runfile.ts readersByAge): processes of
// ours running this node with a reader's exact arguments, older when an earlier sh (each pipe-pane forks one)
// is their parent. Real processes, started through sh as pipe-pane starts them.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { shellQuote } from '../../src/tmux/quote.ts';
import { createUser } from '../support/users.ts';
import { waitFor } from '../support/util.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOCKET = `/tmp/pane-readers-${process.pid}/default`;
const RUN_DIR = `/tmp/pane-readers-${process.pid}/.run`;
/** This reader's run file: one per recording (core/paths.ts runFilePath). */
const RUN_FILE = `${RUN_DIR}/1-9-Own_rec-01.json`;
const started: ChildProcess[] = [];
after(() => {
  for (const child of started) child.kill('SIGKILL');
});

/** `program args…` run by an sh that stays its parent (`; :` keeps sh from exec'ing it), as pipe-pane's sh does. */
function underSh(program: string, args: string[]): ChildProcess {
  const child = spawn('/bin/sh', ['-c', `${[program, ...args].map(shellQuote).join(' ')}; :`], { stdio: 'ignore', detached: true });
  started.push(child);
  return child;
}

/** A process that sleeps with these arguments after `node -e …` (a reader's command line, as far as /proc shows). */
function fakeReader(args: string[], program = process.execPath): ChildProcess {
  return underSh(program, program === process.execPath ? ['-e', 'setTimeout(() => {}, 60_000)', ...args] : ['-e', 'sleep 60', ...args]);
}

/** The program under this sh (through runuser's own child, if it forks one): the first descendant that is not sh or runuser. */
function readerPid(sh: ChildProcess): Promise<number> {
  return waitFor('the fake reader under its sh', () => {
    let level = [sh.pid!];
    for (let depth = 0; depth < 3 && level.length > 0; depth++) {
      const children = level.flatMap((pid) => spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number));
      for (const pid of children) {
        let exe = '';
        try {
          exe = fs.readlinkSync(`/proc/${pid}/exe`);
        } catch {
          continue;
        }
        if (!/\/(runuser|dash|bash|sh)$/.test(exe)) return pid;
      }
      level = children;
    }
    return undefined;
  });
}

/** readersByAge as a reader started now by its own sh sees it. */
function asNewReader(): { older: number[]; newer: number[] } {
  const script = `import { readersByAge } from ${JSON.stringify(path.join(root, 'src/runtime/runfile.ts'))};
process.stdout.write(JSON.stringify(readersByAge(${JSON.stringify(RUN_FILE)}, ${JSON.stringify(SOCKET)}, '%9')));`;
  const run = spawnSync('/bin/sh', ['-c', `${shellQuote(process.execPath)} --import tsx --input-type=module -e ${shellQuote(script)} pipe-auto --socket ${shellQuote(SOCKET)} --pane %9; :`], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { older: number[]; newer: number[] };
}

describe("a new reader and the pane's other readers", () => {
  it('older readers of the pane (auto and toggled) are waited for; impostors, other panes and other sockets are not', async () => {
    const auto = await readerPid(fakeReader(['pipe-auto', '--socket', SOCKET, '--pane', '%9']));
    // Toggled readers of the pane's other recordings, one of an earlier version's run file (one per pane).
    const toggled = await readerPid(fakeReader(['pipe', `${RUN_DIR}/1-9-Other-rec2.json`]));
    const earlier = await readerPid(fakeReader(['pipe', `${RUN_DIR}/1-9.json`]));
    const otherPane = await readerPid(fakeReader(['pipe-auto', '--socket', SOCKET, '--pane', '%19']));
    const otherPaneToggled = await readerPid(fakeReader(['pipe', `${RUN_DIR}/1-99-Other-rec2.json`]));
    const otherServer = await readerPid(fakeReader(['pipe', `${RUN_DIR}/11-9-Other-rec2.json`]));
    const otherSocket = await readerPid(fakeReader(['pipe-auto', '--socket', `${SOCKET}x`, '--pane', '%9']));
    // Not node: anyone can run a program with a reader's arguments.
    const impostor = await readerPid(fakeReader(['pipe-auto', '--socket', SOCKET, '--pane', '%9'], '/usr/bin/perl'));
    // Another user's node with a reader's arguments, and a node whose real uid is another user's though its effective
    // one is ours (what a set-uid program another user starts looks like when we are root).
    const user = createUser();
    const args = ['pipe-auto', '--socket', SOCKET, '--pane', '%9'];
    const theirs = await readerPid(underSh('runuser', ['-u', user.name, '--', process.execPath, '-e', 'setTimeout(() => {}, 60_000)', ...args]));
    const realUid = await readerPid(underSh('setpriv', [`--ruid=${user.uid}`, '--', process.execPath, '-e', 'setTimeout(() => {}, 60_000)', ...args]));
    const seen = asNewReader();
    assert.deepEqual(seen.older.sort(), [auto, toggled, earlier].sort());
    for (const pid of [otherPane, otherPaneToggled, otherServer, otherSocket, impostor, theirs, realUid]) assert.ok(!seen.older.includes(pid) && !seen.newer.includes(pid), `${pid} is not a reader of the pane`);
  });

  it('a reader whose sh was forked after this one is newer: it is not waited for, it owns the pane', async () => {
    // The probe's own sh is forked first and waits (read) until the later reader runs; then the probe looks.
    const later = `${shellQuote(process.execPath)} -e 'setTimeout(() => {}, 60000)' pipe-auto --socket ${shellQuote(SOCKET)} --pane %9`;
    const script = `import { readersByAge } from ${JSON.stringify(path.join(root, 'src/runtime/runfile.ts'))};
import { spawn } from 'node:child_process';
await new Promise((resolve) => setTimeout(resolve, 20));
const sh = spawn('/bin/sh', ['-c', ${JSON.stringify(`${later}; :`)}], { stdio: 'ignore', detached: true });
let seen;
for (let i = 0; i < 200; i++) {
  seen = readersByAge(${JSON.stringify(RUN_FILE)}, ${JSON.stringify(SOCKET)}, '%9');
  if (seen.newer.length > 0) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.kill(-sh.pid, 'SIGKILL');
process.stdout.write(JSON.stringify(seen));`;
    const run = spawnSync('/bin/sh', ['-c', `${shellQuote(process.execPath)} --import tsx --input-type=module -e ${shellQuote(script)} pipe-auto --socket ${shellQuote(SOCKET)} --pane %9; :`], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const seen = JSON.parse(run.stdout) as { older: number[]; newer: number[] };
    assert.equal(seen.newer.length, 1, JSON.stringify(seen));
  });
});
