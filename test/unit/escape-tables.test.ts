// Every entry of tmux 3.3a's ESC and CSI dispatch tables (input.c:208, :268;
// kept in test/fixtures/tmux-3.3a-input-tables.txt) is either applied by the
// terminal layer or deliberately left out, for a reason written here: a
// sequence tmux applies to the screen that the model silently ignored would let
// a pane show text where the log has other text (DECALN was one). A new entry in
// the fixture without a verdict here fails the test.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EscapeCleaner, type Perform } from '../../src/terminal/ansi.ts';
import { ScreenGrid } from '../../src/terminal/grid.ts';
import { FIXTURES } from '../support/paths.ts';

const ESC = '\x1b';

interface Entry {
  table: 'esc' | 'csi';
  final: string;
  intermediate: string;
  name: string;
}

/** The tables' entries, as `{ 'x', "y", INPUT_..._NAME }` lines. */
function entries(): Entry[] {
  const text = readFileSync(join(FIXTURES, 'tmux-3.3a-input-tables.txt'), 'utf8');
  const out: Entry[] = [];
  for (const match of text.matchAll(/\{ '(\\?.)', "([^"]*)",\s*INPUT_(ESC|CSI)_(\w+) \}/g)) {
    out.push({ final: match[1]!.replace(/^\\/, ''), intermediate: match[2]!, table: match[3] === 'ESC' ? 'esc' : 'csi', name: match[4]! });
  }
  return out;
}

/** Applied: the bytes to send (parameters that make it act), and what the cleaner reports for them. */
type Verdict = { applied: string; reports: 'esc' | 'csi' | 'mode' | 'screen' } | { ignored: string };

const CHARSET = { ignored: 'a character set is an attribute of the cell (GRID_ATTR_CHARSET); capture-pane prints the character itself, as the log does' };
const NOTHING_SHOWN = (what: string) => ({ ignored: `${what}: changes no cell, cursor or region` });

const VERDICTS: Record<string, Verdict> = {
  'esc SCSG0_ON': CHARSET,
  'esc SCSG1_ON': CHARSET,
  'esc SCSG0_OFF': CHARSET,
  'esc SCSG1_OFF': CHARSET,
  'esc DECSC': { applied: `${ESC}7`, reports: 'esc' },
  'esc DECRC': { applied: `${ESC}8`, reports: 'esc' },
  'esc DECALN': { applied: `${ESC}#8`, reports: 'esc' },
  'esc DECKPAM': NOTHING_SHOWN('keypad mode, for keys typed'),
  'esc DECKPNM': NOTHING_SHOWN('keypad mode, for keys typed'),
  'esc IND': { applied: `${ESC}D`, reports: 'esc' },
  'esc NEL': { applied: `${ESC}E`, reports: 'esc' },
  'esc HTS': { applied: `${ESC}H`, reports: 'esc' },
  'esc RI': { applied: `${ESC}M`, reports: 'esc' },
  'esc ST': NOTHING_SHOWN('ends a string (input.c:1326 does nothing)'),
  'esc RIS': { applied: `${ESC}c`, reports: 'esc' },
  'csi ICH': { applied: `${ESC}[2@`, reports: 'csi' },
  'csi CUU': { applied: `${ESC}[A`, reports: 'csi' },
  'csi CUD': { applied: `${ESC}[B`, reports: 'csi' },
  'csi CUF': { applied: `${ESC}[C`, reports: 'csi' },
  'csi CUB': { applied: `${ESC}[D`, reports: 'csi' },
  'csi CNL': { applied: `${ESC}[E`, reports: 'csi' },
  'csi CPL': { applied: `${ESC}[F`, reports: 'csi' },
  'csi HPA': { applied: `${ESC}[1G`, reports: 'csi' },
  'csi CUP': { applied: `${ESC}[1;1H`, reports: 'csi' },
  'csi ED': { applied: `${ESC}[J`, reports: 'csi' },
  'csi EL': { applied: `${ESC}[K`, reports: 'csi' },
  'csi IL': { applied: `${ESC}[L`, reports: 'csi' },
  'csi DL': { applied: `${ESC}[M`, reports: 'csi' },
  'csi DCH': { applied: `${ESC}[P`, reports: 'csi' },
  'csi SU': { applied: `${ESC}[S`, reports: 'csi' },
  'csi SD': { applied: `${ESC}[T`, reports: 'csi' },
  'csi ECH': { applied: `${ESC}[X`, reports: 'csi' },
  'csi CBT': { applied: `${ESC}[Z`, reports: 'csi' },
  // The character repeated is the cleaner's to say (it follows tmux's `last`, input.c:1142): printed in the same stream.
  'csi REP': { applied: `x${ESC}[3b`, reports: 'csi' },
  'csi DA': NOTHING_SHOWN('a reply to the terminal'),
  'csi DA_TWO': NOTHING_SHOWN('a reply to the terminal'),
  'csi VPA': { applied: `${ESC}[1d`, reports: 'csi' },
  'csi TBC': { applied: `${ESC}[3g`, reports: 'csi' },
  'csi SM': { applied: `${ESC}[4h`, reports: 'mode' },
  'csi SM_PRIVATE': { applied: `${ESC}[?1049h`, reports: 'screen' },
  'csi RM': { applied: `${ESC}[4l`, reports: 'mode' },
  'csi RM_PRIVATE': { applied: `${ESC}[?6l`, reports: 'mode' },
  'csi SGR': NOTHING_SHOWN('colours and attributes'),
  'csi MODSET': NOTHING_SHOWN('key modifiers'),
  'csi DSR': NOTHING_SHOWN('a reply to the terminal'),
  'csi MODOFF': NOTHING_SHOWN('key modifiers'),
  'csi DECSCUSR': NOTHING_SHOWN('the cursor\'s style'),
  'csi XDA': NOTHING_SHOWN('a reply to the terminal'),
  'csi DECSTBM': { applied: `${ESC}[2;4r`, reports: 'csi' },
  'csi SCP': { applied: `${ESC}[s`, reports: 'csi' },
  'csi WINOPS': NOTHING_SHOWN('window operations: tmux reports or ignores them, never resizes the pane for them (input.c:1917)'),
  'csi RCP': { applied: `${ESC}[u`, reports: 'csi' },
};

