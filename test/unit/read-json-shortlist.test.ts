// A JSON line (`@audit-format json`) may be passed over by a search only when
// its bytes prove its text (as a search reads it: decoded, escaped, an event as
// `name key=value ...`) cannot hold the pattern's literal (json-shortlist.ts).
// Here the literal is cut from the very text the reader makes of a hostile
// line, so it always matches: the line must then hold one of the shortlist's
// byte strings, and must not be ruled out. Then whole searches, with the
// shortcut and without it, print the same; and the SIMD search (simd-find.ts)
// answers what Buffer.indexOf answers, and up to case for grep -i.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RECORD_KINDS, type AuditRecord } from '../../src/core/record.ts';
import { JsonFormat } from '../../src/format/json.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { listLogs } from '../../src/read/files.ts';
import { caseBlindNeedle, indexOfFolded } from '../../src/read/fold.ts';
import { findEither, joinNeedles, sampleBytes } from '../../src/read/needle.ts';
import { jsonLineCannotHold, jsonShortlist, withinOneEventWord } from '../../src/read/json-shortlist.ts';
import { readJsonLine } from '../../src/read/line.ts';
import { makePattern } from '../../src/read/pattern.ts';
import { grepLogs, walkRecording } from '../../src/read/search.ts';
import { arenaBuffer, findInArena } from '../../src/read/simd-find.ts';
import { RecordingSpan } from '../../src/read/span.ts';
import type { LineFilter } from '../../src/read/filter.ts';
import { withTempDir } from '../support/util.ts';

const STAMP = '2026-11-24T23:01:04.871+01:00';
// Text whose JSON spelling differs from itself: escapes, controls, DEL, C1, U+2028, bidi, quotes, non-ASCII, spaces and `=`.
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\r', '\b', '\t', '\x00', '\x1b', '\x7f', '\x85', '\u2028', '\u202e', '\u2066', '\ufffd', 'é', 'n', 'e', 'd', '4', '2', '-', ' ', '=', 'u', '0', 'a', '{', '}'), maxLength: 24 }),
);
const kind = fc.constantFrom(...RECORD_KINDS);
const fields = fc.dictionary(fc.oneof(fc.constantFrom('by', 'pane', 'pid', 'file', 'reason'), hostile), fc.oneof(hostile, fc.integer(), fc.double({ noNaN: true })), { maxKeys: 3 });
const record: fc.Arbitrary<AuditRecord> = fc.record({ user: hostile, session: hostile, rec: hostile, kind, text: hostile, fields }).map(({ user, session, rec, kind, text, fields }) => ({
  time: 1_764_000_000_000,
  user,
  rec,
  place: { server: '/tmp/tmux-0/default', session, window: '0', pane: '1', paneId: '%1' },
  kind,
  text,
  ...(kind === 'event' ? { fields: Object.fromEntries(Object.entries(fields).filter(([key]) => key !== 'rec' && key !== '__proto__')) } : {}),
}));

