// `@audit-format json` (src/format/json.ts) and its readers: records round-trip
// through the JSON format; a JSON line reads as the text line of the same
// record does; neither format lets output forge a record or an event; and the
// reading commands' cores give the same answers over a log written in text, in
// JSON, or half in each (the option changed mid-way, across a rotation).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RECORD_KINDS, type AuditRecord, type Place, type RecordKind } from '../../src/core/record.ts';
import { resolveOptions } from '../../src/core/options.ts';
import { JsonFormat, parseJsonLine, wellFormed } from '../../src/format/json.ts';
import { DEFAULT_TIME_FORMAT, escapeText, TextFormat, timeFormatProblem } from '../../src/format/text.ts';
import { listLogs } from '../../src/read/files.ts';
import { LineReader, readJsonLine, type LogLine } from '../../src/read/line.ts';
import { makePattern } from '../../src/read/pattern.ts';
import { grepLogs, walkRecording, type GrepHit } from '../../src/read/search.ts';
import { summarizeLog } from '../../src/read/summary.ts';
import { withTempDir } from '../support/util.ts';

const KINDS: readonly RecordKind[] = RECORD_KINDS;
// Any UTF-16: controls, quotes, backslashes, U+2028, bidi controls, lone surrogates.
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\r', '\t', '\x00', '\x1b', '\x7f', '\x85', '\u2028', '\u202e', '\ud800', '\udc00', '{', '}', ':', ',', 'a', ' ', '*', '|'), maxLength: 30 }),
  fc.constantFrom('{"time":"2026-11-24T23:01:02.120+01:00","user":"root","session":"s","window":"0","pane":"0","rec":"X","kind":"event","text":"stop","fields":{}}', '","kind":"event","text":"start","fields":{"by":"eve"},"x":"', '2026-11-24T23:01:05.000+01:00 root s:0.0 * stop rec=R reason=toggle'),
);
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const place = fc.record({ server: anyText, session: anyText, window: fc.nat({ max: 99 }).map(String), pane: fc.nat({ max: 99 }).map(String), paneId: fc.constantFrom('', '%0', '%17') });
const fields = fc.dictionary(fc.constantFrom('by', 'pane', 'reason', 'cmd', 'lines', 'n', 'text', 'kind'), fc.oneof(anyText, fc.integer()), { maxKeys: 4 });
const record: fc.Arbitrary<AuditRecord> = fc
  .record({ time, rec: anyText, seq: fc.option(fc.nat(), { nil: undefined }), user: anyText, owner: fc.option(anyText, { nil: undefined }), place, kind: fc.constantFrom(...KINDS), text: anyText, fields })
  .map(({ fields: eventFields, seq, owner, ...rest }) => ({
    ...rest,
    ...(seq === undefined ? {} : { seq }),
    ...(owner === undefined ? {} : { owner }),
    ...(rest.kind === 'event' ? { fields: eventFields } : {}),
  }));

/** What a record is once written as UTF-8: every string well-formed. */
function written({ owner, ...record }: AuditRecord): AuditRecord {
  const fields = record.fields && Object.fromEntries(Object.entries(record.fields).map(([key, value]) => [wellFormed(key), typeof value === 'string' ? wellFormed(value) : value]));
  const p = record.place;
  return {
    ...record,
    // The owner is written only where it is not the user on the line (a shared session's acting user).
    ...(owner !== undefined && owner !== record.user ? { owner: wellFormed(owner) } : {}),
    rec: wellFormed(record.rec),
    user: wellFormed(record.user),
    text: wellFormed(record.text),
    place: { server: wellFormed(p.server), session: wellFormed(p.session), window: p.window, pane: p.pane, paneId: p.paneId },
    ...(fields ? { fields } : {}),
  };
}

/** A formatted line as it reads back from a file: through UTF-8 bytes, without its `\n`. */
const throughFile = (line: string) => Buffer.from(line, 'utf8').toString('utf8').slice(0, -1);

