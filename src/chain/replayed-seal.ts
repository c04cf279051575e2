// A seal replayed within its own log, from a file since pruned (issue 13,
// review of fixtrust9, finding 1).
//
// A keyed seal's `e=` binds its line and its log (chain/seal-tag.ts), so a
// seal copied from another log fails; one saved from a file of the same log
// before `@audit-max-files` pruned it still holds, and put back (with its stop)
// ahead of made-up lines at the head of the oldest file, it would vouch for
// them as the first seal of a recording whose start was pruned. An honest such
// seal was made after the oldest file began: a reader stamps a seal when it
// makes it (sinks/file/sink.ts: seal) and writes it once its queue drains, so
// it can trail another reader's line written ahead of it into that file by no
// more than that drain. One stamped well before the oldest file's first line
// was written into a file that is gone.
//
// What it cannot tell: a seal replayed from a pruned file that ended within the
// slack of the oldest file's start (a flood rotating small files every few
// hundred milliseconds), and a reference point moved by lines that are not the
// log's: chain/verify.ts takes the oldest file's first line that is not a seal
// or a stop (or the earliest line a seal holds by its hash, if earlier), so a
// made-up output line stamped early put at the very head of that file moves it (a reference point
// only lines proven under the key can set closes that; not done here).

import type { VerifyLine } from './verify.ts';

/** How much earlier than the oldest file's first line an honest first seal can be stamped: a reader's queue draining behind a flood. */
export const REPLAY_SLACK_MS = 10_000;

/**
 * The same when the log's stamps are no instants (chain/epoch-stamps.ts) and the reference is the earliest
 * `t=` of a seal that holds by its hash: that seal can come up to a seal interval (chain/seal.ts: 60 s) after
 * the oldest file began, on top of the drain. A replayed seal made within that of the oldest file's first
 * hashed seal passes (a pruned file that ended within ~70 s of it); and a log whose oldest file holds no seal
 * that holds by its hash (under a key: checked with the key) is not checked.
 */
export const UNTIMED_REPLAY_SLACK_MS = 70_000;

/**
 * Why the first seal read of a recording whose start is in no file read was
 * not made for where it is (a replay from a pruned file); undefined when it may be.
 */
export function replayedSeal(firstSeal: VerifyLine, oldestFirstMs: number, slack = REPLAY_SLACK_MS): string | undefined {
  if (!Number.isFinite(firstSeal.ms) || firstSeal.ms >= oldestFirstMs - slack) return undefined;
  const by = Math.round((oldestFirstMs - firstSeal.ms) / 1000);
  const than = slack === REPLAY_SLACK_MS ? "the oldest file's first line" : 'the earliest seal of the log that holds by its hash (t=)';
  return `the first seal of a recording whose start is in no file read is stamped ${by} s before ${than}: a seal from a file since pruned, put back here (its lines before it are not its reader's)`;
}
