// `grep PATTERN`: a regular expression over what the panes printed and the
// recorder's events, in the session logs and their rotated files, in time order.

import { Command } from 'commander';
import { AuditError } from '../core/errors.ts';
import { CommandPairs, commandJson, commandLine, type CommandRow } from '../read/commands.ts';
import { parsePane, type LineFilter } from '../read/filter.ts';
import { makePattern } from '../read/pattern.ts';
import { grepLogs, type GrepHit } from '../read/search.ts';
import { printHit, printPlain } from './grep-print.ts';
import { grepInParallel, secondCoreFree } from './grep-parallel.ts';
import { tornStartsOf } from './torn-starts.ts';
import { printing } from './output.ts';
import { requireWhen } from '../read/time.ts';
import { escapeText } from '../format/text.ts';
import { fileProblem, location, logsOf, Output, warn, whereOptions, type WhereOptions } from './reading.ts';

/** The events `--commands` reads: a command's start and its end. */
const COMMAND_EVENTS = '^command(-end)? ';

interface GrepOptions extends WhereOptions {
  user?: string;
  session?: string;
  pane?: string;
  rec?: string;
  since?: string;
  until?: string;
  events?: boolean;
  context?: string;
  ignoreCase?: boolean;
  fixedStrings?: boolean;
  json?: boolean;
  commands?: boolean;
  count?: boolean;
}

/** A hit as one JSON object: where it is, the line as written, and what it says. */
export function hitJson(hit: GrepHit): Record<string, unknown> {
  const { line } = hit;
  return {
    file: hit.file,
    number: hit.number,
    log: hit.log,
    time: line.time,
    ms: Number.isFinite(line.ms) ? line.ms : null,
    user: line.user,
    session: line.session,
    window: line.window,
    pane: line.pane,
    kind: line.kind,
    text: line.text,
    ...(line.fields ? { fields: line.fields } : {}),
    recordings: hit.recordings,
    context: hit.context,
  };
}

export { printPlain } from './grep-print.ts';

