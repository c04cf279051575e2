// Insert mode (IRM, `CSI 4 h/l`) and tab stops (HTS `ESC H`, TBC `CSI g` /
// `CSI 3 g`, CBT `CSI Z`; tmux has no CHT) in both models the reader runs:
// text printed with them is logged where tmux shows it. The expectations are
// tmux 3.3a's own screens (test/fixtures/grid/sequences.json, recorded by
// record.ts --sequences); the models' shared state (one set of stops, one
// insert mode, as tmux's one screen has) is checked across the hand-over
// between the line model and the screen model.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EscapeCleaner } from '../../src/terminal/ansi.ts';
import { ScreenGrid } from '../../src/terminal/grid.ts';
import { TabStops } from '../../src/terminal/tab-stops.ts';
import { FIXTURES } from '../support/paths.ts';
import { transcriptLines } from '../support/transcript.ts';

const ESC = '\x1b';

const SEQUENCES = JSON.parse(readFileSync(join(FIXTURES, 'grid', 'sequences.json'), 'utf8')) as {
  name: string;
  input: string;
  columns: number;
  rows: number;
  lines: string[];
}[];
const CASES = SEQUENCES.filter(({ name }) => /IRM|HTS|TBC|CBT|CHT|tab stops/.test(name));

/** The log's lines with each TAB kept by the line model (it keeps one at the end of a row) as the blanks it stands for. */
function matches(logged: string, shown: string): boolean {
  logged = logged.replace(/^[~+]/, '');
  if (!logged.includes('\t')) return logged.replace(/ +$/, '') === shown;
  const pattern = logged
    .replace(/ +$/, '')
    .split('\t')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(' +');
  return new RegExp(`^${pattern}$`).test(shown);
}

describe('tmux 3.3a with insert mode and tab stops: the log holds what tmux shows', () => {
  it('has the recorded cases', () => assert.ok(CASES.length >= 9, CASES.map(({ name }) => name).join(', ')));

  for (const { name, input, columns, rows, lines } of CASES) {
    const shown = lines.filter((line) => line !== '');
    // The line model alone (plain output), and the screen model (engaged at once by a DECSC, which moves nothing).
    for (const [path, prefix] of [['line model', ''], ['screen model', `${ESC}7`]] as const) {
      it(`${name} (${path})`, () => {
        const log = transcriptLines(`${prefix}${input}\r\n`, { columns, rows }).filter((line) => line !== '');
        for (const line of shown) assert.ok(log.some((logged) => matches(logged, line)), `${JSON.stringify(line)} not in ${JSON.stringify(log)}`);
      });
    }
  }

  it('ICH moves only the cells that fit: past half of what is left the gap keeps old cells, up to the edge nothing moves (grid.c:709)', () => {
    // tmux 3.3a's capture-pane of these (a 12-column pane and a 7-column one; a random stream of the property in
    // terminal-hostile.test.ts found the second: the line model blanked two cells the screen still showed).
    for (const [path, prefix] of [['line model', ''], ['screen model', `${ESC}7`]] as const) {
      assert.deepEqual(transcriptLines(`${prefix}abcdefghij\r${ESC}[3C${ESC}[7@\r\n`, { columns: 12, rows: 6 }), ['abc  fghijde'], path);
      assert.deepEqual(transcriptLines(`${prefix}yyyyyWORD\b${ESC}[2@\r\n`, { columns: 12, rows: 6 }), ['yyyyyWOR  D'], path);
      assert.deepEqual(transcriptLines(`${prefix}yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyWORD\b${ESC}[2@\r\n`, { columns: 7, rows: 7 }).join(''), `${'y'.repeat(30)}WORD`, path);
      // At the pending wrap nothing is left to move (screen-write.c:1015); in the last column that cell alone clears (grid-view.c:200).
      assert.deepEqual(transcriptLines(`${prefix}abcdefg${ESC}[1@\r\n`, { columns: 7, rows: 7 }), ['abcdefg'], path);
      assert.deepEqual(transcriptLines(`${prefix}abcdefg\b${ESC}[1@\r\n`, { columns: 7, rows: 7 }), ['abcdef'], path);
      assert.deepEqual(transcriptLines(`${prefix}abcdef${ESC}[1@\r\n`, { columns: 7, rows: 7 }), ['abcdef'], path);
    }
  });

  it('a stop set on the fast path moves TAB in the screen model, and one set there moves it on the fast path', () => {
    // Only column 4 has a stop; set while plain, used after a vertical move engaged the screen model.
    assert.deepEqual(transcriptLines(`${ESC}[3g${ESC}[5G${ESC}H\rabcdefgh\r\n${ESC}[A${ESC}[B\r12345678\r\tX\r\n`, { columns: 20, rows: 6 }), ['abcdefgh', '1234X678']);
    // Set while the screen model has the stream (a scroll region keeps it), used after it handed the stream back.
    const log = transcriptLines(`${ESC}[2;3r${ESC}[3g${ESC}[7G${ESC}H${ESC}[r${'\r\n'.repeat(8)}abcdefgh\r\tX\r\n`, { columns: 20, rows: 6 });
    assert.equal(log[log.length - 1], 'abcdefXh');
  });

  it('insert mode set on the fast path applies in the screen model, and RIS turns it off in both', () => {
    assert.deepEqual(transcriptLines(`${ESC}[4habcdef\r${ESC}7${ESC}8XY\r\n`, { columns: 20, rows: 6 }).at(-1), 'XYabcdef');
    assert.deepEqual(transcriptLines(`${ESC}[4h${ESC}cabcdef\rXY\r\n`, { columns: 20, rows: 6 }).at(-1), 'XYcdef');
  });

  it('a new width resets the stops (screen.c:276)', () => {
    const grid = new ScreenGrid(20, 4);
    new EscapeCleaner().advance(Buffer.from(`${ESC}[3g`), grid);
    grid.resize(30, 4);
    new EscapeCleaner().advance(Buffer.from('\tX'), grid);
    assert.equal(grid.rowText(0), '        X');
  });
});