/** A JSON line as no writer of ours writes it but JSON.parse reads it: escapes for plain letters, numbers not in their shortest form, keys reordered, blanks, keys twice. */
const forged = fc
  .tuple(
    fc.constantFrom('needle-42', 'rm -rf', 'a=b', 'x"y', 'Infinity', '1000'),
    fc.constantFrom('line', 'event'),
    fc.constantFrom('1e3', '1E3', '1000.0', '-0', '1e999', '12345678901234567890', '7'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([word, kind, number, escape, reorder]) => {
    const spelled = escape ? [...word].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : word.replace(/"/g, '\\"');
    const parts = [`"time":"${STAMP}"`, '"user":"ann"', '"session":"main"', '"window":"0"', '"pane":"0"', '"rec":"R"', `"kind"${reorder ? ' : ' : ':'}"${kind}"`, `"text":"${kind === 'event' ? 'rm' : spelled}"`];
    if (kind === 'event') parts.push(`"fields" : {"-rf":"${spelled}", "n":${number}, "${escape ? 'k' : 'a'}": "b"}`);
    if (reorder) parts.reverse();
    return `{ ${parts.join(' , ')} }`;
  });

const line = fc.oneof(record.map((r) => new JsonFormat('web1').format(r).slice(0, -1)), forged);
/** Bytes as a file may hold them: the line's UTF-8, sometimes a raw DEL, C1 or U+2028 inside, sometimes an invalid byte. */
const bytesOf = fc.tuple(line, fc.constantFrom('', '\x7f', '\u0085', '\u2028', '\u2069', 'INVALID'), fc.nat()).map(([text, extra, at]) => {
  if (extra === '') return Buffer.from(text);
  const quote = text.indexOf('"text":"');
  if (quote < 0) return Buffer.from(text);
  const cut = quote + 8 + (at % 4);
  const inserted = extra === 'INVALID' ? Buffer.from([0xff]) : Buffer.from(extra);
  return Buffer.concat([Buffer.from(text.slice(0, cut)), inserted, Buffer.from(text.slice(cut))]);
});

describe('the JSON shortlist', () => {
  it('a line whose text holds the literal holds one of its byte strings, and is not ruled out (a property)', () => {
    fc.assert(
      fc.property(bytesOf, fc.nat(), fc.nat({ max: 12 }), (bytes, from, length) => {
        const read = readJsonLine(bytes.toString('utf8'));
        if (!read) return;
        const raw = read.raw;
        const start = raw.length === 0 ? 0 : from % raw.length;
        const literal = raw.slice(start, start + 1 + length);
        const list = jsonShortlist(literal, false);
        if (list === undefined || literal.length === 0) return;
        assert.ok(list.some((needle) => bytes.indexOf(needle) >= 0), `${JSON.stringify(literal)} in ${JSON.stringify(raw)}, no needle in ${bytes.toString('latin1')}`);
        const piece = Buffer.concat([Buffer.from('x\n'), bytes, Buffer.from('\n{')]);
        assert.equal(jsonLineCannotHold(piece, 2, 2 + bytes.length, Buffer.from(literal), list.length > 5), false, `${JSON.stringify(literal)} ruled out in ${bytes.toString('latin1')}`);
        // Case-blind (grep -i): the literal as the user may type it, when it is ASCII (makePattern's folded needle).
        if (!/^[\x20-\x7e]+$/.test(literal)) return;
        const typed = [...literal].map((c, i) => ((from >> i) & 1 ? c.toUpperCase() : c.toLowerCase())).join('');
        const folded = makePattern(typed, { ignoreCase: true, fixed: true }).folded;
        if (!folded) return;
        const blindList = jsonShortlist(folded, false)!;
        assert.ok(blindList.some((needle) => (needle === folded ? indexOfFolded(bytes, needle, 0) : bytes.indexOf(needle)) >= 0), `-i ${typed}: no needle in ${bytes.toString('latin1')}`);
        assert.equal(jsonLineCannotHold(piece, 2, 2 + bytes.length, folded, blindList.length > 5), false, `-i ${typed} ruled out in ${bytes.toString('latin1')}`);
      }),
      { numRuns: 20000 },
    );
  });

  it('the text and JSON lists joined hold each needle once (the same bytes, both case-blind or neither)', () => {
    const word = Buffer.from('rm -rf');
    const blind = caseBlindNeedle(Buffer.from('rm -rf'));
    const joined = joinNeedles([word], jsonShortlist('rm -rf', false)!);
    assert.deepEqual(joined.map((needle) => needle.toString('latin1')), ['rm -rf', '\\', '\x7f', '\xc2', '\xe2', '"event"']);
    assert.equal(joinNeedles([word], [blind]).length, 2);
  });

  it('events are looked at unless a match must lie within one word that no number is written with', () => {
    for (const literal of ['needle-42', 'timeout', 'é']) assert.equal(withinOneEventWord(literal), true, literal);
    for (const literal of ['rm -rf', 'a=b', 'x"y', '1000', '1e3', 'Infinity', '-0.5']) assert.equal(withinOneEventWord(literal), false, literal);
    assert.equal(jsonShortlist('x\\y', false), undefined);
    assert.equal(jsonShortlist('\ufffd', false), undefined);
  });
});

/** What grep prints over `logs` (its hits as the unparsed path gives them), and how many lines matched. */
function printed(logs: string, source: string, ignoreCase = false, filter: LineFilter = {}): string {
  const out: string[] = [];
  const matched = grepLogs(
    listLogs(logs),
    { pattern: makePattern(source, { ignoreCase }), filter, context: 0, timeFormat: DEFAULT_TIME_FORMAT },
    (hit) => {
      out.push(`${hit.file}:${hit.number}: ${hit.log}`);
    },
    (name, error) => assert.fail(`${name}: ${error.message}`),
  );
  return `${matched}\n${out.join('\n')}`;
}

describe('a JSON search prints what reading every line prints', () => {
  it('hostile lines, mixed with text lines (a property)', () =>
    withTempDir('read-json-shortlist', (dir) => {
      const logs = path.join(dir, 'logs');
      const textLine = fc.constantFrom(`${STAMP} ann main:0.0 | needle-42 rm -rf`, `${STAMP} ann main:0.0 * stop rec=R reason=needle-42`, `${STAMP} ann main:0.0 | a=b \\u006e`);
      // Filters that leave the JSON lines' shortlist on (no recordings followed): a line read to be passed over is filtered as `line` filters it.
      const filters = fc.constantFrom<LineFilter>({}, {}, { events: true }, { pane: { place: 'main:0.0' } });
      const file = fc.array(fc.oneof({ weight: 4, arbitrary: bytesOf }, { weight: 1, arbitrary: textLine.map((t) => Buffer.from(t)) }), { maxLength: 12 });
      fc.assert(
        fc.property(file, fc.constantFrom('needle-42', 'rm -rf', 'a=b', '1000', 'u006e', 'u000a', 'é', 'needle-[0-9]+', 'x"y', 'Infinity', '\ufffd', 'NEEDLE-42', 'RM -RF', 'U006E', 'INFINITY', '1E3'), fc.boolean(), filters, (lines, source, ignoreCase, filter) => {
          fs.rmSync(logs, { recursive: true, force: true });
          fs.mkdirSync(logs);
          fs.writeFileSync(path.join(logs, 'main.log'), Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])));
          // Every line read: the same expression in a group (no literal is taken: pattern.ts requiredLiteral), then `.{0}` (no shortlist either).
          const everyLine = `(?:${source}).{0}`;
          const reference = printed(logs, everyLine, ignoreCase, filter);
          const slow = makePattern(everyLine, { ignoreCase });
          assert.ok(slow.literal === undefined && slow.folded === undefined && slow.shortlist === undefined);
          assert.equal(printed(logs, source, ignoreCase, filter), reference);
        }),
        { numRuns: 600 },
      );
    }));
});

