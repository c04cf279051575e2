// Section 3a: memory of one reader (no tmux): idle, then during a 1 GiB flood,
// then idle again, all in the same process.
//
//   node bench/memory.mjs CORPUS_PTY [FLOOD_MIB] [DIAG_MIB]
//
// The reader is `node <the plugin's reader flags> dist/audit.cjs pipe --file
// LOG --session flood --max-size 100G`, LOG a
// temporary file on disk, deleted afterwards (about 1 GB while it exists;
// --max-size 100G so that no rotation happens and every logged line can be
// counted). Its stdin is a FIFO that `cat` fills with the corpus, over and
// over, as fast as the reader takes it (64 KB reads: a harsher flood than
// tmux's ~4 KB chunks at ~25 MB/s, which section 1 measures), as
// `cat big | node dist/audit.cjs pipe --file LOG` would.
// Memory is read from /proc/<pid>/smaps_rollup every 20 ms:
//   rss, pss, private = Private_Clean + Private_Dirty (what this process alone
//   costs; the node binary's pages are shared by every node process).
// Afterwards: lines logged (mark `|`) against the lines sent, and what the
// reader's `dropped` events account for.
// Then a shorter diagnostic flood (DIAG_MIB, default 256) of a second reader
// with bench/memusage.mjs preloaded: peaks of process.memoryUsage(), to tell
// V8 heap from Buffers outside it.
// Writes OUT/memory.json.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELPER, now, readerFlags, read, round, sleep, smaps, writeJson } from './lib.mjs';

const READER_FLAGS = readerFlags();

