// Rotation of a session file shared by several writers (one reader per pane):
// rename, then prune (by count and by age), then start compressing the older
// rotated files in the background, under a lock file so that two writers never rotate the
// same file twice. A writer renames only while the path still names its own
// inode; between its look and its rename the file may be moved away by someone
// else, and then no writer following a rotation or a loss creates a file at the
// path, as each opens one only under the lock (writer.ts, reopenUnderLock): the
// rename finds nothing there. What opens the path without the lock (a reader
// starting, toggle, auto, anyone's `touch`) may still make a file there: the
// rename is checked, and a file not ours put back (putBack). The decisions and
// names are pure (core/rotate.ts); this acts on them.

import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../../core/errors.ts';
import { rotationLockPath } from '../../core/paths.ts';
import { castsTooOld } from '../../core/cast-names.ts';
import { filesToCompress, filesToPrune, filesTooOld, rotatedFiles, rotatedName } from '../../core/rotate.ts';
import { compressInBackground } from './compress.ts';
import { rotatedPart, type RotatedDigest } from './ledger-names.ts';
import { noteDigest, noteRotated } from './rotated-ledger.ts';
import { processAlive } from '../../runtime/process.ts';
import { isOwnFile, sameFile, userName } from './safe-fs.ts';

const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK } = fs.constants;

/** A rotation lock older than this is left over by a stuck or dead writer, and is taken over. */
const STALE_LOCK_MS = 10_000;

/**
 * Rotates `file` (open as `fd`) under the lock, keeping `maxFiles` rotated
 * files (Infinity: all), and calls `reopen` while still holding it; `pruned`
 * hears of each rotated file deleted. False when another writer holds the
 * lock (it is rotating this very file: the caller waits).
 */
export interface Retention {
  /** Rotated files older than this are deleted (Infinity: none). */
  maxAgeMs: number;
  /** Gzip rotated files (all but the newest) in the background. */
  compress: boolean;
  /** The clock (epoch ms). */
  now: number;
  /** A rotated-looking file that is not ours, which the age limit would have deleted: left alone. */
  planted?: (file: string) => void;
  /** A background compression started and goes on (`compressed` follows): `abandon` removes its temp and stops it (compress.ts), for a reader exiting first. */
  compressing?: (file: string, abandon: () => void) => void;
  /** A background compression ended (with its error, if any); not heard once abandoned. */
  compressed?: (file: string, error?: NodeJS.ErrnoException) => void;
  /** The chain key: the rotated-files ledger's entries are tagged under it (rotated-ledger.ts). */
  ledgerKey?: Buffer;
  /** The file was renamed to `<log>.<rotated>` holding `size` bytes (its fstat before the rename): for its digest (file-digest.ts). */
  renamed?: (rotated: string, size: number) => void;
}

/** A rotated file is compressed once nobody has written to it for this long (and at a later rotation). */
export const COMPRESS_AFTER_MS = 60_000;

