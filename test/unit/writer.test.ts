// The log writer in-process, node's write it makes wrapped for a test: slow, failing,
// short (test/support/fs-writes.ts). Real files in a temporary directory.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { LogFile, type LogFileOptions } from '../../src/sinks/file/writer.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { waitFor } from '../support/util.ts';
import { rotationLockPath } from '../../src/core/paths.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-writer-'));
  dirs.push(dir);
  return path.join(dir, 'logs', 'main.log');
}

function options(overrides: Partial<LogFileOptions> = {}): LogFileOptions & { errors: string[]; recovered: number } {
  const errors: string[] = [];
  const result = {
    maxBytes: 1024 ** 3,
    maxFiles: 5,
    errors,
    recovered: 0,
    onError: (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message),
    onRecover: () => result.recovered++,
    onRotateError: (error: NodeJS.ErrnoException) => errors.push(`rotate:${error.code}`),
    ...overrides,
  };
  return result;
}

const lines = (from: number, to: number): string => {
  let text = '';
  for (let i = from; i < to; i++) text += `line ${i}\n`;
  return text;
};

describe('the log writer', () => {
  it('creates the directory 0700 and the file 0600, and appends in order', async () => {
    const file = tempFile();
    const log = new LogFile(file, options());
    log.write(lines(0, 10));
    log.write(lines(10, 20));
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), lines(0, 20));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
  });

  it('a slow disk: lines queue (the backlog says how much) and all reach the file, in order', async (t) => {
    const file = tempFile();
    let calls = 0;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      calls++;
      setTimeout(() => write(fd, buffer, offset, length, position, callback), 50);
    });
    const log = new LogFile(file, options());
    log.write(lines(0, 1000));
    await new Promise((resolve) => setTimeout(resolve, 20)); // a write is in flight
    for (let i = 1; i < 100; i++) log.write(lines(i * 1000, (i + 1) * 1000));
    assert.ok(log.backlog > 1_000_000, `queued ${log.backlog} bytes while the first write waits`);
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), lines(0, 100_000));
    assert.ok(calls > 0 && calls < 100, `${calls} writes for 100 batches: what queued during a slow write goes in one`);
  });

  it('a failing disk: told once, nothing lost, told again when it works', async (t) => {
    const file = tempFile();
    let failures = 2;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      if (failures-- > 0) return callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0);
      write(fd, buffer, offset, length, position, callback);
    });
    const opts = options();
    const log = new LogFile(file, opts);
    log.write(lines(0, 5));
    log.write(lines(5, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(opts.errors, ['ENOSPC'], 'one message for the streak');
    assert.equal(fs.readFileSync(file, 'utf8'), '');
    // The writer retries once a second, not in a loop.
    const deadline = Date.now() + 5000;
    // Until the write's callback has run too (it tells the recovery): the file may show the lines a moment before.
    while ((fs.readFileSync(file, 'utf8') !== lines(0, 10) || opts.recovered === 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(fs.readFileSync(file, 'utf8'), lines(0, 10));
    assert.equal(opts.recovered, 1);
    assert.deepEqual(opts.errors, ['ENOSPC']);
    await log.close();
  });

  for (const told of [true, false]) {
    it(`the file cut in place right after a write: ${told ? 'told (onLost: cut, with the sizes), what went in since the last look written again' : 'nobody to tell (a cast): it writes on, nothing written twice'}`, async (t) => {
      const file = tempFile();
      let cutOnce = false;
      wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
        write(fd, buffer, offset, length, position, (error, written) => {
          if (!cutOnce) {
            cutOnce = true;
            fs.truncateSync(file, 0);
          }
          callback(error, written);
        });
      });
      const lost: unknown[] = [];
      const log = new LogFile(file, options(told ? { onLost: (what, queued, cut) => void lost.push([what, queued.toString(), cut]) } : {}));
      log.write(lines(0, 10));
      await log.flush();
      log.write(lines(10, 20));
      await log.close();
      if (told) {
        assert.deepEqual(lost, [['cut', lines(0, 10), { held: lines(0, 10).length, left: 0 }]]);
        assert.equal(fs.readFileSync(file, 'utf8'), lines(0, 20));
      } else assert.equal(fs.readFileSync(file, 'utf8'), lines(10, 20));
    });
  }

  it('removed twice, told each time with no rewrite of its own: what it hands back is counted as handed over again, and `from` names where it began', async () => {
    // The file sink reads the writer's count of bytes handed over (pushed) to know which record each byte is (the
    // stamp a head mark or a `lost` event takes): bytes the writer queued again uncounted shifted every later position.
    const file = tempFile();
    const told: { queued: string; from: number }[] = [];
    // eslint-disable-next-line prefer-const
    let log: LogFile;
    log = new LogFile(file, options({
      onLost: (_what, queued, _cut, from) => {
        told.push({ queued: queued.toString(), from });
        log.write('* lost\n');
      },
    }));
    log.write(lines(0, 100));
    await log.flush();
    fs.rmSync(file);
    log.write(lines(100, 200));
    await log.flush();
    assert.equal(log.pushed, log.writtenBytes, 'all handed over is written, and counted once');
    assert.equal(log.pushed, Buffer.byteLength(`* lost\n${lines(100, 200)}`));
    fs.rmSync(file);
    log.write(lines(200, 300));
    await log.close();
    assert.deepEqual(told, [
      { queued: lines(100, 200), from: Buffer.byteLength(lines(0, 100)) },
      { queued: lines(200, 300), from: Buffer.byteLength(`* lost\n${lines(100, 200)}`) },
    ]);
    assert.equal(fs.readFileSync(file, 'utf8'), `* lost\n${lines(200, 300)}`);
  });

  it('a file followed after a move, near full, its rotation lock held by another writer: no cut said of it (its count starts at the look)', async () => {
    const file = tempFile();
    const lost: unknown[] = [];
    const lock = rotationLockPath(file);
    const log = new LogFile(file, options({
      maxBytes: 2000,
      onLost: (what, _queued, cut) => {
        lost.push([what, cut]);
        // Another writer (a live pid: ours) holds the rotation lock for a while.
        if (what === 'moved') {
          fs.writeFileSync(lock, String(process.pid), { mode: 0o600 });
          setTimeout(() => fs.rmSync(lock), 150);
        }
      },
    }));
    log.write(`${'a'.repeat(1989)}\n`);
    await log.flush();
    // Moved away, and an honest file of ours near full at the path (as another writer's rotation leaves it).
    fs.renameSync(file, `${file}.moved`);
    fs.writeFileSync(file, `${'b'.repeat(1949)}\n`, { mode: 0o600 });
    log.write(lines(200, 260));
    await waitFor('the lock taken and let go', () => lost.length > 0 && !fs.existsSync(lock));
    await log.close();
    assert.deepEqual(lost, [['moved', undefined]]);
  });

  it('a short write continues where it stopped', async (t) => {
    const file = tempFile();
    let short = 0;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      if (length > 7) short++;
      write(fd, buffer, offset, Math.min(length, 7), position, callback);
    });
    const log = new LogFile(file, options());
    log.write(lines(0, 50));
    await log.close();
    assert.ok(short > 0, 'writes cut short');
    assert.equal(fs.readFileSync(file, 'utf8'), lines(0, 50));
  });

  it('two writers on one file with rotation: every line once, whole, each writer in order', async () => {
    const file = tempFile();
    const a = new LogFile(file, options({ maxBytes: 4096, maxFiles: 1000 }));
    const b = new LogFile(file, options({ maxBytes: 4096, maxFiles: 1000 }));
    for (let i = 0; i < 5000; i++) {
      a.write(`a ${i}\n`);
      b.write(`b ${i}\n`);
      if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all([a.close(), b.close()]);
    const dir = path.dirname(file);
    const names = rotatedFiles(fs.readdirSync(dir), 'main.log');
    assert.ok(names.length > 10, `${names.length} rotated files`);
    const all = [...names, 'main.log'].flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean));
    for (const who of ['a', 'b']) {
      const mine = all.filter((line) => line.startsWith(`${who} `)).map((line) => Number(line.slice(2)));
      assert.deepEqual(mine, [...Array(5000).keys()], `${who}: each line once, in order`);
    }
    assert.ok(all.every((line) => /^[ab] \d+$/.test(line)), 'no line split or merged');
    // A writer fills at most the room it saw; the other's write in flight can add as much again (README: Limits).
    for (const name of names) assert.ok(fs.statSync(path.join(dir, name)).size <= 2 * 4096, `${name}: ${fs.statSync(path.join(dir, name)).size} bytes`);
  });
});
