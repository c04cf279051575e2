// A cell full of combining marks, as tmux 3.3a fills it: at most UTF8_SIZE (21) bytes, a mark that would take it past
// that dropped (screen-write.c:2008), and what the log keeps that tmux never had in the cell (the `\xNN` of a byte it
// dropped, U+2028, a character of wcwidth -1) counting for nothing. Each case's screen was read with capture-pane from
// tmux 3.3a (LANG=C.UTF-8); each goes through the line model and, after ESC 7, the screen model.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transcriptLines } from '../support/transcript.ts';

const mark = (count: number): string => '\u0301'.repeat(count);
const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));
const FF5 = [0xff, 0xff, 0xff, 0xff, 0xff];

/** [what, bytes printed after `x `, the line logged after `x `]. */
const CASES: [string, Buffer, string][] = [
  ['eleven marks of 2 bytes on `a`: ten fit', bytes(`a${mark(11)}`), `a${mark(10)}`],
  ['on a wide character of 3 bytes: nine', bytes(`中${mark(10)}`), `中${mark(9)}`],
  ['on one of 4 bytes: eight', bytes(`😀${mark(10)}`), `😀${mark(8)}`],
  ['a mark of 4 bytes fits the last 4, the next of 2 does not', bytes(`a${mark(8)}\u{1d167}\u0301`), `a${mark(8)}\u{1d167}`],
  ['malformed bytes take no room: five of them, then a mark', bytes('a', FF5, '\u0301'), `a${'\\xff'.repeat(5)}\u0301`],
  ['nor do they after marks', bytes(`a${mark(9)}`, FF5, mark(2)), `a${mark(9)}${'\\xff'.repeat(5)}\u0301`],
  ['nor U+2028 (tmux drops it: wcwidth -1)', bytes(`a${'\u2028'.repeat(3)}${mark(10)}`), `a${'\\u2028'.repeat(3)}${mark(10)}`],
  ['nor an unassigned code point', bytes(`a${'\u0378'.repeat(4)}${mark(10)}`), `a${'\u0378'.repeat(4)}${mark(10)}`],
  ['a bidi control does: tmux combines it (wcwidth 0), 3 bytes', bytes(`a${'\u202a'.repeat(3)}${mark(10)}`), `a${'\\u202a'.repeat(3)}${mark(5)}`],
  ['and it is dropped itself when it does not fit', bytes(`a${mark(9)}\u202a\u0301`), `a${mark(10)}`],
];

describe('a cell holds 21 bytes of what is combined onto it, as tmux 3.3a counts them', () => {
  for (const [what, printed, logged] of CASES) {
    it(what, () => {
      const line = Buffer.concat([Buffer.from('x '), printed, Buffer.from('|\r\n')]);
      assert.deepEqual(transcriptLines(line, { columns: 80, rows: 24 }), [`x ${logged}|`], 'line model');
      assert.deepEqual(transcriptLines(Buffer.concat([Buffer.from('\x1b7'), line]), { columns: 80, rows: 24 }), [`x ${logged}|`], 'screen model');
      // Byte by byte: the count does not depend on where reads end.
      assert.deepEqual(transcriptLines([...Buffer.concat([Buffer.from('\x1b7'), line])].map((byte) => Buffer.of(byte)), { columns: 80, rows: 24 }), [`x ${logged}|`]);
    });
  }
});

/** `printed` logs `logged` in the line model and, after ESC 7, in the screen model; in one read and byte by byte. */
function assertLogged(printed: Buffer, logged: string[], columns: number): void {
  const engaged = Buffer.concat([Buffer.from('\x1b7'), printed]);
  const bytewise = (all: Buffer): Buffer[] => [...all].map((byte) => Buffer.of(byte));
  assert.deepEqual(transcriptLines(printed, { columns, rows: 24 }), logged, 'line model');
  assert.deepEqual(transcriptLines(engaged, { columns, rows: 24 }), logged, 'screen model');
  assert.deepEqual(transcriptLines(bytewise(printed), { columns, rows: 24 }), logged, 'line model, byte by byte');
  assert.deepEqual(transcriptLines(bytewise(engaged), { columns, rows: 24 }), logged, 'screen model, byte by byte');
}

