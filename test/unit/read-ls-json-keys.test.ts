// `ls` over a JSON log (`@audit-format json`) whose lines a log shipper or a
// `jq` rewrite has re-spelled: keys in another order than the writer's (the
// event's `fields` too), blanks around `:` and `,`, letters as `\u` escapes. The reading commands read
// a JSON line by its values (line.ts), not by the writer's spelling: `ls`
// must count the same lines, recordings and users, and find the same first
// and last times, as over the log as written (a property); `grep --user` and
// `show` find the recordings `ls` counts.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { JsonFormat } from '../../src/format/json.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { listLogs } from '../../src/read/files.ts';
import { summarizeLog, type LogSummary } from '../../src/read/summary.ts';
import { cli } from '../support/cli.ts';
import { withTempDir } from '../support/util.ts';

const BASE = Date.UTC(2026, 10, 24, 8, 0, 0);
const ROTATED = 'main.log.20261124T090000.000Z';
const users = ['ann', 'bob', 'zed'] as const;
const place = (pane: string): Place => ({ server: '/tmp/tmux-0/default', session: 'main', window: '0', pane, paneId: `%${pane}` });

/** One record of a pane's recording: a start (by someone), printed lines, a stop. */
const record = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...users), fc.constantFrom(...users), fc.constantFrom('0', '1'), fc.constantFrom('AAAAAAAAAA', 'BBBBBBBBBB', 'C"q\\uote')).map(([user, by, pane, rec]): AuditRecord => ({ time: 0, user, place: place(pane), rec, kind: 'event', text: 'start', fields: { by, pane: `%${pane}`, pid: 42, file: '/x/main.log' } })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...users), fc.constantFrom('0', '1'), fc.constantFrom('AAAAAAAAAA', 'BBBBBBBBBB')).map(([user, pane, rec]): AuditRecord => ({ time: 0, user, place: place(pane), rec, kind: 'event', text: 'stop', fields: { reason: 'toggle' } })) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...users), fc.constantFrom('0', '1'), fc.constantFrom('ls', '"kind":"event","text":"start",', '\x1b[1mbold\x1b[0m', 'start rec=X', '{"a":1}', 'café'))
      .map(([user, pane, text]): AuditRecord => ({ time: 0, user, place: place(pane), rec: 'AAAAAAAAAA', seq: 1, kind: 'line', text })),
  },
);

/**
 * A JSON value re-spelled: every object's keys in the order `order` gives (a
 * permutation per object), blanks or not, and, with `escaped`, each string's
 * first lower-case letter as a `\u` escape (`"\u0065vent"`: JSON.parse reads
 * it as `"event"`).
 */
