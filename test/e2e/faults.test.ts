// Faults and endings against a real tmux: a reader that dies, every way a
// recording can end, a full disk, a directory removed, planted symlinks.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, cliResult } from '../support/cli.ts';
import { logFilesInOrder, parseLine, stampedLine } from '../support/log.ts';
import { alive, cpuSeconds, memoryKb } from '../support/process.ts';
import { attachClient, type OuterTerminal, paneWord, serversForThisFile, TmuxServer } from '../support/tmux.ts';
import { escapeRegExp, makeTempDir, uniqueMarker, waitFor, withTempDir } from '../support/util.ts';
import { slowDiskHelper } from '../support/build.ts';
import { mountSmallDisk, unmountSmallDisk } from '../support/small-disk.ts';

const server = serversForThisFile();

describe('the reader dies', () => {
  it('kill -9: status off, the stop is recorded, a torn line is ended, toggling again starts cleanly', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging();
    await tmux.run('echo before-the-kill');
    process.kill(pid, 'SIGKILL');
    await waitFor('the status to go off', () => tmux.show('#{T:status-right}') === '[]', 2000);
    await waitFor('the stop event', () => tmux.readLog().includes(`* stop rec=${recording} reason=reader-died signal=SIGKILL`));
    assert.ok(tmux.readLog().endsWith('\n'));
    tmux.type('echo after-the-kill');
    await waitFor('pipe-pane to notice', () => tmux.show('#{pane_pipe}') === '0', 2000);

    const again = await tmux.startLogging();
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
      const { pid, recording } = await tmux.startLogging();
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
    if (!mountSmallDisk(tmux, '512k', t)) return;
    try {
      const filler = path.join(tmux.logDir, 'filler');
      const { pid } = await tmux.startLogging();
      fs.writeFileSync(filler, Buffer.alloc(480 * 1024)); // what is left fills up within the flood below
      tmux.type('seq -f full-%06g 1 4000; echo full-done');
      await waitFor('the pane to finish', () => tmux.screen().includes('full-done\n'), 20_000);
      const before = cpuSeconds(pid);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.ok(alive(pid), 'the reader is still there');
      assert.ok(cpuSeconds(pid) - before < 0.5, 'no busy spin while the disk is full');

      fs.rmSync(filler);
      tmux.type('echo space-again');
      await tmux.waitForPrinted('space-again', { timeoutMs: 10_000 });
      const lines = tmux.loggedText().filter((line) => /^full-\d{6}$/.test(line));
      assert.equal(lines.length, 4000, 'what waited in memory during the fault was written afterwards');
    } finally {
      unmountSmallDisk(tmux);
      await tmux.kill();
    }
  });

  it('directory removed while logging: it is created again and logging goes on', async () => {
    const tmux = server();
    await tmux.startLogging();
    await tmux.run('echo into-the-first-directory');
    fs.rmSync(tmux.logDir, { recursive: true, force: true });
    tmux.type('echo into-the-new-directory');
    await tmux.waitForPrinted('into-the-new-directory');
    assert.equal(fs.statSync(tmux.logDir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(tmux.logFile()).mode & 0o777, 0o600);
  });

  it('file removed under it: a new one is started', async () => {
    const tmux = server();
    await tmux.startLogging();
    await tmux.run('echo first');
    fs.rmSync(tmux.logFile());
    await tmux.run('echo second');
    assert.ok(!tmux.readLog().includes('| first'));
  });

  /** Runs `start` as a user would from a shell in the pane; returns exit status and stderr. */
  const startFromShell = (tmux: TmuxServer) => tmux.cliInPane(['start', '--pane', '%0']);

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

  it('a directory that cannot be created: the message names the path and the error, nothing starts', () => {
    const tmux = server();
    const blocker = path.join(tmux.dir, 'a-file');
    fs.writeFileSync(blocker, '');
    tmux.tmux('set', '-g', '@audit-dir', path.join(blocker, 'logs'));
    const { status, stderr } = startFromShell(tmux);
    assert.equal(status, 1);
    assert.match(stderr, new RegExp(`^tmux-audit: cannot write ${blocker}/logs/main@${tmux.socketName}\\.log: ENOTDIR: not a directory`));
    assert.equal(tmux.show('#{pane_pipe}'), '0');
    assert.equal(tmux.show('#{T:status-right}'), '[]');
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

describe('floods', () => {
  it('4 panes × 200,000 lines, rotating every 256 KiB: each line exactly once, whole, in order', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 256K', 'set -g @audit-max-files 100000'] });
    const panes = tmux.panes(4, 'tiled');
    for (const pane of panes) tmux.toggle(pane);
    await tmux.flood(panes, (word) => `${word}-%06g`, 200000, 120_000);
    const all = logFilesInOrder(tmux.logFile());
    assert.ok(all.length > 100, `rotated ${all.length - 1} times`);
    const perPane = new Map(panes.map((pane) => [paneWord(pane), [] as string[]]));
    for (const file of all) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (line === '') continue;
        const match = / \| (p\d)-(\d{6})$/.exec(line);
        if (match) {
          perPane.get(match[1]!)!.push(match[2]!);
          continue;
        }
        // Besides the numbers, only each pane's start event, seals and rotated files' digests (`*`), its command line and its
        // last echo (`|`).
        const quoted = JSON.stringify(line.slice(0, 200));
        const parsed = parseLine(line);
        assert.ok(parsed, `a whole, stamped line: ${quoted}`);
        const event = /^start rec=\S+ by=\S+ pane=%\d pid=\d+ file=\S+ shell=plain host=\S+ command=\S+ cwd=.* window_name=.* socket=\S+ clients=\S+ v=3$|^seal rec=\S+ n=\d+ p=[0-9a-f]+ h=[0-9a-f]{32} s=\d+ v=3$|^digest rec=\S+ file=\S+ size=\d+ sha256=[0-9a-f]{64}$/.test(parsed.text);
        const printed = /(?:seq -f 'p\d-%06g' 1 200000; echo p\d-finished|^p\d-finished)$/.test(parsed.text);
        assert.ok(event || printed, `a start event, a command line or its last echo: ${quoted}`);
        assert.equal(parsed.mark, event ? '*' : '|', `the mark of what the line is: ${quoted}`);
      }
    }
    for (const [pane, numbers] of perPane) {
      assert.equal(numbers.length, 200000, `${pane}: every line once`);
      assert.ok(numbers.every((number, i) => Number(number) === i + 1), `${pane}: in order, none merged or duplicated`);
    }
    // Four chains interleaved across more than 100 rotations, still recording: no false alarm.
    const verified = cliResult(['verify', '--dir', tmux.logDir]);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /^OK main@\S+: \d+ file\(s\), \d+ lines, 4 recording\(s\), \d+ seal\(s\) \(4 still recording; /m);
  });

  it('a disk slower than the flood: tmux and the reader stay bounded, and the drop is accounted for', async (t) => {
    // Every write waits 200 ms (a build of the helper with a slow write): the reader's queue fills far faster than it drains.
    const buildDir = makeTempDir('tmux-audit-slow-disk');
    t.after(() => fs.rmSync(buildDir, { recursive: true, force: true }));
    const helper = await slowDiskHelper(buildDir, 200);
    const tmux = server({ helper, config: ['set -g @audit-max-size 1G'] });
    const serverPid = Number(tmux.show('#{pid}'));
    const { pid, recording } = await tmux.startLogging();
    const tmuxBefore = memoryKb(serverPid, 'VmRSS');
    tmux.type('seq 1 3000000; echo flood-finished');
    await waitFor('the flood to reach the screen', () => tmux.screen().includes('flood-finished\n'), 60_000);
    await waitFor('the dropped event', () => tmux.readLog().includes(`* dropped rec=${recording} lines=`), 60_000);
    const tmuxGrowth = memoryKb(serverPid, 'VmHWM') - tmuxBefore;
    const readerPeak = memoryKb(pid, 'VmHWM');
    assert.ok(tmuxGrowth < 32 * 1024, `tmux grew by ${tmuxGrowth} kB: the reader kept draining`);
    assert.ok(readerPeak < 160 * 1024, `reader peak RSS ${readerPeak} kB stays bounded (16 Mi characters of queue)`);
    // Caught up once the log stops growing for a second: the writer writes whenever anything waits, so
    // a still log means nothing waits and nothing is read (while the reader drops lines, the queue drains
    // and the file grows). Only then is a new line sure not to fall into a gap.
    let size = -1;
    let still = Date.now();
    await waitFor(
      'the reader to catch up with the flood',
      () => {
        const now = fs.statSync(tmux.logFile()).size;
        if (now !== size) [size, still] = [now, Date.now()];
        return Date.now() - still >= 1000;
      },
      60_000,
    );
    // Written after everything queued before it. The log is ~100 MB by now: looked for as text, not parsed at each look
    // (tmux.run parses it, and under load a CI dry run saw two looks in its 10 s), and given the flood's own time.
    const after = uniqueMarker('after-the-flood');
    tmux.type(`echo ${after}`);
    await tmux.waitForPrinted(after, { timeoutMs: 60_000 });
    const dropped = [...tmux.readLog().matchAll(/\* dropped rec=\S+ lines=(\d+) chars=\d+/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    const text = tmux.loggedText();
    const kept = text.filter((line) => /^\d+$/.test(line)).length + (text.includes('flood-finished') ? 1 : 0);
    assert.ok(dropped > 0);
    assert.equal(kept + dropped, 3000001, 'each line of the flood (and its last echo) is in the log or counted as dropped');
  });
});

describe('hostile output', () => {
  it('binary, NULs, a 50 MB line, endless \\r, queries, OSC 52, wide text: no crash, bounded, nothing raw in the log', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 1G'] }); // one file to read back
    const { pid } = await tmux.startLogging();
    await tmux.run(`head -c 300000 ${process.execPath} | tr -d '\\033'; echo`);
    await tmux.run("printf 'nul:\\000\\000:end\\n'");
    // 50 MB through tmux: ~3 s on a quiet machine, past the default 10 s under load (CI dry run, load 13).
    await tmux.run("printf LONG:; head -c 50000000 /dev/zero | tr '\\0' x; echo", '%0', 'main', 120_000);
    await tmux.run("for i in $(seq 1 20000); do printf '\\r%d' $i; done; echo");
    const wide = path.join(tmux.dir, 'wide.txt');
    fs.writeFileSync(wide, '全角テキスト 🚀🎉 e\u0301\n');
    await tmux.run(`cat ${wide}`);
    // Last: tmux answers the queries by typing the replies into the pane, as a terminal does.
    // With echo off, and the replies read before the next line: a terminal echoes input that comes while a
    // program runs, so a reply landing between 'ok' and the next echo would share its line (a flaky match).
    await tmux.run("stty -echo; printf '\\033[6n\\033[c\\033]52;c;c2VjcmV0\\007\\033]0;title\\007ok\\n'; read -rs -t 5 -d R; read -rs -t 5 -d c; stty echo");
    assert.ok(alive(pid), 'the reader survived');
    assert.ok(memoryKb(pid, 'VmHWM') < 200 * 1024, `reader peak RSS ${memoryKb(pid, 'VmHWM')} kB`);
    const text = tmux.loggedText();
    assert.ok(text.includes('nul::end'), 'NULs dropped');
    assert.ok(text.includes('20000'), 'the progress counter logged in its final state');
    assert.ok(text.includes('ok'), `queries and OSC 52 removed: ${JSON.stringify(text.slice(-6))}`);
    assert.ok(text.includes('全角テキスト 🚀🎉 e\u0301'), 'wide text and emoji intact');
    const log = tmux.readLog().split('\n');
    const first = log.findIndex((line) => / \| LONG:x+$/.test(line));
    let end = first + 1;
    while (/ \+ x+$/.test(log[end]!)) end++;
    const pieces = log.slice(first, end).map((line) => line.replace(/^.* [|+] (LONG:)?/, ''));
    assert.ok(first >= 0 && pieces.length > 1000);
    assert.equal(pieces.join('').length, 50_000_000, 'every x accounted for, in pieces marked as continuations');
    assert.ok(pieces.every((piece) => /^x+$/.test(piece) && piece.length <= 16_384), 'split at the documented limit');
    const raw = fs.readFileSync(tmux.logFile());
    assert.ok(!raw.includes(0x1b) && !raw.includes(0x00) && !raw.includes(0x07), 'no escape, NUL or bell in the log');
    assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(raw.toString('latin1')), 'no raw control characters');
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(raw), 'the log is valid UTF-8');
  });
});

