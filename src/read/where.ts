// Where the logs are, for a command run outside the reader: `--dir`, else
// `$TMUX_AUDIT_DIR`, else the running tmux server's `@audit-dir` (when inside
// tmux, or when a server answers), else the default directory. And the time
// format of the stamps: `--time-format`, else the server's
// `@audit-time-format`, else the default (each file is also tried with the
// default when the first does not read its lines).

import path from 'node:path';
import { resolveOptions, START_OPTIONS, type RawOptions } from '../core/options.ts';
import { DEFAULT_TIME_FORMAT, timeFormatProblem } from '../format/text.ts';
import { AuditError } from '../core/errors.ts';

export interface Location {
  dir: string;
  timeFormat: string;
  /** Where `dir` came from. */
  from: 'option' | 'environment' | 'tmux' | 'default';
}

/** What the tmux server has set, or undefined when none answers. */
export type ServerOptions = () => { dir: string; timeFormat: string } | undefined;

/** `@audit-dir` as the plugin resolves it (`~`, relative or unusable values: the default). */
function expand(dir: string, env: NodeJS.ProcessEnv): string {
  const raw = { ...Object.fromEntries(START_OPTIONS.map((key) => [key, ''])), dir } as RawOptions;
  return resolveOptions(raw, env).options.dir;
}

export function locate(given: { dir?: string; timeFormat?: string }, env: NodeJS.ProcessEnv, server: ServerOptions): Location {
  let answer: ReturnType<ServerOptions> | null = null; // null: not asked yet
  const ask = () => (answer === null ? (answer = server()) : answer);
  if (given.timeFormat !== undefined) {
    const problem = timeFormatProblem(given.timeFormat);
    if (problem) throw new AuditError(`--time-format '${given.timeFormat}' is not a date-fns format (${problem})`, 2);
  }
  const timeFormat = () => given.timeFormat ?? (ask()?.timeFormat || DEFAULT_TIME_FORMAT);
  if (given.dir !== undefined && given.dir !== '') return { dir: absolute(given.dir, env, '--dir'), timeFormat: timeFormat(), from: 'option' };
  if (env.TMUX_AUDIT_DIR) return { dir: absolute(env.TMUX_AUDIT_DIR, env, '$TMUX_AUDIT_DIR'), timeFormat: timeFormat(), from: 'environment' };
  const fromServer = ask();
  if (fromServer?.dir) return { dir: expand(fromServer.dir, env), timeFormat: timeFormat(), from: 'tmux' };
  return { dir: expand('', env), timeFormat: timeFormat(), from: 'default' };
}

/** A directory given by the user: `~` expanded, relative to the working directory. */
function absolute(dir: string, env: NodeJS.ProcessEnv, what: string): string {
  const expanded = dir.replace(/^~(?=$|\/)/, env.HOME ?? '~');
  if (expanded.startsWith('~')) throw new AuditError(`${what}: cannot expand '${dir}'`, 2);
  return path.resolve(expanded);
}

/** Reads `show-options` answers: `@audit-dir` and `@audit-time-format`, one per line. */
export function serverAnswer(output: string): { dir: string; timeFormat: string } {
  const [dir = '', timeFormat = ''] = output.split('\n');
  return { dir, timeFormat: timeFormatProblem(timeFormat) === undefined ? timeFormat : '' };
}
