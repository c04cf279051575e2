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

/** A run file a reader of `pane` names at the end of its command line (core/paths.ts runFilePath: one per recording). */
function runFileOf(tmux: TmuxServer, pane: string): string {
  return path.join(tmux.dir, 'run', `${tmux.show('#{pid}')}-${pane.slice(1)}-Rec_0-1.json`);
}

/**
 * A witness for the hook: a process that notes each SIGWINCH at once in `<dir>/<name>` and says when it listens
 * (`<name>.ready`). With `pipe <run file>` as arguments its command line ends as a reader's does (core/plan.ts
 * pipeCommand); without, it is any process (nginx's master stops on SIGWINCH).
 */
function startWitness(tmux: TmuxServer, name: string, ...args: string[]): { name: string; child: ReturnType<typeof spawn> } {
  const file = JSON.stringify(path.join(tmux.dir, name));
  // A line on stdin: `<name>.synced` a turn of the event loop later, when a signal sent before it has been noted.
  const script = `const fs = require('fs'); process.on('SIGWINCH', () => fs.appendFileSync(${file}, 'x')); process.stdin.on('data', () => setImmediate(() => setImmediate(() => fs.writeFileSync(${file} + '.synced', '')))); fs.writeFileSync(${file} + '.ready', '');`;
  return { name, child: spawn(process.execPath, ['-e', script, ...args], { stdio: ['pipe', 'ignore', 'ignore'] }) };
}

/** Waits until each witness has noted whatever signal reached it before now (a signal is handled a turn later). */
async function witnessesSynced(tmux: TmuxServer, witnesses: { name: string; child: ReturnType<typeof spawn> }[]): Promise<void> {
  for (const { name } of witnesses) fs.rmSync(path.join(tmux.dir, `${name}.synced`), { force: true });
  for (const { child } of witnesses) child.stdin!.write('sync\n');
  await waitFor('the witnesses synced', () => witnesses.every(({ name }) => fs.existsSync(path.join(tmux.dir, `${name}.synced`))));
}

/** A tmux server of this file with a real client attached (killed after the file). */
async function attached(): Promise<TmuxServer> {
  const tmux = server();
  terminals.push(await attachClient(tmux));
  return tmux;
}

/** Starts logging `pane` and waits until its reader has published its pid (what the resize hook signals). */
async function startReader(tmux: TmuxServer, pane = '%0'): Promise<number> {
  const { pid } = await tmux.startLogging(pane);
  await waitFor('the reader published its pid', () => tmux.show('#{@audit_reader_pid}', pane) === String(pid));
  return pid;
}

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
 * Waits until the reader's models have the pane's size: the answer to a size question it asked after the resize
 * (@audit_reader_size, set by tmux with the answer). Whether the hook told the reader, and not the beat, is the
 * witnesses' test below; these tests check what the reader logs once told. A person cannot type faster than the
 * hook's `sh` runs, but a test can: under load that race was lost (the script's lines at the old width).
 */
