// What the screen shows is what the log holds: the line model's table cases
// printed in real tmux panes (the table is tmux's behaviour), and edited
// command lines typed into bash in a logged pane, the log compared with
// capture-pane.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LINE_CASES } from '../support/line-cases.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

/** Rows of a capture that are not empty, trailing blanks cut (the log has none; capture-pane -J keeps some). */
function shownRows(capture: string): string[] {
  return capture
    .split('\n')
    .map((row) => row.trimEnd())
    .filter((row) => row.length > 0);
}

/**
 * Prints `input` raw (no ONLCR) in a new session of `columns` x `rows`, once its pane is logged, waits until tmux has
 * read it all and its last line (`end`) is in the log, and gives the pane with the rows capture-pane then shows
 * (`history`: with the history, `-S -`).
 */
async function printLogged(
  tmux: TmuxServer,
  session: string,
  columns: number,
  rows: number,
  input: string,
  history = false,
): Promise<{ pane: string; shown: string[] }> {
  const file = path.join(tmux.dir, `${session}.bin`);
  fs.writeFileSync(file, input);
  const command = `stty -opost; tmux wait-for go; cat '${file}'; tmux wait-for -S printed; exec sleep 100000`;
  tmux.tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
  const pane = tmux.tmux('display-message', '-p', '-t', session, '#{pane_id}').trim();
  await tmux.startLogging(pane);
  tmux.tmux('wait-for', '-S', 'go');
  tmux.tmux('wait-for', 'printed');
  await tmux.waitForPrinted('end', { session });
  return { pane, shown: shownRows(tmux.tmux('capture-pane', '-p', '-J', ...(history ? ['-S', '-'] : []), '-t', pane)) };
}

describe('the line cases are what tmux 3.3a shows', () => {
  const tmux = server({ plugin: false });

  LINE_CASES.forEach((lineCase, index) => {
    it(lineCase.name, () => {
      const file = path.join(tmux.dir, `case-${index}.bin`);
      fs.writeFileSync(file, lineCase.input);
      const session = `case${index}`;
      // Raw output (no ONLCR), five rows down so that moves up have room; then tmux is told it is all printed.
      const command = `stty -opost; printf '\\n\\n\\n\\n\\n'; cat '${file}'; tmux wait-for -S ${session}; exec sleep 100000`;
      tmux.tmux('new-session', '-d', '-s', session, '-x', String(lineCase.columns), '-y', '12', command);
      tmux.tmux('wait-for', session);
      const capture = tmux.tmux('capture-pane', '-p', '-J', '-t', session);
      tmux.tmux('kill-session', '-t', session);
      assert.deepEqual(shownRows(capture), lineCase.screen ?? lineCase.lines);
    });
  });
});

describe('zero-width text in column 0, in a logged pane: the log holds what capture-pane shows', () => {
  const tmux = server();

  // tmux has no cell to combine it with there and drops it (screen_write_combine, screen-write.c:1991): at the start of
  // a line, after CR, in column 0 of a row the one above wraps into (after a wide character ending it too), a ZWJ
  // with the character it joins. The log held each of them before the line's text.
  it('marks and a variation selector with no cell to their left are in neither', async () => {
    const input = ['\u0301ab', 'abc\r\u0301', '\ufe0fab', '\u200déx\r\u200d日', '0123456789XY\r\u0301', '01234567中X\b\u0301', 'end'].map((line) => `${line}\r\n`).join('');
    const { shown } = await printLogged(tmux, 'narrow', 10, 12, input);
    assert.deepEqual(shown, ['ab', 'abc', 'ab', 'x', '0123456789XY', '01234567中X', 'end']);
    // But for the characters a ZWJ joins there, which the log keeps before the row's cells: tmux shows them when the
    // ZWJ ended its read, which the reader cannot always tell (see the next test).
    assert.deepEqual(tmux.loggedText('narrow'), ['ab', 'abc', 'ab', 'é日x', '0123456789XY', '01234567中X', 'end']);
  });
});

