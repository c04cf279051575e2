// The hash chain (src/chain/) through the real file sink into real files:
// several recordings interleaved in one log, rotation, a removed log; then
// `verify`'s core on what they wrote, clean and tampered.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { externalStopHash } from '../../src/chain/external-stop.ts';
import { GENESIS, LINK_HEX, SEAL_EVERY, SegmentHash } from '../../src/chain/seal.ts';
import { verifyFiles, verifyLog } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { LOG_FORMATS, recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { appendRecords } from '../../src/sinks/file/append.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { scratchLogs } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const tempLog = scratchLogs('chain');

function sinkFor(file: string, options: { maxBytes?: number; key?: Buffer; onLost?: (what: string) => void; format?: LogFormatName } = {}): FileSink {
  return new FileSink(
    file,
    recordFormat(options.format ?? 'text', DEFAULT_TIME_FORMAT),
    quietWriterOptions({ maxBytes: options.maxBytes ?? 1024 ** 3, onLost: options.onLost }),
    { key: options.key },
  );
}

/** One recording's records: start, `lines` printed lines, stop. */
function recording(rec: string, pane: number, lines: number, t0 = Date.UTC(2026, 10, 25, 12)): AuditRecord[] {
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: String(pane), paneId: `%${pane}` };
  const base = { rec, user: 'ann', place };
  const records: AuditRecord[] = [{ ...base, time: t0, kind: 'event', text: 'start', fields: { by: 'ann' } }];
  for (let i = 0; i < lines; i++) records.push({ ...base, time: t0 + i, kind: 'line', text: `${rec} line ${i}` });
  records.push({ ...base, time: t0 + lines, kind: 'event', text: 'stop', fields: { reason: 'toggle' } });
  return records;
}

/** Writes the recordings into `file` through one sink each, interleaved record by record. */
async function writeInterleaved(file: string, recordings: AuditRecord[][], options: { maxBytes?: number; key?: Buffer; format?: LogFormatName } = {}): Promise<void> {
  const sinks = recordings.map(() => sinkFor(file, options));
  const longest = Math.max(...recordings.map((records) => records.length));
  for (let i = 0; i < longest; i++) {
    for (let r = 0; r < recordings.length; r++) {
      const record = recordings[r]![i];
      if (!record) continue;
      sinks[r]!.write(record);
      if (i % 97 === 0) sinks[r]!.flush();
    }
  }
  await Promise.all(sinks.map((sink) => sink.close()));
}

const verify = (file: string, key?: Buffer) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key });
const kinds = (file: string, key?: Buffer) => verify(file, key).breaks.map((found) => found.kind);

describe('the hash chain', () => {
  it('seals every SEAL_EVERY lines and before the stop, which stays each recording\'s last line', async () => {
    const file = tempLog();
    await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 2 * SEAL_EVERY + 5)]);
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const seals = lines.filter((line) => line.includes(' * seal rec='));
    assert.equal(seals.length, 4);
    // The start is sealed at once, by itself (what lets a recording share its place: chain/verify.ts).
    assert.equal(lines[1], seals[0]);
    assert.match(seals[0]!, / \* seal rec=AAAAAAAAAA n=1 p=0 h=[0-9a-f]{32} s=\d+ v=3$/);
    assert.match(seals[1]!, new RegExp(` \\* seal rec=AAAAAAAAAA n=${SEAL_EVERY} p=[0-9a-f]{16} h=[0-9a-f]{32} s=\\d+ v=3$`));
    // Start, 2005 lines, stop, and the first three seals' own lines (each opens the next segment): 2010, 9 in the last.
    assert.match(lines.at(-2)!, / \* seal rec=AAAAAAAAAA n=9 p=[0-9a-f]{16} h=[0-9a-f]{32} s=\d+ v=3 end=stop$/);
    assert.match(lines.at(-1)!, / \* stop rec=AAAAAAAAAA reason=toggle$/);
  });

});

/** Whether `line` is the printed line `text`, in the format it was written in. */
function printed(line: string, text: string): boolean {
  return line.startsWith('{') ? line.includes(`"kind":"line","text":${JSON.stringify(text)}}`) : line.endsWith(`| ${text}`);
}
/** Whether `line` is recording `rec`'s stop event. */
function stopOf(line: string, rec: string): boolean {
  return line.startsWith('{') ? line.includes(`"rec":"${rec}","kind":"event","text":"stop"`) : line.includes(`* stop rec=${rec}`);
}

