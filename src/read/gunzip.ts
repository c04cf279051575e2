// A rotated log's `.gz` gunzipped with its memory bounded, whatever was planted under its name.
//
// A gzip file's trailer says what it gunzips to (ISIZE, RFC 1952 2.3.1: the length mod 2^32), and zlib
// checks it at the end ("incorrect length check"): a whole file (one member, as the writer makes it:
// sinks/file/compress.ts) never gunzips to more. So output past the claim is refused as it comes, and
// a bomb claiming little costs that little. One that claims much (or a file cut short, whose last bytes
// are no trailer) is gunzipped as a stream into the reader's temporary file, in a child process (node's
// zlib has no synchronous streaming call, and every reader is synchronous): memory stays bounded, and
// reading stops at MAX_GUNZIPPED_BYTES. Not a ratio limit: a pane printing one line over and over makes
// a real log that compresses 175:1 (1000-character lines, each stamped: measured), more as lines grow,
// while deflate's limit is 1032:1; a cap on the ratio would refuse real logs or let most of a bomb by.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { AuditError } from '../core/errors.ts';

/** What a rotated file may gunzip to: far above any @audit-max-size a rotated file was cut at. */
export const MAX_GUNZIPPED_BYTES = 1024 ** 3;

/** Gunzipped in this process, all at once, below this: a rotated file at the default @audit-max-size (10M) is. */
const IN_PROCESS_BYTES = 64 << 20;

/** The smallest gzip file: a 10-byte header, an empty deflate block, the 8-byte trailer. */
const SMALLEST_GZIP = 20;

/** What a file of `size` bytes whose last four are `trailer` may gunzip to: its claim when it is one, else the cap. */
export function gunzipLimit(size: number, trailer: Buffer): { limit: number; claimed: boolean } {
  if (size < SMALLEST_GZIP) return { limit: MAX_GUNZIPPED_BYTES, claimed: false };
  const claim = trailer.readUInt32LE(0);
  return claim <= MAX_GUNZIPPED_BYTES ? { limit: claim, claimed: true } : { limit: MAX_GUNZIPPED_BYTES, claimed: false };
}

function tooLarge(file: string, limit: { limit: number; claimed: boolean }): AuditError {
  return limit.claimed
    ? new AuditError(`${file} is not a whole gzip file (it gunzips to more than the ${limit.limit} bytes its trailer says): refused, not read`, 2)
    : new AuditError(`${file} gunzips to more than ${limit.limit} bytes: refused, not read`, 2);
}

function notWhole(file: string, message: string): AuditError {
  return new AuditError(`${file} is not a whole gzip file (${message}): refused, not read`, 2);
}

/**
 * A gzip file's text, held in memory (`verify` reads a file whole), refused past what its trailer says
 * or MAX_GUNZIPPED_BYTES (a bomb), or when it is not a whole gzip file (zlib's Z_DATA_ERROR, Z_BUF_ERROR:
 * cut short, damaged, not gzip at all): the writer only ever renames a finished, synced `.gz` into place
 * (sinks/file/compress.ts), so one that does not gunzip was damaged or planted. One line naming the file.
 */
export function gunzipCapped(file: string, bytes: Buffer): Buffer {
  const limit = gunzipLimit(bytes.length, bytes.subarray(bytes.length - 4));
  try {
    return zlib.gunzipSync(bytes, { maxOutputLength: Math.max(1, limit.limit) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(file, limit);
    if (typeof code === 'string' && code.startsWith('Z_')) throw notWhole(file, (error as Error).message);
    throw error;
  }
}

/** Run by the child: gunzips its stdin into its stdout (a file), at most argv[1] bytes (exit 3 past them), zlib's error on stderr (exit 4). */
const STREAM = `
const fs = require('node:fs'), zlib = require('node:zlib');
const limit = Number(process.argv[1]);
let total = 0;
const gunzip = zlib.createGunzip();
gunzip.on('data', (chunk) => {
  total += chunk.length;
  if (total > limit) process.exit(3);
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(1, chunk, done, chunk.length - done);
});
gunzip.on('error', (error) => { process.stderr.write(error.message); process.exit(4); });
gunzip.on('end', () => process.exit(0));
fs.createReadStream('', { fd: 0 }).pipe(gunzip);
`;

/**
 * Writes the text of the gzip file open at `input` (read from its start) into `output` (an empty file),
 * refused (AuditError, as gunzipCapped) past its limit or when it is not a whole gzip file.
 */
export function gunzipInto(file: string, input: number, output: number): void {
  const size = fs.fstatSync(input).size;
  const trailer = Buffer.alloc(4);
  if (size >= 4) fs.readSync(input, trailer, 0, 4, size - 4);
  const limit = gunzipLimit(size, trailer);
  if (limit.limit <= IN_PROCESS_BYTES) {
    const bytes = Buffer.allocUnsafe(size);
    for (let done = 0; done < size; ) {
      const read = fs.readSync(input, bytes, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    const text = gunzipCapped(file, bytes);
    // Written by position: the descriptor's own offset stays at 0, as a freshly opened file's.
    for (let done = 0; done < text.length; ) done += fs.writeSync(output, text, done, text.length - done, done);
    return;
  }
  // No environment: NODE_OPTIONS and the like have no say in what the child runs.
  const run = spawnSync(process.execPath, ['-e', STREAM, String(limit.limit)], { stdio: [input, output, 'pipe'], env: {}, encoding: 'utf8' });
  if (run.status === 0) return;
  if (run.status === 3) throw tooLarge(file, limit);
  if (run.status === 4) throw notWhole(file, run.stderr.trim());
  throw new AuditError(`${file} could not be gunzipped (${run.error?.message ?? `exit ${run.status ?? run.signal}`}): refused, not read`, 2);
}
