// The log against the screen, case by case: generated lines of hostile terminal output (REP and what makes tmux
// forget its character, sub-parameters where tmux reads them and where it does not, C1 controls, sequences at
// tmux's limits, UTF-8 characters cut by a sequence, a string or a control, bytes alone, marks up to what a cell
// holds, characters tmux drops, DEC graphics character sets), each split across reads, printed into a
// logged pane of a real tmux 3.3a with a client attached; each case's rows in capture-pane must be its lines in the
// log, in their order, nothing more and nothing less. The seed is fixed:
// the same cases at every run, so a failure names a case that fails again.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cellWidth } from '../../src/terminal/width.ts';
import { ROOT } from '../support/paths.ts';
import { attachClient, serversForThisFile } from '../support/tmux.ts';
import { uniqueMarker, waitFor } from '../support/util.ts';

const server = serversForThisFile();

const SEED = 15;
const CASES = 2000;
const E = '\x1b';
/** Where a case may be cut into two reads (the writer drops it): no token holds this byte. */
const CUT = 0x01;

/** mulberry32: the same cases at every run. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Saves of the cursor, and restores (only after a save in the same case: one before would go to another case's row). */
const SAVES = [`${E}7`, `${E}[s`, `${E}[1:2s`];
const RESTORES = [`${E}8`, `${E}[u`, `${E}[;1:2u`, `${E}[1;5:1u`];
const TOKENS = [
  // Text: wide, combining, tab, no-break space, and a run long enough to wrap (PAD).
  'x', 'ab', '中', '😀', 'e\u0301', '\u0301', '\t', '\xa0', 'PAD', 'é',
  // Marks up to what a cell holds (21 bytes, screen-write.c:2008), a mark of 4 bytes, bidi controls tmux combines
  // (wcwidth 0; the log escapes them), and what tmux drops (wcwidth -1, utf8.c:240): U+2028, an unassigned code point, a noncharacter.
  '\u0301'.repeat(9), '\u0301'.repeat(10), '\u{1d167}', '\u202a', '\u2066', '\u2028', '\u0378', '\ufdd0',
  // A byte alone (BYTE): lead bytes, continuation bytes, bytes no character holds.
  'BYTE', 'BYTE', 'BYTE',
  // C1 controls written as UTF-8: tmux shows nothing, no cell (utf8.c:236-240).
  '\u0080', '\u0085', '\u009b', '\u009f', '\u009b31m',
  // REP, and sequences after which tmux forgets or keeps the character it repeats (input.c:1330, :1635).
  `${E}[b`, `${E}[0b`, `${E}[3b`, `${E}[99999b`, `${E}[2147483648b`, `${E}[1:2b`, `${E}[2;3b`, `${E}[3;1:2b`,
  `${E}[m`, `${E}[1m`, `${E}[38;2;10;20;30m`, `${E}[38:2::1:2:3m`, `${E}[5y`, `${E}[?5y`, `${E}y`, `${E}[!p`, `${E}[1 q`,
  `${E}[>4;1m`, `${E}[=c`, `${E}[1$p`, `${E}[;m`, `${E}[::m`, `${E}[1;2"q`, `${E}[1'}`, `${E}[i`, `${E}[4i`,
  // tmux's limits on a CSI: 63 parameter bytes, 23 parameters, INT_MAX (input.c:92, :105, :1030).
  `${E}[${'1;'.repeat(30)}1m`, `${E}[${'1'.repeat(70)}m`, `${E}[2147483647m`, `${E}[1;3000000000m`, `${E}[${'9'.repeat(12)};1m`,
  `${E}[${Array.from({ length: 23 }, (_, i) => i + 1).join(';')}m`, `${E}[${Array.from({ length: 24 }, (_, i) => i + 1).join(';')}m`,
  `${E}[${'0'.repeat(62)}1m`, `${E}[${'0'.repeat(63)}1m`, `${E}[?${'0'.repeat(62)}1h`,
  // ESC sequences and strings; the character sets (G0, G1 and SO/SI): in DEC graphics tmux writes ASCII one cell at a
  // time (screen-write.c:1776), which blanks more of what ICH left of a wide character (:2059).
  `${E}(0`, `${E}(B`, `${E})0`, `${E})B`, '\x0e', '\x0f', `${E}%G`, `${E}\\`, `${E}P${E}\\`, `${E}]0;t\x07`, `${E}N`, `${E}O`,
  '\x7f', '\b', `${E}[C`, `${E}[D`, '\x18', `${E}P1q${E}\\`,
  // A sub-parameter in a parameter tmux reads (the sequence does nothing, input.c:1065), and in one it does not read
  // (it applies): EL, ED (ED 3 reads its second, :1508), moves, ICH, DCH, ECH, CHA and HPA.
  `${E}[1:2K`, `${E}[2;1:2K`, `${E}[1;1:2K`, `${E}[0;1:2J`, `${E}[;1:2J`, `${E}[1:2J`, `${E}[3;1:2J`, `${E}[2;1:2J`,
  `${E}[3:1D`, `${E}[3;1:2D`, `${E}[2;1:2C`, `${E}[2;1:2@`, `${E}[2;1:2P`, `${E}[2;1:2X`, `${E}[9;1:2G`, `${E}[9:1G`, `${E}[12;1:2\``,
  // In a parameter read by CUP, HVP and DECSTBM (two each, input.c:1391, :1468), VPA, SU, SD, IL and DL: nothing
  // happens. (Where they apply, they move or scroll to absolute rows, over other cases' rows.)
  `${E}[1:2;5H`, `${E}[5;1:2H`, `${E}[1:2f`, `${E}[2;1:2f`, `${E}[1:2;5r`, `${E}[3;1:2r`, `${E}[1:2d`, `${E}[1:2S`, `${E}[1:2T`,
  `${E}[1:2L`, `${E}[1:2M`,
  'SAVE', 'RESTORE', 'CUT-CHARACTER',
];