describe('findInArena', () => {
  const arena = arenaBuffer(1 << 20);
  // The first slot handed out, and the arena's last megabyte: a block load past a piece's end there reads past the
  // module's memory and traps, where past the first slot's end it reads the next slot unnoticed.
  const slots = arena && [arena, Buffer.from(arena.buffer, arena.buffer.byteLength - arena.length, arena.length)];
  const slotIndex = fc.constantFrom(0, 1);
  // Pieces long enough for many sixteen-byte blocks (fast-check's default size keeps arrays short).
  const bytes = (alphabet: string, maxLength: number) => fc.array(fc.constantFrom(...Buffer.from(alphabet)), { maxLength, size: 'max' }).map((array) => Buffer.from(array));

  it('gives what Buffer.indexOf gives, anywhere in the arena, up to its end (a property)', { skip: arena === undefined && 'no WebAssembly SIMD here' }, () => {
    fc.assert(
      fc.property(bytes('aAbB-\n', 300), bytes('abB-', 6), fc.nat({ max: 40 }), fc.nat({ max: 320 }), fc.boolean(), fc.nat(), fc.nat(), slotIndex, (data, needle, shift, from, atEnd, r1, r2, which) => {
        if (needle.length < 2) return;
        const slot = slots![which]!;
        const offset = atEnd ? slot.length - data.length : shift;
        data.copy(slot, offset);
        const piece = slot.subarray(offset, offset + data.length);
        const rare1 = r1 % needle.length;
        const rare2 = (rare1 + 1 + (r2 % (needle.length - 1))) % needle.length;
        assert.equal(findInArena(piece, needle, from, rare1, rare2), piece.indexOf(needle, from));
        // Up to case: the same search over the lower-cased piece.
        const lower = caseBlindNeedle(Buffer.from(needle.toString('latin1').toLowerCase(), 'latin1'));
        assert.equal(findInArena(piece, lower, from, rare1, rare2, true), Buffer.from(piece.toString('latin1').toLowerCase(), 'latin1').indexOf(lower, from));
      }),
      { numRuns: 5000 },
    );
  });

  it('findEither gives the nearer of what Buffer.indexOf gives for two needles, anywhere in the arena, up to its end, and up to case (a property)', { skip: arena === undefined && 'no WebAssembly SIMD here' }, () => {
    const nearer = (a: number, b: number) => (a < 0 ? b : b < 0 ? a : Math.min(a, b));
    fc.assert(
      fc.property(bytes('aAbB-"\n', 400), bytes('abB-', 6), bytes('ab-"', 8), fc.nat({ max: 40 }), fc.nat({ max: 420 }), fc.boolean(), fc.boolean(), fc.boolean(), slotIndex, (data, one, other, shift, from, atEnd, blind, swap, which) => {
        if (one.length < 2 || other.length < 2) return;
        const slot = slots![which]!;
        const offset = atEnd ? slot.length - data.length : shift;
        data.copy(slot, offset);
        const piece = slot.subarray(offset, offset + data.length);
        const counts = () => sampleBytes(piece);
        if (!blind) {
          assert.equal(findEither(piece, one, other, from, counts), nearer(piece.indexOf(one, from), piece.indexOf(other, from)));
          return;
        }
        // grep -i's needle beside `"event"` as it is: the lower-cased piece answers for the first, the piece for the second.
        const lower = caseBlindNeedle(Buffer.from(one.toString('latin1').toLowerCase(), 'latin1'));
        const folded = Buffer.from(piece.toString('latin1').toLowerCase(), 'latin1');
        // Either may be first: each pair keeps its own fold.
        const [a, b] = swap ? [other, lower] : [lower, other];
        assert.equal(findEither(piece, a, b, from, counts), nearer(folded.indexOf(lower, from), piece.indexOf(other, from)));
      }),
      { numRuns: 5000 },
    );
  });

  it('a buffer outside the arena is left to the caller', () => {
    assert.equal(findInArena(Buffer.from('abcabc'), Buffer.from('ca'), 0, 0, 1), undefined);
  });
});

