// The digest of each rotated file's first bytes in the rotated-files ledger (`rotated sha256=<hex> <name>
// size=<bytes>`, sinks/file/ledger-names.ts), and verify's check of it (commands/verify-notes.ts, shrunkRotated). A
// byte count is no content: the oldest rotated file emptied and refilled with as many bytes of made-up lines passed
// verify, keyed or not (issue 13, review of empty13): no head mark names the log's first file. The writer that
// rotated a file hashes it in the background (file-digest.ts) and notes the digest; verify names a file whose first
// bytes are others `edited`. The line's parse and format as the pure reader takes them, then the real writer.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { verifyFiles } from '../../src/commands/verify.ts';
import { shrunkRotated } from '../../src/commands/verify-notes.ts';
import type { AuditRecord } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { digestEntry, nameEntry, rotatedDigests, rotatedNotPruned, rotatedSizes } from '../../src/sinks/file/ledger-names.ts';
import { ledgerEntry, ledgerLines } from '../../src/sinks/file/rotated-ledger.ts';
import { compressRotated } from '../../src/sinks/file/rotation.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { rotatedNotPruned as releasedNotPruned } from '../fixtures/released/ledger-names-b856eb6.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { waitFor } from '../support/util.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from("the auditor's key");
const LOG = '/var/log/audit/main.log';
const A = '20261124T230101.000Z';
const B = '20261124T230102.000Z';
const AB = new Set([A, B]);
const SHA = createHash('sha256').update('what A held').digest('hex');
const OTHER = createHash('sha256').update('something else').digest('hex');

