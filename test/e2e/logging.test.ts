// The logging loop against a real tmux server: toggle, stamps, status segment,
// several panes into one session file, rotation under concurrent writers.

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, cliResult, outsideTmux } from '../support/cli.ts';
import { logFilesInOrder, logLines, parseLine, readAllLogs, readIfThere, rotatedLogFiles, STAMP, waitForLine } from '../support/log.ts';
import { HELPER, ROOT } from '../support/paths.ts';
import { running } from '../support/process.ts';
import { paneWord, serversForThisFile, TmuxServer } from '../support/tmux.ts';
import { makeTempDir, waitFor, withTempDir } from '../support/util.ts';
import { slowDiskHelper } from '../support/build.ts';

const server = serversForThisFile();

const USER = os.userInfo().username;

/** A whole stamped line of the pane (`|`, `+`) or an event (`*`): no screen rows (`=`) in these tests. */
function assertStamped(line: string): void {
  const parsed = parseLine(line);
  assert.ok(parsed && '|+*'.includes(parsed.mark), `a stamped line marked |, + or *: ${JSON.stringify(line)}`);
}

describe('toggling a pane', () => {
  const tmux = server({ config: ['set -g status-left "#{audit_status}|"'] });

  it('starts logging: status on, start event, stamped lines', async () => {
    assert.equal(tmux.show('#{T:status-right}'), '[]');
    await waitFor('the prompt', () => tmux.show('#{cursor_x}') !== '0');
    const prompt = tmux.tmux('capture-pane', '-p', '-N', '-t', '%0').split('\n')[0]!.slice(0, Number(tmux.show('#{cursor_x}')));
    assert.match(prompt, /[$#>] $/);
    tmux.toggle();
    assert.equal(tmux.show('#{pane_pipe}'), '1');
    assert.equal(tmux.show('#{T:status-right}'), '[#[fg=red,bold]● REC#[default]]');
    assert.equal(tmux.show('#{T:status-left}'), '#[fg=red,bold]● REC#[default]|', 'the placeholder works in status-left too');

    const recording = tmux.show('#{@audit_on}');
    assert.match(recording, /^[\w-]{10}$/);
    tmux.type('echo "hello from the pane"');
    await waitFor('the echoed line in the log', () => tmux.loggedText().includes('hello from the pane'));
    assert.equal(tmux.loggedText()[0], `${prompt}echo "hello from the pane"`, 'the prompt on screen at the start is part of the first line');

    const log = logLines(tmux.logFile());
    const start = STAMP.exec(log[0]!);
    assert.ok(start, log[0]);
    assert.equal(start[2], USER);
    assert.equal(`${start[3]}:${start[4]}.${start[5]}`, 'main:0.0');
    assert.equal(start[6], '*');
    assert.match(start[7]!, new RegExp(`^start rec=${recording} by=${USER} pane=%0 pid=\\d+ file=${tmux.logFile()} shell=plain host=\\S+ command=\\S+ cwd=\\S+ window_name=\\S+ socket=\\S+ clients=none v=3$`));
    for (const line of log) assertStamped(line);
    const stampedAt = new Date(STAMP.exec(log.find((line) => line.endsWith('| hello from the pane'))!)![1]!).getTime();
    assert.ok(Math.abs(Date.now() - stampedAt) < 60_000, 'stamped with the current time');
  });

  it('logs colourful programs as clean text', async () => {
    const repo = makeTempDir('tmux-audit-git');
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=Ann Audit', '-c', 'user.email=ann@example.org', ...args], { stdio: 'ignore' });
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'f'), 'x');
    git('add', 'f');
    git('commit', '-qm', 'first commit message');
    fs.writeFileSync(path.join(repo, 'colour-probe'), '');

    await tmux.run(`ls --color=always ${repo}`);
    await tmux.run(`git -C ${repo} --no-pager log --color=always --decorate`);
    await tmux.run(`for i in 0 25 50 75 100; do printf '\\rprogress %3d%%' $i; sleep 0.02; done; echo`);
    await tmux.run('printf "\\033[1;31mred\\033[0m \\033]0;title\\007plain\\n"');
    const text = tmux.loggedText();
    fs.rmSync(repo, { recursive: true, force: true });

    assert.ok(text.includes('colour-probe  f'), text.join('\n'));
    assert.ok(text.some((line) => /^commit [0-9a-f]{40} \(HEAD -> \w+\)$/.test(line)), text.join('\n'));
    assert.ok(text.includes('    first commit message'));
    assert.ok(text.includes('progress 100%'));
    assert.ok(!text.some((line) => line.includes('progress  50%')), 'intermediate progress states are not logged');
    assert.ok(text.includes('red plain'));
    const raw = fs.readFileSync(tmux.logFile(), 'utf8');
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(raw), 'no escape or control character in the log');
  });

  it('stops logging: status off, stop event, later output not logged', async () => {
    const recording = tmux.show('#{@audit_on}');
    const [reader] = tmux.readerPids();
    assert.ok(reader, 'a reader runs while logging');
    tmux.toggle();
    assert.equal(tmux.show('#{T:status-right}'), '[]');
    assert.equal(tmux.show('#{pane_pipe}'), '0');
    await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=toggle by=${USER}`));
    tmux.type('echo after-stop');
    await waitFor('the echo on screen', () => tmux.screen().includes('\nafter-stop'));
    // Once the reader has exited nothing can write the echo any more: only then is its absence a result.
    await waitFor('the reader to exit', () => !running(reader));
    assert.ok(!tmux.readLog().includes('after-stop'));
    assert.equal(fs.readdirSync(path.join(tmux.logDir, '.run')).length, 0, 'the run files are cleaned up');
  });

  it('starts again with a new recording id in the same file', async () => {
    tmux.toggle();
    const recording = tmux.show('#{@audit_on}');
    await waitFor('a second start event', () => tmux.readLog().includes(`* start rec=${recording}`));
    assert.equal(tmux.readLog().match(/\* start rec=/g)?.length, 2);
    tmux.toggle();
  });

  it('log directory 0700, log file 0600', () => {
    assert.equal(fs.statSync(tmux.logDir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(tmux.logFile()).mode & 0o777, 0o600);
  });
});

describe('files and options', () => {
  it('one file per session, its name made safe; @audit-time-format applies', async () => {
    const tmux = server({ session: 'my proj/1', config: ['set -g @audit-time-format "HH:mm:ss"'] });
    tmux.toggle();
    const file = path.join(tmux.logDir, `my%20proj%2F1@${tmux.socketName}.log`);
    tmux.type('echo in-my-proj');
    const line = await waitForLine('the line', () => readIfThere(file), (entry) => entry.endsWith('| in-my-proj'));
    assert.match(line, new RegExp(`^\\d\\d:\\d\\d:\\d\\d ${USER} my proj/1:0\\.0 \\| in-my-proj$`));
  });

  it('umask 000 on the server still gives 0700 and 0600, for a directory several levels deep', async () => {
    const tmux = server({ umask: '000' });
    const logs = path.join(tmux.dir, 'deep', 'logs');
    tmux.tmux('set', '-g', '@audit-dir', logs);
    tmux.toggle();
    const log = path.join(logs, path.basename(tmux.logFile()));
    await waitFor('the log file', () => fs.existsSync(log));
    assert.equal(fs.statSync(logs).mode & 0o777, 0o700);
    assert.equal(fs.statSync(log).mode & 0o777, 0o600);
  });

  it('status command says what is logged, where and by whom', () => {
    const tmux = server();
    const status = () => cli(['status', '--pane', '%0'], tmux.paneEnv());
    assert.equal(status(), 'tmux-audit: %0 (main:0.0) is not being logged\n');
    tmux.toggle();
    assert.match(status(), new RegExp(`^tmux-audit: %0 \\(main:0\\.0\\) is being logged to ${tmux.logFile()} \\(rec [\\w-]{10}, started by ${USER}, reader pid \\d+\\)\n$`));
  });

  it('a bad option falls back with a message naming it', () => {
    const tmux = server({ config: ['set -g @audit-max-size lots'] });
    const out = cli(['start', '--pane', '%0'], tmux.paneEnv());
    assert.match(out, /tmux-audit: @audit-max-size 'lots' is not a size like 10M, 512K or 1G; using 10M/);
    assert.equal(tmux.show('#{pane_pipe}'), '1');
  });

  it('an unknown command-line option is one clear error', () => {
    const failure = cliResult(['toggle', '--bogus']);
    assert.equal(failure.status, 2);
    assert.equal(failure.stderr, "tmux-audit: unknown option '--bogus'\n");
  });
});

describe('several panes of one session', () => {
  it('write whole lines into one file, none lost, split or interleaved', async () => {
    const tmux = server();
    const panes = tmux.panes(3);
    for (const pane of panes) tmux.toggle(pane);
    await tmux.flood(panes, (word) => `${word}-line-%06g`, 3000, 30_000);
    const lines = logLines(tmux.logFile());
    for (const line of lines) assertStamped(line);
    for (const pane of panes) {
      const index = tmux.show('#{pane_index}', pane);
      const word = paneWord(pane);
      const mine = lines.filter((line) => line.includes(`| ${word}-line-`));
      assert.equal(mine.length, 3000, `${pane} has every line once`);
      assert.ok(mine.every((line, i) => line.endsWith(`| ${word}-line-${String(i + 1).padStart(6, '0')}`)), `${pane} in order`);
      assert.ok(mine.every((line) => line.includes(` main:0.${index} | `)), `${pane} stamped with its own pane index`);
    }
  });
});

describe('reading under a flood (paced reads, src/core/pacing.ts)', () => {
  it('a line printed after a flood reaches the log without waiting for more output, and every flood line is there once, in order', async () => {
    const tmux = server();
    tmux.toggle();
    // The reader waits a moment after each large read; the flood's end must not leave it waiting.
    tmux.type("seq -f 'flood-%06g' 1 200000; echo right-after-the-flood");
    await tmux.waitForPrinted('right-after-the-flood', { timeoutMs: 60_000 });
    // Nothing more is printed until this line: it is read although no read follows it.
    tmux.type('echo alone-after-the-flood');
    await tmux.waitForPrinted('alone-after-the-flood');
    const flood = readAllLogs(tmux.logFile()).split('\n').filter((line) => line.includes('| flood-'));
    assert.equal(flood.length, 200000, 'every flood line once');
    assert.ok(flood.every((line, i) => line.endsWith(`| flood-${String(i + 1).padStart(6, '0')}`)), 'in order, none merged');
  });
});

describe('rotation', () => {
  async function flood(tmux: TmuxServer, panes: string[], count: number): Promise<void> {
    for (const pane of panes) tmux.toggle(pane);
    await tmux.flood(panes, (word) => `${word}-n%06g`, count, 60_000);
  }

  it('with concurrent panes: every line exactly once, whole, in order per pane', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 64K', 'set -g @audit-max-files 1000'] });
    const panes = tmux.panes(3);
    const count = 20_000;
    await flood(tmux, panes, count);
    const files = logFilesInOrder(tmux.logFile());
    assert.ok(files.length > 20, `rotated ${files.length - 1} times`);
    for (const file of files.slice(0, -1)) {
      // Over the limit by at most one queued batch, plus writes that were in flight in other panes' readers.
      assert.ok(fs.statSync(file).size <= 5 * 64 * 1024, `${file} is ${fs.statSync(file).size} bytes`);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    }
    const lines = files.flatMap(logLines);
    for (const line of lines) assertStamped(line);
    for (const pane of panes) {
      const word = paneWord(pane);
      const mine = lines.filter((line) => line.includes(`| ${word}-n`)).map((line) => line.slice(line.indexOf('| ') + 2));
      assert.equal(mine.length, count, `${pane}: ${count} lines`);
      assert.equal(new Set(mine).size, count, `${pane}: no duplicates`);
      assert.ok(mine.every((text, i) => text === `${word}-n${String(i + 1).padStart(6, '0')}`), `${pane}: in order across files`);
    }
  });

  it('keeps at most @audit-max-files rotated files', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 16K', 'set -g @audit-max-files 3'] });
    await flood(tmux, ['%0'], 5000);
    const rotated = rotatedLogFiles(tmux.logDir, path.basename(tmux.logFile()));
    assert.equal(rotated.length, 3, rotated.join(' '));
  });
});

describe('status options', () => {
  it('@audit-status-on and -off replace the defaults, commas and all', () => {
    const tmux = server({ config: ["set -g @audit-status-on '#[fg=green,bold]LOGGED#[default]'", "set -g @audit-status-off 'free, not logged'"] });
    assert.equal(tmux.show('#{T:status-right}'), '[free, not logged]');
    tmux.toggle();
    assert.equal(tmux.show('#{T:status-right}'), '[#[fg=green,bold]LOGGED#[default]]');
    tmux.toggle();
    assert.equal(tmux.show('#{T:status-right}'), '[free, not logged]');
  });
});

describe('the plugin without a usable Node', () => {
  for (const [name, node] of [
    ['missing', '/nonexistent/node'],
    ['too old', 'OLD'],
  ] as const) {
    it(`${name}: the key only shows one clear message, the placeholder is removed`, () =>
      withTempDir('tmux-audit-oldnode', (dir) => {
        const fake = path.join(dir, 'node');
        fs.writeFileSync(fake, '#!/bin/sh\nexit 1\n', { mode: 0o755 }); // fails the version check like Node 16 would
        const tmux = server({ config: [`set -g @audit-node '${node === 'OLD' ? fake : node}'`] });
        const binding = tmux.tmux('list-keys', '-T', 'prefix', 'A');
        assert.match(binding, /display-message "tmux-audit needs Node\.js >= 18 on PATH \(or set @audit-node\); logging is off"/);
        assert.equal(tmux.show('#{T:status-right}'), '[]');
        assert.ok(!tmux.tmux('show', '-gv', 'status-right').includes('audit_status'));
        assert.equal(tmux.tmux('show-hooks', '-g').includes('session-renamed[47]'), false, 'no hook that would call a missing helper');
      }));
  }
});

describe('the command line', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli(['--version']), `${version}\n`);
  });
  it('--help lists the commands', () => {
    const help = cli(['--help']);
    for (const command of ['toggle', 'start', 'stop', 'status', 'pipe', 'status-format']) assert.match(help, new RegExp(`^  ${command}\\b`, 'm'));
  });
});

describe('pipe --file: the reader as a stamping filter', () => {
  /** Runs `pipe --file` over the output of a shell command; resolves when the reader exits. */
  function filter(command: string, file: string, args: string[] = [], helper = HELPER): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', `${command} | "$@"`, 'sh', process.execPath, helper, 'pipe', '--file', file, ...args], {
        env: outsideTmux(),
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
    });
  }

  it('stamps any program’s output; three writers rotating one file lose nothing', () =>
    withTempDir('tmux-audit-filter', async (dir) => {
      const file = path.join(dir, 'build.log');
      await Promise.all(['a', 'b', 'c'].map((name) => filter(`seq -f '${name}-%06g' 1 30000`, file, ['--session', 'build', '--max-size', '64K', '--max-files', '10000'])));
      const files = logFilesInOrder(file);
      assert.ok(files.length > 10, `rotated: ${files.length} files`);
      const lines = files.flatMap(logLines).filter((line) => / build:0\.0 \| [abc]-\d{6}$/.test(line));
      assert.equal(lines.length, 90000);
      assert.equal(new Set(lines.map((line) => line.slice(line.indexOf('| ')))).size, 90000);
    }));

  it('input faster than the disk, then the end: the drop is counted before the stop', () =>
    withTempDir('tmux-audit-filter', async (dir) => {
      const file = path.join(dir, 'flood.log');
      // Every write waits 300 ms: a build of the helper with a slow write (test/support/slow-fs.ts).
      await filter('seq 1 1500000', file, ['--max-size', '1G'], await slowDiskHelper(dir, 300));
      const log = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      const dropped = log.filter((line) => line.includes(' * dropped ')).reduce((sum, line) => sum + Number(/ lines=(\d+)/.exec(line)![1]), 0);
      const kept = log.filter((line) => / \| \d+$/.test(line)).length;
      assert.ok(dropped > 0, 'the slow disk made the reader drop');
      assert.equal(kept + dropped, 1500000);
      // Each `dropped` event stands right where its gap is: the next line continues after the gap.
      for (const [index, line] of log.entries()) {
        if (!line.includes(' * dropped ')) continue;
        const count = Number(/ lines=(\d+)/.exec(line)![1]);
        const before = Number(/ \| (\d+)$/.exec(log[index - 1]!)?.[1] ?? 0);
        const after = /(?: \| (\d+)$)/.exec(log[index + 1] ?? '');
        if (after) assert.equal(Number(after[1]), before + count + 1, `the event at log line ${index + 1} counts its gap`);
      }
      assert.match(log.at(-1)!, / \* stop rec=\S+ reason=eof$/);
    }));
});

describe('pipe --file: faults are said on stderr (it has no message line)', () => {
  it('a symlink at the log: refused with a message, exit 1, nothing written through it', () =>
    withTempDir('tmux-audit-filter', async (dir) => {
      const file = path.join(dir, 'x.log');
      const target = path.join(dir, 'target');
      fs.symlinkSync(target, file);
      const run = spawnSync(process.execPath, [HELPER, 'pipe', '--file', file], { input: 'hello\n', encoding: 'utf8', env: outsideTmux() });
      assert.equal(run.status, 1);
      assert.equal(run.stderr, `tmux-audit: cannot write ${file}: it is a symlink (refused)\n`);
      assert.ok(!fs.existsSync(target));
    }));
  it('rotation that cannot happen (something planted at the lock) is said, and writing goes on', () =>
    withTempDir('tmux-audit-filter', async (dir) => {
      const file = path.join(dir, 'y.log');
      fs.mkdirSync(path.join(dir, '.y.log.lock'));
      const input = Array.from({ length: 2000 }, (_, i) => `line ${i}\n`).join('');
      const run = spawnSync(process.execPath, [HELPER, 'pipe', '--file', file, '--max-size', '4K'], { input, encoding: 'utf8', env: outsideTmux() });
      assert.equal(run.status, 0);
      assert.match(run.stderr, new RegExp(`^tmux-audit: cannot rotate \\(EISDIR\\) ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; writing on past its size limit\\n$`));
      assert.equal(fs.readFileSync(file, 'utf8').split('\n').filter((line) => / \| line \d+$/.test(line)).length, 2000);
    }));
});