describe('grep -C over JSON lines not spelled the writer\'s way', () => {
  it('a pane\'s lines with blanks or keys reordered are its context, before and after', () =>
    withTempDir('read-json-context', (dir) => {
      const logs = path.join(dir, 'logs');
      fs.mkdirSync(logs);
      const format = new JsonFormat('web1');
      const written = (pane: string, text: string, ms: number) =>
        format.format({ time: 1_764_000_000_000 + ms, user: 'ann', rec: 'R1', place: { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane, paneId: `%${pane}` }, kind: 'line', text }).slice(0, -1);
      const odd = (pane: string, text: string, ms: number, escaped: boolean) => {
        const parsed = JSON.parse(written(pane, text, ms)) as Record<string, unknown>;
        // The same record: keys reversed, blanks around each colon, the pane's value maybe as `\u0031` (JSON.parse reads it the same).
        const spell = (key: string, value: unknown) => (escaped && key === 'pane' ? `"\\u${pane.charCodeAt(0).toString(16).padStart(4, '0')}"` : JSON.stringify(value));
        return `{ ${Object.entries(parsed).reverse().map(([key, value]) => `${JSON.stringify(key)} : ${spell(key, value)}`).join(' , ')} }`;
      };
      const lines = [written('1', 'before, far', 1), odd('1', 'before, near', 2, true), written('0', 'other pane', 3), written('1', 'the NEEDLE', 4), written('0', 'other pane', 5), odd('1', 'after, near', 6, false), written('1', 'after, far', 7)];
      fs.writeFileSync(path.join(logs, 'main.log'), `${lines.join('\n')}\n`);
      for (const ignoreCase of [false, true]) {
        const shown: string[] = [];
        grepLogs(
          listLogs(logs),
          { pattern: makePattern(ignoreCase ? 'needle' : 'NEEDLE', { ignoreCase }), filter: {}, context: 1, timeFormat: DEFAULT_TIME_FORMAT },
          (hit) => {
            shown.push(`${hit.number}${hit.context ? '-' : ':'}${hit.line.raw}`);
          },
          (name, error) => assert.fail(`${name}: ${error.message}`),
        );
        assert.deepEqual(shown, ['2-before, near', '4:the NEEDLE', '6-after, near'], ignoreCase ? '-i' : 'as typed');
      }
    }));
});

