// The common case of a search, read from the bytes: a text line that the pane
// printed (not an event, not JSON), plain printable ASCII, searched with no
// filter that needs its fields. `grep` over a gigabyte may print a million
// such lines; parsing each one into its fields (line.ts) and escaping it for
// the terminal (commands/reading.ts) cost most of the search. Here the start
// of the text after the mark is found by the format's fixed shape, exactly as
// splitLine (format/text.ts) finds it, and a line with nothing to escape can
// be copied to the output as it is. Anything else (an event, a JSON line, a
// byte that is not printable ASCII, a line that does not read as a log line)
// is left to the full parser: slower, and the definition.

import { daysInMonth } from './line.ts';

/** Bytes of the place-and-mark part: `:<window>.<pane> <mark> ` (format/text.ts PLACE_AND_MARK). */
const COLON = 0x3a;
const DOT = 0x2e;
const SPACE = 0x20;
const STAR = 0x2a;

/** Whether `byte` is one of the marks `| + ~ = <` of a printed line (`*`, an event, is not). */
function isTextMark(byte: number): boolean {
  return byte === 0x7c || byte === 0x2b || byte === 0x7e || byte === 0x3d || byte === 0x3c;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** The value of the `length` ASCII digits at `at`, -1 if one is not a digit. */
function digitsAt(bytes: Buffer, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Whether the line `bytes[start, end)` starts with a default-format stamp and a blank, one that line.ts isoMs
 * reads (the same checks, from the bytes: no string made): false leaves the line to the full parser, which
 * reads what isoMs does not through date-fns, and refuses text that merely looks like a stamp.
 */
export function isoStampAt(bytes: Buffer, start: number, end: number): boolean {
  if (end - start < 30 || bytes[start + 29] !== SPACE) return false;
  const at = (i: number) => bytes[start + i];
  if (at(4) !== 0x2d || at(7) !== 0x2d || at(10) !== 0x54 || at(13) !== COLON || at(16) !== COLON || at(19) !== DOT || at(26) !== COLON) return false;
  if (at(23) !== 0x2b && at(23) !== 0x2d) return false;
  const year = digitsAt(bytes, start, 4);
  const month = digitsAt(bytes, start + 5, 2);
  const day = digitsAt(bytes, start + 8, 2);
  const hour = digitsAt(bytes, start + 11, 2);
  const minute = digitsAt(bytes, start + 14, 2);
  const second = digitsAt(bytes, start + 17, 2);
  const ms = digitsAt(bytes, start + 20, 3);
  const offsetHour = digitsAt(bytes, start + 24, 2);
  const offsetMinute = digitsAt(bytes, start + 27, 2);
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 && offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}

/**
 * Where the text after the mark starts in the line `bytes[start, end)`
 * written with a time format of `timeWords` blank-separated words; -1 when the
 * line is not a printed line in that shape (an event, JSON, or no log line:
 * the caller asks the full parser). What splitLine finds: the time's words,
 * a non-empty user, then the first `:<digits>.<digits> <mark> ` after it
 * (a session name holds no `:` nor `.`: session_check_name, session.c:244).
 * The line must be ASCII (a multi-byte character never holds an ASCII byte,
 * but the caller has the line checked anyway).
 */
export function textStart(bytes: Buffer, start: number, end: number, timeWords: number): number {
  // A JSON line (`@audit-format json`: line.ts reads every line that starts with `{` as one) is no text line,
  // whatever its text holds.
  if (bytes[start] === 0x7b) return -1;
  // indexOf (memchr) past the stamp and the user: a JavaScript loop costs more over 30 bytes.
  let at = start;
  for (let words = timeWords; words > 0; words--) {
    at = bytes.indexOf(SPACE, at);
    if (at < 0 || at >= end) return -1;
    at++;
  }
  return textAfterTime(bytes, at, end);
}

/**
 * textStart from the user on (`user`: the byte after the time's words and their blank), as for a line whose
 * default-format stamp isoStampAt has checked: its one word ends at byte 29.
 */
export function textAfterTime(bytes: Buffer, user: number, end: number): number {
  // A loop to the user's blank: a user name is a few bytes, less than a call to indexOf costs.
  let at = user;
  while (at < end && bytes[at] !== SPACE) at++;
  if (at >= end || at === user) return -1;
  // The leftmost `:(\d+)\.(\d+) ([|+~=<*]) ` in the rest (greedy digits cannot backtrack into a match: each is followed by a non-digit).
  for (at++; at < end; at++) {
    if (bytes[at] !== COLON) continue;
    let i = at + 1;
    const windowStart = i;
    while (i < end && isDigit(bytes[i]!)) i++;
    if (i === windowStart || i >= end || bytes[i] !== DOT) continue;
    const paneStart = ++i;
    while (i < end && isDigit(bytes[i]!)) i++;
    // `<blank><mark><blank>` must follow, whole, within the line.
    if (i === paneStart || i + 2 >= end || bytes[i] !== SPACE || bytes[i + 2] !== SPACE) continue;
    const mark = bytes[i + 1]!;
    if (mark === STAR) return -1; // the first place-and-mark says event: the full parser reads those
    if (isTextMark(mark)) return i + 3;
  }
  return -1;
}

/** The 32-bit words of the last buffer read (four bytes at a time, below). */
let wordsOf: ArrayBufferLike | undefined;
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);
/** Words are read in the platform's byte order, and written back in it. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function wordsOfBuffer(bytes: Uint8Array): Int32Array<ArrayBufferLike> {
  if (bytes.buffer !== wordsOf) {
    wordsOf = bytes.buffer;
    words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
  }
  return words;
}

/** Whether a byte is one a terminal would not take as it is: a control (but TAB), DEL, or not ASCII. */
function unsafeByte(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09) || byte > 0x7e;
}

