// Section 3c: memory of one logged pane while a full-screen program floods
// the alternate screen THROUGH TMUX (issue 15, Tests: "a full-screen flood
// (e.g. `top -d 0.05` or a redraw loop for 30 s) and reports the reader's
// private memory in the alternate screen (≤ 32 MB)").
//
//   node bench/fullscreen.mjs [REDRAW_S] [TOP_S] [TIMEOUT_S]
//
// A private tmux server (bench/lib.mjs Tmux, as bench/tmux-flood.mjs: own -L
// socket, the plugin loaded, killed by its socket only), a 120x30 pane with
// no client attached, logged by the plugin's toggle. The pane runs:
//   tmux wait-for go; node bench/redraw-loop.mjs REDRAW_S ...; echo MARK1;
//   tmux wait-for go-top; top -d 0.05 -n TOP_S/0.05; echo MARK2; exec sleep
// (top only if it is installed and TOP_S > 0). The redraw loop enters the
// alternate screen, redraws it as fast as tmux takes it (cursor addressing,
// colours, a third of the rows new each frame), then draws a last frame of
// known rows and leaves at once. procps top does not switch to the alternate
// screen: it draws the normal one by cursor addressing, which engages the
// reader's screen model there (its rows logged as `|` and `~` lines).
// Phases, sampled every 20 ms from /proc/<pid>/smaps_rollup (reader and its
// `sh`, as bench/tmux-flood.mjs; private = Private_Clean + Private_Dirty):
//   idle      1.5 s, logging on, nothing printed
//   redraw    from the release until MARK1 is in the log (the reader has
//             handled all of the alternate screen and left it)
//   left      2 s idle after that: is the memory given back?
//   top       from the second release until MARK2 is in the log
//   after     2 s idle
// The tmux server: VmRSS before, the largest sampled, VmHWM at the end.
// Checked in the log: the redraw loop's block (`* screen state=enter` ...
// `* screen state=leave`) holds every row of the last frame as a `=` row of
// its last snapshot; top's header (`top - `) is logged. The target's number is
// the reader's private memory at its peak in the redraw phase (the alternate
// screen). Writes OUT/fullscreen.json.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cpuSeconds, MEMORY_KEYS, now, OUT, parentPid, read, ROOT, round, sleep, smaps, statusNumber, Tmux, writeJson } from './lib.mjs';

const [redrawArg = '30', topArg = '15', timeoutArg = '180'] = process.argv.slice(2);
const redrawS = Number(redrawArg);
const hasTop = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v top'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const topS = hasTop ? Number(topArg) : 0;
const topDelay = 0.05;
const topIterations = Math.max(1, Math.round(topS / topDelay));

const KEYS = MEMORY_KEYS;
const cpuS = cpuSeconds;
const ppid = parentPid;
const statusKb = statusNumber;
const statusN = statusNumber;