export function grepCommand(): Command {
  return whereOptions(new Command('grep'))
    .description('search what panes printed and the events, across rotated files, in time order (exit 0: found, 1: not found, 2: error)')
    .argument('[pattern]', 'a JavaScript regular expression, matched against the text after the mark (default: every line)', '')
    .option('--user <user>', 'lines of this user: whose terminal, or who started the recording (by=)')
    .option('--session <name>', 'only this session\'s log (name, or name@server)')
    .option('--pane <pane>', 'only this pane: %N (from the start events), or session:window.pane as stamped')
    .option('--rec <id>', 'only this recording')
    .option('--since <time>', 'from this time: 2h, 30m, today, yesterday, 14:30, 2026-11-24T23:01 ...')
    .option('--until <time>', 'before this time (same forms)')
    .option('--events', 'events only (start, stop, screen, rename, dropped, error)')
    .option('-C, --context <n>', 'lines of context around each match, within its pane')
    .option('-i, --ignore-case', 'case-blind')
    .option('-F, --fixed-strings', 'the pattern is a plain string')
    .option('--json', 'one JSON object per line')
    .option('-c, --count', 'print only how many lines match, over all the logs searched (with --json: {"count": N})')
    .option('--commands', 'the commands integrated shells ran (shell/integration.*), each with its exit status and duration; the pattern is matched against the command line')
    .addHelpText(
      'after',
      `
Each line is printed with its file and line number: <file>:<n>: <log line>
(context lines: <file>-<n>- <log line>, groups separated by --).

Examples:
  $ tmux-audit grep 'rm -rf' --since yesterday --user bob
  /home/ann/.local/state/tmux-audit/deploy.log:812: 2026-11-24T23:04:10.118+01:00 ann deploy:1.0 | bob@web1:~$ rm -rf /srv/app/releases/old
  $ tmux-audit grep --events 'stop .*reason=reader-died'
  $ tmux-audit grep -C 3 --pane deploy:1.0 'Traceback'
  $ tmux-audit grep -c timeout --session deploy
  412
  $ tmux-audit grep --commands '^rm ' --since today
  /home/ann/.local/state/tmux-audit/deploy.log:812: 2026-11-24T23:04:10.118+01:00 ann deploy:1.0 [exit 0, 1.2s] /srv$ rm -rf build`,
    )
    .action((pattern: string, options: GrepOptions) => {
      const now = new Date();
      const filter: LineFilter = { user: options.user, rec: options.rec, events: options.events };
      if (options.pane !== undefined) filter.pane = parsePane(options.pane);
      if (options.since !== undefined) filter.since = requireWhen('--since', options.since, now);
      if (options.until !== undefined) filter.until = requireWhen('--until', options.until, now);
      let context = 0;
      if (options.context !== undefined) {
        if (!/^\d+$/.test(options.context)) throw new AuditError(`-C takes a number of lines, not '${options.context}'`, 2);
        context = Number(options.context);
      }
      if (options.count && context > 0) throw new AuditError('-C does not go with -c', 2);
      const compiled = makePattern(pattern, { ignoreCase: options.ignoreCase, fixed: options.fixedStrings });
      const told = (count: number): void => void out.write(options.json ? `${JSON.stringify({ count })}\n` : `${count}\n`);
      const where = location(options);
      const sets = logsOf(where, options.session);
      const out = new Output();
      let failed = false;
      const fileError = (file: string, error: Error): void => {
        failed = true;
        out.flush();
        warn(fileProblem(file, error));
      };
      if (options.commands) {
        if (context > 0) throw new AuditError('-C does not go with --commands', 2);
        // The command events and their ends, paired; then the pattern, on the command lines.
        const pairs = new CommandPairs();
        const files = new Map<CommandRow['line'], { file: string; number: number }>();
        grepLogs(
          sets,
          { pattern: makePattern(COMMAND_EVENTS), filter: { ...filter, events: true }, context: 0, timeFormat: where.timeFormat, timed: true, recordings: false },
          (hit) => {
            pairs.add(hit.line);
            files.set(hit.line, { file: hit.file, number: hit.number });
          },
          fileError,
          tornStartsOf(where.timeFormat),
        );
        let printed = 0;
        for (const row of pairs.rows) {
          if (!compiled.test.test(row.cmd)) continue;
          printed++;
          if (options.count) continue;
          const at = files.get(row.line)!;
          out.write(options.json ? `${JSON.stringify({ file: at.file, number: at.number, ...commandJson(row) })}\n` : `${escapeText(at.file)}:${at.number}: ${commandLine(row)}\n`);
        }
        if (options.count) told(printed);
        out.flush();
        process.exitCode = failed ? 2 : printed > 0 ? 0 : 1;
        return;
      }
      // A large search without context nor recordings is shared with a worker thread (grep-parallel.ts): the same bytes printed.
      // printing: the lines found before a refused file are written before the refusal is told.
      // -c: the same search, its lines counted where they would be printed (the fast path's plain lines too).
      const count = options.count ?? false;
      const torn = tornStartsOf(where.timeFormat);
      const json = options.json && !count;
      // -c: the lines counted as they are found, in the files' order: a file refused midway stops the search (as it
      // stops the printing one, after the lines before it), and what was searched before it is still told.
      let seen = 0;
      const found = (): true => {
        seen++;
        return true;
      };
      let matched: number;
      try {
        matched = printing(out, () => {
          const shared = json || context > 0 || !secondCoreFree() ? undefined : grepInParallel(sets, { source: pattern, ignoreCase: options.ignoreCase, fixed: options.fixedStrings, filter, timeFormat: where.timeFormat, count }, out, fileError, (files) => void (seen += files), torn);
          return shared ?? grepLogs(
            sets,
            { pattern: compiled, filter, context, timeFormat: where.timeFormat, timed: json, recordings: json, count, plain: json ? undefined : count ? found : printPlain(out) },
            (hit) => {
              if (count) return found();
              if (json) return out.write(`${JSON.stringify(hitJson(hit))}\n`);
              return printHit(out, hit);
            },
            fileError,
            torn,
          );
        });
      } catch (failure) {
        if (count) printing(out, () => told(seen));
        throw failure;
      }
      if (count) {
        told(matched);
        out.flush();
      }
      process.exitCode = failed ? 2 : matched > 0 ? 0 : 1;
    });
}
