// Background compression against pruning (issue 13): a rotated file that another writer's rotation prunes while gzip
// reads it must stay gone. Its .gz, renamed in after the prune, came back as the log's oldest file, the files between
// it and the rest pruned: verify run on the live log said `missing file` (the next file's head mark names one it never
// read), and the log kept more rotated files than @audit-max-files until a later rotation pruned it a second time.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { rotateUnderLock } from '../../src/sinks/file/rotation.ts';
import { takeRotationLock } from '../support/rotation-lock.ts';
import { scratchLogs, waitFor } from '../support/util.ts';

const tempLog = scratchLogs('compress-pruned');
const rotatedOf = (file: string) => rotatedFiles(fs.readdirSync(path.dirname(file)), path.basename(file));
const longAgo = new Date(Date.now() - 10 * 60_000);

/**
 * A log with two rotated files, the older one last written long ago (compressed at the next rotation), its live
 * file open as a writer holds it; `rotate` rotates it as a writer does, keeping `maxFiles`, compressing or not.
 */
function logWithRotated(): { file: string; older: string; rotate: (maxFiles: number, compressed?: (file: string, error?: NodeJS.ErrnoException) => void) => void } {
  const file = tempLog();
  const older = `${file}.20261120T000000.000Z`;
  fs.writeFileSync(older, 'older\n'.repeat(20_000));
  fs.utimesSync(older, longAgo, longAgo);
  fs.writeFileSync(`${file}.20261121T000000.000Z`, 'newer\n');
  fs.writeFileSync(file, 'live\n');
  let fd = fs.openSync(file, 'a');
  const rotate = (maxFiles: number, compressed?: (file: string, error?: NodeJS.ErrnoException) => void): void => {
    const reopen = (): void => {
      fs.closeSync(fd);
      fd = fs.openSync(file, 'a');
      fs.writeSync(fd, 'live\n');
    };
    const done = rotateUnderLock(file, fd, maxFiles, reopen, undefined, compressed && { maxAgeMs: Number.POSITIVE_INFINITY, compress: true, now: Date.now(), compressed });
    assert.ok(done, 'rotated');
  };
  return { file, older, rotate };
}

/** Whether the compressor of `file` has written its gzip whole (in its temporary file, or renamed in already). */
function gzipped(file: string): boolean {
  if (fs.existsSync(`${file}.gz`)) return true;
  try {
    zlib.gunzipSync(fs.readFileSync(`${file}.gz.tmp`));
    return true;
  } catch {
    return false;
  }
}

/**
 * Rotates keeping 3 files, which starts compressing the older one; the returned wait ends when that compression has
 * (polled: a compressor waiting for the lock does on a timer that holds no process open, as a reader's exit must not wait).
 */
function compressing(rotate: (maxFiles: number, compressed?: (file: string, error?: NodeJS.ErrnoException) => void) => void): () => Promise<{ error?: NodeJS.ErrnoException }> {
  let ended: { error?: NodeJS.ErrnoException } | undefined;
  rotate(3, (_, error) => (ended = { error }));
  return () => waitFor('the compression ended', () => ended, 10_000);
}

describe('compression of a rotated file pruned meanwhile', () => {
  it('a file pruned by another rotation while gzip reads it stays gone: no .gz of it, max-files kept', async () => {
    const { file, older, rotate } = logWithRotated();
    const ended = compressing(rotate);
    assert.ok(fs.existsSync(`${older}.gz.tmp`), 'the older file is being compressed');
    // Another writer's rotation, at once (gzip runs in the background): one rotated file kept, the others pruned.
    rotate(1);
    assert.deepEqual(await ended(), { error: undefined });
    const left = rotatedOf(file);
    assert.equal(left.length, 1, `one rotated file kept: ${left.join(' ')}`);
    assert.ok(!fs.existsSync(`${older}.gz`) && !fs.existsSync(`${older}.gz.tmp`), 'the pruned file came not back as .gz');
  });

  it('waits for a rotation that holds the lock: a file it prunes meanwhile stays gone', async () => {
    const { file, older, rotate } = logWithRotated();
    const ended = compressing(rotate);
    const release = takeRotationLock(file)!;
    // What that rotation does under the lock: the older file pruned.
    fs.rmSync(older);
    await waitFor('the gzip written whole', () => gzipped(older), 10_000);
    release();
    assert.deepEqual(await ended(), { error: undefined });
    assert.ok(!fs.existsSync(`${older}.gz`) && !fs.existsSync(`${older}.gz.tmp`), 'the pruned file came not back as .gz');
    assert.equal(rotatedOf(file).length, 2);
  });

  it('a file kept is compressed once the lock is free, not while another writer holds it', async () => {
    const { file, older, rotate } = logWithRotated();
    const ended = compressing(rotate);
    const release = takeRotationLock(file)!;
    await waitFor('the gzip written whole', () => gzipped(older), 10_000);
    assert.ok(fs.existsSync(older) && !fs.existsSync(`${older}.gz`), 'the plain file stays while the lock is held');
    release();
    assert.deepEqual(await ended(), { error: undefined });
    assert.ok(!fs.existsSync(older) && !fs.existsSync(`${older}.gz.tmp`));
    assert.equal(zlib.gunzipSync(fs.readFileSync(`${older}.gz`)).toString(), 'older\n'.repeat(20_000));
    assert.deepEqual(rotatedOf(file).map((name) => name.endsWith('.gz')), [true, false, false]);
  });
});
