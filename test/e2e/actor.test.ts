// Shared sessions: real second and third Unix users let in with server-access
// (one read-write, one read-only), each attached through a real client in an
// outer terminal, typing. Every line names who typed in the pane's window; the
// owner's lines stay the owner's; a watcher is listed and never acts.

import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { cli } from '../support/cli.ts';
import { parseLine, stampedLine, waitForLine } from '../support/log.ts';
import { attachClient, OuterTerminal, serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { QUIET_MS } from '../../src/capture/actor-gate.ts';
import { KEY_PRESS_FRESH_S } from '../../src/tmux/asking-client.ts';
import { createUser, openSocketTo, type TestUser } from '../support/users.ts';
import { escapeRegExp, waitFor } from '../support/util.ts';

const server = serversForThisFile();
const OWNER = os.userInfo().username;
/** Generous: these tests run real clients of three users on a machine shared with other test files. */
const LONG_MS = 20_000;

/** A guest's client, attached through the shared socket once the guest is allowed in. */
async function attachGuest(tmux: TmuxServer, guest: TestUser, socketPath: string): Promise<OuterTerminal> {
  const terminal = new OuterTerminal({ ...tmux.clientOf(), user: { name: guest.name, socketPath } });
  try {
    const created = await waitFor(`${guest.name}'s client`, () => {
      const row = tmux.tmux('list-clients', '-F', '#{client_user} #{client_created}').split('\n').find((each) => each.startsWith(`${guest.name} `));
      return row ? Number(row.split(' ')[1]) : undefined;
    }, LONG_MS);
    // tmux keeps a client's last key press in whole seconds: a key in the second it attached is not told from
    // the attach itself (README, Shared sessions). A person takes longer than that.
    await waitFor('the next second', () => Date.now() / 1000 >= created + 1);
  } catch (error) {
    terminal.kill();
    throw error;
  }
  return terminal;
}

/**
 * Types a command line in a client and waits until its output (the marker, computed so the echo differs) is
 * in the log. People take turns: the next one starts after a pause (the reader asks tmux who types at the
 * first output after QUIET_MS of none; keys of two people within that are the limit README states).
 */
async function typeIn(tmux: TmuxServer, terminal: OuterTerminal, word: string): Promise<void> {
  terminal.typeText(`echo ${word}-$((6*7))`);
  terminal.press('Enter');
  await waitFor(`${word}'s output in the log`, () => tmux.loggedText().includes(`${word}-42`), LONG_MS);
  const done = Date.now();
  // tmux keeps key presses in whole seconds: the next person's first key comes in a later one (a key in the same
  // second is written uncertain=yes, README, Shared sessions).
  await waitFor('a pause before the next turn', () => Date.now() - done >= 2 * QUIET_MS && Math.floor(Date.now() / 1000) > Math.floor(done / 1000));
}

/** The user on the log's line that is exactly `text` (a line the pane printed), as a list: one line, one user. */
function usersOf(tmux: TmuxServer, text: string): string[] {
  const log = tmux.readLog();
  const found = log
    .split('\n')
    .map(parseLine)
    .filter((line) => line?.mark === '|' && line.text === text);
  assert.equal(found.length, 1, `one line '${text}' in the log:\n${log}`);
  return found.map((line) => line!.user);
}

/**
 * Ends the recording before the clients go: their detach events are written by another process than the
 * reader's clients event, and the two can land out of
 * stamp order when they coincide.
 */
async function stopRecording(tmux: TmuxServer): Promise<void> {
  tmux.tmux('pipe-pane', '-t', '%0');
  await waitFor('the stop event', () => tmux.readLog().includes(' * stop '), LONG_MS);
}

/** The tty of `user`'s client (the guest's or watcher's: one each). */
function ttyOf(tmux: TmuxServer, user: string): string {
  const row = tmux.tmux('list-clients', '-F', '#{client_user} #{client_name}').split('\n').find((each) => each.startsWith(`${user} `));
  assert.ok(row, `a client of ${user}`);
  return row.split(' ')[1]!;
}

describe('shared sessions: the acting user', () => {
  it("a guest's commands and their output are the guest's, the owner's the owner's; each switch is an event", async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    const { recording } = await tmux.startLogging();
    const owner = await attachClient(tmux);
    const ownerTty = tmux.tmux('list-clients', '-F', '#{client_name}').trim();
    let visitor: OuterTerminal | undefined;
    try {
      await typeIn(tmux, owner, 'owner-first');
      visitor = await attachGuest(tmux, guest, socketPath);
      const guestTty = ttyOf(tmux, guest.name);
      await typeIn(tmux, visitor, 'guest');
      await typeIn(tmux, owner, 'owner-again');

      assert.deepEqual(usersOf(tmux, 'owner-first-42'), [OWNER]);
      assert.deepEqual(usersOf(tmux, 'guest-42'), [guest.name], `the guest's output in:\n${tmux.readLog()}`);
      assert.deepEqual(usersOf(tmux, 'owner-again-42'), [OWNER]);
      const log = tmux.readLog();
      // The command line the guest typed (after the prompt) is the guest's too.
      const typed = log.split('\n').map(parseLine).find((line) => line?.mark === '|' && line.text.endsWith('echo guest-$((6*7))'));
      assert.equal(typed?.user, guest.name, `the guest command line in:\n${log}`);

      const events = log
        .split('\n')
        .map(parseLine)
        .filter((line) => line?.mark === '*' && /^(start|actor|clients) /.test(line.text))
        .map((line) => `${line!.user} ${line!.text}`);
      // The start names the owner, whose terminal it is.
      assert.match(events[0]!, new RegExp(`^${escapeRegExp(`${OWNER} start rec=${recording} by=${OWNER} pane=%0 `)}`));
      assert.deepEqual(events.slice(1), [
        `${OWNER} clients rec=${recording} count=2 writers="${OWNER}@${ownerTty} ${guest.name}@${guestTty}"`,
        `${guest.name} actor rec=${recording} user=${guest.name} uid=${guest.uid} client=${guestTty}`,
        `${OWNER} actor rec=${recording} user=${OWNER} uid=${process.getuid!()} client=${ownerTty}`,
      ]);

      // The reading side: grep --user finds the guest's lines, and only those (the owner started the recording).
      const found = cli(['grep', '--user', guest.name, '--dir', tmux.logDir])
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => parseLine(line.slice(line.indexOf(': ') + 2)));
      assert.ok(found.length >= 3, 'the actor event, the command line and its output');
      assert.ok(found.every((line) => line?.user === guest.name));
      assert.ok(found.some((line) => line?.text === 'guest-42'));
      await stopRecording(tmux);
    } finally {
      visitor?.kill();
      owner.kill();
    }
  });

  it("output keeps the guest who started the command when the owner's terminal is resized or the guest detaches", async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    const { recording } = await tmux.startLogging();
    const owner = await attachClient(tmux);
    const ownerTty = tmux.tmux('list-clients', '-F', '#{client_name}').trim();
    let visitor: OuterTerminal | undefined;
    try {
      await typeIn(tmux, owner, 'owner-first');
      visitor = await attachGuest(tmux, guest, socketPath);
      // A resize makes the owner's client the window's latest (MSG_RESIZE, server-client.c:2715): no key pressed.
      visitor.typeText('sleep 2; echo resized-$((6*7))');
      visitor.press('Enter');
      await waitFor("the guest's command line in the log", () => tmux.readLog().includes('echo resized-'), LONG_MS);
      owner.tmux('resize-window', '-t', '%0', '-x', '100');
      await waitFor('tmux to name the owner as the typist', () => tmux.show('#{@audit_typist}') === ownerTty, LONG_MS);
      await waitFor('the output', () => tmux.loggedText().includes('resized-42'), LONG_MS);
      // The guest detaches while its command runs: tmux hands the window to the owner's client (server-client.c:353).
      visitor.typeText('sleep 2; echo handed-$((6*7))');
      visitor.press('Enter');
      await waitFor("the guest's second command line in the log", () => tmux.readLog().includes('echo handed-'), LONG_MS);
      visitor.kill();
      visitor = undefined;
      await waitFor('tmux to hand the window to the owner', () => tmux.show('#{@audit_typist}') === ownerTty, LONG_MS);
      await waitFor('the output', () => tmux.loggedText().includes('handed-42'), LONG_MS);
      assert.deepEqual(usersOf(tmux, 'resized-42'), [guest.name]);
      assert.deepEqual(usersOf(tmux, 'handed-42'), [guest.name]);
      const actors = tmux.readLog().split('\n').filter((line) => line.includes(' * actor '));
      assert.equal(actors.length, 1, `only the guest acted:\n${actors.join('\n')}`);
      assert.ok(actors[0]!.includes(`actor rec=${recording} user=${guest.name} `));
      await stopRecording(tmux);
    } finally {
      visitor?.kill();
      owner.kill();
    }
  });

  it('a read-only guest is listed as a watcher, never acts, and cannot toggle logging off', async () => {
    const tmux = server();
    const watcher = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', watcher.name);
    tmux.tmux('server-access', '-r', watcher.name);
    const { recording } = await tmux.startLogging();
    const owner = await attachClient(tmux);
    let visitor: OuterTerminal | undefined;
    try {
      visitor = await attachGuest(tmux, watcher, socketPath);
      const watcherTty = ttyOf(tmux, watcher.name);
      await typeIn(tmux, owner, 'owner');
      // The watcher types and presses the toggle key: tmux refuses both, yet makes it the window's latest client
      // (server-client.c:1999), so the hook names it.
      visitor.typeText('echo watcher-$((6*7))');
      visitor.press('Enter');
      visitor.press('C-b', 'A');
      await waitFor('tmux to name the watcher as the typist', () => tmux.show('#{@audit_typist}') === watcherTty, LONG_MS);
      await typeIn(tmux, owner, 'owner-after');
      assert.equal(tmux.show('#{@audit_on}'), recording, 'the recording goes on');
      const log = tmux.readLog();
      assert.ok(!log.includes('watcher-'), "the watcher's keys never reached the pane");
      assert.ok(!log.includes(' * actor '), 'the watcher never acted: the owner acted throughout');
      assert.ok(!log.includes(' * stop '));
      assert.deepEqual(usersOf(tmux, 'owner-after-42'), [OWNER]);
      await waitForLine('the clients event', () => tmux.readLog(), stampedLine('main:0.0', '*', `clients rec=${recording} count=2 writers=${escapeRegExp(`${OWNER}@`)}\\S+ watchers=${escapeRegExp(`${watcher.name}@${watcherTty}`)}`, OWNER));
      await stopRecording(tmux);
    } finally {
      visitor?.kill();
      owner.kill();
    }
  });

  it("who toggled is the user of the client that pressed the key, as tmux knows it; a name given by hand is not believed", async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    const owner = await attachClient(tmux);
    let visitor: OuterTerminal | undefined;
    try {
      visitor = await attachGuest(tmux, guest, socketPath);
      const guestTty = ttyOf(tmux, guest.name);
      visitor.press('C-b', 'A');
      const start = await waitForLine('the start event', () => tmux.readLog(), / \* start /, LONG_MS);
      assert.match(start, new RegExp(` \\* start rec=\\S+ by=${escapeRegExp(guest.name)} pane=%0 `));
      visitor.press('C-b', 'A');
      const stop = await waitForLine('the stop event', () => tmux.readLog(), / \* stop /, LONG_MS);
      assert.match(stop, new RegExp(` \\* stop rec=\\S+ reason=toggle by=${escapeRegExp(guest.name)}$`));

      // By hand, in the owner's shell, naming the guest: once the guest's last key press is not just now,
      // the name is not believed, nor is --client-user; the toggle is the owner's, who typed last.
      owner.typeText('echo owner-$((6*7))');
      owner.press('Enter');
      await waitFor("the owner's command to run", () => tmux.screen().includes('\nowner-42\n'), LONG_MS);
      await waitFor('the guest to have been idle a while', () => {
        const row = tmux.tmux('list-clients', '-F', '#{client_user} #{client_activity}').split('\n').find((each) => each.startsWith(`${guest.name} `))!;
        return Date.now() / 1000 - Number(row.split(' ')[1]) > KEY_PRESS_FRESH_S + 1;
      }, LONG_MS);
      for (const client of [guestTty, '/dev/pts/999']) {
        const result = tmux.cliInPane(['toggle', '--client', client, '--client-user', guest.name]);
        assert.equal(result.status, 0, result.stderr);
      }
      // The reader writes its stop event once its pipe has closed, after the toggle returns.
      const events = await waitFor('the second start and stop', () => {
        const found = tmux.readLog().split('\n').filter((line) => / \* (start|stop) /.test(line)).slice(2);
        return found.length === 2 ? found : undefined;
      }, LONG_MS);
      assert.match(events[0]!, new RegExp(` \\* start rec=\\S+ by=${escapeRegExp(OWNER)} `));
      assert.match(events[1]!, new RegExp(` \\* stop rec=\\S+ reason=toggle by=${escapeRegExp(OWNER)}$`));
    } finally {
      visitor?.kill();
      owner.kill();
    }
  });

  it("a typist option set at the server (set -s), naming the guest, does not keep the owner's output the guest's", async () => {
    const tmux = server();
    const guest = createUser();
    const socketPath = openSocketTo(tmux.show('#{socket_path}'));
    tmux.tmux('server-access', '-a', guest.name);
    await tmux.startLogging();
    const owner = await attachClient(tmux);
    let visitor: OuterTerminal | undefined;
    try {
      // A turn of the owner's first, as above: tmux keeps activity in whole seconds, and with nobody named yet the
      // guest's first keys in the second the owner attached in are not told apart from the owner's (review of piped15b:
      // this test failed once at load so, before the option was set).
      await typeIn(tmux, owner, 'owner-first');
      visitor = await attachGuest(tmux, guest, socketPath);
      const guestTty = ttyOf(tmux, guest.name);
      await typeIn(tmux, visitor, 'guest');
      // A format finds a server option before the window's own, which the client-active hook sets (format.c:3446):
      // read so, it would still name the guest when the owner types.
      tmux.tmux('set-option', '-s', '@audit_typist', guestTty);
      await typeIn(tmux, owner, 'owner-after');
      assert.deepEqual(usersOf(tmux, 'guest-42'), [guest.name]);
      assert.deepEqual(usersOf(tmux, 'owner-after-42'), [OWNER], `the owner's output in:\n${tmux.readLog()}`);
      await stopRecording(tmux);
    } finally {
      visitor?.kill();
      owner.kill();
    }
  });

  it('a typist option set by hand to smuggle in a client row (a newline, then a made-up user) names nobody', async () => {
    const tmux = server();
    await tmux.startLogging();
    const fake = ['/dev/pts/77', 'mallory', '4242', 'attached', '9999999999', '0'].join('\x1f');
    tmux.tmux('set-option', '-w', '-t', '%0', '@audit_typist', `/dev/pts/77\n${fake}`);
    await tmux.run('echo after-the-forgery');
    await tmux.run('echo and-again');
    const log = tmux.readLog();
    assert.ok(!log.includes('mallory'), log);
    assert.ok(!log.includes(' * actor '));
  });
});
