// Recordings whose reader is gone without a stop event (the reader and its
// supervising shell both killed: `kill -9`, OOM): noticed at the next toggle of
// the pane and when the plugin loads (`sweep`), and closed in the log with
// `stop reason=lost`, so no recording just trails off.

import fs from 'node:fs';
import path from 'node:path';
import { recordingIdentity } from '../capture/identity.ts';
import { OPTIONS, resolveOptions } from '../core/options.ts';
import { pidFilePath } from '../core/paths.ts';
import { removeNoteFiles } from '../runtime/notes.ts';
import { Stamper } from '../capture/stamper.ts';
import { externalStopFields, sealFilePath } from '../chain/external-stop.ts';
import { livingReader, readRecording, stopFiles, toggleStopNoncesOf, type Recording } from '../runtime/runfile.ts';
import { appendRecords } from '../sinks/file/append.ts';
import { heldNotePath } from '../sinks/file/noted-files.ts';
import { recordFormat } from '../format/formats.ts';
import type { Tmux } from '../tmux/client.ts';
import { READER_START_TIMEOUT_MS, type Outcome } from './toggle.ts';

/**
 * Closes the recording a pane is marked with if its reader is gone: a `stop
 * reason=lost` event, run files removed, marks cleared. Returns the recording
 * id it closed, or undefined when there was nothing to close.
 */
export function closeLostRecording(tmux: Tmux, pane: { paneId: string; recording: string; runFile: string }): string | undefined {
  if (pane.recording === '' || livingReader(pane.runFile) !== undefined || starting(pane.runFile)) return undefined;
  const claimed = claim(pane.runFile, tmux);
  const recording = claimed?.recording;
  if (claimed && recording && recording.id === pane.recording) {
    const lost = new Stamper(recordingIdentity(recording)).event('stop', { reason: 'lost', ...claimed.bound }, Date.now());
    try {
      appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [lost]);
    } catch {
      // The log cannot be written: the marks are still cleared, and the toggle's message tells the user.
    }
  }
  if (claimed) fs.rmSync(claimed.path, { force: true });
  // Another sweep has it (a hook ran at the same time): its stop comes before anything this toggle starts.
  else awaitOtherClaim(pane.runFile);
  try {
    tmux.clearMarks(pane.paneId, pane.recording);
  } catch {
    // the pane is gone
  }
  return recording?.id === pane.recording ? pane.recording : undefined;
}

/**
 * A toggle marks the pane before its reader has written its pid (the toggle
 * waits up to READER_START_TIMEOUT_MS for it, and undoes the marks if it never
 * comes): a run file that young without a pid file is a reader starting, not
 * one lost.
 */
function starting(runFile: string): boolean {
  if (fs.existsSync(pidFilePath(runFile))) return false;
  const written = fs.statSync(runFile, { throwIfNoEntry: false })?.mtimeMs;
  return written !== undefined && Date.now() - written < READER_START_TIMEOUT_MS + 2000;
}

/**
 * Takes a lost recording's run files for this process alone: sweeps run from
 * several hooks at once (a pane and its session closing), and only the one
 * whose rename succeeds writes the `stop reason=lost`, so it is written once.
 * Returns the recording, or undefined when there was none to take.
 */
function claim(runFile: string, tmux: Tmux): { recording: Recording; bound: { p: string; away?: string; h: string }; path: string } | undefined {
  const claimed = `${runFile}.${process.pid}.closing`;
  try {
    fs.renameSync(runFile, claimed);
  } catch {
    return undefined; // gone: finished, or claimed by another sweep
  }
  try {
    const recording = readRecording(claimed);
    // Bound to the reader's chain before its seal note goes (chain/external-stop.ts).
    // The claimed file stays until the caller has written the stop: a toggle waits for it (awaitOtherClaim).
    return { recording, bound: externalStopFields(runFile, recording.id, 'lost', recording.chainKey, recording.file), path: claimed };
  } catch {
    fs.rmSync(claimed, { force: true });
    return undefined; // not a run file we trust: left aside, not written for
  } finally {
    const nonces = toggleStopNoncesOf(runFile);
    for (const file of [pidFilePath(runFile), ...stopFiles(runFile), sealFilePath(runFile), heldNotePath(runFile)]) fs.rmSync(file, { force: true });
    removeNoteFiles(runFile);
    // The server options of the stops whose requests go (a reader gone after a stop's step): nobody takes them else.
    tmux.takeStopMarks(nonces);
  }
}

