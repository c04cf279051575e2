// A rotated log's `.gz` gunzipped with its memory bounded, whatever was planted under its name.
//
// A gzip file's trailer says what its last member gunzips to (ISIZE, RFC 1952 2.3.1: the length mod
// 2^32). That is no bound on the file: a file may hold several members (`cat a.gz b.gz` is a valid gzip
// file, and zcat reads both), and one over 4 GiB wraps. So the claim only chooses how to gunzip: one
// claiming little (a rotated file at the default @audit-max-size, 10M) is gunzipped in this process,
// bounded by its claim; one that claims much, or gunzips to more than it claimed (several members, or a
// bomb: an attacker can claim what it likes anyway), is gunzipped as a stream by a child process (node's
// zlib has no synchronous streaming call, and every reader is synchronous) into the reader's temporary
// file, and refused at MAX_GUNZIPPED_BYTES. Memory stays bounded; what a planted .gz can cost is that
// much temporary disk and a few seconds of CPU. Not a ratio limit: a pane printing one line over and over
// makes a real log that compresses 175:1 (1000-character lines, each stamped: measured), more as lines
// grow, while deflate's limit is 1032:1; a cap on the ratio would refuse real logs or let most of a bomb by.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { AuditError } from '../core/errors.ts';

/** What a rotated file may gunzip to: far above any @audit-max-size a rotated file was cut at. */
export const MAX_GUNZIPPED_BYTES = 1024 ** 3;

/** Gunzipped in this process, all at once, when the trailer claims at most this. */
export const IN_PROCESS_BYTES = 64 << 20;

/** The smallest gzip file: a 10-byte header, an empty deflate block, the 8-byte trailer. */
const SMALLEST_GZIP = 20;

/**
 * What the last member of a gzip file of `size` bytes ending in `trailer` says it gunzips to; undefined
 * when the file is too short to have a trailer. A whole file gunzips to at least this (the member's
 * length is its claim plus a multiple of 2^32), so a claim is a lower bound, never an upper one.
 */
export function gzipClaim(size: number, trailer: Buffer): number | undefined {
  return size < SMALLEST_GZIP ? undefined : trailer.readUInt32LE(0);
}

function tooLarge(file: string): AuditError {
  return new AuditError(`${file} gunzips to more than ${MAX_GUNZIPPED_BYTES} bytes: refused, not read`, 2);
}

function notWhole(file: string, message: string): AuditError {
  return new AuditError(`${file} is not a whole gzip file (${message}): refused, not read`, 2);
}

/**
 * A descriptor (read-write, at offset 0) of the text of the gzip file open at `gz`, in a temporary file
 * unlinked before anything is written to it: no plaintext of a log outlives its reader in the temporary
 * directory, whatever ends the process (Ctrl-C while a child gunzips included). Refused (AuditError,
 * one line naming the file) past MAX_GUNZIPPED_BYTES or when it is not a whole gzip file (zlib's
 * Z_DATA_ERROR, Z_BUF_ERROR: cut short, damaged, not gzip at all): the writer only ever renames a
 * finished, synced `.gz` into place (sinks/file/compress.ts), so one that does not gunzip was damaged
 * or planted.
 */
export function gunzippedText(file: string, gz: number): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-gz-'));
  const temp = path.join(dir, 'text');
  let text: number | undefined;
  try {
    text = fs.openSync(temp, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  } finally {
    // unlink and rmdir take no descriptor, as a recursive rm's scan of the directory does: at the process's
    // descriptor limit that one failed and left the directory (review of verify13h, F2).
    try {
      if (text !== undefined) fs.unlinkSync(temp);
      fs.rmdirSync(dir);
    } catch (error) {
      if (text !== undefined) fs.closeSync(text);
      throw error;
    }
  }
  try {
    gunzipInto(file, gz, text);
    return text;
  } catch (error) {
    fs.closeSync(text);
    throw error;
  }
}

/** Run by the child: gunzips its stdin into its stdout (a file, written by position from 0), at most argv[1] bytes (exit 3 past them), zlib's error on stderr (exit 4). */
const STREAM = `
const fs = require('node:fs'), zlib = require('node:zlib');
const limit = Number(process.argv[1]);
let total = 0;
const gunzip = zlib.createGunzip();
gunzip.on('data', (chunk) => {
  if (total + chunk.length > limit) process.exit(3);
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(1, chunk, done, chunk.length - done, total + done);
  total += chunk.length;
});
gunzip.on('error', (error) => { process.stderr.write(error.message); process.exit(4); });
gunzip.on('end', () => process.exit(0));
fs.createReadStream('', { fd: 0, start: 0 }).pipe(gunzip);
`;

/** Writes the text of the gzip file open at `gz` into `output` (an empty file), by position: neither descriptor's offset moves. */
function gunzipInto(file: string, gz: number, output: number): void {
  const size = fs.fstatSync(gz).size;
  const trailer = Buffer.alloc(4);
  if (size >= 4) fs.readSync(gz, trailer, 0, 4, size - 4);
  const claim = gzipClaim(size, trailer);
  // The file itself read whole only when it is small too: a sparse planted file of gigabytes claiming little
  // crashed the allocation (RangeError) or took its size in memory; gzip never grows what it holds by much.
  if (claim !== undefined && claim <= IN_PROCESS_BYTES && size <= 2 * IN_PROCESS_BYTES) {
    const bytes = Buffer.allocUnsafe(size);
    for (let done = 0; done < size; ) {
      const read = fs.readSync(gz, bytes, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    let text: Buffer | undefined;
    try {
      text = zlib.gunzipSync(bytes, { maxOutputLength: Math.max(1, claim) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // More than the last member claims: several members, or a bomb; either way streamed, under the cap.
      if (code !== 'ERR_BUFFER_TOO_LARGE') {
        if (typeof code === 'string' && code.startsWith('Z_')) throw notWhole(file, (error as Error).message);
        throw error;
      }
    }
    if (text) {
      for (let done = 0; done < text.length; ) done += fs.writeSync(output, text, done, text.length - done, done);
      return;
    }
  }
  // No environment: NODE_OPTIONS and the like have no say in what the child runs.
  const run = spawnSync(process.execPath, ['-e', STREAM, String(MAX_GUNZIPPED_BYTES)], { stdio: [gz, output, 'pipe'], env: {}, encoding: 'utf8' });
  if (run.status === 0) return;
  if (run.status === 3) throw tooLarge(file);
  if (run.status === 4) throw notWhole(file, run.stderr.trim());
  throw new AuditError(`${file} could not be gunzipped (${run.error?.message ?? `exit ${run.status ?? run.signal}`}): refused, not read`, 2);
}
