// start-seal-split: a start's write torn by a full disk between the start and its seal (or inside the seal), the log
// rotated by another pane's reader before the retry: the start ends the rotated file, its seal heads the next.
// Pruning the rotated file (honest @audit-max-files) leaves the seal without its start.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { verifyFiles, summaryLine } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { scratchLogs, waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const tempLog = scratchLogs("start-seal-split");
const KEY = Buffer.from("the auditor's key");
const T0 = Date.UTC(2026, 10, 25, 12);
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
const A = { rec: 'AAAAAAAAAA', user: 'ann', place: placeOf('0') };
const B = { rec: 'BBBBBBBBBB', user: 'bob', place: placeOf('1') };
type Who = typeof A;
const record = (who: Who, i: number, time: number): AuditRecord => ({ ...who, time, kind: 'line', text: `${who === A ? 'alpha' : 'beta'} ${String(i).padStart(5, '0')} ${'x'.repeat(60)}` });
const event = (who: Who, text: string, time: number, fields: Record<string, string | number> = {}): AuditRecord => ({ ...who, time, kind: 'event', text, fields });

function sinkFor(file: string, who: Who, format: LogFormatName, key: Buffer | undefined, clock: () => number, maxBytes = 1024 ** 3): FileSink {
  let sink: FileSink;
  sink = new FileSink(file, recordFormat(format, DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes, maxFiles: 10,
    onTorn: (start) => sink.write(event(who, 'torn', clock(), { bytes: start.length, sha256: createHash('sha256').update(start).digest('hex') })) }), { key });
  return sink;
}

/** `into`: bytes past the start line's newline the short write goes (0: exactly at the line boundary). */
async function run(t: TestContext, format: LogFormatName, key: Buffer | undefined, into: number) {
  const file = tempLog();
  const d = { state: 'ok' as 'ok' | 'cut' | 'full', failed: 0 };
  wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
    const mine = buffer.subarray(offset, offset + length).indexOf('bob') < 0;
    if (mine && d.state === 'full') { d.failed++; return process.nextTick(callback, Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0); }
    if (mine && d.state === 'cut') {
      d.state = 'full';
      const k = buffer.indexOf(0x0a, offset) + 1 - offset + into;
      return write(fd, buffer, offset, k, position, callback);
    }
    write(fd, buffer, offset, length, position, callback);
  });
  let now = T0;
  const clock = () => ++now;
  const b = sinkFor(file, B, format, key, clock, 2500);
  b.write(event(B, 'start', clock(), { by: 'bob' }));
  for (let i = 0; i < 8; i++) b.write(record(B, i, clock()));
  await flushed(b);
  const a = sinkFor(file, A, format, key, clock);
  d.state = 'cut';
  a.write(event(A, 'start', clock(), { by: 'ann' }));
  a.flush();
  await waitFor('the short write, and a retry', () => d.failed >= 1);
  for (let i = 8; i < 30; i++) b.write(record(B, i, clock()));
  await flushed(b);
  assert.ok(logFilesInOrder(file).length > 1, 'B rotated');
  d.state = 'ok';
  await waitFor('A wrote the rest', () => { const fs_ = logFilesInOrder(file); return fs.readFileSync(fs_[fs_.length - 1]!, 'utf8').includes('AAAAAAAAAA'); });
  for (let i = 0; i < 10; i++) a.write(record(A, i, clock()));
  a.write(event(A, 'stop', clock(), { reason: 'toggle' }));
  await a.close();
  for (let i = 30; i < 33; i++) b.write(record(B, i, clock()));
  b.write(event(B, 'stop', clock(), { reason: 'toggle' }));
  await b.close();
  return file;
}

describe('start-seal-split: start and its seal split by a short write and a rotation by another pane', () => {
  for (const format of ['text', 'json'] as const)
    for (const key of [KEY, undefined])
      for (const into of [0, 20]) {
        it(`${format} ${key ? 'keyed' : 'plain'}, cut ${into} bytes past the start line`, async (t) => {
          const file = await run(t, format, key, into);
          const files = logFilesInOrder(file);
          const opts = key ? { key, requireKey: true } : {};
          const whole = verifyFiles(files, DEFAULT_TIME_FORMAT, opts);
          const pruned = verifyFiles(files.slice(1), DEFAULT_TIME_FORMAT, opts);
          assert.deepEqual(whole.breaks, [], summaryLine('main', whole));
          const own = (line: string) => line.includes('AAAAAAAAAA') && /\* seal |"text":"seal"/.test(line) && /p=0 |"p":"0"/.test(line) && line.endsWith('\n');
          const linesOf = (name: string) => fs.readFileSync(name, 'utf8').split(/(?<=\n)/);
          assert.ok(linesOf(files[0]!).some((line) => line.includes('AAAAAAAAAA') && /\* start |"text":"start"/.test(line)), 'the start is in the rotated file');
          assert.ok(!linesOf(files[0]!).some(own) && linesOf(files[1]!).some(own), 'its own seal, whole, in the next');
          assert.deepEqual(pruned.breaks, [], summaryLine('main', pruned));
        });
      }
});
