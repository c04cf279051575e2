// The `lost` event (a log removed while logging) and the chain: the reader
// seals each one at once (sinks/file/sink.ts), so a `lost` event no seal of
// its recording follows at once is forged (chain/verify.ts). Real sinks into
// real files, removed under them; then verify's core on what they wrote.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { externalStopHash } from '../../src/chain/external-stop.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { rotationMark } from '../support/head-mark.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { scratchLogs } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const tempLog = scratchLogs('lost');

const KEY = Buffer.from('the auditor\'s key');
const REC = 'AAAAAAAAAA';

/** One recording's records: start, `lines` printed lines, stop. */
function recording(lines: number, t0 = Date.UTC(2026, 10, 25, 12)): AuditRecord[] {
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
  const base = { rec: REC, user: 'ann', place };
  const records: AuditRecord[] = [{ ...base, time: t0, kind: 'event', text: 'start', fields: { by: 'ann' } }];
  for (let i = 0; i < lines; i++) records.push({ ...base, time: t0 + i, kind: 'line', text: `${REC} line ${i}` });
  records.push({ ...base, time: t0 + lines, kind: 'event', text: 'stop', fields: { reason: 'toggle' } });
  return records;
}

/** A sink as pipe.ts makes one: onLost writes the `lost` event (stamped no later than what waits) and flushes. */
function sinkFor(file: string, options: { maxBytes?: number; key?: Buffer; format?: LogFormatName; onLost?: () => void; held?: boolean } = {}): { sink: FileSink; lost: () => number; noted: string[] } {
  let lost = 0;
  const noted: string[] = [];
  let sink: FileSink;
  const place = recording(0)[0]!;
  sink = new FileSink(
    file,
    recordFormat(options.format ?? 'text', DEFAULT_TIME_FORMAT),
    quietWriterOptions({
      maxBytes: options.maxBytes ?? 1024 ** 3,
      onLost: (what, _queued, cut) => {
        lost++;
        const event: AuditRecord = { ...place, time: sink.waitingSince ?? Date.UTC(2026, 10, 25, 12), kind: 'event', text: 'lost', fields: { what, ...cut } };
        // `held`: the pipeline holds it up (pipeline/hold.ts), behind a command event awaiting tmux's answer.
        if (options.held) setTimeout(() => sink.write(event), 20);
        else sink.write(event);
        sink.flush();
        options.onLost?.();
      },
    }),
    { key: options.key, onSealed: (link) => noted.push(link) },
  );
  return { sink, lost: () => lost, noted };
}

const verify = (file: string, key?: Buffer) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: key !== undefined });
const kinds = (file: string, key?: Buffer) => verify(file, key).breaks.map((found) => found.kind);
const isSeal = (line: string) => line.includes(' * seal ') || line.includes('"kind":"event","text":"seal"');

async function waitUntil(what: string, done: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 10_000; !done(); ) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('a forged lost event ahead of a recording\'s last seal', () => {
  for (const key of [KEY, undefined]) {
    it(`at the head of the rotated file, the stretch that seal covers edited: a break (${key ? 'keyed' : 'plain'})`, async () => {
      const file = tempLog();
      // 1500 lines: a seal at 1000, the last seal (before the stop) in a later file than the one before it.
      const { sink } = sinkFor(file, { maxBytes: 48 * 1024, key });
      for (const record of recording(1500)) sink.write(record);
      await sink.close();
      const files = logFilesInOrder(file);
      assert.deepEqual(kinds(file, key), []);
      const last = files.length - 1;
      const text = (at: number) => fs.readFileSync(files[at]!, 'utf8').split('\n');
      // The last file holds the last seal and no other: the stretch it covers began in a file before.
      assert.equal(text(last).filter(isSeal).length, 1, 'the last file holds only the last seal');
      const clean = text(last);
      const lines = [...clean];
      lines[0] = lines[0]!.replace(/AAAAAAAAAA line \d+/, 'rm -rf / (EDITED)');
      const stamp = lines[0]!.slice(0, lines[0]!.indexOf(' '));
      fs.writeFileSync(files[last]!, [`${stamp} ann main:0.0 * lost rec=${REC} what=file`, ...lines].join('\n'));
      const found = verify(file, key).breaks;
      assert.ok(found.some((b) => b.kind === 'forged event' && b.file === files[last] && b.line === 1), JSON.stringify(found));
      // The same, with the lost event alone (nothing edited): still named.
      fs.writeFileSync(files[last]!, [`${stamp} ann main:0.0 * lost rec=${REC} what=file`, ...clean].join('\n'));
      assert.ok(kinds(file, key).includes('forged event'));
    });
  }
});

