// A keyed seal replayed where its reader did not write it (issue 13, review of
// fixtrust9, finding 1): its e= binds its log's live name (chain/seal-tag.ts),
// and a start-less recording's first seal stamped before the oldest file began
// came from a pruned file (chain/replayed-seal.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, it } from 'node:test';
import { sealLogName } from '../../src/chain/seal-tag.ts';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { besidesDigest } from '../support/digest-break.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  if (!process.env.KEEP) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.from('one key for the whole server');
const placeOf = (session: string, pane = '0'): Place => ({ server: '/tmp/s', session, window: '0', pane, paneId: `%${pane}` });

/** Keyed recordings one after another into `file` (rotating at 16 K, nothing pruned): each `lines` lines, from `at` (epoch ms). */
async function keyedLog(file: string, session: string, recordings: { rec: string; lines: number; at: number; pane?: string }[]): Promise<void> {
  for (const { rec, lines, at, pane } of recordings) {
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024 }), { key });
    let t = at;
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(session, pane), time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= lines; i++) {
      sink.write(record('line', `${session} ${i}`));
      if (i % 100 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
  }
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-replay-'));
  dirs.push(dir);
  return dir;
}

const strict = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });
/** A recording's last seal and its stop, as written. */
function lastSealAndStop(file: string, rec: string): string[] {
  const lines = logFilesInOrder(file).flatMap((name) => fs.readFileSync(name, 'utf8').split('\n'));
  const stop = lines.findIndex((line) => line.includes(` * stop rec=${rec} `));
  assert.match(lines[stop - 1]!, / \* seal rec=\S+ .* end=stop e=[0-9a-f]+$/);
  return [lines[stop - 1]!, lines[stop]!];
}
/** Made-up lines ahead of `replayed` (a seal and its stop), stamped and placed as the seal, into `target` after its first `after` lines. */
function plant(target: string, replayed: string[], count: number, after = 0): void {
  const head = replayed[0]!.slice(0, replayed[0]!.indexOf(' * seal '));
  const made = Array.from({ length: count }, (_, i) => `${head} | scp /etc/shadow evil: ${i}`);
  const lines = fs.readFileSync(target, 'utf8').split('\n');
  lines.splice(after, 0, ...made, ...replayed);
  fs.writeFileSync(target, lines.join('\n'));
}

/**
 * A keyed log of an earlier recording (pane 1) and a later one, the earlier one's last seal and stop saved, then
 * pruned: every file holding anything of the earlier recording removed.
 */
async function prunedWithSavedSeal(): Promise<{ file: string; replayed: string[] }> {
  const file = path.join(tempDir(), 'main.log');
  const at = Date.UTC(2026, 10, 26, 9);
  await keyedLog(file, 'main', [
    { rec: 'EARLIER001', lines: 1500, at, pane: '1' },
    { rec: 'LATER00001', lines: 2600, at: at + 3_600_000 },
  ]);
  const replayed = lastSealAndStop(file, 'EARLIER001');
  const files = logFilesInOrder(file);
  const keep = files.findIndex((name) => !fs.readFileSync(name, 'utf8').includes(' main:0.1 '));
  for (const name of files.slice(0, keep)) fs.rmSync(name);
  return { file, replayed };
}

