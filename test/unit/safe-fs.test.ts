// The file checks that keep another local user out of the log: real
// directories and files, and a real second Unix user (created for the test)
// owning the foreign ones. Needs root, as CI runs.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { appendLines, ensureDir, ensurePrivateDir, openAppend, readPrivateFile, userName, writePrivateFile } from '../../src/sinks/file/safe-fs.ts';
import { createUser } from '../support/users.ts';
import { makeTempDir } from '../support/util.ts';

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = makeTempDir('tmux-audit-safe-fs');
  scratch.push(dir);
  return dir;
}

const user = createUser();
const me = `${userName(process.geteuid!())} (uid ${process.geteuid!()})`;
const them = `${user.name} (uid ${user.uid})`;

function modeOf(file: string): number {
  return fs.lstatSync(file).mode & 0o7777;
}

/** Runs `body` with the process umask set to `mask`. */
function withUmask<T>(mask: number, body: () => T): T {
  const before = process.umask(mask);
  try {
    return body();
  } finally {
    process.umask(before);
  }
}

describe('directories', () => {
  it('every level it creates is 0700, whatever the umask', () => {
    const base = tempDir();
    const dir = path.join(base, 'a', 'b', 'c');
    withUmask(0o000, () => ensurePrivateDir(dir));
    for (const level of ['a', 'a/b', 'a/b/c']) assert.equal(modeOf(path.join(base, level)), 0o700, level);
  });

  it("someone else's directory is refused, naming path, owner and mode, and left as it is", () => {
    const dir = path.join(tempDir(), 'theirs');
    fs.mkdirSync(dir, { mode: 0o755 });
    fs.chownSync(dir, user.uid, user.gid);
    assert.throws(
      () => ensurePrivateDir(dir),
      (error: Error) => error.name === 'AuditError' && error.message.startsWith(`${dir} is owned by ${them}, mode 0755, not by ${me}: refused`),
    );
    assert.throws(() => openAppend(path.join(dir, 'main.log')), /is owned by/);
    assert.equal(modeOf(dir), 0o755, 'not chmod-ed');
    assert.equal(fs.statSync(dir).uid, user.uid);
    assert.deepEqual(fs.readdirSync(dir), [], 'nothing created in it');
  });

  it('a directory of ours that others or its group can write is refused and left as it is', () => {
    for (const [mode, who] of [
      [0o777, 'its group and others'],
      [0o1777, 'its group and others'],
      [0o770, 'its group'],
      [0o703, 'others'],
    ] as const) {
      const dir = path.join(tempDir(), 'open');
      fs.mkdirSync(dir);
      fs.chmodSync(dir, mode);
      assert.throws(() => ensurePrivateDir(dir), new RegExp(`^AuditError: ${dir} is writable by ${who} \\(owned by `));
      assert.equal(modeOf(dir), mode);
    }
  });

  it('a directory of ours whose parent someone else owns, or anyone can write without the sticky bit, is refused', () => {
    const top = tempDir();
    const theirs = path.join(top, 'theirs');
    fs.mkdirSync(path.join(theirs, 'audit'), { recursive: true, mode: 0o700 });
    fs.chownSync(theirs, 12345, 12345); // the owner could swap `audit` for a directory of their own
    assert.throws(() => ensurePrivateDir(path.join(theirs, 'audit')), new RegExp(`${theirs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, above .* is owned by (uid )?12345`));
    const open = path.join(top, 'open');
    fs.mkdirSync(path.join(open, 'audit'), { recursive: true, mode: 0o700 });
    fs.chmodSync(open, 0o777);
    assert.throws(() => ensurePrivateDir(path.join(open, 'audit')), /writable by others without the sticky bit/);
    fs.chmodSync(open, 0o1777); // /tmp-like: others cannot rename what is ours
    assert.doesNotThrow(() => ensurePrivateDir(path.join(open, 'audit')));
  });

  it('an existing private directory of ours is used as it is (0750 stays 0750)', () => {
    const dir = path.join(tempDir(), 'ours');
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o750);
    ensurePrivateDir(dir);
    assert.equal(modeOf(dir), 0o750);
  });

  it('as-is (pipe --file): /tmp-like 1777 and setgid 2775 directories keep their modes; only new levels are 0700', () => {
    for (const mode of [0o1777, 0o2775]) {
      const dir = path.join(tempDir(), 'shared');
      fs.mkdirSync(dir);
      fs.chmodSync(dir, mode);
      withUmask(0o000, () => ensureDir(path.join(dir, 'new', 'sub'), 'as-is'));
      fs.closeSync(openAppend(path.join(dir, 'x.log'), 'as-is'));
      assert.equal(modeOf(dir), mode);
      assert.equal(modeOf(path.join(dir, 'new')), 0o700);
      assert.equal(modeOf(path.join(dir, 'new', 'sub')), 0o700);
      assert.equal(modeOf(path.join(dir, 'x.log')), 0o600);
    }
  });
});

