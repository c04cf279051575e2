// A dead reader's stop says when the file its last seal went into left the log
// by `rm` or `mv` rather than by rotation (chain/seal-file-gone.ts), and verify
// names a recording known only by such a stop `missing file`; a stop whose seal
// went with honestly rotated and pruned files stays clean.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { externalStopFields, externalStopHash, noteSealLink, readSealLink } from '../../src/chain/external-stop.ts';
import { parseSealNote, sealFileFate, sealFileGone } from '../../src/chain/seal-file-gone.ts';
import { verifyFiles } from '../../src/commands/verify.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { fileIdentity, noteRotated } from '../../src/sinks/file/rotated-ledger.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const scratch = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-gone-'));
  dirs.push(dir);
  return dir;
};

const KEY = Buffer.from('the auditor\'s key');
const KEY_FILE = (dir: string): string => {
  const file = path.join(dir, 'key');
  fs.writeFileSync(file, KEY, { mode: 0o600 });
  return file;
};
const T0 = Date.UTC(2026, 10, 25, 12);
const place: Place = { server: '/tmp/s', session: 'main', window: '0', pane: '0', paneId: '%0' };
const format = new TextFormat(DEFAULT_TIME_FORMAT);
const record = (rec: string, time: number, kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place, time, kind, text, ...(fields ? { fields } : {}) });
const LINK = '0123456789abcdef';

/** A log directory whose live file holds a line, a run file whose seal note names that file. */
function setUp(): { dir: string; log: string; runFile: string; keyFile: string } {
  const dir = scratch();
  const log = path.join(dir, 'main.log');
  fs.writeFileSync(log, 'a line\n');
  const runFile = path.join(dir, 'pane.json');
  noteSealLink(runFile, LINK, fileIdentity(fs.statSync(log)));
  return { dir, log, runFile, keyFile: KEY_FILE(dir) };
}

describe('the seal note and the way its file left the log', () => {
  it('the note holds the link and the file; an older note (the link alone) still reads', () => {
    const { runFile, log } = setUp();
    assert.equal(readSealLink(runFile), LINK);
    assert.deepEqual(parseSealNote(fs.readFileSync(runFile.replace(/\.json$/, '.seal'), 'utf8')), { link: LINK, file: fileIdentity(fs.statSync(log)) });
    assert.deepEqual(parseSealNote(`${LINK}\n`), { link: LINK });
    assert.equal(parseSealNote('zz 1:2:3'), undefined);
  });

  it('still at the path: not gone, no away=', () => {
    const { log, runFile, keyFile } = setUp();
    const fields = externalStopFields(runFile, 'REC', 'reader-died', keyFile, log);
    assert.equal(fields.away, undefined);
    assert.equal(fields.h, externalStopHash(LINK, 'REC', 'reader-died', KEY));
  });

  it('rm or mv of the live file (a new one at the path, or none): away=1, inside h', () => {
    for (const how of ['rm', 'mv', 'mv and recreated'] as const) {
      const { dir, log, runFile, keyFile } = setUp();
      if (how === 'rm') fs.rmSync(log);
      else fs.renameSync(log, path.join(dir, 'elsewhere'));
      if (how === 'mv and recreated') fs.writeFileSync(log, '');
      const fields = externalStopFields(runFile, 'REC', 'reader-died', keyFile, log);
      assert.equal(fields.away, '1', how);
      assert.equal(fields.h, externalStopHash(LINK, 'REC', 'reader-died', KEY, '1'));
      assert.notEqual(fields.h, externalStopHash(LINK, 'REC', 'reader-died', KEY), 'stripping away= breaks h');
    }
  });

  it('rotated (its ledger entry tagged under the key), then pruned: not gone', () => {
    const { dir, log, runFile, keyFile } = setUp();
    const rotated = path.join(dir, 'main.1.log');
    fs.renameSync(log, rotated);
    noteRotated(log, fs.statSync(rotated), KEY);
    fs.writeFileSync(log, '');
    fs.rmSync(rotated);
    assert.equal(externalStopFields(runFile, 'REC', 'reader-died', keyFile, log).away, undefined);
  });

  // A rotation renames first and writes its ledger entry after, under its lock (review of trust13b, F5).
  it('a rotation under way (its lock held, its entry not yet written): waited for, not gone; a lock never let go: gone all the same', async () => {
    const { dir, log, runFile, keyFile } = setUp();
    const rotated = path.join(dir, 'main.1.log');
    const lock = path.join(dir, '.main.log.lock');
    fs.renameSync(log, rotated);
    fs.writeFileSync(lock, String(process.pid));
    const ledger = new URL('../../src/sinks/file/rotated-ledger.ts', import.meta.url).pathname;
    const script = `const { noteRotated } = await import(${JSON.stringify(ledger)}); const fs = await import('node:fs'); setTimeout(() => { noteRotated(${JSON.stringify(log)}, fs.statSync(${JSON.stringify(rotated)}), Buffer.from(${JSON.stringify(KEY.toString())})); fs.rmSync(${JSON.stringify(lock)}); }, 100);`;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitFor('the child running', () => child.pid !== undefined);
    assert.equal(externalStopFields(runFile, 'REC', 'reader-died', keyFile, log).away, undefined);
    await exited;
    const other = setUp();
    fs.renameSync(other.log, path.join(other.dir, 'elsewhere'));
    fs.writeFileSync(path.join(other.dir, '.main.log.lock'), '1');
    assert.equal(externalStopFields(other.runFile, 'REC', 'reader-died', other.keyFile, other.log).away, '1');
  });

  it('a ledger entry planted without the key does not make an mv a rotation', () => {
    const { dir, log, runFile, keyFile } = setUp();
    const moved = path.join(dir, 'elsewhere');
    fs.renameSync(log, moved);
    noteRotated(log, fs.statSync(moved));
    assert.equal(sealFileGone(log, fileIdentity(fs.statSync(moved)), KEY), true);
    assert.equal(externalStopFields(runFile, 'REC', 'reader-died', keyFile, log).away, '1');
  });
});

