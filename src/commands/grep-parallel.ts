// `grep` on both cores: the files of a large search are shared with one
// worker thread (grep-worker.ts, bundled as dist/grep-worker.cjs), each
// thread taking the next file when it is free; the main thread prints every
// file's lines in the walk's order, its own as it finds them when it is the
// next to print, the rest (the worker's, or its own found ahead) kept in
// memory until their turn. The output is what one thread prints, to the byte:
// the same files in the same order, each searched whole by one thread with the
// same code (search.ts grepFile), printed by the same printers
// (grep-print.ts), a file's read errors told at the same point of the output.
//
// Only a search whose files are independent goes parallel: no context (-C
// reads lines across files) and no recordings followed (--user, --rec: a
// recording's start may be in an earlier file). The worker starts while the
// main thread searches: a search under MIN_BYTES is over before it would help.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { openLog } from '../read/chunks.ts';
import type { LogSet } from '../read/files.ts';
import { needsRecordings, type LineFilter } from '../read/filter.ts';
import { makePattern } from '../read/pattern.ts';
import { filesInTimeOrder, grepFile, passesOver, planGrep, type FileError, type GrepPlan } from '../read/search.ts';
import type { TornStarts } from '../read/scan.ts';
import { printHit, printPlain } from './grep-print.ts';
import { MemoryOutput, type Output } from './output.ts';

/** Below this many bytes to search, one thread: the worker's start (loading its bundle, ~40 ms of a core) costs more than it saves. */
export const MIN_BYTES = 64 << 20;
/** Buffers of printed lines kept for reuse by the main thread's own kept lines. */
const SPARE_BUFFERS = 24;
/** Each thread keeps at most this many bytes of lines found ahead of the printing, then waits for the other to catch up. */
const AHEAD_BYTES = 16 << 20;

/** What both threads search with: the pattern as typed (a RegExp is made again in the worker), the filter, the time format. */
export interface GrepRequest {
  source: string;
  ignoreCase?: boolean;
  fixed?: boolean;
  filter: LineFilter;
  timeFormat: string;
  /** `-c`: the lines are counted, not printed. */
  count?: boolean;
}

/** One file to search: its path, the descriptor the main thread holds open for it (-1: open it), where it is among the logs. */
export interface Job {
  path: string;
  fd: number;
  setIndex: number;
  fileIndex: number;
  /** The starts its readers attested in the file, read past (read/scan.ts): offset and length. */
  torn?: [number, number][];
}

/** A read error, where it came in a file's output. */
interface JobError {
  at: number;
  code: string | undefined;
  message: string;
}

/** A file searched: its printed bytes (in pieces), how many lines matched, its read errors. */
interface JobResult {
  index: number;
  bytes: Uint8Array[];
  matched: number;
  errors: JobError[];
  /** What stopped the search in this file (not a read error: a symbolic link refused...), thrown when its turn comes. */
  thrown?: unknown;
}

/** Lines of a file the worker is still searching (every PART_BYTES): printed as soon as it is the file's turn. */
interface JobPart {
  index: number;
  part: Uint8Array[];
}

/**
 * What the worker posts: a file's lines so far, the rest of a file searched
 * (its errors placed in that rest), or that it failed (the main thread then
 * searches that file itself, past the lines already printed).
 */
export type WorkerMessage = JobResult | JobPart | { index: number; failed: string };

/** The worker posts a file's lines every this many bytes: within one file too, its lines kept wait at most AHEAD_BYTES ahead. */
const PART_BYTES = 4 << 20;

/**
 * The shared counters: the next job to take (taken as free), how many results
 * the worker has posted (waited on), the main thread's stop, the worker's
 * "busy with a job" (a stopped search waits for it before closing the
 * descriptors it may be reading) and "started", and how much of its lines
 * wait to be printed.
 */
