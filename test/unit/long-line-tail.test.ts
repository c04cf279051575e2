// A line longer than the screen, then text drawn over its rows: only the line's last screenful can still be on
// the screen, and the fast path keeps that much of it (hybrid.ts `line`, line-tail.ts) for the screen model to be
// seeded with. Kept by a count of UTF-16 units, or cut anywhere but where tmux starts a row, every row came back
// shifted: text drawn over row 0 was logged over characters it never covered, or over an older line (a forged
// "redrawn" command line). The expected texts are tmux 3.3a's (capture-pane -J) for the same bytes in the same
// pane: test/e2e/screen-model.test.ts checks them live.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { lastRows, LineTail, wrapRows, type RowState } from '../../src/terminal/line-tail.ts';
import { cellWidth } from '../../src/terminal/width.ts';
import { Transcript } from '../../src/terminal/transcript.ts';
import { markedLogSink } from '../support/transcript.ts';

const ESC = '\x1b';

function logOf(input: string, columns: number, rows: number, splits: number[] = []): string[] {
  const log: string[] = [];
  const sink = markedLogSink(log, false);
  const transcript = new Transcript(sink, { columns, rows });
  const bytes = Buffer.from(input);
  let from = 0;
  for (const at of [...splits].sort((a, b) => a - b)) {
    transcript.push(bytes.subarray(from, Math.max(from, at)));
    from = Math.max(from, at);
  }
  transcript.push(bytes.subarray(from));
  transcript.settle('busy');
  transcript.end();
  return log;
}

/** The text written over at `zz`: the records that hold it. */
const drawnOver = (log: string[]): string[] => log.filter((entry) => entry.includes('zz'));

function alphabet(units: number, mark = ''): string {
  let text = '';
  for (let i = 0; text.length < units; i++) text += String.fromCharCode(65 + (i % 26)) + mark;
  return text.slice(0, units);
}

