// Full-screen programs (vim, less, top, man) draw in the alternate screen with
// cursor movement; logged line by line that is noise. While a pane is in the
// alternate screen the line assembler sets its output aside, and this records a
// marked block instead: which program entered and when, readable snapshots of
// the screen, and when it left.
//
// tmux parses a pane's output right after handing it to the pipe
// (window.c:998, input.c:950), so by the time the reader sees the switch back,
// the alternate screen is already gone. Snapshots are therefore taken while it
// is up: once the screen has been quiet for SETTLE_MS, and at least every
// EVERY_MS while it keeps changing. An unchanged screen is not written twice.
//
// tmux can also leave the alternate screen without a byte in the stream
// (respawn-pane -k): a capture that finds the normal screen ends the block
// (`leave reason=resync`) with a snapshot of what the normal screen shows, so
// what was printed meanwhile is not lost from sight.

import type { EventFields } from '../core/record.ts';

/** What the screen recorder asks of tmux (absent for `pipe --file`: no pane, no snapshots). */
export interface ScreenSource {
  /**
   * The program in the foreground of the pane, if tmux can say. Asynchronous:
   * the reader keeps reading meanwhile; what it records is held back until
   * the answer is in (the enter event carries it).
   */
  program(done: (name: string | undefined) => void): void;
  /** The pane's rows now (no trailing blank rows) and whether it is the alternate screen; undefined if tmux cannot say. */
  capture(done: (screen: { alternate: boolean; rows: string[] } | undefined) => void): void;
}

const SETTLE_MS = 500;
const EVERY_MS = 5000;

/** An event (`screen state=...`) or one row of a snapshot. */
export type ScreenEntry = { event: EventFields } | { row: string };

export class ScreenRecorder {
  private alternate = false;
  private closed = false;
  private capturing = false;
  private settle: NodeJS.Timeout | undefined;
  private lastCapture = 0;
  private lastSnapshot = '';
  /** Set while a leave found by a capture (not by the stream) is being reported: the normal screen's rows. */
  private resynced: string[] | undefined;

  constructor(
    private readonly source: ScreenSource | undefined,
    private readonly write: (entries: ScreenEntry[]) => void,
    /** Makes the line assembler leave the alternate screen (it then calls `switched(false)`). */
    private readonly leave: () => void,
  ) {}

  /** The pane entered (true) or left (false) the alternate screen. */
  switched(alternate: boolean): void {
    this.alternate = alternate;
    this.lastSnapshot = '';
    clearTimeout(this.settle);
    if (!alternate) {
      const rows = this.resynced;
      this.resynced = undefined;
      if (!rows) this.write([{ event: { state: 'leave' } }]);
      else this.write([{ event: { state: 'leave', reason: 'resync' } }, { event: { state: 'snapshot', rows: rows.length, screen: 'normal' } }, ...rows.map((row) => ({ row }))]);
      return;
    }
    this.lastCapture = Date.now();
    const enter: Record<string, string | undefined> = { state: 'enter', program: undefined };
    // Asked first: the source holds what is recorded from here until it answers (and the event has its program).
    this.source?.program((name) => {
      enter.program = name;
    });
    this.write([{ event: enter }]);
    // A first picture even if the program then sits still (or was already up when logging started).
    if (!this.closed && this.source) this.settle = setTimeout(() => this.capture(), SETTLE_MS);
  }

  /** The pane printed something (called after each read). */
  output(): void {
    if (!this.alternate || this.closed || !this.source) return;
    if (Date.now() - this.lastCapture >= EVERY_MS) this.capture();
    clearTimeout(this.settle);
    this.settle = setTimeout(() => this.capture(), SETTLE_MS);
  }

  /** The recording ends: a block still open is closed, whatever ended it (kill-server, a signal, a stop). */
  close(): void {
    this.closed = true;
    clearTimeout(this.settle);
    if (this.alternate) {
      this.alternate = false;
      this.write([{ event: { state: 'leave', reason: 'end' } }]);
    }
  }

  private capture(): void {
    if (this.capturing || !this.source) return;
    this.capturing = true;
    this.lastCapture = Date.now();
    this.source.capture((screen) => {
      this.capturing = false;
      if (!screen || !this.alternate || this.closed) return;
      if (!screen.alternate) {
        this.resynced = screen.rows;
        this.leave();
        return;
      }
      const { rows } = screen;
      const snapshot = rows.join('\n');
      if (snapshot === this.lastSnapshot) return;
      this.lastSnapshot = snapshot;
      this.write([{ event: { state: 'snapshot', rows: rows.length } }, ...rows.map((row) => ({ row }))]);
    });
  }
}