export function rotateUnderLock(file: string, fd: number, maxFiles: number, reopen: () => void, pruned?: (file: string) => void, retention?: Retention): boolean {
  const lock = rotationLockPath(file);
  const held = acquire(lock);
  if (!held) return false;
  try {
    // Not ours at the path any more (another writer rotated it, or it was removed between the writer's
    // look and now): nothing to rotate, and the writer looks again (a removed file is then a `lost`
    // event, not a new file opened in silence: its lines went with it unsaid, read as a missing file).
    // Taken before the rename: its size is what the rotated file holds at least from the moment it has its name
    // (other writers append until they notice; verify holding it then reads no less than the ledger says).
    const held = fs.fstatSync(fd);
    if (!sameFile(held, fs.lstatSync(file, { throwIfNoEntry: false }))) return false;
    {
      const dir = path.dirname(file);
      const live = path.basename(file);
      const names = fs.readdirSync(dir);
      const rotated = rotatedName(live, new Date(), new Set(names));
      // Only our own rotated files count and go: a planted file (someone else's, a symlink, a
      // second name) with a rotated-looking name, say a "future" one that sorts last, must
      // neither be deleted nor push our real history out first. Chosen before the rename, so that
      // the ledger's note follows it at once (below).
      const all = rotatedFiles(names, live);
      const ours = all.filter((name) => isOwnFile(path.join(dir, name)));
      const kept = [...ours, rotated];
      const doomed = new Set(filesToPrune(kept, live, maxFiles));
      if (retention) for (const old of filesTooOld(kept, live, retention.maxAgeMs, retention.now)) doomed.add(old);
      try {
        fs.renameSync(file, path.join(dir, rotated));
      } catch (error) {
        // Moved away or removed since the look above (the readdir and lstats between take a while): not a failed
        // rotation, but the writer's file gone, which it says (`lost`) at its next look.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
      if (!sameFile(fs.fstatSync(fd), fs.lstatSync(path.join(dir, rotated), { throwIfNoEntry: false }))) {
        putBack(path.join(dir, rotated), file);
        return false;
      }
      // At once, and before anything may compress or prune it: a writer still holding it then knows it went by
      // retention (a writer killed before the note leaves the others to say `lost`: the shorter the gap the better).
      // With it, what this rotation deletes, before it does (verify then finds a file gone noted as pruned).
      const note = (): boolean => noteRotated(file, held, retention?.ledgerKey, rotatedPart(live, rotated), [...doomed].map((name) => rotatedPart(live, name)));
      let noted = false;
      try {
        noted = note();
      } catch {
        // Without the note, a writer that finds it gone says `lost`, as before: a false alarm, not a hidden loss.
      }
      if (retention) {
        const mine = new Set(ours);
        for (const other of filesTooOld(all, live, retention.maxAgeMs, retention.now)) if (!mine.has(other)) retention.planted?.(path.join(dir, other));
        // The log's raw streams (`@audit-cast on`) are kept as long as its lines: their rotated parts go by
        // the same age, whoever's recording they are (a finished one's cast is never rotated again), and only ours.
        for (const cast of castsTooOld(names, live, retention.maxAgeMs, retention.now)) {
          const target = path.join(dir, cast);
          if (isOwnFile(target)) fs.rmSync(target, { force: true });
          else retention.planted?.(target);
        }
      }
      for (const old of doomed) {
        fs.rmSync(path.join(dir, old), { force: true });
        // Its .gz too, when both are there (a compressor killed between its rename and its removal of the plain file,
        // or that removal failed): the plain name alone counts (rotatedFiles), and the .gz left came back as the
        // pruned file. Only ours, as the plain file's own check above.
        const gz = path.join(dir, `${old}.gz`);
        if (!old.endsWith('.gz') && isOwnFile(gz)) fs.rmSync(gz, { force: true });
        // A dead compressor's temp (killed mid-gzip): no compression of the file will come to take it away now. A live
        // one's, too: its commit finds the file gone and puts nothing in place (compress.ts).
        const temp = path.join(dir, `${old.endsWith('.gz') ? old.slice(0, -'.gz'.length) : old}.gz.tmp`);
        if (isOwnFile(temp)) fs.rmSync(temp, { force: true });
        pruned?.(path.join(dir, old));
      }
      if (!noted) {
        try {
          // A full disk has room now (a line left cut is ended first); verify, meanwhile, may have named a file gone unnoted (said in README).
          note();
        } catch {
          // nothing more to do: the ledger cannot be written
        }
      }
      // Its digest, whatever became of the note: of the bytes it held at the rename, true whether or not it was named.
      retention?.renamed?.(rotatedPart(live, rotated), held.size);
      if (retention?.compress) {
        // Not the one just rotated, nor any written to in the last COMPRESS_AFTER_MS: another writer may
        // still append to a rotated file until it notices (under a flood several rotations pass meanwhile),
        // and what it appends after gzip has read the file would go with the plain file.
        const quietSince = Date.now() - COMPRESS_AFTER_MS;
        for (const name of filesToCompress(kept.filter((name) => !doomed.has(name)), live)) {
          const target = path.join(dir, name);
          const stat = fs.lstatSync(target, { throwIfNoEntry: false });
          if (!stat || stat.mtimeMs > quietSince) continue;
          let ended = false;
          const abandon = compressRotated(file, target, (error) => {
            ended = true;
            retention.compressed?.(target, error);
          }, retention.planted);
          if (!ended) retention.compressing?.(target, abandon);
        }
      }
    }
    reopen();
    return true;
  } finally {
    release(lock, held);
  }
}

/** How often, and how many times, work done from the background waits for the rotation lock another writer holds (a rotation: milliseconds). */
const LOCK_WAIT_MS = 20;
const LOCK_TRIES = 250;

/**
 * Runs `fn` under `file`'s rotation lock from the background: a lock held is waited for on a timer, never in a loop
 * that would hold the reader's lines. `ended` hears what `fn` returned, or undefined when the lock stayed held (or
 * a fault, given).
 */
export function laterUnderLock<T>(file: string, fn: () => T, ended: (result: T | undefined, error?: NodeJS.ErrnoException) => void, tries = LOCK_TRIES): void {
  let result: T | undefined;
  try {
    result = withRotationLock(file, fn);
  } catch (error) {
    return ended(undefined, error as NodeJS.ErrnoException);
  }
  if (result !== undefined || tries <= 1) return ended(result);
  setTimeout(() => laterUnderLock(file, fn, ended, tries - 1), LOCK_WAIT_MS).unref();
}

/** Gzips the rotated file `target` of the log `file` in the background (compress.ts), its .gz put in place under the log's rotation lock; returns its abandonment. */
export function compressRotated(file: string, target: string, done?: (error?: NodeJS.ErrnoException) => void, planted?: (file: string) => void): () => void {
  return compressInBackground(target, (commit, ended) => laterUnderLock(file, commit, ended), done, planted);
}

/**
 * Appends the digest of the rotated file `<file>.<rotated>` to the ledger (noteDigest) under the rotation lock, from the
 * background (file-digest.ts, laterUnderLock). Given up when the lock stays held, or on any fault: the file is then
 * checked by its size alone, as one whose reader exited before its digest was taken. `done` hears whether it was noted.
 */
export function noteDigestUnderLock(file: string, rotated: string, digest: RotatedDigest, key: Buffer | undefined, done: (noted: boolean) => void = () => {}): void {
  laterUnderLock(file, () => noteDigest(file, rotated, digest, key), (noted) => done(noted === true));
}

/**
 * Puts a file the rotation renamed by mistake (`taken`, now at `rotated`) back at the log's path (`file`). Between
 * the look and the rename our file was moved away and another made at the path by what opens it without the lock: a
 * reader starting (LogFile's constructor), toggle and auto checking it can be written, or anyone's `touch`. Renamed
 * as ours, it was noted in the ledger under our identity (the moved file then passed for rotated in verify) and no
 * `lost` was said. Back at the path (same inode: its writers go on in it unaware) with nothing noted, our next look
 * finds our file gone and unnoted: `lost` (moved). A link, not a rename: if the path is taken again meanwhile, it
 * fails rather than replace that file, and the taken one keeps the rotated name (its writers then say `lost`).
 */
function putBack(rotated: string, file: string): void {
  try {
    fs.linkSync(rotated, file);
  } catch {
    return;
  }
  fs.rmSync(rotated, { force: true });
}

/**
 * Runs `fn` holding `file`'s rotation lock, or returns undefined when another writer holds it. What a
 * rotation does under the lock is then either not begun or done (moved-away.ts: its ledger entry).
 */
export function withRotationLock<T>(file: string, fn: () => T): T | undefined {
  const lock = rotationLockPath(file);
  const held = acquire(lock);
  if (!held) return undefined;
  try {
    return fn();
  } finally {
    release(lock, held);
  }
}

/**
 * The lock file we created, told from another made at its path later by its device, inode and change time (an inode
 * freed by a removal is soon given to a new file; the change time, set as we wrote our pid, is a new file's own).
 */
type HeldLock = Pick<fs.BigIntStats, 'dev' | 'ino' | 'ctimeNs'>;

/**
 * Removes the lock only if it is still the one we made: a holder stopped past STALE_LOCK_MS (SIGSTOP, a suspend) has
 * had it taken over, and removing what is there now would free the lock under its new holder, letting a third
 * writer rotate alongside it. (A takeover between our look and the removal is still possible, in a window of
 * microseconds against a lock STALE_LOCK_MS old.)
 */
function release(lock: string, held: HeldLock): void {
  const now = fs.lstatSync(lock, { bigint: true, throwIfNoEntry: false });
  if (now && now.dev === held.dev && now.ino === held.ino && now.ctimeNs === held.ctimeNs) fs.rmSync(lock, { force: true });
}

/** Each lock found held: which file (device, inode, birth, content), since when and when last, for heldFor. */
const seenHeld = new Map<string, { dev: number; ino: number; birth: number; holder: string; since: number; last: number }>();

/**
 * Looks at a held lock further apart than this start the count again: a writer waiting looks every few ms (writer.ts,
 * ROTATION_WAIT_MS), and an honest writer's locks, one after another, may share inode and pid (a freed inode is given
 * again) and must not add up.
 */
const LOOKS_APART_MS = 1000;

/**
 * How long `lock` has been found held by this very file with this content. A live holder's lock is taken over once
 * STALE_LOCK_MS old by its time, and a real holder never touches it; a lock kept recent (touched every second, or
 * dated ahead) by a live pid, say 1, is never taken over, and every writer waited on it in silence, for a rotation
 * or to follow one (the review of mv13, finding 3): once held so long, it is a fault the writer reports
 * (onRotateError) and rotation stops, as for a lock not ours. One entry per lock (a reader writes a log or two).
 */
function heldFor(lock: string, stat: fs.Stats, holder: string): number {
  const now = Date.now();
  const seen = seenHeld.get(lock);
  if (seen && seen.dev === stat.dev && seen.ino === stat.ino && seen.birth === stat.birthtimeMs && seen.holder === holder && now - seen.last < LOOKS_APART_MS) {
    seen.last = now;
    return now - seen.since;
  }
  seenHeld.set(lock, { dev: stat.dev, ino: stat.ino, birth: stat.birthtimeMs, holder, since: now, last: now });
  return 0;
}

/** An O_EXCL lock file holding our pid (undefined: held by another); a lock left by a dead process is taken over. */
function acquire(lock: string): HeldLock | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lock, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK, 0o600);
      seenHeld.delete(lock);
      try {
        fs.writeSync(fd, String(process.pid));
        return fs.fstatSync(fd, { bigint: true });
      } finally {
        fs.closeSync(fd);
      }
    } catch (error) {
      // Anything but a held lock is a fault: reported and retried like a failed write.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: string;
      let age: number;
      let stat: fs.Stats;
      try {
        // Not followed, never blocking (a FIFO), and only a regular file of ours is a lock: anything
        // else is a fault (reported, rotation skipped), not something to wait for or take over.
        const held = fs.openSync(lock, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
        try {
          holder = fs.readFileSync(held, 'utf8');
          stat = fs.fstatSync(held);
          if (!stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0)) {
            throw new AuditError(`${lock} is not a rotation lock of ours (${stat.isFile() ? `owned by ${userName(stat.uid)}, uid ${stat.uid}` : 'not a regular file'}); remove it`);
          }
          age = Date.now() - stat.mtimeMs;
        } finally {
          fs.closeSync(held);
        }
      } catch (readError) {
        if ((readError as NodeJS.ErrnoException).code === 'ENOENT') {
          seenHeld.delete(lock);
          continue; // released meanwhile: try again
        }
        throw readError; // something that is not our lock sits at its path
      }
      // Empty: its owner has created it and not yet written its pid.
      if (age < STALE_LOCK_MS && (holder === '' || processAlive(Number(holder)))) {
        const held = heldFor(lock, stat, holder);
        if (held >= STALE_LOCK_MS) {
          throw new AuditError(`${lock} has been held for ${Math.round(held / 1000)} s (pid ${holder || 'none'}), yet its time is kept recent: no rotation of ours takes so long, nor touches its lock; remove it`);
        }
        return undefined;
      }
      seenHeld.delete(lock);
      // Only the lock judged stale: another waiter may have taken it over since we read it (all waiters look every
      // few ms, and cross the age limit together), and removing its fresh lock would let two writers in at once
      // (review of mv13b). Narrows the window to microseconds, as in release; the rotation's check after its rename
      // (putBack) bounds what two holders could still do.
      const now = fs.lstatSync(lock, { throwIfNoEntry: false });
      if (now && now.dev === stat.dev && now.ino === stat.ino && now.ctimeMs === stat.ctimeMs) fs.rmSync(lock, { force: true });
    }
  }
  return undefined;
}
