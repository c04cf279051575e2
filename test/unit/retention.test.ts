// Retention: daily rotation (the clock, Date.now, moved on by the test), the age limit
// (ours only: a planted file is left alone and reported), background
// compression, and reading compressed files back (verify, openLog).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { filesToCompress, filesTooOld, nextLocalMidnight, rotatedFiles, rotationDue } from '../../src/core/rotate.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { openLog } from '../../src/read/chunks.ts';
import { listLogs } from '../../src/read/files.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { LogFile, type LogFileOptions } from '../../src/sinks/file/writer.ts';
import { LEDGER_BYTES, noteRotated, rotatedLedgerPath, wasRotated } from '../../src/sinks/file/rotated-ledger.ts';
import { compressRotated } from '../../src/sinks/file/rotation.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { scratchLogs, waitFor } from '../support/util.ts';
import { ageRotated } from '../support/rotated-age.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const tempLog = scratchLogs('retention');
function options(overrides: Partial<LogFileOptions> = {}): LogFileOptions & { planted: string[] } {
  const planted: string[] = [];
  return { ...quietWriterOptions({ onPlanted: (file) => planted.push(file), ...overrides }), planted };
}
const rotatedOf = (file: string) => rotatedFiles(fs.readdirSync(path.dirname(file)), path.basename(file));

describe('rotation decisions', () => {
  const noon = new Date(2026, 10, 25, 12).getTime();
  const midnight = new Date(2026, 10, 26).getTime();
  it('daily: the first write after local midnight into a file written the day before', () => {
    assert.equal(nextLocalMidnight(noon), midnight);
    assert.equal(nextLocalMidnight(midnight - 1), midnight);
    assert.equal(nextLocalMidnight(midnight), new Date(2026, 10, 27).getTime());
    assert.equal(rotationDue('daily', 100, 10, 1000, noon, midnight - 1), false);
    assert.equal(rotationDue('daily', 100, 10, 1000, noon, midnight), true);
    assert.equal(rotationDue('daily', 0, 10, 1000, noon, midnight), false, 'an empty file is never rotated');
    assert.equal(rotationDue('daily', 995, 10, 1000, noon, noon), false, 'daily alone ignores the size');
    assert.equal(rotationDue('size', 100, 10, 1000, noon, midnight), false, 'size alone ignores the day');
    assert.equal(rotationDue('both', 995, 10, 1000, noon, noon), true);
    assert.equal(rotationDue('both', 100, 10, 1000, noon, midnight + 5), true);
  });

  it('age, compression and .gz names', () => {
    const names = ['main.log', 'main.log.20261101T000000.000Z.gz', 'main.log.20261120T000000.000Z', 'main.log.20261120T000000.000Z.gz', 'main.log.20261124T000000.000Z', 'main.log.20261125T000000.000Z', 'main.log.20261125T000000.000Z.gz.tmp'];
    assert.deepEqual(rotatedFiles(names, 'main.log'), ['main.log.20261101T000000.000Z.gz', 'main.log.20261120T000000.000Z', 'main.log.20261124T000000.000Z', 'main.log.20261125T000000.000Z']);
    const now = Date.UTC(2026, 10, 25, 12);
    assert.deepEqual(filesTooOld(names, 'main.log', 5 * 86_400_000, now), ['main.log.20261101T000000.000Z.gz', 'main.log.20261120T000000.000Z']);
    assert.deepEqual(filesTooOld(names, 'main.log', Number.POSITIVE_INFINITY, now), []);
    assert.deepEqual(filesToCompress(names, 'main.log'), ['main.log.20261120T000000.000Z', 'main.log.20261124T000000.000Z'], 'not the newest, not one compressed');
  });
});

