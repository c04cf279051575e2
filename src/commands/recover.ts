// `recover`: what pipe-pane's shell runs when the reader died without
// finishing (killed, crashed). It ends a torn last line, writes the stop event
// the reader could not, clears the pane's marks so the status goes off at once,
// and tells the user.

import os from 'node:os';
import { recordingIdentity } from '../capture/identity.ts';
import { Stamper } from '../capture/stamper.ts';
import { externalStopFields } from '../chain/external-stop.ts';
import { readRecording, removeRunFiles, toggleStopNoncesOf, type Recording } from '../runtime/runfile.ts';
import { appendRecords } from '../sinks/file/append.ts';
import { recordFormat } from '../format/formats.ts';
import { endsWithNewline } from '../sinks/file/safe-fs.ts';
import { Tmux } from '../tmux/client.ts';

export function recoverReader(runFile: string, status: number): void {
  let recording: Recording;
  try {
    recording = readRecording(runFile);
  } catch {
    return; // the toggle already cleaned up: nothing to recover
  }
  const cause = status > 128 ? { signal: signalName(status - 128) } : { exit: status };
  const said = status > 128 ? `killed by ${cause.signal}` : `exit status ${status}`;
  let torn = false;
  try {
    torn = !endsWithNewline(recording.file); // the torn line ends here rather than merge with the next
  } catch {
    // no file: nothing torn
  }
  // Bound to the reader's chain (chain/external-stop.ts): a stop like this written by anyone else does not verify.
  const bound = externalStopFields(runFile, recording.id, 'reader-died', recording.chainKey, recording.file);
  const stop = new Stamper(recordingIdentity(recording)).event('stop', { reason: 'reader-died', ...cause, ...bound }, Date.now());
  // Opened like every append (safe-fs.ts): no symlink followed, a FIFO neither blocks nor is written.
  let unwritten = '';
  try {
    appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [stop], torn ? '\n' : '');
  } catch (error) {
    // The log is unwritable: the message below still tells the user, and why it is not in the log.
    unwritten = `; not recorded in the log: ${(error as Error).message}`;
  }
  const tmux = new Tmux(recording.socket);
  try {
    // The server options of stops whose requests go with the run files below (a stop's step, then the reader died).
    tmux.takeStopMarks(toggleStopNoncesOf(runFile));
    tmux.clearMarks(recording.paneId, recording.id);
    tmux.message(`tmux-audit: logging of ${recording.paneId} stopped unexpectedly (reader ${said}, rec ${recording.id}); toggle to start again${unwritten}`, {
      version: recording.version,
      error: true,
    });
  } catch {
    // tmux is gone as well
  }
  removeRunFiles(runFile, recording.id);
}

function signalName(signal: number): string {
  const found = Object.entries(os.constants.signals).find(([, number]) => number === signal);
  return found ? found[0] : String(signal);
}
