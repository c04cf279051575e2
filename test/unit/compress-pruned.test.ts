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
import { compressRotated, rotateUnderLock } from '../../src/sinks/file/rotation.ts';
import { LogFile } from '../../src/sinks/file/writer.ts';
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
    // Looked at again and again while the compressor tries the lock (every 20 ms, rotation.ts): its end waits.
    for (let look = 0; look < 10; look++) {
      assert.ok(fs.existsSync(older) && !fs.existsSync(`${older}.gz`), 'the plain file stays while the lock is held');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    assert.deepEqual(await ended(), { error: undefined });
    assert.ok(!fs.existsSync(older) && !fs.existsSync(`${older}.gz.tmp`));
    assert.equal(zlib.gunzipSync(fs.readFileSync(`${older}.gz`)).toString(), 'older\n'.repeat(20_000));
    assert.deepEqual(rotatedOf(file).map((name) => name.endsWith('.gz')), [true, false, false]);
  });

  it("a compressor whose temp another took over (judged stale: a stop past 10 min) leaves the other's temp alone, half written", async () => {
    const { older } = logWithRotated();
    const file = older.slice(0, -'.20261120T000000.000Z'.length);
    let ended: { error?: NodeJS.ErrnoException } | undefined;
    compressRotated(file, older, (error) => (ended = { error }));
    const release = takeRotationLock(file)!;
    await waitFor('the gzip written whole', () => gzipped(older), 10_000);
    // What the second compressor does: the first's temp removed, its own begun at the name (its process may die there).
    const temp = `${older}.gz.tmp`;
    fs.rmSync(temp);
    const partial = zlib.gzipSync('older\n'.repeat(20_000)).subarray(0, 100);
    fs.writeFileSync(temp, partial, { flag: 'wx', mode: 0o600 });
    release();
    assert.deepEqual(await waitFor('the first compression ended', () => ended, 10_000), { error: undefined });
    assert.ok(!fs.existsSync(`${older}.gz`), "no .gz: the other's half gzip is not put in place");
    assert.ok(fs.existsSync(older) && fs.readFileSync(older, 'utf8') === 'older\n'.repeat(20_000), 'the plain file stays');
    assert.deepEqual(fs.readFileSync(temp), partial, "the other's temp is left to it");
  });

  it('a rotated file pruned while its .gz is there too (a compressor killed before removing it) goes with its .gz; a .gz not ours stays', () => {
    for (const planted of [false, true]) {
      const { file, older, rotate } = logWithRotated();
      const gz = `${older}.gz`;
      const target = `${file}.target`;
      if (planted) {
        fs.writeFileSync(target, 'not ours to delete\n');
        fs.symlinkSync(target, gz);
      } else fs.writeFileSync(gz, zlib.gzipSync('older\n'.repeat(20_000)), { mode: 0o600 });
      rotate(1);
      assert.ok(!fs.existsSync(older), 'the plain file pruned');
      if (planted) {
        assert.ok(fs.lstatSync(gz).isSymbolicLink(), 'a symlink at the .gz name is left alone');
        assert.equal(fs.readFileSync(target, 'utf8'), 'not ours to delete\n');
      } else {
        assert.ok(!fs.existsSync(gz), 'its .gz pruned with it, not come back as the oldest file');
        assert.equal(rotatedOf(file).length, 1, `max-files kept: ${rotatedOf(file).join(' ')}`);
      }
    }
  });

  it("a rotated file pruned goes with a dead compressor's .gz.tmp (killed mid-gzip, nothing would remove it); a temp not ours stays", () => {
    for (const planted of [false, true]) {
      for (const compressedAlready of [false, true]) {
        const { file, older, rotate } = logWithRotated();
        const temp = `${older}.gz.tmp`;
        const target = `${file}.target`;
        if (compressedAlready) {
          // Its .gz in place, the plain one gone: the pruned name is the .gz, the temp is still the plain name's.
          fs.writeFileSync(`${older}.gz`, zlib.gzipSync('older\n'.repeat(20_000)), { mode: 0o600 });
          fs.rmSync(older);
        }
        if (planted) {
          fs.writeFileSync(target, 'not ours to delete\n');
          fs.symlinkSync(target, temp);
        } else fs.writeFileSync(temp, zlib.gzipSync('older\n'.repeat(20_000)).subarray(0, 100), { mode: 0o600 });
        rotate(1);
        assert.ok(!fs.existsSync(older) && !fs.existsSync(`${older}.gz`), 'the file pruned');
        if (planted) {
          assert.ok(fs.lstatSync(temp).isSymbolicLink(), 'a symlink at the temp name is left alone');
          assert.equal(fs.readFileSync(target, 'utf8'), 'not ours to delete\n');
        } else assert.ok(!fs.existsSync(temp), `its temp pruned with it (compressed already: ${compressedAlready})`);
      }
    }
  });

  it("a reader closing while its compression waits for the lock leaves no temp: the file is compressed at the next try, not 10 min later", async () => {
    const file = tempLog();
    const older = `${file}.20261120T000000.000Z`;
    // Big enough that its gzip is still running when the rotation's write is done (64 KiB read at a time).
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`older ${i} ${(i * 2654435761) % 4294967296}`);
    fs.writeFileSync(older, `${lines.join('\n')}\n`);
    fs.utimesSync(older, longAgo, longAgo);
    fs.writeFileSync(`${file}.20261121T000000.000Z`, 'newer\n');
    const errors: string[] = [];
    const log = new LogFile(file, { maxBytes: 1000, maxFiles: 5, compress: true, onError: (error) => errors.push(String(error)), onRecover: () => {}, onRotateError: (error) => errors.push(String(error)), onCompressError: (_, error) => errors.push(String(error)) });
    log.write(`${'x'.repeat(1100)}\n`);
    await log.flush();
    log.write('rotates\n');
    await log.flush();
    const temp = `${older}.gz.tmp`;
    const release = takeRotationLock(file)!;
    try {
      assert.ok(fs.existsSync(temp) && !fs.existsSync(`${older}.gz`), 'the rotation started compressing the older file');
      await log.close();
      assert.ok(!fs.existsSync(temp), 'no temp left behind by the closed reader');
      assert.ok(fs.existsSync(older) && !fs.existsSync(`${older}.gz`), 'the file stays plain, whole');
    } finally {
      release();
    }
    await new Promise<void>((resolve, reject) => compressRotated(file, older, (error) => (error ? reject(error) : resolve())));
    assert.ok(!fs.existsSync(older), 'compressed now');
    assert.equal(zlib.gunzipSync(fs.readFileSync(`${older}.gz`)).toString(), `${lines.join('\n')}\n`);
    assert.deepEqual(errors, []);
  });
});