/**
 * A UTF-8 character cut by one of these: tmux keeps it across a sequence, a string or DEL and gives it up at a printed
 * character or a control (input.c:1132, :1207). Malformed ones too: a character begun takes any byte with the top bit
 * set until it has its size, then is dropped whole (utf8.c:277), a lead byte in it and its surrogate or overlong forms.
 */
const CUT_CHARACTERS = [
  ...['©', '—', '😀', '中', '\u0080'].map((character) => Buffer.from(character, 'utf8')),
  ...['\xc3\xe4\xb8\xad', '\xe4\xc3\xa9', '\xf0\x9f\x98\xe4\xb8\xad', '\xe0\x80\xe4\xb8\xad', '\xed\xa0\x80\xc3\xa9'].map((bytes) => Buffer.from(bytes, 'latin1')),
];
const BYTES = [0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa9, 0xad, 0xb8, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xf8, 0xfe, 0xff];
const INTERRUPTIONS = [`${E}[m`, `${E}[1;2m`, `${E}]0;t\x07`, `${E}P1q\x18${E}\\`, `${E}_x${E}\\`, `${E}7`, `${E}[C`, '\x7f', 'x', '\b', `${E}[\x08m`];

/** The cases: each its prefix `C<k> `, tokens, and a REP then `|`; as bytes, cut (CUT) at random points, in UTF-8 characters too. */
function generate(): { cases: string[]; bytes: Buffer } {
  const next = random(SEED);
  const pick = <T>(list: readonly T[]): T => list[next(list.length)]!;
  const cases: string[] = [];
  const parts: Buffer[] = [];
  for (let k = 0; k < CASES; k++) {
    // The case as text (for a failure's message; a byte outside a character as \xNN) and as bytes.
    let text = '';
    const pieces: Buffer[] = [];
    const add = (token: string): void => {
      text += token;
      pieces.push(Buffer.from(token, 'utf8'));
    };
    add(`C${k} `);
    let saved = false;
    for (let count = 1 + next(5); count > 0; count--) {
      let token = pick(TOKENS);
      if (token === 'PAD') token = 'P'.repeat(100 + next(25));
      else if (token === 'SAVE') {
        token = pick(SAVES);
        saved = true;
      } else if (token === 'RESTORE') token = saved ? pick(RESTORES) : 'q';
      if (token === 'BYTE') {
        const byte = pick(BYTES);
        text += `\\x${byte.toString(16)}`;
        pieces.push(Buffer.of(byte));
      } else if (token === 'CUT-CHARACTER') {
        const character = pick(CUT_CHARACTERS);
        const at = 1 + next(character.length - 1);
        for (const byte of character.subarray(0, at)) text += `\\x${byte.toString(16)}`;
        pieces.push(character.subarray(0, at));
        add(pick(INTERRUPTIONS));
        for (const byte of character.subarray(at)) text += `\\x${byte.toString(16)}`;
        pieces.push(character.subarray(at));
      } else add(token);
      if (next(3) === 0) add(`${E}[${pick(['', '0', '1', '2', '5', '200'])}b`);
    }
    add(`${E}[${pick(['', '1', '3', '130'])}b|${E}[m\r\n`);
    cases.push(text);
    const bytes = Buffer.concat(pieces);
    const cuts = [...new Set(Array.from({ length: next(3) }, () => 1 + next(bytes.length - 1)))].sort((a, b) => a - b);
    let from = 0;
    for (const cut of cuts) {
      parts.push(bytes.subarray(from, cut), Buffer.of(CUT));
      from = cut;
    }
    parts.push(bytes.subarray(from));
  }
  return { cases, bytes: Buffer.concat(parts) };
}

