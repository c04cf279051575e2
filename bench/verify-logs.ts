// `verify --dir` over a directory of many small logs (each its live file and one rotated file), and over one log of
// many compressed rotated files: what taking each log as one state of the directory costs (read/held-files.ts: two
// readings of the directory and a look at each live file, files held or known, `.gz` gunzipped as read).
// Logs written by the real sink, rotating at 700 bytes; the rotated files of the second case gzipped as
// @audit-compress does. Then each bundle run REPS times, interleaved: median and spread of CPU (user + sys).
//
//   node --import tsx bench/verify-logs.ts [LOGS=1500] [GZ_FILES=80] [REPS=5] [BUNDLE…]   (BENCH_KEEP=DIR: keep the logs there)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AuditRecord, Place } from '../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../src/format/text.ts';
import { FileSink } from '../src/sinks/file/sink.ts';
import { flushed } from '../test/support/sink-flushed.ts';

const [logsArg, gzArg, repsArg, ...given] = process.argv.slice(2);
const logs = Number(logsArg ?? 1500);
const gzFiles = Number(gzArg ?? 80);
const reps = Number(repsArg ?? 5);
const bundles = given.length > 0 ? given : [path.resolve(import.meta.dirname ?? '.', '..', 'dist', 'audit.cjs')];
const root = process.env.BENCH_KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-verify-logs-'));

/** One recording of `lines` lines into `dir/<session>.log`, rotated every 700 bytes. */
async function writeLog(dir: string, session: string, lines: number): Promise<void> {
  const place: Place = { server: '/tmp/s', session, window: '0', pane: '0', paneId: '%0' };
  const rec = `BENCH${String(lines).padStart(5, '0')}`.slice(0, 10);
  const record = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
  const sink = new FileSink(path.join(dir, `${session}.log`), new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 700, maxFiles: 1_000_000, compress: false, onError: () => {}, onRecover: () => {}, onRotateError: () => {} }, {});
  const t0 = Date.UTC(2026, 10, 26, 12);
  sink.write(record(t0, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < lines; i++) {
    sink.write(record(t0 + 1 + i, 'line', `line ${String(i).padStart(5, '0')} some output text here`));
    if (i % 16 === 15) await flushed(sink);
  }
  sink.write(record(t0 + lines + 1, 'event', 'stop', { reason: 'toggle' }));
  await sink.close();
}

const many = path.join(root, 'many');
const compressed = path.join(root, 'gz');
if (!fs.existsSync(compressed)) {
  fs.mkdirSync(many, { recursive: true });
  for (let n = 0; n < logs; n++) await writeLog(many, `s${String(n).padStart(5, '0')}`, 20);
  fs.mkdirSync(compressed);
  await writeLog(compressed, 'main', gzFiles * 16);
  for (const name of fs.readdirSync(compressed).filter((name) => /\.log\.\d{8}T/.test(name))) {
    const file = path.join(compressed, name);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file)));
    fs.rmSync(file);
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [what, dir] of [[`${logs} logs`, many], ['one log', compressed]] as const) {
  const runs = new Map<string, number[]>(bundles.map((bundle) => [bundle, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const bundle of bundles) {
      const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, bundle, 'verify', '--dir', dir, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (run.status !== 0) throw new Error(`${bundle} on ${dir}: exit ${run.status}: ${run.stdout.slice(0, 500)}${run.stderr.slice(0, 500)}`);
      const [user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
      runs.get(bundle)!.push(user! + sys!);
    }
  }
  console.log(`${what}: ${fs.readdirSync(dir).length} files, ${reps} reps, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  for (const [bundle, cpu] of runs) console.log(`  ${bundle}: CPU median ${median(cpu).toFixed(2)} s (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)})`);
}
if (process.env.BENCH_KEEP === undefined) fs.rmSync(root, { recursive: true, force: true });
