// Sections 3b and 4: the plugin in a real tmux server (its own -L socket, the
// plugin loaded from this checkout with run-shell, as the tests do).
//
//   node bench/tmux-probes.mjs [TOGGLES] [LINES] [PANES]
//
// 4a toggle -> REC: from invoking the toggle (what the key binding runs:
//    `run-shell "'node' 'dist/audit.cjs' --report tmux toggle --pane '#{pane_id}' ..."`)
//    until `display -p -t %0 '#{T:status-right}'` shows REC (status-right was
//    '[#{audit_status}]' before the plugin loaded). Polled back to back (each
//    poll is one tmux client, ~2-4 ms). Also: when the run-shell returned.
//    Logging is toggled off again (and the reader has exited) between samples.
// 4b line -> disk: logging on in %0 (bash --norc), `send-keys -l 'echo MARK_n'`
//    + Enter (one tmux command), then the session log is polled every 2 ms
//    until the line `... | MARK_n` is in it.
// 4c line -> disk for output printed by a program, not typed: a loop in %0
//    prints `TICK_<n>_<epoch ms>` every 50 ms (TICKS lines; the stamp from
//    `date +%s%3N` just before the printf); the log is polled every 2 ms and
//    each line's latency is (epoch ms when seen in the log) - (its stamp). This
//    is what paced reads (src/core/pacing.ts) must not slow: a line at a time is
//    read at once.
// 3b memory of PANES logged idle panes: PANES windows, each toggled on, then
//    1.5 s idle; every process of every pipe-pane command (the server's
//    children that are not panes) read from /proc/<pid>/smaps_rollup.
// Writes OUT/tmux.json.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, now, read, round, sleep, smaps, Tmux, writeJson } from './lib.mjs';

const [togglesArg = '10', linesArg = '20', panesArg = '10', ticksArg = '40'] = process.argv.slice(2);
const TICKS = Number(ticksArg);
const TOGGLES = Number(togglesArg);
const LINES = Number(linesArg);
const PANES = Number(panesArg);

const children = (pid) => {
  const text = read(`/proc/${pid}/task/${pid}/children`).trim();
  return text ? text.split(/\s+/).map(Number) : [];
};
const subtree = (pid) => [pid, ...children(pid).flatMap(subtree)];
const comm = (pid) => read(`/proc/${pid}/comm`).trim();

/** Runs tmux asynchronously; resolves with the time (ms) it exited. */
const runAsync = (server, args) =>
  new Promise((resolve) => {
    const child = spawn('tmux', ['-L', server.name, ...args], { env: server.env, stdio: 'ignore' });
    child.on('exit', (code) => resolve({ at: now(), code }));
  });

async function waitUntil(probe, timeoutMs = 10_000, pauseMs = 0) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    if (pauseMs) await sleep(pauseMs);
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

