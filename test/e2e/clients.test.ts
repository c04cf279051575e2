// Who was there: a real client attaching, switching session and detaching
// becomes events in the logs of the sessions it came to and left (when they
// have a logged pane), with its user, tty, terminal, size and read-only flag.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseLine } from '../../src/format/text.ts';
import { sendNote } from '../../src/runtime/notes.ts';
import { clientOption } from '../../src/tmux/client-facts.ts';
import { Holds } from '../support/holds.ts';
import { alive } from '../support/process.ts';
import { OuterTerminal, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

/** The helper run as from a key in `pane`: its exit status and what it said. */
function helperInPane(tmux: TmuxServer, args: string[], pane: string): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [tmux.helperBundle, ...args], { env: tmux.paneEnv(pane) }, (error, stdout, stderr) => {
      resolve({ status: error ? 1 : 0, output: `${stdout}${stderr}` });
    });
  });
}

function events(log: string, name: string, recording?: string): Record<string, string>[] {
  return log
    .split('\n')
    .map((line) => parseLine(line))
    .filter((line) => line?.kind === 'event' && line.text === name)
    .flatMap((line) => {
      const { rec, ...fields } = line!.fields ?? {};
      assert.ok(rec, 'each event names its recording');
      return recording === undefined || rec === recording ? [fields] : [];
    });
}

describe('attach, switch, detach', () => {
  it('are events in the logged sessions, naming the client, its user, term, size and read-only flag', async () => {
    const tmux = server();
    tmux.tmux('new-session', '-d', '-s', 'two');
    await tmux.startLogging('%0');
    const other = tmux.show('#{pane_id}', 'two:');
    tmux.toggle(other);
    await waitFor('both logged', () => tmux.show('#{@audit_on}', other) !== '' && tmux.readerPids().length === 2);
    const terminal = new OuterTerminal(tmux.clientOf('main'));
    try {
      const client = await waitFor('the client', () => tmux.tmux('list-clients', '-F', '#{client_name}').trim());
      const attach = await waitFor('the attach event', () => events(tmux.readLog('main'), 'attach')[0]);
      assert.deepEqual(attach, {
        client,
        user: os.userInfo().username,
        term: tmux.tmux('list-clients', '-F', '#{client_termname}').trim(),
        size: '120x30',
        readonly: 'no',
      });

      tmux.tmux('switch-client', '-c', client, '-t', 'two');
      const into = await waitFor('the switch into two', () => events(tmux.readLog('two'), 'switch')[0]);
      assert.equal(into.client, client);
      assert.equal(into.from_session, 'main');
      const out = await waitFor('the switch out of main', () => events(tmux.readLog('main'), 'switch')[0]);
      assert.deepEqual(out, { client, user: os.userInfo().username, to: 'two' });

      terminal.press('C-b', 'd');
      const detach = await waitFor('the detach event', () => events(tmux.readLog('two'), 'detach')[0]);
      assert.deepEqual(detach, { client, user: os.userInfo().username });
      assert.equal(events(tmux.readLog('main'), 'detach').length, 0, 'the detach is in the session it left only');
    } finally {
      terminal.kill();
    }
  });

  it('a client that came in over SSH: from= is the address in its SSH_CONNECTION', async () => {
    const tmux = server();
    await tmux.startLogging('%0');
    const terminal = new OuterTerminal({ ...tmux.clientOf('main'), sshConnection: '203.0.113.9 50022 10.0.0.1 22' });
    try {
      const attach = await waitFor('the attach event', () => events(tmux.readLog('main'), 'attach')[0]);
      assert.equal(attach.from, '203.0.113.9');
    } finally {
      terminal.kill();
    }
  });

  it('a read-only client is named so; a session without a logged pane gets no log', async () => {
    const tmux = server();
    tmux.tmux('new-session', '-d', '-s', 'quiet');
    await tmux.startLogging('%0');
    const terminal = new OuterTerminal(tmux.clientOf('main'));
    try {
      const client = await waitFor('the client', () => tmux.tmux('list-clients', '-F', '#{client_name}').trim());
      await waitFor('the attach event', () => events(tmux.readLog('main'), 'attach')[0]);
      tmux.tmux('switch-client', '-c', client, '-r');
      tmux.tmux('switch-client', '-c', client, '-t', 'quiet');
      // Each hook's helper runs on its own: the next switch waits until this one is recorded.
      await waitFor('the switch out of main', () => events(tmux.readLog('main'), 'switch')[0]);
      tmux.tmux('switch-client', '-c', client, '-t', 'main');
      const back = await waitFor('the switch back into main', () => events(tmux.readLog('main'), 'switch').find((fields) => fields.from_session === 'quiet'));
      assert.equal(back.readonly, 'yes');
      assert.equal(tmux.readLog('quiet'), '', 'no log for a session with no logged pane');
    } finally {
      terminal.kill();
    }
  });
});

