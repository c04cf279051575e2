// The commands a log holds (`grep --commands`, `show REC --commands`): each
// `command` event paired with its `command-end` (same recording, shell pid and
// number), as one row with its exit status and duration. Pure: log lines in,
// rows out.

import { escapeForTerminal } from '../format/text.ts';
import type { LogLine } from './line.ts';
import { placeOf } from './line.ts';

export interface CommandRow {
  /** The `command` event's line (time, user, place, fields). */
  line: LogLine;
  rec: string;
  n?: string;
  pid?: string;
  cmd: string;
  cwd?: string;
  host?: string;
  verified: boolean;
  /** `screen`: the shell could not give its command line; this is the line as drawn. */
  source?: string;
  /** From the `command-end` event, when there is one (a command still running, or a shell that died, has none). */
  exit?: string;
  ms?: number;
  pipestatus?: string;
}

/**
 * What pairs an end with its command: the recording, the shell, its number,
 * and whether both are verified. Output can print an unverified end with a
 * genuine shell's pid and number: it must not close (and so give its exit
 * status to) the genuine command, nor a forged command replace a genuine one.
 */
const key = (fields: Record<string, string>): string => `${fields.rec}\u0000${fields.pid ?? ''}\u0000${fields.n ?? ''}\u0000${fields.verified === 'yes'}`;

/** Pairs command events with their ends, in the order the commands started. */
export class CommandPairs {
  private readonly open = new Map<string, CommandRow>();
  readonly rows: CommandRow[] = [];

  /** Takes any log line; only command events count. */
  add(line: LogLine): void {
    if (line.kind !== 'event' || !line.fields) return;
    const fields = line.fields;
    if (line.text === 'command') {
      const row: CommandRow = {
        line,
        rec: fields.rec ?? '',
        n: fields.n,
        pid: fields.pid,
        cmd: fields.cmd ?? '',
        cwd: fields.cwd,
        host: fields.host,
        verified: fields.verified === 'yes',
        source: fields.source,
      };
      this.rows.push(row);
      // Without a number, an end cannot be told apart: only numbered commands are paired.
      if (fields.n !== undefined) this.open.set(key(fields), row);
    } else if (line.text === 'command-end' && fields.n !== undefined) {
      const row = this.open.get(key(fields));
      if (!row) return;
      this.open.delete(key(fields));
      row.exit = fields.exit;
      row.ms = fields.ms !== undefined && /^\d+$/.test(fields.ms) ? Number(fields.ms) : undefined;
      row.pipestatus = fields.pipestatus;
    }
  }
}

/** `1.2s`, `340ms`, `2m05s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/**
 * One row as a line for a terminal:
 * `<time> <user> <place> [exit 0, 1.2s] /srv$ rm -rf build`, with `unverified`
 * and `from screen` said where they apply. The command is escaped for the
 * terminal (a newline in a multi-line command shows as `\n`).
 */
export function commandLine(row: CommandRow): string {
  // Every field the pane's shell told is one line here: a newline in its cwd printed as it is forged a line of
  // grep --commands output (review), escapeForTerminal keeping newlines.
  const oneLine = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  const status = row.exit === undefined ? 'no end' : `exit ${oneLine(row.exit)}${row.pipestatus && row.pipestatus.includes(',') ? ` (${oneLine(row.pipestatus)})` : ''}`;
  const notes = [status];
  if (row.ms !== undefined) notes.push(duration(row.ms));
  if (!row.verified) notes.push('unverified');
  if (row.source === 'screen') notes.push('from screen');
  return escapeForTerminal(`${row.line.time} ${row.line.user} ${placeOf(row.line)} [${notes.join(', ')}] ${oneLine(row.cwd ?? '')}$ ${oneLine(row.cmd)}`);
}

/** One row as a JSON object, a record of kind `command`. */
export function commandJson(row: CommandRow): Record<string, unknown> {
  return {
    kind: 'command',
    time: row.line.time,
    ms: Number.isFinite(row.line.ms) ? row.line.ms : null,
    user: row.line.user,
    session: row.line.session,
    window: row.line.window,
    pane: row.line.pane,
    rec: row.rec,
    n: row.n === undefined ? null : Number(row.n),
    pid: row.pid === undefined ? null : Number(row.pid),
    host: row.host ?? null,
    cwd: row.cwd ?? null,
    cmd: row.cmd,
    verified: row.verified,
    source: row.source ?? 'shell',
    exit: row.exit === undefined ? null : Number(row.exit),
    duration_ms: row.ms ?? null,
    pipestatus: row.pipestatus === undefined ? null : row.pipestatus.split(',').map(Number),
  };
}
