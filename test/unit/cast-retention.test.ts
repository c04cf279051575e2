// The raw streams (`@audit-cast on`) are rotated and counted like the logs:
// which files are a log's casts (core/cast-names.ts), `ls` counting them, and
// the age limit pruning their old rotated parts at the log's rotation (ours
// only: a planted one is left alone and reported) and at the cast's own.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { castFilesOfLog, castsOfLog, castsTooOld } from '../../src/core/cast-names.ts';
import { lsTable } from '../../src/commands/ls.ts';
import { listLogs } from '../../src/read/files.ts';
import { summarizeLog } from '../../src/read/summary.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { LogFile, type LogFileOptions } from '../../src/sinks/file/writer.ts';
import { CastFile } from '../../src/sinks/file/cast.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-cast-retention-'));
  dirs.push(dir);
  return dir;
}
function options(overrides: Partial<LogFileOptions> = {}): LogFileOptions & { planted: string[] } {
  const planted: string[] = [];
  return { ...quietWriterOptions({ onPlanted: (file) => planted.push(file), ...overrides }), planted };
}
const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '');

describe('a log\'s casts, by name', () => {
  const names = [
    'deploy.log',
    'deploy.V1StGXR8_Z.cast',
    'deploy.V1StGXR8_Z.cast.20261120T000000.000Z-1.gz',
    'deploy.V1StGXR8_Z.cast.20261101T000000.000Z',
    'deploy.V1StGXR8_Z.cast.20261101T000000.000Z.gz', // mid-compression: the plain one counts
    'deploy.-aaaaaaaaa.cast.20261121T000000.000Z', // an id that starts with `-`, rotated, its live part gone
    'deploy2.V1StGXR8_Z.cast', // another session's
    'deploy@work.V1StGXR8_Z.cast', // the same name on another server
    'deploy.short.cast', // not a recording id
    'deploy.V1StGXR8_Z.cast.tmp',
    'deploy.log.20261101T000000.000Z',
  ];

  it('every part of each recording\'s cast: rotated oldest first, then the live one; no other log\'s', () => {
    assert.deepEqual(castsOfLog(names, 'deploy.log'), ['deploy.-aaaaaaaaa.cast', 'deploy.V1StGXR8_Z.cast']);
    assert.deepEqual(castFilesOfLog(names, 'deploy.log'), [
      'deploy.-aaaaaaaaa.cast.20261121T000000.000Z',
      'deploy.V1StGXR8_Z.cast.20261101T000000.000Z',
      'deploy.V1StGXR8_Z.cast.20261120T000000.000Z-1.gz',
      'deploy.V1StGXR8_Z.cast',
    ]);
    assert.deepEqual(castFilesOfLog(names, 'deploy@work.log'), ['deploy@work.V1StGXR8_Z.cast']);
    assert.deepEqual(castFilesOfLog(names, 'deploy2.log'), ['deploy2.V1StGXR8_Z.cast']);
  });

  it('too old: rotated parts by the time in their name, never a live part', () => {
    const now = Date.UTC(2026, 10, 25);
    assert.deepEqual(castsTooOld(names, 'deploy.log', 10 * 86_400_000, now), ['deploy.V1StGXR8_Z.cast.20261101T000000.000Z']);
    assert.deepEqual(castsTooOld(names, 'deploy.log', 86_400_000, now).sort(), ['deploy.-aaaaaaaaa.cast.20261121T000000.000Z', 'deploy.V1StGXR8_Z.cast.20261101T000000.000Z', 'deploy.V1StGXR8_Z.cast.20261120T000000.000Z-1.gz'].sort());
    assert.deepEqual(castsTooOld(names, 'deploy.log', Number.POSITIVE_INFINITY, now), []);
  });
});

