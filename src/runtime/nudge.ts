// Telling a running reader to ask tmux who is attached now (SIGUSR2, see
// commands/pipe.ts), when a client comes or goes, rather than leaving it to the
// reader's 5 s poll: a reader holds nothing back while only the owner is
// attached (capture/actor-gate.ts), so it must learn of a guest before the
// guest's first key. A signal whose default action is to terminate is sent only
// to a process that catches it (SigCgt in /proc/<pid>/status): a reader of an
// older bundle still running after an upgrade is left alone, not killed.

import fs from 'node:fs';

const SIGUSR2 = 12;

/** Whether the process catches `signal` (a handler installed), per /proc; false where that cannot be read. */
export function catches(pid: number, signal: number): boolean {
  try {
    const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return mask !== undefined && (BigInt(`0x${mask}`) >> BigInt(signal - 1)) % 2n === 1n;
  } catch {
    return false;
  }
}

/** Asks the reader `pid` to poll who is attached; nothing if it cannot take the signal. */
export function nudgeReader(pid: number): void {
  if (!catches(pid, SIGUSR2)) return;
  try {
    process.kill(pid, 'SIGUSR2');
  } catch {
    // gone meanwhile
  }
}