describe('renames and collisions', () => {
  it('a renamed session keeps its file and stamps, and the rename is recorded', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    const file = tmux.logFile();
    tmux.tmux('rename-session', '-t', 'main', 'renamed one');
    await waitFor('the rename event', () => tmux.readLog().includes(`* rename rec=${recording} to="renamed one"`));
    await tmux.run('echo after-rename', '%0', 'main');
    assert.ok(fs.readFileSync(file, 'utf8').includes('main:0.0 | after-rename'));
  });

  it('two servers with a session of the same name never share a file', async () => {
    const one = server();
    const two = server();
    fs.rmSync(two.logDir, { recursive: true, force: true });
    two.tmux('set', '-g', '@audit-dir', one.logDir);
    await one.startLogging();
    two.toggle();
    await one.run('echo from-one');
    await waitFor('two to log', () => fs.existsSync(path.join(one.logDir, path.basename(two.logFile()))));
    assert.notEqual(one.logFile(), path.join(one.logDir, path.basename(two.logFile())));
    two.tmux('send-keys', '-t', '%0', 'echo from-two', 'Enter');
    const twoFile = path.join(one.logDir, path.basename(two.logFile()));
    await waitFor('from-two in its own file', () => fs.readFileSync(twoFile, 'utf8').includes('| from-two'));
    assert.ok(!one.readLog().includes('from-two'));
    assert.ok(!fs.readFileSync(twoFile, 'utf8').includes('from-one'));
    two.toggle();
  });
});

