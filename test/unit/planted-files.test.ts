// Files planted in the log directory under a rotated log's name must not make
// verify or a reading command hang or run out of memory: a FIFO, a symlink to
// /dev/zero, a gzip bomb are refused (exit 2: unreadable), never read; a
// valid .gz is read whatever its trailer says.

import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, afterEach, describe, it, mock } from 'node:test';
import { openLog } from '../../src/read/chunks.ts';
import { IN_PROCESS_BYTES, MAX_GUNZIPPED_BYTES } from '../../src/read/gunzip.ts';
import { eachLineOfFile } from '../../src/commands/verify.ts';
import { outsideTmux } from '../support/cli.ts';
import { HELPER } from '../support/paths.ts';
import { waitFor } from '../support/util.ts';

const dirs: string[] = [];
afterEach(() => mock.restoreAll());

/** The output limit of every gunzip this process does in memory from now on: what it may hold (the bound the tests keep). */
function gunzipLimits(): number[] {
  const limits: number[] = [];
  const gunzipSync = zlib.gunzipSync;
  mock.method(zlib, 'gunzipSync', (buffer: zlib.InputType, options?: zlib.ZlibOptions) => {
    limits.push(options?.maxOutputLength ?? Infinity);
    return gunzipSync(buffer, options);
  });
  return limits;
}

/** A gzip file of `length` zeros (a whole number of MiB) whose trailer claims `claim`: zero pieces, each flushed and referring to nothing before it. */
function zerosBomb(length: number, claim: number): Buffer {
  const piece = zlib.deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(claim, 4);
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), ...Array.from({ length: length >> 20 }, () => piece), Buffer.from([3, 0]), trailer]);
}

/** All the text of a descriptor, from its start; closed. */
function textOf(fd: number): string {
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function logDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-planted-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'a.log'), '', { mode: 0o600 });
  return dir;
}

/** A file's text as verify reads it (in pieces, line by line). */
function verifyText(file: string): string {
  let text = '';
  eachLineOfFile(file, (line) => {
    text += line;
  });
  return text;
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
    assert.throws(() => verifyText(fifo), /not a regular file/);
    assert.throws(() => openLog(fifo), /not a regular file/);
    const { status, output } = verifyDir(dir);
    assert.equal(status, 2, output);
    assert.equal(output, `tmux-audit: ${fifo} is not a regular file: refused, not read\n`, 'one line, naming it once');
  });

  it('a symlink to /dev/zero under a rotated name: refused, not followed', () => {
    const dir = logDir();
    const link = path.join(dir, 'a.log.20261125T000000.000Z');
    fs.symlinkSync('/dev/zero', link);
    assert.throws(() => verifyText(link), /symbolic link/);
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

  it('a valid .gz of several members (the trailer says only the last one\'s length): read whole, by every reader', () => {
    const line = (n: number) => `2026-11-24T23:01:02.120+01:00 ann a:0.0 | line ${n}\n`;
    const first = Array.from({ length: 1000 }, (_, n) => line(n)).join('');
    const second = Array.from({ length: 10 }, (_, n) => line(1000 + n)).join('');
    const dir = logDir();
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, Buffer.concat([zlib.gzipSync(first), zlib.gzipSync(second)]), { mode: 0o600 });
    assert.equal(execFileSync('zcat', [file], { encoding: 'utf8' }), first + second, 'as zcat reads it');
    const limits = gunzipLimits();
    assert.equal(textOf(openLog(file)!), first + second);
    assert.equal(verifyText(file), first + second);
    assert.ok(limits.length > 0 && limits.every((limit) => limit <= IN_PROCESS_BYTES), `in-process gunzips bounded: ${limits.join(', ')}`);
    const run = spawnSync(process.execPath, [HELPER, 'grep', 'line \\d+$', '--dir', dir], { encoding: 'utf8', timeout: 20_000, env: outsideTmux() });
    assert.equal(run.stderr, '');
    assert.equal(run.stdout.split('\n').filter((printed) => / line \d+$/.test(printed)).length, 1010, 'as zcat: 1000 lines and 10');
    assert.equal(verifyDir(dir).output.includes('not a whole gzip file'), false);
  });

  it('a gzip bomb whose trailer claims little: gunzipped as a stream (never in memory past its claim), refused at the cap', () => {
    const file = path.join(logDir(), 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, zerosBomb(MAX_GUNZIPPED_BYTES + (1 << 20), 1024), { mode: 0o600 });
    const limits = gunzipLimits();
    assert.throws(() => openLog(file), new RegExp(`gunzips to more than ${MAX_GUNZIPPED_BYTES} bytes: refused, not read`));
    assert.deepEqual(limits, [1024], 'in this process only up to what it claims');
  });

  it('a whole .gz claiming more than what is gunzipped in-process: read as a stream, whole', () => {
    const dir = logDir();
    const line = '2026-11-24T23:01:02.120+01:00 ann a:0.0 | a line of text\n';
    const text = Buffer.from(line.repeat(Math.ceil((IN_PROCESS_BYTES + (16 << 20)) / line.length)));
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, zlib.gzipSync(text, { level: 1 }), { mode: 0o600 });
    const limits = gunzipLimits();
    const fd = openLog(file)!;
    try {
      assert.deepEqual(limits, [], 'not gunzipped in this process');
      assert.equal(fs.fstatSync(fd).size, text.length);
      const head = Buffer.alloc(line.length);
      fs.readSync(fd, head, 0, head.length, null); // by its own offset: at the start
      assert.equal(head.toString(), line);
    } finally {
      fs.closeSync(fd);
    }
  });

  it('Ctrl-C while a child gunzips: no plaintext left in the temporary directory', async () => {
    const dir = logDir();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-tmpdir-'));
    dirs.push(tmp);
    fs.writeFileSync(path.join(dir, 'a.log.20261125T000000.000Z.gz'), zerosBomb(MAX_GUNZIPPED_BYTES + (1 << 20), 1024), { mode: 0o600 });
    const reader = spawn(process.execPath, [HELPER, 'grep', 'x', '--dir', dir], { env: outsideTmux({ TMPDIR: tmp }), detached: true, stdio: 'ignore' });
    const exited = once(reader, 'exit');
    const pid = reader.pid!;
    // The child gunzipping: a process whose parent is the reader.
    await waitFor('the gunzipping child', () => fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim() !== '', 20_000);
    process.kill(-pid, 'SIGINT'); // as the terminal's Ctrl-C: the whole process group
    await exited;
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('a sparse .gz of gigabytes claiming nothing: one line naming it, exit 2 (not a crash, not its size in memory)', () => {
    // A review's case: a gzip header and then 3 GiB of holes (a few KB on disk), the trailer zeros: read whole in
    // process by its claim, the allocation threw RangeError (a stack trace) or took the file's size in memory.
    const dir = logDir();
    const file = path.join(dir, 'a.log.20261125T000000.000Z.gz');
    fs.writeFileSync(file, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), { mode: 0o600 });
    fs.truncateSync(file, 3 * 1024 ** 3);
    for (const command of [['ls'], ['grep', 'x']]) {
      const run = spawnSync(process.execPath, [HELPER, ...command, '--dir', dir], { encoding: 'utf8', timeout: 20_000, env: outsideTmux() });
      assert.equal(run.status, 2, `${command.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /^tmux-audit: \S+ is not a whole gzip file \([^)]*\): refused, not read\n$/, command.join(' '));
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
