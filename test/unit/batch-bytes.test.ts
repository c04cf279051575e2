// The file sink's batch as bytes (src/sinks/file/batch-bytes.ts): an output line put straight into it
// must be, byte for byte, the text format's line for the record (what the log held when the batch was
// the formatted strings joined), and so must lines appended as text or as bytes, and its count of characters.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AuditRecord, Place, RecordKind } from '../../src/core/record.ts';
import { MARKS, TextFormat, escapeText, makeClock, origin } from '../../src/format/text.ts';
import { BatchBytes } from '../../src/sinks/file/batch-bytes.ts';

const PLACES: Place[] = [
  { server: '/tmp/tmux-0/default', session: 'main', window: '1', pane: '0', paneId: '%3' },
  { server: '/tmp/tmux-0/default', session: 'we\u202eird\x1b', window: '2', pane: '5', paneId: '%9' },
];

// Every class the fast path tells apart: printable ASCII, TAB, the edges of it (US, DEL), C0, C1, Latin-1,
// the line breaks and bidi controls escapeText escapes, other BMP text, astral pairs and lone surrogates.
const character = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 2, arbitrary: fc.constantFrom('\t', '\x1f', '\x7f', '\x00', '\n', '\r', '\x1b', '\x85', '\x9f', '\xa0', 'é', '\xff') },
  { weight: 1, arbitrary: fc.constantFrom('\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069', '\u2027', '\u202f', '\u2065', '\u206a', '日', '\ufffd') },
  { weight: 1, arbitrary: fc.constantFrom('🚀', '\ud83d', '\ude80', '\udfff\ud800') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);
const text = fc.array(character, { maxLength: 120 }).map((parts) => parts.join(''));
const output = fc.record({
  kind: fc.constantFrom<Exclude<RecordKind, 'event'>>('line', 'piece', 'redrawn', 'screen', 'history'),
  text,
  time: fc.constantFrom(0, 1, 1_764_201_600_123, 1_764_201_600_124),
  place: fc.constantFrom(...PLACES),
  user: fc.constantFrom('ann', 'b\u2066ob'),
});

const TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

/**
 * The text format's line for an output record, made from its parts with nothing kept from one record to the next
 * (TextFormat keeps the last stamp, origin and head: a stale one is what this must catch, not share).
 */
function lineOf(record: AuditRecord): string {
  return `${makeClock(TIME_FORMAT)(record.time)} ${origin(record.user, record.place)} ${MARKS[record.kind]} ${escapeText(record.text)}\n`;
}

/** How a line goes into the batch: straight from the record (output lines), as text (events, seals, JSON), as bytes (written again after a `lost` event). */
type Way = 'line' | 'text' | 'bytes';
const way = fc.constantFrom<Way>('line', 'line', 'text', 'bytes');

function put(batch: BatchBytes, format: TextFormat, record: AuditRecord, how: Way): void {
  if (how === 'line') batch.appendLine(format.head(record), record.text);
  else if (how === 'text') batch.append(format.format(record));
  else batch.appendBytes(Buffer.from(format.format(record)));
}

describe('the file sink batch as bytes', () => {
  it('an output line put straight into the bytes is the text format line, byte for byte, amid lines appended as text and as bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(output, way), { minLength: 1, maxLength: 40 }), (records) => {
        // One format for the batch, as in the sink: its caches (stamp, origin, head) run through every record.
        const format = new TextFormat(TIME_FORMAT);
        const batch = new BatchBytes();
        let expected = '';
        for (const [fields, how] of records) {
          const record: AuditRecord = { rec: 'r', ...fields };
          put(batch, format, record, how);
          expected += lineOf(record);
        }
        // A lone surrogate is U+FFFD's bytes either way (as written to the log).
        assert.deepEqual(batch.view(), Buffer.from(expected));
        assert.equal(batch.chars, expected.length, 'counted in characters, as the batch of strings was');
      }),
      { numRuns: 2000 },
    );
  });

  it('long lines of non-ASCII text and lone surrogates, across the end of its first 64 KiB and of each doubling', () => {
    // One character repeated thousands of times: a line of up to 4 bytes a character, up to ~100 KiB, so that a line
    // ends past the buffer's end at 64 KiB, 128 KiB and 256 KiB in some runs, and past room made for fewer bytes.
    const wide = fc.constantFrom('é', '日', '\u2028', '\x1b', '🚀', '\ud83d', '\ude80', '\udfff\ud800', 'a', '\t');
    const long = fc.tuple(fc.array(wide, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12_000 })).map(([parts, times]) => parts.join('').repeat(times));
    const record = fc.record({
      kind: fc.constantFrom<Exclude<RecordKind, 'event'>>('line', 'screen'),
      text: fc.oneof(long, text),
      time: fc.constantFrom(1_764_201_600_123, 1_764_201_600_124),
      place: fc.constantFrom(...PLACES),
      user: fc.constant('ann'),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(record, way), { minLength: 1, maxLength: 40 }), (records) => {
        const format = new TextFormat(TIME_FORMAT);
        const batch = new BatchBytes();
        const expected: Buffer[] = [];
        let bytes = 0;
        let chars = 0;
        for (const [fields, how] of records) {
          const full: AuditRecord = { rec: 'r', ...fields };
          put(batch, format, full, how);
          const line = Buffer.from(lineOf(full));
          expected.push(line);
          bytes += line.length;
          chars += lineOf(full).length;
          assert.equal(batch.length, bytes, `after ${expected.length} lines`);
        }
        assert.ok(batch.view().equals(Buffer.concat(expected)), 'the bytes are the lines');
        assert.equal(batch.chars, chars);
      }),
      { numRuns: 150 },
    );
  });

  it('every character alone, at the start, middle and end of a line', () => {
    const format = new TextFormat('HH:mm');
    const record = (value: string): AuditRecord => ({ rec: 'r', time: 7, user: 'ann', place: PLACES[0]!, kind: 'line', text: value });
    for (let code = 0; code <= 0xffff; code++) {
      const one = String.fromCharCode(code);
      for (const value of [one, `ab${one}cd`, `abcd${one}`]) {
        const batch = new BatchBytes();
        batch.appendLine(format.head(record(value)), value);
        const line = format.format(record(value));
        if (!batch.view().equals(Buffer.from(line))) assert.fail(`U+${code.toString(16)} in ${JSON.stringify(value)}: ${batch.view().toString()} != ${line}`);
      }
    }
  });

  it('grows past its first buffer and gives a large one back when cleared', () => {
    const format = new TextFormat('HH:mm');
    const batch = new BatchBytes();
    const long = 'x'.repeat(300_000);
    const record: AuditRecord = { rec: 'r', time: 7, user: 'ann', place: PLACES[0]!, kind: 'line', text: long };
    for (let i = 0; i < 5; i++) batch.appendLine(format.head(record), long);
    assert.equal(batch.view().toString(), format.format(record).repeat(5));
    batch.clear();
    assert.equal(batch.length, 0);
    assert.equal(batch.chars, 0);
    batch.append('é\n');
    assert.deepEqual(batch.view(), Buffer.from('é\n'));
  });
});
