// The one data type that flows through the helper: a record. Made in one place
// (capture/stamper.ts), numbered where it is delivered (pipeline/), formatted in
// one place (format/), sent to sinks.

/** Where a record was printed, as it was when the recording started. Shared by all records of a recording. */
export interface Place {
  /** The tmux server's socket path ('' for `pipe --file`). */
  readonly server: string;
  readonly session: string;
  readonly window: string;
  readonly pane: string;
  /** `%N` ('' for `pipe --file`). */
  readonly paneId: string;
}

/**
 * - `line`: a line the pane printed;
 * - `history`: a row of what the pane already showed when logging started (after a `history` event);
 * - `piece`: the next piece of a line too long to keep whole;
 * - `redrawn`: a line already logged that the screen later showed with other
 *   text (a progress block's final state, a status line's next one), as it settled;
 * - `screen`: a row of a full-screen program's screen;
 * - `event`: something the recorder itself says (start, stop, screen, dropped, ...).
 */
export const RECORD_KINDS = ['line', 'piece', 'redrawn', 'screen', 'history', 'event'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type EventFields = Readonly<Record<string, string | number | undefined>>;

export interface AuditRecord {
  /** Epoch milliseconds: output takes the time its read arrived, an event the time it was made. */
  readonly time: number;
  /** The recording's id. */
  readonly rec: string;
  /**
   * Position in the recording, from 0, in the order the reader delivered its
   * records to the sinks. Events that another process appends to the log
   * (recover, the rename hook) have none.
   */
  readonly seq?: number;
  /** Who acted in the pane (typed last in its window: capture/actor.ts), else the owner: the user on the line. */
  readonly user: string;
  /** The tmux server's owner, whose terminal and processes these are (the same as `user` unless someone else acted). */
  readonly owner?: string;
  readonly place: Place;
  readonly kind: RecordKind;
  /** What a person saw; for an event, its name. */
  readonly text: string;
  /** An event's fields (after `rec`, which every event carries). */
  readonly fields?: EventFields;
}
