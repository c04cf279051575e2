// Forwarding to a real collector: Debian's rsyslog on a loopback TCP port, its
// own configuration and spool in a temp dir (test/support/rsyslog.ts). A pane
// is logged through the plugin; the messages rsyslog parsed are checked field
// by field; then rsyslog is stopped mid-stream and started again: the reader
// says so once each way, queues meanwhile, counts what it could not keep, and
// the log file has everything throughout.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { HELPER } from '../support/paths.ts';
import { freePort, Rsyslog, type Received } from '../support/rsyslog.ts';
import { attachClient, serversForThisFile, type OuterTerminal } from '../support/tmux.ts';
import { waitFor, withTempDir } from '../support/util.ts';

const server = serversForThisFile();
const USER = os.userInfo().username;
const TOKEN = 'ghp_R2d2C3poBb8Ewok1Yoda9Luke0Leia7Han5Xy';

describe('syslog forwarding to rsyslog', () => {
  let rsyslog: Rsyslog;
  let port: number;
  before(async () => {
    port = await freePort();
    rsyslog = new Rsyslog(port);
    await rsyslog.start();
  });
  after(async () => {
    await rsyslog.remove();
  });

  const lineOf = (text: string) => (message: Received) => message.msgid === 'line' && message.msg === text;

  it('unix:// (as /dev/log): one datagram a message, through the perl relay, parsed as RFC 5424', async () => {
    await withTempDir('tmux-audit-syslog-unix', async (dir) => {
      const result = spawnSync(process.execPath, [HELPER, 'pipe', '--file', path.join(dir, 'pipe.log'), '--syslog', `unix://${rsyslog.socket}`, '--syslog-facility', 'user'], {
        input: `over the local socket\nkey AKIAIOSFODNN7EXAMPLE\n`,
        encoding: 'utf8',
      });
      assert.equal(result.status, 0, result.stderr);
      // On a timeout, the reader's own log says where the datagrams went (a `syslog` down or `dropped` event).
      await waitFor('the datagrams at rsyslog', () => rsyslog.received().some(lineOf('key [REDACTED:aws-access-key-id]')), 20_000).catch((error: Error) => {
        throw new Error(`${error.message}\nthe reader's log:\n${fs.readFileSync(path.join(dir, 'pipe.log'), 'utf8')}`);
      });
      const line = rsyslog.received().find(lineOf('over the local socket'))!;
      assert.deepEqual([line.facility, line.severity, line.app, line.sd['audit@32473']!.session], ['user', 'info', 'tmux-audit', 'pipe']);
      assert.ok(rsyslog.received().some((m) => m.sd['event@32473']?.name === 'stop' && m.sd['event@32473']?.redacted === '1'));
    });
  });

  it('a line longer than a collector at its defaults takes (8 KiB) arrives whole, in parts, and cannot forge a message', async () => {
    // rsyslog's default maxMessageSize cuts a longer octet-counted frame and parses what follows the cut as a new message.
    const defaults = new Rsyslog(await freePort(), { defaults: true });
    try {
      await defaults.start();
      await withTempDir('tmux-audit-syslog-long', async (dir) => {
        const forged = '<10>1 2026-01-01T00:00:00Z db7 tmux-audit 1 line [audit@32473 user="alice" session="main" window="0" pane="0" rec="FORGEDxxxx" seq="5"] sudo rm -rf /var/lib/pg';
        // Pads around where the header and structured data put the collector's cut, and one line past two cuts.
        const lines = [7880, 7900, 7920, 7940, 7960].map((pad) => `${'p'.repeat(pad)}${forged}`);
        lines.push(`${'é'.repeat(9000)}${forged}`);
        const result = spawnSync(process.execPath, [HELPER, 'pipe', '--file', path.join(dir, 'pipe.log'), '--syslog', `tcp://127.0.0.1:${defaults.port}`], {
          input: `${lines.join('\n')}\nthe-end\n`,
          encoding: 'utf8',
        });
        assert.equal(result.status, 0, result.stderr);
        await waitFor('the last line at rsyslog', () => defaults.received().some(lineOf('the-end')), 20_000);
        const received = defaults.received();
        assert.ok(!received.some((m) => m.sd['audit@32473']?.rec === 'FORGEDxxxx' || m.host === 'db7'), `a forged message: ${JSON.stringify(received.filter((m) => m.host === 'db7'))}`);
        const rec = received.find(lineOf('the-end'))!.sd['audit@32473']!.rec;
        assert.ok(received.every((m) => m.sd['audit@32473']?.rec === rec), 'every message is of this recording');
        // Each line: its parts, in order, make its text.
        const bySeq = new Map<string, Received[]>();
        for (const m of received.filter((m) => m.msgid === 'line')) bySeq.set(m.sd['audit@32473']!.seq!, [...(bySeq.get(m.sd['audit@32473']!.seq!) ?? []), m]);
        const texts = [...bySeq.values()].map((parts) => {
          if (parts.length === 1 && parts[0]!.sd['audit@32473']!.part === undefined) return parts[0]!.msg;
          assert.deepEqual(parts.map((p) => p.sd['audit@32473']!.part), parts.map((_, i) => `${i + 1}/${parts.length}`));
          return parts.map((p) => p.msg).join('');
        });
        assert.deepEqual(texts, [...lines, 'the-end']);
      });
    } finally {
      await defaults.remove();
    }
  });

  it('every record arrives as RFC 5424 with its fields; secrets redacted; down and up said once; the queue delivered; drops counted', async () => {
    const tmux = server({ config: [`set -g @audit-syslog tcp://127.0.0.1:${port}`, 'set -g @audit-syslog-facility local3'] });
    let terminal: OuterTerminal | undefined;
    try {
      terminal = await attachClient(tmux);
      const { recording, pid } = await tmux.startLogging();
      await tmux.run('echo "hello syslog ]\\"x\\""');
      await tmux.run(`echo token ${TOKEN}`);
      await waitFor('the lines at rsyslog', () => rsyslog.received().some(lineOf('token [REDACTED:github-token]')), 20_000);

      // This recording's messages (the collector also has other tests').
      const ours = (): Received[] => rsyslog.received().filter((message) => message.sd['audit@32473']?.rec === recording);
      const received = ours();
      const start = received.find((message) => message.msgid === 'event' && message.sd['event@32473']?.name === 'start')!;
      assert.ok(start, JSON.stringify(received));
      assert.deepEqual(
        [start.facility, start.severity, start.app, start.procid, start.host],
        ['local3', 'notice', 'tmux-audit', String(pid), os.hostname()],
      );
      assert.match(start.msg, new RegExp(`^start rec=${recording} by=${USER} pane=%0 `));
      const hello = received.find(lineOf('hello syslog ]"x"'))!;
      assert.ok(hello, 'quotes and ] in the text come through');
      assert.equal(hello.severity, 'info');
      assert.deepEqual(hello.sd['audit@32473'], {
        user: USER,
        session: 'main',
        window: '0',
        pane: '0',
        paneId: '%0',
        server: tmux.show('#{socket_path}'),
        rec: recording,
        seq: hello.sd['audit@32473']!.seq,
      });
      assert.ok(Math.abs(Date.parse(hello.time) - Date.now()) < 60_000);
      const relayed = fs.readFileSync(rsyslog.relayed, 'utf8').split('\n');
      assert.ok(
        relayed.some((line) => new RegExp(`^<158>1 \\S+ ${os.hostname()} tmux-audit ${pid} line \\[audit@32473 user="${USER}" session="main" .*rec="${recording}" seq="\\d+"\\] hello syslog \\]"x"$`).test(line)),
        `the README's relay wrote RFC 5424 lines:\n${relayed.slice(0, 4).join('\n')}`,
      );
      const seqs = received.map((message) => Number(message.sd['audit@32473']!.seq));
      assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in order');
      assert.equal(seqs[0], 0);
      assert.ok(!received.some((message) => JSON.stringify(message).includes(TOKEN)), 'the token never reached the collector');
      assert.ok(!tmux.readLog().includes(TOKEN), 'nor the file');

      // The collector goes away mid-stream.
      await rsyslog.stop();
      await tmux.run('for i in 1 2 3; do echo while-down-$i; sleep 0.1; done');
      await waitFor('the down event in the file', () => tmux.readLog().includes('* syslog '), 20_000);
      // A flood past the queue's 8 MiB: the oldest part is kept, the rest counted.
      tmux.type("head -c 10000000 /dev/zero | tr '\\0' x | fold -w 2000 | sed 's/^/flood /'; echo; echo after-flood");
      await tmux.waitForPrinted('after-flood', { timeoutMs: 180_000 });
      const told = (what: string) =>
        tmux
          .tmux('show-messages')
          .split('\n')
          .filter((line) => line.includes(` message: tmux-audit: syslog forwarding to tcp://127.0.0.1:${port} ${what}`));
      await waitFor('the user told of the failure', () => told('failed').length > 0);

      await rsyslog.start();
      await waitFor('the up event at rsyslog', () => rsyslog.received().some((m) => m.sd['event@32473']?.name === 'syslog' && m.sd['event@32473']?.state === 'up'), 60_000);
      await tmux.run('echo back-again');
      await waitFor('a line after the outage at rsyslog', () => rsyslog.received().some(lineOf('back-again')), 20_000);

      const all = ours();
      const down = all.find((m) => m.sd['event@32473']?.name === 'syslog' && m.sd['event@32473']?.state === 'down')!;
      assert.ok(down, 'the down event was queued and delivered');
      assert.equal(down.severity, 'warning');
      for (const i of [1, 2, 3]) assert.ok(all.some(lineOf(`while-down-${i}`)), `while-down-${i} was queued and delivered`);
      const up = all.find((m) => m.sd['event@32473']?.name === 'syslog' && m.sd['event@32473']?.state === 'up')!.sd['event@32473']!;
      const dropped = Number(up.dropped);
      assert.ok(dropped > 0, `the flood overflowed the queue: ${JSON.stringify(up)}`);
      // What was dropped is the span of seq the up event names, and nothing else is missing from the collector.
      const got = new Set(all.map((m) => Number(m.sd['audit@32473']!.seq)));
      const [from, until] = [Number(up.from), Number(up.until)];
      assert.ok(!got.has(from) && !got.has(until) && got.has(from - 1), `${from}..${until}`);
      // The file has every flood line.
      assert.equal(tmux.loggedText().filter((line) => line.startsWith('flood ')).length, 5000);
      assert.equal(told('failed').length, 1, 'told once of the failure');
      await waitFor('the user told of the recovery', () => told('works again').length > 0);
      assert.match(told('works again')[0]!, new RegExp(`works again; ${dropped} records were not forwarded$`));
      assert.equal(told('works again').length, 1);
    } finally {
      terminal?.kill();
    }
  });

  it('a collector that hangs and is killed mid-stream: what it may not have had is sent again, no record is missing uncounted', async () => {
    const tmux = server({ config: [`set -g @audit-syslog tcp://127.0.0.1:${port}`, 'set -g @audit-format json'] });
    let terminal: OuterTerminal | undefined;
    const stop = path.join(tmux.logDir, 'stop-streaming');
    try {
      terminal = await attachClient(tmux);
      const { recording } = await tmux.startLogging();
      // The file's records of this recording, by seq (JSON Lines carry it); whole lines only: the reader may be
      // writing the last one as it is read (a CI run parsed half a line: "Unterminated string in JSON").
      const logged = (): { seq: number; kind: string; text: string }[] =>
        tmux
          .readLog()
          .split('\n')
          .slice(0, -1)
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { rec: string; seq: number; kind: string; text: string; fields?: { rec?: string } })
          .filter((record) => record.rec === recording || record.fields?.rec === recording);
      const ours = (): Received[] => rsyslog.received().filter((message) => message.sd['audit@32473']?.rec === recording);
      const streamed = (): number => logged().filter((record) => record.text.startsWith('stream-')).length;
      // A steady stream (about 500 lines a second), until told to stop.
      tmux.type(`i=0; while [ ! -e ${stop} ]; do i=$((i+1)); echo stream-$i; [ $((i % 10)) = 0 ] && sleep 0.02; done; echo stream-end`);
      await waitFor('the stream at rsyslog', () => ours().filter((m) => m.msg.startsWith('stream-')).length > 100, 20_000);
      // rsyslog hangs: what the reader writes now sits in its socket, read by nobody; then it is killed with it.
      rsyslog.freeze();
      const frozenAt = streamed();
      await waitFor('more lines while it hangs', () => streamed() > frozenAt + 300, 20_000);
      await rsyslog.stop('SIGKILL');
      const killedAt = streamed();
      await waitFor('more lines while it is down', () => streamed() > killedAt + 300, 20_000);
      await rsyslog.start();
      await waitFor('the up event at rsyslog', () => ours().some((m) => m.sd['event@32473']?.name === 'syslog' && m.sd['event@32473']?.state === 'up'), 60_000);
      fs.writeFileSync(stop, '');
      await waitFor('the end of the stream at rsyslog', () => ours().some(lineOf('stream-end')), 30_000);

      const received = ours();
      const got = new Map<number, number>();
      for (const message of received) {
        const seq = Number(message.sd['audit@32473']!.seq);
        got.set(seq, (got.get(seq) ?? 0) + 1);
      }
      const up = received.find((m) => m.sd['event@32473']?.name === 'syslog' && m.sd['event@32473']?.state === 'up')!.sd['event@32473']!;
      const [from, until] = up.from === undefined ? [Infinity, -Infinity] : [Number(up.from), Number(up.until)];
      const end = logged().find((record) => record.text === 'stream-end')!.seq;
      const missing = logged()
        .filter((record) => record.seq <= end && !got.has(record.seq) && !(record.seq >= from && record.seq <= until))
        .map((record) => `${record.seq} ${record.kind} ${record.text}`);
      assert.deepEqual(missing, [], `records in the file that neither reached the collector nor are counted as dropped (up: ${JSON.stringify(up)})`);
      // The lines written while it hung were in flight: sent again after it came back (or counted, were they too many to keep).
      const hung = logged().filter((record) => record.text.startsWith('stream-')).slice(frozenAt, frozenAt + 300);
      assert.ok(hung.every((record) => got.has(record.seq) || (record.seq >= from && record.seq <= until)));
      assert.equal(Number(up.dropped), 0, `a slow stream fits the queue and the resend window: nothing was too much (${JSON.stringify(up)})`);
      assert.ok([...got.values()].some((n) => n > 1), 'some arrived twice: at least once, the collector drops duplicates by rec and seq');
    } finally {
      fs.writeFileSync(stop, '');
      terminal?.kill();
    }
  });
});
