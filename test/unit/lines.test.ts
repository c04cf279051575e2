// The line model on its own terms: cursor arithmetic in cells, the edits tmux
// applies on a row, lines longer than the pane, leaving the line and clearing
// the screen (table cases shared with test/e2e/fidelity.test.ts, which checks
// them against a real tmux), the width table against the fast path's
// assumption, and properties over arbitrary terminal output.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EscapeCleaner, type Perform } from '../../src/terminal/ansi.ts';
import { LineAssembler, MAX_LINE_CHARS } from '../../src/terminal/lines.ts';
import { isSimple } from '../../src/terminal/row.ts';
import { cellWidth, textInCells, textWidth } from '../../src/terminal/width.ts';
import { LINE_CASES } from '../support/line-cases.ts';
import { FIXTURES } from '../support/paths.ts';
import { cutsNear, ledToTheCut, split, transcriptLines, transcriptRecords } from '../support/transcript.ts';

const ESC = '\x1b';

describe('line cases (the same bytes tmux is checked on in test/e2e/fidelity.test.ts)', () => {
  // As in the fidelity test, five rows down: moves up have room, and the
  // model knows where the cursor is (the recorder seeds it from tmux).
  const above = ['', '', '', '', ''];
  for (const { name, columns, input, lines } of LINE_CASES) {
    it(name, () => assert.deepEqual(transcriptLines(input, { columns, rows: 12, above }), lines));
  }
  it('each case gives the same lines split anywhere in two', () => {
    for (const { name, columns, input, lines } of LINE_CASES) {
      const bytes = Buffer.from(input);
      for (let cut = 1; cut < bytes.length; cut++) assert.deepEqual(transcriptLines(split(bytes, [cut]), { columns, rows: 12, above }), lines, `${name}, split at ${cut}`);
    }
  });
});

describe('the line model on its own: RIS', () => {
  // RIS is the screen model's in the reader (it engages it); the line model alone resets as screen_write_reset does
  // (screen-write.c:320, :323): tab stops every 8, insert off, wrap on.
  it('resets the tab stops, insert mode and autowrap', () => {
    const lines: string[] = [];
    const model = new LineAssembler({ line: (text) => lines.push(text), screen: () => {} }, 20);
    new EscapeCleaner().advance(Buffer.from(`${ESC}[3g${ESC}[4h${ESC}[?7l${ESC}c\tX\rabcdefghij\r\nabcdef\rXY\r\n${'x'.repeat(25)}\r\n`), model);
    // Stops cleared, the TAB would take X to the last column, past the text written over it.
    assert.deepEqual(lines, ['abcdefghij', 'XYcdef', 'x'.repeat(25)]);
  });
});

describe('recorded bash sessions (test/fixtures/sessions): the log ends with the lines of the final screen, exactly', () => {
  const dir = path.join(FIXTURES, 'sessions');
  const names = fs.readdirSync(dir).filter((name) => name.endsWith('.raw')).map((name) => name.slice(0, -'.raw'.length));
  it('are all there', () => assert.deepEqual(names.sort(), ['ctrl-l', 'ctrl-r', 'ctrl-w', 'edit-delete', 'long-edit', 'meta-d', 'wide-backspace']));
  for (const name of names) {
    it(name, () => {
      const bytes = fs.readFileSync(path.join(dir, `${name}.raw`));
      const columns = Number(fs.readFileSync(path.join(dir, `${name}.size`), 'utf8').split(' ')[0]);
      // capture-pane -J keeps blanks that were cleared; the log cuts them.
      const screen = fs.readFileSync(path.join(dir, `${name}.expected`), 'utf8').split('\n').map((row) => row.trimEnd()).filter((row) => row.length > 0);
      const logged = (input: Uint8Array | Uint8Array[]) => transcriptLines(input, { columns }).map((line) => line.trimEnd()).filter((line) => line.length > 0);
      const whole = logged(bytes);
      assert.deepEqual(whole.slice(-screen.length), screen);
      for (let cut = 1; cut < bytes.length; cut++) assert.deepEqual(logged(split(bytes, [cut])), whole, `split at ${cut}`);
      fc.assert(fc.property(fc.array(fc.nat(), { maxLength: 8 }), (cuts) => assert.deepEqual(logged(split(bytes, cuts)), whole)), { numRuns: 200 });
    });
  }
});

