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
import { eachLineOfFile, eachLineOfText, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { MAX_LINE } from '../../src/read/chunks.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';

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

  // A line past MAX_LINE is handed cut, with a `\n` (read/chunks.ts): one the file holds no `\n` after was
  // handed as a whole line, and a running recording's tail took it as an unsealed line (OK).
  it('a torn last line longer than MAX_LINE stays torn (no `\n`); a whole one is cut with its `\n`', () => {
    const file = path.join(dir, 'long.log');
    const long = 'x'.repeat(MAX_LINE + 100);
    fs.writeFileSync(file, `a\n${long}`);
    const torn = collect((take) => eachLineOfFile(file, take));
    assert.deepEqual(torn.map((line) => [line.length, line.endsWith('\n')]), [[2, true], [MAX_LINE, false]]);
    fs.appendFileSync(file, '\nb\n');
    const whole = collect((take) => eachLineOfFile(file, take));
    assert.deepEqual(whole.map((line) => [line.length, line.endsWith('\n')]), [[2, true], [MAX_LINE + 1, true], [2, true]]);
  });

  it('a running recording\'s log cut in the middle of a line longer than MAX_LINE: truncated, as a short torn line is', async () => {
    const { last, check } = await runningLog('running.log');
    assert.deepEqual(check(''), []);
    const next = last.replace('line 5', 'line 6 ');
    assert.deepEqual(check(next.slice(0, -3)), [['truncated', 8, 'the file ends in the middle of a line']]);
    assert.deepEqual(check(next + 'y'.repeat(MAX_LINE)), [['truncated', 8, 'the file ends in the middle of a line']]);
  });

  // No reader writes a line past MAX_LINE (a piece is 16,384 characters): a whole one was read as its first MAX_LINE
  // bytes, a printed line, and a running recording's unsealed tail took it (OK).
  it('a whole line longer than MAX_LINE after a running recording\'s last seal: not a log line (inserted)', async () => {
    const { last, check } = await runningLog('running-long.log');
    const long = `${last.replace('line 5', 'line 6 ')}${'y'.repeat(MAX_LINE)}\n`;
    assert.deepEqual(check(long), [['inserted', 8, 'not a log line']]);
    // Not a log line where a reader writes one either: in a file's middle, before a line that holds.
    assert.deepEqual(check(long + `${last.replace('line 5', 'line 6')}\n`), [['inserted', 8, 'not a log line']]);
  });
});

/**
 * A log of a recording whose reader runs (the real sink's lines: its start, the seal over it, five lines not sealed
 * yet): its last line, and `check(tail)`: the breaks verify finds with `tail` after those lines.
 */
async function runningLog(name: string): Promise<{ last: string; check: (tail: string) => (string | number)[][] }> {
  const file = path.join(dir, name);
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
  const t0 = Date.UTC(2026, 10, 26, 12);
  const record = (i: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'RUNNINGREC', user: 'ann', place, time: t0 + i, kind, text, ...(fields ? { fields } : {}) });
  const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 1024 ** 3, maxFiles: Number.POSITIVE_INFINITY, onError: () => {}, onRecover: () => {}, onRotateError: () => {} }, {});
  sink.write(record(0, 'event', 'start', { by: 'ann' }));
  for (let i = 1; i <= 5; i++) sink.write(record(i, 'line', `line ${i}`));
  await sink.close();
  // Closed without a stop: its last seal (end=1) left out, as if its reader were running.
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, 7);
  assert.match(lines[1]!, / \* seal rec=RUNNINGREC n=1 /);
  const running = lines.join('\n') + '\n';
  const check = (tail: string) => {
    fs.writeFileSync(file, running + tail);
    return verifyFiles([file], DEFAULT_TIME_FORMAT, { live: new Set(['RUNNINGREC']) }).breaks.map((found) => [found.kind, found.line, found.detail]);
  };
  assert.deepEqual(check(''), []);
  return { last: lines[6]!, check };
}
