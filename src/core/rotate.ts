// Rotation decisions and names, free of I/O: `sinks/file/rotation.ts` acts on them.
// A rotated file is `<name>.<UTC time>[-<n>][.gz]` beside the live `<name>` (e.g.
// `main.log.20261124T230102.345Z`, `.gz` once compressed): it can never be taken
// for another session's live file, which always ends in `.log`. UTC so that names sort in time order
// across DST changes; `-<n>` only when two rotations share a millisecond.

/** Rotate before a write that would take a non-empty file past the limit; a file is never left empty. */
export function needsRotation(currentSize: number, incoming: number, maxBytes: number): boolean {
  return currentSize > 0 && currentSize + incoming > maxBytes;
}

export type RotateWhen = 'size' | 'daily' | 'both';

/** The start of the local day after the one `ms` falls in (epoch ms; local time, DST included). */
export function nextLocalMidnight(ms: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
}

/**
 * Whether a write of `incoming` bytes at `now` goes to a new file: past the
 * size limit (`size`, `both`), or the first write of a local day into a file
 * last written on an earlier one (`daily`, `both`; `lastWrite` is the file's
 * mtime, which every writer of the file moves). A file is never left empty.
 */
export function rotationDue(rotate: RotateWhen, size: number, incoming: number, maxBytes: number, lastWrite: number, now: number): boolean {
  if (size === 0) return false;
  if (rotate !== 'daily' && size + incoming > maxBytes) return true;
  return rotate !== 'size' && now >= nextLocalMidnight(lastWrite);
}

function utcStamp(date: Date): string {
  // 2026-11-24T23:01:02.345Z -> 20261124T230102.345Z
  return date.toISOString().replace(/[-:]/g, '');
}

/**
 * A rotated name for the live file `live` that is not in `taken` and sorts after every rotated file of the same
 * millisecond in it: past the highest `-<n>` there, not in the first gap. Three rotations in one millisecond with
 * one file kept made `.345Z`, `.345Z-1`, then `.345Z` again (the first pruned): the newest sorted first, and
 * retention deleted it, not the oldest (a ledger-names test run in CI).
 */
export function rotatedName(live: string, date: Date, taken: ReadonlySet<string>): string {
  const base = `${live}.${utcStamp(date)}`;
  let highest = -1;
  for (const name of taken) {
    const plain = name.endsWith('.gz') ? name.slice(0, -3) : name;
    if (plain === base) highest = Math.max(highest, 0);
    else if (plain.startsWith(`${base}-`) && /^\d{1,15}$/.test(plain.slice(base.length + 1))) highest = Math.max(highest, Number(plain.slice(base.length + 1)));
  }
  let name = highest < 0 ? base : `${base}-${highest + 1}`;
  for (let n = highest + 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The rotated files of the live file `live` among `names`, oldest first,
 * compressed (`.gz`) or not. Where both a file and its `.gz` are there (the
 * compressor was between its rename and its unlink), the plain one counts.
 */
export function rotatedFiles(names: readonly string[], live: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(live)}\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?(\\.gz)?$`);
  const present = new Set(names);
  const found: { name: string; time: string; n: number }[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match && !(match[3] && present.has(name.slice(0, -3)))) found.push({ name, time: match[1]!, n: Number(match[2] ?? 0) });
  }
  found.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n));
  return found.map((file) => file.name);
}

/** Whether rotated file `a` was rotated after `b`, by their names (time, then number: the order rotatedFiles lists). */
export function rotatedAfter(a: string, b: string): boolean {
  const key = (name: string) => /\.(\d{8}T\d{6}\.\d{3}Z)(?:-(\d+))?(?:\.gz)?$/.exec(name);
  const x = key(a);
  const y = key(b);
  if (!x || !y) return false;
  return x[1]! !== y[1]! ? x[1]! > y[1]! : Number(x[2] ?? 0) > Number(y[2] ?? 0);
}

/** When a rotated file was rotated (epoch ms, from its name), or undefined if the name is not one. */
export function rotatedAt(name: string): number | undefined {
  const m = /\.(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)\.(\d{3})Z(?:-\d+)?(?:\.gz)?$/.exec(name);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7])) : undefined;
}

/** Rotated files older than `maxAgeMs` at `now` (by the time in their name): to delete. */
export function filesTooOld(names: readonly string[], live: string, maxAgeMs: number, now: number): string[] {
  if (!Number.isFinite(maxAgeMs)) return [];
  return rotatedFiles(names, live).filter((name) => now - rotatedAt(name)! > maxAgeMs);
}

/** Rotated files to compress: not yet `.gz`, and not the newest (other writers may still append to it until they notice the rotation). */
export function filesToCompress(names: readonly string[], live: string): string[] {
  const rotated = rotatedFiles(names, live);
  return rotated.slice(0, -1).filter((name) => !name.endsWith('.gz'));
}

/** Which rotated files to delete so that at most `keep` remain: the oldest. */
export function filesToPrune(names: readonly string[], live: string, keep: number): string[] {
  const rotated = rotatedFiles(names, live);
  return rotated.slice(0, Math.max(0, rotated.length - keep));
}