describe('the writer', () => {
  it('rotates at local midnight by its clock, not before', async (t) => {
    const file = tempLog();
    let clock = Date.now();
    t.mock.method(Date, 'now', () => clock);
    const log = new LogFile(file, options({ rotate: 'daily' }));
    log.write('today\n');
    await log.flush();
    log.write('still today\n');
    await log.flush();
    assert.deepEqual(rotatedOf(file), []);
    clock = nextLocalMidnight(clock) + 1000;
    log.write('tomorrow\n');
    await log.flush();
    await log.close();
    const rotated = rotatedOf(file);
    assert.equal(rotated.length, 1);
    assert.equal(fs.readFileSync(path.join(path.dirname(file), rotated[0]!), 'utf8'), 'today\nstill today\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'tomorrow\n');
  });

  it('the age limit deletes our old rotated files only; a planted one is left alone and reported', async () => {
    const file = tempLog();
    const dir = path.dirname(file);
    const old = `${file}.20200101T000000.000Z`;
    const oldGz = `${file}.20200102T000000.000Z.gz`;
    const recent = `${file}.${new Date(Date.now() - 3_600_000).toISOString().replace(/[-:]/g, '')}`;
    fs.writeFileSync(old, 'old\n', { mode: 0o600 });
    fs.writeFileSync(oldGz, zlib.gzipSync('old gz\n'), { mode: 0o600 });
    fs.writeFileSync(recent, 'recent\n', { mode: 0o600 });
    const target = path.join(dir, 'elsewhere');
    fs.writeFileSync(target, 'not a log\n');
    const planted = `${file}.20200103T000000.000Z`;
    fs.symlinkSync(target, planted);
    const opts = options({ maxBytes: 10, maxAgeMs: 7 * 86_400_000 });
    const log = new LogFile(file, opts);
    log.write('0123456789\n');
    await log.flush();
    log.write('next\n');
    await log.flush();
    await log.close();
    assert.ok(!fs.existsSync(old) && !fs.existsSync(oldGz), 'our old files are gone');
    assert.ok(fs.existsSync(recent), 'a recent one stays');
    assert.ok(fs.lstatSync(planted).isSymbolicLink() && fs.readFileSync(target, 'utf8') === 'not a log\n', 'the planted one and its target stay');
    assert.deepEqual(opts.planted, [planted]);
  });

  it('a .gz.tmp planted beside a rotated file (a symlink, a second name) is left alone and reported, and the file stays plain', async () => {
    const file = tempLog();
    const rotated = `${file}.20261120T000000.000Z`;
    fs.writeFileSync(rotated, 'a rotated log\n');
    const target = path.join(path.dirname(file), 'elsewhere');
    fs.writeFileSync(target, 'not ours to remove\n');
    for (const plant of [(temp: string) => fs.symlinkSync(target, temp), (temp: string) => fs.linkSync(target, temp)]) {
      const temp = `${rotated}.gz.tmp`;
      plant(temp);
      // Older than a stale compressor's temp file: ours would be removed and the file compressed again.
      fs.lutimesSync(temp, new Date(2020, 0, 1), new Date(2020, 0, 1));
      const planted: string[] = [];
      const ended = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => compressRotated(file, rotated, resolve, (found) => planted.push(found)));
      assert.equal(ended, undefined);
      assert.deepEqual(planted, [temp]);
      assert.equal(fs.readFileSync(rotated, 'utf8'), 'a rotated log\n');
      assert.ok(!fs.existsSync(`${rotated}.gz`));
      assert.equal(fs.readFileSync(target, 'utf8'), 'not ours to remove\n');
      assert.ok(fs.lstatSync(temp));
      fs.rmSync(temp);
    }
  });

  it('compresses rotated files written to more than a minute ago in the background: .gz.tmp, then .gz; readers and verify read them', async () => {
    const file = tempLog();
    const place: Place = { server: '', session: 'main', window: '0', pane: '0', paneId: '%0' };
    const record = (i: number, kind: AuditRecord['kind'] = 'line', text = `line ${i}`): AuditRecord => ({ time: Date.UTC(2026, 10, 25, 12) + i, rec: 'AAAAAAAAAA', user: 'ann', place, kind, text });
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), options({ maxBytes: 16 * 1024, compress: true }));
    sink.write(record(0, 'event', 'start'));
    for (let i = 1; i <= 3000; i++) {
      sink.write(record(i));
      if (i % 50 === 0) {
        sink.flush();
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (i === 1000) {
          // Written (not only queued: under load the writes lag), so its rotations are made.
          await flushed(sink);
          // Rotated files written to in the last minute are left plain (another writer may still append to them).
          assert.ok(rotatedOf(file).length >= 3, `rotated ${rotatedOf(file).length} times`);
          assert.deepEqual(rotatedOf(file).filter((name) => name.endsWith('.gz')), []);
        }
        if (i >= 1000) ageRotated(file);
      }
    }
    sink.write(record(3001, 'event', 'stop'));
    await sink.close();
    const dir = path.dirname(file);
    await waitFor('the compressions to end', () => !fs.readdirSync(dir).some((name) => name.endsWith('.gz.tmp')) && rotatedOf(file).slice(0, -1).every((name) => name.endsWith('.gz')));
    const rotated = rotatedOf(file);
    assert.ok(rotated.length > 5, `rotated ${rotated.length} times`);
    assert.ok(!rotated.at(-1)!.endsWith('.gz'), 'the newest stays plain until the next rotation');
    const files = listLogs(dir)[0]!.files.map((entry) => entry.path);
    const report = verifyFiles(files, DEFAULT_TIME_FORMAT, {});
    assert.deepEqual(report.breaks, []);
    assert.equal(report.recordings[0]!.ending, 'sealed');
    const fd = openLog(path.join(dir, rotated[0]!))!;
    assert.match(fs.readFileSync(fd, 'utf8'), /^\S+ ann main:0\.0 \* start rec=AAAAAAAAAA v=3\n\S+ ann main:0\.0 \* seal rec=AAAAAAAAAA n=1 p=0 h=\w+ s=\d+ v=3\n\S+ ann main:0\.0 \| line 1\n/);
    fs.closeSync(fd);
    // A compressed file edited (decompressed, changed, compressed again) is caught like any.
    const victim = path.join(dir, rotated[1]!);
    fs.writeFileSync(victim, zlib.gzipSync(zlib.gunzipSync(fs.readFileSync(victim)).toString('utf8').replace('line 6', 'line 7')));
    assert.deepEqual(verifyFiles(files, DEFAULT_TIME_FORMAT, {}).breaks.map((found) => found.kind), ['edited']);
  });
});