// Every check in both formats: the chain covers the formatter's bytes, and verify reads JSON lines through the same reader as text ones.
for (const format of LOG_FORMATS) {
  const write = (file: string, recordings: AuditRecord[][], options: { maxBytes?: number; key?: Buffer } = {}) => writeInterleaved(file, recordings, { ...options, format });

  describe(`the hash chain (${format})`, () => {
    it('clean logs verify: several panes in one file, across rotations', async () => {
      const file = tempLog();
      await write(file, [recording('AAAAAAAAAA', 0, 3000), recording('BBBBBBBBBB', 1, 1200), recording('CCCCCCCCCC', 2, 10)], { maxBytes: 64 * 1024 });
      assert.ok(logFilesInOrder(file).length > 3, 'it rotated');
      const report = verify(file);
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.recordings.map((r) => [r.rec, r.ending, r.unsealed]).sort(), [['AAAAAAAAAA', 'sealed', 0], ['BBBBBBBBBB', 'sealed', 0], ['CCCCCCCCCC', 'sealed', 0]]);
    });

    it('names each tampering', async () => {
      const file = tempLog();
      await write(file, [recording('AAAAAAAAAA', 0, 2500), recording('BBBBBBBBBB', 1, 300)]);
      const clean = fs.readFileSync(file, 'utf8');
      const lines = clean.split('\n');
      const at = lines.findIndex((line) => printed(line, 'AAAAAAAAAA line 1500'));
      const tamper = (edit: (lines: string[]) => string[] | string): string[] => {
        const out = edit([...lines]);
        fs.writeFileSync(file, typeof out === 'string' ? out : out.join('\n'));
        return kinds(file);
      };
      assert.deepEqual(tamper((l) => (l.splice(at, 1, l[at]!.replace('1500', '1501')), l)), ['edited']);
      assert.deepEqual(tamper((l) => (l.splice(at, 1), l)), ['deleted']);
      assert.deepEqual(tamper((l) => (l.splice(at, 0, l[at]!.replace('1500', 'rm -rf /')), l)), ['inserted']);
      // Moved: a line stamped later put before an earlier one.
      assert.deepEqual(tamper((l) => (l.splice(at - 300, 0, l.splice(at, 1)[0]!), l)), ['reordered']);
      // Edited in place, stamped 1 ms earlier than the line before it (line 1499, at t0 + 1499 ms): no move makes it hold.
      assert.deepEqual(tamper((l) => (l.splice(at, 1, l[at]!.replace('1500', '1501').replace(':01.500+', ':01.498+')), l)), ['edited']);
      // One line moved back past its neighbours within one stamp's lines, and one on (the line before the early one moved).
      assert.deepEqual(tamper((l) => (l.splice(at - 2, 0, l.splice(at, 1)[0]!), l)), ['reordered']);
      assert.deepEqual(tamper((l) => (l.splice(at + 3, 0, l.splice(at, 1)[0]!), l)), ['reordered']);
      assert.deepEqual(tamper(() => clean.slice(0, clean.length - 200)), ['truncated', 'truncated']);
      const stop = lines.findIndex((line) => stopOf(line, 'BBBBBBBBBB'));
      assert.deepEqual(tamper((l) => (l.splice(stop + 1, 0, l[stop]!), l)), ['forged event']);
      const first = lines.find((line) => printed(line, 'AAAAAAAAAA line 0'))!;
      assert.deepEqual(tamper(() => `${clean}${first.replace('AAAAAAAAAA line 0', 'forged')}\n`), ['inserted']);
      assert.deepEqual(tamper(() => clean), []);
    });

    it('a whole rotated file removed is a missing file', async () => {
      const file = tempLog();
      await write(file, [recording('AAAAAAAAAA', 0, 6000)], { maxBytes: 64 * 1024 });
      const files = logFilesInOrder(file);
      fs.rmSync(files[2]!);
      assert.ok(kinds(file).includes('missing file'), JSON.stringify(verify(file).breaks));
    });

    it('with a key: verifies with it; without it, needs it (lines counted, seals linked); a wrong key does not pass', async () => {
      const file = tempLog();
      const key = Buffer.from('a secret of the auditor');
      await write(file, [recording('AAAAAAAAAA', 0, 1500)], { key });
      const clean = fs.readFileSync(file, 'utf8');
      // The start says which chain, covered by the first seal; so does every seal.
      assert.match(clean.split('\n')[0]!, format === 'text' ? / \* start rec=AAAAAAAAAA by=ann v=3 chain=hmac$/ : /"fields":\{"by":"ann","v":3,"chain":"hmac"\}\}$/);
      assert.deepEqual(kinds(file, key), []);
      assert.deepEqual([verify(file, key).needKey, verify(file, key).unkeyed], [0, 0]);
      assert.deepEqual(kinds(file), []);
      assert.equal(verify(file).needKey, 1);
      // Each seal's hash, and each seal's own line (e=: chain/seal-tag.ts): no seal holds, which is said once (chain/key-match.ts).
      assert.deepEqual(kinds(file, Buffer.from('another key')).filter((_, i, all) => i === 0 || all[i] === 'wrong key'), ['wrong key']);
      // Without the key a line removed still shows (counted); a line edited needs the key.
      const lines = clean.split('\n');
      const at = lines.findIndex((line) => printed(line, 'AAAAAAAAAA line 700'));
      fs.writeFileSync(file, lines.filter((_, i) => i !== at).join('\n'));
      assert.deepEqual(kinds(file), ['deleted']);
      fs.writeFileSync(file, lines.map((line, i) => (i === at ? line.replace('line 700', 'line 7OO') : line)).join('\n'));
      assert.deepEqual(kinds(file), []);
      assert.deepEqual(kinds(file, key), ['edited']);
    });

    it('keyed and plain recordings in one log: each checked with its own chain, the plain ones counted, a break under --require-key', async () => {
      const file = tempLog();
      const key = Buffer.from('a secret of the auditor');
      // The key set mid-way: B's reader started without it, C's with it.
      await write(file, [recording('BBBBBBBBBB', 1, 1200)]);
      await write(file, [recording('CCCCCCCCCC', 2, 1200, Date.UTC(2026, 10, 25, 13))], { key });
      const withKey = verify(file, key);
      assert.deepEqual(withKey.breaks, []);
      assert.deepEqual([withKey.unkeyed, withKey.needKey], [1, 0]);
      assert.deepEqual(withKey.recordings.map((r) => [r.rec, r.chain]), [['BBBBBBBBBB', 'sha256'], ['CCCCCCCCCC', 'hmac']]);
      const without = verify(file);
      assert.deepEqual(without.breaks, []);
      assert.deepEqual([without.unkeyed, without.needKey], [0, 1]);
      const required = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true }).breaks;
      assert.deepEqual(required.map((found) => [found.kind, found.rec, found.line]), [['unkeyed', 'BBBBBBBBBB', 1]]);
    });

    it('a keyed recording rewritten as plain (its chain recomputed without the key) is caught under --require-key, and a half-done rewrite with the key', async () => {
      const key = Buffer.from('a secret of the auditor');
      const keyed = tempLog();
      await write(keyed, [recording('AAAAAAAAAA', 0, 1500)], { key });
      // What the log's owner can make without the key: the same recording chained plain, every seal recomputed.
      const rewritten = tempLog();
      await write(rewritten, [recording('AAAAAAAAAA', 0, 1500).map((record, i) => (i === 700 ? { ...record, text: 'AAAAAAAAAA line 700 (edited)' } : record))]);
      assert.deepEqual(kinds(rewritten, key), []);
      assert.equal(verify(rewritten, key).unkeyed, 1);
      assert.deepEqual(verifyFiles(logFilesInOrder(rewritten), DEFAULT_TIME_FORMAT, { key, requireKey: true }).breaks.map((found) => found.kind), ['unkeyed']);
      // Only `chain=hmac` taken off the start, or off a seal: the chain no longer holds, or contradicts itself.
      const lines = fs.readFileSync(keyed, 'utf8').split('\n');
      const unmark = (line: string) => (format === 'text' ? line.replace(' chain=hmac', '') : line.replace(',"chain":"hmac"', ''));
      fs.writeFileSync(keyed, lines.map((line, i) => (i === 0 ? unmark(line) : line)).join('\n'));
      assert.notDeepEqual(kinds(keyed, key), []);
      const seal = lines.findIndex((line) => /\bseal\b/.test(line));
      fs.writeFileSync(keyed, lines.map((line, i) => (i === seal ? unmark(line) : line)).join('\n'));
      assert.notDeepEqual(kinds(keyed, key), []);
    });

    /**
     * Writes a recording of `lines` lines, removes the live log half-way (once the first half is on disk),
     * writes the rest; onLost writes the `lost` event and flushes, as pipe.ts does.
     */
    async function removedWhileLogging(file: string, lines: number, maxBytes?: number, options: { waiting?: number } = {}): Promise<void> {
      let sink: FileSink;
      let noticed = false;
      const onLost = (what: string) => {
        noticed = true;
        sink.write({ ...recording('AAAAAAAAAA', 0, 0)[0]!, time: Date.UTC(2026, 10, 25, 12), kind: 'event', text: 'lost', fields: { what } });
        sink.flush();
      };
      sink = sinkFor(file, { format, onLost, maxBytes });
      const records = recording('AAAAAAAAAA', 0, lines);
      const half = records.length >> 1;
      for (let i = 0; i < half; i++) sink.write(records[i]!);
      sink.flush();
      // The first half (the start with it) is on disk before the file goes: a loaded machine may take long.
      for (const deadline = Date.now() + 10_000; sink.backlog > 0 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(sink.backlog, 0, 'the first half was written');
      fs.rmSync(file);
      // Written in bursts: the writer notices the removal while lines wait in its queue and in the sink's batch;
      // and before most of them (a loaded machine may take long), so that the chain restarted at the event covers it.
      for (let i = half; i < half + 200; i++) sink.write(records[i]!);
      sink.flush();
      // `waiting` more lines formatted and not handed to the writer (the sink's batch) when it notices: they go after what it queued.
      const waiting = options.waiting ?? 0;
      for (let i = half + 200; i < half + 200 + waiting; i++) sink.write(records[i]!);
      for (const deadline = Date.now() + 10_000; !noticed && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 2));
      assert.ok(noticed, 'the writer noticed the removal');
      for (let i = half + 200 + waiting; i < records.length; i++) {
        sink.write(records[i]!);
        if (i % 100 === 0) {
          sink.flush();
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }
      await sink.close();
      assert.match(logFilesInOrder(file).map((part) => fs.readFileSync(part, 'utf8')).join(''), format === 'text' ? / \* lost rec=AAAAAAAAAA what=file p=[0-9a-f]+ k=\d+$/m : /"rec":"AAAAAAAAAA","kind":"event","text":"lost","fields":\{"what":"file","p":"[0-9a-f]+","k":\d+\}/);
    }

    /** The printed lines' numbers in `file`, in file order. */
    const printedNumbers = (file: string): number[] => [...fs.readFileSync(file, 'utf8').matchAll(/AAAAAAAAAA line (\d+)/g)].map((match) => Number(match[1]));

    it('a log removed while logging: the lost event and the lines around it are no alarm', async () => {
      const file = tempLog();
      await removedWhileLogging(file, 3000);
      // The new file opens with the lost event, then what the writer wrote since its last look at the
      // removed file (up to 100 ms), then the rest, in the order the lines were printed.
      assert.match(fs.readFileSync(file, 'utf8').split('\n')[0]!, /\blost\b/);
      const numbers = printedNumbers(file);
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'the new file holds the lines in order');
      assert.equal(numbers.at(-1), 2999);
      const report = verify(file);
      assert.deepEqual(report.breaks, []);
      // Its start was in the removed file (written again after the event when it was that recent: either way no alarm).
      assert.equal(report.recordings[0]!.startMissing, true);
      assert.equal(report.lost, 1);
      // The event is covered by the first seal the reader made after it: it cannot be edited, nor forged
      // elsewhere to pass lines off as gone with a removed file.
      const clean = fs.readFileSync(file, 'utf8');
      const lines = clean.split('\n');
      const tamper = (edit: (lines: string[]) => string[]): string[] => {
        fs.writeFileSync(file, edit([...lines]).join('\n'));
        const found = kinds(file);
        fs.writeFileSync(file, clean);
        return found;
      };
      assert.notDeepEqual(tamper((l) => (l.splice(0, 1, l[0]!.replace('file', 'directory')), l)), [], 'the lost event edited');
      // A line the restarted chain covers (the last ones: the writer notices the loss within its burst).
      const at = lines.findIndex((line) => printed(line, 'AAAAAAAAAA line 2995'));
      assert.notDeepEqual(tamper((l) => (l.splice(at, 0, l[at]!.replace('2995', 'rm -rf /')), l)), [], 'a line inserted');
      assert.deepEqual(tamper((l) => (l.splice(at, 0, l[0]!), l)), ['forged event']);
      assert.deepEqual(kinds(file), []);
    });

    it('a log removed while lines wait in the sink\'s batch: they follow what the writer queued, in order, no alarm', async () => {
      const file = tempLog();
      await removedWhileLogging(file, 3000, undefined, { waiting: 50 });
      const numbers = printedNumbers(file);
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'the new file holds the lines in order');
      // None missing from the first the new file holds (written again after the event) to the last.
      assert.deepEqual(numbers, Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
      assert.equal(numbers.at(-1), 2999);
      assert.deepEqual(verify(file).breaks, []);
    });

    it('a log removed while logging, the start in a rotated file: no alarm', async () => {
      const file = tempLog();
      await removedWhileLogging(file, 6000, 64 * 1024);
      assert.ok(logFilesInOrder(file).length > 2, 'it rotated');
      const report = verify(file);
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.recordings.map((r) => [r.ending, r.startMissing]), [['sealed', false]]);
    });

    it('any single edit of a line of a clean log is caught (property)', async () => {
      const file = tempLog();
      await write(file, [recording('AAAAAAAAAA', 0, 1200), recording('BBBBBBBBBB', 1, 200)]);
      const clean = fs.readFileSync(file, 'utf8').split('\n');
      fc.assert(
        fc.property(fc.nat(clean.length - 2), fc.string({ minLength: 1, maxLength: 3 }), fc.nat(200), (index, text, at) => {
          const line = clean[index]!;
          const position = at % (line.length + 1);
          const edited = line.slice(0, position) + text + line.slice(position);
          fc.pre(edited !== line);
          const copy = [...clean];
          copy[index] = edited;
          fs.writeFileSync(file, copy.join('\n'));
          return verify(file).breaks.length > 0;
        }),
        { numRuns: 150 },
      );
    });
  });

  describe(`files of a log (${format})`, () => {
    it('two rotated files swapped (mv) are reordered, not missing', async () => {
      const file = tempLog();
      await write(file, [recording('AAAAAAAAAA', 0, 6000)], { maxBytes: 64 * 1024 });
      const files = logFilesInOrder(file);
      const swap = `${files[1]}.swap`;
      fs.renameSync(files[1]!, swap);
      fs.renameSync(files[2]!, files[1]!);
      fs.renameSync(swap, files[2]!);
      const found = kinds(file);
      assert.ok(found.length > 0 && found.includes('reordered') && !found.includes('missing file'), JSON.stringify(verify(file).breaks));
    });

    // The layout of the e2e test (test/e2e/verify.test.ts): two panes flooding one log of small files
    // (a seal's stretch spans a dozen files or more), one toggled off (sealed to its stop), one whose
    // reader was killed (its tail unsealed: a swap's surplus there shows nowhere); stamps shared by a
    // read's lines, as under a flood. Swaps of rotated files, neighbours and a few apart, in generated
    // layouts, are named one reordered break; unless every recording's sealed lines stay in their order
    // (no recording has lines in both files, or only in its unsealed tail): then nothing shows (the
    // chain is per recording, and covers what its seals cover).
    it('any two rotated files swapped are named reordered, in generated layouts (property)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            maxBytes: fc.constantFrom(4096, 8192),
            bursts: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 8 }),
            linesA: fc.integer({ min: 1200, max: 3000 }),
            linesB: fc.integer({ min: 300, max: 2500 }),
            swaps: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 4 })), { minLength: 12, maxLength: 12 }),
          }),
          async ({ maxBytes, bursts, linesA, linesB, swaps }) => {
            const file = tempLog();
            const flood = (rec: string, pane: number, lines: number) => recording(rec, pane, lines).map((record, i) => ({ ...record, time: Date.UTC(2026, 10, 25, 12) + Math.floor(i / 40) }));
            const killed = flood('AAAAAAAAAA', 0, linesA).slice(0, -1);
            const toggled = flood('BBBBBBBBBB', 1, linesB);
            const sinks = [sinkFor(file, { format, maxBytes }), sinkFor(file, { format, maxBytes })];
            const at = [0, 0];
            for (let k = 0; at[0]! < killed.length || at[1]! < toggled.length; k++) {
              const r = k % 2;
              const records = r === 0 ? killed : toggled;
              for (let n = bursts[k % bursts.length]!; n > 0 && at[r]! < records.length; n--) sinks[r]!.write(records[at[r]!++]!);
              sinks[r]!.flush();
              if (k % 4 === 3) await Promise.all(sinks.map((sink) => flushed(sink)));
            }
            await flushed(sinks[0]!);
            await sinks[1]!.close();
            const files = logFilesInOrder(file);
            const texts = new Map(files.map((part) => [part, fs.readFileSync(part, 'utf8')]));
            await sinks[0]!.close();
            const live = new Set(['AAAAAAAAAA']);
            const check = (order: readonly string[]) => verifyLog(files, (part) => texts.get(order[files.indexOf(part)]!)!, DEFAULT_TIME_FORMAT, { live });
            assert.deepEqual(check(files).breaks, []);
            const rotated = files.length - 1; // the live file is not a rotated one
            assert.ok(rotated > 6, `${rotated} rotated files`);
            /** A recording's lines in the order of the files, up to its last seal (the killed reader's tail is covered by none). */
            const ofRecording = (order: readonly string[], rec: string) => {
              const lines = order.flatMap((part) => texts.get(part)!.split('\n').filter((line) => line.includes(rec)));
              let last = lines.length;
              while (last > 0 && !/\bseal\b/.test(lines[last - 1]!)) last--;
              return lines.slice(0, last);
            };
            for (const [x, apart] of swaps) {
              const a = x % (rotated - 1);
              const b = Math.min(rotated - 1, a + apart);
              const order = [...files];
              [order[a], order[b]] = [order[b]!, order[a]!];
              const unseen = ['AAAAAAAAAA', 'BBBBBBBBBB'].every((rec) => ofRecording(order, rec).join('\n') === ofRecording(files, rec).join('\n'));
              const breaks = check(order).breaks;
              assert.deepEqual(breaks.map((found) => found.kind), unseen ? [] : ['reordered'], `files ${a} and ${b} of ${files.length}: ${JSON.stringify(breaks)}`);
            }
          },
        ),
        { numRuns: 4, endOnFailure: true },
      );
    });

    // The property test's flake, laid out deterministically (each burst written before the next): one pane floods
    // and its reader is killed (its last 900 lines unsealed: a swap there shows nowhere in its chain), the other
    // prints a line now and then, so its 1000-line stretch spans most of the log and many files hold none of its
    // lines. Swapping a file with some of them and one a few files on with none moves those lines past the ones
    // between (no two of the stretch's pieces are swapped): it read as `edited` (the swap search ranks pairs by
    // distance from the files the break names, the stretch's first and last, and stopped before its middle).
    it('two rotated files swapped, one without lines of a recording whose stretch spans them, are named reordered', async () => {
      const file = tempLog();
      const flood = (rec: string, pane: number, lines: number) => recording(rec, pane, lines).map((record, i) => ({ ...record, time: Date.UTC(2026, 10, 25, 12) + Math.floor(i / 40) }));
      const records = [flood('AAAAAAAAAA', 0, 1900).slice(0, -1), flood('BBBBBBBBBB', 1, 1100)];
      const sinks = records.map(() => sinkFor(file, { format, maxBytes: 4096 }));
      const at = [0, 0];
      // A burst of A's, and one line of B's after every other one (so that some files hold none of B's lines); B's
      // rest at once when A is done.
      for (let k = 0; at[0]! < records[0]!.length || at[1]! < records[1]!.length; k++) {
        const r = k % 3 === 2 || at[0]! === records[0]!.length ? 1 : 0;
        for (let n = r === 0 ? 43 : at[0]! < records[0]!.length ? 1 : 100; n > 0 && at[r]! < records[r]!.length; n--) sinks[r]!.write(records[r]![at[r]!++]!);
        await flushed(sinks[r]!);
      }
      await sinks[1]!.close();
      const files = logFilesInOrder(file);
      const texts = new Map(files.map((part) => [part, fs.readFileSync(part, 'utf8')]));
      await sinks[0]!.close();
      const check = (order: readonly string[]) => verifyLog(files, (part) => texts.get(order[files.indexOf(part)]!)!, DEFAULT_TIME_FORMAT, { live: new Set(['AAAAAAAAAA']) });
      assert.deepEqual(check(files).breaks, []);
      const of = (rec: string) => files.map((part) => texts.get(part)!.split('\n').filter((line) => line.includes(rec)));
      const [linesA, linesB] = [of('AAAAAAAAAA'), of('BBBBBBBBBB')];
      const sealOf = (n: number) => (line: string) => /\bseal\b/.test(line) && new RegExp(`\\bn"?[=:]"?${n}\\b`).test(line);
      // A's unsealed tail, from the file of its seal of its 1000th line; B's first stretch (to its seal of its 1000th line).
      const tailA = linesA.findIndex((lines) => lines.some(sealOf(SEAL_EVERY)));
      const lastB = linesB.findIndex((lines) => lines.some(sealOf(SEAL_EVERY)));
      const floodB = linesB.findIndex((lines) => lines.length > 3);
      assert.ok(tailA > 5 && floodB - tailA > 15 && lastB > floodB, `A's tail from file ${tailA}, B's lines few up to ${floodB}, its stretch to ${lastB}`);
      // Where B's lines are few and A's unsealed, far from both ends of B's stretch: a file with B's lines and one a
      // few on with none, B's lines in two files or more between (past one, the move is a swap of two of the
      // stretch's pieces), swapped both ways round.
      const middle = (tailA + floodB) >> 1;
      const pairs: [number, number][] = [];
      for (const withB of [true, false]) {
        const pair = [3, 4, 5, 6, 7, 8].flatMap((apart) => Array.from({ length: 10 }, (_, i): [number, number] => [middle - 5 + i, middle - 5 + i + apart]))
          .find(([a, b]) => linesB[a]!.length > 0 === withB && linesB[b]!.length > 0 !== withB && linesB.slice(a + 1, b).filter((lines) => lines.length > 0).length >= 2);
        if (pair) pairs.push(pair);
      }
      assert.equal(pairs.length, 2, `B's lines in files: ${linesB.map((lines) => lines.length).join(' ')}`);
      for (const [a, b] of pairs) {
        assert.ok(a > tailA && b < floodB);
        const order = [...files];
        [order[a], order[b]] = [order[b]!, order[a]!];
        const breaks = check(order).breaks;
        assert.deepEqual(breaks.map((found) => found.kind), ['reordered'], `files ${a} and ${b} of ${files.length}: ${JSON.stringify(breaks)}`);
        // Named as two files renamed, one of them a swapped one: the other may be any file near it that holds none
        // of what the chains cover (swapped back with it, B's lines are in their order again, and A's there are unsealed).
        const named = /^(\S+) and (\S+) are in each other's place \(renamed\)/.exec(breaks[0]!.detail);
        assert.ok(named && [named[1], named[2]].some((part) => part === files[a] || part === files[b]), breaks[0]!.detail);
      }
    });
  });
}

