// `verify --key` over a log of many rotated files, compressed, each with its digest line in the ledger and its
// `digest` event in the chain (issue 13):
// what checking the digests adds (each rotated file's first bytes hashed, a `.gz` gunzipped for it). One keyed
// recording written by the real sink (rotating at 1 MiB), the rotated files gzipped; then `node <bundle> verify`
// REPS times per bundle, interleaved: median and spread of CPU (user + sys).
//
//   node --import tsx bench/verify-digests.ts DIR MIB REPS BUNDLE…   (DIR kept: the log is written once)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIGEST_EVENT, digestFields } from '../src/chain/digest-event.ts';
import type { AuditRecord, Place } from '../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../src/format/text.ts';
import { compressInBackground } from '../src/sinks/file/compress.ts';
import { rotatedDigests } from '../src/sinks/file/ledger-names.ts';
import { ledgerLines } from '../src/sinks/file/rotated-ledger.ts';
import { FileSink } from '../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../test/support/log.ts';
import { flushed } from '../test/support/sink-flushed.ts';

const [dir, mibArg, repsArg, ...bundles] = process.argv.slice(2) as [string, string, string, ...string[]];
const key = path.join(dir, 'key');
const log = path.join(dir, 'logs', 'main.log');
if (!fs.existsSync(log)) {
  fs.mkdirSync(path.dirname(log), { recursive: true, mode: 0o700 });
  fs.writeFileSync(key, 'k'.repeat(32), { mode: 0o600 });
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
  let t = Date.UTC(2026, 10, 27, 5);
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'BENCHDIGST', user: 'ann', place, time: (t += 1), kind, text, ...(fields ? { fields } : {}) });
  // Each rotated file's digest also into the chain, as a reader's recording puts it (commands/pipe.ts): the log as written now.
  let stopping = false;
  const sink: FileSink = new FileSink(log, new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 1024 * 1024, maxFiles: 1_000_000, onError: () => {}, onRecover: () => {}, onRotateError: () => {}, directory: 'as-is', onRotatedDigest: (rotated, digest) => {
    if (!stopping) sink.write(record('event', DIGEST_EVENT, digestFields(log, rotated, digest)));
  } }, { key: fs.readFileSync(key) });
  sink.write(record('event', 'start', { by: 'ann' }));
  const lines = Math.ceil((Number(mibArg) * 1024 * 1024) / 90);
  for (let i = 1; i <= lines; i++) {
    sink.write(record('line', `line ${i} ${'x'.repeat(i % 40)}`));
    if (i % 1000 === 0) await flushed(sink);
  }
  await sink.digestsTaken();
  stopping = true;
  sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
  const rotated = logFilesInOrder(log).slice(0, -1);
  const part = (file: string): string => path.basename(file).slice('main.log.'.length);
  for (let i = 0; rotatedDigests(ledgerLines(log), log, new Set(rotated.map(part)), fs.readFileSync(key)).size < rotated.length; i++) {
    if (i > 500) throw new Error('digests not noted');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const file of rotated) await new Promise<void>((resolve, reject) => compressInBackground(file, (error) => (error ? reject(error) : resolve())));
}
console.log(`${logFilesInOrder(log).length} files, ${(fs.readdirSync(path.dirname(log)).filter((n) => n.endsWith('.gz')).length)} gz`);
const cpu: Record<string, number[]> = {};
for (let rep = 0; rep < Number(repsArg); rep++) {
  for (const bundle of bundles) {
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, bundle, 'verify', '--dir', path.dirname(log), '--key', key], { encoding: 'utf8' });
    const [user, sys] = run.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
    if (run.status !== 0) throw new Error(`${bundle}: exit ${run.status}: ${run.stdout}${run.stderr}`);
    (cpu[bundle] ??= []).push(user! + sys!);
  }
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const [bundle, xs] of Object.entries(cpu)) console.log(`${bundle}: CPU s median ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}), load ${os.loadavg()[0]!.toFixed(1)}`);
