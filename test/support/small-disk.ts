// A small tmpfs mounted on a test server's log directory: a disk that really fills up (ENOSPC, and short
// writes at its last page). Needs root; skipped elsewhere, but not on CI, where it must run.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { TestContext } from 'node:test';
import type { TmuxServer } from './tmux.ts';

/** Mounts a tmpfs of `size` (mount's syntax: `512k`, `1m`) on `tmux.logDir`; false when the test was skipped instead. */
export function mountSmallDisk(tmux: TmuxServer, size: string, t: TestContext): boolean {
  try {
    fs.mkdirSync(tmux.logDir, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmux-audit-test', tmux.logDir], { stdio: 'pipe' });
    return true;
  } catch (error) {
    if (process.env.CI) throw error;
    t.skip(`cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]})`);
    return false;
  }
}

/** Unmounts it (lazily: a reader may still hold a file there). */
export function unmountSmallDisk(tmux: TmuxServer): void {
  execFileSync('umount', ['-l', tmux.logDir]);
}
