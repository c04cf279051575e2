// Rotation decisions and names, free of I/O: `sinks/file/rotation.ts` acts on them.
// A rotated file is `<name>.<UTC time>[-<n>]` beside the live `<name>` (e.g.
// `main.log.20261124T230102.345Z`): it can never be taken for another session's
// live file, which always ends in `.log`. UTC so that names sort in time order
// across DST changes; `-<n>` only when two rotations share a millisecond.

/** Rotate before a write that would take a non-empty file past the limit; a file is never left empty. */
export function needsRotation(currentSize: number, incoming: number, maxBytes: number): boolean {
  return currentSize > 0 && currentSize + incoming > maxBytes;
}

function utcStamp(date: Date): string {
  // 2026-11-24T23:01:02.345Z -> 20261124T230102.345Z
  return date.toISOString().replace(/[-:]/g, '');
}

/** A rotated name for the live file `live` that is not in `taken`. */
export function rotatedName(live: string, date: Date, taken: ReadonlySet<string>): string {
  const base = `${live}.${utcStamp(date)}`;
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rotated files of the live file `live` among `names`, oldest first. */
export function rotatedFiles(names: readonly string[], live: string): string[] {
  const pattern = new RegExp(`^${escapeRegExp(live)}\\.(\\d{8}T\\d{6}\\.\\d{3}Z)(?:-(\\d+))?$`);
  const found: { name: string; time: string; n: number }[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (match) found.push({ name, time: match[1]!, n: Number(match[2] ?? 0) });
  }
  found.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.n - b.n));
  return found.map((file) => file.name);
}

/** Which rotated files to delete so that at most `keep` remain: the oldest. */
export function filesToPrune(names: readonly string[], live: string, keep: number): string[] {
  const rotated = rotatedFiles(names, live);
  return rotated.slice(0, Math.max(0, rotated.length - keep));
}
