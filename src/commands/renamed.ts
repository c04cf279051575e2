// `renamed`: what the session-renamed hook runs.

import type { Tmux } from '../tmux/client.ts';
import { noteToReader } from './notes.ts';
import type { Outcome } from './toggle.ts';

/**
 * After a session is renamed: each of its recordings keeps its file and stamps
 * (the log names where a line was printed when it was printed), and gets a
 * `rename` event naming the new session, recorded by its reader (commands/notes.ts),
 * which asks tmux for the name (capture/note-facts.ts).
 */
export function noteRename(tmux: Tmux, session: string): Outcome {
  const { panes } = tmux.loggedPanes(session);
  for (const pane of panes) noteToReader(pane, 'rename', {});
  return { messages: [], version: '' };
}

/**
 * After a window is renamed by hand (the hook skips automatic renames, which
 * follow every program the window runs): a `window-rename` event naming the
 * new name in each recording of the window's panes.
 */
export function noteWindowRename(tmux: Tmux, window: string): Outcome {
  const { panes } = tmux.loggedPanes(undefined, window);
  for (const pane of panes) noteToReader(pane, 'window-rename', {});
  return { messages: [], version: '' };
}
