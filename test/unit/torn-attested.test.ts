// A line a full disk tore, another writer's line appended after its start (or the log rotated with the start at its
// end): the torn line's reader writes it again whole and says so in its own chain (a `torn` event, made from the
// writer's onTorn as pipe.ts makes it); verify reads past that start, and only that one (chain/torn-attested.ts).
// Real sinks into real files; node's write wrapped for pane A's disk only (test/support/fs-writes.ts). Then the
// attacks on what verify reads past: each is still a break.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import { MAX_COMPARES, MAX_HASHED_BYTES, MAX_MOVES, TornBudget, TornSettler, type TornAttestation } from '../../src/chain/torn-attested.ts';
import { verifyFiles, type LogReport } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { MemoryOutput } from '../../src/commands/output.ts';
import { tornStarts, tornStartsOf } from '../../src/commands/torn-starts.ts';
import { TORN_CACHE_NAME, TornCache } from '../../src/read/torn-cache.ts';
import { listLogs } from '../../src/read/files.ts';
import { cli, cliResult } from '../support/cli.ts';
import { byTurns, grepByTurns, workerFirst } from '../support/grep-threads.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { scratchLogs, waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const tempLog = scratchLogs('torn-attested');

const KEY = Buffer.from('the auditor\'s key');
const T0 = Date.UTC(2026, 10, 25, 12);
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
/** Pane A's lines (user ann) and pane B's (user bob): a write holding `bob` is B's. */
const A = { rec: 'AAAAAAAAAA', user: 'ann', place: placeOf('0') };
const B = { rec: 'BBBBBBBBBB', user: 'bob', place: placeOf('1') };
type Who = typeof A;
/** A line pane B's reader wrote, as pane A shows it when it prints the log (`tail -f`): read from its stamp on, A's line reads as one of B's place. */
const ECHOED = '2026-11-25T11:59:59.000+00:00 bob main:0.1 | beta 99999 ';
const record = (who: Who, i: number, time: number, echo = false): AuditRecord => ({ ...who, time, kind: 'line', text: `${who === A ? 'alpha' : 'beta'} ${String(i).padStart(5, '0')} ${echo ? ECHOED : ''}${'é日x'.repeat(20)}` });
const event = (who: Who, text: string, time: number, fields: Record<string, string | number> = {}): AuditRecord => ({ ...who, time, kind: 'event', text, fields });

/** A sink as pipe.ts makes one: the writer's onTorn makes a `torn` event (its bytes' length and digest), in the recording's chain. */
function sinkFor(file: string, who: Who, format: LogFormatName, key: Buffer | undefined, clock: () => number, maxBytes = 1024 ** 3): FileSink {
  let sink: FileSink;
  sink = new FileSink(
    file,
    recordFormat(format, DEFAULT_TIME_FORMAT),
    quietWriterOptions({
      maxBytes,
      maxFiles: 10,
      onTorn: (start) => sink.write(event(who, 'torn', clock(), { bytes: start.length, sha256: createHash('sha256').update(start).digest('hex') })),
    }),
    { key },
  );
  return sink;
}

type Disk = 'ok' | 'cut next' | 'full';
/** Pane A's disk: `cut next` writes A's next write of more than a line up to inside a character of a line, then fails with ENOSPC until `ok`. */
function diskOfA(t: TestContext): { state: Disk; failed: number } {
  const d = { state: 'ok' as Disk, failed: 0 };
  wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
    const mine = buffer.subarray(offset, offset + length).indexOf('bob') < 0;
    if (mine && d.state === 'full') {
      d.failed++;
      return process.nextTick(callback, Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0);
    }
    if (mine && d.state === 'cut next' && length > 400) {
      let k = buffer.indexOf(0x0a, offset + Math.floor(length / 2)) + 1 - offset + 80;
      while ((buffer[offset + k]! & 0xc0) !== 0x80) k++;
      d.state = 'full';
      return write(fd, buffer, offset, k, position, callback);
    }
    write(fd, buffer, offset, length, position, callback);
  });
  return d;
}

/**
 * Two panes' sinks on one log; A's write torn by its full disk; B appends meanwhile (`rotate`: B's size limit is
 * passed, so its next write rotates the log first, the start ending the rotated file); then room again.
 */
async function tornLog(t: TestContext, format: LogFormatName, key: Buffer | undefined, rotate: boolean): Promise<string> {
  const file = tempLog();
  const d = diskOfA(t);
  let now = T0;
  const clock = () => ++now;
  const b = sinkFor(file, B, format, key, clock, rotate ? 6000 : 1024 ** 3);
  const a = sinkFor(file, A, format, key, clock);
  b.write(event(B, 'start', clock(), { by: 'bob' }));
  for (let i = 0; i < 5; i++) b.write(record(B, i, clock()));
  await flushed(b);
  a.write(event(A, 'start', clock(), { by: 'ann' }));
  for (let i = 0; i < 60; i++) a.write(record(A, i, clock()));
  await flushed(a);
  d.state = 'cut next';
  for (let i = 60; i < 120; i++) a.write(record(A, i, clock()));
  a.flush();
  await waitFor('the torn write, and a retry', () => d.failed >= 2);
  await new Promise((resolve) => setTimeout(resolve, 120));
  for (let i = 5; i < 15; i++) b.write(record(B, i, clock()));
  await flushed(b);
  if (rotate) assert.ok(logFilesInOrder(file).length > 1, 'B rotated the log');
  d.state = 'ok';
  await waitFor('A wrote its torn line again', () => logFilesInOrder(file).some((f) => fs.readFileSync(f, 'utf8').includes('alpha 00119')));
  for (let i = 120; i < 130; i++) a.write(record(A, i, clock()));
  a.write(event(A, 'stop', clock(), { reason: 'toggle' }));
  await a.close();
  b.write(event(B, 'stop', clock(), { reason: 'toggle' }));
  await b.close();
  return file;
}

const verify = (file: string, key?: Buffer, timeFormat = DEFAULT_TIME_FORMAT): LogReport => verifyFiles(logFilesInOrder(file), timeFormat, { key, requireKey: key !== undefined });

const cases = [
  { format: 'text' as const, key: KEY },
  { format: 'text' as const, key: undefined },
  { format: 'json' as const, key: KEY },
];
const named = (c: (typeof cases)[number]) => `${c.format}, ${c.key ? 'keyed' : 'plain'}`;

describe('a torn start, attested by its reader, before another pane\'s line', () => {
  for (const c of cases) {
    it(`verify reads past exactly that start, with a note (${named(c)})`, async (t) => {
      const file = await tornLog(t, c.format, c.key, false);
      const text = fs.readFileSync(file, 'utf8');
      const glued = text.split('\n').findIndex((line) => line.includes('alpha') && line.includes('bob'));
      assert.ok(glued >= 0, 'A\'s torn start and B\'s line on one line');
      const report = verify(file, c.key);
      assert.deepEqual(report.breaks, []);
      assert.equal(report.torn?.length, 1);
      assert.equal(report.torn![0]!.line, glued + 1);
      assert.equal(report.torn![0]!.atEnd, false);
      if (c.key) assert.deepEqual(verify(file).breaks, [], 'and without the key');
    });
  }

  it('the log rotated by the other pane with the start at its end: not truncated (text, keyed)', async (t) => {
    const file = await tornLog(t, 'text', KEY, true);
    const rotated = logFilesInOrder(file)[0]!;
    assert.notEqual(fs.readFileSync(rotated).at(-1), 0x0a, 'the rotated file ends inside A\'s line');
    const report = verify(file, KEY);
    assert.deepEqual(report.breaks, []);
    assert.equal(report.torn?.length, 1);
    assert.equal(report.torn![0]!.atEnd, true);
    assert.equal(report.torn![0]!.file, rotated);
  });
});

/**
 * Pane A's disk for a line torn twice: `cut 1` writes A's next write of more than a line up to `k1` bytes into a
 * line, then fails; `cut 2` writes A's next write (the line again whole) up to its `k2`th byte, then fails; `ok`: room.
 */
function diskTornTwice(t: TestContext, k1: number, k2: number): { state: 'ok' | 'cut 1' | 'cut 2' | 'full'; failed: number } {
  const d = { state: 'ok' as 'ok' | 'cut 1' | 'cut 2' | 'full', failed: 0 };
  wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
    const mine = buffer.subarray(offset, offset + length).indexOf('bob') < 0;
    if (mine && d.state === 'full') {
      d.failed++;
      return process.nextTick(callback, Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0);
    }
    if (mine && d.state === 'cut 1' && length > 400) {
      d.state = 'full';
      return write(fd, buffer, offset, buffer.indexOf(0x0a, offset + Math.floor(length / 2)) + 1 - offset + k1, position, callback);
    }
    if (mine && d.state === 'cut 2') {
      d.state = 'full';
      return write(fd, buffer, offset, k2, position, callback);
    }
    write(fd, buffer, offset, length, position, callback);
  });
  return d;
}

