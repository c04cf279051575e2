// One recording's capture: bytes in, records out. The terminal layer turns the
// pane's bytes into lines and screen switches; this stamps them (through the
// Stamper, the only place records are made) and pushes them down the pipeline,
// together with the recorder's own events and the screen blocks of full-screen
// programs. No I/O of its own: the `pipe` command owns input, signals and exit,
// so this runs in-process under a test with a fake clock and a memory sink.

import type { EventFields } from '../core/record.ts';
import { PACE_MAX_BYTES } from '../core/pacing.ts';
import { Hold } from '../pipeline/hold.ts';
import type { Pipeline } from '../pipeline/pipeline.ts';
import { MAX_COLUMNS, MAX_ROWS, QUIET_MS, type ScreenSink } from '../terminal/hybrid.ts';
import { Transcript } from '../terminal/transcript.ts';
import { CommandTracker, type ShellKeys } from './commands.ts';
import { ScreenRecorder, type ScreenEntry, type ScreenSource } from './screen.ts';
import type { Stamper } from './stamper.ts';

export interface RecorderOptions {
  /** Epoch milliseconds now. */
  now: () => number;
  /** tmux, for the program that enters the alternate screen; none for `pipe --file`. */
  screen?: ScreenSource;
  /** The pane's width at start: cursor moves stop at it (none for `pipe --file`: only the line limit). */
  width?: number;
  /** The window's alternate-screen option is off: the pane stays on the normal screen whatever it prints. */
  noAlternateScreen?: boolean;
  /** The bytes are not a pane's (`pipe --file`): LF also returns to column 0 (see LineAssembler). */
  newlineReturns?: boolean;
  /**
   * Each chunk pushed is one read of tmux's pipe (pipe-pane): a ZWJ waiting at
   * its end is forgotten, as tmux forgot it (Transcript.readEnded). Not for
   * `pipe --file`: a program's output, read in pieces no tmux chose.
   */
  tmuxReads?: boolean;
  /** The pane's height at start: the screen model's (none for `pipe --file`: 24). */
  height?: number;
  /**
   * Asks tmux for the pane's size now, asynchronously: a resize is learnt when
   * a cursor move hits the old edge, and every BUSY_MS while the screen model
   * has the stream (a pane made shorter shows no such move).
   */
  paneSize?: (done: (size: { columns: number; rows: number } | undefined) => void) => void;
  /** tmux, for the hashes integrated shells registered (none: every command mark is `verified=no`). */
  shellKeys?: ShellKeys;
  /** The pipeline's hold, which keeps records back while a shell's key is being looked up (first in the pipeline's transforms). */
  hold?: Hold;
}

/** `source`, whose answers about the program hold the pipeline until they are in, so the enter event goes out with its program and in order. */
function heldWhileAsking(source: ScreenSource, hold: Hold): ScreenSource {
  return {
    alternate: source.alternate && ((done) => source.alternate!(done)),
    program: (done) => {
      const release = hold.hold();
      source.program((name) => {
        done(name);
        release();
      });
    },
  };
}

/** A pane resized often (a window being dragged) is asked its size at most this often. */
const SIZE_ASK_MS = 1000;
/**
 * While the screen model has the stream, what it shows is logged once the
 * pane has been quiet QUIET_MS (a redrawn row's last state, a full-screen
 * program's frame), and at least every BUSY_MS while output keeps coming.
 */
const BUSY_MS = 5000;

export class Recorder implements ScreenSink {
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
  private sizeAskedAt = Number.NEGATIVE_INFINITY;
  private quiet: NodeJS.Timeout | undefined;
  private settledAt = 0;
  private ended = false;
  /** Screen switches seen in the stream: an answer from tmux about the screen is stale if one came after the question. */
  private switches = 0;
  private resyncing = false;
  /** The size the models have (tmux's, as last told), if known. */
  private size: { columns: number; rows: number } | undefined;

  constructor(
    private readonly stamper: Stamper,
    private readonly pipeline: Pipeline,
    private readonly options: RecorderOptions,
  ) {
    this.transcript = this.newTranscript();
    if (options.width && options.height) this.size = { columns: options.width, rows: options.height };
    const hold = options.hold ?? new Hold();
    this.commands = new CommandTracker({
      keys: options.shellKeys,
      hold,
      event: (name, fields) => this.event(name, fields),
      now: options.now,
    });
    this.screenRecorder = new ScreenRecorder(options.screen && heldWhileAsking(options.screen, hold), (entries) => this.screenEntries(entries));
  }

  /**
   * Opens the recording: `seed` is what the cursor's line already showed,
   * `rowsAbove` the rows of the screen above it, `alternate` whether a
   * full-screen program was up (its screen is then a block from the start).
   */
  start(fields: EventFields, seed: string, alternate: boolean, rowsAbove?: readonly string[]): void {
    this.transcript.seed(seed, alternate ? [] : rowsAbove);
    this.event('start', fields);
    this.pipeline.flush();
    if (alternate) {
      this.transcript.setAlternate(true, rowsAbove);
      this.armSettle();
    }
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
    const time = this.tick();
    this.inChunk = true;
    try {
      this.transcript.push(chunk, this.time);
      // A read of PACE_MAX_BYTES or more found a backlog: the socket held more than tmux had written at once, and
      // where it was cut is where the socket's buffer was, often inside one of tmux's reads (review of zwjb15: every
      // ZWJ wrongly forgotten in a flood ended a 65,536-byte read). There the ZWJ waits, as before.
      if (this.options.tmuxReads && chunk.length < PACE_MAX_BYTES) this.transcript.readEnded();
      if (this.transcript.busy && time - this.settledAt >= BUSY_MS) {
        this.settledAt = time;
        this.transcript.settle('busy');
        this.askSize();
      }
    } catch (error) {
      this.terminalFailed(error as Error, chunk.length);
    } finally {
      this.inChunk = false;
    }
    this.pipeline.flush();
    this.armSettle();
  }