describe('bad options', () => {
  it('an unknown time-format token and a relative directory: named in the message, defaults used', () => {
    const tmux = server({ config: ['set -g @audit-time-format "yyyy-MM-dd jj"', 'set -g @audit-dir "relative/logs"'] });
    const home = tmux.dir;
    const out = cli(['start', '--pane', '%0'], tmux.paneEnv());
    assert.match(out, /@audit-time-format 'yyyy-MM-dd jj' is not a date-fns format \(.*`j`.*\); using 'yyyy-MM-dd'T'HH:mm:ss.SSSxxx'/);
    assert.match(out, new RegExp(`@audit-dir 'relative/logs' is not an absolute path; using ${home}/.local/state/tmux-audit`));
    assert.match(out, new RegExp(`@audit-dir: created ${home}/.local/state/tmux-audit \\(mode 0700\\)`), 'a directory that did not exist is created, and said so');
    assert.equal(tmux.show('#{pane_pipe}'), '1');
  });
});

describe('full-screen programs', () => {
  it('less: a marked block with the program, snapshots of its screen, and its end; no drawing noise', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    const file = path.join(tmux.dir, 'notes.txt');
    fs.writeFileSync(file, Array.from({ length: 100 }, (_, i) => `note line ${i + 1}`).join('\n'));
    tmux.type(`less ${file}`);
    await waitFor('a snapshot of the first page', () => tmux.readLog().includes('= note line 1\n'));
    tmux.tmux('send-keys', '-t', '%0', 'G'); // to the end
    await waitFor('a snapshot of the last page', () => tmux.readLog().includes('= note line 100\n'));
    tmux.tmux('send-keys', '-t', '%0', 'q');
    await tmux.run('echo back-at-the-prompt');

    const log = tmux.readLog().split('\n');
    const enter = log.findIndex((line) => line.includes(`* screen rec=${recording} state=enter program=less`));
    const leave = log.findIndex((line) => line.includes(`* screen rec=${recording} state=leave`));
    assert.ok(enter > 0 && leave > enter, 'enter and leave events around the block');
    assert.match(log[enter - 1]!, new RegExp(` \\| .*less ${file}$`), 'the command line just before it');
    const block = log.slice(enter + 1, leave);
    // Only snapshot events (`*`) and the rows of each snapshot (`=`) inside the block.
    const snapshot = stampedLine('main:0.0', '*', `screen rec=${escapeRegExp(recording)} state=(?:snapshot|scrolled) rows=\\d+`);
    for (const line of block) {
      const parsed = parseLine(line);
      assert.ok(parsed, `a stamped line in the block: ${JSON.stringify(line)}`);
      assert.equal(parsed.mark, snapshot.test(line) ? '*' : '=', `only screen rows and snapshot events inside the block: ${JSON.stringify(line)}`);
    }
    assert.ok(block.some((line) => snapshot.test(line)));
    assert.ok(log.slice(leave).some((line) => line.endsWith('| back-at-the-prompt')));
  });
});

