// A pane resized while it prints: tmux pulls rows back from its history into
// a taller pane (those scrolled off, not those a clear pushed there), loses
// rows below the cursor first in a shorter one, and reflows rows into a new
// width (screen.c:309 screen_resize_y, grid.c:1305 grid_reflow). What is then
// written over those rows must be logged over the rows tmux shows, and the
// rows already logged not logged again. Every expected text below is what
// tmux 3.3a showed (capture-pane -J) for the same bytes and the same
// resize-window between them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GoneLines } from '../../src/terminal/gone-lines.ts';
import { HISTORY_ROWS } from '../../src/terminal/grid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';
import { markedLogSink } from '../support/transcript.ts';

const ESC = '\x1b';

const numbered = (count: number, prefix = 'line'): string => Array.from({ length: count }, (_, i) => `${prefix}${i}\r\n`).join('');

/** `before` in a pane of `from`, the pane resized to `to`, then `after`: the log as marks and text. */
function resized(before: string, from: [number, number], to: [number, number], after: string): string[] {
  const log: string[] = [];
  const sink = markedLogSink(log);
  const transcript = new Transcript(sink, { columns: from[0], rows: from[1] });
  transcript.push(Buffer.from(before));
  transcript.resize(to[0], to[1]);
  transcript.push(Buffer.from(after));
  transcript.settle('busy');
  transcript.end();
  return log;
}

/** Lines logged more than once. */
function twice(log: string[]): string[] {
  const lines = log.filter((entry) => entry.startsWith('| '));
  return lines.filter((entry, i) => lines.indexOf(entry) !== i);
}

describe('a taller pane: the rows tmux pulls back from its history', () => {
  for (const [count, shown] of [
    [12, 'zzne1'],
    [400, 'zzne389'],
  ] as const) {
    it(`the screen model engaged, ${count} lines, the cursor moved up: written over, row 0 is ${shown}; no line is logged twice`, () => {
      // The model gave the stream back to the line model after a screenful of plain lines and took it again at
      // the move: the rows it had kept from before were pulled back (zzne0), and the rows below the cursor,
      // logged, were logged again when IL moved them.
      const log = resized(`${ESC}[H${numbered(count)}${ESC}[3;1H`, [20, 6], [20, 12], `${ESC}[L${ESC}[1;1Hzz`);
      assert.equal(log.at(-1), `~ ${shown}`, log.join('\n'));
      assert.deepEqual(twice(log), []);
    });
  }

  it('lines printed on the fast path come back: written over, row 0 is zzne19', () => {
    const log = resized(numbered(30), [20, 6], [20, 12], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), '~ zzne19', log.join('\n'));
    assert.deepEqual(twice(log), []);
  });

  it('after a clear (ED 2), the blank rows it left come back, not the lines it cleared into history', () => {
    const log = resized(`${numbered(30)}${ESC}[2J${numbered(9, 'x')}`, [20, 6], [20, 12], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), '| zz', log.join('\n'));
    assert.deepEqual(twice(log), []);
  });

  it('a wider and taller pane: rows joined again, then pulled back (zzne8)', () => {
    const log = resized(`${numbered(10)}${'a'.repeat(30)}\r\n${numbered(8, 'b')}`, [20, 6], [40, 12], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), '~ zzne8', log.join('\n'));
    assert.deepEqual(twice(log), []);
  });
});

describe('a line wrapped across the screen\'s top (its first rows in history) when the screen model engages', () => {
  // 40 lines of 45 characters in 20 columns: the top row of the screen is the last row of W34. Pulled back into a
  // taller pane, W38's rows were seeded as two lines (the row above the screen forced not to wrap into row 0), and
  // `zz` written over its first row was logged as 17 dots where tmux 3.3a shows the line whole.
  const wrapped = Array.from({ length: 40 }, (_, i) => `W${i}`.padEnd(45, '.') + '\r\n').join('');
  for (const [to, row, shown] of [
    [[20, 16], 10, 'zz8'],
    [[30, 16], 10, 'zz7'],
  ] as const) {
    it(`made ${to[0]}x${to[1]}, written over at row ${row}: ${shown} and 42 dots, one line`, () => {
      const log = resized(wrapped, [20, 6], [...to], `${ESC}[${row};1Hzz`);
      assert.equal(log.at(-1), `~ ${shown}${'.'.repeat(42)}`, log.slice(-3).join('\n'));
      assert.deepEqual(twice(log), []);
    });
  }
});

