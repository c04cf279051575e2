// Under --require-key, a "running" recording whose start is in no file read
// and none of whose seals is read yet must show a seal of its own that holds
// under the key.
//
// Such a recording is given until its first seal in the files is due (chain/
// seal-due.ts): a pane flooded until its start was pruned. But "running" was
// taken from a `.run` file and a living pid, anyone's to make: made-up lines
// stamped within the last 70 s at a place of their own passed as its lines
// (issue 13, left after review13c). Its reader has made a seal, though: its
// start's was made at once, and each since; it notes the last one on disk,
// whole (`<dir>/.run/<name>.seal`, beside its link: chain/external-stop.ts),
// and under a key that line ends with `e=`, binding it, its rec=, place and
// stamp, to this log (chain/seal-tag.ts). So verify takes the lines at that
// place for its recording only if that noted seal holds under the key, is of
// that recording at that place, and was made no later than a segment's time
// (SEAL_MS and the drain: seal-due.ts) after the first of them. Nobody without the key makes one; a
// genuine seal copied into a made-up run file names its own recording and
// place, and a recording whose seals are in the files read is not taken for
// "running" with none read, so what is left is a genuine running reader's own
// place, where the lines made up are caught by its next seal's hash.
//
// Of this log: `live` and the noted seals are gathered per directory, and a
// running recording of another log (another session's) with a keyed note of
// its own took made-up lines at its place in this one (review of trust13b,
// F3). So a running recording is looked for among those whose run file names
// this log (`sameLog`), and its noted seal must be of this log too.

import path from 'node:path';
import { SEAL_MS } from './seal.ts';
import { SEAL_DRAIN_MS } from './seal-due.ts';
import { sealLogName, sealTag, withoutTag } from './seal-tag.ts';
import type { VerifyLine } from './verify.ts';

/** Whether `a` and `b` are files of one log: its live name (a rotated file's, without its suffix), in one directory. */
export function sameLog(a: string, b: string): boolean {
  return sealLogName(a) === sealLogName(b) && path.resolve(path.dirname(a)) === path.resolve(path.dirname(b));
}

/** Why the lines `held` at `place` are not shown to be running recording `owner`'s by its noted seal; undefined when they are. */
export function runningSealProblem(seal: VerifyLine | undefined, owner: string, place: string, held: readonly { ms: number; file: string }[], key: Buffer): string | undefined {
  const why = (what: string): string => `lines at ${place} given to a running recording whose start is in no file read and no seal of which is read yet (${owner}), ${what}: made up`;
  if (seal === undefined) return why('but its reader noted no seal');
  if (seal.event !== 'seal' || seal.fields?.rec !== owner || seal.place !== place) return why('but the seal its reader noted is not one of it at that place');
  if (held[0] === undefined || !sameLog(seal.file, held[0].file)) return why('but the seal its reader noted is of another log');
  const e = seal.fields?.e;
  const line = e === undefined || !/^[0-9a-f]+$/.test(e) ? undefined : withoutTag(seal.text, e);
  if (line === undefined || sealTag(line, key, sealLogName(seal.file)) !== e) return why('but the seal its reader noted does not hold under the key');
  // After that seal (its pane may have been idle since for any time: seal-due.ts bounds them by now), or among the
  // lines it covers, when its reader noted it after verify read the files: no earlier than a segment before it.
  const early = held.find((v) => !(v.ms >= seal.ms - SEAL_MS - SEAL_DRAIN_MS));
  if (early !== undefined) return why(`but they are stamped ${Math.round((seal.ms - early.ms) / 1000)} s before the seal its reader noted`);
  return undefined;
}