describe('TabStops', () => {
  /** The stops as tmux keeps them: a bit per column of a screen `columns` wide. */
  class Bits {
    bits: boolean[];
    constructor(private readonly columns: number) {
      this.bits = Array.from({ length: columns }, (_, x) => x > 0 && x % 8 === 0);
    }
    next(x: number): number {
      do x++;
      while (!this.bits[x] && x < this.columns - 1);
      return x;
    }
    previous(x: number, n: number): number {
      while (x > 0 && n-- > 0) {
        do x--;
        while (x > 0 && !this.bits[x]);
      }
      return x;
    }
  }

  it('agrees with tmux\'s bitmap for any HTS, TBC, HT and CBT', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constantFrom('set', 'clear', 'next', 'previous'), x: fc.nat(200), n: fc.integer({ min: 1, max: 30 }) }),
      fc.constant({ op: 'clearAll', x: 0, n: 0 }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(step, { maxLength: 60 }), (columns, steps) => {
        const tabs = new TabStops();
        const bits = new Bits(columns);
        for (const { op, x: at, n } of steps) {
          const x = at % (columns + 1);
          if (op === 'set') {
            tabs.set(x, columns);
            if (x < columns) bits.bits[x] = true;
          } else if (op === 'clear') {
            tabs.clear(x, columns);
            if (x < columns) bits.bits[x] = false;
          } else if (op === 'clearAll') {
            tabs.clearAll();
            bits.bits.fill(false);
          } else if (op === 'next') {
            if (x < columns - 1) assert.equal(tabs.next(x, columns - 1), bits.next(x), `next from ${x}`);
          } else {
            const from = Math.min(x, columns - 1);
            assert.equal(tabs.previous(from, n), bits.previous(from, n), `previous ${n} from ${from}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
