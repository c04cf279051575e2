// The log's text line format, in one place: `<time> <user> <session>:<window>.<pane> <mark> <text>`.
// The mark tells a reader (and grep) what the line is: `|` a line the pane
// printed, `+` the next piece of a line too long to keep whole, `~` a line
// already logged that the screen showed again with other text (redrawn), `=` a
// row of a full-screen program's screen, `<` a row of what the pane already
// showed when logging started (captured history), `*` an event of the recorder itself
// (`name rec=<id> key=value ...`). `parseLine` reads it back.

import { format, parse } from 'date-fns';
import type { AuditRecord, EventFields, Place, RecordKind } from '../core/record.ts';

export const DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

export const MARKS: Readonly<Record<RecordKind, string>> = { line: '|', piece: '+', redrawn: '~', screen: '=', history: '<', event: '*' };
const KINDS: Readonly<Record<string, RecordKind>> = { '|': 'line', '+': 'piece', '~': 'redrawn', '=': 'screen', '<': 'history', '*': 'event' };

/** Formats epoch milliseconds; a flood stamps thousands of lines per millisecond, so the last result is reused. */
export function makeClock(timeFormat: string): (ms: number) => string {
  let lastMs = Number.NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      // A format's quoted text is copied as it is: it must not smuggle a control into every stamp.
      last = escapeText(format(ms, timeFormat));
    }
    return last;
  };
}

