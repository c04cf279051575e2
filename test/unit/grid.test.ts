// The screen model on its own: sequence by sequence against what tmux 3.3a
// shows for the same bytes, on recorded real sessions (expected text taken
// from tmux itself, test/fixtures/grid/), against @xterm/headless on generated
// streams where the two terminals agree, and over arbitrary splits of input.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import xterm from '@xterm/headless';
import { EscapeCleaner } from '../../src/terminal/ansi.ts';
import { ScreenGrid, type ScreenEvents } from '../../src/terminal/grid.ts';
import { split } from '../support/transcript.ts';
import { FIXTURES } from '../support/paths.ts';

const { Terminal } = xterm;
const ESC = '\x1b';

function feed(input: string | Uint8Array | Uint8Array[], columns: number, rows: number, events?: ScreenEvents): ScreenGrid {
  const grid = new ScreenGrid(columns, rows, events);
  const cleaner = new EscapeCleaner();
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input, 'utf8') : input];
  for (const chunk of chunks) cleaner.advance(chunk, grid);
  cleaner.end(grid);
  return grid;
}

/** The screen as capture-pane -p -J shows it, without the trailing empty lines, and the cursor. */
function shown(grid: ScreenGrid): { lines: string[]; cursor: [number, number] } {
  const lines = grid.lines();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, cursor: [grid.cursorX, grid.cursorY] };
}

/** Everything a split could change: rows, flags, cursor, screen. */
function state(grid: ScreenGrid): string {
  const rows: string[] = [];
  for (let y = 0; y < grid.rows; y++) rows.push(`${grid.continued(y) ? '+' : ' '}${grid.rowText(y, false)}${grid.wraps(y) ? '\\' : ''}`);
  return JSON.stringify({ rows, x: grid.cursorX, y: grid.cursorY, alternate: grid.alternate, region: grid.scrollRegion });
}

// The table's inputs are in test/fixtures/grid/record.ts; what tmux 3.3a
// showed for each (`cat` into a 20x6 pane, `capture-pane -p -J`, the cursor)
// is in sequences.json, written by `record.ts --sequences`.
const SEQUENCES = JSON.parse(readFileSync(join(FIXTURES, 'grid', 'sequences.json'), 'utf8')) as {
  name: string;
  input: string;
  columns: number;
  rows: number;
  lines: string[];
  cursor: [number, number];
}[];

describe('the screen model follows tmux 3.3a sequence by sequence', () => {
  it('has the table', () => assert.ok(SEQUENCES.length >= 30));
  for (const { name, input, columns, rows, lines, cursor } of SEQUENCES) {
    it(name, () => {
      assert.deepEqual(shown(feed(input, columns, rows)), { lines, cursor });
    });
  }

  it('a sub-parameter or private marker is not a switch (the cleaner decides as tmux does)', () => {
    const grid = feed(`shown\r\n${ESC}[?1049:1h${ESC}[>1049hstill`, 20, 6);
    assert.equal(grid.alternate, false);
    assert.deepEqual(shown(grid).lines, ['shown', 'still']);
  });
});

interface Expected {
  columns: number;
  rows: number;
  cursor: [number, number];
  alternate: boolean;
  lines: string[];
  history: string[];
}

const GRID_FIXTURES = join(FIXTURES, 'grid');
const recorded = readdirSync(GRID_FIXTURES)
  .filter((name) => name.endsWith('.json') && name !== 'sequences.json')
  .map((name) => {
    const expected = JSON.parse(readFileSync(join(GRID_FIXTURES, name), 'utf8')) as Expected;
    return { name: name.slice(0, -5), expected, bytes: readFileSync(join(GRID_FIXTURES, `${name.slice(0, -5)}.bin`)) };
  });

/** Logical lines from rows reported as leaving the screen into history, joined where they wrapped. */
function historyOf(bytes: Uint8Array, columns: number, rows: number): { grid: ScreenGrid; history: string[] } {
  const history: string[] = [];
  let pending = '';
  let open = false;
  let grid!: ScreenGrid;
  const events: ScreenEvents = {
    scrolled(y, intoHistory) {
      if (!intoHistory) return;
      const wraps = grid.wraps(y);
      pending += grid.rowText(y, !wraps);
      open = wraps;
      if (!wraps) {
        history.push(pending.replace(/ +$/, ''));
        pending = '';
      }
    },
    erasing() {},
    switching() {},
  };
  grid = new ScreenGrid(columns, rows, events);
  const cleaner = new EscapeCleaner();
  cleaner.advance(bytes, grid);
  cleaner.end(grid);
  if (open) history.push(pending.replace(/ +$/, ''));
  return { grid, history };
}

