// `verify` over a log split into many small rotated files with many stretches edited: the case whose search for
// renamed files (chain/renamed-files.ts) made every pair of the files the breaks cover (5,000 files: 12 M pairs).
// One recording written by the real sink, rotating at 700 bytes (a batch of 16 lines a file), every stretch's 500th
// line edited; then `node <bundle> verify --dir` run REPS times: median and spread of CPU (user + sys) and peak RSS.
//
//   node --import tsx bench/verify-files.ts [STRETCHES=80] [REPS=3] [BUNDLE…]   (BENCH_KEEP=DIR: keep the log there)
//
// Several bundles (a `dist/audit.cjs` of each version, copied out) run interleaved, one rep of each in turn.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditRecord, Place } from '../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../src/format/text.ts';
import { FileSink } from '../src/sinks/file/sink.ts';
import { flushed } from '../test/support/sink-flushed.ts';

const [stretchesArg, repsArg, ...given] = process.argv.slice(2);
const stretches = Number(stretchesArg ?? 80);
const reps = Number(repsArg ?? 3);
const bundles = given.length > 0 ? given : [path.resolve(import.meta.dirname ?? '.', '..', 'dist', 'audit.cjs')];
const dir = process.env.BENCH_KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-bench-verify-'));

if (!fs.existsSync(path.join(dir, 'main.log'))) {
  fs.mkdirSync(dir, { recursive: true });
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
  const record = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'BENCHREC01', user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
  const sink = new FileSink(path.join(dir, 'main.log'), new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 700, maxFiles: 1_000_000, compress: false, onError: () => {}, onRecover: () => {}, onRotateError: () => {} }, {});
  const t0 = Date.UTC(2026, 10, 26, 12);
  sink.write(record(t0, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < stretches * 1000 - 10; i++) {
    sink.write(record(t0 + 1 + Math.floor(i / 50), 'line', `line ${String(i).padStart(5, '0')} some output text here`));
    if (i % 16 === 15) await flushed(sink);
  }
  sink.write(record(t0 + stretches * 1000, 'event', 'stop', { reason: 'toggle' }));
  await sink.close();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, 'utf8');
    const changed = text.replace(/line (\d\d500) some/g, 'LINE $1 some');
    if (changed !== text) fs.writeFileSync(file, changed);
  }
}
const files = fs.readdirSync(dir).filter((name) => name.startsWith('main.log')).length;

const runs = new Map<string, { cpu: number; rss: number }[]>(bundles.map((bundle) => [bundle, []]));
for (let rep = 0; rep < reps; rep++) {
  for (const bundle of bundles) {
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, bundle, 'verify', '--dir', dir, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const [user, sys, rss] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    runs.get(bundle)!.push({ cpu: user! + sys!, rss: rss! });
  }
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`${files} files, ${stretches} stretches edited, ${reps} reps, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
for (const [bundle, results] of runs) {
  const cpu = results.map((result) => result.cpu);
  console.log(`${bundle}: CPU median ${median(cpu).toFixed(2)} s (${Math.min(...cpu).toFixed(2)}–${Math.max(...cpu).toFixed(2)}), peak RSS median ${Math.round(median(results.map((result) => result.rss)) / 1024)} MB`);
}
if (process.env.BENCH_KEEP === undefined) fs.rmSync(dir, { recursive: true, force: true });
