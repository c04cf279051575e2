// The live log moved away while logging (issue 13 review of fixtrust8, finding 2): a moved file keeps a
// name, as a rotated one does, so only the rotated-files ledger tells them apart (moved-away.ts). A `mv`
// (or a second name, then `rm`) is a `lost` event saying `moved`; another writer's rotation, even caught
// between its rename and its ledger entry, never is. Real files; the race between rename and entry is
// played step by step with the rotation lock held here, and run for real by writers in processes of
// their own.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { after, describe, it, type TestContext } from 'node:test';
import { rotationLockPath } from '../../src/core/paths.ts';
import { rotatedFiles, rotatedName } from '../../src/core/rotate.ts';
import { ledgerEntry, noteRotated, rotatedLedgerPath, wasRotated } from '../../src/sinks/file/rotated-ledger.ts';
import { withRotationLock } from '../../src/sinks/file/rotation.ts';
import { LogFile, type LogFileOptions, type LostWhat } from '../../src/sinks/file/writer.ts';
import { makeTempDir, waitFor } from '../support/util.ts';
import { ageRotated } from '../support/rotated-age.ts';

const scratch: string[] = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = makeTempDir('tmux-audit-writer-moved');
  scratch.push(dir);
  return path.join(dir, 'logs', 'main.log');
}

const KEY = Buffer.from('the auditor keeps this elsewhere');

/** A writer whose `lost` events are lines (`lost <what>`), heard in `lost`. */
function writer(file: string, overrides: Partial<LogFileOptions> = {}): { log: LogFile; lost: LostWhat[] } {
  const lost: LostWhat[] = [];
  const log: LogFile = new LogFile(file, {
    maxBytes: 1024 ** 3,
    maxFiles: Number.POSITIVE_INFINITY,
    onError: (error) => assert.fail(`write error ${error.code ?? error.message}`),
    onRecover: () => {},
    onRotateError: (error) => assert.fail(`rotate error ${error.code ?? error.message}`),
    onLost: (what) => {
      lost.push(what);
      log.write(`lost ${what}\n`);
    },
    ...overrides,
  });
  return { log, lost };
}

/** Counts looks at the log's path until the test ends: the writer's look lstats it (src/sinks/file/writer.ts, prepare). */
function countLooks(t: TestContext, file: string): () => number {
  const lstat = t.mock.method(fs, 'lstatSync');
  return () => lstat.mock.calls.filter((call) => call.arguments[0] === file).length;
}

describe('the live log moved away while logging', () => {
  for (const keyed of [true, false]) {
    it(`mv to another directory${keyed ? ' (chain key)' : ''}: a lost event saying moved opens the new file; the moved one keeps what was written before`, async () => {
      const file = tempFile();
      const { log, lost } = writer(file, keyed ? { ledgerKey: KEY } : {});
      log.write('one\n');
      await log.flush();
      const elsewhere = path.join(path.dirname(path.dirname(file)), 'elsewhere.log');
      fs.renameSync(file, elsewhere);
      log.write('two\n');
      log.write('three\n');
      await log.close();
      assert.deepEqual(lost, ['moved']);
      assert.equal(fs.readFileSync(file, 'utf8'), 'lost moved\ntwo\nthree\n');
      // What went into it before the writer looked (a write right after another is not looked before) is written again after the event.
      assert.match(fs.readFileSync(elsewhere, 'utf8'), /^one\n/);
    });
  }

  /** Ways the live file leaves its path with the file itself kept: each a `lost` event saying moved, then what follows, in a new file. */
  const moves: [string, (file: string) => void][] = [
    ['a second name, then rm of the log: moved (the file lives on under the other name)', (file) => {
      fs.linkSync(file, path.join(path.dirname(file), 'kept'));
      fs.rmSync(file);
    }],
    ['mv to a rotated-looking name beside the log: moved, not taken for a rotation (the ledger does not name it)', (file) => {
      fs.renameSync(file, path.join(path.dirname(file), rotatedName('main.log', new Date(), new Set())));
    }],
    ['under a chain key, a planted untagged ledger entry for the live file, then mv: still moved', (file) => {
      // What the owner can write without the key: the identity alone (or any tag but the right one).
      const stat = fs.statSync(file);
      fs.writeFileSync(rotatedLedgerPath(file), `${ledgerEntry(file, stat)}\n${ledgerEntry(file, stat, Buffer.from('a guess'))}\n`, { mode: 0o600 });
      fs.renameSync(file, path.join(path.dirname(path.dirname(file)), 'gone.log'));
    }],
  ];
  for (const [name, move] of moves) {
    it(name, async () => {
      const file = tempFile();
      const { log, lost } = writer(file, { ledgerKey: KEY });
      log.write('one\n');
      await log.flush();
      move(file);
      log.write('two\n');
      await log.close();
      assert.deepEqual(lost, ['moved']);
      assert.equal(fs.readFileSync(file, 'utf8'), 'lost moved\ntwo\n');
    });
  }

  it('the log directory moved away: lost, saying directory', async () => {
    const file = tempFile();
    const { log, lost } = writer(file, { ledgerKey: KEY });
    log.write('one\n');
    await log.flush();
    fs.renameSync(path.dirname(file), `${path.dirname(file)}.old`);
    log.write('two\n');
    await log.close();
    assert.deepEqual(lost, ['directory']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'lost directory\ntwo\n');
  });
});

