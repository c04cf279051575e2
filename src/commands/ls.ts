// `ls`: every session log with its rotated parts.

import path from 'node:path';
import { Command } from 'commander';
import { format } from 'date-fns';
import { AuditError } from '../core/errors.ts';
import type { LogSet } from '../read/files.ts';
import { summarizeLog, type LogSummary } from '../read/summary.ts';
import { fileProblem, location, logsOf, Output, warn, whereOptions, type WhereOptions } from './reading.ts';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ['K', 'M', 'G', 'T'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}${units[unit]}`;
}

function when(stamp: string | null, ms: number | null): string {
  if (ms !== null && ms > Date.UTC(2000, 0, 1)) return format(ms, 'yyyy-MM-dd HH:mm:ss');
  return stamp ?? '-';
}

/** The summaries as a table for people. */
export function lsTable(summaries: readonly LogSummary[]): string {
  const rows = [
    ['SESSION', 'SERVER', 'FILES', 'FIRST', 'LAST', 'LINES', 'SIZE', 'RECS', 'CASTS', 'USERS'],
    ...summaries.map((log) => [
      log.session,
      log.server,
      String(log.files.length),
      when(log.first, log.firstMs),
      when(log.last, log.lastMs),
      String(log.lines),
      size(log.bytes),
      String(log.recordings),
      log.casts.length === 0 ? '-' : `${log.casts.length}/${size(log.castBytes)}`,
      log.users.join(',') || '-',
    ]),
  ];
  const numeric = new Set([2, 5, 6, 7, 8]);
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  '))
    .join('\n')
    .concat('\n');
}

/**
 * The summary of each log, and what kept a log from being summarized (a file
 * refused: a FIFO, a symlink or a directory planted under a log's name, a .gz
 * that does not gunzip; or unreadable): one such file hides only its own log
 * from the listing, not every other (a planted `x.log` would otherwise empty
 * `ls` of a whole directory).
 */
export function summarizeLogs(sets: readonly LogSet[], timeFormat: string): { summaries: LogSummary[]; problems: string[] } {
  const summaries: LogSummary[] = [];
  const problems: string[] = [];
  for (const set of sets) {
    try {
      summaries.push(summarizeLog(set, timeFormat));
    } catch (error) {
      if (error instanceof AuditError) problems.push(error.message);
      else if (typeof (error as NodeJS.ErrnoException).code === 'string') problems.push(fileProblem((error as NodeJS.ErrnoException).path ?? path.join(set.dir, set.live), error as Error));
      else throw error; // not a file's fault
    }
  }
  return { summaries, problems };
}

export function lsCommand(): Command {
  return whereOptions(new Command('ls'))
    .description('list the session logs: server, files, first and last time, lines, size, recordings, raw streams (casts: files/size), users')
    .option('--session <name>', 'only this session (name, or name@server)')
    .option('--json', 'one JSON array, for machines')
    .addHelpText(
      'after',
      `
Example:
  $ tmux-audit ls
  SESSION  SERVER   FILES  FIRST                LAST                 LINES  SIZE  RECS  CASTS  USERS
  deploy   default      3  2026-11-24 23:01:02  2026-11-25 09:12:40  48210  9.8M     4  2/14M  ann,bob
  $ tmux-audit ls --json | jq '.[] | {session, recordings}'`,
    )
    .action((options: WhereOptions & { session?: string; json?: boolean }) => {
      const where = location(options);
      const { summaries, problems } = summarizeLogs(logsOf(where, options.session), where.timeFormat);
      const out = new Output();
      if (options.json) out.write(`${JSON.stringify(summaries)}\n`);
      else if (summaries.length === 0) {
        if (problems.length === 0) process.stderr.write(`tmux-audit: no session logs in ${where.dir}\n`);
      } else out.write(lsTable(summaries));
      out.flush();
      // Each file it could not read named, one line each, after the logs it could: exit 2.
      for (const problem of problems.slice(0, -1)) warn(problem);
      if (problems.length > 0) throw new AuditError(problems[problems.length - 1]!, 2);
    });
}
