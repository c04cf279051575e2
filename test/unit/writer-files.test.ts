// The log writer against files it does not own: a foreign file swapped in at
// the log's path, planted "rotated" files, the log removed under it, a disk
// that never answers. Real files, and a real second Unix user owning the
// foreign ones (needs root, as CI runs).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { LogFile, type LogFileOptions } from '../../src/sinks/file/writer.ts';
import { slowDisk, wrapWrites } from '../support/fs-writes.ts';
import { createUser } from '../support/users.ts';
import { makeTempDir, waitFor } from '../support/util.ts';

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = makeTempDir('tmux-audit-writer-files');
  scratch.push(dir);
  return path.join(dir, 'logs', 'main.log');
}

const user = createUser();

function options(overrides: Partial<LogFileOptions> = {}): LogFileOptions & { errors: string[] } {
  const errors: string[] = [];
  return {
    maxBytes: 1024 ** 3,
    maxFiles: 5,
    errors,
    onError: (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message),
    onRecover: () => {},
    onRotateError: (error: NodeJS.ErrnoException) => errors.push(`rotate:${error.code ?? error.message}`),
    ...overrides,
  };
}

/** `count` lines of 1 KiB each, numbered after `prefix`. */
function kibLines(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const head = `${prefix} ${String(i).padStart(6, '0')} `;
    return `${head}${'x'.repeat(1023 - head.length)}\n`;
  });
}

/** A file owned by the test's second user, as they would make it. */
function foreignFile(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chownSync(file, user.uid, user.gid);
}

describe('files that are not ours', () => {
  it('a foreign file swapped in at the log path: nothing written into it, told; logging resumes once it is gone', async () => {
    const file = tempFile();
    const opts = options({ onLost: (what) => log.write(`lost ${what}\n`) });
    const log = new LogFile(file, opts);
    log.write('before\n');
    await log.flush();
    const swap = `${file}.swap`;
    foreignFile(swap, 'theirs\n');
    fs.renameSync(swap, file);
    log.write('secret\n');
    await waitFor('the refusal', () => opts.errors.length > 0);
    assert.match(opts.errors[0]!, new RegExp(`^${file} is owned by ${user.name} \\(uid ${user.uid}\\), mode 0600`));
    assert.equal(fs.readFileSync(file, 'utf8'), 'theirs\n', 'the foreign file is untouched');
    fs.rmSync(file);
    await waitFor('the retry', () => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('secret'), 5000);
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), 'lost file\nsecret\n', 'what waited, in a new file of ours, after the event');
    assert.equal(fs.statSync(file).uid, process.geteuid!());
  });

  it('a symlink swapped in at the log path is not followed', async () => {
    const file = tempFile();
    const opts = options();
    const log = new LogFile(file, opts);
    log.write('before\n');
    await log.flush();
    const target = path.join(path.dirname(file), 'target');
    fs.writeFileSync(target, 'untouched');
    fs.rmSync(file);
    fs.symlinkSync(target, file);
    log.write('secret\n');
    await waitFor('the refusal', () => opts.errors.length > 0);
    assert.deepEqual(opts.errors, ['ELOOP']);
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    fs.rmSync(file);
    await log.close();
  });
});

describe('the log removed while logging', () => {
  for (const what of ['file', 'directory'] as const) {
    it(`${what}: what onLost writes goes first into the new file, before the lines that waited`, async () => {
      const file = tempFile();
      const lost: string[] = [];
      const log = new LogFile(
        file,
        options({
          onLost: (noticed) => {
            lost.push(noticed);
            log.write(`lost ${noticed}\n`);
          },
        }),
      );
      log.write('one\n');
      await log.flush();
      fs.rmSync(what === 'file' ? file : path.dirname(file), { recursive: true });
      log.write('two\n');
      log.write('three\n');
      await log.close();
      assert.deepEqual(lost, [what]);
      assert.equal(fs.readFileSync(file, 'utf8'), `lost ${what}\ntwo\nthree\n`);
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    });
  }
});

