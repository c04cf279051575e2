// Which of two processes was forked first, from what /proc tells of each: its start in clock ticks since boot
// (proc(5) stat field 22, 10 ms at USER_HZ 100) and its pid. Two readers of one pane each decide this about the
// other (runtime/runfile.ts readersByAge), so both must reach the same answer from the same facts.

export interface Forked {
  /** Start time in clock ticks since boot. */
  start: number;
  pid: number;
}

/**
 * Whether `a` was forked before `b`. A later tick is later. Within one tick the kernel hands out pids in
 * increasing order, but wraps past `pidMax` (/proc/sys/kernel/pid_max: 32768 here) back to the low ones, so a
 * plain pid comparison can make each process take the other for older. Counted forward around the wrap, the
 * gap from the earlier to the later is small (no machine forks half of pid_max processes in one tick), so the
 * one reached by the shorter forward step is the later. Both sides compute the same sum, so they agree; a gap
 * of exactly half (never seen within a tick) falls back to the plain comparison, which keeps the answer one-sided.
 */
export function forkedBefore(a: Forked, b: Forked, pidMax: number): boolean {
  if (a.start !== b.start) return a.start < b.start;
  if (a.pid === b.pid) return false;
  const forward = (((b.pid - a.pid) % pidMax) + pidMax) % pidMax;
  const half = pidMax / 2;
  return forward === half ? a.pid < b.pid : forward < half;
}