describe('a log in both formats', () => {
  it('a file switched from text to JSON mid-way verifies, and tampering in either part is named', async () => {
    const file = tempLog();
    await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 1500)], { maxBytes: 64 * 1024 });
    await writeInterleaved(file, [recording('BBBBBBBBBB', 0, 1500, Date.UTC(2026, 10, 25, 13)), recording('CCCCCCCCCC', 1, 400, Date.UTC(2026, 10, 25, 13))], { maxBytes: 64 * 1024, format: 'json' });
    const texts = logFilesInOrder(file).map((part) => fs.readFileSync(part, 'utf8'));
    assert.ok(texts.some((text) => /^\d/m.test(text) && /^\{/m.test(text)), 'one file holds both formats');
    assert.deepEqual(verify(file).breaks, []);
    assert.deepEqual(verify(file).recordings.map((r) => r.ending), ['sealed', 'sealed', 'sealed']);
    const live = logFilesInOrder(file).at(-1)!;
    const clean = fs.readFileSync(live, 'utf8');
    const lines = clean.split('\n');
    const tamper = (out: string): string[] => {
      fs.writeFileSync(live, out);
      const found = kinds(file);
      fs.writeFileSync(live, clean);
      return found;
    };
    const printedB = lines.flatMap((line, i) => (line.includes('"kind":"line","text":"BBBBBBBBBB line ') ? [i] : []));
    assert.ok(printedB.length > 10, 'the live file holds printed JSON lines');
    const at = printedB[printedB.length >> 1]!;
    assert.equal(printedB[(printedB.length >> 1) + 1], at + 1);
    // An edited "text", a line removed, two lines swapped.
    assert.deepEqual(tamper(lines.map((line, i) => (i === at ? line.replace(/"BBBBBBBBBB line (\d+)"/, '"BBBBBBBBBB line x$1"') : line)).join('\n')), ['edited']);
    assert.deepEqual(tamper(lines.filter((_, i) => i !== at).join('\n')), ['deleted']);
    const swapped = [...lines];
    [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
    assert.deepEqual(tamper(swapped.join('\n')), ['reordered']);
    // A JSON event forged after a recording's stop, and a JSON stop of a recording that had ended.
    const stop = lines.find((line) => stopOf(line, 'BBBBBBBBBB'))!;
    assert.deepEqual(tamper(`${clean}${stop.replace('"reason":"toggle"', '"reason":"reader-died"')}\n`), ['forged event']);
    assert.deepEqual(tamper(`${clean}${stop.replace('"text":"stop"', '"text":"clear"')}\n`), ['forged event']);
    // A forged JSON line at a place where no recording runs.
    assert.deepEqual(tamper(`${clean}${lines[at]!.replace('"pane":"0"', '"pane":"7"')}\n`), ['inserted']);
    assert.deepEqual(tamper(clean), []);
  });

  for (const format of LOG_FORMATS) {
    it(`the last seal's line is held byte for byte to its stop (${format})`, async () => {
      const file = tempLog();
      await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 30)], { format });
      const clean = fs.readFileSync(file, 'utf8');
      const lines = clean.split('\n');
      const seal = lines.length - 3;
      assert.match(lines[seal]!, /seal/);
      const edit = (change: (line: string) => string): string[] => {
        const copy = [...lines];
        copy[seal] = change(copy[seal]!);
        assert.notEqual(copy[seal], lines[seal]);
        fs.writeFileSync(file, copy.join('\n'));
        return kinds(file);
      };
      // Same meaning, other bytes: still an edit (no segment hashes this line).
      assert.deepEqual(edit((line) => (format === 'json' ? line.replace(/"n":(\d+)/, '"n":$1.0') : line.replace(/ n=(\d+)/, ' n=0$1'))), ['edited']);
      assert.deepEqual(edit((line) => line.replace('12:00:00.030', '12:00:00.031')), ['edited']);
      assert.deepEqual(edit((line) => (format === 'json' ? line.replace('{"time"', '{"x":"y","time"') : line.replace(' ann ', ' bob '))), ['edited']);
      fs.writeFileSync(file, clean);
      assert.deepEqual(kinds(file), []);
    });

    it(`a recording someone else acted in last verifies: its seals name the owner like its stop (${format})`, async () => {
      const file = tempLog();
      const records = recording('AAAAAAAAAA', 0, 1200).map((record, i) => (i > 600 ? { ...record, user: 'guest', owner: 'ann' } : { ...record, owner: 'ann' }));
      await writeInterleaved(file, [records], { format });
      assert.deepEqual(verify(file).breaks, []);
    });
  }
});

