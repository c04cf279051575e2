// A head mark opens each file a keyed log rotates into, stamped on the reader's clock (chain/head-mark.ts). It was
// stamped by the oldest record the writer had not yet confirmed written, a lower bound only: when a rotation came
// in the middle of what the writer had been handed, that batch's first lines were in the renamed file already,
// stamped later than the mark that followed them (found by the stamp-order check across rotated files, issue 15).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder, parseLine } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };

describe('a head mark\'s stamp', () => {
  it('is no earlier than the lines left in the file before it, nor later than the lines after it, when rotations cut batches', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-head-stamp-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024 }), { key: Buffer.from('a key') });
    let t = Date.parse('2026-11-26T22:00:00.000Z');
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'R', user: 'ann', place, time: t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    // Reads of 20 lines, each read one stamp, handed over 500 lines at a time: most rotations fall inside a batch.
    for (let i = 1; i <= 3000; i++) {
      if (i % 20 === 0) t++;
      sink.write(record('line', `line ${String(i).padStart(5, '0')} ${'x'.repeat(40)}`));
      if (i % 500 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
    const files = logFilesInOrder(file);
    assert.ok(files.length > 5, `rotated: ${files.length} files`);
    let heads = 0;
    let previous: string | undefined;
    for (const name of files) {
      for (const text of fs.readFileSync(name, 'utf8').split('\n')) {
        const line = parseLine(text);
        if (!line) continue;
        if (previous !== undefined) assert.ok(Date.parse(line.time) >= Date.parse(parseLine(previous)!.time), `${path.basename(name)}: ${text}\n  stamped before: ${previous}`);
        if (line.text.startsWith('head rec=')) heads++;
        previous = text;
      }
    }
    assert.equal(heads, files.length - 1, 'each file a rotation opened has its mark');
  });
});
