// `client`: what the client-session-changed and client-detached hooks run.
// A client that comes to a session (attach, `tmux new`, switch-client) or
// leaves it (detach, switch) becomes an event in the logs of that session's
// logged panes (core/clients.ts says what the event holds).

import { remember, remembered } from '../core/clients.ts';
import type { EventFields } from '../core/record.ts';
import { FIELD_SEPARATOR, type Tmux } from '../tmux/client.ts';
import { CLIENT_FORMATS, clientOption, clientRow, type ClientRow } from '../tmux/client-facts.ts';
import { readRecording } from '../runtime/runfile.ts';
import { noteToReader } from './notes.ts';
import type { Outcome } from './toggle.ts';

function findClient(tmux: Tmux, name: string): ClientRow | undefined {
  const rows = tmux.run(['list-clients', '-F', CLIENT_FORMATS.map((format) => `#{${format}}`).join(FIELD_SEPARATOR)]);
  return clientRow(rows.split('\n'), name, FIELD_SEPARATOR);
}

/** Hands the event to the reader of each living recording of a session (commands/notes.ts), of `only` if given. */
function tellSession(tmux: Tmux, sessionId: string, name: string, fields: EventFields, only?: ReadonlySet<string>): void {
  let panes: { runFile: string; recording: string }[];
  try {
    panes = tmux.loggedPanes(sessionId).panes;
  } catch {
    return; // the session is gone
  }
  for (const pane of panes) if (!only || only.has(pane.recording) || startNamed(pane.runFile, fields.client)) noteToReader(pane, name, fields);
}

/**
 * Whether a recording's start names the client among those attached (core/context.ts: `name(user)`, comma-joined):
 * a start plans (and lists the clients) before it marks its pane, so one planned before a detach and marked after
 * it is not in the hook's list, yet its log says the client was there: it must hear that it left.
 */
function startNamed(runFile: string, client: string | number | undefined): boolean {
  if (typeof client !== 'string') return false;
  let listed: unknown;
  try {
    listed = readRecording(runFile).context?.clients;
  } catch {
    return false; // gone, or not ours: the hook's list decides
  }
  return typeof listed === 'string' && listed.split(',').some((each) => each === client || each.startsWith(`${client}(`));
}

/**
 * `what` is `session` (client-session-changed: the client is now in a
 * session, the first time an attach) or `detach` (client-detached). The note
 * names only the client (and the session it left): its reader asks tmux for
 * the facts (capture/note-facts.ts). `recordings`: those there were as the
 * detach hook ran (audit.tmux), the only ones told of the detach: this helper
 * runs a moment later, and one started meanwhile (a new split's) began after
 * the client had left; but one whose start already named the client (planned
 * before, marked after) is told too. Undefined (a hook of an older version): all.
 */
export function noteClient(tmux: Tmux, what: 'session' | 'detach', clientName: string, recordings?: ReadonlySet<string>): Outcome {
  const option = clientOption(clientName);
  const before = remembered(tmux.globalOption(option), clientName);
  // The option first, then the logs: the helper of a next switch (its own run-shell) reads it.
  if (what === 'detach') {
    // Kept with no session: the reader of the detach reads the user from it (the client is gone from list-clients).
    tmux.run(['set-option', '-g', option, remember('', clientName, before && { sessionId: '', user: before.user })]);
    if (before?.sessionId) tellSession(tmux, before.sessionId, 'detach', { client: clientName }, recordings);
    return { messages: [], version: '' };
  }
  const client = findClient(tmux, clientName);
  if (!client) return { messages: [], version: '' };
  tmux.run(['set-option', '-g', option, remember('', clientName, { sessionId: client.sessionId, user: client.user })]);
  if (!before?.sessionId) tellSession(tmux, client.sessionId, 'attach', { client: client.name });
  else if (before.sessionId !== client.sessionId) {
    tellSession(tmux, before.sessionId, 'switch', { client: client.name });
    tellSession(tmux, client.sessionId, 'switch', { client: client.name, from: before.sessionId });
  }
  return { messages: [], version: '' };
}
