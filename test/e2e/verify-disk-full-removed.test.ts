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
      // The command waits for `go` (outside the small disk), which says how long a line to print first: set once its
      // own line is in the log, so that the disk can be made to end where this test needs it.
      const go = path.join(tmux.dir, 'go');
      tmux.type(`while [ ! -e ${go} ]; do sleep 0.05; done; awk -v pad="$(cat ${go})" 'BEGIN { p = sprintf("%" pad "s", ""); gsub(/ /, "p", p); print p; s = sprintf("%${LINE}s", ""); gsub(/ /, "x", s); for (i = 1; i <= 300; i++) printf "while-full-%06d-%s\\n", i, s }'; echo printed-while-full`);
      await waitFor('the command line in the log', () => fs.readFileSync(live, 'latin1').endsWith(`; echo printed-while-full\n`), 20_000);
      const logged = fs.readFileSync(live, 'latin1');
      const size = logged.length;
      const lastLine = logged.slice(logged.lastIndexOf('\n', size - 2) + 1);
      // Each line's stamp (up to `| `), as long as the command line's.
      const stamp = lastLine.indexOf('| ') + 2;
      assert.ok(stamp > 2, lastLine);
      // tmpfs writes up to the end of the last page it can give the file, then says ENOSPC: the disk ends at a page
      // boundary, far enough on for the pad line and a while-full line's stamp and 1000 bytes of its text to fit before it.
      const PAGE = 4096;
      const end = Math.ceil((size + 2 * stamp + 1002) / PAGE) * PAGE;
      const pad = end - size - 2 * stamp - 1001;
      const free = fs.statfsSync(tmux.logDir);
      const filler = path.join(tmux.logDir, 'filler');
      // All the free pages but those the log's end needs beyond the page it has begun.
      fs.writeFileSync(filler, Buffer.alloc((free.bavail - (end / PAGE - Math.ceil(size / PAGE))) * free.bsize));
      fs.writeFileSync(go, String(pad));
      await waitFor('the pane to finish', () => tmux.screen().includes('printed-while-full\n'), 20_000);
      // The reader tries again every second, and each try first looks at the file (finds it where it was). With the
      // pane quiet, its write calls are mostly those tries (two each: the write, and libuv's wake-up of the main
      // thread; its message to tmux makes a few): twelve more are several tries.
      const calls = writeCalls(pid);
      await waitFor("the reader's retries", () => writeCalls(pid) >= calls + 12, 20_000);
      const removed = fs.readFileSync(live, 'latin1');
      assert.equal(removed.length, end, 'the disk filled where the test made it end');
      // Inside the first while-full line, past its stamp: a tail that still read as a stamped line would hide nothing.
      assert.match(removed.slice(removed.lastIndexOf('\n') + 1), /\| while-full-000001-x{900,}$/, 'the log ends inside a line');
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
