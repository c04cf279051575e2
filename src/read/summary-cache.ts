// `ls` over a thousand rotated files must answer in under a second, and
// scanning them costs their whole size every time. A rotated file does not
// change once rotated (compression writes a new file, `<name>.gz`), so what
// summarizeFile found in it is kept in a private file in the log directory's
// `.run/`, keyed by the file's name, device, inode, size, mtime and ctime and
// the time format it was read with: any change to the file (or a file put in
// its place) misses and is scanned again. The live file is never kept.
//
// It is an audit tool: a cache someone else could write would let them hide
// recordings and users from `ls`. The cache is kept as private-cache.ts keeps
// one (ours alone, 0600, one name, written whole); anything else (a user who
// can only read the logs, a planted or corrupt cache) reads every file, as
// without it.

import fs from 'node:fs';
import path from 'node:path';
import { readCache, writeCache } from './private-cache.ts';
import type { FileSummary, StartSeen } from './summary.ts';

/** What summarizeLog needs of a file's first or last line. */
export interface LineEnd {
  time: string;
  /** Epoch ms; null when the stamp does not read as a time. */
  ms: number | null;
  user: string;
}

/** A file's summary as summarizeLog uses it. */
export interface ScannedFile {
  summary: FileSummary;
  starts: StartSeen[];
  firstLine?: LineEnd;
  lastLine?: LineEnd;
}

/** Bumped when what is kept (or how it is found) changes: an older cache is then dropped whole (2: JSON starts found whatever their keys' order). */
const VERSION = 2;
export const CACHE_NAME = 'ls-summaries.cache';

interface Entry {
  /** `dev:ino:size:mtimeNs:ctimeNs:timeFormat` */
  key: string;
  scanned: Omit<ScannedFile, 'summary'> & { summary: Omit<FileSummary, 'path'> };
  /** Whether this run looked the file up (entries of files not looked up are kept only while the file exists). */
  used?: boolean;
}

/** Whether `name` is a rotated file of the live file `live` (files.ts ROTATED: `<live>.<UTC time>[-<n>][.gz]`). */
function rotatedOf(name: string, live: string): boolean {
  return name.startsWith(`${live}.`) && /^\d{8}T\d{6}\.\d{3}Z(?:-\d+)?(?:\.gz)?$/.test(name.slice(live.length + 1));
}

function identity(stat: fs.BigIntStats, timeFormat: string): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}:${timeFormat}`;
}

function isLineEnd(value: unknown): boolean {
  if (value === undefined) return true;
  const end = value as LineEnd;
  return typeof end === 'object' && end !== null && typeof end.time === 'string' && typeof end.user === 'string' && (end.ms === null || typeof end.ms === 'number');
}

/** Whether a kept entry has the shape written (a damaged one is scanned again, not trusted). */
function isEntry(value: unknown): value is Entry {
  const entry = value as Entry;
  if (typeof entry !== 'object' || entry === null || typeof entry.key !== 'string') return false;
  const scanned = entry.scanned;
  if (typeof scanned !== 'object' || scanned === null || !Array.isArray(scanned.starts)) return false;
  const summary = scanned.summary;
  if (typeof summary !== 'object' || summary === null || typeof summary.bytes !== 'number' || typeof summary.lines !== 'number') return false;
  if (!(summary.first === null || typeof summary.first === 'string') || !(summary.last === null || typeof summary.last === 'string')) return false;
  if (!scanned.starts.every((start) => typeof start === 'object' && start !== null && typeof start.rec === 'string' && typeof start.user === 'string' && typeof start.by === 'string')) return false;
  return isLineEnd(scanned.firstLine) && isLineEnd(scanned.lastLine);
}

export class SummaryCache {
  private readonly entries = new Map<string, Entry>();
  private changed = false;

  private constructor(
    private readonly dir: string,
    /** Whether the directory is ours alone: otherwise nothing is read or written. */
    private readonly usable: boolean,
  ) {}

  private static readonly opened = new Map<string, SummaryCache>();

  /**
   * The cache of `dir` for this process: `ls` summarizes each log in turn, and
   * reading the whole cache again for each of a hundred sessions would cost
   * more than it saves. Entries are checked against the files at each look-up.
   */
  static of(dir: string): SummaryCache {
    const key = path.resolve(dir);
    let cache = SummaryCache.opened.get(key);
    if (!cache) SummaryCache.opened.set(key, (cache = SummaryCache.open(dir)));
    return cache;
  }

  /** The cache of log directory `dir` (empty, and never written, unless `dir` and its `.run` are ours alone). */
  static open(dir: string): SummaryCache {
    const { usable, text, refused } = readCache(dir, CACHE_NAME);
    const cache = new SummaryCache(dir, usable);
    if (text === undefined) {
      cache.changed = refused;
      return cache;
    }
    try {
      const kept = JSON.parse(text) as { version?: unknown; files?: unknown };
      if (kept.version !== VERSION || !Array.isArray(kept.files)) throw new Error('not this version');
      for (const entry of kept.files as unknown[]) {
        const name = (entry as { name?: unknown } | null)?.name;
        if (typeof name === 'string' && isEntry(entry)) cache.entries.set(name, { key: entry.key, scanned: entry.scanned });
      }
    } catch {
      cache.entries.clear(); // corrupt: everything is scanned again and the cache rewritten
      cache.changed = true;
    }
    return cache;
  }

  /**
   * The summary of rotated file `file` (directly in the log directory):
   * kept, or from `scan` (and then kept if the file did not change while it
   * was read). undefined when the file is gone.
   */
  summarize(file: string, timeFormat: string, scan: () => ScannedFile | undefined): ScannedFile | undefined {
    if (!this.usable || path.dirname(path.resolve(file)) !== path.resolve(this.dir)) return scan();
    const name = path.basename(file);
    const before = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    if (!before?.isFile()) return scan(); // gone (compressed meanwhile: scan finds the .gz) or not a file
    const key = identity(before, timeFormat);
    const entry = this.entries.get(name);
    if (entry?.key === key) {
      entry.used = true;
      return { ...entry.scanned, summary: { path: file, ...entry.scanned.summary } };
    }
    const scanned = scan();
    const after = fs.statSync(file, { bigint: true, throwIfNoEntry: false });
    if (scanned && after && identity(after, timeFormat) === key) {
      const { path: _path, ...summary } = scanned.summary;
      this.entries.set(name, { key, scanned: { ...scanned, summary }, used: true });
      this.changed = true;
    }
    return scanned;
  }

  /**
   * Writes the cache back when something was added or dropped. `live`: the
   * log whose files were all just looked up (its live file's name): its
   * entries not looked up are of files gone, and dropped; without it, every
   * entry whose file is gone is. A failure (no write access, a full disk) only
   * means the next `ls` scans again.
   */
  save(live?: string): void {
    if (!this.usable) return;
    for (const [name, entry] of this.entries) {
      const gone = live === undefined ? !entry.used && !fs.existsSync(path.join(this.dir, name)) : !entry.used && rotatedOf(name, live);
      if (gone) {
        this.entries.delete(name);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const files = [...this.entries].map(([name, { key, scanned }]) => ({ name, key, scanned }));
    // Not writable: correct answers all the same, only slower.
    if (writeCache(this.dir, CACHE_NAME, `${JSON.stringify({ version: VERSION, files })}\n`)) this.changed = false;
  }
}