/**
 * A line as capture-pane -J shows it, `width` columns wide: a TAB in the log stands for the blanks up to the next stop
 * (every 8th column) of the row it is on, none at the last column or past it (input.c:1222); the `\xNN` of a byte
 * tmux drops (a character it gave up) is no cell (no token prints a backslash); `\uNNNN` is the bidi control tmux
 * combined (wcwidth 0), or U+2028/U+2029, which tmux drops (wcwidth -1, utf8.c:240) and the log escapes so that no
 * reader splits a line at it.
 */
function asShown(logged: string, width: number): string {
  const text = logged
    .replace(/\\x[89a-f][0-9a-f]/g, '')
    .replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => (cellWidth(parseInt(hex, 16)) === 0 ? String.fromCharCode(parseInt(hex, 16)) : ''));
  let row = '';
  let cells = 0;
  for (const character of text) {
    if (character === '\t') {
      // After a full row the cursor stands past the last column until the next character wraps.
      const column = cells > 0 && cells % width === 0 ? width : cells % width;
      if (column >= width - 1) continue;
      const stop = Math.min(column + 8 - (column % 8), width - 1);
      row += ' '.repeat(stop - column);
      cells += stop - column;
    } else {
      const shown = cellWidth(character.codePointAt(0)!);
      // A character of wcwidth -1 (U+0378, U+FDD0) is dropped by this tmux (utf8.c:240) and kept by the reader: which
      // characters a tmux drops depends on the C library it was built with (see width.ts).
      if (shown < 0) continue;
      row += character;
      cells += shown;
    }
  }
  return row.trimEnd();
}

/**
 * Rows by case: a row that starts with `C<k>` and those after it up to the next such row, until `end`; blank rows left
 * out. A case that erased or wrote over its prefix (ED 2, moves back) goes with the one before, on both sides alike.
 */
function byCase(rows: string[], end: string): Map<number, string[]> {
  const cases = new Map<number, string[]>();
  let current: string[] | undefined;
  for (const row of rows) {
    if (row === end) break;
    const prefix = /^C(\d+)/.exec(row);
    if (prefix) {
      current = cases.get(Number(prefix[1])) ?? [];
      cases.set(Number(prefix[1]), current);
    }
    if (current && row !== '') current.push(row);
  }
  return cases;
}

describe('differential: the log holds what tmux 3.3a shows, for generated hostile output', () => {
  it(`${CASES} cases (seed ${SEED}), each cut across reads, in a logged pane with a client attached`, async () => {
    // ED 2 moves the screen into history (grid-view.c:66): every case stays within capture-pane's reach.
    const tmux = server({ env: { LANG: 'C.UTF-8' }, config: ['set -g history-limit 100000'] });
    const { cases, bytes } = generate();
    const end = uniqueMarker('end-of-cases');
    const input = path.join(tmux.dir, 'cases.bin');
    fs.writeFileSync(input, Buffer.concat([bytes, Buffer.from(`${end}\r\n`)]));
    const terminal = await attachClient(tmux);
    let width = 0;
    let capture = '';
    try {
      // The client's status line takes a row: logging starts once the pane has its size.
      await waitFor('the pane sized for the client', () => Number(tmux.show('#{window_height}')) === Number(tmux.show('#{client_height}')) - 1);
      terminal.press('C-b', 'A');
      await waitFor('the reader', () => tmux.readerPids()[0]);
      const done = uniqueMarker('done');
      terminal.typeText(`clear; '${process.execPath}' '${path.join(ROOT, 'test', 'support', 'split-writes.cjs')}' '${input}'; echo ${done}`);
      terminal.press('Enter');
      await waitFor('every case in the log', () => tmux.loggedText().includes(done), 50_000);
      // Read with the client still there: the pane keeps the size the cases were printed at.
      width = Number(tmux.show('#{pane_width}'));
      capture = tmux.tmux('capture-pane', '-p', '-J', '-S', '-', '-E', '-', '-t', '%0');
    } finally {
      terminal.kill();
    }
    const screen = byCase(capture.split('\n').map((row) => row.trimEnd()), end);
    const logged = byCase(
      tmux
        .readLog()
        .split('\n')
        .filter((line) => / [|~] /.test(line))
        .map((line) => asShown(line.slice(line.search(/ [|~] /) + 3), width)),
      end,
    );
    const differences: string[] = [];
    for (let k = 0; k < cases.length; k++) {
      const shown = screen.get(k) ?? [];
      const log = logged.get(k) ?? [];
      // Row for row, in order: a line logged out of its place on the screen is a difference too.
      if (JSON.stringify(shown) !== JSON.stringify(log)) differences.push(JSON.stringify({ case: k, printed: cases[k], shown, log }));
    }
    assert.deepEqual(differences, []);
    // Not a comparison of nothing with nothing.
    assert.ok(screen.size >= cases.length * 0.8, `${screen.size} cases of ${cases.length} found on the screen or in its history`);
  });
});
