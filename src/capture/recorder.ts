// One recording's capture: bytes in, records out. The terminal layer turns the
// pane's bytes into lines and screen switches; this stamps them (through the
// Stamper, the only place records are made) and pushes them down the pipeline,
// together with the recorder's own events and the screen blocks of full-screen
// programs. No I/O of its own: the `pipe` command owns input, signals and exit,
// so this runs in-process under a test with a fake clock and a memory sink.

import type { EventFields } from '../core/record.ts';
import { Hold } from '../pipeline/hold.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import type { LineSink } from '../terminal/lines.ts';
import { Transcript } from '../terminal/transcript.ts';
import { CommandTracker, type ShellKeys } from './commands.ts';
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
  /** The window's alternate-screen option is off: the pane stays on the normal screen whatever it prints. */
  noAlternateScreen?: boolean;
  /** The bytes are not a pane's (`pipe --file`): LF also returns to column 0 (see LineAssembler). */
  newlineReturns?: boolean;
  /** Asks tmux for the pane's width now, asynchronously: a resize is learnt when a cursor move hits the old edge. */
  paneWidth?: (done: (width: number | undefined) => void) => void;
  /** tmux, for the hashes integrated shells registered (none: every command mark is `verified=no`). */
  shellKeys?: ShellKeys;
  /** The pipeline's hold, which keeps records back while a shell's key is being looked up (first in the pipeline's transforms). */
  hold?: Hold;
}

/** `source`, whose answers about the program hold the pipeline until they are in, so the enter event goes out with its program and in order. */
function heldWhileAsking(source: ScreenSource, hold: Hold): ScreenSource {
  return {
    capture: (done) => source.capture(done),
    program: (done) => {
      const release = hold.hold();
      source.program((name) => {
        done(name);
        release();
      });
    },
  };
}

/** A pane resized often (a window being dragged) is asked its width at most this often. */
const WIDTH_ASK_MS = 1000;

export class Recorder implements LineSink {
  private transcript: Transcript;
  private readonly screenRecorder: ScreenRecorder;
  private readonly commands: CommandTracker;
  /**
   * The stamp of what is being recorded now: one clock reading per chunk, for
   * everything the chunk produces, and never earlier than the stamp before it
   * (the clock may step back; a timer's event may come between chunks).
   */
  private time = 0;
  /** Set while a chunk is being turned into records: they all take its stamp. */
  private inChunk = false;
  private widthAskedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stamper: Stamper,
    private readonly pipeline: Pipeline,
    private readonly options: RecorderOptions,
  ) {
    this.transcript = this.newTranscript();
    const hold = options.hold ?? new Hold();
    this.commands = new CommandTracker({
      keys: options.shellKeys,
      hold,
      event: (name, fields) => this.event(name, fields),
      now: options.now,
    });
    this.screenRecorder = new ScreenRecorder(
      options.screen && heldWhileAsking(options.screen, hold),
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

  /**
   * What the pane already showed when logging started (a start by hand): a
   * `history` event with the capture time and the row count, then the rows as
   * history rows (their own mark `<`, kind `history`), each escaped like any
   * text, so that nothing in them reads as a line printed now, a screen of
   * now, or an event.
   */
  history(captured: number, rows: readonly string[]): void {
    this.event('history', { captured: new Date(captured).toISOString(), lines: rows.length });
    const time = this.stamp();
    for (const row of rows) this.pipeline.push(this.stamper.output('history', row, time));
    this.pipeline.flush();
  }

  /** A chunk of the pane's output, as read. */
  push(chunk: Uint8Array): void {
    this.tick();
    this.inChunk = true;
    try {
      this.transcript.push(chunk, this.time);
    } catch (error) {
      this.terminalFailed(error as Error, chunk.length);
    } finally {
      this.inChunk = false;
    }
    this.pipeline.flush();
    this.screenRecorder.output();
  }

  /** The recorder's own event, in order with the output; `notAfter`: it goes ahead of records stamped that early. */
  event(name: string, fields: EventFields, notAfter?: number): void {
    const time = this.stamp();
    this.pipeline.push(this.stamper.event(name, fields, notAfter !== undefined && notAfter < time ? notAfter : time));
  }

  /** End of input: what is left of the last line is recorded, and anything held is let go. */
  endOfInput(): void {
    this.tick();
    this.transcript.end();
    this.screenRecorder.close();
    this.commands.close();
    this.pipeline.settle();
  }

  /** The last event, then everything delivered and closed. */
  async stop(fields: EventFields): Promise<void> {
    this.event('stop', fields);
    await this.pipeline.close();
  }

  /** LineSink: a finished line of output. */
  line(text: string, continued: boolean): void {
    if (this.commands.blanking) text = this.commands.blank(text);
    if (!continued) this.commands.sawLine(text);
    this.pipeline.push(this.stamper.output(continued ? 'piece' : 'line', text, this.time));
  }

  /** LineSink: a semantic-prompt mark (a shell's command, or one forged by output: commands.ts tells them apart). */
  osc(command: number, data: string, truncated: boolean): void {
    this.commands.mark(command, data, truncated, () => this.transcript.pendingText());
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

  /** The terminal layer as it starts: the pane's width, and what the window lets the pane switch. */
  private newTranscript(): Transcript {
    const transcript = new Transcript(this, this.options.maxLineChars, this.options.width, this.options.newlineReturns);
    if (this.options.noAlternateScreen) transcript.ignoreScreenSwitches();
    return transcript;
  }

  /**
   * A fault in the terminal layer (a bug, reached by some output) must not end
   * the recording: it is said in the log, with the size of the read it failed
   * on (part of which may be missing), and the terminal layer starts afresh. Without
   * this, any pane could stop its own logging by printing the bytes that hit it.
   */
  private terminalFailed(error: Error, bytes: number): void {
    const failed = this.transcript;
    this.transcript = this.newTranscript();
    this.event('error', { message: error.message, where: 'terminal', read: bytes, recovered: 'yes' });
    try {
      failed.end(); // what it still holds (the line in progress), if it can
    } catch {
      // it cannot: the event above says the read may be missing
    }
  }

  /** Reads the clock for a new chunk or event, never going back. */
  private tick(): number {
    const now = this.options.now();
    if (now > this.time) this.time = now;
    return this.time;
  }

  /** The stamp for a record made now: the chunk's while one is being read, else a fresh reading. */
  private stamp(): number {
    return this.inChunk ? this.time : this.tick();
  }

  private screenEntries(entries: ScreenEntry[]): void {
    const time = this.stamp();
    for (const entry of entries) {
      if ('event' in entry) this.pipeline.push(this.stamper.event('screen', entry.event, time));
      else this.pipeline.push(this.stamper.output('screen', this.commands.blanking ? this.commands.blank(entry.row) : entry.row, time));
    }
    this.pipeline.flush();
  }
}
