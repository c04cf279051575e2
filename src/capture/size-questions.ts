// The pane's size as the reader knows it, and the order of its questions to
// tmux. Each question is its own tmux client (tmux/client.ts runLater), so
// answers can come back in any order: one asked before a resize may arrive
// after one asked after it. Questions are numbered, and an answer older than
// one already taken is dropped, so the last size tmux said is the one the
// models keep. The reader asks on a resize signal, at the pane's edge
// (capture/recorder.ts) and at each beat (the backstop for a resize no hook
// told: audit.tmux).

export interface PaneSize {
  columns: number;
  rows: number;
}

export class SizeQuestions {
  private asked = 0;
  private taken = 0;
  /** The size last taken (the models' size), or the one the recording started with. */
  private known: PaneSize | undefined;

  constructor(start?: PaneSize) {
    this.known = start;
  }

  /** A question about to be sent: its number. */
  ask(): number {
    return ++this.asked;
  }

  /** Its answer: the size to take, or undefined when tmux could not say or a newer answer was taken already. */
  answer(question: number, size: PaneSize | undefined): PaneSize | undefined {
    if (size === undefined || question <= this.taken) return undefined;
    this.taken = question;
    this.known = size;
    return size;
  }

  /** Whether an answer (not taken: the beat's) says a size other than the models'; a stale one says nothing. */
  differs(question: number, size: PaneSize | undefined): boolean {
    if (size === undefined || question <= this.taken) return false;
    return this.known === undefined || this.known.columns !== size.columns || this.known.rows !== size.rows;
  }
}
