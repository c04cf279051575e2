// The search for the move that would make a broken stretch hold (src/chain/segment-moves.ts) hashes the stretch
// again for each try: up to REARRANGE_LINES lines a stretch. It was a budget per stretch, so a log split into
// many small files with many stretches edited took the whole search again and again (1,252 files, 20 stretches:
// 47.8 s). Now one budget serves the run: past it, a broken stretch is still named (TAMPERED), as `edited`, and
// says that no move was searched for.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { REARRANGE_RUN_LINES } from '../../src/chain/segment-moves.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
const record = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'BUDGETREC1', user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });

/**
 * One recording's `stretches` sealed stretches of 1,000 lines, written by the real sink into small files (16 lines
 * each: a stretch spans some 63 of them, so its search tries every swap and move of its pieces), each stretch with
 * its 500th line edited in place.
 */
async function editedSmallFiles(stretches: number, stampedEarly?: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-verify-budget-'));
  dirs.push(dir);
  const log = path.join(dir, 'main.log');
  const sink = new FileSink(log, new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 700, maxFiles: 100_000, compress: false, onError: () => {}, onRecover: () => {}, onRotateError: () => {} }, {});
  const t0 = Date.UTC(2026, 10, 26, 12);
  sink.write(record(t0, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < stretches * 1000 - 10; i++) {
    sink.write(record(t0 + 1 + Math.floor(i / 50), 'line', `line ${String(i).padStart(5, '0')} some output text here`));
    // A batch a file: the writer rotates before a write that would pass the size.
    if (i % 16 === 15) await flushed(sink);
  }
  await sink.close();
  const files = logFilesInOrder(log);
  let edited = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace(/^(.*?)(\d\d\.\d\d\d)(\+.*)line (\d\d500) some/gm, (_all, before: string, seconds: string, after: string, n: string) => {
      edited++;
      // `stampedEarly`: that edit stamped 2 ms earlier too (1 ms before the line before it: one line out of stamp order).
      if (n === stampedEarly) seconds = (Number(seconds) - 0.002).toFixed(3).padStart(6, '0');
      return `${before}${seconds}${after}LINE ${n} some`;
    });
    if (changed !== text) fs.writeFileSync(file, changed);
  }
  assert.equal(edited, stretches);
  return files;
}

describe('the search for moves, one budget a run', () => {
  it(`a log of small files with more edited stretches than ${REARRANGE_RUN_LINES} hashed lines search: each named, the ones past the budget say no move was searched for`, async () => {
    const stretches = 4;
    const files = await editedSmallFiles(stretches);
    assert.ok(files.length > 200, `${files.length} files`);
    const report = verifyFiles(files, DEFAULT_TIME_FORMAT, {});
    assert.equal(report.breaks.length, stretches, JSON.stringify(report.breaks));
    assert.ok(report.breaks.every((found) => found.kind === 'edited'));
    const unsearched = report.breaks.filter((found) => /not searched, this verify run's search for moves is spent/.test(found.detail));
    // Each stretch's search takes some 6 M lines: the first two are searched whole, the rest are not.
    assert.ok(unsearched.length >= 1 && unsearched.length <= stretches - 2, JSON.stringify(report.breaks.map((found) => found.detail)));
  });

  it('past the budget, an edit stamped out of order too is named edited, not reordered (a review: the milder kind was the attacker\'s to choose)', async () => {
    const stretches = 4;
    const files = await editedSmallFiles(stretches, '03500');
    const report = verifyFiles(files, DEFAULT_TIME_FORMAT, {});
    assert.deepEqual(report.breaks.map((found) => found.kind), ['edited', 'edited', 'edited', 'edited'], JSON.stringify(report.breaks.map((found) => found.detail)));
    assert.match(report.breaks[3]!.detail, /stamped earlier than the line before it: edited, or moved; not searched/);
  });
});