describe('another writer\'s rotation caught between its rename and its ledger entry', () => {
  /** Plays another writer's rotation up to its rename, holding the lock as rotation.ts does (our pid: alive, so not taken over). */
  function renameUnderLock(file: string): { rotated: string; stat: fs.Stats } {
    fs.writeFileSync(rotationLockPath(file), String(process.pid), { mode: 0o600, flag: 'wx' });
    const stat = fs.statSync(file);
    const rotated = path.join(path.dirname(file), rotatedName('main.log', new Date(), new Set(fs.readdirSync(path.dirname(file)))));
    fs.renameSync(file, rotated);
    return { rotated, stat };
  }

  for (const keyed of [true, false]) {
    it(`the writer waits for the lock (its lines queue), then finds the entry and goes on in the new file: no lost${keyed ? ' (chain key)' : ''}`, async (t) => {
      const file = tempFile();
      const key = keyed ? KEY : undefined;
      const { log, lost } = writer(file, key ? { ledgerKey: key } : {});
      const looks = countLooks(t, file);
      log.write('b 0\n');
      await log.flush();
      const { rotated, stat } = renameUnderLock(file);
      const before = looks();
      log.write('b 1\n');
      await waitFor('three looks at the file while the lock is held', () => looks() >= before + 3);
      assert.deepEqual(lost, [], 'no lost while the rotation is under way');
      // The rest of the rotation: its entry, the new live file (the rotator's reopen), the lock let go.
      noteRotated(file, stat, key);
      fs.writeFileSync(file, '', { mode: 0o600, flag: 'a' });
      fs.rmSync(rotationLockPath(file));
      // Resolves once a look found the file where the writer holds it: the new live file, after the entry.
      await log.flush();
      log.write('b 2\n');
      await log.close();
      assert.deepEqual(lost, []);
      // `b 1` waited for the look, or (a write right after another is not looked before) went into the renamed file: once either way.
      const live = fs.readFileSync(file, 'utf8');
      assert.equal(fs.readFileSync(rotated, 'utf8') + live, 'b 0\nb 1\nb 2\n');
      assert.match(live, /b 2\n$/);
    });
  }

  it('a file moved while another writer holds the lock, which it lets go with no entry for it: lost, saying moved', async (t) => {
    const file = tempFile();
    const { log, lost } = writer(file, { ledgerKey: KEY });
    const looks = countLooks(t, file);
    log.write('one\n');
    await log.flush();
    fs.writeFileSync(rotationLockPath(file), String(process.pid), { mode: 0o600, flag: 'wx' });
    fs.renameSync(file, path.join(path.dirname(path.dirname(file)), 'gone.log'));
    const before = looks();
    log.write('two\n');
    await waitFor('three looks at the file while the lock is held', () => looks() >= before + 3);
    assert.deepEqual(lost, [], 'it waits while the lock is held');
    fs.rmSync(rotationLockPath(file));
    await log.close();
    assert.deepEqual(lost, ['moved']);
    assert.equal(fs.readFileSync(file, 'utf8'), 'lost moved\ntwo\n');
  });
});