describe('ASCII tmux does not collect, after a ZWJ, in a logged pane: the log holds what capture-pane shows', () => {
  const tmux = server();

  // With wrap off or in insert mode tmux sends ASCII through screen_write_cell (screen-write.c:1773-1784), which joins
  // it onto the cell left of the cursor after a ZWJ (:1847) and does not move the cursor. The log counted each as a
  // cell: the text after them was logged 15 columns right of where the screen had it, a CR and a move then wrote
  // dots over it in the log only, and SECRET-PASSWORD, on the screen, was never in the log.
  it('a secret after joined ASCII is logged where the screen shows it', async () => {
    const joined = '\u200dz'.repeat(15);
    const input = [
      `QQ\x1b[?7l${joined}\x1b[?7hSECRET-PASSWORD\r\x1b[17C...............`,
      `ab\x1b[4h${joined}INSERTED-SECRET\x1b[4l\r\x1b[2C...............`,
      'end',
    ].map((line) => `${line}\r\n`).join('');
    const { shown } = await printLogged(tmux, 'joined', 80, 12, input);
    const five = '\u200dz'.repeat(5);
    assert.deepEqual(shown, [`QQ${five}SECRET-PASSWORD...............`, `ab${five}...............`, 'end']);
    assert.deepEqual(tmux.loggedText('joined'), shown);
  });
});

describe('padding DCH left of wide characters, in a logged pane: the log holds what capture-pane shows', () => {
  const tmux = server();

  // DCH on a wide character's left half leaves its right half, padding, in a cell of its own (grid_move_cells,
  // grid.c:709), which capture-pane skips (grid.c:1009). The move home hands the row to the screen model: seeded
  // without those cells, SECRET-PASSWORD was put fifteen columns left, the dots written over it there, and the log
  // held only the dots while the screen showed the secret after them.
  it('a secret behind fifteen padding cells is logged as the screen shows it', async () => {
    const input = `${'日'.repeat(15)}SECRET-PASSWORD\r${'\x1b[P\x1b[C'.repeat(15)}\x1b[H...............\r\nend\r\n`;
    const { shown } = await printLogged(tmux, 'padding', 80, 12, input);
    assert.deepEqual(shown, ['...............SECRET-PASSWORD', 'end']);
    assert.deepEqual(tmux.loggedText('padding'), shown);
  });
});

describe('a line longer than the screen, then DECSC, in a logged pane: the log holds what capture-pane shows', () => {
  const tmux = server();

  // Its first rows went into tmux's history as it was printed. ESC 7 hands the stream to the screen model, which
  // put them into its history unlogged: the log held the line from its third row on, without SECRET.
  it('its head, in history, is logged', async () => {
    const input = `SECRET${'x'.repeat(2000)}\x1b7\r\nend\r\n`;
    const { shown } = await printLogged(tmux, 'long', 80, 24, input, true);
    assert.deepEqual(shown, [`SECRET${'x'.repeat(2000)}`, 'end']);
    // A line (`|`) and its continuation pieces (`+`), joined.
    const logged: string[] = [];
    for (const row of tmux.readLog('long').split('\n')) {
      const mark = / ([|+]) /.exec(row);
      if (mark === null) continue;
      const text = row.slice(mark.index + 3);
      if (mark[1] === '+' && logged.length > 0) logged[logged.length - 1] += text;
      else logged.push(text);
    }
    assert.deepEqual(logged, shown);
  });
});