/**
 * Writes a recording of `lines` lines through a sink as pipe.ts makes one, removes the live log once the
 * first half is on disk, writes the rest in bursts; `again` removes the new file too as soon as the event
 * is written into it (removed twice quickly). Returns the sink's seal links as it noted them on disk.
 */
async function removedWhileLogging(file: string, lines: number, options: { key?: Buffer; format?: LogFormatName; maxBytes?: number; again?: boolean; die?: boolean; held?: boolean } = {}): Promise<{ lost: number; noted: string[] }> {
  let removedAgain = false;
  const { sink, lost, noted } = sinkFor(file, {
    ...options,
    onLost: () => {
      if (options.again && !removedAgain) {
        removedAgain = true;
        fs.rmSync(file);
      }
    },
  });
  const records = recording(lines);
  const half = records.length >> 1;
  for (let i = 0; i < half; i++) sink.write(records[i]!);
  await flushed(sink);
  fs.rmSync(file);
  for (let i = half; i < half + 200; i++) sink.write(records[i]!);
  sink.flush();
  await waitUntil('the writer noticed the removal', () => lost() >= 1);
  for (let i = half + 200; i < records.length - (options.die ? 1 : 0); i++) {
    sink.write(records[i]!);
    if (i % 100 === 0) {
      sink.flush();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  if (options.die) await flushed(sink);
  else await sink.close();
  if (options.again) await waitUntil('the writer noticed the second removal', () => lost() >= 2);
  return { lost: lost(), noted };
}

const lostLine = (line: string) => / \* lost rec=/.test(line) || line.includes('"kind":"event","text":"lost"');

for (const format of ['text', 'json'] as const) {
  for (const key of [KEY, undefined]) {
    const how = `${format}, ${key ? 'keyed' : 'plain'}`;
    describe(`a log removed while logging (${how})`, () => {
      it('the lost event is sealed at once, and what the reader wrote again after it is sealed too: OK, nothing unsealed in the new file', async () => {
        const file = tempLog();
        await removedWhileLogging(file, 3000, { key, format });
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        assert.ok(lostLine(lines[0]!), lines[0]);
        assert.ok(isSeal(lines[1]!) && /\bn"?[=:]1\b/.test(lines[1]!), lines[1]);
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        assert.equal(report.lost, 1);
        assert.deepEqual(report.recordings.map((r) => [r.ending, r.unsealed, r.chain]), [['sealed', 0, key ? 'hmac' : 'sha256']]);
        // Every line of the new file is under a seal that holds: an edit anywhere in it is a break.
        const clean = lines.join('\n');
        for (const at of [2, 3, Math.floor(lines.length / 2), lines.length - 4]) {
          if (!/line \d+/.test(lines[at]!)) continue;
          fs.writeFileSync(file, lines.map((line, i) => (i === at ? line.replace(/line (\d+)/, 'line $1 (edited)') : line)).join('\n'));
          assert.notDeepEqual(kinds(file, key), [], `line ${at + 1} edited`);
        }
        // The event's seal taken away: the event is forged (or from an older version), named as such.
        fs.writeFileSync(file, lines.filter((_, i) => i !== 1).join('\n'));
        const found = verify(file, key).breaks;
        assert.equal(found[0]?.kind, 'forged event');
        assert.equal(found[0]?.line, 1);
        assert.match(found[0]!.detail, /did not seal(.*\(v=2\).*forged|: forged)/);
        fs.writeFileSync(file, clean);
        assert.deepEqual(kinds(file, key), []);
      });

      it('the lost event held up in the pipeline: the sink writes it at once, and not again when it comes: OK', async () => {
        const file = tempLog();
        await removedWhileLogging(file, 3000, { key, format, held: true });
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        assert.ok(lostLine(lines[0]!), lines[0]);
        assert.equal(lines.filter(lostLine).length, 1);
        assert.deepEqual(verify(file, key).breaks, []);
      });

      for (const maxBytes of [undefined, 4096]) {
      it(`removed twice quickly (the new file too, before anything was checked in it${maxBytes ? ', rotating' : ''}): OK`, async () => {
        const file = tempLog();
        const { lost } = await removedWhileLogging(file, 3000, { key, format, again: true, maxBytes });
        assert.equal(lost, 2);
        const text = logFilesInOrder(file).map((part) => fs.readFileSync(part, 'utf8')).join('');
        // The second event first; the first one, its seal and what followed it written again after it.
        assert.equal(text.split('\n').filter(lostLine).length, 2);
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        // Rotating, the rotated files keep the lines written before the removal since the last seal there: unsealed.
        assert.deepEqual(report.recordings.map((r) => [r.ending, maxBytes ? r.unsealed < 1000 : r.unsealed === 0]), [['sealed', true]]);
        assert.equal(report.lost, 2);
      });
      }

      it('a large stretch written again (the log removed early in a burst) is sealed every fewer than 1000 lines; removed again then: OK', async (t) => {
        const file = tempLog();
        let armed = false;
        // The log removed right after the burst's first write: the rest of the burst goes into the removed
        // file unchecked (the writer looks again at the burst's end), and is all written again after the event.
        wrapWrites(t, (write, fd, buffer, offset, length, position, callback) =>
          write(fd, buffer, offset, length, position, (error, written) => {
            if (armed) {
              armed = false;
              fs.rmSync(file);
            }
            callback(error, written);
          }));
        const { sink, lost } = sinkFor(file, { key, format });
        const records = recording(6000);
        for (let i = 0; i < 1000; i++) sink.write(records[i]!);
        await flushed(sink);
        armed = true;
        for (let i = 1000; i < 5000; i++) sink.write(records[i]!);
        sink.flush();
        await waitUntil('the writer noticed the removal', () => lost() >= 1);
        await flushed(sink);
        const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
        assert.ok(lostLine(lines[0]!), lines[0]);
        assert.ok(lines.filter((line) => /line \d+/.test(line)).length > 2000, 'a large stretch written again');
        // The restarted chain's seals only (each links to the one before, from the event's): the old chain's, written again, are lines.
        const field = (line: string, name: string) => new RegExp(`\\b${name}"?[=:]"?([0-9a-f]+)`).exec(line)?.[1];
        let link = field(lines[1]!, 'h')!.slice(0, 16);
        let since = 0;
        for (const line of lines.slice(2)) {
          if (isSeal(line) && field(line, 'p') === link) {
            link = field(line, 'h')!.slice(0, 16);
            since = 0;
          } else since++;
          assert.ok(since < 1000, 'a stretch written again of 1000 lines no seal covers');
        }
        fs.rmSync(file);
        for (let i = 5000; i < records.length; i++) sink.write(records[i]!);
        sink.flush();
        await waitUntil('the writer noticed the second removal', () => lost() >= 2);
        await sink.close();
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        assert.ok(report.recordings[0]!.unsealed < 1000, `${report.recordings[0]!.unsealed} unsealed`);
      });

      it('removed again while what was written again crossed a rotation (the newest file removed before the writer looked): OK', async (t) => {
        const file = tempLog();
        let lost = 0;
        let removedAgain = false;
        // The second removal right after the first write into the file that follows the lost event's.
        wrapWrites(t, (write, fd, buffer, offset, length, position, callback) =>
          write(fd, buffer, offset, length, position, (error, written) => {
            if (lost === 1 && !removedAgain && !lostLine(buffer.subarray(offset, offset + length).toString())) {
              removedAgain = true;
              fs.rmSync(file);
            }
            callback(error, written);
          }));
        const { sink } = sinkFor(file, { key, format, maxBytes: 4096, onLost: () => lost++ });
        const records = recording(1500);
        for (const record of records.slice(0, 1100)) sink.write(record);
        await flushed(sink);
        fs.rmSync(file);
        for (const record of records.slice(1100, 1400)) sink.write(record);
        sink.flush();
        await waitUntil('both removals noticed', () => lost === 2);
        for (const record of records.slice(1400)) sink.write(record);
        await sink.close();
        const files = logFilesInOrder(file).map((part) => fs.readFileSync(part, 'utf8').split('\n'));
        // The first event and its seal in a file of their own (rotation cut after them), the second heading a later one.
        assert.deepEqual(files.filter((lines) => lostLine(lines[0]!)).length, 2);
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        assert.equal(report.lost, 2);
      });

      it('removed in a rotating log, the rotated files gzipped: OK', async () => {
        const file = tempLog();
        await removedWhileLogging(file, 6000, { key, format, maxBytes: 64 * 1024 });
        const files = logFilesInOrder(file);
        assert.ok(files.length > 2, 'it rotated');
        for (const rotated of files.slice(0, -1)) {
          fs.writeFileSync(`${rotated}.gz`, zlib.gzipSync(fs.readFileSync(rotated)));
          fs.rmSync(rotated);
        }
        assert.ok(logFilesInOrder(file).some((part) => part.endsWith('.gz')));
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        assert.equal(report.lost, 1);
      });

      it('a reader that dies after the removal, its stop written by recover: OK', async () => {
        const file = tempLog();
        const { noted } = await removedWhileLogging(file, 3000, { key, format, die: true });
        // What recover reads from the seal file: the last seal the reader noted on disk.
        const link = noted.at(-1)!;
        assert.ok(link, 'a seal noted on disk');
        const h = externalStopHash(link, REC, 'reader-died', key);
        const stop: AuditRecord = { ...recording(0)[1]!, time: Date.UTC(2026, 10, 25, 12) + 3001, fields: { reason: 'reader-died', p: link, h } };
        fs.appendFileSync(file, recordFormat(format, DEFAULT_TIME_FORMAT).format(stop));
        const report = verify(file, key);
        assert.deepEqual(report.breaks, []);
        assert.deepEqual(report.recordings.map((r) => r.ending), ['reader-died']);
      });

      // A CI dry run's e2e test (verify-moved) deleted "the line after the edited one", which was now and then this seal.
      it('the seal that closes the stretch after the event taken out (a line in it edited too, or not): deleted, where the stretch opens, not a truncated log', async () => {
        const file = tempLog();
        await removedWhileLogging(file, 3000, { key, format });
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        const field = (line: string, name: string) => new RegExp(`\\b${name}"?[=:]"?([0-9a-f]+)`).exec(line)?.[1];
        const opened = field(lines[1]!, 'h')!.slice(0, 16);
        const closing = lines.findIndex((line) => isSeal(line) && field(line, 'p') === opened);
        assert.ok(closing > 1, 'a seal links to the event\'s');
        assert.ok(lines.slice(closing + 1).some((line) => isSeal(line) && /\bend"?[=:]/.test(line)), 'the recording is sealed to its end after it');
        const edited = lines.findIndex((line, i) => i > 1 && i < closing && /line \d+/.test(line));
        for (const edit of [false, true]) {
          const tampered = lines.filter((_, i) => i !== closing).map((line, i) => (edit && i === edited ? line.replace(/line (\d+)/, 'line $1 (edited)') : line));
          fs.writeFileSync(file, tampered.join('\n'));
          const found = verify(file, key).breaks;
          assert.deepEqual(found.map((b) => [b.kind, b.line]), [['deleted', 2]], JSON.stringify(found));
          assert.match(found[0]!.detail, /is gone/);
        }
      });
    });
  }
}

describe('a log removed as its reader closes (the chain had ended)', () => {
  for (const format of ['text', 'json'] as const) {
    for (const key of [KEY, undefined]) {
      for (const [lines, end] of [[0, 'stop'], [10, 'stop'], [10, 'close'], [1500, 'stop']] as const) {
        it(`the lost event sealed, and what follows it up to a last seal: OK (${format}, ${key ? 'keyed' : 'plain'}, ${lines} line(s) after the removal, then ${end})`, async () => {
          const file = tempLog();
          const { sink } = sinkFor(file, { key, format });
          const records = recording(1200 + lines);
          for (const record of records.slice(0, 1201)) sink.write(record);
          await flushed(sink);
          fs.rmSync(file);
          // The writer looks at the file again only after a while: it notices when it writes the last seal.
          await new Promise((resolve) => setTimeout(resolve, 150));
          for (const record of records.slice(1201, end === 'stop' ? undefined : -1)) sink.write(record);
          await sink.close();
          const written = fs.readFileSync(file, 'utf8').split('\n');
          assert.ok(lostLine(written[0]!), written[0]);
          assert.ok(isSeal(written[1]!), written[1]);
          const report = verify(file, key);
          assert.deepEqual(report.breaks, []);
          assert.deepEqual(report.recordings.map((r) => [r.ending, r.unsealed]), [['sealed', 0]]);
          // An edit of what follows the event (the recording's old last seal and stop among it) is a break.
          const editable = written.map((line, i) => (/line \d+|\bstop\b/.test(line) && !isSeal(line) ? i : -1)).filter((i) => i >= 0);
          for (const at of new Set([...editable.slice(0, 3), editable[editable.length >> 1]!, ...editable.slice(-3)])) {
            fs.writeFileSync(file, written.map((line, i) => (i === at ? line.replace(/line (\d+)|reason=toggle|"toggle"/, (found) => `${found}x`) : line)).join('\n'));
            assert.notDeepEqual(kinds(file, key), [], `line ${at + 1} edited: ${written[at]}`);
          }
        });
      }
    }
  }
});

describe('the live file cut under its reader (issue 13 review: an emptied log read OK again after the next seal)', () => {
  for (const format of ['text', 'json'] as const) {
    for (const key of [KEY, undefined]) {
      for (const keep of ['none', 'half, mid-line', 'half, at a line'] as const) {
        it(`the reader says so in a sealed lost event (what=cut), and verify names it truncated there (${format}, ${key ? 'keyed' : 'plain'}, ${keep} left)`, async () => {
          const file = tempLog();
          const { sink, lost } = sinkFor(file, { key, format });
          const records = recording(1500);
          for (const record of records.slice(0, 1201)) sink.write(record);
          await flushed(sink);
          const held = fs.statSync(file).size;
          const text = fs.readFileSync(file, 'utf8');
          const left = keep === 'none' ? 0 : keep === 'half, mid-line' ? held >> 1 : Buffer.byteLength(text.slice(0, text.indexOf('\n', text.length >> 1) + 1));
          fs.truncateSync(file, left);
          // The writer looks at the file again after at most CHECK_MS while it writes (sinks/file/writer.ts).
          await new Promise((resolve) => setTimeout(resolve, 150));
          for (const record of records.slice(1201)) sink.write(record);
          await sink.close();
          assert.equal(lost(), 1);
          const written = fs.readFileSync(file, 'utf8');
          const at = written.split('\n').findIndex(lostLine);
          assert.ok(at >= 0, written.slice(0, 2000));
          assert.match(written.split('\n')[at]!, new RegExp(format === 'text' ? `what=cut held=${held} left=${left}` : `"what":"cut","held":${held},"left":${left}`));
          const report = verify(file, key);
          // A cut inside a line leaves its torn head just before the event: a JSON head is no log line (inserted).
          const torn = keep === 'half, mid-line' && format === 'json' ? [['inserted', at]] : [];
          assert.deepEqual(report.breaks.map((found) => [found.kind, found.line]), [...torn, ['truncated', at + 1]], JSON.stringify(report.breaks));
          assert.match(report.breaks[torn.length]!.detail, new RegExp(`it had held ${held} bytes, and held ${left} when the reader looked`));
        });
      }
    }
  }

  it('an honest file that only grows (another reader appending, a rotation by another writer) brings no cut', async () => {
    const file = tempLog();
    const a = sinkFor(file, { maxBytes: 64 * 1024 });
    const b = sinkFor(file, { maxBytes: 64 * 1024 });
    const records = recording(3000);
    const other = records.map((record) => ({ ...record, rec: 'BBBBBBBBBB', place: { ...record.place, pane: '1', paneId: '%1' }, text: record.text.replace(REC, 'BBBBBBBBBB') }));
    for (let i = 0; i < records.length; i++) {
      a.sink.write(records[i]!);
      b.sink.write(other[i]!);
      if (i % 200 === 0) await Promise.all([flushed(a.sink), flushed(b.sink)]);
    }
    await Promise.all([a.sink.close(), b.sink.close()]);
    assert.ok(logFilesInOrder(file).length > 2);
    assert.equal(a.lost() + b.lost(), 0);
    assert.deepEqual(verify(file).breaks, []);
  });
});

describe('a genuine lost event used to hide tampering (keyed)', () => {
  /** A rotating keyed log removed while logging: its files' lines, and where the lost event is. */
  async function removedLog(): Promise<{ file: string; files: string[]; texts: string[][]; at: number }> {
    const file = tempLog();
    await removedWhileLogging(file, 6000, { key: KEY, maxBytes: 64 * 1024 });
    const files = logFilesInOrder(file);
    const texts = files.map((part) => fs.readFileSync(part, 'utf8').split('\n'));
    const at = texts.findIndex((lines) => lostLine(lines[0]!));
    assert.ok(at > 1, 'the lost event opens a file after two rotated ones');
    assert.deepEqual(kinds(file, KEY), []);
    return { file, files, texts, at };
  }

  it('the last seal before the event taken out: a break', async () => {
    const { file, files, texts, at } = await removedLog();
    // The recording's last seal before the event, in the files before it.
    const k = texts.slice(0, at).map((lines) => lines.some(isSeal)).lastIndexOf(true);
    const seal = texts[k]!.map(isSeal).lastIndexOf(true);
    fs.writeFileSync(files[k]!, texts[k]!.filter((_, i) => i !== seal).join('\n'));
    // The event names that seal (its reader's last in a rotated file): missing. And the lines it covered, and
    // those after it up to the event, now run from the seal before it: more than a reader leaves unsealed.
    const found = verify(file, KEY).breaks;
    assert.deepEqual(found.map((b) => b.kind), ['missing file', 'deleted'], JSON.stringify(found));
    assert.match(found[0]!.detail, /the lost event names a seal \([0-9a-f]+\) that is not in the log before it/);
    assert.match(found[1]!.detail, /line\(s\) after the last seal before a lost event: more than a reader leaves unsealed/);
  });

  it('the rotated files between the first one and the event deleted: a break, the seal the event names missing', async () => {
    const { file, files, texts, at } = await removedLog();
    // The owner removes the live log himself (a real event) and deletes what went before it, but the first file.
    for (let i = 1; i < at; i++) fs.rmSync(files[i]!);
    const found = verify(file, KEY).breaks;
    assert.ok(found.length > 0, 'a break');
    const named = found.find((b) => b.kind === 'missing file' && /the lost event names a seal \([0-9a-f]+\) that is not in the log before it/.test(b.detail));
    assert.ok(named, JSON.stringify(found));
    assert.equal(named.endFile ?? named.file, files[at]);
    assert.equal(named.endLine, 1);
    // Every line of the first file edited too: still named.
    fs.writeFileSync(files[0]!, texts[0]!.map((line) => line.replace(/AAAAAAAAAA line (\d+)$/, 'AAAAAAAAAA line $1 (edited)')).join('\n'));
    assert.ok(verify(file, KEY).breaks.some((b) => b.kind === 'missing file' && b.endLine === 1), 'named after edits');
  });

  it('its event and seal copied to the head of a later file of a recording still running, the lines after it edited: named at the copy', async () => {
    const { file, files, texts, at } = await removedLog();
    const last = files.length - 1;
    assert.ok(last > at + 1, 'files after the event\'s');
    // The recording still running: its last seal and stop not written yet.
    const tail = texts[last]!.filter((line) => !line.includes(' end=stop') && !/ \* stop rec=/.test(line) && !/ \* seal rec=\S+ .* end=/.test(line));
    const edited = tail.map((line) => line.replace(/AAAAAAAAAA line (\d+)$/, 'AAAAAAAAAA line $1 (edited)'));
    fs.writeFileSync(files[last]!, [texts[at]![0], texts[at]![1], ...edited].join('\n'));
    const found = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true, live: new Set(['AAAAAAAAAA']) }).breaks;
    const atCopy = found.find((b) => (b.endFile ?? b.file) === files[last] && b.endLine === 1);
    assert.ok(atCopy, JSON.stringify(found));
    assert.equal(atCopy.kind, 'deleted');
    assert.match(atCopy.detail, /the lost event names the seal [0-9a-f]+ as its reader's last in a rotated file, and seals of the recording after it come before the event/);
  });

  it('copied to the head of the file after its own, the recording still running: the stretch it opens never closes, named', async () => {
    const { file, files, texts, at } = await removedLog();
    const last = files.length - 1;
    // The recording still running: its last seal and stop not written yet.
    fs.writeFileSync(files[last]!, texts[last]!.filter((line) => !/ \* stop rec=/.test(line) && !/ \* seal rec=\S+ .* end=/.test(line)).join('\n'));
    fs.writeFileSync(files[at + 1]!, [texts[at]![0], texts[at]![1], ...texts[at + 1]!].join('\n'));
    const found = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true, live: new Set(['AAAAAAAAAA']) }).breaks;
    assert.ok(found.some((b) => b.kind === 'deleted' && b.endLine === 1 && (b.endFile ?? b.file) === files[at + 1]), JSON.stringify(found));
    const open = found.find((b) => b.kind === 'truncated');
    assert.ok(open, JSON.stringify(found));
    assert.equal(open.file, files[at + 1]);
    assert.equal(open.line, 2, 'at the copied seal');
    assert.match(open.detail, /the stretch a lost event's seal opened here never closes: \d+ line\(s\) after the last seal of a running recording/);
  });

  it('its event and seal copied to the head of an earlier file, a line after it edited: a break', async () => {
    const { file, files, texts, at } = await removedLog();
    const target = at - 2;
    const edited = texts[target]!.map((line) => line.replace(/AAAAAAAAAA line (\d+)$/, 'AAAAAAAAAA line $1 (edited)'));
    fs.writeFileSync(files[target]!, [texts[at]![0], texts[at]![1], ...edited].join('\n'));
    assert.notDeepEqual(kinds(file, KEY), []);
    // Moved rather than copied: still a break.
    fs.writeFileSync(files[at]!, texts[at]!.slice(2).join('\n'));
    assert.notDeepEqual(kinds(file, KEY), []);
    // A seal made for the event without the key: not its reader's.
    fs.writeFileSync(files[target]!, texts[target]!.join('\n'));
    fs.writeFileSync(files[at]!, [texts[at]![0], texts[at]![1]!.replace(/h=[0-9a-f]+/, `h=${'0'.repeat(32)}`), ...texts[at]!.slice(2)].join('\n'));
    assert.deepEqual(kinds(file, KEY).slice(0, 1), ['forged event']);
  });
});

describe('pruning cuts into a stretch written again after a lost event (issue 13 review, finding 2b)', () => {
  it('the files before a line inside it pruned: its first more=1 seal sets the link, the stretch is read from it on: OK', async (t) => {
    const file = tempLog();
    let armed = false;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) =>
      write(fd, buffer, offset, length, position, (error, written) => {
        if (armed) {
          armed = false;
          fs.rmSync(file);
        }
        callback(error, written);
      }));
    const { sink, lost } = sinkFor(file, { key: KEY });
    const records = recording(6000);
    for (let i = 0; i < 1000; i++) sink.write(records[i]!);
    await flushed(sink);
    armed = true;
    for (let i = 1000; i < 5000; i++) sink.write(records[i]!);
    sink.flush();
    await waitUntil('the writer noticed the removal', () => lost() >= 1);
    for (let i = 5000; i < records.length; i++) sink.write(records[i]!);
    await sink.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const more = lines.map((line, i) => (/ more=1 e=[0-9a-f]{32}$/.test(line) ? i : -1)).filter((i) => i >= 0);
    assert.ok(more.length >= 2, 'a stretch sealed in pieces');
    assert.deepEqual(verify(file, KEY).breaks, []);
    // What pruning leaves: the files from some line on, which a rotation opened (under the key with its head mark:
    // a file cut at a line with no mark is the log's first, whose start cannot have been pruned).
    for (const from of [more[0]! - 300, more[0]! + 5, more[1]! - 1]) {
      fs.writeFileSync(file, [rotationMark(KEY, recording(0)[0]!, Date.parse(lines[from]!.slice(0, 29))), ...lines.slice(from)].join('\n'));
      const report = verify(file, KEY);
      assert.deepEqual(report.breaks, [], `cut at ${from}: ${JSON.stringify(report.breaks.slice(0, 3))}`);
    }
    // Finding 4: a more=1 seal taken out is named where it was (deleted, from the seal before it to the one after), not at the log's end.
    fs.writeFileSync(file, lines.filter((_, i) => i !== more[0]).join('\n'));
    const found = verify(file, KEY).breaks;
    assert.deepEqual(found.map((b) => b.kind), ['deleted'], JSON.stringify(found));
    assert.ok(found[0]!.line < more[0]! + 1 && found[0]!.endLine === more[1]!, JSON.stringify(found[0]));
  });
});

describe('mv of the live log, then ln + rm of the new one: two removals, though the first one\'s event went with the second', () => {
  for (const key of [KEY, undefined]) {
    it(`counted as two, and the log verifies (${key ? 'keyed' : 'plain'})`, async () => {
      const file = tempLog();
      const { sink, lost } = sinkFor(file, { key });
      const records = recording(3000);
      const write = async (from: number, to: number): Promise<void> => {
        for (let i = from; i < to; i++) {
          sink.write(records[i]!);
          if (i % 100 === 0) {
            sink.flush();
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        }
        await flushed(sink);
      };
      await write(0, 1000);
      // Out of the log's files (a directory of its own beside them), and kept.
      const away = path.join(path.dirname(file), 'away');
      fs.mkdirSync(away);
      fs.renameSync(file, path.join(away, 'moved.log'));
      await write(1000, 1600);
      await waitUntil('the writer noticed the move', () => lost() === 1);
      assert.match(fs.readFileSync(file, 'utf8'), / \* lost rec=\S+ what=moved p=\S+ k=1\n/);
      // A second name outside the log, then rm: the file with the first event lives on there.
      fs.linkSync(file, path.join(away, 'kept.log'));
      fs.rmSync(file);
      await write(1600, records.length);
      await sink.close();
      await waitUntil('the writer noticed the second removal', () => lost() === 2);
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text, / k=1\n/, 'the first event is not in the log');
      const report = verify(file, key);
      assert.deepEqual(report.breaks, []);
      assert.equal(report.lost, 2);
    });
  }
});
