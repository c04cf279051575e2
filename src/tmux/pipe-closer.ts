// Who closed a pane's pipe by hand, as far as tmux can say. The after-pipe-pane
// hook (audit.tmux) records `#{client_user} #{client_name} #{client_activity}`
// of the hook's client: for pipe-pane run from a key binding or the command
// prompt, the client that pressed the key; for one run from a command line
// (inside a pane or outside tmux, attached or not), tmux's best attached
// client (cmd_find_best_client, cmd-find.c:113), whoever that is, often
// someone who pressed nothing. A key press (client_activity, server-client.c:1829)
// just before the pipe closed tells the two apart; without one, nobody is named.

/** The named client must have pressed a key this recently (whole seconds: tmux's client_activity). */
export const CLOSER_KEY_FRESH_S = 1;

/** The user to name as `by=` from the hook's note, read when the pipe closed; undefined if none can be. */
export function pipeCloser(note: string, nowSeconds: number): string | undefined {
  const [user, name, activity] = note.split(' ');
  // A note of an older plugin (the user alone), or of a hook with no client: nobody known to have pressed a key.
  if (!user || !name || !/^\d+$/.test(activity ?? '')) return undefined;
  const age = nowSeconds - Number(activity);
  return age >= 0 && age <= CLOSER_KEY_FRESH_S ? user : undefined;
}