describe('the log a seal belongs to', () => {
  it('is its live file\'s base name, also for rotated and compressed files', () => {
    assert.equal(sealLogName('/l/main@vm.log'), 'main@vm.log');
    assert.equal(sealLogName('/l/main@vm.log.20261124T230102.345Z'), 'main@vm.log');
    assert.equal(sealLogName('/l/main@vm.log.20261124T230102.345Z-2.gz'), 'main@vm.log');
  });

  it('rotated and compressed files of an honest log verify under --require-key', async () => {
    const file = path.join(tempDir(), 'alpha.log');
    await keyedLog(file, 'alpha', [{ rec: 'ALPHA00001', lines: 2600, at: Date.UTC(2026, 10, 26, 10) }]);
    const rotated = logFilesInOrder(file).slice(0, -1);
    assert.ok(rotated.length >= 2);
    fs.writeFileSync(`${rotated[0]}.gz`, zlib.gzipSync(fs.readFileSync(rotated[0]!)));
    fs.rmSync(rotated[0]!);
    const report = strict(file);
    assert.deepEqual(report.breaks, [], summaryLine('alpha', report));
  });

  it("another log's last seal and stop, with made-up lines before them, put at the head of a log under the same key: edited, exit 1", async () => {
    const dir = tempDir();
    const alpha = path.join(dir, 'alpha.log');
    const beta = path.join(dir, 'beta.log');
    const at = Date.UTC(2026, 10, 26, 10);
    await keyedLog(alpha, 'alpha', [{ rec: 'ALPHA00001', lines: 2600, at }]);
    await keyedLog(beta, 'beta', [{ rec: 'BETA000001', lines: 2600, at: at + 1 }]);
    const replayed = lastSealAndStop(alpha, 'ALPHA00001');
    for (const name of logFilesInOrder(alpha)) fs.rmSync(name);
    const oldest = logFilesInOrder(beta)[0]!;
    fs.rmSync(oldest);
    plant(logFilesInOrder(beta)[0]!, replayed, 3);
    const report = strict(beta);
    assert.deepEqual(
      besidesDigest(report.breaks).map((found) => [found.kind, found.rec, found.detail.includes('e= does not hold')]),
      [
        ['edited', 'ALPHA00001', true],
        ['unkeyed', 'ALPHA00001', false],
      ],
      summaryLine('beta', report),
    );
  });

  // Put at the very head of the oldest file, made-up lines stamped early became the reference point (the oldest
  // file's first line): the oldest file's head mark, under the key, is it now (chain/head-mark.ts).
  it('a seal of the same log saved from a file since pruned, put back behind made-up lines stamped as early at the very head of the oldest file: forged event', async () => {
    const { file, replayed } = await prunedWithSavedSeal();
    const oldest = logFilesInOrder(file)[0]!;
    assert.match(fs.readFileSync(oldest, 'utf8'), / \* head rec=\S+ file=main\.log at=\d+ prev=\d+(?: dat=\d+ size=\d+ sha=[0-9a-f]{64})? e=[0-9a-f]+$/m, 'the oldest file has its head mark');
    plant(oldest, replayed, 3, 0);
    const report = strict(file);
    assert.deepEqual(
      besidesDigest(report.breaks).map((found) => [found.kind, found.rec, found.detail.includes('from a file since pruned')]),
      [['forged event', 'EARLIER001', true]],
      summaryLine('main', report),
    );
  });

  // The review's variant: the saved seal and its stop alone, at the very head of the oldest file (no made-up line
  // needed: the recording's start-less stop closes it). A seal or a stop does not set the reference point.
  it('a seal of the same log saved from a file since pruned, put back with its stop at the very head of the oldest file: forged event', async () => {
    const { file, replayed } = await prunedWithSavedSeal();
    plant(logFilesInOrder(file)[0]!, replayed, 0, 0);
    const report = strict(file);
    assert.deepEqual(
      besidesDigest(report.breaks).map((found) => [found.kind, found.rec, found.detail.includes('from a file since pruned')]),
      [['forged event', 'EARLIER001', true]],
      summaryLine('main', report),
    );
  });

  it('a seal of the same log saved from a file since pruned, put back ahead of made-up lines after the oldest file\'s first line: forged event', async () => {
    const { file, replayed } = await prunedWithSavedSeal();
    const clean = strict(file);
    assert.deepEqual(clean.breaks, [], summaryLine('main', clean));
    plant(logFilesInOrder(file)[0]!, replayed, 3, 1);
    const report = strict(file);
    assert.deepEqual(
      besidesDigest(report.breaks).map((found) => [found.kind, found.rec, found.detail.includes('from a file since pruned')]),
      [['forged event', 'EARLIER001', true]],
      summaryLine('main', report),
    );
  });
});

