// Events of a recording whose start was pruned, written before its first seal
// in the files left, are read like its lines (issue 13, review of fixtrust9,
// finding 2): no false `forged event` for a pane renamed right after a flood.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { VerifyLine } from '../../src/chain/verify.ts';
import { notedSealLine, summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { JsonFormat } from '../../src/format/json.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  if (!process.env.KEEP) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.from('the auditor key');
const place: Place = { server: '/tmp/s', session: 'tk3', window: '0', pane: '0', paneId: '%0' };

/** `seq -f 'q-%05g' 1 2500` into a log of 4 K files, two rotated kept, then `rename-session` and a few lines; stopped or not. */
async function renamedAfterFlood(format: 'text' | 'json', keyed: boolean, stopped: boolean): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-events-'));
  dirs.push(dir);
  const file = path.join(dir, `tk3.${format === 'json' ? 'jsonl' : 'log'}`);
  const sink = new FileSink(file, format === 'json' ? new JsonFormat() : new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 4 * 1024, maxFiles: 2 }), keyed ? { key } : {});
  let t = Date.UTC(2026, 10, 26, 11);
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'RENAMED001', user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
  sink.write(record('event', 'start', { by: 'ann' }));
  for (let i = 1; i <= 2500; i++) {
    sink.write(record('line', `q-${String(i).padStart(5, '0')}`));
    if (i % 50 === 0) await flushed(sink);
  }
  sink.write(record('event', 'rename', { to: 'tk4' }));
  sink.write(record('line', 'after the rename'));
  if (stopped) sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
  return file;
}

describe('an event of a recording whose start was pruned, before its first seal left', () => {
  for (const format of ['text', 'json'] as const) {
    it(`${format}: verifies, plain and under --key --require-key`, async () => {
      const plain = await renamedAfterFlood(format, false, true);
      const files = logFilesInOrder(plain);
      assert.equal(files.length, 3);
      assert.ok(!fs.readFileSync(files[0]!, 'utf8').includes('"start"') && !fs.readFileSync(files[0]!, 'utf8').includes('* start'), 'the start was pruned');
      const report = verifyFiles(files, DEFAULT_TIME_FORMAT, {});
      assert.deepEqual(report.breaks, [], summaryLine('tk3', report));
      const keyed = await renamedAfterFlood(format, true, true);
      const strict = verifyFiles(logFilesInOrder(keyed), DEFAULT_TIME_FORMAT, { key, requireKey: true });
      assert.deepEqual(strict.breaks, [], summaryLine('tk3', strict));
      assert.deepEqual(strict.recordings.map((r) => [r.startMissing, r.ending]), [[true, 'sealed']]);
    });
  }

  it("an event made up at a place of its own, no seal after it: forged event; one under another recording's first seal there: forged event", async () => {
    const file = await renamedAfterFlood('text', false, true);
    const live = logFilesInOrder(file).at(-1)!;
    const clean = fs.readFileSync(live, 'utf8');
    const stamp = clean.slice(0, clean.indexOf(' '));
    fs.writeFileSync(live, `${clean}${stamp} ann tk3:0.5 * rename rec=MADEUP0001 to=x\n`);
    assert.deepEqual(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {}).breaks.map((found) => [found.kind, found.rec]), [['forged event', 'MADEUP0001']]);
    // At the recording's place after the oldest file, ahead of its own first seal left, under another rec=.
    const middle = logFilesInOrder(file)[1]!;
    fs.writeFileSync(live, clean);
    const lines = fs.readFileSync(middle, 'utf8').split('\n');
    assert.ok(!lines.slice(0, 2).some((line) => line.includes(' * seal ')));
    lines.splice(1, 0, `${lines[0]!.slice(0, lines[0]!.indexOf(' | '))} * rename rec=MADEUP0001 to=x`);
    fs.writeFileSync(middle, lines.join('\n'));
    assert.deepEqual(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {}).breaks.map((found) => [found.kind, found.rec]), [['forged event', 'MADEUP0001']]);
  });
});

