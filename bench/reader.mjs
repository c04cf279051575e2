// Section 2: the reader alone, no tmux. Each consumer reads the corpus from a
// file on stdin and writes its output to a file on disk (deleted after each
// run); repeats are interleaved, medians reported.
//
//   node bench/reader.mjs CORPUS_PTY REPS
//
// CORPUS_PTY is the corpus as the pty hands it to pipe-pane (LF -> CR LF).
// The helper runs with the node flags the plugin gives its reader.
// CPU time of a run: the user + system time of the waited-for child, read
// from this process's own /proc/self/stat (cutime, cstime: 10 ms ticks), so
// no /usr/bin/time is needed. Writes OUT/reader.json.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELPER, median, now, readerFlags, read, ROOT, round, writeJson } from './lib.mjs';

const READER_FLAGS = readerFlags();

const [corpus, repsArg = '5'] = process.argv.slice(2);
if (!corpus) {
  console.error('usage: node bench/reader.mjs CORPUS_PTY [REPS]');
  process.exit(2);
}
const reps = Number(repsArg);
const bytes = fs.statSync(corpus).size;
const TS_FORMAT = '%Y-%m-%dT%H:%M:%.S'; // ms-precision stamps, like the helper's
const q = (s) => `'${s.replaceAll("'", "'\\''")}'`;

// {in} and {out} are replaced; every command writes a file on disk.
const consumers = [
  { key: 'tmux-audit', cmd: `exec ${[q(process.execPath), ...READER_FLAGS, q(HELPER)].join(' ')} pipe --file {out} --max-size 100G < {in}` },
  // Redaction's cost (issue 14: at most 15 % slower): the same reader with it off.
  { key: 'tmux-audit --no-redact', cmd: `exec ${[q(process.execPath), ...READER_FLAGS, q(HELPER)].join(' ')} pipe --file {out} --max-size 100G --no-redact < {in}` },
  // The hash chain's cost (issue 13: at most 10 % slower): the same reader with its SHA-256 a no-op (bench/no-chain.cjs).
  { key: 'tmux-audit chain-off', cmd: `exec ${[q(process.execPath), ...READER_FLAGS, '-r', q(path.join(ROOT, 'bench', 'no-chain.cjs')), q(HELPER)].join(' ')} pipe --file {out} --max-size 100G < {in}` },
  { key: 'ts', cmd: `exec ts ${q(TS_FORMAT)} < {in} > {out}` },
  { key: 'ansifilter', cmd: 'exec ansifilter < {in} > {out}' },
  { key: 'ansifilter|ts', cmd: `ansifilter < {in} | ts ${q(TS_FORMAT)} > {out}` },
  { key: 'cat', cmd: 'exec cat < {in} > {out}' },
];

const childTicks = () => {
  const stat = read('/proc/self/stat');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(f[13]), sys: Number(f[14]) }; // cutime, cstime
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-reader-'));
const runs = [];
let checked = null;
try {
  for (let rep = 1; rep <= reps; rep++) {
    for (const c of consumers) {
      const out = path.join(dir, `${c.key.replace(/[| ]/g, '-')}.out`);
      fs.rmSync(out, { force: true });
      const cmd = c.cmd.replaceAll('{in}', q(corpus)).replaceAll('{out}', q(out));
      const before = childTicks();
      const t0 = now();
      const code = await new Promise((resolve) => spawn('sh', ['-c', cmd], { stdio: 'ignore' }).on('exit', resolve));
      const wall = (now() - t0) / 1000;
      const after = childTicks();
      const cpu = (after.user - before.user + after.sys - before.sys) / 100;
      const run = {
        rep,
        consumer: c.key,
        exit_code: code,
        wall_s: round(wall, 3),
        user_s: (after.user - before.user) / 100,
        sys_s: (after.sys - before.sys) / 100,
        mbps: round(bytes / wall / 1e6, 1),
        cpu_s_per_gb: round((cpu / bytes) * 1e9, 1),
        out_bytes: fs.existsSync(out) ? fs.statSync(out).size : 0,
      };
      if (c.key === 'tmux-audit' && checked === null) {
        // The helper's output, once: one `|` line per LF of the corpus.
        const lines = Number(execFileSync('awk', ['$4 == "|" { n++ } END { print n + 0 }', out], { encoding: 'utf8' }).trim());
        const want = Number(execFileSync('sh', ['-c', 'tr -dc "\\n" < "$1" | wc -c', 'sh', corpus], { encoding: 'utf8' }).trim());
        checked = { logged_lines: lines, corpus_lines: want, complete: lines === want };
      }
      runs.push(run);
      fs.rmSync(out, { force: true });
      process.stdout.write(`${c.key.padEnd(14)} rep ${rep}  ${String(run.wall_s).padStart(6)} s  ${String(run.mbps).padStart(6)} MB/s  cpu ${run.user_s}+${run.sys_s} s  exit ${code}\n`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const summary = {};
for (const c of consumers) {
  const mine = runs.filter((r) => r.consumer === c.key && r.exit_code === 0);
  summary[c.key] = {
    ok_runs: `${mine.length}/${reps}`,
    wall_s: round(median(mine.map((r) => r.wall_s)), 3),
    mbps: round(median(mine.map((r) => r.mbps)), 1),
    cpu_s_per_gb: round(median(mine.map((r) => r.cpu_s_per_gb)), 1),
    user_s: round(median(mine.map((r) => r.user_s)), 3),
    sys_s: round(median(mine.map((r) => r.sys_s)), 3),
  };
}
for (const key of Object.keys(summary)) {
  summary[key].vs_ts = round(summary[key].mbps / summary.ts.mbps, 2);
  summary[key].vs_ansifilter = round(summary[key].mbps / summary.ansifilter.mbps, 2);
}
writeJson('reader.json', {
  corpus,
  bytes,
  reps,
  ts_format: TS_FORMAT,
  consumers: Object.fromEntries(consumers.map((c) => [c.key, c.cmd])),
  helper_output_check: checked,
  summary,
  runs,
});
