// grep on two threads (src/commands/grep-parallel.ts) for the unit tests,
// whatever the files' sizes and the machine's load: the files shared by turns
// (the main thread the even ones, the worker the odd ones), so the worker
// searches every other file however fast either thread is; the worker the
// source run by tsx (test/support/grep-turns-worker.ts), taking its turns.
// The code sharing, searching and printing is the command's own (shareJobs,
// workLoop); only who takes which file differs from `grep`'s free sharing.

import { Worker } from 'node:worker_threads';
import { jobsOf, planOf, shareJobs, type GrepRequest, type Sharing, type WorkerData } from '../../src/commands/grep-parallel.ts';
import type { Output } from '../../src/commands/output.ts';
import type { LogSet } from '../../src/read/files.ts';
import type { TornStarts } from '../../src/read/scan.ts';
import type { FileError } from '../../src/read/search.ts';

/** The main thread takes jobs 0, 2, 4...; the worker 1, 3, 5... */
export const byTurns: Sharing = (_counters, thread) => {
  let next = thread === 'main' ? 0 : 1;
  return () => (next += 2) - 2;
};

/** A worker script of this directory, from source: a worker does not inherit the main thread's loader (tsx), so it registers it first. */
function startFromSource(script: string, data: WorkerData, extra: Record<string, unknown> = {}): Worker {
  const source = new URL(script, import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`, {
    eval: true,
    workerData: { ...data, ...extra },
    transferList: [data.port],
    stdout: true,
    stderr: true,
  });
}

const startTurnsWorker = (data: WorkerData): Worker => startFromSource('./grep-turns-worker.ts', data);

/** The worker by turns, each of its reads of a log waiting `slowMs` first (test/support/grep-slow-worker.ts). */
export const slowTurnsWorker = (slowMs: number) => (data: WorkerData): Worker => startFromSource('./grep-slow-worker.ts', data, { slowMs });

/** The worker takes jobs 0, 2, 4...; the main thread 1, 3, 5... (a log of one file: the worker searches it). */
export const workerFirst: Sharing = (counters, thread) => byTurns(counters, thread === 'main' ? 'worker' : 'main');

/** Searches `sets` on two threads by turns, printing to `out` as grep prints; the number of lines matched. `torn`: as grep gives jobsOf. */
export function grepByTurns(sets: readonly LogSet[], request: GrepRequest, out: Output, error: FileError, torn?: (set: LogSet) => TornStarts, sharing: Sharing = byTurns): number {
  const plan = planOf(request);
  return shareJobs(plan, request, jobsOf(sets, plan, request.timeFormat, torn), out, error, startTurnsWorker, sharing);
}
