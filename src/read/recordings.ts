// Which recording a line belongs to. A printed line carries only its place
// (`session:window.pane`, as it was when its recording started), not its
// recording: it belongs to the recording whose start event named that place
// and that has not stopped yet. One file holds the lines of several panes, and
// the same place holds other recordings of that pane at other times, so this
// follows the start and stop events of a log in order. (Should two recordings
// hold one place at the same time — a pane renumbered under a running
// recording — a line is counted to both: the text format cannot tell them apart.)

import type { LogLine } from './line.ts';
import { placeOf } from './line.ts';

export interface RecordingInfo {
  rec: string;
  /** `session:window.pane` of its start. */
  place: string;
  /** The pane id (`%3`) and who started it, from the start event. */
  paneId: string;
  by: string;
  user: string;
  /** When it started (epoch ms; NaN if the stamp does not parse). */
  startMs: number;
}

export class RecordingTracker {
  private readonly active = new Map<string, RecordingInfo[]>();
  private readonly known = new Map<string, RecordingInfo>();

  /** Takes the next line of the log, and says which recordings it belongs to. */
  see(line: LogLine): readonly RecordingInfo[] {
    const place = placeOf(line);
    if (line.kind !== 'event') return this.active.get(place) ?? [];
    const rec = line.fields?.rec;
    if (rec === undefined) return [];
    if (line.text === 'start') {
      const info: RecordingInfo = { rec, place, paneId: line.fields?.pane ?? '', by: line.fields?.by ?? '', user: line.user, startMs: line.ms };
      this.known.set(rec, info);
      this.active.set(place, [...(this.active.get(place) ?? []).filter((other) => other.rec !== rec), info]);
      return [info];
    }
    const info = this.known.get(rec) ?? { rec, place, paneId: '', by: '', user: line.user, startMs: Number.NaN };
    if (line.text === 'stop') {
      const left = (this.active.get(place) ?? []).filter((other) => other.rec !== rec);
      if (left.length > 0) this.active.set(place, left);
      else this.active.delete(place);
    }
    return [info];
  }

  /** What the start event said of `rec`, if it has been seen. */
  recording(rec: string): RecordingInfo | undefined {
    return this.known.get(rec);
  }
}
