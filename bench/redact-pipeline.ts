// Redaction's cost in process, without the reader's I/O: the corpus through
// Recorder -> Pipeline([hold, redactor?]) -> a sink that only counts, once
// without a redactor, once with a transform that only passes records on, once
// with the Redactor of src/pipeline/redact.ts, and once with each other
// redact.ts given (an older version, to compare); interleaved, CPU ms
// (user + system) per pass, min / p25 / median. Not part of npm run bench:
// its section 2 (the reader with and without --no-redact) is the figure that
// counts; this one is steadier on a busy machine, for choosing.
//
//   node --max-semi-space-size=1 --import tsx bench/redact-pipeline.ts CORPUS_PTY [REPS] [OTHER_REDACT_TS...]

import fs from 'node:fs';
import path from 'node:path';
import { Recorder } from '../src/capture/recorder.ts';
import { Stamper } from '../src/capture/stamper.ts';
import type { AuditRecord } from '../src/core/record.ts';
import { Hold } from '../src/pipeline/hold.ts';
import { type Next, Pipeline, type Transform } from '../src/pipeline/pipeline.ts';
import { Redactor } from '../src/pipeline/redact.ts';
import type { Sink } from '../src/sinks/sink.ts';

const [corpus, repsArg = '9', ...others] = process.argv.slice(2);
if (!corpus) {
  console.error('usage: node --import tsx bench/redact-pipeline.ts CORPUS_PTY [REPS] [OTHER_REDACT_TS...]');
  process.exit(2);
}
const data = fs.readFileSync(corpus);
const PLACE = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
let chars = 0;
const sink: Sink = { write: (record: AuditRecord) => void (chars += record.text.length), flush: () => {}, close: async () => {}, backlog: 0 } as unknown as Sink;
class Pass implements Transform {
  push(record: AuditRecord, next: Next): void {
    next(record);
  }
}
const configs: Record<string, () => Transform | undefined> = { 'no redactor': () => undefined, 'pass-through': () => new Pass(), Redactor: () => new Redactor({}) };
for (const other of others) {
  const { Redactor: Other } = (await import(path.resolve(other))) as { Redactor: typeof Redactor };
  configs[path.basename(other)] = () => new Other({});
}
const times: Record<string, number[]> = {};
for (let rep = 0; rep < Number(repsArg); rep++) {
  for (const [name, make] of Object.entries(configs)) {
    const hold = new Hold();
    const redactor = make();
    const pipeline = new Pipeline(redactor ? [hold, redactor] : [hold], [sink]);
    const recorder = new Recorder(new Stamper({ rec: 'R', user: 'u', place: PLACE }), pipeline, { now: () => 1000, hold });
    recorder.start({ by: 'u' }, '', false);
    const before = process.cpuUsage();
    for (let at = 0; at < data.length; at += 65536) recorder.push(data.subarray(at, at + 65536));
    recorder.endOfInput();
    const used = process.cpuUsage(before);
    (times[name] ??= []).push((used.user + used.system) / 1000);
    await recorder.stop({ reason: 'eof' });
  }
}
for (const [name, t] of Object.entries(times)) {
  t.sort((a, b) => a - b);
  console.log(`${name.padEnd(16)} min ${t[0]!.toFixed(0)} ms  p25 ${t[t.length >> 2]!.toFixed(0)}  median ${t[t.length >> 1]!.toFixed(0)}`);
}
