// Diagnostic preload for the memory section (node --import bench/memusage.mjs):
// samples process.memoryUsage() every 10 ms in the reader it is loaded into
// and writes the peaks (MB) to $MEMUSAGE_OUT at exit. It tells what the memory
// is: the V8 heap (heapTotal/heapUsed) or memory outside it (external /
// arrayBuffers: Buffers, such as the log writer's queue). Not used for the
// measured numbers, only for the breakdown.
import fs from 'node:fs';

const out = process.env.MEMUSAGE_OUT;
const peak = {};
const timer = setInterval(() => {
  const m = process.memoryUsage();
  for (const [k, v] of Object.entries(m)) peak[k] = Math.max(peak[k] ?? 0, v);
}, 10);
timer.unref();
process.on('exit', () => {
  if (out) fs.writeFileSync(out, JSON.stringify(Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / 1048576)]))));
});
