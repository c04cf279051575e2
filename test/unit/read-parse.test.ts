// Reading lines, times and patterns back (src/read/line.ts, time.ts, pattern.ts):
// the fast line reader gives what the format's own parser gives, for any line;
// times as users write them; and a pattern's shortlist never misses a line the
// pattern matches.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AuditError } from '../../src/core/errors.ts';
import type { AuditRecord, RecordKind } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, parseLine, TextFormat } from '../../src/format/text.ts';
import { LineReader } from '../../src/read/line.ts';
import { looksAround, makePattern, readsSameInBytes, requiredLiteral, shortlist } from '../../src/read/pattern.ts';
import { parseWhen, requireWhen } from '../../src/read/time.ts';

/** What LineReader.read gives, without its extra `raw`. */
function readBack(reader: LineReader, line: string): unknown {
  const read = reader.read(line);
  if (!read) return read;
  const { raw: _raw, ...parsed } = read;
  return parsed;
}

describe('reading lines: the same as parseLine', () => {
  const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((value) => String(value).padStart(n, '0'));
  // Stamps of the default shape with any digits (Feb 31, 24:00, offset +99:99 ...), and near misses.
  const isoish = fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3), fc.constantFrom('+', '-', 'Z', ' '), digits(2), digits(2))
    .map(([y, mo, d, h, mi, s, ms, sign, oh, om]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${sign}${oh}:${om}`);
  const realStamp = fc.integer({ min: 0, max: 4_102_444_800_000 }).map((ms) => new TextFormat(DEFAULT_TIME_FORMAT).format(event(ms)).split(' ')[0]!);
  const stamp = fc.oneof(isoish, realStamp, fc.constantFrom('x', '', '2026-11-24T23:01:04.871Z', '0099-01-01T00:00:00.000+00:00'));
  const word = fc.string({ maxLength: 8 });
  const place = fc.tuple(fc.string({ maxLength: 8 }), fc.nat({ max: 12 }), fc.nat({ max: 12 })).map(([s, w, p]) => `${s}:${w}.${p}`);
  const mark = fc.constantFrom('|', '+', '=', '*', '-', '');
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('start rec=X by=ann', 'stop rec=X reason=toggle', 'stop rec="unterminated', 'x a="b c" d=1', '', '2026-11-24T23:01:05.000+01:00 root main:0.0 * stop rec=X reason=toggle'),
  );
  const line = fc.tuple(stamp, word, place, mark, text).map(([t, u, p, m, x]) => `${t} ${u} ${p} ${m} ${x}`);
  const anyLine = fc.oneof(line, fc.string({ maxLength: 60 }));

  function event(ms: number): AuditRecord {
    return { time: ms, rec: 'r', user: 'ann', place: { server: '', session: 's', window: '0', pane: '0', paneId: '%0' }, kind: 'event', text: 'start', fields: {} };
  }

  it('the default format, any line (a property)', () => {
    const reader = new LineReader();
    fc.assert(
      fc.property(anyLine, (candidate) => {
        assert.deepEqual(readBack(reader, candidate), parseLine(candidate));
      }),
      { numRuns: 3000 },
    );
  });

  it('other formats (blanks in the stamp, no date)', () => {
    for (const timeFormat of ['yyyy-MM-dd HH:mm:ss.SSS xxx', 'HH:mm:ss']) {
      const reader = new LineReader(timeFormat);
      const formatted = fc.tuple(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom<RecordKind>('line', 'event', 'screen', 'piece'), fc.string({ maxLength: 20 })).map(([ms, kind, value]) =>
        new TextFormat(timeFormat).format({ time: ms, rec: 'r', user: 'ann', place: { server: '', session: 'my proj', window: '1', pane: '2', paneId: '' }, kind, text: kind === 'event' ? 'start' : value, fields: kind === 'event' ? { by: value } : undefined }).slice(0, -1),
      );
      fc.assert(
        fc.property(fc.oneof(formatted, anyLine), (candidate) => {
          assert.deepEqual(readBack(reader, candidate), parseLine(candidate, timeFormat));
        }),
        { numRuns: 500 },
      );
    }
  });

  it('stamps date-fns refuses or reads its own way', () => {
    const reader = new LineReader();
    for (const time of ['2026-02-29T00:00:00.000+00:00', '2024-02-29T00:00:00.000+00:00', '2026-11-24T24:00:00.000+00:00', '2026-11-24T23:60:00.000+00:00', '2026-11-24T23:01:04.871+24:00', '2026-11-24T23:01:04.871-00:00', '0050-01-01T00:00:00.000+00:00']) {
      const candidate = `${time} ann main:0.0 | x`;
      assert.deepEqual(readBack(reader, candidate), parseLine(candidate), time);
    }
  });

  it('raw: the text after the mark as written, an event\'s too', () => {
    const reader = new LineReader();
    assert.equal(reader.read('2026-11-24T23:01:04.871+01:00 ann main:0.0 * stop rec=X reason=toggle by=ann')?.raw, 'stop rec=X reason=toggle by=ann');
    assert.equal(reader.read('2026-11-24T23:01:04.871+01:00 ann main:0.0 | a * b')?.raw, 'a * b');
  });

  it('not timed: the same, but for the time', () => {
    const reader = new LineReader();
    const read = reader.read('2026-11-24T23:01:04.871+01:00 ann main:0.0 | x', false);
    assert.ok(read && Number.isNaN(read.ms) && read.time === '2026-11-24T23:01:04.871+01:00' && read.text === 'x');
  });
});

describe('times as users write them', () => {
  const now = new Date(2026, 10, 24, 15, 20, 33, 444); // local time
  const local = (...parts: [number, number, number, number?, number?, number?]) => new Date(parts[0], parts[1], parts[2], parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0).getTime();
  const cases: [string, number][] = [
    ['now', now.getTime()],
    ['today', local(2026, 10, 24)],
    ['yesterday', local(2026, 10, 23)],
    ['2h', now.getTime() - 2 * 3_600_000],
    ['2 hours ago', now.getTime() - 2 * 3_600_000],
    ['30m', now.getTime() - 30 * 60_000],
    ['90s', now.getTime() - 90_000],
    ['3d', now.getTime() - 3 * 86_400_000],
    ['1w', now.getTime() - 7 * 86_400_000],
    ['1.5h', now.getTime() - 5_400_000],
    ['14:30', local(2026, 10, 24, 14, 30)],
    ['14:30:15', local(2026, 10, 24, 14, 30, 15)],
    ['2026-11-20', local(2026, 10, 20)],
    ['2026-11-20 08:15', local(2026, 10, 20, 8, 15)],
    ['2026-11-20T08:15', local(2026, 10, 20, 8, 15)],
    ['2026-11-24T23:01:02.120+01:00', Date.UTC(2026, 10, 24, 22, 1, 2, 120)],
  ];
  for (const [text, expected] of cases) it(text, () => assert.equal(parseWhen(text, now), expected));

  for (const text of ['garbage', '', '2026-13-01', '25:00', '3 fortnights', 'tomorrowish']) {
    it(`not a time: ${JSON.stringify(text)}`, () => {
      assert.equal(parseWhen(text, now), undefined);
      assert.throws(() => requireWhen('--since', text, now), (error: unknown) => error instanceof AuditError && error.exitCode === 2 && error.message.startsWith('--since: cannot read'));
    });
  }
});

describe('patterns', () => {
  it('what reaches outside the text: ^ and lookarounds, not inside a class or escaped', () => {
    for (const source of ['^ls', 'a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', 'x|^y']) assert.equal(looksAround(source), true, source);
    for (const source of ['ls', '[^a]', '\\^', 'a$', '(?:a)', '(?<name>a)', '[(?=]']) assert.equal(looksAround(source), false, source);
  });

  it('what reads the same in the bytes: ASCII, nothing that matches a non-ASCII character', () => {
    for (const source of ['rm -rf', 'a\\d+b', '\\bword\\b', '[a-z]+', 'x{2,3}', '(a|b)\\1', 'a$']) assert.equal(readsSameInBytes(source), true, source);
    for (const source of ['a.b', '[^a]', '\\s', '\\S', '\\W', '\\D', '\\u00e9', '\\x41', '\\p{L}', 'café']) assert.equal(readsSameInBytes(source), false, source);
  });

  it('required literals', () => {
    const cases: [string, string | undefined][] = [
      ['needle-42', 'needle-42'],
      ['needle-[0-9]+7', 'needle-'],
      ['^rm -rf /', 'rm -rf /'],
      ['foo.*barbaz', 'barbaz'],
      ['colou?r', 'colo'],
      ['ab+cde', 'cde'], // 'ab' (the b required once, then repeated: the run ends), then 'cde'
      ['a|bcdef', undefined],
      ['(abc|def)ghij', 'ghij'],
      ['\\.log\\b', '.log'],
      ['x{0,3}yz', undefined],
      ['\\d\\d', undefined],
      // Escapes longer than two characters are skipped whole: their tail is not text to find.
      ['caf\\u00e9', 'caf'],
      ['\\x41bcd', 'bcd'],
      ['error\\x09code', 'error'],
      ['(a)\\1234', undefined],
      ['\\cJxyz', 'xyz'],
    ];
    for (const [source, expected] of cases) assert.equal(requiredLiteral(source), expected, source);
  });

  it('a bad expression is an error naming it (exit 2)', () => {
    assert.throws(() => makePattern('a('), (error: unknown) => error instanceof AuditError && error.exitCode === 2 && error.message.includes("'a('"));
  });

  // A small grammar of expressions over a small alphabet, and lines of the same alphabet
  // (non-ASCII included): whatever the pattern, every line whose text it matches is found by
  // its literal and by its shortlist, run the way the scan runs them (over the bytes, many lines at once).
  const atom = fc.constantFrom('a', 'b', 'é', '-', ' ', '.', '\\d', '\\w', '\\s', '[ab]', '[^a]', '\\b', '$', '^', '(?:a|b)', '(a)', 'x');
  const quantifier = fc.constantFrom('', '', '', '?', '*', '+', '{2}', '{0,2}');
  const sequence = fc.array(fc.tuple(atom, quantifier).map(([a, q]) => (a === '\\b' || a === '$' || a === '^' ? a : a + q)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
  const expression = fc.oneof(sequence, sequence, fc.tuple(sequence, sequence).map(([a, b]) => `${a}|${b}`));
  const lineText = fc.array(fc.constantFrom('a', 'b', 'é', '-', ' ', '1', 'x', '日', '*'), { maxLength: 12 }).map((chars) => chars.join(''));

  it('the shortlist and the literal never miss a matching line (a property)', () => {
    fc.assert(
      fc.property(expression, fc.array(lineText, { minLength: 1, maxLength: 8 }), fc.boolean(), (source, texts, ignoreCase) => {
        let pattern;
        try {
          pattern = makePattern(source, { ignoreCase });
        } catch {
          return; // not an expression
        }
        const lines = texts.map((text, i) => `2026-11-24T23:01:0${i}.000+01:00 ann main:0.0 | ${text}`);
        const bytes = Buffer.from(`${lines.join('\n')}\n`);
        const view = bytes.toString('latin1');
        // Byte offsets of each line's start, to map a found position to its line.
        const starts: number[] = [];
        for (let at = 0; at < bytes.length; at = bytes.indexOf(10, at) + 1) starts.push(at);
        const lineAt = (offset: number) => starts.filter((start) => start <= offset).length - 1;
        const regex = shortlist([pattern.shortlist], pattern.flags);
        texts.forEach((text, i) => {
          if (!pattern.test.test(text)) return;
          if (pattern.literal) assert.ok(bytes.indexOf(pattern.literal, starts[i]) >= 0 && lineAt(bytes.indexOf(pattern.literal, starts[i])) === i, `literal of ${source} in ${JSON.stringify(text)}`);
          if (regex) {
            // As the scan does: search from the start of a line; the match's line must be this one or an earlier
            // one (which the scan visits first, then goes on from the next line).
            regex.lastIndex = starts[i]!;
            const found = regex.exec(view);
            assert.ok(found && lineAt(found.index) === i, `shortlist ${regex} finds ${JSON.stringify(text)}`);
          }
        });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('an expression too large to compile', () => {
  it('is refused at once, with the reason and the start of it (exit 2), not as "not found"', () => {
    assert.throws(
      () => makePattern('a'.repeat(60_000), { ignoreCase: true }),
      (error: Error & { exitCode?: number }) => error.exitCode === 2 && /^not a regular expression: 'a{200}…' \(Regular expression too large\)$/.test(error.message),
    );
  });
});
