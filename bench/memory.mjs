// Section 3a: memory of one reader (no tmux): idle, then during a 1 GiB flood,
// then idle again, all in the same process.
//
//   node bench/memory.mjs CORPUS_PTY [FLOOD_MIB]
//
// The reader is `pipe --file LOG --max-size 128M --max-files 1` (disk use stays
// under ~256 MB; rotation is part of the flood). Its stdin is a pipe this
// script writes the corpus into, over and over, as fast as the reader takes it
// (64 KB reads: a harsher flood than tmux's ~4 KB chunks at ~25 MB/s).
// Memory is read from /proc/<pid>/smaps_rollup every 20 ms:
//   rss, pss, private = Private_Clean + Private_Dirty (what this process alone
//   costs; the node binary's pages are shared by every node process).
// Writes OUT/memory.json.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELPER, now, read, round, sleep, smaps, writeJson } from './lib.mjs';

const [corpus, floodArg = '1024'] = process.argv.slice(2);
if (!corpus) {
  console.error('usage: node bench/memory.mjs CORPUS_PTY [FLOOD_MIB]');
  process.exit(2);
}
const floodBytes = Number(floodArg) * 1024 * 1024;
const data = fs.readFileSync(corpus);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-mem-'));
const logFile = path.join(dir, 'flood.log');
const cpuS = (pid) => {
  const stat = read(`/proc/${pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

const reader = spawn(process.execPath, [HELPER, 'pipe', '--file', logFile, '--max-size', '128M', '--max-files', '1'], {
  stdio: ['pipe', 'ignore', 'ignore'],
});
const exited = new Promise((resolve) => reader.on('exit', resolve));
const pid = reader.pid;

const peak = { rss: 0, pss: 0, private: 0 };
const sample = () => {
  const m = smaps(pid);
  if (!m) return null;
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
  return m;
};
const settle = async (ms) => {
  await sleep(ms);
  return smaps(pid);
};

let result;
try {
  // Idle: started (its start event is in the log), then left alone for 1.5 s.
  const deadline = Date.now() + 10_000;
  while (!read(logFile).includes(' start ') && Date.now() < deadline) await sleep(10);
  const idle = await settle(1500);

  // Flood.
  const cpu0 = cpuS(pid);
  const t0 = now();
  const timer = setInterval(sample, 20);
  let sent = 0;
  while (sent < floodBytes) {
    const chunk = sent + data.length <= floodBytes ? data : data.subarray(0, floodBytes - sent);
    sent += chunk.length;
    if (!reader.stdin.write(chunk)) await new Promise((resolve) => reader.stdin.once('drain', resolve));
  }
  // The reader has taken all input when the pipe drained; wait for its log
  // queue too: the log stops growing.
  let last = -1;
  for (;;) {
    await sleep(100);
    const files = fs.readdirSync(dir).map((f) => fs.statSync(path.join(dir, f)).size);
    const size = files.reduce((a, b) => a + b, 0);
    if (size === last) break;
    last = size;
  }
  clearInterval(timer);
  sample();
  const floodS = (now() - t0) / 1000;
  const cpu = cpuS(pid) - cpu0;

  // Idle again, pipe still open: does the memory go back?
  const after = await settle(2000);
  reader.stdin.end();
  const code = await exited;
  result = {
    reader: `node dist/audit.cjs pipe --file LOG --max-size 128M --max-files 1`,
    flood_bytes: floodBytes,
    flood_s: round(floodS, 2),
    flood_mbps: round(floodBytes / floodS / 1e6, 1),
    flood_cpu_s: round(cpu, 2),
    idle_kb: idle,
    peak_kb: peak,
    after_flood_idle_kb: after,
    exit_code: code,
  };
} finally {
  if (reader.exitCode === null) reader.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
const mb = (kb) => (kb / 1024).toFixed(1);
process.stdout.write(
  `reader idle: rss ${mb(result.idle_kb.rss)} MB, pss ${mb(result.idle_kb.pss)} MB, private ${mb(result.idle_kb.private)} MB\n` +
    `1 GiB flood: ${result.flood_s} s (${result.flood_mbps} MB/s, ${result.flood_cpu_s} cpu s); peak rss ${mb(peak.rss)} MB, pss ${mb(peak.pss)} MB, private ${mb(peak.private)} MB\n` +
    `idle after: rss ${mb(result.after_flood_idle_kb.rss)} MB, private ${mb(result.after_flood_idle_kb.private)} MB\n`,
);
writeJson('memory.json', result);