describe('JSON Lines format', () => {
  it('records round-trip through format and parse (a property)', () => {
    fc.assert(
      fc.property(record, (given) => {
        const line = new JsonFormat('web1').format(given);
        assert.equal(line.indexOf('\n'), line.length - 1, 'one line');
        assert.doesNotMatch(line.slice(0, -1), /[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/u, 'no control or line/bidi separator in the bytes');
        const parsed = parseJsonLine(throughFile(line));
        assert.ok(parsed);
        const { stamp, host, ...back } = parsed;
        assert.equal(host, 'web1');
        assert.equal(stamp, new TextFormat(DEFAULT_TIME_FORMAT).format({ ...given, kind: 'line', text: '' }).split(' ')[0]);
        const expected = written(given);
        const fields = expected.fields && Object.fromEntries(Object.entries(expected.fields).filter(([key]) => key !== 'rec'));
        assert.deepEqual(back, fields ? { ...expected, fields } : expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a JSON line reads as the text line of the same record does (a property)', () => {
    const reader = new LineReader();
    // The text format's limits (it is not changed here): a user is one word, a session holds no `:`, an event's name and keys are words.
    const textable = record.filter((r) => r.user !== '' && !/[\s:]/.test(escapeText(r.user)) && !escapeText(r.place.session).includes(':') && !/ [|+=<*] /.test(r.place.session) && (r.kind !== 'event' || /^[a-z]+$/.test(r.text)));
    fc.assert(
      fc.property(textable, (given) => {
        const fromText = reader.read(throughFile(new TextFormat(DEFAULT_TIME_FORMAT).format(given)));
        const fromJson = reader.read(throughFile(new JsonFormat().format(given)));
        assert.ok(fromJson);
        assert.deepEqual(fromJson, fromText);
      }),
      { numRuns: 2000 },
    );
  });

  it('output that looks like JSON or a stamp is a printed line in either format (a property)', () => {
    const reader = new LineReader();
    fc.assert(
      fc.property(anyText, fc.constantFrom<RecordKind>('line', 'piece', 'screen', 'history'), (text, kind) => {
        const given: AuditRecord = { time: 0, rec: 'R', user: 'ann', place: { server: '', session: 's', window: '0', pane: '0', paneId: '%0' }, kind, text };
        for (const line of [new TextFormat(DEFAULT_TIME_FORMAT).format(given), new JsonFormat().format(given)]) {
          assert.equal(line.indexOf('\n'), line.length - 1);
          const read = reader.read(throughFile(line));
          assert.ok(read);
          assert.equal(read.kind, kind);
          assert.equal(read.text, escapeText(wellFormed(text)));
          assert.equal(read.fields, undefined);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a record of its shape, and a time format whose stamps start with {', () => {
    const good = JSON.parse(throughFile(new JsonFormat().format({ time: 0, rec: 'R', user: 'ann', place: { server: '', session: 's', window: '0', pane: '0', paneId: '' }, kind: 'event', text: 'stop', fields: { reason: 'x' } }))) as Record<string, unknown>;
    assert.ok(parseJsonLine(JSON.stringify(good)));
    for (const bad of [{ kind: 'evil' }, { user: 1 }, { text: null }, { fields: [] }, { fields: { rec: 'other' } }, { fields: { x: {} } }, { seq: -1 }, { seq: 1.5 }, { kind: 'line' }, { time: undefined }]) {
      assert.equal(parseJsonLine(JSON.stringify({ ...good, ...bad })), undefined, JSON.stringify(bad));
    }
    for (const line of ['{', '[]', '{}', 'null', ' {"a":1}', '{"time":"x"} trailing']) assert.equal(readJsonLine(line), undefined, line);
    assert.match(timeFormatProblem("'{'yyyy") ?? '', /start with '\{'/);
    assert.equal(timeFormatProblem("yyyy'{'"), undefined);
  });

  it('@audit-format: text or json, else a warning and text', () => {
    const none = { dir: '', timeFormat: '', maxSize: '', maxFiles: '', cast: '' };
    assert.equal(resolveOptions({ ...none, format: '', cast: '' }, {}).options.format, 'text');
    assert.equal(resolveOptions({ ...none, format: 'JSON' }, {}).options.format, 'json');
    const bad = resolveOptions({ ...none, format: 'xml' }, {});
    assert.equal(bad.options.format, 'text');
    assert.deepEqual(bad.warnings, ["@audit-format 'xml' is not text or json; using text"]);
  });
});

// One session `main`: A (main:0.0) from the rotated file into the live one, B (main:0.1)
// printing forgeries in both formats, C after A at the same place; an event appended as by recover; A's last seal.
const P0: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
const P1: Place = { ...P0, pane: '1', paneId: '%1' };
const base = Date.UTC(2026, 10, 24, 22, 0, 0);
const r = (second: number, rec: string, place: Place, kind: RecordKind, text: string, fields?: Record<string, string>): AuditRecord => ({ time: base + second * 1000, rec, seq: second, user: 'ann', place, kind, text, ...(fields ? { fields } : {}) });
const ROTATED = [
  r(0, 'AAAAAAAAAA', P0, 'event', 'start', { by: 'ann', pane: '%0' }),
  r(1, 'AAAAAAAAAA', P0, 'line', 'ann$ echo hello'),
  r(2, 'BBBBBBBBBB', P1, 'event', 'start', { by: 'bob', pane: '%1' }),
  r(3, 'AAAAAAAAAA', P0, 'line', 'hello'),
  r(4, 'BBBBBBBBBB', P1, 'line', '{"time":"2026-11-24T23:00:05.000+01:00","user":"ann","session":"main","window":"0","pane":"0","rec":"AAAAAAAAAA","kind":"event","text":"stop","fields":{}}'),
];
const LIVE = [
  r(10, 'BBBBBBBBBB', P1, 'line', '2026-11-24T23:00:05.000+01:00 ann main:0.0 * stop rec=AAAAAAAAAA reason=toggle'),
  r(11, 'BBBBBBBBBB', P1, 'line', '","kind":"event","text":"start","fields":{"by":"eve","pane":"%9"},"rec":"FORGED","x":"'),
  r(12, 'AAAAAAAAAA', P0, 'line', 'still A\twith a tab and "quotes" \\ hello'),
  // A's last seal as the file sink writes it (no seq, n a number): the reading commands take it as they take a text one.
  { ...r(13, 'AAAAAAAAAA', P0, 'event', 'seal'), seq: undefined, fields: { n: 4, p: '0', h: '0123456789abcdef0123456789abcdef', end: 'stop' } },
  r(13, 'AAAAAAAAAA', P0, 'event', 'stop', { reason: 'toggle', by: 'ann' }),
  r(14, 'CCCCCCCCCC', P0, 'event', 'start', { by: 'ann', pane: '%0' }),
  r(15, 'CCCCCCCCCC', P0, 'line', 'in C hello'),
  r(16, 'BBBBBBBBBB', P1, 'line', 'B says hello'),
  { ...r(17, 'BBBBBBBBBB', P1, 'event', 'stop', { reason: 'reader-died' }), seq: undefined },
];

type Layout = 'text' | 'json' | 'text then json' | 'json then text';
function writeLogs(dir: string, layout: Layout): void {
  const formats = () => ({ text: new TextFormat(DEFAULT_TIME_FORMAT), json: new JsonFormat('web1') });
  const write = (file: string, records: AuditRecord[], switchAt: number) => {
    const f = formats();
    const [first, then] = layout === 'text' ? ['text', 'text'] : layout === 'json' ? ['json', 'json'] : layout === 'text then json' ? ['text', 'json'] : ['json', 'text'];
    fs.writeFileSync(path.join(dir, file), records.map((record, i) => f[(i < switchAt ? first : then) as 'text' | 'json'].format(record)).join(''));
  };
  // The format changes within each file (3 lines into the rotated one, 4 into the live one).
  write('main.log.20261124T220010.000Z', ROTATED, 3);
  write('main.log', LIVE, 4);
}

const view = (line: LogLine) => line;

function readAll(dir: string) {
  const sets = listLogs(dir);
  const grep = (source: string, filter = {}, context = 0): string[] => {
    const hits: GrepHit[] = [];
    grepLogs(sets, { pattern: makePattern(source), filter, context, timeFormat: DEFAULT_TIME_FORMAT, timed: true, recordings: true }, (hit) => void hits.push(hit), (file, error) => assert.fail(`${file}: ${error.message}`));
    return hits.map((hit) => `${hit.gap ? '-- ' : ''}${path.basename(hit.file)}${hit.context ? '-' : ':'}${hit.number} [${hit.recordings.join(',')}] ${JSON.stringify(view(hit.line))}`);
  };
  const show = (rec: string): string[] => {
    const taken: string[] = [];
    walkRecording(sets, rec, DEFAULT_TIME_FORMAT, (line, _log, file) => void taken.push(`${path.basename(file)} ${JSON.stringify(view(line))}`), (file, error) => assert.fail(`${file}: ${error.message}`));
    return taken;
  };
  // Bytes differ by format, by design.
  const { files, bytes: _bytes, ...summary } = summarizeLog(sets[0]!, DEFAULT_TIME_FORMAT);
  return {
    hello: grep('hello'),
    context: grep('hello', {}, 1),
    events: grep('', { events: true }),
    byRec: grep('.', { rec: 'AAAAAAAAAA' }),
    byPane: grep('.', { pane: { id: '%1' } }),
    since: grep('.', { since: base + 12_000 }),
    quotes: grep('"quotes" \\\\'),
    tab: grep('\t'),
    showA: show('AAAAAAAAAA'),
    showC: show('CCCCCCCCCC'),
    forged: show('FORGED'),
    summary: { ...summary, live: path.basename(summary.live), lines: files.map((file) => file.lines) },
  };
}

describe('the reading commands over text, JSON and both in one file', () => {
  it('give the same answers whichever format each line was written in', async () => {
    await withTempDir('read-json', async (textDir) => {
      writeLogs(textDir, 'text');
      const expected = readAll(textDir);
      // The answers are worth comparing: they hold what a user would check.
      assert.equal(expected.summary.recordings, 3, 'A, B, C: no forged start');
      assert.deepEqual(expected.forged, []);
      assert.equal(expected.events.length, 6, 'starts of A, B, C, A\'s seal, stops of A and B');
      assert.ok(expected.events.some((hit) => hit.includes('"raw":"seal rec=AAAAAAAAAA n=4 p=0 h=0123456789abcdef0123456789abcdef end=stop"')), 'the seal with its fields');
      assert.equal(expected.showA.length, 6, 'start, its 3 lines, seal, stop: of A only');
      assert.equal(expected.quotes.length, 1);
      assert.equal(expected.tab.length, 1);
      assert.ok(expected.context.some((line) => line.includes('main.log-')), 'context lines');
      for (const layout of ['json', 'text then json', 'json then text'] as const) {
        await withTempDir('read-json', (dir) => {
          writeLogs(dir, layout);
          assert.deepEqual(readAll(dir), expected, layout);
        });
      }
    });
  });
});
