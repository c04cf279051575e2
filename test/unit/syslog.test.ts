// The syslog sink's message (RFC 5424) and its link, against real sockets in
// this process: a TCP listener that goes away and comes back, a UDP one. (The
// real collector, rsyslog, is in test/e2e/syslog.test.ts.)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, it } from 'node:test';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { escapeParam, MAX_MESSAGE_BYTES, octetCounted, syslogMessage, syslogMessages } from '../../src/sinks/syslog/format.ts';
import { QUEUE_BYTES, RESEND_CHARS, SyslogSink } from '../../src/sinks/syslog/sink.ts';
import { waitFor, withTempDir } from '../support/util.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'my "proj"', window: '0', pane: '1', paneId: '%5' };
/** Text that makes a message of about 1.6 KB: the real limits (8 MiB) are reached in some thousands of records. */
const LONG = 'x'.repeat(1500);
const line = (seq: number, text = `line ${seq}`): AuditRecord => ({ time: Date.UTC(2026, 10, 25, 22, 30, 0, 123), rec: 'R', seq, user: 'ann', place: PLACE, kind: 'line', text });

/** Octet-counted frames out of a TCP byte stream. */
function frames(buffer: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < buffer.length) {
    const space = buffer.indexOf(0x20, at);
    const length = Number(buffer.subarray(at, space).toString());
    out.push(buffer.subarray(space + 1, space + 1 + length).toString());
    at = space + 1 + length;
  }
  return out;
}

/**
 * What a test opened (sinks, collectors), closed after it whatever happened: a failed assert must not
 * leave a link retrying or a listener open (the file would then hang until its timeout). Closing twice
 * is harmless: a test closes what it checks closing.
 */
const opened: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of opened.splice(0).reverse()) {
    try {
      await close();
    } catch {
      // closed already
    }
  }
});
function opening<T extends { close(): unknown }>(thing: T): T {
  opened.push(() => thing.close());
  return thing;
}

