// File operations that a hostile local user cannot turn against the log:
// private modes whatever the umask, no symlink followed, and nothing adopted
// that someone else owns or can write (they could read the log through it,
// swap the file, or steer what we write and delete).

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AuditError } from '../../core/errors.ts';

const { O_WRONLY, O_RDONLY, O_APPEND, O_CREAT, O_EXCL, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = fs.constants;
// O_NONBLOCK: a FIFO planted at the path must not block us (it is refused after the open).
const APPEND_FLAGS = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK;
const CREATE_FLAGS = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK;
const READ_FLAGS = O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

/**
 * How an existing directory is taken: `private` (the log directory and its
 * `.run`: ours and writable by nobody else, or refused) or `as-is` (a
 * directory the user named for `pipe --file`, such as /tmp or a shared project
 * directory: used as it is). Levels we create are 0700 either way, and an
 * existing directory is never chmod-ed.
 */
export type DirPolicy = 'private' | 'as-is';

function euid(): number {
  return process.geteuid?.() ?? 0;
}

let passwd: Map<number, string> | undefined;

/** A uid's user name, for messages (only read when something is refused). */
export function userName(uid: number): string {
  if (!passwd) {
    passwd = new Map();
    try {
      for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
        const [name, , id] = line.split(':');
        if (name && id && !passwd.has(Number(id))) passwd.set(Number(id), name);
      }
    } catch {
      // no passwd: uids only
    }
  }
  return passwd.get(uid) ?? `uid ${uid}`;
}

function who(uid: number): string {
  const name = userName(uid);
  return name === `uid ${uid}` ? name : `${name} (uid ${uid})`;
}

