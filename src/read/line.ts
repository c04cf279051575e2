// Reading log lines back, fast. `parseLine` (format/text.ts) is the definition
// of a log line; this gives the same answer for every line (a property test
// holds the two together: test/unit/read-line.test.ts) but at a fraction of
// the cost, because the reading commands may parse millions of lines: parseLine
// reads the time with date-fns' `parse` (about 14 µs a line), while here the
// default ISO stamp is read with Date.parse after a strict shape check, any
// other format through date-fns once per distinct stamp, and the rest of the
// line as parseLine does (the same place-and-mark pattern and event parser).

import { parse } from 'date-fns';
import { asTextParts, parseJsonLine } from '../format/json.ts';
import { DEFAULT_TIME_FORMAT, splitLine, timeWords, type ParsedLine } from '../format/text.ts';


const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1]!;
}

/** The number written with `length` digits at `at`, or -1 if they are not all digits. */
function digits(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Epoch ms of a default-format stamp (`2026-11-24T23:01:02.120+01:00`; `xxx`
 * never writes `Z`), exactly as date-fns' parse gives it; undefined for
 * anything else, which date-fns then reads (it refuses Feb 31 and 24:00, takes
 * offsets up to 99:99, and years below 100 as they are).
 */
export function isoMs(time: string): number | undefined {
  if (time.length !== 29 || time[4] !== '-' || time[7] !== '-' || time[10] !== 'T' || time[13] !== ':' || time[16] !== ':' || time[19] !== '.' || time[26] !== ':') return undefined;
  const sign = time[23] === '+' ? 1 : time[23] === '-' ? -1 : 0;
  const year = digits(time, 0, 4);
  const month = digits(time, 5, 2);
  const day = digits(time, 8, 2);
  const hour = digits(time, 11, 2);
  const minute = digits(time, 14, 2);
  const second = digits(time, 17, 2);
  const ms = digits(time, 20, 3);
  const offsetHour = digits(time, 24, 2);
  const offsetMinute = digits(time, 27, 2);
  if (sign === 0 || year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || ms < 0 || offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - sign * (offsetHour * 60 + offsetMinute) * 60_000;
}


/** Reads lines written with one time format; keeps the last stamp it read (a flood shares stamps). */
export class LineReader {
  private readonly words: number;
  /** Written in the default format: its stamps read by isoMs first (and checked from the bytes: fast-line.ts isoStampAt). */
  readonly iso: boolean;
  private lastTime = '';
  private lastMs = Number.NaN;

  constructor(readonly timeFormat: string = DEFAULT_TIME_FORMAT) {
    this.words = timeWords(timeFormat);
    this.iso = timeFormat === DEFAULT_TIME_FORMAT;
  }

  /** The stamp's time in epoch ms (NaN when it does not parse with the format). */
  ms(time: string): number {
    if (time === this.lastTime) return this.lastMs;
    const fast = this.iso ? isoMs(time) : undefined;
    this.lastTime = time;
    this.lastMs = fast ?? parse(time, this.timeFormat, new Date(0)).getTime();
    return this.lastMs;
  }

  /**
   * What `parseLine(line, timeFormat)` gives, with `raw`: the text after the
   * mark as written (an event's too). Not `timed`: ms is left NaN (reading the
   * time is most of the cost, and a search that only prints needs it only for
   * --since and --until).
   */
  read(line: string, timed = true): (ParsedLine & { raw: string }) | undefined {
    // A JSON line (`@audit-format json`): no text line starts with `{` (timeFormatProblem), so one that does is JSON or nothing.
    if (line.charCodeAt(0) === 0x7b) return readJsonLine(line, timed);
    const parts = splitLine(line, this.words) as (ParsedLine & { raw: string }) | undefined;
    if (!parts) return undefined;
    // splitLine's object is ours alone: given its time in place (a copy with it cost a fifth of a search printing 1.6 M lines).
    parts.ms = timed ? this.ms(parts.time) : Number.NaN;
    return parts;
  }
}

/** Epoch ms of a JSON line's ISO 8601 time (NaN if it is not one). */
function jsonMs(time: string): number {
  return isoMs(time) ?? Date.parse(time);
}

/** A JSON line read as the text format's reader would read the same record (see asTextParts); ms NaN when not `timed`, as for text. */
export function readJsonLine(line: string, timed = true): LogLine | undefined {
  const record = parseJsonLine(line, timed ? jsonMs : () => Number.NaN);
  return record && { ...asTextParts(record), ms: record.time };
}

/** A read line: the parsed fields, and the text after the mark as written. */
export type LogLine = ParsedLine & { raw: string };

/** `session:window.pane`: where a line was printed, as stamped. */
export function placeOf(line: Pick<ParsedLine, 'session' | 'window' | 'pane'>): string {
  return `${line.session}:${line.window}.${line.pane}`;
}

/** The time formats to try on a file, most likely first: the one asked for, then the default. */
export function candidateFormats(timeFormat: string): string[] {
  return timeFormat === DEFAULT_TIME_FORMAT ? [timeFormat] : [timeFormat, DEFAULT_TIME_FORMAT];
}

/** A reader for a file whose first line is `first`: the first format that reads it with a time. */
export function readerFor(first: string | undefined, timeFormat: string): LineReader {
  const formats = candidateFormats(timeFormat);
  for (const format of formats) {
    const reader = new LineReader(format);
    const parsed = first === undefined ? undefined : reader.read(first);
    if (parsed && Number.isFinite(parsed.ms)) return reader;
  }
  return new LineReader(formats[0]);
}