describe('writers rotating one file', () => {
  it('two writers in one process, keyed, pruning and compressing: no lost, every kept line once, each writer in order', async () => {
    const file = tempFile();
    const shared = { ledgerKey: KEY, maxBytes: 4096, maxFiles: 1000, compress: true };
    const a = writer(file, shared);
    const b = writer(file, shared);
    for (let i = 0; i < 5000; i++) {
      a.log.write(`a ${i}\n`);
      b.log.write(`b ${i}\n`);
      if (i % 100 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        ageRotated(file);
      }
    }
    await Promise.all([a.log.close(), b.log.close()]);
    assert.deepEqual([...a.lost, ...b.lost], []);
    const dir = path.dirname(file);
    await waitFor('compression to end', () => !fs.readdirSync(dir).some((name) => name.endsWith('.gz.tmp')));
    const names = rotatedFiles(fs.readdirSync(dir), 'main.log');
    assert.ok(names.filter((name) => name.endsWith('.gz')).length > 5, 'compressed files (their plain files gone: no name left)');
    const all = [...names, 'main.log'].flatMap((name) => {
      const bytes = fs.readFileSync(path.join(dir, name));
      return (name.endsWith('.gz') ? zlib.gunzipSync(bytes) : bytes).toString('utf8').split('\n').filter(Boolean);
    });
    for (const who of ['a', 'b']) {
      const mine = all.filter((line) => line.startsWith(`${who} `)).map((line) => Number(line.slice(2)));
      assert.deepEqual(mine, [...Array(5000).keys()], `${who}: each line once, in order`);
    }
  });

  it('four writers in processes of their own (a rename and its entry apart in time), keyed: none writes a lost event', { timeout: 120_000 }, async () => {
    const file = tempFile();
    const script = fileURLToPath(new URL('../support/writer-process.ts', import.meta.url));
    const who = ['a', 'b', 'c', 'd'];
    const count = 15_000;
    const exits = await Promise.all(
      who.map(
        (name) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', script, file, name, String(count), '4096', KEY.toString('hex')], { stdio: ['ignore', 'ignore', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (chunk) => (stderr += chunk));
            child.on('exit', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    const dir = path.dirname(file);
    const names = [...rotatedFiles(fs.readdirSync(dir), 'main.log'), 'main.log'];
    assert.ok(names.length > 50, `${names.length} files`);
    const all = names.flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean));
    assert.deepEqual(all.filter((line) => line.startsWith('LOST')), [], 'no lost event');
    assert.deepEqual(exits, who.map(() => ({ code: 0, stderr: '' })));
    for (const name of who) {
      const mine = all.filter((line) => line.startsWith(`${name} `)).map((line) => Number(line.slice(2)));
      assert.deepEqual(mine, [...Array(count).keys()], `${name}: each line once, in order`);
    }
  });
});

describe('the rotated-files ledger, read from its end first', () => {
  /** A ledger of `lines` (each ended), and a live file whose identity is `id`. */
  function ledgerWith(build: (id: string) => string[]): { file: string; stat: fs.Stats } {
    const file = tempFile();
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, 'x\n', { mode: 0o600 });
    const stat = fs.statSync(file);
    fs.writeFileSync(rotatedLedgerPath(file), build(ledgerEntry(file, stat)).map((line) => `${line}\n`).join(''), { mode: 0o600 });
    return { file, stat };
  }
  const others = (count: number): string[] => Array.from({ length: count }, (_, i) => `0:${i}:0`);

  it('an entry far from the end (an idle writer, many rotations ago) is found', () => {
    const { file, stat } = ledgerWith((id) => [id, ...others(5000)]);
    assert.ok(fs.statSync(rotatedLedgerPath(file)).size > 32 * 1024);
    assert.equal(wasRotated(file, stat), true);
  });

  it('a line cut where the end read starts is not read as another identity (without a key: no tag to tell)', () => {
    const { file, stat } = ledgerWith((id) => {
      // Another file's identity, `9<ours>`, placed so that the last 8 KiB begin right after its `9`.
      const after: string[] = [];
      let rest = 8 * 1024 - (id.length + 1);
      for (; rest > 80; rest -= 40) after.push(`0:${after.length}:`.padEnd(39, '0'));
      after.push(`0:${after.length}:`.padEnd(rest - 1, '0'));
      return [...others(100), `9${id}`, ...after];
    });
    const text = fs.readFileSync(rotatedLedgerPath(file), 'utf8');
    const id = ledgerEntry(file, stat);
    assert.equal(text.slice(text.length - 8 * 1024, text.length - 8 * 1024 + id.length), id, 'the end read starts with our identity, cut from the other');
    assert.equal(wasRotated(file, stat), false);
  });
});

