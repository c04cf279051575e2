// Whether a stamp format gives verify epoch times, and the seal's `t=` that
// stands in when it does not.
//
// verify's time checks (chain/verify.ts: a start cut out, a seal replayed from
// a pruned file, a recording moved at a shared place, a dead reader's tail, a
// running recording's first seal due) compare instants: the seals' `s=` (epoch
// ms) with the lines' stamps. A stamp read back with `@audit-time-format` is an
// instant only when the format holds a full date and a UTC offset: `HH:mm:ss`
// reads as a time on 1 Jan 1970, so stamps past midnight went back (false
// `reordered`) and every `s=` was later than every stamp (false `deleted`);
// a local date without an offset reads in the verifier's zone, hours off the
// writer's (verified west of where it was written, a start cut out up to the
// offset before passed). So a reader writing such stamps puts its seal's own
// instant on the seal (`t=`, epoch ms), covered like its other fields (the next
// seal's hash, under a key its `e=`), and verify takes the times of that log's
// lines from the seals' `t=` only: a line's stamp is then no instant at all
// (NaN, which every time check passes over), and the checks that need line
// times are skipped (said once: commands/verify.ts).

import { parse } from 'date-fns';
import { makeClock } from '../format/text.ts';

/** Instants a format must give back from its own stamps to the second (dates and hours that a partial format loses). */
const PROBES = [Date.UTC(2026, 0, 1, 0, 0, 0, 0), Date.UTC(2026, 10, 25, 23, 59, 58, 999), Date.UTC(1999, 1, 28, 12, 34, 56, 789), Date.UTC(2031, 6, 15, 7, 8, 9, 10), Date.UTC(2088, 11, 31, 13, 1, 2, 3)];

const known = new Map<string, boolean>();

/**
 * Whether stamps written with `timeFormat` read back as the instants they were
 * written for, in any time zone: a UTC offset (`X`, `x`) or an epoch (`t`,
 * `T`) in it, and a full date and time to the second (read back within a
 * second from its own stamps). Literal text in quotes does not count.
 */
export function stampsAreEpoch(timeFormat: string): boolean {
  let epoch = known.get(timeFormat);
  if (epoch === undefined) {
    const tokens = timeFormat.replace(/''/g, '').replace(/'[^']*'?/g, '');
    epoch = /[XxtT]/.test(tokens) && roundTrips(timeFormat);
    known.set(timeFormat, epoch);
  }
  return epoch;
}

function roundTrips(timeFormat: string): boolean {
  try {
    const clock = makeClock(timeFormat);
    return PROBES.every((ms) => Math.abs(parse(clock(ms), timeFormat, new Date(0)).getTime() - ms) < 1000);
  } catch {
    return false;
  }
}

/** A seal's `t=` as verify reads it: its instant in epoch ms, or undefined when it has none (or not digits). */
export function sealInstant(fields: Record<string, string> | undefined): number | undefined {
  const t = fields?.t;
  return t !== undefined && /^\d{1,16}$/.test(t) ? Number(t) : undefined;
}
