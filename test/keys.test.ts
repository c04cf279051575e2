// A real tmux client attached to the plugin's server, driven by keys as a user
// presses them. The client runs inside a pane of a second ("outer") tmux
// server, so the test can type into it (send-keys) and read its screen
// (capture-pane) exactly as a user would see it.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { after, before, test } from 'node:test';
import { makeTempDir, TmuxServer, waitFor } from './support.ts';

const STAMP = String.raw`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(?:Z|[+-]\d{2}:\d{2}) `;

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A tmux server of its own whose only pane runs a client attached to `inner`. */
class OuterTerminal {
  readonly socketName = `audit-outer-${process.pid}`;
  readonly dir = makeTempDir('tmux-audit-outer');
  readonly env: NodeJS.ProcessEnv;

  constructor(inner: TmuxServer, session = 'main') {
    this.env = { ...process.env, TMUX_TMPDIR: this.dir, HOME: this.dir };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    // -u: the client's terminal (this pane) does UTF-8, whatever the test's locale says.
    const attach = [
      'exec env -u TMUX -u TMUX_PANE',
      `TMUX_TMPDIR=${shellQuote(inner.dir)}`,
      `HOME=${shellQuote(inner.dir)}`,
      `tmux -u -L ${shellQuote(inner.socketName)} attach -t ${shellQuote(session)}`,
    ].join(' ');
    execFileSync('tmux', ['-L', this.socketName, '-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '30', attach], {
      env: this.env,
      stdio: 'ignore',
    });
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socketName, ...args], { env: this.env, encoding: 'utf8' });
  }

  /** Presses keys in the client, as send-keys names them (`C-b`, `A`, `Enter`). */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', '%0', ...keys);
  }

  /** Types text literally. */
  typeText(text: string): void {
    this.tmux('send-keys', '-t', '%0', '-l', text);
  }

  /** The client's screen, one string per row. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', '%0').replace(/\n$/, '').split('\n');
  }

  /** The last row of the client's screen: the inner status line (or a message shown over it). */
  statusRow(): string {
    const rows = this.screen();
    return rows[rows.length - 1] ?? '';
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether a process still runs (a zombie has finished: it only waits to be reaped). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/**
 * Kills a server and waits for the processes of its panes before its directory
 * goes: their shells write ~/.bash_history (HOME is that directory) as they
 * exit, which would race TmuxServer.kill's removal of the directory.
 */
async function shutDown(server: TmuxServer): Promise<void> {
  let pids: number[] = [];
  try {
    pids = server.tmux('list-panes', '-a', '-F', '#{pane_pid}').split(/\s+/).filter(Boolean).map(Number);
    server.tmux('kill-server');
  } catch {
    // not running
  }
  await waitFor('the panes of the inner server to exit', () => !pids.some(running), 5000).catch(() => undefined);
  server.kill();
}

let inner: TmuxServer;
let outer: OuterTerminal | undefined;

before(async () => {
  inner = new TmuxServer();
  outer = new OuterTerminal(inner);
  await waitFor('a client attached to the inner server', () => inner.tmux('list-clients', '-F', '#{client_name}').trim() !== '');
  // The inner status line is drawn (its right side shows the empty off-segment in brackets).
  await waitFor('the inner status line on the client screen', () => /\[\]\s*$/.test(outer!.statusRow()));
});

after(async () => {
  outer?.kill();
  if (inner) await shutDown(inner);
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
    () => /tmux-audit: logging %0 → \S+ \(rec \S+\)/.exec(terminal.screen().join('\n'))?.[0],
    5000,
  );
  assert.match(sawMessage, new RegExp(`→ ${escapeRegExp(inner.logFile())} \\(rec `), 'the message names the log file');
  const rec = /\(rec (\S+)\)/.exec(sawMessage)![1]!;
  // The status row itself shows the segment once the message has gone.
  await waitFor('● REC in the status row', () => /\[● REC\]\s*$/.test(terminal.statusRow()), 8000);
  console.log(`# ● REC on screen ${Date.now() - started} ms after the key`);
  assert.equal(inner.show('#{pane_pipe}'), '1', 'pane %0 is piped');

  const log = () => inner.readLog();
  const start = await waitFor('a start event in the log', () =>
    log().split('\n').find((line) => / \* start /.test(line)),
  );
  assert.match(start, new RegExp(`${STAMP}\\S+ main:0\\.0 \\* start rec=${escapeRegExp(rec)} by=${escapeRegExp(user)} pane=%0\\b`));
  assert.equal(fs.statSync(inner.logFile()).mode & 0o777, 0o600, 'log file mode');
  assert.equal(fs.statSync(inner.logDir).mode & 0o777, 0o700, 'log dir mode');

  // Typed in the client, printed by the shell, stamped in the log.
  terminal.typeText('echo keys-marker-123');
  terminal.press('Enter');
  const printed = await waitFor('the printed marker in the log', () =>
    log().split('\n').find((line) => / \| keys-marker-123$/.test(line)),
  );
  assert.match(printed, new RegExp(`${STAMP}\\S+ main:0\\.0 \\| keys-marker-123$`));

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
      if (terminal.screen().join('\n').includes(`tmux-audit: stopped logging %0 (rec ${rec})`)) sawStop = true;
      return sawStop && !/● REC/.test(terminal.statusRow()) ? true : undefined;
    },
    6000,
  );
  await waitFor('the status row back to the off segment', () => /\[\]\s*$/.test(terminal.statusRow()), 8000);
  const stop = await waitFor('a stop event in the log', () =>
    log().split('\n').find((line) => / \* stop /.test(line)),
  );
  assert.match(stop, new RegExp(`${STAMP}\\S+ main:0\\.0 \\* stop rec=${escapeRegExp(rec)} reason=toggle by=${escapeRegExp(user)}\\b`));
  await waitFor('the pipe closed', () => inner.show('#{pane_pipe}') === '0');
});