describe('cell widths are tmux 3.3a\'s (glibc wcwidth, utf8.c:215)', () => {
  const cases: [string, number, number][] = [
    ['ASCII', 0x41, 1],
    ['Latin-1', 0xe9, 1],
    ['combining acute', 0x301, 0],
    ['CJK', 0x65e5, 2],
    ['emoji', 0x1f680, 2],
    ['skin tone modifier (its own 2 cells in tmux 3.3a)', 0x1f3fd, 2],
    ['regional indicator (one cell each)', 0x1f1e9, 1],
    ['variation selector 16', 0xfe0f, 0],
    ['ZWJ', 0x200d, 0],
    ['soft hyphen', 0xad, 1],
    ['Hangul jungseong (combines)', 0x1160, 0],
    ['private use', 0xe000, 1],
    ['an emoji newer than glibc 2.36: dropped', 0x1fae8, -1],
    ['C1 control: dropped', 0x85, -1],
    ['line separator: dropped', 0x2028, -1],
  ];
  for (const [name, codePoint, width] of cases) it(name, () => assert.equal(cellWidth(codePoint), width));
  it('textWidth adds them up; dropped characters take nothing', () => {
    assert.equal(textWidth('echo 日本語 🚀 e\u0301\u{1fae8}'), 5 + 6 + 1 + 2 + 1 + 1);
  });
  it('the text left of the cursor at the start (the seed) is cut by cells, not characters', () => {
    assert.equal(textInCells('日本$ ls', 5), '日本$');
    assert.equal(textInCells('$ e\u0301x', 3), '$ e\u0301');
    assert.equal(textInCells('$', 2), '$ ');
    assert.equal(textInCells('日本', 3), '日 ');
  });
  it('the fast path\'s characters are all one cell and one unit', () => {
    for (let code = 0x20; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const character = String.fromCharCode(code);
      if (isSimple(character)) assert.equal(cellWidth(code), 1, `U+${code.toString(16)}`);
    }
    assert.ok(isSimple('plain ASCII, Latin-1 é, ─│┌, ▁▂▃, —, “quotes”, …'));
    assert.ok(!isSimple('\t') && !isSimple('日') && !isSimple('e\u0301') && !isSimple('🚀'));
  });
});

describe('the parser reports what the line model needs beyond the screen\'s sequences', () => {
  function reports(input: string | Buffer): string[] {
    const out: string[] = [];
    const perform: Perform = {
      print: (text, plain) => out.push(`${plain ? 'plain' : 'p'}:${text}`),
      unshown: (text) => out.push(`unshown:${text}`),
      execute: (control) => out.push(`x:${control}`),
      csi: (final, first, second) => out.push(`csi:${String.fromCharCode(final)},${first},${second}`),
      esc: () => {},
      screen: (alternate) => out.push(`alt:${alternate}`),
      mode: (mode, set) => out.push(`mode:${mode.toString(16)},${set}`),
      osc: () => {},
    };
    const cleaner = new EscapeCleaner();
    cleaner.advance(typeof input === 'string' ? Buffer.from(input) : input, perform);
    cleaner.end(perform);
    return out;
  }
  it('modes in their order, sub-parameters ignored, other modes not reported', () => {
    assert.deepEqual(reports(`${ESC}[4h${ESC}[?7;25;6l${ESC}[?1049;3h${ESC}[4:1h${ESC}[?7:1l${ESC}[>4h`), [
      'mode:4,true', 'mode:10007,false', 'mode:10006,false', 'mode:10003,true', 'alt:true',
    ]);
  });
  it('REP carries the character printed right before it, or -1', () => {
    assert.deepEqual(reports(`ab${ESC}[3b`).at(-1), 'csi:b,3,98');
    assert.deepEqual(reports(`ab${ESC}[m${ESC}[3b`).at(-1), 'csi:b,3,-1');
    assert.deepEqual(reports(`a\t${ESC}[3b`).at(-1), 'csi:b,3,-1');
    assert.deepEqual(reports(`é${ESC}[3b`).at(-1), 'csi:b,3,-1');
    assert.deepEqual(reports(`${ESC}[3b`).at(-1), 'csi:b,3,-1');
    // Split across reads: the same.
    const out: string[] = [];
    const cleaner = new EscapeCleaner();
    const perform = { print() {}, execute() {}, csi: (_f: number, _a: number, b: number) => out.push(String(b)), esc() {}, screen() {}, osc() {} };
    for (const chunk of ['a', 'b', '\x1b', '[', '3b']) cleaner.advance(Buffer.from(chunk), perform);
    assert.deepEqual(out, ['98']);
  });
  it('plain marks ASCII-only text; bytes the screen does not show come apart from it', () => {
    assert.deepEqual(reports(Buffer.concat([Buffer.from('ab\r'), Buffer.from([0xff, 0xfe]), Buffer.from('é\tz\n')])), [
      'plain:ab', 'x:13', 'unshown:\\xff\\xfe', 'p:é\tz', 'x:10',
    ]);
  });
});

