// The reader's CPU in process, stage by stage, without its I/O: the corpus (as the pty gives it) fed in
// 4095-byte reads to the parser alone (`parser`), then through Recorder -> Pipeline([Hold]) (`+lines`:
// the line and screen models and the recorder), with the Redactor (`+redact`), and with a sink that
// formats each record as a text line and hashes the batches into a SealChain (`+format`), and with the
// real file sink and its writer (`+file`: chained, into a file in TMPDIR, the event loop let run every
// 16 reads so that writes go on as they would; CPU of the whole process, its I/O threads included). CPU
// ms (user + system) per pass, min and median. Steadier than the reader through a socket on a busy machine;
// for choosing between versions of the hot path (then check with bench/same-log.sh).
//
//   node --max-semi-space-size=1 --import tsx bench/reader-stages.ts CORPUS_PTY [REPS] (ONLY=+format: one stage)
import fs from 'node:fs';
import { Recorder } from '../src/capture/recorder.ts';
import { Stamper } from '../src/capture/stamper.ts';
import type { AuditRecord } from '../src/core/record.ts';
import { Hold } from '../src/pipeline/hold.ts';
import { Pipeline } from '../src/pipeline/pipeline.ts';
import { Redactor } from '../src/pipeline/redact.ts';
import { EscapeCleaner, type Perform } from '../src/terminal/ansi.ts';
import { recordFormat } from '../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../src/format/text.ts';
import { SealChain } from '../src/chain/seal.ts';
import type { Sink } from '../src/sinks/sink.ts';
import { FileSink } from '../src/sinks/file/sink.ts';
import os from 'node:os';
import path from 'node:path';
const data = fs.readFileSync(process.argv[2]!);
const reps = Number(process.argv[3] ?? 5);
const PLACE = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
const PIECE = 4095;
const nop: Perform = { print() {}, execute() {}, csi() {}, esc() {}, screen() {}, osc() {} };
// FORMAT=json: the JSON Lines format instead of text.
const fmt = recordFormat((process.env.FORMAT ?? 'text') as never, DEFAULT_TIME_FORMAT);
function sinkOf(full: boolean): Sink {
  const chain = new SealChain();
  let batch = '';
  return { write: (r: AuditRecord) => { if (full) { batch += fmt.format(r); if (batch.length > 16384) { chain.update(Buffer.from(batch)); batch = ''; } } }, flush() {}, close: async () => {}, backlog: 0 } as unknown as Sink;
}
const stages: Record<string, () => number> = {
  parser: () => { const c = new EscapeCleaner(); const t = process.cpuUsage(); for (let at = 0; at < data.length; at += PIECE) c.advance(data.subarray(at, at + PIECE), nop, 1000); const u = process.cpuUsage(t); return (u.user + u.system) / 1000; },
};
for (const [name, redact, full] of [['+lines', false, false], ['+redact', true, false], ['+format', true, true]] as const) {
  stages[name] = () => {
    const hold = new Hold();
    const pipeline = new Pipeline(redact ? [hold, new Redactor({})] : [hold], [sinkOf(full)]);
    const recorder = new Recorder(new Stamper({ rec: 'R', user: 'u', place: PLACE }), pipeline, { now: () => 1000, hold });
    recorder.start({ by: 'u' }, '', false);
    const t = process.cpuUsage();
    for (let at = 0; at < data.length; at += PIECE) recorder.push(data.subarray(at, at + PIECE));
    recorder.endOfInput();
    const u = process.cpuUsage(t);
    void recorder.stop({ reason: 'eof' });
    return (u.user + u.system) / 1000;
  };
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reader-stages-'));
const fileStage = async (): Promise<number> => {
  const file = path.join(dir, 'x.log');
  fs.rmSync(file, { force: true });
  const fail = (error: Error): never => { throw error; };
  const sink = new FileSink(file, fmt, { maxBytes: 1e12, maxFiles: 2, onError: fail, onRecover() {}, onRotateError: fail });
  const hold = new Hold();
  const pipeline = new Pipeline([hold, new Redactor({})], [sink]);
  const recorder = new Recorder(new Stamper({ rec: 'R', user: 'u', place: PLACE }), pipeline, { now: () => 1000, hold });
  recorder.start({ by: 'u' }, '', false);
  const t = process.cpuUsage();
  for (let at = 0, reads = 0; at < data.length; at += PIECE) {
    recorder.push(data.subarray(at, at + PIECE));
    if (++reads % 16 === 0) {
      pipeline.flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  recorder.endOfInput();
  await recorder.stop({ reason: 'eof' });
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
};
const times: Record<string, number[]> = {};
const only = process.env.ONLY;
for (let r = 0; r < reps; r++) {
  for (const [n, f] of Object.entries(stages)) if (!only || n === only) (times[n] ??= []).push(f());
  if (!only || only === '+file') (times['+file'] ??= []).push(await fileStage());
}
fs.rmSync(dir, { recursive: true, force: true });
for (const [n, t] of Object.entries(times)) { t.sort((a, b) => a - b); console.log(`${n.padEnd(10)} min ${t[0]!.toFixed(0)} median ${t[t.length >> 1]!.toFixed(0)} ms`); }