describe('recorded sessions give the screen tmux showed (test/fixtures/grid)', () => {
  it('has the recorded sessions', () => {
    assert.ok(recorded.length >= 10, `${recorded.length} fixtures`);
  });
  for (const { name, expected, bytes } of recorded) {
    it(`${name}: screen, cursor and the lines that left it`, () => {
      const { grid, history } = historyOf(bytes, expected.columns, expected.rows);
      assert.deepEqual(grid.lines(), expected.lines);
      assert.deepEqual([grid.cursorX, grid.cursorY], expected.cursor);
      assert.equal(grid.alternate, expected.alternate);
      assert.deepEqual(history, expected.history);
    });
  }
});

describe('what the model reports for a log', () => {
  it('rows that scroll off, with their wrapped flags; ids move with the rows', () => {
    const left: string[] = [];
    let grid!: ScreenGrid;
    grid = new ScreenGrid(10, 3, {
      scrolled: (y, history) => left.push(`${history ? 'h' : '-'}${grid.continued(y) ? '+' : ''}${grid.rowText(y)}${grid.wraps(y) ? '\\' : ''}`),
      erasing: () => {},
      switching: () => {},
    });
    const cleaner = new EscapeCleaner();
    cleaner.advance(Buffer.from('one\r\n0123456789abc\r\n'), grid);
    const id = grid.rowId(2);
    cleaner.advance(Buffer.from('x\r\ny\r\n'), grid);
    assert.deepEqual(left, ['hone', 'h0123456789\\', 'h+abc']);
    assert.equal(grid.rowId(0), id, 'the row holding x moved up with its id');
    assert.deepEqual(grid.lines(), ['x', 'y', '']);
    assert.equal(grid.continued(0), false);
  });

  it('rows leaving the alternate screen are reported, not as history', () => {
    const left: string[] = [];
    let grid!: ScreenGrid;
    grid = new ScreenGrid(10, 2, {
      scrolled: (y, history) => left.push(`${history}:${grid.rowText(y)}`),
      erasing: () => {},
      switching: (alternate) => left.push(`switch:${alternate}:${alternate ? '' : grid.rowText(0)}`),
    });
    new EscapeCleaner().advance(Buffer.from(`${ESC}[?1049ha\r\nb\r\nc${ESC}[?1049l`), grid);
    assert.deepEqual(left, ['switch:true:', 'false:a', 'switch:false:b']);
  });

  it('ED 2 on the normal screen scrolls the used rows into history first; in the alternate screen they are erased', () => {
    const seen: string[] = [];
    let grid!: ScreenGrid;
    grid = new ScreenGrid(10, 4, {
      scrolled: (y, history) => seen.push(`scrolled ${history} ${grid.rowText(y)}`),
      erasing: (top, bottom) => seen.push(`erasing ${top}-${bottom} ${grid.rowText(top)}`),
      switching: () => {},
    });
    const cleaner = new EscapeCleaner();
    cleaner.advance(Buffer.from(`a\r\nb${ESC}[2J`), grid);
    cleaner.advance(Buffer.from(`${ESC}[?1049h${ESC}[Hc${ESC}[2J`), grid);
    assert.deepEqual(seen, ['scrolled true a', 'scrolled true b', 'erasing 0-3 c']);
  });

  it('changed rows since a mark', () => {
    const grid = feed('a\r\nb\r\nc', 10, 4);
    const cleaner = new EscapeCleaner();
    const mark = grid.mark();
    assert.deepEqual(grid.changedSince(mark), []);
    cleaner.advance(Buffer.from(`${ESC}[2;1HB${ESC}[4;1Hd`), grid);
    assert.deepEqual(grid.changedSince(mark), [1, 3]);
  });

  it('a wrapped group reads as one logical line', () => {
    const grid = feed('$ echo the quick brown fox jumps', 10, 5);
    assert.deepEqual(grid.lineBounds(1), [0, 3]);
    assert.equal(grid.joinedText(0, 3), '$ echo the quick brown fox jumps');
    assert.equal(grid.rowText(1), ' quick bro');
    assert.equal(grid.rowText(3), 'ps');
  });

  it('seeds rows, wrapped flags and the cursor from text already on screen', () => {
    const grid = new ScreenGrid(10, 4);
    grid.seed(['$ echo 012', '345678', '日本'], 6, 1, [false, true, false]);
    assert.deepEqual(grid.lines(), ['$ echo 012345678', '日本', '']);
    assert.deepEqual([grid.cursorX, grid.cursorY], [6, 1]);
    new EscapeCleaner().advance(Buffer.from('\b\b!'), grid);
    assert.deepEqual(grid.lines(), ['$ echo 0123456!8', '日本', '']);
  });

  // Checked against tmux 3.3a: the same bytes in a 20x3 pane, then resize-window
  // to 10x3, 10x5 and 30x5, capture-pane -p -J and the cursor after each.
  it('resize: narrower reflows, taller adds blank rows (reflow reset what history could give back), wider joins and pulls a row back', () => {
    const grid = feed('first\r\n0123456789abcdefghij\r\n$ ', 20, 3);
    grid.resize(10, 3);
    assert.deepEqual(grid.lines(), ['0123456789abcdefghij', '$']);
    assert.deepEqual([grid.cursorX, grid.cursorY], [2, 2]);
    grid.resize(10, 5);
    assert.deepEqual(grid.lines(), ['0123456789abcdefghij', '$', '', '']);
    assert.deepEqual([grid.cursorX, grid.cursorY], [2, 2]);
    grid.resize(30, 5);
    assert.deepEqual(grid.lines(), ['first', '0123456789abcdefghij', '$', '', '']);
    assert.deepEqual([grid.cursorX, grid.cursorY], [2, 2]);
  });

  it('taller pulls back rows that scrolled into history', () => {
    const grid = feed('1\r\n2\r\n3\r\n4\r\n5', 10, 3);
    grid.resize(10, 5);
    assert.deepEqual(grid.lines(), ['1', '2', '3', '4', '5']);
    assert.deepEqual([grid.cursorX, grid.cursorY], [1, 4]);
  });
});

