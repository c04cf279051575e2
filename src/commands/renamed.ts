// `renamed`: what the session-renamed hook runs.

import { recordingIdentity } from '../capture/identity.ts';
import { Stamper } from '../capture/stamper.ts';
import { livingReader, readRecording, type Recording } from '../runtime/runfile.ts';
import { appendRecords } from '../sinks/file/append.ts';
import { recordFormat } from '../format/formats.ts';
import type { Tmux } from '../tmux/client.ts';
import type { Outcome } from './toggle.ts';

/**
 * After a session is renamed: each of its recordings keeps its file and stamps
 * (the log names where a line was printed when it was printed), and gets a
 * `rename` event naming the new session.
 */
export function noteRename(tmux: Tmux, session: string): Outcome {
  const { name, panes } = tmux.loggedPanes(session);
  for (const pane of panes) {
    let recording: Recording;
    try {
      recording = readRecording(pane.runFile);
    } catch {
      continue; // stopped meanwhile
    }
    if (recording.id !== pane.recording || livingReader(pane.runFile) === undefined) continue;
    const rename = new Stamper(recordingIdentity(recording)).event('rename', { to: name }, Date.now());
    appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [rename]);
  }
  return { messages: [], version: '' };
}

/**
 * After a window is renamed by hand (the hook skips automatic renames, which
 * follow every program the window runs): a `window-rename` event naming the
 * new name in each recording of the window's panes.
 */
export function noteWindowRename(tmux: Tmux, window: string): Outcome {
  const { name, panes } = tmux.loggedPanes(undefined, window);
  for (const pane of panes) {
    let recording: Recording;
    try {
      recording = readRecording(pane.runFile);
    } catch {
      continue;
    }
    if (recording.id !== pane.recording || livingReader(pane.runFile) === undefined) continue;
    const rename = new Stamper(recordingIdentity(recording)).event('window-rename', { to: name }, Date.now());
    appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [rename]);
  }
  return { messages: [], version: '' };
}
