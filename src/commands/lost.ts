// Recordings whose reader is gone without a stop event (the reader and its
// supervising shell both killed: `kill -9`, OOM): noticed at the next toggle of
// the pane and when the plugin loads (`sweep`), and closed in the log with
// `stop reason=lost`, so no recording just trails off.

import fs from 'node:fs';
import { recordingIdentity } from '../capture/identity.ts';
import { pidFilePath } from '../core/paths.ts';
import { Stamper } from '../capture/stamper.ts';
import { livingReader, readRecording, removeRunFiles, type Recording } from '../runtime/runfile.ts';
import { appendRecords } from '../sinks/file/append.ts';
import type { Tmux } from '../tmux/client.ts';
import { READER_START_TIMEOUT_MS, type Outcome } from './toggle.ts';

/**
 * Closes the recording a pane is marked with if its reader is gone: a `stop
 * reason=lost` event, run files removed, marks cleared. Returns the recording
 * id it closed, or undefined when there was nothing to close.
 */
export function closeLostRecording(tmux: Tmux, pane: { paneId: string; recording: string; runFile: string }): string | undefined {
  if (pane.recording === '' || livingReader(pane.runFile) !== undefined || starting(pane.runFile)) return undefined;
  let recording: Recording | undefined;
  try {
    recording = readRecording(pane.runFile);
  } catch {
    // No run file: its reader (or recover) finished and wrote its stop; only the marks were left.
  }
  if (recording && recording.id === pane.recording) {
    const lost = new Stamper(recordingIdentity(recording)).event('stop', { reason: 'lost' }, Date.now());
    try {
      appendRecords(recording.file, recording.timeFormat, [lost]);
    } catch {
      // The log cannot be written: the marks are still cleared, and the toggle's message tells the user.
    }
    removeRunFiles(pane.runFile, recording.id);
  }
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
  return { messages: closed.length > 0 ? [`closed ${closed.length} recording(s) whose reader had gone: ${closed.join(', ')}`] : [], version: '' };
}