// ------------------------------------------------------------ split invariance

describe('any split of the input gives the same screen', () => {
  const streams = recorded.filter(({ bytes }) => bytes.length < 20_000);
  it('recorded sessions, split anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...streams), fc.array(fc.nat(), { maxLength: 40 }), ({ bytes, expected }, cuts) => {
        const whole = state(feed(bytes, expected.columns, expected.rows));
        assert.equal(state(feed(split(bytes, cuts), expected.columns, expected.rows)), whole);
      }),
      { numRuns: 150 },
    );
  });
  it('arbitrary bytes with escape sequences, split anywhere', () => {
    const piece = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.constantFrom(...['\r\n', '\n', '\r', '\b', '\t', '日', 'e\u0301', '\u{1F600}', '\u200d', `${ESC}7`, `${ESC}8`, `${ESC}M`, `${ESC}D`, `${ESC}E`, `${ESC}c`, `${ESC}[?1049h`, `${ESC}[?1049l`].map((text) => Buffer.from(text))),
      fc
        .tuple(fc.constantFrom(...'@ABCDEFGHJKLMPSTXZ`bdfrsu'), fc.integer({ min: -1, max: 30 }), fc.integer({ min: -1, max: 30 }))
        .map(([final, a, b]) => Buffer.from(`${ESC}[${a < 0 ? '' : a}${b < 0 ? '' : `;${b}`}${final}`)),
      fc.stringMatching(/^[a-z ]{1,30}$/).map((text) => Buffer.from(text)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 20 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), (pieces, cuts, columns, rows) => {
        const bytes = Buffer.concat(pieces);
        const whole = state(feed(bytes, columns, rows));
        assert.equal(state(feed(split(bytes, cuts), columns, rows)), whole);
      }),
      { numRuns: 400 },
    );
  });
});

// ------------------------------------------------------------ xterm oracle

/** Rows of @xterm/headless after `text`, written whole (xterm 6.0 drops a UTF-8 character split after a 0x80 byte). */
async function xtermRows(text: string, columns: number, rows: number): Promise<string[]> {
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, scrollback: 0 });
  await new Promise<void>((resolve) => terminal.write(text, resolve));
  const out: string[] = [];
  const buffer = terminal.buffer.active;
  for (let y = 0; y < rows; y++) out.push(buffer.getLine(buffer.baseY + y)!.translateToString(true).replace(/ +$/, ''));
  terminal.dispose();
  return out;
}

function gridRows(text: string, columns: number, rows: number): string[] {
  const grid = feed(text, columns, rows);
  const out: string[] = [];
  for (let y = 0; y < rows; y++) out.push(grid.rowText(y));
  return out;
}