// A seal taken out: the next seal hashes its own line, so the lines between them cannot be checked, and the break
// said only `a seal and the lines before it are gone`, nothing of what went unchecked (an edit there unseen).
describe('a seal taken out', () => {
  it('says which lines are not checked; the lines before it hold when only it went; checking goes on from the next seal', async () => {
    const file = tempLog();
    await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 3500)]);
    const clean = fs.readFileSync(file, 'utf8').split('\n');
    const seals = clean.flatMap((line, i) => (line.includes(' * seal rec=') ? [i] : []));
    assert.equal(seals.length, 5);
    const removed = seals[1]!; // closes the first 1,000-line stretch (line 1002)
    const found = (edit: (lines: string[]) => void) => {
      const lines = [...clean];
      edit(lines);
      lines.splice(removed, 1);
      fs.writeFileSync(file, lines.join('\n'));
      return verify(file).breaks.map((b) => [b.kind, b.line, b.endLine, b.detail]);
    };
    const onlySeal = ['deleted', removed + 1, seals[2]!, 'the seal before this line is gone: the 1000 line(s) before it hold against the link the next seal names; the 999 line(s) from here to that seal are not checked (it hashes the removed seal\'s own line): what else went or changed among them is not known'];
    assert.deepEqual(found(() => {}), [onlySeal]);
    // A line after it changed: among the lines said to be unchecked.
    assert.deepEqual(found((l) => (l[removed + 500] = l[removed + 500]!.replace('line', 'LINE'))), [onlySeal]);
    // A line before it changed: the stretch before does not hold either, and all of it is said unchecked.
    assert.deepEqual(found((l) => (l[removed - 300] = l[removed - 300]!.replace('line', 'LINE'))), [['deleted', 2, seals[2]!, 'a seal and the lines before it are gone (or lines around it changed too): the 1999 line(s) from line 2 to this seal are not checked']]);
    // A line past the next seal changed: found, the chain read on from there.
    assert.deepEqual(found((l) => (l[seals[2]! + 10] = l[seals[2]! + 10]!.replace('line', 'LINE'))).map(([kind]) => kind), ['deleted', 'edited']);
  });
});

