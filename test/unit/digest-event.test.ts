// A rotated file's digest in its rotating writer's chain (chain/digest-event.ts): the ledger's digest line is a file
// beside the log, and under a key removing it (or the whole ledger) switched the check off for a file emptied and
// refilled to its noted size (review of first13b). The real writer rotates at 16 K; what the reader does with each
// digest (pipe.ts: a `digest` event through the recorder) is done here by hand, on the same sink.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { chainedDigest, DIGEST_EVENT, digestFields, type ChainedDigest } from '../../src/chain/digest-event.ts';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import { shrunkRotated } from '../../src/commands/verify-notes.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { rotatedLedgerPath } from '../../src/sinks/file/rotated-ledger.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from("the auditor's key");
const place = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
const SHA = createHash('sha256').update('x').digest('hex');

/** One recording into `file` (`chained`: its key, or false for none), rotating at 16 K, each digest recorded as pipe.ts does. */
async function recording(file: string, format: LogFormatName, key: Buffer | undefined, rec: string, pane: string, lines: number, at: number, extra?: (write: (record: AuditRecord) => void, time: () => number) => void): Promise<void> {
  let t = at;
  let stopping = false;
  const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: place(pane), time: (t += 1), kind, text, ...(fields ? { fields } : {}) });
  const sink: FileSink = new FileSink(
    file,
    recordFormat(format, DEFAULT_TIME_FORMAT),
    quietWriterOptions({
      maxBytes: 16 * 1024,
      onRotatedDigest: (rotated, digest) => {
        if (!stopping) sink.write(record('event', DIGEST_EVENT, digestFields(file, rotated, digest)));
      },
    }),
    key === undefined ? {} : { key },
  );
  sink.write(record('event', 'start', { by: 'ann' }));
  for (let i = 1; i <= lines; i++) {
    sink.write(record('line', `${rec} ${i} ${'-'.repeat(40)}`));
    if (i % 100 === 0) await flushed(sink);
  }
  extra?.((r) => sink.write(r), () => (t += 1));
  await sink.digestsTaken();
  stopping = true;
  sink.write(record('event', 'stop', { reason: 'toggle' }));
  await sink.close();
}

async function newLog(format: LogFormatName = 'text', key: Buffer | false = KEY): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-digest-event-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  await recording(file, format, key || undefined, 'REC0000001', '0', 1500, Date.UTC(2026, 10, 27, 9));
  return file;
}

const partOf = (file: string, rotated: string): string => path.basename(rotated).slice(path.basename(file).length + 1);
/** verify (`false`: without a key). */
const check = (file: string, key: Buffer | false = KEY) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, key === false ? {} : { key, requireKey: true });
const notes = (file: string, key: Buffer | false = KEY) => {
  const report = check(file, key);
  return shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), key || undefined, report.digestsOf, report.digests);
};

/** Rewrites the first `size` bytes' worth of `file` with as many bytes of made-up text (its size kept). */
function refill(file: string): void {
  fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 'z\n'));
}

/** Removes every ledger line naming `part`. */
function dropFromLedger(file: string, part: string): void {
  const ledger = rotatedLedgerPath(file);
  fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').split('\n').filter((line) => !line.includes(` ${part} `) && !line.endsWith(` ${part}`)).join('\n'));
}

describe('the digest event (digestFields, chainedDigest)', () => {
  it('names the rotated file, its size and SHA-256; read back whole, in text and JSON; a cut or malformed one is none', () => {
    const fields = digestFields('/var/log/audit/main.log', '20261127T090001.000Z-2', { size: 16380, sha: SHA });
    assert.deepEqual(fields, { file: 'main.log.20261127T090001.000Z-2', size: 16380, sha256: SHA });
    const line = (f: Record<string, string>) => ({ file: 'x', line: 3, text: '', ms: 0, kind: 'event' as const, event: DIGEST_EVENT, place: 'main:0.0', fields: { rec: 'R', ...f } });
    assert.deepEqual(chainedDigest(line({ file: 'main.log.20261127T090001.000Z-2', size: '16380', sha256: SHA })), { rotated: '20261127T090001.000Z-2', digest: { size: 16380, sha: SHA, file: 'x', line: 3 } });
    for (const bad of [{ file: 'main.log', size: '1', sha256: SHA }, { file: 'main.log.20261127T090001.000Z', size: '-1', sha256: SHA }, { file: 'main.log.20261127T090001.000Z', size: '1', sha256: SHA.slice(1) }, { file: 'main.log.20261127T090001.000Z', size: '1' }]) {
      assert.equal(chainedDigest(line(bad as Record<string, string>)), undefined, JSON.stringify(bad));
    }
  });
});