describe('a line torn twice: its line written again whole torn too, B appending after each start (review of torn13w)', () => {
  // A second start shorter than the first still holds the stamp and the place: it is no line written again whole.
  for (const [k1, k2, key] of [[60, 50, KEY], [60, 50, undefined], [70, 47, KEY], [60, 20, KEY], [20, 60, KEY], [60, 60, KEY]] as const) {
    it(`first start ${k1} bytes, second ${k2} (${key ? 'keyed' : 'plain'}): both read past, no break`, async (t) => {
      const file = tempLog();
      const d = diskTornTwice(t, k1, k2);
      let now = T0;
      const clock = () => ++now;
      const b = sinkFor(file, B, 'text', key, clock);
      const a = sinkFor(file, A, 'text', key, clock);
      b.write(event(B, 'start', clock(), { by: 'bob' }));
      for (let i = 0; i < 5; i++) b.write(record(B, i, clock()));
      await flushed(b);
      a.write(event(A, 'start', clock(), { by: 'ann' }));
      for (let i = 0; i < 20; i++) a.write(record(A, i, clock()));
      await flushed(a);
      d.state = 'cut 1';
      for (let i = 20; i < 60; i++) a.write(record(A, i, clock()));
      a.flush();
      await waitFor('the first torn write, and a retry', () => d.failed >= 2);
      for (let i = 5; i < 8; i++) b.write(record(B, i, clock()));
      await flushed(b);
      const failed = d.failed;
      d.state = 'cut 2';
      await waitFor('the second torn write, and a retry', () => d.state === 'full' && d.failed >= failed + 2);
      for (let i = 8; i < 11; i++) b.write(record(B, i, clock()));
      await flushed(b);
      d.state = 'ok';
      await waitFor('A wrote its lines', () => fs.readFileSync(file, 'utf8').includes('alpha 00059'));
      a.write(event(A, 'stop', clock(), { reason: 'toggle' }));
      await a.close();
      b.write(event(B, 'stop', clock(), { reason: 'toggle' }));
      await b.close();
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      // B's stamp (29 bytes) not at the line's head.
      const glued = lines.map((line, i) => (line.indexOf(' bob main:0.1 ') > 29 ? i + 1 : -1)).filter((i) => i > 0);
      assert.equal(glued.length, 2, 'two of A\'s starts, each glued to a line of B');
      const report = verify(file, key);
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.torn?.map((spot) => spot.line).sort((x, y) => x - y), glued);
    });
  }
});

describe('planted copies of a start and of its event (review of torn13w: verify ran 269 s and 2.9 GB on 918 KB)', () => {
  it('are read once a line: the lines\' places are read a bounded number of times', () => {
    const stamp = (i: number) => `2026-11-25T12:00:${String(i % 60).padStart(2, '0')}.000+00:00`;
    const aLine = `${stamp(1)} ann main:0.0 | alpha 00001 ${'x'.repeat(60)}`;
    const bLine = `${stamp(2)} bob main:0.1 | beta 00001 ${'x'.repeat(60)}`;
    const start = aLine.slice(0, 45);
    const sha256 = createHash('sha256').update(start).digest('hex');
    const spots = 400;
    const events = 400;
    const lines = [...Array.from({ length: spots }, () => `${start}${bLine}`), aLine, ...Array.from({ length: events }, () => `${stamp(3)} ann main:0.0 * torn rec=AAAAAAAAAA bytes=45 sha256=${sha256}`)];
    const attestations: TornAttestation[] = lines.slice(spots + 1).map((_, i) => ({ file: 'main.log', line: spots + 2 + i, index: spots + 1 + i, place: 'main:0.0', bytes: 45, sha256 }));
    let reads = 0;
    const settler = new TornSettler(attestations, () => true, (text) => {
      reads++;
      return /^\S+ \w+ (\S+) [|*] /.exec(text)?.[1];
    });
    settler.nextFile('main.log');
    for (const line of lines) {
      const bytes = Buffer.from(`${line}\n`);
      settler.take(bytes, 0, bytes.length, false, 0);
    }
    // Each of the 400 events settles one of the 400 starts: the line written again whole is read after every one.
    assert.equal(settler.finish().length, Math.min(spots, events));
    // A line's place is read at most twice (as a line, and its rest after a start), whatever the copies: 160,000 before.
    assert.ok(reads <= 2 * lines.length, `${reads} reads of a place for ${lines.length} lines`);
  });
});

/** The log's bytes, the glued line's [from, to) in them (with its `\n`), and where the other pane's line starts in it. */
function gluedIn(bytes: Buffer): { from: number; to: number; rest: number } {
  const text = bytes.toString('latin1');
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at) + 1;
    const rest = text.slice(at, end).search(/\d{4}-\d\d-\d\dT\S+ bob main:0\.1 \| beta/);
    if (rest > 0) return { from: at, to: end, rest: at + rest };
    at = end;
  }
  throw new Error('no glued line');
}

describe('attacks on a torn start verify reads past (text, keyed): each is a break', () => {
  it('the honest log verifies; every attack on it does not', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const honest = fs.readFileSync(file);
    assert.deepEqual(verify(file, KEY).breaks, []);
    const text = honest.toString('latin1');
    const glued = gluedIn(honest);
    const eventAt = text.search(/^\S+ ann main:0\.0 \* torn /m);
    const eventEnd = text.indexOf('\n', eventAt) + 1;
    const event = honest.subarray(eventAt, eventEnd);
    const start = honest.subarray(glued.from, glued.rest);
    const attacks: Record<string, () => Buffer> = {
      'the torn event copied, right after itself': () => Buffer.concat([honest.subarray(0, eventEnd), event, honest.subarray(eventEnd)]),
      'the torn event taken out': () => Buffer.concat([honest.subarray(0, eventAt), honest.subarray(eventEnd)]),
      'a made-up line glued after the real start': () =>
        Buffer.concat([honest.subarray(0, glued.rest), Buffer.from(honest.subarray(glued.rest, glued.to).toString('utf8').replace(/\| beta .*/, '| rm -rf / was never typed')), honest.subarray(glued.to)]),
      'a byte of the other pane\'s line edited': () => {
        const edited = Buffer.from(honest);
        const at = honest.indexOf('beta', glued.rest) + 1;
        edited[at] = edited[at]! ^ 0x01;
        return edited;
      },
      'a byte of the start edited': () => {
        const edited = Buffer.from(honest);
        const at = honest.indexOf('alpha', glued.from) + 2;
        edited[at] = edited[at]! ^ 0x01;
        return edited;
      },
      'the start copied before another of the other pane\'s lines': () => {
        const next = glued.to;
        return Buffer.concat([honest.subarray(0, next), start, honest.subarray(next)]);
      },
      'the start copied, with no newline, at the log\'s end': () => Buffer.concat([honest, start]),
      'a made-up line of 2 MB, made of stamps, before the event': () =>
        Buffer.concat([honest.subarray(0, eventAt), Buffer.from(`${'2026-11-25T12:00:00.000+00:00 ann main:0.0 | '.repeat(45_000)}\n`), honest.subarray(eventAt)]),
    };
    for (const [name, attack] of Object.entries(attacks)) {
      await t.test(name, () => {
        fs.writeFileSync(file, attack());
        const report = verify(file, KEY);
        assert.ok(report.breaks.length > 0, `${name}: no break`);
      });
    }
    fs.writeFileSync(file, honest);
    assert.deepEqual(verify(file, KEY).breaks, [], 'the honest log again');
  });

  it('in the rotated file: a made-up fragment after the real start at its end is a break', async (t) => {
    const file = await tornLog(t, 'text', KEY, true);
    const rotated = logFilesInOrder(file)[0]!;
    assert.deepEqual(verify(file, KEY).breaks, []);
    fs.appendFileSync(rotated, 'x');
    assert.ok(verify(file, KEY).breaks.some((found) => found.kind === 'truncated' || found.file === rotated));
    fs.appendFileSync(rotated, `\n${fs.readFileSync(file, 'utf8').split('\n')[1]!.slice(0, 40)}`);
    assert.ok(verify(file, KEY).breaks.length > 0, 'a fragment appended to the rotated file');
  });
});

/**
 * A recording's lines, written by its own sink into `dir`/main.log (each line with its `\n`), and a `torn` event for
 * each start `attest` gives once they are; `echo`: each output line shows a line of pane B's (ECHOED).
 */
async function linesOf(dir: string, who: Who, format: LogFormatName, key: Buffer | undefined, clock: () => number, count: number, attest?: (lines: Buffer[]) => Buffer[], { echo = false, timeFormat = DEFAULT_TIME_FORMAT } = {}): Promise<Buffer[]> {
  const file = path.join(dir, 'main.log');
  const sink = new FileSink(file, recordFormat(format, timeFormat), quietWriterOptions(), { key });
  sink.write(event(who, 'start', clock(), { by: who.user }));
  for (let i = 0; i < count; i++) sink.write(record(who, i, clock(), echo));
  if (attest) {
    await flushed(sink);
    for (const start of attest(splitLines(fs.readFileSync(file)))) sink.write(event(who, 'torn', clock(), { bytes: start.length, sha256: createHash('sha256').update(start).digest('hex') }));
    for (let i = count; i < count + 3; i++) sink.write(record(who, i, clock(), echo));
  }
  sink.write(event(who, 'stop', clock(), { reason: 'toggle' }));
  await sink.close();
  return splitLines(fs.readFileSync(file));
}

