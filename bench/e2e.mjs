// Section 1: end to end through tmux, by running the shared pipe-throughput.sh
// (same producer, same corpus, consumers interleaved, medians) and watching its
// servers from the side.
//
//   node bench/e2e.mjs PIPE_THROUGHPUT_SH CORPUS REPS BUDGET_S
//
// Consumers: none (no pipe-pane), cat (the physical limit), the helper
// (`pipe --file`, with the node flags the plugin gives its reader, --max-size
// 100G so that rotation never happens), ansifilter, ts. Writes OUT/e2e.json and OUT/e2e.log (the script's result rows).
// BENCH_E2E_VARIANTS adds variants of the reader to the same run, BENCH_E2E_ONLY picks cases (see below).
//
// What the script does not report, this adds, per case, by polling /proc every
// 20 ms (no forks while polling):
// - the tmux server's RSS in the first 200 ms it is seen (session created; the
//   flood is released 0.3 s later) and its VmHWM (kernel peak) last seen
//   alive: growth = peak - start;
// - how long the tmux server waited for a CPU while runnable (schedstat), and
//   how often it was preempted (nonvoluntary context switches): on a 2-core
//   machine a consumer that needs CPU takes it from tmux;
// - the CPU seconds of the pipe-pane command's processes, and their peak
//   private memory (smaps_rollup Private_Clean + Private_Dirty, summed);
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
import { HELPER, median, OUT, readerFlags, read, round, smaps, writeJson } from './lib.mjs';

const READER_FLAGS = readerFlags();

const [script, corpus, repsArg = '3', budgetArg = '150'] = process.argv.slice(2);
if (!script || !corpus) {
  console.error('usage: node bench/e2e.mjs PIPE_THROUGHPUT_SH CORPUS [REPS] [BUDGET_S]');
  process.exit(2);
}

const TS_FORMAT = '%Y-%m-%dT%H:%M:%.S';
const consumers = [
  { key: 'none', cmd: 'none' },
  { key: 'cat', cmd: 'cat >> {out}' },
  { key: 'tmux-audit', cmd: `exec '${process.execPath}' ${[...READER_FLAGS, `'${HELPER}'`].join(' ')} pipe --file {out} --max-size 100G` },
  { key: 'ansifilter', cmd: 'ansifilter >> {out}' },
  // tmux format-expands the command (strftime first): % must be written %%.
  { key: 'ts', cmd: `ts '${TS_FORMAT.replaceAll('%', '%%')}' >> {out}` },
];
// Variants of the reader to compare in the same interleaved run (tried changes:
// a bundle built with one constant changed, other node flags, a scheduling
// wrapper): BENCH_E2E_VARIANTS='[["name", "/path/bundle.cjs", "node flags", "wrapper"]]',
// each a consumer `tmux-audit:name` after tmux-audit. Bundle and flags default
// to the measured ones (null or left out); the wrapper (e.g. `chrt -b 0`)
// must exec its command.
let at = consumers.findIndex((c) => c.key === 'tmux-audit');
for (const [name, bundle, flags, wrapper] of JSON.parse(process.env.BENCH_E2E_VARIANTS || '[]')) {
  consumers.splice(++at, 0, {
    key: `tmux-audit:${name}`,
    cmd: `exec ${wrapper ? `${wrapper} ` : ''}'${process.execPath}' ${flags ?? READER_FLAGS.join(' ')} '${bundle ?? HELPER}' pipe --file {out} --max-size 100G`,
  });
}
// BENCH_E2E_ONLY='cat,tmux-audit,tmux-audit:name' keeps only those cases (a comparison of readers need not wait for
// ansifilter and ts, nor time out where they are not installed).
if (process.env.BENCH_E2E_ONLY) {
  const keep = new Set(process.env.BENCH_E2E_ONLY.split(','));
  for (let i = consumers.length - 1; i >= 0; i--) if (!keep.has(consumers[i].key)) consumers.splice(i, 1);
}
const isReader = (key) => key === 'tmux-audit' || key.startsWith('tmux-audit:');

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

