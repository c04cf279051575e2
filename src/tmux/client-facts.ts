// What tmux and /proc say about an attached client: shared by the hooks'
// helper (commands/clients.ts) and the reader that records a client event
// (capture/note-facts.ts), so the event's facts come from tmux itself and
// not from whatever a note file says.

import fs from 'node:fs';
import { environValue, sshFrom, type ClientFacts } from '../core/clients.ts';

/** The list-clients columns a client row holds, in order. */
export const CLIENT_FORMATS = ['client_name', 'client_user', 'client_pid', 'client_termname', 'client_width', 'client_height', 'client_flags', 'session_id', 'session_name'];

export interface ClientRow extends ClientFacts {
  sessionId: string;
  session: string;
}

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

/**
 * SSH_CONNECTION's remote address from the client process's environment,
 * where we may read it: the client's own claim (whoever starts `tmux attach`
 * sets its environment), not a fact the server saw.
 */
function remoteOf(pid: string): string | undefined {
  try {
    return sshFrom(environValue(fs.readFileSync(`/proc/${pid}/environ`, 'utf8'), 'SSH_CONNECTION'));
  } catch {
    return undefined;
  }
}

/** The client `name` in list-clients rows (CLIENT_FORMATS joined by `separator`), or undefined. */
export function clientRow(rows: string[], name: string, separator: string): ClientRow | undefined {
  for (const row of rows) {
    const [client, user = '', pid = '', term = '', width = '', height = '', flags = '', sessionId = '', session = ''] = row.split(separator);
    if (client !== name) continue;
    return { name, user: user || ownerOf(pid), term, width, height, readOnly: flags.split(',').includes('read-only'), from: remoteOf(pid), sessionId, session };
  }
  return undefined;
}

/**
 * The global option that remembers one attached client's session and user for
 * its detach (whose hook no longer knows either): one option per client, so
 * helpers of parallel attaches do not overwrite each other's rows.
 */
export function clientOption(name: string): string {
  return `@audit_client_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}