/**
 * Until the test ends, `during` runs once inside the next rotation of `file`: at its directory listing, which
 * rotation.ts makes holding the lock, after it found the path naming its own file and before it renames it.
 */
function duringNextRotation(t: TestContext, file: string, during: () => void): void {
  const readdir = fs.readdirSync;
  let armed = true;
  t.mock.method(fs, 'readdirSync', (...args: Parameters<typeof fs.readdirSync>) => {
    if (armed && args[0] === path.dirname(file) && fs.existsSync(rotationLockPath(file))) {
      armed = false;
      during();
    }
    return readdir(...args);
  });
}

/** The lines of every file in the log's directory (rotated ones and the live one). */
function linesInDir(file: string): string[] {
  const dir = path.dirname(file);
  return [...rotatedFiles(fs.readdirSync(dir), 'main.log'), 'main.log'].flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean));
}

/** A keyed writer `a` of a new log, one line of 70 bytes written: its next such line rotates the file at `maxBytes` under 140. */
async function oneLineWritten(maxBytes: number): Promise<{ file: string; elsewhere: string; a: ReturnType<typeof writer> }> {
  const file = tempFile();
  const a = writer(file, { ledgerKey: KEY, maxBytes });
  a.log.write(`${'a'.repeat(69)}\n`);
  await a.log.flush();
  return { file, elsewhere: path.join(path.dirname(path.dirname(file)), 'moved.log'), a };
}

describe('the live file moved away between a rotating writer\'s look and its rename', () => {
  it('moved alone: the rotating writer says lost (moved), not a failed rotation', async (t) => {
    const { file, elsewhere, a } = await oneLineWritten(64);
    duringNextRotation(t, file, () => fs.renameSync(file, elsewhere));
    a.log.write(`${'c'.repeat(69)}\n`);
    await a.log.close();
    assert.deepEqual(a.lost, ['moved']);
    assert.equal(fs.readFileSync(elsewhere, 'utf8'), `${'a'.repeat(69)}\n`);
    assert.deepEqual(linesInDir(file), ['lost moved', 'c'.repeat(69)]);
  });

  it('moved as another writer follows an earlier rotation: the rotation renames no file of that writer, which says no lost and writes nothing twice', async (t) => {
    const file = tempFile();
    const elsewhere = path.join(path.dirname(path.dirname(file)), 'moved.log');
    // b never rotates (its limit is far): it only follows a's rotations.
    const a = writer(file, { ledgerKey: KEY, maxBytes: 64 });
    const b = writer(file, { ledgerKey: KEY });
    b.log.write('b 0\n');
    await b.log.flush();
    // a rotates the file b holds: b holds a rotated file now, which the ledger names.
    a.log.write(`${'a'.repeat(69)}\n`);
    await a.log.flush();
    duringNextRotation(t, file, () => {
      fs.renameSync(file, elsewhere);
      // b looks now (a look at once, as at its close) and finds its file rotated and the path empty, but a holds the
      // lock: it does not follow (no file made at the path), and flushSync writes b 1 into the file it holds, the rotated one.
      b.log.write('b 1\n');
      b.log.flushSync();
    });
    a.log.write(`${'c'.repeat(69)}\n`);
    await a.log.flush();
    b.log.write('b 2\n');
    await Promise.all([a.log.close(), b.log.close()]);
    assert.deepEqual(b.lost, [], 'nothing of b was moved away');
    assert.deepEqual(a.lost, ['moved'], 'the file a wrote into was moved away');
    const lines = linesInDir(file);
    for (const line of ['b 0', 'b 1', 'b 2', 'c'.repeat(69)]) assert.equal(lines.filter((l) => l === line).length, 1, `${line} once in the log's directory`);
    assert.equal(fs.readFileSync(elsewhere, 'utf8'), `${'a'.repeat(69)}\n`);
  });
});

