// `@audit-cast on` through the plugin: a real pane's raw output kept beside its
// log as asciicast v2 (rotating at 4K like the log), and `export --asciicast`
// giving it back whole, which Debian's asciinema accepts (`asciinema cat`): a
// full-screen redraw comes back as it was drawn, not as the log's snapshot.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { cliResult, outsideTmux } from '../support/cli.ts';
import { readAllLogs } from '../support/log.ts';
import { descendants } from '../support/process.ts';
import { attachClient, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { makeTempDir, shellQuote, waitFor } from '../support/util.ts';

const server = serversForThisFile();

function read(tmux: TmuxServer, ...args: string[]): { status: number; stdout: string; stderr: string } {
  return cliResult([...args, '--dir', tmux.logDir], outsideTmux());
}

function hasAsciinema(): boolean {
  return spawnSync('sh', ['-c', 'command -v asciinema'], { stdio: 'ignore' }).status === 0;
}

describe('a pane logged with @audit-cast on', () => {
  let tmux: TmuxServer;
  let main: string;
  let rec = '';

  before(async () => {
    tmux = server({ config: ['set -g @audit-cast on', 'set -g @audit-max-size 4K', 'set -g @audit-max-files 1000'] });
    main = tmux.logFile('main');
    const serverPid = Number(tmux.show('#{pid}'));
    await waitFor('the load-time sweep to finish', () => !descendants(serverPid).some((pid) => fs.existsSync(`/proc/${pid}/cmdline`) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('\0sweep')));
    tmux.helper(`--report tmux toggle --pane '#{pane_id}' --client-user '#{client_user}'`, '%0');
    rec = tmux.show('#{@audit_on}', '%0');
    await waitFor('the start', () => readAllLogs(main).includes(`* start rec=${rec} `));
    if (tmux.show('#{pane_in_mode}', '%0') === '1') tmux.tmux('send-keys', '-t', '%0', '-X', 'cancel');
    // A full-screen redraw (the alternate screen, a cursor move, a colour), then plain output that rotates the files.
    await tmux.run("printf '\\033[?1049h\\033[2J\\033[5;5H\\033[31mdrawn-at-5-5\\033[0m'; sleep 1; printf '\\033[?1049l'", '%0');
    await tmux.run("seq -f 'cast-fill-%04g' 1 1000", '%0');
    tmux.helper(`--report tmux toggle --pane '#{pane_id}' --client-user '#{client_user}'`, '%0');
    await waitFor('the stop', () => readAllLogs(main).includes(`* stop rec=${rec} reason=toggle`));
  });

  it('the cast files: beside the log, 0600, rotated', () => {
    const casts = fs.readdirSync(tmux.logDir).filter((name) => name.includes(`.${rec}.cast`) && !name.startsWith('.'));
    assert.ok(casts.length >= 2, `rotated: ${casts.join(' ')}`);
    const live = path.basename(main).replace(/\.log$/, `.${rec}.cast`);
    assert.ok(casts.includes(live), casts.join(' '));
    for (const name of casts) assert.equal(fs.statSync(path.join(tmux.logDir, name)).mode & 0o777, 0o600, name);
  });

  it('ls counts them: every part, with its bytes', () => {
    const casts = fs.readdirSync(tmux.logDir).filter((name) => name.includes(`.${rec}.cast`) && !name.startsWith('.'));
    const listed = read(tmux, 'ls', '--json');
    assert.equal(listed.status, 0, listed.stderr);
    const [log] = JSON.parse(listed.stdout) as { casts: { path: string; bytes: number }[]; castBytes: number }[];
    assert.deepEqual(log!.casts.map((cast) => path.basename(cast.path)).sort(), casts.sort());
    assert.equal(log!.castBytes, casts.reduce((sum, name) => sum + fs.statSync(path.join(tmux.logDir, name)).size, 0));
    const table = read(tmux, 'ls').stdout.split('\n');
    assert.match(table[1]!, new RegExp(` ${casts.length}/\\S+ +\\S+$`));
  });

  it('export --asciicast gives the raw stream back whole; asciinema cat accepts it', { skip: !hasAsciinema() && 'asciinema is not installed' }, async () => {
    const dir = makeTempDir('tmux-audit-cast');
    try {
      const file = path.join(dir, 'rec.cast');
      const exported = read(tmux, 'export', rec, '--asciicast', '-o', file, '--max-idle', '1');
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(exported.stderr, new RegExp(`^tmux-audit: recording ${rec} from its raw stream \\(@audit-cast\\): it replays the escape sequences as printed .*\n$`), 'names its source and what replaying it does');
      const [headerLine, ...eventLines] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      const header = JSON.parse(headerLine!) as { version: number; width: number; height: number; idle_time_limit: number };
      assert.deepEqual([header.version, header.width, header.height, header.idle_time_limit], [2, 120, 30, 1], 'the pane\'s size');
      const output = eventLines.map((line) => (JSON.parse(line) as [number, string, string])[2]).join('');
      assert.ok(output.includes('\u001b[?1049h\u001b[2J\u001b[5;5H\u001b[31mdrawn-at-5-5\u001b[0m'), 'the redraw as it was drawn');
      assert.ok(output.includes('cast-fill-0001\r\n') && output.includes('cast-fill-1000\r\n'), 'across the rotated parts');
      assert.ok(output.indexOf('cast-fill-0001') < output.indexOf('cast-fill-1000'));
      // asciinema cat wants a terminal: run it in a window of the test server.
      const out = path.join(dir, 'cat.out');
      const status = path.join(dir, 'cat.status');
      tmux.tmux('new-window', '-d', `asciinema cat ${shellQuote(file)} > ${shellQuote(out)} 2>&1; echo $? > ${shellQuote(status)}`);
      await waitFor('asciinema cat to finish', () => fs.existsSync(status) && fs.readFileSync(status, 'utf8').endsWith('\n'), 20_000);
      const cat = fs.readFileSync(out, 'utf8');
      assert.equal(fs.readFileSync(status, 'utf8'), '0\n', cat.slice(0, 500));
      assert.ok(cat.includes('\u001b[5;5H\u001b[31mdrawn-at-5-5') && cat.includes('cast-fill-1000'), cat.slice(0, 200));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a pane resized while its cast is kept', () => {
  it('the cast carries the resize ("r" events), export keeps it, asciinema cat accepts it', async () => {
    const tmux = server({ config: ['set -g @audit-cast on'] });
    const { recording } = await tmux.startLogging();
    const main = tmux.logFile('main');
    await tmux.run("printf 'before-resize\\n'");
    const before = tmux.show('#{pane_width}x#{pane_height}', '%0');
    // A real resize (window-size becomes manual), then output: the reader asks the size when output comes.
    tmux.tmux('resize-window', '-t', 'main', '-x', '100', '-y', '40');
    const after = tmux.show('#{pane_width}x#{pane_height}', '%0');
    assert.notEqual(after, before);
    // The shell redraws its prompt (SIGWINCH): the reader learns the size then, or at the end of its asking spell.
    const castFile = path.join(tmux.logDir, path.basename(main).replace(/\.log$/, `.${recording}.cast`));
    await waitFor('the resize in the cast', () => fs.readFileSync(castFile, 'utf8').includes(`"r", "${after}"`));
    await tmux.run("printf 'after-resize\\n'");
    tmux.toggle('%0');
    await waitFor('the stop', () => readAllLogs(main).includes(`* stop rec=${recording} reason=toggle`));
    const dir = makeTempDir('tmux-audit-cast');
    try {
      const file = path.join(dir, 'rec.cast');
      const exported = read(tmux, 'export', recording, '--asciicast', '-o', file);
      assert.equal(exported.status, 0, exported.stderr);
      const [headerLine, ...events] = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
      const header = headerLine as { width: number; height: number };
      assert.equal(`${header.width}x${header.height}`, before);
      const resizes = (events as [number, string, string][]).filter((event) => event[1] === 'r');
      assert.deepEqual(resizes.map((event) => event[2]), [after], 'one resize, to the new size');
      const at = (events as [number, string, string][]).findIndex((event) => event[1] === 'r');
      const output = (events as [number, string, string][]).map((event) => (event[1] === 'o' ? event[2] : `<resize>`)).join('');
      assert.ok(output.indexOf('before-resize') < output.indexOf('<resize>') && output.indexOf('<resize>') < output.lastIndexOf('after-resize'), output);
      assert.ok(at > 0);
      if (hasAsciinema()) {
        const out = path.join(dir, 'cat.out');
        const status = path.join(dir, 'cat.status');
        tmux.tmux('new-window', '-d', `asciinema cat ${shellQuote(file)} > ${shellQuote(out)} 2>&1; echo $? > ${shellQuote(status)}`);
        await waitFor('asciinema cat to finish', () => fs.existsSync(status) && fs.readFileSync(status, 'utf8').endsWith('\n'), 20_000);
        const cat = fs.readFileSync(out, 'utf8');
        assert.equal(fs.readFileSync(status, 'utf8'), '0\n', cat.slice(0, 500));
        assert.ok(cat.includes('after-resize'), cat.slice(0, 200));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('@audit-cast on with redaction on (the default)', () => {
  it('the user is told once, at the start, that the cast is not redacted', async () => {
    const tmux = server({ config: ['set -g @audit-cast on'] });
    const terminal = await attachClient(tmux);
    try {
      await tmux.startLogging();
      // The message log is kept for an attached client.
      const told = () => {
        const client = tmux.tmux('list-clients', '-F', '#{client_name}').split('\n')[0]!;
        return tmux.tmux('show-messages', '-t', client).split('\n').filter((line) => line.includes(" message: tmux-audit: @audit-cast keeps the pane's raw output, which is NOT redacted"));
      };
      await waitFor('the message', () => told().length > 0);
      await tmux.run('echo more output');
      assert.equal(told().length, 1, told().join('\n'));
    } finally {
      terminal.kill();
    }
  });
});
