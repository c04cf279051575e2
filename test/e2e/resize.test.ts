// A logged pane resized under a real attached client: the reader is told at
// once (audit.tmux's window-layout-changed hook signals it), so what a
// program prints right after the resize, with no cursor move to give the new
// size away, is logged as tmux shows it at the new size (`capture-pane -J`).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseLine } from '../support/log.ts';
import { attachClient, type OuterTerminal, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { uniqueMarker, waitFor } from '../support/util.ts';

const server = serversForThisFile();
const terminals: OuterTerminal[] = [];
after(() => {
  for (const terminal of terminals) terminal.kill();
});

/** The texts of the log's lines (mark `|`). */
function loggedLines(tmux: TmuxServer): string[] {
  return tmux
    .readLog()
    .split('\n')
    .map((line) => parseLine(line))
    .filter((line) => line !== undefined && line.mark === '|')
    .map((line) => line!.text.replace(/ +$/, ''));
}

/** The texts of the log's lines and redrawn rows (marks `|` and `~`). */
function redrawnOrLines(tmux: TmuxServer): string[] {
  return tmux
    .readLog()
    .split('\n')
    .map((line) => parseLine(line))
    .filter((line) => line !== undefined && (line.mark === '|' || line.mark === '~'))
    .map((line) => line!.text.replace(/ +$/, ''));
}

/**
 * A script printing lines longer than `width` at once: plain ones, and ones a
 * CR then overwrites in part. At the pane's width the CR goes back to the
 * start of the last row the line wrapped onto (tmux's input_c0_dispatch,
 * input.c: `s->cx = 0` of the cursor's row); at a wider one it would go back
 * to the line's start.
 */
function writeScript(dir: string, marker: string): string {
  const file = path.join(dir, 'long.sh');
  const lines = [
    `printf '%s\\n' ${'0123456789'.repeat(7)}`,
    `printf '%s\\rXY\\n' ${'abcdefghij'.repeat(7)}`,
    `printf '%s\\rZ\\n' ${'ABCDEFGHIJ'.repeat(5)}`,
    `echo ${marker}`,
  ];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Runs the script in the logged pane and checks every line tmux shows from it is a line of the log. */
async function printsAsShown(tmux: TmuxServer, pane: string, width: number): Promise<void> {
  const marker = uniqueMarker('end');
  writeScript(tmux.dir, marker);
  // Short command: no readline wrap of what is typed.
  tmux.type('sh long.sh', pane);
  await waitFor('the script has run', () => loggedLines(tmux).includes(marker), 15_000);
  const screen = tmux
    .tmux('capture-pane', '-p', '-J', '-S', '-', '-t', pane)
    .split('\n')
    .map((line) => line.replace(/ +$/, ''));
  const start = screen.map((line) => line.endsWith('sh long.sh')).lastIndexOf(true);
  const shown = screen.slice(start + 1, screen.indexOf(marker, start));
  assert.equal(shown.length, 3, `the script's three lines on the screen:\n${screen.join('\n')}`);
  // The pane really wrapped them: each is longer than the width.
  for (const line of shown) assert.ok(line.length > width, `${JSON.stringify(line)} longer than ${width}`);
  const logged = loggedLines(tmux);
  for (const line of shown) assert.ok(logged.includes(line), `${JSON.stringify(line)} is on the screen but not in the log:\n${tmux.readLog()}`);
}

describe('a logged pane resized: output right after it is logged at the new size', () => {
  it('resize-window to a narrower width, then long lines', async () => {
    const tmux = server();
    terminals.push(await attachClient(tmux));
    tmux.type(`cd '${tmux.dir}'`);
    const { pid } = await tmux.startLogging();
    await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(pid));
    tmux.tmux('resize-window', '-t', 'main', '-x', '40');
    await waitFor('the pane is 40 wide', () => tmux.show('#{pane_width}') === '40');
    await printsAsShown(tmux, '%0', 40);
  });

  it('resize-pane -x in a split window, then long lines', async () => {
    const tmux = server();
    terminals.push(await attachClient(tmux));
    const [, other] = tmux.panes(2, 'even-horizontal');
    tmux.type(`cd '${tmux.dir}'`);
    const { pid } = await tmux.startLogging();
    await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(pid));
    tmux.tmux('resize-pane', '-t', '%0', '-x', '35');
    await waitFor('the pane is 35 wide', () => tmux.show('#{pane_width}') === '35');
    await printsAsShown(tmux, '%0', 35);
    // The other pane, not logged, published nothing.
    assert.equal(tmux.show('#{@audit_reader_pid}', other), '');
  });

  it('resize-window to a shorter height, then a home and an overwrite', async () => {
    const tmux = server();
    terminals.push(await attachClient(tmux));
    tmux.type(`cd '${tmux.dir}'`);
    const { pid } = await tmux.startLogging();
    await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(pid));
    tmux.tmux('resize-window', '-t', 'main', '-y', '10');
    await waitFor('the pane is 10 high', () => tmux.show('#{pane_height}') === '10');
    const marker = uniqueMarker('end');
    // Home, then past the bottom row (that move tells the reader of old too, but after the overwrite).
    fs.writeFileSync(path.join(tmux.dir, 'home.sh'), `clear; seq 1 25; printf '\\033[HX\\033[99;1H\\n'; echo ${marker}\n`);
    tmux.type('sh home.sh');
    await waitFor('the script has run', () => loggedLines(tmux).includes(marker), 15_000);
    const screen = tmux.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', '%0').split('\n');
    // The home row was line 17 (10 rows: 17 to 25 and the cursor's); a pane of 30 rows would have it on line 1.
    const overwritten = screen.find((line) => /^X\d$/.test(line));
    assert.equal(overwritten, 'X7', `the overwrite on the screen:\n${screen.join('\n')}`);
    await waitFor('the overwritten row in the log', () => redrawnOrLines(tmux).includes('X7'), 5_000).catch(() => {
      assert.fail(`"X7" is on the screen but not in the log:\n${tmux.readLog()}`);
    });
  });

  // A known gap, kept as a todo: the program's own SIGWINCH (tmux's TIOCSWINSZ, server-client.c
  // server_client_check_pane_resize) races the hook's `sh`, and a reader behind by a read takes the
  // redraw in the same read as what came before it, before Node runs the signal's handler. Seen here:
  // less's first screen and its redraw at 40x12 came in one read of 2404 bytes, the signal 2 ms later,
  // so the redraw was modelled at 120x29 and the final frame holds the first 40 columns of each line.
  // Only a marker in the stream itself (not a signal beside it) would place the resize exactly.
  it('less redrawn on a resize: the final frame is its redraw at the new size', { todo: 'the redraw races the signal' }, async () => {
    const tmux = server();
    terminals.push(await attachClient(tmux));
    tmux.type(`cd '${tmux.dir}'`);
    const { pid } = await tmux.startLogging();
    await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(pid));
    const lines = Array.from({ length: 40 }, (_, i) => `line-${String(i + 1).padStart(2, '0')} ${'abcdefghij'.repeat(6)}`);
    fs.writeFileSync(path.join(tmux.dir, 'text.txt'), `${lines.join('\n')}\n`);
    tmux.type('less text.txt');
    await waitFor('less shows the file', () => tmux.screen().includes('line-01 '));
    tmux.tmux('resize-window', '-t', 'main', '-x', '40', '-y', '12');
    // less redraws on its SIGWINCH: its prompt on the new last row.
    await waitFor('less redrawn at 40x12', () => {
      const rows = tmux.screen().replace(/\n$/, '').split('\n');
      return rows.length === 12 && rows[0]!.startsWith('line-01 ') && rows[1]!.startsWith('cdefghij') && /^(:|text\.txt)/.test(rows[11]!) ? rows : undefined;
    });
    const shown = tmux.screen().replace(/\n$/, '').split('\n').map((row) => row.replace(/ +$/, ''));
    tmux.tmux('send-keys', '-t', '%0', 'q');
    const log = () => tmux.readLog().split('\n').map((line) => parseLine(line)).filter((line) => line !== undefined);
    await waitFor('the block closed', () => log().some((line) => line!.mark === '*' && line!.text.includes('state=leave')), 10_000);
    const records = log();
    const leave = records.findIndex((line) => line!.mark === '*' && line!.text.includes('state=leave'));
    const frameRows = records.slice(0, leave).filter((line) => line!.mark === '=').map((line) => line!.text.replace(/ +$/, ''));
    const finalFrame = frameRows.slice(-shown.length);
    assert.deepEqual(finalFrame.slice(0, -1), shown.slice(0, -1), `the final frame is the redraw tmux showed:\n${tmux.readLog()}`);
  });

  it('the hook signals decimal pids only: a value set by hand runs nothing and signals no group', async () => {
    const tmux = server();
    const panes = tmux.panes(5, 'tiled');
    // Witnesses that note each SIGWINCH at once, and say when they listen: one named by a pane, one named by none.
    const witness = (name: string) => {
      const file = JSON.stringify(path.join(tmux.dir, name));
      const script = `const fs = require('fs'); process.on('SIGWINCH', () => fs.appendFileSync(${file}, 'x')); fs.writeFileSync(${file} + '.ready', ''); setInterval(() => {}, 1000);`;
      return spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
    };
    const named = witness('named');
    const unnamed = witness('unnamed');
    try {
      await waitFor('the witnesses listen', () => fs.existsSync(path.join(tmux.dir, 'named.ready')) && fs.existsSync(path.join(tmux.dir, 'unnamed.ready')));
      // Pane order is the loop's: the hostile values come before the one that names a witness.
      const values = [`$(touch ${tmux.dir}/ran1)`, `1;touch ${tmux.dir}/ran2`, '-1', '0'];
      values.forEach((value, i) => tmux.tmux('set-option', '-p', '-t', panes[i]!, '@audit_reader_pid', value));
      tmux.tmux('set-option', '-p', '-t', panes[4]!, '@audit_reader_pid', String(named.pid));
      tmux.tmux('resize-pane', '-t', panes[0]!, '-x', '30');
      await waitFor('the named witness signalled', () => fs.existsSync(path.join(tmux.dir, 'named')));
      // `kill -WINCH -1` would have come first, in the same sh: the unnamed witness would have been signalled before.
      assert.equal(fs.existsSync(path.join(tmux.dir, 'unnamed')), false, 'kill -1 reached sh');
      assert.equal(fs.existsSync(path.join(tmux.dir, 'ran1')), false, 'a command substitution ran');
      assert.equal(fs.existsSync(path.join(tmux.dir, 'ran2')), false, 'a command after ; ran');
    } finally {
      named.kill();
      unnamed.kill();
    }
  });

  it('the pid is cleared when logging stops, and published again by the next reader', async () => {
    const tmux = server();
    const first = await tmux.startLogging();
    await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(first.pid));
    tmux.toggle();
    await waitFor('the pid cleared', () => tmux.show('#{@audit_reader_pid}') === '');
    await waitFor('the first reader gone', () => !tmux.readerPids().includes(first.pid));
    const second = await tmux.startLogging();
    await waitFor('the second reader published its pid', () => tmux.show('#{@audit_reader_pid}') === String(second.pid));
  });
});