  /** While the screen model has the stream: a settle once the pane has been quiet (refreshed by each chunk). */
  private armSettle(): void {
    if (this.ended || !this.transcript.busy) return;
    if (this.quiet) {
      this.quiet.refresh();
      return;
    }
    this.settledAt ||= this.time;
    this.quiet = setTimeout(() => {
      this.quiet = undefined;
      if (this.ended) return;
      this.settledAt = this.tick();
      this.transcript.settle('quiet');
      this.pipeline.flush();
      this.checkAlternate();
    }, QUIET_MS);
  }

  /** The recorder's own event, in order with the output; `notAfter`: it goes ahead of records stamped that early. */
  event(name: string, fields: EventFields, notAfter?: number): void {
    const time = this.stamp();
    this.pipeline.push(this.stamper.event(name, fields, notAfter !== undefined && notAfter < time ? notAfter : time));
  }

  /** End of input: what is left of the last line is recorded, and anything held is let go. */
  endOfInput(): void {
    this.tick();
    this.ended = true;
    clearTimeout(this.quiet);
    this.quiet = undefined;
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
    this.pipeline.push(this.stamper.output(continued ? 'piece' : 'line', text, this.stamp()));
  }

  /** ScreenSink: a logged row that now shows other text, as it settled. */
  redrawn(text: string): void {
    if (this.commands.blanking) text = this.commands.blank(text);
    this.pipeline.push(this.stamper.output('redrawn', text, this.stamp()));
  }

  /** ScreenSink: redrawn states of rows that left the screen unlogged, the redraw budget being spent (terminal/hybrid.ts). */
  skipped(redraws: number, chars: number): void {
    this.event('dropped', { lines: redraws, chars, reason: 'redraw-budget' });
  }

  /** ScreenSink: the line just logged (text a clear took away) was shown and cleared this many more times (terminal/hybrid.ts erasedLine). */
  repeated(times: number): void {
    this.event('repeated', { times });
  }

  /** ScreenSink: the pane is larger than the screen model: what it draws past the model's edge is not logged as it shows. */
  clipped(columns: number, rows: number): void {
    this.event('screen', { state: 'clipped', columns, rows, model: `${MAX_COLUMNS}x${MAX_ROWS}` });
  }

  /** ScreenSink: the alternate screen as it shows now. */
  frame(rows: string[]): void {
    this.screenRecorder.frame(rows);
  }

  /** ScreenSink: rows that left the alternate screen before a frame showed them. */
  scrolledOff(rows: string[]): void {
    this.screenRecorder.scrolledOff(rows);
  }

  /** LineSink: a semantic-prompt mark (a shell's command, or one forged by output: commands.ts tells them apart). */
  osc(command: number, data: string, truncated: boolean): void {
    this.commands.mark(command, data, truncated, () => this.transcript.pendingText());
  }

  /** LineSink: the pane switched screens. */
  screen(alternate: boolean): void {
    this.switches++;
    this.screenRecorder.switched(alternate, !alternate && this.resyncing ? 'resync' : undefined);
  }

  /** Quiet in a full-screen block: tmux is asked (without waiting) whether the pane really is still in the alternate screen. */
  private checkAlternate(): void {
    const ask = this.options.screen?.alternate;
    if (!ask || !this.transcript.inAlternate) return;
    const switches = this.switches;
    ask((on) => {
      if (on !== false || this.ended || switches !== this.switches || !this.transcript.inAlternate) return;
      this.tick();
      this.resyncing = true;
      try {
        this.transcript.resync();
      } finally {
        this.resyncing = false;
      }
      this.pipeline.flush();
    });
  }

  /** LineSink: a cursor move stopped at the edge of the size we know; the pane may be larger now. */
  clamped(): void {
    this.askSize();
  }

  /** Asks tmux for the pane's size, at most every SIZE_ASK_MS; the answer resizes the models. Never waits on tmux. */
  private askSize(): void {
    const ask = this.options.paneSize;
    if (!ask || this.time - this.sizeAskedAt < SIZE_ASK_MS) return;
    this.sizeAskedAt = this.time;
    ask((size) => {
      if (size !== undefined) this.resized(size);
    });
  }

  /** The pane's size, as tmux said it (asked here, or on the resize signal: capture/resize-hold.ts); the models take it before the next read. */
  resized(size: { columns: number; rows: number }): void {
    if (this.ended) return;
    this.tick();
    const before = this.size;
    this.size = { columns: size.columns, rows: size.rows };
    try {
      this.transcript.resize(size.columns, size.rows);
    } catch (error) {
      this.terminalFailed(error as Error, 0);
    }
    // A full-screen program redraws on its own SIGWINCH, which can reach the pane before the reader learns the
    // size (the signal travels beside the stream: capture/resize-hold.ts): that redraw, and the frames made of it,
    // were modelled at the old size. Said in the block, so no frame before this is taken for the new size; the
    // program's next redraw is modelled at the new one.
    const changed = !before || before.columns !== size.columns || before.rows !== size.rows;
    if (changed && this.transcript.inAlternate) this.event('resize', { from: before ? `${before.columns}x${before.rows}` : undefined, to: `${size.columns}x${size.rows}` });
    this.pipeline.flush();
  }

  /** The terminal layer as it starts: the pane's width, and what the window lets the pane switch. */
  private newTranscript(): Transcript {
    return new Transcript(this, {
      columns: this.options.width,
      rows: this.options.height,
      newlineReturns: this.options.newlineReturns,
      noAlternateScreen: this.options.noAlternateScreen,
    });
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
