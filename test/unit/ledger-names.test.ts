// The rotated-files ledger's name lines (sinks/file/ledger-names.ts): each rotation names the file it made and those
// retention deletes, so verify names a rotated file gone without having been pruned `missing file`, also once it is
// older than every file left (issue 13, prune13: before, that gap read as the log's pruned start, OK). Real
// rotations (rotateUnderLock) on real files, and the ledger's lines as the pure check reads them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { removedRotated } from '../../src/commands/verify-notes.ts';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { nameEntry, rotatedNotPruned, rotatedPart } from '../../src/sinks/file/ledger-names.ts';
import { LEDGER_BYTES, ledgerEntry, ledgerLines, noteRotated, rotatedLedgerPath, trimmed } from '../../src/sinks/file/rotated-ledger.ts';
import { compressRotated, type Retention, rotateUnderLock } from '../../src/sinks/file/rotation.ts';
import { scratchLogs, waitFor } from '../support/util.ts';


const KEY = Buffer.from("the auditor's key");
const LOG = '/var/log/audit/main.log';

const tempLog = scratchLogs('ledger-names');

/** A live log rotated for real by `rotate()`, keeping `maxFiles` rotated files. */
function rotatingLog(maxFiles: number, retention?: Omit<Retention, 'now' | 'compress'>) {
  const file = tempLog();
  let fd = fs.openSync(file, 'a', 0o600);
  let n = 0;
  return {
    file,
    rotate(): void {
      fs.writeSync(fd, `line ${n++}\n`);
      const options = retention && { ...retention, compress: false, now: Date.now() };
      const done = rotateUnderLock(file, fd, maxFiles, () => {
        fs.closeSync(fd);
        fd = fs.openSync(file, 'a', 0o600);
      }, undefined, options);
      assert.ok(done, 'rotated');
    },
    rotated: (): string[] => rotatedFiles(fs.readdirSync(path.dirname(file)), path.basename(file)).map((name) => path.join(path.dirname(file), name)),
  };
}

const named = (breaks: { kind: string; file: string }[]): string[] => breaks.map((found) => `${found.kind} ${path.basename(found.file)}`);

