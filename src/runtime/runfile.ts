// A recording's runtime files, shared by the toggle (which writes them) and the
// pipe reader (which runs from them). pipe-pane runs the reader through
// /bin/sh after expanding `%` and `#` in its command, with the tmux server's
// environment (cmd-pipe-pane.c:120, :124–161), so the reader receives one path
// and reads everything else from this file instead of its command line.

import fs from 'node:fs';
import path from 'node:path';
import { forkedBefore, type Forked } from '../core/fork-order.ts';
import { pidFilePath, runFilePane, stopFilePath, toggleStopNonces, toggleStopPath } from '../core/paths.ts';
import type { EventFields } from '../core/record.ts';
import { AuditError } from '../core/errors.ts';
import type { RotateWhen } from '../core/options.ts';
import { checkPrivateDir, readPrivateFile, writePrivateFile } from '../sinks/file/safe-fs.ts';
import type { SyslogTarget } from '../sinks/syslog/target.ts';
import { removeNoteFiles } from './notes.ts';
import { processAlive } from './process.ts';
import { sealFilePath } from '../chain/external-stop.ts';
import { heldNotePath } from '../sinks/file/noted-files.ts';
import type { LogFormatName } from '../format/formats.ts';

export interface Recording {
  id: string;
  file: string;
  /** Whose terminal this is (the tmux server's owner): the user on every line. */
  user: string;
  /** Who started the recording (the client that pressed the key). */
  by: string;
  session: string;
  window: string;
  pane: string;
  paneId: string;
  socket: string;
  version: string;
  timeFormat: string;
  /** `@audit-format` (absent in run files written before it existed: text). */
  format?: LogFormatName;
  maxBytes: number;
  maxFiles: number;
  /** When a new file starts besides the size (absent in run files of older versions: both). */
  rotate?: RotateWhen;
  /** Rotated files older than this are deleted (ms; absent or Infinity: none). */
  maxAgeMs?: number;
  /** Gzip rotated files (absent: no). */
  compress?: boolean;
  /** The chain key's file ('' or absent: a plain chain). */
  chainKey?: string;
  /** What the cursor's line already showed when logging started (usually the prompt). */
  seed: string;
  /** The screen's rows above the cursor when logging started: what the screen model starts from. */
  rowsAbove?: string[];
  /** The pane was in the alternate screen (a full-screen program) when logging started. */
  alternateScreen?: boolean;
  /** The window's alternate-screen option was off at start: the pane never switches, whatever it prints. */
  noAlternateScreen?: boolean;
  /** The pane's width when logging started (none for `pipe --file`). */
  width?: number;
  /** The pane's height when logging started (the screen model's and the cast's; none for `pipe --file`). */
  height?: number;
  /** The pane's pty (#{pane_tty}; absent in run files of older versions): its size after a pause (runtime/pty-size.ts). */
  tty?: string;
  /** `@audit-cast on`: the raw stream is kept too (sinks/file/cast.ts). */
  cast?: boolean;
  /** What the pane already showed when logging started by hand: its rows (joined, no escapes) and when they were captured. */
  history?: { time: number; rows: string[] };
  /** Where and with whom it started, for the start event (core/context.ts). */
  context?: EventFields;
  /** Whether a shell in the pane had registered its key (shell/integration.*): its commands become records. */
  shell?: 'integrated' | 'plain';
  /** `@audit-redact off` (absent: on). */
  redact?: boolean;
  /** `@audit-redact-patterns` (see pipeline/redact.ts). */
  redactPatterns?: string;
  /** `@audit-syslog`: where records are also forwarded. */
  syslog?: SyslogTarget;
  /**
   * How a toggle's stop reaches the reader: 'nonce', a request per stop, honoured only with the server option its step
   * set (ToggleStop). Absent in run files of older versions, whose readers, still running after an upgrade, read the
   * one `.stop` file and whose start left `@audit_piped_by` set: a toggle stops them the older way (commands/toggle.ts).
   */
  stops?: 'nonce';
}

function writePrivate(file: string, text: string): void {
  writePrivateFile(file, text); // whole, under an unpredictable name first: see safe-fs.ts
}

export function writeRecording(runFile: string, recording: Recording): void {
  fs.rmSync(pidFilePath(runFile), { force: true });
  for (const file of stopFiles(runFile)) fs.rmSync(file, { force: true });
  writePrivate(runFile, `${JSON.stringify(recording)}\n`);
}

