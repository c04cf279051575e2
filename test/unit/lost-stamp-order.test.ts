// A pane's stamps only go forward, across the files of its log too (issue 15), also where the log was removed
// under a flood: the `lost` event heads the new file, then what went into the removed file since the writer's
// last look and what waited, written again. The event was stamped by the oldest record the sink had seen waiting
// since its backlog was last empty (under a flood: since the flood began), and a head mark after the lines written
// again by a bound as old; both went back past lines already in the rotated file before them (found by the
// stamp-order check reading rotated files, in verify-lost's "removed eight times" test).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder, parseLine, stampsOutOfOrder } from '../support/log.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };

/**
 * Floods a keyed sink (as pipe.ts makes one) rotating every 16 KiB, and removes its live log `removals` times, each
 * `gap` lines after the writer found the last removal (its `lost` event), the flood going on. `fill`: the end of
 * each line (2 or 3 bytes a character when not ASCII: the sink's offsets are bytes, the lines' text characters).
 */
async function flooded(removals: number, gap: number, format: TextFormat, fill = 'x'.repeat(40)): Promise<{ dir: string; file: string; lost: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-lost-stamp-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  let t = Date.parse('2026-11-26T22:00:00.000Z');
  let lost = 0;
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields'], time = t): AuditRecord => ({ rec: 'R', user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
  // eslint-disable-next-line prefer-const
  let sink: FileSink;
  sink = new FileSink(file, format, quietWriterOptions({
    maxBytes: 16 * 1024,
    // As pipe.ts: the event goes first into the new file, stamped no later than what waits.
    onLost: (what) => {
      lost++;
      const since = sink.waitingSince;
      sink.write(record('event', 'lost', { what }, since !== undefined && since < t ? since : t));
      sink.flush();
    },
  }), { key: Buffer.from('a key') });
  sink.write(record('event', 'start', { by: 'ann' }));
  // Reads of 20 lines, each read one stamp; the writer never catches up (the event loop turns every 100 lines).
  let removed = 0;
  let since = 0;
  for (let i = 1; lost < removals; i++) {
    assert.ok(i < 200_000, `the writer found ${lost} of ${removed} removals`);
    if (i % 20 === 0) t++;
    sink.write(record('line', `line ${String(i).padStart(6, '0')} ${fill}`));
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (++since >= gap && removed === lost) {
      fs.rmSync(file, { force: true });
      removed++;
      since = 0;
    }
  }
  // The flood goes on after the last removal.
  for (let i = 0; i < gap; i++) {
    if (i % 20 === 0) t++;
    sink.write(record('line', `after ${String(i).padStart(5, '0')} ${fill}`));
    if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
  return { dir, file, lost };
}

describe('stamps where the log was removed under a flood', () => {
  for (const [gap, fill] of [[1500, 'x'.repeat(40)], [2300, 'x'.repeat(40)], [1500, 'é日'.repeat(14)], [2300, 'é日'.repeat(14)]] as const) {
    it(`removed 5 times, ${gap} lines apart, rotating every 16 KiB, lines of ${fill.slice(0, 2)}: no record of the pane is stamped before the one before it, across files`, async () => {
      const { dir, file } = await flooded(5, gap, new TextFormat(DEFAULT_TIME_FORMAT), fill);
      const files = logFilesInOrder(file);
      assert.ok(files.length > 5, `rotated: ${files.length} files`);
      const lostEvents = files.flatMap((name) => fs.readFileSync(name, 'utf8').split('\n')).filter((text) => parseLine(text)?.text.startsWith('lost rec=')).length;
      assert.ok(lostEvents >= 1, 'a lost event in the files left');
      assert.deepEqual(stampsOutOfOrder(dir).slice(0, 3), []);
    });
  }
});