/** [what, bytes printed, the lines logged] at 40 columns: the screens read with capture-pane -J from tmux 3.3a. */
const UNUSED: [string, Buffer, string[]][] = [
  // The screen: a row emptied by EL 1 at the pending-wrap column, and `|` on the next (joined by -J: `|`).
  ['a byte tmux dropped, on an emptied row', bytes('C2 \x1b[99999b\x1b[1K', [0xff], '|\r\n'), ['\\xff|']],
  ['a character tmux dropped (wcwidth -1) there', bytes('C2 \x1b[99999b\x1b[1K\u0378|\r\n'), ['\u0378|']],
  ['a mark there: tmux combines it onto a blank cell, which is then in use', bytes('C2 \x1b[99999b\x1b[1K\u0301|\r\n'), [`${' '.repeat(40)}\u0301|`]],
  // The screen: `a`; `b`, blanks and U+202A; `c`, blanks and `x`.
  ['a byte tmux dropped past the end of a row', bytes('a\x1b[30G', [0xff], '\r\n'), ['a\\xff']],
  ['a bidi control there: tmux combines it', bytes('b\x1b[30G\u202a\r\n'), [`b${' '.repeat(28)}\\u202a`]],
  ['U+2028 there: tmux drops it', bytes('c\x1b[30G\u2028x\r\n'), [`c\\u2028${' '.repeat(28)}x`]],
];

describe('what tmux never put in a cell puts no cell in use: no blanks in the log where the screen has none', () => {
  for (const [what, printed, logged] of UNUSED) {
    it(what, () => assertLogged(printed, logged, 40));
  }
});

const ZWJ = '\u200d';

/**
 * [what, bytes printed, the lines logged] at 80 columns: the screens read with capture-pane -J from tmux 3.3a. A ZWJ
 * only sets a flag (screen-write.c:1835); the next character that is not ASCII takes it and joins the cell before, the
 * ZWJ first (:1847-1852), a bidi control tmux combines included.
 */
const JOINED: [string, Buffer, string[]][] = [
  // The screen: `a‍д‍а|`; the log had each ZWJ, 3 bytes each, and lost the `а` for the cell being full.
  ['a run of ZWJs is one: joined once, with the character after it', bytes(`a${ZWJ.repeat(7)}д${ZWJ.repeat(7)}а|\r\n`), [`a${ZWJ}д${ZWJ}а|`]],
  // The screen: eight marks of the nine fit after `a` and one ZWJ (1 + 3 + 8 × 2 bytes); the log had one.
  ['and it takes 3 bytes of the cell once', bytes(`a${ZWJ.repeat(7)}${mark(9)}|\r\n`), [`a${ZWJ}${mark(8)}|`]],
  ['a ZWJ nothing after it joins is not shown', bytes(`ab${ZWJ}|\r\n`), ['ab|']],
  // The screen: `ab‍中c|`: ASCII leaves the flag set (screen-write.c:1774), the wide character joins `b`.
  ['it waits past ASCII for the character it joins', bytes(`a${ZWJ}b中c|\r\n`), [`ab${ZWJ}中c|`]],
  ['a bidi control takes it, the ZWJ before it', bytes(`ab${ZWJ}\u2066c|\r\n`), [`ab${ZWJ}\\u2066c|`]],
  // The screen: `a‍‪中b‍‪        |rm -rf /`: each bidi control uses up the joiner, each 中 takes two cells of its own.
  // Joined onto the cell before, 中 took none: the blanks written at column 4 fell past `rm -rf /` and hid it.
  [
    'a wide character after a bidi control that took the joiner takes its cells',
    bytes(`a${`${ZWJ}\u202a中b`.repeat(4)}rm -rf /\r\x1b[4C${' '.repeat(8)}|\r\n`),
    [`a${ZWJ}\\u202a中b${ZWJ}\\u202a${' '.repeat(8)}|rm -rf /`],
  ],
];

describe('a ZWJ joins the next character that is not ASCII onto the cell before, as tmux 3.3a joins it', () => {
  for (const [what, printed, logged] of JOINED) {
    it(what, () => assertLogged(printed, logged, 80));
  }
});
