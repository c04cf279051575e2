// Which lines a search keeps (`grep --user --pane --rec --since --until
// --events`). Pure: lines and the recordings they belong to come in,
// decisions go out. (The context around them: context.ts.)

import { AuditError } from '../core/errors.ts';
import { escapeText } from '../format/text.ts';
import type { LogLine } from './line.ts';
import { placeOf } from './line.ts';
import type { RecordingInfo } from './recordings.ts';

export interface LineFilter {
  /** The terminal's user (the stamp) or who started the recording (`by=`). */
  user?: string;
  /** A pane: its id (`%3`, from the start events) or its place (`session:window.pane`, as stamped). */
  pane?: { id: string } | { place: string };
  rec?: string;
  /** Epoch ms: kept when since <= time < until. */
  since?: number;
  until?: number;
  /** Events only. */
  events?: boolean;
}

/** `%3` or `session:window.pane`; an error (exit 2) otherwise. */
export function parsePane(text: string): { id: string } | { place: string } {
  if (/^%\d+$/.test(text)) return { id: text };
  if (/^.+:\d+\.\d+$/.test(text)) return { place: text };
  throw new AuditError(`--pane takes a pane id like %3 or a place like main:0.1, not '${escapeText(text)}'`, 2);
}

/** Whether deciding needs to know each line's recording (the start and stop events must then all be read). */
export function needsRecordings(filter: LineFilter): boolean {
  return filter.user !== undefined || filter.rec !== undefined || (filter.pane !== undefined && 'id' in filter.pane);
}

/** Whether `line`, which belongs to `recordings`, passes `filter`. */
export function passes(line: LogLine, recordings: readonly RecordingInfo[], filter: LineFilter): boolean {
  if (filter.events && line.kind !== 'event') return false;
  if (filter.since !== undefined && !(line.ms >= filter.since)) return false;
  if (filter.until !== undefined && !(line.ms < filter.until)) return false;
  if (filter.rec !== undefined && !recordings.some((recording) => recording.rec === filter.rec)) return false;
  if (filter.user !== undefined && line.user !== filter.user && !recordings.some((recording) => recording.by === filter.user)) return false;
  if (filter.pane !== undefined) {
    if ('id' in filter.pane) {
      const id = filter.pane.id;
      if (!recordings.some((recording) => recording.paneId === id)) return false;
    } else if (placeOf(line) !== filter.pane.place) return false;
  }
  return true;
}
