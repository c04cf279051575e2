// Times a user gives (--since, --until): ISO dates and times, relative forms
// (`2h`, `30m`, `90s`, `3d`, `1w`, optionally followed by `ago`), `now`,
// `today`, `yesterday` (their midnight, local time), a time of day (`14:30`,
// today). Pure: `now` comes in.

import { isValid, parse, parseISO, startOfDay, subDays } from 'date-fns';
import { AuditError } from '../core/errors.ts';
import { escapeText } from '../format/text.ts';

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_NAMES: Readonly<Record<string, string>> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', week: 'w', weeks: 'w',
};

/** Local-time forms date-fns reads besides ISO 8601 (which parseISO reads, offsets included). */
const LOCAL_FORMATS = ['yyyy-MM-dd HH:mm:ss.SSS', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', 'HH:mm:ss', 'HH:mm'];

/** Epoch ms of `text` as of `now`, or undefined when it is no time this understands. */
export function parseWhen(text: string, now: Date): number | undefined {
  const given = text.trim().toLowerCase();
  if (given === 'now') return now.getTime();
  if (given === 'today') return startOfDay(now).getTime();
  if (given === 'yesterday') return startOfDay(subDays(now, 1)).getTime();
  const relative = /^(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+ago)?$/.exec(given);
  if (relative) {
    const unit = UNIT_NAMES[relative[2]!];
    if (!unit) return undefined;
    return now.getTime() - Math.round(Number(relative[1]) * UNIT_MS[unit]!);
  }
  if (/^\d{4}-\d\d-\d\d(?:[T ]|$)/.test(text.trim())) {
    const iso = parseISO(text.trim());
    if (isValid(iso)) return iso.getTime();
  }
  for (const form of LOCAL_FORMATS) {
    const parsed = parse(text.trim(), form, now);
    if (isValid(parsed)) return parsed.getTime();
  }
  return undefined;
}

/** parseWhen, or an error naming the option and the text (exit 2). */
export function requireWhen(option: string, text: string, now: Date): number {
  const ms = parseWhen(text, now);
  if (ms === undefined) {
    throw new AuditError(`${option}: cannot read '${escapeText(text)}' as a time (try 2h, 30m, 3d, today, yesterday, 14:30, 2026-11-24 or 2026-11-24T23:01)`, 2);
  }
  return ms;
}
