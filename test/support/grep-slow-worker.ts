// A scan worker on a slow disk: the command's own worker loop (as
// test/support/grep-turns-worker.ts runs it, by turns), each read of a log
// waiting `slowMs` first (workerData), in this thread only. A worker that is
// slow but working must not be taken for a stuck one.

import fs from 'node:fs';
import { workerData } from 'node:worker_threads';
import { workLoop, type WorkerData } from '../../src/commands/grep-parallel.ts';
import { byTurns } from './grep-threads.ts';

const pause = new Int32Array(new SharedArrayBuffer(4));
const read = fs.readSync;
const slowMs = (workerData as { slowMs: number }).slowMs;
// node's fs functions do not use `this`; the readers call fs.readSync through the module object, so they get this one.
fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
  Atomics.wait(pause, 0, 0, slowMs);
  return read(...args);
}) as typeof fs.readSync;

workLoop(workerData as WorkerData, byTurns);