function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const end = bytes.indexOf(0x0a, at) + 1;
    lines.push(bytes.subarray(at, end));
    at = end;
  }
  return lines;
}

/** Two lists merged in their own orders, `picks` saying which goes next (true: the first) while both have lines. */
function merge(first: Buffer[], second: Buffer[], picks: boolean[]): Buffer[] {
  const merged: Buffer[] = [];
  let i = 0;
  let j = 0;
  for (let p = 0; i < first.length || j < second.length; p++) {
    if (j >= second.length || (i < first.length && (picks[p % Math.max(1, picks.length)] ?? true))) merged.push(first[i++]!);
    else merged.push(second[j++]!);
  }
  return merged;
}

/** Pane A's lines (text, keyed unless told) with a `torn` event for `start(lines)`, pane B's, and a log made of them by `arrange`, verified. */
async function arranged(start: (lines: Buffer[]) => Buffer, arrange: (a: Buffer[], b: Buffer[], start: Buffer) => Buffer[], { format = 'text' as LogFormatName, key = KEY as Buffer | undefined, echo = false } = {}): Promise<{ report: LogReport; log: Buffer[] }> {
  let now = T0;
  const clock = () => ++now;
  let torn = Buffer.alloc(0);
  const a = await linesOf(path.dirname(tempLog()), A, format, key, clock, 8, (lines) => [(torn = Buffer.from(start(lines)))], { echo });
  const b = await linesOf(path.dirname(tempLog()), B, format, key, clock, 6);
  const log = arrange(a, b, torn);
  const file = path.join(path.dirname(tempLog()), 'main.log');
  fs.writeFileSync(file, Buffer.concat(log));
  return { report: verify(file, key), log };
}
const alpha = (lines: Buffer[], n: number): number => lines.findIndex((line) => line.includes(`alpha 0000${n}`));
const tornAt = (lines: Buffer[]): number => lines.findIndex((line) => line.includes(' * torn '));

describe('each rule of a start read past: a log that breaks only that rule is a break', () => {
  it('the rest of the line is of another place: a start glued to a line of its own recording is a break', async () => {
    // A's line 3's start glued to A's line 2, its line 3 after: with the start left out, A's honest lines.
    const { report } = await arranged(
      (lines) => lines[alpha(lines, 3)]!.subarray(0, 60),
      (a, _b, start) => [...a.slice(0, alpha(a, 2)), Buffer.concat([start, a[alpha(a, 2)]!]), ...a.slice(alpha(a, 3))],
    );
    assert.ok(report.breaks.length > 0);
  });

  it('the line written again whole comes before the event: the event itself is none, where the start is the head of its stamp', async () => {
    // A 12-byte start (`2026-11-25T1`), glued to a line of B right before A's torn event, which begins with it too.
    const { report } = await arranged(
      (lines) => lines[alpha(lines, 3)]!.subarray(0, 12),
      (a, b, start) => [...a.slice(0, tornAt(a)), ...b.slice(0, 2), Buffer.concat([start, b[2]!]), ...a.slice(tornAt(a)), ...b.slice(3)],
    );
    assert.ok(report.breaks.length > 0);
  });

  it('the line written again whole begins with the start: the next line of the start\'s place that does not is a break', async () => {
    // A's line 3's start glued to a line of B after A's line 3 (whole), before its line 4.
    const { report } = await arranged(
      (lines) => lines[alpha(lines, 3)]!.subarray(0, 60),
      (a, b, start) => [...a.slice(0, alpha(a, 4)), ...b.slice(0, 2), Buffer.concat([start, b[2]!]), ...b.slice(3), ...a.slice(alpha(a, 4))],
    );
    assert.ok(report.breaks.length > 0);
  });

  it('two copies of the start before the line written again whole: the nearer is read past, the farther is the break', async () => {
    const { report, log } = await arranged(
      (lines) => lines[alpha(lines, 3)]!.subarray(0, 60),
      (a, b, start) => [...a.slice(0, alpha(a, 3)), ...b.slice(0, 2), Buffer.concat([start, b[2]!]), Buffer.concat([start, b[3]!]), ...a.slice(alpha(a, 3)), ...b.slice(4)],
    );
    const glued = log.map((line, i) => (line.indexOf(' bob main:0.1 ') > 29 ? i + 1 : -1)).filter((i) => i > 0);
    assert.equal(glued.length, 2);
    assert.deepEqual(report.torn?.map((spot) => spot.line), [glued[1]]);
    assert.ok(report.breaks.some((found) => found.line <= glued[0]! && (found.endLine ?? found.line) >= glued[0]!), 'a break names the farther copy');
  });
});

/**
 * Pane A's line 3 torn twice, `first` then `second` bytes into it, each start glued to a line of B (B's 3rd and 4th),
 * then written whole; the two `torn` events after it, in that order. `echo`: A's lines show a line of B's; `copy`:
 * that start copied too, glued to B's 5th line, before the line written again whole (nearer than both).
 */
async function tornTwice(format: LogFormatName, key: Buffer | undefined, cut: (line: Buffer) => [number, number], options: { echo?: boolean; timeFormat?: string; copy?: 0 | 1; linesOfB?: number } = {}) {
  let now = T0;
  const clock = () => ++now;
  const starts: Buffer[] = [];
  const a = await linesOf(path.dirname(tempLog()), A, format, key, clock, 8, (lines) => {
    const line = lines[alpha(lines, 3)]!;
    starts.push(...cut(line).map((k) => Buffer.from(line.subarray(0, k))));
    return starts;
  }, options);
  const b = await linesOf(path.dirname(tempLog()), B, format, key, clock, options.linesOfB ?? 6, undefined, { timeFormat: options.timeFormat });
  const glued = [Buffer.concat([starts[0]!, b[2]!]), Buffer.concat([starts[1]!, b[3]!])];
  const planted = options.copy === undefined ? [] : [Buffer.concat([starts[options.copy]!, b[4]!])];
  const log = [...a.slice(0, alpha(a, 3)), ...b.slice(0, 2), ...glued, ...planted, ...a.slice(alpha(a, 3)), ...b.slice(4 + planted.length)];
  const file = path.join(path.dirname(tempLog()), 'main.log');
  fs.writeFileSync(file, Buffer.concat(log));
  return { report: verify(file, key, options.timeFormat), lines: glued.map((line) => log.indexOf(line) + 1), file };
}