describe('long lines and the line limit', () => {
  it('a wrapped line longer than the limit is written in pieces cut at row edges', () => {
    // The limit is not a whole number of 10-cell rows: each piece ends at the last row edge before it.
    const piece = Math.floor(MAX_LINE_CHARS / 10) * 10;
    const out = transcriptLines(`${'x'.repeat(2 * piece + 95)}\r\n`, { columns: 10 });
    assert.deepEqual(out, ['x'.repeat(piece), `+${'x'.repeat(piece)}`, `+${'x'.repeat(95)}`]);
  });
  // In cell form a wide character's right half counts towards the limit (row.ts toCells): text written over such a
  // row was measured before the row took that form, so a read's run went past the limit unchecked and the line was
  // cut where a read per character cuts it only when the reads were split (found by the property tests below, led to
  // the limit: transcript.test.ts, seed 930874594).
  it('a line near the limit with wide characters is cut the same however the reads are split', () => {
    for (const wide of ['🚀', '日']) {
      for (const columns of [undefined, 80]) {
        const text = `${'x'.repeat(MAX_LINE_CHARS - 66)}${wide.repeat(64 / wide.length)}`;
        const bytes = Buffer.from(`${text}\rab\r\n`);
        const whole = transcriptLines(bytes, { columns });
        for (let cut = bytes.length - 6; cut < bytes.length; cut++) {
          assert.deepEqual(transcriptLines(split(bytes, [cut]), { columns }), whole, `${wide}, ${columns} columns, split at ${cut}`);
        }
        assert.ok(whole.every((line) => line.replace(/^\+/, '').length <= MAX_LINE_CHARS));
      }
    }
  });
  // The property tests below reach the limit in one input in six (it takes a 16 KiB lead): this walks a line's end
  // over it one unit at a time, with every read split of its last bytes, on each path text takes (ASCII at the end
  // of a row, over a row, wide characters, marks, escapes).
  it('a line ending at each point around the limit is cut the same however its last reads are split', () => {
    const tails = ['abcdefghij\r\n', 'éééééééééé\r\n', '日日日日日\r\n', '\rabc\r\n', '日本é\u0301🚀z\r\n', `ab${ESC}[2Dcd${ESC}[Kef\r\n`, 'a\u0301\u0301\u0301\x00b\r\n'].map((tail) =>
      Buffer.from(Buffer.from(tail, 'utf8').map((byte) => (byte === 0 ? 0xff : byte))),
    );
    for (const columns of [undefined, 80, 7]) {
      for (let short = -2; short <= 12; short++) {
        for (const tail of tails) {
          const bytes = Buffer.concat([Buffer.from('x'.repeat(MAX_LINE_CHARS - short)), tail]);
          const whole = transcriptLines(bytes, { columns });
          assert.ok(whole.every((line) => line.replace(/^\+/, '').length <= MAX_LINE_CHARS), `${columns} columns, ${short} short, ${tail.toString('latin1')}`);
          for (let cut = bytes.length - tail.length; cut < bytes.length; cut++) {
            assert.deepEqual(transcriptLines(split(bytes, [cut]), { columns }), whole, `${columns} columns, ${short} short, ${tail.toString('latin1')}, split at ${cut}`);
          }
        }
      }
    }
  });
  it('escaped bytes piled on one cell are bounded too (written out up to the cursor)', () => {
    // Marks cannot pile up (a cell holds 21 bytes of them, see cell-bytes.ts); the bytes tmux drops can.
    const count = MAX_LINE_CHARS / 4 + 200;
    const out = transcriptLines(Buffer.concat([Buffer.from('a'), Buffer.alloc(count, 0xff), Buffer.from('b\r\n')]), { columns: 80 });
    assert.equal(out.map((line) => line.replace(/^\+/, '')).join(''), `a${'\\xff'.repeat(count)}b`);
    assert.ok(out.length > 1 && out.every((line) => line.replace(/^\+/, '').length <= MAX_LINE_CHARS));
  });
  it('binary output in a pane: every byte accounted for, in order, though the screen shows none of the bad ones', () => {
    const bytes = Buffer.from([0x41, 0xff, 0xfe, 0x42, 0xc2, 0x85, 0x43, 0x0d, 0x0a]);
    // C2 85 is a character, a C1 control (U+0085): tmux drops it as it drops the C0 controls it ignores (utf8.c:236-240).
    assert.deepEqual(transcriptLines(bytes, { columns: 10 }), ['A\\xff\\xfeBC']);
  });
  it('escaped bytes take no cells: they cannot move what follows (nor let it overwrite what the screen shows)', () => {
    // The screen: "SECRET" at column 0, "xxxxxx" at column 20 (the ten bad bytes show nothing).
    const bytes = Buffer.concat([Buffer.alloc(10, 0xff), Buffer.from(`SECRET${ESC}[21Gxxxxxx\r\n`)]);
    const [line] = transcriptLines(bytes, { columns: 80 });
    assert.equal(line, `${'\\xff'.repeat(10)}SECRET${' '.repeat(14)}xxxxxx`);
  });
});

