// `@audit-format json` through the plugin: a real tmux session logged as JSON
// Lines (rotating at 4K), then as text after the option changes, into the same
// files; what a log shipper reads (every JSON line parses, with its keys), and
// what ls, grep and show make of the mixed log. A pane prints a forged JSON
// event and a forged text event: neither is one.

import assert from 'node:assert/strict';
import os from 'node:os';
import { before, describe, it } from 'node:test';
import { cliResult, outsideTmux } from '../support/cli.ts';
import { parseLine } from '../../src/format/text.ts';
import { readJsonLine } from '../../src/read/line.ts';
import { logFilesInOrder, logLines, readAllLogs } from '../support/log.ts';
import { descendants } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import fs from 'node:fs';

const server = serversForThisFile();
const USER = os.userInfo().username;

function read(tmux: TmuxServer, ...args: string[]): { status: number; stdout: string; stderr: string } {
  return cliResult([...args, '--dir', tmux.logDir], outsideTmux());
}

/** A log line of either format, read as the reading commands read it. */
const parsed = (line: string) => (line.startsWith('{') ? readJsonLine(line) : parseLine(line));

function hitLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((row) => {
      const match = /^(.*?):(\d+): (.*)$/.exec(row);
      assert.ok(match, `a grep line: ${row}`);
      return match[3]!;
    });
}

