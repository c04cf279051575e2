// Bytes as a pane printed them in, clean lines out: the escape cleaner (which
// also makes the text valid UTF-8, holding back a character split across reads)
// reporting to the line assembler, in the order the data flows. Knows nothing
// of time, users or files.

import { EscapeCleaner } from './ansi.ts';
import { LineAssembler, type LineSink } from './lines.ts';

export class Transcript {
  private readonly cleaner = new EscapeCleaner();
  private readonly lines: LineAssembler;

  /** `columns`: the pane's width, if known; `newlineReturns`: input that is not a pane's (see LineAssembler). */
  constructor(sink: LineSink, maxLineChars?: number, columns?: number, newlineReturns?: boolean) {
    this.lines = new LineAssembler(sink, maxLineChars, columns, newlineReturns);
  }

  /** Screen switches in the stream change nothing: the window's alternate-screen option is off. */
  ignoreScreenSwitches(): void {
    this.lines.ignoreScreenSwitches = true;
  }

  /** The pane's width changed (a resize). */
  setColumns(columns: number): void {
    this.lines.setColumns(columns);
  }

  /** Text the current line already holds (what the screen showed before the stream began). */
  seed(text: string): void {
    this.lines.seed(text);
  }

  /** See LineAssembler.pendingText. */
  pendingText(): string {
    return this.lines.pendingText();
  }

  /** See LineAssembler.setAlternate. */
  setAlternate(alternate: boolean): void {
    this.lines.setAlternate(alternate);
  }

  /** `now`: when the chunk was read (see EscapeCleaner.advance). */
  push(chunk: Uint8Array, now?: number): void {
    this.cleaner.advance(chunk, this.lines, now);
  }

  /** End of stream: what is left of the last line is emitted too. */
  end(): void {
    this.cleaner.end(this.lines);
    this.lines.finish();
  }
}
