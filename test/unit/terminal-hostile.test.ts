// The terminal layer the reader runs (Transcript: cleaner, hybrid router, line
// and screen models) against arbitrary pane output. An audit tool must assume
// the output is hostile: any bytes a pane prints, cut anywhere across reads,
// at any pane size, with the recorder's settles and resizes in between, must
// never make it throw (a throw costs the read it failed on: the recorder logs an
// error and starts a fresh layer, but what was on the screen is lost).
//
// Runs: FUZZ_RUNS=20000 node --import tsx --test test/unit/terminal-hostile.test.ts

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EscapeCleaner } from '../../src/terminal/ansi.ts';
import { ScreenGrid } from '../../src/terminal/grid.ts';
import type { ScreenSink } from '../../src/terminal/hybrid.ts';
import { Transcript } from '../../src/terminal/transcript.ts';
import { split } from '../support/transcript.ts';

const ESC = '\x1b';
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

/** Numbers a hostile stream would try: left out, zero, one, the edges of small panes, and far past any edge. */
const param = fc.oneof(
  fc.constant(''),
  fc.integer({ min: 0, max: 30 }),
  fc.constantFrom(79, 80, 81, 199, 200, 999, 1000, 1001, 9999, 32767, 65535, 4294967295, 99999999999),
);
const params = fc.oneof(
  param.map(String),
  fc.tuple(param, param).map(([a, b]) => `${a};${b}`),
  fc.tuple(param, param).map(([a, b]) => `${a}:${b}`),
  fc.tuple(param, param, param).map(([a, b, c]) => `${a};${b};${c}`),
);
/** The sequences that engage the screen model or move things on it, and those the line model takes. */
const csi = fc.tuple(params, fc.constantFrom(...'ABCDEFGHfdJKrLMSTsuP@XbZ`mhlgtn'.split(''))).map(([p, final]) => `${ESC}[${p}${final}`);
const privateMode = fc
  .tuple(fc.constantFrom('1049', '1047', '47', '6', '7', '3', '25', '2004', '1049:1', '1049;6', '6;1049', '1047;47'), fc.constantFrom('h', 'l'))
  .map(([mode, set]) => `${ESC}[?${mode}${set}`);
const escape = fc.constantFrom(`${ESC}M`, `${ESC}#8`, `${ESC}D`, `${ESC}E`, `${ESC}7`, `${ESC}8`, `${ESC}c`, `${ESC}[4h`, `${ESC}[4l`, `${ESC}(0`, `${ESC}=`);
const text = fc.oneof(
  fc.constantFrom('a', 'AAAAAAAAAA', 'x'.repeat(79), 'y'.repeat(81), '$ ', '  ', '日本語', '日', 'e\u0301', '\u200d', '👍🏽', '\u3000', '\u00a0', 'SECRET'),
  fc.string({ maxLength: 12 }),
);
const control = fc.constantFrom('\r', '\n', '\r\n', '\b', '\t', '\x0b', '\x0c', '\x07', '\x00', '\x7f');
const osc = fc.constantFrom(`${ESC}]133;A\x07`, `${ESC}]133;C${ESC}\\`, `${ESC}]0;title\x07`, `${ESC}]133;`, `${ESC}P`, `${ESC}_x`);
const rawBytes = fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('latin1'));

const piece = fc.oneof(
  { weight: 6, arbitrary: csi },
  { weight: 3, arbitrary: privateMode },
  { weight: 3, arbitrary: escape },
  { weight: 5, arbitrary: text },
  { weight: 4, arbitrary: control },
  { weight: 1, arbitrary: osc },
  { weight: 1, arbitrary: rawBytes },
);

/** Some pieces, as bytes: text pieces as UTF-8, raw ones byte for byte. */
const stream = fc.array(piece, { maxLength: 300, size: 'max' }).map((parts) => {
  const chunks = parts.map((part) => (/[^\x00-\xff]/.test(part) ? Buffer.from(part, 'utf8') : Buffer.from(part, 'latin1')));
  return Buffer.concat(chunks);
});