describe('a line torn twice, the second start longer, its rest after the first read as a line too: both read past', () => {
  // Each event settling the nearest spot in turn: the first event took the second start, the second none (a break on an
  // honest log). Its rest after the first start reads as a line where the stamp is more than a word (the first start
  // ends inside the stamp, the second past it), or where the pane shows a log line and the first cut fell right before it.
  const TWO_WORDS = 'yyyy-MM-dd HH:mm:ss.SSS xxx';
  for (const c of cases.filter((c) => c.format === 'text')) {
    for (const first of [1, 12]) {
      it(`stamps of two words (${named(c)}; ${first} byte(s), then the stamp and a space)`, async () => {
        const { report, lines } = await tornTwice(c.format, c.key, (line) => [first, line.indexOf(' ann ') + 1], { timeFormat: TWO_WORDS });
        assert.deepEqual(report.breaks, []);
        assert.deepEqual(report.torn?.map((spot) => spot.line).sort((x, y) => x - y), lines);
      });
    }
  }

  for (const c of cases) {
    for (const second of [29, 45, 80]) {
      it(`a log line shown (${named(c)}; cut right before it, then ${second} bytes past)`, async () => {
        const { report, lines } = await tornTwice(c.format, c.key, (line) => [line.indexOf(ECHOED), line.indexOf(ECHOED) + second], { echo: true });
        assert.deepEqual(report.breaks, []);
        assert.deepEqual(report.torn?.map((spot) => spot.line).sort((x, y) => x - y), lines);
      });
    }
  }

  for (const c of cases) {
    it(`the second start glued to B's last seal, the first within the stamp (${named(c)}): a reading past the second names the first`, async () => {
      // Read with the second start, B's seal is at no place of B's: no stretch of B's names the first start's line
      // (only the seal, and B's end with no final seal); once the second is read past, B's last stretch does.
      const { report, lines, file } = await tornTwice(c.format, c.key, (line) => [c.format === 'json' ? 10 : 1, line.indexOf(c.format === 'json' ? '"kind"' : ' | ')], { linesOfB: 1 });
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.torn?.map((spot) => spot.line).sort((x, y) => x - y), lines);
      // The reading commands read past both too: verify's starts, settled the second time (commands/torn-starts.ts).
      // They verify without a key: a keyed log's chains are not hashed then, and no break names the first start.
      if (c.key !== undefined) return;
      assert.deepEqual(numbers(showOf(file, A.rec), 'alpha'), count(11));
      assert.match(showOf(file, B.rec).find((line) => line.includes('beta 00000')) ?? '', /^2026-\S+ bob main:0\.1 \| beta 00000 /);
      assert.match(grepOf(file, 'beta 00000')[0] ?? '', /:\d+: 2026-\S+ bob main:0\.1 \| beta 00000 /);
    });
  }

  it('with no move left (planted copies took them all), the event only a move settles a spot for settles none: its start is read as written (text, keyed)', async () => {
    const { file, lines } = await tornTwice('text', KEY, (line) => [line.indexOf(ECHOED), line.indexOf(ECHOED) + 45], { echo: true });
    const log = splitLines(fs.readFileSync(file));
    const attestations = log.flatMap((line, index): TornAttestation[] => {
      const event = / (\S+) \* torn rec=\S+ bytes=(\d+) sha256=([0-9a-f]{64})/.exec(line.toString());
      return event ? [{ file, line: index + 1, index, place: event[1]!, bytes: Number(event[2]), sha256: event[3]! }] : [];
    });
    const settled = (budget?: TornBudget): number[] => {
      const settler = new TornSettler(attestations, () => true, (text) => /^\S+ \w+ (\S+) [|*] /.exec(text)?.[1], budget);
      settler.nextFile(file);
      for (const line of log) settler.take(line, 0, line.length, false, 0);
      return settler.finish().map((spot) => spot.line).sort((x, y) => x - y);
    };
    assert.deepEqual(settled(), lines);
    // The first event took the second start (the nearest); the second event has no other.
    assert.deepEqual(settled(new TornBudget(0)), [lines[1]]);
    // One budget for the log, whatever the number of rounds (verify settles it again): a round takes what the ones
    // before it left, of moves, compares and hashing alike (review of torn13z: compares and hashing were per round).
    for (const limit of ['moves', 'compares', 'hashed'] as const) {
      const shared = new TornBudget();
      assert.deepEqual(settled(shared), lines, `${limit}: a first round settles both`);
      const used = { moves: MAX_MOVES - shared.moves, compares: MAX_COMPARES - shared.compares, hashed: MAX_HASHED_BYTES - shared.hashed }[limit];
      assert.ok(used > 0, `${limit}: the first round took some`);
      const left = new TornBudget();
      left[limit] = used; // what is left once a round like the first has taken its share: enough for one round
      assert.deepEqual(settled(left), lines, `${limit}: one round's worth settles both`);
      assert.notDeepEqual(settled(left), lines, `${limit}: a second round takes what the first left: not enough`);
    }
  });

  it('a copy of either start, glued to another line of B before the line written again whole, is a break: two events settle two starts (text, keyed)', async () => {
    for (const copy of [0, 1] as const) {
      const { report } = await tornTwice('text', KEY, (line) => [line.indexOf(ECHOED), line.indexOf(ECHOED) + 45], { echo: true, copy });
      assert.ok(report.breaks.length > 0, `a copy of start ${copy + 1}: no break`);
      assert.equal(report.torn?.length, 2);
    }
  });
});

describe('a pane showing a log line, its line torn right before the line it shows: the line written again whole reads as a start too', () => {
  for (const c of cases) {
    it(`the start read past, no break (${named(c)})`, async () => {
      const { report, log } = await arranged(
        (lines) => lines[alpha(lines, 3)]!.subarray(0, lines[alpha(lines, 3)]!.indexOf(ECHOED)),
        (a, b, start) => [...a.slice(0, alpha(a, 3)), ...b.slice(0, 2), Buffer.concat([start, b[2]!]), ...a.slice(alpha(a, 3)), ...b.slice(3)],
        { format: c.format, key: c.key, echo: true },
      );
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.torn?.map((spot) => spot.line), [log.findIndex((line) => line.includes('alpha 00003') && line.includes('beta 00000')) + 1]);
    });
  }
});

