// One recording, whole: from its start event to its stop event, the lines of
// its place and its own events, nothing else. Several panes write into one
// file, and the same place (`session:window.pane`) holds other recordings of
// that pane before and after, so a line belongs to the recording when it
// stands between the recording's start and stop and carries the place of the
// start; an event must carry the recording's id too. Text that merely looks
// like an event (a printed line `… * stop rec=X`) is a printed line: the stamp
// is parsed, not searched.

import type { LogLine } from './line.ts';
import { placeOf } from './line.ts';
import { jsonValueNeedles } from './json-shortlist.ts';

export type SpanState = 'before' | 'in' | 'after';

export class RecordingSpan {
  state: SpanState = 'before';
  /** The start event, once seen. */
  start: LogLine | undefined;
  private place = '';
  private readonly startShortlist: Buffer[];
  private placeShortlist: Buffer[] | undefined;
  private jsonPlaceShortlist: readonly Buffer[] | undefined;
  private readonly jsonStartShortlist: readonly Buffer[];

  constructor(readonly rec: string) {
    this.startShortlist = [Buffer.from(` * start rec=${rec}`)];
    // JSON lines by value, not by the writer's spelling (`"kind":"event","text":"start",`): a hand-edited or
    // reordered line is read as any other (json-shortlist.ts). The start event holds its recording's id.
    this.jsonStartShortlist = jsonValueNeedles(rec);
  }

  /** What the scan should look at next (scan.ts: over the bytes): the start event, then the lines of its place. */
  candidates(): Buffer[] | undefined {
    return this.state === 'before' ? this.startShortlist : this.placeShortlist;
  }

  /** The same for JSON lines (scan.ts): the lines of its id, then the lines of its pane, however spelled. */
  jsonCandidates(): readonly Buffer[] | undefined {
    return this.state === 'before' ? this.jsonStartShortlist : this.jsonPlaceShortlist;
  }

  /** Takes the next line of the log; true when it is part of the recording. */
  take(line: LogLine): boolean {
    if (this.state === 'before') {
      if (line.kind !== 'event' || line.text !== 'start' || line.fields?.rec !== this.rec) return false;
      this.state = 'in';
      this.start = line;
      this.place = placeOf(line);
      this.placeShortlist = [Buffer.from(` ${this.place} `)];
      this.jsonPlaceShortlist = jsonValueNeedles(line.pane);
      return true;
    }
    if (this.state === 'after' || placeOf(line) !== this.place) return false;
    if (line.kind !== 'event') return true;
    if (line.fields?.rec !== this.rec) return false;
    if (line.text === 'stop') this.state = 'after';
    return true;
  }
}
