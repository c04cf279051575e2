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
    it(what, () => {
      assert.deepEqual(transcriptLines(printed, { columns: 40, rows: 24 }), logged, 'line model');
      const engaged = Buffer.concat([Buffer.from('\x1b7'), printed]);
      assert.deepEqual(transcriptLines(engaged, { columns: 40, rows: 24 }), logged, 'screen model');
      assert.deepEqual(transcriptLines([...engaged].map((byte) => Buffer.of(byte)), { columns: 40, rows: 24 }), logged, 'byte by byte');
    });
  }
});
