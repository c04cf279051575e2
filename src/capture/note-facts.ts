// The facts of a hook's note (runtime/notes.ts), asked of tmux by the reader
// that records it: a note names only its trigger (which client, the session it
// left), so what the event says is what tmux said when the reader asked, not
// what some process wrote into the run directory. A note whose trigger tmux
// does not bear out (an attach of a client that is not in this session, a
// detach of a client still attached) is dropped.

import { randomBytes } from 'node:crypto';
import { clientFields } from '../core/clients.ts';
import type { EventFields } from '../core/record.ts';
import { CLIENT_FORMATS, clientOption, clientRow } from '../tmux/client-facts.ts';
import { FIELD_SEPARATOR, type Tmux } from '../tmux/client.ts';
import { remembered } from '../core/clients.ts';
import type { Note } from '../runtime/notes.ts';

/**
 * Asks tmux (one command list, asynchronously) and calls `done` with the
 * event's fields, or undefined to drop it. Every answer line starts with a
 * fresh nonce and its kind: a client's name or an option's value holding a
 * newline cannot pass for another line.
 */
export function noteFacts(tmux: Tmux, paneId: string, note: Note, done: (fields: EventFields | undefined) => void): void {
  const nonce = `facts-${randomBytes(8).toString('hex')}:`;
  const client = typeof note.fields.client === 'string' ? note.fields.client : '';
  const from = typeof note.fields.from === 'string' ? note.fields.from : '';
  const args = ['display-message', '-p', '-t', paneId, `${nonce}pane:${['#{session_id}', '#{session_name}', '#{window_name}'].join(FIELD_SEPARATOR)}`];
  if (client) {
    args.push(';', 'list-clients', '-F', `${nonce}client:${CLIENT_FORMATS.map((format) => `#{${format}}`).join(FIELD_SEPARATOR)}`);
    args.push(';', 'display-message', '-p', `${nonce}option:#{${clientOption(client)}}`);
  }
  // Last: a session that is gone fails the command, and tmux runs nothing after it.
  if (from) args.push(';', 'display-message', '-p', '-t', from, `${nonce}from:#{session_name}`);
  tmux.ask(args, (stdout) => {
    const lines = (stdout ?? '').split('\n');
    const of = (kind: string): string[] => lines.filter((line) => line.startsWith(`${nonce}${kind}:`)).map((line) => line.slice(nonce.length + kind.length + 1));
    const pane = of('pane')[0];
    if (pane === undefined) return done(undefined);
    const [sessionId = '', session = '', windowName = ''] = pane.split(FIELD_SEPARATOR);
    if (note.name === 'rename') return done({ to: session });
    if (note.name === 'window-rename') return done({ to: windowName });
    if (!client) return done(undefined);
    const row = clientRow(of('client'), client, FIELD_SEPARATOR);
    if (note.name === 'detach') {
      // Gone from list-clients; its user as the hook remembered it at its attach (clients.ts).
      if (row) return done(undefined);
      const user = remembered(of('option')[0] ?? '', client)?.user;
      return done({ client, user: user || undefined });
    }
    if (!row) return done(undefined);
    if (note.name === 'attach') return done(row.sessionId === sessionId ? clientFields(row) : undefined);
    // switch: out of this session (the client is elsewhere now) or into it (from the session it left).
    if (row.sessionId !== sessionId) return done({ client, user: row.user || undefined, to: row.session });
    return done({ ...clientFields(row), from_session: of('from')[0] || undefined });
  });
}