const [corpus, floodArg = '1024', diagArg = '256'] = process.argv.slice(2);
if (!corpus) {
  console.error('usage: node bench/memory.mjs CORPUS_PTY [FLOOD_MIB] [DIAG_MIB]');
  process.exit(2);
}
const data = fs.readFileSync(corpus);
const countLf = (buf) => {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
};
const corpusLines = countLf(data);
const cpuS = (pid) => {
  const stat = read(`/proc/${pid}/stat`);
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

/** One reader, fed `floodBytes` of the corpus; `sampler` true: smaps every 20 ms. */
async function flood(floodBytes, { sampler, preload }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-mem-'));
  const logFile = path.join(dir, 'flood.log');
  const diagFile = path.join(dir, 'memusage.json');
  // stdin is a FIFO: this process holds a write end (O_RDWR, so opening never
  // blocks and EOF comes only when it lets go), the flood comes from cat.
  const fifo = path.join(dir, 'in.fifo');
  execFileSync('mkfifo', [fifo]);
  const holdFd = fs.openSync(fifo, 'r+');
  const inFd = fs.openSync(fifo, 'r');
  const args = [...READER_FLAGS, ...(preload ? ['--import', preload] : []), HELPER, 'pipe', '--file', logFile, '--session', 'flood', '--max-size', '100G'];
  const reader = spawn(process.execPath, args, { stdio: [inFd, 'ignore', 'ignore'], env: { ...process.env, MEMUSAGE_OUT: diagFile } });
  fs.closeSync(inFd);
  const exited = new Promise((resolve) => reader.on('exit', resolve));
  const pid = reader.pid;
  const peak = { rss: 0, pss: 0, private: 0, private_dirty: 0 };
  const sample = () => {
    const m = smaps(pid);
    if (m) for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
  };
  let holding = true;
  try {
    // Idle: started (its start event is in the log), then left alone for 1.5 s.
    const deadline = Date.now() + 10_000;
    while (!read(logFile).includes(' start ') && Date.now() < deadline) await sleep(10);
    await sleep(1500);
    const idle = smaps(pid);

    // The flood: the corpus over and over, cut at floodBytes, by cat and head.
    const copies = Math.ceil(floodBytes / data.length);
    const full = Math.floor(floodBytes / data.length);
    const rest = data.subarray(0, floodBytes - full * data.length);
    const lines = full * corpusLines + countLf(rest);
    const partial = rest.length > 0 ? rest[rest.length - 1] !== 10 : data[data.length - 1] !== 10;
    const cpu0 = cpuS(pid);
    const t0 = now();
    const timer = sampler ? setInterval(sample, 20) : undefined;
    const feeder = spawn('sh', ['-c', 'i=0; while [ "$i" -lt "$2" ]; do cat "$1" || exit; i=$((i + 1)); done | head -c "$3" > "$4"', 'sh', corpus, String(copies), String(floodBytes), fifo], {
      stdio: 'ignore',
    });
    await new Promise((resolve) => feeder.on('exit', resolve));
    // All input is in the FIFO (64 KB at most still unread); the reader's
    // writer may still have a queue: wait until the log stops growing.
    let last = -1;
    for (;;) {
      await sleep(100);
      const size = fs.statSync(logFile).size;
      if (size === last) break;
      last = size;
    }
    if (timer) clearInterval(timer);
    if (sampler) sample();
    const floodS = (now() - t0) / 1000;
    const cpu = cpuS(pid) - cpu0;

    // Idle again, pipe still open: is the memory given back?
    await sleep(2000);
    const after = smaps(pid);
    fs.closeSync(holdFd);
    holding = false;
    const code = await exited;

    // What reached the log.
    const logged = Number(execFileSync('sh', ['-c', 'grep -c -F " flood:0.0 | " "$1" || true', 'sh', logFile], { encoding: 'utf8' }).trim());
    const events = execFileSync('sh', ['-c', 'grep -F " flood:0.0 * " "$1" | cut -c1-300 || true', 'sh', logFile], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const dropped = events.filter((e) => / \* dropped /.test(e));
    const droppedLines = dropped.reduce((a, e) => a + Number(e.match(/ lines=(\d+)/)?.[1] ?? 0), 0);
    const expected = lines + (partial ? 1 : 0); // an unfinished last line is written at EOF
    const stopAt = events.findIndex((e) => / \* stop /.test(e));
    return {
      bytes: floodBytes,
      seconds: round(floodS, 2),
      mbps: round(floodBytes / floodS / 1e6, 1),
      cpu_s: round(cpu, 2),
      idle_kb: idle,
      peak_kb: sampler ? peak : null,
      after_flood_idle_kb: after,
      exit_code: code,
      lines_expected: expected,
      lines_logged: logged,
      lines_missing: expected - logged,
      dropped_events: dropped.length,
      dropped_lines_reported: droppedLines,
      lines_missing_unreported: expected - logged - droppedLines,
      events_after_stop: stopAt === -1 ? null : events.length - 1 - stopAt,
      memory_usage_peak_mb: fs.existsSync(diagFile) ? JSON.parse(read(diagFile)) : null,
    };
  } finally {
    if (holding) fs.closeSync(holdFd);
    if (reader.exitCode === null) reader.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const main = await flood(Number(floodArg) * 1024 * 1024, { sampler: true });
let diag;
try {
  // --import needs node >= 18.18; without it there is no breakdown, that is all.
  diag = await flood(Number(diagArg) * 1024 * 1024, {
    sampler: false,
    preload: path.join(path.dirname(fileURLToPath(import.meta.url)), 'memusage.mjs'),
  });
} catch (error) {
  diag = { error: String(error) };
}
const mb = (kb) => (kb / 1024).toFixed(1);
process.stdout.write(
  `reader idle: rss ${mb(main.idle_kb.rss)} MB, pss ${mb(main.idle_kb.pss)} MB, private ${mb(main.idle_kb.private)} MB\n` +
    `${floodArg} MiB flood: ${main.seconds} s (${main.mbps} MB/s, ${main.cpu_s} cpu s); peak rss ${mb(main.peak_kb.rss)} MB, pss ${mb(main.peak_kb.pss)} MB, private ${mb(main.peak_kb.private)} MB\n` +
    `  lines logged ${main.lines_logged} of ${main.lines_expected} (dropped events: ${main.dropped_events}, reporting ${main.dropped_lines_reported} lines)\n` +
    `idle after: rss ${mb(main.after_flood_idle_kb.rss)} MB, private ${mb(main.after_flood_idle_kb.private)} MB\n` +
    `diagnostic ${diagArg} MiB flood, process.memoryUsage() peaks (MB): ${JSON.stringify(diag.memory_usage_peak_mb ?? diag.error)}; lines logged ${diag.lines_logged} of ${diag.lines_expected}\n`,
);
writeJson('memory.json', {
  reader: `node ${READER_FLAGS.join(' ')} dist/audit.cjs pipe --file LOG --session flood --max-size 100G`.replace('  ', ' '),
  flood: main,
  diagnostic: diag,
});
