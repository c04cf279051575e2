// A log written with a custom @audit-time-format whose stamps are no instants
// (`HH:mm:ss`: no date, no offset): verify's time checks read the log's times
// from the seals' `t=` (chain/epoch-stamps.ts), not from stamps that go back at
// midnight and read as 1 Jan 1970 (issue 13: false `deleted`/`reordered`).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { stampsAreEpoch } from '../../src/chain/epoch-stamps.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { cliResult } from '../support/cli.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const CLOCK = 'HH:mm:ss';
const key = Buffer.from('a secret of the auditor');
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });

/**
 * Two panes through their own sinks into one log rotating at 60 K, at most 3 files kept: A floods from a
 * second before local midnight (its stamps go from 23:59:59 to 00:00:00), B starts ten minutes on and floods
 * too; A's start is pruned. `older`: the readers write no `t=` (a log written before seals said it).
 */
async function customLog(options: { key?: Buffer; older?: boolean } = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-clock-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const sinkOf = (): FileSink => {
    const sink = new FileSink(file, new TextFormat(CLOCK), quietWriterOptions({ maxBytes: 60 * 1024, maxFiles: 3 }), { key: options.key });
    if (options.older) Object.assign(sink, { sealInstants: false });
    return sink;
  };
  const midnight = new Date(2026, 10, 26).getTime();
  const record = (rec: string, pane: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time, kind, text, ...(fields ? { fields } : {}) });
  const a = sinkOf();
  let t = midnight - 1000;
  a.write(record('AAAAAAAAAA', '0', t, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < 5000; i++) {
    a.write(record('AAAAAAAAAA', '0', (t += 3), 'line', `a ${i}`));
    if (i % 200 === 0) await flushed(a);
  }
  const b = sinkOf();
  t += 600_000;
  b.write(record('BBBBBBBBBB', '1', t, 'event', 'start', { by: 'ann' }));
  for (let i = 0; i < 2500; i++) {
    b.write(record('BBBBBBBBBB', '1', (t += 3), 'line', `b ${i}`));
    if (i % 10 === 0) a.write(record('AAAAAAAAAA', '0', t, 'line', `a more ${i}`));
    if (i % 200 === 0) await Promise.all([flushed(a), flushed(b)]);
  }
  b.write(record('BBBBBBBBBB', '1', (t += 3), 'event', 'stop', { reason: 'toggle' }));
  await b.close();
  a.write(record('AAAAAAAAAA', '0', (t += 3), 'event', 'stop', { reason: 'toggle' }));
  await a.close();
  return file;
}

const verify = (file: string, withKey?: Buffer) => verifyFiles(logFilesInOrder(file), CLOCK, { key: withKey });
const kinds = (file: string, withKey?: Buffer) => verify(file, withKey).breaks.map((found) => found.kind);
const allLines = (file: string) => logFilesInOrder(file).flatMap((name) => fs.readFileSync(name, 'utf8').split('\n').map((line, i) => ({ name, i, line })));

/** Rewrites line `i` of file `name` (lines as split on `\n`). */
function rewrite(name: string, i: number, edit: (line: string) => string | undefined): void {
  const lines = fs.readFileSync(name, 'utf8').split('\n');
  const to = edit(lines[i]!);
  if (to === undefined) lines.splice(i, 1);
  else lines[i] = to;
  fs.writeFileSync(name, lines.join('\n'));
}