describe('the digest line (digestEntry, rotatedDigests)', () => {
  it('as written: the digest before the name, bound with the name, the size and the log by the tag under the key; without the key, taken as written', () => {
    assert.equal(digestEntry(LOG, A, { size: 120, sha: SHA }), `rotated sha256=${SHA} ${A} size=120`);
    const keyed = digestEntry(LOG, A, { size: 120, sha: SHA }, KEY);
    assert.match(keyed, new RegExp(`^rotated sha256=${SHA} ${A} size=120 [A-Za-z0-9_-]{43}$`));
    // Taken after its rotation's `rotated` line, of its size (that line's tag holding under the key).
    const rotatedA = nameEntry(LOG, 'rotated', A, KEY, 120);
    const rotatedB = nameEntry(LOG, 'rotated', B, KEY, 120);
    assert.deepEqual([...rotatedDigests([rotatedA, keyed], LOG, AB, KEY)], [[A, { size: 120, sha: SHA }]]);
    for (const edited of [keyed.replace(SHA, OTHER), keyed.replace('size=120', 'size=12'), keyed.replace(A, B), keyed.replace(/ \S+$/, '')]) {
      assert.deepEqual([...rotatedDigests([rotatedA, rotatedB, edited], LOG, AB, KEY)], [], edited);
    }
    const other = '/var/log/audit/other.log';
    assert.deepEqual([...rotatedDigests([nameEntry(other, 'rotated', A, KEY, 120), keyed], other, AB, KEY)], [], "another log's line");
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 120), keyed.replace(SHA, OTHER)], LOG, AB)], [[A, { size: 120, sha: OTHER }]]);
    // A name line's tag does not pass for a digest line's, nor the reverse.
    assert.deepEqual([...rotatedDigests([rotatedA, `rotated sha256=${SHA} ${rotatedA.slice('rotated '.length)}`], LOG, AB, KEY)], []);
    assert.deepEqual([...rotatedSizes([`rotated ${keyed.slice(`rotated sha256=${SHA} `.length)}`], LOG, AB, KEY)], []);
  });

  it("the name's last one; only the names asked about; a malformed one is none", () => {
    const lines = [nameEntry(LOG, 'rotated', A, undefined, 120), digestEntry(LOG, A, { size: 1, sha: OTHER }), digestEntry(LOG, A, { size: 120, sha: OTHER }), digestEntry(LOG, A, { size: 120, sha: SHA }), nameEntry(LOG, 'rotated', B, undefined, 7), digestEntry(LOG, B, { size: 7, sha: OTHER })];
    assert.deepEqual([...rotatedDigests(lines, LOG, AB)], [[A, { size: 120, sha: SHA }], [B, { size: 7, sha: OTHER }]]);
    assert.deepEqual([...rotatedDigests(lines, LOG, new Set([B]))], [[B, { size: 7, sha: OTHER }]]);
    const whole = digestEntry(LOG, A, { size: 120, sha: SHA });
    for (const bad of [`rotated sha256=${SHA} ${A}`, whole.replace(SHA, SHA.slice(1)), whole.replace(SHA, SHA.toUpperCase()), whole.replace('rotated', 'pruned'), whole.replace(A, `${A}/x`), `${whole} ${'x'.repeat(42)}`, `${whole} ${'x'.repeat(44)}`, `rotated ${A} size=120 sha256=${SHA}`]) {
      assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 120), bad], LOG, new Set([A, `${A}/x`]))], [], bad);
    }
  });

  it("only after the name's last `rotated` line, and of the size it says: a name used again is another file (review of first13, finding 3)", () => {
    const digest = digestEntry(LOG, A, { size: 10, sha: SHA });
    // Noted for the file rotated first under the name, pruned; the clock stepped back, the name made again, its writer
    // gone before its hash: the first file's digest is not the second's (verify said it `edited`).
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 10), digest, nameEntry(LOG, 'pruned', A), nameEntry(LOG, 'rotated', A, undefined, 10)], LOG, AB)], []);
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 10), digest, nameEntry(LOG, 'pruned', A), nameEntry(LOG, 'rotated', A)], LOG, AB)], []);
    // Of another size than its rotation's (a plain line cut in its size, say: `size=1` of `size=10`): none.
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 12), digest], LOG, AB)], []);
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 10), digest.replace('size=10', 'size=1')], LOG, AB)], []);
    // After a `rotated` line of its size: taken. With none (trimmed from the ledger, or never written: a full disk), none
    // saying a size, or after the name's pruning (the file gone): none, which checks less, never more (review of
    // first13b: a line cut inside its size, with no `rotated` line, gave a false `edited`).
    assert.deepEqual([...rotatedDigests([nameEntry(LOG, 'rotated', A, undefined, 10), digest], LOG, AB)], [[A, { size: 10, sha: SHA }]]);
    for (const lines of [[digest], [nameEntry(LOG, 'rotated', A), digest], [nameEntry(LOG, 'rotated', A, undefined, 10), nameEntry(LOG, 'pruned', A), digest]]) {
      assert.deepEqual([...rotatedDigests(lines, LOG, AB)], [], lines.join(' / '));
    }
  });

  it('under the key, a line anyone may append takes no digest away: untagged, of another size, a tagged one copied again (review of first13b)', () => {
    const lines = [nameEntry(LOG, 'rotated', A, KEY, 10), digestEntry(LOG, A, { size: 10, sha: SHA }, KEY)];
    for (const appended of [nameEntry(LOG, 'rotated', A, undefined, 10), nameEntry(LOG, 'rotated', A, undefined, 11), nameEntry(LOG, 'rotated', A), nameEntry(LOG, 'pruned', A), lines[0]!]) {
      assert.deepEqual([...rotatedDigests([...lines, appended], LOG, AB, KEY)], [[A, { size: 10, sha: SHA }]], appended);
    }
    // Its own pruning, tagged (the name may be used again), and a tagged rotation of another size (that file, then) do.
    assert.deepEqual([...rotatedDigests([...lines, nameEntry(LOG, 'pruned', A, KEY)], LOG, AB, KEY)], []);
    assert.deepEqual([...rotatedDigests([...lines, nameEntry(LOG, 'rotated', A, KEY, 11)], LOG, AB, KEY)], []);
  });

  // Sizes of up to 15 digits: what a size word takes (ledger-names.ts).
  it('any size and digest, keyed or not, read back as written; the size lines beside them read as before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e15 - 1 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), (size, bytes, keyed) => {
        const sha = Buffer.from(bytes).toString('hex');
        const key = keyed ? KEY : undefined;
        const lines = [ledgerEntry(LOG, fs.statSync('/'), key), nameEntry(LOG, 'rotated', A, key, size), digestEntry(LOG, A, { size, sha }, key)];
        assert.deepEqual([...rotatedDigests(lines, LOG, AB, key)], [[A, { size, sha }]]);
        assert.deepEqual([...rotatedSizes(lines, LOG, AB, key)], [[A, size]]);
      }),
    );
  });

  it('no claim that a file was made: a digest line is neither a rotation nor an identity line (rotatedNotPruned)', () => {
    const note = (name: string, size: number): string[] => [`1:${name.length}:2`, nameEntry(LOG, 'rotated', name, undefined, size)];
    // A removed by hand, its digest noted after its rotation: still named gone (taken for an identity line with no
    // `rotated` line after it, the digest line would read as a rotation unsaid, holding the claim back).
    assert.deepEqual(rotatedNotPruned([...note(A, 10), digestEntry(LOG, A, { size: 10, sha: SHA }), ...note(B, 10)], LOG, new Set([B])), [A]);
    // A pruned at the next rotation, its digest noted after that (the hash outran by the pruning): not named gone.
    assert.deepEqual(rotatedNotPruned([...note(A, 10), nameEntry(LOG, 'pruned', A), ...note(B, 10), digestEntry(LOG, A, { size: 10, sha: SHA })], LOG, new Set([B])), []);
  });

  it("whole or cut short by a full disk, after its file's pruned line: no claim, now or to the release before (review of first13, findings 1 and 2)", () => {
    for (const key of [undefined, KEY]) {
      const note = (name: string): string[] => [`1:${name.length}:2`, nameEntry(LOG, 'rotated', name, key, 10)];
      const digest = digestEntry(LOG, A, { size: 10, sha: SHA }, key);
      // A pruned at B's rotation, its digest (maybe cut: EFBIG, ENOSPC) noted after: the hash outrun by other readers' rotations.
      for (let cut = 1; cut <= digest.length; cut++) {
        const lines = [...note(A), nameEntry(LOG, 'pruned', A, key), ...note(B), digest.slice(0, cut)];
        const what = `${key ? 'keyed' : 'plain'} ${JSON.stringify(digest.slice(0, cut))}`;
        assert.deepEqual(rotatedNotPruned(lines, LOG, new Set([B]), key), [], what);
        assert.deepEqual(releasedNotPruned(lines, LOG, new Set([B]), key), [], `the release before: ${what}`);
        // No digest of a pruned file; of one left, only whole (a plain line cut in its size has another size than its rotation's).
        assert.deepEqual([...rotatedDigests(lines, LOG, AB, key)], [], what);
        assert.deepEqual([...rotatedDigests([...note(A), ...note(B), digest.slice(0, cut)], LOG, AB, key)], cut === digest.length ? [[A, { size: 10, sha: SHA }]] : [], what);
      }
    }
  });
});

