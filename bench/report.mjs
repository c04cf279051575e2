// Collects the sections' JSON (OUT/*.json), judges the targets, writes
// OUT/results.json and OUT/table.md, and prints the table.
//
//   node bench/report.mjs
//
// Environment (from bench/run.sh): BENCH_STARTED (epoch s), BENCH_COMMAND.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELPER, OUT, ROOT, read, round } from './lib.mjs';

const load = (name) => {
  const text = read(path.join(OUT, name));
  return text ? JSON.parse(text) : null;
};
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
};

const corpus = load('corpus.json');
const e2e = load('e2e.json');
const reader = load('reader.json');
const memory = load('memory.json');
const flood = load('tmux-flood.json');
const fullscreen = load('fullscreen.json');
const tmux = load('tmux.json');
const status = load('status.json');
const shell = load('shell.json');
const reading = load('reading.json');

const started = Number(process.env.BENCH_STARTED || 0);
const machine = {
  nproc: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? '',
  ram_gib: round(os.totalmem() / 1024 ** 3, 1),
  kernel: `${os.type()} ${os.release()}`,
  tmux: sh('tmux', ['-V']),
  node: process.version,
  loadavg_end: os.loadavg().map((x) => round(x, 2)),
};
const sha = (file) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : '');
const git = {
  head_at_start: process.env.BENCH_GIT_HEAD || sh('git', ['rev-parse', '--short', 'HEAD']),
  dist_at_start: process.env.BENCH_DIST_STATE || '',
  measured_helper: path.relative(ROOT, HELPER),
  measured_sha256: sha(HELPER),
  reader_node_flags: process.env.BENCH_READER_FLAGS ?? '',
  dist_changed_during_run: sha(path.join(ROOT, 'dist', 'audit.cjs')) !== sha(HELPER),
};

const f = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '-' : Number(x).toFixed(d));
const mb = (kb) => (kb === null || kb === undefined ? '-' : (kb / 1024).toFixed(1));
const x = (r) => (r === null || r === undefined ? '-' : `${Number(r).toFixed(2)}×`);

const sections = [];
const targets = [];
const target = (name, value, shown, goal, pass) => targets.push({ target: name, measured: shown, goal, value, result: value === null || value === undefined ? 'n/a' : pass ? 'PASS' : 'MISS' });

if (e2e) {
  const rows = [];
  for (const [key, s] of Object.entries(e2e.summary)) {
    rows.push([
      key,
      s.ok_runs,
      f(s.mbps),
      key === 'none' ? x(s.mbps_ratio) : x(s.mbps_ratio),
      f(s.producer_s, 2),
      x(s.producer_s_ratio),
      s.received_bytes === null ? '-' : `${s.received_bytes} (${x(s.received_bytes_ratio)})`,
      key === 'none' ? '-' : `${s.received_lines ?? '-'}/${s.expected_lines ?? '-'}${s.lines_complete ? '' : ' !'}`,
      `${mb(s.tmux_rss_growth_kb)} (max ${mb(s.tmux_rss_growth_max_kb)})`,
      `${f(s.tmux_cpu_s, 2)} / ${f(s.tmux_runqueue_wait_s, 2)} / ${s.tmux_preempted ?? '-'}`,
      key === 'none' ? '-' : f(s.consumer_cpu_s_per_gb, 0),
      key === 'none' ? '-' : mb(s.consumer_peak_private_max_kb),
    ]);
  }
  sections.push({
    title: `1. End to end through tmux: ${(e2e.input_bytes / 1e6).toFixed(1)} MB corpus in an 80x24 pane, pipe-throughput.sh, ${e2e.reps} reps interleaved, medians; × = ratio to cat in this run`,
    header: ['consumer', 'ok', 'MB/s', '×cat', 'producer s', '×cat', 'bytes received (×cat)', 'lines rcvd/exp', 'tmux RSS growth MB', 'tmux cpu s / run-queue wait s / preempted', 'consumer cpu s/GB', 'consumer peak private MB'],
    rows,
  });
  const h = e2e.summary['tmux-audit'];
  const perRep = [];
  for (let rep = 1; rep <= e2e.reps; rep++) {
    const mine = e2e.runs.find((q) => q.rep === rep && q.consumer === 'tmux-audit' && q.ok);
    const base = e2e.runs.find((q) => q.rep === rep && q.consumer === 'cat' && q.ok);
    if (mine && base) perRep.push((mine.mbps / base.mbps).toFixed(2));
  }
  target('1. end to end MB/s vs cat', h.mbps_ratio, `${x(h.mbps_ratio)} (rep by rep: ${perRep.join(' ')})`, '≥ 1.0× (issue 15 item 5)', h.mbps_ratio >= 1.0);
  target('1. end to end: every line arrives', h.lines_complete ? 1 : 0, `${h.received_lines}/${h.expected_lines}`, 'all', h.lines_complete);
}