/**
 * The recording a run file holds, trusted only as the toggle writes it: in
 * `<dir>/.run/`, both directories ours alone, the file ours, 0600, one name,
 * and naming a log directly inside `<dir>`. Whoever could write it otherwise
 * would choose what the reader (running as us) appends where.
 */
export function readRecording(runFile: string): Recording {
  const absolute = path.resolve(runFile);
  const runDir = path.dirname(absolute);
  const dir = path.dirname(runDir);
  if (path.basename(runDir) !== '.run') throw new AuditError(`${runFile} is not a run file (<log directory>/.run/<name>.json): refused`);
  checkPrivateDir(dir);
  checkPrivateDir(runDir);
  // JSON has no Infinity: `@audit-max-files all` (and `@audit-max-age off`) is written as null.
  const recording = JSON.parse(readPrivateFile(absolute), (key, value: unknown) =>
    (key === 'maxFiles' || key === 'maxAgeMs') && value === null ? Number.POSITIVE_INFINITY : value,
  ) as Recording;
  const file: unknown = recording.file;
  if (typeof file !== 'string' || path.dirname(file) !== dir || !/^[^./][^/]*$/.test(path.basename(file))) {
    throw new AuditError(`${runFile} names the log ${JSON.stringify(file)}, which is not directly inside ${dir}: refused`);
  }
  return recording;
}

export function writeReaderPid(runFile: string): void {
  writePrivate(pidFilePath(runFile), `${process.pid}\n`);
}

/**
 * Whether a command line is the reader of a run file: `pipe <run file>`, or an
 * auto-started reader (commands/auto.ts), which pipe-pane tells its pane, not
 * its run file: `pipe-auto … --pane %N`, N as the run file's name has it.
 */
function readsRunFile(cmdline: string, runFile: string): boolean {
  if (cmdline.includes(runFile)) return true;
  const args = cmdline.split('\0');
  const pane = /-(\d+)$/.exec(runFilePane(runFile) ?? '')?.[1];
  const at = args.indexOf('--pane');
  return pane !== undefined && args.includes('pipe-auto') && at >= 0 && args[at + 1] === `%${pane}`;
}

/** The reader's pid while it runs; a reused pid is not taken for it (its command line names the run file). */
export function livingReader(runFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readPrivateFile(pidFilePath(runFile)));
  } catch {
    return undefined;
  }
  if (!processAlive(pid)) return undefined;
  try {
    return readsRunFile(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'), runFile) ? pid : undefined;
  } catch {
    return pid; // no /proc: the signal check is all we have
  }
}

/**
 * The pane's other readers (`pipe <run file>`, or `pipe-auto --socket S --pane %N`) still running, split into
 * those an earlier pipe-pane than this one started (`older`) and the rest. A pipe-pane on a piped pane closes the old
 * pipe (cmd-pipe-pane.c:77-81) and starts the new reader at once: the old one may still be setting up, writing
 * its last lines and its stop while the new one starts. Earlier is told by the sh each pipe-pane forks
 * (cmd-pipe-pane.c:134; the reader is its child, `|| exec recover` follows it): tmux forks them one after
 * another, while the readers themselves may come up in either order within a clock tick; two shs forked within one
 * tick are told apart by their pids, counted around the wrap (core/fork-order.ts).
 */
export function readersByAge(runFile: string, socket: string, paneId: string): { older: number[]; newer: number[] } {
  const own = forkedAt(process.ppid);
  const older: number[] = [];
  const newer: number[] = [];
  const pidMax = readPidMax();
  for (const pid of paneReaders(runFilePane(runFile), socket, paneId)) {
    const parent = processParent(pid);
    const theirs = parent === undefined ? undefined : forkedAt(parent);
    const before = own === undefined || theirs === undefined || forkedBefore(theirs, own, pidMax);
    (before ? older : newer).push(pid);
  }
  return { older, newer };
}

/**
 * The readers of this pane running now but this process, by their exact arguments (see readersByAge): `pipe` with
 * a run file of the pane (`pane` as runFilePane gives it; each recording has its own), or `pipe-auto` of the pane.
 */