describe('a clear of the screen with an unfinished line on it', () => {
  const ESC = '\x1b';
  it('text erased before its LF is still logged, before the next line', () => {
    assert.deepEqual(transcriptLines(`hunter2${ESC}[2J${ESC}[H$ next\r\n`, { columns: 40 }), ['hunter2', '$ next']);
    assert.deepEqual(transcriptLines(`secret${ESC}[H${ESC}[J`, { columns: 40 }), ['secret'], 'at the end of the stream too');
    assert.deepEqual(transcriptLines(`one${ESC}c${ESC}[2J${ESC}[Htwo${ESC}[H${ESC}[J$ \r\n`, { columns: 40 }), ['one', 'two', '$ '], 'RIS, and clears in a row');
  });
  it('erased text of wide or no-break spaces alone is still text: only U+0020 is a blank cell', () => {
    assert.deepEqual(transcriptLines(`\u3000\u00a0${ESC}[2J${ESC}[Hx\r\n`, { columns: 40 }), ['\u3000\u00a0', 'x']);
  });
  it('a sub-parameter in a parameter tmux does not read changes nothing: ED 2 clears, SCOSC saves, SCORC restores (checked on tmux 3.3a)', () => {
    // The screen after each: `        new` (ED 2 keeps the cursor), `abc-Z` twice.
    assert.deepEqual(transcriptLines(`old text${ESC}[2;1:2Jnew\r\n`, { columns: 40 }), ['old text', '        new']);
    assert.deepEqual(transcriptLines(`abc${ESC}[1:2sXY${ESC}[u-Z\r\n`, { columns: 40 }), ['abc-Z']);
    assert.deepEqual(transcriptLines(`abc${ESC}[sXY${ESC}[1;2:3u-Z\r\n`, { columns: 40 }), ['abc-Z']);
  });
  it('drawn again after the clear (Ctrl-L), it is logged once; edited after, both', () => {
    assert.deepEqual(transcriptLines(`$ ls -l${ESC}[H${ESC}[J$ ls -l\r\n`, { columns: 40 }), ['$ ls -l']);
    assert.deepEqual(transcriptLines(`$ ls -l${ESC}[H${ESC}[J$ ls -l${ESC}[D${ESC}[K\r\n`, { columns: 40 }), ['$ ls -l', '$ ls -']);
     assert.deepEqual(transcriptLines(`$ ls -l${ESC}[H${ESC}[J$ ls -l${ESC}[D${ESC}[K`, { columns: 40 }), ['$ ls -l', '$ ls -'], 'at the end of the stream too');
  });
  it('erased text of wide or no-break spaces alone is still text: only U+0020 is a blank cell', () => {
    for (const before of ['', `one${ESC}[H${ESC}[J`]) {
      const lines = transcriptLines(`${before}\u3000\u00a0${ESC}[2J${ESC}[Hx\r\n`, { columns: 40 });
      assert.deepEqual(lines.slice(-2), ['\u3000\u00a0', 'x'], before === '' ? 'line model' : 'screen model');
    }
  });
  it('after a clear, blanks printed at the end of a line are kept and erased ones are not, as before it', () => {
    // After the clear the screen model holds the stream: it must end lines where the line model does.
    for (const tail of [`$ abc${ESC}[3D${ESC}[3X\r\n`, `$ abc ${ESC}[4D${ESC}[2P\r\n`, `$ abc${ESC}[3D${ESC}[2@\r\n`, `ab  \r\n`]) {
      const plain = transcriptLines(tail, { columns: 40 });
      assert.deepEqual(transcriptLines(`one${ESC}[H${ESC}[J${tail}`, { columns: 40 }), ['one', ...plain], JSON.stringify(tail));
    }
  });
});

