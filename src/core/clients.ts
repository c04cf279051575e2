// Who was there (issue 10): a client's attach, detach and switch of session
// as events in the session's log. Pure: what the event says, from the facts
// src/tmux/ and /proc give (src/commands/clients.ts).

import type { EventFields } from './record.ts';

export interface ClientFacts {
  /** `#{client_name}`: the tty path (what the hooks give as `#{hook_client}`). */
  name: string;
  /** `#{client_user}` (3.3+), else the owner of the client process; '' if neither is known. */
  user: string;
  /** `#{client_termname}`: TERM as the client gave it (the client's own word: escaped like any field). */
  term: string;
  width: string;
  height: string;
  readOnly: boolean;
  /** The remote address from the client process's SSH_CONNECTION, where readable. */
  from?: string;
}

/** The fields of an `attach` or `switch` event about a client. */
export function clientFields(client: ClientFacts): EventFields {
  return {
    client: client.name,
    user: client.user || undefined,
    term: client.term || undefined,
    size: client.width && client.height ? `${client.width}x${client.height}` : undefined,
    readonly: client.readOnly ? 'yes' : 'no',
    from: client.from || undefined,
  };
}

/** The remote address in an SSH_CONNECTION value (`<client ip> <port> <server ip> <port>`), or undefined. */
export function sshFrom(value: string | undefined): string | undefined {
  const address = value?.trim().split(/\s+/)[0];
  // An address, IPv4 or IPv6, nothing else: the variable is the client's to set.
  return address && /^[0-9A-Fa-f.:]{2,45}$/.test(address) ? address : undefined;
}

/** The variable `name` from a /proc/<pid>/environ text (NUL-separated), or undefined. */
export function environValue(environ: string, name: string): string | undefined {
  for (const entry of environ.split('\0')) if (entry.startsWith(`${name}=`)) return entry.slice(name.length + 1);
  return undefined;
}

/** What is remembered of an attached client for its detach, whose hook no longer knows its session or user. */
export interface Remembered {
  sessionId: string;
  user: string;
}

/**
 * The table of attached clients kept in a global option: one row per client,
 * `name TAB session id TAB user`. A tty path holds no tab; a row that is not
 * that shape is dropped.
 */
export function remember(table: string, client: string, entry: Remembered | undefined): string {
  const rows = table.split('\n').filter((row) => row.split('\t').length === 3 && row.split('\t')[0] !== client);
  if (entry && !/[\t\n]/.test(client + entry.sessionId + entry.user)) rows.push([client, entry.sessionId, entry.user].join('\t'));
  return rows.join('\n');
}

export function remembered(table: string, client: string): Remembered | undefined {
  for (const row of table.split('\n')) {
    const [name, sessionId, user] = row.split('\t');
    if (name === client && sessionId !== undefined && user !== undefined) return { sessionId, user };
  }
  return undefined;
}