describe('a ZWJ in column 0 that ended one of tmux\'s reads, the reader taking two of them in one, in a logged pane', () => {
  const tmux = server();

  // tmux forgets a waiting ZWJ where its read of the pane ends (input.c:975): the character after it in the next read
  // takes a cell of its own, even in column 0, where a ZWJ would have had nothing to join (screen-write.c:1991). The
  // reader forgets it where its own read ends; when one of its reads holds two of tmux's (a flood, a busy machine:
  // the reviewer's flood had tmux show 日 in 11 rows of 12, the log in 2), the ZWJ still waits there and the log,
  // dropping the character, lost what the screen showed. Here the reader is stopped while tmux reads the two writes
  // apart (the program sleeps between them), so that it reads both at once when it resumes.
  it('the character is in the log, as on the screen', async () => {
    const script = path.join(tmux.dir, 'zwj-reads.py');
    fs.writeFileSync(script, [
      'import os, time',
      'os.write(1, "abc\\r\\u200d".encode())',
      'time.sleep(0.3)',
      'os.write(1, "\\u65e5MARK\\r\\n".encode())',
    ].join('\n'));
    const command = `stty -opost; tmux wait-for go; python3 '${script}'; tmux wait-for -S printed; exec sleep 100000`;
    tmux.tmux('new-session', '-d', '-s', 'reads', '-x', '40', '-y', '12', command);
    const pane = tmux.tmux('display-message', '-p', '-t', 'reads', '#{pane_id}').trim();
    const { pid } = await tmux.startLogging(pane);
    process.kill(pid, 'SIGSTOP');
    try {
      tmux.tmux('wait-for', '-S', 'go');
      tmux.tmux('wait-for', 'printed');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const shown = shownRows(tmux.tmux('capture-pane', '-p', '-J', '-t', pane));
    assert.deepEqual(shown, ['日MARK']);
    await tmux.waitForPrinted('日MARK', { session: 'reads' });
    assert.deepEqual(tmux.loggedText('reads'), shown);
  });
});

/** Presses keys in `pane` (`-l text` for literal text), as send-keys does for a client. */
function press(tmux: TmuxServer, pane: string, ...keys: string[]): void {
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] === '-l') tmux.tmux('send-keys', '-t', pane, '-l', keys[++i]!);
    else tmux.tmux('send-keys', '-t', pane, keys[i]!);
  }
}

describe('edited command lines are logged as the screen shows them (bash, readline, a logged pane)', () => {
  const tmux = server({ config: [`set -g default-command "PS1='$ ' HISTFILE=/dev/null exec bash --norc --noprofile"`] });

  /** Edits a command line with `keys`, presses Enter, and checks the log's line for it against the screen's row. */
  async function edited(pane: string, session: string, marker: string, keys: string[], shown: string): Promise<void> {
    press(tmux, pane, ...keys, 'Enter');
    await waitFor(`the output of ${marker}`, () => tmux.loggedText(session).some((line) => line.trimEnd() === shown.replace(/^\$ echo /, '')));
    const rows = tmux.tmux('capture-pane', '-p', '-J', '-t', pane).split('\n').map((row) => row.trimEnd());
    assert.ok(rows.includes(shown), `the screen shows ${JSON.stringify(shown)}: ${JSON.stringify(rows)}`);
    const logged = tmux.loggedText(session).map((line) => line.trimEnd()).filter((line) => line.includes(marker));
    assert.deepEqual(logged, [shown, shown.replace(/^\$ echo /, '')]);
  }

  it('Delete in the middle of a line (DCH), and Backspace over wide characters', async () => {
    await waitFor('the prompt', () => tmux.show('#{cursor_x}') === '2');
    await tmux.startLogging('%0');
    await edited('%0', 'main', 'abc', ['-l', 'echo abcdefgh', 'Left', 'Left', 'Left', 'Left', 'Left', 'DC', 'DC'], '$ echo abcfgh');
    await edited('%0', 'main', '日本', ['-l', 'echo 日本語', 'BSpace'], '$ echo 日本');
    await edited('%0', 'main', 'typed', ['-l', 'echo partly', 'C-l', '-l', ' typed'], '$ echo partly typed');
  });

  it('a command longer than a 30-column pane, edited across the wrap', async () => {
    tmux.tmux('new-session', '-d', '-s', 'narrow', '-x', '30', '-y', '12');
    const pane = tmux.tmux('display-message', '-p', '-t', 'narrow', '#{pane_id}').trim();
    await waitFor('the prompt', () => tmux.show('#{cursor_x}', pane) === '2');
    await tmux.startLogging(pane);
    const command = 'echo 0123456789-abcdefghij-0123456789-ABCDEFGHIJ-0123456789-end';
    const left = new Array<string>(40).fill('Left');
    await edited(pane, 'narrow', 'abcdefg', ['-l', command, ...left, '-l', 'X', 'DC', 'DC'], '$ echo 0123456789-abcdefgXj-0123456789-ABCDEFGHIJ-0123456789-end');
  });
});