describe("the writer's digest lines as the release before (b856eb6) reads them", () => {
  it('none is a claim, also after its pruned line (a flood); claims stand beside them (review of first13, finding 1)', async () => {
    for (const key of [undefined, KEY]) {
      const file = await rotatedLog(key, 2);
      const lines = ledgerLines(file);
      const digests = lines.filter((line) => line.includes(' sha256='));
      // As a flood of several readers orders them: every digest after every pruning (old verify: 6 in 221 said `missing file`).
      const flood = [...lines.filter((line) => !digests.includes(line)), ...digests];
      const present = logFilesInOrder(file).slice(0, -1).map(part);
      assert.ok(digests.length >= present.length + 2, `${digests.length} digest lines, ${present.length} rotated files left`);
      for (const [which, notPruned] of [['now', rotatedNotPruned], ['the release before', releasedNotPruned]] as const) {
        assert.deepEqual(notPruned(flood, file, new Set(present), key), [], `${which}, ${key ? 'keyed' : 'plain'}`);
        // The oldest file left removed by hand: named gone, the digest lines holding no claim back.
        assert.deepEqual(notPruned(flood, file, new Set(present.slice(1)), key), [present[0]], `${which}, ${key ? 'keyed' : 'plain'}: one removed`);
      }
    }
  });
});

