// How every reading command and `verify` open a log's file. The log directory
// may hold files planted by someone else under a log's name: a FIFO (an open
// or a read that never returns), a symlink to /dev/zero (endless), a gzip bomb.
// So a file is opened without following a symlink and without blocking
// (open(2) O_NOFOLLOW | O_NONBLOCK), taken only if it is a regular file of
// ours (or any, for root, who reads others' logs), and a `.gz` is gunzipped
// with a bound on what it may grow to (gunzip.ts).

import { constants } from 'node:buffer';
import fs from 'node:fs';
import { AuditError } from '../core/errors.ts';
import { gunzippedText, gzipClaim } from './gunzip.ts';

const { MAX_STRING_LENGTH } = constants;

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

/** A log file's bytes, `.gz` ones gunzipped, opened as above: held whole, as one string (`verify`). */
export function readLogBytes(file: string): Buffer {
  const fd = openLogFile(file);
  try {
    if (!file.endsWith('.gz')) return fs.readFileSync(fd);
    // A whole file gunzips to at least what its last member claims (gunzip.ts): more than a string holds is refused at once.
    const size = fs.fstatSync(fd).size;
    const trailer = Buffer.alloc(4);
    if (size >= 4) fs.readSync(fd, trailer, 0, 4, size - 4);
    const claim = gzipClaim(size, trailer);
    if (claim !== undefined && claim > MAX_STRING_LENGTH) throw tooLong(file, `at least ${claim}`);
    const text = gunzippedText(file, fd);
    try {
      const length = fs.fstatSync(text).size;
      if (length > MAX_STRING_LENGTH) throw tooLong(file, String(length));
      return fs.readFileSync(text);
    } finally {
      fs.closeSync(text);
    }
  } finally {
    fs.closeSync(fd);
  }
}

function tooLong(file: string, length: string): AuditError {
  return new AuditError(`${file} gunzips to ${length} bytes, more than can be read whole (${MAX_STRING_LENGTH}): refused, not read`, 2);
}
