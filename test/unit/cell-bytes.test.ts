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
