// Who asked for a toggle: a client of tmux, and its user as tmux knows it
// (#{client_user}, from the client socket's peer credentials, format.c:1421),
// never a name given on the command line: anyone who runs the helper by hand
// could give any. The key binding passes only the client's name
// (#{client_name}, expanded by tmux at the key press); its user comes from
// list-clients. A name is believed only for a client that pressed a key just
// now (the key press that ran the binding): naming another person's idle
// client by hand does not make the toggle theirs. Otherwise the client is
// tmux's current one: for a command typed in a pane, the client attached to
// that session that typed last, which is the one that pressed Enter on it
// (cmd_find_current_client, cmd-find.c:1243), unless that is a read-only
// client, whose keys never reach a pane.

import type { Tmux } from './client.ts';
import { FIELD_SEPARATOR } from './client.ts';

export interface AskingClient {
  name: string;
  user: string;
  readOnly: boolean;
}

/** A named client is believed if it pressed a key this recently (whole seconds: tmux's client_activity). */
export const KEY_PRESS_FRESH_S = 3;

/** The client that asked, or undefined when tmux knows none (no client attached, or a tmux without client_user). */
export function askingClient(tmux: Tmux, named: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): AskingClient | undefined {
  const row = ['#{client_name}', '#{client_user}', '#{client_flags}', '#{client_activity}'].join(FIELD_SEPARATOR);
  let clients: (AskingClient & { activity: number })[];
  try {
    clients = tmux
      .run(['list-clients', '-F', row])
      .split('\n')
      .map((line) => line.split(FIELD_SEPARATOR))
      .filter(([name, user]) => Boolean(name) && Boolean(user))
      .map(([name, user, flags, activity]) => ({ name: name!, user: user!, readOnly: (flags ?? '').split(',').includes('read-only'), activity: Number(activity) }));
  } catch {
    return undefined;
  }
  const fresh = clients.find((client) => client.name === named && nowSeconds - client.activity <= KEY_PRESS_FRESH_S);
  let found = fresh;
  if (!found) {
    let current = '';
    try {
      current = tmux.run(['display-message', '-p', '#{client_name}']).trim();
    } catch {
      // no current client
    }
    // A read-only client cannot have typed the command that runs this: then tmux does not know who did.
    found = clients.find((client) => client.name === current && !client.readOnly);
  }
  return found && { name: found.name, user: found.user, readOnly: found.readOnly };
}
