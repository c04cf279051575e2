// The scan worker's entry (dist/grep-worker.cjs): searches the files of a
// large `grep` the main thread shares with it (grep-parallel.ts), each thread
// taking the next file when it is free.

import { workerData } from 'node:worker_threads';
import { shareFreely, workLoop, type WorkerData } from './grep-parallel.ts';

workLoop(workerData as WorkerData, shareFreely);