describe('what the user is told, on the screen of an attached client', () => {
  // The messages are information, shown for display-time (750 ms by default) while the test reads the client's screen a
  // capture at a time: a test process stalled that long missed them (as in history, keys and tpm: b8acaf7). Longer here.
  const MESSAGE_SHOWN = ['set -g display-time 3000'];

  it('the reader dies: a message says logging stopped unexpectedly', async () => {
    const tmux = server({ config: MESSAGE_SHOWN });
    const terminal = await attachClient(tmux);
    try {
      const { pid, recording } = await tmux.startLogging();
      process.kill(pid, 'SIGKILL');
      await waitFor(
        'the message',
        () => terminal.screenText().includes(`tmux-audit: logging of %0 stopped unexpectedly (reader killed by SIGKILL, rec ${recording}); toggle to start again`),
        5000,
      );
    } finally {
      terminal.kill();
    }
  });

  it('the disk is full: a message names the file and the error; logging resumes when it clears', async (t) => {
    const tmux = server({ config: MESSAGE_SHOWN });
    if (!mountSmallDisk(tmux, '1m', t)) return;
    let terminal: OuterTerminal | undefined;
    try {
      const client = (terminal = await attachClient(tmux));
      await tmux.startLogging();
      await tmux.run('echo before-the-disk-fills');
      const filler = path.join(tmux.logDir, 'filler');
      // Fill the file system to the last byte (tmpfs refuses the write that does not fit).
      try {
        fs.writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        // full: what we wanted
      }
      tmux.type('seq 1 2000; echo while-the-disk-is-full'); // more than the last page's room
      await waitFor(
        'the error message',
        () => client.screenText().includes(`tmux-audit: cannot write (ENOSPC) ${tmux.logFile()}; logging of`),
        5000,
      );
      fs.rmSync(filler);
      await tmux.waitForPrinted('while-the-disk-is-full', { timeoutMs: 5000 });
      await waitFor('the recovery message', () => client.screenText().includes(`tmux-audit: writing again (%0) ${tmux.logFile()}`), 5000);
    } finally {
      terminal?.kill();
      unmountSmallDisk(tmux);
      await tmux.kill();
    }
  });
});

