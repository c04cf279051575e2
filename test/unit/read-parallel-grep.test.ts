// grep on two threads (src/commands/grep-parallel.ts): a large search's files
// shared with a worker thread must print exactly what one thread prints: the
// same lines, in the same order (time order across sessions and rotated
// files), the same read errors at the same place, the same count, whatever
// the logs hold and whatever the filter. The files are shared by turns
// (test/support/grep-threads.ts), so the worker searches every other file
// whatever the machine's load and however small the files; the size and load
// under which `grep` stays on one thread, and the filters that keep it there,
// are tested through the command (test/e2e/reading-grep-threads.test.ts).

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fs from 'node:fs';
import fc from 'fast-check';
import { jobsOf, planOf, shareJobs, type GrepRequest } from '../../src/commands/grep-parallel.ts';
import { printHit, printPlain } from '../../src/commands/grep-print.ts';
import { MemoryOutput } from '../../src/commands/output.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { listLogs } from '../../src/read/files.ts';
import type { LineFilter } from '../../src/read/filter.ts';
import { makePattern } from '../../src/read/pattern.ts';
import { grepLogs } from '../../src/read/search.ts';
import { byTurns, grepByTurns, slowTurnsWorker } from '../support/grep-threads.ts';
import { withTempDir } from '../support/util.ts';

/** What a search printed, its count, its read errors (file, code, and where in the output) and what it threw, one thread or two. */
function searched(dir: string, request: GrepRequest, parallel: boolean): string {
  const out = new MemoryOutput();
  const errors: string[] = [];
  const error = (name: string, failure: Error) => errors.push(`${out.length} ${name} ${(failure as NodeJS.ErrnoException).code}`);
  let result: string;
  try {
    const sets = listLogs(dir);
    const matched = parallel
      ? grepByTurns(sets, request, out, error)
      : grepLogs(sets, { pattern: makePattern(request.source, request), filter: request.filter, context: 0, timeFormat: request.timeFormat, plain: printPlain(out) }, (hit) => printHit(out, hit), error);
    result = `matched ${matched}`;
  } catch (failure) {
    result = `threw ${(failure as Error).message}`;
  }
  return `${result}\n${errors.join('\n')}\n${Buffer.concat(out.take()).toString('utf8')}`;
}

const BASE = Date.UTC(2026, 10, 24, 8, 0, 0);
const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const rotatedName = (live: string, ms: number) => `${live}.${new Date(ms).toISOString().replace(/[-:]/g, '')}`;

const asciiChar = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const asciiString = (maxLength: number) => fc.array(fc.oneof(asciiChar, fc.constantFrom(':', '.', ' ', '|', '*', '0', '\t')), { maxLength }).map((chars) => chars.join(''));
// Hostile text: forged stamps and events, controls and escapes, C1, bidi, invalid UTF-8, JSON lines.
const text = fc.oneof(
  asciiString(40),
  fc.constantFrom(
    'timeout here',
    'no time out',
    'ann main:0.0 | timeout',
    `${stamp(BASE)} ann main:0.0 * stop rec=X reason=toggle`,
    'café timeout',
    '\x1b]0;title\x07 timeout',
    '\x1b[2J\x1b[H timeout',
    'tab\ttimeout',
    'x\x85timeout',
    'timeout\r',
    'time\u202eout',
    'timeout \u2028 next',
  ),
  fc.string({ maxLength: 20 }),
);
const place = fc.constantFrom('0.0', '0.1', '2.10');
/** One line of a session's log at `ms`: printed text, an event, a bare line, JSON, or raw bytes. */
const line = (session: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(place, fc.constantFrom('|', '+', '~', '=', '<'), text).map(([p, m, x]) => (ms: number) => Buffer.from(`${stamp(ms)} ann ${session}:${p} ${m} ${x}\n`)) },
    { weight: 1, arbitrary: place.map((p) => (ms: number) => Buffer.from(`${stamp(ms)} ann ${session}:${p} * start rec=AAAAAAAAAA by=ann pane=%0\n`)) },
    { weight: 1, arbitrary: text.map((x) => () => Buffer.from(`${x}\n`)) },
    { weight: 1, arbitrary: text.map((x) => (ms: number) => Buffer.from(`${JSON.stringify({ time: stamp(ms), user: 'ann', session, window: '0', pane: '0', rec: 'R', kind: 'line', text: x })}\n`)) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff, 0xfe, 0x74, 0x69, 0x6d, 0x65]), Buffer.from('timeout \xc2\x9b', 'latin1')).map((raw) => (ms: number) => Buffer.concat([Buffer.from(`${stamp(ms)} ann ${session}:0.0 | `), raw, Buffer.from('\n')])) },
  );
/** A session's files: each a list of lines, written a second apart, rotated files then the live one. */
const session = (name: string) => fc.array(fc.array(line(name), { maxLength: 12 }), { minLength: 1, maxLength: 5 });

function writeSession(dir: string, name: string, files: ((ms: number) => Buffer)[][], start: number): void {
  let ms = start;
  files.forEach((lines, index) => {
    const bytes = Buffer.concat(lines.map((make) => make((ms += 1000))));
    const last = index === files.length - 1;
    fs.writeFileSync(path.join(dir, last ? `${name}.log` : rotatedName(`${name}.log`, (ms += 500))), bytes);
  });
}

