// A seal replayed from a pruned file, where the log's times are not read from
// its lines (issue 13, review of trust13a, F1 and F2): whether a log is untimed
// is the log's to say (its seals' t=), not the time format verify is given
// (which the log's owner sets); and an untimed log keeps the replay check, by
// the seals' t= (chain/replayed-seal.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { besidesDigest } from '../support/digest-break.ts';
import { cliResult } from '../support/cli.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.from('one key for the whole server');
const LOCAL = 'yyyy-MM-dd HH:mm:ss';
/** Reads every `+00:00` stamp of a default-format log (the offset a quoted literal): no instants, by the format alone. */
const FLIPPED = "yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'";
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });

/**
 * A keyed log in `format` (rotating at 16 K): an earlier recording (pane 1), an hour later another; then every
 * file holding anything of the earlier one pruned. Its last seal and stop, as saved before: `replayed`.
 */
async function prunedWithSavedSeal(format: string, keepStop = false): Promise<{ file: string; replayed: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-replay-untimed-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const at = Date.UTC(2026, 10, 26, 9);
  for (const [rec, lines, from, pane] of [['EARLIER001', 1500, at, '1'], ['LATER00001', 2600, at + 3_600_000, '0']] as const) {
    const sink = new FileSink(file, new TextFormat(format), quietWriterOptions({ maxBytes: 16 * 1024 }), { key });
    let t = from;
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time: (t += 20), kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= lines; i++) {
      sink.write(record('line', `main ${i}`));
      if (i % 100 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
  }
  const all = logFilesInOrder(file).flatMap((name) => fs.readFileSync(name, 'utf8').split('\n'));
  const stop = all.findIndex((line) => line.includes(' * stop rec=EARLIER001 '));
  const replayed = [all[stop - 1]!, all[stop]!];
  assert.match(replayed[0]!, / \* seal rec=EARLIER001 .* end=stop( t=\d+)? e=[0-9a-f]+$/);
  const files = logFilesInOrder(file);
  const keep = keepStop ? files.findIndex((name) => fs.readFileSync(name, 'utf8').includes(' * stop rec=EARLIER001 ')) : files.findIndex((name) => !fs.readFileSync(name, 'utf8').includes(' main:0.1 '));
  for (const name of files.slice(0, keep)) fs.rmSync(name);
  return { file, replayed };
}

/** The same log, pruned only up to the file holding the earlier recording's stop (that file kept: its honest last stretch). */
async function prunedWithSavedSealKeeping(format: string): Promise<string> {
  const { file } = await prunedWithSavedSeal(format, true);
  return file;
}

/** Three made-up lines stamped and placed as the seal, then the seal and its stop, after the oldest file's first line. */
function plant(file: string, replayed: string[]): void {
  const target = logFilesInOrder(file)[0]!;
  const head = replayed[0]!.slice(0, replayed[0]!.indexOf(' * seal '));
  const lines = fs.readFileSync(target, 'utf8').split('\n');
  lines.splice(1, 0, ...[0, 1, 2].map((i) => `${head} | scp /etc/shadow evil: ${i}`), ...replayed);
  fs.writeFileSync(target, lines.join('\n'));
}

const strict = (file: string, format: string) => verifyFiles(logFilesInOrder(file), format, { key, requireKey: true });
const replayBreaks = (file: string, format: string) => {
  const report = strict(file, format);
  return { report, found: besidesDigest(report.breaks).map((found) => [found.kind, found.rec, found.detail.includes('from a file since pruned')]) };
};

describe('a replayed seal in a log whose lines are read as no instants', () => {
  it('F1: a default-format log read with a format that makes its stamps no instants stays timed: the replay is a forged event', async () => {
    const { file, replayed } = await prunedWithSavedSeal(DEFAULT_TIME_FORMAT);
    plant(file, replayed);
    for (const format of [DEFAULT_TIME_FORMAT, FLIPPED]) {
      const { report, found } = replayBreaks(file, format);
      assert.deepEqual(found, [['forged event', 'EARLIER001', true]], `${format}: ${summaryLine('main', report)}`);
      assert.equal(report.untimed, undefined, format);
    }
  });

  it('F1: the command line: --time-format that reads the offset as text changes nothing (exit 1, no note on stderr)', async () => {
    const { file, replayed } = await prunedWithSavedSeal(DEFAULT_TIME_FORMAT);
    plant(file, replayed);
    const keyFile = path.join(path.dirname(file), '.chain.key');
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    const result = cliResult(['verify', '--dir', path.dirname(file), '--time-format', FLIPPED, '--key', keyFile, '--require-key']);
    assert.equal(result.status, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /forged event \(rec EARLIER001\)/);
    assert.doesNotMatch(result.stderr, /no full date/);
  });

  it('an honest log in a local-date format pruned up to the file with the earlier recording\'s last lines, seal and stop: OK (no replay)', async () => {
    // A final review's false alarm: that file holds the earlier recording's honest last stretch, its last seal (t=)
    // and, an hour later, the next recording; lines have no time, so nothing tells them from made-up lines put
    // before a replayed seal: only a seal with nothing before it in the oldest file is held against the seals' t=.
    const file = await prunedWithSavedSealKeeping(LOCAL);
    // With the rotated files' head marks (the oldest file's mark is its start).
    assert.ok(fs.readFileSync(logFilesInOrder(file)[0]!, 'utf8').split('\n')[1]!.includes(' main:0.1 | '), 'the oldest file opens with the earlier recording\'s lines');
    const report = strict(file, LOCAL);
    assert.equal(report.untimed, LOCAL);
    assert.deepEqual(report.breaks, [], summaryLine('main', report));
    // Its marks taken out (a mark's write fails on a full disk): the rotated-files ledger still names the rotations
    // under the key, so the oldest file is not taken for the log's first.
    for (const name of logFilesInOrder(file)) fs.writeFileSync(name, fs.readFileSync(name, 'utf8').replace(/^.* \* head .*\n/gm, ''));
    const unmarked = strict(file, LOCAL);
    assert.deepEqual(unmarked.breaks, [], summaryLine('main', unmarked));
    // And the ledger removed too: no v=3 keyed writer rotates without a mark or a ledger line, so the oldest file reads
    // as the log's first, and the earlier recording's start as taken out of it (a log written before marks says no v=3).
    const ledger = path.join(path.dirname(file), `.${path.basename(file)}.rotated`);
    assert.ok(fs.existsSync(ledger), 'the rotations noted in the ledger');
    fs.rmSync(ledger);
    const unsaid = strict(file, LOCAL);
    assert.deepEqual(unsaid.breaks.map((b) => [b.kind, b.rec]), [['deleted', 'EARLIER001']], summaryLine('main', unsaid));
  });

  it('F2: an honest pruned log in a local-date format (seals say t=) verifies; the seal replayed into it is a forged event, by the seals\' t=', async () => {
    const { file, replayed } = await prunedWithSavedSeal(LOCAL);
    assert.match(replayed[0]!, / t=\d{13} e=/);
    const clean = strict(file, LOCAL);
    assert.deepEqual(clean.breaks, [], summaryLine('main', clean));
    assert.equal(clean.untimed, LOCAL);
    plant(file, replayed);
    const { report, found } = replayBreaks(file, LOCAL);
    assert.equal(report.untimed, LOCAL);
    assert.deepEqual(found, [['forged event', 'EARLIER001', true]], summaryLine('main', report));
  });
});