// A rotated file that held just a seal removed: the lines before and after it are in other files, and the break
// said `deleted … only the seal went`, not the file removed (issue 13 review).
describe('a rotated file that held only a seal removed', () => {
  for (const key of [undefined, Buffer.from('k'.repeat(32))]) {
    it(`missing file, named across the file boundary; the lines before it hold (${key ? 'keyed' : 'plain'})`, async () => {
      const file = tempLog();
      await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 2500)], { key });
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const seals = lines.flatMap((line, i) => (line.includes(' * seal rec=') ? [i] : []));
      const s = seals[1]!;
      // Files A (lines before seal s), B (seal s alone), C (the rest): then B removed.
      const rotated = `${file}.20261125T120000.000Z`;
      fs.writeFileSync(rotated, `${lines.slice(0, s).join('\n')}\n`);
      fs.writeFileSync(file, lines.slice(s + 1).join('\n'));
      const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key });
      assert.deepEqual(report.breaks.map((b) => [b.kind, b.file, b.line, b.endFile ?? b.file, b.endLine]), [['missing file', file, 1, file, seals[2]! - s]]);
      assert.equal(report.breaks[0]!.detail, `the seal between ${rotated}:${s} and this line is gone (a file of the log that held only it removed, or cut from the end of one?): the 1000 line(s) before it hold against the link the next seal names; the 999 line(s) from here to that seal are not checked (it hashes the removed seal's own line): what else went or changed among them is not known`);
    });
  }
});