function modeText(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function kindOf(stat: fs.Stats): string {
  if (stat.isSymbolicLink()) return 'a symlink';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Why `stat` (of `where`) is not ours alone, or undefined when it is ours and nobody else can write it. */
function foreignness(where: string, stat: fs.Stats): string | undefined {
  const owner = `owned by ${who(stat.uid)}, mode ${modeText(stat.mode)}`;
  if (stat.uid !== euid()) return `${where} is ${owner}, not by ${who(euid())}`;
  const writers = [(stat.mode & 0o020) !== 0 && 'its group', (stat.mode & 0o002) !== 0 && 'others'].filter(Boolean);
  if (writers.length > 0) return `${where} is writable by ${writers.join(' and ')} (${owner})`;
  return undefined;
}

/** Refuses a directory that is a symlink, not a directory, or (`private`) not ours alone. */
function checkDir(dir: string, stat: fs.Stats, policy: DirPolicy): void {
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw new AuditError(`${dir} is not a directory (refusing to follow a symlink)`);
  }
  if (policy !== 'private') return;
  const why = foreignness(dir, stat);
  if (why) throw new AuditError(`${why}: refused, nothing is written into it; use a directory only you own and can write`);
  checkAncestors(dir);
}

/**
 * The directories above a private one must not let anyone else swap it: each
 * owned by root or us, and writable by group or others only with the sticky
 * bit (as /tmp is). OpenSSH's safe_path makes the same walk; without it a
 * user who owns a parent can exchange our directory for theirs between two
 * opens (renameat2 RENAME_EXCHANGE) and catch lines. Both the path as given
 * and the path it resolves to are walked.
 */
function checkAncestors(dir: string): void {
  const given = path.resolve(dir);
  for (const start of new Set([given, fs.realpathSync(given)])) {
    for (let level = path.dirname(start); ; level = path.dirname(level)) {
      const stat = fs.lstatSync(level);
      const owner = `owned by ${who(stat.uid)}, mode ${modeText(stat.mode)}`;
      if (stat.uid !== 0 && stat.uid !== euid()) {
        throw new AuditError(`${level}, above ${dir}, is ${owner}: its owner could swap the log directory; refused, use a directory whose parents only you or root own`);
      }
      if (!stat.isSymbolicLink() && (stat.mode & 0o022) !== 0 && (stat.mode & 0o1000) === 0) {
        throw new AuditError(`${level}, above ${dir}, is writable by others without the sticky bit (${owner}): anyone could swap the log directory; refused`);
      }
      if (level === path.dirname(level)) break;
    }
  }
}

/**
 * Refuses an opened file that is not a regular file of ours with one name
 * and no group/other write: someone else's file (they would read what we
 * append), a second name (a hard link to a file elsewhere), a FIFO or device.
 */
function checkOpenedFile(file: string, fd: number, private_ = false, stat = fs.fstatSync(fd)): void {
  if (!stat.isFile()) throw new AuditError(`${file} is ${kindOf(stat)}: refused, nothing is written to it; remove it to let a log start there`);
  const why = foreignness(file, stat);
  if (why) throw new AuditError(`${why}: refused, nothing is written to it; move it away to let a new log start there`);
  if (stat.nlink !== 1) throw new AuditError(`${file} has ${stat.nlink} names (hard links): refused, nothing is written to it; move it away`);
  if (private_ && (stat.mode & 0o077) !== 0) throw new AuditError(`${file} has mode ${modeText(stat.mode)}, not 0600: refused`);
}

/** Creates the missing levels of `dir`, each 0700 whatever the umask; existing levels are left as they are. */
function createMissing(dir: string): void {
  const first = fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (first === undefined) return;
  for (let level = dir; ; level = path.dirname(level)) {
    // Through an fd opened without following: a level swapped for a symlink meanwhile is not chmod-ed through.
    const fd = fs.openSync(level, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
    try {
      if (fs.fstatSync(fd).uid === euid()) fs.fchmodSync(fd, 0o700);
    } finally {
      fs.closeSync(fd);
    }
    if (level === first || level === path.dirname(level)) break;
  }
}

/**
 * Makes sure `dir` exists: missing levels are created 0700; an existing one
 * must be a real directory and, under `private`, ours and writable by nobody
 * else. Never changes the mode of a directory it did not create.
 */
export function ensureDir(dir: string, policy: DirPolicy): void {
  createMissing(dir);
  checkDir(dir, fs.lstatSync(dir), policy);
}

/** The log directory or its `.run`: created 0700, or refused unless ours alone. */
export function ensurePrivateDir(dir: string): void {
  ensureDir(dir, 'private');
}

/** Checks an existing directory without creating anything (the reader's check of a run file's directories). */
export function checkPrivateDir(dir: string): void {
  checkDir(dir, fs.lstatSync(dir), 'private');
}

/** Turns an open's failure on something that is not a regular file into a refusal that says what it is. */
function explainOpenFailure(file: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENXIO' || error.code === 'EISDIR' || error.code === 'ENODEV' || error.code === 'EWOULDBLOCK') {
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (stat && !stat.isFile()) return new AuditError(`${file} is ${kindOf(stat)}: refused, nothing is written to it; remove it to let a log start there`);
  }
  return error;
}

/**
 * Opens `file` for appending: created 0600 (whatever the umask) if missing;
 * an existing one only if it is a regular file of ours with one name and no
 * group/other write. Never follows a symlink, never blocks on a FIFO.
 */
export function openAppend(file: string, policy: DirPolicy = 'private'): number {
  ensureDir(path.dirname(file), policy);
  let fd: number;
  let created = false;
  for (;;) {
    try {
      fd = fs.openSync(file, CREATE_FLAGS | O_APPEND, 0o600);
      created = true;
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    try {
      fd = fs.openSync(file, APPEND_FLAGS);
      break;
    } catch (error) {
      // Removed between the two opens: create it after all.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw explainOpenFailure(file, error as NodeJS.ErrnoException);
    }
  }
  try {
    if (created) fs.fchmodSync(fd, 0o600);
    checkOpenedFile(file, fd);
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
  return fd;
}

/**
 * Writes a small private file whole: into a fresh file under an unpredictable
 * name (O_EXCL, no symlink followed), renamed into place, so a reader never
 * sees half of it and nothing planted at a guessable name is written through.
 */
export function writePrivateFile(file: string, text: string): void {
  ensurePrivateDir(path.dirname(file));
  replaceFileWhole(file, text);
}

/** writePrivateFile's write, in a directory known to be private already (a log's own directory). */
export function replaceFileWhole(file: string, text: string): void {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = fs.openSync(temporary, CREATE_FLAGS, 0o600);
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeFileSync(fd, text);
    fs.closeSync(fd);
    fs.renameSync(temporary, file);
  } catch (error) {
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** How often a file replaced between its open and its check is opened again (see readPrivateFile). */
const REPLACED_TRIES = 3;

/**
 * Reads a private file written by writePrivateFile, refusing it unless it is ours, 0600 (no group/other bits) and has one name.
 * A file replaced whole by another process (replaceFileWhole's rename) between the open and the check has no name
 * left: what the path names now is read instead. Refused, it read as no note: a writer's background digest noted
 * (file-digest.ts) while another writer read the note under its rotation lock left that rotation's head mark
 * without a digest, and verify named the note removed (issue 13: 1 of 70 honest 4-pane floods, about half of them
 * with every file kept).
 */
export function readPrivateFile(file: string): string {
  for (let tries = 1; ; tries++) {
    const fd = fs.openSync(file, READ_FLAGS);
    try {
      const stat = fs.fstatSync(fd);
      if (tries < REPLACED_TRIES && stat.nlink === 0) continue;
      checkOpenedFile(file, fd, true, stat);
      return fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Whether `current` (what the path names, if anything) is the file `mine` (what we hold open). */
export function sameFile(mine: fs.Stats, current: fs.Stats | undefined): boolean {
  return current !== undefined && current.ino === mine.ino && current.dev === mine.dev;
}

/**
 * Whether `file` (lstat) is a file we may delete as ours: a regular file we
 * own with one name. Never a symlink, never someone else's file.
 */
export function isOwnFile(file: string): boolean {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  return stat !== undefined && stat.isFile() && stat.uid === euid() && stat.nlink === 1;
}

/** Appends whole lines in one O_APPEND write (never inside another writer's line), refusing a symlink. */
export function appendLines(file: string, text: string): void {
  const fd = openAppend(file);
  try {
    fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether the file ends in a newline (an empty file counts as ended); throws if it cannot be read. */
export function endsWithNewline(file: string): boolean {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}
