// Under --require-key, a running recording whose start is in no file read and
// none of whose seals is in the files read yet: its reader seals every
// SEAL_EVERY lines and SEAL_MS after a segment's first line (chain/seal.ts,
// sinks/file/sink.ts), so a genuine one's seal, which binds its own line under
// the key (e=), is due by then. Before that it is given the time, not named
// (issue 13, review of fixtrust9, finding 3: a pane flooded until its start
// was pruned showed as a `forged event` for up to a minute). What this lets
// pass for that long: a made-up "running" recording (a .run file and a pid are
// anyone's to make) whose lines are stamped within the last SEAL_MS; it is
// named once its time is up, when the verify that counts is run. Under
// --require-key, only with its reader's keyed seal note (chain/running-seal.ts).

import { SEAL_EVERY, SEAL_MS } from './seal.ts';

/** How long after SEAL_MS a due seal may take to reach the file: a reader's queue draining behind a flood. */
export const SEAL_DRAIN_MS = 10_000;

/** Whether a running recording's first seal may still be on its way: fewer lines read than a segment holds, the first within SEAL_MS of `now`. */
export function sealNotDueYet(lines: number, firstMs: number | undefined, now: number | undefined): boolean {
  if (now === undefined || firstMs === undefined || !Number.isFinite(firstMs)) return false;
  return lines < SEAL_EVERY && now - firstMs < SEAL_MS + SEAL_DRAIN_MS;
}

/**
 * Which running recording, if any, the lines (and events held like lines) at a place no recording is known at
 * are taken to be, until its first seal is due: a pane flooded until its start was pruned, no seal of it in the
 * files left yet. An event there names its recording, which must be running and not otherwise read; bare lines
 * are given to a running recording nothing of which was read (`unseen`, taken one place each). Undefined: a break.
 */
export function runningOwner(held: readonly { kind?: string; fields?: Record<string, string>; ms: number }[], unseen: Set<string>, now: number | undefined): string | undefined {
  const first = held[0];
  if (first === undefined || !sealNotDueYet(held.length, first.ms, now)) return undefined;
  const named = new Set(held.filter((v) => v.kind === 'event').map((v) => v.fields?.rec));
  const owner = named.size === 0 ? unseen.values().next().value : named.size === 1 ? [...named][0] : undefined;
  if (owner === undefined || !unseen.has(owner)) return undefined;
  unseen.delete(owner);
  return owner;
}
