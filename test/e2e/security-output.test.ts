// What a program running in a logged pane can put into the log, against a real
// tmux (issue 8): a program name that would drive the terminal of whoever
// `cat`s the log (item 3), a line that other tools would split in two (item 4),
// a few bytes of cursor movement amplified into megabytes (item 7); and the
// plugin's own hooks when it is installed under a path full of quotes (item 10),
// and what @audit-max-files keeps and says (item 16).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseLine as readLine } from '../../src/format/text.ts';
import { cli } from '../support/cli.ts';
import { readAllLogs, rotatedLogFiles } from '../support/log.ts';
import { ROOT } from '../support/paths.ts';
import { takeRotationLock } from '../support/rotation-lock.ts';
import { attachClient, serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

/** C0 controls but TAB, DEL, C1, the line/paragraph separators and the bidi controls. */
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/;

// tmux sanitises what `display -p` prints for a client without UTF-8 (cmd-queue.c:843): a user's
// UTF-8 locale is what lets a program name reach the reader byte for byte.
const UTF8 = { LANG: 'C.UTF-8' };

describe('a program name that would drive a terminal (item 3)', () => {
  it('ESC and BEL in the name of a full-screen program: none in the log, program= reads back as the name', async () => {
    const tmux = server({ env: UTF8 });
    const { recording } = await tmux.startLogging();
    // pane_current_command is argv[0] of the pane's foreground process (osdep-linux.c osdep_get_name).
    const name = 'less\x1b]0;TITLE\x07\x1b[2J';
    tmux.type(`bash -c 'exec -a "$0" less /etc/hostname' "$(printf 'less\\033]0;TITLE\\007\\033[2J')"`);
    await waitFor('the screen block', () => tmux.readLog().includes(`* screen rec=${recording} state=enter program=`));
    tmux.tmux('send-keys', '-t', '%0', 'q');
    await waitFor('the end of the block', () => tmux.readLog().includes(`* screen rec=${recording} state=leave`));
    await tmux.run('echo after-the-program');

    const log = tmux.readLog();
    assert.ok(!/[\x1b\x07]/.test(log), `no ESC or BEL in the log:\n${JSON.stringify(log)}`);
    const enter = log.split('\n').find((line) => line.includes(`* screen rec=${recording} state=enter`))!;
    assert.ok(enter.endsWith(String.raw` program="less\u001b]0;TITLE\u0007\u001b[2J"`), enter);
    assert.equal(readLine(enter)?.fields?.program, name, 'the value reads back as the program was named');
  });
});

describe('a line that looks like two (item 4)', () => {
  it('U+2028 and a bidi override printed by a program: one line in the file for every line-splitting tool', async () => {
    const tmux = server({ env: UTF8 });
    await tmux.startLogging();
    // UTF-8 of U+2028 is E2 80 A8; of U+202E (right-to-left override) E2 80 AE.
    await tmux.run(String.raw`printf 'ok\342\200\2502026-11-25T18:00:00.000+00:00 alice s:0.0 * stop rec=X reason=toggle\nfile\342\200\256txt.exe\n'`);
    const log = tmux.readLog();
    assert.ok(log.includes('| ok\\u20282026-11-25T18:00:00.000+00:00 alice s:0.0 * stop rec=X reason=toggle\n'), log);
    assert.ok(log.includes('| file\\u202etxt.exe\n'), log);
    assert.ok(!UNSAFE.test(log.replace(/\n/g, '')), 'no separator, bidi or control character anywhere');

    // The file as it is, seals and all (readLog leaves them out): what other tools read.
    const raw = fs.readFileSync(tmux.logFile(), 'utf8');
    const byNewline = raw.split('\n').slice(0, -1);
    // What JavaScript's and Python's line splitting see (str.splitlines: \n \r \v \f \x1c-\x1e \x85 \u2028 \u2029).
    assert.deepEqual(raw.split(/\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/).slice(0, -1), byNewline);
    let python: string[] | undefined;
    try {
      python = JSON.parse(execFileSync('python3', ['-c', 'import json,sys; print(json.dumps(open(sys.argv[1], encoding="utf-8").read().splitlines()))', tmux.logFile()], { encoding: 'utf8' })) as string[];
    } catch {
      // no python3 here: the equivalent split above stands for it
    }
    if (python) assert.deepEqual(python, byNewline, "Python's splitlines() sees the same lines");
  });
});

describe('output that tries to hide lines from the log', () => {
  // Each prefix makes a careless parser believe the screen switched, or a string began, where tmux
  // (3.3a, input.c) did not: the lines after it are on the screen, so they must be in the log.
  const tricks: [string, string][] = [
    ['a screen mode with a sub-parameter (input.c:1065)', '\x1b[?1049:1h'],
    ['a screen switch inside a DCS body, where ESC does not end it (input.c:643)', '\x1bPq\x1b[?1049h\x1b\\'],
    ['a byte 0x80 after ESC, which tmux ignores (input.c:507)', '\x1b\x80[?1049l\x1b[?1049h\x1b\x80[?1049l'],
    ['a parameter string longer than tmux keeps (input.c:1167)', `\x1b[?${'0'.repeat(70)}1049h`],
    ['more parameters than tmux keeps (input.c:1036)', `\x1b[?${'1;'.repeat(23)}1049h`],
  ];
  for (const [name, prefix] of tricks) {
    it(`${name}: every line shown is logged`, async () => {
      const tmux = server();
      await tmux.startLogging();
      const input = path.join(tmux.dir, 'trick.raw');
      const lines = Array.from({ length: 50 }, (_, i) => `SECRET-${i + 1}`);
      fs.writeFileSync(input, Buffer.concat([Buffer.from(prefix, 'latin1'), Buffer.from(`${lines.join('\r\n')}\r\n`)]));
      await tmux.run(`cat ${input}`);
      assert.equal(tmux.show('#{alternate_on}'), '0', 'tmux stayed on the normal screen');
      const logged = tmux.loggedText().filter((text) => text.includes('SECRET-'));
      for (const line of lines) assert.ok(logged.some((text) => text.endsWith(line)), `${line} is in the log`);
    });
  }
  it('with the alternate-screen option off, tmux ignores the switch: the lines are logged', async () => {
    const tmux = server({ config: ['set -g alternate-screen off'] });
    await tmux.startLogging();
    await tmux.run(String.raw`printf '\033[?1049h'; seq -f 'OFF-%g' 1 20; printf '\033[?1049l'`);
    assert.equal(tmux.show('#{alternate_on}'), '0');
    const logged = tmux.loggedText();
    for (let i = 1; i <= 20; i++) assert.ok(logged.includes(`OFF-${i}`), `OFF-${i} is in the log`);
  });
  it('REP after sequences tmux does not know repeats a character on screen: the log holds what the screen shows', async () => {
    // tmux forgets the character REP repeats only at a sequence in its tables (input.c:1330, :1635), not at one it
    // does not know or throws away (:1272, :1350-1356).
    const tmux = server();
    await tmux.startLogging();
    const cases = [
      'echo rm -rf /tmp/a\x1b[!p\x1b[9b|',
      'REP-1 x\x1b[5y\x1b[3b|',
      'REP-2 x\x1b[?5y\x1b[3b|',
      'REP-3 x\x1by\x1b[3b|',
      'REP-4 x\x1b[65;1"p\x1b[3b|',
      `REP-5 x\x1b[${'1'.repeat(64)}m\x1b[5y\x1b[3b|`,
      'REP-6 x\x1b[3;1:2b|',
      'REP-7 x\x1b[1m\x1b[3b\x1b[m|',
    ];
    const input = path.join(tmux.dir, 'rep.raw');
    fs.writeFileSync(input, Buffer.from(`${cases.join('\r\n')}\r\n`, 'latin1'));
    await tmux.run(`cat ${input}`);
    const shown = tmux.screen().split('\n').map((row) => row.trimEnd()).filter((row) => row.startsWith('echo rm') || row.startsWith('REP-'));
    assert.deepEqual(shown, ['echo rm -rf /tmp/aaaaaaaaaa|', 'REP-1 xxxx|', 'REP-2 xxxx|', 'REP-3 xxxx|', 'REP-4 xxxx|', 'REP-5 xxxx|', 'REP-6 xxxx|', 'REP-7 x|']);
    const logged = tmux.loggedText().map((text) => text.trimEnd()).filter((text) => text.startsWith('echo rm') || text.startsWith('REP-'));
    assert.deepEqual(logged, shown);
  });
  it('a ZWJ that ends one of tmux\'s reads joins nothing in the next; in one read it joins: the log shows the screen\'s row', async () => {
    // tmux forgets the ZWJ at the end of its read (input.c:975, screen-write.c:247): é then takes a cell of its own and
    // the cursor moves on. A log that joined it put every later character of the line one column off (`abc‍é Q`).
    const tmux = server({ env: UTF8 });
    await tmux.startLogging();
    const row = (rows: string[], start: string): string | undefined => rows.map((text) => text.trimEnd()).find((text) => text.startsWith(start));
    // Two reads: the first (one write) is in the log before Enter lets the second be printed (no echo of the Enter).
    tmux.type(String.raw`stty -echo; printf 'ZWJ-READ-1\nab1\342\200\215'; read -r _; printf '\303\251\r\033[4CQ\nZWJ-READ-2\n'; stty echo`);
    await tmux.waitForPrinted('ZWJ-READ-1');
    tmux.tmux('send-keys', '-t', '%0', 'Enter');
    await tmux.waitForPrinted('ZWJ-READ-2');
    // One read: é joins 1, ZWJ and all, and the cursor stays; Q lands a column past it.
    await tmux.run(String.raw`printf 'ab2\342\200\215\303\251\r\033[4CQ\n'`);
    const screen = tmux.screen().split('\n');
    assert.equal(row(screen, 'ab1'), 'ab1éQ', 'tmux shows é in its own cell');
    assert.equal(row(screen, 'ab2'), 'ab2\u200dé Q', 'tmux joins é onto 2');
    const logged = tmux.loggedText();
    assert.equal(row(logged, 'ab1'), row(screen, 'ab1'));
    assert.equal(row(logged, 'ab2'), row(screen, 'ab2'));
  });
  it('ESC k (a window-rename string) shows nothing, and logs nothing', async () => {
    const tmux = server();
    await tmux.startLogging();
    await tmux.run(String.raw`printf 'visible\033kINVISIBLE\033\\ after\n'`);
    assert.ok(tmux.screen().split('\n').includes('visible after'), 'the screen shows it without the string');
    assert.ok(tmux.loggedText().includes('visible after'), `logged: ${JSON.stringify(tmux.loggedText().filter((text) => text.startsWith('visible')))}`);
  });
});

describe('cursor movement amplified (item 7)', () => {
  it('ESC[9999G x, 6,000 times, in an 80-column pane: lines of 80 characters, a log under 1 MB, every x there; a wider pane is learnt', async () => {
    const tmux = server();
    tmux.tmux('resize-window', '-t', 'main', '-x', '80', '-y', '30');
    assert.equal(tmux.show('#{pane_width}'), '80');
    const { pid } = await tmux.startLogging();
    const input = path.join(tmux.dir, 'moves.raw');
    fs.writeFileSync(input, '\x1b[9999Gx\n'.repeat(6000)); // 54 KB; before the fix, 10,000 characters a line: 60 MB of log
    await tmux.run(`cat ${input}`);
    const xs = tmux.loggedText().filter((text) => /^ *x$/.test(text));
    assert.equal(xs.length, 6000, 'every x is there');
    assert.ok(xs.every((text) => text === `${' '.repeat(79)}x`), 'each at the right edge of an 80-column pane');
    const size = fs.statSync(tmux.logFile()).size;
    assert.ok(size < 1024 * 1024 && rotatedLogFiles(tmux.logDir, path.basename(tmux.logFile())).length === 0, `log of ${size} bytes`);

    // The pane grows: the reader asks tmux again when a move hits the edge it knew (at most once a second).
    tmux.tmux('resize-window', '-t', 'main', '-x', '100', '-y', '30');
    tmux.type(String.raw`for i in $(seq 1 60); do printf '\033[9999Gy\n'; sleep 0.1; done`);
    await waitFor('a line as wide as the wider pane', () => tmux.loggedText().includes(`${' '.repeat(99)}y`));
    assert.ok(tmux.loggedText().filter((text) => /^ *[xy]$/.test(text)).every((text) => text.length <= 100), 'never wider than the pane');
    assert.ok(fs.existsSync(`/proc/${pid}`), 'the same reader');
  });
});

describe('an option value with a control character (item 10)', () => {
  it('ESC in @audit-time-format (quoted text is copied into every stamp): named, shown escaped, the default used', async () => {
    const tmux = server();
    tmux.tmux('set-option', '-g', '@audit-time-format', "HH:mm:ss'\x1b[2J'");
    const out = cli(['start', '--pane', '%0'], tmux.paneEnv());
    assert.match(out, /@audit-time-format 'HH:mm:ss'\\u001b\[2J'' holds a control character \(shown as \\uXXXX\); using 'yyyy-MM-dd'T'HH:mm:ss\.SSSxxx'/);
    assert.ok(!out.includes('\x1b'), 'the message holds no ESC itself');
    await tmux.run('echo stamped');
    assert.ok(!tmux.readLog().includes('\x1b'));
    assert.ok(readLine(tmux.readLog().split('\n').find((line) => line.endsWith('| stamped'))!), 'stamped with the default time format');
  });
});

describe('the plugin installed under a path with quotes in it (item 10)', () => {
  it(`a directory named with " ' $ # ; and a space: the hooks are set, and a rename of a logged session is logged`, async () => {
    const tmux = server({ plugin: false });
    // As TPM does it: the plugin's files in a directory of their own, its *.tmux file run with TMUX set.
    const pluginDir = path.join(tmux.dir, `plug "in" it's $HOME #1; ok`);
    for (const file of ['audit.tmux', 'scripts/helpers.sh', 'dist/audit.cjs', 'dist/options.sh']) {
      fs.mkdirSync(path.dirname(path.join(pluginDir, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(pluginDir, file));
    }
    fs.chmodSync(path.join(pluginDir, 'audit.tmux'), 0o755);
    execFileSync(path.join(pluginDir, 'audit.tmux'), [], { env: tmux.paneEnv(), stdio: 'ignore' });

    assert.match(tmux.tmux('show-hooks', '-g'), /^session-renamed\[47\] run-shell -b /m);
    assert.match(tmux.tmux('show-hooks', '-gw'), /^pane-died\[47\] run-shell -b /m, 'a window hook');

    // The key, from that path, starts logging; renaming the session runs the hook, from that path.
    const terminal = await attachClient(tmux);
    try {
      terminal.press('C-b', 'A');
      const reader = await waitFor('the reader', () => tmux.readerPids()[0]);
      const recording = tmux.show('#{@audit_on}');
      assert.ok(fs.readFileSync(`/proc/${reader}/cmdline`, 'utf8').includes(path.join(pluginDir, 'dist', 'audit.cjs')), 'the reader runs from the plugin directory');
      await waitFor('the start event', () => tmux.readLog().includes(`* start rec=${recording} `));
      tmux.tmux('rename-session', '-t', 'main', 'renamed');
      await waitFor('the rename event', () => tmux.readLog().includes(`* rename rec=${recording} to=renamed\n`));
    } finally {
      terminal.kill();
    }
  });
});

describe('@audit-max-files (item 16)', () => {
  /** Prints `count` lines of about 100 bytes in the pane and waits until the last is logged. */
  async function flood(tmux: ReturnType<typeof server>, count: number): Promise<void> {
    await tmux.run(`seq -f '%06g ${'x'.repeat(90)}' 1 ${count}`);
  }

  it('0 is refused, naming the option and what keeps everything; the default is used', () => {
    const tmux = server({ config: ['set -g @audit-max-files 0'] });
    const out = cli(['start', '--pane', '%0'], tmux.paneEnv());
    assert.match(out, /@audit-max-files '0' is not a number of files above 0 \('all' keeps every rotated file\); using 20/);
  });

  it('the first file pruning deletes is told once in the message line, naming it and the option', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 8K', 'set -g @audit-max-files 2'] });
    const terminal = await attachClient(tmux);
    try {
      await tmux.startLogging();
      await flood(tmux, 2000); // ~290 KB through 8 KB files: a dozen rotations or more, each deleting one
      const live = path.basename(tmux.logFile());
      // Counted under the rotation lock, between rotations: a rotation renames the live file before it deletes the
      // oldest (rotation.ts), so three are there for a moment, and the flood's digest events, written after its last
      // line (file-digest.ts hashes in the background), rotate the log again after the marker is logged.
      const release = await waitFor('the rotation lock', () => takeRotationLock(tmux.logFile()));
      try {
        assert.equal(rotatedLogFiles(tmux.logDir, live).length, 2);
      } finally {
        release();
      }
      const told = () =>
        tmux
          .tmux('show-messages')
          .split('\n')
          .filter((line) => line.includes(` message: tmux-audit: deleted ${tmux.logFile()}.`));
      await waitFor('the message', () => told().length > 0);
      assert.match(told()[0]!, /, the oldest rotated log \(@audit-max-files is 2; 'all' keeps every one\)$/);
      await flood(tmux, 300);
      assert.equal(told().length, 1, `told once:\n${told().join('\n')}`);
    } finally {
      terminal.kill();
    }
  });

  it("'all' keeps every rotated file, past the default 20", async () => {
    const tmux = server({ config: ['set -g @audit-max-size 4K', 'set -g @audit-max-files all'] });
    await tmux.startLogging();
    await flood(tmux, 4000); // ~570 KB through 4 KB files (a write of up to 16 KB may pass the limit: README, Limits)
    const rotated = rotatedLogFiles(tmux.logDir, path.basename(tmux.logFile()));
    assert.ok(rotated.length > 20, `${rotated.length} rotated files`);
    const all = readAllLogs(tmux.logFile());
    for (const n of [1, 2000, 4000]) assert.ok(all.includes(`| ${String(n).padStart(6, '0')} `), `line ${n} kept`);
  });
});
