// verify reads a log's files as one state of a directory its writers go on changing (read/held-files.ts): a live file
// rotated after the listing is seen whatever verify's clock says, a `.gz` is gunzipped only while it is read (one
// text in the temporary directory at a time), and a live file's last line is read on no further than MAX_LINE.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, afterEach, describe, it, mock } from 'node:test';
import { MAX_LINE } from '../../src/read/chunks.ts';
import { AuditError } from '../../src/core/errors.ts';
import { lineEnd, readLog, takeListing, textsByName, type HeldLog } from '../../src/read/held-files.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => mock.restoreAll());

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-held-'));
  dirs.push(dir);
  return dir;
}

const names = (dir: string): string[] => fs.readdirSync(dir);

/** A rotated file's name of `a.log`, the `n`th second of a day. */
const rotatedName = (n: number): string => `a.log.20261126T${String(Math.floor(n / 3600)).padStart(2, '0')}${String(Math.floor(n / 60) % 60).padStart(2, '0')}${String(n % 60).padStart(2, '0')}.000Z`;

/** Each file's text as the held log gives it. */
function texts(log: HeldLog): string[] {
  return log.files.map((file) => {
    const { fd, to, release } = log.text(file);
    try {
      const size = to ?? fs.fstatSync(fd).size;
      const bytes = Buffer.alloc(size);
      fs.readSync(fd, bytes, 0, size, 0);
      return bytes.toString();
    } finally {
      release();
    }
  });
}

