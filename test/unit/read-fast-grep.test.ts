// grep's fast path (src/read/fast-line.ts): a printed line in plain ASCII is
// matched and printed from its bytes, unparsed. It must find the text where
// the format's parser finds it, for any line, and a search must print exactly
// what it prints without the fast path, whatever the logs hold (forged
// stamps, text that merely looks like a stamp, events, controls, UTF-8, JSON lines) and whatever the pattern.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cliResult } from '../support/cli.ts';
import { printPlain } from '../../src/commands/grep.ts';
import { MemoryOutput } from '../../src/commands/output.ts';
import { DEFAULT_TIME_FORMAT, parseLine } from '../../src/format/text.ts';
import { copyPlain, isoStampAt, plainAscii, textAfterTime, textStart } from '../../src/read/fast-line.ts';
import { isoMs } from '../../src/read/line.ts';
import { listLogs } from '../../src/read/files.ts';
import { makePattern } from '../../src/read/pattern.ts';
import { grepLogs } from '../../src/read/search.ts';
import { withTempDir } from '../support/util.ts';

const STAMP = '2026-11-24T23:01:04.871+01:00';

/** What the reader makes of `line`: where its text starts for a printed text line, -1 for an event, JSON (line.ts: a line that starts with `{`) or no log line. */
function expectedStart(line: string, timeFormat = DEFAULT_TIME_FORMAT): number {
  if (line.startsWith('{')) return -1;
  const parsed = parseLine(line, timeFormat);
  if (!parsed || parsed.kind === 'event') return -1;
  return line.length - parsed.text.length;
}

const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const asciiString = (maxLength: number) => fc.array(fc.oneof(asciiChar, fc.constantFrom(':', '.', ' ', '|', '*', '0', '1', '\t')), { maxLength }).map((chars) => chars.join(''));

