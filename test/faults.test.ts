// Faults and endings against a real tmux: a reader that dies, every way a
// recording can end, a full disk, a directory removed, planted symlinks.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { alive, HELPER, TmuxServer, waitFor } from './support.ts';

const servers: TmuxServer[] = [];
function server(options?: ConstructorParameters<typeof TmuxServer>[0]): TmuxServer {
  const started = new TmuxServer(options);
  servers.push(started);
  return started;
}
after(async () => {
  for (const started of servers) await started.kill();
});

/** Starts logging %0 and returns the reader's pid and the recording id. */
async function startLogging(tmux: TmuxServer, pane = '%0'): Promise<{ pid: number; recording: string }> {
  tmux.toggle(pane);
  const recording = tmux.show('#{@audit_on}', pane);
  const pid = await waitFor('the reader pid', () => tmux.readerPids()[0]);
  return { pid, recording };
}

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

describe('the reader dies', () => {
  it('kill -9: status off, the stop is recorded, a torn line is ended, toggling again starts cleanly', async () => {
    const tmux = server();
    const { pid, recording } = await startLogging(tmux);
    await tmux.run('echo before-the-kill');
    process.kill(pid, 'SIGKILL');
    await waitFor('the status to go off', () => tmux.show('#{T:status-right}') === '[]', 2000);
    await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=reader-died signal=SIGKILL`));
    assert.ok(tmux.readLog().endsWith('\n'));
    tmux.type('echo after-the-kill');
    await waitFor('pipe-pane to notice', () => tmux.show('#{pane_pipe}') === '0', 2000);

    const again = await startLogging(tmux);
    assert.notEqual(again.recording, recording);
    assert.equal(tmux.show('#{T:status-right}'), '[#[fg=red,bold]● REC#[default]]');
    await tmux.run('echo logging-again');
    assert.ok(tmux.loggedText().includes('logging-again'));
    assert.ok(!tmux.loggedText().includes('after-the-kill'), 'nothing is invented for the gap');
  });
});

describe('every ending is recorded, with everything received before it', () => {
  const endings: [string, string, (tmux: TmuxServer, pid: number) => void][] = [
    ['the pane closes', 'pane-closed', (tmux) => tmux.tmux('kill-pane', '-t', '%0')],
    ['the window is killed', 'pane-closed', (tmux) => tmux.tmux('kill-window', '-t', '@0')],
    ['the session is killed', 'pane-closed', (tmux) => tmux.tmux('kill-session', '-t', 'main')],
    ['the shell exits', 'pane-closed', (tmux) => tmux.type('exit')],
    ['the tmux server is killed', 'server-exit', (tmux) => tmux.tmux('kill-server')],
    ['SIGTERM', 'SIGTERM', (_tmux, pid) => process.kill(pid, 'SIGTERM')],
    ['SIGHUP', 'SIGHUP', (_tmux, pid) => process.kill(pid, 'SIGHUP')],
    ['pipe-pane is closed by hand', 'pipe-closed', (tmux) => tmux.tmux('pipe-pane', '-t', '%0')],
  ];
  for (const [name, reason, end] of endings) {
    it(`${name}: stop reason=${reason}`, async () => {
      const tmux = server();
      // A second session keeps the server up when `main` goes.
      tmux.tmux('new-session', '-d', '-s', 'other');
      const { pid, recording } = await startLogging(tmux);
      await tmux.run('seq -f line-%05g 1 20000');
      const log = tmux.logFile();
      end(tmux, pid);
      await waitFor('the reader to exit', () => !alive(pid));
      const text = fs.readFileSync(log, 'utf8');
      assert.match(text, new RegExp(`\\* stop rec=${recording} reason=${reason}\\n$`));
      const lines = text.split('\n').filter((line) => / \| line-\d{5}$/.test(line));
      assert.equal(lines.length, 20000, 'every line received was written');
    });
  }
});

describe('the disk and the directory', () => {
  it('disk full: the pane keeps working, the reader does not spin, logging resumes when space is freed', async (t) => {
    const tmux = server();
    try {
      fs.mkdirSync(tmux.logDir, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k,mode=0700', 'tmux-audit-test', tmux.logDir], { stdio: 'pipe' });
    } catch (error) {
      if (process.env.CI) throw error;
      t.skip(`cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`);
      return;
    }
    try {
      const filler = path.join(tmux.logDir, 'filler');
      const { pid } = await startLogging(tmux);
      fs.writeFileSync(filler, Buffer.alloc(480 * 1024)); // what is left fills up within the flood below
      tmux.type('seq -f full-%06g 1 4000; echo full-done');
      await waitFor('the pane to finish', () => tmux.tmux('capture-pane', '-p', '-t', '%0').includes('full-done\n'), 20_000);
      const before = cpuSeconds(pid);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.ok(alive(pid), 'the reader is still there');
      assert.ok(cpuSeconds(pid) - before < 0.5, 'no busy spin while the disk is full');

      fs.rmSync(filler);
      tmux.type('echo space-again');
      await waitFor('logging to resume', () => tmux.readLog().includes('| space-again\n'), 10_000);
      const lines = tmux.loggedText().filter((line) => /^full-\d{6}$/.test(line));
      assert.equal(lines.length, 4000, 'what waited in memory during the fault was written afterwards');
    } finally {
      execFileSync('umount', ['-l', tmux.logDir]);
      await tmux.kill();
    }
  });

  it('directory removed while logging: it is created again and logging goes on', async () => {
    const tmux = server();
    await startLogging(tmux);
    await tmux.run('echo into-the-first-directory');
    fs.rmSync(tmux.logDir, { recursive: true, force: true });
    tmux.type('echo into-the-new-directory');
    await waitFor('the new file', () => tmux.readLog().includes('| into-the-new-directory\n'));
    assert.equal(fs.statSync(tmux.logDir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(tmux.logFile()).mode & 0o777, 0o600);
  });

  it('file removed under it: a new one is started', async () => {
    const tmux = server();
    await startLogging(tmux);
    await tmux.run('echo first');
    fs.rmSync(tmux.logFile());
    await tmux.run('echo second');
    assert.ok(!tmux.readLog().includes('| first'));
  });

  /** Runs `start` as a user would from a shell in the pane; returns exit status and stderr. */
  function startFromShell(tmux: TmuxServer): { status: number; stderr: string } {
    try {
      execFileSync(process.execPath, [HELPER, 'start', '--pane', '%0'], {
        env: { ...tmux.env, TMUX: `${tmux.show('#{socket_path}')},0,0`, TMUX_PANE: '%0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { status: 0, stderr: '' };
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      return { status: failure.status, stderr: failure.stderr.toString() };
    }
  }

  it('refuses a symlink planted at the log file, and says so', () => {
    const tmux = server();
    fs.mkdirSync(tmux.logDir, { recursive: true, mode: 0o700 });
    const target = path.join(tmux.dir, 'target');
    fs.writeFileSync(target, '');
    fs.symlinkSync(target, tmux.logFile());
    const { status, stderr } = startFromShell(tmux);
    assert.equal(status, 1);
    assert.equal(stderr, `tmux-audit: cannot write ${tmux.logFile()}: it is a symlink (refused)\n`);
    assert.equal(tmux.show('#{pane_pipe}'), '0');
    assert.equal(fs.readFileSync(target, 'utf8'), '', 'nothing written through the link');
  });

  it('refuses a symlink planted at the log directory, and says so', () => {
    const tmux = server();
    const target = path.join(tmux.dir, 'elsewhere');
    fs.mkdirSync(target);
    fs.symlinkSync(target, tmux.logDir);
    const { status, stderr } = startFromShell(tmux);
    assert.equal(status, 1);
    assert.match(stderr, new RegExp(`^tmux-audit: cannot write ${tmux.logFile()}: ${tmux.logDir} is not a directory \\(refusing to follow a symlink\\)\n$`));
    assert.deepEqual(fs.readdirSync(target), []);
  });
});
