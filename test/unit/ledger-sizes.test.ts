// What the rotated-files ledger says each rotated file held (`rotated <name> size=<bytes>`, sinks/file/ledger-names.ts),
// against what verify read of it (commands/verify-notes.ts, shrunkRotated). The oldest rotated file emptied with `: >`
// passed verify (issue 13, empty13): it has no head mark and no later mark names its digest, and its recordings then
// only looked started before it, as after pruning. A rotated file is only appended to, compressed whole or pruned, so
// one holding fewer bytes than its rotation noted was emptied or cut by hand. Real rotations (rotateUnderLock) on real
// files, and the ledger's lines as the pure reader takes them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { shrunkRotated } from '../../src/commands/verify-notes.ts';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { nameEntry, rotatedNotPruned, rotatedSizes } from '../../src/sinks/file/ledger-names.ts';
import { ledgerEntry, ledgerLines } from '../../src/sinks/file/rotated-ledger.ts';
import { compressRotated, rotateUnderLock } from '../../src/sinks/file/rotation.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from("the auditor's key");
const LOG = '/var/log/audit/main.log';

/** A live log rotated for real (nothing pruned), each file holding 20 lines when rotated. */
function rotatingLog(key?: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-ledger-sizes-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  let fd = fs.openSync(file, 'a', 0o600);
  let n = 0;
  return {
    file,
    rotate(): void {
      for (let i = 0; i < 20; i++) fs.writeSync(fd, `2026-11-25T12:00:00.000+00:00 ann main:0.0 | line ${n++}\n`);
      const done = rotateUnderLock(file, fd, Number.POSITIVE_INFINITY, () => {
        fs.closeSync(fd);
        fd = fs.openSync(file, 'a', 0o600);
      }, undefined, { maxAgeMs: Number.POSITIVE_INFINITY, compress: false, now: Date.now(), ledgerKey: key });
      assert.ok(done, 'rotated');
    },
    rotated: (): string[] => rotatedFiles(fs.readdirSync(dir), 'main.log').map((name) => path.join(dir, name)),
  };
}

/** The log's files as verify reads them, each with what it holds (a `.gz` gunzipped), and the breaks shrunkRotated gives. */
function check(log: ReturnType<typeof rotatingLog>, key?: Buffer): string[] {
  const files = [...log.rotated(), log.file];
  const held = new Map(files.map((file) => [file, file.endsWith('.gz') ? gunzipSync(fs.readFileSync(file)).length : fs.statSync(file).size]));
  return shrunkRotated(files, held, key).map((found) => `${found.kind} ${path.basename(found.file)}:${found.line} ${/: (emptied|cut) by hand/.exec(found.detail)?.[1]}`);
}

describe('the ledger notes what each rotated file held; verify names one holding less', () => {
  for (const key of [undefined, KEY]) {
    const how = key ? 'keyed' : 'plain';
    it(`${how}: honest, nothing; the oldest emptied (: >), truncated naming it; cut by a byte at a line's end, truncated (cut); put back, nothing`, () => {
      const log = rotatingLog(key);
      for (let i = 0; i < 3; i++) log.rotate();
      assert.match(ledgerLines(log.file).find((line) => line.startsWith('rotated '))!, key ? /^rotated \S+ size=\d+ [A-Za-z0-9_-]{43}$/ : /^rotated \S+ size=\d+$/);
      assert.deepEqual(check(log, key), []);
      const [oldest, second] = log.rotated();
      const kept = fs.readFileSync(oldest!);
      fs.truncateSync(oldest!, 0);
      assert.deepEqual(check(log, key), [`truncated ${path.basename(oldest!)}:1 emptied`]);
      // Its last line gone whole: what a `head -n` leaves.
      const text = fs.readFileSync(second!, 'utf8');
      fs.writeFileSync(second!, text.slice(0, text.lastIndexOf('\n', text.length - 2) + 1));
      assert.deepEqual(check(log, key), [`truncated ${path.basename(oldest!)}:1 emptied`, `truncated ${path.basename(second!)}:1 cut`]);
      fs.writeFileSync(oldest!, kept);
      fs.writeFileSync(second!, text);
      assert.deepEqual(check(log, key), []);
      // Without the key a keyed ledger's lines are taken as written; a wrong key makes no claim (its tags do not hold).
      if (key) {
        fs.truncateSync(oldest!, 0);
        assert.equal(check(log).length, 1);
        assert.deepEqual(check(log, Buffer.from('another key')), []);
      }
    });
  }

  it('lines another writer appends to the renamed file before the note are not counted: the size is taken before the rename (verify may hold the file then)', (t) => {
    const log = rotatingLog(KEY);
    const late = '2026-11-25T12:00:00.000+00:00 bob main:1.0 | late\n';
    const rename = fs.renameSync;
    t.mock.method(fs, 'renameSync', (from: fs.PathLike, to: fs.PathLike) => {
      rename(from, to);
      fs.appendFileSync(to, late);
    });
    log.rotate();
    t.mock.restoreAll();
    log.rotate();
    const [first] = log.rotated();
    const name = path.basename(first!).slice('main.log.'.length);
    const noted = rotatedSizes(ledgerLines(log.file), log.file, new Set([name]), KEY).get(name)!;
    assert.equal(noted, fs.statSync(first!).size - Buffer.byteLength(late));
    assert.deepEqual(check(log, KEY), []);
  });

  it('a compressed file is read gunzipped: honest, nothing; the .gz of the oldest replaced by one of nothing, truncated', async () => {
    const log = rotatingLog();
    for (let i = 0; i < 3; i++) log.rotate();
    const [oldest] = log.rotated();
    await new Promise<void>((resolve, reject) => compressRotated(log.file, oldest!, (error) => (error ? reject(error) : resolve())));
    assert.ok(fs.existsSync(`${oldest}.gz`));
    assert.deepEqual(check(log), []);
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(`${oldest}.gz`, gzipSync(Buffer.alloc(0)));
    assert.deepEqual(check(log), [`truncated ${path.basename(oldest!)}.gz:1 emptied`]);
  });
});

