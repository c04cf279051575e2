// Whether a tmux server could answer a command run without -L/-S, judged
// without running tmux: a reading command asks the server for @audit-dir and
// @audit-time-format, and starting a tmux client to hear "no server running"
// cost a search for an absent word a tenth of its time. tmux finds its socket
// as tmux.c:497-512 says: the path in $TMUX when it is set (and does not start
// with `,`), else make_label (tmux.c:187-230): `tmux-<uid>/default` in the
// first directory of TMUX_SOCK (`$TMUX_TMPDIR:/tmp/`) that resolves. Both
// candidates are looked at (not only the one tmux would take): a server's
// socket in either means "ask"; only when neither exists can no server answer.

import fs from 'node:fs';
import path from 'node:path';

/** The default sockets tmux may connect to, or undefined when $TMUX names one (then tmux is always asked). */
export function defaultSockets(env: NodeJS.ProcessEnv, uid: number): string[] | undefined {
  const given = env.TMUX;
  if (given !== undefined && given !== '' && !given.startsWith(',')) return undefined;
  const dirs = [env.TMUX_TMPDIR, '/tmp'].filter((dir): dir is string => dir !== undefined && dir !== '');
  return dirs.map((dir) => path.join(dir, `tmux-${uid}`, 'default'));
}

/** true when no server can answer (no socket where tmux looks); false when one may (tmux must be asked). */
export function noServerCanAnswer(env: NodeJS.ProcessEnv, uid: number, exists: (file: string) => boolean = lexists): boolean {
  const sockets = defaultSockets(env, uid);
  return sockets !== undefined && !sockets.some(exists);
}

/** Whether anything is at `file` (a socket, a stale one, or anything else: then tmux is asked). */
function lexists(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
