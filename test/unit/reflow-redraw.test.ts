// A command line being typed when the pane is resized: tmux reflows it
// (grid.c:1305 grid_reflow, screen.c screen_reflow) and readline, on its
// SIGWINCH, moves up the rows it counted at the old width and draws the line
// again. Wider, that is over the row above the reflowed line (logged output):
// the command line must still be a line of the log (`|`), not a redraw (`~`)
// of the row it was drawn over. Narrower, the reflowed line's first rows
// stay on the screen or go into history as a stale copy tmux shows (joined by
// capture-pane -J): logged whole as a `|` line, not cut into `|` and `+`
// pieces (`+` is for a line past the record limit). The bytes are bash's, from
// a real tmux 3.3a (test/fixtures/reflow/), the expected text tmux's own screen.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';
import { markedLogSink } from '../support/transcript.ts';

interface Recording {
  from: [number, number];
  to: [number, number];
  resizedAt: number;
  line: string;
  above: string[];
  screen: string[];
}

const fixture = (name: string): { bytes: Buffer; meta: Recording } => ({
  bytes: readFileSync(new URL(`../fixtures/reflow/${name}.bin`, import.meta.url)),
  meta: JSON.parse(readFileSync(new URL(`../fixtures/reflow/${name}.json`, import.meta.url), 'utf8')) as Recording,
});

/**
 * The log of the recording, fed in reads of `split` bytes, a quiet settle after each read if `settling`.
 * `above`, `rows`: other rows above the prompt and another height (the reflow puts other rows into history).
 */
function replay(name: string, split: number, settling: boolean, above?: string[], rows?: number): string[] {
  const { bytes, meta } = fixture(name);
  if (above) meta.above = above;
  if (rows) meta.from[1] = meta.to[1] = rows;
  const log: string[] = [];
  const sink = markedLogSink(log);
  const transcript = new Transcript(sink, { columns: meta.from[0], rows: meta.from[1] });
  transcript.seed(meta.line, meta.above);
  const feed = (from: number, to: number): void => {
    for (let at = from; at < to; at += split) {
      transcript.push(bytes.subarray(at, Math.min(to, at + split)));
      if (settling) transcript.settle('quiet');
    }
  };
  feed(0, meta.resizedAt);
  if (settling) transcript.settle('quiet');
  transcript.resize(meta.to[0], meta.to[1]);
  // The shell may redraw long after the resize (its SIGWINCH, the reader's size question): quiet meanwhile.
  if (settling) transcript.settle('quiet');
  feed(meta.resizedAt, bytes.length);
  transcript.end();
  return log;
}

describe('a command line being typed when the pane is resized', () => {
  for (const name of ['readline-wider', 'readline-narrower']) {
    for (const [split, settling] of [
      [1 << 20, false],
      [1, false],
      [7, true],
    ] as const) {
      it(`${name}, reads of ${split} byte(s)${settling ? ', settled after each' : ''}: every line tmux shows is a '|' line, nothing else is logged`, () => {
        const { meta } = fixture(name);
        const log = replay(name, split, settling);
        // What was on the screen before the recording began is not in the stream: the rows above the prompt.
        const shown = meta.screen.filter((line) => !meta.above.includes(line));
        assert.deepEqual(log, shown.map((line) => `| ${line}`), log.join('\n'));
        const command = shown.find((line) => line.endsWith('; echo END'));
        assert.ok(command?.includes('w1-abcdefghXX w2'), 'the edited command is on the screen');
      });
    }
    it(`${name}, a shorter pane with fewer rows above (the reflow puts the command's head into history), settled while the shell has not redrawn yet`, () => {
      const { meta } = fixture(name);
      const log = replay(name, 64, true, ['L0', 'L1'], 24);
      const shown = meta.screen.filter((line) => !meta.above.includes(line));
      assert.deepEqual(log, shown.map((line) => `| ${line}`), log.join('\n'));
    });
  }
});

