// ls's cache of rotated files' summaries (src/read/summary-cache.ts): a file
// summarized once is not read again while it is unchanged; any change to it
// (size, mtime, another file in its place) reads it again; the live file is
// never kept; a cache someone else could have written is not believed; and a
// directory that is not ours gets correct answers without any cache.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { listLogs } from '../../src/read/files.ts';
import { CACHE_NAME, SummaryCache, type ScannedFile } from '../../src/read/summary-cache.ts';
import { summarizeLog } from '../../src/read/summary.ts';
import { withTempDir } from '../support/util.ts';

const T = (second: number) => `2026-11-24T23:00:${String(second).padStart(2, '0')}.000+01:00`;
const ROTATED = 'main.log.20261124T220010.000Z';

function craft(dir: string): void {
  fs.writeFileSync(
    path.join(dir, ROTATED),
    `${T(0)} ann main:0.0 * start rec=AAAAAAAAAA by=bob pane=%0 pid=1 file=/x/main.log\n${T(1)} ann main:0.0 | hello\n`,
  );
  fs.writeFileSync(path.join(dir, 'main.log'), `${T(20)} ann main:0.0 | live line\n`);
}

/** ls's summary of `main`, and which files were read (not taken from the cache) to make it. */
function ls(dir: string): { lines: number; recordings: string[]; users: string[]; scanned: string[]; last: string | null } {
  const [set] = listLogs(dir);
  const scanned: string[] = [];
  const cache = SummaryCache.open(dir);
  const wrapped = {
    summarize: (file: string, format: string, scan: () => ScannedFile | undefined) =>
      cache.summarize(file, format, () => {
        scanned.push(path.basename(file));
        return scan();
      }),
  } as unknown as SummaryCache;
  const summary = summarizeLog(set!, DEFAULT_TIME_FORMAT, wrapped);
  cache.save();
  return { lines: summary.lines, recordings: summary.recordingIds, users: summary.users, scanned, last: summary.last };
}

const cacheFile = (dir: string) => path.join(dir, '.run', CACHE_NAME);