/** A TCP collector on `port` (0: any); what it received, as frames. Closed after the test (`opened`). */
async function collector(port = 0): Promise<{ port: number; received: () => string[]; close: () => Promise<void> }> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (data) => chunks.push(data));
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return opening({
    port: (server.address() as net.AddressInfo).port,
    received: () => frames(Buffer.concat(chunks)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

describe('RFC 5424 messages', () => {
  it('header, structured data and text', () => {
    const message = syslogMessage(line(7, 'hello ] "x" \\ y'), { facility: 10, hostname: 'host one', procid: 42 });
    assert.equal(
      message,
      '<86>1 2026-11-25T22:30:00.123Z hostone tmux-audit 42 line [audit@32473 user="ann" session="my \\"proj\\"" window="0" pane="1" paneId="%5" server="/tmp/tmux-0/default" rec="R" seq="7"] hello ] "x" \\ y',
    );
  });
  it('an event: severity notice (warning for trouble), its name and fields in a second element', () => {
    const event: AuditRecord = { ...line(3), kind: 'event', text: 'dropped', fields: { lines: 5, reason: 'log writer backlog' } };
    const message = syslogMessage(event, { facility: 16, hostname: '', procid: 1 });
    assert.match(message, /^<132>1 \S+ - tmux-audit 1 event \[audit@32473 [^\]]*\]\[event@32473 name="dropped" lines="5" reason="log writer backlog"\] dropped rec=R lines=5 reason="log writer backlog"$/);
  });
  it('PARAM-VALUE escapes (§6.3.3) and control characters made visible', () => {
    assert.equal(escapeParam('a"b\\c]d'), 'a\\"b\\\\c\\]d');
    assert.equal(escapeParam('x\x1b[2Jy'), 'x\\\\u001b[2Jy', 'made visible as in the file (\\u001b), whose backslash is then escaped');
  });
  it('no message is longer than a collector at its defaults takes: a long text goes in parts that make it whole', () => {
    const header = { facility: 10, hostname: 'h'.repeat(300), procid: 42 };
    const sd = (message: string) => /^<\d+>1 \S+ \S+ tmux-audit \d+ \w+ (\[.*?[^\\]\])+ /.exec(message)![0];
    for (const text of ['x'.repeat(16384), 'é✓\x1b'.repeat(5000), `${'p'.repeat(7900)}<10>1 2026-01-01T00:00:00Z db7 tmux-audit 1 line [audit@32473 rec="F"] forged`]) {
      const messages = syslogMessages(line(9, text), header);
      assert.ok(messages.length > 1);
      for (const message of messages) assert.ok(Buffer.byteLength(message) <= MAX_MESSAGE_BYTES, String(Buffer.byteLength(message)));
      assert.deepEqual(messages.map((m) => /part="(\d+\/\d+)"/.exec(m)![1]), messages.map((_, i) => `${i + 1}/${messages.length}`));
      const whole = syslogMessage(line(9, text), header);
      assert.equal(messages.map((m) => m.slice(sd(m).length)).join(''), whole.slice(sd(whole).length));
    }
    assert.deepEqual(syslogMessages(line(9, 'short'), header), [syslogMessage(line(9, 'short'), header)], 'a short one: as it was');
  });
  it('long names and event fields are cut in the structured data (the text has them whole)', () => {
    const place = { ...PLACE, session: 's'.repeat(5000), window: '"'.repeat(5000) };
    const event: AuditRecord = { ...line(3), place, kind: 'event', text: 'command', fields: { cmd: 'c'.repeat(20000), cwd: '\x1b'.repeat(3000) } };
    const messages = syslogMessages(event, { facility: 16, hostname: 'h', procid: 1 });
    for (const message of messages) assert.ok(Buffer.byteLength(message) <= MAX_MESSAGE_BYTES);
    assert.equal(messages.map((m) => m.slice(m.indexOf('] command') + 2)).join('').length > 20000, true);
  });
  it('octet counting counts bytes, not characters', () => {
    assert.equal(octetCounted('é✓'), '5 é✓');
  });
});

/** Writes records from..to-1 (LONG text) to a sink whose link is up, never more at a time than the queue takes. */
async function writeAll(sink: SyslogSink, from: number, to: number): Promise<void> {
  for (let seq = from; seq < to; seq++) {
    sink.write(line(seq, LONG));
    if (seq % 500 === 0) {
      sink.flush();
      await waitFor('the queue to go out', () => sink.backlog < QUEUE_BYTES / 2);
    }
  }
  sink.flush();
}

describe('the link', () => {
  it('tcp: delivers; while the collector is away queues, drops past the bound and counts; says down once and up once', async () => {
    const first = await collector();
    const downs: string[] = [];
    const ups: { records: number; from?: number; to?: number }[] = [];
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: first.port, facility: 10 }, { hostname: 'h', onDown: (e) => downs.push(e), onUp: (d) => ups.push(d) }));
    sink.write(line(0, LONG));
    sink.flush();
    await waitFor('the first record', () => first.received().length === 1, 5000);
    await first.close();
    await waitFor('the link to fail', () => downs.length === 1, 5000);
    // A quarter more than the queue takes (QUEUE_BYTES): the rest are dropped.
    const size = octetCounted(first.received()[0]!).length; // what the queue counts: a record's frame
    const written = Math.ceil((QUEUE_BYTES * 1.25) / size);
    for (let seq = 1; seq <= written; seq++) sink.write(line(seq, LONG));
    sink.flush();
    const second = await collector(first.port);
    await waitFor('the link back', () => ups.length === 1, 15000);
    // Record 0 again (it may not have been read), and what the queue kept.
    await waitFor('the queue delivered', () => second.received().length === 1 + written - ups[0]!.records, 10_000).catch(() => {});
    const got = second.received().map((m) => Number(/seq="(\d+)"/.exec(m)![1]));
    assert.equal(downs.length, 1);
    // As much as the queue's bound takes: another record would not have fitted.
    const queued = second.received().slice(1).reduce((sum, message) => sum + octetCounted(message).length, 0);
    assert.ok(queued <= QUEUE_BYTES && queued > QUEUE_BYTES - size - 10, `${got.length} of ${written} delivered, ${queued} characters`);
    // Record 0 had less than RESEND_CHARS written after it when the collector went: it may not have read it, so it is sent again.
    assert.deepEqual(got, Array.from({ length: got.length }, (_, i) => i), 'the one in flight again, then the first ones, in order');
    assert.deepEqual(ups[0], { records: written - (got.length - 1), from: got.length, to: written });
    await sink.close();
    await second.close();
  });

  it('tcp: what was written in the last seconds is sent again when the link breaks; what was too much to keep is counted', async () => {
    const first = await collector();
    const ups: { records: number; from?: number; to?: number }[] = [];
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: first.port, facility: 10 }, { hostname: 'h', onUp: (d) => ups.push(d) }));
    sink.write(line(0, LONG));
    sink.flush();
    await waitFor('the link made', () => first.received().length === 1, 5000);
    // Twice the resend window (a batch stays until RESEND_CHARS more were taken after it): about half is kept.
    const written = Math.ceil((2 * RESEND_CHARS) / octetCounted(first.received()[0]!).length);
    await writeAll(sink, 1, written);
    await waitFor('all of them', () => first.received().length === written, 10_000);
    await first.close();
    const second = await collector(first.port);
    await waitFor('the link back', () => ups.length === 1, 15000);
    await waitFor('the kept ones again', () => second.received().some((m) => m.includes(`seq="${written - 1}"`)), 10_000);
    const again = second.received().map((m) => Number(/seq="(\d+)"/.exec(m)![1]));
    assert.deepEqual(again, Array.from({ length: again.length }, (_, i) => written - again.length + i), 'the last ones, in order');
    // The window, less at most a write (64 KiB, CHUNK_CHARS) and a record: never more.
    const kept = second.received().reduce((sum, message) => sum + octetCounted(message).length, 0);
    assert.ok(kept <= RESEND_CHARS && kept > RESEND_CHARS - 2 * 64 * 1024, `${again.length} sent again, ${kept} characters`);
    // The others were let go of (RESEND_CHARS later) less than COLLECTOR_HOLD_MS before: possibly lost, so counted (they did arrive here: the count is an upper bound).
    assert.deepEqual(ups[0], { records: written - again.length, from: 0, to: written - 1 - again.length });
    await sink.close();
    await second.close();
  });

  it('tcp: a collector that stops reading for longer than 3 s (its kernel still taking data) and then dies: every record reached it, is sent again, or is counted', async () => {
    // A frozen collector: its socket is paused, the kernels' buffers go on taking what is written (no stall is seen),
    // then it dies and what those buffers held is gone (destroy drops what was not read).
    const got = new Set<number>();
    const sockets = new Set<net.Socket>();
    let frozen = false;
    const seqs = (data: Buffer, into: Set<number>) => {
      for (const match of data.toString('latin1').matchAll(/seq="(\d+)"/g)) into.add(Number(match[1]));
    };
    const server = net.createServer((socket) => {
      sockets.add(socket);
      let pending = Buffer.alloc(0);
      socket.on('data', (data) => {
        // Whole frames only: a frame cut by a read is counted when its end comes.
        pending = Buffer.concat([pending, data]);
        let at = 0;
        for (;;) {
          const space = pending.indexOf(0x20, at);
          if (space < 0) break;
          const end = space + 1 + Number(pending.subarray(at, space).toString());
          if (end > pending.length) break;
          seqs(pending.subarray(space + 1, end), got);
          at = end;
        }
        pending = pending.subarray(at);
      });
      if (frozen) socket.pause();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const ups: { records: number; from?: number; to?: number }[] = [];
    const downs: string[] = [];
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port, facility: 10 }, { hostname: 'h', onDown: (e) => downs.push(e), onUp: (d) => ups.push(d) }));
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    let seq = 0;
    try {
      for (; seq < 20; seq++) {
        sink.write(line(seq));
        sink.flush();
      }
      await waitFor('the first records read', () => got.size === 20, 5000);
      frozen = true;
      for (const socket of sockets) socket.pause();
      // 4 s without reading (more than the 3 s a batch used to be kept), writing all along: the kernels take it all.
      const until = Date.now() + 4000;
      while (Date.now() < until) {
        sink.write(line(seq++));
        sink.flush();
        await sleep(50);
      }
      assert.deepEqual(downs, [], 'a collector whose kernel takes data is not seen to stall');
      for (const socket of sockets) socket.destroy();
      frozen = false;
      await waitFor('the link down', () => downs.length === 1, 10_000);
      await waitFor('the link back', () => ups.length === 1, 20_000);
      // Then what is neither read nor counted is missing (the assertion below names it).
      await waitFor('what was sent again', () => got.size >= seq - ups[0]!.records, 10_000).catch(() => {});
      const counted = (s: number) => ups[0]!.records > 0 && s >= ups[0]!.from! && s <= ups[0]!.to!;
      const missing = Array.from({ length: seq }, (_, s) => s).filter((s) => !got.has(s) && !counted(s));
      assert.deepEqual(missing, [], `${seq} written, up ${JSON.stringify(ups[0])}`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await sink.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('tcp: what a break gives back to send again does not take the queue: records written during the outage are still queued', async () => {
    const first = await collector();
    const downs: string[] = [];
    const ups: { records: number; from?: number; to?: number }[] = [];
    // The window (RESEND_CHARS) is as large as the queue (QUEUE_BYTES): what a break gives back would fill it.
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: first.port, facility: 10 }, { hostname: 'h', onDown: (e) => downs.push(e), onUp: (d) => ups.push(d) }));
    sink.write(line(0, LONG));
    sink.flush();
    await waitFor('the link made', () => first.received().length === 1, 5000);
    const written = Math.ceil((2 * RESEND_CHARS) / octetCounted(first.received()[0]!).length);
    await writeAll(sink, 1, written);
    await waitFor('all of them', () => first.received().length === written, 10_000);
    await first.close();
    await waitFor('the link to fail', () => downs.length === 1, 5000);
    // More than the room a queue filled by what was given back would have left (a write, 64 KiB, or so).
    const outage = 200;
    for (let seq = written; seq < written + outage; seq++) sink.write(line(seq, LONG));
    const second = await collector(first.port);
    await waitFor('the link back', () => ups.length === 1, 15000);
    await waitFor('the outage records', () => second.received().some((m) => m.includes(`seq="${written + outage - 1}"`)), 10_000).catch(() => {});
    const got = second.received().map((m) => Number(/seq="(\d+)"/.exec(m)![1]));
    assert.deepEqual(got.slice(-outage), Array.from({ length: outage }, (_, i) => written + i), 'the given back ones, then the outage ones');
    assert.ok((got.length - outage) * LONG.length > QUEUE_BYTES / 2, `${got.length - outage} were given back`);
    assert.ok(ups[0]!.records === 0 || ups[0]!.to! < written, JSON.stringify(ups[0]));
    await sink.close();
    await second.close();
  });

  it('tcp: a collector that takes some, never reads, and drops the link again and again: what is kept stays bounded, the rest counted', async () => {
    // A relay in a restart loop, or a port someone else listens on: each connection the kernel takes some
    // megabytes, the rest waits in the socket, and all of it would come back at every break.
    const server = net.createServer((socket) => {
      socket.pause();
      socket.on('error', () => {});
      setTimeout(() => socket.destroy(), 3500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const ups: { records: number }[] = [];
    let downs = 0;
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, facility: 10 }, { hostname: 'h', onDown: () => downs++, onUp: (d) => ups.push(d) }));
    let seq = 0;
    let most = 0;
    const text = 'x'.repeat(400);
    const writer = setInterval(() => {
      for (let i = 0; i < 1000; i++) sink.write(line(seq++, text));
      sink.flush();
      most = Math.max(most, sink.backlog);
    }, 100);
    try {
      await waitFor('three breaks', () => downs + ups.length >= 4 || seq > 150_000, 30_000);
      // The queue's bound, what one break gives back, and a batch: never the whole connection again.
      assert.ok(most <= QUEUE_BYTES + RESEND_CHARS + 64 * 1024 + 1000 * 500, `${most} characters waiting`);
    } finally {
      clearInterval(writer);
      await sink.close();
      server.close();
    }
  });

  it('a collector that accepts and closes at once: said down once, never up, the delay keeps growing (no flapping)', async () => {
    const connects: number[] = [];
    const server = net.createServer((socket) => {
      connects.push(Date.now());
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const downs: string[] = [];
    const ups: unknown[] = [];
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, facility: 10 }, { hostname: 'h', onDown: (e) => downs.push(e), onUp: (d) => ups.push(d) }));
    try {
      sink.write(line(0));
      sink.flush();
      await waitFor('five connections', () => connects.length >= 5, 20_000);
      assert.equal(downs.length, 1, downs.join(' '));
      assert.equal(ups.length, 0, 'a connection that did not hold is not the link back');
      // 0.25, 0.5, 1, 2 s (±20 %): the fourth wait is at least 1.6 s.
      assert.ok(connects[4]! - connects[3]! >= 1500, `${connects.map((t) => t - connects[0]!)}`);
    } finally {
      await sink.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a collector that accepts but never reads: down once (stalled), up with the dropped count once it reads', async () => {
    const sockets: net.Socket[] = [];
    let bytes = 0;
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.pause();
      socket.on('data', (data) => (bytes += data.length));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const downs: string[] = [];
    const ups: { records: number; from?: number; to?: number }[] = [];
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, facility: 10 }, { hostname: 'h', onDown: (e) => downs.push(e), onUp: (d) => ups.push(d) }));
    try {
      // 2 KB lines until the kernel's buffers and the queue are full and the link is said down.
      let seq = 0;
      await waitFor('the stall said', () => {
        for (let i = 0; i < 200; i++) sink.write(line(seq++, 'x'.repeat(2000)));
        sink.flush();
        return downs.length > 0 || seq > 200_000;
      }, 60_000);
      assert.deepEqual(downs, ['stalled: the collector takes nothing']);
      for (const socket of sockets) socket.resume();
      await waitFor('the link back', () => ups.length === 1, 30_000);
      assert.ok(ups[0]!.records > 0, JSON.stringify(ups[0]));
      assert.equal(downs.length, 1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await sink.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('close waits for a link still being made, so the last records (the stop event) get out', async () => {
    const c = await collector();
    const sink = opening(new SyslogSink({ transport: 'tcp', host: '127.0.0.1', port: c.port, facility: 10 }));
    for (let seq = 0; seq < 3; seq++) sink.write(line(seq));
    sink.flush();
    await sink.close();
    await waitFor('three records', () => c.received().length === 3, 5000);
    await c.close();
  });

  it("tls: the collector's certificate checked against @audit-syslog-ca; another CA is refused (said once, nothing sent)", async () => {
    await withTempDir('tmux-audit-tls', async (dir) => {
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      const other = path.join(dir, 'other.pem');
      const req = (keyOut: string, certOut: string) =>
        execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=collector', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', keyOut, '-out', certOut], { stdio: 'ignore' });
      req(key, cert);
      req(path.join(dir, 'other-key.pem'), other);
      const chunks: Buffer[] = [];
      const server = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (socket) => socket.on('data', (data) => chunks.push(data)));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as net.AddressInfo).port;
      try {
        const good = opening(new SyslogSink({ transport: 'tls', host: '127.0.0.1', port, facility: 10, ca: cert }));
        good.write(line(0));
        good.flush();
        await good.close();
        await waitFor('the message over TLS', () => frames(Buffer.concat(chunks)).length === 1);
        assert.match(frames(Buffer.concat(chunks))[0]!, / line \[audit@32473 .*\] line 0$/);

        const downs: string[] = [];
        const bad = opening(new SyslogSink({ transport: 'tls', host: '127.0.0.1', port, facility: 10, ca: other }, { onDown: (error) => downs.push(error) }));
        bad.write(line(1));
        bad.flush();
        await waitFor('the refusal', () => downs.length > 0);
        await bad.close();
        assert.equal(downs.length, 1);
        assert.match(downs[0]!, /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
        assert.equal(frames(Buffer.concat(chunks)).length, 1, 'nothing sent to a collector that is not the one named');
      } finally {
        server.close();
      }
    });
  });

  it('udp: one message a datagram', async () => {
    const server = opening(dgram.createSocket('udp4'));
    const got: string[] = [];
    server.on('message', (message) => got.push(message.toString()));
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    const sink = opening(new SyslogSink({ transport: 'udp', host: '127.0.0.1', port: server.address().port, facility: 10 }));
    sink.write(line(0));
    sink.write(line(1));
    sink.flush();
    await waitFor('two datagrams', () => got.length === 2, 5000);
    assert.match(got[1]!, /^<86>1 .* seq="1"\] line 1$/);
    await sink.close();
    server.close();
  });
});
