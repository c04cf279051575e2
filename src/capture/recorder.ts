// One recording's capture: bytes in, records out. The terminal layer turns the
// pane's bytes into lines and screen switches; this stamps them (through the
// Stamper, the only place records are made) and pushes them down the pipeline,
// together with the recorder's own events and the screen blocks of full-screen
// programs. No I/O of its own: the `pipe` command owns input, signals and exit,
// so this runs in-process under a test with a fake clock and a memory sink.

import type { EventFields } from '../core/record.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { LineSink } from '../terminal/lines.ts';
import { Transcript } from '../terminal/transcript.ts';
import { ScreenRecorder, type ScreenEntry, type ScreenSource } from './screen.ts';
import type { Stamper } from './stamper.ts';

export interface RecorderOptions {
  /** Epoch milliseconds now. */
  now: () => number;
  /** tmux, for full-screen snapshots; none for `pipe --file`. */
  screen?: ScreenSource;
  /** Longest line kept whole (see terminal/lines.ts). */
  maxLineChars?: number;
  /** The pane's width at start: cursor moves stop at it (none for `pipe --file`: only the line limit). */
  width?: number;
  /** The bytes are not a pane's (`pipe --file`): LF also returns to column 0 (see LineAssembler). */
  newlineReturns?: boolean;
  /** Asks tmux for the pane's width now, asynchronously: a resize is learnt when a cursor move hits the old edge. */
  paneWidth?: (done: (width: number | undefined) => void) => void;
}

/** A pane resized often (a window being dragged) is asked its width at most this often. */
const WIDTH_ASK_MS = 1000;

export class Recorder implements LineSink {
  private readonly transcript: Transcript;
  private readonly screenRecorder: ScreenRecorder;
  /** One clock reading per chunk, for everything the chunk produces. */
  private time = 0;
  private widthAskedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stamper: Stamper,
    private readonly pipeline: Pipeline,
    private readonly options: RecorderOptions,
  ) {
    this.transcript = new Transcript(this, options.maxLineChars, options.width, options.newlineReturns);
    this.screenRecorder = new ScreenRecorder(
      options.screen,
      (entries) => this.screenEntries(entries),
      () => this.transcript.setAlternate(false),
    );
  }

  /**
   * Opens the recording: `seed` is what the cursor's line already showed,
   * `alternate` whether a full-screen program was up (its screen is then a
   * block from the start).
   */
  start(fields: EventFields, seed: string, alternate: boolean): void {
    this.transcript.seed(seed);
    this.event('start', fields);
    this.pipeline.flush();
    if (alternate) this.transcript.setAlternate(true);
  }

  /** A chunk of the pane's output, as read. */
  push(chunk: Uint8Array): void {
    this.time = this.options.now();
    this.transcript.push(chunk);
    this.pipeline.flush();
    this.screenRecorder.output();
  }

  /** The recorder's own event, in order with the output. */
  event(name: string, fields: EventFields): void {
    this.pipeline.push(this.stamper.event(name, fields, this.options.now()));
  }

  /** End of input: what is left of the last line is recorded, and anything held is let go. */
  endOfInput(): void {
    this.time = this.options.now();
    this.transcript.end();
    this.screenRecorder.close();
    this.pipeline.settle();
  }

  /** The last event, then everything delivered and closed. */
  async stop(fields: EventFields): Promise<void> {
    this.event('stop', fields);
    await this.pipeline.close();
  }

  /** LineSink: a finished line of output. */
  line(text: string, continued: boolean): void {
    this.pipeline.push(this.stamper.output(continued ? 'piece' : 'line', text, this.time));
  }

  /** LineSink: the pane switched screens. */
  screen(alternate: boolean): void {
    this.screenRecorder.switched(alternate);
  }

  /** LineSink: a cursor move stopped at the width we know; the pane may be wider now. Never waits on tmux. */
  clamped(): void {
    const ask = this.options.paneWidth;
    if (!ask || this.time - this.widthAskedAt < WIDTH_ASK_MS) return;
    this.widthAskedAt = this.time;
    ask((width) => {
      if (width !== undefined) this.transcript.setColumns(width);
    });
  }

  private screenEntries(entries: ScreenEntry[]): void {
    const time = this.options.now();
    for (const entry of entries) {
      if ('event' in entry) this.pipeline.push(this.stamper.event('screen', entry.event, time));
      else this.pipeline.push(this.stamper.output('screen', entry.row, time));
    }
    this.pipeline.flush();
  }
}
