// Section 3a: memory of one logged pane during a 1 GiB flood THROUGH TMUX
// (issue 4: "the helper's RSS and private (unshared) memory idle and peak
// during a 1 GiB flood, per logged pane"). The "≤ 32 MB private at peak under
// flood" target is judged on this section.
//
//   node bench/tmux-flood.mjs CORPUS_TXT [FLOOD_MIB] [TIMEOUT_S]
//
// A private tmux server (bench/lib.mjs Tmux: `tmux -L <unique> -f CONF`,
// @audit-dir in a temporary directory, the plugin loaded with run-shell
// <repo>/audit.tmux), with `@audit-max-size 100G` so that the log never
// rotates and every line can be counted. A second window runs the producer:
//   tmux wait-for go; cat CORPUS N times; print an end marker; exec sleep
// with N = ceil(FLOOD_MIB MiB / corpus size). Logging is toggled on in that
// pane the way the key binding does it (`run-shell -t %1 "'node' '<helper>'
// --report tmux toggle --pane '#{pane_id}' ..."`), so the reader is started
// by the plugin with the plugin's own command line and node flags.
// Then: 1.5 s idle, the producer released (`tmux wait-for -S go`), and until
// the end marker is in the log, every 20 ms:
//   /proc/<reader>/smaps_rollup (reader pid from <logdir>/.run/*.pid) and
//   /proc/<sh>/smaps_rollup (the `sh -c` that pipe-pane runs and that stays
//   the reader's parent): rss, pss, private = Private_Clean + Private_Dirty,
//   and Private_Dirty alone (see lib.mjs smaps); "per logged pane" is the two
//   processes summed at the same instant. Each is peaked on its own.
// Also: the tmux server's VmRSS before the flood and its VmHWM (kernel peak)
// after it (growth = backlog tmux buffered for a slow reader), CPU seconds of
// reader and server, wall time from release to the marker in the log (MB/s),
// the producer's own run time, 2 s idle after the flood, and lines logged
// (mark `|`) against lines sent, with what the reader's `dropped` events
// account for. The log (~1.3 GB for 1 GiB in) is deleted with the server's
// temporary directory. If the disk has not room for it, the log rotates
// (@audit-max-size 256M, @audit-max-files 1) and lines are not counted.
// Writes OUT/tmux-flood.json (the 20 ms samples, thinned to 4 per second, go
// to OUT/tmux-flood-series.json).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuSeconds, MEMORY_KEYS, now, OUT, parentPid, read, round, sleep, smaps, statusNumber, Tmux, writeJson } from './lib.mjs';

const [corpus, floodArg = '1024', timeoutArg = '240'] = process.argv.slice(2);
if (!corpus) {
  console.error('usage: node bench/tmux-flood.mjs CORPUS_TXT [FLOOD_MIB] [TIMEOUT_S]');
  process.exit(2);
}
const corpusBytes = fs.statSync(corpus).size;
const corpusLines = (() => {
  const data = fs.readFileSync(corpus);
  let n = 0;
  for (let i = data.indexOf(10); i !== -1; i = data.indexOf(10, i + 1)) n++;
  if (data[data.length - 1] !== 10) throw new Error('the corpus must end in LF');
  return n;
})();
const floodTarget = Number(floodArg) * 1024 * 1024;
const copies = Math.ceil(floodTarget / corpusBytes);
const floodBytes = copies * corpusBytes;
const MARK = `__AUDIT_FLOOD_END_${process.pid}__`;
const linesSent = copies * corpusLines + 1; // + the marker
// Through the pty: ONLCR makes every LF a CR LF.
const ptyBytes = floodBytes + copies * corpusLines + MARK.length + 2;

// Room for the log (about 1.25 × the input: timestamps and marks) in the
// temporary directory the server's files go to?
const tmpFree = Number(execFileSync('df', ['-Pk', os.tmpdir()], { encoding: 'utf8' }).trim().split('\n').pop().split(/\s+/)[3]) * 1024;
const countAll = tmpFree > 2 * floodBytes + 2 ** 30;

const KEYS = MEMORY_KEYS;
const cpuS = cpuSeconds;
const ppid = parentPid;
const statusKb = statusNumber;
const comm = (pid) => read(`/proc/${pid}/comm`).trim();