describe('a pane printing log lines, several under one stamp (`cat old.log`), torn right before the first it shows (review of torn13y)', () => {
  // Each later line of A under that stamp begins with the start and reads as a line of B's place after it: a start of
  // the same kind, the nearest to the event, and the line written again whole of the one before it. Settled to one of
  // those, A's own line was read past (`edited`, its chain and B's); verify settles again with no spot of the kind but
  // the first (review of torn13z: one a round, 5 shown lines or more broke, and a `cat` shows dozens a pipe read).
  const SHOWN = (i: number) => `2026-11-25T11:59:59.000+00:00 bob main:0.1 | beta ${String(i).padStart(5, '0')}`;

  /** `who`'s lines, each [text, time], a `torn` event for each of `attest(lines)` after them, stop. */
  async function pane(who: Who, format: LogFormatName, key: Buffer | undefined, items: [string, number][], attest?: (lines: Buffer[]) => Buffer[]): Promise<Buffer[]> {
    const file = path.join(path.dirname(tempLog()), 'main.log');
    const sink = new FileSink(file, recordFormat(format, DEFAULT_TIME_FORMAT), quietWriterOptions(), { key });
    sink.write(event(who, 'start', T0, { by: who.user }));
    for (const [text, time] of items) sink.write({ ...who, time, kind: 'line', text });
    if (attest) {
      await flushed(sink);
      for (const start of attest(splitLines(fs.readFileSync(file)))) sink.write(event(who, 'torn', T0 + 500, { bytes: start.length, sha256: createHash('sha256').update(start).digest('hex') }));
    }
    sink.write(event(who, 'stop', T0 + 900, { reason: 'toggle' }));
    await sink.close();
    return splitLines(fs.readFileSync(file));
  }

  /** A's line showing SHOWN(i), up to the line it shows: its start where torn right before it. */
  const startOf = (lines: Buffer[], format: LogFormatName, i: number): Buffer => {
    const line = lines.find((l) => l.includes(SHOWN(i)))!;
    return Buffer.from(line.subarray(0, format === 'json' ? line.indexOf('"text":"') + 8 : line.indexOf(SHOWN(i))));
  };

  /**
   * A's 3 lines, `same` lines showing B's under one stamp, 3 more; torn right before the one showing SHOWN(`cut`), its
   * start glued to B's third line, then written again whole with the rest. The log's lines, and the glued line's index.
   */
  async function catLog(c: (typeof cases)[number], same: number, cut = 0, pad = ''): Promise<{ log: Buffer[]; glued: number }> {
    let start: Buffer = Buffer.alloc(0);
    const items: [string, number][] = [];
    for (let i = 0; i < 3; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 10 + i]);
    for (let i = 0; i < same; i++) items.push([`${SHOWN(i)}${pad}`, T0 + 100]);
    for (let i = 3; i < 6; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 200 + i]);
    const a = await pane(A, c.format, c.key, items, (lines) => [(start = startOf(lines, c.format, cut))]);
    const b = await pane(B, c.format, c.key, Array.from({ length: 6 }, (_, i): [string, number] => [`gamma ${String(i).padStart(5, '0')}`, i < 2 ? T0 + 50 + i : T0 + 150 + i]));
    const at = a.findIndex((line) => line.includes(SHOWN(cut)));
    return { log: [...a.slice(0, at), ...b.slice(0, 2), Buffer.concat([start, b[2]!]), ...a.slice(at), ...b.slice(3)], glued: at + 2 };
  }

  const written = (log: Buffer[]): string => {
    const file = path.join(path.dirname(tempLog()), 'main.log');
    fs.writeFileSync(file, Buffer.concat(log));
    return file;
  };

  for (const c of cases) {
    for (const same of [1, 2, 3, 5, 8, 70]) {
      it(`${same} line(s) of B's shown under one stamp of A's (${named(c)}): the start read past, no break${c.key ? '' : '; show and grep read it so'}`, async () => {
        const { log, glued } = await catLog(c, same);
        const file = written(log);
        const report = verify(file, c.key);
        assert.deepEqual(report.breaks, []);
        assert.deepEqual(report.torn?.map((spot) => spot.line), [glued + 1]);
        // The reading commands take verify's starts (commands/torn-starts.ts), verified without a key: for a keyed log
        // no chain is hashed then, and the nearest spot is read past (A's own line, where 2 or more are shown).
        if (c.key !== undefined) return;
        // B's line as B's, A's shown lines as A's.
        assert.deepEqual(numbers(showOf(file, A.rec), 'alpha'), count(6));
        assert.deepEqual(numbers(showOf(file, A.rec), 'beta'), count(same));
        assert.deepEqual(numbers(showOf(file, B.rec), 'gamma'), count(6));
        assert.deepEqual(numbers(showOf(file, A.rec), 'gamma'), []);
        assert.match(grepOf(file, 'gamma 00002')[0] ?? '', / bob main:0\.1 \| gamma 00002$/);
        assert.deepEqual(grepOf(file, '-c', 'beta'), [String(same)]);
      });
    }
    // Torn before a later line it shows, the lines before it are spots of the kind too, the first of them: the rounds
    // that take the nearest out, a spot a round, still find the start where 2 shown lines come after it.
    it(`4 shown, torn right before the second (${named(c)}): the start read past, no break`, async () => {
      const { log, glued } = await catLog(c, 4, 1);
      const report = verify(written(log), c.key);
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.torn?.map((spot) => spot.line), [glued + 1]);
    });
  }

  // Review of torn13m: torn before shown line k >= 1, every shown line before it and the start itself are spots of the
  // kind after the first (echoes); the quiet round tried the first alone, then the rounds took out the nearest, one a
  // round, and 5 or more shown lines after the cut were a break. Past the rounds, verify searches on, an echo a round.
  for (const c of cases.filter((c) => c.key !== undefined)) {
    for (const same of [5, 8, 30]) {
      for (const cut of [...new Set([1, 2, same - 5])]) {
        it(`${same} shown, torn right before the one showing SHOWN(${cut}) (${named(c)}): the start read past, no break`, async () => {
          const { log, glued } = await catLog(c, same, cut);
          const report = verify(written(log), c.key);
          assert.deepEqual(report.breaks, []);
          assert.deepEqual(report.torn?.map((spot) => spot.line), [glued + 1]);
        });
      }
    }
  }

  it('30 shown, torn before the second (text, keyed): a shown line edited, taken out, copied or made up in the burst is a break', async () => {
    const { log, glued } = await catLog(cases[0]!, 30, 1);
    assert.deepEqual(verify(written(log), KEY).breaks, []);
    const shown = log.flatMap((line, at) => (line.includes(' | 2026-11-25T11:59:59.000+00:00 bob ') ? [at] : []));
    assert.equal(shown.length, 30);
    const start = log[glued]!.subarray(0, log[glued]!.indexOf(' | ') + 3);
    const passed: string[] = [];
    const check = (what: string, changed: Buffer[]) => {
      if (verify(written(changed), KEY).breaks.length === 0) passed.push(what);
    };
    for (const at of shown) {
      const line = log[at]!;
      const edited = Buffer.from(line);
      edited[edited.length - 2] ^= 0x01;
      check(`line ${at + 1} edited`, [...log.slice(0, at), edited, ...log.slice(at + 1)]);
      check(`line ${at + 1} taken out`, [...log.slice(0, at), ...log.slice(at + 1)]);
      check(`line ${at + 1} copied after itself`, [...log.slice(0, at + 1), line, ...log.slice(at + 1)]);
      // A line made up of the attested start and a line of B's place: a spot of the kind, as the real one is.
      const forged = Buffer.concat([start, Buffer.from(`2026-11-25T12:00:00.151+00:00 bob main:0.1 | gamma 00002\n`)]);
      check(`a made-up spot before line ${at + 1}`, [...log.slice(0, at), forged, ...log.slice(at)]);
    }
    // The glued line moved anywhere else is a break. Right before another shown line it is what A writes when torn
    // there (every shown line begins with the same start, and B's lines keep their order): an honest log, no break.
    const without = [...log.slice(0, glued), ...log.slice(glued + 1)];
    for (let to = 0; to <= without.length; to++) {
      if (to === glued || shown.includes(to < glued ? to : to + 1)) continue;
      check(`the glued line moved to line ${to + 1}`, [...without.slice(0, to), log[glued]!, ...without.slice(to)]);
    }
    assert.deepEqual(passed, []);
  });

  // Review of torn13n: the search past the rounds counted lines, afresh in each check without the key where it seemed
  // wrong (each check of the search ran one, searching on in turn): a 22 KB log took 104 s, lines of 20 KB 132 s on
  // 4 MB. The bytes verify reads are what it checks: within the bytes the budget holds, and a few checks more.
  for (const { what, c, same, pad, key } of [
    { what: 'a wrong key', c: cases[0]!, same: 30, pad: '', key: Buffer.from('nope') },
    { what: 'shown lines of 20 KB, no key', c: cases[1]!, same: 30, pad: ` ${'x'.repeat(20_000)}`, key: undefined },
    // Review of torn13p: counted in characters, a log of CJK text (three bytes a character) got three times the checks.
    { what: 'shown lines of 7,000 CJK characters (21 KB), no key', c: cases[1]!, same: 30, pad: ` ${'漢'.repeat(7_000)}`, key: undefined },
  ]) {
    it(`${same} shown, torn before the second, ${what}: the search reads within the bytes its budget holds`, async (t) => {
      const { log } = await catLog(c, same, 1, pad);
      const file = written(log);
      const size = fs.statSync(file).size;
      const run = (checked: number) => readWhile(t, () => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, tornMoves: new TornBudget(MAX_MOVES, MAX_COMPARES, MAX_HASHED_BYTES, checked) }));
      const none = run(0);
      const some = run(20 * size);
      // No budget: the rounds alone (each one check, and as many again without the key where it seems wrong).
      assert.ok(none.read <= 40 * size, `${none.read / size} times the log read with no budget`);
      // A budget of 20 logs' bytes: the search went on, within them.
      // Each round reads the log's bytes once more to find the starts (not counted); the last may take what the one
      // before took.
      assert.ok(some.read > none.read + 5 * size, `searched on: ${some.read / size} times the log read`);
      assert.ok(some.read <= none.read + 2 * 20 * size + 10 * size, `${(some.read - none.read) / size} times the log read past the rounds`);
      // Torn before the second of 30, the search takes some 30 checks: short of them, a break (a false alarm) ...
      assert.ok(none.result.breaks.length > 0 && some.result.breaks.length > 0);
      // ... a wrong key still said first; with the whole budget, a 600 KB log searched to the start, no break.
      if (key !== undefined) assert.equal(some.result.breaks[0]?.kind, 'wrong key');
      else assert.deepEqual(verify(file).breaks, []);
    });
  }

  // The same by a real writer: A's sink writes the lines under one stamp in one write, its disk full right before the
  // first shown line; B appends meanwhile; A writes the rest again whole once there is room.
  for (const c of cases) {
    for (const same of [5, 8]) {
      it(`${same} shown, A's write torn by its full disk (${named(c)}): the start read past, no break`, async (t) => {
        const file = tempLog();
        const d = { state: 'ok' as 'ok' | 'cut next' | 'full', failed: 0 };
        wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
          const bytes = buffer.subarray(offset, offset + length);
          const mine = bytes.indexOf(B.rec) < 0 && bytes.indexOf('gamma') < 0;
          if (mine && d.state === 'full') {
            d.failed++;
            return process.nextTick(callback, Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0);
          }
          const at = mine && d.state === 'cut next' ? bytes.indexOf(SHOWN(0)) : -1;
          if (at > 0) {
            d.state = 'full';
            return write(fd, buffer, offset, at, position, callback);
          }
          write(fd, buffer, offset, length, position, callback);
        });
        let now = T0;
        const clock = () => ++now;
        const b = sinkFor(file, B, c.format, c.key, clock);
        const a = sinkFor(file, A, c.format, c.key, clock);
        b.write(event(B, 'start', clock(), { by: 'bob' }));
        for (let i = 0; i < 5; i++) b.write({ ...B, time: clock(), kind: 'line', text: `gamma ${String(i).padStart(5, '0')}` });
        await flushed(b);
        a.write(event(A, 'start', clock(), { by: 'ann' }));
        for (let i = 0; i < 20; i++) a.write({ ...A, time: clock(), kind: 'line', text: `alpha ${String(i).padStart(5, '0')}` });
        await flushed(a);
        d.state = 'cut next';
        const stamp = clock();
        for (let i = 0; i < same; i++) a.write({ ...A, time: stamp, kind: 'line', text: SHOWN(i) });
        a.flush();
        await waitFor('the torn write, and a retry', () => d.failed >= 2);
        for (let i = 5; i < 40; i++) b.write({ ...B, time: clock(), kind: 'line', text: `gamma ${String(i).padStart(5, '0')}` });
        await flushed(b);
        d.state = 'ok';
        await waitFor('A wrote its torn line again', () => fs.readFileSync(file, 'utf8').includes(SHOWN(same - 1)));
        for (let i = 20; i < 25; i++) a.write({ ...A, time: clock(), kind: 'line', text: `alpha ${String(i).padStart(5, '0')}` });
        a.write(event(A, 'stop', clock(), { reason: 'toggle' }));
        await a.close();
        b.write(event(B, 'stop', clock(), { reason: 'toggle' }));
        await b.close();
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        const report = verify(file, c.key);
        assert.deepEqual(report.breaks, []);
        // The start glued to B's first line after the cut.
        assert.deepEqual(report.torn?.map((spot) => spot.line), [lines.findIndex((line) => line.includes('gamma 00005')) + 1]);
        assert.ok(lines[report.torn![0]!.line - 1]!.indexOf(A.user) < lines[report.torn![0]!.line - 1]!.indexOf(B.user));
      });
    }
  }

  it('70 shown (text, keyed): any line of the log edited, taken out or copied elsewhere is a break', async () => {
    const { log } = await catLog(cases[0]!, 70);
    assert.deepEqual(verify(written(log), KEY).breaks, []);
    const passed: string[] = [];
    const check = (what: string, changed: Buffer[]) => {
      if (verify(written(changed), KEY).breaks.length === 0) passed.push(what);
    };
    for (let at = 0; at < log.length; at++) {
      const line = log[at]!;
      // The byte before the newline: the line's text (a shown line's, the glued line's rest, a seal's digest).
      const edited = Buffer.from(line);
      edited[edited.length - 2] ^= 0x01;
      check(`line ${at + 1} edited`, [...log.slice(0, at), edited, ...log.slice(at + 1)]);
      // A recording's start with no line before it may have gone with a rotated file (chain/verify.ts `startCutOut`).
      if (!line.includes(' * start ')) check(`line ${at + 1} taken out`, [...log.slice(0, at), ...log.slice(at + 1)]);
      const to = (at + 7) % log.length;
      check(`line ${at + 1} copied before line ${to + 1}`, [...log.slice(0, to), line, ...log.slice(to)]);
    }
    assert.deepEqual(passed, []);
  });

  // Review of torn13z: under a seal a break names the whole stretch, every start read past in it; taking each out
  // took out a real start too, where a line was torn a second time within it.
  for (const key of [KEY, undefined]) {
    for (const same of [2, 3]) {
      for (const catFirst of [true, false]) {
        it(`a second line of A torn in the stretch, ${catFirst ? 'after' : 'before'} ${same} shown (text, ${key ? 'keyed' : 'plain'}): both starts read past, no break`, async () => {
          let shownStart: Buffer = Buffer.alloc(0);
          let plainStart: Buffer = Buffer.alloc(0);
          const items: [string, number][] = [];
          for (let i = 0; i < 3; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 10 + i]);
          const cat = () => { for (let i = 0; i < same; i++) items.push([SHOWN(i), T0 + (catFirst ? 100 : 300)]); };
          const plain = () => items.push(['alpha torn plain line', T0 + (catFirst ? 300 : 100)]);
          if (catFirst) (cat(), items.push(['alpha mid', T0 + 200]), plain());
          else (plain(), items.push(['alpha mid', T0 + 200]), cat());
          for (let i = 3; i < 6; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 400 + i]);
          const a = await pane(A, 'text', key, items, (lines) => {
            shownStart = startOf(lines, 'text', 0);
            const torn = lines.find((line) => line.includes('alpha torn plain'))!;
            plainStart = Buffer.from(torn.subarray(0, torn.indexOf('torn plain')));
            return catFirst ? [shownStart, plainStart] : [plainStart, shownStart];
          });
          const b = await pane(B, 'text', key, Array.from({ length: 8 }, (_, i): [string, number] => [`gamma ${String(i).padStart(5, '0')}`, T0 + 50 + i * 40]));
          const atShown = a.findIndex((line) => line.includes(SHOWN(0)));
          const atPlain = a.findIndex((line) => line.includes('alpha torn plain'));
          const [first, second] = atShown < atPlain ? [[atShown, shownStart], [atPlain, plainStart]] as const : [[atPlain, plainStart], [atShown, shownStart]] as const;
          const glued = [Buffer.concat([first[1], b[2]!]), Buffer.concat([second[1], b[4]!])] as const;
          const log = [...a.slice(0, first[0]), ...b.slice(0, 2), glued[0], ...a.slice(first[0], second[0]), b[3]!, glued[1], ...a.slice(second[0]), ...b.slice(5)];
          const report = verify(written(log), key);
          assert.deepEqual(report.breaks, []);
          assert.deepEqual(report.torn?.map((spot) => spot.line).sort((x, y) => x - y), glued.map((line) => log.indexOf(line) + 1));
        });
      }
      for (const extra of [10, 45]) {
        it(`the first shown line torn twice, ${extra} bytes further the second time, ${same} shown (text, ${key ? 'keyed' : 'plain'}): both starts read past, no break`, async () => {
          let first: Buffer = Buffer.alloc(0);
          let second: Buffer = Buffer.alloc(0);
          const items: [string, number][] = [];
          for (let i = 0; i < 3; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 10 + i]);
          for (let i = 0; i < same; i++) items.push([SHOWN(i), T0 + 100]);
          for (let i = 3; i < 6; i++) items.push([`alpha ${String(i).padStart(5, '0')}`, T0 + 200 + i]);
          const a = await pane(A, 'text', key, items, (lines) => {
            first = startOf(lines, 'text', 0);
            second = Buffer.from(lines.find((line) => line.includes(SHOWN(0)))!.subarray(0, first.length + extra));
            return [first, second];
          });
          const b = await pane(B, 'text', key, Array.from({ length: 6 }, (_, i): [string, number] => [`gamma ${String(i).padStart(5, '0')}`, i < 2 ? T0 + 50 + i : T0 + 150 + i]));
          const at = a.findIndex((line) => line.includes(SHOWN(0)));
          const log = [...a.slice(0, at), ...b.slice(0, 2), Buffer.concat([first, b[2]!]), Buffer.concat([second, b[3]!]), ...a.slice(at), ...b.slice(4)];
          const report = verify(written(log), key);
          assert.deepEqual(report.breaks, []);
          assert.deepEqual(report.torn?.map((spot) => spot.line), [at + 3, at + 4]);
        });
      }
    }
  }
});

