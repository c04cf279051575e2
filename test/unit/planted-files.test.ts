// Files planted in the log directory under a rotated log's name must not make
// verify or a reading command hang or run out of memory: a FIFO, a symlink to
// /dev/zero, a gzip bomb are refused (exit 2: unreadable), never read.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, describe, it } from 'node:test';
import { openLog } from '../../src/read/chunks.ts';
import { gunzipCapped, MAX_GUNZIPPED_BYTES } from '../../src/read/gunzip.ts';
import { readLogBytes } from '../../src/read/safe-open.ts';
import { outsideTmux } from '../support/cli.ts';
import { HELPER } from '../support/paths.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function logDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-planted-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'a.log'), '', { mode: 0o600 });
  return dir;
}

/** `verify --dir`, bounded: a hang is a failure, not a stuck suite. */
function verifyDir(dir: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [HELPER, 'verify', '--dir', dir], { encoding: 'utf8', timeout: 20_000, env: outsideTmux() });
  return { status: run.status, output: `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}` };
}

describe('planted files in the log directory', () => {
  it('a FIFO under a rotated name: refused, no hang', () => {
    const dir = logDir();
    const fifo = path.join(dir, 'a.log.20261125T000000.000Z');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => readLogBytes(fifo), /not a regular file/);
    assert.throws(() => openLog(fifo), /not a regular file/);
    const { status, output } = verifyDir(dir);
    assert.equal(status, 2, output);
    assert.equal(output, `tmux-audit: ${fifo} is not a regular file: refused, not read\n`, 'one line, naming it once');
  });

  it('a symlink to /dev/zero under a rotated name: refused, not followed', () => {
    const dir = logDir();
    const link = path.join(dir, 'a.log.20261125T000000.000Z');
    fs.symlinkSync('/dev/zero', link);
    assert.throws(() => readLogBytes(link), /symbolic link/);
    const { status, output } = verifyDir(dir);
    assert.equal(status, 2, output);
    assert.equal(output, `tmux-audit: ${link} is a symbolic link: refused, not read\n`, 'one line, naming it once');
  });

  it('ls: each planted log (FIFO, directory, symlink) named on its own line, exit 2; the other logs listed all the same', () => {
    const dir = logDir();
    fs.writeFileSync(path.join(dir, 'a.log'), '2026-11-24T23:01:02.120+01:00 ann a:0.0 * start rec=AAAAAAAAAA by=ann pane=%0\n', { mode: 0o600 });
    execFileSync('mkfifo', [path.join(dir, 'fifo.log')]);
    fs.mkdirSync(path.join(dir, 'dir.log'));
    fs.symlinkSync(path.join(dir, 'a.log'), path.join(dir, 'link.log'));
    for (const json of [false, true]) {
      const run = spawnSync(process.execPath, [HELPER, 'ls', '--dir', dir, ...(json ? ['--json'] : [])], { encoding: 'utf8', timeout: 20_000, env: outsideTmux() });
      assert.equal(run.status, 2, run.stderr);
      assert.deepEqual(run.stderr.split('\n').filter(Boolean).sort(), [
        `tmux-audit: ${path.join(dir, 'dir.log')} is not a regular file: refused, not read`,
        `tmux-audit: ${path.join(dir, 'fifo.log')} is not a regular file: refused, not read`,
        `tmux-audit: ${path.join(dir, 'link.log')} is a symbolic link: refused, not read`,
      ]);
      if (json) assert.deepEqual((JSON.parse(run.stdout) as { session: string; recordings: number }[]).map(({ session, recordings }) => [session, recordings]), [['a', 1]]);
      else assert.match(run.stdout, /^SESSION .*\na +default +1 /);
    }
  });

  it('a gzip bomb whose trailer claims little: refused once past the claim, by every reader', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(16 << 20, 0x78));
    bomb.writeUInt32LE(1024, bomb.length - 4); // what a whole file says it gunzips to (RFC 1952 ISIZE)
    const said = /is not a whole gzip file \(it gunzips to more than the 1024 bytes its trailer says\): refused, not read/;
    assert.throws(() => gunzipCapped('a.log.1.gz', bomb), said);
    assert.equal(gunzipCapped('a.log.1.gz', zlib.gzipSync('a line\n')).toString(), 'a line\n');
    const dir = logDir();
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, bomb, { mode: 0o600 });
    assert.throws(() => openLog(file), said);
    assert.throws(() => readLogBytes(file), said);
    const { status, output } = verifyDir(dir);
    assert.equal(status, 2, output);
    assert.match(output, said);
    assert.equal(output.split(file).length, 2, 'named once');
  });

  it('a gzip bomb that says what it gunzips to, more than the cap: refused at the cap, gunzipped as a stream', () => {
    // One deflate block chain of zeros, repeated (each piece ends flushed, and refers to nothing before it): a 1 MiB file that gunzips to 1025 MiB.
    const piece = zlib.deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const pieces = (MAX_GUNZIPPED_BYTES >> 20) + 1;
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(((pieces << 20) >>> 0) % 2 ** 32, 4);
    const bomb = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), ...Array.from({ length: pieces }, () => piece), Buffer.from([3, 0]), trailer]);
    const dir = logDir();
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, bomb, { mode: 0o600 });
    assert.throws(() => openLog(file), new RegExp(`gunzips to more than ${MAX_GUNZIPPED_BYTES} bytes: refused, not read`));
  });

  it('a whole .gz larger than what is gunzipped in-process: read as a stream, whole', () => {
    const dir = logDir();
    const line = '2026-11-24T23:01:02.120+01:00 ann a:0.0 | a line of text\n';
    const text = Buffer.from(line.repeat(Math.ceil((80 << 20) / line.length)));
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, zlib.gzipSync(text, { level: 1 }), { mode: 0o600 });
    const fd = openLog(file)!;
    try {
      assert.equal(fs.fstatSync(fd).size, text.length);
      const head = Buffer.alloc(line.length);
      fs.readSync(fd, head, 0, head.length, null); // by its own offset: at the start
      assert.equal(head.toString(), line);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('a .gz that does not gunzip (cut short, damaged, not gzip): one line naming it, exit 2, from every reading command', () => {
    const whole = zlib.gzipSync('2026-11-24T23:01:02.120+01:00 ann a:0.0 * start rec=AAAAAAAAAA by=ann pane=%0\n'.repeat(50));
    const damaged = Buffer.from(whole);
    damaged[whole.length >> 1] ^= 0xff;
    for (const [what, bytes] of [['cut short', whole.subarray(0, whole.length - 12)], ['damaged', damaged], ['not gzip', Buffer.from('plain text\n')]] as const) {
      const dir = logDir();
      const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
      fs.writeFileSync(file, bytes, { mode: 0o600 });
      for (const command of [['ls'], ['grep', 'x'], ['show', 'AAAAAAAAAA'], ['tail', '--session', 'a'], ['export', 'AAAAAAAAAA', '--asciicast']]) {
        const run = spawnSync(process.execPath, [HELPER, ...command, '--dir', dir], { encoding: 'utf8', timeout: 20_000, env: outsideTmux() });
        assert.equal(run.status, 2, `${what}: ${command.join(' ')}: ${run.stderr}`);
        assert.equal(run.stderr, `tmux-audit: ${file} is not a whole gzip file (${/(?:unexpected end of file|incorrect \w+ check|invalid [\w ]+)/.exec(run.stderr)?.[0]}): refused, not read\n`, `${what}: ${command.join(' ')}`);
      }
    }
  });
});
