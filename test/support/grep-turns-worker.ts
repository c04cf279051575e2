// The scan worker of test/support/grep-threads.ts: the command's own worker
// loop (src/commands/grep-worker.ts runs the same), taking its files by turns.

import { workerData } from 'node:worker_threads';
import { workLoop, type WorkerData } from '../../src/commands/grep-parallel.ts';
import { byTurns } from './grep-threads.ts';

workLoop(workerData as WorkerData, byTurns);