describe('a line wrapped across the screen\'s top, written over there: logged whole, as tmux joins it', () => {
  const wrapped = Array.from({ length: 40 }, (_, i) => `W${i}`.padEnd(45, '.') + '\r\n').join('');
  for (const [size, row, shown] of [
    [[20, 6], 1, 'W38.................zz.......................'],
    [[20, 8], 1, 'W37.....................................zz...'],
  ] as const) {
    it(`pane ${size[0]}x${size[1]}, row ${row}: ${shown} (tmux 3.3a, capture-pane -J), not its screen rows alone`, () => {
      const log = resized(wrapped, [20, 6], [...size], `${ESC}[${row};1Hzz`);
      assert.equal(log.at(-1), `~ ${shown}`, log.slice(-3).join('\n'));
    });
  }

  it('the head from history is paid from the redraw credit: a few bytes cannot log a line of 512 rows again and again', () => {
    const log: string[] = [];
    const transcript = new Transcript(
      { line: (text) => log.push(text), redrawn: (text) => log.push(text), screen: () => {}, frame: () => {}, scrolledOff: () => {} },
      { columns: 20, rows: 6 },
    );
    transcript.push(Buffer.from(`${'a'.repeat(20 * 600)}\r\n`));
    let bytes = 0;
    for (let i = 0; i < 3000; i++) {
      const chunk = Buffer.from(`${ESC}[1;1H${i % 10}`);
      bytes += chunk.length;
      transcript.push(chunk);
      transcript.settle('busy');
    }
    transcript.end();
    const redraws = log.slice(1);
    assert.equal(redraws.length, 3000);
    // The screen's five rows of the line are 100 characters; what is more came from history.
    const heads = redraws.reduce((sum, text) => sum + Math.max(0, text.length - 100), 0);
    assert.ok(redraws[0]!.length > 10_000, `first redraw ${redraws[0]!.length} characters`);
    assert.ok(heads <= 64 * 1024 + 4 * bytes, `${heads} characters of history logged for ${bytes} bytes`);
  });
});

describe('a long line kept for a taller pane: its last HISTORY_ROWS rows, from where tmux starts a row', () => {
  it('16001 letters at 20 columns, 10 lines, the pane made 40 rows tall, written over at row 0 (row 772 of the line)', () => {
    // Cut 512 x 20 units from its end, the kept text began mid-row (at 5861): every row came back shifted by 19
    // characters, and zz was logged over letters tmux never put under it. tmux pulls the line's last 29 rows back
    // (row 0 starts at 15440) and joins the line whole (capture-pane -J); the log holds the rows kept of it (506:
    // HISTORY_ROWS with the rows after it), from row 294.
    let text = '';
    for (let i = 0; i < 16001; i++) text += String.fromCharCode(65 + (i % 26));
    const log = resized(`${text}\r\n${numbered(10)}`, [20, 6], [20, 40], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), `~ ${text.slice(294 * 20, 15440)}zz${text.slice(15442)}`, log.at(-1)!.slice(0, 80));
  });
});

describe('the lines above the cursor the fast path keeps are bounded by what the screen can show', () => {
  /** Code units the fast path holds for the rows above the cursor. */
  const aboveUnits = (transcript: Transcript): number =>
    (transcript as unknown as { hybrid: { above: string[] } }).hybrid.above.reduce((sum, line) => sum + line.length, 0);

  it('a screenful a line, line after line: only the newest can be on the screen (200x100: 150 lines of 20 000)', () => {
    // Each line kept its last screenful, and `height` lines were kept: 1000x500 held 269 MB.
    const transcript = new Transcript({ line: () => {}, redrawn: () => {}, screen: () => {}, frame: () => {}, scrolledOff: () => {} }, { columns: 200, rows: 100 });
    const line = Buffer.from(`${'q'.repeat(20_000)}\r\n`);
    let most = 0;
    for (let i = 0; i < 150; i++) {
      transcript.push(line);
      most = Math.max(most, aboveUnits(transcript));
    }
    transcript.end();
    assert.ok(most <= 8 * 200 * 100, `${most} units held for a screen of 20 000 cells`);
  });

  it('the lines that leave it are the rows a taller pane pulls back, as before: row 0 of 100 is row 54 of the last line', () => {
    let before = '';
    for (let k = 0; k < 80; k++) before += `${String.fromCharCode(65 + (k % 26)).repeat(2990)}${String(k).padStart(10, '.')}\r\n`;
    const log = resized(`${before}n0\r\nn1\r\nn2\r\n`, [20, 60], [20, 100], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), `~ ${'B'.repeat(1080)}zz${'B'.repeat(2990 - 1082)}........79`);
  });
});