describe('ls counts the casts', () => {
  it('files and bytes per log, in the table and the JSON; not in the log\'s own size', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.log'), '2026-11-24T23:01:04.871+01:00 ann main:0.0 | hi\n');
    fs.writeFileSync(path.join(dir, 'main.AAAAAAAAAA.cast'), 'x'.repeat(1000));
    fs.writeFileSync(path.join(dir, 'main.AAAAAAAAAA.cast.20261124T220000.000Z'), 'x'.repeat(2000));
    fs.writeFileSync(path.join(dir, 'ops.log'), '2026-11-24T23:01:04.871+01:00 ann ops:0.0 | hi\n');
    fs.symlinkSync(path.join(dir, 'main.log'), path.join(dir, 'ops.BBBBBBBBBB.cast')); // not a cast: a link
    const [main, ops] = listLogs(dir).map((set) => summarizeLog(set, DEFAULT_TIME_FORMAT));
    assert.deepEqual(main!.casts, [
      { path: path.join(dir, 'main.AAAAAAAAAA.cast.20261124T220000.000Z'), bytes: 2000 },
      { path: path.join(dir, 'main.AAAAAAAAAA.cast'), bytes: 1000 },
    ]);
    assert.equal(main!.castBytes, 3000);
    assert.equal(main!.bytes, 48);
    assert.deepEqual(ops!.casts, []);
    const table = lsTable([main!, ops!]).split('\n');
    assert.match(table[0]!, / RECS +CASTS {2}USERS$/);
    assert.match(table[1]!, / 2\/2\.9K {2}ann$/);
    assert.match(table[2]!, / {5}- {2}ann$/);
    assert.deepEqual(JSON.parse(JSON.stringify(main)).casts.length, 2);
  });
});

describe('the age limit prunes old rotated casts', () => {
  it('at the log\'s rotation: every recording\'s (a finished one\'s too), ours only; live parts and recent ones stay', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    const old = path.join(dir, 'main.AAAAAAAAAA.cast.20200101T000000.000Z');
    const oldOther = path.join(dir, 'main.BBBBBBBBBB.cast.20200102T000000.000Z.gz');
    const recent = path.join(dir, `main.AAAAAAAAAA.cast.${utc(Date.now() - 3_600_000)}`);
    const live = path.join(dir, 'main.BBBBBBBBBB.cast');
    const otherLog = path.join(dir, 'ops.CCCCCCCCCC.cast.20200101T000000.000Z');
    for (const cast of [old, oldOther, recent, live, otherLog]) fs.writeFileSync(cast, 'cast\n', { mode: 0o600 });
    fs.utimesSync(live, new Date(2020, 0, 1), new Date(2020, 0, 1)); // old by its time, but live: no rotation time
    const target = path.join(dir, 'elsewhere');
    fs.writeFileSync(target, 'not a cast\n');
    const planted = path.join(dir, 'main.DDDDDDDDDD.cast.20200103T000000.000Z');
    fs.symlinkSync(target, planted);
    const opts = options({ maxBytes: 10, maxAgeMs: 7 * 86_400_000 });
    const log = new LogFile(file, opts);
    log.write('0123456789\n');
    await log.flush();
    log.write('next\n');
    await log.flush();
    await log.close();
    assert.ok(!fs.existsSync(old) && !fs.existsSync(oldOther), 'our old rotated casts are gone');
    assert.ok(fs.existsSync(recent) && fs.existsSync(live), 'a recent part and a live one stay');
    assert.ok(fs.existsSync(otherLog), 'another log\'s casts go with its own rotation');
    assert.ok(fs.lstatSync(planted).isSymbolicLink() && fs.readFileSync(target, 'utf8') === 'not a cast\n', 'the planted one and its target stay');
    assert.deepEqual(opts.planted, [planted]);
  });

  it('at the cast\'s own rotation too', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.AAAAAAAAAA.cast');
    const old = `${file}.20200101T000000.000Z`;
    fs.writeFileSync(old, 'old part\n', { mode: 0o600 });
    const cast = new CastFile(file, { width: 80, height: 24, startMs: Date.now() }, { ...options({ maxBytes: 200, maxAgeMs: 86_400_000 }), onDropped: () => {} });
    for (let i = 0; i < 10; i++) cast.push(Buffer.from(`line ${i} ${'x'.repeat(40)}\r\n`), Date.now());
    cast.end();
    await cast.close();
    assert.ok(!fs.existsSync(old), 'the old part is gone');
    assert.ok(castFilesOfLog(fs.readdirSync(dir), 'main.log').length >= 2, 'the cast rotated');
  });
});