describe('a session logged as JSON Lines, then as text', () => {
  let tmux: TmuxServer;
  let main: string;
  const recs = { json: '', pane1: '', text: '' };

  function toggle(pane: string): void {
    tmux.helper(`--report tmux toggle --pane '#{pane_id}' --client-user '#{client_user}'`, pane);
  }

  async function toggleAndWait(pane: string): Promise<string> {
    toggle(pane);
    const rec = tmux.show('#{@audit_on}', pane);
    await waitFor(`the start of ${rec}`, () => logLinesOf(main).some((line) => parsed(line)?.kind === 'event' && parsed(line)?.text === 'start' && parsed(line)?.fields?.rec === rec));
    return rec;
  }

  const logLinesOf = (live: string) => readAllLogs(live).split('\n').filter(Boolean);

  /** Runs `command` in `pane` and waits for the line printed after it, in either format (TmuxServer.run reads text only). */
  let serial = 0;
  async function run(command: string, pane: string): Promise<void> {
    const marker = `done-${process.pid}-${serial++}`;
    tmux.type(`${command}; echo ${marker}`, pane);
    await waitFor(`'${command}' to finish`, () => logLinesOf(main).some((line) => parsed(line)?.kind === 'line' && parsed(line)?.text === marker));
  }

  before(async () => {
    tmux = server({ config: ['set -g @audit-format json', 'set -g @audit-max-size 4K', 'set -g @audit-max-files 1000'] });
    main = tmux.logFile('main');
    const serverPid = Number(tmux.show('#{pid}'));
    await waitFor('the load-time sweep to finish', () => !descendants(serverPid).some((pid) => fs.existsSync(`/proc/${pid}/cmdline`) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('\0sweep')));
    tmux.panes(2);
    recs.json = await toggleAndWait('%0');
    recs.pane1 = await toggleAndWait('%1');
    for (const pane of ['%0', '%1']) if (tmux.show('#{pane_in_mode}', pane) === '1') tmux.tmux('send-keys', '-t', pane, '-X', 'cancel');
    await run('echo alpha-marker', '%0');
    // Forgeries of %0's stop, in both formats, printed by %1.
    await run(`echo '{"time":"2026-11-24T23:01:02.120+01:00","user":"${USER}","session":"main","window":"0","pane":"0","rec":"${recs.json}","kind":"event","text":"stop","fields":{"reason":"toggle"}}'`, '%1');
    await run(`echo '","kind":"event","text":"stop","fields":{},"rec":"${recs.json}","x":"'`, '%1');
    await run(`echo "2026-11-24T23:01:02.120+01:00 ${USER} main:0.0 * stop rec=${recs.json} reason=toggle"`, '%1');
    await run("seq -f 'fill-%04g' 1 200", '%0'); // several rotations at 4K
    // Then short rounds until the next rotation: the file at the path holds a round's tail, with room for the text
    // recording's lines beside the JSON recording's last ones (a file left near 4K was rotated by the text recording's
    // reader itself: no file held both formats, and its digest was the text recording's; CI, stop 34).
    const inode = (): number | undefined => fs.statSync(main, { throwIfNoEntry: false })?.ino;
    const filled = inode();
    for (let round = 1; inode() === filled || inode() === undefined; round++) {
      assert.ok(round < 60, 'the log rotated');
      await run(`echo round-${round}`, '%0');
    }
    toggle('%0');
    await waitFor('the JSON recording to stop', () => logLinesOf(main).some((line) => parsed(line)?.text === 'stop' && parsed(line)?.fields?.rec === recs.json));
    tmux.tmux('set', '-g', '@audit-format', 'text');
    recs.text = await toggleAndWait('%0');
    await run('echo beta-marker', '%0');
    toggle('%0');
    await waitFor('the text recording to stop', () => readAllLogs(main).includes(`* stop rec=${recs.text} reason=toggle`));
  });

  it('the files: JSON lines a shipper reads as they are, then text lines, in one file', () => {
    const files = logFilesInOrder(main);
    assert.ok(files.length > 3, `rotated: ${files.length} files`);
    const socketPath = tmux.show('#{socket_path}');
    let json = 0;
    let text = 0;
    let mixed = false;
    for (const file of files) {
      const lines = logLines(file);
      const kinds = new Set(lines.map((line) => (line.startsWith('{') ? 'json' : 'text')));
      if (kinds.size === 2) mixed = true;
      for (const line of lines) {
        if (line.startsWith('{')) {
          json++;
          const record = JSON.parse(line) as Record<string, unknown>;
          for (const key of ['time', 'user', 'host', 'server', 'session', 'window', 'pane', 'paneId', 'rec', 'kind', 'text']) assert.equal(typeof record[key], 'string', `${key} in ${line}`);
          assert.ok(!Number.isNaN(Date.parse(record.time as string)), line);
          assert.equal(record.server, socketPath);
          assert.equal(record.user, USER);
          assert.equal(record.host, os.hostname());
        } else {
          text++;
          assert.ok(parseLine(line), line);
        }
      }
    }
    assert.ok(json > 200 && text >= 3, `${json} JSON lines, ${text} text lines`);
    assert.ok(mixed, 'a file holds both formats');
    // The forged lines are lines of %1, with their text whole.
    const forged = files.flatMap(logLines).filter((line) => line.includes('"stop') && line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(forged.some((record) => record.kind === 'line' && record.pane === '1' && String(record.text).startsWith('{"time":')));
  });

  it('ls: the recordings of both formats, every line counted', () => {
    const { status, stdout, stderr } = read(tmux, 'ls', '--json');
    assert.equal(status, 0, stderr);
    const [log] = JSON.parse(stdout) as { session: string; lines: number; recordingIds: string[]; users: string[] }[];
    assert.equal(log!.session, 'main');
    assert.deepEqual([...log!.recordingIds].sort(), [recs.json, recs.pane1, recs.text].sort(), 'no forged recording');
    assert.equal(log!.lines, logFilesInOrder(main).flatMap(logLines).length);
    assert.deepEqual(log!.users, [USER]);
  });

  it('grep: matches in both formats, filters by recording and pane, forged events are not events', () => {
    const lines = (...args: string[]) => {
      const result = read(tmux, 'grep', ...args);
      assert.ok(result.status === 0 || result.status === 1, result.stderr);
      return hitLines(result.stdout).map((line) => parsed(line)!);
    };
    assert.deepEqual(lines('^[a-z]+-marker$', '--pane', 'main:0.0').map((line) => line.text), ['alpha-marker', 'beta-marker']);
    assert.equal(lines('^fill-', '--rec', recs.json).length, 200, 'every line of the JSON recording, across files');
    assert.equal(lines('^fill-', '--rec', recs.text).length, 0);
    const stops = lines(`stop rec=${recs.json}`, '--events');
    assert.equal(stops.length, 1, 'only the real stop');
    assert.deepEqual([stops[0]!.window, stops[0]!.pane, stops[0]!.fields?.reason], ['0', '0', 'toggle']);
    const events = lines('', '--events', '--pane', '%0');
    // Seals are events in either format (the hash chain): each recording's last one comes just before its stop, with end=stop.
    // And each file the JSON recording rotated has its digest in that recording's chain (chain/digest-event.ts).
    const digests = events.filter((line) => line.text === 'digest');
    assert.ok(digests.length > 0 && digests.every((line) => line.fields?.rec === recs.json), digests.map((line) => JSON.stringify(line)).join('\n'));
    assert.deepEqual(events.filter((line) => line.text !== 'seal' && line.text !== 'digest').map((line) => `${line.text} ${line.fields?.rec}`), [`start ${recs.json}`, `stop ${recs.json}`, `start ${recs.text}`, `stop ${recs.text}`]);
    for (const rec of [recs.json, recs.text]) {
      const stop = events.findIndex((line) => line.text === 'stop' && line.fields?.rec === rec);
      assert.deepEqual([events[stop - 1]?.text, events[stop - 1]?.fields?.rec, events[stop - 1]?.fields?.end], ['seal', rec, 'stop']);
    }
  });

  it('show: each recording whole, whichever its format', () => {
    const json = read(tmux, 'show', recs.json, '--text');
    assert.equal(json.status, 0, json.stderr);
    const shown = json.stdout.split('\n');
    assert.ok(shown.includes('alpha-marker') && !shown.includes('beta-marker'));
    assert.equal(shown.filter((line) => /^fill-\d{4}$/.test(line)).length, 200);
    assert.ok(!json.stdout.includes('"kind"'), 'not the other pane');
    const text = read(tmux, 'show', recs.text);
    assert.equal(text.status, 0, text.stderr);
    assert.deepEqual(text.stdout.split('\n').filter(Boolean).map((line) => parsed(line)?.text).filter((line) => line?.endsWith('marker')), ['beta-marker']);
  });
});
