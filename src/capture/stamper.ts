// The only place records are made: each gets the recording's id, user and
// place, its kind, text and time. (Sequence numbers are given where records
// are delivered, in delivery order: pipeline/pipeline.ts.)
//
// Output records are the hot path (a flood is millions of lines a minute), so
// one record object is reused for them: a record is valid during the call that
// hands it over, and whoever keeps one keeps a copy (sinks/sink.ts).

import type { AuditRecord, EventFields, Place, RecordKind } from '../core/record.ts';

export interface RecordingIdentity {
  rec: string;
  /** The server's owner, whose terminal it is: the user on every record until someone else acts (capture/actor.ts). */
  user: string;
  place: Place;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class Stamper {
  private readonly reused: Mutable<AuditRecord>;
  /** Who acts in the pane now (capture/actor.ts): the stamp's user. */
  private user: string;

  constructor(private readonly identity: RecordingIdentity) {
    const { rec, user, place } = identity;
    this.user = user;
    this.reused = { time: 0, rec, seq: undefined, user, owner: user, place, kind: 'line', text: '', fields: undefined };
  }

  /** Records made from now on are stamped with `user` (the owner stays in `owner`). */
  actingUser(user: string): void {
    this.user = user;
    this.reused.user = user;
  }

  /** Output: a line, a continuation piece or a screen row. Valid until the next call. */
  output(kind: Exclude<RecordKind, 'event'>, text: string, time: number): AuditRecord {
    const record = this.reused;
    record.time = time;
    record.seq = undefined;
    record.kind = kind;
    record.text = text;
    return record;
  }

  /** An event of the recorder (a fresh record). */
  event(name: string, fields: EventFields, time: number): AuditRecord {
    const { rec, user: owner, place } = this.identity;
    return { time, rec, seq: undefined, user: this.user, owner, place, kind: 'event', text: name, fields };
  }
}
