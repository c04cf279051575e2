// Reading logs back: the one pattern of a stamped line, a session's files in
// order (rotated ones oldest first, then the live one), and waiting for a line.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { escapeRegExp, waitFor } from './util.ts';

/**
 * The default time (`yyyy-MM-dd'T'HH:mm:ss.SSSxxx`, e.g. `2026-11-24T23:01:02.120+01:00`).
 * `xxx` always writes the offset as digits, UTC included (`+00:00`), never `Z`.
 */
export const TIME = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d`;

/** What a line is: `|` printed by the pane, `+` the next piece of a long line, `=` a screen row, `*` an event. */
export type Mark = '|' | '+' | '~' | '=' | '*';

/**
 * One whole log line with the default time: `<time> <user> <session>:<window>.<pane> <mark> <text>`.
 * Groups: 1 time, 2 user, 3 session, 4 window, 5 pane, 6 mark, 7 text.
 */
export const STAMP = new RegExp(String.raw`^(${TIME}) (\S+) (.+?):(\d+)\.(\d+) ([|+~=*]) (.*)$`);

export interface LogLine {
  time: string;
  user: string;
  /** `<session>:<window>.<pane>` */
  place: string;
  mark: Mark;
  text: string;
}

/** A line taken apart by STAMP, or undefined when it is not one whole stamped line. */
export function parseLine(line: string): LogLine | undefined {
  const match = STAMP.exec(line);
  if (!match) return undefined;
  return { time: match[1]!, user: match[2]!, place: `${match[3]}:${match[4]}.${match[5]}`, mark: match[6] as Mark, text: match[7]! };
}

/**
 * STAMP narrowed to one line: `place` and `user` literal (any user when omitted), `mark` one mark,
 * `text` a regular expression source for the whole text (anchored at both ends).
 */
export function stampedLine(place: string, mark: Mark, text: string, user?: string): RegExp {
  const who = user === undefined ? String.raw`\S+` : escapeRegExp(user);
  return new RegExp(`^${TIME} ${who} ${escapeRegExp(place)} ${escapeRegExp(mark)} ${text}$`);
}

/**
 * The log without its recordings' `seal` events (src/chain/): what a test of
 * logging asserts is what was recorded; the chain has its own tests
 * (test/unit/chain.test.ts, test/e2e/verify.test.ts), which read files whole.
 */
export function withoutSeals(text: string): string {
  return text.includes(' * seal rec=') ? text.replace(/^\S+ \S+ \S*?:\d+\.\d+ \* seal rec=[^\n]*\n/gm, '') : text;
}

/** A file's text, or '' if it is not there (rotated away while we looked). */
export function readIfThere(file: string): string {
  try {
    // A compressed rotated file (@audit-compress) reads as its text.
    return file.endsWith('.gz') ? zlib.gunzipSync(fs.readFileSync(file)).toString('utf8') : fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A log file's lines, without the empty one after the last newline. */
export function logLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

/** A rotated file of a live log: `<live>.<UTC time>[-<n>][.gz]`, e.g. `main.log.20261124T230102.345Z-1`; groups: 1 live, 2 time, 3 n. */
const ROTATED = /^(.+)\.(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?(?:\.gz)?$/;

/**
 * The rotated files among `names`, by their live file's name, each list oldest first (by time, then by `-n` as a
 * number); `others`: the names that are neither (a live log among them). A compression under way (`.gz.tmp`), or
 * done but the plain file not yet removed: the plain file counts.
 */
function rotatedByLive(names: readonly string[]): { rotated: Map<string, string[]>; others: string[] } {
  const byLive = new Map<string, { name: string; time: string; n: number }[]>();
  const others: string[] = [];
  for (const name of names) {
    if (name.endsWith('.gz.tmp') || (name.endsWith('.gz') && names.includes(name.slice(0, -3)))) continue;
    const match = ROTATED.exec(name);
    if (!match) {
      others.push(name);
      continue;
    }
    const found = byLive.get(match[1]!) ?? [];
    found.push({ name, time: match[2]!, n: Number(match[3] ?? 0) });
    byLive.set(match[1]!, found);
  }
  const rotated = new Map<string, string[]>();
  for (const [live, found] of byLive) {
    found.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n));
    rotated.set(live, found.map(({ name }) => name));
  }
  return { rotated, others };
}

/** The rotated files of the live file `dir/live`, oldest first (by time, then by `-n` as a number). Throws on any other `<live>.*` file. */
export function rotatedLogFiles(dir: string, live: string): string[] {
  const { rotated, others } = rotatedByLive(fs.readdirSync(dir).filter((name) => name.startsWith(`${live}.`)));
  const stray = [...others, ...[...rotated].filter(([of]) => of !== live).flatMap(([, names]) => names)];
  if (stray.length > 0) throw new Error(`${stray[0]} in ${dir} is neither ${live} nor a rotated file of it`);
  return (rotated.get(live) ?? []).map((name) => path.join(dir, name));
}

/** Every file of one log in order: the rotated ones oldest first, then the live one (`liveFile`). */
export function logFilesInOrder(liveFile: string): string[] {
  return [...rotatedLogFiles(path.dirname(liveFile), path.basename(liveFile)), liveFile];
}

/** The text of every file of one log, in order (a file rotated away meanwhile reads as ''). */
export function readAllLogs(liveFile: string): string {
  return withoutSeals(logFilesInOrder(liveFile).map(readIfThere).join(''));
}

/** Waits until a line of `read()` matches `match` (a pattern, or a test of the line), and returns the first such line. */
export function waitForLine(what: string, read: () => string, match: RegExp | ((line: string) => boolean), timeoutMs?: number): Promise<string> {
  const test = typeof match === 'function' ? match : (line: string) => match.test(line);
  return waitFor(what, () => read().split('\n').find(test), timeoutMs);
}

/**
 * A JSON Lines record's time and place (`@audit-format json`, src/format/json.ts), or undefined when the
 * line is not one: the stamp-order check reads both formats, a session's log being one or the other.
 */
function parseJsonLine(text: string): { time: string; place: string } | undefined {
  if (!text.startsWith('{')) return undefined;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof o !== 'object' || o === null) return undefined;
  const { time, session, window, pane } = o as Record<string, unknown>;
  if (typeof time !== 'string' || typeof session !== 'string' || typeof window !== 'string' || typeof pane !== 'string') return undefined;
  return { time, place: `${session}:${window}.${pane}` };
}

/**
 * Every place where a log under `dir` goes back in time: within one pane, a record
 * must never carry a stamp earlier than the record before it (issue 15), across
 * the files of one log too (its rotated files oldest first, compressed or not,
 * then the live one). Checked over every log the end-to-end tests produce, when
 * their servers are removed. Lines of another time format are not read;
 * JSON Lines records are.
 */
export function stampsOutOfOrder(dir: string): string[] {
  const problems: string[] = [];
  const walk = (at: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    const names = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    const { rotated, others } = rotatedByLive(names);
    // A log's rotated files, then its live one; either may be gone (pruned, moved).
    const logs = new Map(rotated);
    for (const name of others) if (name.endsWith('.log')) logs.set(name, [...(logs.get(name) ?? []), name]);
    for (const files of logs.values()) {
      const last = new Map<string, { ms: number; at: string; text: string }>();
      for (const file of files.map((name) => path.join(at, name))) {
        readIfThere(file)
          .split('\n')
          .forEach((text, index) => {
            const line = parseLine(text) ?? parseJsonLine(text);
            if (!line) return;
            const ms = Date.parse(line.time);
            const before = last.get(line.place);
            const here = `${file}:${index + 1}`;
            if (before && ms < before.ms) problems.push(`${here} (${line.place}) is stamped before ${before.at}: ${text}\n  ${before.at}: ${before.text}`);
            last.set(line.place, { ms, at: here, text });
          });
      }
    }
    for (const entry of entries) if (entry.isDirectory()) walk(path.join(at, entry.name));
  };
  walk(dir);
  return problems;
}