describe('lines the fast path lets go for its budget (trimAbove) are kept for a taller pane, not dropped', () => {
  it('52 lines of 1300 at 20x60 (more than the budget holds), the pane made 200 rows tall: row 0 is row 62 of line 48', () => {
    // Rows: the cursor's, n0, lines 51, 50, 49 (65 rows each), then the last 3 rows of line 48. Dropped instead of
    // kept (keepGone), row 0 was a blank one and zz a new line.
    let before = '';
    for (let k = 0; k < 52; k++) before += `${String.fromCharCode(65 + (k % 26)).repeat(1290)}${String(k).padStart(10, '.')}\r\n`;
    const log = resized(`${before}n0\r\n`, [20, 60], [20, 200], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), `~ ${'W'.repeat(1240)}zz${'W'.repeat(1290 - 1242)}........48`);
  });
});

describe('a shorter pane', () => {
  it('rows below the cursor go first; the rows left are not logged again, what is written over them is', () => {
    const log = resized(`${numbered(30)}${ESC}[2;1H`, [20, 12], [20, 6], `${ESC}[1;1Hzz\r\n${numbered(2, 'y')}`);
    assert.deepEqual(log.slice(-3), ['~ zzne19', '~ y0ne20', '~ y1ne21'], log.join('\n'));
    assert.deepEqual(twice(log), []);
  });
});

describe('the scroll region: only a new height resets it (screen.c:390)', () => {
  const lines = numbered(5);
  it('a new width keeps it: the row above it stays, and what is written over it is logged as tmux shows it', () => {
    const log = resized(`top\r\n${ESC}[2;4r${ESC}[4;1H`, [20, 6], [15, 6], `${lines}${ESC}[1;1HX`);
    // Reset, the model scrolled `top` off with the lines and logged X over line0: a line tmux never showed.
    assert.equal(log.at(-1), '~ Xop', log.join('\n'));
  });

  for (const mode of ['1049', '47']) {
    it(`leaving the alternate screen (${mode}) at the size it was entered at keeps it`, () => {
      const log = resized(`top\r\n${ESC}[2;4r${ESC}[?${mode}h${ESC}[?${mode}l${ESC}[4;1H${lines}`, [20, 6], [20, 6], `${ESC}[1;1HX`);
      assert.equal(log.at(-1), '~ Xop', log.join('\n'));
    });
  }
});