const NEXT = 0;
const POSTED = 1;
const STOP = 2;
const BUSY = 3;
const READY = 4;
/** Bytes of the worker's lines posted and not yet printed: past AHEAD_BYTES it waits before taking another file. */
const KEPT = 5;
/** Bumped by the worker as it reads (each piece of a file): a worker that reads is alive. */
const PROGRESS = 6;
const COUNTERS = 7;
/** How long a worker may post nothing and read nothing before the main thread gives it up and searches its files itself. */
const WORKER_SILENCE_MS = 10_000;

/**
 * How the two threads share the jobs: each thread gets a taker of its own,
 * which gives the index of its next job (past the last: none left). Both
 * threads' takers must between them give every index once.
 */
export type Sharing = (counters: Int32Array, thread: 'main' | 'worker') => () => number;

/** Each thread takes the next job when it is free: the faster thread searches more files. */
export const shareFreely: Sharing = (counters) => () => Atomics.add(counters, NEXT, 1);

/** Starts the worker thread (its script calls workLoop with the same Sharing as the main thread's). */
export type StartWorker = (data: WorkerData) => Worker;

export interface WorkerData {
  request: GrepRequest;
  jobs: Job[];
  shared: SharedArrayBuffer;
  port: MessagePort;
}

export function planOf(request: GrepRequest): GrepPlan {
  // A plain printer is set so the fast path is on; each file gets its own (runJob).
  return planGrep({ pattern: makePattern(request.source, request), filter: request.filter, context: 0, timeFormat: request.timeFormat, plain: () => undefined }, false);
}

/**
 * Searches one job's file, printing to `out` (counting only, with `count`); its read errors are noted at their place
 * in the output; `progress` told as each piece is read.
 */