describe('a writer idle while others rotate (issue 13 review)', () => {
  for (const [how, keyed] of [['compressed', false], ['pruned', false], ['compressed', true], ['pruned', true]] as const) {
    it(`finds the file it held rotated, then ${how} by another writer${keyed ? ' (chain key: tagged ledger)' : ''}: no \`lost\`, it goes on in the live file`, async () => {
      const file = tempLog();
      const lost: string[] = [];
      const ledgerKey = keyed ? { ledgerKey: Buffer.from('the chain key') } : {};
      const idle = new LogFile(file, options({ maxBytes: 1024, ...ledgerKey, onLost: (what) => void lost.push(what) }));
      const busy = new LogFile(file, options({ maxBytes: 1024, ...ledgerKey, ...(how === 'compressed' ? { compress: true } : { maxFiles: 1 }) }));
      idle.write('idle 1\n');
      await idle.flush();
      const held = fs.statSync(file);
      for (let i = 0; i < 200; i++) {
        busy.write(`busy ${i} ${'x'.repeat(40)}\n`);
        if (i % 10 === 0) {
          await busy.flush();
          ageRotated(file);
        }
      }
      await busy.flush();
      const dir = path.dirname(file);
      // The file the idle writer holds is gone from the directory: gzipped (the plain file removed) or pruned.
      await waitFor(`the file it holds ${how}`, () => !fs.readdirSync(dir).some((name) => !name.endsWith('.gz.tmp') && fs.statSync(path.join(dir, name)).ino === held.ino));
      if (how === 'compressed') assert.ok(rotatedOf(file).some((name) => name.endsWith('.gz')));
      idle.write('idle 2\n');
      await idle.flush();
      await Promise.all([idle.close(), busy.close()]);
      assert.deepEqual(lost, []);
      assert.match(fs.readFileSync(file, 'utf8'), /^idle 2\n/m);
    });
  }

  it('a file removed by someone else is still `lost`', async () => {
    const file = tempLog();
    const lost: string[] = [];
    const idle = new LogFile(file, options({ maxBytes: 1024, onLost: (what) => void lost.push(what) }));
    idle.write('idle 1\n');
    await idle.flush();
    fs.rmSync(file);
    idle.write('idle 2\n');
    await idle.flush();
    await idle.close();
    assert.deepEqual(lost, ['file']);
  });
});

