// The reading commands' speed, against generated logs (no tmux needed):
//
//   node bench/reading.mjs [--gib N] [--json-gib N] [--files N] [--file-kib N] [--reps N] [--keep DIR]
//
// 1. `ls` over one session with --files rotated files (default 1000) of
//    --file-kib KiB each (default 64), and over the same count of 1 MiB files:
//    cold (the summary cache removed before each run) and warm (kept).
// 2. `grep` over --gib GiB of logs (default 1, in 10 MiB rotated files, 4
//    panes, start/stop events, 2% of lines with UTF-8 text), against GNU
//    `grep -c` over the same files, for a rare word, an absent string GNU
//    grep skips through, a regular expression, -i and a common word (also
//    against `grep -n`, which prints its lines too); and --since, -C 2 and
//    `show` once.
// 3. `grep` over --json-gib GiB (default 0.25) of the same logs as JSON Lines
//    (`@audit-format json`): rare word, absent string, regex and -i.
// Each command runs --reps times (default 3) after one warm-up run (the files
// are then in the page cache for both tools); the median wall time is
// reported, as JSON on the last line too. Commands run as a user runs them:
// `node dist/audit.cjs <command> --dir <dir>`, output to a file (GNU grep
// stops at the first match when its output is /dev/null).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELPER, median, now, OUT, round, seededRandom } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const GIB = Number(opt('--gib', '1'));
const FILES = Number(opt('--files', '1000'));
const FILE_KIB = Number(opt('--file-kib', '64'));
const REPS = Number(opt('--reps', '3'));
const JSON_GIB = Number(opt('--json-gib', '0.25'));
const keep = opt('--keep', '');
const root = keep || fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-reading-'));
fs.mkdirSync(root, { recursive: true });

// Seeded: the same logs on every run.
const rnd = seededRandom(0x1234567);
const words = ['alpha', 'beta', 'gamma', 'delta', 'request', 'GET', 'POST', '/api/v1/items', '/healthz', '200', '404', '500', 'OK', 'error',
  'warning', 'timeout', 'user=alice', 'ms', 'retry', 'cache', 'miss', 'hit', 'db', 'query', 'SELECT', 'FROM', 'orders', 'WHERE', 'id', '=',
  '42', 'latency', 'bytes', 'conn', 'closed', 'opened', 'worker-3', 'shard=7', 'ok', 'done', 'ann@web1:~$', 'ls', '-la', 'make', 'build'];
const utf8 = ['café', 'Zürich', 'straße', 'Ελληνικά', 'текст', '日本語', '中文字符', '→', '✓', '🙂'];

function text() {
  const n = 3 + rnd(18);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(words[rnd(words.length)]);
  if (rnd(50) === 0) parts.push(utf8[rnd(utf8.length)]);
  if (rnd(20000) === 0) parts.push(`needle-${rnd(1000)}`); // the rare word: about 1 line in 20,000
  return parts.join(' ');
}

const stamp = (ms) => new Date(ms).toISOString().replace('Z', '+00:00');
const rotatedName = (live, ms) => `${live}.${new Date(ms).toISOString().replace(/[-:]/g, '')}`;

/** Writes one session's log of about `totalBytes` in files of `fileBytes`: rotated ones, then the live one. */
function writeLog(dir, session, totalBytes, fileBytes, format = 'text') {
  // JSON Lines as format/json.ts writes them (same keys, same order).
  const json = (ms, pane, rec, kind, text, fields) =>
    `${JSON.stringify({ time: stamp(ms), user: 'ann', host: 'web1', server: '/tmp/tmux-1000/default', session, window: '0', pane: String(pane), paneId: `%${pane}`, rec, kind, text, ...(fields ? { fields } : {}) })}\n`;
  fs.mkdirSync(dir, { recursive: true });
  const live = `${session}.log`;
  let ms = Date.UTC(2026, 10, 24, 8, 0, 0);
  let rec = 0;
  const open = new Map(); // pane -> rec id
  let written = 0;
  let fileIndex = 0;
  while (written < totalBytes) {
    let chunk = '';
    while (chunk.length < fileBytes) {
      ms += rnd(40);
      const pane = rnd(4);
      const place = `${session}:0.${pane}`;
      if (!open.has(pane) || rnd(5000) === 0) {
        if (open.has(pane)) chunk += format === 'json' ? json(ms, pane, open.get(pane), 'event', 'stop', { reason: 'toggle', by: 'ann' }) : `${stamp(ms)} ann ${place} * stop rec=${open.get(pane)} reason=toggle by=ann\n`;
        const id = `R${String(rec++).padStart(9, '0')}`;
        open.set(pane, id);
        const by = rnd(2) ? 'ann' : 'bob';
        chunk += format === 'json' ? json(ms, pane, id, 'event', 'start', { by, pane: `%${pane}`, pid: 1000 + rec, file: `${dir}/${live}` }) : `${stamp(ms)} ann ${place} * start rec=${id} by=${by} pane=%${pane} pid=${1000 + rec} file=${dir}/${live}\n`;
      }
      chunk += format === 'json' ? json(ms, pane, open.get(pane), 'line', text()) : `${stamp(ms)} ann ${place} | ${text()}\n`;
    }
    written += Buffer.byteLength(chunk);
    const last = written >= totalBytes;
    fs.writeFileSync(path.join(dir, last ? live : rotatedName(live, ms, 0)), chunk);
    if (!last) ms += 1;
    fileIndex++;
  }
  fs.writeFileSync(path.join(dir, '.last-ms'), String(ms));
  return { files: fileIndex, bytes: written };
}