describe('ledger name lines: written by real rotations, read by verify', () => {
  for (const key of [undefined, KEY]) {
    const how = key ? 'keyed' : 'plain';
    it(`${how}: an honest log pruned by @audit-max-files names nothing; a middle file removed is named once its older neighbours are pruned, and stays named`, () => {
      const log = rotatingLog(3, key && { maxAgeMs: Number.POSITIVE_INFINITY, ledgerKey: key });
      for (let i = 0; i < 8; i++) log.rotate();
      assert.equal(log.rotated().length, 3);
      assert.deepEqual(removedRotated([log.file], key), []);
      const [, middle] = log.rotated();
      fs.rmSync(middle!);
      assert.deepEqual(named(removedRotated([log.file], key)), [`missing file ${path.basename(middle!)}`]);
      for (let i = 0; i < 5; i++) log.rotate();
      assert.ok(log.rotated().every((file) => file > middle!), 'every file older than it pruned');
      assert.deepEqual(named(removedRotated([log.file], key)), [`missing file ${path.basename(middle!)}`]);
      // Under the key the tags hold: the same verdict with it; a wrong key changes nothing either.
      if (key) assert.deepEqual(named(removedRotated([log.file], Buffer.from('another key'))), [`missing file ${path.basename(middle!)}`]);
    });
  }

  it('a compressed file is the same file (its .gz); the .gz removed is named', async () => {
    const log = rotatingLog(4);
    for (let i = 0; i < 4; i++) log.rotate();
    const [, middle] = log.rotated();
    await new Promise<void>((resolve, reject) => compressRotated(log.file, middle!, (error) => (error ? reject(error) : resolve())));
    assert.ok(fs.existsSync(`${middle}.gz`) && !fs.existsSync(middle!));
    assert.deepEqual(removedRotated([log.file]), []);
    fs.rmSync(`${middle}.gz`);
    for (let i = 0; i < 4; i++) log.rotate();
    assert.deepEqual(named(removedRotated([log.file])), [`missing file ${path.basename(middle!)}`]);
  });

  it('@audit-max-files all: nothing pruned, a removed file named', () => {
    const log = rotatingLog(Number.POSITIVE_INFINITY);
    for (let i = 0; i < 5; i++) log.rotate();
    assert.deepEqual(removedRotated([log.file]), []);
    const [first] = log.rotated();
    fs.rmSync(first!);
    assert.deepEqual(named(removedRotated([log.file])), [`missing file ${path.basename(first!)}`]);
  });

  for (const key of [undefined, KEY]) {
    it(`@audit-max-age (${key ? 'keyed' : 'plain'}): files pruned by age name nothing; one removed before its time is named`, async () => {
      // Files older than 50 ms go: each rotation, made once the clock has passed that, prunes every file before it.
      const log = rotatingLog(Number.POSITIVE_INFINITY, { maxAgeMs: 50, ledgerKey: key });
      const aged = async (): Promise<void> => {
        const at = Date.now();
        await waitFor('the age limit passed', () => Date.now() > at + 60);
      };
      for (let i = 0; i < 5; i++) {
        log.rotate();
        await aged();
      }
      assert.equal(log.rotated().length, 1);
      assert.deepEqual(removedRotated([log.file], key), []);
      const [newest] = log.rotated();
      fs.rmSync(newest!);
      log.rotate();
      await aged();
      log.rotate();
      assert.equal(log.rotated().length, 1);
      assert.deepEqual(named(removedRotated([log.file], key)), [`missing file ${path.basename(newest!)}`]);
    });
  }

  it('a ledger removed, or none (an older tmux-audit): no claim', () => {
    const log = rotatingLog(2);
    for (let i = 0; i < 4; i++) log.rotate();
    const [first] = log.rotated();
    fs.rmSync(first!);
    assert.equal(removedRotated([log.file]).length, 1);
    fs.rmSync(rotatedLedgerPath(log.file));
    assert.deepEqual(removedRotated([log.file]), []);
  });

  it('a pruning whose note failed (the ledger not ours): no claim, no false alarm', () => {
    const log = rotatingLog(2);
    for (let i = 0; i < 3; i++) log.rotate();
    // Replaced by a second name of another file: left alone, nothing noted of the next rotations.
    const ledger = rotatedLedgerPath(log.file);
    fs.rmSync(ledger);
    fs.writeFileSync(`${ledger}.other`, '');
    fs.linkSync(`${ledger}.other`, ledger);
    for (let i = 0; i < 4; i++) log.rotate();
    assert.deepEqual(removedRotated([log.file]), []);
  });

  it('a note cut short (a file size limit standing for a full disk) loses no pruning: no false alarm, at any place of the cut', () => {
    const child = fileURLToPath(new URL('../support/ledger-short-write.ts', import.meta.url));
    for (const room of [1, 10, 20, 28, 35, 49, 60, 70]) {
      const file = tempLog();
      const run = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 4; exec "${process.execPath}" --import tsx "${child}" "${path.dirname(file)}" ${room}`], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(fs.statSync(rotatedLedgerPath(file)).size, 4096, `room ${room}: the note was cut at the limit`);
      assert.equal(rotatedFiles(fs.readdirSync(path.dirname(file)), 'main.log').length, 2, 'the oldest pruned');
      // Another writer of the log rotates it after (no limit): its note follows the cut one.
      const fd = fs.openSync(file, 'a');
      fs.writeSync(fd, 'more\n');
      assert.ok(rotateUnderLock(file, fd, 2, () => fs.closeSync(fd)));
      assert.deepEqual(removedRotated([file]), [], `room ${room}: ${JSON.stringify(fs.readFileSync(rotatedLedgerPath(file), 'utf8').slice(-300))}`);
    }
  });

  it('a note puts the names it prunes before its own: a cut then leaves a file unnamed, not a pruning unsaid', () => {
    const log = rotatingLog(1);
    for (let i = 0; i < 3; i++) {
      // Each rotation in its own millisecond: within one, a name pruned is made again (`.406Z`, `.406Z-1`, `.406Z`)
      // and the note's order is not what this test reads (the flake seen once in 5 runs of the file).
      const was = Date.now();
      while (Date.now() === was);
      log.rotate();
    }
    const lines = ledgerLines(log.file);
    const at = (prefix: string) => lines.map((line) => line.startsWith(prefix)).lastIndexOf(true);
    assert.ok(at('pruned ') < at('rotated ') && at('pruned ') === lines.length - 3, lines.join('\n'));
  });

  for (const key of [undefined, KEY]) {
    const how = key ? 'keyed' : 'plain';
    it(`${how}: a file planted with a later name and nothing in it (or under the key no head mark) does not take back the claim on one removed`, () => {
      const log = rotatingLog(3, key && { maxAgeMs: Number.POSITIVE_INFINITY, ledgerKey: key });
      for (let i = 0; i < 6; i++) log.rotate();
      const files = log.rotated();
      fs.rmSync(files[0]!);
      const claim = [`missing file ${path.basename(files[0]!)}`];
      assert.deepEqual(named(removedRotated([log.file], key)), claim);
      const future = `${log.file}.99991231T235959.999Z`;
      fs.writeFileSync(future, '');
      const newest = `${files.at(-1)!}-1`;
      fs.writeFileSync(newest, '');
      const withPlanted = [log.file, ...log.rotated()];
      assert.deepEqual(named(removedRotated(withPlanted, key)), claim, 'touched files');
      assert.match(removedRotated(withPlanted, key)[0]!.detail, /99991231T235959\.999Z.*planted\?/);
      // With something in it, a file no line names may be a rotation unsaid (an older writer's): under the key, its head mark must hold.
      fs.writeFileSync(future, 'a line\n');
      assert.deepEqual(named(removedRotated(withPlanted, key)), key ? claim : [], 'a file with a line');
      if (key) assert.deepEqual(removedRotated(withPlanted, key, [future]), [], 'a head mark that holds');
    });
  }

  it('a name line naming no file a rotation makes (a directory below a file, a NUL) is no claim and no fault: a removal is still named', () => {
    const log = rotatingLog(3);
    for (let i = 0; i < 6; i++) log.rotate();
    const [oldest, next] = log.rotated();
    fs.rmSync(oldest!);
    const part = rotatedPart('main.log', path.basename(next!));
    fs.appendFileSync(rotatedLedgerPath(log.file), `rotated ${part}/x\nrotated ${part}\0\nrotated ../../etc/passwd\n`);
    assert.deepEqual(named(removedRotated([log.file, ...log.rotated()])), [`missing file ${path.basename(oldest!)}`]);
  });

  it('past the ledger\'s limit its newer half is kept with the pruned lines of the names it keeps: no false alarm, a removal still named', () => {
    const log = rotatingLog(4);
    const ledger = rotatedLedgerPath(log.file);
    // Rotations stood for by their lines (as a rotation writes them), then real ones until the writer trims it.
    const stat = fs.statSync(log.file);
    for (let ino = 1; (fs.statSync(ledger, { throwIfNoEntry: false })?.size ?? 0) < LEDGER_BYTES - 2048; ino++) {
      const name = `20200101T000000.000Z-${ino}`;
      noteRotated(log.file, { ...stat, dev: 0, ino, birthtimeMs: ino } as fs.Stats, KEY, name, ino > 4 ? [`20200101T000000.000Z-${ino - 4}`] : []);
    }
    // The last four stood-for files pruned at once (as by a rotation after @audit-max-files was lowered).
    const stood = ledgerLines(log.file).filter((line) => line.startsWith('rotated ')).slice(-4).map((line) => line.split(' ')[1]!);
    fs.appendFileSync(ledger, stood.map((name) => `${nameEntry(log.file, 'pruned', name, KEY)}\n`).join(''));
    for (let i = 0; i < 5; i++) log.rotate();
    assert.ok(fs.statSync(ledger).size < LEDGER_BYTES, 'trimmed');
    const lines = ledgerLines(log.file);
    assert.ok(lines.length > 1000, `${lines.length} lines kept`);
    assert.deepEqual(removedRotated([log.file], KEY), [], 'the stood-for files (never there) are answered by their pruned lines or dropped whole');
    const [, middle] = log.rotated();
    fs.rmSync(middle!);
    for (let i = 0; i < 3; i++) log.rotate();
    assert.deepEqual(named(removedRotated([log.file], KEY)), [`missing file ${path.basename(middle!)}`]);
  });
});

describe('ledger name lines: what the check reads (rotatedNotPruned)', () => {
  const rotated = (name: string, key?: Buffer) => nameEntry(LOG, 'rotated', name, key);
  const pruned = (name: string, key?: Buffer) => nameEntry(LOG, 'pruned', name, key);
  const id = (ino: number, key?: Buffer) => ledgerEntry(LOG, { dev: 1, ino, birthtimeMs: ino } as fs.Stats, key);
  const rotation = (ino: number, name: string, gone: string[] = [], key?: Buffer) => [...gone.map((old) => pruned(old, key)), id(ino, key), rotated(name, key)];
  const A = '20261124T230101.000Z';
  const B = '20261124T230102.000Z';
  const C = '20261124T230103.000Z';
  const D = '20261124T230104.000Z';
  const E = '20261124T230105.000Z';
  const honest = (key?: Buffer) => [...rotation(1, A, [], key), ...rotation(2, B, [], key), ...rotation(3, C, [A], key), ...rotation(4, D, [B], key)];

  it('the lines as written: a name, then a tag under the key; the rotated part of a name, .gz off', () => {
    assert.equal(rotated(A), `rotated ${A}`);
    assert.match(pruned(A, KEY), new RegExp(`^pruned ${A} [A-Za-z0-9_-]{43}$`));
    assert.notEqual(nameEntry('/elsewhere/main.log', 'pruned', A, KEY), pruned(A, KEY), 'bound to the log');
    assert.notEqual(rotated(A, KEY).split(' ')[2], pruned(A, KEY).split(' ')[2], 'a rotated line is no pruned one');
    assert.equal(rotatedPart('main.log', `main.log.${A}-2.gz`), `${A}-2`);
  });

  for (const key of [undefined, KEY]) {
    it(`${key ? 'keyed' : 'plain'}: made and pruned, or there, is no claim; made, not pruned and not there is`, () => {
      assert.deepEqual(rotatedNotPruned(honest(key), LOG, new Set([C, D]), key), []);
      assert.deepEqual(rotatedNotPruned(honest(key), LOG, new Set([D]), key), [C]);
      assert.deepEqual(rotatedNotPruned([...honest(key), ...rotation(5, E, [C], key)], LOG, new Set([E]), key), [D]);
    });
  }

  it('a name rotated again after it was pruned (a clock stepped back) is claimed again', () => {
    assert.deepEqual(rotatedNotPruned([...honest(), ...rotation(5, A)], LOG, new Set([C, D]), undefined), [A]);
  });

  it('a rotation the ledger does not name drops the claims before it: an older writer\'s identity line alone, a file left or pruned with no rotated line', () => {
    // An older writer (identity only) rotated after C: it may have pruned C unsaid.
    assert.deepEqual(rotatedNotPruned([...honest(), id(9)], LOG, new Set([D]), undefined), []);
    // ... and before C: C is claimed still.
    assert.deepEqual(rotatedNotPruned([...rotation(1, A), ...rotation(2, B), id(9), ...rotation(3, C, [A]), ...rotation(4, D, [B])], LOG, new Set([D]), undefined), [C]);
    // A file left with no rotated line (a writer older still, or one that died before noting), newer than C.
    assert.deepEqual(rotatedNotPruned(honest(), LOG, new Set([D, E]).add('20261124T230104.500Z'), undefined).filter((name) => name === C), []);
    assert.deepEqual(rotatedNotPruned(honest(), LOG, new Set([D, '20261124T230102.500Z']), undefined), [C]);
    // Pruned with no rotated line: made by a writer that names nothing.
    assert.deepEqual(rotatedNotPruned([...honest(), pruned('20261124T230103.500Z')], LOG, new Set([D]), undefined), []);
  });

  it('under the key: a planted untagged pruned line does not answer a keyed claim, unless a writer without the key rotated after it', () => {
    const planted = [...honest(KEY), pruned(C)];
    assert.deepEqual(rotatedNotPruned(planted, LOG, new Set([D]), KEY), [C]);
    assert.deepEqual(rotatedNotPruned(planted, LOG, new Set([D]), undefined), [], 'without the key the tag is not checked');
    const otherLog = [...honest(KEY), nameEntry('/elsewhere/main.log', 'pruned', C, KEY)];
    assert.deepEqual(rotatedNotPruned(otherLog, LOG, new Set([D]), KEY), [C], "another log's line does not count");
    // A key set mid-way: a reader started before it rotates (untagged) and prunes C.
    assert.deepEqual(rotatedNotPruned([...honest(KEY), ...rotation(5, E, [C])], LOG, new Set([D, E]), KEY), []);
  });

  it('trimmed keeps a noted identity line without its name line (no claim from it), and a kept rotated line has its pruned line', () => {
    const lines = [...rotation(1, A), ...rotation(2, B), ...rotation(3, C, [A]), ...rotation(4, D, [B]), ...rotation(5, E, [C])];
    // The noted file (ino 2, B) kept whole-line by identity; its name line dropped with the older part.
    const kept = trimmed(lines, 5, new Set([id(2)]));
    assert.deepEqual(kept, [id(2), ...lines.slice(-5)]);
    assert.deepEqual(rotatedNotPruned(kept, LOG, new Set([D, E]), undefined), []);
    for (let newest = 1; newest <= lines.length; newest++) assert.deepEqual(rotatedNotPruned(trimmed(lines, newest, new Set()), LOG, new Set([D, E]), undefined), [], `newest ${newest}`);
  });
});
