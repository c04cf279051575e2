// A recording's `* start` line (who started it: `by=`) taken out, and nothing
// else (issue 13, review of torn13m): its own seal (n=1 from GENESIS, which its
// reader writes in the same write as the start) is left with no start before
// it. When the start's time was that of the earliest line a seal vouches for,
// verify took it for a start pruned with a rotated file and passed the log.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { JsonFormat } from '../../src/format/json.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { rotationMark } from '../support/head-mark.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  if (!process.env.KEEP) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.from('the auditor\'s key');
const T0 = Date.UTC(2026, 10, 25, 12);
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
const whole = (text: string): string[] => text.split(/(?<=\n)/);

/** One recording at pane `pane`, all stamped from T0 on (its start too): its log lines as written. */
async function recording(dir: string, rec: string, pane: string, format: 'text' | 'json', chainKey: Buffer | undefined, from: number): Promise<string[]> {
  // Its own directory, the log's name (a keyed seal's e= binds it: chain/seal-tag.ts).
  fs.mkdirSync(path.join(dir, rec));
  const file = path.join(dir, rec, 'main.log');
  const sink = new FileSink(file, format === 'json' ? new JsonFormat() : new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions(), { ...(chainKey ? { key: chainKey } : {}) });
  const record = (kind: AuditRecord['kind'], text: string, time: number, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time, kind, text, ...(fields ? { fields } : {}) });
  sink.write(record('event', 'start', T0, { by: 'ann' }));
  for (let i = 0; i < 6; i++) sink.write(record('line', `${rec[0]} ${i}`, T0 + from + i));
  sink.write(record('event', 'stop', T0 + 900, { reason: 'toggle' }));
  await sink.close();
  const lines = whole(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file);
  return lines;
}

/** Two panes' recordings, both started at T0, their lines interleaved as two readers append them to one session log. */
async function twoPanes(format: 'text' | 'json', chainKey: Buffer | undefined): Promise<{ file: string; lines: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-start-'));
  dirs.push(dir);
  const a = await recording(dir, 'AAAAAAAAAA', '0', format, chainKey, 10);
  const b = await recording(dir, 'BBBBBBBBBB', '1', format, chainKey, 50);
  return { file: path.join(dir, 'main.log'), lines: [...a.slice(0, 4), ...b.slice(0, 4), ...a.slice(4), ...b.slice(4)] };
}

const isStart = (rec: string) => (line: string) => line.includes(rec) && /"text":"start"|\* start /.test(line);
const isSeal = (rec: string) => (line: string) => line.includes(rec) && /"text":"seal"|\* seal /.test(line);

describe('a start taken out, its own seal left (issue 13, review of torn13m)', () => {
  const ways = [
    { name: 'keyed, --require-key', chain: key, options: { key, requireKey: true } },
    { name: 'keyed, with the key', chain: key, options: { key } },
  ];
  // Without the key (a plain log, or a keyed one read without it) nothing says the oldest file read is the log's first:
  // a full disk's short write, retried after another pane's reader rotated the log, can leave a start at the end of a
  // rotated file and its own seal at the head of the next (start-seal-split.test.ts), and the rotated file pruned
  // honestly leaves the seal without its start. There, only a start taken out of a later file is seen (below).
  // Nor does a plain chain hold against whoever can write the log: they could recompute every seal after it.
  for (const format of ['text', 'json'] as const) {
    for (const way of ways) {
      it(`${format}, ${way.name}: the whole log verifies; either start taken out is deleted, named by its recording`, async () => {
        const { file, lines } = await twoPanes(format, way.chain);
        const verify = (kept: string[]) => {
          fs.writeFileSync(file, kept.join(''));
          return verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, way.options);
        };
        assert.deepEqual(verify(lines).breaks, []);
        for (const rec of ['AAAAAAAAAA', 'BBBBBBBBBB']) {
          const at = lines.findIndex(isStart(rec));
          assert.ok(isSeal(rec)(lines[at + 1]!) && /p=0 |"p":"0"/.test(lines[at + 1]!), "the start's own seal follows it");
          const report = verify(lines.filter((_, i) => i !== at));
          assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec, found.line]), [['deleted', rec, at + 1]], summaryLine('main', report));
        }
      });
    }
  }
});