describe('full-screen programs, out of step with the stream', () => {
  it('logging started while less is up: a screen block from the start, not its drawing', async () => {
    const tmux = server();
    const file = path.join(tmux.dir, 'notes.txt');
    fs.writeFileSync(file, 'first note\nsecond note\n');
    tmux.type(`less ${file}`);
    await waitFor('less on screen', () => tmux.show('#{alternate_on}') === '1');
    const { recording } = await tmux.startLogging();
    await waitFor('a snapshot', () => tmux.readLog().includes('= first note\n'));
    tmux.tmux('send-keys', '-t', '%0', 'q');
    await tmux.run('echo after-less');
    const log = tmux.readLog();
    assert.match(log, new RegExp(`\\* screen rec=${recording} state=enter program=less\\n`));
    assert.match(log, new RegExp(`\\* screen rec=${recording} state=leave\\n`));
    assert.ok(!/ \| .*first note/.test(log), 'no drawing logged as lines');
  });

  it('tmux leaves the alternate screen without a sequence (respawn-pane -k): the block ends, what follows is not lost', async () => {
    const tmux = server();
    tmux.type('less /etc/hostname');
    await waitFor('less on screen', () => tmux.show('#{alternate_on}') === '1');
    const { recording } = await tmux.startLogging();
    // The new process prints first and only then starts the shell: the reader's model, which did not see
    // tmux reset the screen, draws it in the alternate screen; asked once the pane is quiet, tmux says
    // the pane left it, and the block ends with that frame.
    const shell = tmux.tmux('show-options', '-gv', 'default-shell').trim();
    tmux.tmux('respawn-pane', '-k', '-t', '%0', `echo printed-after-respawn; exec ${shell}`);
    await waitFor('the new shell', () => tmux.show('#{alternate_on}') === '0' && tmux.show('#{cursor_x}') !== '0');
    await waitFor('the resync', () => tmux.readLog().includes(`* screen rec=${recording} state=leave reason=resync\n`));
    await waitFor('what was printed meanwhile, in the final frame', () => tmux.readLog().includes('= printed-after-respawn\n'));
    await tmux.run('echo logged-as-lines-again');
    assert.ok(!tmux.readLog().includes('| printed-after-respawn\n'), 'not also logged as a line');
  });
});

