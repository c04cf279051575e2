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
  // A reader that has just started (a toggle and then a rename at once) is alive before it has opened its inbox:
  // it is given a moment, so the note is not dropped. One moment per helper, however many panes it tells.
  const until = (inboxDeadline ??= Date.now() + INBOX_WAIT_MS);
  for (;;) {
    const pid = livingReader(pane.runFile);
    if (pid === undefined) return false;
    try {
      if (sendNote(pane.runFile, id, pid, { name, fields })) return true;
    } catch {
      return false; // the run directory went away, or is not ours alone any more
    }
    if (Date.now() >= until) return false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50); // a hook's helper, not the data path
  }
}

/** How long a hook's helper waits for living readers to open their inboxes. */
const INBOX_WAIT_MS = 2000;
let inboxDeadline: number | undefined;
