// Sequences that move the cursor without being cursor moves by name: the
// fast path (the line model) cannot follow them, so they hand the stream to
// the screen model. Expected texts are what tmux 3.3a showed (capture-pane
// -J) for the same bytes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';

const ESC = '\x1b';

function logOf(text: string): string[] {
  const log: string[] = [];
  const sink: ScreenSink = {
    line: (line, continued) => log.push(`${continued ? '+' : '|'} ${line}`),
    redrawn: (line) => log.push(`~ ${line}`),
    screen: (alternate) => log.push(alternate ? '* enter' : '* leave'),
    frame: (rows) => log.push(...rows.map((row) => `= ${row}`)),
    scrolledOff: (rows) => log.push(...rows.map((row) => `= ${row}`)),
  };
  const transcript = new Transcript(sink, { columns: 20, rows: 6 });
  transcript.push(Buffer.from(text));
  transcript.end();
  return log;
}

describe('DECOM set or reset homes the cursor (input.c:1684, :1774)', () => {
  it('reset: the text after it is written over the top row, not on the end of the line in progress', () => {
    // The fast path logged `| X` (never shown alone) and never `Xirst` (shown).
    assert.deepEqual(logOf(`first\r\nsecond\r\nSECRET-TEXT${ESC}[?6lX\r\n`), ['| first', '| second', '| SECRET-TEXT', '~ Xirst']);
  });

  it('set: likewise, and the LF after it goes down from the top row', () => {
    assert.deepEqual(logOf(`first\r\nsecond\r\nSECRET-TEXT${ESC}[?6hY\r\nmore\r\n`), ['| first', '| second', '| SECRET-TEXT', '~ Yirst', '~ morend']);
  });
});
