// Summarises V8 .cpuprofile files (node --cpu-prof) by self time.
//
//   node bench/cpuprofile-summary.mjs FILE_OR_DIR... [--top N]
//
// Self time of a function = the sampling intervals in which it was on top of
// the stack, summed over all its call sites (callFrame: function, file, line).
// Several profiles (a directory) are added up. Prints one row per function:
// ms, % of all samples, function, where.

import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 25;
if (args.length === 0) {
  console.error('usage: node bench/cpuprofile-summary.mjs FILE_OR_DIR... [--top N]');
  process.exit(2);
}
const files = args.flatMap((a) =>
  fs.statSync(a).isDirectory()
    ? fs
        .readdirSync(a)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(a, f))
    : [a],
);

const self = new Map();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000; // µs -> ms
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const key = `${functionName || '(anonymous)'}\t${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
process.stdout.write(`${files.length} profile(s), ${total.toFixed(0)} ms sampled\n`);
process.stdout.write(`${'self ms'.padStart(9)} ${'%'.padStart(6)}  function  (file:line)\n`);
for (const [key, ms] of rows) {
  const [fn, where] = key.split('\t');
  process.stdout.write(`${ms.toFixed(1).padStart(9)} ${((100 * ms) / total).toFixed(1).padStart(6)}  ${fn}  ${where ? `(${where})` : ''}\n`);
}