describe('the head a narrower reflow put into history, the shell not redrawing', () => {
  /** The narrower recording up to the resize, the command's head put into history (one row above in 24), then `after`. */
  function headThen(after: string): string[] {
    const { bytes, meta } = fixture('readline-narrower');
    const log: string[] = [];
    const sink: ScreenSink = {
      line: (text, continued) => log.push(`${continued ? '+' : '|'} ${text}`),
      redrawn: (text) => log.push(`~ ${text}`),
      screen: (alternate) => log.push(alternate ? '* enter' : '* leave'),
      frame: () => {},
      scrolledOff: () => {},
    };
    const transcript = new Transcript(sink, { columns: 120, rows: 24 });
    transcript.seed('$ ', ['L0']);
    transcript.push(bytes.subarray(0, meta.resizedAt));
    transcript.resize(40, 24);
    transcript.push(Buffer.from(after));
    transcript.end();
    return log;
  }
  const command = `$ echo ${Array.from({ length: 15 }, (_, i) => `w${i}-abcdefgh`).join(' ')}`;

  it('a full-screen program starts and the stream ends: the line is logged whole', () => {
    assert.deepEqual(headThen('\x1b[?1049hTOP'), ['* enter', `| ${command}`]);
  });

  it('the line ends without a redraw: logged whole', () => {
    assert.deepEqual(headThen('\r\nout\r\n'), [`| ${command}`, '| out']);
  });

  it('the screen is cleared: every character of the line is still logged, in order', () => {
    const log = headThen('\x1b[H\x1b[2Jafter\r\n');
    assert.equal(log.filter((line) => line !== '| after').map((line) => line.slice(2)).join(''), command, log.join('\n'));
  });
});

// Review of issue 15: the rows a wider resize claims for readline's redraw are granted to its own steps only.
describe('rows claimed after a wider resize, written by output that is not the line editor', () => {
  const S = 'S'.repeat(150);
  /** Four lines and `$ paid 100 to alice` (on row 5), then 150 characters of a line not ended (two rows at 120), resized to 200 if `resize`, then `after`. */
  function claimThen(resize: boolean, ...after: string[]): string[] {
    const log: string[] = [];
    const transcript = new Transcript(markedLogSink(log), { columns: 120, rows: 30 });
    transcript.push(Buffer.from(`L1\r\nL2\r\nL3\r\nL4\r\n$ paid 100 to alice\r\n${S}`));
    if (resize) transcript.resize(200, 30);
    for (const [i, bytes] of after.entries()) {
      if (i > 0) transcript.settle('quiet');
      transcript.push(Buffer.from(bytes));
    }
    transcript.end();
    return log;
  }

  it('text put back on a claimed row by CR and ESC M, not erased: the row is not logged a second time', () => {
    for (const resize of [false, true]) {
      const log = claimThen(resize, '\r\x1bM$\r\n');
      assert.equal(log.filter((line) => line === '| $ paid 100 to alice').length, 1, `resize ${resize}:\n${log.join('\n')}`);
    }
  });

  it('a claimed row drawn by cursor positioning, then erased: what it showed is logged', () => {
    for (const resize of [false, true]) {
      const log = claimThen(resize, '\x1b[5;1HSECRET2', '\x1b[5;1H\x1b[K');
      assert.ok(log.some((line) => line.includes('SECRET2')), `resize ${resize}:\n${log.join('\n')}`);
    }
  });

  for (const up of ['\x1bM', '\x1b[A']) {
    it(`readline's own steps (CR, EL, ${JSON.stringify(up)}, EL, CR, the line): the command line is a '|' line, the claimed row logged once`, () => {
      const log = claimThen(true, `\r\x1b[K\r${up}\x1b[K\r$ ${S}\r\n`);
      assert.deepEqual(log, ['| L1', '| L2', '| L3', '| L4', '| $ paid 100 to alice', `| $ ${S}`], log.join('\n'));
    });
  }

  it('the steps out of order or off the claimed rows: the claim ends, nothing logged twice, nothing hidden', () => {
    for (const after of [
      `\r\x1bM$ paid 100 to alice\r\n`, // not erased first
      `\r\x1bM\x1b[K\x1b[5Cxx\r$ paid 100 to alice\r\n`, // a move along the row between
      `\r\x1bM\x1bM\x1b[K\r$ paid 100 to alice\r\n`, // above the claimed rows
      `\r\x1bM\x1b[K\r\x1b[B\x1b[A$ paid 100 to alice\r\n`, // down and up again
    ]) {
      const log = claimThen(true, after);
      assert.equal(log.filter((line) => line.endsWith('$ paid 100 to alice') && line.startsWith('|')).length, 1, `${JSON.stringify(after)}:\n${log.join('\n')}`);
    }
  });
});