describe('the rotated-files ledger', () => {
  it('is appended to, and past its size keeps its newer half', () => {
    const file = tempLog();
    // Sized like real ones (some 30 characters a line).
    const stat = (i: number, birthtimeMs = 1_764_140_000_000) => ({ dev: 2049, ino: 1_000_000_000 + i, birthtimeMs }) as fs.Stats;
    for (let ino = 1; ino <= 12_000; ino++) noteRotated(file, stat(ino));
    assert.ok(fs.statSync(rotatedLedgerPath(file)).size <= LEDGER_BYTES + 64);
    assert.equal(fs.statSync(rotatedLedgerPath(file)).mode & 0o777, 0o600);
    assert.ok(wasRotated(file, stat(12_000)) && wasRotated(file, stat(9_000)));
    assert.ok(!wasRotated(file, stat(1)) && !wasRotated(file, stat(12_000, 1_764_140_000_001)), 'an inode number reused is another file');
  });

  it('under a chain key counts only entries tagged under it, for this log (issue 13 review of fixtrust7, finding 1)', () => {
    const file = tempLog();
    const key = Buffer.from('the chain key');
    const stat = (i: number) => ({ dev: 2049, ino: 1_000_000_000 + i, birthtimeMs: 1_764_140_000_000 }) as fs.Stats;
    noteRotated(file, stat(1), key);
    assert.ok(wasRotated(file, stat(1), key));
    // Planted by someone without the key: the identity alone, with a made-up tag, or tagged under another key.
    fs.appendFileSync(rotatedLedgerPath(file), `2049:${1_000_000_002}:1764140000000\n`);
    fs.appendFileSync(rotatedLedgerPath(file), `2049:${1_000_000_003}:1764140000000 ${'A'.repeat(43)}\n`);
    noteRotated(file, stat(4), Buffer.from('another key'));
    for (const i of [2, 3, 4]) assert.ok(!wasRotated(file, stat(i), key), `planted entry ${i}`);
    // An entry tagged for another log (copied from its ledger) does not count for this one.
    const other = tempLog();
    noteRotated(other, stat(5), key);
    fs.appendFileSync(rotatedLedgerPath(file), fs.readFileSync(rotatedLedgerPath(other)));
    assert.ok(wasRotated(other, stat(5), key) && !wasRotated(file, stat(5), key));
  });

  it('under a chain key: a planted entry for the live file, then its removal, is still `lost`', async () => {
    const file = tempLog();
    const lost: string[] = [];
    const writer = new LogFile(file, options({ maxBytes: 1024, ledgerKey: Buffer.from('the chain key'), onLost: (what) => void lost.push(what) }));
    writer.write('before\n');
    await writer.flush();
    const held = fs.statSync(file);
    fs.appendFileSync(rotatedLedgerPath(file), `${held.dev}:${held.ino}:${Math.round(held.birthtimeMs)}\n`);
    fs.rmSync(file);
    writer.write('after\n');
    await writer.flush();
    await writer.close();
    assert.deepEqual(lost, ['file']);
  });
});
