// What a start event says about where and with whom a recording starts
// (issue 10, "context on every recording"): the host, the pane's program and
// directory, its window's name, the server's socket, and the clients attached
// to its session at that moment. Pure: src/tmux/ reads the facts.

import type { EventFields } from './record.ts';

/** A client attached to the pane's session when logging starts. */
export interface AttachedClient {
  /** `#{client_name}`: its tty path. */
  name: string;
  /** `#{client_user}` (tmux 3.3 and later), or '' where tmux does not know it. */
  user: string;
}

export interface ContextFacts {
  host: string;
  command: string;
  cwd: string;
  windowName: string;
  socket: string;
  clients: AttachedClient[];
}

/**
 * The start event's context fields. Each value is escaped when the event is
 * formatted (format/text.ts), so a window name or a directory holding a
 * newline or a quote cannot make a second event. `clients` lists each as
 * `tty(user)`, comma-separated; `none` when nobody is attached (a detached
 * session, auto-start at load).
 */
export function startContext(facts: ContextFacts): EventFields {
  const clients = facts.clients.map((client) => (client.user ? `${client.name}(${client.user})` : client.name));
  return {
    host: facts.host,
    command: facts.command,
    cwd: facts.cwd,
    window_name: facts.windowName,
    socket: facts.socket,
    clients: clients.length > 0 ? clients.join(',') : 'none',
  };
}