describe('the size on a rotated line (rotatedSizes)', () => {
  const A = '20261124T230101.000Z';
  const B = '20261124T230102.000Z';
  const AB = new Set([A, B]);

  it('as written: after the name, and bound by the tag under the key (a size edited is no claim there; without the key, taken as written)', () => {
    assert.equal(nameEntry(LOG, 'rotated', A, undefined, 120), `rotated ${A} size=120`);
    const keyed = nameEntry(LOG, 'rotated', A, KEY, 120);
    assert.deepEqual([...rotatedSizes([keyed], LOG, AB, KEY)], [[A, 120]]);
    const edited = keyed.replace('size=120', 'size=12');
    assert.deepEqual([...rotatedSizes([edited], LOG, AB, KEY)], []);
    assert.deepEqual([...rotatedSizes([edited], LOG, AB)], [[A, 12]]);
    // A size added to a line tagged without one does not hold either: the tags differ.
    assert.deepEqual([...rotatedSizes([nameEntry(LOG, 'rotated', A, KEY).replace(A, `${A} size=120`)], LOG, AB, KEY)], []);
  });

  it('no claim from lines without a size (an older writer), untagged under the key, nor when the name was rotated again without one', () => {
    assert.deepEqual([...rotatedSizes([nameEntry(LOG, 'rotated', A)], LOG, AB)], []);
    assert.deepEqual([...rotatedSizes([nameEntry(LOG, 'rotated', A, undefined, 120)], LOG, AB, KEY)], []);
    assert.deepEqual([...rotatedSizes([nameEntry(LOG, 'rotated', A, undefined, 120), nameEntry(LOG, 'rotated', A)], LOG, AB)], []);
    const both = [nameEntry(LOG, 'rotated', A, undefined, 120), nameEntry(LOG, 'rotated', B, undefined, 7), nameEntry(LOG, 'pruned', B)];
    assert.deepEqual([...rotatedSizes(both, LOG, AB)], [[A, 120], [B, 7]]);
    assert.deepEqual([...rotatedSizes(both, LOG, new Set([B]))], [[B, 7]], 'only the names asked about');
  });

  it('sized lines are name lines to the removal check as before: a keyed claim answered only by a keyed pruned line', () => {
    const id = (ino: number) => ledgerEntry(LOG, { dev: 1, ino, birthtimeMs: ino } as fs.Stats, KEY);
    const lines = [id(1), nameEntry(LOG, 'rotated', A, KEY, 120), id(2), nameEntry(LOG, 'rotated', B, KEY, 90)];
    assert.deepEqual(rotatedNotPruned(lines, LOG, new Set([B]), KEY), [A]);
    assert.deepEqual(rotatedNotPruned([...lines, nameEntry(LOG, 'pruned', A)], LOG, new Set([B]), KEY), [A]);
    assert.deepEqual(rotatedNotPruned([...lines, nameEntry(LOG, 'pruned', A, KEY)], LOG, new Set([B]), KEY), []);
  });
});