describe('the log removed in the middle of a stream of writes', () => {
  it('every line written after the removal is in the new file, once, in order, after the lost event', async () => {
    // The writer looks at its file only every so often while writes follow each other
    // (not before each one): what went into the removed file meanwhile is written again.
    const file = tempFile();
    const log: LogFile = new LogFile(file, options({ onLost: (what) => log.write(`lost ${what}\n`) }));
    const removedAt = 500;
    for (let i = 0; i < 1000; i++) {
      if (i === removedAt) fs.rmSync(file);
      log.write(`line ${i}\n`);
      if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await log.close();
    const [first, ...rest] = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
    assert.equal(first, 'lost file');
    const numbers = rest.map((line) => Number(/^line (\d+)$/.exec(line)![1]));
    const from = numbers[0]!;
    assert.ok(from <= removedAt, `the new file starts at line ${from}, after the removal at line ${removedAt}`);
    assert.deepEqual(numbers, [...Array(1000 - from).keys()].map((n) => n + from));
  });
});

describe('pruning', () => {
  it('foreign, symlinked and hard-linked "rotated" files, ancient or future, are never deleted and never push ours out', async () => {
    const file = tempFile();
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const precious = path.join(dir, 'precious');
    fs.writeFileSync(precious, 'precious\n', { mode: 0o600 });
    const planted: Record<string, string> = {
      'main.log.29991231T235959.999Z': 'foreign',
      'main.log.29991231T235959.998Z': 'symlink',
      'main.log.19700101T000000.000Z': 'foreign',
      'main.log.19700101T000000.001Z': 'symlink',
      'main.log.19700101T000000.002Z': 'hardlink',
    };
    for (const [name, kind] of Object.entries(planted)) {
      const at = path.join(dir, name);
      if (kind === 'foreign') foreignFile(at, `${name}\n`);
      else if (kind === 'symlink') fs.symlinkSync(precious, at);
      else fs.linkSync(precious, at);
    }
    const log = new LogFile(file, options({ maxBytes: 64, maxFiles: 2 }));
    // 8 lines of 40 bytes, each past the limit with the one before it: 7 rotations.
    for (let i = 0; i < 8; i++) {
      log.write(`line ${i} ${'x'.repeat(32)}\n`);
      await log.flush();
    }
    await log.close();
    for (const [name, kind] of Object.entries(planted)) {
      const at = path.join(dir, name);
      assert.equal(kind === 'symlink' ? fs.lstatSync(at).isSymbolicLink() : fs.readFileSync(at, 'utf8'), kind === 'symlink' ? true : kind === 'foreign' ? `${name}\n` : 'precious\n', name);
    }
    assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
    const ours = rotatedFiles(fs.readdirSync(dir), 'main.log').filter((name) => !(name in planted));
    assert.equal(ours.length, 2, `our two newest rotated files are kept: ${ours.join(' ')}`);
    const kept = [...ours.map((name) => path.join(dir, name)), file].map((name) => fs.readFileSync(name, 'utf8')).join('');
    assert.equal(kept, [5, 6, 7].map((i) => `line ${i} ${'x'.repeat(32)}\n`).join(''), 'the oldest of ours went, as before');
  });
});

describe('closing', () => {
  for (const sibling of [false, true]) {
    const title = sibling
      ? "a write that never reaches the disk while another pane's reader appends to the same file: close() counts that growth for a while only, then gives up (review of close13r)"
      : 'a write that never returns (a hung disk) does not keep close() waiting forever';
    it(title, { timeout: 30_000 }, async (t) => {
      const file = tempFile();
      let started = false;
      wrapWrites(t, () => {
        started = true; // and never calls back
      });
      // With a sibling, the file's growth counts for a while (here 3.5 s, not CLOSE_GROWTH_GRACE_MS's 60), then not.
      const log = new LogFile(file, options(sibling ? { closeGrowthGraceMs: 3500 } : {}));
      log.write('stuck\n');
      await waitFor('the write to start', () => started);
      const other = sibling ? fs.openSync(file, 'a') : undefined;
      const before = Date.now();
      // For 20 s at most: a close() that waits on them ends then, and fails below, instead of hanging the file.
      const appending = setInterval(() => {
        if (other !== undefined && Date.now() - before < 20_000) fs.writeSync(other, "another pane's line\n");
      }, 200);
      appending.unref();
      t.after(() => {
        clearInterval(appending);
        if (other !== undefined) fs.closeSync(other);
      });
      await log.close();
      const waited = Date.now() - before;
      // About 5 s; 8 with a sibling (its growth counted at the looks of the first 3.5 s: 6.5 s if the last of them is
      // late); its 20 s, were it counted on.
      const least = sibling ? 6500 : 4500;
      assert.ok(waited >= least && waited < least + 7000, `close() gave up after ${waited} ms (about ${(least + 500) / 1000} s)${sibling ? ', the file growing all along' : ''}`);
    });
  }

  it('a slow disk that still takes bytes is waited for, however long the drain: nothing queued is lost', { timeout: 30_000 }, async (t) => {
    const file = tempFile();
    // Each write takes 1.5 s and 10 bytes at most: 50 bytes queued take 7.5 s, longer than close() waits on a hung write.
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      setTimeout(() => write(fd, buffer, offset, Math.min(length, 10), position, callback), 1500);
    });
    const log = new LogFile(file, options());
    const lines = ['line 0001', 'line 0002', 'line 0003', 'line 0004', 'line 0005'].map((line) => `${line}\n`);
    for (const line of lines) log.write(line);
    const before = Date.now();
    await log.close();
    assert.ok(Date.now() - before >= 6000, 'it took the slow writes');
    assert.equal(fs.readFileSync(file, 'utf8'), lines.join(''));
  });

  it('a write under way at close(), on a disk slower than one write per 5 s, its file growing meanwhile, the drain rotating into a new, smaller file: every line written, across the files', { timeout: 60_000 }, async (t) => {
    const file = tempFile();
    const dir = path.dirname(file);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 512 KiB in the file, 768 KiB its limit, a disk taking 16 KiB per 500 ms: the write under way at close() fills the
    // file (255 lines, ~8 s without a return, the file growing), the drain rotates, and the next writes take the other
    // 257 lines into a new file smaller than the old one all along.
    const old = kibLines('old', 512).join('');
    fs.writeFileSync(file, old, { mode: 0o600 });
    const writes = slowDisk(t, 16 * 1024, 500);
    const log = new LogFile(file, options({ maxBytes: 768 * 1024 }));
    log.write('first\n');
    await waitFor('the first write', () => writes.length === 1);
    const backlog = kibLines('line', 512);
    for (const line of backlog) log.write(line);
    await waitFor('the drain under way', () => writes.length === 2 && writes[1]!.appended > 0, 5000);
    assert.equal(writes[1]!.length, 255 * 1024, 'the old file filled in one write');
    await log.close();
    const rotated = rotatedFiles(fs.readdirSync(dir), 'main.log');
    const written = [...rotated.map((name) => path.join(dir, name)), file].map((name) => fs.readFileSync(name, 'utf8'));
    assert.ok(written.at(-1)!.endsWith(backlog.at(-1)!), `the last line is in the live file (${written.map((text) => text.length).join(' + ')} bytes)`);
    assert.equal(written.join(''), `${old}first\n${backlog.join('')}`);
    assert.equal(rotated.length, 1, `one rotation: ${rotated.join(' ')}`);
    assert.equal(written.at(-1)!.length, 257 * 1024, 'the new file took the rest');
    assert.ok(written.at(-1)!.length < written[0]!.length, 'the new file is smaller than the old one');
  });

  it("a pane closing behind a busy pane's backlog on a slow disk (write(2) one at a time, 8 s each): it waits, and its last lines are written between the busy pane's writes (reviews of close13r, 6e01325)", { timeout: 60_000 }, async (t) => {
    const file = tempFile();
    // 16 KiB per 500 ms: each 256 KiB write of the busy pane takes 8 s. The closing pane counts growth for 8 s (here, not
    // 60): in one write, the busy pane's 512 KiB would take 16 s, past it (13 s), and the closing pane's stop be lost.
    const writes = slowDisk(t, 16 * 1024, 500);
    const busy = new LogFile(file, options());
    const closing = new LogFile(file, options({ closeGrowthGraceMs: 8000 }));
    busy.write('busy first\n');
    await waitFor('the first write', () => writes.length === 1);
    const backlog = kibLines('busy', 512);
    for (const line of backlog) busy.write(line);
    await waitFor('the backlog under way', () => writes.length === 2 && writes[1]!.appended > 0, 5000);
    closing.write('seal\nstop\n');
    const before = Date.now();
    await closing.close();
    const waited = Date.now() - before;
    await busy.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
    // Every line once, whole; the busy pane's in order; the closing pane's after the write it waited behind.
    assert.deepEqual(lines.filter((line) => !line.startsWith('busy ')), ['seal', 'stop'], `the closing pane's last lines (${waited} ms)`);
    assert.deepEqual(lines.filter((line) => line.startsWith('busy ')).map((line) => `${line}\n`), ['busy first\n', ...backlog]);
    assert.ok(lines.indexOf('seal') >= 257, `after the write under way: line ${lines.indexOf('seal')}`);
    assert.ok(waited >= 6000, `it waited behind the busy pane's write (${waited} ms)`);
  });

  it('a line longer than one write takes is written whole by one write(2): no other pane\'s line can land inside it', async (t) => {
    const file = tempFile();
    const ends: number[] = [];
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      ends.push(buffer[offset + length - 1]!);
      write(fd, buffer, offset, length, position, callback);
    });
    const log = new LogFile(file, options());
    const long = `${'y'.repeat(600 * 1024)}\n`;
    const lines = [...kibLines('before', 300), long, ...kibLines('after', 300)];
    for (const line of lines) log.write(line);
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), lines.join(''));
    assert.ok(ends.length > 2, `in pieces (${ends.length} writes)`);
    assert.ok(ends.every((byte) => byte === 0x0a), 'every write ends a line');
  });

  it('a backlog a slow disk takes whole a write at a time (the file not growing meanwhile), each write slower than close() waits in all: written in pieces, nothing lost (review of close13)', { timeout: 60_000 }, async (t) => {
    const file = tempFile();
    // Each write returns whole after 1 s plus 2 s per 256 KiB it was handed: one write of the whole 1 MiB takes 9 s.
    let writes = 0;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      writes++;
      setTimeout(() => write(fd, buffer, offset, length, position, callback), 1000 + Math.ceil(length / (256 * 1024)) * 2000);
    });
    const log = new LogFile(file, options());
    const lines = Array.from({ length: 1024 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'x'.repeat(1013)}\n`);
    log.write(lines[0]!);
    for (const line of lines.slice(1)) log.write(line);
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), lines.join(''));
    assert.ok(writes > 2, `in pieces (${writes} writes)`);
  });

  it('a disk full, then room again just before close(): what waited is written in pieces of whole lines, not in one write(2) (review of 6e01325)', async (t) => {
    const file = tempFile();
    let full = true;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      if (full) setImmediate(() => callback(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), 0));
      else write(fd, buffer, offset, length, position, callback);
    });
    const opts = options();
    const log = new LogFile(file, opts);
    // Every third line 2 bytes longer: a cut every 256 KiB would fall inside lines.
    const lines = kibLines('line', 2048).map((line, i) => (i % 3 === 0 ? `${line.slice(0, -1)}zz\n` : line));
    for (const line of lines) log.write(line);
    await waitFor('the disk full said', () => opts.errors.includes('ENOSPC'));
    const sizes: number[] = [];
    const ends: number[] = [];
    const realSync = fs.writeSync;
    t.mock.method(fs, 'writeSync', (...args: Parameters<typeof fs.writeSync>) => {
      const written = (realSync as (...rest: unknown[]) => number)(...args);
      if (Buffer.isBuffer(args[1])) {
        sizes.push(written);
        ends.push(args[1][(args[2] as number) + written - 1]!);
      }
      return written;
    });
    full = false;
    // Before the writer's retry (1 s): close() writes what waits at once.
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), lines.join(''));
    assert.ok(sizes.length >= 8 && sizes.every((size) => size <= 256 * 1024), `written ${sizes.join(' + ')}`);
    assert.ok(ends.every((byte) => byte === 0x0a), `every write ends a line: ${sizes.join(' + ')}`);
  });

  it('a write that takes nothing (0 bytes, no error) is asked again a little later, not at once', { timeout: 20_000 }, async (t) => {
    const file = tempFile();
    let calls = 0;
    let takes = false;
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      calls++;
      if (takes) write(fd, buffer, offset, length, position, callback);
      else setImmediate(() => callback(null, 0));
    });
    const log = new LogFile(file, options());
    log.write('waited\n');
    await waitFor('the first write', () => calls > 0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    takes = true;
    await log.close();
    assert.equal(fs.readFileSync(file, 'utf8'), 'waited\n');
    assert.ok(calls <= 40, `asked ${calls} times in 1 s`);
  });
});
