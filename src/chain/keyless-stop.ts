// A dead reader's stop (chain/external-stop.ts) read by `verify` without the
// key, in a recording whose chain nothing read tells (its start and seals went
// with pruned files: the stop is all that is left of it, or with a few
// unsealed lines). recover and sweep hash it under the chain key when there is
// one, so a plain hash that does not hold says only that verify cannot check
// it: the recording needs the key, as a keyed one whose seals are read does
// (counted, not a break; the key checks it). It proves nothing without the
// key, and no less than before: whoever can write the log can hash a plain
// stop that holds anyway.

import { externalStopHash } from './external-stop.ts';

/** How a stop whose recording's chain is unknown binds it without the key: `plain` (its plain hash holds), `keyed` (it may be hashed under the key), or undefined (not a hash at all). */
export function keylessStop(p: string, rec: string, reason: string, h: string, away?: string): 'plain' | 'keyed' | undefined {
  if (externalStopHash(p, rec, reason, undefined, away) === h) return 'plain';
  return /^[0-9a-f]{32}$/.test(h) ? 'keyed' : undefined;
}