describe('rotated files\' digests in the chain', () => {
  for (const format of ['text', 'json'] as const) {
    it(`${format}: an honest keyed log verifies, every rotated file's digest held by the chain, each event in a stretch of its own (a seal before and after it)`, async () => {
      const file = await newLog(format);
      const files = logFilesInOrder(file);
      assert.ok(files.length >= 4, `${files.length} files`);
      const report = check(file);
      assert.deepEqual(report.breaks, []);
      const rotated = files.slice(0, -1).map((name) => partOf(file, name));
      assert.deepEqual([...report.digests.keys()].sort(), rotated.sort());
      for (const name of files.slice(0, -1)) {
        const digest = report.digests.get(partOf(file, name))!;
        assert.equal(createHash('sha256').update(fs.readFileSync(name).subarray(0, digest.size)).digest('hex'), digest.sha);
      }
      const text = files.map((name) => fs.readFileSync(name, 'utf8')).join('');
      const lines = text.split('\n');
      const events = lines.flatMap((line, at) => (line.includes(format === 'text' ? ' * digest rec=' : '"text":"digest"') ? [at] : []));
      assert.equal(events.length, rotated.length);
      for (const at of events) {
        const seal = format === 'text' ? ' * seal rec=' : '"text":"seal"';
        assert.ok(lines[at - 1]!.includes(seal) && lines[at + 1]!.includes(seal), lines.slice(at - 1, at + 2).join('\n'));
        assert.ok(lines[at + 1]!.includes(format === 'text' ? ' n=2 ' : '"n":2'), lines[at + 1]);
      }
      assert.deepEqual(notes(file), []);
    });
  }

  it('keyed: the oldest file refilled to its size and its ledger lines removed, or the whole ledger: edited, by the chained digest', async () => {
    for (const whole of [false, true]) {
      const file = await newLog();
      const oldest = logFilesInOrder(file)[0]!;
      await waitFor('the ledger notes its digest', () => fs.readFileSync(rotatedLedgerPath(file), 'utf8').includes(`rotated sha256=`));
      refill(oldest);
      if (whole) fs.rmSync(rotatedLedgerPath(file));
      else dropFromLedger(file, partOf(file, oldest));
      const found = notes(file);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]!.kind, 'edited');
      assert.equal(found[0]!.file, oldest);
      assert.match(found[0]!.detail, /do not match the digest \(SHA-256\) its rotating writer's chain holds \(the digest event at .*main\.log\.\d{8}T\S+:\d+\)/);
    }
  });

  it("a ledger digest line that is not the chain's: edited, naming the ledger (plain: the line rewritten without a key)", async () => {
    const file = await newLog('text', false);
    const oldest = logFilesInOrder(file)[0]!;
    const part = partOf(file, oldest);
    const ledger = rotatedLedgerPath(file);
    await waitFor('the ledger notes its digest', () => fs.readFileSync(ledger, 'utf8').includes(`rotated sha256=`));
    fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').replace(new RegExp(`^rotated sha256=[0-9a-f]{64} ${part} `, 'm'), `rotated sha256=${SHA} ${part} `));
    const found = notes(file, false);
    assert.deepEqual(found.map((f) => [f.kind, f.file]), [['edited', ledger]]);
    assert.match(found[0]!.detail, /is not the digest the file's rotating writer put in its chain/);
  });

  it('the chain guards the event: removed, its sha edited, moved later, or copied into another log, each a break under the key', async () => {
    const file = await newLog();
    const files = logFilesInOrder(file);
    const where = files.flatMap((name) => fs.readFileSync(name, 'utf8').split('\n').flatMap((line, at) => (line.includes(' * digest rec=') ? [{ name, at, line }] : [])));
    const { name, at, line } = where[0]!;
    const original = fs.readFileSync(name, 'utf8');
    const lines = original.split('\n');
    const edits: [string, string[]][] = [
      ['removed', lines.filter((_, i) => i !== at)],
      ['sha edited', lines.map((l, i) => (i === at ? l.replace(/sha256=[0-9a-f]{4}/, 'sha256=0000') : l))],
      ['moved later', [...lines.slice(0, at), ...lines.slice(at + 1, at + 6), line, ...lines.slice(at + 6)]],
    ];
    for (const [what, edited] of edits) {
      fs.writeFileSync(name, edited.join('\n'));
      assert.notDeepEqual(check(file).breaks, [], what);
      fs.writeFileSync(name, original);
    }
    assert.deepEqual(check(file).breaks, []);
    // Another log, its own recording: the copy goes after one of its lines.
    const other = await newLog();
    const live = fs.readFileSync(other, 'utf8').split('\n');
    const stop = live.findIndex((l) => l.includes(' * stop rec='));
    fs.writeFileSync(other, [...live.slice(0, stop - 2), line.replace(/ rec=\S+/, ` rec=${/ rec=(\S+)/.exec(live[stop]!)![1]}`), ...live.slice(stop - 2)].join('\n'));
    assert.notDeepEqual(check(other).breaks, []);
  });

  it("under the key a plain recording's digest event is no digest: a made-up recording cannot vouch for a refilled file", async () => {
    const file = await newLog();
    const oldest = logFilesInOrder(file)[0]!;
    const part = partOf(file, oldest);
    refill(oldest);
    const forged = createHash('sha256').update(fs.readFileSync(oldest)).digest('hex');
    // Without the key: a recording of its own, chained plain, that says the refilled bytes are the file's.
    await recording(file, 'text', undefined, 'FORGED0001', '1', 10, Date.UTC(2026, 10, 27, 10), (write, time) =>
      write({ rec: 'FORGED0001', user: 'ann', place: place('1'), time: time(), kind: 'event', text: DIGEST_EVENT, fields: digestFields(file, part, { size: fs.statSync(oldest).size, sha: forged }) }),
    );
    dropFromLedger(file, part);
    const report = check(file);
    assert.notEqual(report.digests.get(part)?.sha, forged);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, report.digests);
    assert.deepEqual(found.map((f) => [f.kind, f.file]), [['edited', oldest]]);
  });
});

