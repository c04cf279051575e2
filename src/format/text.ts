// The log's line format: `<time> <user> <session>:<window>.<pane> <mark> <text>`.
// The mark tells a reader (and grep) what the line is: `|` a line the pane
// printed, `+` the next piece of a line too long to keep whole, `=` a row of a
// full-screen program's screen as captured, `*` an event of the recorder itself
// (start, stop, ...).

import { format } from 'date-fns';

export const DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";

export const enum Mark {
  Text = '|',
  Continued = '+',
  Screen = '=',
  Event = '*',
}

/** Formats epoch milliseconds; a flood stamps thousands of lines per millisecond, so the last result is reused. */
export function makeClock(timeFormat: string): (ms: number) => string {
  let lastMs = Number.NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      lastMs = ms;
      last = format(ms, timeFormat);
    }
    return last;
  };
}

/** Why a time format cannot be used, or undefined when it can. */
export function timeFormatProblem(timeFormat: string): string | undefined {
  if (timeFormat.length === 0) return 'it is empty';
  try {
    format(0, timeFormat);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Who and where, the part of the stamp that is fixed for a recording. */
export function origin(user: string, session: string, window: string, pane: string): string {
  return `${user} ${session}:${window}.${pane}`;
}

export function stampLine(time: string, from: string, mark: Mark, text: string): string {
  return `${time} ${from} ${mark} ${text}\n`;
}

/** `name key=value ...`; a value with blanks, quotes or `=` is JSON-quoted so the line stays parseable. */
export function eventText(name: string, fields: Record<string, string | number | undefined>): string {
  let text = name;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const plain = String(value);
    text += ` ${key}=${/^[^\s"=\\]+$/.test(plain) ? plain : JSON.stringify(plain)}`;
  }
  return text;
}
