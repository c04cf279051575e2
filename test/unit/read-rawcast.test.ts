// The raw stream (`@audit-cast on`): sinks/file/cast.ts writes the pane's bytes
// as asciicast v2 events, rotated like the logs; read/rawcast.ts joins the
// parts back. What goes in comes out (a property over arbitrary bytes cut
// anywhere), the file is 0600 and inert when cat-ed, and a disk that does not
// keep up leaves output out of the cast and says how much, never holding the
// reader back.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rawCastParts, writeRawCast } from '../../src/read/rawcast.ts';
import { listLogs } from '../../src/read/files.ts';
import { CAST_BACKLOG_BYTES, CastFile, castPath, type CastFileOptions } from '../../src/sinks/file/cast.ts';
import { withTempDir } from '../support/util.ts';

const START = Date.UTC(2026, 10, 24, 22, 0, 0);

function options(overrides: Partial<CastFileOptions> = {}): CastFileOptions {
  return {
    maxBytes: 10 << 20,
    maxFiles: 1000,
    onError: (error) => assert.fail(error.message),
    onRecover: () => {},
    onRotateError: (error) => assert.fail(error.message),
    onDropped: () => assert.fail('nothing is dropped here'),
    ...overrides,
  };
}

/** The joined cast of `rec` in `dir`, as export writes it. */
function exported(dir: string, rec: string, idle?: number): string[] {
  const parts = rawCastParts(listLogs(dir), rec);
  assert.ok(parts, 'the cast is found');
  const lines: string[] = [];
  assert.ok(writeRawCast(parts, idle, (line) => lines.push(line) > 0));
  return lines;
}

describe('the raw stream as asciicast v2', () => {
  it('what goes in comes out, cut anywhere, with its timing (a property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 12 }), async (chunks) => {
        await withTempDir('rawcast', async (dir) => {
          const log = path.join(dir, 'main.log');
          fs.writeFileSync(log, '');
          const cast = new CastFile(castPath(log, 'R1'), { width: 100, height: 30, startMs: START }, options());
          chunks.forEach((chunk, i) => cast.push(Buffer.from(chunk), START + i * 250));
          await cast.close(START + chunks.length * 250);
          const [header, ...events] = exported(dir, 'R1').map((line) => JSON.parse(line) as unknown);
          assert.deepEqual(header, { version: 2, width: 100, height: 30, timestamp: START / 1000 });
          const parsed = events as [number, string, string][];
          assert.equal(parsed.map((event) => event[2]).join(''), Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString('utf8'));
          for (let i = 1; i < parsed.length; i++) assert.ok(parsed[i]![0] >= parsed[i - 1]![0], 'times never go back');
          assert.ok(parsed.every((event) => event[1] === 'o'));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('mode 0600; no control, C1, line or bidi separator in the file; a character split between chunks stays whole', async () => {
    await withTempDir('rawcast', async (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const file = castPath(log, 'R2');
      assert.equal(path.basename(file), 'main.R2.cast');
      const cast = new CastFile(file, { width: 80, height: 24, startMs: START, title: 'main:0.0 \u001b]0;x\u0007' }, options());
      const bytes = Buffer.from('\u001b[?1049h\u001b[2J\u001b[5;5Hcafé \u009b31m \u2028 \u202e 日本\u001b[?1049l\r\n');
      const split = bytes.indexOf(0xa9); // the second byte of é
      cast.push(bytes.subarray(0, split), START + 1000);
      cast.push(bytes.subarray(split), START + 1500);
      await cast.close();
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(text.replace(/\n/g, ''), /[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/);
      const events = exported(dir, 'R2').slice(1).map((line) => JSON.parse(line) as [number, string, string]);
      assert.deepEqual(events.map((event) => event[0]), [1, 1.5]);
      assert.equal(events.map((event) => event[2]).join(''), bytes.toString('utf8'));
      assert.ok(!events[0]![2].includes('\ufffd'), 'é is not cut');
    });
  });

  it('rotates like a log; export joins the parts: one header, every event in order; --max-idle goes into the header', async () => {
    await withTempDir('rawcast', async (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const cast = new CastFile(castPath(log, 'R3'), { width: 80, height: 24, startMs: START }, options({ maxBytes: 4096 }));
      const sent: string[] = [];
      for (let i = 0; i < 400; i++) {
        const line = `line ${i} ${'x'.repeat(i % 50)}\r\n`;
        sent.push(line);
        cast.push(Buffer.from(line), START + i);
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20)); // let writes and rotations happen
      }
      await cast.close();
      const parts = rawCastParts(listLogs(dir), 'R3')!;
      assert.ok(parts.length > 3, `rotated: ${parts.length} parts`);
      const lines = exported(dir, 'R3', 2);
      assert.deepEqual(JSON.parse(lines[0]!), { version: 2, width: 80, height: 24, timestamp: START / 1000, idle_time_limit: 2 });
      assert.ok(lines.slice(1).every((line) => line.startsWith('[')), 'one header');
      assert.equal(lines.slice(1).map((line) => (JSON.parse(line) as [number, string, string])[2]).join(''), sent.join(''));
      assert.deepEqual(listLogs(dir).map((set) => set.files.length), [1], 'cast files are not logs');
    });
  });

  it('a disk that does not keep up: output is left out of the cast, counted, and reported when there is room again', async () => {
    await withTempDir('rawcast', async (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const held: (() => void)[] = [];
      const dropped: number[] = [];
      // Writes that do not return until released: the queue grows.
      const write: CastFileOptions['write'] = (fd, buffer, offset, length, position, callback) => {
        held.push(() => fs.write(fd, buffer, offset, length, position, callback));
      };
      const cast = new CastFile(castPath(log, 'R4'), { width: 80, height: 24, startMs: START }, options({ write, onDropped: (bytes) => dropped.push(bytes) }));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let pushed = 0;
      const started = performance.now();
      while (cast.backlog <= CAST_BACKLOG_BYTES) {
        cast.push(chunk, START);
        pushed++;
      }
      for (let i = 0; i < 10; i++) cast.push(chunk, START); // left out
      assert.ok(performance.now() - started < 5000, 'push never waits for the disk');
      assert.deepEqual(dropped, [], 'reported once there is room');
      while (cast.backlog > CAST_BACKLOG_BYTES / 2) {
        held.splice(0).forEach((release) => release());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      cast.push(Buffer.from('after'), START + 1);
      assert.deepEqual(dropped, [10 * chunk.length]);
      const closing = cast.close();
      const releasing = setInterval(() => held.splice(0).forEach((release) => release()), 5);
      await closing;
      clearInterval(releasing);
      const text = exported(dir, 'R4').slice(1).map((line) => (JSON.parse(line) as [number, string, string])[2]).join('');
      assert.equal(text.length, pushed * chunk.length + 'after'.length, 'all but what was left out');
      assert.ok(text.endsWith('after'));
    });
  });
});