/** Why a time format cannot be used, or undefined when it can. */
export function timeFormatProblem(timeFormat: string): string | undefined {
  if (timeFormat.length === 0) return 'it is empty';
  try {
    // A line that starts with `{` is read as JSON (format/json.ts): a stamp must not, or the rest of the line (output) could make it one.
    if (format(0, timeFormat).startsWith('{')) return "its stamps would start with '{' (read as JSON lines)";
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

// What must not reach the log as itself, whatever part of a line it is in: C0
// controls but TAB, DEL and C1 (a terminal `cat`-ing the log would obey them),
// and the characters that make one line look like two or reorder what a reader
// sees: U+2028/U+2029 (line breaks to Python's splitlines, JavaScript, JSON
// readers; U+0085 is C1) and the bidi embeddings, overrides and isolates.
// The cleaner (terminal/ansi.ts) escapes the same set in output at byte level;
// this catches what reaches a line by other ways: names, events, captured rows.
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
/** An event value that can stand unquoted: no blank, quote, `=`, backslash or unsafe character. */
const PLAIN_VALUE = new RegExp(`^(?:(?!${UNSAFE.source})[^\\s"=\\\\])+$`);

const escapeCharacter = (character: string): string => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with each unsafe character written as `\uXXXX`; clean text (the common case) is returned as it is. */
/** Like escapeText, but lines stay lines: for what the reading commands print to a terminal. */
const UNSAFE_FOR_TERMINAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/;
const UNSAFE_FOR_TERMINAL_ALL = new RegExp(UNSAFE_FOR_TERMINAL.source, 'g');
export function escapeForTerminal(text: string): string {
  return UNSAFE_FOR_TERMINAL.test(text) ? text.replace(UNSAFE_FOR_TERMINAL_ALL, escapeCharacter) : text;
}

export function escapeText(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeCharacter) : text;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** `text` with each lone surrogate replaced by U+FFFD: what writing it as UTF-8 does anyway. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * A JSON string literal with no unsafe character in it: JSON.stringify leaves DEL, C1, U+2028/9 and
 * bidi controls raw; and it would keep a lone surrogate as a `\udXXX` escape, which strict JSON
 * readers refuse and which an unquoted value loses anyway (as U+FFFD, written as UTF-8).
 */
function jsonQuote(value: string): string {
  return escapeText(JSON.stringify(wellFormed(value)));
}

/** Who and where, the part of the stamp that is fixed for a recording. */
export function origin(user: string, place: Place): string {
  return escapeText(`${user} ${place.session}:${place.window}.${place.pane}`);
}

/** `name key=value ...`; a value with blanks, quotes, `=` or an unsafe character is JSON-quoted so the line stays parseable and inert. */
export function eventText(name: string, fields: EventFields): string {
  let text = escapeText(name);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const plain = String(value);
    text += ` ${escapeText(key)}=${PLAIN_VALUE.test(plain) ? plain : jsonQuote(plain)}`;
  }
  return text;
}

/** Records as log lines, each ending in `\n`. One per sink: it keeps the last stamp and origin. */
export class TextFormat {
  private readonly clock: (ms: number) => string;
  private place: Place | undefined;
  private user = '';
  /** ` <user> <session>:<window>.<pane> <mark> ` for each kind, for the last place and user seen. */
  private middle: Record<RecordKind, string> = { line: '', piece: '', redrawn: '', screen: '', history: '', event: '' };
  /** The last head made, and for which stamp and kind (a flood's lines share a millisecond: one string, not one per line). */
  private headText = '';
  private headMs = Number.NaN;
  private headKind: RecordKind | undefined;

  constructor(readonly timeFormat: string) {
    this.clock = makeClock(timeFormat);
  }

  format(record: AuditRecord): string {
    if (record.kind !== 'event') return `${this.head(record)}${escapeText(record.text)}\n`;
    this.takeOrigin(record);
    return `${this.clock(record.time)}${this.middle.event}${eventText(record.text, { rec: record.rec, ...record.fields })}\n`;
  }

  /**
   * What comes before the text in the line of an output record (not an event): the line is this, then
   * `escapeText(record.text)`, then `\n` (how the file sink writes a line straight into its bytes).
   */
  head(record: AuditRecord): string {
    this.takeOrigin(record);
    if (record.time !== this.headMs || record.kind !== this.headKind) {
      this.headMs = record.time;
      this.headKind = record.kind;
      this.headText = `${this.clock(record.time)}${this.middle[record.kind]}`;
    }
    return this.headText;
  }

  /** Takes the record's user and place as the ones its lines say. */
  private takeOrigin(record: AuditRecord): void {
    if (record.place === this.place && record.user === this.user) return;
    this.place = record.place;
    this.user = record.user;
    const from = origin(record.user, record.place);
    this.middle = {
      line: ` ${from} ${MARKS.line} `,
      piece: ` ${from} ${MARKS.piece} `,
      redrawn: ` ${from} ${MARKS.redrawn} `,
      screen: ` ${from} ${MARKS.screen} `,
      history: ` ${from} ${MARKS.history} `,
      event: ` ${from} ${MARKS.event} `,
    };
    this.headKind = undefined;
  }
}

/** A log line read back. */
export interface ParsedLine {
  /** The stamp's time as written, and as epoch ms (NaN if it does not parse with the time format). */
  time: string;
  ms: number;
  user: string;
  session: string;
  window: string;
  pane: string;
  kind: RecordKind;
  /** What follows the mark; for an event, its name. */
  text: string;
  /** An event's fields, `rec` included, as written (numbers as their text). */
  fields?: Record<string, string>;
}

// `:<window>.<pane> <mark> `: tmux turns ':' and '.' in session names into '_'
// (session_check_name, session.c:244 in 3.3a), so the first match ends the
// session name. (`pipe --file --session` takes any name: one holding
// `:<n>.<n> <mark> ` would not read back.)
const PLACE_AND_MARK = /:(\d+)\.(\d+) ([|+~=<*]) /;

/**
 * Reads a line written with `timeFormat` (without its `\n`); undefined when it
 * is not one (a torn line, text from elsewhere). The time takes as many
 * blank-separated words as the format makes.
 */
export function parseLine(line: string, timeFormat = DEFAULT_TIME_FORMAT): ParsedLine | undefined {
  const parts = splitLine(line, timeWords(timeFormat));
  return parts && withTime(parts, parse(parts.time, timeFormat, new Date(0)).getTime());
}

/** A line cut into its parts, the time not yet read; `raw` is what follows the mark (an event's whole text). */
export type LineParts = Omit<ParsedLine, 'ms' | 'fields'> & { raw: string; fields?: Record<string, string> };

/** The shape of a log line, for readers that read times their own way (src/read/line.ts). */
export function splitLine(line: string, timeWordCount: number): LineParts | undefined {
  let at = 0;
  for (let words = timeWordCount; words > 0; words--) {
    at = line.indexOf(' ', at) + 1;
    if (at === 0) return undefined;
  }
  const time = line.slice(0, at - 1);
  const userEnd = line.indexOf(' ', at);
  if (userEnd <= at) return undefined;
  const user = line.slice(at, userEnd);
  const rest = line.slice(userEnd + 1);
  const found = PLACE_AND_MARK.exec(rest);
  if (!found) return undefined;
  const kind = KINDS[found[3]!]!;
  const raw = rest.slice(found.index + found[0].length);
  const parts: LineParts = { time, user, session: rest.slice(0, found.index), window: found[1]!, pane: found[2]!, kind, text: raw, raw };
  if (kind !== 'event') return parts;
  const event = parseEventText(raw);
  if (!event) return undefined;
  parts.text = event.name;
  parts.fields = event.fields;
  return parts;
}

function withTime(parts: LineParts, ms: number): ParsedLine {
  const { raw: _raw, ...parsed } = parts;
  return { ...parsed, ms };
}

const wordsOfFormat = new Map<string, number>();
/** How many blank-separated words a format's stamps have. */
export function timeWords(timeFormat: string): number {
  let words = wordsOfFormat.get(timeFormat);
  if (words === undefined) {
    words = format(0, timeFormat).split(' ').length;
    wordsOfFormat.set(timeFormat, words);
  }
  return words;
}

/** `name key=value key="json" ...` back into its parts; undefined if it is not that shape. */
export function parseEventText(text: string): { name: string; fields: Record<string, string> } | undefined {
  const nameEnd = text.indexOf(' ');
  const name = nameEnd < 0 ? text : text.slice(0, nameEnd);
  if (name === '') return undefined;
  const fields: Record<string, string> = {};
  let i = nameEnd < 0 ? text.length : nameEnd + 1;
  while (i < text.length) {
    const equals = text.indexOf('=', i);
    if (equals <= i) return undefined;
    const key = text.slice(i, equals);
    if (/\s/.test(key)) return undefined;
    let end: number;
    if (text[equals + 1] === '"') {
      end = equals + 2;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) return undefined;
      end++;
      try {
        fields[key] = JSON.parse(text.slice(equals + 1, end)) as string;
      } catch {
        return undefined;
      }
    } else {
      end = text.indexOf(' ', equals);
      if (end < 0) end = text.length;
      fields[key] = text.slice(equals + 1, end);
    }
    if (end < text.length && text[end] !== ' ') return undefined;
    i = end + 1;
  }
  return { name, fields };
}
