// Rotation of a session file shared by several writers (one reader per pane):
// rename, then prune, under a lock file so that two writers never rotate the
// same file twice. Correctness does not depend on the lock: a writer renames
// only while the path still names its own inode. The decisions and names are
// pure (core/rotate.ts); this acts on them.

import fs from 'node:fs';
import path from 'node:path';
import { rotationLockPath } from '../../core/paths.ts';
import { filesToPrune, rotatedName } from '../../core/rotate.ts';
import { processAlive } from '../../runtime/process.ts';

/** A rotation lock older than this is left over by a stuck or dead writer, and is taken over. */
const STALE_LOCK_MS = 10_000;

/** Whether `current` (what the path names, if anything) is the file `mine` (what we hold open). */
export function sameFile(mine: fs.Stats, current: fs.Stats | undefined): boolean {
  return current !== undefined && current.ino === mine.ino && current.dev === mine.dev;
}

/**
 * Rotates `file` (open as `fd`) under the lock, keeping `maxFiles` rotated
 * files, and calls `reopen` while still holding it. False when another writer
 * holds the lock (it is rotating this very file: the caller waits).
 */
export function rotateUnderLock(file: string, fd: number, maxFiles: number, reopen: () => void): boolean {
  const lock = rotationLockPath(file);
  if (!acquire(lock)) return false;
  try {
    if (sameFile(fs.fstatSync(fd), fs.statSync(file, { throwIfNoEntry: false }))) {
      const dir = path.dirname(file);
      const live = path.basename(file);
      const names = fs.readdirSync(dir);
      const rotated = rotatedName(live, new Date(), new Set(names));
      fs.renameSync(file, path.join(dir, rotated));
      for (const old of filesToPrune([...names, rotated], live, maxFiles)) {
        fs.rmSync(path.join(dir, old), { force: true });
      }
    }
    reopen();
    return true;
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** An O_EXCL lock file holding our pid; a lock left by a dead process is taken over. */
function acquire(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lock, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return true;
    } catch (error) {
      // Anything but a held lock is a fault: reported and retried like a failed write.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: string;
      let age: number;
      try {
        holder = fs.readFileSync(lock, 'utf8');
        age = Date.now() - fs.statSync(lock).mtimeMs;
      } catch (readError) {
        if ((readError as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile: try again
        throw readError; // something that is not our lock sits at its path
      }
      // Empty: its owner has created it and not yet written its pid.
      if (age < STALE_LOCK_MS && (holder === '' || processAlive(Number(holder)))) return false;
      fs.rmSync(lock, { force: true });
    }
  }
  return false;
}