describe('no false alarm', () => {
  for (const format of LOG_FORMATS) {
    it(`a reader that failed (its error, its closing seal, then recover's reader-died stop) is complete as far as it goes (${format})`, async () => {
      const file = tempLog();
      const records = recording('AAAAAAAAAA', 0, 1500);
      const stop = records.pop()!;
      // pipe.ts on an uncaught exception: an error event, the pipeline closed (a seal with end=1), exit 70; then recover.
      records.push({ ...stop, text: 'error', fields: { message: 'boom' } });
      await writeInterleaved(file, [records, recording('BBBBBBBBBB', 1, 20)], { format });
      // recover binds its stop to the last seal the reader noted (not the closing end=1 one): chain/external-stop.ts.
      const noted = fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.includes('AAAAAAAAAA') && /\bseal\b/.test(line) && !/\bend\b/.test(line))
        .map((line) => /\bh[=":]+([0-9a-f]{32})/.exec(line)![1]!.slice(0, LINK_HEX))
        .at(-1)!;
      const bound = { p: noted, h: externalStopHash(noted, 'AAAAAAAAAA', 'reader-died') };
      appendRecords(file, recordFormat(format, DEFAULT_TIME_FORMAT), [{ ...stop, time: stop.time + 10, seq: undefined, fields: { reason: 'reader-died', exit: 70, ...bound } }]);
      const report = verify(file);
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.recordings.map((r) => [r.rec, r.ending, r.unsealed]), [['AAAAAAAAAA', 'reader-died', 0], ['BBBBBBBBBB', 'sealed', 0]]);
      // A second one is still forged.
      appendRecords(file, recordFormat(format, DEFAULT_TIME_FORMAT), [{ ...stop, time: stop.time + 20, seq: undefined, fields: { reason: 'reader-died', exit: 70, ...bound } }]);
      assert.deepEqual(kinds(file), ['forged event']);
    });

    it(`the clock stepped back before the stop: its last seal still matches it (${format})`, async () => {
      const file = tempLog();
      const records = recording('AAAAAAAAAA', 0, 1200);
      const stop = records.at(-1)!;
      records[records.length - 1] = { ...stop, time: stop.time - 5000 };
      await writeInterleaved(file, [records], { format });
      assert.deepEqual(verify(file).breaks, []);
    });
  }
});