describe('a note names its trigger; the reader asks tmux for the facts', () => {
  it('a note file with the facts filled in by another process of the owner puts none of them in the log', async () => {
    const tmux = server();
    const { pid, recording } = await tmux.startLogging('%0');
    const runFile = tmux.show('#{@audit_run}', '%0');
    // The review's forgery: an attach of a client that is not there, by someone who is not there, from an address nobody came from.
    // (The reader's pid is known before it has opened its inbox: until then a note is refused, and nothing is left behind.)
    await waitFor('the reader taking notes', () => sendNote(runFile, recording, pid, { name: 'attach', fields: { client: '/dev/pts/99', user: 'bob', from: '198.51.100.7', by: 'bob' } }));
    assert.equal(sendNote(runFile, recording, pid, { name: 'rename', fields: { to: 'forged-name' } }), true);
    // A trigger alone: its facts are tmux's (the session's real name), and a client that is not attached is no attach.
    assert.equal(sendNote(runFile, recording, pid, { name: 'attach', fields: { client: '/dev/pts/99' } }), true);
    assert.equal(sendNote(runFile, recording, pid, { name: 'rename', fields: {} }), true);
    await waitFor('the true rename', () => events(tmux.readLog(), 'rename')[0]);
    const log = tmux.readLog();
    assert.deepEqual(events(log, 'rename'), [{ to: 'main' }]);
    assert.deepEqual(events(log, 'attach'), []);
    for (const forged of ['bob', '198.51.100.7', 'forged-name', '/dev/pts/99']) assert.ok(!log.includes(forged), `${forged} is not in the log`);
  });
});

describe('clients arriving and leaving at once', () => {
  it('six clients attached together and detached together: six attach and six detach events, each with its user', async () => {
    const tmux = server();
    await tmux.startLogging('%0');
    const terminals = Array.from({ length: 6 }, () => new OuterTerminal(tmux.clientOf('main')));
    try {
      const clients = await waitFor('six clients', () => {
        const names = tmux.tmux('list-clients', '-F', '#{client_name}').trim().split('\n').filter(Boolean);
        return names.length === 6 ? names.sort() : undefined;
      });
      await waitFor('six attach events', () => events(tmux.readLog(), 'attach').length === 6);
      // One command, six client-detached hooks whose helpers run side by side (run-shell -b).
      tmux.tmux('detach-client', '-s', 'main');
      const detaches = await waitFor('six detach events', () => {
        const found = events(tmux.readLog(), 'detach');
        return found.length === 6 ? found : undefined;
      });
      assert.deepEqual(detaches.map((fields) => fields.client).sort(), clients);
      assert.ok(detaches.every((fields) => fields.user === os.userInfo().username), JSON.stringify(detaches));
    } finally {
      for (const terminal of terminals) terminal.kill();
    }
  });
});