describe('honest starts pruned: a start and its own seal are never split by their reader\'s rotation (another\'s after a full disk may: start-seal-split.test.ts)', () => {
  /**
   * Two panes, each a run of short recordings (a start, three lines, a stop), their writes interleaved, in a keyed
   * log rotating at 700 bytes: a rotation comes between nearly every two writes, so starts land at every place in a file.
   */
  async function rotatingLog(format: 'text' | 'json', maxFiles?: number): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-start-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    let t = T0;
    const run = async (pane: string, n: number) => {
      const rec = `R${pane}${String(n).padStart(8, '0')}`;
      const sink = new FileSink(file, format === 'json' ? new JsonFormat() : new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 700, ...(maxFiles === undefined ? {} : { maxFiles }) }), { key });
      const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time: (t += 10), kind, text, ...(fields ? { fields } : {}) });
      sink.write(record('event', 'start', { by: 'ann' }));
      await flushed(sink);
      for (let i = 0; i < 3; i++) {
        sink.write(record('line', `${rec} ${i}`));
        await flushed(sink);
      }
      sink.write(record('event', 'stop', { reason: 'toggle' }));
      await sink.close();
    };
    for (let n = 0; n < 12; n++) await Promise.all([run('0', n), run('1', n)]);
    return file;
  }

  for (const format of ['text', 'json'] as const) {
    it(`${format}: pruned by the writer, its head marks not written (a full disk): OK by the ledger's pruned lines; without them the oldest file is the log's first`, async () => {
      const file = await rotatingLog(format, 1);
      const files = logFilesInOrder(file);
      const strict = () => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });
      assert.deepEqual(strict().breaks, [], 'as written');
      for (const name of files) fs.writeFileSync(name, whole(fs.readFileSync(name, 'utf8')).filter((line) => !/"text":"head"|\* head /.test(line)).join(''));
      const report = strict();
      assert.deepEqual(report.breaks, [], summaryLine('main', report));
      const startless = report.recordings.filter((r) => r.startMissing).map((r) => r.rec);
      assert.ok(startless.length > 0, 'a recording whose start was pruned');
      fs.rmSync(path.join(path.dirname(file), '.main.log.rotated'));
      const unsaid = strict();
      assert.deepEqual(unsaid.breaks.map((b) => [b.kind, b.rec]), startless.map((rec) => ['deleted', rec]), summaryLine('main', unsaid));
    });
    it(`${format}: each start is in the file of its own seal; the oldest files pruned, one more at a time, the rest verifies`, async () => {
      const file = await rotatingLog(format);
      const files = logFilesInOrder(file);
      assert.ok(files.length > 10, `it rotated (${files.length} files)`);
      const texts = files.map((name) => whole(fs.readFileSync(name, 'utf8')));
      let starts = 0;
      for (const lines of texts) {
        for (const [i, line] of lines.entries()) {
          const rec = /rec=(\S+)|"rec":"([^"]+)"/.exec(line);
          if (!rec || !isStart(rec[1] ?? rec[2]!)(line)) continue;
          starts++;
          assert.ok(lines.slice(i + 1).some((next) => isSeal(rec[1] ?? rec[2]!)(next) && /p=0 |"p":"0"/.test(next)), `the seal over ${line.trim()} is in its file`);
        }
      }
      assert.equal(starts, 24);
      const strict = (names: string[]) => verifyFiles(names, DEFAULT_TIME_FORMAT, { key, requireKey: true });
      assert.deepEqual(strict(files).breaks, []);
      let missing = 0;
      for (let pruned = 1; pruned < files.length; pruned++) {
        const report = strict(files.slice(pruned));
        assert.deepEqual(report.breaks, [], `the ${pruned} oldest file(s) pruned: ${summaryLine('main', report)}`);
        missing += report.recordings.filter((r) => r.startMissing).length;
      }
      assert.ok(missing > 0, 'some recordings were read with their start pruned');
    });
    it(`${format}: the live file given alone, its head mark not written (a full disk): OK, the ledger names the rotations (review of head13)`, async () => {
      const file = await rotatingLog(format);
      fs.writeFileSync(file, whole(fs.readFileSync(file, 'utf8')).filter((line) => !/"text":"head"|\* head /.test(line)).join(''));
      const alone = verifyFiles([file], DEFAULT_TIME_FORMAT, { key, requireKey: true });
      assert.deepEqual(alone.breaks, [], summaryLine('main', alone));
      assert.ok(alone.recordings.some((r) => r.startMissing), 'a recording whose start is in a file not given');
    });
    it(`${format}: a start taken out of a file after the oldest read, its own seal left: deleted, with the key or without`, async () => {
      const file = await rotatingLog(format);
      const files = logFilesInOrder(file);
      const texts = files.map((name) => whole(fs.readFileSync(name, 'utf8')));
      const startAt = (lines: string[]) => lines.findIndex((line, i) => /"text":"start"|\* start /.test(line) && /p=0 |"p":"0"/.test(lines[i + 1] ?? ''));
      const k = texts.findIndex((lines, i) => i > 0 && startAt(lines) >= 0);
      assert.ok(k > 0, 'a start and its own seal in a file after the oldest');
      const at = startAt(texts[k]!);
      const rec = /rec=(\S+)|"rec":"([^"]+)"/.exec(texts[k]![at]!)!;
      fs.writeFileSync(files[k]!, texts[k]!.filter((_, i) => i !== at).join(''));
      for (const options of [{ key, requireKey: true }, {}] as { key?: Buffer; requireKey?: boolean }[]) {
        const report = verifyFiles(files, DEFAULT_TIME_FORMAT, options);
        const said = JSON.stringify(options) + summaryLine('main', report) + JSON.stringify(report.breaks.map((b) => [b.kind, b.rec, b.file, b.line, b.detail]));
        if (options.key === undefined) {
          // Without the key a search for renamed files may find an order of two of these many small files (stamped
          // within a millisecond) in which the log reads whole, and name that (`reordered`) instead: tampered either way.
          assert.notDeepEqual(report.breaks, [], said);
          continue;
        }
        // Named deleted at its own seal (other checks may name the recording too: a start-less one after another's events at its place).
        assert.ok(report.breaks.some((b) => b.kind === 'deleted' && b.rec === (rec[1] ?? rec[2]) && b.file === files[k] && b.line === at + 1), said);
        assert.ok(report.breaks.every((b) => b.rec === (rec[1] ?? rec[2])), said);
      }
    });
  }
});

