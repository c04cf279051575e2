// `tail [-f]`: the last lines of a session's log, and with -f, what is
// written to it from then on, across rotations.

import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { AuditError } from '../core/errors.ts';
import { sessionLogPath } from '../core/paths.ts';
import { MAX_LINE, openLog } from '../read/chunks.ts';
import { listLogs, selectSessions, setName, type LogSet } from '../read/files.ts';
import { follow, lastLines, tailOf } from '../read/follow.ts';
import type { Location } from '../read/where.ts';
import { FIELD_SEPARATOR, Tmux } from '../tmux/client.ts';
import { location, Output, settle, warn, whereOptions, type WhereOptions } from './reading.ts';

/** The log to follow: the session named, else the current tmux session's, else the one written last. */
export function chooseLog(where: Location, session: string | undefined, env: NodeJS.ProcessEnv): LogSet {
  const sets = listLogs(where.dir);
  if (session !== undefined) {
    const chosen = selectSessions(sets, session, where.dir);
    if (chosen.length > 1) throw new AuditError(`session '${session}' has logs from several tmux servers (${chosen.map(setName).join(', ')}): name one as name@server`, 2);
    return chosen[0]!;
  }
  if (env.TMUX) {
    try {
      const [name = '', socket = ''] = new Tmux().run(['display-message', '-p', `#{session_name}${FIELD_SEPARATOR}#{socket_path}`]).replace(/\n$/, '').split(FIELD_SEPARATOR);
      const live = path.basename(sessionLogPath(where.dir, name, socket));
      const set = sets.find((candidate) => candidate.live === live);
      if (set) return set;
      throw new AuditError(`no log of the current session '${name}' in ${where.dir} (start logging with the key, or name one with --session)`, 2);
    } catch (error) {
      if (error instanceof AuditError && error.exitCode === 2) throw error;
      // tmux did not answer: as outside tmux
    }
  }
  let latest: { set: LogSet; mtime: number } | undefined;
  for (const set of sets) {
    const file = set.files[set.files.length - 1];
    const mtime = file ? (fs.statSync(file.path, { throwIfNoEntry: false })?.mtimeMs ?? 0) : 0;
    if (!latest || mtime > latest.mtime) latest = { set, mtime };
  }
  if (!latest) throw new AuditError(`no session logs in ${where.dir}`, 2);
  return latest.set;
}

export function tailCommand(): Command {
  return whereOptions(new Command('tail'))
    .description('print the last lines of a session\'s log; with -f, follow it as it grows, across rotations')
    .option('-f, --follow', 'keep printing lines as they are written (Ctrl-C ends)')
    .option('-n, --lines <n>', 'how many lines to print first', '10')
    .option('--session <name>', 'the session (name, or name@server; default: the current tmux session, else the log written last)')
    .addHelpText(
      'after',
      `
Examples:
  $ tmux-audit tail -f --session deploy
  $ tmux-audit tail -n 100 --session deploy@work | grep ' \\* '`,
    )
    .action((options: WhereOptions & { follow?: boolean; lines: string; session?: string }) => {
      if (!/^\d+$/.test(options.lines)) throw new AuditError(`-n takes a number of lines, not '${options.lines}'`, 2);
      const where = location(options);
      const set = chooseLog(where, options.session, process.env);
      const livePath = path.join(set.dir, set.live);
      const fd = openLog(livePath);
      const size = fd === undefined ? 0 : fs.fstatSync(fd).size;
      const out = new Output();
      let cut = false;
      lastLines(set.files.map((file) => file.path), Number(options.lines), (bytes) => out.write(bytes), fd === undefined ? undefined : { path: livePath, fd, size }, (file, offset) => {
        if (cut) return;
        cut = true; // once: a planted file may hold many
        out.flush();
        warn(`${file}: a line longer than ${MAX_LINE >> 20} MiB at byte ${offset} (not one the writer writes): printed cut to its first ${MAX_LINE >> 20} MiB`);
      });
      out.flush();
      if (!options.follow) {
        if (fd !== undefined) fs.closeSync(fd);
        return;
      }
      const stop = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop.abort());
      const start = fd === undefined ? undefined : { fd, from: tailOf(fd, size, 0).end };
      settle(
        follow({
          live: livePath,
          start,
          signal: stop.signal,
          // Said, not hidden: lines were removed from the log while it was followed (verify tells which).
          truncated: (file) => {
            out.flush();
            warn(`${file} was truncated while followed: read again from its start`);
          },
          write: (bytes) => {
            out.write(bytes);
            out.flush();
            if (out.closed) stop.abort();
          },
        }),
      );
    });
}