/** What the cleaner reports for `text`, by kind. */
function reports(text: string): string[] {
  const kinds: string[] = [];
  const perform: Perform = {
    print: () => {},
    execute: () => {},
    csi: () => kinds.push('csi'),
    esc: () => kinds.push('esc'),
    screen: () => kinds.push('screen'),
    mode: () => kinds.push('mode'),
    osc: () => {},
  };
  new EscapeCleaner().advance(Buffer.from(text, 'latin1'), perform);
  return kinds;
}

/** The model's state that a sequence can change. */
function state(grid: ScreenGrid): string {
  return JSON.stringify({ x: grid.cursorX, y: grid.cursorY, region: grid.scrollRegion, rows: grid.lines(), alternate: grid.alternate });
}

/** A 10x6 screen full of text, the cursor in the middle, the last character printed `x` (for REP). */
function busyGrid(): ScreenGrid {
  const grid = new ScreenGrid(10, 6);
  const cleaner = new EscapeCleaner();
  cleaner.advance(Buffer.from(`abcdefghij\r\nklmnopqrst\r\nuvwxyzABCD\r\nEFGHIJKLMN\r\nOPQRSTUVWX\r\nYZ01234567${ESC}[3;4Hx`), grid);
  return grid;
}

describe("tmux 3.3a's dispatch tables (input.c:208, :268)", () => {
  const all = entries();

  it('the fixture holds both tables whole', () => {
    assert.equal(all.filter((entry) => entry.table === 'esc').length, 15);
    assert.equal(all.filter((entry) => entry.table === 'csi').length, 39);
  });

  it('every entry has a verdict, and every verdict an entry', () => {
    const names = all.map((entry) => `${entry.table} ${entry.name}`);
    assert.deepEqual([...new Set(names)].sort(), Object.keys(VERDICTS).sort());
  });

  for (const entry of all) {
    const verdict = VERDICTS[`${entry.table} ${entry.name}`];
    // tmux's table keeps a CSI's private marker (`?`, `>`) with its intermediates: the bytes put it first.
    const bytes = `${ESC}${entry.table === 'csi' ? '[' : ''}${entry.intermediate}${entry.final}`;
    if (verdict === undefined) continue;
    if ('ignored' in verdict) {
      it(`${entry.table} ${entry.name} (${JSON.stringify(bytes)}) is left out: ${verdict.ignored}`, () => {
        assert.deepEqual(reports(bytes), []);
      });
      continue;
    }
    it(`${entry.table} ${entry.name} is applied: the cleaner reports it, the screen model acts on it`, () => {
      // HPA and CUP have two finals each: the sample takes this entry's.
      const applied = verdict.applied.slice(0, -1) + entry.final;
      assert.deepEqual(reports(applied), [verdict.reports]);
      const grid = busyGrid();
      const before = state(grid);
      const at = [grid.cursorX, grid.cursorY];
      const cleaner = new EscapeCleaner();
      // A saved position shows only once restored elsewhere; restoring shows from a position saved elsewhere.
      const save = entry.name === 'DECSC' || entry.name === 'SCP';
      const restore = entry.name === 'DECRC' || entry.name === 'RCP';
      const restoreSaved = entry.name === 'SCP' ? `${ESC}[u` : `${ESC}8`;
      cleaner.advance(Buffer.from(restore ? `${ESC}[1;1H${ESC}7${ESC}[s${ESC}[3;4H${applied}` : save ? `${applied}${ESC}[1;1H${restoreSaved}` : applied, 'latin1'), grid);
      if (save) assert.deepEqual([grid.cursorX, grid.cursorY], at);
      else if (restore) assert.deepEqual([grid.cursorX, grid.cursorY], [0, 0]);
      // Modes and tab stops show only in what is printed next (test/unit/tabs-insert.test.ts).
      else if (!['SM', 'RM', 'RM_PRIVATE', 'HTS', 'TBC'].includes(entry.name)) assert.notEqual(state(grid), before);
    });
  }

  it('DECALN fills the screen with E, homes the cursor and resets the region (screen-write.c:977)', () => {
    const grid = new ScreenGrid(4, 3);
    new EscapeCleaner().advance(Buffer.from(`ab${ESC}[2;3r${ESC}[3;2H${ESC}#8X${ESC}##8${ESC}#9`), grid);
    assert.deepEqual(grid.lines(), ['XEEE', 'EEEE', 'EEEE']);
    assert.deepEqual([grid.cursorX, grid.cursorY, ...grid.scrollRegion], [1, 0, 0, 2]);
  });
});
