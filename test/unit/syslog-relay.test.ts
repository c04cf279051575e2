// The unix:// relay (src/sinks/syslog/unix.ts) outlives the reader that hands it messages: a reader that stops
// right after its last lines exits before the relay has sent them. The relay must still send every one: before, its
// first "sent" reply to a reader already gone killed it (SIGPIPE), and the rest never reached the collector (a
// CI dry run's syslog e2e test: the stop's datagrams missing, nothing said).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { waitFor } from '../support/util.ts';

/** Receives `count` datagrams on a unix socket and prints each on a line. */
const RECEIVER = String.raw`
use strict; use Socket; $| = 1;
socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
bind($s, pack_sockaddr_un($ARGV[0])) or die "bind: $!";
print "ready\n";
for (1 .. $ARGV[1]) { my $m; recv($s, $m, 65536, 0); print "$m\n"; }
`;

describe('the unix:// relay', () => {
  it('sends every message handed to it, also after the reader that handed them has exited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-relay-'));
    try {
      const socket = path.join(dir, 'log.sock');
      const count = 5;
      const receiver = spawn('perl', ['-e', RECEIVER, socket, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
      let received = '';
      receiver.stdout.setEncoding('utf8').on('data', (text: string) => (received += text));
      await waitFor('the receiver', () => received.startsWith('ready\n'));
      const sender = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../support/relay-exit.ts', import.meta.url)), socket, String(count)], { encoding: 'utf8' });
      assert.equal(sender.status, 0, sender.stderr);
      // The reader is gone; the relay, stopped until now, goes on.
      process.kill(Number(sender.stdout.trim()), 'SIGCONT');
      const expected = Array.from({ length: count }, (_, i) => `message ${i + 1}`);
      try {
        await waitFor('every message at the socket', () => received.split('\n').filter((line) => line.startsWith('message ')).length === count, 10_000);
      } finally {
        receiver.kill();
      }
      assert.deepEqual(received.split('\n').filter((line) => line.startsWith('message ')), expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