if (reader) {
  const rows = Object.entries(reader.summary).map(([key, s]) => [key, s.ok_runs, f(s.mbps), x(s.vs_ts), x(s.vs_ansifilter), f(s.wall_s, 3), f(s.user_s, 2), f(s.sys_s, 2), f(s.cpu_s_per_gb, 1)]);
  sections.push({
    title: `2. Reader alone (no tmux): ${(reader.bytes / 1e6).toFixed(1)} MB file (pty-shaped: CR LF) on stdin, output to a file, ${reader.reps} reps interleaved, medians (wall includes process start)`,
    header: ['consumer', 'ok', 'MB/s', '×ts', '×ansifilter', 'wall s', 'user s', 'sys s', 'cpu s/GB'],
    rows,
  });
  const h = reader.summary['tmux-audit'];
  target('2. reader alone MB/s vs ts', h.vs_ts, x(h.vs_ts), '≥ 3×', h.vs_ts >= 3);
  target('2. reader alone MB/s vs ansifilter', h.vs_ansifilter, x(h.vs_ansifilter), '≥ 1×', h.vs_ansifilter >= 1);
  const plain = reader.summary['tmux-audit --no-redact'];
  if (plain) {
    const cost = plain.mbps / h.mbps - 1;
    target('2. reader alone: redaction slows it by', cost, `${(cost * 100).toFixed(0)} %`, '≤ 15 %', cost <= 0.15);
  }
  const unchained = reader.summary['tmux-audit chain-off'];
  if (unchained) {
    // Slower than without it: MB/s with the chain against MB/s with its SHA-256 a no-op (bench/no-chain.cjs).
    const cost = 1 - h.mbps / unchained.mbps;
    target('2. reader alone: the hash chain slows it by', cost, `${(cost * 100).toFixed(0)} % (${f(h.mbps)} against ${f(unchained.mbps)} MB/s; cpu ${f(h.cpu_s_per_gb, 1)} against ${f(unchained.cpu_s_per_gb, 1)} s/GB)`, '≤ 10 %', cost <= 0.1);
  }
}

const gib = (bytes) => (bytes >= 2 ** 30 ? `${+(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

if (flood) {
  const r = flood;
  const row = (what, m, notes = '') => [what, mb(m?.rss), mb(m?.pss), mb(m?.private), mb(m?.private_dirty), notes];
  sections.push({
    title:
      `3a. One logged pane through tmux: ${gib(r.bytes)} flood (the corpus cat ×${r.copies}, then a marker) in a pane logged by the plugin's toggle; ` +
      `reader + its sh from smaps_rollup every 20 ms (${r.samples} samples); MB = MiB, private = Private_Clean + Private_Dirty, each column peaked on its own`,
    header: ['what', 'RSS', 'PSS', 'private', 'private dirty', 'notes'],
    rows: [
      row('pane (sh + reader), idle, logging on', r.idle_kb.pane, `reader alone: RSS ${mb(r.idle_kb.reader.rss)}, private ${mb(r.idle_kb.reader.private)}`),
      row(`pane (sh + reader), peak during the flood`, r.peak_kb.pane, `reader alone: RSS ${mb(r.peak_kb.reader.rss)}, PSS ${mb(r.peak_kb.reader.pss)}, private ${mb(r.peak_kb.reader.private)}`),
      row('pane (sh + reader), idle again 2 s after the flood', r.after_flood_idle_kb.pane, `reader alone: RSS ${mb(r.after_flood_idle_kb.reader.rss)}, private ${mb(r.after_flood_idle_kb.reader.private)}`),
      [
        'tmux server',
        `${mb(r.tmux_rss_before_kb)} → ${mb(r.tmux_hwm_after_kb)}`,
        '-',
        '-',
        '-',
        `RSS before → peak (VmHWM): growth ${mb(r.tmux_rss_growth_kb)} MB; ${f(r.tmux_cpu_s, 1)} cpu s`,
      ],
      [
        'the flood',
        '-',
        '-',
        '-',
        '-',
        `${f(r.seconds, 1)} s release → marker in the log, ${f(r.mbps)} MB/s (producer ${f(r.producer_s, 1)} s); reader ${f(r.reader_cpu_s, 1)} cpu s (${f(r.reader_cpu_s_per_gb, 1)} s/GB); ` +
          `lines logged ${r.lines_logged ?? '-'}/${r.lines_sent}; dropped events ${r.dropped_events} (${r.dropped_lines_reported} lines); log ${(r.log_bytes / 1e6).toFixed(0)} MB${r.log_rotates ? ' (rotating: lines not counted)' : ', deleted'}${r.marker_seen ? '' : '; TIMED OUT'}`,
      ],
    ],
  });
}

