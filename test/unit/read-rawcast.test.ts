// The raw stream (`@audit-cast on`): sinks/file/cast.ts writes the pane's bytes
// as asciicast v2 events, rotated like the logs; read/rawcast.ts joins the
// parts back. What goes in comes out (a property over arbitrary bytes cut
// anywhere), the file is 0600 and inert when cat-ed, and a disk that does not
// keep up leaves output out of the cast and says how much, never holding the
// reader back.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { rawCastParts, writeRawCast } from '../../src/read/rawcast.ts';
import { listLogs } from '../../src/read/files.ts';
import { CAST_BACKLOG_BYTES, CastFile, castEventLine, castHeaderLine, castPath, type CastFileOptions } from '../../src/sinks/file/cast.ts';
import { MarkStripper } from '../../src/sinks/file/strip-marks.ts';
import { wrapWrites } from '../support/fs-writes.ts';
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
          const whole = new MarkStripper(); // the shell's marks are taken out (tested below); all else is kept
          assert.equal(parsed.map((event) => event[2]).join(''), Buffer.concat([whole.push(Buffer.concat(chunks)), whole.end()]).toString('utf8'));
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

  it('a disk that does not keep up: output is left out of the cast, counted, and reported when there is room again', async (t) => {
    await withTempDir('rawcast', async (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const held: (() => void)[] = [];
      const dropped: number[] = [];
      // Writes that do not return until released: the queue grows.
      wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
        held.push(() => write(fd, buffer, offset, length, position, callback));
      });
      const cast = new CastFile(castPath(log, 'R4'), { width: 80, height: 24, startMs: START }, options({ onDropped: (bytes) => dropped.push(bytes) }));
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let pushed = 0;
      const started = performance.now();
      while (cast.backlog <= CAST_BACKLOG_BYTES) {
        cast.push(chunk, START);
        pushed++;
      }
      for (let i = 0; i < 10; i++) cast.push(chunk, START); // left out
      assert.ok(held.length > 0, 'the disk holds the writes');
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

describe('the cast at the end of the output', () => {
  it('output left out near the end is reported by end(), at once, before the file is closed (the log still takes the event)', async (t) => {
    await withTempDir('rawcast', async (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const held: (() => void)[] = [];
      const dropped: number[] = [];
      wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
        held.push(() => write(fd, buffer, offset, length, position, callback));
      });
      const cast = new CastFile(castPath(log, 'R5'), { width: 80, height: 24, startMs: START }, options({ onDropped: (bytes) => dropped.push(bytes) }));
      const chunk = Buffer.alloc(64 * 1024, 0x62);
      while (cast.backlog <= CAST_BACKLOG_BYTES) cast.push(chunk, START);
      cast.push(chunk, START); // left out: the disk is still behind when the output ends
      cast.push(Buffer.from([0xe6, 0xbc]), START); // and a character cut short, left out too
      assert.deepEqual(dropped, []);
      cast.end(START + 1);
      assert.deepEqual(dropped, [chunk.length + 3], 'reported by end(), before any write completes (U+FFFD is 3 bytes)');
      cast.push(Buffer.from('late'), START + 2); // nothing after the end
      const closing = cast.close();
      const releasing = setInterval(() => held.splice(0).forEach((release) => release()), 5);
      await closing;
      clearInterval(releasing);
      assert.deepEqual(dropped, [chunk.length + 3], 'reported once');
      assert.ok(!exported(dir, 'R5').join('').includes('late'));
    });
  });
});

