// `show REC`: one recording whole, start to stop, across rotated files.

import { Command } from 'commander';
import { AuditError } from '../core/errors.ts';
import { escapeText } from '../format/text.ts';
import { CommandPairs, commandJson, commandLine } from '../read/commands.ts';
import type { LogSet } from '../read/files.ts';
import type { LogLine } from '../read/line.ts';
import { walkRecording, type RecordingWalk } from '../read/search.ts';
import type { Location } from '../read/where.ts';
import { tornStartsOf } from './torn-starts.ts';
import { fileProblem, location, logsOf, Output, RecordingCommand, warn, whereOptions, type WhereOptions } from './reading.ts';

/**
 * Walks recording `rec` in the logs of `where` (of one session when given),
 * giving `take` each of its lines; an error (exit 2) when there is no such
 * recording or a file cannot be read, a warning when it has not stopped.
 */
export function eachLineOf(where: Location, rec: string, session: string | undefined, take: (line: LogLine, log: string) => boolean | void): RecordingWalk & { set: LogSet } {
  if (!/^[\w-]+$/.test(rec)) throw new AuditError(`not a recording id: '${escapeText(rec)}'`, 2);
  const sets = logsOf(where, session);
  let failure: string | undefined;
  const walk = walkRecording(sets, rec, where.timeFormat, take, (file, error) => {
    failure ??= fileProblem(file, error);
  }, tornStartsOf(where.timeFormat));
  if (failure) throw new AuditError(failure, 2);
  if (!walk.start || !walk.set) throw new AuditError(`no recording ${rec} in ${where.dir} (its start may have been in a rotated file that was deleted)`, 2);
  if (!walk.stopped) warn(`recording ${rec} has no stop event yet: still logging, or its end was lost`);
  return { ...walk, set: walk.set };
}

export function showCommand(): Command {
  return whereOptions(new RecordingCommand('show'))
    .description('print one recording whole: its start, every line of its pane up to its stop, its events')
    .argument('<rec>', 'the recording id (rec=... in the start event, and in the message when logging starts)')
    .option('--session <name>', 'look only in this session\'s log')
    .option('--text', 'only what the pane printed, as it printed it (no stamps, no events)')
    .option('--commands', 'only the commands its integrated shells ran, each with its exit status and duration')
    .option('--json', 'with --commands: one JSON object per command (kind "command")')
    .addHelpText(
      'after',
      `
Example:
  $ tmux-audit show V1StGXR8_Z
  2026-11-24T23:01:02.120+01:00 ann deploy:1.0 * start rec=V1StGXR8_Z by=ann pane=%3 pid=4242 file=...
  2026-11-24T23:01:04.871+01:00 ann deploy:1.0 | ann@web1:~$ ls /srv
  2026-11-24T23:01:04.873+01:00 ann deploy:1.0 | app  backups  releases
  2026-11-24T23:01:15.530+01:00 ann deploy:1.0 * stop rec=V1StGXR8_Z reason=toggle by=ann`,
    )
    .action((rec: string, options: WhereOptions & { session?: string; text?: boolean; commands?: boolean; json?: boolean }) => {
      const out = new Output();
      if (options.json && !options.commands) throw new AuditError('--json goes with --commands', 2);
      if (options.commands) {
        const pairs = new CommandPairs();
        eachLineOf(location(options), rec, options.session, (line) => pairs.add(line));
        for (const row of pairs.rows) out.write(options.json ? `${JSON.stringify(commandJson(row))}\n` : `${commandLine(row)}\n`);
        out.flush();
        return;
      }
      let open = false; // --text: a line printed, its newline not yet (a piece may continue it)
      eachLineOf(location(options), rec, options.session, (line, log) => {
        if (!options.text) return out.write(`${log}\n`);
        if (line.kind === 'event') return true;
        const text = line.kind === 'piece' && open ? line.text : `${open ? '\n' : ''}${line.text}`;
        open = true;
        return out.write(text);
      });
      if (open) out.write('\n');
      out.flush();
    });
}