async function readerHasSize(tmux: TmuxServer, pane: string): Promise<void> {
  await waitFor('the reader has the new size', () => {
    const [size, pane_] = tmux.show('#{@audit_reader_size} #{pane_width}x#{pane_height}', pane).split(' ');
    return size === pane_;
  });
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

/**
 * Runs the script in the logged pane and checks every line tmux shows from it is a line of the log.
 * `width`: a width the lines are longer than (the new one, or the old one when the pane grew).
 */
async function printsAsShown(tmux: TmuxServer, pane: string, width: number): Promise<void> {
  await readerHasSize(tmux, pane);
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

/**
 * Edits the command line being typed in %0 (Home, `words` words forward with M-f, `XX`), enters it with
 * `; echo <end>` after it, and waits until it has run: the end marker, and the screen with its rows joined.
 */
async function editAndEnter(tmux: TmuxServer, words: number): Promise<{ end: string; screen: string[] }> {
  const end = uniqueMarker('end');
  tmux.tmux('send-keys', '-t', '%0', 'Home', ...Array<string>(words).fill('M-f'));
  tmux.tmux('send-keys', '-t', '%0', '-l', 'XX');
  tmux.tmux('send-keys', '-t', '%0', 'End');
  tmux.type(`; echo ${end}`);
  await waitFor('the command has run', () => loggedLines(tmux).includes(end), 15_000);
  const screen = tmux
    .tmux('capture-pane', '-p', '-J', '-S', '-', '-t', '%0')
    .split('\n')
    .map((line) => line.replace(/ +$/, ''));
  return { end, screen };
}

describe('a logged pane resized: output right after it is logged at the new size', () => {
  it('resize-window to a narrower width, then long lines', async () => {
    const tmux = await attached();
    tmux.type(`cd '${tmux.dir}'`);
    await startReader(tmux);
    tmux.tmux('resize-window', '-t', 'main', '-x', '40');
    await waitFor('the pane is 40 wide', () => tmux.show('#{pane_width}') === '40');
    await printsAsShown(tmux, '%0', 40);
  });

  it('resize-pane -x in a split window, then long lines', async () => {
    const tmux = await attached();
    const [, other] = tmux.panes(2, 'even-horizontal');
    tmux.type(`cd '${tmux.dir}'`);
    await startReader(tmux);
    tmux.tmux('resize-pane', '-t', '%0', '-x', '35');
    await waitFor('the pane is 35 wide', () => tmux.show('#{pane_width}') === '35');
    await printsAsShown(tmux, '%0', 35);
    // The other pane, not logged, published nothing.
    assert.equal(tmux.show('#{@audit_reader_pid}', other), '');
  });

  // No window-layout-changed for these two in tmux 3.3a (audit.tmux says which hooks tell them).
  it('break-pane: the pane, 40 wide in a split window, gets a window of its own', async () => {
    const tmux = await attached();
    tmux.panes(2, 'even-horizontal');
    tmux.tmux('resize-pane', '-t', '%0', '-x', '40');
    tmux.type(`cd '${tmux.dir}'`, '%0');
    await startReader(tmux, '%0');
    await waitFor('the pane is 40 wide', () => tmux.show('#{pane_width}', '%0') === '40');
    tmux.tmux('break-pane', '-s', '%0');
    await waitFor('the pane is wider', () => Number(tmux.show('#{pane_width}', '%0')) > 100);
    await printsAsShown(tmux, '%0', 40);
  });

  it('rotate-window: the pane takes the narrower cell', async () => {
    const tmux = await attached();
    tmux.panes(2, 'even-horizontal');
    tmux.tmux('resize-pane', '-t', '%1', '-x', '40');
    tmux.type(`cd '${tmux.dir}'`, '%0');
    await startReader(tmux, '%0');
    tmux.tmux('rotate-window', '-t', 'main');
    await waitFor('the pane is 40 wide', () => tmux.show('#{pane_width}', '%0') === '40');
    await printsAsShown(tmux, '%0', 40);
  });

  it('set -g pane-border-status top: a row less in every pane, then a home and an overwrite', async () => {
    const tmux = await attached();
    tmux.panes(2, 'even-horizontal');
    tmux.type(`cd '${tmux.dir}'`);
    await startReader(tmux);
    const height = Number(tmux.show('#{pane_height}'));
    tmux.tmux('set-option', '-g', 'pane-border-status', 'top');
    await waitFor('the pane a row shorter', () => Number(tmux.show('#{pane_height}')) === height - 1);
    await readerHasSize(tmux, '%0');
    const marker = uniqueMarker('end');
    fs.writeFileSync(path.join(tmux.dir, 'home.sh'), `clear; seq 101 140; printf '\\033[HX\\033[99;1H\\n'; echo ${marker}\n`);
    tmux.type('sh home.sh');
    await waitFor('the script has run', () => loggedLines(tmux).includes(marker), 15_000);
    const screen = tmux.tmux('capture-pane', '-p', '-J', '-S', '-', '-t', '%0').split('\n');
    // After 40 lines and the cursor's row, the top row is line 141 - (height - 1) + 1 of them.
    const top = String(142 - (height - 1));
    const overwritten = screen.find((line) => /^X\d\d$/.test(line));
    assert.equal(overwritten, `X${top.slice(1)}`, `the overwrite on the screen:\n${screen.join('\n')}`);
    await waitFor('the overwritten row in the log', () => redrawnOrLines(tmux).includes(overwritten!), 5_000).catch(() => {
      assert.fail(`${JSON.stringify(overwritten)} is on the screen but not in the log:\n${tmux.readLog()}`);
    });
  });

  // setw fires after-set-window-option, which tmux 3.3a has no hook for: the reader's beat finds the new size.
  it('setw -g pane-border-status top, which no hook tells: the beat finds it (seen in a full-screen block)', async () => {
    const tmux = await attached();
    tmux.panes(2, 'even-horizontal');
    await startReader(tmux);
    const size = () => `${tmux.show('#{pane_width}')}x${tmux.show('#{pane_height}')}`;
    const before = size();
    tmux.type("printf '\\033[?1049h'; cat");
    await waitFor('the block open', () => tmux.readLog().includes(' state=enter'), 10_000);
    tmux.tmux('set-window-option', '-g', 'pane-border-status', 'top');
    await waitFor('the pane a row shorter', () => size() !== before);
    await waitFor('the new size in the log', () => tmux.readLog().includes(`from=${before} to=${size()}`), 15_000);
  });

  it('resize-window to a shorter height, then a home and an overwrite', async () => {
    const tmux = await attached();
    tmux.type(`cd '${tmux.dir}'`);
    await startReader(tmux);
    tmux.tmux('resize-window', '-t', 'main', '-y', '10');
    await waitFor('the pane is 10 high', () => tmux.show('#{pane_height}') === '10');
    await readerHasSize(tmux, '%0');
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

  // A command line typed (not yet entered) when the pane is resized: tmux reflows it and readline, on its SIGWINCH,
  // moves up the rows it counted at the old width to draw it again: wider, over the row above it (logged output);
  // narrower, below a stale copy of its head that tmux keeps showing. The command finally entered is a `|` line of
  // the log, as tmux shows it (not a `~` redraw of the row it was drawn over), and so is the stale copy.
  for (const width of [200, 40]) {
    it(`a wrapped command line being typed, the window made ${width} wide, edited and entered: a '|' line as tmux shows it`, async () => {
      const tmux = await attached();
      await startReader(tmux);
      tmux.tmux('resize-window', '-t', 'main', '-x', '120');
      await waitFor('the pane is 120 wide', () => tmux.show('#{pane_width}') === '120');
      await readerHasSize(tmux, '%0');
      // A bash of its own, under a shell without job control: it can be stopped without tmux continuing it (tmux
      // continues a stopped pane's process at once, server.c:517 server_child_stopped) or a shell taking the
      // terminal back. A short prompt: the command takes two rows at 120 columns, one at 200.
      tmux.type(`sh -c 'PS1="$ " bash --norc --noprofile; exit'`);
      const said = uniqueMarker('pid');
      await tmux.run(`echo ${said}-$$`);
      const shell = Number(/-(\d+)$/.exec(loggedLines(tmux).find((line) => line.startsWith(`${said}-`)) ?? '')?.[1]);
      assert.ok(shell > 1, tmux.readLog());
      const marker = uniqueMarker('prev');
      await tmux.run(`echo ${marker}`);
      const words = Array.from({ length: 15 }, (_, i) => `w${i}-abcdefgh`).join(' ');
      tmux.tmux('send-keys', '-t', '%0', '-l', `echo ${words}`);
      await waitFor('the command wraps on the screen', () => tmux.tmux('capture-pane', '-p', '-t', '%0').includes('w14-abcdefgh'));
      // Which comes first to the reader, readline's redraw for the new width (bash's SIGWINCH) or the size (the hook's
      // `sh`, then a question to tmux), is a race (resize-hold.ts). bash is stopped meanwhile: the size comes first,
      // and the redraw, on the SIGWINCH bash gets when continued, is modelled at the new width.
      process.kill(shell, 'SIGSTOP');
      try {
        tmux.tmux('resize-window', '-t', 'main', '-x', String(width));
        await waitFor(`the pane is ${width} wide`, () => tmux.show('#{pane_width}') === String(width));
        await readerHasSize(tmux, '%0');
      } finally {
        process.kill(shell, 'SIGCONT');
      }
      const { end, screen } = await editAndEnter(tmux, 5);
      const command = screen.find((line) => line.endsWith(`; echo ${end}`));
      assert.ok(command?.includes('w1-abcdefghXX w2-abcdefgh'), `the edited command on the screen:\n${screen.join('\n')}`);
      const logged = loggedLines(tmux);
      assert.ok(logged.includes(command!), `${JSON.stringify(command)} is on the screen but not a '|' line of the log:\n${tmux.readLog()}`);
      // Every line tmux shows from the marker on (narrower, a stale copy of the command's head too) is a line of the log.
      const shown = screen.slice(screen.indexOf(marker) + 1, screen.indexOf(end) + 1).filter((line) => line !== '');
      for (const line of shown) assert.ok(logged.includes(line), `${JSON.stringify(line)} is on the screen but not in the log:\n${tmux.readLog()}`);
      // `+` carries on a line past the record limit only: none of these is near it.
      const pieces = tmux.readLog().split('\n').map((line) => parseLine(line)).filter((line) => line?.mark === '+');
      assert.deepEqual(pieces, [], tmux.readLog());
    });
  }

  // Issue 15: readline's redraw on its SIGWINCH reaching the reader before the hook's signal (its sh, under load) was
  // modelled at the old width. Here the hook never tells (unset): the reader reads the pty's size after the pause.
  for (const width of [40, 200]) {
    it(`a wrapped command line being typed, the window made ${width} wide, the resize told by no hook: every row tmux shows is a '|' line`, async () => {
      const tmux = await attached();
      await startReader(tmux);
      for (const hook of ['window-layout-changed', 'window-linked', 'window-pane-changed']) tmux.tmux('set-hook', '-gu', hook);
      const marker = uniqueMarker('prev');
      await tmux.run(`echo ${marker}`);
      const words = Array.from({ length: 11 }, (_, i) => `w${i}-abcdefgh`).join(' ');
      tmux.tmux('send-keys', '-t', '%0', '-l', `echo ${words}`);
      await waitFor('the command is on the screen', () => tmux.tmux('capture-pane', '-p', '-J', '-t', '%0').includes('w10-abcdefgh'));
      tmux.tmux('resize-window', '-t', 'main', '-x', String(width));
      await waitFor(`the pane is ${width} wide`, () => tmux.show('#{pane_width}') === String(width));
      const { end, screen } = await editAndEnter(tmux, 3);
      const shown = screen.slice(screen.lastIndexOf(marker) + 1, screen.lastIndexOf(end) + 1).filter((line) => line !== '');
      assert.ok(shown.some((line) => line.includes('w0-abcdefghXX w1-abcdefgh')), `the edited command on the screen:\n${screen.join('\n')}`);
      const logged = loggedLines(tmux);
      for (const line of shown) assert.ok(logged.includes(line), `${JSON.stringify(line)} is on the screen but not a '|' line of the log:\n${tmux.readLog()}`);
    });
  }

  // Review of issue 15: the rows a wider resize claims for readline's redraw (above a wrapped line not ended) are
  // readline's only. Any other program putting text back on them does not log what they show a second time.
  it("output not ended, the window made wider, then a program's CR ESC M over the row above: that row is logged once", async () => {
    const tmux = await attached();
    await startReader(tmux);
    tmux.tmux('resize-window', '-t', 'main', '-x', '120');
    await waitFor('the pane is 120 wide', () => tmux.show('#{pane_width}') === '120');
    await readerHasSize(tmux, '%0');
    const go = path.join(tmux.dir, 'go');
    const end = uniqueMarker('end');
    const script = path.join(tmux.dir, 'claim.sh');
    // The line of S's is not ended: 150 of them take two rows at 120 columns, one at 200. The script waits (its own
    // loop, in the pane) for the test to say the reader has the new width.
    fs.writeFileSync(
      script,
      [
        'stty -echo',
        `printf 'paid 100 to alice\\n%s' ${'S'.repeat(150)}`,
        `while [ ! -e ${go} ]; do sleep 0.05; done`,
        "printf '\\r\\033Mp\\r\\n\\033[K\\033[B\\r\\033[K'",
        `echo ${end}`,
        '',
      ].join('\n'),
    );
    tmux.type(`sh ${script}`);
    await waitFor('the line not ended is on the screen', () => tmux.tmux('capture-pane', '-p', '-t', '%0').includes('S'.repeat(100)));
    tmux.tmux('resize-window', '-t', 'main', '-x', '200');
    await waitFor('the pane is 200 wide', () => tmux.show('#{pane_width}') === '200');
    await readerHasSize(tmux, '%0');
    fs.writeFileSync(go, '');
    await waitFor('the script has run', () => loggedLines(tmux).includes(end), 15_000);
    const screen = tmux
      .tmux('capture-pane', '-p', '-J', '-S', '-', '-t', '%0')
      .split('\n')
      .map((line) => line.replace(/ +$/, ''));
    assert.equal(screen.filter((line) => line === 'paid 100 to alice').length, 1, screen.join('\n'));
    assert.equal(loggedLines(tmux).filter((line) => line === 'paid 100 to alice').length, 1, tmux.readLog());
  });

  // What is guaranteed of a full-screen program resized. Its own SIGWINCH (tmux's TIOCSWINSZ,
  // server-client.c server_client_check_pane_resize) races the hook's `sh`: a reader behind by a read
  // may take the program's redraw before the signal, at the old size (seen: less's first screen and its
  // redraw at 40x12 in one read of 2404 bytes, the signal 2 ms later). So the block says where the size
  // changed (`* resize`), and once the program draws again the frames are at the new size: the final
  // frame, on leave, is what tmux shows.
  it('less resized: the block says so, and after its next redraw the final frame is what tmux shows', async () => {
    const tmux = await attached();
    tmux.type(`cd '${tmux.dir}'`);
    await startReader(tmux);
    const before = `${tmux.show('#{pane_width}')}x${tmux.show('#{pane_height}')}`;
    const lines = Array.from({ length: 40 }, (_, i) => `line-${String(i + 1).padStart(2, '0')} ${'abcdefghij'.repeat(6)}`);
    fs.writeFileSync(path.join(tmux.dir, 'text.txt'), `${lines.join('\n')}\n`);
    tmux.type('less text.txt');
    await waitFor('less shows the file', () => tmux.screen().includes('line-01 '));
    const log = () => tmux.readLog().split('\n').map((line) => parseLine(line)).filter((line) => line !== undefined);
    // The reader is in the block (it has logged a frame of it): the size it learns next is learnt there.
    await waitFor('a frame of less', () => log().some((line) => line!.mark === '=' && line!.text.startsWith('line-01 ')), 10_000);
    tmux.tmux('resize-window', '-t', 'main', '-x', '40', '-y', '12');
    await waitFor('the resize in the block', () => log().some((line) => line!.mark === '*' && line!.text.startsWith(`resize `) && line!.text.includes(`from=${before} to=40x12`)), 10_000).catch((error) => {
      throw new Error(`${(error as Error).message}:\n${tmux.readLog()}`);
    });
    // A redraw after the reader knows the size: less repaints on Ctrl-L; then it scrolls a line, which shows the
    // repaint is done (a scroll alone redraws one row: the rows above stay as they were modelled).
    tmux.tmux('send-keys', '-t', '%0', 'C-l');
    tmux.tmux('send-keys', '-t', '%0', 'j');
    await waitFor('less scrolled at 40x12', () => {
      const rows = tmux.screen().replace(/\n$/, '').split('\n');
      return rows.length === 12 && !rows[0]!.startsWith('line-01 ') && /^(:|text\.txt)/.test(rows[11]!) ? rows : undefined;
    });
    // Frames join a row wrapped onto the next, as capture-pane -J does.
    const shown = tmux.tmux('capture-pane', '-p', '-J', '-t', '%0').replace(/\n$/, '').split('\n').map((row) => row.replace(/ +$/, ''));
    tmux.tmux('send-keys', '-t', '%0', 'q');
    await waitFor('the block closed', () => log().some((line) => line!.mark === '*' && line!.text.includes('state=leave')), 10_000);
    const records = log();
    const leave = records.findIndex((line) => line!.mark === '*' && line!.text.includes('state=leave'));
    const snapshot = records.slice(0, leave).map((line) => line!.mark === '*' && line!.text.includes('state=snapshot')).lastIndexOf(true);
    const finalFrame = records.slice(snapshot + 1, leave).map((line) => line!.text.replace(/ +$/, ''));
    // The prompt row aside (less may still be drawing it when the frame settles).
    assert.deepEqual(finalFrame.slice(0, shown.length - 1), shown.slice(0, -1), `the final frame is what tmux showed:\n${tmux.readLog()}`);
  });

  it("the hook signals a pane's reader only: decimal pids, whose command line is a reader of that pane's run file", async () => {
    const tmux = await attached();
    const panes = tmux.panes(5, 'tiled');
    const runFile = (pane: string) => runFileOf(tmux, pane);
    const witness = (name: string, ...args: string[]) => startWitness(tmux, name, ...args);
    const reader = witness('reader', 'pipe', runFile(panes[4]!));
    const unnamed = witness('unnamed');
    const impostor = witness('impostor', 'pipe', runFile(panes[3]!));
    const inherited = witness('inherited');
    // Any process, named by a pane's pid option beside that pane's real run file: only its command line tells.
    const stranger = witness('stranger');
    const all = [reader, unnamed, impostor, inherited, stranger];
    const signalled = (name: string) => fs.existsSync(path.join(tmux.dir, name));
    try {
      await waitFor('the witnesses listen', () => all.every(({ name }) => signalled(`${name}.ready`)));
      // Pane order is the loop's: the hostile values come before the one that names the reader.
      const values = [`$(touch ${tmux.dir}/ran1)`, `1;touch ${tmux.dir}/ran2`, '-1'];
      values.forEach((value, i) => tmux.tmux('set-option', '-p', '-t', panes[i]!, '@audit_reader_pid', value));
      // A process that is no reader of this pane: its command line names another pane's run file.
      tmux.tmux('set-option', '-p', '-t', panes[3]!, '@audit_reader_pid', String(impostor.child.pid), ';', 'set-option', '-p', '-t', panes[3]!, '@audit_run', runFile(panes[4]!));
      tmux.tmux('set-option', '-p', '-t', panes[4]!, '@audit_reader_pid', String(reader.child.pid), ';', 'set-option', '-p', '-t', panes[4]!, '@audit_run', runFile(panes[4]!));
      tmux.tmux('resize-pane', '-t', panes[0]!, '-x', '30');
      await waitFor("the pane's reader signalled", () => signalled('reader'));
      // A global value (set -g by mistake), inherited by a pane that has none: a process that is no reader.
      tmux.tmux('set-option', '-pu', '-t', panes[0]!, '@audit_reader_pid', ';', 'set-option', '-wg', '@audit_reader_pid', String(inherited.child.pid));
      // The impostor's pane now names its own run file, and a process whose command line is no reader's.
      tmux.tmux('set-option', '-p', '-t', panes[3]!, '@audit_reader_pid', String(stranger.child.pid), ';', 'set-option', '-p', '-t', panes[3]!, '@audit_run', runFile(panes[3]!));
      tmux.tmux('resize-pane', '-t', panes[0]!, '-x', '40');
      await waitFor("the pane's reader signalled again", () => fs.readFileSync(path.join(tmux.dir, 'reader'), 'utf8').length >= 2);
      // `kill -WINCH -1` would have come first, in the same sh: the unnamed witness would have been signalled before.
      await witnessesSynced(tmux, all);
      assert.equal(signalled('unnamed'), false, 'kill -1 reached sh');
      assert.equal(signalled('impostor'), false, "a process that is not the pane's reader was signalled");
      assert.equal(signalled('inherited'), false, 'an inherited value was signalled');
      assert.equal(signalled('stranger'), false, 'a process whose command line is no reader of the pane was signalled');
      assert.equal(signalled('ran1'), false, 'a command substitution ran');
      assert.equal(signalled('ran2'), false, 'a command after ; ran');
    } finally {
      for (const { child } of all) child.kill();
    }
  });

  it('the hook tells break-pane, rotate-window and set -g pane-border-status; a select-pane that changes no size tells nothing', async () => {
    const tmux = await attached();
    const [pane] = tmux.panes(3, 'even-horizontal');
    const witness = startWitness(tmux, 'reader', 'pipe', runFileOf(tmux, pane!));
    const count = () => (fs.existsSync(path.join(tmux.dir, 'reader')) ? fs.readFileSync(path.join(tmux.dir, 'reader'), 'utf8').length : 0);
    // As a reader does: its pid and run file, and the size its models have (which a size question sets).
    const publish = () => tmux.tmux('set-option', '-p', '-t', pane!, '@audit_reader_pid', String(witness.child.pid), ';', 'set-option', '-p', '-t', pane!, '@audit_run', runFileOf(tmux, pane!), ';', 'set-option', '-p', '-F', '-t', pane!, '@audit_reader_size', '#{pane_width}x#{pane_height}');
    try {
      await waitFor('the witness listens', () => fs.existsSync(path.join(tmux.dir, 'reader.ready')));
      publish();
      // Panes selected back and forth: the layout is the same, so is the reader's size: no signal.
      for (let i = 0; i < 10; i++) tmux.tmux('select-pane', '-t', i % 2 ? pane! : '%1');
      // Then one that finds the size out of date (as after a resize the reader has not asked about): a signal.
      tmux.tmux('set-option', '-p', '-t', pane!, '@audit_reader_size', '1x1', ';', 'select-pane', '-t', '%2');
      await waitFor('the out-of-date reader signalled', () => count() >= 1);
      await witnessesSynced(tmux, [witness]);
      assert.equal(count(), 1, 'select-pane signalled a reader whose size was the pane\'s');
      const told: string[] = [];
      for (const [what, resize] of [
        ['break-pane', () => tmux.tmux('break-pane', '-d', '-s', pane!)],
        ['rotate-window', () => tmux.tmux('rotate-window', '-t', tmux.show('#{window_id}', pane!))],
        ['set -g pane-border-status', () => tmux.tmux('set-option', '-g', 'pane-border-status', 'top')],
      ] as const) {
        if (what === 'rotate-window') {
          // A cell of another width to rotate into; the split itself changes the size, and is told first.
          const before = count();
          tmux.tmux('split-window', '-d', '-t', pane!, '-h', '-l', '10');
          await waitFor('the split told', () => count() > before);
        }
        publish();
        const before = count();
        const size = tmux.show('#{pane_width}x#{pane_height}', pane!);
        resize();
        await waitFor(`${what}: the pane's size changed`, () => tmux.show('#{pane_width}x#{pane_height}', pane!) !== size);
        await waitFor(`${what}: the reader signalled`, () => count() > before, 5_000).then(
          () => told.push(what),
          () => undefined,
        );
      }
      assert.deepEqual(told, ['break-pane', 'rotate-window', 'set -g pane-border-status']);
    } finally {
      witness.child.kill();
    }
  });

  it('a pid unset by hand, and a run file changed by hand, are set again at the next beat', async () => {
    const tmux = server();
    const pid = await startReader(tmux);
    const runFile = tmux.show('#{@audit_run}');
    assert.ok(runFile.endsWith(`/${tmux.show('#{pid}')}-0-${tmux.show('#{@audit_on}')}.json`), runFile);
    tmux.tmux('set-option', '-pu', '-t', '%0', '@audit_reader_pid', ';', 'set-option', '-p', '-t', '%0', '@audit_run', '/x');
    assert.equal(tmux.show('#{@audit_reader_pid}'), '');
    await waitFor('the pid and run file set again', () => tmux.show('#{@audit_reader_pid} #{@audit_run}') === `${pid} ${runFile}`, 15_000);
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

describe('a program that sets its own pty size (stty cols 30): tmux still shows the pane at its width', () => {
  it('a line with a cursor move after it is logged as tmux shows it (a review: the pty\'s size was taken for the pane\'s)', async () => {
    const tmux = server();
    terminals.push(await attachClient(tmux));
    const { pid } = await tmux.startLogging('%0');
    await waitFor('the reader marked', () => tmux.show('#{@audit_reader_pid}', '%0') === String(pid));
    const end = uniqueMarker('end');
    const script = path.join(tmux.dir, 'stty.sh');
    fs.writeFileSync(script, ['stty -echo', 'stty cols 30', 'sleep 0.3', `printf '%s\\r\\033[35CX\\n' ${'A'.repeat(40)}`, 'sleep 0.3', `echo ${end}`, ''].join('\n'));
    tmux.type(`sh ${script}`);
    await waitFor('the end marker logged', () => tmux.readLog().includes(end), 15_000);
    const screen = tmux.tmux('capture-pane', '-p', '-J', '-t', '%0').split('\n').map((line) => line.replace(/ +$/, ''));
    const shown = screen.find((line) => line.startsWith('AAAAAAAAAA'));
    assert.equal(shown, `${'A'.repeat(35)}XAAAA`, screen.join('\n'));
    const logged = tmux.readLog().split('\n').map((line) => parseLine(line)).filter((line) => line?.mark === '|').map((line) => line!.text.replace(/ +$/, ''));
    assert.ok(logged.includes(shown), tmux.readLog());
  });
});
