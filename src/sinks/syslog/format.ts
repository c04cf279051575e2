// A record as an RFC 5424 syslog message. Pure.
//
//   <PRI>1 TIMESTAMP HOSTNAME tmux-audit PROCID MSGID [audit@32473 ...] MSG
//
// MSGID is the record's kind (line, piece, screen, event); the structured data
// carries who and where (user, session, window, pane, pane id, server), the
// recording and the record's place in it (rec, seq), and for an event its name
// and fields in a second element. 32473 is the private enterprise number RFC
// 5612 sets aside for examples and documentation: the SD-IDs are ours, not
// registered ones (RFC 5424 §7.2.2 lets any be used as name@number).

import type { AuditRecord } from '../../core/record.ts';
import { escapeText, eventText } from '../../format/text.ts';

export const APP_NAME = 'tmux-audit';
export const SD_ID = 'audit@32473';
export const EVENT_SD_ID = 'event@32473';

/** RFC 5424 §6.2.1 severities. */
const SEVERITY = { warning: 4, notice: 5, info: 6 } as const;
/** Events that say something went wrong. */
const WARNING_EVENTS = new Set(['error', 'dropped', 'lost', 'stall', 'syslog']);

export interface SyslogHeader {
  facility: number;
  /** This machine's name: printable US-ASCII, at most 255 (§6.2.4); '' becomes the NILVALUE. */
  hostname: string;
  procid: number;
}

/** PRINTUSASCII without SP, cut to `max` (§6.2.4–6.2.7 header fields); NILVALUE when nothing is left. */
export function headerField(text: string, max: number): string {
  const field = text.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return field === '' ? '-' : field;
}

/** An SD-NAME (§6.3.3): PRINTUSASCII except '=', SP, ']', '"'; at most 32. */
function sdName(text: string): string {
  return text.replace(/[^\x21-\x7e]|[=\]"]/g, '_').slice(0, 32) || '_';
}

/** A PARAM-VALUE (§6.3.3): '"', '\' and ']' escaped with '\'; control characters made visible, as in the file log. */
export function escapeParam(value: string): string {
  return escapeText(value).replace(/["\\\]]/g, '\\$&');
}

/** At most this many bytes of a PARAM-VALUE, escaped: a name or an event's field cannot push a message past MAX_MESSAGE_BYTES. */
const PARAM_BYTES = 256;

/** `value` escaped, cut (by whole characters, never inside an escape) to `max` bytes; a cut one ends in `…`. */
function cappedParam(value: string, max: number): string {
  const escaped = escapeParam(value);
  if (escaped.length <= max / 3 || Buffer.byteLength(escaped) <= max) return escaped;
  let out = '';
  let bytes = 0;
  for (const character of value) {
    const piece = escapeParam(character);
    const size = Buffer.byteLength(piece);
    if (bytes + size > max - 3) break;
    out += piece;
    bytes += size;
  }
  return `${out}…`;
}

function param(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${sdName(name)}="${cappedParam(String(value), PARAM_BYTES)}"`;
}

/**
 * The most bytes one message has, header and structured data included.
 * rsyslog's default maxMessageSize is 8 KiB, and imtcp does not drop the rest
 * of a longer octet-counted frame: it parses it as a NEW message, so a pane
 * printing a line of 8 KB whose end is itself a syslog message would forge a
 * record at the collector (test/e2e/syslog.test.ts shows it against rsyslog
 * at its defaults). Below that with room to spare, whatever the collector's
 * setting.
 */
export const MAX_MESSAGE_BYTES = 8000;

/** The message for `record`, without framing (which depends on the transport); whole, however long. */
export function syslogMessage(record: AuditRecord, header: SyslogHeader): string {
  const [head, sd, msg] = messageParts(record, header, '');
  return `${head}${sd} ${msg}`;
}

/**
 * The messages for `record`, each at most `max` bytes: one, or, when its text
 * is longer, the text cut into pieces (by whole characters), each a message
 * with the same header and `part="i/n"` in its structured data, so the
 * collector has the whole text and every piece says it is one.
 */
export function syslogMessages(record: AuditRecord, header: SyslogHeader, max = MAX_MESSAGE_BYTES): string[] {
  const [head, sd, msg] = messageParts(record, header, '');
  const whole = `${head}${sd} ${msg}`;
  if (Buffer.byteLength(whole) <= max) return [whole];
  // The part marker's room: `part="999/999"` at most (a line is 16,384 characters, escaped 6 bytes each at worst).
  let withFields = true;
  let [, partSd] = messageParts(record, header, 'part="000/000"');
  // An event's fields are in its text too: where they would leave little room for it, the second element keeps only the name.
  if (Buffer.byteLength(head) + Buffer.byteLength(partSd) > max / 2) {
    withFields = false;
    [, partSd] = messageParts(record, header, 'part="000/000"', false);
  }
  const room = max - Buffer.byteLength(head) - Buffer.byteLength(partSd) - 1;
  const pieces: string[] = [];
  let piece = '';
  let bytes = 0;
  for (const character of msg) {
    const size = Buffer.byteLength(character);
    if (bytes + size > room) {
      pieces.push(piece);
      piece = '';
      bytes = 0;
    }
    piece += character;
    bytes += size;
  }
  pieces.push(piece);
  return pieces.map((text, i) => {
    const [, sdPart] = messageParts(record, header, `part="${i + 1}/${pieces.length}"`, withFields);
    return `${head}${sdPart} ${text}`;
  });
}

/** The header (up to MSGID and its space), the structured data (with `extra` params in ours), the text. */
function messageParts(record: AuditRecord, header: SyslogHeader, extra: string, withFields = true): [string, string, string] {
  const event = record.kind === 'event';
  const severity = event ? (WARNING_EVENTS.has(record.text) ? SEVERITY.warning : SEVERITY.notice) : SEVERITY.info;
  const place = record.place;
  let sd =
    `[${SD_ID}${param('user', record.user)}${param('session', place.session)}${param('window', place.window)}` +
    `${param('pane', place.pane)}${param('paneId', place.paneId || undefined)}${param('server', place.server || undefined)}` +
    `${param('rec', record.rec)}${param('seq', record.seq)}${extra ? ` ${extra}` : ''}]`;
  if (event && withFields) {
    let fields = `[${EVENT_SD_ID}${param('name', record.text)}`;
    for (const [key, value] of Object.entries(record.fields ?? {})) fields += param(key, value);
    sd += `${fields}]`;
  } else if (event) sd += `[${EVENT_SD_ID}${param('name', record.text)}]`;
  const msg = event ? eventText(record.text, { rec: record.rec, ...record.fields }) : escapeText(record.text);
  // §6.2.3: a timestamp with its offset; UTC, to the millisecond.
  const head = `<${header.facility * 8 + severity}>1 ${new Date(record.time).toISOString()} ${headerField(header.hostname, 255)} ${APP_NAME} ${header.procid} ${record.kind} `;
  return [head, sd, msg];
}

/** RFC 6587 §3.4.1 octet counting: the message's length in bytes, a space, the message. */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}
