// `verify` on a keyed log a real tmux server wrote onto a disk that filled up inside a line (tmpfs writes up to
// its last page and then says ENOSPC), the log then removed while the disk was still full, and logging going on
// once there was room: the new file holds the torn line whole after the `lost` event (issue 13: its tail alone,
// read as no log line, and a seal short of a line, were a false alarm on an honest log).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { alive, writeCalls } from '../support/process.ts';
import { mountSmallDisk, unmountSmallDisk } from '../support/small-disk.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-disk-full');
const LINE = 2000;

describe('verify and a log removed while the disk was full', () => {
  it('the last write torn inside a line, looked at, the log removed, room again: verify OK with and without the key', async (t) => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    if (!mountSmallDisk(tmux, '1m', t)) return;
    try {
      const { pid, recording } = await tmux.startLogging();
      await tmux.run('echo before-the-disk-fills');
      const live = tmux.logFile();
      const filler = path.join(tmux.logDir, 'filler');
      try {
        fs.writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        // full: what we wanted (the log's last page still has room for a part of a write)
      }
      // Long lines: the page the disk ends at ends inside one, past its stamp (a tail that still read as a stamped
      // line would hide the false alarm).
      tmux.type(`awk 'BEGIN { s = sprintf("%${LINE}s", ""); gsub(/ /, "x", s); for (i = 1; i <= 300; i++) printf "while-full-%06d-%s\\n", i, s }'; echo printed-while-full`);
      await waitFor('the pane to finish', () => tmux.screen().includes('printed-while-full\n'), 20_000);
      // The reader tries again every second, and each try first looks at the file (finds it where it was). With the
      // pane quiet, its write calls are mostly those tries (two each: the write, and libuv's wake-up of the main
      // thread; its message to tmux makes a few): twelve more are several tries.
      const calls = writeCalls(pid);
      await waitFor("the reader's retries", () => writeCalls(pid) >= calls + 12, 20_000);
      const removed = fs.readFileSync(live, 'latin1');
      // Inside a line, past its stamp, unless the page ended within a line's first bytes (where depends on what went
      // before, the prompt's length included: about one setup in thirty): then this only checks the removal.
      if (!/\| while-full-/.test(removed.slice(removed.lastIndexOf('\n') + 1))) t.diagnostic('the disk filled near a line start: no torn line this run');
      fs.rmSync(live);
      fs.rmSync(filler);
      await waitFor('the new file, opened by the lost event', () => fs.existsSync(live) && fs.readFileSync(live, 'utf8').includes(` * lost rec=${recording} what=file `), 20_000);
      await tmux.run('echo after-the-removal');
      const text = fs.readFileSync(live, 'utf8');
      assert.match(text, /\| while-full-000300-x+\n/, 'what waited is in the new file');
      tmux.toggle();
      await waitFor('the reader to exit', () => !alive(pid), 60_000);
      for (const args of [['--key', key, '--require-key'], []]) {
        const checked = verifyDir(tmux.logDir, ...args);
        assert.equal(checked.status, 0, checked.stdout);
        assert.match(checked.stdout, /^OK main@\S+: .*1 log file\(s\) removed while logging/m);
      }
    } finally {
      unmountSmallDisk(tmux);
      await tmux.kill();
    }
  });
});