if (fullscreen) {
  const r = fullscreen;
  const d = r.redraw;
  const row = (what, m, notes = '') => [what, mb(m?.reader.rss), mb(m?.reader.pss), mb(m?.reader.private), mb(m?.reader.private_dirty), mb(m?.pane.private), notes];
  const rows = [
    row('idle, logging on', r.idle_kb),
    row(
      `peak: redraw loop in the alternate screen, ${f(d.loop_seconds, 0)} s`,
      d.peak_kb,
      `${d.frames} frames, ${f(d.bytes / 1e6, 0)} MB (${f(d.mbps)} MB/s, ${f(d.frames_per_s, 0)} frames/s); reader ${f(d.reader_cpu_s, 1)} cpu s, tmux ${f(d.tmux_cpu_s, 1)}; ` +
        `log: ${d.blocks} block, ${d.snapshots} snapshots, ${d.scrolled_rows} scrolled rows; final frame ${d.final_rows_in_last_snapshot}/${d.final_rows} rows${d.marker_seen ? '' : '; TIMED OUT'}`,
    ),
    row('idle 2 s after leaving it', r.left_kb),
  ];
  if (r.top) {
    rows.push(
      row(
        `peak: ${r.top_command} (normal screen, screen model engaged)`,
        r.top.peak_kb,
        `${f(r.top.seconds, 1)} s; reader ${f(r.top.reader_cpu_s, 1)} cpu s; top's header logged ${r.top.header_lines} times${r.top.marker_seen ? '' : '; TIMED OUT'}`,
      ),
    );
    rows.push(row('idle 2 s after top', r.after_kb));
  }
  rows.push(['tmux server', `${mb(r.tmux_rss_before_kb)} → ${mb(r.tmux_hwm_kb)}`, '-', '-', '-', '-', `RSS before → peak (VmHWM): growth ${mb(r.tmux_rss_growth_kb)} MB; ${mb(r.tmux_rss_after_kb)} MB at the end`]);
  sections.push({
    title: `3c. Full-screen flood through tmux: one logged pane (${r.pane}); reader from smaps_rollup every 20 ms; MB = MiB, private = Private_Clean + Private_Dirty; log ${f(r.log_bytes / 1e3, 0)} KB`,
    header: ['what', 'reader RSS', 'PSS', 'private', 'private dirty', 'pane (sh + reader) private', 'notes'],
    rows,
  });
  target(
    '3. reader private memory in the alternate screen (full-screen flood)',
    d.marker_seen ? r.reader_peak_private_alternate_kb : null,
    `${mb(r.reader_peak_private_alternate_kb)} MB (dirty ${mb(d.peak_kb.reader.private_dirty)}; ${f(d.mbps)} MB/s)${d.marker_seen ? '' : ' TIMED OUT'}`,
    '≤ 32 MB',
    r.reader_peak_private_alternate_kb <= 32 * 1024,
  );
  target('3. full-screen: the last frame is in the log', d.final_frame_logged ? 1 : 0, `${d.final_rows_in_last_snapshot}/${d.final_rows} rows in the block's last snapshot`, 'all', d.final_frame_logged);
}

