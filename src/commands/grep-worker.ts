// The scan worker's entry (dist/grep-worker.cjs): searches the files of a
// large `grep` the main thread shares with it (grep-parallel.ts).

import { workerData } from 'node:worker_threads';
import { workLoop, type WorkerData } from './grep-parallel.ts';

workLoop(workerData as WorkerData);