describe('rotated files moved by name (mv): reordered, not edited (review of digest13s)', () => {
  /** The log with two neighbouring rotated files in the middle swapped by name; their paths, as now named. */
  async function swappedLog(unequal = false): Promise<{ file: string; a: string; b: string }> {
    const file = await newLog();
    const rotated = logFilesInOrder(file).slice(0, -1);
    assert.ok(rotated.length >= 4, `${rotated.length} rotated files`);
    // `unequal`: two neighbours of different sizes (where a line crossed the 16 K differs), as a real log's are.
    const at = unequal ? rotated.findIndex((name, i) => i > 0 && i + 1 < rotated.length && fs.statSync(name).size !== fs.statSync(rotated[i + 1]!).size) : Math.floor(rotated.length / 2) - 1;
    assert.ok(at > 0, `neighbours of different sizes among ${rotated.map((name) => fs.statSync(name).size).join(', ')}`);
    const [a, b] = [rotated[at]!, rotated[at + 1]!];
    fs.renameSync(a, `${a}.swap`);
    fs.renameSync(b, a);
    fs.renameSync(`${a}.swap`, b);
    return { file, a, b };
  }
  it('two swapped: one reordered naming them, no edited or truncated for their digests', async () => {
    const { file, a, b } = await swappedLog();
    const report = check(file);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, report.digests, report.breaks);
    const every = [...report.breaks, ...found];
    assert.deepEqual(every.map((f) => f.kind), ['reordered'], JSON.stringify(every));
    assert.deepEqual([...new Set([every[0]!.file, ...(every[0]!.hint ?? [])])].filter((named) => named === a || named === b).sort(), [a, b].sort());
  });

  it('two swapped, where the chain does not name them: the digests name them reordered, once', async () => {
    const { file, a, b } = await swappedLog();
    const report = check(file);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, report.digests);
    assert.deepEqual(found.map((f) => [f.kind, f.file, f.hint]), [['reordered', a, [a, b]]]);
    assert.match(found[0]!.detail, /are in each other's place \(renamed\): each holds the bytes the other's digest says/);
  });

  it('two swapped and one of them edited too: that one edited, the other moved', async () => {
    const { file, a, b } = await swappedLog();
    const lines = fs.readFileSync(b, 'utf8').split('\n');
    const middle = Math.floor(lines.length / 2);
    lines[middle] = lines[middle]!.replace(/-+$/, 'edited');
    fs.writeFileSync(b, lines.join('\n'));
    const report = check(file);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, report.digests, report.breaks);
    // b holds a's bytes, edited: no digest's, and not cut (its own are whole in a).
    const ofB = found.filter((f) => f.file === b);
    assert.deepEqual(ofB.map((f) => f.kind), ['edited'], JSON.stringify(found));
    assert.match(ofB[0]!.detail, new RegExp(`are in ${path.basename(a).replace(/\./g, '\\.')}, moved there by name, and what it holds matches no rotated file's digest`));
    // a holds b's bytes whole: moved, named by the seals (where the stretch around them shows it) or else by the digests.
    assert.ok([...report.breaks, ...found].some((f) => f.kind === 'reordered' && [f.file, ...(f.hint ?? [])].includes(a)), JSON.stringify([...report.breaks, ...found]));
    assert.deepEqual(found.filter((f) => f.file === a && f.kind !== 'reordered'), []);
  });

  /** The digests the chain holds, but not the one of `part`: its rotating writer exited before it was taken (CI, stop 33). */
  const without = (digests: ReadonlyMap<string, ChainedDigest>, part: string): Map<string, ChainedDigest> => new Map([...digests].filter(([name]) => name !== part));

  it('two swapped, the digest of one never taken (not in the chain, not in the ledger): only the chain\'s reordered', async () => {
    const { file, a, b } = await swappedLog();
    dropFromLedger(file, partOf(file, b));
    const report = check(file);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, without(report.digests, partOf(file, b)), report.breaks);
    // a holds b's bytes, which match no digest; a's own are whole in b, its partner in the chain's reordered break.
    const every = [...report.breaks, ...found];
    assert.deepEqual(every.map((f) => f.kind), ['reordered'], JSON.stringify(every));
    assert.deepEqual([...new Set([every[0]!.file, ...(every[0]!.hint ?? [])])].filter((named) => named === a || named === b).sort(), [a, b].sort());
  });

  it('two swapped, the digest of one never taken, the other file edited where no seal shows it: a break on it, edited or cut', async () => {
    const { file, a, b } = await swappedLog();
    dropFromLedger(file, partOf(file, b));
    // The chain's reordered break as the seals name the swap; the edit below stands for one no seal shows.
    const moved = check(file).breaks.filter((f) => f.kind === 'reordered');
    assert.ok(moved.some((f) => [f.file, f.endFile, ...(f.hint ?? [])].includes(a)), JSON.stringify(moved));
    // b holds a's bytes: edited on its last line, a's digest no longer theirs.
    const lines = fs.readFileSync(b, 'utf8').split('\n');
    lines[lines.length - 2] = lines[lines.length - 2]!.replace(/.$/, '!');
    fs.writeFileSync(b, lines.join('\n'));
    const report = check(file);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, without(report.digests, partOf(file, b)), moved);
    // Which one: where b's bytes (now at a) are fewer than a's digest's, a cut; else edited (the layout varies per run).
    const kind = fs.statSync(a).size < report.digests.get(partOf(file, a))!.size ? 'truncated' : 'edited';
    assert.deepEqual(found.map((f) => [f.kind, f.file]), [[kind, a]], JSON.stringify(found));
  });

  /** Removes the ledger's digest line of `part`, its size line kept: the size is noted at the rotation, the digest later. */
  function dropDigestLine(file: string, part: string): void {
    const ledger = rotatedLedgerPath(file);
    fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').split('\n').filter((line) => !(line.startsWith('rotated sha256=') && line.includes(` ${part} `))).join('\n'));
  }

  for (const missing of ['the smaller', 'the larger'] as const) {
    it(`two swapped, of different sizes, the digest of ${missing} never taken (its size noted): only the chain's reordered`, async () => {
      const { file, a, b } = await swappedLog(true);
      // a and b are named as they were; which one's digest is missing, by its size.
      const [small, large] = fs.statSync(a).size < fs.statSync(b).size ? [b, a] : [a, b];
      const gone = missing === 'the smaller' ? small : large;
      dropDigestLine(file, partOf(file, gone));
      const report = check(file);
      const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, without(report.digests, partOf(file, gone)), report.breaks);
      const every = [...report.breaks, ...found];
      assert.deepEqual(every.map((f) => f.kind), ['reordered'], JSON.stringify(every));
    });
  }

  it('two swapped, the digest of one never taken (its size noted), and lines cut from, or one character of a line edited in, that one\'s bytes: still a break on the file holding them', async () => {
    for (const tamper of ['cut', 'edit'] as const) {
      const { file, a, b } = await swappedLog();
      dropDigestLine(file, partOf(file, b));
      // a holds b's bytes: the chain's seals no longer hold in either order, and only their links name the move.
      const lines = fs.readFileSync(a, 'utf8').split('\n');
      if (tamper === 'cut') lines.splice(2, 30);
      else {
        const at = lines.findIndex((line) => line.endsWith('-'));
        lines[at] = `${lines[at]!.slice(0, -1)}+`;
      }
      fs.writeFileSync(a, lines.join('\n'));
      const report = check(file);
      assert.ok(!report.breaks.some((f) => f.swapHolds), JSON.stringify(report.breaks));
      const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, without(report.digests, partOf(file, b)), report.breaks);
      const every = [...report.breaks, ...found];
      assert.ok(every.some((f) => f.file === a && f.kind !== 'reordered'), `${tamper}: ${JSON.stringify(every)}`);
      assert.ok(found.some((f) => f.file === a && (f.kind === 'truncated' || f.kind === 'edited')), `${tamper}: ${JSON.stringify(found)}`);
    }
  });

  it('one copied over another (cp): the one overwritten edited, nothing moved', async () => {
    const file = await newLog();
    const rotated = logFilesInOrder(file).slice(0, -1);
    const at = Math.floor(rotated.length / 2) - 1;
    const [a, b] = [rotated[at]!, rotated[at + 1]!];
    fs.copyFileSync(a, b);
    const report = check(file);
    assert.notDeepEqual(report.breaks, []);
    const found = shrunkRotated(logFilesInOrder(file), report.held ?? new Map(), KEY, report.digestsOf, report.digests, report.breaks);
    // Fewer bytes than its digest's is a cut, as ever; else edited.
    const kind = fs.statSync(b).size < report.digests.get(partOf(file, b))!.size ? 'truncated' : 'edited';
    assert.deepEqual(found.map((f) => [f.kind, path.basename(f.file)]), [[kind, path.basename(b)]]);
  });
});

