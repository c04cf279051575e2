// Section 1: end to end through tmux, by running the shared pipe-throughput.sh
// (same producer, same corpus, consumers interleaved, medians) and watching its
// servers from the side.
//
//   node bench/e2e.mjs PIPE_THROUGHPUT_SH CORPUS REPS BUDGET_S
//
// Consumers: none (no pipe-pane), cat (the physical limit), the helper
// (`pipe --file`, --max-size 100G so that rotation never happens), ansifilter,
// ts. Writes OUT/e2e.json and OUT/e2e.log (the script's own output).
//
// What the script does not report, this adds, per case, by polling /proc every
// 20 ms (no forks while polling):
// - the tmux server's RSS in the first 200 ms it is seen (session created; the
//   flood is released 0.3 s later) and its VmHWM (kernel peak) last seen
//   alive: growth = peak - start;
// - the CPU seconds of the pipe-pane command's processes;
// - lines received: the output files are kept (-k), their lines counted (for
//   the helper: lines marked `|`), then deleted.
// And it works around one property of ansifilter: it holds back the last line
// it has read until more input (or EOF) arrives, so the end marker (the pane's
// last output) would never reach its file and every ansifilter case would time
// out. When the consumer is ansifilter and the producer has finished (the pane
// process has become `sleep`), it types Enter into the pane once: the tty
// echoes CR LF, which releases the marker. That adds one empty line to
// ansifilter's output and at most one poll (20 ms) to its e2e time.

import { execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HELPER, median, OUT, read, round, writeJson } from './lib.mjs';

const [script, corpus, repsArg = '3', budgetArg = '150'] = process.argv.slice(2);
if (!script || !corpus) {
  console.error('usage: node bench/e2e.mjs PIPE_THROUGHPUT_SH CORPUS [REPS] [BUDGET_S]');
  process.exit(2);
}

const TS_FORMAT = '%Y-%m-%dT%H:%M:%.S';
const consumers = [
  { key: 'none', cmd: 'none' },
  { key: 'cat', cmd: 'cat >> {out}' },
  { key: 'tmux-audit', cmd: `exec '${process.execPath}' '${HELPER}' pipe --file {out} --max-size 100G` },
  { key: 'ansifilter', cmd: 'ansifilter >> {out}' },
  // tmux format-expands the command (strftime first): % must be written %%.
  { key: 'ts', cmd: `ts '${TS_FORMAT.replaceAll('%', '%%')}' >> {out}` },
];

// ------------------------------------------------------------ /proc watcher
const CLK_TCK = 100;
// A zombie still has a /proc entry (and init here may reap late): not alive.
const alive = (pid) => {
  const stat = read(`/proc/${pid}/stat`);
  return stat !== '' && stat[stat.lastIndexOf(')') + 2] !== 'Z';
};
const statusKb = (pid, key) => {
  const m = read(`/proc/${pid}/status`).match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'));
  return m ? Number(m[1]) : 0;
};
const comm = (pid) => read(`/proc/${pid}/comm`).trim();
const cmdline = (pid) => read(`/proc/${pid}/cmdline`).split('\0').join(' ');
const children = (pid) => {
  const text = read(`/proc/${pid}/task/${pid}/children`).trim();
  return text ? text.split(/\s+/).map(Number) : [];
};
const cpuTicks = (pid) => {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]);
};
const subtree = (pid) => [pid, ...children(pid).flatMap(subtree)];