export function paneReaders(pane: string | undefined, socket: string, paneId: string): number[] {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return []; // no /proc: nothing to wait for
  }
  const found: number[] = [];
  for (const name of pids) {
    const pid = Number(name);
    // Ours first, before anything of the process is read (another user's command line can be made to block a
    // read): anyone can run a process with a reader's arguments, so only a node of ours may hold a start back.
    if (pid === process.pid || !ourNode(pid)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const at = args.indexOf('pipe');
    const auto = args.indexOf('pipe-auto');
    const piped = at >= 0 && args[at + 1] !== undefined && pane !== undefined && runFilePane(args[at + 1]!) === pane;
    if (piped || (auto >= 0 && argAfter(args, '--socket') === socket && argAfter(args, '--pane') === paneId)) found.push(pid);
  }
  return found;
}

/**
 * The shells of ours (`sh -c COMMAND`) whose command holds `mark`: pipe-pane forks the sh at once
 * (cmd-pipe-pane.c:134), while its reader comes up a node start-up later.
 */
export function shellsRunning(mark: string): number[] {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  return pids.map(Number).filter((pid) => {
    if (pid === process.pid || !ours(pid)) return false;
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[1] === '-c' && args[2]!.includes(mark);
    } catch {
      return false;
    }
  });
}

/**
 * A process of this user (its real uid too: a set-uid program another user starts has our effective uid when
 * we are root, and takes its arguments from them) running this node.
 */
function ourNode(pid: number): boolean {
  try {
    return ours(pid) && fs.readlinkSync(`/proc/${pid}/exe`) === process.execPath;
  } catch {
    return false;
  }
}

/** A process of this user, its real uid too. */
function ours(pid: number): boolean {
  try {
    const uid = process.getuid?.();
    if (fs.statSync(`/proc/${pid}`).uid !== uid) return false;
    const real = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(real) === uid;
  } catch {
    return false;
  }
}

/** A process's start time in clock ticks since boot (proc(5) stat field 22), and its pid. */
function forkedAt(pid: number): Forked | undefined {
  const fields = statFields(pid);
  return fields ? { start: Number(fields[19]), pid } : undefined;
}

/** Where pids wrap (proc(5) /proc/sys/kernel/pid_max); the kernel's default when it cannot be read. */
function readPidMax(): number {
  try {
    const max = Number(fs.readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
    return Number.isInteger(max) && max > 0 ? max : 32768;
  } catch {
    return 32768;
  }
}

function processParent(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields ? Number(fields[1]) : undefined;
}

/** proc(5) stat's fields from the third on: the command's name before them may hold spaces and parentheses. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function argAfter(args: string[], flag: string): string | undefined {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
}

/**
 * Waits until these processes (a pane's older readers) have exited, `limitMs` at most (one stopped with SIGSTOP
 * never does): at start and before anything is stamped, so stamps within a pane do not go back (issue 15), also
 * across two readers. Nothing is read meanwhile; tmux keeps what the pane prints.
 */
export function waitForReaders(pids: number[], limitMs = 2000): void {
  if (pids.length === 0) return;
  const deadline = Date.now() + limitMs;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(processAlive) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 5);
}

/**
 * Why a recording is being stopped, told to the reader before its pipe closes: tmux's word that the pane died
 * (`reason` `pane-exited` with the exit `status`). A toggle's stop is a ToggleStop.
 */
export interface StopRequest {
  by?: string;
  reason?: string;
  status?: string;
}

export function requestStop(runFile: string, request: StopRequest): void {
  writePrivate(stopFilePath(runFile), `${JSON.stringify(request)}\n`);
}

/** Removes a stop request nobody will take (an older recording's, its reader gone: commands/toggle.ts). */
export function withdrawStopRequest(runFile: string): void {
  fs.rmSync(stopFilePath(runFile), { force: true });
}

/**
 * tmux's word that the pane died, for `recording`'s reader. A user's stop (`by`) in this file is a toggle's of an
 * older version, honoured only for a recording of that version (no `stops`): a toggle's stop of a newer recording is
 * a ToggleStop, and one here was not written by its toggle.
 */
export function takeStopRequest(runFile: string, recording: Pick<Recording, 'stops'>): StopRequest | undefined {
  let request: StopRequest;
  try {
    request = JSON.parse(readPrivateFile(stopFilePath(runFile))) as StopRequest;
  } catch {
    return undefined;
  }
  fs.rmSync(stopFilePath(runFile), { force: true });
  if (request.reason === 'pane-exited') return { reason: request.reason, ...(typeof request.status === 'string' ? { status: request.status } : {}) };
  return recording.stops === undefined && typeof request.by === 'string' && request.reason === undefined ? { by: request.by } : undefined;
}

