// How every reading command and `verify` open a log's file. The log directory
// may hold files planted by someone else under a log's name: a FIFO (an open
// or a read that never returns), a symlink to /dev/zero (endless), a gzip bomb.
// So a file is opened without following a symlink and without blocking
// (open(2) O_NOFOLLOW | O_NONBLOCK), taken only if it is a regular file of
// ours (or any, for root, who reads others' logs), and a `.gz` is gunzipped
// with a cap on what it may grow to.

import fs from 'node:fs';
import zlib from 'node:zlib';
import { AuditError } from '../core/errors.ts';

const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;

/** What a rotated file may gunzip to: far above any @audit-max-size a rotated file was cut at. */
export const MAX_GUNZIPPED_BYTES = 1024 ** 3;

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

/**
 * A gzip file's text, refused past MAX_GUNZIPPED_BYTES (a bomb), or when it
 * is not a whole gzip file (zlib's Z_DATA_ERROR, Z_BUF_ERROR: cut short,
 * damaged, not gzip at all): the writer only ever renames a finished, synced
 * `.gz` into place (sinks/file/compress.ts), so one that does not gunzip was
 * damaged or planted. One line naming the file, as for any refused file.
 */
export function gunzipCapped(file: string, bytes: Buffer, cap = MAX_GUNZIPPED_BYTES): Buffer {
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: cap });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new AuditError(`${file} gunzips to more than ${cap} bytes: refused, not read`, 2);
    if (typeof code === 'string' && code.startsWith('Z_')) throw new AuditError(`${file} is not a whole gzip file (${(error as Error).message}): refused, not read`, 2);
    throw error;
  }
}

/** A log file's bytes, `.gz` ones gunzipped, opened as above. */
export function readLogBytes(file: string): Buffer {
  const fd = openLogFile(file);
  try {
    const bytes = fs.readFileSync(fd);
    return file.endsWith('.gz') ? gunzipCapped(file, bytes) : bytes;
  } finally {
    fs.closeSync(fd);
  }
}