describe('a narrower pane: rows the reflow puts into history (grid.c:1305) are not lost', () => {
  it('a logged row written over and wrapped on: logged as it showed before the resize', () => {
    // tmux 3.3a: `SECRET-SECRE` and `T-SECRE` go into history, and DECALN fills the screen; the model logged only
    // what was left on its screen, never the head of the line.
    const log = resized(`${ESC}[Hlogged\r\n${ESC}[1;1H${'SECRET-'.repeat(4)}`, [12, 3], [6, 3], `${ESC}#8`);
    assert.ok(log.includes('~ SECRET-SECRET-SECRET-SECRET-'), log.join('\n'));
  });

  it('the line in progress: its rows that went into history are logged with the rest, as one line (capture-pane -J joins them)', () => {
    const text = 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCD';
    const log = resized(`${ESC}[H${text}`, [12, 3], [6, 3], '\r\nnext\r\n');
    // `+` is for a line past the record limit (lines.ts MAX_LINE_CHARS), not for a line a reflow cut at the screen's top.
    assert.deepEqual(log, ['| ABCDEFGHIJKLMNOPQRSTUVWXYZABCD', '| next']);
  });

  // A command typed on the fast path (the screen model not engaged) when the pane is made narrower: the model
  // engaged at the resize was seeded with the line model's cursor already bounded by the new width, and the rest of
  // the command went over its middle (`root@vm:/tmp/x# echotuvwxyz…`, never shown). tmux 3.3a (capture-pane -J):
  // the command whole, its first rows in history when the reflow pushed them there.
  const command = 'root@vm:/tmp/x# echo abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789; echo done';
  for (const typed of [40, 60, 75]) {
    it(`a command typed to ${typed} characters, the pane 60 columns then 20: logged as tmux shows it`, () => {
      const log = resized(`L0\r\nL1\r\n${command.slice(0, typed)}`, [60, 10], [20, 10], `${command.slice(typed)}\r\nout\r\n`);
      assert.deepEqual(log, ['| L0', '| L1', `| ${command}`, '| out']);
    });
  }

  it('a prompt whose first row the reflow puts into history: logged whole with the command typed after it (capture-pane -J)', () => {
    const log = resized('user@host:~/src/proj$ ', [40, 6], [12, 6], 'ls -la\r\n');
    assert.deepEqual(log, ['| user@host:~/src/proj$ ls -la']);
  });

  it('a new width alone (setColumns) engages the screen model before the line model learns it, as a new size does', () => {
    const log: string[] = [];
    const transcript = new Transcript(
      { line: (text, continued) => log.push(`${continued ? '+' : '|'} ${text}`), redrawn: (text) => log.push(`~ ${text}`), screen: () => {}, frame: () => {}, scrolledOff: () => {} },
      { columns: 60, rows: 10 },
    );
    transcript.push(Buffer.from(`L0\r\n${command.slice(0, 40)}`));
    transcript.setColumns(20);
    transcript.push(Buffer.from(`${command.slice(40)}\r\n`));
    transcript.settle('busy');
    transcript.end();
    assert.deepEqual(log, ['| L0', `| ${command}`]);
  });
});

describe('the lines kept for a taller pane are bounded by characters as well as rows', () => {
  // A cell holds a character and its combining marks: 1000 columns of `a` and seven U+0301, counted by rows alone,
  // kept 16 M characters (33 MB) for a pane that may never be made taller.
  const cell = `a${'\u0301'.repeat(7)}`;

  /** The characters the fast path keeps for the screen model's history (text and rows of each line gone). */
  function keptCharacters(transcript: Transcript): number {
    const kept = (transcript as unknown as { hybrid: { goneKept: GoneLines } }).hybrid.goneKept;
    let chars = 0;
    for (let i = 0; i < kept.length; i++) {
      chars += kept.text(i).length;
      const shape = kept.rows(i);
      if (typeof shape !== 'number') for (const row of shape) chars += row.length;
    }
    return chars;
  }

  it('a flood of rows of combining marks keeps no more than a flood of plain rows does (lines of two rows and of one)', () => {
    const kept = (text: string): number => {
      const transcript = new Transcript({ line: () => {}, redrawn: () => {}, screen: () => {}, frame: () => {}, scrolledOff: () => {} }, { columns: 1000, rows: 50 });
      const chunk = Buffer.from(`${text}\r\n`);
      let most = 0;
      for (let i = 0; i < 3000; i++) {
        transcript.push(chunk);
        most = Math.max(most, keptCharacters(transcript));
      }
      transcript.end();
      return most;
    };
    // Lines of two rows (kept with their rows) and of one row (kept with a count of rows: weighed by characters too).
    for (const cells of [2000, 999]) {
      const plain = kept('a'.repeat(cells));
      const marks = kept(cell.repeat(cells));
      assert.ok(plain > 0 && plain <= 4 * HISTORY_ROWS * 1000, `plain: ${plain}`);
      assert.ok(marks <= plain, `${cells} cells of combining marks: ${marks} characters kept, plain text ${plain}`);
    }
  });

  it('the newest rows still come back: tmux 3.3a shows L1461 at the top of a pane made 40 rows tall, written over', () => {
    let before = '';
    for (let i = 0; i < 1500; i++) before += `L${String(i).padStart(4, '0')}${cell.repeat(15)}\r\n`;
    const log = resized(before, [20, 6], [20, 40], `${ESC}[1;1Hzz`);
    assert.equal(log.at(-1), `~ zz461${cell.repeat(15)}`, log.slice(-3).join('\n'));
  });
});