describe('log files (appends)', () => {
  it('a file someone else owns is refused and not written, whatever its mode', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    fs.writeFileSync(file, 'theirs\n', { mode: 0o600 });
    fs.chownSync(file, user.uid, user.gid);
    assert.throws(
      () => appendLines(file, 'secret\n'),
      (error: Error) => error.name === 'AuditError' && error.message.startsWith(`${file} is owned by ${them}, mode 0600, not by ${me}: refused`),
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'theirs\n');
  });

  it('a second name (hard link), a group-writable file, a symlink: refused, not written', () => {
    const dir = tempDir();
    const elsewhere = path.join(dir, 'elsewhere');
    fs.writeFileSync(elsewhere, 'x\n', { mode: 0o600 });
    const linked = path.join(dir, 'linked.log');
    fs.linkSync(elsewhere, linked);
    assert.throws(() => appendLines(linked, 'secret\n'), new RegExp(`^AuditError: ${linked} has 2 names \\(hard links\\): refused`));
    const writable = path.join(dir, 'writable.log');
    fs.writeFileSync(writable, 'x\n');
    fs.chmodSync(writable, 0o620);
    assert.throws(() => appendLines(writable, 'secret\n'), new RegExp(`^AuditError: ${writable} is writable by its group`));
    const symlink = path.join(dir, 'symlink.log');
    fs.symlinkSync(elsewhere, symlink);
    assert.throws(() => appendLines(symlink, 'secret\n'), { code: 'ELOOP' });
    assert.equal(fs.readFileSync(elsewhere, 'utf8'), 'x\n');
    assert.equal(fs.readFileSync(writable, 'utf8'), 'x\n');
  });

  it('a FIFO at the path: refused at once, with or without a reader on it, and nothing written into it', () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'main.log');
    execFileSync('mkfifo', [fifo]);
    assert.throws(() => appendLines(fifo, 'secret\n'), new RegExp(`^AuditError: ${fifo} is a FIFO: refused`));
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      assert.throws(() => appendLines(fifo, 'secret\n'), new RegExp(`^AuditError: ${fifo} is a FIFO: refused`));
      // With no writer left, a read returns what was written, else 0 (end of file).
      assert.equal(fs.readSync(reader, Buffer.alloc(16)), 0, 'nothing in the FIFO');
    } finally {
      fs.closeSync(reader);
    }
  });

  it('our own file is appended to; a new one is 0600 whatever the umask', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    withUmask(0o000, () => appendLines(file, 'one\n'));
    appendLines(file, 'two\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'one\ntwo\n');
    assert.equal(modeOf(file), 0o600);
  });
});

describe('private files (run, pid and stop files)', () => {
  it('written 0600 whatever the umask, read back', () => {
    const file = path.join(tempDir(), '.run', 'x.json');
    withUmask(0o000, () => writePrivateFile(file, 'text\n'));
    assert.equal(modeOf(file), 0o600);
    assert.equal(modeOf(path.dirname(file)), 0o700);
    assert.equal(readPrivateFile(file), 'text\n');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['x.json'], 'no temporary file left');
  });

  it('a symlink planted at the name is replaced, not written through', () => {
    const dir = tempDir();
    const target = path.join(dir, 'target');
    fs.writeFileSync(target, 'untouched');
    const file = path.join(dir, '.run', 'x.json');
    fs.mkdirSync(path.dirname(file), { mode: 0o700 });
    fs.symlinkSync(target, file);
    writePrivateFile(file, 'text\n');
    assert.equal(fs.readFileSync(target, 'utf8'), 'untouched');
    assert.ok(fs.lstatSync(file).isFile());
  });

  it('read only if ours, 0600 and with one name: otherwise refused, naming the file', () => {
    const dir = path.join(tempDir(), '.run');
    const good = path.join(dir, 'good.json');
    writePrivateFile(good, 'text\n');
    const readable = path.join(dir, 'readable.json');
    writePrivateFile(readable, 'text\n');
    fs.chmodSync(readable, 0o640);
    assert.throws(() => readPrivateFile(readable), new RegExp(`^AuditError: ${readable} has mode 0640, not 0600: refused`));
    const foreign = path.join(dir, 'foreign.json');
    writePrivateFile(foreign, 'text\n');
    fs.chownSync(foreign, user.uid, user.gid);
    assert.throws(() => readPrivateFile(foreign), new RegExp(`^AuditError: ${foreign} is owned by ${user.name}`));
    const linked = path.join(dir, 'linked.json');
    fs.linkSync(good, linked);
    assert.throws(() => readPrivateFile(linked), /has 2 names/);
    const symlink = path.join(dir, 'symlink.json');
    fs.symlinkSync(good, symlink);
    assert.throws(() => readPrivateFile(symlink), { code: 'ELOOP' });
  });
});
