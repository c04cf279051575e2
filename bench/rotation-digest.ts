// What the rotated-files ledger's digest (issue 13, sinks/file/file-digest.ts, ledger-names.ts) costs a reader:
// (1) one rotated file hashed in the background as the writer does it (digestInBackground: 256 KiB reads on libuv's
// pool, each hashed on the main thread): CPU ms per file, and the longest the main thread went without turning (a
// setImmediate ticker: what a reader's read waits at most); (2) the ledger: bytes a rotation appends, keyed and
// plain, with and without the digest line, and how many rotations the capped ledger keeps (the fewest `rotated`
// name lines it holds once it has been trimmed, over REPS×… rotations through the real noteRotated/noteDigest).
//
//   node --import tsx bench/rotation-digest.ts [MIB=10] [REPS=9]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { digestInBackground } from '../src/sinks/file/file-digest.ts';
import { ledgerLines, noteDigest, noteRotated, LEDGER_BYTES } from '../src/sinks/file/rotated-ledger.ts';

const mib = Number(process.argv[2] ?? 10);
const reps = Number(process.argv[3] ?? 9);
const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'rotation-digest-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const span = (xs: number[]): string => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

/** The longest the main thread went without turning while `work` ran (a setImmediate ticker, which burns CPU itself). */
async function longestGap(work: () => Promise<void>): Promise<number> {
  let gap = 0;
  let last = performance.now();
  let ticking = true;
  const tick = (): void => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  ticking = false;
  return gap;
}

const hash = (file: string, size: number): Promise<void> =>
  new Promise<void>((resolve) => digestInBackground(fs.openSync(file, 'r'), size, (sha) => (sha ? resolve() : process.exit(1))));

/** One digest's CPU (the process's, pool threads included) and wall; then the longest gap with it and, for the same wall, without. */
async function hashOnce(file: string, size: number): Promise<{ cpu: number; wall: number; gap: number; idle: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await hash(file, size);
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const gap = await longestGap(() => hash(file, size));
  const idle = await longestGap(() => new Promise((resolve) => setTimeout(resolve, wall)));
  return { cpu: (used.user + used.system) / 1000, wall, gap, idle };
}

try {
  const file = path.join(dir, 'main.log.20261127T000000.000Z');
  const line = `${'2026-11-27T05:00:00.000+00:00 root main:0.0 | '.padEnd(100, 'x')}\n`;
  fs.writeFileSync(file, line.repeat(Math.ceil((mib * 1024 * 1024) / line.length)).slice(0, mib * 1024 * 1024));
  const size = fs.statSync(file).size;
  await hashOnce(file, size); // warm-up
  const runs: { cpu: number; wall: number; gap: number; idle: number }[] = [];
  for (let i = 0; i < reps; i++) runs.push(await hashOnce(file, size));
  const [cpu, wall, gap, idle] = (['cpu', 'wall', 'gap', 'idle'] as const).map((k) => runs.map((r) => r[k]));
  console.log(`digest of a ${mib} MiB rotated file, ${reps} runs (load ${os.loadavg()[0]!.toFixed(1)}): CPU ms median ${median(cpu!).toFixed(1)} (${span(cpu!)}), wall ms ${median(wall!).toFixed(1)} (${span(wall!)}); longest main-thread gap ms ${median(gap!).toFixed(2)} (${span(gap!)}), the ticker alone as long ${median(idle!).toFixed(2)} (${span(idle!)})`);
  const stat = fs.statSync(file);
  const stamp = (n: number): string => new Date(Date.UTC(2026, 10, 27) + n * 1000).toISOString().replace(/[-:]/g, '');
  for (const key of [undefined, Buffer.from('k'.repeat(32))]) {
    for (const digest of [false, true]) {
      const log = path.join(dir, `${key ? 'keyed' : 'plain'}-${digest ? 'digest' : 'none'}.log`);
      const ledger = path.join(dir, `.${path.basename(log)}.rotated`);
      let kept = Number.POSITIVE_INFINITY;
      let bytes = 0;
      const rotations = 4000;
      for (let n = 0; n < rotations; n++) {
        const before = fs.statSync(ledger, { throwIfNoEntry: false })?.size ?? 0;
        noteRotated(log, stat, key, stamp(n), n >= 1000 ? [stamp(n - 1000)] : []);
        if (digest) noteDigest(log, stamp(n), { size: stat.size, sha: 'ab'.repeat(32) }, key);
        const after = fs.statSync(ledger).size;
        if (after > before && n === 2000) bytes = after - before;
        if (after < before) kept = Math.min(kept, ledgerLines(log).filter((l) => l.startsWith('rotated ') && !l.includes(' sha256=')).length);
      }
      console.log(`ledger ${key ? 'keyed' : 'plain'}, ${digest ? 'with' : 'without'} the digest line: ${bytes} bytes a rotation (one pruned, as at a steady @audit-max-files), ${kept} rotations kept at least (LEDGER_BYTES ${LEDGER_BYTES})`);
    }
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
