// Why the log's path no longer names the file a writer holds open: another writer of the log
// rotated it, or someone removed or moved it (a `lost` event).
//
// A moved file keeps a name (`mv` to another directory on the same file system, or a second
// name then `rm`), so its having one proves no rotation: before, a writer took any file with a
// name left for rotated, reopened at the path and said nothing, and with a chain key the live
// log's lines could be taken away unseen (issue 13 review of fixtrust8, finding 2). Only the
// rotated-files ledger says a writer of this log rotated it (rotated-ledger.ts: under a chain key,
// an entry tagged under it). A rotation renames before it writes its entry, both under the rotation
// lock (rotation.ts), so a file the ledger does not name is looked up again holding the lock: an
// honest rotation under way makes the writer wait (its lines queue), never say `lost`.

import fs from 'node:fs';
import path from 'node:path';
import { wasRotated } from './rotated-ledger.ts';
import { withRotationLock } from './rotation.ts';
import { sameFile } from './safe-fs.ts';

/**
 * `rotated`: go on in the file at the path. Else what the `lost` event says: `file` (removed), `directory`
 * (the directory removed or moved), `moved` (the file still has a name, not at the log's path).
 */
export type AwayReason = 'rotated' | 'file' | 'directory' | 'moved';

/**
 * Why `file` no longer names `mine` (the writer's open file, just fstat'ed; `dir` its directory when
 * opened), or undefined while another writer holds the rotation lock (it may be between its rename and
 * its ledger entry: the caller looks again shortly).
 */
export function whyAway(file: string, mine: fs.Stats, dir: fs.Stats, key?: Buffer): AwayReason | undefined {
  // The usual case, an idle or slower writer finding another's rotation done: no lock taken.
  if (wasRotated(file, mine, key)) return 'rotated';
  let rotated: boolean | undefined;
  try {
    rotated = withRotationLock(file, () => wasRotated(file, mine, key));
  } catch {
    // No lock to take (the directory gone, or something not our lock at its path, which stops rotation
    // too, so none is under way): the ledger as it is decides, and what it does not name was not rotated.
    rotated = wasRotated(file, mine, key);
  }
  if (rotated === undefined) return undefined;
  if (rotated) return 'rotated';
  if (!sameFile(dir, fs.lstatSync(path.dirname(file), { throwIfNoEntry: false }))) return 'directory';
  return mine.nlink === 0 ? 'file' : 'moved';
}
