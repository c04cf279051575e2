// The text line format: stamps, marks, events, and reading lines back.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AuditRecord, Place, RecordKind } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, eventText, makeClock, parseLine, TextFormat } from '../../src/format/text.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '1', pane: '0', paneId: '%3' };

describe('stamps', () => {
  it('default time: ISO 8601 local time with milliseconds and offset', () => {
    const time = makeClock(DEFAULT_TIME_FORMAT)(Date.UTC(2026, 10, 24, 22, 1, 2, 345));
    assert.match(time, /^2026-11-2[45]T\d\d:01:02\.345[+-]\d\d:\d\d$/);
    const offset = -new Date(Date.UTC(2026, 10, 24)).getTimezoneOffset();
    assert.equal(new Date(time).getTime(), Date.UTC(2026, 10, 24, 22, 1, 2, 345), `offset ${offset}`);
  });
  it('a date-fns format string', () => {
    // Local time, whatever the machine's zone: the expected text is built from Date's own getters.
    const two = (n: number) => String(n).padStart(2, '0');
    const local = (ms: number) => {
      const at = new Date(ms);
      return `${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
    };
    const clock = makeClock('HH:mm:ss');
    // One clock, several instants (its cache of the last result must not leak into the next).
    for (const ms of [Date.UTC(2026, 10, 24, 22, 1, 2, 345), Date.UTC(2026, 10, 24, 22, 1, 3, 345), Date.UTC(2026, 6, 1, 9, 59, 58, 999), 0]) {
      assert.equal(clock(ms), local(ms), new Date(ms).toISOString());
    }
    const at = new Date(Date.UTC(2026, 10, 24, 22, 1, 2, 345));
    assert.equal(makeClock("yyyy-MM-dd 'at' HH:mm")(at.getTime()), `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} at ${local(at.getTime()).slice(0, 5)}`);
  });
  it('the line format', () => {
    const format = new TextFormat('HH:mm');
    const at = Date.UTC(2026, 10, 24, 22, 1, 2, 345);
    const T = makeClock('HH:mm')(at);
    const record = (kind: RecordKind, text: string, fields?: Record<string, string>): AuditRecord => ({ time: at, rec: 'x', seq: 0, user: 'ann', place: PLACE, kind, text, fields });
    assert.equal(format.format(record('line', 'ls -l')), `${T} ann main:1.0 | ls -l\n`);
    assert.equal(format.format(record('piece', 'more')), `${T} ann main:1.0 + more\n`);
    assert.equal(format.format(record('screen', 'row')), `${T} ann main:1.0 = row\n`);
    assert.equal(format.format(record('event', 'start', { by: 'bob' })), `${T} ann main:1.0 * start rec=x by=bob\n`);
  });
  it('event fields are quoted only when needed', () => {
    assert.equal(eventText('start', { rec: 'abc', by: 'ann', file: '/a b/c.log', n: 3, none: undefined }), 'start rec=abc by=ann file="/a b/c.log" n=3');
  });
});


describe('reading lines back', () => {
  it('a line with the default format', () => {
    const parsed = parseLine('2026-11-24T23:01:04.871+01:00 ann deploy:1.0 | ann@web1:~$ ls --color=always /srv');
    assert.deepEqual(parsed, {
      time: '2026-11-24T23:01:04.871+01:00',
      ms: Date.UTC(2026, 10, 24, 22, 1, 4, 871),
      user: 'ann',
      session: 'deploy',
      window: '1',
      pane: '0',
      kind: 'line',
      text: 'ann@web1:~$ ls --color=always /srv',
    });
  });
  it('an event and its fields', () => {
    const parsed = parseLine('2026-11-24T23:01:02.120+01:00 ann my proj:1.0 * start rec=V1StGXR8_Z by=ann pane=%3 pid=4242 file="/home/ann/my logs/x.log"');
    assert.equal(parsed?.session, 'my proj');
    assert.equal(parsed?.kind, 'event');
    assert.equal(parsed?.text, 'start');
    assert.deepEqual(parsed?.fields, { rec: 'V1StGXR8_Z', by: 'ann', pane: '%3', pid: '4242', file: '/home/ann/my logs/x.log' });
  });
  it('text that only looks like a stamp stays text', () => {
    const parsed = parseLine('2026-11-24T23:01:04.871+01:00 ann main:0.0 | 2026-11-24T23:01:05.000+01:00 root main:0.0 * stop rec=X reason=toggle');
    assert.equal(parsed?.kind, 'line');
    assert.equal(parsed?.text, '2026-11-24T23:01:05.000+01:00 root main:0.0 * stop rec=X reason=toggle');
  });
  it('a time format with blanks in it', () => {
    const parsed = parseLine('2026-11-24 23:01:04 ann main:0.2 + rest', 'yyyy-MM-dd HH:mm:ss');
    assert.equal(parsed?.time, '2026-11-24 23:01:04');
    assert.equal(parsed?.user, 'ann');
    assert.equal(parsed?.pane, '2');
    assert.equal(parsed?.kind, 'piece');
  });
  const notLines = ['', 'garbage', '2026-11-24T23:01:04.871+01:00 ann', '2026-11-24T23:01:04.871+01:00 ann main | x', '2026-11-24T23:01:04.871+01:00 ann main:0.0 * ', '2026-11-24T23:01:04.871+01:00 ann main:0.0 * stop rec="unterminated'];
  for (const line of notLines) it(`not a log line: ${JSON.stringify(line)}`, () => assert.equal(parseLine(line), undefined));

  // tmux turns ':' and '.' in a session name into '_' (session_check_name, session.c:244 in 3.3a); users have no blanks.
  const sessionName = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !/[:.\n]/.test(name));
  const userName = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,15}$/);
  const text = fc.string({ unit: 'grapheme', maxLength: 60 }).filter((value) => !value.includes('\n'));
  // Output text as the cleaner makes it: without the characters it escapes (the format escapes them too, one way).
  const cleanText = text.filter((value) => !/[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/.test(value));
  // Field values may hold anything: controls, DEL, C1, line separators, bidi controls (escaped inside JSON, read back).
  const unsafe = fc.constantFrom('\x00', '\x07', '\t', '\n', '\x1b', '\r', '\x7f', '\x85', '\x9b', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069');
  const fieldValue = fc.oneof(text, fc.integer().map(String), fc.array(fc.oneof(text, unsafe), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')));
  const record = fc.record({
    time: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    rec: fc.stringMatching(/^[A-Za-z0-9_-]{10}$/),
    user: userName,
    session: sessionName,
    window: fc.nat({ max: 999 }).map(String),
    pane: fc.nat({ max: 99 }).map(String),
    kind: fc.constantFrom<RecordKind>('line', 'piece', 'screen', 'history', 'event'),
    text: cleanText,
    name: fc.stringMatching(/^[a-z][a-z-]{0,10}$/),
    fields: fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,8}$/).filter((key) => key !== 'rec'), fieldValue, { maxKeys: 5 }),
  });

  it('every record reads back as it was written (round trip, default and other formats)', () => {
    for (const timeFormat of [DEFAULT_TIME_FORMAT, "yyyy-MM-dd HH:mm:ss.SSS xxx"]) {
      const format = new TextFormat(timeFormat);
      fc.assert(
        fc.property(record, (r) => {
          const place: Place = { server: '', session: r.session, window: r.window, pane: r.pane, paneId: '' };
          const event = r.kind === 'event';
          const written: AuditRecord = { time: r.time, rec: r.rec, seq: 0, user: r.user, place, kind: r.kind, text: event ? r.name : r.text, fields: event ? r.fields : undefined };
          const line = format.format(written);
          assert.ok(line.endsWith('\n') && line.indexOf('\n') === line.length - 1, 'one line');
          const parsed = parseLine(line.slice(0, -1), timeFormat);
          assert.ok(parsed, line);
          assert.equal(parsed.ms, r.time);
          assert.deepEqual(
            { user: parsed.user, session: parsed.session, window: parsed.window, pane: parsed.pane, kind: parsed.kind, text: parsed.text },
            { user: r.user, session: r.session, window: r.window, pane: r.pane, kind: r.kind, text: written.text },
          );
          if (event) assert.deepEqual(parsed.fields, { rec: r.rec, ...r.fields });
          // And written again from what was read, the same line.
          const again: AuditRecord = { ...written, time: parsed.ms, fields: parsed.fields && Object.fromEntries(Object.entries(parsed.fields).filter(([key]) => key !== 'rec')) };
          assert.equal(format.format(again), line);
        }),
        { numRuns: 1000 },
      );
    }
  });
});
