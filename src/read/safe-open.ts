// How every reading command and `verify` open a log's file. The log directory
// may hold files planted by someone else under a log's name: a FIFO (an open
// or a read that never returns), a symlink to /dev/zero (endless), a gzip bomb.
// So a file is opened without following a symlink and without blocking
// (open(2) O_NOFOLLOW | O_NONBLOCK), taken only if it is a regular file of
// ours (or any, for root, who reads others' logs), and a `.gz` is gunzipped
// with a bound on what it may grow to (gunzip.ts).

import fs from 'node:fs';
import { AuditError } from '../core/errors.ts';

const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;

/** A log file opened for reading, refused (AuditError) if it is not a regular file of ours. ENOENT and the like throw as they are. */
export function openLogFile(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new AuditError(`${file} is a symbolic link: refused, not read`, 2);
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new AuditError(`${file} is not a regular file: refused, not read`, 2);
    const uid = process.geteuid?.() ?? stat.uid;
    if (uid !== 0 && stat.uid !== uid) throw new AuditError(`${file} is owned by uid ${stat.uid}, not by us: refused, not read`, 2);
    // O_NONBLOCK changes nothing for a regular file's reads (open(2)): it only kept a FIFO's open from waiting.
    return fd;
  } catch (error) {
    fs.closeSync(fd);
    throw error;
  }
}
