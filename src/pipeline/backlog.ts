// Drop accounting: the reader never holds its input back (tmux would keep what it
// has not taken in its own memory, without limit: window.c:1008, no
// watermark), so when a sink cannot keep up, its queue is what grows. Above
// `limit` queued bytes, output lines are dropped and counted instead, until the
// queue is back under half the limit, so one gap is one `dropped` event, and
// the event stands where the gap is. Events and screen rows are never dropped.

import type { AuditRecord } from '../core/record.ts';
import type { Next, Transform } from './pipeline.ts';

/**
 * Queued log bytes above which new lines are dropped and counted: the reader's
 * memory bound (16 MiB of queue on top of Node's own ~45 MB).
 */
export const MAX_BACKLOG = 16 * 1024 * 1024;

/** How often to check whether a backlog has drained, so a `dropped` event never waits for more output. */
const DRAIN_CHECK_MS = 500;

export interface BacklogOptions {
  /** Bytes the guarded sink holds now. */
  pressure: () => number;
  limit?: number;
  /** The event that accounts for a gap, stamped `time`: that of the record that ends it, or of the last one dropped, so stamps stay in order. */
  dropped: (lines: number, chars: number, time: number) => AuditRecord;
}

export class BacklogGuard implements Transform {
  private lines = 0;
  private chars = 0;
  private lastDroppedTime = 0;
  private check: NodeJS.Timeout | undefined;
  private readonly limit: number;
  /** The queue has drained while lines were being dropped: the event must not wait for more output. */
  private drained: () => void = () => {};

  constructor(private readonly options: BacklogOptions) {
    this.limit = options.limit ?? MAX_BACKLOG;
  }

  push(record: AuditRecord, next: Next): void {
    if (record.kind !== 'line' && record.kind !== 'piece') return next(record);
    if (this.options.pressure() > (this.lines > 0 ? this.limit / 2 : this.limit)) {
      if (this.lines === 0) {
        this.check = setInterval(() => {
          if (this.options.pressure() <= this.limit / 2) this.drained();
        }, DRAIN_CHECK_MS);
      }
      this.lines++;
      this.chars += record.text.length;
      this.lastDroppedTime = record.time;
      return;
    }
    if (this.lines > 0) this.endGap(next, record.time);
    next(record);
  }

  connect(settle: () => void): void {
    this.drained = settle;
  }

  settle(next: Next): void {
    if (this.lines > 0) this.endGap(next, this.lastDroppedTime);
  }

  close(): void {
    clearInterval(this.check);
  }

  private endGap(next: Next, time: number): void {
    const event = this.options.dropped(this.lines, this.chars, time);
    clearInterval(this.check);
    this.lines = 0;
    this.chars = 0;
    next(event);
  }
}
