// `client`: what the client-session-changed and client-detached hooks run.
// A client that comes to a session (attach, `tmux new`, switch-client) or
// leaves it (detach, switch) becomes an event in the logs of that session's
// logged panes (core/clients.ts says what the event holds).

import { recordFormat } from '../format/formats.ts';
import fs from 'node:fs';
import { recordingIdentity } from '../capture/identity.ts';
import { Stamper } from '../capture/stamper.ts';
import { clientFields, environValue, remember, remembered, sshFrom, type ClientFacts } from '../core/clients.ts';
import type { EventFields } from '../core/record.ts';
import { livingReader, readRecording, type Recording } from '../runtime/runfile.ts';
import { appendRecords } from '../sinks/file/append.ts';
import { FIELD_SEPARATOR, type Tmux } from '../tmux/client.ts';
import type { Outcome } from './toggle.ts';

/** The global option that remembers each attached client's session and user (core/clients.ts remember). */
const CLIENTS_OPTION = '@audit_clients';

/** The user who owns a process, by its uid and /etc/passwd; '' if unreadable. */
function ownerOf(pid: string): string {
  try {
    const uid = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    const row = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((line) => line.split(':')[2] === uid);
    return row?.split(':')[0] ?? uid ?? '';
  } catch {
    return '';
  }
}

/** SSH_CONNECTION's remote address from the client process's environment, where we may read it. */
function remoteOf(pid: string): string | undefined {
  try {
    return sshFrom(environValue(fs.readFileSync(`/proc/${pid}/environ`, 'utf8'), 'SSH_CONNECTION'));
  } catch {
    return undefined;
  }
}

interface ClientRow extends ClientFacts {
  sessionId: string;
  session: string;
}

function findClient(tmux: Tmux, name: string): ClientRow | undefined {
  const formats = ['client_name', 'client_user', 'client_pid', 'client_termname', 'client_width', 'client_height', 'client_flags', 'session_id', 'session_name'];
  const rows = tmux.run(['list-clients', '-F', formats.map((format) => `#{${format}}`).join(FIELD_SEPARATOR)]);
  for (const row of rows.split('\n')) {
    const [client, user = '', pid = '', term = '', width = '', height = '', flags = '', sessionId = '', session = ''] = row.split(FIELD_SEPARATOR);
    if (client !== name) continue;
    return {
      name,
      user: user || ownerOf(pid),
      term,
      width,
      height,
      readOnly: flags.split(',').includes('read-only'),
      from: remoteOf(pid),
      sessionId,
      session,
    };
  }
  return undefined;
}

/** Appends the event to the log of each living recording of a session (as renamed.ts does for a rename). */
function tellSession(tmux: Tmux, sessionId: string, name: string, fields: EventFields): void {
  let panes: { runFile: string; recording: string }[];
  try {
    panes = tmux.loggedPanes(sessionId).panes;
  } catch {
    return; // the session is gone
  }
  for (const pane of panes) {
    let recording: Recording;
    try {
      recording = readRecording(pane.runFile);
    } catch {
      continue;
    }
    if (recording.id !== pane.recording || livingReader(pane.runFile) === undefined) continue;
    appendRecords(recording.file, recordFormat(recording.format, recording.timeFormat), [new Stamper(recordingIdentity(recording)).event(name, fields, Date.now())]);
  }
}

/**
 * `what` is `session` (client-session-changed: the client is now in a
 * session, the first time an attach) or `detach` (client-detached).
 */
export function noteClient(tmux: Tmux, what: 'session' | 'detach', clientName: string): Outcome {
  const table = tmux.globalOption(CLIENTS_OPTION);
  const before = remembered(table, clientName);
  // The table first, then the logs: the helper of a next switch (its own run-shell) reads it.
  if (what === 'detach') {
    tmux.run(['set-option', '-g', CLIENTS_OPTION, remember(table, clientName, undefined)]);
    if (before) tellSession(tmux, before.sessionId, 'detach', { client: clientName, user: before.user || undefined });
    return { messages: [], version: '' };
  }
  const client = findClient(tmux, clientName);
  if (!client) return { messages: [], version: '' };
  tmux.run(['set-option', '-g', CLIENTS_OPTION, remember(table, clientName, { sessionId: client.sessionId, user: client.user })]);
  const fields = clientFields(client);
  if (!before) tellSession(tmux, client.sessionId, 'attach', fields);
  else if (before.sessionId !== client.sessionId) {
    tellSession(tmux, before.sessionId, 'switch', { client: client.name, user: client.user || undefined, to: client.session });
    tellSession(tmux, client.sessionId, 'switch', { ...fields, from_session: tmux.sessionName(before.sessionId) });
  }
  return { messages: [], version: '' };
}
