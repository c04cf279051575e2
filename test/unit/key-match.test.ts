// `verify --key` with a key that is not the log's: said once (`wrong key`),
// not as every keyed seal `edited`; the log then checked as without a key.
// With the right key, seals that fail are each still named.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { flushed } from '../support/sink-flushed.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = Buffer.from('the auditor\'s key');
const WRONG = Buffer.from('not the key');
const T0 = Date.UTC(2026, 10, 25, 12);

/** Recordings (rec, pane, lines, keyed) written one after another through real sinks into one log rotating at 64 K. */
async function log(recordings: [string, string, number, boolean][]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-keymatch-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  let t = T0;
  for (const [rec, pane, lines, keyed] of recordings) {
    const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` };
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 64 * 1024 }), { key: keyed ? KEY : undefined });
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time: ++t, kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 0; i < lines; i++) {
      sink.write(record('line', `${rec} line ${i}`));
      if (i % 300 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
  }
  return file;
}

const verify = (file: string, key?: Buffer) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key });
/** What a wrong-looking key still shows is said after the rest, each marked (commands/verify.ts UNDER_KEY). */
const UNDER_KEY = /^if the key is the log's after all: /;
const kinds = (file: string, key?: Buffer) => verify(file, key).breaks.filter((found) => !UNDER_KEY.test(found.detail)).map((found) => found.kind);

/** Edits line `at` (0-based, over the log's files in order) with `edit`; undefined removes it. */
function editLine(file: string, match: (line: string) => boolean, edit: (line: string) => string | undefined): void {
  for (const name of logFilesInOrder(file)) {
    const lines = fs.readFileSync(name, 'utf8').split('\n');
    const at = lines.findIndex(match);
    if (at < 0) continue;
    const to = edit(lines[at]!);
    if (to === undefined) lines.splice(at, 1);
    else lines[at] = to;
    fs.writeFileSync(name, lines.join('\n'));
    return;
  }
  throw new Error('no such line');
}

describe('verify with a key that is not the log\'s', () => {
  it('says so once, not a break per seal, and exits as tampered', async () => {
    const file = await log([['AAAAAAAAAA', '0', 5000, true], ['BBBBBBBBBB', '1', 1500, true]]);
    assert.ok(logFilesInOrder(file).length > 2, 'rotated');
    assert.deepEqual(kinds(file, KEY), []);
    const report = verify(file, WRONG);
    assert.deepEqual(report.breaks.filter((found) => !UNDER_KEY.test(found.detail)).map((found) => found.kind), ['wrong key']);
    assert.match(report.breaks[0]!.detail, /none of the log's \d+ keyed seal\(s\) holds under this key/);
    assert.equal(report.needKey, 2);
    // What the key shows (every seal failing) is still said, the first ten of it and a count: not a flood.
    const under = report.breaks.filter((found) => UNDER_KEY.test(found.detail));
    assert.equal(under.length, 11, under.map((found) => found.detail).join('\n'));
    assert.match(under[10]!.detail, /and \d+ more break\(s\) like these/);
  });

  // Head marks hold under the right key only: under another, each was listed as a forged event beside `wrong key`
  // (chain/key-match.ts counts them now). They hold under the right key, and one holding says the key is the log's.
  it('the head marks of a rotated log are counted in the wrong key\'s break, not listed; under the right key they hold', async () => {
    const file = await log([['AAAAAAAAAA', '0', 5000, true]]);
    const marks = logFilesInOrder(file).flatMap((name) => fs.readFileSync(name, 'utf8').split('\n')).filter((line) => / \* head rec=/.test(line)).length;
    assert.ok(marks >= 2, `${marks} head marks`);
    assert.deepEqual(verify(file, KEY).breaks, []);
    const report = verify(file, WRONG);
    assert.deepEqual(report.breaks.filter((found) => /head mark/.test(found.detail)).map((found) => found.detail), [report.breaks[0]!.detail]);
    assert.equal(report.breaks[0]!.kind, 'wrong key');
    assert.match(report.breaks[0]!.detail, new RegExp(`nor any of its ${marks} head mark\\(s\\)`));
  });

  it('what the log shows without a key is still named beside it (a line removed)', async () => {
    const file = await log([['AAAAAAAAAA', '0', 3000, true]]);
    editLine(file, (line) => line.endsWith('| AAAAAAAAAA line 1500'), () => undefined);
    assert.deepEqual(kinds(file, WRONG), ['wrong key', 'deleted']);
  });

  it('plain recordings beside keyed ones are checked as plain', async () => {
    const file = await log([['PLAINPLAIN', '0', 1200, false], ['AAAAAAAAAA', '1', 1200, true]]);
    assert.deepEqual(kinds(file, WRONG), ['wrong key']);
    editLine(file, (line) => line.endsWith('| PLAINPLAIN line 600'), (line) => line.replace('600', '601'));
    assert.deepEqual(kinds(file, WRONG), ['wrong key', 'edited']);
  });

  it('with the right key, a log where some seals fail names each one', async () => {
    const file = await log([['AAAAAAAAAA', '0', 5000, true]]);
    // Two seals' own lines edited (their stamps): each is named, and the key is not called wrong.
    for (const n of [2, 4]) {
      let seen = 0;
      editLine(file, (line) => line.includes(' * seal rec=AAAAAAAAAA') && ++seen === n, (line) => line.replace(/^(\S+?)\.(\d)/, (_, head: string, digit: string) => `${head}.${(Number(digit) + 1) % 10}`));
    }
    const found = kinds(file, KEY);
    assert.ok(found.filter((kind) => kind === 'edited').length >= 2 && !found.includes('wrong key'), found.join());
    assert.ok(!kinds(file, WRONG).includes('edited'));
  });

  it('every e= rewritten by someone without the key is no "wrong key" with the right one: each is named, with the renamed hint', async () => {
    const file = await log([['AAAAAAAAAA', '0', 2500, true]]);
    for (const name of logFilesInOrder(file)) fs.writeFileSync(name, fs.readFileSync(name, 'utf8').replace(/ e=[0-9a-f]{32}$/gm, ` e=${'a'.repeat(32)}`));
    const report = verify(file, KEY);
    const seals = logFilesInOrder(file).flatMap((name) => fs.readFileSync(name, 'utf8').split('\n')).filter((line) => line.includes(' * seal rec=')).length;
    // Each seal's e= named (its line is also hashed by the next seal: that stretch too), the key not called wrong;
    // the rotated files' head marks, whose e= was rewritten too, are named on their own (chain/head-mark.ts).
    const notMarks = report.breaks.filter((found) => !found.detail.includes('head mark'));
    assert.ok(notMarks.length < report.breaks.length, 'the head marks named');
    assert.ok(notMarks.every((found) => found.kind === 'edited'), report.breaks.map((found) => found.kind).join());
    assert.equal(report.breaks.filter((found) => found.detail.includes('renamed from another log')).length, seals);
    assert.equal(report.needKey, 0);
  });

  it('who started each recording edited and every stretch broken (s= digits), no key needed: the edit is still named under the right key', async () => {
    // A review's attack on "wrong key": breaking every stretch's hash leaves no seal holding by its hash under the
    // right key either, so it reads as wrong; what the key shows must still be said, or the by= edit goes unnamed.
    const file = await log([['AAAAAAAAAA', '0', 2500, true]]);
    for (const name of logFilesInOrder(file)) {
      const text = fs.readFileSync(name, 'utf8');
      fs.writeFileSync(name, text.replace(/( \* start rec=[A-Z0-9]+ by=)ann/g, '$1bob').replace(/( \* seal .* s=[0-9]+)1 /g, '$12 '));
    }
    const report = verify(file, KEY);
    assert.ok(report.breaks.length > 0);
    const named = report.breaks.filter((found) => found.kind === 'edited' || found.kind === 'inserted');
    assert.ok(named.length > 0, report.breaks.map((found) => `${found.kind} ${found.detail}`).join('\n'));
    // The first stretch (start to first seal) is named where the start is.
    const start = fs.readFileSync(logFilesInOrder(file)[0]!, 'utf8').split('\n').findIndex((line) => line.includes(' * start rec=AAAAAAAAAA by=bob')) + 1;
    assert.ok(report.breaks.some((found) => found.line <= start + 1 && found.kind !== 'wrong key'), report.breaks.map((found) => `${found.kind} ${found.file}:${found.line}`).join('\n'));
  });

  it('every e= rewritten in a log whose starts were all pruned: still no "wrong key" with the right one (e= made again under it)', async () => {
    const file = await log([['AAAAAAAAAA', '0', 6000, true]]);
    const names = logFilesInOrder(file);
    assert.ok(names.length > 3, 'rotated');
    fs.rmSync(names[0]!);
    assert.deepEqual(kinds(file, KEY), []);
    for (const name of logFilesInOrder(file)) fs.writeFileSync(name, fs.readFileSync(name, 'utf8').replace(/ e=[0-9a-f]{32}$/gm, ` e=${'a'.repeat(32)}`));
    const found = kinds(file, KEY);
    assert.ok(found.length > 0 && !found.includes('wrong key'), found.join());
    assert.equal(kinds(file, WRONG)[0], 'wrong key');
  });

  it('an honest log whose files were renamed to another log\'s name: each e= named with the hint, nothing else', async () => {
    const file = await log([['AAAAAAAAAA', '0', 2500, true]]);
    const names = logFilesInOrder(file);
    for (const name of names) fs.renameSync(name, name.replace('main.log', 'ops.log'));
    const moved = logFilesInOrder(path.join(path.dirname(file), 'ops.log'));
    assert.equal(moved.length, names.length);
    const report = verifyFiles(moved, DEFAULT_TIME_FORMAT, { key: KEY });
    assert.ok(report.breaks.length > 0);
    // Each head mark (it binds the live name too) is named as not holding: known, see the note of this change.
    const notMarks = report.breaks.filter((found) => !found.detail.includes('head mark'));
    assert.ok(notMarks.every((found) => found.kind === 'edited' && found.detail.includes('renamed from another log')), JSON.stringify(notMarks[0]));
  });

  it('a line edited and then every e= rewritten (review F4): the edited stretch and each e= named, --require-key kept', async () => {
    const file = await log([['PLAINPLAIN', '1', 300, false], ['AAAAAAAAAA', '0', 2500, true]]);
    editLine(file, (line) => line.endsWith('| AAAAAAAAAA line 1200'), (line) => line.replace('1200', '1299'));
    for (const name of logFilesInOrder(file)) fs.writeFileSync(name, fs.readFileSync(name, 'utf8').replace(/ e=[0-9a-f]{32}$/gm, ` e=${'0'.repeat(32)}`));
    const report = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true });
    const found = report.breaks.map((b) => b.kind);
    assert.ok(!found.includes('wrong key'), found.join());
    assert.ok(report.breaks.some((b) => b.kind === 'edited' && b.detail !== undefined && !b.detail.includes(' e=') && b.rec === 'AAAAAAAAAA'), JSON.stringify(report.breaks.slice(0, 3)));
    assert.ok(report.breaks.filter((b) => b.detail.includes('renamed from another log')).length >= 2);
    assert.ok(found.includes('unkeyed'), found.join());
  });

  it('a made-up keyed seal added to a plain log: "wrong key", and --require-key still names each plain recording', async () => {
    const file = await log([['PLAINPLAIN', '0', 300, false], ['PLAINTWO00', '1', 300, false]]);
    const before = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks.map((b) => b.kind);
    assert.deepEqual(before, ['unkeyed', 'unkeyed']);
    const live = logFilesInOrder(file).at(-1)!;
    fs.appendFileSync(live, `${new Date(T0 + 9_000_000).toISOString().replace('Z', '+00:00')} ann main:0.5 * seal rec=MADEUP0001 n=1 p=0 h=${'b'.repeat(64)} s=${T0} v=3 chain=hmac e=${'c'.repeat(32)}\n`);
    const found = verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks.map((b) => b.kind);
    assert.equal(found[0], 'wrong key');
    assert.equal(found.filter((kind) => kind === 'unkeyed').length >= 2, true, found.join());
  });
});
