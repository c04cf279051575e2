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

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 25, 12);
const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '1', paneId: '%1' };
const record = (rec: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
const sinkFor = (file: string): FileSink =>
  new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 1024 ** 3, maxFiles: Number.POSITIVE_INFINITY, onError: () => {}, onRecover: () => {}, onRotateError: () => {}, directory: 'as-is' });

/** A alone, then A and B at one place (B starts and stops in the middle), then A alone again. */
async function sharedLog(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-shared-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const a = sinkFor(file);
  const b = sinkFor(file);
  let t = T0;
  a.write(record('AAAAAAAAAA', t, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < 1500; i++) a.write(record('AAAAAAAAAA', ++t, 'line', `a ${i}`));
  a.flush();
  await a.flushed();
  b.write(record('BBBBBBBBBB', ++t, 'event', 'start', { by: 'ann' }));
  b.flush();
  await b.flushed();
  for (let i = 0; i < 2500; i++) {
    const [sink, rec] = i % 3 === 0 ? [b, 'BBBBBBBBBB'] : [a, 'AAAAAAAAAA'];
    sink.write(record(rec, ++t, 'line', `${rec[0]!.toLowerCase()} shared ${i}`));
    if (i % 7 === 0) {
      sink.flush();
      await sink.flushed();
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