const server = new Tmux(`bench-flood-${process.pid}`, {
  config: countAll ? ['set -g @audit-max-size 100G'] : ['set -g @audit-max-size 256M', 'set -g @audit-max-files 1'],
});
let result;
try {
  const tag = `go${process.pid}`;
  const producer = path.join(server.dir, 'producer.sh');
  const timing = path.join(server.dir, 'timing');
  fs.writeFileSync(
    producer,
    [
      'tmux wait-for "$1"',
      's=$(date +%s%N)',
      'i=0',
      'while [ "$i" -lt "$3" ]; do cat "$2" || break; i=$((i + 1)); done',
      'printf "%s\\n" "$4"',
      'e=$(date +%s%N)',
      'echo "$s $e" > "$5"',
      'exec sleep 3600',
      '',
    ].join('\n'),
  );
  const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const pane = server
    .run('new-window', '-d', '-P', '-F', '#{pane_id}', '-n', 'flood', `sh ${q(producer)} ${q(tag)} ${q(path.resolve(corpus))} ${copies} ${q(MARK)} ${q(timing)}`)
    .trim();
  await sleep(300);
  // Logging on, as the key binding does it.
  server.run('run-shell', '-t', pane, server.toggleCommand());
  let readerPid;
  for (let i = 0; i < 250 && !readerPid; i++) {
    readerPid = server.readerPids()[0];
    if (!readerPid) await sleep(20);
  }
  if (!readerPid) throw new Error('no reader pid file');
  const shPid = ppid(readerPid);
  const pipeProcs = [`${comm(shPid)}(${shPid})`, `${comm(readerPid)}(${readerPid})`];
  const readerCmdline = read(`/proc/${readerPid}/cmdline`).split('\0').filter(Boolean).join(' ') || null;
  const logName = fs.readdirSync(server.logDir).find((f) => /^main(@.*)?\.log$/.test(f));
  if (!logName) throw new Error(`no session log in ${server.logDir}`);
  const log = path.join(server.logDir, logName);
  const fd = fs.openSync(log, 'r');
  const tailBuf = Buffer.alloc(8192);
  const markerInLog = () => {
    const size = fs.fstatSync(fd).size;
    const start = Math.max(0, size - tailBuf.length);
    const n = fs.readSync(fd, tailBuf, 0, tailBuf.length, start);
    return tailBuf.subarray(0, n).includes(`| ${MARK}`);
  };

  // Idle, logging on, nothing printed.
  await sleep(1500);
  const pair = () => {
    const r = smaps(readerPid);
    const s = smaps(shPid);
    if (!r) return null;
    const pane = {};
    for (const k of KEYS) pane[k] = r[k] + (s?.[k] ?? 0);
    return { reader: r, sh: s, pane };
  };
  const idle = pair();
  const tmuxRssBefore = statusKb(server.pid, 'VmRSS');
  const tmuxHwmBefore = statusKb(server.pid, 'VmHWM');
  const readerCpu0 = cpuS(readerPid);
  const tmuxCpu0 = cpuS(server.pid);

  // The flood.
  const zero = () => Object.fromEntries(KEYS.map((k) => [k, 0]));
  const peak = { reader: zero(), sh: zero(), pane: zero() };
  const series = [];
  let samples = 0;
  let tmuxRssMax = tmuxRssBefore;
  const t0 = now();
  let lastKept = -Infinity;
  const sample = () => {
    const m = pair();
    if (!m) return;
    samples++;
    for (const who of ['reader', 'sh', 'pane']) for (const k of KEYS) peak[who][k] = Math.max(peak[who][k], m[who]?.[k] ?? 0);
    const tmuxRss = statusKb(server.pid, 'VmRSS');
    tmuxRssMax = Math.max(tmuxRssMax, tmuxRss);
    const t = now() - t0;
    if (t - lastKept >= 250) {
      lastKept = t;
      series.push({ t_s: round(t / 1000, 2), reader_rss_kb: m.reader.rss, reader_private_kb: m.reader.private, pane_private_kb: m.pane.private, tmux_rss_kb: tmuxRss, log_bytes: fs.fstatSync(fd).size });
    }
  };
  server.run('wait-for', '-S', tag);
  const deadline = Date.now() + Number(timeoutArg) * 1000;
  let seen = false;
  let tick = 0;
  while (!seen && Date.now() < deadline) {
    sample();
    if (++tick % 5 === 0) seen = markerInLog();
    await sleep(20);
  }
  if (!seen) seen = markerInLog();
  const wallS = (now() - t0) / 1000;
  sample();
  const readerCpu = cpuS(readerPid) - readerCpu0;
  const tmuxCpu = cpuS(server.pid) - tmuxCpu0;
  const [s, e] = read(timing).trim().split(' ').map(Number);
  const producerS = s && e ? (e - s) / 1e9 : null;

  // Idle again, logging still on: is the memory given back?
  await sleep(2000);
  const after = pair();
  const tmuxHwm = statusKb(server.pid, 'VmHWM');
  const tmuxRssAfter = statusKb(server.pid, 'VmRSS');
  fs.closeSync(fd);

  // Logging off (the reader writes its stop event and exits), then count.
  server.run('run-shell', '-t', pane, server.toggleCommand());
  for (let i = 0; i < 250 && server.readerPids().length > 0; i++) await sleep(20);
  const logBytes = fs.statSync(log).size;
  const prefix = ' main:1.0 ';
  let logged = null;
  let dropped = [];
  if (countAll) {
    logged = Number(execFileSync('sh', ['-c', 'LC_ALL=C grep -c -F -- "$1" "$2" || true', 'sh', `${prefix}| `, log], { encoding: 'utf8' }).trim());
  }
  dropped = execFileSync('sh', ['-c', 'LC_ALL=C grep -F -- "$1" "$2" | cut -c1-300 || true', 'sh', `${prefix}* dropped `, log], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const droppedLines = dropped.reduce((a, l) => a + Number(l.match(/ lines=(\d+)/)?.[1] ?? 0), 0);

  result = {
    flood_mib_asked: Number(floodArg),
    copies,
    bytes: floodBytes,
    pty_bytes: ptyBytes,
    corpus_bytes: corpusBytes,
    pane: `${pane} (window 1), 120x30, no client attached`,
    pipe_processes: pipeProcs,
    reader_cmdline: readerCmdline,
    log_rotates: !countAll,
    marker_seen: seen,
    seconds: round(wallS, 2),
    mbps: round(floodBytes / wallS / 1e6, 1),
    producer_s: round(producerS, 2),
    reader_cpu_s: round(readerCpu, 2),
    reader_cpu_s_per_gb: round((readerCpu / floodBytes) * 1e9, 1),
    tmux_cpu_s: round(tmuxCpu, 2),
    samples,
    idle_kb: idle,
    peak_kb: peak,
    after_flood_idle_kb: after,
    tmux_rss_before_kb: tmuxRssBefore,
    tmux_hwm_before_kb: tmuxHwmBefore,
    tmux_rss_max_sampled_kb: tmuxRssMax,
    tmux_hwm_after_kb: tmuxHwm,
    tmux_rss_after_kb: tmuxRssAfter,
    tmux_rss_growth_kb: tmuxHwm - tmuxRssBefore,
    log_bytes: logBytes,
    lines_sent: linesSent,
    lines_logged: logged,
    lines_missing: logged === null ? null : linesSent - logged,
    dropped_events: dropped.length,
    dropped_lines_reported: droppedLines,
  };
  fs.writeFileSync(path.join(OUT, 'tmux-flood-series.json'), `${JSON.stringify(series)}\n`);
} finally {
  await server.kill();
}
writeJson('tmux-flood.json', result);
const mb = (kb) => (kb / 1024).toFixed(1);
const r = result;
process.stdout.write(
  `pane ${r.pane}: pipe processes ${r.pipe_processes.join(' + ')}\n` +
    `idle: reader rss ${mb(r.idle_kb.reader.rss)} MB, private ${mb(r.idle_kb.reader.private)} MB; pane (sh + reader) private ${mb(r.idle_kb.pane.private)} MB (dirty ${mb(r.idle_kb.pane.private_dirty)})\n` +
    `${(r.bytes / 2 ** 30).toFixed(2)} GiB flood through tmux: ${r.seconds} s to the marker in the log (${r.mbps} MB/s; producer ${r.producer_s} s), reader ${r.reader_cpu_s} cpu s, tmux ${r.tmux_cpu_s} cpu s${r.marker_seen ? '' : ' (TIMED OUT)'}\n` +
    `  peak: reader rss ${mb(r.peak_kb.reader.rss)} MB, pss ${mb(r.peak_kb.reader.pss)} MB, private ${mb(r.peak_kb.reader.private)} MB (dirty ${mb(r.peak_kb.reader.private_dirty)}); pane private ${mb(r.peak_kb.pane.private)} MB (${r.samples} samples)\n` +
    `  tmux server rss ${mb(r.tmux_rss_before_kb)} -> peak ${mb(r.tmux_hwm_after_kb)} MB (growth ${mb(r.tmux_rss_growth_kb)} MB)\n` +
    `  lines logged ${r.lines_logged ?? '-'} of ${r.lines_sent} (dropped events ${r.dropped_events}, reporting ${r.dropped_lines_reported} lines); log ${(r.log_bytes / 1e6).toFixed(0)} MB, deleted\n` +
    `idle after: reader rss ${mb(r.after_flood_idle_kb.reader.rss)} MB, private ${mb(r.after_flood_idle_kb.reader.private)} MB\n`,
);