describe('a reader that exits right after its last write rotated the log (pipe.ts: process.exit after the close)', () => {
  it("has noted the rotated file's digest: close() waits for it (review of first13, finding 4)", () => {
    const script = fileURLToPath(new URL('../support/rotate-and-exit.ts', import.meta.url));
    for (const key of [undefined, KEY]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-ledger-digests-'));
      dirs.push(dir);
      const file = path.join(dir, 'main.log');
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, file, String(4 << 20), ...(key ? [key.toString('hex')] : [])], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const [rotated, ...more] = logFilesInOrder(file).slice(0, -1);
      assert.ok(rotated !== undefined && more.length === 0, 'one rotated file');
      const held = fs.readFileSync(rotated);
      assert.deepEqual([...rotatedDigests(ledgerLines(file), file, new Set([part(rotated)]), key)], [[part(rotated), { size: held.length, sha: createHash('sha256').update(held).digest('hex') }]], key ? 'keyed' : 'plain');
    }
  });
});

const placeOf = (pane: string) => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });

/** A recording written by the real writer into a new log rotating at 16 K (keeping `maxFiles`: all of them unless said), and its digests noted. */
async function rotatedLog(key?: Buffer, maxFiles = Number.POSITIVE_INFINITY): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-ledger-digests-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), { maxBytes: 16 * 1024, maxFiles, onError: () => {}, onRecover: () => {}, onRotateError: () => {}, directory: 'as-is' }, { key });
  let t = Date.UTC(2026, 10, 26, 9);
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'DIGESTS001', user: 'ann', place: placeOf('0'), time: (t += 1), kind, text, ...(fields ? { fields } : {}) });
  sink.write(record('event', 'start', { by: 'ann' }));
  for (let i = 1; i <= 1200; i++) {
    sink.write(record('line', `line ${i}`));
    if (i % 100 === 0) await flushed(sink);
  }
  sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
  // Every rotation's, also of the files pruned since (the pruned ones hashed through the fd open on them).
  // Every rotation's, also of the files pruned since (the pruned ones hashed through the fd open on them); a pruned
  // file's digest is not taken (it is gone), so the wait is for the files left.
  const rotated = new Set(ledgerLines(file).flatMap((line) => /^rotated (\d\S*) size=/.exec(line)?.[1] ?? []));
  assert.ok(rotated.size >= 3, `${rotated.size} rotations`);
  const left = new Set(logFilesInOrder(file).slice(0, -1).map(part));
  await waitFor('every rotated file\'s digest noted', () => ledgerLines(file).filter((line) => line.startsWith('rotated sha256=')).length >= rotated.size && rotatedDigests(ledgerLines(file), file, left, key).size === left.size);
  return file;
}

const part = (file: string): string => path.basename(file).slice('main.log.'.length).replace(/\.gz$/, '');

/** The breaks shrunkRotated gives for the log as verify reads it (its files' sizes and digests as read), as `<kind> <file>`. */
function check(file: string, key?: Buffer): string[] {
  const files = logFilesInOrder(file);
  const report = verifyFiles(files, DEFAULT_TIME_FORMAT, { key });
  return shrunkRotated(files, report.held!, key, report.digestsOf).map((found) => `${found.kind} ${path.basename(found.file)}`);
}