describe('a forged lost event', () => {
  for (const key of [undefined, Buffer.from('the auditor\'s key')]) {
    it(`at the head of a rotated file, to write off edited lines around it as unsealed, is caught (${key ? 'keyed' : 'plain'})`, async () => {
      const file = tempLog();
      await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 5000)], { maxBytes: 64 * 1024, key });
      const files = logFilesInOrder(file);
      assert.deepEqual(kinds(file, key), []);
      // A rotated file whose first seal comes well after its head: the stretch before it began in the file before.
      const k = files.findIndex((part, i) => i > 0 && fs.readFileSync(part, 'utf8').split('\n').findIndex((line) => line.includes(' * seal ')) >= 50);
      assert.ok(k > 0, 'such a file');
      const lines = fs.readFileSync(files[k]!, 'utf8').split('\n');
      const before = fs.readFileSync(files[k - 1]!, 'utf8').split('\n');
      // Edited and inserted lines after the last seal of the file before, and before the first seal of this one.
      const lastSeal = before.map((line) => line.includes(' * seal ')).lastIndexOf(true);
      before[lastSeal + 5] = before[lastSeal + 5]!.replace(/AAAAAAAAAA line \d+/, 'EDITED');
      before.splice(lastSeal + 6, 0, before[lastSeal + 6]!.replace(/AAAAAAAAAA line \d+/, 'INSERTED'));
      fs.writeFileSync(files[k - 1]!, before.join('\n'));
      lines[3] = lines[3]!.replace(/AAAAAAAAAA line \d+/, 'EDITED AFTER LOST');
      lines.splice(4, 0, lines[4]!.replace(/AAAAAAAAAA line \d+/, 'INSERTED AFTER LOST'));
      const stamp = lines[0]!.slice(0, lines[0]!.indexOf(' '));
      fs.writeFileSync(files[k]!, [`${stamp} ann main:0.0 * lost rec=AAAAAAAAAA what=file`, ...lines].join('\n'));
      assert.ok(kinds(file, key).includes('forged event'), JSON.stringify(verify(file, key).breaks));
    });
  }
});

