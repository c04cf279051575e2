// prefix + M-a (@audit-save-key) pressed in a real client: the pane's
// complete history, cleaned, in a new 0600 file beside the logs, and the
// message line says where. Works whether or not the pane is logged.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { attachClient, serversForThisFile } from '../support/tmux.ts';
import { uniqueMarker, waitFor } from '../support/util.ts';

const server = serversForThisFile();

describe('save history key', () => {
  it('saves scrollback and screen, cleaned, 0600, named in the message line', async () => {
    const tmux = server();
    const first = uniqueMarker('early');
    // Far more lines than the screen holds: the first is in the scrollback only.
    tmux.type(`echo ${first}; seq 1 200; printf 'bidi \\342\\200\\256evil\\n'`);
    await waitFor('the output', () => tmux.screen().includes('bidi '));
    const terminal = await attachClient(tmux);
    try {
      terminal.press('C-b', 'M-a');
      const said = await waitFor('the message', () => /tmux-audit: saved (\d+) lines of %0 → (\S+)/.exec(terminal.screenText()) ?? undefined);
      const saved = fs.readdirSync(tmux.logDir).filter((name) => name.endsWith('.history.txt'));
      assert.equal(saved.length, 1);
      const file = `${tmux.logDir}/${saved[0]}`;
      // The message line is as wide as the client: it shows the path's start.
      assert.ok(file.startsWith(said[2]!), 'the message names the file');
      assert.match(file, /\.pane0\.\d{8}T\d{6}Z\.history\.txt$/);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const text = fs.readFileSync(file, 'utf8');
      const rows = text.split('\n');
      assert.match(rows[0]!, /^# tmux-audit: history of main:0\.0 \(%0\) captured \S+ by \S+, \d+ lines$/);
      assert.equal(rows[0]!.endsWith(`, ${said[1]} lines`), true);
      assert.ok(rows.includes(first), 'the scrollback is there');
      assert.ok(rows.includes('200'));
      assert.ok(rows.includes('bidi \\u202eevil'), 'a bidi control is made visible, not obeyed');
      assert.ok(!text.includes('\u202e'));
    } finally {
      terminal.kill();
    }
  });
});