describe('LF', () => {
  it('in a pane keeps the column, as tmux does (a program in raw mode; the pty sends CR LF otherwise)', () => {
    assert.deepEqual(transcriptLines('abc\nSECRET\rxyz\r\n', { columns: 20 }), ['abc', 'xyzSECRET']);
  });
  it('down into rows that hold only blanks ends the line: readline\'s exact-width wrap does not glue the output to the command', () => {
    // Recorded in a 40-column pane (bash, PS1='$ '): the line fills the row, readline prints a space to
    // wrap and goes back up (ESC M, CUF x39, EL), then the command's output lands on the row below.
    // capture-pane -J joins the two (tmux keeps the first row marked wrapped); nothing shows on the
    // second row but the output, so the log keeps them apart.
    const cmd = `echo ${'x'.repeat(26)}; seq`;
    const input = `$ ${cmd} 2 \r\x1bM${'\x1b[C'.repeat(39)}\x1b[K2\r\n\x1b[?2004l\r${'x'.repeat(26)}\r\n1\r\n2\r\n$ `;
    assert.deepEqual(transcriptLines(input, { columns: 40 }), [`$ ${cmd} 2`, 'x'.repeat(26), '1', '2', '$ ']);
  });
  it('from a program\'s output (pipe --file) also returns to column 0', () => {
    assert.deepEqual(transcriptLines('a-1\na-2\n', { columns: 20, newlineReturns: true }), ['a-1', 'a-2']);
  });
});

describe('the line limit and the cursor: nothing amplifies', () => {
  it('a far cursor move pads only to the pane width', () => {
    const [line] = transcriptLines(`${ESC}[9999Cx${ESC}[9999Gy\r\n`, { columns: 80 });
    assert.equal(line, `${' '.repeat(79)}y`);
  });
  it('ICH and REP with huge counts stay within the row', () => {
    const [line] = transcriptLines(`ab${ESC}[9999@c${ESC}[9999b\r\n`, { columns: 20 });
    assert.equal(line, `abc${'c'.repeat(17)}`);
  });
});