describe('a long line written over where its last screenful starts', () => {
  it('letters with combining marks (two units a cell): row 0 is the line\'s, not the command line above it', () => {
    // tmux: …ŹzzĆD́ÉF́ǴH́… ; before, the screenful was counted in units (half the rows) and row 0 was seeded from the
    // line before (`~ zzot@vm:~# cat file`).
    const log = logOf(`root@vm:~# cat file\r\n${alphabet(18000, '\u0301')}\r\nnext\r\n${ESC}[1;1Hzz${ESC}[6;1H`, 40, 6);
    const over = drawnOver(log);
    assert.equal(over.length, 1, log.join('\n'));
    assert.match(over[0]!, /^~ .*Y\u0301Z\u0301zzC\u0301D\u0301E\u0301F\u0301G\u0301H\u0301I\u0301/u);
    assert.ok(!over[0]!.includes('cat file'));
  });

  it('16410 letters: cut where tmux starts a row (…ABCDzzGHIJ…), not 240 units from the end (…WXYZzzCDEF…)', () => {
    const log = logOf(`${alphabet(16410)}\r\nnext\r\n${ESC}[1;1Hzz`, 40, 6);
    const over = drawnOver(log);
    assert.equal(over.length, 1, log.join('\n'));
    assert.ok(over[0]!.includes('ABCDzzGHIJ'), over[0]);
  });

  it('wide characters that do not fit at a row\'s end start the next row, as tmux wraps them', () => {
    // 39 columns: each row holds 19 wide characters and a blank cell. Row 0 after 1000 of them, a line, the cursor up.
    const wide = '日本語中文字符漢字'.repeat(112).slice(0, 1000);
    const log = logOf(`${wide}\r\nnext\r\n${ESC}[1;1Hzz`, 39, 6);
    const rows: string[] = [];
    for (let i = 0; i < wide.length; i += 19) rows.push(wide.slice(i, i + 19));
    const row0 = rows.at(-4)!;
    const over = drawnOver(log);
    assert.equal(over.length, 1, log.join('\n'));
    assert.ok(over[0]!.includes(`${rows.at(-5)}zz${row0.slice(1)}${rows.at(-3)}`), over[0]);
  });

  it('ZWJ sequences (👨‍👩‍👧, one wide cell as tmux joins them): row 0 is where tmux starts it, not counted as three wide characters', () => {
    // 39 columns: 13 of 👨‍👩‍👧x (three cells) a row.
    const unit = '\u{1F468}\u200d\u{1F469}\u200d\u{1F467}x';
    const line = unit.repeat(Math.ceil(16500 / unit.length));
    const log = logOf(`${line}\r\nnext\r\n${ESC}[1;1Hzz`, 39, 6);
    const rows = screenRows(line, 39);
    assert.equal(rows[0], unit.repeat(13));
    const over = drawnOver(log);
    assert.equal(over.length, 1, log.join('\n'));
    assert.ok(over[0]!.includes(`${rows.at(-5)}zz${rows.at(-4)!.slice(unit.length - 1)}${rows.at(-3)}`), over[0]);
  });

  it('a TAB in the line moves to the next tab stop (…MNOPQRSTUVzzYZ…, as tmux shows it), not one cell (…STUVWXYZABzzEFGH…)', () => {
    const line = `X\t${alphabet(16408)}`;
    const log = logOf(`${line}\r\nnext\r\n${ESC}[1;1Hzz`, 40, 6);
    const over = drawnOver(log);
    assert.equal(over.length, 1, log.join('\n'));
    assert.ok(over[0]!.includes('MNOPQRSTUVzzYZ'), over[0]);
  });

  it('any split of the bytes gives the same log', () => {
    const input = `${alphabet(16410 * 2 + 7, '\u0301')}\r\nnext\r\n${ESC}[1;1Hzz`;
    const whole = logOf(input, 40, 6);
    fc.assert(
      fc.property(fc.array(fc.nat(Buffer.byteLength(input)), { maxLength: 6 }), (splits) => {
        assert.deepEqual(logOf(input, 40, 6, splits), whole);
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * `text` cut into rows of `columns` cells, character by character, as tmux writes it: a character that does not
 * fit starts the next row; a TAB goes to the next multiple of 8, not past the last column, and never wraps
 * (input.c:1221); after a ZWJ the next character that is not ASCII joins the cell before (screen-write.c:1835-1852).
 */
function screenRows(text: string, columns: number): string[] {
  const rows = [''];
  let used = 0;
  let joiner = false;
  for (const character of text) {
    if (character === '\t') {
      if (used < columns - 1) used = Math.min(columns - 1, (Math.floor(used / 8) + 1) * 8);
      rows[rows.length - 1] += character;
      continue;
    }
    if (character === '\u200d' || (joiner && character.codePointAt(0)! >= 0x7f)) {
      joiner = character === '\u200d';
      rows[rows.length - 1] += character;
      continue;
    }
    const width = character === '\u0301' ? 0 : /[日😀👨👩👧]/u.test(character) ? 2 : 1;
    if (used + width > columns) {
      rows.push('');
      used = 0;
    }
    rows[rows.length - 1] += character;
    used += width;
  }
  return rows;
}

describe('LineTail and lastRows: the last rows of a line, from where tmux starts a row', () => {
  const character = fc.constantFrom('a', 'Z', '日', '😀', '\u0301', 'é', '\t', '\u200d', '👨');
  it('pieces in any split keep the same rows as the whole line cut at once', () => {
    fc.assert(
      fc.property(fc.array(character, { maxLength: 400 }), fc.array(fc.nat(400)), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), (chars, cuts, columns, rows) => {
        const text = chars.join('');
        const points = [...new Set(cuts.map((at) => Math.min(at, chars.length)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const at of points) {
          pieces.push(chars.slice(from, at).join(''));
          from = at;
        }
        pieces.push(chars.slice(from).join(''));
        const tail = new LineTail();
        tail.begin(pieces[0]!, columns);
        let kept = tail.append('', rows);
        for (const piece of pieces.slice(1)) kept = tail.append(piece, rows);
        assert.equal(kept, lastRows(text, columns, rows));
        // The rows kept are the line's last ones (a suffix of it), at most `rows` of them, counted from its head.
        assert.ok(text.endsWith(kept));
        const reference = screenRows(text, columns);
        assert.equal(kept, reference.slice(-rows).join(''));
      }),
      { numRuns: 500 },
    );
  });
});

/** wrapRows as it walked every unit (before printable runs were taken at once): the reference the runs must match. */
function wrapRowsUnitByUnit(text: string, columns: number, state: RowState, starts: number[], base: number): void {
  let used = state.used;
  let joiner = state.joiner;
  for (let i = 0; i < text.length; ) {
    const codePoint = text.charCodeAt(i);
    if (codePoint >= 0x20 && codePoint < 0x7f) {
      if (used + 1 > columns) {
        starts.push(base + i);
        used = 0;
      }
      used++;
      i++;
      continue;
    }
    if (codePoint === 0x09) {
      if (used < columns - 1) used = Math.min(columns - 1, (Math.floor(used / 8) + 1) * 8);
      i++;
      continue;
    }
    const full = text.codePointAt(i)!;
    i += full > 0xffff ? 2 : 1;
    if (full === 0x200d) {
      joiner = true;
      continue;
    }
    if (joiner && full >= 0x7f && cellWidth(full) >= 0) {
      joiner = false;
      continue;
    }
    const width = full < 0x300 ? 1 : Math.max(0, cellWidth(full));
    if (used + width > columns) {
      starts.push(base + i - (full > 0xffff ? 2 : 1));
      used = 0;
    }
    used += width;
  }
  state.used = used;
  state.joiner = joiner;
}

describe('rows of a piece: printable runs taken at once', () => {
  it('start where a walk unit by unit starts them, for any text, width and row standing', () => {
    const pieces = ['a', 'xyz', 'q'.repeat(37), ' ', '~', '\t', 'é', 'e\u0301', '日', '😀', '\u200d', '👨\u200d👩', '\ud800', '\udc00', '\x7f', '\x1f', '\u0300'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 22 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (parts, columns, used, joiner, base) => {
          const text = parts.join('');
          const expected = { used, joiner };
          const expectedStarts = [0];
          wrapRowsUnitByUnit(text, columns, expected, expectedStarts, base);
          const state = { used, joiner };
          const starts = [0];
          wrapRows(text, columns, state, starts, base);
          assert.deepEqual(starts, expectedStarts);
          assert.deepEqual(state, expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
