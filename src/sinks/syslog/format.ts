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

function param(name: string, value: string | number | undefined): string {
  return value === undefined ? '' : ` ${sdName(name)}="${escapeParam(String(value))}"`;
}

/** The message for `record`, without framing (which depends on the transport). */
export function syslogMessage(record: AuditRecord, header: SyslogHeader): string {
  const event = record.kind === 'event';
  const severity = event ? (WARNING_EVENTS.has(record.text) ? SEVERITY.warning : SEVERITY.notice) : SEVERITY.info;
  const place = record.place;
  let sd =
    `[${SD_ID}${param('user', record.user)}${param('session', place.session)}${param('window', place.window)}` +
    `${param('pane', place.pane)}${param('paneId', place.paneId || undefined)}${param('server', place.server || undefined)}` +
    `${param('rec', record.rec)}${param('seq', record.seq)}]`;
  if (event) {
    let fields = `[${EVENT_SD_ID}${param('name', record.text)}`;
    for (const [key, value] of Object.entries(record.fields ?? {})) fields += param(key, value);
    sd += `${fields}]`;
  }
  const msg = event ? eventText(record.text, { rec: record.rec, ...record.fields }) : escapeText(record.text);
  // §6.2.3: a timestamp with its offset; UTC, to the millisecond.
  return `<${header.facility * 8 + severity}>1 ${new Date(record.time).toISOString()} ${headerField(header.hostname, 255)} ${APP_NAME} ${header.procid} ${record.kind} ${sd} ${msg}`;
}

/** RFC 6587 §3.4.1 octet counting: the message's length in bytes, a space, the message. */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}