const server = new Tmux(`bench-fullscreen-${process.pid}`);
const tag = `fs${process.pid}`;
const MARK1 = `__AUDIT_FULLSCREEN_REDRAW_END_${process.pid}__`;
const MARK2 = `__AUDIT_FULLSCREEN_TOP_END_${process.pid}__`;
let result;
try {
  const stats = path.join(server.dir, 'redraw.json');
  const producer = path.join(server.dir, 'producer.sh');
  const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
  fs.writeFileSync(
    producer,
    [
      `tmux wait-for ${q(`${tag}-go`)}`,
      `${q(process.execPath)} ${q(path.join(ROOT, 'bench', 'redraw-loop.mjs'))} ${redrawS} ${q(tag)} ${q(stats)}`,
      `printf '%s\\n' ${q(MARK1)}`,
      `tmux wait-for ${q(`${tag}-top`)}`,
      topS > 0 ? `top -d ${topDelay} -n ${topIterations}` : ':',
      `printf '%s\\n' ${q(MARK2)}`,
      'exec sleep 3600',
      '',
    ].join('\n'),
  );
  const pane = server.run('new-window', '-d', '-P', '-F', '#{pane_id}', '-n', 'fullscreen', `sh ${q(producer)}`).trim();
  await sleep(300);
  server.run('run-shell', '-t', pane, server.toggleCommand());
  let readerPid;
  for (let i = 0; i < 250 && !readerPid; i++) {
    readerPid = server.readerPids()[0];
    if (!readerPid) await sleep(20);
  }
  if (!readerPid) throw new Error('no reader pid file');
  const shPid = ppid(readerPid);
  const logName = fs.readdirSync(server.logDir).find((f) => /^main(@.*)?\.log$/.test(f));
  if (!logName) throw new Error(`no session log in ${server.logDir}`);
  const log = path.join(server.logDir, logName);
  const fd = fs.openSync(log, 'r');
  const tailBuf = Buffer.alloc(16384);
  const inLog = (mark) => {
    const size = fs.fstatSync(fd).size;
    const n = fs.readSync(fd, tailBuf, 0, tailBuf.length, Math.max(0, size - tailBuf.length));
    return tailBuf.subarray(0, n).includes(`| ${mark}`);
  };
  const pair = () => {
    const r = smaps(readerPid);
    const s = smaps(shPid);
    if (!r) return null;
    const both = {};
    for (const k of KEYS) both[k] = r[k] + (s?.[k] ?? 0);
    return { reader: r, sh: s, pane: both };
  };
  const zero = () => Object.fromEntries(KEYS.map((k) => [k, 0]));
  const series = [];
  let tmuxRssMax = 0;
  const t0 = now();
  let lastKept = -Infinity;

  /** Samples every 20 ms until MARK is in the log (or the deadline): the phase's peaks. */
  const phase = async (name, mark, deadline) => {
    const peak = { reader: zero(), sh: zero(), pane: zero() };
    const cpu0 = { reader: cpuS(readerPid), tmux: cpuS(server.pid), ctx: statusN(readerPid, 'voluntary_ctxt_switches') };
    const start = now();
    let samples = 0;
    let seen = false;
    let tick = 0;
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
        series.push({ phase: name, t_s: round(t / 1000, 2), reader_rss_kb: m.reader.rss, reader_private_kb: m.reader.private, reader_private_dirty_kb: m.reader.private_dirty, tmux_rss_kb: tmuxRss });
      }
    };
    while (!seen && Date.now() < deadline) {
      sample();
      if (++tick % 5 === 0) seen = inLog(mark);
      await sleep(20);
    }
    if (!seen) seen = inLog(mark);
    sample();
    return {
      seconds: round((now() - start) / 1000, 2),
      marker_seen: seen,
      samples,
      peak_kb: peak,
      reader_cpu_s: round(cpuS(readerPid) - cpu0.reader, 2),
      tmux_cpu_s: round(cpuS(server.pid) - cpu0.tmux, 2),
      reader_voluntary_ctxt_switches: statusN(readerPid, 'voluntary_ctxt_switches') - cpu0.ctx,
    };
  };

  await sleep(1500);
  const idle = pair();
  const tmuxRssBefore = statusKb(server.pid, 'VmRSS');
  tmuxRssMax = tmuxRssBefore;
  const deadline = Date.now() + Number(timeoutArg) * 1000;

  server.run('wait-for', '-S', `${tag}-go`);
  const redraw = await phase('redraw', MARK1, deadline);
  await sleep(2000);
  const left = pair();
  const tmuxRssLeft = statusKb(server.pid, 'VmRSS');
  server.run('wait-for', '-S', `${tag}-top`);
  const top = topS > 0 ? await phase('top', MARK2, deadline) : null;
  await sleep(2000);
  const after = pair();
  const tmuxHwm = statusKb(server.pid, 'VmHWM');
  const tmuxRssAfter = statusKb(server.pid, 'VmRSS');
  fs.closeSync(fd);

  // Logging off (the reader writes its stop event and exits), then read the log.
  server.run('run-shell', '-t', pane, server.toggleCommand());
  for (let i = 0; i < 250 && server.readerPids().length > 0; i++) await sleep(20);
  const loop = JSON.parse(read(stats) || 'null');
  const text = read(log);
  // BENCH_KEEP_LOG=1 keeps a copy of the log in OUT (it is small: ~200 KB).
  if (process.env.BENCH_KEEP_LOG) fs.copyFileSync(log, path.join(OUT, 'fullscreen.log'));
  const records = text.split('\n').filter(Boolean);
  const prefix = ' main:1.0 ';
  const body = (l) => {
    const i = l.indexOf(prefix);
    return i === -1 ? null : l.slice(i + prefix.length);
  };
  // The redraw loop's blocks: `* screen ... state=enter` .. `state=leave`
  // before MARK1, with their snapshots (`=` rows).
  const mark1At = records.findIndex((l) => body(l) === `| ${MARK1}`);
  const blocks = [];
  let block = null;
  for (const l of records.slice(0, mark1At === -1 ? records.length : mark1At)) {
    const b = body(l);
    if (b === null) continue;
    const state = b.startsWith('* screen ') ? b.match(/ state=(\w+)/)?.[1] : null;
    if (state === 'enter') {
      block = { snapshots: [], scrolled_rows: 0, left: false };
      blocks.push(block);
    } else if (block && state === 'snapshot') {
      block.snapshots.push([]);
    } else if (block && state === 'scrolled') {
      block.scrolled_rows += Number(b.match(/ rows=(\d+)/)?.[1] ?? 0);
      block.snapshots.push(null); // rows that left: not a snapshot
    } else if (block && b.startsWith('= ')) {
      block.snapshots.at(-1)?.push(b.slice(2).trimEnd());
    } else if (block && state === 'leave') {
      block.left = true;
      block = null;
    }
  }
  const lastSnapshot = blocks.at(-1)?.snapshots.filter(Boolean).at(-1) ?? [];
  const finalRows = loop?.final_rows ?? [];
  const finalFound = finalRows.filter((r) => lastSnapshot.includes(r)).length;
  // top (procps) draws on the normal screen: its rows are lines (`|`, and `~`
  // when redrawn). Its header after MARK1 says the screen model kept up.
  const topHeaders = records.slice(mark1At + 1).filter((l) => /^[|~] top - /.test(body(l) ?? '')).length;
  const marks = (m) => records.filter((l) => body(l)?.startsWith(`${m} `)).length;

  result = {
    pane: `${pane} (window 1), 120x30, no client attached`,
    redraw_s_asked: redrawS,
    top_command: topS > 0 ? `top -d ${topDelay} -n ${topIterations}` : hasTop ? 'skipped (TOP_S 0)' : 'not installed',
    idle_kb: idle,
    redraw: {
      ...redraw,
      frames: loop?.frames ?? null,
      bytes: loop?.bytes ?? null,
      loop_seconds: round(loop?.seconds ?? null, 2),
      mbps: loop ? round(loop.bytes / loop.seconds / 1e6, 1) : null,
      frames_per_s: loop ? round(loop.frames / loop.seconds, 0) : null,
      blocks: blocks.length,
      snapshots: blocks.reduce((a, b) => a + b.snapshots.filter(Boolean).length, 0),
      scrolled_rows: blocks.reduce((a, b) => a + b.scrolled_rows, 0),
      final_rows: finalRows.length,
      final_rows_in_last_snapshot: finalFound,
      final_frame_logged: finalRows.length > 0 && finalFound === finalRows.length && Boolean(blocks.at(-1)?.left),
    },
    left_kb: left,
    top: top && {
      ...top,
      header_lines: topHeaders,
    },
    after_kb: after,
    tmux_rss_before_kb: tmuxRssBefore,
    tmux_rss_after_redraw_kb: tmuxRssLeft,
    tmux_rss_max_sampled_kb: tmuxRssMax,
    tmux_hwm_kb: tmuxHwm,
    tmux_rss_after_kb: tmuxRssAfter,
    tmux_rss_growth_kb: tmuxHwm - tmuxRssBefore,
    log_bytes: Buffer.byteLength(text),
    log_rows: marks('='),
    log_lines: marks('|'),
    reader_peak_private_alternate_kb: redraw.peak_kb.reader.private,
  };
  fs.writeFileSync(path.join(OUT, 'fullscreen-series.json'), `${JSON.stringify(series)}\n`);
} finally {
  await server.kill();
}
writeJson('fullscreen.json', result);
const mb = (kb) => (kb / 1024).toFixed(1);
const r = result;
const mem = (m) => `reader rss ${mb(m.reader.rss)} MB, private ${mb(m.reader.private)} MB (dirty ${mb(m.reader.private_dirty)}); pane (sh + reader) private ${mb(m.pane.private)} MB`;
process.stdout.write(
  `pane ${r.pane}\n` +
    `idle: ${mem(r.idle_kb)}\n` +
    `redraw loop in the alternate screen: ${r.redraw.frames} frames, ${(r.redraw.bytes / 1e6).toFixed(0)} MB in ${r.redraw.loop_seconds} s (${r.redraw.mbps} MB/s, ${r.redraw.frames_per_s} frames/s); ${r.redraw.seconds} s release -> marker in the log${r.redraw.marker_seen ? '' : ' (TIMED OUT)'}; reader ${r.redraw.reader_cpu_s} cpu s, tmux ${r.redraw.tmux_cpu_s} cpu s\n` +
    `  peak: ${mem(r.redraw.peak_kb)} (${r.redraw.samples} samples)\n` +
    `  log: ${r.redraw.blocks} block(s), ${r.redraw.snapshots} snapshots, ${r.redraw.scrolled_rows} scrolled rows; final frame ${r.redraw.final_rows_in_last_snapshot}/${r.redraw.final_rows} rows in the last snapshot${r.redraw.final_frame_logged ? '' : ' (MISSING)'}\n` +
    `left, 2 s idle: ${mem(r.left_kb)}\n` +
    (r.top
      ? `${r.top_command} (${r.top.seconds} s to the marker${r.top.marker_seen ? '' : ', TIMED OUT'}): peak ${mem(r.top.peak_kb)}; reader ${r.top.reader_cpu_s} cpu s, tmux ${r.top.tmux_cpu_s}; top's header logged ${r.top.header_lines} times\n`
      : 'top: not run\n') +
    `after, 2 s idle: ${mem(r.after_kb)}\n` +
    `tmux server rss ${mb(r.tmux_rss_before_kb)} -> peak ${mb(r.tmux_hwm_kb)} MB (growth ${mb(r.tmux_rss_growth_kb)} MB), ${mb(r.tmux_rss_after_kb)} MB at the end\n` +
    `log ${(r.log_bytes / 1e3).toFixed(0)} KB: ${r.log_rows} screen rows, ${r.log_lines} lines\n` +
    `reader private memory in the alternate screen, peak: ${mb(r.reader_peak_private_alternate_kb)} MB (target <= 32)\n`,
);