describe('JSON lines not spelled the writer\'s way, by show and grep -C', () => {
  const S = '2026-11-24T23:01:04.871+01:00';
  /** A hand-made JSON line: `pane` and `text` as JSON text (raw bytes may be put in), keys in the given order. */
  const hand = (pane: string, text: string, rec = 'R1', kind = 'line', fields = '', reversed = false) => {
    const entries = [`"time":"${S}"`, '"user":"ann"', '"host":"h"', '"server":"/s"', '"session":"main"', '"window":"0"', `"pane":${pane}`, '"paneId":"%1"', `"rec":"${rec}"`, '"seq":1', `"kind":"${kind}"`, `"text":${text}`, ...(fields ? [`"fields":${fields}`] : [])];
    return reversed ? `{ ${entries.reverse().join(' , ').replaceAll('":', '" : ')} }` : `{${entries.join(',')}}`;
  };

  it('show takes a recording\'s lines and events however spelled, and a pane with a raw DEL', () =>
    withTempDir('read-json-show', (dir) => {
      const lines = [
        hand('"1"', '"start"', 'R1', 'event', '{"by":"ann"}', true),
        hand('"1"', '"writer line"'),
        hand('"1"', '"reordered line"', 'R1', 'line', '', true),
        hand('"\\u0031"', '"escaped pane"'),
        hand('"2"', '"other pane"'),
        hand('"1"', '"stop"', 'R1', 'event', '{"reason":"x"}', true),
        hand('"1"', '"after the stop"'),
        hand('"1\x7f"', '"start"', 'R2', 'event', '{"by":"ann"}'),
        hand('"1\x7f"', '"DEL pane line"', 'R2'),
        hand('"1\x7f"', '"stop"', 'R2', 'event', '{"reason":"x"}'),
      ];
      fs.writeFileSync(path.join(dir, 'main.log'), `${lines.join('\n')}\n`);
      const shown = (rec: string) => {
        const taken: string[] = [];
        walkRecording(listLogs(dir), rec, DEFAULT_TIME_FORMAT, (line) => void taken.push(line.raw), (file, error) => assert.fail(`${file}: ${error.message}`));
        return taken;
      };
      assert.deepEqual(shown('R1'), ['start rec=R1 by=ann', 'writer line', 'reordered line', 'escaped pane', 'stop rec=R1 reason=x']);
      assert.deepEqual(shown('R2'), ['start rec=R2 by=ann', 'DEL pane line', 'stop rec=R2 reason=x']);
    }));

  it('show takes what a reading of every line takes, however the lines are spelled (a property)', () =>
    withTempDir('read-json-span', (dir) => {
      const format = new JsonFormat('h');
      const escaped = (value: string) => `"${[...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`;
      const spelled = fc.record({
        pane: fc.constantFrom('1', '2', '1.5', '1\x7f', '1\u0085', '1\u2028', 'invalid'),
        window: fc.constantFrom('0', '1'),
        rec: fc.constantFrom('R1', 'R2'),
        event: fc.constantFrom(undefined, 'start', 'stop', 'mark'),
        text: fc.constantFrom('hello', 'start', '"event"', 'R1', 'a\\b'),
        reversed: fc.boolean(),
        blanks: fc.boolean(),
        escapes: fc.array(fc.boolean(), { minLength: 13, maxLength: 13 }),
      });
      fc.assert(
        fc.property(fc.array(spelled, { minLength: 1, maxLength: 40 }), (records) => {
          const lines = records.map((r, i) => {
            const written = format.format({ time: 1_764_000_000_000 + i, user: 'ann', rec: r.rec, place: { server: '/s', session: 'main', window: r.window, pane: r.pane === 'invalid' ? '1Z' : r.pane, paneId: '%1' }, kind: r.event ? 'event' : 'line', text: r.event ?? r.text, seq: i, ...(r.event ? { fields: { by: 'ann' } } : {}) });
            const parsed = JSON.parse(written) as Record<string, unknown>;
            if (/[\x7f\u0085\u2028]/.test(r.pane)) parsed.pane = r.pane; // raw, as a hand edit leaves it (the writer escapes it)
            let entries = Object.entries(parsed);
            if (r.reversed) entries = entries.reverse();
            const line = `{${entries.map(([key, value], k) => `${JSON.stringify(key)}${r.blanks ? ' : ' : ':'}${r.escapes[k] && typeof value === 'string' ? escaped(value) : JSON.stringify(value)}`).join(r.blanks ? ' , ' : ',')}}`;
            // An invalid byte in the pane: read as U+FFFD.
            return r.pane === 'invalid' ? Buffer.from(line.replace('"1Z"', '"1\xff"'), 'latin1') : Buffer.from(line);
          });
          fs.writeFileSync(path.join(dir, 'main.log'), Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
          for (const rec of ['R1', 'R2']) {
            const span = new RecordingSpan(rec);
            const every: string[] = [];
            for (const line of lines) {
              const read = readJsonLine(line.toString('utf8'), false);
              if (read && span.take(read)) every.push(line.toString('utf8'));
              if (span.state === 'after') break;
            }
            const taken: string[] = [];
            walkRecording(listLogs(dir), rec, DEFAULT_TIME_FORMAT, (_line, log) => void taken.push(log), (file, error) => assert.fail(`${file}: ${error.message}`));
            assert.deepEqual(taken, every, rec);
          }
        }),
        { numRuns: 150 },
      );
    }));

  it('grep -C finds the context of a pane that is not plain digits as a reading of every line does', () =>
    withTempDir('read-json-pane', (dir) => {
      const printed = (source: string, ignoreCase: boolean) => {
        const out: string[] = [];
        grepLogs(listLogs(dir), { pattern: makePattern(source, { ignoreCase }), filter: {}, context: 1, timeFormat: DEFAULT_TIME_FORMAT }, (hit) => void out.push(`${hit.number}${hit.context ? '-' : ':'}${hit.line.raw}`), (name, error) => assert.fail(`${name}: ${error.message}`));
        return out;
      };
      const panes: Record<string, Buffer> = {
        'a dot': Buffer.from('"1.5"'),
        'a raw DEL': Buffer.from('"1\x7f"'),
        'a raw C1': Buffer.from('"1\u0085"'),
        'a raw FF': Buffer.from('"1\x0c"'.replace('\x0c', '\\f')),
        'an invalid byte': Buffer.concat([Buffer.from('"1'), Buffer.from([0xff]), Buffer.from('"')]),
      };
      for (const [name, pane] of Object.entries(panes)) {
        const line = (text: string, other = false) => Buffer.from(hand(other ? '"PANE2"' : '"PANE"', `"${text}"`).replace('"PANE"', '\0')).toString('latin1').split('\0');
        const bytes = Buffer.concat(
          ['before', 'other', 'NEEDLE', 'after', 'after, far'].map((text) => {
            const [head, tail] = line(text.replace('other', 'in pane 2'), text === 'other');
            return tail === undefined ? Buffer.from(`${head}\n`, 'latin1') : Buffer.concat([Buffer.from(head!, 'latin1'), pane, Buffer.from(`${tail}\n`, 'latin1')]);
          }),
        );
        fs.writeFileSync(path.join(dir, 'main.log'), bytes);
        for (const ignoreCase of [false, true]) {
          const word = ignoreCase ? 'needle' : 'NEEDLE';
          const every = printed(`(?:${word}).{0}`, ignoreCase); // a regular expression: every line is read
          assert.deepEqual(every.map((shown) => shown.slice(0, 2)), ['1-', '3:', '4-'], `${name}: the every-line reading`);
          assert.deepEqual(printed(word, ignoreCase), every, `${name}${ignoreCase ? ' -i' : ''}`);
        }
      }
    }));
});
