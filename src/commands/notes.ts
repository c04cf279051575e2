// What the hooks' helpers (commands/renamed.ts, commands/clients.ts) share:
// a note for a logged pane goes to the reader of its recording (runtime/notes.ts),
// which records it in order and in its chain; with no living reader it is dropped.

import type { EventFields } from '../core/record.ts';
import { sendNote } from '../runtime/notes.ts';
import { livingReader, readRecording } from '../runtime/runfile.ts';

/** Tells the living reader of the pane's recording `name` with `fields`; false when none takes it. */
export function noteToReader(pane: { runFile: string; recording: string }, name: string, fields: EventFields): boolean {
  let id: string;
  try {
    id = readRecording(pane.runFile).id;
  } catch {
    return false; // stopped meanwhile
  }
  if (id !== pane.recording) return false;
  const pid = livingReader(pane.runFile);
  if (pid === undefined) return false;
  try {
    return sendNote(pane.runFile, id, pid, { name, fields });
  } catch {
    return false; // the run directory went away, or is not ours alone any more
  }
}