const server = new Tmux(`bench-probe-${process.pid}`, { config: ["set -g status-right '[#{audit_status}]'"] });
const result = { toggle: {}, line_to_disk: {}, printed_to_disk: {}, panes: {} };
try {
  const status = () => server.show('#{T:status-right}');
  const toggle = () => runAsync(server, ['run-shell', '-t', '%0', server.toggleCommand()]);
  // Let the first pane's shell start.
  await sleep(500);

  // ---------------------------------------------------------------- 4a
  const onMs = [];
  const cmdMs = [];
  const offMs = [];
  for (let i = 0; i < TOGGLES; i++) {
    const t0 = now();
    const done = toggle();
    const rec = await waitUntil(() => status().includes('REC') && now(), 10_000, 2);
    const { at, code } = await done;
    onMs.push(rec ? rec - t0 : null);
    cmdMs.push(code === 0 ? at - t0 : null);
    await sleep(100);
    const t1 = now();
    const off = toggle();
    const gone = await waitUntil(() => !status().includes('REC') && now(), 10_000, 2);
    await off;
    offMs.push(gone ? gone - t1 : null);
    // The reader has gone before the next sample.
    await waitUntil(() => server.readerPids().length === 0, 5000, 10);
    await sleep(100);
  }
  result.toggle = {
    samples: TOGGLES,
    on_to_rec_ms: onMs.map((x) => round(x, 1)),
    median_on_to_rec_ms: round(median(onMs), 1),
    median_toggle_command_ms: round(median(cmdMs), 1),
    median_off_to_no_rec_ms: round(median(offMs), 1),
  };
  process.stdout.write(`toggle -> REC: median ${result.toggle.median_on_to_rec_ms} ms (${result.toggle.on_to_rec_ms.join(', ')}); run-shell returned after ${result.toggle.median_toggle_command_ms} ms; off -> no REC ${result.toggle.median_off_to_no_rec_ms} ms\n`);

  // ---------------------------------------------------------------- 4b
  await toggle();
  await waitUntil(() => status().includes('REC'), 5000, 5);
  // The session's log: main.log, or main@<socket>.log for a server other than
  // the default one (the name depends on the version of the plugin).
  const logName = await waitUntil(
    () => fs.existsSync(server.logDir) && fs.readdirSync(server.logDir).find((f) => /^main(@.*)?\.log$/.test(f)),
    5000,
    5,
  );
  if (!logName) throw new Error(`no session log in ${server.logDir}`);
  const log = path.join(server.logDir, logName);
  await sleep(300);
  const lineMs = [];
  let offset = fs.statSync(log).size;
  let tail = '';
  const fd = fs.openSync(log, 'r');
  const buf = Buffer.alloc(1 << 16);
  for (let i = 0; i < LINES; i++) {
    const mark = `MARK_${process.pid}_${i}`;
    const want = `| ${mark}\n`;
    const t0 = now();
    server.run('send-keys', '-t', '%0', '-l', `echo ${mark}`, ';', 'send-keys', '-t', '%0', 'Enter');
    const seen = await waitUntil(
      () => {
        for (;;) {
          const n = fs.readSync(fd, buf, 0, buf.length, offset);
          if (n <= 0) break;
          offset += n;
          tail += buf.toString('utf8', 0, n);
        }
        if (tail.includes(want)) return now();
        tail = tail.slice(-4096);
        return false;
      },
      5000,
      2,
    );
    lineMs.push(seen ? seen - t0 : null);
    tail = '';
    await sleep(50);
  }

  result.line_to_disk = {
    samples: LINES,
    ms: lineMs.map((x) => round(x, 1)),
    median_ms: round(median(lineMs), 1),
    max_ms: round(Math.max(...lineMs.filter((x) => x !== null)), 1),
    lost: lineMs.filter((x) => x === null).length,
  };
  process.stdout.write(`line -> disk: median ${result.line_to_disk.median_ms} ms, max ${result.line_to_disk.max_ms} ms over ${LINES}\n`);

  // ---------------------------------------------------------------- 4c
  const tickMs = new Map();
  const tickLine = /\| TICK_(\d+)_(\d+)\n/g;
  tail = '';
  server.run('send-keys', '-t', '%0', '-l', `for n in $(seq 1 ${TICKS}); do printf 'TICK_%s_%s\\n' $n $(date +%s%3N); sleep 0.05; done`, ';', 'send-keys', '-t', '%0', 'Enter');
  await waitUntil(
    () => {
      for (;;) {
        const n = fs.readSync(fd, buf, 0, buf.length, offset);
        if (n <= 0) break;
        offset += n;
        tail += buf.toString('utf8', 0, n);
      }
      const seenAt = Date.now();
      let last = 0;
      for (const match of tail.matchAll(tickLine)) {
        if (!tickMs.has(match[1])) tickMs.set(match[1], seenAt - Number(match[2]));
        last = match.index + match[0].length;
      }
      tail = tail.slice(last);
      return tickMs.has(String(TICKS));
    },
    TICKS * 50 + 10_000,
    2,
  );
  fs.closeSync(fd);
  const ticks = [...tickMs.values()];
  result.printed_to_disk = {
    samples: TICKS,
    ms: ticks,
    median_ms: median(ticks),
    max_ms: ticks.length ? Math.max(...ticks) : null,
    lost: TICKS - ticks.length,
  };
  process.stdout.write(`printed line -> disk (one every 50 ms): median ${result.printed_to_disk.median_ms} ms, max ${result.printed_to_disk.max_ms} ms over ${TICKS}, lost ${result.printed_to_disk.lost}\n`);

  // ---------------------------------------------------------------- 3b
  for (let i = 1; i < PANES; i++) server.run('new-window', '-d');
  await sleep(500);
  const panes = server.run('list-panes', '-a', '-F', '#{pane_id} #{pane_pid}').trim().split('\n').map((l) => l.split(' '));
  for (const [id] of panes) {
    if (server.show('#{@audit_on}', id) !== '') continue; // %0 is on already
    await runAsync(server, ['run-shell', '-t', id, server.toggleCommand()]);
  }
  const on = await waitUntil(() => panes.every(([id]) => server.show('#{?@audit_on,1,0}#{pane_pipe}', id) === '11'), 10_000, 20);
  await sleep(1500);
  const panePids = new Set(panes.map(([, pid]) => Number(pid)));
  const procs = [];
  for (const top of children(server.pid)) {
    if (panePids.has(top) || comm(top) === 'utempter') continue;
    for (const pid of subtree(top)) procs.push({ pid, comm: comm(pid), ...smaps(pid) });
  }
  const sum = (k) => procs.reduce((a, p) => a + (p[k] || 0), 0);
  const readers = server.readerPids();
  result.panes = {
    panes: panes.length,
    all_logging: Boolean(on),
    readers: readers.length,
    pipe_processes: procs.length,
    processes: procs,
    total_private_kb: sum('private'),
    total_pss_kb: sum('pss'),
    total_rss_kb: sum('rss'),
    per_pane_private_kb: round(sum('private') / panes.length, 0),
    per_pane_pss_kb: round(sum('pss') / panes.length, 0),
    total_private_dirty_kb: sum('private_dirty'),
    per_pane_private_dirty_kb: round(sum('private_dirty') / panes.length, 0),
    tmux_server_rss_kb: Number(read(`/proc/${server.pid}/status`).match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0),
  };
  const mb = (kb) => (kb / 1024).toFixed(1);
  process.stdout.write(
    `${panes.length} logged idle panes: ${procs.length} pipe processes (${[...new Set(procs.map((p) => p.comm))].join(', ')}); ` +
      `private ${mb(result.panes.total_private_kb)} MB total, ${mb(result.panes.per_pane_private_kb)} MB per pane; ` +
      `pss ${mb(result.panes.total_pss_kb)} MB; rss ${mb(result.panes.total_rss_kb)} MB\n`,
  );
} finally {
  await server.kill();
}
writeJson('tmux.json', result);
