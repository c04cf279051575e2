// The only place records are made: each gets the recording's id, user and
// place, the next sequence number, and a time that never goes back within the
// recording (a clock step back, or an event made after lines stamped with
// their chunk's arrival time, must not put the log out of order).

import type { AuditRecord, EventFields, Place, RecordKind } from '../core/record.ts';

export interface RecordingIdentity {
  rec: string;
  user: string;
  place: Place;
}

export class Stamper {
  private seq = 0;
  private last = Number.NEGATIVE_INFINITY;

  /** `numbered`: false for a process that appends to someone else's recording (recover, renamed), which cannot know the sequence. */
  constructor(
    private readonly identity: RecordingIdentity,
    private readonly numbered = true,
  ) {}

  get rec(): string {
    return this.identity.rec;
  }

  /** Output: a line, a continuation piece or a screen row. */
  output(kind: Exclude<RecordKind, 'event'>, text: string, time: number): AuditRecord {
    return this.make(kind, text, undefined, time);
  }

  event(name: string, fields: EventFields, time: number): AuditRecord {
    return this.make('event', name, fields, time);
  }

  private make(kind: RecordKind, text: string, fields: EventFields | undefined, time: number): AuditRecord {
    if (time < this.last) time = this.last;
    this.last = time;
    const { rec, user, place } = this.identity;
    return { time, rec, seq: this.numbered ? this.seq++ : undefined, user, place, kind, text, fields };
  }
}
