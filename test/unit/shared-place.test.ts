// Two recordings running at one place (a pane's index taken over after a
// kill-pane while its recording stamps the old index; two `pipe --file` into
// one file): their printed lines cannot be told apart, and a clean log must
// still verify.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { SEAL_EVERY } from '../../src/chain/seal.ts';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 25, 12);
const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '1', paneId: '%1' };
const record = (rec: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
const sinkFor = (file: string, key?: Buffer): FileSink =>
  new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions(), { key });

/** A alone, then A and B at one place (B starts and stops in the middle), then A alone again; B chained under `keyB` (A's key unless given). */
async function sharedLog(key?: Buffer, keyB: Buffer | undefined = key): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-shared-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const a = sinkFor(file, key);
  const b = sinkFor(file, keyB);
  let t = T0;
  a.write(record('AAAAAAAAAA', t, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < 1500; i++) a.write(record('AAAAAAAAAA', ++t, 'line', `a ${i}`));
  a.flush();
  await flushed(a);
  b.write(record('BBBBBBBBBB', ++t, 'event', 'start', { by: 'ann' }));
  b.flush();
  await flushed(b);
  for (let i = 0; i < 2500; i++) {
    const [sink, rec] = i % 3 === 0 ? [b, 'BBBBBBBBBB'] : [a, 'AAAAAAAAAA'];
    sink.write(record(rec, ++t, 'line', `${rec[0]!.toLowerCase()} shared ${i}`));
    if (i % 7 === 0) {
      sink.flush();
      await flushed(sink);
    }
  }
  b.write(record('BBBBBBBBBB', ++t, 'event', 'stop', { reason: 'toggle' }));
  await b.close();
  for (let i = 0; i < 2 * SEAL_EVERY + 300; i++) a.write(record('AAAAAAAAAA', ++t, 'line', `a after ${i}`));
  a.write(record('AAAAAAAAAA', ++t, 'event', 'stop', { reason: 'toggle' }));
  await a.close();
  return file;
}

const verify = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {});

describe('two recordings at one place', () => {
  it('a clean log verifies, and says which lines were checked by seal links only', async () => {
    const file = await sharedLog();
    const report = verify(file);
    assert.deepEqual(report.breaks, []);
    assert.deepEqual(report.recordings.map((r) => r.ending), ['sealed', 'sealed']);
    assert.ok(report.recordings.every((r) => r.sharedLines > 0));
    assert.match(summaryLine('main', report), /^OK main: .* line\(s\) checked by seal links only: two recordings at one place\)$/m);
  });

  it('an edit before or after the shared stretch is still caught', async () => {
    const file = await sharedLog();
    const clean = fs.readFileSync(file, 'utf8');
    for (const line of ['a 100', `a after ${2 * SEAL_EVERY + 200}`]) {
      assert.ok(clean.includes(`| ${line}\n`));
      fs.writeFileSync(file, clean.replace(`| ${line}\n`, `| ${line} (edited)\n`));
      assert.deepEqual(verify(file).breaks.map((found) => found.kind), ['edited'], line);
    }
  });
});

describe('a second recording forged at one place (issue 13 review)', () => {
  const key = Buffer.from('a secret of the auditor');
  /** One keyed recording A alone at its place, 2500 lines. */
  async function keyedLog(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-shared-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const a = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions(), { key });
    let t = T0;
    a.write(record('AAAAAAAAAA', t, 'event', 'start', { by: 'ann' }));
    for (let i = 0; i < 2500; i++) a.write(record('AAAAAAAAAA', ++t, 'line', `a ${i}`));
    a.write(record('AAAAAAAAAA', ++t, 'event', 'stop', { reason: 'toggle' }));
    await a.close();
    return file;
  }
  /** The attack: A's start copied as FAKE's (before or after A's), a line of A edited, FAKE closed by a made-up last seal and stop after A's stop. */
  function forge(clean: string, where: 'after' | 'before', seal = true): string {
    const lines = clean.split('\n');
    const start = lines.findIndex((line) => line.includes(' * start rec=AAAAAAAAAA'));
    const fake = lines[start]!.replace('rec=AAAAAAAAAA', 'rec=FAKEFAKE01');
    const edited = lines.findIndex((line) => line.endsWith('| a 1200'));
    lines[edited] = lines[edited]!.replace('| a 1200', '| rm -rf /');
    const stop = lines.findIndex((line) => line.includes(' * stop rec=AAAAAAAAAA'));
    const stamp = lines[stop]!.slice(0, lines[stop]!.indexOf(' * stop'));
    lines.splice(stop + 1, 0, ...(seal ? [`${stamp} * seal rec=FAKEFAKE01 n=1 p=0 h=${'0'.repeat(32)} chain=hmac end=stop`] : []), `${stamp} * stop rec=FAKEFAKE01 reason=toggle by=root`);
    lines.splice(where === 'after' ? start + 1 : start, 0, fake);
    return lines.join('\n');
  }
  const strict = (file: string, live?: Set<string>) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true, ...(live ? { live } : {}) });

  it('does not turn the hash checks of the real one into link checks (start copied after or before it, with or without a live reader)', async () => {
    const file = await keyedLog();
    const clean = fs.readFileSync(file, 'utf8');
    assert.deepEqual(strict(file).breaks, []);
    for (const where of ['after', 'before'] as const) {
      for (const live of [undefined, new Set(['FAKEFAKE01'])]) {
        fs.writeFileSync(file, forge(clean, where, live === undefined));
        const report = strict(file, live);
        assert.ok(report.breaks.length > 0, `${where} ${live ? 'live' : ''}: ${summaryLine('main', report)}`);
        assert.deepEqual(report.recordings.map((r) => r.sharedLines), [0, 0]);
        // The real recording is checked by hash: the edited line is named in it.
        assert.ok(report.breaks.some((found) => found.kind === 'edited' && found.rec === 'AAAAAAAAAA'), JSON.stringify(report.breaks));
        // Without --require-key too: the edit is in a stretch checked by hash.
        assert.ok(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, ...(live ? { live } : {}) }).breaks.length > 0);
      }
    }
  });

  it('a genuine second recording at one place counts once its start\'s seal holds; under --require-key its link-only lines are a break', async () => {
    const file = await sharedLog(key);
    assert.deepEqual(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key }).breaks, []);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    assert.match(lines.find((line) => line.includes('rec=BBBBBBBBBB'))!, / \* start rec=BBBBBBBBBB/);
    assert.match(lines[lines.findIndex((line) => line.includes(' * start rec=BBBBBBBBBB')) + 1]!, / \* seal rec=BBBBBBBBBB n=1 p=0 /);
    const required = strict(file).breaks;
    assert.deepEqual(required.map((found) => [found.kind, found.rec]), [['unkeyed', 'AAAAAAAAAA'], ['unkeyed', 'BBBBBBBBBB']]);
    assert.ok(required.every((found) => /links only/.test(found.detail)));
  });

  it('a plain recording running at the place when a keyed one starts there (a key configured between a pane\'s two readers, the old one draining) still verifies under --key', async () => {
    // The older one plain: the shape a key configured between two recordings of one pane leaves.
    const file = await sharedLog(undefined, key);
    const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key });
    assert.deepEqual(report.breaks, []);
    assert.deepEqual(report.recordings.map((r) => [r.rec, r.sharedLines > 0]), [['AAAAAAAAAA', true], ['BBBBBBBBBB', true]]);
    assert.match(summaryLine('main', report), /line\(s\) checked by seal links only: two recordings at one place\)$/m);
  });
});