function respell(value: unknown, order: () => number, blank: string, escaped = false): string {
  if (Array.isArray(value)) return `[${value.map((item) => respell(item, order, blank, escaped)).join(`,${blank}`)}]`;
  if (typeof value === 'string' && escaped && /[a-z]/.test(value)) {
    const at = value.search(/[a-z]/);
    return `${JSON.stringify(value.slice(0, at)).slice(0, -1)}\\u00${value.charCodeAt(at).toString(16)}${JSON.stringify(value.slice(at + 1)).slice(1)}`;
  }
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value);
  // A Fisher-Yates shuffle driven by the property's numbers.
  for (let i = entries.length - 1; i > 0; i--) {
    const j = order() % (i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return `{${entries.map(([key, item]) => `${respell(key, order, blank, escaped)}${blank}:${blank}${respell(item, order, blank, escaped)}`).join(`,${blank}`)}}`;
}

/** `records` as lines, JSON (or text, where `text` says), a second apart: the rotated file's, then the live one's. */
function write(files: AuditRecord[][], text: boolean[]): string[][] {
  const json = new JsonFormat('web1');
  const plain = new TextFormat(DEFAULT_TIME_FORMAT);
  let ms = BASE;
  let n = 0;
  return files.map((records) => records.map((record) => ((ms += 1000), (text[n++ % text.length] ? plain : json).format({ ...record, time: ms }))));
}

/** What `ls --json` says of the one log in `dir`, but for the paths (each directory has its own) and sizes (blanks add bytes). */
function listed(dir: string): Omit<LogSummary, 'live' | 'files' | 'bytes'> & { files: number } {
  const [set, ...others] = listLogs(dir);
  assert.equal(others.length, 0);
  const { live: _live, files, bytes: _bytes, ...summary } = summarizeLog(set!, DEFAULT_TIME_FORMAT);
  return { ...summary, files: files.length, recordingIds: [...summary.recordingIds].sort() };
}

function save(dir: string, files: string[][]): void {
  fs.mkdirSync(dir, { recursive: true });
  files.forEach((lines, index) => fs.writeFileSync(path.join(dir, index === files.length - 1 ? 'main.log' : ROTATED), lines.join('')));
}

describe('ls over JSON lines re-spelled', () => {
  it('keys in any order, blanks or not, per line: the same lines, recordings, users and times (a property)', () =>
    withTempDir('ls-json-keys', (root) => {
      fc.assert(
        fc.property(
          fc.array(fc.array(record, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 2 }),
          fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 64 }),
          fc.constantFrom('', ' ', '\t'),
          fc.boolean(),
          (records, text, numbers, blank, escaped) => {
            fs.rmSync(root, { recursive: true, force: true });
            const written = write(records, text);
            let next = 0;
            const order = () => numbers[next++ % numbers.length]!;
            const respelled = written.map((lines) => lines.map((line) => (line.startsWith('{') ? `${respell(JSON.parse(line), order, blank, escaped)}\n` : line)));
            save(path.join(root, 'as-written'), written);
            save(path.join(root, 'respelled'), respelled);
            const expected = listed(path.join(root, 'as-written'));
            assert.deepEqual(listed(path.join(root, 'respelled')), expected);
            // What was written: every start counted (none of the printed look-alikes).
            const starts = records.flat().filter((one) => one.kind === 'event' && one.text === 'start');
            assert.deepEqual(expected.recordingIds, [...new Set(starts.map((one) => one.rec))].sort());
          },
        ),
        { numRuns: 150 },
      );
    }));

  it('through the command line: `ls --json` the same; `grep --user` and `show` find what it counts', () =>
    withTempDir('ls-json-keys-cli', (root) => {
      const start = (user: string, by: string, rec: string): AuditRecord => ({ time: 0, user, place: place('0'), rec, kind: 'event', text: 'start', fields: { by, pane: '%0' } });
      const line = (text: string): AuditRecord => ({ time: 0, user: 'ann', place: place('0'), rec: 'AAAAAAAAAA', seq: 1, kind: 'line', text });
      const stop = (rec: string): AuditRecord => ({ time: 0, user: 'ann', place: place('0'), rec, kind: 'event', text: 'stop', fields: { reason: 'toggle' } });
      const written = write([[start('ann', 'bob', 'AAAAAAAAAA'), line('hello'), stop('AAAAAAAAAA')], [start('ann', 'zed', 'BBBBBBBBBB'), line('there'), stop('BBBBBBBBBB')]], [false]);
      // jq's `-c 'to_entries | reverse | from_entries'`, in effect: every key in reverse order.
      const reversed = (value: unknown): unknown =>
        typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)])) : value;
      const respelled = written.map((lines) => lines.map((one) => `${JSON.stringify(reversed(JSON.parse(one)))}\n`));
      assert.ok(respelled[0]![0]!.startsWith('{"fields":{"pane":"%0","by":"bob"},"text":"start","kind":"event"'), respelled[0]![0]);
      const asWritten = path.join(root, 'as-written');
      const dir = path.join(root, 'respelled');
      save(asWritten, written);
      save(dir, respelled);
      const ls = (from: string) => (JSON.parse(cli(['ls', '--json', '--dir', from])) as LogSummary[]).map(({ live: _l, files, ...rest }) => ({ ...rest, files: files.length }));
      assert.deepEqual(ls(dir), ls(asWritten));
      assert.deepEqual(
        ls(dir).map(({ recordings, users: seen }) => ({ recordings, users: seen })),
        [{ recordings: 2, users: ['ann', 'bob', 'zed'] }],
      );
      assert.match(cli(['grep', 'there', '--user', 'zed', '--dir', dir]), /there/);
      assert.match(cli(['show', 'BBBBBBBBBB', '--dir', dir]), /there/);
    }));
});