/** One honest log of the property below: A's line torn at `cut`, glued to B's line `glued`. */
interface GluedCase {
  format: LogFormatName;
  keyed: boolean;
  countA: number;
  countB: number;
  torn: number;
  glued: number;
  echo: boolean;
  cut: number | 'stamp' | 'stamp+1';
  again: number | 'stamp' | undefined;
  before: boolean[];
  after: boolean[];
  edit: number;
  flip: number;
}

/** Builds `c`'s log; it verifies clean, its start read past; any byte of the glued line edited is a break. */
async function gluedCase(c: GluedCase): Promise<void> {
  const key = c.keyed ? KEY : undefined;
  let now = T0;
  const clock = () => ++now;
  const dirA = path.dirname(tempLog());
  const dirB = path.dirname(tempLog());
  let whole = -1;
  let start = Buffer.alloc(0);
  let again: Buffer | undefined;
  // A's line `whole` (one of its output lines), torn after `k` of its bytes, its newline never among them.
  const a = await linesOf(dirA, A, c.format, key, clock, c.countA, (lines) => {
    const outputs = lines.map((line, i) => (line.includes('alpha') ? i : -1)).filter((i) => i >= 0);
    whole = outputs[c.torn % outputs.length]!;
    const line = lines[whole]!;
    const stamp = c.echo ? line.indexOf(ECHOED.slice(0, 29)) : line.indexOf('2026-') + 29;
    // A fraction of the line's body, at least a byte, its newline never among them.
    const cut = (at: number | 'stamp' | 'stamp+1', of: number) => (at === 'stamp' ? stamp : at === 'stamp+1' ? stamp + 1 : 1 + Math.floor((at / of) * (line.length - 2)));
    start = Buffer.from(line.subarray(0, cut(c.cut, 1)));
    // Longer than the first too: it begins with the first start, and where its rest after it reads as a line (a line
    // shown), it is a spot of both events.
    if (c.again !== undefined) again = Buffer.from(line.subarray(0, cut(c.again, 1000)));
    return again ? [start, again] : [start];
  }, { echo: c.echo });
  const b = await linesOf(dirB, B, c.format, key, clock, Math.max(c.countB, again ? 2 : 1));
  const j = c.glued % (b.length - (again ? 1 : 0));
  const glued = again ? [Buffer.concat([start, b[j]!]), Buffer.concat([again, b[j + 1]!])] : [Buffer.concat([start, b[j]!])];
  const log = [...merge(a.slice(0, whole), b.slice(0, j), c.before), ...glued, ...merge(a.slice(whole), b.slice(j + glued.length), c.after)];
  const file = path.join(path.dirname(tempLog()), 'main.log');
  fs.writeFileSync(file, Buffer.concat(log));
  const report = verify(file, key);
  assert.deepEqual(report.breaks, []);
  assert.equal(report.torn?.length, glued.length);
  // One byte of the glued line (the start or the other line; not its newline) edited.
  const text = Buffer.concat(log);
  const gluedAt = Buffer.concat(log.slice(0, log.findIndex((line) => line.length === start.length + b[j]!.length && line.subarray(start.length).equals(b[j]!)))).length;
  const at = gluedAt + (c.edit % (start.length + b[j]!.length - 1));
  const edited = Buffer.from(text);
  edited[at] = edited[at]! ^ c.flip;
  fs.writeFileSync(file, edited);
  assert.ok(verify(file, key).breaks.length > 0, `byte ${at - gluedAt} of the glued line (start ${start.length} bytes) edited, ^${c.flip}: no break`);
}