describe('the text of a line, found in its bytes', () => {
  const stamp = fc.oneof(fc.constant(STAMP), asciiString(12));
  const place = fc.tuple(asciiString(8), fc.constantFrom('0', '12', '', 'x'), fc.constantFrom('0', '3', '', '.1')).map(([s, w, p]) => `${s}:${w}.${p}`);
  const mark = fc.constantFrom('|', '+', '~', '=', '<', '*', '-', '', '||');
  const line = fc.tuple(stamp, asciiString(6), place, mark, asciiString(30)).map(([t, u, p, m, x]) => `${t} ${u} ${p} ${m} ${x}`);
  const anyLine = fc.oneof(line, asciiString(60), line.map((l) => l.replace(/ /g, '')), line.map((l) => l.slice(0, l.length >> 1)));

  it('where parseLine finds it, for any ASCII line (a property)', () => {
    fc.assert(
      fc.property(anyLine, (candidate) => {
        const bytes = Buffer.from(`x\n${candidate}\ny`, 'latin1');
        // As search.ts asks: a stamp the bytes vouch for, then the text's start; else the full parser decides.
        const found = isoStampAt(bytes, 2, 2 + candidate.length) ? textAfterTime(bytes, 2 + 30, 2 + candidate.length) : -1;
        if (found >= 0 || candidate.startsWith(`${STAMP} `)) assert.equal(found < 0 ? -1 : found - 2, expectedStart(candidate));
      }),
      { numRuns: 5000 },
    );
  });

  it('a stamp vouched for from the bytes exactly when isoMs reads it (a property)', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9');
    const field = (length: number) => fc.array(digit, { minLength: length, maxLength: length }).map((digits) => digits.join(''));
    const time = fc.oneof(
      fc.tuple(field(4), field(2), field(2), field(2), field(2), field(2), field(3), fc.constantFrom('+', '-', 'Z'), field(2), field(2)).map(([y, mo, d, h, mi, s, ms, sign, oh, om]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${sign}${oh}:${om}`),
      asciiString(29),
      fc.constant(STAMP),
    );
    fc.assert(
      fc.property(time, (stamp) => {
        const bytes = Buffer.from(`${stamp} ann main:0.0 | x`, 'latin1');
        assert.equal(isoStampAt(bytes, 0, bytes.length), stamp.length === 29 && isoMs(stamp) !== undefined, stamp);
      }),
      { numRuns: 3000 },
    );
  });

  it('a time format of several words', () => {
    const timeFormat = 'yyyy-MM-dd HH:mm:ss.SSS xxx';
    for (const candidate of ['2026-11-24 23:01:04.871 +01:00 ann my proj:1.2 | hi', '2026-11-24 23:01:04.871 +01:00 ann main:1.2 * start rec=X', '2026-11-24 23:01:04.871 ann main:1.2 | short stamp']) {
      const bytes = Buffer.from(candidate, 'latin1');
      assert.equal(textStart(bytes, 0, bytes.length, 3), expectedStart(candidate, timeFormat), candidate);
    }
  });

  it('events and look-alikes: the first place-and-mark decides', () => {
    const cases: [string, number][] = [
      [`${STAMP} ann main:0.0 * stop rec=X reason=toggle`, -1],
      [`${STAMP} ann main:0.0 | x main:0.1 * stop rec=X`, `${STAMP} ann main:0.0 | `.length],
      [`${STAMP} ann main:0.0 |`, -1],
      [`${STAMP} ann main:0.0 | `, `${STAMP} ann main:0.0 | `.length],
      [`${STAMP}  main:0.0 | no user`, -1],
      [`${STAMP} ann a:b:0.0 = row`, `${STAMP} ann a:b:0.0 = `.length],
      [`{"time":"x","text":"a b c:0.0 | timeout"}`, -1],
      // An event whose value holds a place and mark (a command line is the shell's to say): still an event.
      [`${STAMP} ann main:0.0 * command rec=X cmd="a x:0.0 | b"`, -1],
    ];
    for (const [candidate, expected] of cases) {
      const bytes = Buffer.from(candidate, 'latin1');
      assert.equal(textStart(bytes, 0, bytes.length, 1), expected, candidate);
      assert.equal(expected, expectedStart(candidate), candidate);
    }
  });

  it('plain ASCII: printable and TAB only', () => {
    assert.equal(plainAscii(Buffer.from('a b\tc~'), 0, 6), true);
    for (const bad of ['\x1b[2J', 'a\rb', '\x7f', 'café', '\x00', '\x85']) assert.equal(plainAscii(Buffer.from(bad, 'latin1'), 0, bad.length), false, JSON.stringify(bad));
  });

  it('plain ASCII: every unsafe byte, in each position of a word, at each alignment', () => {
    const unsafe = [...Array(256).keys()].filter((b) => (b < 0x20 && b !== 0x09) || b >= 0x7f);
    for (const bad of unsafe) {
      for (let shift = 0; shift < 4; shift++) {
        for (let at = 0; at < 8; at++) {
          const backing = new Uint8Array(16).fill(0x61);
          backing[shift + at] = bad;
          const bytes = Buffer.from(backing.buffer, shift, 8);
          assert.equal(plainAscii(bytes, 0, 8), false, `byte ${bad} at ${at}, shift ${shift}`);
        }
      }
    }
  });

  it('plain ASCII, four bytes at a time: any bytes, any alignment (a property)', () => {
    const byte = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 1, arbitrary: fc.constantFrom(0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0xff, 0x1b, 0x20, 0x7e) });
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 40 }), fc.nat({ max: 7 }), fc.nat({ max: 40 }), fc.nat({ max: 40 }), (values, shift, a, b) => {
        const backing = new Uint8Array(values.length + 8);
        backing.set(values, shift);
        const bytes = Buffer.from(backing.buffer, 1, backing.length - 1); // a view that does not start on a word
        const start = Math.min(a, b, values.length) + shift;
        const end = Math.min(Math.max(a, b), values.length) + shift;
        const expected = [...bytes.subarray(start, end)].every((value) => value === 0x09 || (value >= 0x20 && value <= 0x7e));
        assert.equal(plainAscii(bytes, start, end), expected);
        // Copied as checked, to any offset of the target.
        const target = Buffer.alloc(60, 0xee);
        const after = copyPlain(bytes, start, end, new DataView(target.buffer, target.byteOffset, target.length), shift + 1);
        assert.equal(after, expected ? shift + 1 + end - start : -1);
        if (expected) assert.deepEqual(target.subarray(shift + 1, after), bytes.subarray(start, end));
      }),
      { numRuns: 5000 },
    );
  });
});

/** What `grep` prints (its own printers, kept in memory), with the fast path or without, and how many lines matched. */
function printed(logs: string, source: string, options: { ignoreCase?: boolean; fixed?: boolean }, fast: boolean): string {
  const out = new MemoryOutput();
  const matched = grepLogs(
    listLogs(logs),
    { pattern: makePattern(source, options), filter: {}, context: 0, timeFormat: DEFAULT_TIME_FORMAT, plain: fast ? printPlain(out) : undefined },
    (hit) => out.write(`${hit.file}:${hit.number}: ${hit.log}\n`),
    (name, error) => assert.fail(`${name}: ${error.message}`),
  );
  return `${matched}\n${Buffer.concat(out.take()).toString('utf8')}`;
}

describe('a search with the fast path prints what it prints without', () => {
  const place = fc.constantFrom('main:0.0', 'main:0.1', 'a b:2.10');
  const text = fc.oneof(
    asciiString(40),
    fc.constantFrom('timeout here', 'no time out', 'ann main:0.0 | timeout', `${STAMP} ann main:0.0 * stop rec=X reason=toggle`, 'café timeout', '\x1b]0;title\x07 timeout', 'tab\ttimeout', 'x\x85timeout', 'timeout\r'),
    fc.string({ maxLength: 20 }),
  );
  const row = fc.oneof(
    fc.tuple(place, fc.constantFrom('|', '+', '~', '=', '<'), text).map(([p, m, x]) => `${STAMP} ann ${p} ${m} ${x}`),
    place.map((p) => `${STAMP} ann ${p} * start rec=AAAAAAAAAA by=ann pane=%0`),
    text,
    fc.constant(`{"time":"${STAMP}","user":"ann","session":"main","window":"0","pane":"0","rec":"R","kind":"line","text":"timeout in json"}`),
    // A JSON line whose text holds a place and a mark: JSON all the same.
    fc.constant(`{"time":"${STAMP}","user":"ann","session":"main","window":"0","pane":"0","rec":"R","kind":"line","text":"x ann main:0.0 | timeout"}`),
  );
  const raw = fc.oneof(fc.constant(Buffer.from([0xff, 0xfe, 0x74, 0x69, 0x6d, 0x65])), fc.constant(Buffer.from('timeout \xc2\x9b', 'latin1')));
  const log = fc.array(fc.oneof({ weight: 9, arbitrary: row.map((r) => Buffer.from(`${r}\n`)) }, { weight: 1, arbitrary: raw.map((b) => Buffer.concat([Buffer.from(`${STAMP} ann main:0.0 | `), b, Buffer.from('\n')])) }), { maxLength: 30 });
  const pattern = fc.oneof(
    fc.constantFrom<[string, { ignoreCase?: boolean; fixed?: boolean }]>(['timeout', {}], ['time', {}], ['ann', {}], ['main:0', {}], [':0.0 |', { fixed: true }], ['tim(e|x)out', {}], ['TIMEOUT', { ignoreCase: true }], ['^time', {}], ['e.o', {}], ['', {}], ['café', {}], ['t', {}]),
    asciiString(4).map((s): [string, { fixed: boolean }] => [s, { fixed: true }]),
  );

  it('any log, any pattern (a property)', () =>
    withTempDir('read-fast-grep', (dir) => {
      const logs = path.join(dir, 'logs');
      fc.assert(
        fc.property(log, log, pattern, (rotated, live, [source, options]) => {
          fs.rmSync(logs, { recursive: true, force: true });
          fs.mkdirSync(logs);
          fs.writeFileSync(path.join(logs, 'main.log.20261124T220010.000Z'), Buffer.concat(rotated));
          fs.writeFileSync(path.join(logs, 'main.log'), Buffer.concat(live));
          assert.equal(printed(logs, source, options, true), printed(logs, source, options, false));
        }),
        { numRuns: 400 },
      );
    }));
});

describe('a log whose name holds a newline', () => {
  // The name is whoever could write the directory's to choose: printed whole on its own line, it could
  // pass for a match of another file.
  it('is printed escaped, by the fast path and the slow one', () =>
    withTempDir('read-fast-grep-name', (dir) => {
      fs.writeFileSync(path.join(dir, 'ev\nil.log'), `${STAMP} ann main:0.0 | timeout\n${STAMP} ann main:0.0 * stop rec=AAAAAAAAAA reason=toggle by=ann\n`);
      for (const args of [['timeout'], ['timeout', '--pane', 'main:0.0'], ['-C', '1', 'timeout']]) {
        const { status, stdout } = cliResult(['grep', ...args, '--dir', dir]);
        assert.equal(status, 0, stdout);
        assert.ok(stdout.includes('ev\\u000ail.log:1'), `${args.join(' ')}: ${JSON.stringify(stdout)}`);
        assert.ok(!stdout.split('\n').some((line) => line.startsWith('il.log')), `${args.join(' ')}: ${JSON.stringify(stdout)}`);
      }
    }));
});