describe('a log removed as its reader closes', () => {
  for (const [lines, end] of [[0, 'stop'], [10, 'stop'], [10, 'close'], [1500, 'stop']] as const) {
    it(`is no alarm: the lost event comes unchained ahead of the last seal (${lines} line(s) after the removal, then ${end})`, async () => {
      const file = tempLog();
      let sink: FileSink;
      const records = recording('AAAAAAAAAA', 0, 1200 + lines);
      const onLost = (what: string) => {
        sink.write({ ...records[0]!, kind: 'event', text: 'lost', fields: { what } });
        sink.flush();
      };
      sink = sinkFor(file, { onLost });
      for (const record of records.slice(0, 1201)) sink.write(record);
      await flushed(sink);
      fs.rmSync(file);
      // The writer looks at the file again only after a while: it notices when it writes the last seal.
      await new Promise((resolve) => setTimeout(resolve, 150));
      for (const record of records.slice(1201, end === 'stop' ? undefined : -1)) sink.write(record);
      await sink.close();
      assert.match(fs.readFileSync(file, 'utf8').split('\n')[0]!, /\blost\b/);
      assert.deepEqual(verify(file).breaks, []);
    });
  }
});

describe('a keyed log from before keyed chains were marked', () => {
  /**
   * A one-recording text log resealed as a reader before `chain=hmac` (and `v=2`) wrote it under `key`: the same lines,
   * nothing marked, every seal's p and h an HMAC (a seal's line opens the next segment; the last covers its stop).
   */
  function legacyKeyed(text: string, key: Buffer): string {
    const lines = text.replace(/ v=3| chain=hmac| s=\d+| e=[0-9a-f]+/g, '').split('\n').filter((line) => line.length > 0);
    const out: string[] = [];
    let prev = GENESIS;
    let hash = new SegmentHash(prev, key);
    for (let i = 0; i < lines.length; i++) {
      const seal = / \* seal rec=(\S+) n=(\d+) p=\S+ h=\S+( end=\S+)?$/.exec(lines[i]!);
      if (!seal) {
        hash.add(`${lines[i]}\n`);
        out.push(lines[i]!);
        continue;
      }
      if (seal[3] === ' end=stop') hash.add(`${lines[i + 1]}\n`);
      const h = hash.digest();
      const line = lines[i]!.replace(/ p=\S+ h=\S+/, ` p=${prev} h=${h}`);
      out.push(line);
      prev = h.slice(0, LINK_HEX);
      hash = new SegmentHash(prev, key);
      if (!seal[3]) hash.add(`${line}\n`);
    }
    return `${out.join('\n')}\n`;
  }

  it('verifies with the key (counted keyed), and an edit in it is still caught', async () => {
    const key = Buffer.from('the auditor\'s key');
    const file = tempLog();
    await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 2500)], { key });
    const legacy = legacyKeyed(fs.readFileSync(file, 'utf8'), key);
    assert.doesNotMatch(legacy, /chain=/);
    fs.writeFileSync(file, legacy);
    const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });
    assert.deepEqual(report.breaks, []);
    assert.deepEqual(report.recordings.map((r) => r.chain), ['hmac']);
    assert.equal(report.unkeyed, 0);
    // The same resealing with another key (what the log's owner can do without it) is no legacy keyed log.
    fs.writeFileSync(file, legacyKeyed(legacy, Buffer.from('another key')));
    assert.notDeepEqual(kinds(file, key), []);
    for (const at of [100, 1500, 2400]) {
      fs.writeFileSync(file, legacy.replace(`AAAAAAAAAA line ${at}\n`, `AAAAAAAAAA line ${at} (edited)\n`));
      assert.deepEqual(kinds(file, key), ['edited']);
    }
  });
});

describe('a recording without its start', () => {
  it('after the oldest file, opened by anything but a lost event, is forged (without a key too)', async () => {
    const file = tempLog();
    await writeInterleaved(file, [recording('AAAAAAAAAA', 0, 3000)], { maxBytes: 64 * 1024 });
    const files = logFilesInOrder(file);
    assert.ok(files.length > 2, 'it rotated');
    assert.deepEqual(kinds(file), []);
    const text = fs.readFileSync(files[1]!, 'utf8');
    const stamp = text.slice(0, text.indexOf(' '));
    const h = externalStopHash('0', 'FAKEFAKE01', 'lost');
    const invented = (opening: string) => `${stamp} ann main:0.5 * ${opening}\n${stamp} ann main:0.5 | rm -rf / done by ann\n${stamp} ann main:0.5 * stop rec=FAKEFAKE01 reason=lost p=0 h=${h}\n`;
    fs.writeFileSync(files[1]!, invented('rename rec=FAKEFAKE01 name=x') + text);
    assert.deepEqual(kinds(file), ['forged event']);
    // A start that went with a removed log: a lost event opens what is left. Unsealed: forged; only with the older
    // rules asked for (`verify --older`) is it read as an older tmux-audit's and said so (without a key anyone can
    // seal one anyway, below).
    fs.writeFileSync(files[1]!, invented('lost rec=FAKEFAKE01 what=file') + text);
    assert.deepEqual(kinds(file), ['forged event']);
    const older = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { older: true });
    assert.deepEqual([older.breaks, older.olderLost], [[], 1]);
    // Sealed (without a key anyone can: bound by its plain stop, counted plain, named under --require-key).
    const lost = `${stamp} ann main:0.5 * lost rec=FAKEFAKE01 what=file\n`;
    const hash = new SegmentHash('0');
    hash.add(lost);
    fs.writeFileSync(files[1]!, invented(`lost rec=FAKEFAKE01 what=file\n${stamp} ann main:0.5 * seal rec=FAKEFAKE01 n=1 p=0 h=${hash.digest()}`) + text);
    assert.deepEqual(kinds(file), []);
    // In the oldest file: its start may have been pruned.
    fs.writeFileSync(files[1]!, text);
    fs.writeFileSync(files[0]!, fs.readFileSync(files[0]!, 'utf8') + invented('rename rec=FAKEFAKE01 name=x'));
    assert.deepEqual(kinds(file), []);
  });
});
