// verify reads a log's file in pieces (commands/verify.ts eachLineOfFile over read/chunks.ts), never whole:
// the lines it hands over are the file's, whatever falls on a piece's edge (a multi-byte character, a `\n`, a
// torn last line), plain or gzipped, the same as the text split at each `\n` (eachLineOfText).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { eachLineOfFile, eachLineOfText } from '../../src/commands/verify.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-verify-lines-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const PIECE = 1 << 20; // read/chunks.ts CHUNK

function collect(each: (take: (line: string) => void) => void): string[] {
  const lines: string[] = [];
  each((line) => {
    lines.push(line);
  });
  return lines;
}

describe('verify\'s lines of a file read in pieces', () => {
  it('are the text\'s lines, across piece edges (multi-byte characters, torn last line), plain and gzipped', () => {
    const unit = fc.constantFrom('a', 'é', '日', '🙂', ' ', '|', '\r');
    const line = fc.array(unit, { maxLength: 300 }).map((units) => units.join(''));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.boolean(), (lines, shift, torn, gz) => {
        // Padding lines bring the sampled ones to a piece's edge, give or take a few bytes.
        const sampled = lines.join('\n') + (torn ? '' : '\n');
        const fill = 'x'.repeat(199) + '\n';
        const before = PIECE - 1000 + shift;
        const padding = fill.repeat(Math.floor(before / fill.length)) + 'x'.repeat(before % fill.length) + '\n';
        const text = padding + sampled;
        const file = path.join(dir, gz ? 'main.log.1.gz' : 'main.log');
        fs.writeFileSync(file, gz ? zlib.gzipSync(text) : text);
        const read = collect((take) => eachLineOfFile(file, take));
        assert.deepEqual(read, collect((take) => eachLineOfText(text, take)));
        assert.equal(read.join(''), text);
      }),
      { numRuns: 40 },
    );
  });

  it('stop when told to', () => {
    const file = path.join(dir, 'stop.log');
    fs.writeFileSync(file, 'a\nb\nc\n');
    const seen: string[] = [];
    eachLineOfFile(file, (line) => {
      seen.push(line);
      return seen.length < 2;
    });
    assert.deepEqual(seen, ['a\n', 'b\n']);
  });
});
