// How many removals of the live log verify's summary tells of (chain/removal-count.ts): the largest `k=` of a
// `lost` event, or the count by files. A `what=cut` event (the live file cut in place) removed no file, but the
// first writers of cuts (trust13e) wrote `k=1` on it: it must not make the summary tell of a removed file.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemovalCount } from '../../src/chain/removal-count.ts';
import type { VerifyLine } from '../../src/chain/verify.ts';

function lost(fields: Record<string, string>): VerifyLine {
  return { file: 'main.log', line: 1, text: '', event: 'lost', fields, ms: 0 };
}

describe('removal count', () => {
  it('a removal\'s k= raises the count by files; a cut\'s k= does not', () => {
    const removals = new RemovalCount();
    removals.see(lost({ what: 'cut', held: '100', left: '0', k: '1' }));
    assert.equal(removals.count(0), 0);
    removals.see(lost({ what: 'moved', k: '2' }));
    assert.equal(removals.count(1), 2);
    removals.see(lost({ what: 'cut', held: '100', left: '0', k: '9' }));
    assert.equal(removals.count(1), 2);
  });
});
