// The reading buffers come from the SIMD search's arena (simd-find.ts), which
// hands each out once: a buffer outgrown by a line over 1 MiB must be read
// into again past that line and come back to the reader, or every later piece
// is searched without SIMD (grep -i then compares byte by byte in JavaScript,
// over ten times slower).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { borrow, forEachPiece, release } from '../../src/read/chunks.ts';
import { scanFile } from '../../src/read/scan.ts';
import { inArena, lineInArena } from '../../src/read/simd-find.ts';
import fc from 'fast-check';
import { withTempDir } from '../support/util.ts';

describe('the reading buffers', () => {
  it('after a line over 1 MiB, the rest of its file and the next file are read into the arena again', () =>
    withTempDir('read-arena', (dir) => {
      const first = borrow();
      release(first);
      if (!inArena(first)) return; // no WebAssembly SIMD here: nothing to keep
      const long = path.join(dir, 'long.log');
      fs.writeFileSync(long, `short\n${'x'.repeat(3 << 20)}\n${'short\n'.repeat(2 << 20)}`);
      const fd = fs.openSync(long, 'r');
      let longest = 0;
      let last: Buffer | undefined;
      try {
        forEachPiece(fd, (buffer, end) => {
          longest = Math.max(longest, end);
          last = buffer;
        });
      } finally {
        fs.closeSync(fd);
      }
      assert.ok(longest > 3 << 20, 'the long line was read whole');
      // The rest of the file too (12 MiB of short lines after it: many pieces).
      assert.ok(last && inArena(last), 'the pieces after the long line are in the arena');
      const next = path.join(dir, 'next.log');
      fs.writeFileSync(next, 'a line\n');
      const again = fs.openSync(next, 'r');
      try {
        forEachPiece(again, (buffer) => {
          assert.ok(inArena(buffer), `read into the arena ${buffer.length} ${buffer.byteOffset}`);
        });
      } finally {
        fs.closeSync(again);
      }
      // Every buffer borrowed at once (as nested reads do) is the arena's while it has some.
      const held = [borrow(), borrow()];
      assert.ok(held.every((buffer) => inArena(buffer)), 'both in the arena');
      held.forEach(release);
    }));

  it('every line of a file with lines over 1 MiB comes out whole, with its number, however the grown buffer ends', () =>
    withTempDir('read-arena', (dir) => {
      // Long lines of several sizes (the buffer grows to 2, then 4 MiB), each followed by enough short lines of
      // odd lengths that the grown buffer ends mid-line before the reader switches back; the last line has no newline.
      const lines: string[] = [];
      let n = 0;
      const shorts = (count: number) => {
        for (let i = 0; i < count; i++) lines.push(`short line ${++n}${'.'.repeat(n % 7)}`);
      };
      shorts(3);
      for (const size of [1.5 * (1 << 20), (1 << 20) + 5, 2.5 * (1 << 20), Math.round(1.2 * (1 << 20))]) {
        lines.push(`${'x'.repeat(size - 1)}y`);
        shorts(60_000 + (size % 1000));
      }
      lines.push('the last line, no newline');
      const file = path.join(dir, 'lines.log');
      fs.writeFileSync(file, lines.join('\n'));
      const fd = fs.openSync(file, 'r');
      const seen: string[] = [];
      try {
        scanFile(fd, {
          candidates: () => undefined,
          line: (text, number) => {
            if (text !== lines[number - 1]) assert.fail(`line ${number}: ${JSON.stringify(text.slice(0, 40))}, written ${JSON.stringify(lines[number - 1]?.slice(0, 40))}`);
            seen.push(text);
          },
        });
      } finally {
        fs.closeSync(fd);
      }
      assert.equal(seen.length, lines.length, 'every line, once');
    }));
});

describe('lines found in the arena', () => {
  it('the line holding a byte, and the newlines before it, as a byte-by-byte search gives them, at any alignment', () => {
    const buffer = borrow();
    try {
      if (!inArena(buffer)) return; // no WebAssembly SIMD here: scan.ts finds lines with indexOf
      fc.assert(
        // Up to 9,000 bytes: past the 255 blocks of sixteen each lane counts before they are added up.
        fc.property(fc.uint8Array({ minLength: 1, maxLength: 9000 }), fc.nat(64), fc.nat(9000), fc.nat(9000), (bytes, shift, cut1, cut2) => {
          // Newlines often (a byte of 0..15 is one); newlines just outside the range, never counted nor found.
          const at = buffer.length - bytes.length - 1 - shift;
          buffer[at - 1] = 10;
          for (let i = 0; i < bytes.length; i++) buffer[at + i] = bytes[i]! < 16 ? 10 : bytes[i]!;
          buffer[at + bytes.length] = 10;
          const end = at + bytes.length;
          const target = at + Math.min(cut1, cut2, bytes.length - 1);
          const limit = at + Math.max(Math.min(cut1, cut2, bytes.length - 1), Math.min(Math.max(cut1, cut2), bytes.length));
          let before = 0;
          let start = at;
          for (let i = at; i < target; i++) {
            if (buffer[i] === 10) {
              before++;
              start = i + 1;
            }
          }
          let lineEnd = target;
          while (lineEnd < limit && buffer[lineEnd] !== 10) lineEnd++;
          const found = { start: -1, end: -1, before: -1 };
          assert.ok(lineInArena(buffer, at, target, limit, found));
          assert.deepEqual(found, { start, end: lineEnd, before });
          assert.equal(end >= limit, true);
        }),
        { numRuns: 2000 },
      );
      // Nothing but newlines: each lane counts one a block, 255 blocks before its count (a byte) is added up.
      buffer.fill(10, 0, 8000);
      const lines = { start: -1, end: -1, before: -1 };
      assert.ok(lineInArena(buffer, 0, 8000, 8000, lines));
      assert.deepEqual(lines, { start: 8000, end: 8000, before: 8000 });
      assert.equal(lineInArena(Buffer.from('a\nb\n'), 0, 2, 4, { start: 0, end: 0, before: 0 }), false, 'a buffer not in the arena: found by the caller');
    } finally {
      release(buffer);
    }
  });
});