/** What the recorder does between reads (see capture/recorder.ts). */
const between = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('quiet' as const, 'busy' as const) },
  { weight: 1, arbitrary: fc.record({ columns: fc.integer({ min: 1, max: 120 }) }) },
  { weight: 1, arbitrary: fc.constant('resync' as const) },
);

const sizes = fc.constantFrom({ columns: 1, rows: 1 }, { columns: 2, rows: 2 }, { columns: 7, rows: 3 }, { columns: 12, rows: 5 }, { columns: 20, rows: 10 }, { columns: 80, rows: 24 });

/** A sink that counts what it is given and checks each call's arguments are what the log can hold. */
function checkingSink(): ScreenSink & { out: number } {
  const sink = {
    out: 0,
    line: (text: string) => {
      assert.equal(typeof text, 'string');
      sink.out += text.length + 1;
    },
    redrawn: (text: string) => {
      assert.equal(typeof text, 'string');
      sink.out += text.length + 1;
    },
    screen: () => {
      sink.out += 1;
    },
    frame: (rows: string[]) => {
      for (const row of rows) sink.out += row.length + 1;
    },
    scrolledOff: (rows: string[]) => {
      for (const row of rows) sink.out += row.length + 1;
    },
  };
  return sink;
}

describe('hostile output never breaks the terminal layer', () => {
  it('F1: a line wrapping onto the last row below a scroll region, then LF (was: reading a row past the screen)', () => {
    const log: string[] = [];
    const sink: ScreenSink = {
      line: (line) => log.push(line),
      redrawn: (line) => log.push(`~${line}`),
      screen: () => {},
      frame: () => {},
      scrolledOff: () => {},
    };
    const logged = new Transcript(sink, { columns: 80, rows: 24 });
    const input = Buffer.from(`before\r\n${ESC}[3;7r${ESC}[24;75HAAAAAAAAAA\r\nafter\r\n`);
    logged.push(input);
    logged.end();
    // The row wraps onto itself (tmux marks it wrapped and stays on it below a region, screen-write.c:1334), and LF
    // there does not move: `after` is printed over it. tmux's capture-pane -J shows `after<69 blanks>AAAAAA`.
    const gap = ' '.repeat(69);
    assert.deepEqual(log, ['before', `AAAA${' '.repeat(70)}AAAAAA`, `~after${gap}AAAAAA`]);
  });

  it('any bytes, biased to screen addressing, cut anywhere, at any size, with settles and resizes between reads: no throw', () => {
    fc.assert(
      fc.property(
        sizes,
        stream,
        fc.array(fc.nat(), { maxLength: 12, size: 'max' }),
        fc.array(between, { maxLength: 13, size: 'max' }),
        fc.boolean(),
        (size, input, cuts, actions, seeded) => {
          const sink = checkingSink();
          const transcript = new Transcript(sink, size);
          if (seeded) transcript.seed('$ seed', ['one', 'x'.repeat(size.columns * 2 + 1), '']);
          let now = 1_000;
          split(input, cuts).forEach((chunk, index) => {
            transcript.push(chunk, (now += 100));
            const action = actions[index];
            if (action === 'quiet' || action === 'busy') transcript.settle(action);
            else if (action === 'resync') transcript.resync();
            else if (action !== undefined) transcript.setColumns(action.columns);
            transcript.pendingText();
          });
          transcript.end();
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a stream starting under a full-screen program (seeded alternate screen): no throw', () => {
    fc.assert(
      fc.property(sizes, stream, fc.array(fc.nat(), { maxLength: 8 }), (size, input, cuts) => {
        const transcript = new Transcript(checkingSink(), size);
        transcript.seed('', ['top - 10:00', 'x'.repeat(300)]);
        transcript.setAlternate(true, ['top - 10:00', 'x'.repeat(300)]);
        for (const chunk of split(input, cuts)) transcript.push(chunk);
        transcript.settle('quiet');
        transcript.end();
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});

describe('nothing shown is lost: every row of the final screen is in the log', () => {
  // The screen model alone (tmux's screen, as test/unit/grid.test.ts checks it) against the log the
  // reader's layer writes for the same bytes, with the recorder's settles between reads: a row's text
  // may be part of a longer logged line (the log keeps lines whole), never missing.
  const pieces = ['abc', 'WORD', 'x'.repeat(15), '\r\n', '\r', '\n', `${ESC}[A`, `${ESC}[2B`, `${ESC}[3;2H`, `${ESC}[J`, `${ESC}[1J`, `${ESC}[2J`, `${ESC}[K`, `${ESC}[2;4r`, `${ESC}[r`, `${ESC}[L`, `${ESC}[M`, `${ESC}[S`, `${ESC}[T`, `${ESC}M`, `${ESC}7`, `${ESC}8`, `${ESC}[2P`, `${ESC}[2@`, `${ESC}[3X`, `${ESC}[5;1H`, `${ESC}[?7l`, `${ESC}[?7h`];
  // Rows split off the line in progress by a change of tmux's wrapped flags (IL's and RI's flag clearing, EL of a
  // wrapped row, rows moved apart), then a settle, were not all logged: the screen model now says when rows changed
  // lines without being written (grid.ts reshapedSince), and a settle then looks at every row never logged.
  it('F2: the line in progress split by IL after a settle (was: its lower row never logged)', () => {
    const log = normalScreenLog(['abc', `${ESC}[2J`, 'x'.repeat(15), 'abc', 'abc', `${ESC}[L`], [undefined, undefined, undefined, undefined, 'busy']);
    assert.ok(log.some((line) => line.includes('xxxxxxabcabc')), JSON.stringify(log));
  });

  // F2 reaches the reshaped-row scan no longer (ED 2 is on the fast path); this one does: ESC 8 engages at home, the
  // 15 x's wrap over rows 0-1, IL splits them after a busy settle. Without the scan (hybrid.ts settleRows `reshaped`)
  // row `xxx` is never logged.
  it('F3: a wrapped line split by IL after a busy settle, the model engaged by a restore (was: a row lost with the scan off)', () => {
    const parts = [`${ESC}8`, 'x'.repeat(15), `${ESC}[L`];
    const log = normalScreenLog(parts, [undefined, 'busy']);
    const screen = new ScreenGrid(12, 6);
    new EscapeCleaner().advance(Buffer.from(parts.join('')), screen);
    // Two lines on the screen now (IL cleared the wrapped flag): `xxx` is a line of its own, not a part of the first.
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((y) => screen.rowText(y)), ['x'.repeat(12), '', 'xxx', '', '', '']);
    assert.deepEqual(log, ['x'.repeat(12), 'xxx']);
  });

  // With autowrap off (DECAWM, `ESC[?7l`) tmux overwrites the last column (screen-write.c:1955); a model that wrapped
  // anyway logged 50 zeros the screen never showed and pushed the row below it out of view, never logged.
  it('autowrap off: a row written over from the left hides no row below it', () => {
    const log = normalScreenLog([`${ESC}[?7l${ESC}[2;1HHIDDEN-ROW`, `${ESC}[1;1H${'0'.repeat(50)}`, `${ESC}[6;1H${ESC}[?7h`], [undefined, 'busy', undefined]);
    assert.ok(log.includes('HIDDEN-ROW'), JSON.stringify(log));
    assert.ok(log.includes('0'.repeat(12)), JSON.stringify(log));
    assert.ok(!log.some((line) => line.includes('0'.repeat(13))), JSON.stringify(log));
  });

  it('for arbitrary normal-screen addressing, settles anywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60, size: 'max' }), fc.array(fc.constantFrom(undefined, 'quiet' as const, 'busy' as const), { maxLength: 60 }), (parts, settles) => {
        const log = normalScreenLog(parts, settles);
        const screen = new ScreenGrid(12, 6);
        new EscapeCleaner().advance(Buffer.from(parts.join('')), screen);
        for (let y = 0; y < 6; y++) {
          const row = screen.rowText(y);
          if (row !== '') assert.ok(log.some((line) => line.includes(row)), `row ${JSON.stringify(row)} not in ${JSON.stringify(log)}`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe('nothing shown is lost, wider streams', () => {
  // The property above with wide and combining characters, TAB and tab stops, insert mode, REP, RIS and more
  // pane sizes: what generated streams of this kind found is listed in hybrid.ts and grid.ts (a line of wide
  // characters seeded a row too high, erased rows of a wrapped line, a logged TAB taking no cell, a wide
  // character in column 0 under ASCII, rows wrapped short of the edge). Blanks are compared squeezed: the line
  // model keeps a TAB where the screen shows blanks.
  const pieces = ['abc', 'WORD', 'x'.repeat(15), 'y'.repeat(30), '日本語', 'e\u0301', '\t', '\r\n', '\r', '\n', '\b', `${ESC}[A`, `${ESC}[2B`, `${ESC}[3;2H`, `${ESC}[H`, `${ESC}[J`, `${ESC}[1J`, `${ESC}[2J`, `${ESC}[K`, `${ESC}[1K`, `${ESC}[2K`, `${ESC}[2;4r`, `${ESC}[r`, `${ESC}[L`, `${ESC}[3L`, `${ESC}[M`, `${ESC}[2M`, `${ESC}[S`, `${ESC}[2T`, `${ESC}M`, `${ESC}D`, `${ESC}E`, `${ESC}7`, `${ESC}8`, `${ESC}[s`, `${ESC}[u`, `${ESC}[2P`, `${ESC}[2@`, `${ESC}[3X`, `${ESC}[5;1H`, `${ESC}[9C`, `${ESC}[4h`, `${ESC}[4l`, `${ESC}H`, `${ESC}[3g`, `${ESC}[Z`, `${ESC}[3b`, `${ESC}[6;12H`, `${ESC}[12G`, `${ESC}[d`, `${ESC}c`, `${ESC}[?7l`, `${ESC}[?7h`];
  const sizes = [[12, 6], [5, 3], [20, 4], [7, 7]] as const;
  it('for arbitrary normal-screen streams of these, at several sizes, settles anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sizes), fc.array(fc.constantFrom(...pieces), { maxLength: 60, size: 'max' }), fc.array(fc.constantFrom(undefined, 'quiet' as const, 'busy' as const), { maxLength: 60 }), ([columns, rows], parts, settles) => {
        const log = normalScreenLog(parts, settles, columns, rows);
        const screen = new ScreenGrid(columns, rows);
        new EscapeCleaner().advance(Buffer.from(parts.join('')), screen);
        const squeeze = (text: string) => text.replace(/[\t ]+/g, ' ');
        const logged = log.map(squeeze);
        for (let y = 0; y < rows; y++) {
          const row = screen.rowText(y);
          // A blank cell left of a wide character's orphaned right half reads as a space: nothing shown.
          if (row.trim() === '') continue;
          assert.ok(logged.some((line) => line.includes(squeeze(row))), `${columns}x${rows}: row ${JSON.stringify(row)} not in ${JSON.stringify(log)}`);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

/** The log of `parts` fed one by one into a pane (12x6 unless told), settled after those `settles` names: continued pieces joined. */
function normalScreenLog(parts: string[], settles: ('quiet' | 'busy' | undefined)[], columns = 12, rows = 6): string[] {
  const log: string[] = [];
  const transcript = new Transcript(
    {
      line: (text, continued) => (continued && log.length > 0 ? (log[log.length - 1] += text) : log.push(text)),
      redrawn: (text) => log.push(text),
      screen: () => {},
      frame: () => {},
      scrolledOff: () => {},
    },
    { columns, rows },
  );
  parts.forEach((part, index) => {
    transcript.push(Buffer.from(part));
    const settle = settles[index];
    if (settle) transcript.settle(settle);
  });
  transcript.end();
  return log;
}