// The shell's marks carry its nonce (`k=`); whoever reads it can forge `verified=yes`
// commands, so the cast must never hold it, however the pane's output is cut.
describe('the shell nonce never reaches the cast', () => {
  const NONCE = '0123456789abcdef0123456789abcdef';
  const ESC = '\x1b';
  /** The marks shell/integration.bash prints, ST or BEL ended, 133 or VS Code's 633. */
  const marks = [
    `${ESC}]133;C;cmd=ls%20-l;cwd=/root;n=3;pid=4242;user=root;host=h;source=bash;k=${NONCE}${ESC}\\`,
    `${ESC}]133;D;0;n=3;ms=12;pipestatus=0;pid=4242;k=${NONCE}${ESC}\\`,
    `${ESC}]633;D;0;n=3;k=${NONCE}\x07`,
    `${ESC}]133;C;cmd=${'x'.repeat(5000)};k=${NONCE}${ESC}\\`,
  ];
  /** Output around the marks: text, other escapes, and hostile openers (a DCS, a mark or OSC never ended, a lone ESC). */
  const around = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(`${ESC}[31m`, `${ESC}]0;title\x07`, `${ESC}]52;c;aGk=${ESC}\\`, `${ESC}Pq`, `${ESC}]133;`, `${ESC}]13`, `${ESC}]`, ESC, `${ESC}]133;A${ESC}\\`, '\x18', 'é漢', '\x07'),
  );
  const stream = fc.array(fc.oneof(around, fc.constantFrom(...marks)), { maxLength: 14 }).map((pieces) => Buffer.from([...pieces, marks[0]!, 'after'].join(''), 'utf8'));
  /** `bytes` cut at `cuts` (sorted, deduplicated offsets). */
  const cut = (bytes: Buffer, cuts: number[]): Buffer[] => {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    return [0, ...at].map((from, i) => bytes.subarray(from, i < at.length ? at[i] : bytes.length));
  };

  it('no nonce and no mark survives the stripper, cut anywhere; what is left is the same however it is cut (a property)', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 40 }), (bytes, cuts) => {
        const one = new MarkStripper();
        const whole = Buffer.concat([one.push(bytes), one.end()]).toString('latin1');
        const many = new MarkStripper();
        const pieces = Buffer.concat([...cut(bytes, cuts).map((piece) => many.push(piece)), many.end()]).toString('latin1');
        assert.equal(pieces, whole);
        assert.ok(!whole.includes(NONCE), 'no nonce');
        assert.ok(!whole.includes('\x1b]133;C') && !whole.includes('\x1b]133;D') && !whole.includes('\x1b]633;D'), 'no mark');
        assert.ok(whole.endsWith('after'), 'output after a mark is kept');
      }),
      { numRuns: 400 },
    );
  });

  it('keeps everything else: text, colours, titles, other OSC, a mark-like start that is not one', () => {
    const strip = (text: string): string => {
      const s = new MarkStripper();
      return Buffer.concat([s.push(Buffer.from(text)), s.end()]).toString();
    };
    for (const kept of ['plain', `${ESC}[1;31mred${ESC}[m`, `${ESC}]0;title\x07`, `${ESC}]1330;x\x07`, `${ESC}]13;x${ESC}\\`, `${ESC}]8;;http://a${ESC}\\`, `a${ESC}`, `${ESC}]13`]) assert.equal(strip(kept), kept);
    assert.equal(strip(`a${marks[0]}b${marks[2]}c`), 'abc');
    assert.equal(strip(`a${ESC}]133;A${ESC}[31mb`), `a${ESC}[31mb`, 'an ESC that ends a mark begins what follows');
  });

  it('a mark left open is not ended by time: the shell\'s own mark, its halves 6 s apart, still leaves no nonce', () => {
    const s = new MarkStripper();
    assert.equal(s.push(Buffer.from(`x${marks[1]!.slice(0, 20)}`)).toString(), 'x');
    assert.equal(s.push(Buffer.from(`${marks[1]!.slice(20)}y`)).toString(), 'y');
  });

  it('the cast file and its export hold no nonce, cut anywhere (a property)', async () => {
    await fc.assert(
      fc.asyncProperty(stream, fc.array(fc.nat(), { maxLength: 20 }), async (bytes, cuts) => {
        await withTempDir('rawcast-nonce', async (dir) => {
          const log = path.join(dir, 'main.log');
          fs.writeFileSync(log, '');
          const file = castPath(log, 'R1');
          const cast = new CastFile(file, { width: 80, height: 24, startMs: START }, options());
          cut(bytes, cuts).forEach((piece, i) => cast.push(piece, START + i));
          await cast.close(START + 1000);
          assert.ok(!fs.readFileSync(file, 'utf8').includes(NONCE), 'not in the file');
          assert.ok(!exported(dir, 'R1').join('').includes(NONCE), 'not in the export');
        });
      }),
      { numRuns: 60 },
    );
  });

  it('export takes the marks out of a cast written before its writer did', () => {
    withTempDirSync((dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      const old = [castHeaderLine({ width: 80, height: 24, startMs: START }), castEventLine(0.1, `$ ls${marks[0]!.slice(0, 30)}`), castEventLine(0.2, `${marks[0]!.slice(30)}out\r\n`)].join('');
      fs.writeFileSync(castPath(log, 'R1'), old, { mode: 0o600 });
      const lines = exported(dir, 'R1');
      assert.ok(!lines.join('').includes(NONCE));
      assert.deepEqual(lines.slice(1).map((line) => (JSON.parse(line) as [number, string, string])[2]), ['$ ls', 'out\r\n']);
    });
  });
});

function withTempDirSync(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rawcast-old-'));
  try {
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