describe('a log read as one state of its directory', () => {
  it("a live file rotated after the listing is read with the file rotated out of its name, whatever verify's clock says", () => {
    for (const ahead of [0, 2000, -2000]) {
      mock.method(Date, 'now', () => performance.timeOrigin + performance.now() + ahead);
      const dir = scratch();
      fs.writeFileSync(path.join(dir, rotatedName(1)), 'one\n');
      fs.writeFileSync(path.join(dir, 'a.log'), 'two\n');
      const listing = takeListing(dir, names);
      // Rotated as the writer does: the live file renamed, a new one begun.
      fs.renameSync(path.join(dir, 'a.log'), path.join(dir, rotatedName(2)));
      fs.writeFileSync(path.join(dir, 'a.log'), 'three\n');
      assert.deepEqual(readLog(dir, 'a.log', listing, names, texts), ['one\n', 'two\n', 'three\n'], `clock ${ahead} ms ahead`);
      mock.restoreAll();
    }
  });

  it('a listing taken while the live file was away (between the rename and the new file) is not taken as the log', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, rotatedName(1)), 'one\n');
    const listing = takeListing(dir, names);
    fs.writeFileSync(path.join(dir, 'a.log'), 'two\n');
    fs.renameSync(path.join(dir, 'a.log'), path.join(dir, rotatedName(2)));
    fs.writeFileSync(path.join(dir, 'a.log'), 'three\n');
    assert.deepEqual(readLog(dir, 'a.log', listing, names, texts), ['one\n', 'two\n', 'three\n']);
  });

  it('a log of many `.gz` files: one gunzipped text at a time in the temporary directory', () => {
    const dir = scratch();
    const count = 40;
    for (let n = 0; n < count; n++) fs.writeFileSync(path.join(dir, `${rotatedName(n)}.gz`), zlib.gzipSync(`line ${n}\n`));
    fs.writeFileSync(path.join(dir, 'a.log'), 'live\n');
    /** The gunzipped texts this process has open (unlinked temporary files, gunzip.ts). */
    const gunzippedOpen = (): number =>
      fs.readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`).includes('tmux-audit-gz-');
        } catch {
          return false;
        }
      }).length;
    let most = 0;
    const read = readLog(dir, 'a.log', takeListing(dir, names), names, (log) =>
      log.files.map((file) => {
        const { fd, release } = log.text(file);
        most = Math.max(most, gunzippedOpen());
        try {
          return fs.readFileSync(fd, 'utf8');
        } finally {
          release();
        }
      }),
    );
    assert.deepEqual(read, [...Array.from({ length: count }, (_, n) => `line ${n}\n`), 'live\n']);
    assert.equal(most, 1);
  });
  it('a log of more files than are held: one of those known by identity compressed while read, the log is taken again', () => {
    const dir = scratch();
    const count = 300;
    for (let n = 0; n < count; n++) fs.writeFileSync(path.join(dir, rotatedName(n)), `line ${n}\n`);
    fs.writeFileSync(path.join(dir, 'a.log'), 'live\n');
    let tries = 0;
    const read = readLog(dir, 'a.log', takeListing(dir, names), names, (log) => {
      tries++;
      return log.files.map((file, n) => {
        if (tries === 1 && n === 1) {
          // The oldest files are not held (the newest are): compressed as @audit-compress does, under verify.
          const second = path.join(dir, rotatedName(1));
          fs.writeFileSync(`${second}.gz`, zlib.gzipSync(fs.readFileSync(second)));
          fs.rmSync(second);
        }
        const { fd, release } = log.text(file);
        try {
          return fs.readFileSync(fd, 'utf8');
        } finally {
          release();
        }
      });
    });
    assert.equal(tries, 2);
    assert.deepEqual(read, [...Array.from({ length: count }, (_, n) => `line ${n}\n`), 'live\n']);
  });
});

describe('lineEnd: where a live file held mid-line is read to', () => {
  it('no further than MAX_LINE past the size it was held at, when its last line has no end', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'a line\nno end yet');
    const held = fs.statSync(file).size;
    // Written on without a `\n`, far past MAX_LINE (sparse: zeros).
    fs.truncateSync(file, held + 2 * MAX_LINE);
    const fd = fs.openSync(file, 'r');
    try {
      assert.equal(lineEnd(fd, held), held + MAX_LINE);
      fs.appendFileSync(file, '\n');
      assert.equal(lineEnd(fd, 7), 7, 'at a line end');
    } finally {
      fs.closeSync(fd);
    }
  });
});

describe('files named on the command line', () => {
  it('read again after their name was given to another file (a live file rotated): refused, exit 2; grown: read to where they were first', () => {
    const dir = scratch();
    const file = path.join(dir, 'a.log');
    fs.writeFileSync(file, 'one\n');
    const textOf = textsByName();
    const first = textOf(file);
    first.release();
    fs.appendFileSync(file, 'two\n');
    const again = textOf(file);
    again.release();
    assert.equal(again.to, 4);
    fs.renameSync(file, path.join(dir, rotatedName(1)));
    fs.writeFileSync(file, 'three\n');
    assert.throws(() => textOf(file), (error) => error instanceof AuditError && error.exitCode === 2 && /replaced/.test(error.message));
  });
});

describe('a `.gz` gunzipped for verify leaves nothing behind (read/gunzip.ts)', () => {
  /** Runs `body` with the temporary directory (os.tmpdir) a fresh one of its own, which it returns the names in. */
  function inOwnTemp(body: (temp: string) => void): string[] {
    const temp = scratch();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      body(temp);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    return fs.readdirSync(temp);
  }
  const openFds = (): number => fs.readdirSync('/proc/self/fd').length;

  it('read whole: its text is in no file of the temporary directory while read, and no directory is left after', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, `${rotatedName(1)}.gz`), zlib.gzipSync('line 1\n'));
    fs.writeFileSync(path.join(dir, 'a.log'), 'live\n');
    const fds = openFds();
    let whileRead: string[] = [];
    const left = inOwnTemp((temp) => {
      const read = readLog(dir, 'a.log', takeListing(dir, names), names, (log) => {
        const text = texts(log);
        whileRead = fs.readdirSync(temp);
        return text;
      });
      assert.deepEqual(read, ['line 1\n', 'live\n']);
    });
    assert.deepEqual(whileRead, [], 'unlinked before it is written: nothing to find by name while it is read');
    assert.deepEqual(left, []);
    assert.equal(openFds(), fds, 'every descriptor closed');
  });

  for (const [what, bytes] of [
    ['cut short', zlib.gzipSync('line 1\n'.repeat(1000)).subarray(0, 40)],
    ['not gzip at all', Buffer.from('a planted file with a rotated name\n')],
  ] as const) {
    it(`a read that fails (${what}): refused with exit 2, and neither the temporary directory nor a descriptor is left`, () => {
      const dir = scratch();
      fs.writeFileSync(path.join(dir, `${rotatedName(1)}.gz`), bytes);
      fs.writeFileSync(path.join(dir, 'a.log'), 'live\n');
      const fds = openFds();
      const left = inOwnTemp(() => {
        assert.throws(
          () => readLog(dir, 'a.log', takeListing(dir, names), names, (log) => texts(log)),
          (error) => error instanceof AuditError && error.exitCode === 2 && /is not a whole gzip file/.test(error.message),
        );
      });
      assert.deepEqual(left, []);
      assert.equal(openFds(), fds, 'every descriptor closed');
    });
  }
});