// Truncated or rewritten in place the file keeps its inode: the note's offset of the seal's line tells (review of
// trust13b, F2).
describe('the seal note\'s offset and the live file cut or rewritten in place', () => {
  const SEAL = `${format.format(record('REC', T0, 'event', 'seal', { p: LINK, h: LINK })).trimEnd()}\n`;
  /** A live log of an earlier line and the seal, its note naming the file and the seal's offset. */
  function noted(): { log: string; runFile: string; keyFile: string; offset: number } {
    const dir = scratch();
    const log = path.join(dir, 'main.log');
    const before = 'an earlier line\n';
    fs.writeFileSync(log, `${before}${SEAL}`);
    const runFile = path.join(dir, 'pane.json');
    const offset = Buffer.byteLength(before);
    noteSealLink(runFile, LINK, fileIdentity(fs.statSync(log)), SEAL, offset);
    return { log, runFile, keyFile: KEY_FILE(dir), offset };
  }

  it('the note holds the offset; an honest file (more appended since) stays clean', () => {
    const { log, runFile, keyFile, offset } = noted();
    assert.deepEqual(parseSealNote(fs.readFileSync(runFile.replace(/\.json$/, '.seal'), 'utf8')), { link: LINK, file: fileIdentity(fs.statSync(log)), offset, line: SEAL });
    fs.appendFileSync(log, 'another pane\'s line\n');
    assert.equal(externalStopFields(runFile, 'REC', 'reader-died', keyFile, log).away, undefined);
  });

  it('truncated to nothing, to before the seal, or rewritten without a line before it (same inode): away=cut, inside h', () => {
    for (const how of ['to 0', 'before the seal', 'a line taken out'] as const) {
      const { log, runFile, keyFile, offset } = noted();
      const ino = fs.statSync(log).ino;
      if (how === 'to 0') fs.truncateSync(log, 0);
      else if (how === 'before the seal') fs.truncateSync(log, offset + 3);
      else fs.writeFileSync(log, `${SEAL}another pane's line\n`);
      assert.equal(fs.statSync(log).ino, ino, how);
      assert.equal(sealFileFate(log, parseSealNote(fs.readFileSync(runFile.replace(/\.json$/, '.seal'), 'utf8'))!, KEY), 'cut', how);
      const fields = externalStopFields(runFile, 'REC', 'reader-died', keyFile, log);
      assert.equal(fields.away, 'cut', how);
      assert.equal(fields.h, externalStopHash(LINK, 'REC', 'reader-died', KEY, 'cut'));
    }
  });

  it('verify: a stop with away=cut and its seal in no file read: truncated', () => {
    const file = path.join(scratch(), 'main.log');
    fs.writeFileSync(file, format.format(record('DEADREADER', T0, 'event', 'stop', { reason: 'reader-died', signal: 'SIGKILL', p: LINK, away: 'cut', h: externalStopHash(LINK, 'DEADREADER', 'reader-died', KEY, 'cut') })));
    const found = verifyFiles([file], DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks;
    assert.deepEqual(found.map((b) => b.kind), ['truncated'], JSON.stringify(found));
    assert.match(found[0]!.detail, /cut or rewritten in place/);
  });
});

describe('verify and a stop saying its seal\'s file went', () => {
  /** A new live log holding only the dead reader's stop, as recover writes it after the old one went. */
  const stopOnly = (fields: Record<string, string>): string => {
    const file = path.join(scratch(), 'main.log');
    fs.writeFileSync(file, format.format(record('DEADREADER', T0, 'event', 'stop', { reason: 'reader-died', signal: 'SIGKILL', ...fields })));
    return file;
  };
  const check = (file: string) => verifyFiles([file], DEFAULT_TIME_FORMAT, { key: KEY, requireKey: true }).breaks;

  it('away=1 and its seal in no file read: missing file', () => {
    const file = stopOnly({ p: LINK, away: '1', h: externalStopHash(LINK, 'DEADREADER', 'reader-died', KEY, '1') });
    const found = check(file);
    assert.deepEqual(found.map((b) => b.kind), ['missing file'], JSON.stringify(found));
    assert.match(found[0]!.detail, /removed or moved away, not rotated/);
  });

  it('away= stripped: its h no longer holds (forged event); made up without the key: forged event', () => {
    // (Under --require-key the recording is also `unkeyed`: nothing of it holds under the key.)
    for (const h of [externalStopHash(LINK, 'DEADREADER', 'reader-died', KEY, '1'), externalStopHash(LINK, 'DEADREADER', 'reader-died')]) {
      const kinds = check(stopOnly({ p: LINK, h })).map((b) => b.kind);
      assert.ok(kinds.includes('forged event'), kinds.join());
    }
  });

  it('no away= (its seal went with rotated files, since pruned): clean, as before', () => {
    assert.deepEqual(check(stopOnly({ p: LINK, h: externalStopHash(LINK, 'DEADREADER', 'reader-died', KEY) })), []);
  });

  it('plain verify (no key) of a plain stop with away=1: missing file too', () => {
    const file = stopOnly({ p: LINK, away: '1', h: externalStopHash(LINK, 'DEADREADER', 'reader-died', undefined, '1') });
    assert.deepEqual(verifyFiles([file], DEFAULT_TIME_FORMAT, {}).breaks.map((b) => b.kind), ['missing file']);
  });
});

describe('the sink hears the file each seal is in', () => {
  it('the identity of the live file, and of the new one after a rotation', async () => {
    const dir = scratch();
    const file = path.join(dir, 'main.log');
    const heard: (string | undefined)[] = [];
    const sink = new FileSink(file, format, quietWriterOptions({ maxBytes: 64 * 1024 }), {
      key: KEY,
      onSealed: (_link, at, line, offset) => {
        heard.push(at);
        offsets.push([line, offset]);
      },
    });
    const offsets: [string | undefined, number | undefined][] = [];
    sink.write(record('SINKREC001', T0, 'event', 'start', { by: 'ann' }));
    sink.flush();
    await waitFor('the start seal noted', () => heard.length > 0);
    assert.equal(heard[0], fileIdentity(fs.statSync(file)));
    // And where its line is in that file (sinks/file/seal-offset.ts).
    const [line, offset] = offsets[0]!;
    assert.ok(line !== undefined && offset !== undefined, JSON.stringify(offsets[0]));
    assert.equal(fs.readFileSync(file).subarray(offset, offset + Buffer.byteLength(line)).toString(), line);
    const first = heard[0];
    for (let i = 0; i < 3000; i++) sink.write(record('SINKREC001', T0 + i, 'line', `line ${i} ${'x'.repeat(40)}`));
    sink.flush();
    await waitFor('a seal noted in a later file', () => heard.at(-1) !== first && heard.at(-1) === fileIdentity(fs.statSync(file)), 30_000);
    await sink.close();
  });
});
