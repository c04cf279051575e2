// A real tmux client attached to the plugin's server, driven by keys as a user
// presses them. The client runs inside a pane of a second ("outer") tmux
// server, so the test can type into it (send-keys) and read its screen
// (capture-pane) exactly as a user would see it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, test } from 'node:test';
import { stampedLine, waitForLine } from '../support/log.ts';
import { attachClient, type OuterTerminal, TmuxServer } from '../support/tmux.ts';
import { escapeRegExp, waitFor } from '../support/util.ts';

let inner: TmuxServer;
let outer: OuterTerminal | undefined;

before(async () => {
  // The toggle's messages are information, shown for display-time (750 ms by default) while the test reads the
  // client's screen a capture-pane at a time: a test process stalled that long missed them. Longer here.
  inner = new TmuxServer({ config: ['set -g display-time 3000'] });
  outer = await attachClient(inner);
  // The inner status line is drawn (its right side shows the empty off-segment in brackets).
  await waitFor('the inner status line on the client screen', () => /\[\]\s*$/.test(outer!.statusRow()));
});

after(async () => {
  outer?.kill();
  if (inner) await inner.kill();
});

test('prefix + A pressed in a client toggles logging, with status, message and log', async () => {
  const terminal = outer!;
  const user = os.userInfo().username;
  assert.equal(inner.tmux('list-clients', '-F', '#{client_user}').trim(), user, 'client_user of the attached client');
  assert.doesNotMatch(terminal.statusRow(), /● REC/, 'status before the first toggle');

  // On: the status segment turns on at once (the pane option redraws the status)...
  terminal.press('C-b', 'A');
  const started = Date.now();
  await waitFor('● REC in the inner status-right', () => inner.show('#{T:status-right}').includes('● REC'), 2000);
  // ...and the message line, shown over the status row for a while, says where the log goes.
  const sawMessage = await waitFor(
    'the start message on the client screen',
    () => /tmux-audit: logging %0 → \S+ \(rec \S+\)/.exec(terminal.screenText())?.[0],
    5000,
  );
  assert.match(sawMessage, new RegExp(`→ ${escapeRegExp(inner.logFile())} \\(rec `), 'the message names the log file');
  const rec = /\(rec (\S+)\)/.exec(sawMessage)![1]!;
  // The status row itself shows the segment once the message has gone.
  await waitFor('● REC in the status row', () => /\[● REC\]\s*$/.test(terminal.statusRow()), 8000);
  console.log(`# ● REC on screen ${Date.now() - started} ms after the key`);
  assert.equal(inner.show('#{pane_pipe}'), '1', 'pane %0 is piped');

  const log = () => inner.readLog();
  const start = await waitForLine('a start event in the log', log, / \* start /);
  assert.match(start, stampedLine('main:0.0', '*', `start rec=${escapeRegExp(rec)} by=${escapeRegExp(user)} pane=%0\\b.*`));
  assert.equal(fs.statSync(inner.logFile()).mode & 0o777, 0o600, 'log file mode');
  assert.equal(fs.statSync(inner.logDir).mode & 0o777, 0o700, 'log dir mode');

  // Typed in the client, printed by the shell, stamped in the log.
  terminal.typeText('echo keys-marker-123');
  terminal.press('Enter');
  const printed = await waitForLine('the printed marker in the log', log, / \| keys-marker-123$/);
  assert.match(printed, stampedLine('main:0.0', '|', 'keys-marker-123'));

  // The status follows the client's current pane: a new, unlogged pane shows no REC.
  const split = inner.tmux('split-window', '-t', '%0', '-P', '-F', '#{pane_id}').trim();
  assert.notEqual(split, '%0');
  assert.equal(inner.show('#{pane_id}', 'main'), split, 'the new pane is the current one');
  await waitFor('no ● REC while the unlogged pane is current', () => /\[\]\s*$/.test(terminal.statusRow()));
  assert.doesNotMatch(terminal.statusRow(), /● REC/);
  inner.tmux('select-pane', '-t', '%0');
  await waitFor('● REC again once %0 is current', () => /● REC\]\s*$/.test(terminal.statusRow()));

  // Off, by the same key.
  terminal.press('C-b', 'A');
  let sawStop = false;
  await waitFor(
    'the stop message and the status without ● REC',
    () => {
      if (terminal.screenText().includes(`tmux-audit: stopped logging %0 (rec ${rec})`)) sawStop = true;
      return sawStop && !/● REC/.test(terminal.statusRow()) ? true : undefined;
    },
    6000,
  );
  await waitFor('the status row back to the off segment', () => /\[\]\s*$/.test(terminal.statusRow()), 8000);
  const stop = await waitForLine('a stop event in the log', log, / \* stop /);
  assert.match(stop, stampedLine('main:0.0', '*', `stop rec=${escapeRegExp(rec)} reason=toggle by=${escapeRegExp(user)}\\b.*`));
  await waitFor('the pipe closed', () => inner.show('#{pane_pipe}') === '0');
});