let lastCpuMs = 0;
// Output goes to a file: GNU grep stops at the first match when its output is /dev/null.
const sink = path.join(root, 'output');

/** CPU ms used by the children this process has waited for (utime + stime of reaped children, /proc/self/stat). */
function childCpuMs() {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10; // cutime, cstime in ticks of 10 ms (USER_HZ 100)
}

/** Wall ms and CPU ms of one run. The machine may be shared: CPU time is what the command itself costs. */
function time(command, argv) {
  const out = fs.openSync(sink, 'w');
  const cpuBefore = childCpuMs();
  const start = now();
  const run = spawnSync(command, argv, { stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 20 });
  const ms = now() - start;
  lastCpuMs = childCpuMs() - cpuBefore;
  fs.closeSync(out);
  if (run.status !== 0 && !(run.status === 1 && argv.includes('grep') || command === 'grep' && run.status === 1)) {
    throw new Error(`${command} ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return ms;
}

function measure(name, command, argv, before = () => {}) {
  before();
  time(command, argv); // warm-up: page cache, node's own start
  const runs = [];
  const cpu = [];
  for (let i = 0; i < REPS; i++) {
    before();
    runs.push(time(command, argv));
    cpu.push(lastCpuMs);
  }
  const shown = argv.map((arg) => ((arg.startsWith(`${root}/grep-`) || arg.startsWith(`${root}/json-`)) && !arg.endsWith('g') ? null : arg)).filter((arg) => arg !== null);
  const files = argv.length - shown.length;
  const result = { name, command: [command === node ? 'node' : command, ...shown.map((arg) => (arg === HELPER ? 'dist/audit.cjs' : arg)), ...(files ? [`<${files} files>`] : [])].join(' '), medianMs: round(median(runs), 1), runsMs: runs.map((ms) => round(ms, 1)), cpuMs: round(median(cpu), 0) };
  console.log(`${name.padEnd(34)} ${String(result.medianMs).padStart(9)} ms   (${result.runsMs.join(', ')}; cpu ${result.cpuMs} ms)`);
  return result;
}

const node = process.execPath;
const results = { loadavgStart: os.loadavg().map((x) => round(x, 2)), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, grep: execFileSync('grep', ['--version'], { encoding: 'utf8' }).split('\n')[0] } };

// ---------------------------------------------------------------- ls
console.log(`== ls: ${FILES} rotated files`);
results.ls = [];
for (const kib of [FILE_KIB, 1024]) {
  const dir = path.join(root, `ls-${FILES}x${kib}k`);
  if (!fs.existsSync(path.join(dir, 'main.log'))) writeLog(dir, 'main', FILES * kib * 1024, kib * 1024);
  const names = fs.readdirSync(dir).filter((name) => !name.startsWith('.'));
  const count = names.length;
  const bytes = names.reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  console.log(`   ${dir}: ${count} files, ${round(bytes / 2 ** 20, 1)} MiB`);
  // Cold: no summary cache (src/read/summary-cache.ts), every file read; warm: the rotated files' summaries kept.
  const forget = () => fs.rmSync(path.join(dir, '.run', 'ls-summaries.cache'), { force: true });
  results.ls.push({ files: count, mib: round(bytes / 2 ** 20, 1), cache: 'cold', ...measure(`ls cold (${count} files of ${kib} KiB)`, node, [HELPER, 'ls', '--dir', dir], forget) });
  results.ls.push({ files: count, mib: round(bytes / 2 ** 20, 1), cache: 'warm', ...measure(`ls warm (${count} files of ${kib} KiB)`, node, [HELPER, 'ls', '--dir', dir]) });
  results.ls.push({ files: count, mib: round(bytes / 2 ** 20, 1), cache: 'warm', ...measure(`ls --json warm (${count} files of ${kib} KiB)`, node, [HELPER, 'ls', '--json', '--dir', dir]) });
}

// ---------------------------------------------------------------- grep
const gdir = path.join(root, `grep-${GIB}g`);
if (!fs.existsSync(path.join(gdir, 'main.log'))) {
  console.log(`== writing ${GIB} GiB of logs in ${gdir}`);
  writeLog(gdir, 'main', GIB * 2 ** 30, 10 * 2 ** 20);
}
const files = fs.readdirSync(gdir).filter((name) => !name.startsWith('.')).map((name) => path.join(gdir, name));
const lastMs = Number(fs.readFileSync(path.join(gdir, '.last-ms'), 'utf8'));
const total = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
console.log(`== grep: ${files.length} files, ${round(total / 2 ** 30, 3)} GiB`);
results.grep = { files: files.length, gib: round(total / 2 ** 30, 3), cases: [] };
const cases = [
  ['rare word', ['needle-42'], ['needle-42']],
  ['absent, GNU grep skips fast', ['rm -rf'], ['rm -rf']],
  ['regex', ['needle-[0-9]+7'], ['needle-[0-9]+7']],
  ['-i', ['-i', 'NEEDLE-42'], ['-i', 'NEEDLE-42']],
  ['common word (1 line in 6)', ['timeout'], ['timeout']],
];
// Each search twice: printing its lines (what a person runs) and counting them (`grep -c`, like for like with GNU grep -c).
for (const [label, ours, theirs] of cases) {
  const gnu = measure(`grep -c ${label}`, 'grep', ['-c', ...theirs, ...files]);
  const audit = measure(`tmux-audit grep ${label}`, node, [HELPER, 'grep', ...ours, '--dir', gdir]);
  const counted = measure(`tmux-audit grep -c ${label}`, node, [HELPER, 'grep', '-c', ...ours, '--dir', gdir]);
  const ratio = round(audit.medianMs / gnu.medianMs, 2);
  const countRatio = round(counted.medianMs / gnu.medianMs, 2);
  console.log(`   ratio ${ratio} printing, ${countRatio} counting`);
  results.grep.cases.push({ label, grepC: gnu, audit, ratio, counted, countRatio });
}
// grep -c prints one count; a search that prints 1.6 million lines is also compared with GNU grep printing them.
const printing = measure('grep -n common word (printing)', 'grep', ['-n', 'timeout', ...files]);
results.grep.printing = { grepN: printing, ratio: round(results.grep.cases.at(-1).audit.medianMs / printing.medianMs, 2) };
console.log(`   ratio to grep -n ${results.grep.printing.ratio}`);
results.grep.since = measure('tmux-audit grep --since (last 2 hours)', node, [HELPER, 'grep', 'needle', '--since', stamp(lastMs - 2 * 3_600_000), '--dir', gdir]);
results.grep.show = measure('tmux-audit show (first recording)', node, [HELPER, 'show', 'R000000000', '--dir', gdir]);
results.grep.context = measure('tmux-audit grep -C 2 rare word', node, [HELPER, 'grep', '-C', '2', 'needle-42', '--dir', gdir]);

// ---------------------------------------------------------------- grep, JSON Lines (@audit-format json)
// Searched with its own shortlist (scan.ts: the needles spelled as format/json.ts writes them, each candidate parsed): informational, no target.
const jdir = path.join(root, `json-${JSON_GIB}g`);
if (!fs.existsSync(path.join(jdir, 'main.log'))) {
  console.log(`== writing ${JSON_GIB} GiB of JSON Lines logs in ${jdir}`);
  writeLog(jdir, 'main', JSON_GIB * 2 ** 30, 10 * 2 ** 20, 'json');
}
const jfiles = fs.readdirSync(jdir).filter((name) => !name.startsWith('.')).map((name) => path.join(jdir, name));
const jtotal = jfiles.reduce((sum, file) => sum + fs.statSync(file).size, 0);
console.log(`== grep, JSON Lines: ${jfiles.length} files, ${round(jtotal / 2 ** 30, 3)} GiB`);
results.json = { files: jfiles.length, gib: round(jtotal / 2 ** 30, 3), cases: [] };
for (const [label, ours, theirs] of cases.slice(0, 4)) {
  const gnu = measure(`JSON: grep -c ${label}`, 'grep', ['-c', ...theirs, ...jfiles]);
  const audit = measure(`JSON: tmux-audit grep ${label}`, node, [HELPER, 'grep', ...ours, '--dir', jdir]);
  const ratio = round(audit.medianMs / gnu.medianMs, 2);
  console.log(`   ratio ${ratio}`);
  results.json.cases.push({ label, grepC: gnu, audit, ratio });
}

results.loadavgEnd = os.loadavg().map((x) => round(x, 2));
if (!keep) fs.rmSync(root, { recursive: true, force: true });
fs.rmSync(sink, { force: true });
// For bench/report.mjs when run by bench/run.sh.
if (process.env.BENCH_OUT) fs.writeFileSync(path.join(OUT, 'reading.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results));