describe('a rotation lock path taken by something else', () => {
  it('is told; writing goes on past the limit rather than lose lines; no spin; stopping works', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 16K'] });
    const terminal = await attachClient(tmux);
    try {
      const { pid, recording } = await tmux.startLogging();
      fs.mkdirSync(path.join(tmux.logDir, `.${path.basename(tmux.logFile())}.lock`));
      tmux.type('seq 1 3000; echo past-the-limit');
      await waitFor('the message', () => terminal.screenText().includes('tmux-audit: cannot rotate (EISDIR)'), 5000);
      await tmux.waitForPrinted('past-the-limit');
      const before = cpuSeconds(pid);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(cpuSeconds(pid) - before < 0.3, 'no busy retry');
      tmux.toggle();
      await waitFor('the reader to stop', () => !alive(pid), 5000);
      assert.match(tmux.readLog(), new RegExp(`\\* stop rec=${recording} reason=toggle`));
    } finally {
      terminal.kill();
    }
  });
});

describe('recover, run after a reader died', () => {
  function recording(dir: string, file: string): string {
    const runFile = path.join(dir, '.run', 'x-0.json');
    fs.mkdirSync(path.dirname(runFile), { recursive: true, mode: 0o700 });
    const fields = { id: 'REC0000001', file, user: 'ann', by: 'ann', session: 's', window: '0', pane: '0', paneId: '%0', socket: '', version: '' };
    // 0600, as the toggle writes it: the reader and recover trust no other run file.
    fs.writeFileSync(runFile, JSON.stringify({ ...fields, timeFormat: 'HH:mm:ss', maxBytes: 1 << 20, maxFiles: 1, seed: '' }), { mode: 0o600 });
    return runFile;
  }

  it('ends a torn last line, records the death, and removes the run file', () =>
    withTempDir('tmux-audit-recover', (dir) => {
      const file = path.join(dir, 's.log');
      fs.writeFileSync(file, '00:00:00 ann s:0.0 | a whole line\n00:00:00 ann s:0.0 | a torn li', { mode: 0o600 });
      const runFile = recording(dir, file);
      cli(['recover', runFile, '137']);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      assert.equal(lines[1], '00:00:00 ann s:0.0 | a torn li', 'the torn piece is kept, on a line of its own');
      assert.match(lines[2]!, /^\d\d:\d\d:\d\d ann s:0\.0 \* stop rec=REC0000001 reason=reader-died signal=SIGKILL p=0 h=[0-9a-f]{32}$/);
      assert.equal(lines[3], '');
      assert.ok(!fs.existsSync(runFile));
    }));

  it('refuses to write through a symlink planted at the log', () =>
    withTempDir('tmux-audit-recover', (dir) => {
      const target = path.join(dir, 'target');
      fs.writeFileSync(target, 'untouched');
      const file = path.join(dir, 's.log');
      fs.symlinkSync(target, file);
      cli(['recover', recording(dir, file), '137']);
      assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    }));
});
