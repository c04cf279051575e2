// Which files make up which session's log. A log is `<stem>[@<socket>].log`
// (core/paths.ts) with its rotated files `<live>.<UTC time>[-<n>]` beside it
// (core/rotate.ts, oldest first; `.gz` once compressed). The names are read back here: the stem is
// the session's name percent-encoded (possibly shortened with `~` and a hash),
// the part after `@` the tmux server's socket name (absent: the default
// server). Listing is pure given the directory's names; `listLogs` reads them.

import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../core/errors.ts';
import { MAX_SOCKET_STEM, sessionStem } from '../core/paths.ts';
import { castFilesOfLog } from '../core/cast-names.ts';
import { rotatedFiles } from '../core/rotate.ts';
import { escapeText } from '../format/text.ts';

/** One file of a log. */
export interface LogFile {
  path: string;
  /** For a rotated file, when it was rotated (epoch ms, from its name): every line in it was written before. */
  rotatedAt?: number;
}

/** One session's log: its rotated files, oldest first, then the live file (when there is one). */
export interface LogSet {
  dir: string;
  /** The live file's name, `<stem>[@<socket>].log` (it may not exist: only rotated files are left). */
  live: string;
  stem: string;
  /** The session's name as far as the file name tells (a shortened stem stays as it is). */
  session: string;
  /** The server's socket name; `default` for the default server. */
  server: string;
  /** The socket part of the file name ('' for the default server). */
  serverStem: string;
  files: LogFile[];
  /** Its recordings' raw streams (`@audit-cast on`, core/cast-names.ts): per recording, rotated parts oldest first, then the live one. */
  casts?: string[];
}

const ROTATED = /^(.+\.log)\.(\d{8}T\d{6}\.\d{3}Z)(?:-\d+)?(?:\.gz)?$/;
/** A cast's part, live or rotated (core/cast-names.ts): its log's stem. */
const CAST = /^(.+)\.[A-Za-z0-9_-]{10}\.cast(?:\.\d{8}T\d{6}\.\d{3}Z(?:-\d+)?(?:\.gz)?)?$/;

/** `%20` and the like back into the bytes they stand for (UTF-8). */
function percentDecode(stem: string): string {
  if (stem === '%') return '';
  const bytes: number[] = [];
  for (let i = 0; i < stem.length; i++) {
    const hex = stem[i] === '%' ? stem.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(stem[i]!, 'utf8'));
  }
  return escapeText(Buffer.from(bytes).toString('utf8'));
}

/** The session and server a live file's name stands for; undefined if it is not a log's name. */
export function parseLogName(name: string): { stem: string; session: string; server: string; serverStem: string } | undefined {
  if (!name.endsWith('.log') || name.startsWith('.')) return undefined;
  const base = name.slice(0, -'.log'.length);
  const at = base.indexOf('@');
  const stem = at < 0 ? base : base.slice(0, at);
  const socket = at < 0 ? '' : base.slice(at + 1);
  if (stem === '' || (at >= 0 && socket === '')) return undefined;
  return { stem, session: percentDecode(stem), server: socket === '' ? 'default' : percentDecode(socket), serverStem: socket };
}

/** `20261124T220102.345Z` → epoch ms. */
function rotationTime(stamp: string): number {
  const m = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z$/.exec(stamp)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
}

/** The logs among a directory's `names`, sorted by session then server. */
export function logSets(dir: string, names: readonly string[]): LogSet[] {
  const lives = new Set<string>();
  // Each name is looked at once and filed under the log it belongs to: a directory may hold thousands of
  // logs, and matching every name against every log would cost their product.
  const rotatedOf = new Map<string, string[]>();
  const castsOf = new Map<string, string[]>();
  const file = (groups: Map<string, string[]>, live: string, name: string): void => {
    const group = groups.get(live);
    if (group) group.push(name);
    else groups.set(live, [name]);
  };
  for (const name of names) {
    if (parseLogName(name)) lives.add(name);
    const rotated = ROTATED.exec(name);
    if (rotated && parseLogName(rotated[1]!)) {
      lives.add(rotated[1]!);
      file(rotatedOf, rotated[1]!, name);
    }
    const cast = CAST.exec(name);
    if (cast) file(castsOf, `${cast[1]!}.log`, name);
  }
  const present = new Set(names);
  const sets: LogSet[] = [];
  for (const live of lives) {
    const { stem, session, server, serverStem } = parseLogName(live)!;
    const files: LogFile[] = rotatedFiles(rotatedOf.get(live) ?? [], live).map((name) => ({ path: path.join(dir, name), rotatedAt: rotationTime(ROTATED.exec(name)![2]!) }));
    if (present.has(live)) files.push({ path: path.join(dir, live) });
    const casts = castFilesOfLog(castsOf.get(live) ?? [], live).map((name) => path.join(dir, name));
    sets.push({ dir, live, stem, session, server, serverStem, files, casts });
  }
  return sets.sort((a, b) => (a.session < b.session ? -1 : a.session > b.session ? 1 : a.server < b.server ? -1 : a.server > b.server ? 1 : 0));
}

/** The logs in `dir`; an error naming the directory when it cannot be read. */
export function listLogs(dir: string): LogSet[] {
  return logSets(dir, dirNames(dir));
}

/** The names in `dir`; an error naming the directory when it cannot be read. */
export function dirNames(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AuditError(code === 'ENOENT' ? `no log directory ${dir} (nothing logged yet, or another --dir)` : `cannot read the log directory ${dir}: ${code ?? (error as Error).message}`, 2);
  }
}

/**
 * Whether a log is the one `session` names: `name` (any server) or
 * `name@server`; the name as tmux has it (what the stamps say) or as the file
 * name spells it.
 */
export function sessionMatches(set: LogSet, session: string): boolean {
  const at = session.lastIndexOf('@');
  const candidates: { name: string; server?: string }[] = [{ name: session }];
  if (at > 0) candidates.push({ name: session.slice(0, at), server: session.slice(at + 1) });
  return candidates.some(({ name, server }) => {
    if (server !== undefined && server !== set.server && sessionStem(server, MAX_SOCKET_STEM) !== set.serverStem) return false;
    return name === set.session || sessionStem(name) === set.stem || name === set.stem;
  });
}

/** The logs of `session` (every one when undefined); an error naming it when there are none. */
export function selectSessions(sets: readonly LogSet[], session: string | undefined, dir: string): LogSet[] {
  if (session === undefined) return [...sets];
  const chosen = sets.filter((set) => sessionMatches(set, session));
  if (chosen.length === 0) {
    const known = sets.map((set) => (set.server === 'default' ? set.session : `${set.session}@${set.server}`));
    throw new AuditError(`no log of session '${escapeText(session)}' in ${dir}${known.length > 0 ? ` (there are: ${known.join(', ')})` : ''}`, 2);
  }
  return chosen;
}

/** `name` or `name@server`, as a user names the log. */
export function setName(set: LogSet): string {
  return set.server === 'default' ? set.session : `${set.session}@${set.server}`;
}