if (memory || tmux) {
  const rows = [];
  const m = memory?.flood;
  if (m) {
    rows.push(['reader alone, idle', mb(m.idle_kb.rss), mb(m.idle_kb.pss), mb(m.idle_kb.private), mb(m.idle_kb.private_dirty), '']);
    rows.push([
      `reader alone, peak during a ${gib(m.bytes)} pipe flood (${f(m.mbps)} MB/s: faster than tmux can deliver; informational, no target)`,
      mb(m.peak_kb.rss),
      mb(m.peak_kb.pss),
      mb(m.peak_kb.private),
      mb(m.peak_kb.private_dirty),
      `lines logged ${m.lines_logged}/${m.lines_expected}; dropped events ${m.dropped_events} (${m.dropped_lines_reported} lines)`,
    ]);
    rows.push(['reader alone, idle again 2 s after the flood', mb(m.after_flood_idle_kb.rss), mb(m.after_flood_idle_kb.pss), mb(m.after_flood_idle_kb.private), mb(m.after_flood_idle_kb.private_dirty), '']);
    const d = memory.diagnostic?.memory_usage_peak_mb;
    if (d) rows.push([`reader alone, diagnostic ${(memory.diagnostic.bytes / 2 ** 20).toFixed(0)} MiB pipe flood: process.memoryUsage() peaks`, `${d.rss}`, '-', '-', '-', `heapTotal ${d.heapTotal}, heapUsed ${d.heapUsed}, external ${d.external}, arrayBuffers ${d.arrayBuffers} MB`]);
  }
  const h = e2e?.summary['tmux-audit'];
  if (h) rows.push(['reader, peak through tmux (section 1 runs)', mb(h.consumer_peak_rss_kb), '-', mb(h.consumer_peak_private_max_kb), '-', 'max over the runs']);
  const p = tmux?.panes;
  if (p) {
    rows.push([
      `${p.panes} logged idle panes, total (${p.pipe_processes} processes: ${[...new Set(p.processes.map((q) => q.comm))].join('+')})`,
      mb(p.total_rss_kb),
      mb(p.total_pss_kb),
      mb(p.total_private_kb),
      mb(p.total_private_dirty_kb),
      `per pane: private ${mb(p.per_pane_private_kb)} (dirty ${mb(p.per_pane_private_dirty_kb)}), pss ${mb(p.per_pane_pss_kb)}`,
    ]);
  }
  sections.push({ title: '3b. Memory, other measurements (MB = MiB; private = Private_Clean + Private_Dirty from smaps_rollup)', header: ['what', 'RSS', 'PSS', 'private', 'private dirty', 'notes'], rows });
}
if (flood) target('3. private memory per pane, idle (one logged pane: sh + reader)', flood.idle_kb.pane.private, `${mb(flood.idle_kb.pane.private)} MB (dirty ${mb(flood.idle_kb.pane.private_dirty)})`, '≤ 10 MB', flood.idle_kb.pane.private <= 10 * 1024);
else if (memory?.flood) target('3. private memory per pane, idle (reader alone)', memory.flood.idle_kb.private, `${mb(memory.flood.idle_kb.private)} MB`, '≤ 10 MB', memory.flood.idle_kb.private <= 10 * 1024);
if (tmux?.panes) {
  const p = tmux.panes;
  target(`3. private memory per pane, idle (${p.panes} panes, all processes)`, p.per_pane_private_kb, `${mb(p.per_pane_private_kb)} MB (dirty ${mb(p.per_pane_private_dirty_kb)})`, '≤ 10 MB', p.per_pane_private_kb <= 10 * 1024);
}
if (flood) {
  const r = flood;
  const ok = r.marker_seen;
  target(
    `3. private memory per pane, peak under a ${gib(r.bytes)} flood through tmux (sh + reader)`,
    ok ? r.peak_kb.pane.private : null,
    `${mb(r.peak_kb.pane.private)} MB (dirty ${mb(r.peak_kb.pane.private_dirty)}; reader ${mb(r.peak_kb.reader.private)} MB private, ${mb(r.peak_kb.reader.rss)} MB RSS; ${f(r.mbps)} MB/s)${ok ? '' : ' TIMED OUT'}`,
    '≤ 32 MB',
    r.peak_kb.pane.private <= 32 * 1024,
  );
}

