// Which files are the raw streams (`@audit-cast on`, sinks/file/cast.ts) of a
// session log: `<log stem>.<rec>.cast` beside `<log stem>.log`, rotated like
// a log into `<name>.cast.<UTC time>[-<n>][.gz]` (core/rotate.ts). Pure, given
// a directory's names: `ls` counts them, retention prunes the old rotated
// ones with the log's own (sinks/file/rotation.ts).

import { filesTooOld } from './rotate.ts';

/** A recording id as nanoid writes it: 10 of A-Z a-z 0-9 _ - (no `.`: the id cannot swallow part of another name). */
const REC = '[A-Za-z0-9_-]{10}';
const ROTATION = '\\.\\d{8}T\\d{6}\\.\\d{3}Z(?:-\\d+)?(?:\\.gz)?';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The live cast names (`<stem>.<rec>.cast`) of the log `live` (`<stem>.log`) that `names` hold a part of, rotated or live. */
export function castsOfLog(names: readonly string[], live: string): string[] {
  if (!live.endsWith('.log')) return [];
  const pattern = new RegExp(`^(${escapeRegExp(live.slice(0, -'.log'.length))}\\.${REC}\\.cast)(?:${ROTATION})?$`);
  const casts = new Set<string>();
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) casts.add(match[1]!);
  }
  return [...casts].sort();
}

/**
 * Every part of the log's casts among `names`: per recording, its rotated
 * parts oldest first, then the live one (as rotatedFiles orders a log's; a
 * part there both plain and `.gz`, mid-compression, counts once). One pass
 * over the names: a log may have thousands of recordings.
 */
export function castFilesOfLog(names: readonly string[], live: string): string[] {
  if (!live.endsWith('.log')) return [];
  const pattern = new RegExp(`^(${escapeRegExp(live.slice(0, -'.log'.length))}\\.${REC}\\.cast)(?:\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?(\\.gz)?)?$`);
  const present = new Set(names);
  const casts = new Map<string, { name: string; time: string; n: number }[]>();
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || (match[4] && present.has(name.slice(0, -3)))) continue;
    const parts = casts.get(match[1]!) ?? [];
    // The live part sorts last: its "time" is above every stamp.
    parts.push({ name, time: match[2] ?? '~', n: Number(match[3] ?? 0) });
    casts.set(match[1]!, parts);
  }
  return [...casts.keys()].sort().flatMap((cast) => casts.get(cast)!.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n)).map((part) => part.name));
}

/** Rotated cast parts of the log `live` older than `maxAgeMs` at `now` (by the time in their name), as for the log's own rotated files. */
export function castsTooOld(names: readonly string[], live: string, maxAgeMs: number, now: number): string[] {
  return castsOfLog(names, live).flatMap((cast) => filesTooOld(names, cast, maxAgeMs, now));
}
