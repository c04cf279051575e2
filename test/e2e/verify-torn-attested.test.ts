// `verify` on a log two panes' readers of a real tmux server wrote onto a disk that filled up inside pane 0's line
// (tmpfs writes up to its last page and then says ENOSPC), pane 1's reader writing first once there was room: pane
// 1's line glued to the start of pane 0's torn line, or, when pane 1's reader rotated the log first, that start
// ending the rotated file. Pane 0's reader writes its line again whole and says so in its own chain (a `torn` event:
// sinks/file/writer.ts, chain/torn-attested.ts). Issue 13: read as `inserted`/`edited` and `deleted`, or `truncated`,
// on an honest log; now a note and exit 0, with the key and without; and grep reads pane 1's line as pane 1's.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli } from '../support/cli.ts';
import { stopped, writeCalls } from '../support/process.ts';
import { mountSmallDisk, unmountSmallDisk } from '../support/small-disk.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';
import { TIME } from '../support/log.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-torn-attested');

/**
 * Two panes logging under `key`; the disk filled inside pane 0's flood; `meanwhile` (the log as the disk left it)
 * runs right after a retry of pane 0's reader, the disk is freed and pane 1 prints first; both stop. The log's files.
 */
async function tornByFullDisk(tmux: TmuxServer, meanwhile: (live: string) => void): Promise<void> {
  const [a, b] = tmux.panes(2);
  const { pid } = await tmux.startLogging(a!);
  tmux.toggle(b!);
  await waitFor('two readers', () => tmux.readerPids().length === 2);
  await tmux.run('echo before-a', a!);
  await tmux.run('echo before-b', b!);
  const live = tmux.logFile();
  // Every free block taken: pane 0's reader writes up to the end of the log's last page, inside a 2000-byte line.
  const free = fs.statfsSync(tmux.logDir);
  const filler = path.join(tmux.logDir, 'filler');
  fs.writeFileSync(filler, Buffer.alloc(free.bavail * free.bsize));
  tmux.type(`awk 'BEGIN { s = sprintf("%2000s", ""); gsub(/ /, "x", s); for (i = 1; i <= 300; i++) printf "a-full-%06d-%s\\n", i, s }'; echo a-done`, a!);
  await waitFor('pane 0 to finish', () => tmux.screen(a!).includes('a-done\n'), 20_000);
  // Its reader may be behind the pane (a loaded machine): the torn write first.
  await waitFor('the log to end inside a line of pane 0', () => /\| a-full-\d{6}-x*[^\n]$/.test(fs.readFileSync(live, 'utf8')), 20_000);
  // Pane 0's reader tries again every second. Held between two tries until pane 1's reader, whose queue is empty, has
  // written its line once there was room: the steps below took more than that second on a loaded machine, and pane
  // 0's next try came first (no glued line, no rotation by pane 1: both tests failed, 1 run in 3 under load).
  const calls = writeCalls(pid);
  await waitFor("pane 0's reader to try again", () => writeCalls(pid) > calls, 20_000);
  process.kill(pid, 'SIGSTOP');
  try {
    await waitFor("pane 0's reader stopped", () => stopped(pid));
    meanwhile(live);
    fs.rmSync(filler);
    tmux.type('echo b-first', b!);
    await tmux.waitForPrinted('b-first', { timeoutMs: 20_000 });
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await waitFor("pane 0's flood in the log", () => fs.readFileSync(live, 'utf8').includes('| a-done\n'), 20_000);
  await tmux.run('echo after-a', a!);
  await tmux.run('echo after-b', b!);
  tmux.toggle(a!);
  tmux.toggle(b!);
  await waitFor('the readers to exit', () => tmux.readerPids().length === 0, 60_000);
}

describe("verify and a line a full disk tore, its reader's torn event in its chain", () => {
  it("pane 1's line glued to pane 0's torn start: OK with a note, with and without the key", async (t) => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    if (!mountSmallDisk(tmux, '1m', t)) return;
    try {
      await tornByFullDisk(tmux, () => {});
      const live = tmux.logFile();
      const text = fs.readFileSync(live, 'utf8');
      // The disk as it left the log: pane 0's torn start, pane 1's whole line after it on the same line.
      assert.match(text, new RegExp(String.raw`^${TIME} \S+ main:0\.0 \| a-full-\d{6}-x*${TIME} \S+ main:0\.1 `, 'm'));
      for (const args of [['--key', key, '--require-key'], []]) {
        const checked = verifyDir(tmux.logDir, ...args);
        assert.equal(checked.status, 0, checked.stdout);
        assert.match(checked.stdout, /^\S+:\d+: torn write: the disk was full: the start of a line \(\d+ byte\(s\)\) is glued to the head of the line another pane's reader wrote first; written again whole at line \d+, as the torn event at line \d+ says; read past$/m);
        assert.match(checked.stdout, /^OK main@\S+: .*1 torn write\(s\) of a full disk/m);
      }
      assert.match(text, new RegExp(String.raw`^${TIME} \S+ main:0\.0 \* torn rec=\S+ bytes=\d+ sha256=[0-9a-f]{64}$`, 'm'), "pane 0's torn event");
      // The reading commands read past that start too: pane 1's line is pane 1's.
      const found = cli(['grep', 'b-first', '--dir', tmux.logDir]).split('\n').filter((line) => line !== '');
      assert.ok(found.length > 0);
      for (const line of found) assert.match(line, new RegExp(String.raw`^[^:]+:\d+: ${TIME} \S+ main:0\.1 \| `), 'grep: each b-first line as pane 1\'s');
    } finally {
      unmountSmallDisk(tmux);
      await tmux.kill();
    }
  });

  it("pane 1's reader rotating the log first (the day's rotation due): the rotated file ends with the start, not truncated", async (t) => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    if (!mountSmallDisk(tmux, '1m', t)) return;
    try {
      // Last written on an earlier day: pane 1's reader's next look finds the day's rotation due (@audit-rotate both, the default).
      await tornByFullDisk(tmux, (live) => {
        const yesterday = new Date(Date.now() - 2 * 86_400_000);
        fs.utimesSync(live, yesterday, yesterday);
      });
      const rotated = fs.readdirSync(tmux.logDir).filter((name) => name.startsWith(path.basename(tmux.logFile())) && name !== path.basename(tmux.logFile()));
      assert.equal(rotated.length, 1, 'pane 1 rotated the log');
      const ends = fs.readFileSync(path.join(tmux.logDir, rotated[0]!), 'utf8');
      assert.match(ends, /\| a-full-\d{6}-x*$/, "the rotated file ends with pane 0's torn start");
      for (const args of [['--key', key, '--require-key'], []]) {
        const checked = verifyDir(tmux.logDir, ...args);
        assert.equal(checked.status, 0, checked.stdout);
        assert.match(checked.stdout, /torn write: the disk was full: the start of a line \(\d+ byte\(s\)\) ends the file \(another pane's reader rotated the log meanwhile\); written again whole at \S+:\d+/);
      }
    } finally {
      unmountSmallDisk(tmux);
      await tmux.kill();
    }
  });
});
