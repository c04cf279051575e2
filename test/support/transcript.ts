// Bytes through the terminal layer in-process, as the unit tests feed it.

import fc from 'fast-check';
import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { MAX_LINE_CHARS } from '../../src/terminal/lines.ts';
import { Transcript } from '../../src/terminal/transcript.ts';

export interface LinesOptions {
  /** The pane's width (cursor moves stop there). */
  columns?: number;
  /** The pane's height (the screen model's, when the stream addresses the screen). */
  rows?: number;
  /** Also list screen switches, as «alternate screen» / «normal screen». */
  screens?: boolean;
  /** LF also returns to column 0 (input that is not a pane's: `pipe --file`). */
  newlineReturns?: boolean;
  /** Rows already on the screen above the cursor when the stream begins (the recorder seeds them from tmux). */
  above?: readonly string[];
  /** Each chunk is one of tmux's reads: Transcript.readEnded after it, as the recorder of a pane calls it. */
  reads?: boolean;
}

/** Lines as the log would hold them: `+` marks a continuation piece. */
export function transcriptLines(input: string | Uint8Array | Uint8Array[], options: LinesOptions = {}): string[] {
  const out: string[] = [];
  const transcript = new Transcript(
    {
      line: (text, continued) => out.push(continued ? `+${text}` : text),
      screen: (alternate) => {
        if (options.screens) out.push(alternate ? '«alternate screen»' : '«normal screen»');
      },
      redrawn: (text) => out.push(`~${text}`),
      frame: (rows) => {
        if (options.screens) out.push(`«frame ${rows.length}»`);
        for (const row of rows) out.push(`=${row}`);
      },
      scrolledOff: (rows) => {
        if (options.screens) out.push(`«scrolled ${rows.length}»`);
        for (const row of rows) out.push(`=${row}`);
      },
    },
    { columns: options.columns, rows: options.rows, newlineReturns: options.newlineReturns },
  );
  if (options.above) transcript.seed('', options.above);
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input, 'utf8') : input];
  for (const chunk of chunks) {
    transcript.push(chunk);
    if (options.reads) transcript.readEnded();
  }
  transcript.end();
  return out;
}

/** What the transcript reports, each with its kind (transcriptLines' marks are ambiguous: a line of text may begin with one). */
export function transcriptRecords(input: Uint8Array, options: LinesOptions = {}): { kind: 'line' | 'redrawn' | 'row'; text: string }[] {
  const out: { kind: 'line' | 'redrawn' | 'row'; text: string }[] = [];
  const transcript = new Transcript(
    {
      line: (text) => out.push({ kind: 'line', text }),
      screen: () => {},
      redrawn: (text) => out.push({ kind: 'redrawn', text }),
      frame: (rows) => rows.forEach((text) => out.push({ kind: 'row', text })),
      scrolledOff: (rows) => rows.forEach((text) => out.push({ kind: 'row', text })),
    },
    { columns: options.columns, rows: options.rows, newlineReturns: options.newlineReturns },
  );
  transcript.push(input);
  transcript.end();
  return out;
}

/** Splits `bytes` at the given offsets. */
export function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/**
 * A sink writing into `log` with the log's marks: `|` a line, `+` its continuation, `~` a redrawn row, `=` a frame's
 * or a scrolled-off row, and (unless `screens` is false) `* enter` / `* leave` for the alternate screen.
 */
export function markedLogSink(log: string[], screens = true): ScreenSink {
  return {
    line: (text, continued) => log.push(`${continued ? '+' : '|'} ${text}`),
    redrawn: (text) => log.push(`~ ${text}`),
    screen: (alternate) => {
      if (screens) log.push(alternate ? '* enter' : '* leave');
    },
    frame: (rows) => log.push(...rows.map((row) => `= ${row}`)),
    scrolledOff: (rows) => log.push(...rows.map((row) => `= ${row}`)),
  };
}

/** Arbitrary bytes, maybe led by a line just short of the line limit: `from` is where they begin. */
export interface Led {
  bytes: Uint8Array;
  from: number;
}

/** What the lead ends in, so that a wide character, a combining mark or a surrogate pair stands at the cut too. */
const LEAD_ENDS = ['x', '日', 'e\u0301', '🚀'];

/**
 * `tail`, one time in `1 + plain` (six) led by a line of MAX_LINE_CHARS less 0..100 UTF-16 units (or a few more than the
 * limit), so that the line limit falls inside what follows: its text, its escapes, its wide characters. The lead is
 * plain `x` up to its last 64 units (the cheap fast path: the property tests stay quick), then one of LEAD_ENDS over
 * and over; or it is one cell, a letter and combining marks piled on it: then the cursor's row alone is over the limit
 * at any width (lines.ts split), which a pane of up to 80 columns never is with text of one unit a cell. The rest of the
 * time, `tail` alone, as it was before there was a lead. (A 16 KiB lead, in rows of a few cells, is most of a led run's
 * time; lines.test.ts walks a line's end over the limit one unit at a time besides.)
 */
export function ledToTheCut(tail: fc.Arbitrary<Uint8Array>, plain = 5): fc.Arbitrary<Led> {
  const lead = fc.record({ short: fc.integer({ min: -8, max: 100 }), end: fc.constantFrom(...LEAD_ENDS, 'piled') }).map(({ short, end }) => {
    const units = MAX_LINE_CHARS - short;
    if (end === 'piled') return Buffer.from(`a${'\u0301'.repeat(units - 1)}`, 'utf8');
    const ending = end.repeat(Math.floor(64 / end.length));
    return Buffer.from('x'.repeat(units - ending.length) + ending, 'utf8');
  });
  return fc.tuple(fc.oneof({ weight: plain, arbitrary: fc.constant(Buffer.alloc(0)) }, { weight: 1, arbitrary: lead }), tail).map(([head, rest]) => ({
    bytes: new Uint8Array(Buffer.concat([head, rest])),
    from: head.length,
  }));
}

/** Read splits (`split`'s cuts) brought near the lead's end, where the line limit falls: any cut from 32 bytes before it on. */
export function cutsNear(led: Led, cuts: number[]): number[] {
  const start = Math.max(0, led.from - 32);
  return cuts.map((cut) => start + (cut % (led.bytes.length - start + 1)));
}
