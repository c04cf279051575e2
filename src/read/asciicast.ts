// A recording as an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/):
// a header line (JSON: version 2, width, height, timestamp, title), then one
// `[seconds, "o", text]` event per line, timed as the log stamped it. What the
// log has is lines, not the raw stream: each printed line is replayed followed
// by `\r\n` (the pieces of a long line are joined first); a full-screen
// program's block is replayed in the alternate screen, each snapshot drawn on
// a cleared screen. Pure: lines in, JSON lines out.

import type { LogLine } from './line.ts';
import { escapeText } from '../format/text.ts';

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix time (seconds) of the recording's start. */
  timestamp?: number;
  title?: string;
  idle_time_limit?: number;
}

/** One output event: seconds from the start, and the text. */
export type CastEvent = [number, 'o', string];

export const DEFAULT_WIDTH = 80;
export const DEFAULT_HEIGHT = 24;

const ENTER_ALTERNATE = '\x1b[?1049h';
const LEAVE_ALTERNATE = '\x1b[?1049l';
const CLEAR = '\x1b[H\x1b[2J';

/** Builds the events of one recording from its lines, in order (the start event first). */
export class CastBuilder {
  private origin: number | undefined;
  private lastTime = 0;
  /** A printed line not yet ended: pieces of a long line may follow. */
  private pending: { time: number; text: string } | undefined;
  private rowsLeft = 0;
  private firstRow = false;
  private alternate = false;

  /** The time of the first line seen (epoch ms), once there is one. */
  get startMs(): number | undefined {
    return this.origin;
  }

  /** The events `line` adds (possibly none). */
  add(line: LogLine): CastEvent[] {
    const events: CastEvent[] = [];
    const time = this.seconds(line.ms);
    if (line.kind === 'piece' && this.pending) {
      this.pending.text += escapeText(line.text);
      return events;
    }
    this.flush(events);
    switch (line.kind) {
      case 'line':
      case 'piece':
      case 'redrawn':
        this.pending = { time, text: escapeText(line.text) };
        break;
      case 'screen':
        if (this.rowsLeft > 0) {
          this.rowsLeft--;
          events.push([time, 'o', `${this.firstRow ? '' : '\r\n'}${escapeText(line.text)}`]);
          this.firstRow = false;
        }
        break;
      case 'event':
        this.rowsLeft = 0;
        if (line.text === 'screen') this.screen(line, time, events);
        else if (line.text === 'stop' && this.alternate) {
          this.alternate = false;
          events.push([time, 'o', LEAVE_ALTERNATE]);
        }
        break;
    }
    return events;
  }

  /** The events still held back (a last line), at the end of the recording. */
  finish(): CastEvent[] {
    const events: CastEvent[] = [];
    this.flush(events);
    if (this.alternate) {
      this.alternate = false;
      events.push([this.lastTime, 'o', LEAVE_ALTERNATE]);
    }
    return events;
  }

  private screen(line: LogLine, time: number, events: CastEvent[]): void {
    const state = line.fields?.state;
    if (state === 'enter') {
      this.alternate = true;
      events.push([time, 'o', `${ENTER_ALTERNATE}${CLEAR}`]);
    } else if (state === 'leave') {
      if (this.alternate) events.push([time, 'o', LEAVE_ALTERNATE]);
      this.alternate = false;
    } else if (state === 'snapshot') {
      // A snapshot of the normal screen (after a resync) shows what the lines before already showed.
      if (line.fields?.screen === 'normal' || !this.alternate) {
        this.rowsLeft = 0;
        return;
      }
      this.rowsLeft = Number(line.fields?.rows ?? 0) || 0;
      this.firstRow = true;
      events.push([time, 'o', CLEAR]);
    }
  }

  private flush(events: CastEvent[]): void {
    if (!this.pending) return;
    events.push([this.pending.time, 'o', `${this.pending.text}\r\n`]);
    this.pending = undefined;
  }

  /** Seconds since the first line, never going back (stamps of other writers may be a little out of order). */
  private seconds(ms: number): number {
    if (!Number.isFinite(ms)) return this.lastTime;
    if (this.origin === undefined) this.origin = ms;
    const seconds = Math.max(this.lastTime, Math.round(ms - this.origin) / 1000);
    this.lastTime = seconds;
    return seconds;
  }
}

/** The header line's object: the size when known, else 80x24. */
export function castHeader(options: { startMs?: number; title?: string; width?: number; height?: number; idleTimeLimit?: number }): CastHeader {
  const header: CastHeader = { version: 2, width: options.width ?? DEFAULT_WIDTH, height: options.height ?? DEFAULT_HEIGHT };
  if (options.startMs !== undefined && Number.isFinite(options.startMs)) header.timestamp = Math.floor(options.startMs / 1000);
  if (options.title) header.title = options.title;
  if (options.idleTimeLimit !== undefined) header.idle_time_limit = options.idleTimeLimit;
  return header;
}

/** One line of the file: the header or an event, as JSON. */
export function castLine(item: CastHeader | CastEvent): string {
  return `${JSON.stringify(item)}\n`;
}

/** The title of a recording's cast: where and by whom. */
export function castTitle(start: LogLine): string {
  const by = start.fields?.by;
  return `${start.session}:${start.window}.${start.pane} rec=${start.fields?.rec ?? ''}${by ? ` by=${by}` : ''}`;
}

/** A whole cast from a recording's lines (for tests and small recordings; export streams). */
export function buildCast(lines: readonly LogLine[], options: { idleTimeLimit?: number } = {}): string {
  const builder = new CastBuilder();
  const events: CastEvent[] = [];
  for (const line of lines) events.push(...builder.add(line));
  events.push(...builder.finish());
  const start = lines.find((line) => line.kind === 'event' && line.text === 'start') ?? lines[0];
  const header = castHeader({ startMs: builder.startMs, title: start ? castTitle(start) : undefined, idleTimeLimit: options.idleTimeLimit });
  return [header, ...events].map(castLine).join('');
}
