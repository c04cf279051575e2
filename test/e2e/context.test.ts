// The start event says where and with whom a recording starts: host, the
// pane's program and directory, its window's name, the server's socket, and
// the clients attached then. A real client presses the key; a hostile
// window name stays one field of one event.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseLine } from '../../src/format/text.ts';
import { attachClient, serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

describe('the start event carries its context', () => {
  it('host, command, cwd, window name, socket and the attached client, from a key press; a hostile window name stays one field', async () => {
    const tmux = server();
    const work = path.join(tmux.dir, 'work dir');
    fs.mkdirSync(work);
    tmux.type(`cd '${work}'`);
    await waitFor('the shell in the work dir', () => tmux.show('#{pane_current_path}') === work);
    const hostile = 'w\n2026-01-01T00:00:00.000+00:00 root main:0.0 * stop rec=x reason=toggle "q" #{host}';
    tmux.tmux('set-option', '-w', '-t', 'main:0', 'automatic-rename', 'off');
    tmux.tmux('rename-window', '-t', 'main:0', hostile);
    const terminal = await attachClient(tmux);
    try {
      terminal.press('C-b', 'A');
      const start = await waitFor('the start event', () => tmux.readLog().split('\n').find((line) => line.includes(' * start ')));
      const lines = tmux.readLog().split('\n').filter(Boolean);
      assert.equal(lines.filter((line) => line.includes(' * ')).length, 1, 'one event: the name made no second');
      const event = parseLine(start)!;
      assert.equal(event.text, 'start');
      const client = tmux.tmux('list-clients', '-F', '#{client_name}').trim();
      assert.equal(event.fields!.host, os.hostname());
      assert.match(event.fields!.command!, /^(ba|z|fi|da)?sh$/);
      assert.equal(event.fields!.cwd, work);
      // As tmux keeps it (rename-window expands its formats), its newline written as the two characters \n.
      assert.equal(event.fields!.window_name, hostile.replace('#{host}', os.hostname()).replace(/\n/g, '\\n'));
      assert.equal(event.fields!.socket, tmux.show('#{socket_path}'));
      assert.equal(event.fields!.clients, `${client}(${os.userInfo().username})`);
    } finally {
      terminal.kill();
    }
  });

  it('clients=none when nobody is attached', async () => {
    const tmux = server();
    await tmux.startLogging();
    const start = await waitFor('the start event', () => tmux.readLog().split('\n').find((line) => line.includes(' * start ')));
    assert.equal(parseLine(start)!.fields!.clients, 'none');
  });
});
