// Bytes as a pane printed them in, clean lines out: the escape cleaner (which
// also makes the text valid UTF-8, holding back a character split across reads)
// and the line assembler, in the order the data flows.

import { EscapeCleaner } from './ansi.ts';
import { LineAssembler, type LineSink, type ScreenSink } from './lines.ts';

export class Transcript {
  private readonly cleaner = new EscapeCleaner();
  private readonly lines: LineAssembler;

  constructor(sink: LineSink, maxLineChars?: number, onScreen?: ScreenSink) {
    this.lines = new LineAssembler(sink, maxLineChars, onScreen);
  }

  /** Text the current line already holds (what the screen showed before the stream began). */
  seed(text: string): void {
    this.lines.seed(text);
  }

  /** See LineAssembler.setAlternate. */
  setAlternate(alternate: boolean): void {
    this.lines.setAlternate(alternate);
  }

  push(chunk: Uint8Array): void {
    this.lines.push(this.cleaner.clean(chunk).toString('utf8'));
  }

  /** End of stream: what is left of the last line is emitted too. */
  end(): void {
    this.lines.push(this.cleaner.end().toString('utf8'));
    this.lines.finish();
  }
}
