// Holding the record back while a fact about it is being asked for: a shell's
// command event waits for tmux to say whether the shell's key is registered
// (capture/commands.ts), and everything after it waits with it, so the log
// keeps the order the pane printed in. The question is asked asynchronously:
// the reader keeps draining its input meanwhile. A hold is bounded in time
// (the asker gives up) and in size (past MAX_HELD_CHARS the hold lets go:
// what was held is written as it stands then, e.g. a command not yet known to
// be genuine as `verified=no`).

import type { AuditRecord } from '../core/record.ts';
import type { Next, Transform } from './pipeline.ts';

/** Text held at most; a flood during a slow answer does not grow the reader past this. */
export const MAX_HELD_CHARS = 4 * 1024 * 1024;

export class Hold implements Transform {
  private holders = 0;
  /** Bumped when the hold lets go on its own: releases of holds taken before then are void. */
  private generation = 0;
  private held: AuditRecord[] = [];
  private heldChars = 0;
  private settleNow: () => void = () => {};
  /**
   * Holds what follows; the function returned lets go of this hold (once:
   * calling it again does nothing). When no hold is left, what was held goes
   * on at once.
   */
  hold(): () => void {
    this.holders++;
    const generation = this.generation;
    let released = false;
    return () => {
      // A hold taken before an overflow was let go then: its release must not let go of a newer one.
      if (released || generation !== this.generation) return;
      released = true;
      if (--this.holders === 0) this.settleNow();
    };
  }

  /** Rewrites the text of what is held (and the string fields of held events): a secret learnt late is blanked in what came before it. */
  rewrite(change: (text: string) => string): void {
    for (let i = 0; i < this.held.length; i++) {
      const record = this.held[i]!;
      if (record.kind !== 'event') {
        this.held[i] = { ...record, text: change(record.text) };
        continue;
      }
      if (!record.fields) continue;
      const fields: Record<string, string | number | undefined> = record.fields as Record<string, string | number | undefined>;
      for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') fields[key] = change(value);
    }
  }

  get holding(): boolean {
    return this.holders > 0;
  }

  push(record: AuditRecord, next: Next): void {
    if (this.holders === 0) return next(record);
    // Output records are reused by the stamper (valid during the call only): keep a copy.
    this.held.push(record.kind === 'event' ? record : { ...record });
    this.heldChars += record.text.length;
    // An event's fields count too: a command line is up to 256 KiB.
    if (record.fields) for (const value of Object.values(record.fields)) if (typeof value === 'string') this.heldChars += value.length;
    if (this.heldChars > MAX_HELD_CHARS) {
      this.holders = 0;
      this.generation++;
      this.settleNow();
    }
  }

  connect(settle: () => void): void {
    this.settleNow = settle;
  }

  settle(next: Next): void {
    if (this.holders > 0) return;
    const held = this.held;
    this.held = [];
    this.heldChars = 0;
    for (const record of held) next(record);
  }

  /** The recording ends: every hold is let go (their releases are void), and the next settle passes on what was held. */
  close(): void {
    this.holders = 0;
    this.generation++;
  }
}
