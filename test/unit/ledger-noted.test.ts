// The rotated-files ledger keeps its newer entries only, some 1,600 under a key (rotated-ledger.ts). An idle pane's
// reader whose last seal went into a file that a busy pane then rotated past that many times (and @audit-max-files
// pruned), then SIGKILLed: its stop asked the ledger about that file, found no entry, said `away=1`, and verify
// named the honest log's recording `missing file` (issue 13, reasoned the stop before). Now the ledger keeps the
// entries the readers' seal notes name (noted-files.ts). And a note never makes an entry: the seal's file removed,
// then the reader killed, still says away=1.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { externalStopFields, noteSealLink, sealFilePath } from '../../src/chain/external-stop.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { LEDGER_BYTES, noteRotated, rotatedLedgerPath, trimmed } from '../../src/sinks/file/rotated-ledger.ts';
import { noteHeldFile } from '../../src/sinks/file/noted-files.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from('the auditor\'s key');
const format = new TextFormat(DEFAULT_TIME_FORMAT);
const place = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
const record = (rec: string, pane: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: place(pane), time, kind, text, ...(fields ? { fields } : {}) });

/** A pane's real sink on `log`, noting its seals and the file it holds beside `runFile` as the reader does (commands/pipe.ts). */
function paneSink(log: string, runFile: string | undefined, maxBytes: number): { sink: FileSink; noted: () => number } {
  let count = 0;
  const onOpened = runFile === undefined ? undefined : (identity: string) => noteHeldFile(runFile, identity);
  const sink = new FileSink(log, format, { ...quietWriterOptions({ maxBytes, maxFiles: 2, compress: false, ledgerKey: KEY, onOpened }), directory: undefined }, {
    key: KEY,
    onSealed: (link, file, line, offset) => {
      if (runFile !== undefined) noteSealLink(runFile, link, file, line, offset);
      count++;
    },
  });
  return { sink, noted: () => count };
}

/**
 * A busy pane's real sink on `log`, rotating 1 KB files: `rotate` writes until `until()`, `trim` fills the ledger up
 * to its limit and rotates until the writer trims it. The limit needs some 3,300 rotations (a test of a minute: the
 * writer waits for company before each write), so the rotations past the first few are stood for by their entries,
 * written as a rotation writes them (noteRotated, tagged under the key).
 */
function busyPane(log: string, now: number) {
  const busy = paneSink(log, undefined, 1024);
  busy.sink.write(record('BUSYREC001', '1', now, 'event', 'start', { by: 'ann' }));
  const ledger = rotatedLedgerPath(log);
  const rotations = (): number => fs.readFileSync(ledger, 'utf8').split('\n').length - 1;
  let line = 0;
  const rotate = async (until: () => boolean): Promise<void> => {
    while (!until()) {
      for (let i = 0; i < 20; i++, line++) busy.sink.write(record('BUSYREC001', '1', now + 1 + Math.floor(line / 100), 'line', `busy ${line} ${'x'.repeat(60)}`));
      await flushed(busy.sink);
      assert.ok(line < 100_000, 'the ledger was never trimmed');
    }
  };
  const trim = async (): Promise<void> => {
    const fd = fs.openSync(log, 'r');
    const stat = fs.fstatSync(fd);
    fs.closeSync(fd);
    for (let ino = 1; fs.statSync(ledger).size < LEDGER_BYTES - 2048; ino++) noteRotated(log, { ...stat, dev: 0, ino, birthtimeMs: ino } as fs.Stats, KEY);
    const full = rotations();
    await rotate(() => rotations() < full);
  };
  return { sink: busy.sink, rotate, trim, rotated: (): number => (fs.existsSync(ledger) ? rotations() : 0) };
}

describe('the ledger past its limit and an idle reader\'s last seal (keyed)', () => {
  for (const how of ['honest', 'its seal\'s file removed'] as const) {
    it(`${how}: the idle reader killed after a busy pane rotated its file past the ledger's limit and it was pruned: ${how === 'honest' ? 'no away=, verify clean' : 'away=1 all the same'}`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-ledger-noted-'));
      dirs.push(dir);
      fs.mkdirSync(path.join(dir, '.run'), { mode: 0o700 });
      const log = path.join(dir, 'main.log');
      const runFile = path.join(dir, '.run', '1-0.json');
      const keyFile = path.join(dir, 'key');
      fs.writeFileSync(keyFile, KEY, { mode: 0o600 });
      const now = Date.now();
      const idle = paneSink(log, runFile, 1 << 30);
      idle.sink.write(record('IDLEREC001', '0', now, 'event', 'start', { by: 'ann' }));
      idle.sink.write(record('IDLEREC001', '0', now, 'line', 'idle-before'));
      idle.sink.flush();
      await waitFor('the idle reader\'s seal noted with its file', () => idle.noted() > 0 && /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(fs.readFileSync(sealFilePath(runFile), 'utf8')));
      const sealFile = fs.readFileSync(sealFilePath(runFile), 'utf8').split(' ')[1]!;
      if (how !== 'honest') fs.rmSync(log);
      // The busy pane rotates: the idle reader's file first, then more, past the ledger's limit.
      const busy = busyPane(log, now);
      await busy.rotate(() => busy.rotated() >= 5);
      await busy.trim();
      await busy.sink.close();
      assert.ok(!logFilesInOrder(log).some((file) => fs.readFileSync(file, 'utf8').includes('| idle-before')), 'the idle pane\'s lines went with pruned files');
      // SIGKILLed: the stop recover writes (commands/recover.ts).
      const bound = externalStopFields(runFile, 'IDLEREC001', 'reader-died', keyFile, log);
      if (how !== 'honest') {
        assert.equal(bound.away, '1', `${sealFile}: removed, not rotated`);
        return;
      }
      assert.equal(bound.away, undefined, `${sealFile}: rotated, its ledger entry kept while its reader's note names it`);
      fs.appendFileSync(log, format.format(record('IDLEREC001', '0', Date.now(), 'event', 'stop', { reason: 'reader-died', signal: 'SIGKILL', ...bound })));
      const report = verifyFiles(logFilesInOrder(log), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true });
      assert.deepEqual(report.breaks, []);
    });
  }
});

