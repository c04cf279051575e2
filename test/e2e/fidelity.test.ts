// What the screen shows is what the log holds: the line model's table cases
// printed in real tmux panes (the table is tmux's behaviour), and edited
// command lines typed into bash in a logged pane, the log compared with
// capture-pane.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LINE_CASES } from '../support/line-cases.ts';
import { serversForThisFile } from '../support/tmux.ts';

const server = serversForThisFile();

/** Rows of a capture that are not empty, trailing blanks cut (the log has none; capture-pane -J keeps some). */
function shownRows(capture: string): string[] {
  return capture
    .split('\n')
    .map((row) => row.trimEnd())
    .filter((row) => row.length > 0);
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