describe('head marks (chain/head-mark.ts)', () => {
  const heads = (name: string): string[] => fs.readFileSync(name, 'utf8').split('\n').filter((line) => / \* head rec=/.test(line));
  const field = (line: string, name: string): string => new RegExp(` ${name}=(\\S+)`).exec(line)![1]!;

  it('each file a rotation opened has one, naming the one before it', async () => {
    const file = path.join(tempDir(), 'main.log');
    await keyedLog(file, 'main', [{ rec: 'HEADS00001', lines: 2600, at: Date.UTC(2026, 10, 26, 10) }, { rec: 'HEADS00002', lines: 1200, at: Date.UTC(2026, 10, 26, 11) }]);
    const files = logFilesInOrder(file);
    assert.ok(files.length >= 4, `${files.length} files`);
    assert.deepEqual(heads(files[0]!), [], 'the first file: no rotation opened it');
    let prev = '0';
    for (const name of files.slice(1)) {
      const [mark, ...more] = heads(name);
      assert.ok(mark !== undefined && more.length === 0, name);
      assert.equal(field(mark, 'prev'), prev);
      prev = field(mark, 'at');
    }
    assert.deepEqual(strict(file).breaks, []);
    // Plain verify (no key) passes over them.
    assert.deepEqual(verifyFiles(files, DEFAULT_TIME_FORMAT, {}).breaks.filter((found) => found.detail.includes('head mark')), []);
  });

  it('the oldest file\'s mark removed, replaced by a pruned file\'s, doubled, or made without the key: named', async () => {
    const { file } = await prunedWithSavedSeal();
    const files = logFilesInOrder(file);
    const oldest = files[0]!;
    const text = fs.readFileSync(oldest, 'utf8');
    const [mark] = heads(oldest);
    assert.ok(mark !== undefined);
    const kinds = (): string[] => strict(file).breaks.map((found) => `${found.kind}: ${found.detail}`);
    fs.writeFileSync(oldest, text.replace(`${mark}\n`, ''));
    assert.ok(kinds().some((found) => /head mark removed/.test(found)), kinds().join('\n'));
    // A mark saved from a pruned file: an earlier at and prev, still holding under the key.
    const at = Number(field(mark, 'at'));
    const prev = Number(field(mark, 'prev'));
    const { headFields } = await import('../../src/chain/head-mark.ts');
    const saved = headFields(key, field(mark, 'rec')!, 'main.log', prev, prev - 60_000);
    const older = mark.replace(/ file=.*$/, ` file=main.log at=${saved.at} prev=${saved.prev} e=${saved.e}`);
    fs.writeFileSync(oldest, text.replace(mark, older));
    // (Earlier than the mark the next file names: as if a file between them were not read.)
    assert.ok(kinds().some((found) => /^missing file: the next file's head mark names one made at .*later than this file's/.test(found)), kinds().join('\n'));
    fs.writeFileSync(oldest, text.replace(mark, `${older}\n${mark}`));
    assert.ok(kinds().some((found) => /^forged event: a second head mark/.test(found)), kinds().join('\n'));
    fs.writeFileSync(oldest, text.replace(mark, mark.replace(` at=${at} `, ` at=${at - 3_600_000} `)));
    assert.ok(kinds().some((found) => /^forged event: a head mark that does not hold/.test(found)), kinds().join('\n'));
    // Words added to a mark (its e= binds none), or a mark made up: named, also by plain verify.
    fs.writeFileSync(oldest, text.replace(mark, mark.replace(' prev=', ' note=all-clear prev=')));
    assert.ok(kinds().some((found) => /^forged event: a head mark that is not one/.test(found)), kinds().join('\n'));
    const plain = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {}).breaks.map((found) => `${found.kind}: ${found.detail}`);
    assert.ok(plain.some((found) => /^forged event: a head mark that is not one/.test(found)), plain.join('\n'));
  });

  // Plain verify cannot check a mark's e=: it took any well-formed one as the writer's and passed over it, so a
  // made-up `* head` line hid from it as an event of another process (review of trust13b, F4).
  it('plain verify: a made-up head mark mid-file, or in a log none of whose recordings is keyed, is a forged event', async () => {
    const dir = tempDir();
    const plainLog = path.join(dir, 'plain.log');
    const sink = new FileSink(plainLog, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024 }));
    let t = Date.UTC(2026, 10, 26, 12);
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'PLAIN00001', user: 'ann', place: placeOf('plain'), time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= 600; i++) sink.write(record('line', `plain ${i}`));
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
    const files = logFilesInOrder(plainLog);
    assert.ok(files.length >= 2, `${files.length} files`);
    assert.deepEqual(verifyFiles(files, DEFAULT_TIME_FORMAT, {}).breaks, []);
    const stamp = fs.readFileSync(files[0]!, 'utf8').split('\n')[3]!.split(' | ')[0]!.split(' ').slice(0, 2).join(' ');
    const forged = `${stamp} bob plain:0.0 * head rec=ZZZZ file=plain.log at=1 prev=0 e=00`;
    const second = fs.readFileSync(files[1]!, 'utf8');
    const lines = second.split('\n');
    lines.splice(5, 0, forged, forged);
    fs.writeFileSync(files[1]!, lines.join('\n'));
    const mid = verifyFiles(files, DEFAULT_TIME_FORMAT, {}).breaks.filter((found) => found.kind === 'forged event');
    assert.equal(mid.length, 2, mid.map((found) => found.detail).join('\n'));
    // Where a rotating writer would put it (a file's first line), yet the log is unkeyed: no writer put it.
    fs.writeFileSync(files[1]!, `${forged}\n${second}`);
    const first = verifyFiles(files, DEFAULT_TIME_FORMAT, {}).breaks;
    assert.deepEqual(first.map((found) => [found.kind, found.line]), [['forged event', 1]], first.map((found) => found.detail).join('\n'));
  });
});