const logFile = path.join(OUT, 'e2e.log');
fs.mkdirSync(OUT, { recursive: true });
const log = fs.openSync(logFile, 'w');
const child = spawn('bash', [script, '-k', '-r', repsArg, '-T', budgetArg, '-i', corpus, ...consumers.map((c) => c.cmd)], {
  stdio: ['ignore', log, log],
});
const socket = `ptbench${child.pid}`;
const servers = [];
const known = new Set();
let current;
const tick = () => {
  if (current && !alive(current.pid)) current = undefined;
  if (!current) {
    for (const name of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(name) || known.has(Number(name))) continue;
      if (comm(name) === 'tmux: server' && cmdline(name).includes(`-L ${socket} `)) {
        const pid = Number(name);
        known.add(pid);
        current = { pid, seen: Date.now(), rss_start_kb: 0, rss_peak_kb: 0, consumer: [], consumer_cpu_s: 0, nudged: false };
        servers.push(current);
        break;
      }
    }
  }
  if (!current) return;
  // The flood is released >= 0.3 s after the session is created: the RSS seen
  // in the first 200 ms is the server before the flood.
  if (Date.now() - current.seen < 200) current.rss_start_kb = statusKb(current.pid, 'VmRSS') || current.rss_start_kb;
  const hwm = statusKb(current.pid, 'VmHWM');
  if (hwm) current.rss_peak_kb = hwm;
  let paneDone = false;
  const names = [];
  let ticks = 0;
  for (const pid of children(current.pid)) {
    const name = comm(pid);
    if (name === 'utempter') continue; // tmux's utmp helper, short-lived
    if (name === 'sleep' || cmdline(pid).includes('wait-for go')) {
      paneDone ||= name === 'sleep';
      continue; // the producer's pane
    }
    for (const p of subtree(pid)) {
      names.push(comm(p));
      ticks += cpuTicks(p);
    }
  }
  if (names.length) {
    current.consumer = [...new Set([...current.consumer, ...names])];
    current.consumer_cpu_s = Math.max(current.consumer_cpu_s, ticks / CLK_TCK);
  }
  if (paneDone && !current.nudged && current.consumer.includes('ansifilter')) {
    current.nudged = true;
    execFile('tmux', ['-L', socket, 'send-keys', '-t', 'bench', 'Enter'], () => {});
  }
};
const timer = setInterval(tick, 20);
const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
clearInterval(timer);
fs.closeSync(log);

