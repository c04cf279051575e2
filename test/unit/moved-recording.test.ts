// A genuine recording moved into another's stretch at the same place (issue 13, fixtrust8's closing hole e):
// both then run there, their seals are checked by links only, and an edit in that stretch hid behind the move
// with --key (only --require-key named those lines). Its stamps going back at the place name it `reordered`.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const key = Buffer.from('a secret of the auditor');
const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
const t0 = Date.UTC(2026, 10, 25, 12);

/** One keyed recording of `lines` lines from `from` (a line a millisecond), alone in a log of its own; its lines. */
async function recordingLines(rec: string, lines: number, from: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-moved-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions(), { key });
  let t = from;
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time: t++, kind, text, ...(fields ? { fields } : {}) });
  sink.write(record('event', 'start', { by: 'ann' }));
  for (let i = 1; i <= lines; i++) sink.write(record('line', `${rec} ${i}`));
  sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
  return fs.readFileSync(file, 'utf8').trimEnd().split('\n');
}

/** A's log with B moved into its stretch after A's line 1500, and A's line 1400 edited. */
async function moved(bFrom: number): Promise<string> {
  const a = await recordingLines('AAAAAAAAAA', 2500, t0);
  const b = await recordingLines('BBBBBBBBBB', 20, bFrom);
  const at = a.findIndex((line) => line.endsWith('| AAAAAAAAAA 1500')) + 1;
  const lines = [...a.slice(0, at), ...b, ...a.slice(at)].map((line) => line.replace(/\| AAAAAAAAAA 1400$/, '| AAAAAAAAAA rm -rf /'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-moved-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const check = (file: string) => verifyFiles([file], DEFAULT_TIME_FORMAT, { key });

describe('a genuine recording moved into another at the same place, an edit beside it', () => {
  it('moved from an hour later: reordered (with --key alone)', async () => {
    const report = check(await moved(t0 + 3_600_000));
    assert.ok(report.breaks.some((found) => found.kind === 'reordered'), summaryLine('main', report));
  });

  it('moved from an hour earlier: reordered', async () => {
    const report = check(await moved(t0 - 3_600_000));
    assert.ok(report.breaks.some((found) => found.kind === 'reordered' && found.rec === 'BBBBBBBBBB'), summaryLine('main', report));
  });

  it('a second recording really started there meanwhile (stamps a few ms apart): no reordered', async () => {
    const report = check(await moved(t0 + 1500));
    assert.ok(!report.breaks.some((found) => found.kind === 'reordered'), summaryLine('main', report));
  });
});
