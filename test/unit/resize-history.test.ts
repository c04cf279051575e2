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
import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';

const ESC = '\x1b';

const numbered = (count: number, prefix = 'line'): string => Array.from({ length: count }, (_, i) => `${prefix}${i}\r\n`).join('');

/** `before` in a pane of `from`, the pane resized to `to`, then `after`: the log as marks and text. */
function resized(before: string, from: [number, number], to: [number, number], after: string): string[] {
  const log: string[] = [];
  const sink: ScreenSink = {
    line: (text, continued) => log.push(`${continued ? '+' : '|'} ${text}`),
    redrawn: (text) => log.push(`~ ${text}`),
    screen: (alternate) => log.push(alternate ? '* enter' : '* leave'),
    frame: (rows) => log.push(...rows.map((row) => `= ${row}`)),
    scrolledOff: (rows) => log.push(...rows.map((row) => `= ${row}`)),
  };
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

  it('the line in progress: its rows that went into history are logged as a piece, the rest follows it', () => {
    const text = 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCD';
    const log = resized(`${ESC}[H${text}`, [12, 3], [6, 3], '\r\nnext\r\n');
    assert.deepEqual(log, ['| ABCDEFGHIJKL', '+ MNOPQRSTUVWXYZABCD', '| next']);
  });
});
