// The reading commands (ls, grep, show, tail, export, replay) on logs made by
// real tmux sessions through the plugin: two panes writing into one file,
// rotation at 4K, a forged-looking line, recordings stopped and started, a
// renamed session. Each command is run as a user runs it and gives what a
// user would check.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { cliResult, outsideTmux } from '../support/cli.ts';
import { parseLine } from '../../src/format/text.ts';
import { logFilesInOrder, logLines, readAllLogs } from '../support/log.ts';
import { HELPER, ROOT } from '../support/paths.ts';
import { descendants } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { makeTempDir, shellQuote, waitFor } from '../support/util.ts';

const server = serversForThisFile();
const USER = os.userInfo().username;

/** The reading commands, outside tmux, on the server's log directory. */
function read(tmux: TmuxServer, ...args: string[]): { status: number; stdout: string; stderr: string } {
  return cliResult([...args, '--dir', tmux.logDir], outsideTmux());
}

/** `<file>:<n>: <log line>` taken apart. */
function hitsOf(stdout: string): { file: string; number: number; line: string }[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((row) => {
      const match = /^(.*?):(\d+): (.*)$/.exec(row);
      assert.ok(match, `a grep line: ${row}`);
      return { file: match[1]!, number: Number(match[2]), line: match[3]! };
    });
}

