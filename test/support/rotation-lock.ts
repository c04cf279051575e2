// A log's rotation lock held from outside, as a writer in the midst of a rotation holds it (src/sinks/file/rotation.ts:
// created exclusively, its pid in it, a live pid): what the writers do under it can be done by a test meanwhile.

import fs from 'node:fs';
import { rotationLockPath } from '../../src/core/paths.ts';

/** Takes `log`'s rotation lock; undefined when a writer holds it. Returns its release. */
export function takeRotationLock(log: string): (() => void) | undefined {
  const lock = rotationLockPath(log);
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  return () => fs.rmSync(lock);
}