// ------------------------------------------------------------ parse the script's output
const text = read(logFile);
process.stdout.write(text);
const header = text.match(/^# input: .*?(\d+) bytes, (\d+) lines; expected through the pty: (\d+) bytes/m);
const inputBytes = Number(header?.[1]);
const inputLines = Number(header?.[2]);
const expectedBytes = Number(header?.[3]);
const kept = text.match(/^kept (\S+)$/m)?.[1];
const lines = text.split('\n');
const start = lines.findIndex((l) => l.startsWith('consumer ') && l.includes('e2e_s'));
const runs = [];
for (let i = start + 1; i < lines.length && lines[i].trim() !== ''; i++) {
  const row = lines[i];
  const [e2e, mbps, prod, received, expected, tmuxRss, consRss, tmuxCpu, ...status] = row.slice(35).trim().split(/\s+/);
  const n = runs.length;
  runs.push({
    case: n + 1,
    rep: Math.floor(n / consumers.length) + 1,
    consumer: consumers[n % consumers.length].key,
    e2e_s: Number(e2e),
    mbps: Number(mbps),
    producer_s: Number(prod),
    received_bytes: received === '-' ? null : Number(received),
    tmux_peak_rss_kb_script: Number(tmuxRss),
    consumer_peak_rss_kb: consRss === '-' ? null : Number(consRss),
    tmux_cpu_s: Number(tmuxCpu),
    status: status.join(' '),
    ok: status.join(' ').startsWith('ok'),
  });
}
// Servers appear in case order; skipped cases start none.
// Lines expected: cat, ts and the helper (its `|` lines) keep one line per LF;
// ansifilter also turns some CR and erase sequences into line ends, so its
// expectation is ansifilter run over what cat received in this run.
const expectedLines = inputLines + 1; // + the script's end marker line
let expectedAnsifilterLines = null;
const countLines = (file) => Number(execFileSync('sh', ['-c', 'tr -dc "\\n" < "$1" | wc -c', 'sh', file], { encoding: 'utf8' }).trim());
const catCase = runs.find((r) => r.consumer === 'cat' && r.ok);
if (kept && catCase && runs.some((r) => r.consumer === 'ansifilter')) {
  const catOut = path.join(kept, `case${catCase.case}`, 'dir', 'out.log');
  if (fs.existsSync(catOut)) {
    expectedAnsifilterLines = Number(execFileSync('sh', ['-c', 'ansifilter < "$1" | wc -l', 'sh', catOut], { encoding: 'utf8' }).trim());
  }
}
let s = 0;
for (const run of runs) {
  if (run.status.startsWith('SKIPPED')) continue;
  const server = servers[s++];
  if (!server) continue;
  run.tmux_rss_start_kb = server.rss_start_kb;
  run.tmux_rss_peak_kb = server.rss_peak_kb;
  run.tmux_rss_growth_kb = server.rss_peak_kb - server.rss_start_kb;
  run.consumer_cpu_s = run.consumer === 'none' ? null : server.consumer_cpu_s;
  run.consumer_procs = server.consumer;
  run.nudged = server.nudged;
  const want = { cat: 'cat', 'tmux-audit': 'node', ansifilter: 'ansifilter', ts: 'ts' }[run.consumer];
  run.identity_ok = run.consumer === 'none' ? server.consumer.length === 0 : server.consumer.includes(want);
  // Lines that arrived: for the helper, the lines it logged as pane output
  // (mark `|`; `+` pieces of lines over 16 Ki chars and `*` events excluded).
  const out = kept && path.join(kept, `case${run.case}`, 'dir', 'out.log');
  if (out && fs.existsSync(out)) {
    run.received_lines =
      run.consumer === 'tmux-audit'
        ? Number(execFileSync('awk', ['$4 == "|" { n++ } END { print n + 0 }', out], { encoding: 'utf8' }).trim())
        : countLines(out);
    if (run.nudged) run.received_lines -= 1; // the Enter typed to release ansifilter's last line
    run.expected_lines = run.consumer === 'ansifilter' ? expectedAnsifilterLines : expectedLines;
    run.received_bytes_final = fs.statSync(out).size;
  }
}
if (!process.env.BENCH_KEEP && kept && kept.startsWith('/tmp/') && path.basename(kept).startsWith('pipe-throughput.')) fs.rmSync(kept, { recursive: true, force: true });

const summary = {};
for (const { key } of consumers) {
  const ok = runs.filter((r) => r.consumer === key && r.ok);
  const all = runs.filter((r) => r.consumer === key);
  const cpu = median(ok.map((r) => r.consumer_cpu_s));
  summary[key] = {
    ok_runs: `${ok.length}/${all.length}`,
    mbps: median(ok.map((r) => r.mbps)),
    e2e_s: median(ok.map((r) => r.e2e_s)),
    producer_s: median(ok.map((r) => r.producer_s)),
    received_bytes: median(ok.map((r) => r.received_bytes)),
    received_lines: median(ok.map((r) => r.received_lines)),
    expected_lines: key === 'none' ? null : ok[0]?.expected_lines ?? null,
    lines_complete: key === 'none' ? null : ok.length > 0 && ok.every((r) => r.received_lines === r.expected_lines),
    tmux_rss_growth_kb: median(ok.map((r) => r.tmux_rss_growth_kb)),
    tmux_rss_growth_max_kb: Math.max(...ok.map((r) => r.tmux_rss_growth_kb ?? 0)),
    tmux_cpu_s: median(ok.map((r) => r.tmux_cpu_s)),
    consumer_cpu_s: cpu,
    consumer_cpu_s_per_gb: cpu === null ? null : round((cpu / inputBytes) * 1e9, 1),
    consumer_peak_rss_kb: median(ok.map((r) => r.consumer_peak_rss_kb)),
  };
}
const cat = summary.cat;
for (const key of Object.keys(summary)) {
  const r = summary[key];
  r.mbps_ratio = cat.mbps ? round(r.mbps / cat.mbps, 2) : null;
  r.producer_s_ratio = cat.producer_s ? round(r.producer_s / cat.producer_s, 2) : null;
  r.received_bytes_ratio = cat.received_bytes && r.received_bytes ? round(r.received_bytes / cat.received_bytes, 3) : null;
}
writeJson('e2e.json', {
  script,
  exit_code: code,
  reps: Number(repsArg),
  corpus,
  input_bytes: inputBytes,
  input_lines: inputLines,
  expected_bytes: expectedBytes,
  expected_lines: expectedLines,
  consumers: Object.fromEntries(consumers.map((c) => [c.key, c.cmd])),
  summary,
  runs,
});
