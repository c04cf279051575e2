// What the reading commands (ls, grep, show, tail, export, replay) share: the
// options that say where the logs are, the answer to that, output to stdout
// that stops quietly when the reader of a pipe goes away, and reporting a
// failure from an asynchronous command (cli.ts reports the synchronous ones).

import { Command, type ParseOptionsResult } from 'commander';
import { AuditError } from '../core/errors.ts';
import { escapeText } from '../format/text.ts';
import { listLogs, selectSessions, type LogSet } from '../read/files.ts';
import { locate, serverAnswer, type Location } from '../read/where.ts';
import { Tmux } from '../tmux/client.ts';
import { noServerCanAnswer } from '../tmux/default-socket.ts';

export interface WhereOptions {
  dir?: string;
  timeFormat?: string;
}

/** Adds `--dir` and `--time-format` to a reading command. */
export function whereOptions(command: Command): Command {
  return command
    .option('--dir <dir>', 'the log directory (default: $TMUX_AUDIT_DIR, else the tmux server\'s @audit-dir, else ~/.local/state/tmux-audit)')
    .option('--time-format <format>', 'the stamps\' date-fns time format (default: the tmux server\'s @audit-time-format, else ISO 8601)');
}

/** A recording id (nanoid: 10 of A-Z a-z 0-9 _ -) that starts with `-`, as a word of the command line. */
const DASHED_ID = /^-[\w-]{9}$/;

/**
 * A command whose argument is a recording id: an id that starts with `-`
 * (one in 32 does) is taken as the id, not as an unknown option, unless it
 * is the value of the option before it.
 */
export class RecordingCommand extends Command {
  override parseOptions(argv: string[]): ParseOptionsResult {
    const index = argv.findIndex((word, i) => DASHED_ID.test(word) && !this.isOption(word) && !this.takesValue(argv[i - 1]));
    if (index < 0 || argv.slice(0, index).includes('--')) return super.parseOptions(argv);
    const result = super.parseOptions([...argv.slice(0, index), ...argv.slice(index + 1)]);
    result.operands.unshift(argv[index]!);
    return result;
  }

  private optionNamed(word: string | undefined) {
    return word === undefined ? undefined : this.options.find((candidate) => candidate.short === word || candidate.long === word);
  }

  /** One of its options (`--max-idle` has the shape of an id). */
  private isOption(word: string): boolean {
    return this.optionNamed(word) !== undefined || word === '--help';
  }

  private takesValue(word: string | undefined): boolean {
    const option = this.optionNamed(word);
    return option !== undefined && (option.required || option.optional);
  }
}

/** The tmux server's @audit-dir and @audit-time-format, if one answers. */
function askServer(): { dir: string; timeFormat: string } | undefined {
  if (noServerCanAnswer(process.env, process.getuid?.() ?? -1)) return undefined;
  try {
    return serverAnswer(new Tmux().run(['show-options', '-gqv', '@audit-dir', ';', 'show-options', '-gqv', '@audit-time-format']));
  } catch {
    return undefined; // no server, or no tmux
  }
}

export function location(options: WhereOptions): Location {
  return locate(options, process.env, askServer);
}

/** The logs of the directory, of one session when `session` is given. */
export function logsOf(where: Location, session?: string): LogSet[] {
  return selectSessions(listLogs(where.dir), session, where.dir);
}

export { Output } from './output.ts';

/** One line on stderr, as the CLI reports: `tmux-audit: <message>`. */
export function warn(message: string): void {
  process.stderr.write(`tmux-audit: ${escapeText(message)}\n`);
}

/** A file that could not be read, named. */
export function fileProblem(file: string, error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return `cannot read ${file}: ${code ?? error.message}`;
}

/** Ends an asynchronous command: its failure is reported in one line and exits 2 (an AuditError, its own code). */
export function settle(work: Promise<void>): void {
  work.catch((error: unknown) => {
    if (error instanceof AuditError) {
      warn(error.message);
      process.exit(error.exitCode);
    }
    warn(`unexpected failure: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  });
}