export function runJob(plan: GrepPlan, job: Job, out: Output, errors: JobError[], length: () => number, count = false, progress?: () => void): { matched: number; stopped: boolean } {
  const jobPlan = { ...plan, plain: plan.plain && (count ? counted : printPlain(out)), numbered: !count };
  let fd = job.fd >= 0 ? job.fd : undefined;
  const own = fd === undefined;
  try {
    fd ??= openLog(job.path);
    if (fd === undefined) return { matched: 0, stopped: false }; // gone meanwhile (pruned): passed over, as search.ts readFile does
    const torn = job.torn && new Map(job.torn);
    return grepFile(jobPlan, fd, { path: job.path, setIndex: job.setIndex, fileIndex: job.fileIndex, tracker: undefined, context: undefined, progress, torn }, count ? counted : (hit) => printHit(out, hit));
  } catch (failure) {
    const code = (failure as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw failure; // not the file's fault
    errors.push({ at: length(), code, message: (failure as Error).message });
    return { matched: 0, stopped: out.closed };
  } finally {
    if (own && fd !== undefined) fs.closeSync(fd);
  }
}

/** What `-c` does with a line found: nothing (grepFile counts it). */
function counted(): boolean {
  return true;
}

/** The worker's side: takes jobs until none is left (or the main thread stops), posting each file's lines. */
export function workLoop(data: WorkerData, sharing: Sharing): void {
  const counters = new Int32Array(data.shared);
  try {
    takeJobs(data, counters, sharing(counters, 'worker'));
  } finally {
    // Done, whatever ended it (an exception the job's catch did not see: out of memory...): takes no more jobs.
    Atomics.store(counters, READY, 2);
    Atomics.notify(counters, POSTED);
  }
}

function takeJobs({ request, jobs, port }: WorkerData, counters: Int32Array, take: () => number): void {
  Atomics.store(counters, READY, 1);
  Atomics.notify(counters, POSTED);
  let plan: GrepPlan | undefined;
  for (;;) {
    // Busy first, then the stop looked at (the main thread stores its stop, then reads busy): one of the two sees the other.
    // Far ahead of the printing (the main thread on a large file, the worker through many small ones): wait, the memory bounded.
    for (let kept = Atomics.load(counters, KEPT); kept > AHEAD_BYTES && Atomics.load(counters, STOP) === 0; kept = Atomics.load(counters, KEPT)) Atomics.wait(counters, KEPT, kept, 100);
    Atomics.add(counters, BUSY, 1);
    try {
      if (Atomics.load(counters, STOP) !== 0) break;
      const index = take();
      if (index >= jobs.length) break;
      let message: WorkerMessage;
      try {
        plan ??= planOf(request);
        const out = new MemoryOutput(
          () => receiveMessageOnPort(port)?.message as ArrayBuffer | undefined,
          (kept) => {
            if (Atomics.load(counters, STOP) !== 0) kept.closed = true; // stopped (| head gone): this file too
            if (kept.closed || kept.length < PART_BYTES) return;
            post(port, counters, { index, part: kept.take() });
            // As between files: far ahead of the printing, wait; stopped (| head gone), stop this file too.
            for (let ahead = Atomics.load(counters, KEPT); ahead > AHEAD_BYTES && Atomics.load(counters, STOP) === 0; ahead = Atomics.load(counters, KEPT)) Atomics.wait(counters, KEPT, ahead, 100);
            if (Atomics.load(counters, STOP) !== 0) kept.closed = true;
          },
        );
        const errors: JobError[] = [];
        // Errors placed by what is not posted yet: the rest the last message carries.
        // Each piece read (1 MiB) says it is alive (waitForWorker), whether or not its lines print: a count, or a
        // search that finds nothing for a while, prints nothing (a slow expression over a large file was given up
        // after WORKER_SILENCE_MS and searched again by the main thread).
        const alive = (): void => void Atomics.add(counters, PROGRESS, 1);
        const { matched } = runJob(plan, jobs[index]!, out, errors, () => out.length, request.count, alive);
        message = { index, bytes: out.take(), matched, errors };
      } catch (failure) {
        message = { index, failed: String((failure as Error).stack ?? failure) };
      }
      post(port, counters, message);
      if ('failed' in message) break;
    } finally {
      Atomics.sub(counters, BUSY, 1);
      Atomics.notify(counters, POSTED);
    }
  }
}

/** Posts a message to the main thread, counting its lines as kept and the message as posted. */
function post(port: MessagePort, counters: Int32Array, message: WorkerMessage): void {
  const bytes = 'bytes' in message ? message.bytes : 'part' in message ? message.part : [];
  Atomics.add(counters, KEPT, keptSize(bytes));
  port.postMessage(message, bytes.map((piece) => piece.buffer as ArrayBuffer));
  Atomics.add(counters, POSTED, 1);
  Atomics.notify(counters, POSTED);
}

declare const BUNDLED: boolean | undefined;

/**
 * The worker: its script beside the bundle (dist/grep-worker.cjs), or, run
 * from src/ (by tsx), the source, loaded through tsx (a worker
 * does not inherit the main thread's loader).
 */
function startWorker(data: WorkerData): Worker {
  // stdout/stderr true: the worker's own streams, not piped to the process's. Piped (false), node sets up
  // process.stdout here, which turns fd 1 non-blocking (a pipe's libuv handle): every full pipe is then an EAGAIN
  // for Output's synchronous writes (6x slower into `| md5sum`), and for whoever else writes to that pipe.
  const options = { workerData: data, transferList: [data.port], stdout: true, stderr: true };
  if (typeof BUNDLED === 'boolean') return new Worker(path.join(__dirname, 'grep-worker.cjs'), options);
  const source = new URL('./grep-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(source)}); })`, { ...options, eval: true });
}

/**
 * Whether a second thread can help: a second core, and a 1-minute load
 * average under twice the cores. On a machine that busy the worker's start
 * and the copies of its lines (~20 % more CPU for a search that prints a lot)
 * only lengthen the search (a 0.94 GiB search at load 9 on 2 cores: 11.8 and
 * 12.4 s against 10.1 and 10.0 s on one thread); the average lags a minute
 * behind, so the bar is high (work just finished still counts).
 */
export function secondCoreFree(): boolean {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return cores >= 2 && os.loadavg()[0]! < 2 * cores;
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Searches `sets` on two threads, printing to `out` as grep prints; the
 * number of lines matched, or undefined when the search is not one to share
 * (context, recordings followed, under MIN_BYTES): the caller searches alone
 * then.
 */
export function grepInParallel(sets: readonly LogSet[], request: GrepRequest, out: Output, error: FileError, tally?: (matched: number) => void, torn?: (set: LogSet) => TornStarts): number | undefined {
  if (needsRecordings(request.filter)) return undefined;
  const plan = planOf(request);
  // Sized before the time ordering (which opens every file, a .gz gunzipped): a small search, left to grepLogs, is
  // ordered once. A .gz counts at its size on disk: a search mostly of them may stay on one thread that two would speed.
  const searched = sets.flatMap((set) => set.files).filter((file) => !passesOver(plan, file, false));
  if (searched.length < 2) return undefined;
  let total = 0;
  for (const file of searched) total += sizeOf(file.path);
  if (total < MIN_BYTES) return undefined;
  const jobs = jobsOf(sets, plan, request.timeFormat, torn);
  if (jobs.length < 2) {
    for (const job of jobs) closeHeld(job);
    return undefined;
  }
  return shareJobs(plan, request, jobs, out, error, startWorker, shareFreely, tally);
}

/**
 * The files `plan` searches, in time order; the live ones opened now, as search.ts does: one rotated during the search is
 * still read once. `torn`: each log's attested torn starts, read past.
 */
export function jobsOf(sets: readonly LogSet[], plan: GrepPlan, timeFormat: string, torn?: (set: LogSet) => TornStarts): Job[] {
  return filesInTimeOrder(sets, timeFormat)
    .filter(({ file }) => !passesOver(plan, file, false))
    .map(({ set, setIndex, file }) => {
      let fd = -1;
      if (file.rotatedAt === undefined) {
        try {
          fd = openLog(file.path) ?? -1;
        } catch {
          // told when its turn comes
        }
      }
      const starts = torn?.(set).get(file.path);
      return { path: file.path, fd, setIndex, fileIndex: set.files.indexOf(file), ...(starts && { torn: [...starts] }) };
    });
}

/**
 * Searches `jobs` (jobsOf) on this thread and a worker `start`ed, shared as
 * `sharing` shares them, printing to `out` as one thread prints; the number
 * of lines matched, each file's also told to `tally` when it is printed (what
 * a search stopped by a refused file had counted). Each job's descriptor is
 * closed once searched.
 */
export function shareJobs(plan: GrepPlan, request: GrepRequest, jobs: Job[], out: Output, error: FileError, start: StartWorker, sharing: Sharing, tally?: (matched: number) => void): number {
  const counters = new Int32Array(new SharedArrayBuffer(COUNTERS * 4));
  const { port1, port2 } = new MessageChannel();
  let gone = false; // the worker takes no more jobs (failed, or could not start)
  let abandoned = false; // given up as silent: what it may still post is not read, the files it may read not closed
  try {
    const worker = start({ request, jobs, shared: counters.buffer as SharedArrayBuffer, port: port2 });
    worker.unref();
    // An error starting it (its script missing) comes as an event, after the search: it then takes no job.
    worker.on('error', () => {});
  } catch {
    gone = true;
  }
  const results = new Map<number, JobResult>();
  /** The worker's lines of a file it is still searching, not printed yet. */
  const parts = new Map<number, Uint8Array[]>();
  /** Bytes of such lines printed: a file the worker then fails in is searched again here past them. */
  const partsPrinted = new Map<number, number>();
  let posted = 0;
  let next = 0; // the next job to print
  let matched = 0;
  let ahead = 0; // bytes of the main thread's own results kept
  let stopped = false;
  const mine = new Set<number>();
  const take = sharing(counters, 'main');
  const spare: ArrayBuffer[] = [];

  /** Searches a job here, its lines kept for their turn. */
  const keep = (index: number, printed = 0): void => {
    const own = new MemoryOutput(() => spare.pop());
    const errors: JobError[] = [];
    let count = 0;
    let thrown: unknown;
    try {
      count = runJob(plan, jobs[index]!, own, errors, () => own.length, request.count).matched;
    } catch (failure) {
      // One thread would have printed the files before this one, then the lines before the failure, then failed.
      thrown = failure;
    }
    const bytes = dropFirst(own.take(), printed);
    for (const failure of errors) failure.at = Math.max(0, failure.at - printed);
    mine.add(index);
    ahead += lengthOf(bytes);
    results.set(index, { index, bytes, matched: count, errors, ...(thrown === undefined ? {} : { thrown }) });
  };
  const receive = (): void => {
    if (abandoned) return;
    for (let message = receiveMessageOnPort(port1); message; message = receiveMessageOnPort(port1)) {
      posted++;
      const result = message.message as WorkerMessage;
      if ('part' in result) {
        parts.set(result.index, [...(parts.get(result.index) ?? []), ...result.part]);
      } else if ('failed' in result) {
        // Searched here instead: the same lines, in their place (those already printed, passed over).
        gone = true;
        const unprinted = parts.get(result.index) ?? [];
        parts.delete(result.index);
        Atomics.sub(counters, KEPT, keptSize(unprinted));
        keep(result.index, partsPrinted.get(result.index) ?? 0);
      } else {
        const unprinted = parts.get(result.index);
        if (unprinted) {
          // The file's lines not printed yet, before the rest: its errors placed after them.
          parts.delete(result.index);
          const before = lengthOf(unprinted);
          result.bytes = [...unprinted, ...result.bytes];
          result.errors = result.errors.map((failure) => ({ ...failure, at: failure.at + before }));
        }
        results.set(result.index, result);
      }
    }
    if (Atomics.load(counters, READY) === 2 && Atomics.load(counters, POSTED) === posted) gone = true;
  };
  /** Prints the worker's lines of the next file, which it is still searching. */
  const printParts = (): void => {
    const part = parts.get(next);
    if (!part || stopped) return;
    parts.delete(next);
    for (const piece of part) out.writeReady(piece);
    const size = keptSize(part);
    partsPrinted.set(next, (partsPrinted.get(next) ?? 0) + size);
    Atomics.sub(counters, KEPT, size);
    Atomics.notify(counters, KEPT);
    if (!gone) for (const piece of part) port1.postMessage(piece.buffer, [piece.buffer as ArrayBuffer]);
    stopped = out.closed;
  };
  const print = (): void => {
    printParts();
    for (let result = results.get(next); result && !stopped; printParts(), result = results.get(next)) {
      results.delete(next);
      const own = mine.delete(next);
      printResult(out, result, (failure) => error(jobs[next]!.path, Object.assign(new Error(failure.message), { code: failure.code })));
      if (own) {
        ahead -= lengthOf(result.bytes);
        // Printed: its buffers serve the next lines kept here (fresh ones cost page faults, and memory until collected).
        for (const piece of result.bytes) if (spare.length < SPARE_BUFFERS) spare.push(piece.buffer as ArrayBuffer);
      } else {
        Atomics.sub(counters, KEPT, keptSize(result.bytes));
        Atomics.notify(counters, KEPT);
        // The worker's buffers, printed, go back to it for its next lines.
        if (!gone) for (const piece of result.bytes) port1.postMessage(piece.buffer, [piece.buffer as ArrayBuffer]);
      }
      matched += result.matched;
      tally?.(result.matched);
      stopped = out.closed;
      closeHeld(jobs[next]!);
      next++;
      if ('thrown' in result) throw result.thrown;
    }
  };
  /** Searches the next job to print here, printed as found, as one thread prints. */
  const searchNext = (): void => {
    const job = jobs[next]!;
    const errors: JobError[] = [];
    const result = runJob(plan, job, out, errors, () => 0, request.count);
    for (const failure of errors) error(job.path, Object.assign(new Error(failure.message), { code: failure.code }));
    closeHeld(job);
    matched += result.matched;
    tally?.(result.matched);
    stopped = result.stopped || out.closed;
    next++;
  };
  /**
   * Blocks until the worker posts another result (or ends). A worker that
   * posts nothing and reads nothing for WORKER_SILENCE_MS is given up
   * (never started, or ended without a word: its thread's process.exit, a
   * crash; the main thread, blocked here, never sees its 'exit' event): the
   * main thread searches what is left, the same lines.
   */
  let silentSince = 0;
  let lastProgress = -1;
  const waitForWorker = (): void => {
    const seen = Atomics.load(counters, POSTED);
    if (seen === posted && Atomics.load(counters, READY) !== 2) {
      if (Atomics.wait(counters, POSTED, seen, 1000) === 'timed-out') {
        const progress = Atomics.load(counters, PROGRESS);
        const now = Date.now();
        if (progress !== lastProgress || silentSince === 0) {
          lastProgress = progress;
          silentSince = now;
        } else if (now - silentSince >= WORKER_SILENCE_MS) {
          gone = true;
          abandoned = true;
          Atomics.store(counters, STOP, 1);
        }
        return;
      }
    }
    silentSince = 0;
    receive();
  };

  try {
    while (!stopped) {
      receive();
      print();
      while (ahead > AHEAD_BYTES && !stopped && !gone) {
        waitForWorker();
        print();
      }
      if (stopped) break;
      const index = take();
      if (index >= jobs.length) break;
      if (index === next) searchNext(); // its turn: printed as found, as one thread prints
      else keep(index);
    }
    // The worker's last files, in order; a file it will not search (it failed or never started) is searched here.
    while (!stopped && next < jobs.length) {
      if (!results.has(next)) {
        // A job the main thread did not take is the worker's, posted (a failed one is searched here on receipt)
        // unless the worker is gone first: once gone and all it posted received (or given up), nothing more comes
        // for it (one the worker took and could not post, those a worker never started or stopped would have
        // taken): searched here.
        if (gone) searchNext();
        else waitForWorker();
      }
      print();
    }
  } finally {
    Atomics.store(counters, STOP, 1);
    Atomics.notify(counters, KEPT);
    port1.close();
    // A file the worker still reads keeps its descriptor until the worker is done with it. A worker given up may
    // still be reading one: left open then (the command ends soon after; one closed under it could be reused
    // for another file, read as the first).
    if (!abandoned) {
      for (let busy = Atomics.load(counters, BUSY); busy !== 0; busy = Atomics.load(counters, BUSY)) Atomics.wait(counters, POSTED, Atomics.load(counters, POSTED), 100);
      for (const job of jobs) closeHeld(job);
    }
  }
  return matched;
}

/** `pieces` past their first `count` bytes. */
function dropFirst(pieces: Uint8Array[], count: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const piece of pieces) {
    if (count >= piece.length) count -= piece.length;
    else {
      rest.push(count === 0 ? piece : piece.subarray(count));
      count = 0;
    }
  }
  return rest;
}

/** A result's size as the KEPT counter counts it (an Int32: one file's lines count at most 1 GiB). */
function keptSize(pieces: readonly Uint8Array[]): number {
  return Math.min(lengthOf(pieces), 1 << 30);
}

function lengthOf(pieces: readonly Uint8Array[]): number {
  let length = 0;
  for (const piece of pieces) length += piece.length;
  return length;
}

/** Writes a file's kept lines, telling each read error where it came. */
function printResult(out: Output, result: JobResult, told: (failure: JobError) => void): void {
  let done = 0; // bytes written before the current piece
  let errors = 0;
  for (const piece of result.bytes) {
    let from = 0;
    for (; errors < result.errors.length && result.errors[errors]!.at <= done + piece.length; errors++) {
      const at = result.errors[errors]!.at - done;
      out.writeReady(piece.subarray(from, at));
      from = at;
      told(result.errors[errors]!);
    }
    out.writeReady(from === 0 ? piece : piece.subarray(from));
    done += piece.length;
  }
  for (; errors < result.errors.length; errors++) told(result.errors[errors]!);
}

function closeHeld(job: Job): void {
  if (job.fd < 0) return;
  fs.closeSync(job.fd);
  job.fd = -1;
}