describe('a recording started after a client left, before its detach hook\'s helper ran', () => {
  // The helper runs a moment after the client left (run-shell, then node); held here at its first tmux call while a
  // new split is logged. The hook names the recordings there were as it ran: only they are told of the detach.
  it('is not told of the detach; the recording there was is', async () => {
    const holds = new Holds();
    after(() => holds.remove());
    const tmux = server({ env: holds.env() });
    const { recording: earlier } = await tmux.startLogging('%0');
    const terminal = new OuterTerminal(tmux.clientOf('main'));
    let client: string;
    try {
      client = await waitFor('the client', () => tmux.tmux('list-clients', '-F', '#{client_name}').trim());
      await waitFor('the attach event', () => events(tmux.readLog(), 'attach')[0]);
      holds.holdCall(`^show-options -gqv ${clientOption(client)}`);
    } finally {
      terminal.kill();
    }
    const { pid: helper } = await holds.heldCall('the detach hook\'s helper');
    const [, pane] = tmux.panes(2);
    const { recording: later } = await tmux.startLogging(pane);
    await waitFor('the new recording\'s start', () => tmux.readLog().includes(`* start rec=${later} `));
    holds.releaseCall();
    assert.deepEqual(await waitFor('the detach event', () => events(tmux.readLog(), 'detach', earlier)[0]), { client, user: os.userInfo().username });
    // Whatever the helper sent is taken by now (no note file left), and written before a line that follows it.
    await waitFor('the helper to finish', () => !alive(helper));
    const runDir = path.join(tmux.logDir, '.run');
    await waitFor('every note taken', () => !fs.readdirSync(runDir).some((name) => name.includes('.note.')));
    await tmux.run('echo after-the-detach', pane);
    assert.deepEqual(events(tmux.readLog(), 'detach', later), [], tmux.readLog());
  });

  // A start lists the clients when it plans, and marks its pane (where the hook's list looks) a moment later: one
  // planned before the client left and marked after the hook ran says in its start the client was there, so it must
  // hear that it left (review of piped15: the hook's list alone left it out).
  it('one whose start names the client (planned before it left, marked after the hook ran) is told', async () => {
    const start = new Holds();
    const detach = new Holds(start);
    after(() => {
      detach.remove();
      start.remove();
    });
    const tmux = server({ env: detach.env() });
    const [, pane] = tmux.panes(2);
    const { recording: earlier } = await tmux.startLogging('%0');
    const terminal = new OuterTerminal(tmux.clientOf('main'));
    let client: string;
    let starting: Promise<{ status: number; output: string }>;
    try {
      client = await waitFor('the client', () => tmux.tmux('list-clients', '-F', '#{client_name}').trim());
      await waitFor('the attach event', () => events(tmux.readLog(), 'attach', earlier)[0]);
      start.holdCall(`^pipe-pane -t ${pane} .* ; set-option`);
      starting = helperInPane(tmux, ['start', '--pane', pane], pane);
      await start.heldCall('the start at its pipe-pane and marks');
      detach.holdCall(`^show-options -gqv ${clientOption(client)}`);
    } finally {
      terminal.kill();
    }
    const { pid: helper } = await detach.heldCall('the detach hook\'s helper');
    start.releaseCall();
    assert.equal((await starting).status, 0);
    const later = tmux.show('#{@audit_on}', pane);
    await waitFor('the new recording\'s start', () => tmux.readLog().includes(`* start rec=${later} `));
    detach.releaseCall();
    await waitFor('the helper to finish', () => !alive(helper));
    const started = tmux.readLog().split('\n').find((line) => line.includes(`* start rec=${later} `))!;
    assert.ok(started.includes(`clients=${client}(`), started);
    assert.deepEqual(await waitFor('its detach event', () => events(tmux.readLog(), 'detach', later)[0]), { client, user: os.userInfo().username });
    // The earlier recording's reader takes its note on its own beat: under load after the later one's (CI dry run, load 13).
    await waitFor('the earlier recording\'s detach event', () => events(tmux.readLog(), 'detach', earlier).length > 0);
    assert.equal(events(tmux.readLog(), 'detach', earlier).length, 1);
  });
});
