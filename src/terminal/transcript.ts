// Bytes as a pane printed them in, clean lines out: the escape cleaner (which
// also makes the text valid UTF-8, holding back a character split across reads)
// reporting to the hybrid (the line model for plain text, the screen model
// while the pane addresses its screen), in the order the data flows. Knows
// nothing of time, users or files: the recorder says when to settle.

import { EscapeCleaner } from './ansi.ts';
import { Hybrid, type HybridOptions, type ScreenSink, type SettleReason } from './hybrid.ts';

export class Transcript {
  private readonly cleaner = new EscapeCleaner();
  private readonly hybrid: Hybrid;

  /** `columns`, `rows`: the pane's size, if known. */
  constructor(sink: ScreenSink, options: HybridOptions = {}) {
    this.hybrid = new Hybrid(sink, options);
  }

  /** The pane's width changed (a resize). */
  setColumns(columns: number): void {
    this.hybrid.setColumns(columns);
  }

  /** The pane's size changed (a resize). */
  resize(columns: number, rows: number): void {
    this.hybrid.setSize(columns, rows);
  }

  /** What the screen showed before the stream began: the cursor's line up to the cursor, and the rows above it. */
  seed(text: string, rowsAbove?: readonly string[]): void {
    this.hybrid.seed(text, rowsAbove);
  }

  /** The line being drawn, not yet finished. */
  pendingText(): string {
    return this.hybrid.pendingText();
  }

  /** The pane is in the alternate screen without a sequence in the stream (it was when logging began). */
  setAlternate(alternate: boolean, rows?: readonly string[]): void {
    this.hybrid.setAlternate(alternate, rows);
  }

  /** The screen model has the stream: the recorder should settle it when quiet and every few seconds. */
  get busy(): boolean {
    return this.hybrid.busy;
  }

  /** A full-screen program's block is open. */
  get inAlternate(): boolean {
    return this.hybrid.inAlternate;
  }

  /** See Hybrid.resync. */
  resync(): void {
    this.hybrid.resync();
  }

  /** See Hybrid.settle. */
  settle(reason: SettleReason): void {
    this.hybrid.settle(reason);
  }

  /** `now`: when the chunk was read (see EscapeCleaner.advance). */
  push(chunk: Uint8Array, now?: number): void {
    this.hybrid.input(chunk.length, now);
    this.cleaner.advance(chunk, this.hybrid, now);
  }

  /**
   * The chunks pushed so far were one read of tmux's: a ZWJ still waiting for
   * the character it joins is forgotten. tmux keeps that wait as a flag of its
   * screen-writing context (screen-write.c:1837), which it starts afresh, zeroed,
   * for each read of the pane (input_parse_buffer, input.c:975, through
   * screen_write_init's memset, screen-write.c:247): a character in the next read
   * takes a cell of its own. Not done by `push`, so that how bytes are cut into
   * pushes changes nothing else. The caller says where its own reads of the
   * pipe end: tmux hands each of its reads to the pipe at once (window.c:1011),
   * so that is the best sign of where tmux's ended (not a proof: under a flood
   * one read of ours may hold several of tmux's).
   */
  readEnded(): void {
    this.hybrid.readEnded();
  }

  /** End of stream: what is left of the last line is emitted too. */
  end(): void {
    this.cleaner.end(this.hybrid);
    this.hybrid.finish();
  }
}