describe('a plain recording made up at a keyed one\'s place (review of digest13s)', () => {
  /** A start and its seal, a last seal and a stop, at `pane`, chained plain (anyone's to compute), stamped at `from` and `to`. */
  async function madeUp(dir: string, pane: string, from: number, to: number): Promise<string[]> {
    const out = path.join(dir, 'made-up.log');
    const sink = new FileSink(out, recordFormat('text', DEFAULT_TIME_FORMAT), quietWriterOptions(), {});
    const record = (time: number, text: string, fields: AuditRecord['fields']): AuditRecord => ({ rec: 'MADEUP0001', user: 'ann', place: place(pane), time, kind: 'event', text, fields });
    sink.write(record(from, 'start', { by: 'ann' }));
    sink.write(record(to, 'stop', { reason: 'toggle' }));
    await sink.close();
    const lines = fs.readFileSync(out, 'utf8').split('\n').filter((line) => line !== '');
    fs.rmSync(out);
    return lines;
  }
  const stampOf = (line: string): number => Date.parse(line.slice(0, line.indexOf(' ')));

  it('under --key it does not turn the keyed seals into link checks: the newest rotated file edited, its digest event and ledger lines removed, is a break', async () => {
    const file = await newLog();
    const files = logFilesInOrder(file);
    const newest = files[files.length - 2]!;
    const part = partOf(file, newest);
    await waitFor('the ledger notes its digest', () => fs.readFileSync(rotatedLedgerPath(file), 'utf8').includes(` ${part} `));
    const rotated = fs.readFileSync(newest, 'utf8').split('\n');
    const live = fs.readFileSync(file, 'utf8').split('\n');
    const last = live.findIndex((line) => / \* seal rec=REC0000001 .* end=stop /.test(line));
    const [start, startSeal, lastSeal, stop] = await madeUp(path.dirname(file), '0', stampOf(rotated[0]!), stampOf(live[last]!));
    // Its start after the newest rotated file's head line, its end before the keyed recording's last seal.
    const edited = rotated.findIndex((line) => / \| REC0000001 \d+ -+$/.test(line) && rotated.indexOf(line) > 5);
    rotated[edited] = rotated[edited]!.replace(/\| REC0000001 .*$/, '| rm -rf evidence');
    fs.writeFileSync(newest, [rotated[0], start, startSeal, ...rotated.slice(1)].join('\n'));
    fs.writeFileSync(file, [...live.slice(0, last), lastSeal, stop, ...live.slice(last)].filter((line) => !line!.includes(` * digest rec=REC0000001 file=${path.basename(newest)} `)).join('\n'));
    dropFromLedger(file, part);
    const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY });
    assert.notDeepEqual(report.breaks, [], summaryLine('main', report));
    assert.ok(report.breaks.some((found) => found.rec === 'REC0000001'), JSON.stringify(report.breaks));
    assert.equal(report.recordings.find((r) => r.rec === 'REC0000001')?.sharedLines, 0);
    // Under --require-key too (the plain recording is named).
    assert.notDeepEqual(check(file).breaks, []);
  });
});