describe('a first start taken out, then one rotation forced with pane output (review of head13: it switched the check off)', () => {
  for (const format of ['text', 'json'] as const) {
    it(`${format}: the rotation of the edited file is no file before it: deleted`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-start-'));
      dirs.push(dir);
      const file = path.join(dir, 'main.log');
      const sinkOf = () => new FileSink(file, format === 'json' ? new JsonFormat() : new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 4000, maxFiles: 50 }), { key });
      const of = (rec: string, pane: string) => (kind: AuditRecord['kind'], text: string, time: number, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time, kind, text, ...(fields ? { fields } : {}) });
      const a = of('AAAAAAAAAA', '0');
      const first = sinkOf();
      first.write(a('event', 'start', T0, { by: 'ann' }));
      for (let i = 0; i < 6; i++) first.write(a('line', `A ${i}`, T0 + 10 + i));
      first.write(a('event', 'stop', T0 + 100, { reason: 'toggle' }));
      await first.close();
      // Taken out while nothing runs: A's start and its own seal.
      const lines = whole(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, lines.filter((line) => !(isStart('AAAAAAAAAA')(line) || (isSeal('AAAAAAAAAA')(line) && /p=0 |"p":"0"/.test(line)))).join(''));
      const strict = () => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });
      assert.deepEqual(strict().breaks.map((b) => [b.kind, b.rec]), [['deleted', 'AAAAAAAAAA']]);
      // Then output enough to rotate once (nothing pruned): the ledger names the edited file's own rename.
      const b = of('BBBBBBBBBB', '1');
      const second = sinkOf();
      second.write(b('event', 'start', T0 + 200_000, { by: 'ann' }));
      for (let i = 0; i < 60; i++) {
        second.write(b('line', `B ${i} ${'y'.repeat(60)}`, T0 + 200_010 + i));
        await flushed(second);
      }
      second.write(b('event', 'stop', T0 + 201_000, { reason: 'toggle' }));
      await second.close();
      assert.ok(logFilesInOrder(file).length > 1, 'it rotated');
      const report = strict();
      assert.deepEqual(report.breaks.filter((found) => found.rec === 'AAAAAAAAAA').map((found) => found.kind), ['deleted'], summaryLine('main', report));
    });
  }
});

describe('a start taken out with its own seal (issue 13: the log\'s first recording passed as pruned)', () => {
  const by = { rec: 'BBBBBBBBBB', user: 'ann', place: placeOf('1') };
  const check = (file: string, lines: string[], requireKey: boolean) => {
    fs.writeFileSync(file, lines.join(''));
    return verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey });
  };
  const found = (report: ReturnType<typeof check>) => report.breaks.map((b) => [b.kind, b.rec]);
  /** The log with A's start and its own seal (the first two lines: one write) out, and A's first line edited. */
  const cut = (lines: string[]) => lines.slice(2).map((line) => line.replace('A 1', 'A rm -rf /'));
  for (const format of ['text', 'json'] as const) {
    for (const requireKey of [false, true]) {
      it(`${format}, ${requireKey ? '--require-key' : '--key'}: in the log's first file (no head mark): deleted`, async () => {
        const { file, lines } = await twoPanes(format, key);
        const report = check(file, cut(lines), requireKey);
        assert.deepEqual(found(report), [['deleted', 'AAAAAAAAAA']], summaryLine('main', report));
      });
    }
    it(`${format}: in a file a rotation opened (its head mark), A's start and own seal pruned: OK, whatever the mark's at= says (review of head13)`, async () => {
      const { file, lines } = await twoPanes(format, key);
      const mark = (at: number) => `${rotationMark(key, by, at, format)}\n`;
      // A rotation right after A's start: its start and own seal went with the rotated file, pruned since. The mark's
      // at= is the oldest record its writer still had queued: a minute before A's start when that writer had a backlog.
      for (const at of [T0 + 5, T0 - 60_000]) {
        const pruned = check(file, [mark(at), ...lines.slice(2)], true);
        assert.deepEqual(pruned.breaks, [], summaryLine('main', pruned));
      }
    });
    it(`${format}: its start, its own seal and its next seal out: a break`, async () => {
      const { file, lines } = await twoPanes(format, key);
      const a = lines.map((line, i) => (isSeal('AAAAAAAAAA')(line) ? i : -1)).filter((i) => i >= 0);
      assert.equal(a.length, 2, 'its own seal and its last one');
      const report = check(file, lines.filter((_, i) => i > 1 && i !== a[1]), true);
      assert.notDeepEqual(report.breaks, [], summaryLine('main', report));
    });
  }
});
