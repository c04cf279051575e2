// The pane's size for its cast (`@audit-cast on`): asciicast v2 says a resize
// with an `"r"` event, which a player follows. tmux tells no reader of a
// resize (pipe-pane hands over bytes only), so the reader asks
// (`display-message -p '#{pane_width} #{pane_height}'`) when output comes
// after at least ASK_MS without asking, and once more at the end of such a
// spell if output came during it: a program redraws after a resize
// (SIGWINCH), so a resize shows as output. The chunk that prompted the
// question, and what follows it while the answer is out, is held back (at
// most HOLD_MS, HOLD_BYTES), so the resize goes into the cast before the
// redraw drawn at the new size (a resize learnt at a spell's end goes in
// when it is learnt, after its redraw). The sizes the screen model learns
// (capture/recorder.ts) go in too.

/** What the watch writes to: the cast (sinks/file/cast.ts). */
export interface SizedCast {
  push(chunk: Buffer, now: number): void;
  resize(columns: number, rows: number, now: number): void;
}

export type AskSize = (done: (size: { columns: number; rows: number } | undefined) => void) => void;

/** Output this long after the last question asks again. */
export const ASK_MS = 500;
/** Output is held back at most this long, and this many bytes, for an answer. */
export const HOLD_MS = 200;
export const HOLD_BYTES = 1 << 20;

export class CastSizeWatch {
  private askedAt = Number.NEGATIVE_INFINITY;
  /** Output waiting for an answer (copies: the reader's buffer is reused), with the time it came. */
  private held: { chunk: Buffer; now: number }[] = [];
  private heldBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  /** A question due at the end of the current spell, for output that came during it. */
  private trailing: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    private readonly cast: SizedCast,
    private readonly ask: AskSize,
    private readonly limits = { askMs: ASK_MS, holdMs: HOLD_MS, holdBytes: HOLD_BYTES },
  ) {}

  /** A chunk of the pane's output at `now` (epoch ms); not kept after the call unless held (then copied). */
  push(chunk: Buffer, now: number): void {
    if (this.ended) return this.cast.push(chunk, now);
    if (this.held.length > 0) {
      this.hold(chunk, now);
      if (this.heldBytes > this.limits.holdBytes) this.release();
      return;
    }
    if (now - this.askedAt < this.limits.askMs) {
      // Asked a moment ago: ask again when the spell ends (the size may have changed meanwhile, the redraw gone out).
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        if (this.ended) return;
        this.askedAt = Date.now();
        this.ask((size) => {
          if (size) this.learnt(size, Date.now());
        });
      }, Math.max(0, this.askedAt + this.limits.askMs - now));
      this.trailing.unref?.();
      return this.cast.push(chunk, now);
    }
    this.askedAt = now;
    this.hold(chunk, now);
    this.timer = setTimeout(() => this.release(), this.limits.holdMs);
    this.timer.unref?.();
    const asked = this.held[0]!;
    this.ask((size) => {
      // Answered in time: the resize goes before the output that prompted it; late: when it came.
      const before = this.held[0] === asked;
      if (size) this.cast.resize(size.columns, size.rows, before ? asked.now : Date.now());
      if (before) this.release();
    });
  }

  /** A size learnt otherwise (the screen model asked): written if it is new. */
  learnt(size: { columns: number; rows: number }, now: number): void {
    this.cast.resize(size.columns, size.rows, this.held[0]?.now ?? now);
  }

  /** Writes what is held, in order; from then on nothing is held (the cast is about to end). */
  end(): void {
    this.release();
    if (this.trailing) clearTimeout(this.trailing);
    this.trailing = undefined;
    this.ended = true;
  }

  private hold(chunk: Buffer, now: number): void {
    this.held.push({ chunk: Buffer.from(chunk), now });
    this.heldBytes += chunk.length;
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const { chunk, now } of held) this.cast.push(chunk, now);
  }
}