describe('the writer notes each rotated file\'s digest; verify names one rewritten', () => {
  for (const key of [undefined, KEY]) {
    it(`${key ? 'keyed' : 'plain'}: each digest is of the bytes its rotation noted; honest, nothing; the oldest refilled to its size, edited; another's line appended, nothing`, async () => {
      const file = await rotatedLog(key);
      const rotated = logFilesInOrder(file).slice(0, -1);
      const digests = rotatedDigests(ledgerLines(file), file, new Set(rotated.map(part)), key);
      const sizes = rotatedSizes(ledgerLines(file), file, new Set(rotated.map(part)), key);
      for (const name of rotated) {
        const bytes = fs.readFileSync(name);
        const digest = digests.get(part(name))!;
        assert.equal(digest.size, sizes.get(part(name)), 'the size the rotation noted');
        assert.equal(digest.sha, createHash('sha256').update(bytes.subarray(0, digest.size)).digest('hex'));
      }
      assert.deepEqual(check(file, key), []);
      const oldest = rotated[0]!;
      const kept = fs.readFileSync(oldest);
      const first = kept.toString('utf8').split('\n')[0]!;
      // Emptied and refilled with as many bytes: its first line kept, one line made up in place of the second.
      const second = kept.indexOf(0x0a) + 1;
      const third = kept.indexOf(0x0a, second) + 1;
      const made = `${first.slice(0, first.indexOf(' * '))} | nothing to see here`.padEnd(third - second - 1, '.');
      fs.writeFileSync(oldest, Buffer.concat([kept.subarray(0, second), Buffer.from(`${made}\n`), kept.subarray(third)]));
      assert.equal(fs.statSync(oldest).size, kept.length);
      assert.deepEqual(check(file, key), [`edited ${path.basename(oldest)}`]);
      // Other writers append to a renamed file until they notice: past the noted size, nothing is said.
      fs.writeFileSync(oldest, Buffer.concat([kept, Buffer.from(`${first.slice(0, first.indexOf(' * '))} | late\n`)]));
      assert.deepEqual(check(file, key), []);
      // Cut below the noted size: truncated.
      fs.writeFileSync(oldest, kept.subarray(0, second));
      assert.deepEqual(check(file, key), [`truncated ${path.basename(oldest)}`]);
      fs.writeFileSync(oldest, kept);
      assert.deepEqual(check(file, key), []);
    });
  }

  it('keyed, compressed: the .gz gunzipped for the check; honest, nothing; replaced by a .gz of other bytes of its size, edited', async () => {
    const file = await rotatedLog(KEY);
    const oldest = logFilesInOrder(file)[0]!;
    await new Promise<void>((resolve, reject) => compressRotated(file, oldest, (error) => (error ? reject(error) : resolve())));
    const gz = `${oldest}.gz`;
    assert.ok(fs.existsSync(gz) && !fs.existsSync(oldest));
    assert.deepEqual(check(file, KEY), []);
    const text = gunzipSync(fs.readFileSync(gz));
    const other = Buffer.from(text);
    other[other.length - 2] = other[other.length - 2] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(gz, gzipSync(other));
    assert.deepEqual(check(file, KEY), [`edited ${path.basename(gz)}`]);
  });

  it('a ledger of an older writer (sizes, no digests) checks the sizes alone, as before', async () => {
    const file = await rotatedLog(KEY);
    const ledger = path.join(path.dirname(file), '.main.log.rotated');
    fs.writeFileSync(ledger, ledgerLines(file).filter((line) => !line.includes(' sha256=')).map((line) => `${line}\n`).join(''));
    const oldest = logFilesInOrder(file)[0]!;
    const kept = fs.readFileSync(oldest);
    assert.deepEqual(check(file, KEY), []);
    fs.writeFileSync(oldest, Buffer.alloc(kept.length, 0x0a));
    assert.deepEqual(check(file, KEY), [], 'no digest noted: a file refilled to its size is not told (what the digest adds)');
    fs.writeFileSync(oldest, '');
    assert.deepEqual(check(file, KEY), [`truncated ${path.basename(oldest)}`]);
  });
});