const patterns = fc.constantFrom<[string, { ignoreCase?: boolean; fixed?: boolean }]>(['timeout', {}], ['time', {}], ['ann', {}], ['main:0', {}], [':0.0 |', { fixed: true }], ['tim(e|x)out', {}], ['TIMEOUT', { ignoreCase: true }], ['^time', {}], ['e.o', {}], ['', {}], ['café', {}], ['start', {}]);
const filters = fc.oneof(
  fc.constant<LineFilter>({}),
  fc.constant<LineFilter>({ events: true }),
  fc.constant<LineFilter>({ pane: { place: 'main:0.1' } }),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })).map(([a, b]): LineFilter => ({ since: BASE + Math.min(a, b) * 1000, until: BASE + Math.max(a, b) * 1000 })),
  fc.integer({ min: 0, max: 60 }).map((a): LineFilter => ({ since: BASE + a * 1000 })),
);

describe('grep on two threads', () => {
  it('prints what one thread prints: any logs of several sessions, any pattern, any filter (a property)', () =>
    withTempDir('read-parallel-grep', (root) => {
      const dir = path.join(root, 'logs');
      fc.assert(
        fc.property(session('main'), session('b'), session('c'), fc.integer({ min: 0, max: 20 }), patterns, filters, (main, b, c, offset, [source, options], filter) => {
          fs.rmSync(dir, { recursive: true, force: true });
          fs.mkdirSync(dir);
          writeSession(dir, 'main', main, BASE);
          writeSession(dir, 'b', b, BASE + offset * 1000);
          writeSession(dir, 'c', c, BASE + 3 * offset * 1000);
          const request: GrepRequest = { source, ...options, filter, timeFormat: DEFAULT_TIME_FORMAT };
          const one = searched(dir, request, false);
          assert.equal(searched(dir, request, true), one);
          // -c: the same lines counted, nothing printed.
          assert.equal(searched(dir, { ...request, count: true }, true), `${one.slice(0, one.indexOf('\n'))}\n\n`);
        }),
        { numRuns: 12 },
      );
    }));

  it('a file it refuses stops it as it stops one thread', () =>
    withTempDir('read-parallel-grep-refused', (root) => {
      const dir = path.join(root, 'logs');
      fs.mkdirSync(dir);
      const files = Array.from({ length: 8 }, (_, index) => Array.from({ length: 50 }, (__, n) => (ms: number) => Buffer.from(`${stamp(ms)} ann main:0.0 | timeout ${index}.${n}\n`)));
      writeSession(dir, 'main', files, BASE);
      const names = fs.readdirSync(dir).sort();
      const request: GrepRequest = { source: 'timeout', filter: {}, timeFormat: DEFAULT_TIME_FORMAT };
      const clean = searched(dir, request, true);
      assert.equal(clean, searched(dir, request, false));
      assert.match(clean, /^matched 400\n/);
      // A rotated file that is a directory, then one that is a symbolic link: refused (safe-open.ts) when the files are put in time order.
      fs.rmSync(path.join(dir, names[5]!));
      fs.mkdirSync(path.join(dir, names[5]!));
      const one = searched(dir, request, false);
      assert.equal(searched(dir, request, true), one);
      assert.match(one, /^threw .*not a regular file/);
      fs.rmSync(path.join(dir, names[5]!), { recursive: true });
      fs.symlinkSync(path.join(dir, names[6]!), path.join(dir, names[5]!));
      const refused = searched(dir, request, false);
      assert.equal(searched(dir, request, true), refused);
      assert.match(refused, /^threw .*symbolic link/);
    }));

  it('a worker slow to read a file it finds nothing in (-c) is waited for, not given up and its file searched again', () =>
    withTempDir('read-parallel-grep-slow', (root) => {
      const dir = path.join(root, 'logs');
      fs.mkdirSync(dir);
      // The main thread's file (rotated): 10 matches; the worker's (live): 6 MiB where nothing matches, then 5 matches.
      const mine = Array.from({ length: 10 }, (_, n) => (ms: number) => Buffer.from(`${stamp(ms)} ann main:0.0 | timeout ${n}\n`));
      const filler = Array.from({ length: 6 * 1024 + 512 }, () => (ms: number) => Buffer.from(`${stamp(ms)} ann main:0.0 | ${'quiet '.repeat(160)}\n`));
      const late = Array.from({ length: 5 }, (_, n) => (ms: number) => Buffer.from(`${stamp(ms)} ann main:0.0 | timeout late ${n}\n`));
      writeSession(dir, 'main', [mine, [...filler, ...late]], BASE);
      const live = path.join(dir, 'main.log');
      assert.ok(fs.statSync(live).size > 6 << 20);
      const request: GrepRequest = { source: 'timeout', filter: {}, timeFormat: DEFAULT_TIME_FORMAT, count: true };
      const plan = planOf(request);
      const sets = listLogs(dir);
      const jobs = jobsOf(sets, plan, request.timeFormat);
      assert.deepEqual(jobs.map((job) => path.basename(job.path) === 'main.log'), [false, true], 'the worker (odd turns) has the live file');
      // Reads of the live file on this thread, from here on: the main thread searching it itself.
      let readHere = 0;
      const read = fs.readSync;
      fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
        if (fs.readlinkSync(`/proc/self/fd/${args[0]}`) === live) readHere++;
        return read(...args);
      }) as typeof fs.readSync;
      const started = Date.now();
      let matched: number;
      try {
        // 2 s a read, 7 reads (1 MiB pieces): 14 s, longer than the 10 s a silent worker is given.
        matched = shareJobs(plan, request, jobs, new MemoryOutput(), () => {}, slowTurnsWorker(2000), byTurns);
      } finally {
        fs.readSync = read;
      }
      assert.equal(matched, 15);
      assert.ok(Date.now() - started >= 12_000, 'the worker did read slowly');
      assert.equal(readHere, 0, `the worker was waited for: its file not searched again here (${readHere} reads here, ${Date.now() - started} ms)`);
    }));
});