describe('the live file moved away and a new one made at its path between a rotating writer\'s look and its rename', () => {
  // Who makes the new file: nothing of theirs takes the lock (a reader's LogFile opens the path at its start, toggle and
  // auto open it to check it can be written, and anyone may `touch` it).
  // A limit that the second line passes, and the lost event and that line do not: the file the writer goes on in stays live.
  it('by a reader starting: the rotation renames none of its file; the rotating writer says lost (moved), the moved file is not noted as rotated', async (t) => {
    const { file, elsewhere, a } = await oneLineWritten(100);
    let c: ReturnType<typeof writer> | undefined;
    duringNextRotation(t, file, () => {
      fs.renameSync(file, elsewhere);
      c = writer(file, { ledgerKey: KEY });
      c.log.write('c 0\n');
      c.log.flushSync();
    });
    a.log.write(`${'x'.repeat(69)}\n`);
    await a.log.flush();
    c!.log.write('c 1\n');
    await Promise.all([a.log.close(), c!.log.close()]);
    assert.deepEqual(c!.lost, [], 'nothing of c was moved');
    assert.deepEqual(a.lost, ['moved'], 'the file a wrote into was moved away');
    assert.equal(wasRotated(file, fs.statSync(elsewhere), KEY), false, 'the moved file is not noted as rotated (verify would take it for one)');
    assert.equal(fs.readFileSync(elsewhere, 'utf8'), `${'a'.repeat(69)}\n`);
    const lines = linesInDir(file);
    for (const line of ['c 0', 'c 1', 'lost moved', 'x'.repeat(69)]) assert.equal(lines.filter((l) => l === line).length, 1, `${line} once in the log's directory`);
    assert.match(fs.readFileSync(file, 'utf8'), /^c 0\n/, 'c\'s file is the live one still');
  });

  it('by a `touch`: the touched file stays at the path and holds the lost event; no empty rotated file', async (t) => {
    const { file, elsewhere, a } = await oneLineWritten(100);
    let touched: fs.Stats | undefined;
    duringNextRotation(t, file, () => {
      fs.renameSync(file, elsewhere);
      fs.closeSync(fs.openSync(file, 'a', 0o600));
      touched = fs.statSync(file);
    });
    a.log.write(`${'c'.repeat(69)}\n`);
    await a.log.close();
    assert.deepEqual(a.lost, ['moved']);
    assert.equal(wasRotated(file, fs.statSync(elsewhere), KEY), false, 'the moved file is not noted as rotated');
    assert.deepEqual(rotatedFiles(fs.readdirSync(path.dirname(file)), 'main.log'), [], 'no rotated file');
    assert.equal(fs.statSync(file).ino, touched!.ino, 'the touched file is the live one');
    assert.equal(fs.readFileSync(file, 'utf8'), `lost moved\n${'c'.repeat(69)}\n`);
  });
});

describe('the rotation lock taken over from a holder stopped past its age limit (SIGSTOP, a suspend)', () => {
  it('the stopped writer, going on, renames none of the new live file and leaves the lock of whoever holds it now; no lost, every line once', async (t) => {
    const file = tempFile();
    const lock = rotationLockPath(file);
    const a = writer(file, { ledgerKey: KEY, maxBytes: 100 });
    const b = writer(file, { ledgerKey: KEY, maxBytes: 100 });
    a.log.write(`${'a'.repeat(69)}\n`);
    await a.log.flush();
    let taken: fs.Stats | undefined;
    duringNextRotation(t, file, () => {
      // a stopped here, holding the lock, for 20 s: it looks left over.
      const old = (Date.now() - 20_000) / 1000;
      fs.utimesSync(lock, old, old);
      // b needs a rotation now: takes the lock over, rotates a's file and lets the lock go.
      b.log.write(`${'b'.repeat(69)}\n`);
      b.log.flushSync();
      // Another writer takes the lock, as acquire does, and holds it (pid 1: alive).
      fs.writeFileSync(lock, '1', { mode: 0o600, flag: 'wx' });
      taken = fs.statSync(lock);
    });
    a.log.write(`${'x'.repeat(69)}\n`);
    // Set inside a's rotation, which is over when the test runs again (a rotation runs through without a pause).
    await waitFor('a\'s rotation', () => taken);
    const now = fs.statSync(lock, { throwIfNoEntry: false });
    assert.ok(now && now.ino === taken!.ino, 'the other writer\'s lock is still there');
    fs.rmSync(lock);
    await Promise.all([a.log.close(), b.log.close()]);
    assert.deepEqual([...a.lost, ...b.lost], []);
    const lines = linesInDir(file);
    for (const line of ['a'.repeat(69), 'b'.repeat(69), 'x'.repeat(69)]) assert.equal(lines.filter((l) => l === line).length, 1, `${line.slice(0, 3)}… once in the log's directory`);
  });
});