/**
 * A user's stop, written before the toggle's step that closes the pipe (the reader reads it when its input ends), in
 * a file of its own nonce. It is the recording's stop only if that step closed the pipe: tmux/client.ts stopPipe
 * leaves the nonce in a server option as it closes it, and the toggle confirms it here once tmux said so. `pid`: the
 * toggle's, whose confirmation a reader whose server is gone waits for while it runs.
 */
export interface ToggleStop {
  by: string;
  pid: number;
}

export function requestToggleStop(runFile: string, nonce: string, request: ToggleStop): void {
  writePrivate(toggleStopPath(runFile, nonce), `${JSON.stringify(request)}\n`);
}

/**
 * The toggle's step closed the pipe: its request is confirmed, by a rename, so a reader that has taken its requests
 * and removed them meanwhile (it asked the server) leaves nothing behind.
 */
export function confirmToggleStop(runFile: string, nonce: string): void {
  try {
    fs.renameSync(toggleStopPath(runFile, nonce), toggleStopPath(runFile, nonce, true));
  } catch {
    // taken already
  }
}

/** The toggle's step closed nothing (the recording had ended, or another took the pane): its request is nobody's. */
export function withdrawToggleStop(runFile: string, nonce: string): void {
  fs.rmSync(toggleStopPath(runFile, nonce), { force: true });
}

/** The toggle stop requests waiting for the reader of `runFile`: each with its nonce, and whether its toggle confirmed it. */
export function toggleStops(runFile: string): (ToggleStop & { nonce: string; confirmed: boolean })[] {
  const stops = [];
  for (const listed of toggleStopNonces(runFile, runDirNames(runFile))) {
    // One listed as waiting may be confirmed (renamed) by now: then it is read under that name.
    for (const confirmed of listed.confirmed ? [true] : [false, true]) {
      const request = readToggleStop(toggleStopPath(runFile, listed.nonce, confirmed));
      if (request === 'absent') continue;
      if (request) stops.push({ ...request, nonce: listed.nonce, confirmed });
      break;
    }
  }
  return stops;
}

/** A toggle's request; 'absent' if there is no such file; undefined if it is not one the toggle wrote. */
function readToggleStop(file: string): ToggleStop | 'absent' | undefined {
  let request: Partial<ToggleStop>;
  try {
    request = JSON.parse(readPrivateFile(file)) as Partial<ToggleStop>;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'absent' : undefined;
  }
  return typeof request.by === 'string' && Number.isInteger(request.pid) ? { by: request.by, pid: request.pid! } : undefined;
}

function runDirNames(runFile: string): string[] {
  try {
    return fs.readdirSync(path.dirname(runFile));
  } catch {
    return [];
  }
}

/** The nonces of the toggle stop requests of `runFile`, confirmed or not: their server options go with them. */
export function toggleStopNoncesOf(runFile: string): string[] {
  return toggleStopNonces(runFile, runDirNames(runFile)).map(({ nonce }) => nonce);
}

/** Every stop request of `runFile`: tmux's (pane-exited) and the toggles'. */
export function stopFiles(runFile: string): string[] {
  const toggles = toggleStopNonces(runFile, runDirNames(runFile)).map(({ nonce, confirmed }) => toggleStopPath(runFile, nonce, confirmed));
  return [stopFilePath(runFile), ...toggles];
}

/**
 * Removes the run files of a finished recording, unless a newer recording of the pane owns them now (a run file named
 * for its pane only, as before run files were named for their recording). One named for this recording is its own,
 * also when its `.json` is gone already (a start that gave up on its reader removed it: the reader's notes beside it
 * would be left for good).
 */
export function removeRunFiles(runFile: string, recordingId: string): void {
  if (!path.basename(runFile).endsWith(`-${recordingId}.json`)) {
    try {
      if (readRecording(runFile).id !== recordingId) return;
    } catch {
      return;
    }
  }
  for (const file of [runFile, pidFilePath(runFile), ...stopFiles(runFile), sealFilePath(runFile), heldNotePath(runFile)]) fs.rmSync(file, { force: true });
  removeNoteFiles(runFile);
}
