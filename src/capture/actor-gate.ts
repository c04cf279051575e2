// When the reader asks tmux who is typing (capture/actor.ts), and what waits
// for the answer. Someone who starts typing after a pause (typing is a key
// every 100-300 ms; output floods have no pauses) makes tmux run the
// client-active hook before the pane has even echoed the first key (the hook
// is queued at the key press, server-client.c:1999, and runs at the server's
// next loop; the echo needs the pane's program to run first). So the first read
// after a quiet spell is held back until tmux has answered: what it holds is
// then stamped with the user who typed it, not the one before. A flood has no
// quiet spells and is asked about once a second without being held; an
// attach or detach with no output is seen by `poll`. Pure: the clock and the
// question are given; the reader keeps draining its input while a read waits.

import type { ActorTracker, TypingSnapshot } from './actor.ts';

/** Input quiet this long: the next read may come from someone else's keys, and waits for tmux's answer. */
export const QUIET_MS = 150;
/** While input flows, who types is asked at most this often (and then nothing is held back). */
export const RECHECK_MS = 1000;
/** Held back at most this many bytes; past it, what waits goes on (stamped with the user known then). */
export const MAX_HELD_BYTES = 1024 * 1024;

export interface ActorGateOptions {
  now: () => number;
  /** Asks tmux, asynchronously; undefined when it cannot say (the asker gives up after a bounded time). */
  ask: (done: (snapshot: TypingSnapshot | undefined) => void) => void;
  tracker: ActorTracker;
  /** A read, let through to the recorder. */
  deliver: (chunk: Uint8Array) => void;
}

export class ActorGate {
  private lastInput = Number.NEGATIVE_INFINITY;
  private lastAsked = Number.NEGATIVE_INFINITY;
  /** Numbers the questions: an answer older than one already used is stale. */
  private asked = 0;
  private answered = 0;
  /** The question whose answer the held reads wait for (0: nothing held). */
  private holdFor = 0;
  private held: (Uint8Array | (() => void))[] = [];
  private heldBytes = 0;
  private closed = false;

  constructor(private readonly options: ActorGateOptions) {}

  /** A read from the pane (valid during the call only, as the input gives it). */
  push(chunk: Uint8Array): void {
    const now = this.options.now();
    const quiet = now - this.lastInput >= QUIET_MS;
    this.lastInput = now;
    if (this.holdFor !== 0) return this.keep(chunk);
    if (quiet) {
      this.holdFor = this.ask(now);
      return this.keep(chunk);
    }
    if (now - this.lastAsked >= RECHECK_MS) this.ask(now);
    this.options.deliver(chunk);
  }

  /** Something for what comes after the gate (a size learnt: commands/pipe.ts): now, or after the reads held before it. */
  inOrder(action: () => void): void {
    if (this.holdFor === 0) return action();
    this.held.push(action);
  }

  /** Asks without holding anything (a timer: clients come and go without output). */
  poll(): void {
    if (!this.closed && this.answered === this.asked) this.ask();
  }

  /** End of input: what is held goes on now, and later answers are ignored (the recording is closing). */
  close(): void {
    this.release();
    this.closed = true;
  }

  private keep(chunk: Uint8Array): void {
    // A read is valid only during its call (runtime/input.ts reuses one buffer): what waits is a copy.
    this.held.push(Buffer.from(chunk)); // (Buffer#slice would share the memory)
    this.heldBytes += chunk.length;
    if (this.heldBytes > MAX_HELD_BYTES) this.release();
  }

  private release(): void {
    this.holdFor = 0;
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const item of held) {
      if (typeof item === 'function') item();
      else this.options.deliver(item);
    }
  }

  /** `printedAt`: when the read that asks came (ms, the clock's); none for a poll. */
  private ask(printedAt?: number): number {
    const number = ++this.asked;
    this.lastAsked = this.options.now();
    this.options.ask((snapshot) => {
      if (this.closed || number <= this.answered) return;
      this.answered = number;
      // tmux's activity times are whole epoch seconds (format.c client_activity).
      if (snapshot) this.options.tracker.update(snapshot, printedAt === undefined ? undefined : Math.floor(printedAt / 1000));
      if (this.holdFor !== 0 && number >= this.holdFor) this.release();
    });
    return number;
  }
}
