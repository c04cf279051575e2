// File operations that a hostile local user cannot turn against the log:
// private modes whatever the umask, and no symlink followed.

import fs from 'node:fs';
import path from 'node:path';

const APPEND_FLAGS = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW;

/** Creates `dir` (mode 0700 whatever the umask) and refuses a symlink in its place. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory()) {
    throw Object.assign(new Error(`${dir} is not a directory (refusing to follow a symlink)`), { code: 'ENOTDIR' });
  }
  if ((stat.mode & 0o777) !== 0o700) fs.chmodSync(dir, 0o700);
}

/** Opens `file` for appending, mode 0600 whatever the umask; O_NOFOLLOW refuses a planted symlink. */
export function openAppend(file: string): number {
  ensurePrivateDir(path.dirname(file));
  const fd = fs.openSync(file, APPEND_FLAGS, 0o600);
  fs.fchmodSync(fd, 0o600);
  return fd;
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