// A living idle reader, not killed: between its reopening into the file at the path and its next seal there (a
// minute at most), the file it holds is not the one its seal note names. A busy pane rotating that file past the
// ledger's limit then trimmed its entry, and the idle reader's next look (its next line, or its seal) found the file
// it holds named nowhere: a `lost` event in an honest log (verify counts a removal that never was). Now each reader
// notes the file it holds too (`.held`, beside its seal note), and the ledger keeps that entry as well.
describe('the ledger past its limit and an idle reader that lives on (keyed)', () => {
  it('its file rotated past the ledger\'s limit while it wrote there unsealed: no lost event, verify clean', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-ledger-held-'));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, '.run'), { mode: 0o700 });
    const log = path.join(dir, 'main.log');
    const runFile = path.join(dir, '.run', '1-0.json');
    const now = Date.now();
    const idle = paneSink(log, runFile, 1 << 30);
    idle.sink.write(record('IDLEREC001', '0', now, 'event', 'start', { by: 'ann' }));
    await flushed(idle.sink);
    await waitFor('the idle reader\'s start seal noted with its file', () => idle.noted() > 0 && /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(fs.readFileSync(sealFilePath(runFile), 'utf8')));
    const sealFile = fs.readFileSync(sealFilePath(runFile), 'utf8').split(' ')[1]!;
    // Its last look was before its last write.
    const idleLook = performance.now();
    const busy = busyPane(log, now);
    // The idle reader's file rotated away; its next line looks (more than CHECK_MS after its last look: the
    // rotations take longer), follows the rotation and lands in the file at the path, unsealed.
    await busy.rotate(() => busy.rotated() >= 3);
    const held = (): string => {
      const fd = fs.openSync(log, 'r');
      try {
        return `${fs.fstatSync(fd).dev}:${fs.fstatSync(fd).ino}:${Math.round(fs.fstatSync(fd).birthtimeMs)}`;
      } finally {
        fs.closeSync(fd);
      }
    };
    await waitFor('a look of the idle reader\'s is due', () => performance.now() - idleLook >= 200);
    idle.sink.write(record('IDLEREC001', '0', now + 1, 'line', 'idle-after-rotation'));
    await flushed(idle.sink);
    const there = held();
    assert.ok(fs.readFileSync(log, 'utf8').includes('| idle-after-rotation'), 'the idle reader\'s line is in the file at the path');
    assert.notEqual(there, sealFile, 'the file it holds is not the one its seal note names');
    // That file rotated, then the ledger filled past its limit (the rotations past the first few stood for by
    // their entries, written as a rotation writes them) and trimmed by the busy writer's rotations.
    await busy.rotate(() => held() !== there);
    await busy.trim();
    // The idle reader's next line (its seal, a minute on, looks the same way).
    idle.sink.write(record('IDLEREC001', '0', now + 2, 'line', 'idle-later'));
    await flushed(idle.sink);
    await idle.sink.close();
    await busy.sink.close();
    const files = logFilesInOrder(log);
    assert.ok(!files.some((file) => / \* lost /.test(fs.readFileSync(file, 'utf8'))), 'no lost event in the honest log');
    const report = verifyFiles(files, DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true });
    assert.deepEqual(report.breaks, []);
    assert.equal(report.lost, 0);
  });
});

describe('the ledger\'s trimming', () => {
  it('keeps its newest entries and the older ones a note names, in order', () => {
    const entries = ['1:1:1 a', '1:2:1 b', '1:3:1 c', '1:4:1 d', '1:5:1 e'];
    assert.deepEqual(trimmed(entries, 2, new Set(['1:2:1', '9:9:9'])), ['1:2:1 b', '1:4:1 d', '1:5:1 e']);
    assert.deepEqual(trimmed(entries, 2, new Set()), ['1:4:1 d', '1:5:1 e']);
  });
});
