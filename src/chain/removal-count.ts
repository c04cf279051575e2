// How many removals of the live log a log's `lost` events tell of. Each reader
// that wrote into the removed file writes its own event first thing in the new
// one, so verify counts the events heading one file as one removal
// (chain/verify.ts: removals). But an event can go with a later removal: `mv`
// of the live log, then `ln` + `rm` of the new file before anything rotated it
// leaves only the second event, and the count said 1 for 2 removals. So each
// event says how many removals its reader has seen (`k=`, covered by the
// event's seal: sinks/file/sink.ts): no fewer removals happened than the
// largest `k` read. A reader started after an earlier removal knows nothing of
// it, so this is a lower bound, as the count by files is.

import type { VerifyLine } from './verify.ts';

export class RemovalCount {
  /** The largest `k=` of a `lost` event read. */
  private most = 0;

  see(v: VerifyLine): void {
    // A cut in place (`what=cut`) is no removal; its `k=` (written by the first writers of cuts) counted it as one.
    if (v.event !== 'lost' || v.fields?.what === 'cut') return;
    const k = v.fields?.k;
    if (k !== undefined && /^\d{1,9}$/.test(k)) this.most = Math.max(this.most, Number(k));
  }

  /** The removals told of: `byFiles` (events heading one file count once), or more if a reader says it saw more. */
  count(byFiles: number): number {
    return Math.max(byFiles, this.most);
  }
}
