// What commands/torn-starts.ts found in a log, kept so that the reading commands do not search every file for a
// `torn` event (a second read of the whole log) on every run, nor verify a log that holds one on every run. Kept in
// the log directory's `.run/` as private-cache.ts keeps a cache (ours alone, 0600, one name, written whole); a
// directory that is not ours alone, or a cache refused or not of this shape, finds everything again.
//
// A file is known by its device, inode and birth time (which tell it from a later file given a freed inode number);
// unchanged while its size, mtime and ctime are. Unlike ls's cache, the live file is kept too: its writers only
// append, so a kept file grown since is searched from where it was searched to (a line's end), not from its start.
// What that trusts, and why it is no more than the log's own bytes give: see commands/torn-starts.ts.

import type fs from 'node:fs';
import { readCache, writeCache } from './private-cache.ts';

export const TORN_CACHE_NAME = 'torn-starts.cache';

/** Bumped when what is kept (or how it is found) changes: an older cache is then dropped whole. */
const VERSION = 2;

/** Of a log's logs past this many, the ones not looked up by this run are dropped: a cache of a directory read once is not kept for ever. */
const MAX_LOGS = 1000;

/** What was found in one file of a log. */
export interface FileSeen {
  /** Its name in the log directory. */
  name: string;
  /** Which file: `dev:ino:birthtimeNs`. */
  file: string;
  /** `size:mtimeNs:ctimeNs` when it was searched, if it did not change while it was; '' when it did. */
  stamp: string;
  /** Bytes of its text searched: [0, searched). */
  searched: number;
  /** Whether those end with a whole line (a grown file is searched on from there only then). */
  endsLine: boolean;
  /** Whether those hold what may be a `torn` event. */
  events: boolean;
}

/** A start verify settled: where its line begins in the file `name`, its length, and the sha256 of those bytes ('' in a `.gz`). */
export interface StartSeen {
  name: string;
  offset: number;
  bytes: number;
  /** The start is its file's last line, all of it. */
  atEnd: boolean;
  sha256: string;
}

/** What was found in a log: its files, in order, and when one holds an event, the starts verify settled with them as they were. */
export interface LogSeen {
  timeFormat: string;
  files: FileSeen[];
  starts?: StartSeen[];
  /**
   * Whether verify's report, of the files as they were, still had breaks (with `starts`). A break may end when lines
   * are appended (a recording's unsealed tail is one until its next seal), and a start it covered is then settled:
   * the starts are kept for a grown log only when there was none.
   */
  breaks?: boolean;
}

export function fileOf(stat: fs.BigIntStats): string {
  return `${stat.dev}:${stat.ino}:${stat.birthtimeNs}`;
}

export function stampOf(stat: fs.BigIntStats): string {
  return `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isFileSeen(value: unknown): value is FileSeen {
  const seen = value as FileSeen;
  return typeof seen === 'object' && seen !== null && typeof seen.name === 'string' && typeof seen.file === 'string' && typeof seen.stamp === 'string'
    && isCount(seen.searched) && typeof seen.endsLine === 'boolean' && typeof seen.events === 'boolean';
}

function isStartSeen(value: unknown): value is StartSeen {
  const start = value as StartSeen;
  return typeof start === 'object' && start !== null && typeof start.name === 'string' && isCount(start.offset) && isCount(start.bytes) && start.bytes > 0
    && typeof start.atEnd === 'boolean' && typeof start.sha256 === 'string' && (start.sha256 === '' || /^[0-9a-f]{64}$/.test(start.sha256));
}

/** Whether a kept log has the shape written (a damaged one is found again, not trusted). */
function isLogSeen(value: unknown): value is LogSeen {
  const log = value as LogSeen;
  if (typeof log !== 'object' || log === null || typeof log.timeFormat !== 'string' || !Array.isArray(log.files) || !log.files.every(isFileSeen)) return false;
  if (log.breaks !== undefined && typeof log.breaks !== 'boolean') return false;
  return log.starts === undefined || (Array.isArray(log.starts) && log.starts.every(isStartSeen));
}

export class TornCache {
  private readonly logs = new Map<string, LogSeen>();
  private readonly used = new Set<string>();

  private constructor(
    private readonly dir: string,
    /** Whether the directory is ours alone: otherwise nothing is read or written. */
    private readonly usable: boolean,
  ) {}

  private static readonly opened = new Map<string, TornCache>();

  /** The cache of `dir` for this process (grep may read many logs of one directory). */
  static of(dir: string): TornCache {
    let cache = TornCache.opened.get(dir);
    if (!cache) TornCache.opened.set(dir, (cache = TornCache.open(dir)));
    return cache;
  }

  /** The cache of log directory `dir` as kept (empty, and never written, unless `dir` and its `.run` are ours alone). */
  static open(dir: string): TornCache {
    const { usable, text } = readCache(dir, TORN_CACHE_NAME);
    const cache = new TornCache(dir, usable);
    if (text === undefined) return cache;
    try {
      const kept = JSON.parse(text) as { version?: unknown; logs?: unknown };
      if (kept.version !== VERSION || !Array.isArray(kept.logs)) return cache;
      for (const entry of kept.logs as unknown[]) {
        const live = (entry as { live?: unknown } | null)?.live;
        const log = (entry as { log?: unknown } | null)?.log;
        if (typeof live === 'string' && isLogSeen(log)) cache.logs.set(live, log);
      }
    } catch {
      cache.logs.clear(); // corrupt: everything is found again, and the cache rewritten
    }
    return cache;
  }

  /** What was found in the log whose live file is `live`, read with `timeFormat`. */
  get(live: string, timeFormat: string): LogSeen | undefined {
    if (!this.usable) return undefined;
    const log = this.logs.get(live);
    return log?.timeFormat === timeFormat ? log : undefined;
  }

  /** Keeps what was found in the log `live` and writes the cache (a failure only means the next run finds it again). */
  keep(live: string, log: LogSeen): void {
    if (!this.usable) return;
    this.logs.set(live, log);
    this.used.add(live);
    if (this.logs.size > MAX_LOGS) for (const name of this.logs.keys()) if (!this.used.has(name) && this.logs.size > MAX_LOGS) this.logs.delete(name);
    const logs = [...this.logs].map(([name, seen]) => ({ live: name, log: seen }));
    writeCache(this.dir, TORN_CACHE_NAME, `${JSON.stringify({ version: VERSION, logs })}\n`);
  }
}