// One pipe-throughput.sh invocation per case (`-r 1`, one consumer), the
// cases interleaved here: rep 1 of every consumer, then rep 2, ... Each
// invocation names its server after its own pid (ptbench<pid>), so no case
// can meet the previous case's server still shutting down on the same
// socket (which happened when one invocation ran every case on one socket:
// "server exited unexpectedly").
/** Runs one case; resolves with the script's output and what the watcher saw. */
async function runCase(consumer, budgetS) {
  const logFile = path.join(OUT, 'e2e.case.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn('bash', [script, '-k', '-r', '1', '-T', String(budgetS), '-i', corpus, consumer.cmd], { stdio: ['ignore', log, log] });
  const socket = `ptbench${child.pid}`;
  let server;
  const tick = () => {
    if (server && !alive(server.pid)) return;
    if (!server) {
      for (const name of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        if (comm(name) === 'tmux: server' && cmdline(name).includes(`-L ${socket} `)) {
          server = { pid: Number(name), seen: Date.now(), rss_start_kb: 0, rss_peak_kb: 0, consumer: [], consumer_cpu_s: 0, nudged: false };
          break;
        }
      }
      if (!server) return;
    }
    // The flood is released >= 0.3 s after the session is created: the RSS seen
    // in the first 200 ms is the server before the flood.
    if (Date.now() - server.seen < 200) server.rss_start_kb = statusKb(server.pid, 'VmRSS') || server.rss_start_kb;
    const hwm = statusKb(server.pid, 'VmHWM');
    if (hwm) server.rss_peak_kb = hwm;
    // schedstat: ns on cpu, ns waiting on a run queue (runnable, no cpu free).
    const sched = read(`/proc/${server.pid}/schedstat`).split(' ').map(Number);
    if (sched.length >= 2 && Number.isFinite(sched[1])) {
      server.sched_first ??= sched;
      server.sched_last = sched;
    }
    // Times the server was preempted (nonvoluntary context switches).
    const preempted = statusKb(server.pid, 'nonvoluntary_ctxt_switches');
    server.preempted_first ??= preempted;
    server.preempted_last = preempted;
    let paneDone = false;
    const names = [];
    let ticks = 0;
    const mem = { private: 0, pss: 0 };
    for (const pid of children(server.pid)) {
      const name = comm(pid);
      if (name === 'utempter') continue; // tmux's utmp helper, short-lived
      if (name === 'sleep' || cmdline(pid).includes('wait-for go')) {
        paneDone ||= name === 'sleep';
        continue; // the producer's pane
      }
      for (const p of subtree(pid)) {
        names.push(comm(p));
        ticks += cpuTicks(p);
        const m = smaps(p);
        if (m) {
          mem.private += m.private;
          mem.pss += m.pss;
        }
      }
    }
    if (names.length) {
      if (mem.private > (server.consumer_peak_private_kb ?? 0)) {
        server.consumer_peak_private_kb = mem.private;
        server.consumer_peak_pss_kb = mem.pss;
      }
      server.consumer = [...new Set([...server.consumer, ...names])];
      server.consumer_cpu_s = Math.max(server.consumer_cpu_s, ticks / CLK_TCK);
    }
    if (paneDone && !server.nudged && server.consumer.includes('ansifilter')) {
      server.nudged = true;
      execFile('tmux', ['-L', socket, 'send-keys', '-t', 'bench', 'Enter'], () => {});
    }
  };
  const timer = setInterval(tick, 20);
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(timer);
  fs.closeSync(log);
  const text = read(logFile);
  fs.rmSync(logFile, { force: true });
  return { code, text, server };
}

const reps = Number(repsArg);
const perCase = Math.max(10, Math.floor(Number(budgetArg) / (reps * consumers.length)));
const runs = [];
let header;
let expectedAnsifilterLines = null;
let log = '';
const countLines = (file) => Number(execFileSync('sh', ['-c', 'tr -dc "\\n" < "$1" | wc -c', 'sh', file], { encoding: 'utf8' }).trim());
for (let rep = 1; rep <= reps; rep++) {
  for (const consumer of consumers) {
    const { code, text, server } = await runCase(consumer, perCase);
    header ??= text.match(/^# input: .*?(\d+) bytes, (\d+) lines; expected through the pty: (\d+) bytes/m);
    const kept = text.match(/^kept (\S+)$/m)?.[1];
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('consumer ') && l.includes('e2e_s'));
    const row = at >= 0 ? lines[at + 1] ?? '' : '';
    if (!log) log += `${lines[0]}\n${lines[at] ?? ''}\n`;
    log += `${row}\n`;
    process.stdout.write(`${row}\n`);
    // The row: consumer (34 chars), e2e_s, MB/s, prod_s, received, expected,
    // tmux_rss, cons_rss, tmux_cpu, status.
    const [e2e, mbps, prod, received, , , consRss, tmuxCpu, ...status] = row.slice(35).trim().split(/\s+/);
    const run = {
      rep,
      consumer: consumer.key,
      exit_code: code,
      e2e_s: Number(e2e),
      mbps: Number(mbps),
      producer_s: Number(prod),
      received_bytes: received === '-' ? null : Number(received),
      consumer_peak_rss_kb: consRss === '-' ? null : Number(consRss),
      tmux_cpu_s: Number(tmuxCpu),
      status: status.join(' ') || `no result (exit ${code})`,
    };
    run.ok = run.status.startsWith('ok');
    if (server) {
      run.tmux_rss_start_kb = server.rss_start_kb;
      run.tmux_rss_peak_kb = server.rss_peak_kb;
      run.tmux_rss_growth_kb = server.rss_peak_kb - server.rss_start_kb;
      if (server.sched_first) run.tmux_runqueue_wait_s = round((server.sched_last[1] - server.sched_first[1]) / 1e9, 3);
      run.tmux_preempted = server.preempted_last - server.preempted_first;
      run.consumer_cpu_s = consumer.key === 'none' ? null : server.consumer_cpu_s;
      run.consumer_procs = server.consumer;
      run.consumer_peak_private_kb = server.consumer_peak_private_kb ?? null;
      run.consumer_peak_pss_kb = server.consumer_peak_pss_kb ?? null;
      run.nudged = server.nudged;
      const want = isReader(consumer.key) ? 'node' : { cat: 'cat', ansifilter: 'ansifilter', ts: 'ts' }[consumer.key];
      run.identity_ok = consumer.key === 'none' ? server.consumer.length === 0 : server.consumer.includes(want);
    }
    // Lines that arrived: for the helper, the lines it logged as pane output
    // (mark `|`; `+` pieces of lines over 16 Ki chars and `*` events excluded).
    // cat, ts and the helper keep one line per LF; ansifilter also makes line
    // ends of some CR and erase sequences, so its expectation is ansifilter
    // run over what cat received (the first cat case of this run).
    const out = kept && path.join(kept, 'case1', 'dir', 'out.log');
    if (out && fs.existsSync(out)) {
      run.received_lines = isReader(consumer.key) ? Number(execFileSync('awk', ['$4 == "|" { n++ } END { print n + 0 }', out], { encoding: 'utf8' }).trim()) : countLines(out);
      if (run.nudged) run.received_lines -= 1; // the Enter typed to release ansifilter's last line
      run.received_bytes_final = fs.statSync(out).size;
      if (consumer.key === 'cat' && run.ok && expectedAnsifilterLines === null) {
        expectedAnsifilterLines = Number(execFileSync('sh', ['-c', 'ansifilter < "$1" | wc -l', 'sh', out], { encoding: 'utf8' }).trim());
      }
    }
    if (kept && kept.startsWith('/tmp/') && path.basename(kept).startsWith('pipe-throughput.')) fs.rmSync(kept, { recursive: true, force: true });
    runs.push(run);
  }
}
fs.writeFileSync(path.join(OUT, 'e2e.log'), log);
const inputBytes = Number(header?.[1]);
const inputLines = Number(header?.[2]);
const expectedBytes = Number(header?.[3]);
const expectedLines = inputLines + 1; // + the script's end marker line
for (const run of runs) {
  if (run.consumer !== 'none') run.expected_lines = run.consumer === 'ansifilter' ? expectedAnsifilterLines : expectedLines;
}
const summary = {};
for (const { key } of consumers) {
  const ok = runs.filter((r) => r.consumer === key && r.ok);
  const all = runs.filter((r) => r.consumer === key);
  const cpu = round(median(ok.map((r) => r.consumer_cpu_s)), 3);
  summary[key] = {
    ok_runs: `${ok.length}/${all.length}`,
    mbps: round(median(ok.map((r) => r.mbps)), 1),
    e2e_s: round(median(ok.map((r) => r.e2e_s)), 3),
    producer_s: round(median(ok.map((r) => r.producer_s)), 3),
    received_bytes: median(ok.map((r) => r.received_bytes)),
    received_lines: median(ok.map((r) => r.received_lines)),
    expected_lines: key === 'none' ? null : ok[0]?.expected_lines ?? null,
    lines_complete: key === 'none' ? null : ok.length > 0 && ok.every((r) => r.received_lines === r.expected_lines),
    tmux_rss_growth_kb: median(ok.map((r) => r.tmux_rss_growth_kb)),
    tmux_rss_growth_max_kb: Math.max(...ok.map((r) => r.tmux_rss_growth_kb ?? 0)),
    tmux_cpu_s: round(median(ok.map((r) => r.tmux_cpu_s)), 3),
    tmux_runqueue_wait_s: round(median(ok.map((r) => r.tmux_runqueue_wait_s)), 3),
    tmux_preempted: median(ok.map((r) => r.tmux_preempted)),
    consumer_cpu_s: cpu,
    consumer_cpu_s_per_gb: cpu === null ? null : round((cpu / inputBytes) * 1e9, 1),
    consumer_peak_rss_kb: median(ok.map((r) => r.consumer_peak_rss_kb)),
    consumer_peak_private_kb: median(ok.map((r) => r.consumer_peak_private_kb)),
    consumer_peak_private_max_kb: Math.max(0, ...ok.map((r) => r.consumer_peak_private_kb ?? 0)),
  };
}
const cat = summary.cat;
for (const key of Object.keys(summary)) {
  const r = summary[key];
  r.mbps_ratio = cat.mbps ? round(r.mbps / cat.mbps, 2) : null;
  r.producer_s_ratio = cat.producer_s ? round(r.producer_s / cat.producer_s, 2) : null;
  r.received_bytes_ratio = cat.received_bytes && r.received_bytes ? round(r.received_bytes / cat.received_bytes, 3) : null;
  // The same ratio rep by rep (each against the cat case of its own rep), median.
  const paired = [];
  for (let rep = 1; rep <= reps; rep++) {
    const mine = runs.find((q) => q.rep === rep && q.consumer === key && q.ok);
    const base = runs.find((q) => q.rep === rep && q.consumer === 'cat' && q.ok);
    if (mine && base) paired.push(mine.mbps / base.mbps);
  }
  r.mbps_ratio_paired_median = round(median(paired), 2);
}
writeJson('e2e.json', {
  script,
  reps,
  budget_per_case_s: perCase,
  corpus,
  input_bytes: inputBytes,
  input_lines: inputLines,
  expected_bytes: expectedBytes,
  expected_lines: expectedLines,
  consumers: Object.fromEntries(consumers.map((c) => [c.key, c.cmd])),
  summary,
  runs,
});