describe('honest logs with a torn start glued before another recording\'s line (property)', () => {
  it('always verify, the start read past; any byte of the glued line edited is a break', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          format: fc.constantFrom<LogFormatName>('text', 'json'),
          keyed: fc.boolean(),
          countA: fc.integer({ min: 1, max: 12 }),
          countB: fc.integer({ min: 1, max: 12 }),
          torn: fc.nat(),
          glued: fc.nat(),
          // A's output lines show a line of B's (ECHOED): a start cut right before it is a line of B's place after it.
          echo: fc.boolean(),
          // Where A's line is torn: a fraction of it, or `stamp`: right before the stamp it shows, or without one right
          // after its own (a start that is a stamp whole, the review's case).
          cut: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant('stamp' as const), fc.constant('stamp+1' as const)),
          // The line written again whole torn too, its start glued to B's next line: shorter or longer than the first (per
          // mille of the line: a double is mostly 0 or 1 here, fast-check's bias to its ends), or at `stamp` too.
          again: fc.option(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant('stamp' as const)), { nil: undefined }),
          before: fc.array(fc.boolean(), { maxLength: 30 }),
          after: fc.array(fc.boolean(), { maxLength: 30 }),
          edit: fc.nat(),
          flip: fc.integer({ min: 1, max: 255 }),
        }),
        gluedCase,
      ),
      { numRuns: 80 },
    );
  });
});

describe('a start torn right after its stamp and the space after it, glued to the other pane\'s start: read whole, that start is at a place with the stamp for its user (a property counterexample)', () => {
  // JSON Lines pass either way (a guard only): a piece of a JSON line glued to another whole is no object, so the
  // glued line is a break of its own, never a start at another place.
  for (const format of ['text', 'json'] as const) {
    for (const keyed of [true, false]) {
      it(`verify reads past it, no break (${format}, ${keyed ? 'keyed' : 'plain'})`, async () => {
        await gluedCase({ format, keyed, countA: 1, countB: 1, torn: 0, glued: 0, echo: false, cut: 'stamp+1', again: undefined, before: [], after: [], edit: 0, flip: 1 });
      });
    }
  }
  it('the counterexample as fast-check found it (text, plain: a cut of 0.1647 of the line is its stamp and space)', async () => {
    await gluedCase({ format: 'text', keyed: false, countA: 1, countB: 1, torn: 0, glued: 0, echo: false, cut: 0.16477272727272727, again: undefined, before: [], after: [], edit: 0, flip: 1 });
  });
});

/** What `show` prints of a recording in `file`'s directory, and `grep` of a pattern there (the CLI, as a user runs them). */
const showOf = (file: string, rec: string): string[] => cli(['show', rec, '--dir', path.dirname(file)]).split('\n').filter((line) => line !== '');
const grepOf = (file: string, ...args: string[]): string[] => cliResult(['grep', ...args, '--dir', path.dirname(file)]).stdout.split('\n').filter((line) => line !== '');
/** The numbers of a pane's lines (`alpha 00012`: 12) in what a command printed (text or JSON lines), in order. */
const numbers = (lines: readonly string[], word: string): number[] => lines.flatMap((line) => [...line.matchAll(new RegExp(`(?:^|\\| |"text":")${word} (\\d{5})`, 'g'))].map((m) => Number(m[1])));
const count = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** What `show --text` prints of a recording: its pane's lines, as printed. */
const shownText = (file: string, rec: string): string[] => cli(['show', rec, '--text', '--dir', path.dirname(file)]).split('\n').filter((line) => line !== '');
/** The lines of what `export --asciicast` writes of a recording (built from the log's lines: no raw stream kept), as a player prints them. */
const exportedText = (file: string, rec: string): string[] =>
  cli(['export', rec, '--asciicast', '--dir', path.dirname(file)])
    .split('\n')
    .filter((line) => line !== '')
    .slice(1) // the header
    .map((line) => JSON.parse(line) as [number, string, string])
    .filter(([, kind]) => kind === 'o')
    .flatMap(([, , text]) => text.split('\r\n').filter((piece) => piece !== ''));

describe('the reading commands read past a start its reader attested, as verify does', () => {
  for (const c of cases) {
    it(`show and grep read the glued line as the other pane's (${named(c)})`, async (t) => {
      const file = await tornLog(t, c.format, c.key, false);
      assert.equal(verify(file, c.key).torn?.length, 1);
      // Each pane's lines once, in order; none of A's holds B's.
      const a = showOf(file, A.rec);
      assert.deepEqual(numbers(a, 'alpha'), count(130), 'show of A: its lines, each once');
      assert.deepEqual(numbers(a, 'beta'), [], 'show of A: none of B\'s lines');
      assert.deepEqual(numbers(showOf(file, B.rec), 'beta'), count(15), 'show of B: every line of B');
      const found = grepOf(file, 'beta 0000[5]');
      assert.equal(found.length, 1);
      assert.match(found[0]!, c.format === 'json' ? /"user":"bob"/ : /:\d+:[^|]* bob main:0\.1 \| beta 00005/, 'grep: B\'s line, as B\'s');
      assert.deepEqual(grepOf(file, '-c', 'alpha'), ['130']);
      assert.deepEqual(grepOf(file, '-c', 'beta'), ['15']);
    });

    it(`export --asciicast casts each pane's own lines, the glued line as the other pane's, as show does (${named(c)})`, async (t) => {
      const file = await tornLog(t, c.format, c.key, false);
      assert.equal(verify(file, c.key).torn?.length, 1);
      for (const [who, word, other, lines] of [[A, 'alpha', 'beta', 130], [B, 'beta', 'alpha', 15]] as const) {
        const cast = exportedText(file, who.rec);
        assert.deepEqual(numbers(cast, word), count(lines), `export of ${who.user}: each of its lines once, in order`);
        assert.deepEqual(numbers(cast, other), [], `export of ${who.user}: none of the other pane's lines`);
        assert.deepEqual(cast, shownText(file, who.rec), `export of ${who.user}: what show --text prints`);
      }
    });
  }

  it('the start ending a rotated file is read as nothing (text, keyed)', async (t) => {
    const file = await tornLog(t, 'text', KEY, true);
    assert.equal(verify(file, KEY).torn?.[0]?.atEnd, true);
    assert.deepEqual(numbers(showOf(file, A.rec), 'alpha'), count(130));
    assert.deepEqual(grepOf(file, '-c', 'alpha'), ['130']);
    const cast = exportedText(file, A.rec);
    assert.deepEqual(numbers(cast, 'alpha'), count(130), 'export: each line of A once, the start left out');
    assert.deepEqual(cast, shownText(file, A.rec), 'export: what show --text prints');
  });

  it('grep on two threads: the files the worker searches too (text, keyed; the log one file, or rotated)', async (t) => {
    for (const rotate of [false, true]) {
      const file = await tornLog(t, 'text', KEY, rotate);
      const sets = listLogs(path.dirname(file));
      for (const sharing of [byTurns, workerFirst]) {
        const counted = (source: string): number =>
          grepByTurns(sets, { source, filter: {}, timeFormat: DEFAULT_TIME_FORMAT, count: true }, new MemoryOutput(), (_, error) => assert.fail(error), tornStartsOf(DEFAULT_TIME_FORMAT), sharing);
        assert.equal(counted('alpha'), 130, `rotated: ${rotate}`);
        assert.equal(counted('beta'), 15, `rotated: ${rotate}`);
      }
    }
  });

  it('a start not attested as verify would accept it is read as before: a line of its reader', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const honest = fs.readFileSync(file);
    const text = honest.toString('latin1');
    const eventAt = text.search(/^\S+ ann main:0\.0 \* torn /m);
    const eventEnd = text.indexOf('\n', eventAt) + 1;
    const glued = gluedIn(honest);
    const forged: Record<string, Buffer> = {
      'the torn event taken out': Buffer.concat([honest.subarray(0, eventAt), honest.subarray(eventEnd)]),
      'a byte of the start edited': (() => {
        const edited = Buffer.from(honest);
        const at = honest.indexOf('alpha', glued.from) + 2;
        edited[at] = edited[at]! ^ 0x01;
        return edited;
      })(),
    };
    for (const [name, bytes] of Object.entries(forged)) {
      fs.writeFileSync(file, bytes);
      assert.equal(verify(file, KEY).torn, undefined, `${name}: verify reads past nothing`);
      const a = showOf(file, A.rec);
      assert.deepEqual(numbers(a, 'beta'), [5], `${name}: show of A prints the glued line, B's line inside it`);
      assert.deepEqual(numbers(showOf(file, B.rec), 'beta'), count(15).filter((i) => i !== 5), `${name}: show of B misses it`);
    }
  });
});

/** The starts tornStarts finds in `file`'s log, as a new run finds them (the cache read from disk), and the log bytes it read. */
/** What `run` returns, and the bytes it read (fs.readSync, as the verifier and the reading commands read files). */
function readWhile<T>(t: TestContext, run: () => T): { result: T; read: number } {
  let read = 0;
  const readSync = fs.readSync;
  const spy = t.mock.method(fs, 'readSync', (...args: Parameters<typeof fs.readSync>) => {
    const got = (readSync as (...a: unknown[]) => number)(...args);
    read += got;
    return got;
  });
  try {
    return { result: run(), read };
  } finally {
    spy.mock.restore();
  }
}

function startsOf(t: TestContext, file: string): { starts: [string, number, number][]; read: number } {
  const [set] = listLogs(path.dirname(file));
  const { result: found, read } = readWhile(t, () => tornStarts(set!, DEFAULT_TIME_FORMAT, TornCache.open(path.dirname(file))));
  const starts = [...found].flatMap(([name, inFile]) => [...inFile].map(([offset, bytes]): [string, number, number] => [path.basename(name), offset, bytes]));
  return { starts, read };
}