describe('properties over arbitrary terminal output', () => {
  const pieces = [
    '\x1b[', '\r', '\n', '\r\n', '\b', '\t', '\x1b[K', '\x1b[1K', '\x1b[2K', '\x1b[3C', '\x1b[2D', '\x1b[5G', '\x1b[2@', '\x1b[P', '\x1b[3P',
    '\x1b[2X', '\x1b[4b', '\x1bM', '\x1b[A', '\x1b[2B', '\x1b[H', '\x1b[J', '\x1b[2J', '\x1b[5;3H', '\x1b7', '\x1b8', '\x1b[s', '\x1b[u',
    '\x1b[L', '\x1b[S', '\x1bc', '\x1b[?1049h', '\x1b[?1049l', '\x1b[31m', ';', '9', '日', '本', 'é', 'e\u0301', '\u0301', '🚀', '\u200d',
    '\u{1fae8}', 'abcdefghij', 'x', ' ',
  ];
  const terminalish = fc
    .array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }), fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b).toString('latin1'))), {
      maxLength: 120,
    })
    .map((parts) => new Uint8Array(Buffer.from(parts.join(''), 'utf8')));
  const columns = fc.constantFrom(1, 2, 3, 7, 10, 80);

  it('any split into chunks gives identical lines', () => {
    fc.assert(
      fc.property(ledToTheCut(terminalish), columns, fc.array(fc.nat(), { maxLength: 6 }), (led, width, cuts) => {
        assert.deepEqual(transcriptLines(split(led.bytes, cutsNear(led, cuts)), { columns: width }), transcriptLines(led.bytes, { columns: width }));
      }),
      { numRuns: 3000 },
    );
  });

  it('lines hold no control characters but TAB, and respect the line limit', () => {
    fc.assert(
      fc.property(ledToTheCut(terminalish), columns, ({ bytes }, width) => {
        // Each with its kind: a line of text may itself begin with `+`, `~` or `=` (16 KiB of x, CR, `=`: a CI run).
        for (const { kind, text } of transcriptRecords(bytes, { columns: width })) {
          // A row of a full-screen program's frame: rows wrapped onto the next are joined, as capture-pane -J joins
          // them, so one is at most the screen (the model's 24 rows when no height is given: terminal/hybrid.ts
          // DEFAULT_ROWS), each cell a few UTF-16 units at most (combining marks, ZWJ).
          assert.ok(!/[\x00-\x08\x0a-\x1f\x7f-\x9f]/.test(text), JSON.stringify(text));
          assert.ok(text.length <= (kind === 'row' ? width * 24 * 6 : MAX_LINE_CHARS), JSON.stringify(text));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('text printed once and never overwritten is in the log: moves elsewhere cannot hide it', () => {
    // A marker printed on a fresh line, then anything that does not write over cells
    // (moves, LF, screen clears aside): the marker must reach the log. The marker
    // is 20 rows down a 24-row pane, as the recorder seeds the model from tmux:
    // on the top row, `ESC[H` (or DECRC with nothing saved) and the x's would
    // write over it in tmux too, and eight moves cannot bring it up to row 4.
    const above = new Array<string>(20).fill('');
    const moves = fc.array(fc.constantFrom('\x1b[A', '\x1b[3A', '\x1bM', '\x1b[5;1H', '\x1b[H', '\x1b[2B', '\n', '\x1b7', '\x1b8', '\x1b[s', '\x1b[u', '\x1b[L', '\x1b[M', '\x1b[S'), { maxLength: 8 });
    fc.assert(
      fc.property(moves, columns, (sequence, width) => {
        const input = `SECRET${sequence.join('')}${'x'.repeat(6)}\r\n`;
        const out = transcriptLines(input, { columns: Math.max(width, 12), rows: 24, above });
        assert.ok(out.some((line) => line.includes('SECRET')), JSON.stringify({ input, out }));
      }),
      { numRuns: 2000 },
    );
  });
});
