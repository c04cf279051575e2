// Which rules a recording's chain follows, as its own lines say: a reader
// since trust5 seals each `lost` event at once, by itself, and marks its
// recording `v=2` (CHAIN_VERSION) on the start and on every seal; a reader
// before that wrote the event unsealed, and the first seals after it covered
// it, or only set the link. verify holds a marked recording to the new rules
// (a `lost` event its seal does not follow at once is forged), and reads an
// unmarked one as its reader wrote it — the rules verify applied before
// trust5, and says so: those are weaker (a forged unsealed `lost` event ahead
// of a seal writes the lines it covers off as unsealed), so an old log's
// check proves less than a new one's.
//
// Why the mark cannot be taken away to get the older rules:
// - the start is the first line of the first segment, and each seal's line
//   the first of the next one (chain/seal.ts): taking `v=2` out of either
//   breaks the seal after it (under a key nobody else can remake it; a plain
//   chain can be rewritten whole anyway, the mark with it);
// - a recording whose start is in no file read (pruned, or removed with a
//   log) still has seals, each marked: once one says `v=2`, a `lost` event
//   read the older way before it is forged after all (checked at the end);
// - the last seal's line is not hashed (chain/last-seal.ts) but checked
//   against its stop with its own `v=`: a mark taken out of it alone is a
//   seal without the mark in a marked recording, named;
// - a recording invented whole without the key is chained plain: counted as
//   such with --key, a break (`unkeyed`) with --require-key.

import type { VerifyLine } from './verify.ts';

/** The chain version a start or seal says (`v=`), or undefined (an older reader's: no mark). */
export function chainVersion(line: VerifyLine): number | undefined {
  const v = line.fields?.v;
  return v === undefined ? undefined : Number(v);
}

/** What a `lost` event its reader did not seal is, in a recording marked `v=2`. */
export const UNSEALED_LOST =
  'a lost event its reader did not seal: the recording says (v=2) that its reader seals each one at once, by itself, so it is forged';

/** The same in an unmarked recording, unless the older rules were asked for (`verify --older`). */
export const UNSEALED_LOST_UNMARKED =
  'a lost event its reader did not seal: forged, or written by a tmux-audit older than v=2 (verify --older checks such logs the old, weaker way)';

/** The same, in a recording read the older way until a seal of it said `v=2`. */
export const UNSEALED_LOST_MARKED_LATER =
  'a lost event its reader did not seal, ahead of seals of the recording that say (v=2) its reader seals each one at once: forged ' +
  '(the recording\'s start, which says so too, is not in the files read)';

/** An unmarked recording's `lost` event that no seal covered by the time the older reader would have (the older rule). */
export const UNCOVERED_OLDER_LOST =
  'a lost event no seal of the recording covers (written by an older tmux-audit, whose chain restarts at the event, so the next ' +
  'seals cover it): the lines around it were written off as unsealed';

/** A seal without the mark in a recording that carries it. */
export const UNMARKED_SEAL = 'a seal without v= in a recording whose start or seals say v=2 or later (the mark taken out)';

/** A seal of a recording marked v=3 or later without `s=` (its start's time). */
export const UNSTAMPED_SEAL = "a seal without s= in a recording marked v=3, whose every seal says its start's time (taken out)";

/** A start or seal whose `v=` is not the recording's. */
export const OTHER_VERSION = "a seal that says another chain version (v=) than the recording's start or other seals (the mark rewritten)";

/** A keyed seal of a recording marked v=3 or later without `e=` (chain/seal-tag.ts). */
export const UNTAGGED_SEAL = 'a keyed seal without e= in a recording marked v=3, whose every keyed seal binds its own line under the key (taken out)';

/** A keyed seal whose `e=` does not hold under the key. */
export const BAD_TAG = "a seal whose own line is not as its reader wrote it: its e= does not hold under the key (the line rewritten, or made without the key)";