const cacheOf = (file: string) => path.join(path.dirname(file), '.run', TORN_CACHE_NAME);
/** The starts a run with no cache finds in `file`'s log (verify's, as found from nothing). */
const fresh = (t: TestContext, file: string): [string, number, number][] => {
  fs.rmSync(cacheOf(file), { force: true });
  return startsOf(t, file).starts;
};
const B_LINE = (i: number) => `2026-11-25T13:00:${String(i % 60).padStart(2, '0')}.000+00:00 bob main:0.1 | beta more ${i}\n`;

describe('what the reading commands found of torn starts is kept (read/torn-cache.ts)', () => {
  it('a log with no torn event is searched once, a grown one from where it was; an event appended is found', async (t) => {
    const file = tempLog();
    fs.writeFileSync(file, Array.from({ length: 3000 }, (_, i) => B_LINE(i)).join(''));
    const size = fs.statSync(file).size;
    const cold = startsOf(t, file);
    assert.deepEqual(cold.starts, []);
    assert.ok(cold.read >= size, `the first run searches the log: ${cold.read} of ${size} bytes`);
    assert.equal(fs.statSync(cacheOf(file)).mode & 0o777, 0o600);
    assert.equal(startsOf(t, file).read, 0, 'unchanged: not read again');
    const more = Array.from({ length: 100 }, (_, i) => B_LINE(i)).join('');
    fs.appendFileSync(file, more);
    const grown = startsOf(t, file);
    assert.ok(grown.read > 0 && grown.read <= more.length + 8, `grown: ${grown.read} bytes read for ${more.length} appended`);
    // A torn log's lines appended: its event is found, and verify settles its start.
    const torn = fs.readFileSync(await tornLog(t, 'text', undefined, false));
    fs.appendFileSync(file, torn);
    const found = startsOf(t, file);
    assert.equal(found.starts.length, 1);
    assert.equal(found.starts[0]![1], fs.readFileSync(file).indexOf(torn) + gluedIn(torn).from);
  });

  it('a log with a settled start is verified once; lines appended with no event keep it; the start is read past as before', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const size = fs.statSync(file).size;
    const cold = startsOf(t, file);
    assert.equal(cold.starts.length, 1);
    assert.ok(cold.read >= 2 * size, `searched, then verified: ${cold.read} bytes of ${size}`);
    const warm = startsOf(t, file);
    assert.deepEqual(warm.starts, cold.starts);
    assert.ok(warm.read < 1000, `kept: ${warm.read} bytes read (the start's, to check its digest)`);
    const more = B_LINE(99);
    fs.appendFileSync(file, more);
    const grown = startsOf(t, file);
    assert.deepEqual(grown.starts, cold.starts);
    assert.ok(grown.read < 1000 + more.length, `grown: ${grown.read} bytes read`);
    assert.deepEqual(numbers(showOf(file, A.rec), 'alpha'), count(130));
    assert.deepEqual(grepOf(file, '-c', 'beta'), ['16']);
  });

  it('a log cached before verify settled its start (its reader\'s tail not yet sealed) is verified again as it grows', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const whole = fs.readFileSync(file);
    // Up to A's torn event: A's lines since its last seal are one `truncated` break, which covers the glued line until A seals.
    const eventEnd = whole.indexOf(10, whole.indexOf(' ann main:0.0 * torn ')) + 1;
    fs.writeFileSync(file, whole.subarray(0, eventEnd));
    assert.deepEqual(startsOf(t, file).starts, [], 'the start is not settled yet');
    // The rest appended (A's lines, its seal, B's), no torn event among them.
    fs.appendFileSync(file, whole.subarray(eventEnd));
    const grown = startsOf(t, file).starts;
    assert.equal(verify(file, KEY).torn?.length, 1);
    assert.deepEqual(grown, fresh(t, file));
    assert.equal(grown.length, 1);
    assert.deepEqual(numbers(showOf(file, A.rec), 'alpha'), count(130));
  });

  it('a second torn event appended to a log whose start is settled is verified again', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    assert.equal(startsOf(t, file).starts.length, 1);
    assert.deepEqual(verify(file, KEY).breaks, [], 'settled with no break: lines with no event appended would keep the start');
    fs.appendFileSync(file, fs.readFileSync(await tornLog(t, 'text', KEY, false)));
    const grown = startsOf(t, file).starts;
    assert.deepEqual(grown, fresh(t, file));
    assert.equal(grown.length, 2);
  });

  it('a larger file in a file\'s place is searched from its start', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const honest = fs.readFileSync(file);
    const quiet = Buffer.from(honest);
    quiet.write(' * tarn ', honest.indexOf(' * torn '), 'latin1');
    fs.writeFileSync(file, quiet);
    assert.deepEqual(startsOf(t, file).starts, []);
    // Its event within the bytes the file it replaces had been searched to.
    fs.writeFileSync(`${file}.new`, Buffer.concat([honest, Buffer.from(B_LINE(99))]));
    fs.renameSync(`${file}.new`, file);
    const found = startsOf(t, file).starts;
    assert.equal(found.length, 1);
    assert.deepEqual(found, fresh(t, file));
  });

  it('another file in its place, or its bytes rewritten (same size, mtime set back), is searched again', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const honest = fs.readFileSync(file);
    // The same bytes with the event no event: no start to read past, and that kept.
    const eventAt = honest.indexOf(' * torn ');
    const quiet = Buffer.from(honest);
    quiet.write(' * tarn ', eventAt, 'latin1');
    const { atime, mtime } = fs.statSync(file);
    for (const [name, put] of [
      ['rewritten in place', () => fs.writeFileSync(file, honest)],
      ['another file in its place', () => {
        fs.writeFileSync(`${file}.new`, honest);
        fs.utimesSync(`${file}.new`, atime, mtime);
        fs.renameSync(`${file}.new`, file);
      }],
    ] as const) {
      fs.writeFileSync(file, quiet);
      fs.utimesSync(file, atime, mtime);
      assert.deepEqual(startsOf(t, file).starts, [], name);
      put();
      fs.utimesSync(file, atime, mtime);
      assert.equal(startsOf(t, file).starts.length, 1, `${name}: the event is found`);
    }
  });

  it('a kept start is read past only where its bytes still are; a cache not ours alone, or of another shape, is not believed', async (t) => {
    const file = await tornLog(t, 'text', KEY, false);
    const real = startsOf(t, file).starts;
    assert.equal(real.length, 1);
    const kept = JSON.parse(fs.readFileSync(cacheOf(file), 'utf8'));
    const plant = (edit: (log: { files: Record<string, unknown>[]; starts: Record<string, unknown>[] }) => void, mode = 0o600) => {
      const copy = structuredClone(kept);
      edit(copy.logs[0].log);
      fs.writeFileSync(cacheOf(file), JSON.stringify(copy), { mode });
      fs.chmodSync(cacheOf(file), mode);
    };
    // B's first line: a start kept there (its digest that of other bytes) would hide its head.
    const elsewhere = fs.readFileSync(file).indexOf(' bob main:0.1 | beta 00000') - 29;
    const planted = {
      'a start at another offset': (log: { starts: Record<string, unknown>[] }) => void (log.starts[0]!.offset = elsewhere),
      'a start in a file not of the log': (log: { starts: Record<string, unknown>[] }) => void (log.starts[0]!.name = '../main.log'),
      'a start with no digest': (log: { starts: Record<string, unknown>[] }) => void (log.starts[0]!.sha256 = ''),
    };
    for (const [name, edit] of Object.entries(planted)) {
      plant(edit);
      assert.deepEqual(startsOf(t, file).starts, real, name);
    }
    // No event, said of the file as it is: believed only from a cache that is ours alone, and of the shape written.
    const noEvent = (log: { files: Record<string, unknown>[]; starts?: unknown }) => {
      log.files[0]!.events = false;
      delete log.starts;
    };
    plant(noEvent);
    assert.deepEqual(startsOf(t, file).starts, [], 'ours, 0600: what it trusts');
    for (const [name, spoil] of [
      ['group-readable', () => plant(noEvent, 0o640)],
      ['someone else\'s', () => {
        plant(noEvent);
        fs.chownSync(cacheOf(file), 65534, 65534);
      }],
      ['a count not a number', () => plant((log) => {
        noEvent(log);
        log.files[0]!.searched = '1';
      })],
      ['not JSON', () => fs.writeFileSync(cacheOf(file), '{"version":1,"logs":[', { mode: 0o600 })],
    ] as const) {
      fs.rmSync(cacheOf(file), { force: true });
      spoil();
      assert.deepEqual(startsOf(t, file).starts, real, name);
    }
    // A directory others can write: nothing kept.
    fs.rmSync(path.dirname(cacheOf(file)), { recursive: true });
    fs.chmodSync(path.dirname(file), 0o770);
    assert.deepEqual(startsOf(t, file).starts, real);
    assert.equal(fs.existsSync(cacheOf(file)), false);
  });
});
