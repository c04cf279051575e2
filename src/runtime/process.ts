// Probes of other processes.

import fs from 'node:fs';

/** Whether a process with this pid exists (one we may not signal counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What a process is doing, by proc(5) stat's state: gone (a zombie too: it has exited, only not been reaped yet),
 * stopped (by a signal or a tracer: it does nothing until continued), or running (any other state, or no /proc).
 */
export function processState(pid: number): 'gone' | 'stopped' | 'running' {
  if (!processAlive(pid)) return 'gone';
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'running';
  }
  const state = stat[stat.lastIndexOf(')') + 2];
  return state === 'Z' || state === 'X' ? 'gone' : state === 'T' || state === 't' ? 'stopped' : 'running';
}
