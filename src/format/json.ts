// The log's JSON Lines format (`@audit-format json`), for log shippers (Vector,
// Fluent Bit, Filebeat read it as it is): one object per record, in a fixed key
// order, on one line:
//
//   {"time":"2026-11-24T23:01:02.120+01:00","user":"ann","host":"web1","server":"/tmp/tmux-0/default",
//    "session":"deploy","window":"1","pane":"0","paneId":"%3","rec":"V1St","seq":7,"kind":"line","text":"ok"}
//
// A line someone other than the server's owner acted (a shared session:
// capture/actor.ts) adds `"owner"` after `"user"`. An event adds `"fields":{...}` (its fields but `rec`, which is a key of its
// own). `seq` is left out where a record has none (events appended by recover
// or the rename hook). `time` is always ISO 8601 with milliseconds and the
// local offset (what every shipper parses), whatever `@audit-time-format` says.
//
// Why it cannot be forged from a pane: every value is a JSON string, so a quote
// in output is `\"`, a newline `\n`; and the characters JSON.stringify leaves
// raw that split lines or reorder them elsewhere (DEL, C1, U+2028/9, bidi
// controls) are escaped as in the text format. A lone surrogate (only a name can
// hold one: output is decoded from bytes) becomes U+FFFD, as it does when the
// text format is written as UTF-8, and as strict readers (serde_json) require.
//
// A text line never starts with `{` (its stamp does not: timeFormatProblem
// refuses a format whose stamp would), so a reader tells the formats apart line
// by line: a log written half in each (the option changed mid-way) reads whole.

import os from 'node:os';
import { RECORD_KINDS, type AuditRecord, type EventFields, type Place, type RecordKind } from '../core/record.ts';
import { DEFAULT_TIME_FORMAT, escapeText, eventText, makeClock, wellFormed } from './text.ts';

const KINDS: ReadonlySet<string> = new Set<RecordKind>(RECORD_KINDS);

export { wellFormed };

function quote(value: string): string {
  return JSON.stringify(wellFormed(value));
}

/** Records as JSON lines, each ending in `\n`. One per sink: it keeps the last stamp and origin. */
export class JsonFormat {
  private readonly clock = makeClock(DEFAULT_TIME_FORMAT);
  private place: Place | undefined;
  private user = '';
  private owner: string | undefined;
  private rec = '';
  /** `"user":...,"rec":` for the last place, user and recording seen (the part every record of a recording shares). */
  private middle = '';

  constructor(private readonly host: string = os.hostname()) {}

  format(record: AuditRecord): string {
    if (record.place !== this.place || record.user !== this.user || record.rec !== this.rec || record.owner !== this.owner) {
      const { place, user, rec, owner } = record;
      this.place = place;
      this.user = user;
      this.owner = owner;
      this.rec = rec;
      const ownerKey = owner !== undefined && owner !== user ? `,"owner":${quote(owner)}` : '';
      this.middle = escapeText(
        `"user":${quote(user)}${ownerKey},"host":${quote(this.host)},"server":${quote(place.server)},"session":${quote(place.session)},"window":${quote(place.window)},"pane":${quote(place.pane)},"paneId":${quote(place.paneId)},"rec":${quote(rec)}`,
      );
    }
    let line = `{"time":"${this.clock(record.time)}",${this.middle}`;
    if (record.seq !== undefined) line += `,"seq":${record.seq}`;
    line += `,"kind":"${record.kind}","text":${escapeText(quote(record.text))}`;
    if (record.kind === 'event') line += `,"fields":${escapeText(fieldsJson(record.fields ?? {}))}`;
    return `${line}}\n`;
  }
}

/** An event's fields (all but `rec`) as the `"fields"` object is written, before escapeText. */
export function fieldsJson(fields: EventFields): string {
  let json = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key === 'rec') continue;
    json += `${json === '' ? '' : ','}${quote(key)}:${typeof value === 'number' && Number.isFinite(value) ? String(value) : quote(String(value))}`;
  }
  return `{${json}}`;
}

/** A JSON line read back: the record as it was given to the format (strings made well-formed), and the host. */
export interface JsonRecord extends AuditRecord {
  /** The stamp as written. */
  readonly stamp: string;
  readonly host: string;
}

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Reads a line written by JsonFormat (without its `\n`); undefined when it is
 * not one: not JSON, not an object, or a key missing or of the wrong type.
 * `time` is read as ISO 8601 (NaN if it is not).
 */
export function parseJsonLine(line: string, ms: (stamp: string) => number = Date.parse): JsonRecord | undefined {
  if (line.charCodeAt(0) !== 0x7b) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const { time, user, owner, host, server, session, window, pane, paneId, rec, seq, kind, text, fields } = o;
  if (!isString(time) || !isString(user) || !isString(session) || !isString(window) || !isString(pane) || !isString(rec) || !isString(kind) || !isString(text)) return undefined;
  if (!KINDS.has(kind) || (owner !== undefined && !isString(owner)) || (host !== undefined && !isString(host)) || (server !== undefined && !isString(server)) || (paneId !== undefined && !isString(paneId))) return undefined;
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return undefined;
  let eventFields: Record<string, string | number> | undefined;
  if (kind === 'event') {
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return undefined;
    eventFields = {};
    for (const [key, field] of Object.entries(fields)) {
      if (key === 'rec' || (typeof field !== 'string' && typeof field !== 'number')) return undefined;
      eventFields[key] = field;
    }
  } else if (fields !== undefined) return undefined;
  return {
    stamp: time,
    time: ms(time),
    host: host ?? '',
    rec,
    ...(seq === undefined ? {} : { seq }),
    user,
    ...(owner === undefined ? {} : { owner }),
    place: { server: server ?? '', session, window, pane, paneId: paneId ?? '' },
    kind: kind as RecordKind,
    text,
    ...(eventFields ? { fields: eventFields } : {}),
  };
}

/**
 * A JSON record as the text format would show it: each string escaped as
 * escapeText does, an event's fields (`rec` first) as their text, and `raw`
 * the text after the mark (an event's `name key=value ...`). This is what the
 * reading commands match and print, whichever format a line was written in.
 */
export function asTextParts(record: JsonRecord): {
  time: string;
  user: string;
  session: string;
  window: string;
  pane: string;
  kind: RecordKind;
  text: string;
  raw: string;
  fields?: Record<string, string>;
} {
  const parts = {
    time: escapeText(record.stamp),
    user: escapeText(record.user),
    session: escapeText(record.place.session),
    window: escapeText(record.place.window),
    pane: escapeText(record.place.pane),
    kind: record.kind,
  };
  if (record.kind !== 'event') {
    const text = escapeText(record.text);
    return { ...parts, text, raw: text };
  }
  // As the text format's event parser gives them: keys escaped, values as they were (a quoted value is JSON-decoded).
  const fields: Record<string, string> = { rec: record.rec };
  for (const [key, value] of Object.entries(record.fields ?? {})) if (value !== undefined) fields[escapeText(key)] = String(value);
  return { ...parts, text: escapeText(record.text), raw: eventText(record.text, { rec: record.rec, ...record.fields }), fields };
}

/**
 * Whether a line's text holding `literal` means its JSON line holds the same
 * bytes: true when the literal has none of the characters the JSON format
 * spells otherwise (`"`, `\`, controls, C1, line and bidi separators).
 */
export function jsonSafeLiteral(literal: string): boolean {
  return !/["\\\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/.test(literal);
}