describe('a planted rotation lock, its pid alive (1) and its time kept recent', () => {
  for (const kind of ['a rotation due', 'following a rotation'] as const) {
    it(`${kind}: once held past the age limit, said as a rotation error, and the lines written`, async (t) => {
      // The clock alone is played (the lock's age limit is 10 s: Date.now, which the lock's age is read by); timers
      // and the file system run as ever.
      let ahead = 0;
      const realNow = Date.now;
      t.mock.method(Date, 'now', () => realNow() + ahead);
      const file = tempFile();
      const lock = rotationLockPath(file);
      const errors: string[] = [];
      const a = writer(file, { maxBytes: kind === 'a rotation due' ? 64 : 1024 ** 3, onRotateError: (error) => errors.push(error.message) });
      a.log.write('first\n');
      await a.log.flush();
      if (kind === 'following a rotation') {
        const b = writer(file, { maxBytes: 10 });
        b.log.write(`${'b'.repeat(20)}\n`);
        await b.log.close();
      }
      fs.writeFileSync(lock, '1', { mode: 0o600 });
      const looks = countLooks(t, file);
      const lines = Array.from({ length: 10 }, (_, i) => `line ${i} ${'y'.repeat(60)}`);
      for (const line of lines) a.log.write(`${line}\n`);
      // Touched every half second; the writer looks between (it waits for the lock, looking every few ms).
      for (let step = 0; step < 30 && errors.length === 0; step++) {
        ahead += 500;
        const now = Date.now() / 1000;
        fs.utimesSync(lock, now, now);
        const before = looks();
        await waitFor('a look at the log', () => looks() > before);
      }
      assert.equal(errors.length, 1, 'said once');
      assert.match(errors[0]!, /main\.log\.lock has been held for 1\d s \(pid 1\)/);
      await a.log.flush();
      assert.ok(fs.existsSync(lock), 'left where it is');
      fs.rmSync(lock);
      await a.log.close();
      assert.deepEqual(a.lost, []);
      const written = linesInDir(file);
      for (const line of lines) assert.equal(written.filter((l) => l === line).length, 1, `${line.slice(0, 6)} once`);
    });
  }
});

describe('a stale rotation lock taken over by two waiters at once', () => {
  it('the one that comes second leaves the first one\'s fresh lock alone and does not go in', (t) => {
    const file = tempFile();
    const lock = rotationLockPath(file);
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    // Left by a writer killed long ago: past the age limit, and its pid is no process.
    fs.writeFileSync(lock, '2147483646', { mode: 0o600, flag: 'wx' });
    const old = (Date.now() - 20_000) / 1000;
    fs.utimesSync(lock, old, old);
    let fresh: fs.Stats | undefined;
    const realRm = fs.rmSync;
    const realLstat = fs.lstatSync;
    // Between this waiter's judging the lock stale and its removing it, another waiter takes it over (removes it and
    // makes its own, holding it: pid 1 is alive), as a waiter preempted in that moment finds it.
    let taking = false;
    const otherTakesOver = (where: unknown): void => {
      if (where !== lock || fresh || taking) return;
      taking = true; // fs.rmSync itself looks (lstat) at what it removes
      realRm(lock, { force: true });
      fs.writeFileSync(lock, '1', { mode: 0o600, flag: 'wx' });
      fresh = realLstat(lock);
    };
    t.mock.method(fs, 'lstatSync', ((where: fs.PathLike, options?: fs.StatSyncOptions) => {
      otherTakesOver(where);
      return realLstat(where, options as never);
    }) as typeof fs.lstatSync);
    t.mock.method(fs, 'rmSync', ((where: fs.PathLike, options?: fs.RmOptions) => {
      otherTakesOver(where);
      realRm(where, options);
    }) as typeof fs.rmSync);
    let inside = false;
    const result = withRotationLock(file, () => {
      inside = true;
      return true;
    });
    t.mock.restoreAll();
    assert.ok(fresh, 'the other waiter took the lock over');
    assert.equal(inside, false, 'not in while the other waiter holds the lock');
    assert.equal(result, undefined);
    const now = fs.lstatSync(lock, { throwIfNoEntry: false });
    assert.ok(now && now.ino === fresh.ino && fs.readFileSync(lock, 'utf8') === '1', 'the other waiter\'s lock is still there');
    fs.rmSync(lock);
  });
});
