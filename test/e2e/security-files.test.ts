// The files against another local user, for real: a second Unix user created
// by the test, a root tmux server (tests run as root, as CI does), the bundle
// the plugin runs. Their directory, their file swapped in, symlinks at our
// temporary names, forged run files, FIFOs, long names, files removed under
// the reader.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { cliResult } from '../support/cli.ts';
import { stampedLine } from '../support/log.ts';
import { HELPER } from '../support/paths.ts';
import { attachClient, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { createUser } from '../support/users.ts';
import { waitFor, withTempDir } from '../support/util.ts';

const server = serversForThisFile();
const user = createUser();
const me = `${os.userInfo().username} (uid ${process.geteuid!()})`;
const them = `${user.name} (uid ${user.uid})`;

const shared: string[] = [];
after(() => {
  for (const dir of shared) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A scratch directory anyone may create things in, like /tmp (1777). Under
 * /var/tmp: the other user must reach it, and the test's own temporary
 * directory may be private (here /tmp is 0700).
 */
function sharedTempDir(): string {
  const dir = fs.mkdtempSync('/var/tmp/tmux-audit-shared-');
  shared.push(dir);
  fs.chmodSync(dir, 0o1777);
  return dir;
}

/** What the server's message log holds (an attached client is needed for messages to be logged). */
function messages(tmux: TmuxServer): string {
  const client = tmux.tmux('list-clients', '-F', '#{client_name}').split('\n')[0]!;
  return tmux.tmux('show-messages', '-t', client);
}

function ownerAndMode(file: string): string {
  const stat = fs.lstatSync(file);
  return `${stat.uid} ${(stat.mode & 0o7777).toString(8)}`;
}

describe("someone else's directory or file is never adopted", () => {
  it('(a) @audit-dir created first by another user: the toggle refuses, naming path, owner and mode; nothing logged, the directory as it was', () => {
    const tmux = server();
    const theirs = path.join(sharedTempDir(), 'audit');
    user.run('mkdir', ['-m', '0755', theirs]);
    tmux.tmux('set', '-g', '@audit-dir', theirs);
    const { status, stderr } = tmux.cliInPane(['toggle', '--pane', '%0']);
    assert.equal(status, 1);
    assert.equal(
      stderr,
      `tmux-audit: cannot write ${theirs}/main@${tmux.socketName}.log: ${theirs} is owned by ${them}, mode 0755, not by ${me}: refused, nothing is written into it; use a directory only you own and can write\n`,
    );
    assert.equal(tmux.show('#{pane_pipe}'), '0');
    assert.equal(tmux.show('#{@audit_on}'), '');
    assert.deepEqual(fs.readdirSync(theirs), [], 'nothing created in it');
    assert.equal(ownerAndMode(theirs), `${user.uid} 755`, 'owner and mode unchanged');
  });

  it("(a) a .run directory that is someone else's: refused, naming it; nothing starts", () => {
    const tmux = server();
    const run = path.join(tmux.logDir, '.run');
    fs.mkdirSync(run, { recursive: true, mode: 0o700 });
    fs.chownSync(run, user.uid, user.gid);
    const { status, stderr } = tmux.cliInPane(['toggle', '--pane', '%0']);
    assert.equal(status, 1);
    assert.match(stderr, new RegExp(`^tmux-audit: ${run} is owned by ${user.name} \\(uid ${user.uid}\\), mode 0700, not by `));
    assert.equal(tmux.show('#{pane_pipe}'), '0');
    assert.deepEqual(fs.readdirSync(run), []);
  });

  it('(b) the log swapped for a file of another user while logging: the reader writes nothing into it and says so', async () => {
    const tmux = server();
    const terminal = await attachClient(tmux);
    try {
      await tmux.startLogging();
      await tmux.run('echo before-the-swap');
      // What the other user would do in a directory they could write: their own file at the log's name.
      const swap = path.join(tmux.logDir, 'theirs');
      fs.writeFileSync(swap, '', { mode: 0o644 });
      fs.chownSync(swap, user.uid, user.gid);
      fs.renameSync(swap, tmux.logFile());
      tmux.type('echo secret-after-the-swap');
      await waitFor('the message', () => messages(tmux).includes(`cannot write (${tmux.logFile()} is owned by ${them}, mode 0644, not by ${me}: refused`));
      await waitFor('the pane to print it', () => tmux.screen().split('\n').includes('secret-after-the-swap'));
      // A write would follow the pane's output within the writer's 5 ms gather; the refusal came first.
      assert.equal(fs.readFileSync(tmux.logFile(), 'utf8'), '', 'nothing written into their file');
      assert.equal(ownerAndMode(tmux.logFile()), `${user.uid} 644`);
    } finally {
      terminal.kill();
    }
  });

  it('(c) symlinks planted at the temporary names of the run, pid and stop files are not written through', async () => {
    const tmux = server();
    const victim = path.join(tmux.dir, 'victim');
    fs.writeFileSync(victim, 'untouched');
    // A run file's name holds its recording's id (core/paths.ts runFilePath), known once the recording has started:
    // planted then, at the names the toggle that stops it would use (its stop request) and any rewrite of the others.
    const { recording } = await tmux.startLogging();
    const runFile = tmux.show('#{@audit_run}');
    const next = Number(fs.readFileSync('/proc/sys/kernel/ns_last_pid', 'utf8'));
    const planted: string[] = [];
    for (let pid = next + 1; pid <= next + 3000; pid++) {
      for (const file of [runFile, runFile.replace(/\.json$/, '.pid'), runFile.replace(/\.json$/, '.stop')]) {
        planted.push(`${file}.${pid}.tmp`);
        fs.symlinkSync(victim, `${file}.${pid}.tmp`);
      }
    }
    await tmux.run('echo logging-works');
    tmux.toggle();
    await waitFor('the stop', () => tmux.readLog().includes(`* stop rec=${recording} reason=toggle`));
    assert.equal(fs.readFileSync(victim, 'utf8'), 'untouched');
    assert.ok(planted.every((link) => fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()), 'every planted link still there, none moved into place');
  });
});

describe('(d) pipe <run-file> trusts only a run file the toggle could have written', () => {
  /** A log directory with `.run/x-0.json` naming `file` (default `<dir>/s.log`), written 0600 as the toggle does. */
  function runFileIn(dir: string, file = path.join(dir, 's.log')): string {
    const runFile = path.join(dir, '.run', 'x-0.json');
    fs.mkdirSync(path.dirname(runFile), { mode: 0o700 });
    const recording = { id: 'REC0000001', file, user: 'ann', by: 'ann', session: 's', window: '0', pane: '0', paneId: '', socket: '', version: '' };
    fs.writeFileSync(runFile, JSON.stringify({ ...recording, timeFormat: 'HH:mm:ss', maxBytes: 1 << 20, maxFiles: 1, seed: '' }), { mode: 0o600 });
    return runFile;
  }

  it('the run file as the toggle writes it is read (the control for the cases below)', () =>
    withTempDir('tmux-audit-runfile', (dir) => {
      const { status } = cliResult(['pipe', runFileIn(dir)]);
      assert.equal(status, 0);
      assert.match(fs.readFileSync(path.join(dir, 's.log'), 'utf8'), /\* stop rec=REC0000001 reason=eof\n$/);
    }));

  const forged: [string, (dir: string, runFile: string) => void, string?][] = [
    ['readable by others (0644)', (_dir, runFile) => fs.chmodSync(runFile, 0o644)],
    ['owned by another user', (_dir, runFile) => fs.chownSync(runFile, user.uid, user.gid)],
    ['a second name of another file (hard link)', (dir, runFile) => fs.linkSync(runFile, path.join(dir, 'elsewhere'))],
    [
      'a symlink',
      (dir, runFile) => {
        fs.renameSync(runFile, path.join(dir, 'real.json'));
        fs.symlinkSync(path.join(dir, 'real.json'), runFile);
      },
    ],
    ["in a .run that is someone else's", (_dir, runFile) => fs.chownSync(path.dirname(runFile), user.uid, user.gid)],
  ];
  for (const [what, forge] of forged) {
    it(`${what}: refused, the reader exits with a message, the log is not written`, () =>
      withTempDir('tmux-audit-runfile', (dir) => {
        const runFile = runFileIn(dir);
        forge(dir, runFile);
        const { status, stderr } = cliResult(['pipe', runFile]);
        assert.equal(status, 1);
        assert.match(stderr, /^tmux-audit: .*(refused|symbolic links)/);
        assert.ok(stderr.includes(runFile) || stderr.includes(path.dirname(runFile)), stderr);
        assert.ok(!fs.existsSync(path.join(dir, 's.log')));
      }));
  }

  for (const [what, where] of [
    ['outside the log directory', (outside: string) => path.join(outside, 's.log')],
    ['in a directory below it', (_outside: string, dir: string) => path.join(dir, 'sub', 's.log')],
    ['climbing out with ..', (outside: string, dir: string) => path.join(dir, '..', path.basename(outside), 's.log')],
  ] as const) {
    it(`a log ${what}: refused, naming it; nothing written there`, () =>
      withTempDir('tmux-audit-runfile', (dir) =>
        withTempDir('tmux-audit-elsewhere', (outside) => {
          fs.mkdirSync(path.join(dir, 'sub'), { mode: 0o700 });
          const file = where(outside, dir);
          const runFile = runFileIn(dir, file);
          const { status, stderr } = cliResult(['pipe', runFile]);
          assert.equal(status, 1);
          assert.equal(stderr, `tmux-audit: ${runFile} names the log ${JSON.stringify(file)}, which is not directly inside ${dir}: refused\n`);
          assert.ok(!fs.existsSync(file) && !fs.existsSync(path.resolve(file)));
        }),
      ));
  }
});

describe('modes only on directories the tool creates (pipe --file)', () => {
  /** `node dist/audit.cjs pipe --file <file>` run in `cwd`, its input ending at once. */
  function pipeFile(file: string, cwd: string): void {
    const run = spawnSync(process.execPath, [HELPER, 'pipe', '--file', file], { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  }

  it('a /tmp-like 1777 directory stays 1777; directories it creates below one are 0700', () => {
    const tmpLike = sharedTempDir();
    pipeFile(path.join(tmpLike, 'x.log'), '/');
    pipeFile(path.join(tmpLike, 'new', 'deeper', 'x.log'), '/');
    assert.equal(ownerAndMode(tmpLike), '0 1777');
    assert.equal(ownerAndMode(path.join(tmpLike, 'new')), '0 700');
    assert.equal(ownerAndMode(path.join(tmpLike, 'new', 'deeper')), '0 700');
    assert.equal(ownerAndMode(path.join(tmpLike, 'x.log')), '0 600');
    assert.match(fs.readFileSync(path.join(tmpLike, 'x.log'), 'utf8'), / \* stop rec=\S+ reason=eof\n$/);
  });

  it('pipe --file build.log in a 2775 project directory leaves it 2775', () =>
    withTempDir('tmux-audit-project', (dir) => {
      const project = path.join(dir, 'project');
      fs.mkdirSync(project);
      fs.chownSync(project, 0, user.gid);
      fs.chmodSync(project, 0o2775);
      pipeFile('build.log', project);
      assert.equal(ownerAndMode(project), '0 2775');
      assert.equal(ownerAndMode(path.join(project, 'build.log')), '0 600');
    }));
});

describe('long session names', () => {
  it('a session named with 60 CJK characters is logged, into a file whose name fits', async () => {
    const session = '漢字仮名交じり文日本語の長いセッション名'.repeat(3);
    const tmux = server({ session });
    tmux.toggle();
    await waitFor('the reader', () => tmux.readerPids()[0]);
    tmux.type('echo in-a-long-named-session');
    const file = await waitFor('the log', () => {
      const name = fs.readdirSync(tmux.logDir).find((entry) => entry.endsWith('.log'));
      return name && fs.readFileSync(path.join(tmux.logDir, name), 'utf8').includes('| in-a-long-named-session\n') ? name : undefined;
    });
    assert.ok(Buffer.byteLength(file) <= 255);
    const match = new RegExp(`^((?:%[0-9A-F]{2})+)~[0-9a-f]{8}@${tmux.socketName}\\.log$`).exec(file);
    assert.ok(match, file);
    assert.ok(session.startsWith(decodeURIComponent(match[1]!)), 'a readable prefix of the name');
    const text = fs.readFileSync(path.join(tmux.logDir, file), 'utf8').split('\n');
    assert.ok(text.some((line) => stampedLine(`${session}:0.0`, '|', 'in-a-long-named-session').test(line)), 'stamped with the whole name');
  });
});

describe('recover', () => {
  it('a FIFO planted at the log: recover returns at once, writes nothing into it, and still tells the user', async () => {
    const tmux = server();
    const terminal = await attachClient(tmux);
    try {
      fs.mkdirSync(path.join(tmux.logDir, '.run'), { recursive: true, mode: 0o700 });
      const runFile = path.join(tmux.logDir, '.run', 'x-0.json');
      const fields = { id: 'REC0000001', file: tmux.logFile(), user: 'root', by: 'root', session: 'main', window: '0', pane: '0', paneId: '%0' };
      const write = (): void =>
        fs.writeFileSync(runFile, JSON.stringify({ ...fields, socket: tmux.show('#{socket_path}'), version: tmux.show('#{version}'), timeFormat: 'HH:mm:ss', maxBytes: 1 << 20, maxFiles: 1, seed: '' }), { mode: 0o600 });
      execFileSync('mkfifo', ['-m', '0600', tmux.logFile()]);
      // No reader on the FIFO: an open for writing that waits for one would never return.
      write();
      const alone = spawnSync(process.execPath, [HELPER, 'recover', runFile, '137'], { timeout: 10_000, stdio: 'ignore' });
      assert.equal(alone.status, 0, 'returned (not killed by the timeout)');
      // A reader on it: an open would succeed, and the stop event would go into the FIFO.
      write();
      const reader = fs.openSync(tmux.logFile(), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      try {
        const read = spawnSync(process.execPath, [HELPER, 'recover', runFile, '137'], { timeout: 10_000, stdio: 'ignore' });
        assert.equal(read.status, 0);
        assert.equal(fs.readSync(reader, Buffer.alloc(64)), 0, 'nothing written into the FIFO');
      } finally {
        fs.closeSync(reader);
      }
      await waitFor('the message', () => /logging of %0 stopped unexpectedly \(reader killed by SIGKILL, rec REC0000001\); toggle to start again; not recorded in the log: .* is a FIFO: refused/.test(messages(tmux)));
    } finally {
      terminal.kill();
    }
  });
});

describe('the log removed while logging', () => {
  for (const what of ['file', 'directory'] as const) {
    it(`the ${what}: a lost event first in the new file, told once, and the toggle after it is a normal stop`, async () => {
      const tmux = server();
      const terminal = await attachClient(tmux);
      try {
        const { recording } = await tmux.startLogging();
        await tmux.run('echo into-the-first-file');
        fs.rmSync(what === 'file' ? tmux.logFile() : tmux.logDir, { recursive: true });
        await tmux.run('echo into-the-new-file');
        await tmux.run('echo and-more');
        const lines = tmux.readLog().split('\n');
        assert.match(lines[0]!, stampedLine('main:0.0', '*', `lost rec=${recording} what=${what} p=[0-9a-f]+ k=\\d+`));
        const told = `the log ${what} was removed while %0 was logged; earlier lines are gone, logging goes on in a new ${tmux.logFile()}`;
        await waitFor('the message', () => messages(tmux).includes(told));
        assert.equal(messages(tmux).split(told).length - 1, 1, 'told once');
        const { status, stdout } = tmux.cliInPane(['toggle', '--pane', '%0']);
        assert.equal(status, 0);
        assert.equal(stdout, `tmux-audit: stopped logging %0 (rec ${recording})\n`);
        await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=toggle by=${os.userInfo().username}\n`));
      } finally {
        terminal.kill();
      }
    });
  }
});