function plainBytes(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (unsafeByte(bytes[i]!)) return false;
  return true;
}

// A 32-bit word holds a byte below 0x20 when (w - 0x20202020) & ~w has a high bit set, and one above
// 0x7e when (w + 0x01010101) | w has (exact for "any such byte", SWAR); a word so flagged may only
// hold a TAB, so the bytes are then looked at one by one. `| 0` keeps the sums 32-bit (an overflow
// into a double costs several times more).

/**
 * Whether `bytes[start, end)` is printable ASCII and TAB only: nothing a
 * terminal would obey (escapeForTerminal leaves such a line as it is) and
 * nothing UTF-8 decoding could change. Four bytes at a time.
 */
export function plainAscii(bytes: Uint8Array, start: number, end: number): boolean {
  return copyPlain(bytes, start, end, undefined, 0) >= 0;
}

/**
 * plainAscii, and the bytes copied to `target` at `at` as they are checked
 * (a DataView: written four bytes at a time wherever they land); the offset
 * after them, or -1 when they are not plain (what was copied is then to be
 * ignored). No target: only checked.
 */
export function copyPlain(bytes: Uint8Array, start: number, end: number, target: DataView | undefined, at: number): number {
  const base = bytes.byteOffset;
  let i = start;
  for (; i < end && ((base + i) & 3) !== 0; i++) {
    const byte = bytes[i]!;
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  const whole = i + ((end - i) & ~3);
  if (whole > i) {
    const words = wordsOfBuffer(bytes);
    let flagged = 0;
    const last = (base + whole) >> 2;
    if (target) {
      for (let w = (base + i) >> 2; w < last; w++, at += 4) {
        const word = words[w]!;
        flagged |= (((word - 0x20202020) | 0) & ~word) | ((word + 0x01010101) | 0) | word;
        target.setInt32(at, word, LITTLE_ENDIAN);
      }
    } else {
      for (let w = (base + i) >> 2; w < last; w++) {
        const word = words[w]!;
        flagged |= (((word - 0x20202020) | 0) & ~word) | ((word + 0x01010101) | 0) | word;
      }
    }
    if ((flagged & 0x80808080) !== 0 && !plainBytes(bytes, i, whole)) return -1;
    i = whole;
  }
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  return at;
}