describe('stamps that are no instants', () => {
  it('a format is taken as instants only with a full date, time and UTC offset', () => {
    assert.equal(stampsAreEpoch(DEFAULT_TIME_FORMAT), true);
    assert.equal(stampsAreEpoch('yyyy-MM-dd HH:mm:ss xxx'), true);
    for (const partial of ['HH:mm:ss', 'yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ss'xxx'", 'MMM d HH:mm:ss xxx', 'yyyy-MM-dd HH:mm xxx']) assert.equal(stampsAreEpoch(partial), false, partial);
  });

  for (const keyed of [false, true]) {
    it(`an honest rotating log of two panes across midnight verifies, its seals saying t= (${keyed ? 'keyed' : 'plain'})`, async () => {
      const file = await customLog({ key: keyed ? key : undefined });
      assert.ok(logFilesInOrder(file).length >= 3, 'rotated');
      const seals = allLines(file).filter(({ line }) => line.includes(' * seal rec='));
      assert.ok(seals.every(({ line }) => / t=\d{13}( e=[0-9a-f]{32})?$/.test(line)), seals[0]?.line);
      const report = verify(file, keyed ? key : undefined);
      assert.deepEqual(report.breaks, []);
      assert.equal(report.untimed, CLOCK);
      assert.deepEqual(report.recordings.map((r) => [r.rec, r.startMissing, r.ending]).sort(), [['AAAAAAAAAA', true, 'sealed'], ['BBBBBBBBBB', false, 'sealed']]);
    });
  }

  it('the command line: verify --time-format HH:mm:ss on two such logs: OK, exit 0, the skipped checks said once (stderr)', async () => {
    const file = await customLog({ key });
    const dir = path.dirname(file);
    for (const name of fs.readdirSync(dir)) if (name.startsWith('main.log')) fs.copyFileSync(path.join(dir, name), path.join(dir, name.replace('main.log', 'ops.log')));
    const keyFile = path.join(dir, '.chain.key');
    fs.writeFileSync(keyFile, key, { mode: 0o600 });
    // ops.log's seals were tagged for main.log (e= binds the live log's name): checked without the key.
    const result = cliResult(['verify', '--dir', dir, '--time-format', CLOCK, file, path.join(dir, 'ops.log')]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^OK main: /m);
    assert.match(result.stdout, /^OK ops: /m);
    assert.equal(result.stderr.split('hold no full date and UTC offset').length, 2, result.stderr);
    const keyed = cliResult(['verify', '--dir', dir, '--time-format', CLOCK, '--key', keyFile, file]);
    assert.equal(keyed.status, 0, keyed.stdout + keyed.stderr);
  });

  it('a log whose format changed between recordings (default, then HH:mm:ss across midnight) verifies, read with either', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-clock-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const midnight = new Date(2026, 10, 26).getTime();
    let t = midnight - 20_000;
    for (const [rec, format] of [['DEFAULTFMT', DEFAULT_TIME_FORMAT], ['CLOCKFORMT', CLOCK]] as const) {
      const sink = new FileSink(file, new TextFormat(format), quietWriterOptions({ maxBytes: 40 * 1024 }), { key });
      const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf('0'), time: (t += 7), kind, text, ...(fields ? { fields } : {}) });
      sink.write(record('event', 'start', { by: 'ann' }));
      for (let i = 0; i < 2500; i++) {
        sink.write(record('line', `${rec} ${i}`));
        if (i % 200 === 0) await flushed(sink);
      }
      sink.write(record('event', 'stop', { reason: 'toggle' }));
      await sink.close();
    }
    for (const format of [CLOCK, DEFAULT_TIME_FORMAT]) assert.deepEqual(verifyFiles(logFilesInOrder(file), format, { key }).breaks, [], format);
  });

  it('an older log of that format (seals without t=) is checked as timed: only seals saying t= switch the time checks off, not the format verify is given', async () => {
    const file = await customLog({ older: true });
    assert.ok(!allLines(file).some(({ line }) => / t=\d/.test(line)));
    const report = verify(file);
    assert.equal(report.untimed, undefined);
    // Its HH:mm:ss stamps read as 1 Jan 1970 and go back at midnight: the time checks say so (the price of not
    // letting the verifier's format, which the log's owner sets, decide); nothing but time breaks.
    assert.ok(report.breaks.length > 0);
    assert.deepEqual([...new Set(report.breaks.map((found) => found.kind))].filter((kind) => kind !== 'reordered' && kind !== 'deleted'), []);
  });

  it('a start cut out of a later file is still named, by the seals\' t= (keyed)', async () => {
    const file = await customLog({ key });
    const lines = allLines(file);
    const start = lines.findIndex(({ line }) => line.includes(' * start rec=BBBBBBBBBB'));
    // B's start, its own seal and every line of B up to its next seal go (that seal then only sets the link).
    const next = lines.findIndex(({ line }, at) => at > start + 1 && line.includes(' * seal rec=BBBBBBBBBB'));
    for (const name of logFilesInOrder(file)) {
      const kept = lines.filter(({ name: of, line }, at) => of === name && (at < start || at >= next || !line.includes(' main:0.1 ') || line.includes(' * head ')));
      fs.writeFileSync(name, kept.map(({ line }) => line).join('\n'));
    }
    const report = verify(file, key);
    assert.deepEqual(report.breaks.map((found) => [found.kind, found.rec]), [['deleted', 'BBBBBBBBBB']]);
  });

  it('a seal\'s t= edited or taken out is an edit (keyed)', async () => {
    const file = await customLog({ key });
    const seal = allLines(file).filter(({ line }) => line.includes(' * seal rec=AAAAAAAAAA'))[3]!;
    const clean = fs.readFileSync(seal.name, 'utf8');
    rewrite(seal.name, seal.i, (line) => line.replace(/ t=(\d+)/, (_, t: string) => ` t=${Number(t) - 3_600_000}`));
    assert.ok(kinds(file, key).includes('edited'));
    fs.writeFileSync(seal.name, clean);
    rewrite(seal.name, seal.i, (line) => line.replace(/ t=\d+/, ''));
    assert.ok(kinds(file, key).includes('edited'));
    fs.writeFileSync(seal.name, clean);
    rewrite(seal.name, seal.i, (line) => line.replace(/ t=(\d+)/, ' t=x1'));
    assert.ok(kinds(file, key).length > 0);
    fs.writeFileSync(seal.name, clean);
    assert.deepEqual(kinds(file, key), []);
  });

  it('an edited line is still caught', async () => {
    const file = await customLog();
    const victim = allLines(file).find(({ line }) => line.endsWith('| b 1500'))!;
    rewrite(victim.name, victim.i, (line) => line.replace('b 1500', 'b 1501'));
    assert.deepEqual(kinds(file), ['edited']);
  });
});
