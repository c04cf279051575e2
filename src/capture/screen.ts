// Full-screen programs (vim, less, top, man) draw in the alternate screen;
// logged line by line that would be noise. The terminal layer's screen model
// (terminal/hybrid.ts) keeps the alternate screen as the program draws it, and
// this turns what it reports into a marked block: which program entered and
// when, frames of the screen (`snapshot`: when it is still, every few seconds
// while it changes, and always the last one as the program leaves), the rows
// that left the screen before a frame showed them (`scrolled`), and when it
// left. The frames come from the model, not from tmux: a program that draws
// and quits within a millisecond leaves its screen in the log all the same,
// and nothing on the path from the pane to the log waits for tmux.

import type { EventFields } from '../core/record.ts';

/** What the screen recorder asks of tmux (absent for `pipe --file`: no pane). */
export interface ScreenSource {
  /**
   * The program in the foreground of the pane, if tmux can say. Asynchronous:
   * the reader keeps reading meanwhile; what it records is held back until
   * the answer is in (the enter event carries it).
   */
  program(done: (name: string | undefined) => void): void;
  /**
   * Whether the pane is in the alternate screen now, asynchronously (off the
   * data path): tmux can leave it without a byte in the stream
   * (`respawn-pane -k` resets the screen), which only tmux can tell.
   */
  alternate?(done: (on: boolean | undefined) => void): void;
}

/** An event (`screen state=...`) or one row of the screen. */
export type ScreenEntry = { event: EventFields } | { row: string };

export class ScreenRecorder {
  private inBlock = false;

  constructor(
    private readonly source: ScreenSource | undefined,
    private readonly write: (entries: ScreenEntry[]) => void,
  ) {}

  /** The pane entered (true) or left (false) the alternate screen. */
  switched(alternate: boolean, reason?: string): void {
    this.inBlock = alternate;
    if (!alternate) {
      this.write([{ event: { state: 'leave', reason } }]);
      return;
    }
    const enter: Record<string, string | undefined> = { state: 'enter', program: undefined };
    // Asked first: the source holds what is recorded from here until it answers (and the event has its program).
    this.source?.program((name) => {
      enter.program = name;
    });
    this.write([{ event: enter }]);
  }

  /** The screen as it shows now. */
  frame(rows: string[]): void {
    this.write([{ event: { state: 'snapshot', rows: rows.length } }, ...rows.map((row) => ({ row }))]);
  }

  /** Rows that left the screen (scrolled off its top, erased) before a frame showed them. */
  scrolledOff(rows: string[]): void {
    this.write([{ event: { state: 'scrolled', rows: rows.length } }, ...rows.map((row) => ({ row }))]);
  }

  /** The recording ends: a block still open is closed, whatever ended it (kill-server, a signal, a stop). */
  close(): void {
    if (!this.inBlock) return;
    this.inBlock = false;
    this.write([{ event: { state: 'leave', reason: 'end' } }]);
  }
}