/**
 * Streams of the kinds that engage the model, built so that tmux and xterm
 * agree on them: no cursor move from the pending-wrap column (tmux: last
 * column, xterm: one before), no emoji (xterm counts one cell without its
 * unicode11 addon) and no wide characters at all (ICH pushing one across the
 * right edge: tmux keeps what fits, xterm drops it; the table and the recorded
 * sessions cover them), rows compared one by one (xterm clears wrapped flags
 * on LF), no DECRC across screens (tmux shares one saved cursor), no IL/DL
 * in streams with scroll regions (xterm ignores them outside the region,
 * tmux applies them to the rows below the cursor, screen-write.c:1097), ICH
 * of at most half a row (tmux blanks only the cells it moves, grid.c:723).
 */
const word = fc.stringMatching(/^[a-z0-9 .:%#=-]{0,14}$/);
const safeText = fc.oneof(word, fc.constantFrom('ü', 'é', '├──', '█▌'));
function op(columns: number, rows: number, regions: boolean) {
  const n = fc.integer({ min: 1, max: Math.max(rows, columns) });
  const row = fc.integer({ min: 1, max: rows });
  const column = fc.integer({ min: 1, max: columns });
  return fc.oneof(
    { arbitrary: safeText.map((text) => `${ESC}[K${text}`), weight: 6 },
    { arbitrary: fc.constant('\r\n'), weight: 4 },
    fc.tuple(row, column).map(([r, c]) => `${ESC}[${r};${c}H`),
    fc.tuple(fc.constantFrom(...(regions ? 'ABCDEFGdJKP@XST' : 'ABCDEFGdJKLMP@XST')), n).map(([final, count]) =>
      'JK'.includes(final) ? `\r${ESC}[${count % 3}${final}` : final === '@' ? `\r${ESC}[${1 + (count % Math.floor(columns / 2))}@` : `\r${ESC}[${count}${final}`,
    ),
    fc.tuple(row, row).map(([a, b]) => (regions ? `${ESC}[${Math.min(a, b)};${Math.max(a, b)}r` : '')),
    fc.constantFrom(`\r${ESC}7`, `\r${ESC}8`, `\r${ESC}M`, `\r${ESC}D`, `${ESC}E`),
  );
}

function progressBlock(columns: number): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += `layer ${i}: waiting\r\n`;
  for (let step = 1; step <= 10; step++) {
    out += `${ESC}[4A`;
    for (let i = 0; i < 4; i++) out += `${ESC}[2K\rlayer ${i}: [${'='.repeat(step)}${' '.repeat(10 - step)}] ${step * 10}%`.slice(0, columns + 8) + '\r\n';
  }
  return out;
}

function statusFlood(rows: number): string {
  let out = `\r\n${ESC}7${ESC}[1;${rows - 3}r${ESC}8${ESC}[1A`;
  for (let i = 0; i < 60; i++) {
    out += `Unpacking package-${i} (1.${i}) ...\r\n`;
    out += `${ESC}7${ESC}[${rows - 2};1H${ESC}[2Kstatus ${i}${ESC}[${rows - 1};1H${ESC}[2K[${'#'.repeat(i % 20)}]${ESC}[${rows};1H${ESC}[2K${i * 7} KB/s${ESC}8`;
  }
  return out;
}

function topRedraw(columns: number, rows: number): string {
  let out = '';
  for (let frame = 0; frame < 5; frame++) {
    out += `${ESC}[H`;
    out += `top - 16:12:${50 + frame} up 9 min,  1 user,  load average: 0.${frame}${ESC}[K\r\n`;
    for (let y = 1; y < rows - 1; y++) out += `${String(100 + y * 7 + frame).padStart(5)} root      20   0 ${'proc' + ((y * 13 + frame) % 17)}${ESC}[K`.slice(0, columns + 3) + '\r\n';
    out += `${ESC}[J`;
  }
  return out;
}

describe('agrees with @xterm/headless where xterm and tmux agree', () => {
  it('progress blocks, status lines under a scroll region, top-like redraws', async () => {
    for (const [columns, rows] of [[40, 10], [80, 24], [23, 7]] as const) {
      for (const text of [progressBlock(columns), statusFlood(rows), topRedraw(columns, rows)]) {
        assert.deepEqual(gridRows(text, columns, rows), await xtermRows(text, columns, rows));
      }
    }
  });

  it('generated cursor-addressed streams', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 5, max: 30 }).chain((columns) =>
          fc.tuple(fc.integer({ min: 2, max: 10 }), fc.boolean()).chain(([rows, regions]) =>
            fc.tuple(fc.constant(columns), fc.constant(rows), fc.array(op(columns, rows, regions), { maxLength: 80 })),
          ),
        ),
        async ([columns, rows, ops]) => {
          const text = ops.join('');
          assert.deepEqual(gridRows(text, columns, rows), await xtermRows(text, columns, rows), JSON.stringify(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