if (tmux) {
  const t = tmux.toggle;
  const l = tmux.line_to_disk;
  sections.push({
    title: '4. Latency (medians)',
    header: ['what', 'median ms', 'samples', 'notes'],
    rows: [
      ['toggle → status shows REC', f(t.median_on_to_rec_ms), String(t.samples), `all: ${t.on_to_rec_ms.join(', ')}`],
      ['toggle command (run-shell) returns', f(t.median_toggle_command_ms), String(t.samples), 'it waits for the reader to report its pid'],
      ['toggle off → REC gone', f(t.median_off_to_no_rec_ms), String(t.samples), ''],
      ['line → on disk (send-keys echo → line in the log)', f(l.median_ms), String(l.samples), `max ${f(l.max_ms)} ms, lost ${l.lost}`],
      ...(tmux.printed_to_disk?.samples
        ? [['printed line → on disk (a line every 50 ms, its printed stamp → seen in the log)', f(tmux.printed_to_disk.median_ms), String(tmux.printed_to_disk.samples), `max ${f(tmux.printed_to_disk.max_ms)} ms, lost ${tmux.printed_to_disk.lost}; 1 ms resolution`]]
        : []),
    ],
  });
  target('4. toggle → REC', t.median_on_to_rec_ms, `${f(t.median_on_to_rec_ms)} ms`, '< 200 ms', t.median_on_to_rec_ms < 200);
  target('4. line → disk', l.median_ms, `${f(l.median_ms)} ms`, '< 1000 ms', l.median_ms < 1000);
}

if (status) {
  const s = status.summary;
  const rows = Object.entries(s).map(([phase, v]) => [phase, v.forks_ns === null ? '-' : f(v.forks_ns, 1), f(v.forks_system, 1), String(v.rec_drawn)]);
  sections.push({
    title: `5. Status cost: ${status.refreshes} forced redraws (refresh-client -S, attached client) per phase, ${status.reps} reps; counter: ${status.counter}`,
    header: ['status-right', 'forks (this bench only)', 'forks (whole machine)', 'REC drawn'],
    rows: [...rows, ['→ forks per refresh, audit − baseline', f(status.forks_per_refresh, 3), '', ''], ['→ forks per refresh, #() control − baseline', f(status.control_forks_per_refresh, 3), '', '']],
  });
  target('5. processes per status refresh', status.forks_per_refresh, f(status.forks_per_refresh, 3), '0', status.forks_per_refresh === 0);
}

if (reading) {
  const row = (what, m, vs) => [what, m.command, f(m.medianMs, 0), f(m.cpuMs, 0), vs ?? '-'];
  const rows = [
    ...reading.ls.map((m) => row(`ls, ${m.files} files (${m.mib} MiB)`, m)),
    ...reading.grep.cases.flatMap((c) => [row(`grep -c: ${c.label}`, c.grepC), row(`tmux-audit grep: ${c.label}`, c.audit, x(c.ratio)), ...(c.counted ? [row(`tmux-audit grep -c: ${c.label}`, c.counted, x(c.countRatio))] : [])]),
    ...(reading.json ? reading.json.cases.flatMap((c) => [row(`JSON: grep -c: ${c.label}`, c.grepC), row(`JSON: tmux-audit grep: ${c.label}`, c.audit, x(c.ratio))]) : []),
  ];
  sections.push({
    title: `8. Reading commands over generated logs: ${reading.grep.files} files, ${reading.grep.gib} GiB, page cache warm, median of the runs after a warm-up; load average ${reading.loadavgStart?.join(' ')} → ${reading.loadavgEnd?.join(' ')} (CPU ms is the command's own, whatever the load)`,
    header: ['what', 'command', 'wall ms', 'CPU ms', '× grep -c'],
    rows,
  });
  const worst = reading.grep.cases.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  target('reading: grep over 1 GiB (printing) vs grep -c (worst case)', worst.ratio, `${x(worst.ratio)} (${worst.label})`, '≤ 2×', worst.ratio <= 2);
  const counting = reading.grep.cases.filter((c) => c.counted);
  if (counting.length > 0) {
    const worstCount = counting.reduce((a, b) => (b.countRatio > a.countRatio ? b : a));
    target('reading: grep -c over 1 GiB vs grep -c (worst case)', worstCount.countRatio, `${x(worstCount.countRatio)} (${worstCount.label})`, '≤ 2×', worstCount.countRatio <= 2);
  }
  const ls = reading.ls.filter((m) => m.files >= 999).reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
  target('reading: ls over 1,000 rotated files (slowest)', ls.medianMs, `${f(ls.medianMs, 0)} ms wall, ${f(ls.cpuMs, 0)} ms CPU (${ls.mib} MiB)`, '< 1000 ms', ls.medianMs < 1000);
}