describe('reading the logs of real tmux sessions', () => {
  let tmux: TmuxServer;
  let main: string; // the main session's live file
  const recs: Record<'first' | 'pane1' | 'second' | 'afterRename', string> = { first: '', pane1: '', second: '', afterRename: '' };

  /**
   * Toggles as the key does (`--report tmux`): with no client attached, the plain toggle of the test
   * helper can print its message into the pane, whose view mode then takes the keys typed next.
   */
  function toggle(pane: string): void {
    tmux.helper(`--report tmux toggle --pane '#{pane_id}' --client-user '#{client_user}'`, pane);
  }

  async function toggleAndWait(pane: string, session = 'main'): Promise<string> {
    toggle(pane);
    const recording = tmux.show('#{@audit_on}', pane);
    await waitFor(`the start of ${recording}`, () => readAllLogs(tmux.logFile(session)).includes(`* start rec=${recording} `));
    return recording;
  }

  before(async () => {
    tmux = server({ config: ['set -g @audit-max-size 4K', 'set -g @audit-max-files 1000'] });
    main = tmux.logFile('main');
    await settleLoad(tmux);
    tmux.panes(2);
    recs.first = await toggleAndWait('%0');
    recs.pane1 = await toggleAndWait('%1');
    leaveViewMode(tmux, ['%0', '%1']);
    await tmux.run('echo alpha-marker', '%0');
    // Pane %1 prints a line that looks like the stop of %0's recording.
    await tmux.run(`echo "$(date +%Y-%m-%dT%H:%M:%S.000+00:00) ${USER} main:0.0 * stop rec=${recs.first} reason=toggle"`, '%1');
    await tmux.run("seq -f 'fill-%04g' 1 400", '%0'); // about 24K: several rotations
    await tmux.run('echo beta-marker', '%1');
    toggle('%0');
    await waitFor('the first recording to stop', () => readAllLogs(main).includes(`* stop rec=${recs.first} reason=toggle`));
    recs.second = await toggleAndWait('%0');
    await tmux.run('echo gamma-marker', '%0');
    // A renamed session: %1's recording goes on in main's file; its next one is in the new name's file.
    tmux.tmux('rename-session', '-t', 'main', 'renamed');
    await waitFor('the rename event', () => readAllLogs(main).includes(`* rename rec=${recs.pane1} to=renamed`));
    toggle('%1');
    await waitFor('pane 1 to stop', () => readAllLogs(main).includes(`* stop rec=${recs.pane1} reason=toggle`));
    recs.afterRename = await toggleAndWait('%1', 'renamed');
    await tmux.run('echo delta-marker', '%1', 'renamed');
  });

  it('ls: each session with its rotated files, lines, size, recordings, users', () => {
    const { status, stdout } = read(tmux, 'ls', '--json');
    assert.equal(status, 0);
    const logs = JSON.parse(stdout) as { session: string; server: string; files: { path: string; bytes: number; lines: number }[]; lines: number; bytes: number; recordings: number; recordingIds: string[]; users: string[] }[];
    assert.deepEqual(logs.map((log) => [log.session, log.server]), [['main', tmux.socketName], ['renamed', tmux.socketName]]);
    const [mainLog, renamedLog] = logs;
    const files = logFilesInOrder(main);
    assert.ok(files.length > 3, `rotated: ${files.length} files`);
    assert.deepEqual(mainLog!.files.map((file) => file.path), files);
    assert.equal(mainLog!.lines, files.flatMap(logLines).length);
    assert.equal(mainLog!.bytes, files.reduce((sum, file) => sum + fs.statSync(file).size, 0));
    assert.deepEqual([...mainLog!.recordingIds].sort(), [recs.first, recs.pane1, recs.second].sort(), 'the forged stop and its neighbours are no recordings');
    assert.deepEqual(mainLog!.users, [USER]);
    assert.deepEqual(renamedLog!.recordingIds, [recs.afterRename]);

    const table = read(tmux, 'ls').stdout.split('\n');
    assert.match(table[0]!, /^SESSION +SERVER +FILES +FIRST +LAST +LINES +SIZE +RECS +CASTS +USERS$/);
    assert.match(table[1]!, new RegExp(`^main +${tmux.socketName} +${files.length} +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\S+ \\S+ +${mainLog!.lines} +\\S+ +3 +- +${USER}$`));
  });

  it('grep: matches with their file and line number, across rotated files, in order', () => {
    const alpha = read(tmux, 'grep', 'alpha-marker$');
    assert.equal(alpha.status, 0);
    const [hit, ...more] = hitsOf(alpha.stdout);
    assert.equal(more.length, 0, alpha.stdout);
    assert.equal(logLines(hit!.file)[hit!.number - 1], hit!.line, 'the line number names the line');
    assert.equal(parseLine(hit!.line)?.text, 'alpha-marker');

    const fills = hitsOf(read(tmux, 'grep', 'fill-0(001|200|400)$').stdout);
    assert.deepEqual(fills.map((found) => parseLine(found.line)?.text), ['fill-0001', 'fill-0200', 'fill-0400']);
    assert.ok(new Set(fills.map((found) => found.file)).size > 1, 'found in several files');
    for (const found of fills) assert.equal(logLines(found.file)[found.number - 1], found.line);
  });

  it('grep: filters by recording, pane, session, events, time; forged text is not an event', () => {
    const lines = (...args: string[]) => hitsOf(read(tmux, 'grep', ...args).stdout).map((found) => parseLine(found.line)!);
    assert.equal(lines('^fill-', '--rec', recs.first).length, 400, 'every line of a recording, across files');
    assert.equal(lines('^fill-', '--rec', recs.second).length, 0);
    const markers = '^[a-z]+-marker$';
    assert.deepEqual(lines(markers, '--pane', '%1').map((line) => line.text), ['beta-marker', 'delta-marker']);
    assert.deepEqual(lines(markers, '--pane', 'main:0.0').map((line) => line.text), ['alpha-marker', 'gamma-marker']);
    assert.deepEqual(lines(markers, '--session', 'renamed').map((line) => line.text), ['delta-marker']);
    assert.deepEqual(lines(markers, '--user', USER, '--since', '1h').map((line) => line.text), ['alpha-marker', 'beta-marker', 'gamma-marker', 'delta-marker']);
    assert.deepEqual(lines(markers, '--until', '1h'), [], 'nothing before an hour ago');
    const stops = lines(`stop rec=${recs.first}`, '--events');
    assert.equal(stops.length, 1, 'only the real stop');
    assert.deepEqual([stops[0]!.kind, stops[0]!.fields?.reason, stops[0]!.window, stops[0]!.pane], ['event', 'toggle', '0', '0']);
    assert.equal(lines(`stop rec=${recs.first}`).length, 3, 'without --events: the stop, and the forged line with the command that printed it');
    // A rotation made by this recording's own write (4K files: which pane's write crosses the size is timing) puts the
    // rotated file's digest event in its chain, a seal right before and right after it (digest13s): taken out here, each
    // only as that triple, and naming a file of this log.
    const events = lines('', '--events', '--rec', recs.pane1);
    const kept = events.filter((_line, i) => {
      const digestAt = [i - 1, i, i + 1].find((at) => events[at]?.text === 'digest');
      if (digestAt === undefined) return true;
      assert.equal(events[digestAt - 1]?.text, 'seal', 'a seal right before the digest event');
      assert.equal(events[digestAt + 1]?.text, 'seal', 'a seal right after the digest event');
      assert.match(String(events[digestAt]!.fields?.file), /^main\.log\.\d{8}T\d{6}/, 'the digest names a rotated file of this log');
      return false;
    });
    assert.deepEqual(kept.map((line) => line.text), ['start', 'seal', 'rename', 'seal', 'stop']);
  });

  it('grep -C: context within the pane', () => {
    const { stdout } = read(tmux, 'grep', '-C', '1', '^fill-0200$');
    const rows = stdout.split('\n').filter(Boolean);
    assert.deepEqual(rows.map((row) => parseLine(row.replace(/^.*?[-:]\d+[-:] /, ''))?.text), ['fill-0199', 'fill-0200', 'fill-0201']);
    assert.match(rows[0]!, /-\d+- /);
    assert.match(rows[1]!, /:\d+: /);
  });

  it('grep --json: one object per line, the line and its parts', () => {
    const { stdout } = read(tmux, 'grep', '--json', 'gamma-marker$');
    const [object] = stdout.split('\n').filter(Boolean).map((row) => JSON.parse(row));
    assert.deepEqual({ text: object.text, kind: object.kind, session: object.session, user: object.user, recordings: object.recordings }, { text: 'gamma-marker', kind: 'line', session: 'main', user: USER, recordings: [recs.second] });
    assert.equal(parseLine(object.log)?.text, 'gamma-marker');
    assert.equal(new Date(object.time).getTime(), object.ms);
  });

  it('grep: exit 1 when nothing matched, 2 with one line naming the problem', () => {
    assert.deepEqual(read(tmux, 'grep', 'no-such-text-anywhere'), { status: 1, stdout: '', stderr: '' });
    const problems: [string[], RegExp][] = [
      [['grep', 'a('], /^tmux-audit: not a regular expression: 'a\(' \(.*\)\n$/],
      [['grep', 'x', '--since', 'soonish'], /^tmux-audit: --since: cannot read 'soonish' as a time \(try .*\)\n$/],
      [['grep', 'x', '--session', 'nope'], /^tmux-audit: no log of session 'nope' in .* \(there are: main@.*, renamed@.*\)\n$/],
      [['grep', 'x', '--pane', 'left'], /^tmux-audit: --pane takes a pane id like %3 or a place like main:0.1, not 'left'\n$/],
      [['show', 'NoSuchRec0'], /^tmux-audit: no recording NoSuchRec0 in .*\n$/],
      [['tail', '--session', 'nope'], /^tmux-audit: no log of session 'nope' in .*\n$/],
      [['export', recs.first], /^tmux-audit: export needs a format: --asciicast\n$/],
    ];
    for (const [args, message] of problems) {
      const result = read(tmux, ...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    const unreadable = cliResult(['ls', '--dir', path.join(tmux.dir, 'nowhere')], outsideTmux());
    assert.equal(unreadable.status, 2);
    assert.match(unreadable.stderr, /^tmux-audit: no log directory .*nowhere/);
  });

  it('show: one recording whole, start to stop, its pane only, across rotated files', () => {
    const { status, stdout, stderr } = read(tmux, 'show', recs.first);
    assert.equal(status, 0, stderr);
    const shown = stdout.split('\n').filter(Boolean).map((line) => parseLine(line)!);
    assert.deepEqual([shown[0]!.text, shown[0]!.fields?.rec], ['start', recs.first]);
    assert.deepEqual([shown.at(-1)!.text, shown.at(-1)!.fields?.rec, shown.at(-1)!.fields?.reason], ['stop', recs.first, 'toggle']);
    assert.ok(shown.every((line) => `${line.session}:${line.window}.${line.pane}` === 'main:0.0'));
    const texts = shown.map((line) => line.text);
    assert.ok(texts.includes('alpha-marker'));
    assert.equal(texts.filter((text) => /^fill-\d{4}$/.test(text)).length, 400);
    assert.ok(!texts.includes('beta-marker') && !texts.includes('gamma-marker'), 'not the other pane, not the next recording');
    // The same as every line of the files between the start and the stop stamped main:0.0.
    const all = logFilesInOrder(main).flatMap(logLines);
    const from = all.findIndex((line) => line.includes(`* start rec=${recs.first} `));
    const to = all.findIndex((line) => line.includes(`* stop rec=${recs.first} reason=toggle by=`));
    const place = (line: string) => {
      const parsed = parseLine(line);
      return parsed && `${parsed.session}:${parsed.window}.${parsed.pane}`;
    };
    assert.deepEqual(stdout.split('\n').filter(Boolean), all.slice(from, to + 1).filter((line) => place(line) === 'main:0.0'));

    const text = read(tmux, 'show', recs.first, '--text').stdout;
    assert.ok(text.split('\n').includes('alpha-marker') && !text.includes(' * '), text.slice(0, 300));
  });

  it('tail: the last lines; -f follows new lines and a rotation', async () => {
    const last = read(tmux, 'tail', '-n', '3', '--session', 'main');
    assert.equal(last.status, 0);
    assert.deepEqual(last.stdout.split('\n').filter(Boolean), logFilesInOrder(main).flatMap(logLines).slice(-3));

    const child = spawn(process.execPath, [HELPER, 'tail', '-f', '-n', '1', '--session', `main@${tmux.socketName}`, '--dir', tmux.logDir], { env: outsideTmux(), stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    child.stdout.on('data', (data: Buffer) => (seen += data.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // Lines written after it started (gamma's recording still runs in %0, writing to main's file).
      await waitFor('tail -f to print the last line (it is reading)', () => seen.endsWith('\n'));
      tmux.type('echo tail-one', '%0');
      await waitFor('the new line in tail -f', () => seen.includes('| tail-one\n'));
      const before = logFilesInOrder(main).length;
      tmux.type("seq -f 'tailfill-%04g' 1 300; echo tail-two", '%0');
      await waitFor('the line after a rotation', () => seen.includes('| tail-two\n'), 20_000);
      assert.ok(logFilesInOrder(main).length > before, 'the file was rotated meanwhile');
      const fills = seen.split('\n').filter((line) => / \| tailfill-\d{4}$/.test(line)).map((line) => line.slice(-4));
      assert.deepEqual(fills, Array.from({ length: 300 }, (_, i) => String(i + 1).padStart(4, '0')), `every line once, in order, across the rotation: ${seen}`);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
  });

  it('export -o never writes into a file that is already there (someone else may read it)', () => {
    const planted = path.join(tmux.dir, 'planted.cast');
    fs.writeFileSync(planted, 'theirs\n', { mode: 0o666 });
    const exported = read(tmux, 'export', recs.first, '--asciicast', '-o', planted);
    assert.equal(exported.status, 2);
    assert.match(exported.stderr, /already exists/);
    assert.equal(fs.readFileSync(planted, 'utf8'), 'theirs\n');
  });

  it('export --asciicast: a file asciinema accepts, replaying the lines with their timing', async (t) => {
    const cast = path.join(tmux.dir, 'first.cast');
    const exported = read(tmux, 'export', recs.first, '--asciicast', '-o', cast);
    assert.equal(exported.status, 0, exported.stderr);
    assert.equal(exported.stderr, `tmux-audit: recording ${recs.first} from the log's lines (no raw stream kept), controls escaped\n`, 'names its source');
    assert.equal(fs.statSync(cast).mode & 0o777, 0o600, 'as private as the logs');
    const [headerLine, ...eventLines] = fs.readFileSync(cast, 'utf8').split('\n').filter(Boolean);
    const header = JSON.parse(headerLine!);
    assert.deepEqual([header.version, header.width, header.height, header.title], [2, 80, 24, `main:0.0 rec=${recs.first} by=${USER}`]);
    const start = parseLine(logFilesInOrder(main).flatMap(logLines).find((line) => line.includes(`* start rec=${recs.first} `))!)!;
    assert.equal(header.timestamp, Math.floor(new Date(start.time).getTime() / 1000));
    const events = eventLines.map((line) => JSON.parse(line) as [number, string, string]);
    assert.ok(events.some(([, type, text]) => type === 'o' && text === 'alpha-marker\r\n'));
    assert.equal(events.filter(([, , text]) => /^fill-\d{4}\r\n$/.test(text)).length, 400);
    assert.ok(events.every(([time], i) => i === 0 || time >= events[i - 1]![0]), 'times go forward');

    if (!hasAsciinema()) {
      if (process.env.CI) assert.fail('asciinema is not installed (.ci/run installs it)');
      t.skip('asciinema is not installed: apt-get install asciinema to run this check');
      return;
    }
    // asciinema cat wants a terminal: run it in a window of the test server.
    const out = path.join(tmux.dir, 'cat.out');
    const status = path.join(tmux.dir, 'cat.status');
    tmux.tmux('new-window', '-d', `asciinema cat ${shellQuote(cast)} > ${shellQuote(out)} 2>&1; echo $? > ${shellQuote(status)}`);
    await waitFor('asciinema cat to finish', () => fs.existsSync(status) && fs.readFileSync(status, 'utf8').endsWith('\n'), 20_000);
    assert.equal(fs.readFileSync(status, 'utf8').trim(), '0', fs.readFileSync(out, 'utf8'));
    assert.equal(fs.readFileSync(out, 'utf8'), events.map(([, , text]) => text).join(''), 'asciinema plays exactly the events');
  });

  it('export to stdout, replay at speed with pauses cut', () => {
    const exported = read(tmux, 'export', recs.second, '--asciicast');
    assert.equal(exported.status, 0);
    const lines = exported.stdout.split('\n').filter(Boolean);
    assert.equal(JSON.parse(lines[0]!).version, 2);
    const replayed = read(tmux, 'replay', recs.second, '--speed', '100', '--max-idle', '0.01');
    assert.equal(replayed.status, 0, replayed.stderr);
    assert.ok(replayed.stdout.includes('gamma-marker\r\n'));
    assert.match(read(tmux, 'show', recs.second).stderr, new RegExp(`recording ${recs.second} has no stop event yet`), 'still logging: said so');
  });

  it('where the logs are: --dir, $TMUX_AUDIT_DIR, the tmux server\'s @audit-dir, the default', () => {
    const inPane = tmux.cliInPane(['ls', '--json']);
    assert.equal(inPane.status, 0, inPane.stderr);
    assert.deepEqual(JSON.parse(inPane.stdout).map((log: { session: string }) => log.session), ['main', 'renamed'], 'inside tmux: the server\'s @audit-dir');
    const fromEnvironment = cliResult(['ls', '--json'], outsideTmux({ TMUX_AUDIT_DIR: tmux.logDir }));
    assert.equal(JSON.parse(fromEnvironment.stdout).length, 2);
    const home = makeTempDir('tmux-audit-home');
    try {
      const nowhere = cliResult(['ls'], outsideTmux({ HOME: home, XDG_STATE_HOME: '', TMUX_TMPDIR: home }));
      assert.equal(nowhere.status, 2);
      assert.equal(nowhere.stderr, `tmux-audit: no log directory ${home}/.local/state/tmux-audit (nothing logged yet, or another --dir)\n`);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
    // tail in a pane follows the current session by default.
    const tailInPane = tmux.cliInPane(['tail', '-n', '2'], '%1');
    assert.equal(tailInPane.status, 0, tailInPane.stderr);
    assert.match(tailInPane.stdout, /^\S+ \S+ renamed:0\.1 \| delta-marker\n\S+ \S+ renamed:0\.1 \| done-/);
  });

  it('--help of each command shows an example; bin/tmux-audit runs the helper', () => {
    for (const command of ['ls', 'grep', 'show', 'tail', 'export', 'replay']) {
      const help = cliResult([command, '--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /Examples?:\n {2}\$ tmux-audit /, command);
    }
    const bin = spawnSync(path.join(ROOT, 'bin', 'tmux-audit'), ['ls', '--dir', tmux.logDir], { encoding: 'utf8', env: outsideTmux() });
    assert.equal(bin.status, 0, bin.stderr);
    assert.match(bin.stdout, /^SESSION /);
  });
});

/**
 * Waits until the sweep the plugin runs when it loads has finished (then leaveViewMode): loaded from the configuration before the first session exists, the sweep can fail
 * (`list-panes -a`: no sessions) and tmux then shows "'… sweep' returned 1" over the first pane,
 * whose view mode would take the keys typed next.
 */
async function settleLoad(tmux: TmuxServer): Promise<void> {
  const server = Number(tmux.show('#{pid}'));
  const sweeping = () =>
    descendants(server).some((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('\0sweep');
      } catch {
        return false;
      }
    });
  await waitFor('the load-time sweep to finish', () => !sweeping());
}

/** Leaves the view mode of panes that show what the load-time sweep said (see settleLoad). */
function leaveViewMode(tmux: TmuxServer, panes: string[]): void {
  for (const pane of panes) if (tmux.show('#{pane_in_mode}', pane) === '1') tmux.tmux('send-keys', '-t', pane, '-X', 'cancel');
}

function hasAsciinema(): boolean {
  return spawnSync('sh', ['-c', 'command -v asciinema'], { stdio: 'ignore' }).status === 0;
}

describe('a recording id that starts with -', () => {
  it('is an id, not an unknown option (one id in 32 starts so)', () => {
    const dir = makeTempDir('tmux-audit-dashed');
    try {
      const stamp = '2026-11-24T23:01:02.120+01:00';
      fs.writeFileSync(
        path.join(dir, 'main.log'),
        [`${stamp} ${USER} main:0.0 * start rec=-inCvWOWuU by=${USER} pane=%0 pid=1 file=x`, `${stamp} ${USER} main:0.0 | dashed`, `${stamp} ${USER} main:0.0 * stop rec=-inCvWOWuU reason=toggle`, ''].join('\n'),
      );
      const run = (...args: string[]) => cliResult([...args, '--dir', dir], outsideTmux());
      assert.equal(run('show', '-inCvWOWuU', '--text').stdout, 'dashed\n');
      assert.equal(run('show', '--text', '-inCvWOWuU').stdout, 'dashed\n');
      assert.match(run('export', '-inCvWOWuU', '--asciicast').stdout, /^\{"version":2,.*\n\[0,"o","dashed\\r\\n"\]\n$/);
      assert.equal(run('replay', '-inCvWOWuU', '--speed', '100', '--max-idle', '0.01').stdout, 'dashed\r\n', '--max-idle has the shape of an id, and is the option');
      assert.equal(run('grep', '--rec', '-inCvWOWuU', 'dashed').status, 0);
      assert.match(run('show', '--bogus', '-inCvWOWuU').stderr, /^tmux-audit: unknown option '--bogus'\n$/, 'a real unknown option is still one');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a log its owner has edited cannot drive the reader\'s terminal', () => {
  it('raw escape sequences in a log are printed escaped by grep, show and tail, and kept out of casts', () => {
    const dir = makeTempDir('tmux-audit-edited');
    try {
      const stamp = '2026-11-24T23:01:02.120+01:00 ann main:0.0';
      const hostile = 'x\x1b]52;c;c2VjcmV0\x07\x1b]0;TITLE\x07\x1b[2Jy\u009b31m';
      fs.writeFileSync(
        path.join(dir, 'main.log'),
        [`${stamp} * start rec=R1 by=ann pane=%0 pid=1 file=x`, `${stamp} | ${hostile}`, `${stamp} * stop rec=R1 reason=toggle by=ann`, ''].join('\n'),
        { mode: 0o600 },
      );
      for (const args of [['grep', 'x'], ['show', 'R1'], ['show', 'R1', '--text'], ['tail', '--session', 'main'], ['export', 'R1', '--asciicast']]) {
        const result = cliResult([...args, '--dir', dir], outsideTmux());
        assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
        const cast = args[0] === 'export';
        // A cast's events are JSON: an ESC in its text would be \u001b there; only the text matters.
        const printed = cast ? result.stdout.split('\n').filter(Boolean).slice(1).map((line) => (JSON.parse(line) as [number, string, string])[2]).join('') : result.stdout;
        assert.ok(!/[\x1b\x07\u009b]/.test(printed), `${args.join(' ')} printed a raw control: ${JSON.stringify(printed)}`);
        assert.match(printed, /\\u001b\]52;c;c2VjcmV0\\u0007/, `${args.join(' ')} shows what was there`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
