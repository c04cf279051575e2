// Which JSON lines (`@audit-format json`) a search must parse to know whether
// they match, found from the bytes. A search matches the text a line has once
// decoded and read as the text format shows it (line.ts readJsonLine: JSON
// unescaped, then escapeText, an event as `name key=value ...`), never the raw
// bytes; a line may only be passed over when its bytes prove that this text
// cannot hold the pattern's literal. They do when the literal is not in the
// bytes and nothing between bytes and text can make it:
// - a JSON escape (`\u006e` is `n`, `\n` becomes `\u000a` once escaped): needs
//   a `\` in the line;
// - escapeText writing an unsafe character as `\uXXXX`: DEL (0x7f), C1
//   (UTF-8 C2 80..9F), U+2028..202E and U+2066..2069 (E2 80 A8..AE, E2 81
//   A6..A9) raw in the line (the writer never leaves them raw; C0 controls
//   cannot be raw in a JSON string: JSON.parse refuses the line); a byte C2 or
//   E2 anywhere is enough to be looked at;
// - UTF-8 decoding, which makes each invalid byte U+FFFD: a literal holding
//   U+FFFD gets no shortlist;
// - an event's text, which joins its name, keys and values with ` `, `=` and
//   quotes, and writes a number field as String(number) (`1e3` is `1000`):
//   unless the literal holds none of ` ="` (a match then lies within one name,
//   key or value, each in the bytes as it is) and a character no number is
//   written with, every event line is looked at too (found by its `"event"`,
//   which an event line without `\` holds as it is, whatever blanks JSON.parse
//   took around its key: `"kind":"event"` would miss `"kind" : "event"`).
// Every other line holds its text's characters as their UTF-8 bytes, in order.

import { jsonSafeLiteral } from '../format/json.ts';
import { indexOfFolded, isCaseBlind } from './fold.ts';

/** In every JSON event line without a `\\` (the value of its `kind`). */
export const JSON_EVENT_WORD = Buffer.from('"event"');

/**
 * Byte strings one of which every JSON event line holds, however it is
 * spelled (keys in any order, blanks: a log shipper's or `jq`'s rewrite): its
 * kind's value `"event"` as it is, or a `\u` escape of one of its letters
 * (e n t v: `\u0065`, `\u006e`, `\u0074`, `\u0076`, hex digits in either
 * case). No other JSON escape decodes to a letter (`\"`, `\\`, `\/`, `\b`,
 * `\f`, `\n`, `\r`, `\t`), and JSON.parse takes no other: a line with
 * none of these is not an event once parsed. The lines found are parsed.
 */
export const JSON_EVENT_LINES: readonly Buffer[] = [JSON_EVENT_WORD, Buffer.from('\\u006'), Buffer.from('\\u007')];

/** Bytes that may mean a line's text is not its bytes (above): a line holding one is always parsed. */
export const JSON_TEXT_CHANGERS: readonly Buffer[] = [Buffer.from('\\'), Buffer.from([0x7f]), Buffer.from([0xc2]), Buffer.from([0xe2])];

/** The characters String(number) writes a number with (`Infinity`: `1e999`). */
const NUMBER_CHARACTERS = /^[0-9.e+\-Infity]*$/i;

/** Whether a match of `literal` in an event's text must lie within one of its name, keys and values, none of them a number. */
export function withinOneEventWord(literal: string): boolean {
  // Case-blind: a literal `1E3` or `INFINITY` may match a number too (so always read without case).
  return !/[ ="]/.test(literal) && !NUMBER_CHARACTERS.test(literal);
}

/**
 * The byte strings one of which every JSON line whose text holds `literal`
 * contains (its UTF-8 bytes, the bytes that may change a text, and event
 * lines unless provably not needed); with `events`, every event line too
 * (recordings are followed). undefined when there is no such list: every
 * JSON line is then parsed.
 */
export function jsonShortlist(literal: string | Buffer, events: boolean): readonly Buffer[] | undefined {
  // A case-blind needle (fold.ts) stands for itself: printable ASCII, lower case.
  const text = typeof literal === 'string' ? literal : literal.toString('latin1');
  if (text.length === 0 || text.includes('\uFFFD') || !jsonSafeLiteral(text)) return undefined;
  const needles = [typeof literal === 'string' ? Buffer.from(literal, 'utf8') : literal, ...JSON_TEXT_CHANGERS];
  if (events || !withinOneEventWord(text)) needles.push(JSON_EVENT_WORD);
  return needles;
}

const BACKSLASH = 0x5c;
const DEL = 0x7f;

/**
 * Whether the line `piece[start, end)` is a JSON line whose text cannot hold
 * `literal` (its UTF-8 bytes, or a case-blind needle: fold.ts; `events`: an event line may hold it otherwise,
 * see jsonShortlist): what the shortlist says, for one line, exactly (an
 * E2 byte only counts before 80 or 81, the start of U+2028..202E and
 * U+2066..2069). false: the line is to be read.
 */
export function jsonLineCannotHold(piece: Buffer, start: number, end: number, literal: Buffer, events: boolean): boolean {
  if (piece[start] !== 0x7b) return false;
  const line = piece.subarray(start, end);
  if ((isCaseBlind(literal) ? indexOfFolded(line, literal, 0) : line.indexOf(literal)) >= 0 || line.indexOf(BACKSLASH) >= 0 || line.indexOf(DEL) >= 0 || line.indexOf(0xc2) >= 0) return false;
  for (let at = line.indexOf(0xe2); at >= 0; at = line.indexOf(0xe2, at + 1)) {
    const next = line[at + 1];
    if (next === undefined || next === 0x80 || next === 0x81) return false;
  }
  return !(events && line.indexOf(JSON_EVENT_WORD) >= 0);
}

/** In every JSON line (its opening brace): the needle that stands for "every line". */
const EVERY_JSON_LINE = [Buffer.from('{')];

/**
 * Byte strings one of which every JSON line holding a string `value` holds,
 * however the line is spelled (blanks, key order: `grep -C`, `show` look for a
 * pane's or a recording's lines by them): its value as a JSON string, which a
 * line holds as it is unless the line has a text changer (above: a `\`, DEL,
 * a raw C1, separator or bidi character, which reading escapes), and those.
 * `value` is as read (line.ts: escapeText'd; a raw value, such as a rec, is
 * its own escaped form or holds an unsafe character, and then the line holds
 * a changer). A value holding U+FFFD may have been any invalid bytes: every
 * line (its `{`). Coarse (a window or a text with the same value is found
 * too): the lines found are parsed and checked.
 */
export function jsonValueNeedles(value: string): readonly Buffer[] {
  if (value.includes('\uFFFD')) return EVERY_JSON_LINE;
  return [Buffer.from(JSON.stringify(value)), ...JSON_TEXT_CHANGERS];
}