if (shell) {
  const rows = [];
  for (const [name, sh] of Object.entries(shell.shells)) {
    for (const [variant, v] of Object.entries(sh.variants)) {
      if (variant === 'plain') continue;
      rows.push([`${name} ${variant}`, f(v.added_ms_per_command, 3), f(v.added_cpu_ms_per_command, 3), f(v.added_bytes_per_command, 1), `${v.d_records}/${shell.commands + 1}`]);
    }
  }
  sections.push({
    title: `7. Shell snippets: ${shell.commands} commands typed at once, ${shell.reps} reps, medians, against the same shell without the snippet (load average at the end ${shell.loadavg_end})`,
    header: ['shell', 'added ms per command (wall)', 'added CPU ms per command', 'added bytes per command', 'D records (commands + the last line)'],
    rows,
  });
  const bash = shell.shells.bash?.variants.snippet;
  const zsh = shell.shells.zsh?.variants.snippet;
  if (bash) target('6. bash snippet, ms per command', bash.added_ms_per_command, `${f(bash.added_ms_per_command, 3)} ms`, '≤ 1.6 ms (prototype)', bash.added_ms_per_command <= 1.6);
  if (zsh) target('6. zsh snippet, ms per command', zsh.added_ms_per_command, `${f(zsh.added_ms_per_command, 3)} ms`, '≤ 0.15 ms (prototype)', zsh.added_ms_per_command <= 0.15);
}

sections.push({ title: 'Targets', header: ['target', 'measured', 'goal', 'result'], rows: targets.map((t) => [t.target, t.measured, t.goal, t.result]) });

// ------------------------------------------------------------ render
const text = (sec) => {
  const widths = sec.header.map((h, i) => Math.max(h.length, ...sec.rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [sec.title, line(sec.header), line(widths.map((w) => '-'.repeat(w))), ...sec.rows.map(line)].join('\n');
};
const md = (sec) => {
  const esc = (c) => String(c ?? '').replaceAll('|', '\\|');
  return [`**${sec.title}**`, '', `| ${sec.header.map(esc).join(' | ')} |`, `|${sec.header.map(() => '---').join('|')}|`, ...sec.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
};
const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const elapsed = started ? Math.round(Date.now() / 1000 - started) : null;
const headline =
  `tmux-audit benchmark, ${when}${elapsed ? `, ${elapsed} s` : ''}: ${machine.nproc} × ${machine.cpu}, ${machine.ram_gib} GiB, ${machine.tmux}, node ${machine.node}; ` +
  `HEAD ${git.head_at_start}, dist/audit.cjs ${git.dist_at_start || '?'} (copy measured: sha256 ${git.measured_sha256.slice(0, 12)}, reader run as node ${git.reader_node_flags || '(no flags)'}${git.dist_changed_during_run ? '; dist/ was rebuilt during the run' : ''}); ` +
  `corpus ${corpus ? `${corpus.bytes} bytes, ${corpus.lines} lines, sha256 ${corpus.sha256.slice(0, 12)}` : '-'}; load average at the end ${machine.loadavg_end.join(' ')}`;
const table = `${headline}\n\n${sections.map(text).join('\n\n')}\n`;
process.stdout.write(`\n${table}`);
fs.writeFileSync(path.join(OUT, 'table.md'), `${headline}\n\n${sections.map(md).join('\n\n')}\n`);
fs.writeFileSync(path.join(OUT, 'table.txt'), table);

const results = {
  generated: when,
  command: process.env.BENCH_COMMAND || 'npm run bench',
  elapsed_s: elapsed,
  machine,
  git,
  corpus,
  targets,
  sections: { end_to_end: e2e, reader_alone: reader, memory: { tmux_flood: flood, fullscreen, reader_alone: memory, panes: tmux?.panes ?? null }, latency: tmux ? { toggle: tmux.toggle, line_to_disk: tmux.line_to_disk, printed_to_disk: tmux.printed_to_disk } : null, status, shell },
};
fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`\nwritten: ${path.relative(process.cwd(), path.join(OUT, 'results.json'))}, ${path.relative(process.cwd(), path.join(OUT, 'table.md'))}\n`);