/** How long a toggle waits for another process's claim of the same run file to be written and let go. */
const OTHER_CLAIM_MS = 2000;

/** Waits (at most OTHER_CLAIM_MS) while another process holds `runFile` claimed, writing its stop. */
function awaitOtherClaim(runFile: string): void {
  const prefix = `${path.basename(runFile)}.`;
  const held = () => {
    try {
      return fs.readdirSync(path.dirname(runFile)).some((name) => name.startsWith(prefix) && name.endsWith('.closing'));
    } catch {
      return false;
    }
  };
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + OTHER_CLAIM_MS; held() && Date.now() < deadline; ) Atomics.wait(pause, 0, 0, 20);
}

/**
 * `sweep` (run when the plugin loads): closes every lost recording of this
 * server; `sweep --pane` (run when a logged pane comes into view, so the status
 * a user looks at does not say REC for a reader that is gone): that pane's.
 */
export function sweepLost(tmux: Tmux, paneId?: string): Outcome {
  let panes: { paneId: string; recording: string; runFile: string }[];
  try {
    panes = tmux.loggedPanes().panes.filter((pane) => paneId === undefined || pane.paneId === paneId);
  } catch {
    return { messages: [], version: '' }; // loaded before the first session exists: no pane, nothing lost
  }
  const closed = panes
    .map((pane) => closeLostRecording(tmux, pane) && `${pane.paneId} (rec ${pane.recording})`)
    .filter(Boolean);
  if (paneId === undefined) closed.push(...closeOrphans(tmux, new Set(panes.map((pane) => pane.runFile))));
  return { messages: closed.length > 0 ? [`closed ${closed.length} recording(s) whose reader had gone: ${closed.join(', ')}`] : [], version: '' };
}

/**
 * Run files left by recordings whose reader, supervisor and pane are all gone
 * (killed, then the pane closed or the server killed): no pane carries their
 * marks any more, so only the run file remembers them. Each gets its `stop
 * reason=lost`. Run files of panes that are still marked are handled above.
 */
function closeOrphans(tmux: Tmux, marked: ReadonlySet<string>): string[] {
  let dir: string;
  try {
    const raw = tmux.run(['show-option', '-gqv', OPTIONS.dir.name]).replace(/\n$/, '');
    dir = resolveOptions({ dir: raw, timeFormat: '', maxSize: '', maxFiles: '', format: '', cast: '' }, process.env).options.dir;
  } catch {
    return [];
  }
  const runDir = path.join(dir, '.run');
  let names: string[];
  try {
    names = fs.readdirSync(runDir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  const closed: string[] = [];
  for (const name of names) {
    const runFile = path.join(runDir, name);
    if (marked.has(runFile) || livingReader(runFile) !== undefined || starting(runFile)) continue;
    const claimed = claim(runFile, tmux);
    if (!claimed) continue; // closed by another sweep meanwhile, or not a run file we trust
    const { recording } = claimed;
    // A pane that still exists and shows this recording is the marked case; a pane of a live server
    // that shows another, or none, has moved on: its recording is lost all the same.
    const lost = new Stamper(recordingIdentity(recording)).event('stop', { reason: 'lost', ...claimed.bound }, Date.now());
    try {
      appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [lost]);
    } catch {
      continue;
    } finally {
      fs.rmSync(claimed.path, { force: true });
    }
    closed.push(`${recording.paneId || name} (rec ${recording.id})`);
  }
  return closed;
}
