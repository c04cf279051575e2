// A genuine recording moved (cut and pasted, with its start, seals and stop)
// into another one's stretch at the same place: both then run there at once,
// so both are checked by their seals' links only until each runs alone again
// (chain/verify.ts: `shared`), and an edit in that stretch hides behind the
// move. Its stamps give it away: one reader stamps its lines in order, two at
// one place a little apart (their writers' holds), but a recording moved from
// elsewhere in the log starts earlier than what comes before it there (moved
// from earlier), or what follows it there goes back to before it (moved from
// later). A stamp that goes back by more than MOVED_SLACK_MS at a place while
// two recordings share it (or until the one left seals alone) is named
// `reordered`. Not elsewhere: a single reader's clock stepped back is no move.

import { TAIL_SLACK_MS } from './external-stop.ts';
import { SEAL_MS } from './seal.ts';

/** How far a stamp may go back at a shared place: two readers' holds (a flood's backlog), as for a reader's tail. */
export const MOVED_SLACK_MS = SEAL_MS + TAIL_SLACK_MS;

export class PlaceStamps {
  /** The latest stamp read at each place. */
  private readonly latest = new Map<string, number>();
  /** Places where a second recording started beside a running one, until the one left seals alone. */
  private readonly mixed = new Set<string>();

  /** A second recording starts at `place` beside one running there. */
  share(place: string): void {
    this.mixed.add(place);
  }

  /** The recording at `place` sealed with no other beside it. */
  alone(place: string): void {
    this.mixed.delete(place);
  }

  /** Notes a line's stamp at `place`; how far (ms) it goes back when that is more than MOVED_SLACK_MS at a shared place, once per sharing. */
  see(place: string, ms: number): number | undefined {
    if (!Number.isFinite(ms)) return undefined;
    const latest = this.latest.get(place);
    if (latest === undefined || ms >= latest) {
      this.latest.set(place, ms);
      return undefined;
    }
    if (!this.mixed.has(place) || latest - ms <= MOVED_SLACK_MS) return undefined;
    this.mixed.delete(place);
    return latest - ms;
  }
}
