// Bytes through the terminal layer in-process, as the unit tests feed it.

import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';

export interface LinesOptions {
  maxLineChars?: number;
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
    { maxLineChars: options.maxLineChars, columns: options.columns, rows: options.rows, newlineReturns: options.newlineReturns },
  );
  if (options.above) transcript.seed('', options.above);
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input, 'utf8') : input];
  for (const chunk of chunks) transcript.push(chunk);
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
