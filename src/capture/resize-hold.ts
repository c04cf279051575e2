// What the reader does when told the pane was resized. pipe-pane hands over
// bytes only, so audit.tmux's window-layout-changed hook sends the reader
// SIGWINCH (its pid is the pane option @audit_reader_pid) whenever the
// layout of a window with a logged pane changes: resize-window, a client's
// size (resize.c:63 resize_window), resize-pane and a pane closed
// (layout.c:604, layout.c:1049), split (spawn.c:482), joined or swapped
// (cmd-join-pane.c:167, cmd-swap-pane.c:138), zoom (window.c:668, 691),
// select-layout (cmd-select-layout.c:142). On the signal the reader asks tmux the pane's
// size, and the output read after the signal waits for the answer (at most
// HOLD_MS and HOLD_BYTES, as sinks/file/cast-size.ts holds a cast's), so the
// redraw a program makes on its own SIGWINCH, and whatever it prints next, is
// modelled at the new size. Output read between tmux's resize and the signal
// (a few milliseconds: the hook's `sh`) is still modelled at the old size.
// Signals coming while an answer is out (a window being dragged) ask again
// once it is in, so the last size wins. No signal, nothing held: one branch
// per read.
//
// What else reaches the recorder (who acts: the actor gate's answer and its
// `actor` event; `moved`, notes, clients, stall, syslog) goes through `inOrder`:
// while reads are held it waits behind them, so order and attribution are as if
// nothing were held (an actor switch the gate made after a read it gave to the
// previous user must not overtake that read).

/** The pane's size, asked of tmux asynchronously; undefined when it cannot say. */
export type AskSize = (done: (size: { columns: number; rows: number } | undefined) => void) => void;

/** Output is held back at most this long, and this many bytes, for an answer. */
export const HOLD_MS = 200;
export const HOLD_BYTES = 1 << 20;

export interface ResizeHoldOptions {
  ask: AskSize;
  /** A read, let through (to the recorder). Not kept after the call. */
  deliver: (chunk: Uint8Array) => void;
  /** The size learnt: the models take it before the reads held for it. */
  resized: (size: { columns: number; rows: number }) => void;
  holdMs?: number;
  holdBytes?: number;
}

export class ResizeHold {
  /** A question is out. */
  private asking = false;
  /** A signal came while it was out: ask again when it is answered. */
  private again = false;
  /** Reads wait (set by a signal, cleared when the answer is in, or at the limits). */
  private holding = false;
  /** Copies (the reader's buffer is reused), and what came to the recorder meanwhile, in order. */
  private held: (Buffer | (() => void))[] = [];
  private heldBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private draining = false;

  constructor(private readonly options: ResizeHoldOptions) {}

  /** A read. */
  push(chunk: Uint8Array): void {
    if (!this.holding) return this.options.deliver(chunk);
    this.held.push(Buffer.from(chunk));
    this.heldBytes += chunk.length;
    if (this.heldBytes > (this.options.holdBytes ?? HOLD_BYTES)) this.release();
  }

  /** Something for the recorder other than a read: now, or after the reads held before it. */
  inOrder(action: () => void): void {
    if (!this.holding) return action();
    this.held.push(action);
  }

  /** SIGWINCH: the pane's size may have changed. Never throttled: each signal is a resize tmux made. */
  signalled(): void {
    if (this.ended) return;
    if (!this.holding) {
      this.holding = true;
      this.timer = setTimeout(() => this.release(), this.options.holdMs ?? HOLD_MS);
      this.timer.unref?.();
    }
    if (this.asking) {
      this.again = true;
      return;
    }
    this.ask();
  }

  /** Lets go of what is held, and holds nothing more (the reader is stopping). */
  end(): void {
    this.ended = true;
    this.release();
  }

  private ask(): void {
    this.asking = true;
    this.options.ask((size) => {
      this.asking = false;
      if (this.ended) return;
      // Late (after the hold gave up): the size still counts from now on.
      if (size) this.options.resized(size);
      if (this.again) {
        this.again = false;
        this.ask();
        return;
      }
      this.release();
    });
  }

  private release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.draining) return;
    // Still holding while it drains: anything an item sets off goes after what was held, not before.
    this.draining = true;
    try {
      for (let i = 0; i < this.held.length; i++) {
        const item = this.held[i]!;
        if (typeof item === 'function') item();
        else this.options.deliver(item);
      }
    } finally {
      this.draining = false;
      this.holding = false;
      this.held = [];
      this.heldBytes = 0;
    }
  }
}
