// A log cut to nothing while its reader floods it: the pane's lines grow the file back past what the writer's last
// look saw before its next look, so a check against looked-at sizes alone misses the cut, and the chain's next seal
// would hide it (verify OK). The writer's own count since its last look sees it (review of trust13f, H1: missed in
// 5 of 6 runs before). The cut is made inside a write (node's write wrapped), not by a timer racing the flood: a
// test that let the flood and the cut race caught the check's revert 7 times in 12.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { withTempDir } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

describe('a log cut to nothing under a flood', () => {
  for (const keyed of [false, true]) {
    it(`${keyed ? 'keyed: ' : ''}the writer says the cut (lost what=cut), and verify does not say OK`, (t) =>
      withTempDir('flood-cut', async (dir) => {
        const key = keyed ? Buffer.from('k'.repeat(32)) : undefined;
        const file = path.join(dir, 'main.log');
        const lost: [string, unknown][] = [];
        const sink = new FileSink(file, recordFormat('text', DEFAULT_TIME_FORMAT), quietWriterOptions({
          onLost: (what: string, _queued: Buffer, cut: unknown) => void lost.push([what, cut]),
        }), { key });
        const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
        const base = { rec: 'AAAAAAAAAA', user: 'ann', place };
        let time = Date.UTC(2026, 10, 25, 12);
        let n = 0;
        const lines = (count: number): void => {
          for (let k = 0; k < count; k++) sink.write({ ...base, time: ++time, kind: 'line', text: `line ${n++} ${'x'.repeat(80)}` } as AuditRecord);
          sink.flush();
        };
        sink.write({ ...base, time, kind: 'event', text: 'start', fields: { by: 'ann' } } as AuditRecord);
        lines(500);
        await flushed(sink);
        const looked = fs.statSync(file).size;
        // The next write lands, then the file is cut to nothing, and the flood goes on at once: the writer, in a burst
        // (its writes follow each other, unchecked bytes far under its check interval), writes more than the file held
        // when it last looked before it looks again. That look finds the file larger than it ever saw it.
        let cut = false;
        let regrown = 0;
        wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
          write(fd, buffer, offset, length, position, (error, written) => {
            if (!cut) {
              cut = true;
              fs.truncateSync(file, 0);
              lines(700);
            } else regrown += written;
            callback(error, written);
          });
        });
        lines(100);
        await flushed(sink);
        assert.ok(cut, 'the file was cut');
        assert.ok(regrown > looked, `grown back past its size at the last look before the cut: ${regrown} > ${looked}`);
        sink.write({ ...base, time: ++time, kind: 'event', text: 'stop', fields: { reason: 'toggle' } } as AuditRecord);
        await sink.close();
        assert.deepEqual(lost.map(([what]) => what), ['cut']);
        const checked = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key });
        assert.ok(checked.breaks.some((b) => b.kind === 'truncated'), JSON.stringify(checked.breaks.slice(0, 3)));
      }));
  }
});