describe('a running recording whose start was pruned, no seal of it in the files left yet (review of fixtrust9, finding 3)', () => {
  const open: FileSink[] = [];
  after(async () => {
    for (const sink of open) await sink.close();
  });
  for (const renamed of [false, true]) {
    it(`${renamed ? 'renamed meanwhile' : 'lines only'}: given until its first seal is due, then named`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-events-'));
      dirs.push(dir);
      const file = path.join(dir, 'tk3.log');
      // Its reader's note of its last seal on disk, whole: what a running one shows under --require-key (chain/running-seal.ts).
      let noted: string | undefined;
      const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 4 * 1024, maxFiles: 2 }), {
        key,
        onSealed: (_link, _file, line) => {
          noted = line;
        },
      });
      open.push(sink);
      const start = Date.UTC(2026, 10, 26, 11);
      let t = start;
      const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'RUNNING001', user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
      sink.write(record('event', 'start', { by: 'ann' }));
      for (let i = 1; i <= 2500; i++) {
        sink.write(record('line', `q-${i}`));
        if (i % 50 === 0) await flushed(sink);
      }
      if (renamed) sink.write(record('event', 'rename', { to: 'tk4' }));
      sink.write(record('line', 'after'));
      await flushed(sink);
      const files = logFilesInOrder(file);
      assert.ok(!files.some((name) => fs.readFileSync(name, 'utf8').includes(' * seal ')), 'no seal in the files left');
      const live = new Set(['RUNNING001']);
      assert.match(noted ?? '', / \* seal rec=RUNNING001 .* e=[0-9a-f]+\n$/);
      const liveSeals = new Map([['RUNNING001', notedSealLine(file, noted!, DEFAULT_TIME_FORMAT)!]]);
      for (const options of [{ live }, { key, requireKey: true, live, liveSeals }]) {
        const now = verifyFiles(files, DEFAULT_TIME_FORMAT, { ...options, now: t + 1000 });
        assert.deepEqual(now.breaks, [], summaryLine('tk3', now));
        assert.deepEqual(now.recordings.map((r) => [r.rec, r.ending, r.startMissing]), [['RUNNING001', 'open', true]]);
        const later = verifyFiles(files, DEFAULT_TIME_FORMAT, { ...options, now: t + 120_000 });
        assert.notDeepEqual(later.breaks, [], summaryLine('tk3', later));
        const notRunning = verifyFiles(files, DEFAULT_TIME_FORMAT, { ...options, live: new Set(), now: t + 1000 });
        assert.notDeepEqual(notRunning.breaks, [], summaryLine('tk3', notRunning));
      }
      // "Running" as a made-up run file says (a pid and a .run file are anyone's to make): under --require-key
      // its reader's noted seal must hold under the key, be its own at that place, and be near its lines.
      const strict = (seals: Map<string, VerifyLine>, at = t + 1000) => verifyFiles(files, DEFAULT_TIME_FORMAT, { key, requireKey: true, live, liveSeals: seals, now: at }).breaks.map((found) => `${found.kind}: ${found.detail}`);
      const seal = liveSeals.get('RUNNING001')!;
      assert.match(strict(new Map()).join('\n'), /^unkeyed: .*its reader noted no seal/);
      const other = { ...seal, fields: { ...seal.fields, rec: 'OTHERREC01' }, text: seal.text.replace('rec=RUNNING001', 'rec=OTHERREC01') };
      assert.match(strict(new Map([['RUNNING001', other]])).join('\n'), /^unkeyed: .*not one of it at that place/);
      const elsewhere = { ...seal, place: 'other:0.0' };
      assert.match(strict(new Map([['RUNNING001', elsewhere]])).join('\n'), /^unkeyed: .*not one of it at that place/);
      // Another log's (another session's reader, noting a seal keyed for its own log): not this one's.
      const otherLog = { ...seal, file: path.join(path.dirname(seal.file), 'two.log') };
      assert.match(strict(new Map([['RUNNING001', otherLog]])).join('\n'), /^unkeyed: .*of another log/);
      const forged = { ...seal, text: seal.text.replace(/ e=[0-9a-f]+\n$/, ` e=${'0'.repeat(32)}\n`), fields: { ...seal.fields, e: '0'.repeat(32) } };
      assert.match(strict(new Map([['RUNNING001', forged]])).join('\n'), /^unkeyed: .*does not hold under the key/);
      // A seal made well after the lines (not the one before them, nor one covering them): not theirs.
      const later = { ...seal, ms: seal.ms + 10 * 60_000 };
      assert.match(strict(new Map([['RUNNING001', later]]), t + 1000).join('\n'), /^unkeyed: .*stamped \d+ s before the seal/);
      // One made long before them (its pane idle since) is.
      assert.deepEqual(strict(new Map([['RUNNING001', { ...seal, ms: seal.ms - 3_600_000 }]])), []);
    });
  }
});
