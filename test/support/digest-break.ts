// Under a key the oldest file read is hashed against the digest a later head mark carries (chain/head-mark.ts):
// a test that plants lines into that file to check another detection gets that break too. Set aside where the
// check is about something else (the digest break itself is tested in test/unit/head-mark-digest.test.ts).

import type { Break } from '../../src/chain/verify.ts';

/** The breaks other than the oldest file's content differing from its digest. */
export function besidesDigest(breaks: readonly Break[]): Break[] {
  return breaks.filter((found) => !/holds the digest of this file's first \d+ bytes/.test(found.detail));
}