describe('ls cache of rotated files', () => {
  it('a rotated file is read once, then taken from the cache; the live file is never kept', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      const cold = ls(dir);
      assert.deepEqual(cold.scanned, [ROTATED]);
      assert.equal(fs.statSync(cacheFile(dir)).mode & 0o777, 0o600);
      assert.equal(fs.statSync(path.join(dir, '.run')).mode & 0o777, 0o700);
      const warm = ls(dir);
      assert.deepEqual(warm.scanned, []);
      assert.deepEqual({ ...warm, scanned: [] }, { ...cold, scanned: [] });
      assert.deepEqual([warm.lines, warm.recordings, warm.users], [3, ['AAAAAAAAAA'], ['ann', 'bob']]);
      const kept = fs.readFileSync(cacheFile(dir), 'utf8');
      assert.ok(kept.includes(ROTATED) && !kept.includes('"main.log"'), kept);
      // The live file grows: ls sees it (it is read every time).
      fs.appendFileSync(path.join(dir, 'main.log'), `${T(21)} ann main:0.0 | more\n`);
      assert.deepEqual([ls(dir).lines, ls(dir).last], [4, T(21)]);
    }));

  it('a change of size, of mtime, or another file in its place is read again', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      const file = path.join(dir, ROTATED);
      ls(dir);
      fs.appendFileSync(file, `${T(2)} ann main:0.0 * start rec=BBBBBBBBBB by=eve pane=%0 pid=2 file=/x/main.log\n`);
      const grown = ls(dir);
      assert.deepEqual(grown.scanned, [ROTATED]);
      assert.deepEqual([grown.lines, grown.recordings, grown.users], [4, ['AAAAAAAAAA', 'BBBBBBBBBB'], ['ann', 'bob', 'eve']]);
      assert.deepEqual(ls(dir).scanned, []);

      // The same size, rewritten, its mtime set back: ctime still tells.
      const { atime, mtime } = fs.statSync(file);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('BBBBBBBBBB by=eve', 'CCCCCCCCCC by=zed'));
      fs.utimesSync(file, atime, mtime);
      const same = ls(dir);
      assert.deepEqual([same.scanned, same.recordings, same.users], [[ROTATED], ['AAAAAAAAAA', 'CCCCCCCCCC'], ['ann', 'bob', 'zed']]);

      fs.utimesSync(file, atime, new Date(mtime.getTime() + 5000));
      assert.deepEqual(ls(dir).scanned, [ROTATED]);

      // Another file (another inode) renamed into its place.
      fs.writeFileSync(`${file}.new`, `${T(3)} ann main:0.0 | replaced\n`);
      fs.renameSync(`${file}.new`, file);
      const replaced = ls(dir);
      assert.deepEqual([replaced.scanned, replaced.lines, replaced.recordings], [[ROTATED], 2, []]);
      assert.deepEqual(ls(dir).scanned, []);
    }));

  it('a rotated file removed or compressed: its entry goes, the .gz is read and kept', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      ls(dir);
      const file = path.join(dir, ROTATED);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file)));
      fs.rmSync(file);
      const gz = ls(dir);
      assert.deepEqual([gz.scanned, gz.lines, gz.recordings], [[`${ROTATED}.gz`], 3, ['AAAAAAAAAA']]);
      const kept = fs.readFileSync(cacheFile(dir), 'utf8');
      assert.ok(kept.includes(`${ROTATED}.gz`) && !kept.includes(`"${ROTATED}"`), kept);
      assert.deepEqual(ls(dir).scanned, []);
    }));

  /** A cache whose entry for the rotated file claims 99 lines and a forged recording, with the file's true key. */
  function forge(dir: string): void {
    ls(dir);
    const kept = JSON.parse(fs.readFileSync(cacheFile(dir), 'utf8')) as { files: { scanned: ScannedFile }[] };
    kept.files[0]!.scanned.summary.lines = 99;
    kept.files[0]!.scanned.starts = [{ rec: 'FORGED0000', user: 'ann', by: 'mallory' }];
    fs.rmSync(cacheFile(dir));
    fs.writeFileSync(cacheFile(dir), JSON.stringify(kept), { mode: 0o600 });
  }

  it('a cache of ours, 0600, is believed (so the refusals below are what protects ls)', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      forge(dir);
      assert.deepEqual(ls(dir).recordings, ['FORGED0000']);
    }));

  for (const [what, plant] of [
    ['writable by others', (file: string) => fs.chmodSync(file, 0o666)],
    ['readable by the group', (file: string) => fs.chmodSync(file, 0o640)],
    ['owned by someone else', (file: string) => fs.chownSync(file, 65534, 65534)],
    ['with a second name (hard link)', (file: string) => fs.linkSync(file, `${file}.link`)],
    ['a symlink to a forged file', (file: string) => {
      fs.renameSync(file, `${file}.elsewhere`);
      fs.symlinkSync(`${file}.elsewhere`, file);
    }],
  ] as const) {
    it(`a planted cache ${what} is refused, and replaced by a true one`, () =>
      withTempDir('ls-cache', (dir) => {
        craft(dir);
        forge(dir);
        plant(cacheFile(dir));
        const refused = ls(dir);
        assert.deepEqual([refused.scanned, refused.lines, refused.recordings], [[ROTATED], 3, ['AAAAAAAAAA']]);
        const stat = fs.lstatSync(cacheFile(dir));
        assert.ok(stat.isFile() && (stat.mode & 0o777) === 0o600 && stat.uid === process.geteuid!() && stat.nlink === 1);
        assert.deepEqual(ls(dir).scanned, []);
      }));
  }

  it('a .run not ours alone: no cache read or written', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      forge(dir);
      fs.chmodSync(path.join(dir, '.run'), 0o777);
      const open = ls(dir);
      assert.deepEqual([open.scanned, open.recordings], [[ROTATED], ['AAAAAAAAAA']]);
      assert.deepEqual(ls(dir).scanned, [ROTATED]);
    }));

  for (const garbage of ['', '{', 'null', '{"version":2,"files":{"__proto__":{}}}', '{"version":2,"files":[{"name":"x","key":1}]}', '{"version":0,"files":[]}']) {
    it(`a corrupt cache (${JSON.stringify(garbage)}) is ignored and rewritten`, () =>
      withTempDir('ls-cache', (dir) => {
        craft(dir);
        fs.mkdirSync(path.join(dir, '.run'), { mode: 0o700 });
        fs.writeFileSync(cacheFile(dir), garbage, { mode: 0o600 });
        assert.deepEqual(ls(dir).scanned, [ROTATED]);
        assert.deepEqual(ls(dir).scanned, []);
        assert.equal(ls(dir).lines, 3);
      }));
  }

  it('a log directory that is not ours (a reader without write access): correct answers, nothing written', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      fs.chownSync(dir, 65534, 65534);
      for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), 65534, 65534);
      const first = ls(dir);
      assert.deepEqual([first.scanned, first.lines, first.recordings], [[ROTATED], 3, ['AAAAAAAAAA']]);
      assert.deepEqual(ls(dir).scanned, [ROTATED]);
      assert.equal(fs.existsSync(path.join(dir, '.run')), false);
      // summarizeLog with its own cache too (as `ls` calls it).
      assert.equal(summarizeLog(listLogs(dir)[0]!, DEFAULT_TIME_FORMAT).lines, 3);
      assert.equal(fs.existsSync(path.join(dir, '.run')), false);
    }));
});

describe('ls cache, several logs in one directory', () => {
  it('summarizing one log keeps the others\' entries, drops its own gone files', () =>
    withTempDir('ls-cache', (dir) => {
      craft(dir);
      // A session whose name looks like main's rotated file: its files are not main's.
      const other = `${ROTATED}.log`;
      fs.writeFileSync(path.join(dir, `${other}.20261124T220011.000Z`), `${T(5)} ann x:0.0 | other\n`);
      fs.writeFileSync(path.join(dir, other), `${T(6)} ann x:0.0 | other live\n`);
      const names = () => (JSON.parse(fs.readFileSync(cacheFile(dir), 'utf8')) as { files: { name: string }[] }).files.map((file) => file.name).sort();
      const cache = SummaryCache.open(dir);
      const sets = listLogs(dir);
      assert.equal(sets.length, 2);
      for (const set of sets) {
        summarizeLog(set, DEFAULT_TIME_FORMAT, cache);
        cache.save(set.live);
      }
      assert.deepEqual(names(), [ROTATED, `${other}.20261124T220011.000Z`].sort());
      // main's rotated file goes: summarizing main drops it, the other log's entry stays.
      fs.rmSync(path.join(dir, ROTATED));
      const again = SummaryCache.open(dir);
      const main = listLogs(dir).find((set) => set.live === 'main.log')!;
      assert.equal(summarizeLog(main, DEFAULT_TIME_FORMAT, again).lines, 1);
      again.save(main.live);
      assert.deepEqual(names(), [`${other}.20261124T220011.000Z`]);
    }));
});
