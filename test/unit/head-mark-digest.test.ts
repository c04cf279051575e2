// A pruned file re-created under its name with its saved head mark (made-up lines and a seal replayed behind it)
// matched the next file's prev=, and its mark became the replay reference (issue 13, review of trust13b F1; a
// residual README named). Now the writer that rotated a file hashes it in the background and a later mark carries
// the digest (sinks/file/file-digest.ts, chain/head-mark.ts); verify hashes the oldest file read against it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyFiles } from '../../src/commands/verify.ts';
import { MARK_NOT_HELD, type FileContent } from '../../src/chain/head-mark.ts';
import type { AuditRecord, Place } from '../../src/core/record.ts';
import { DEFAULT_TIME_FORMAT, TextFormat } from '../../src/format/text.ts';
import { digestNotePath } from '../../src/sinks/file/file-digest.ts';
import { replaceFileWhole } from '../../src/sinks/file/safe-fs.ts';
import { FileSink } from '../../src/sinks/file/sink.ts';
import { logFilesInOrder } from '../support/log.ts';
import { FIXTURES } from '../support/paths.ts';
import { flushed } from '../support/sink-flushed.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const key = Buffer.from('one key for the whole server');
const placeOf = (pane: string): Place => ({ server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}` });
const strict = (file: string) => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key, requireKey: true });
const heads = (name: string): string[] => fs.readFileSync(name, 'utf8').split('\n').filter((line) => / \* head rec=/.test(line));
const field = (line: string, name: string): string | undefined => new RegExp(` ${name}=(\\S+)`).exec(line)?.[1];

/** Keyed recordings one after another into a new log (the real writer, rotating at 16 K, nothing pruned); the digests it noted. */
async function keyedLog(recordings: { rec: string; lines: number; at: number; pane: string; step?: number; before?: (log: string) => void; noted?: (log: string) => void }[]): Promise<{ file: string; digests: FileContent[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-digest-'));
  dirs.push(dir);
  const file = path.join(dir, 'main.log');
  const digests: FileContent[] = [];
  for (const { rec, lines, at, pane, step = 1, before, noted } of recordings) {
    before?.(file);
    const onDigest = (content?: FileContent): void => {
      if (content === undefined) return;
      digests.push(content);
      noted?.(file);
    };
    const sink = new FileSink(file, new TextFormat(DEFAULT_TIME_FORMAT), quietWriterOptions({ maxBytes: 16 * 1024, onDigest }), { key });
    let t = at;
    const record = (kind: AuditRecord['kind'], text: string, fields?: AuditRecord['fields']): AuditRecord => ({ rec, user: 'ann', place: placeOf(pane), time: (t += step), kind, text, ...(fields ? { fields } : {}) });
    sink.write(record('event', 'start', { by: 'ann' }));
    for (let i = 1; i <= lines; i++) {
      sink.write(record('line', `${rec} ${i}`));
      if (i % 100 === 0) await flushed(sink);
    }
    sink.write(record('event', 'stop', { reason: 'toggle' }));
    await sink.close();
  }
  return { file, digests };
}

/** A log of an earlier recording (pane 1) and a later one; `gone`: the last file holding any of the earlier one, and the files after it. */
async function twoRecordings(): Promise<{ file: string; digests: FileContent[]; gone: string; kept: string[] }> {
  const at = Date.UTC(2026, 10, 26, 9);
  const { file, digests } = await keyedLog([
    { rec: 'EARLIER001', lines: 1500, at, pane: '1' },
    { rec: 'LATER00001', lines: 2600, at: at + 3_600_000, pane: '0' },
  ]);
  const files = logFilesInOrder(file);
  const last = files.map((name) => fs.readFileSync(name, 'utf8').includes(' main:0.1 ')).lastIndexOf(true);
  assert.ok(last >= 1 && files.length - last > 3, `${files.length} files, the earlier recording's last in file ${last}`);
  return { file, digests, gone: files[last]!, kept: files.slice(last + 1) };
}

describe('the head mark\'s digest of an earlier file (keyed)', () => {
  it('the writer notes each rotated file\'s digest in the background, later marks carry them, and an honest log pruned at any file verifies', async () => {
    const { file, digests } = await twoRecordings();
    await waitFor('the last digest noted', () => fs.existsSync(digestNotePath(file)));
    const files = logFilesInOrder(file);
    const carried = new Set(files.flatMap(heads).map((mark) => field(mark, 'dat')).filter((dat) => dat !== undefined));
    assert.ok(digests.length >= files.length - 3, `${digests.length} digests for ${files.length} files`);
    assert.ok(carried.size >= files.length - 4, `${carried.size} files' digests carried by marks, of ${files.length}`);
    assert.deepEqual(strict(file).breaks, []);
    // Pruned up to each file in turn: the oldest left is hashed against the mark that names it.
    for (const name of files.slice(0, -3)) {
      fs.rmSync(name);
      assert.deepEqual(strict(file).breaks, [], `pruned up to ${path.basename(name)}`);
    }
  });

  // A mark's at= names its file for a later mark's digest: when rotations came faster than the stamps moved, files
  // shared one, and the oldest file was checked against another file's digest (a false `edited`).
  it('rotations faster than the stamps move: each mark\'s at= is its own, and the log pruned at any file verifies', async () => {
    const { file } = await keyedLog([{ rec: 'SAMEMS0001', lines: 2000, at: Date.UTC(2026, 10, 26, 9), pane: '0', step: 0 }]);
    await waitFor('the last digest noted', () => fs.existsSync(digestNotePath(file)));
    const files = logFilesInOrder(file);
    const ats = files.flatMap(heads).map((mark) => field(mark, 'at'));
    assert.ok(files.length > 5, `${files.length} files`);
    assert.equal(new Set(ats).size, ats.length, ats.join());
    for (const name of files.slice(0, -3)) {
      fs.rmSync(name);
      assert.deepEqual(strict(file).breaks, [], `pruned up to ${path.basename(name)}`);
    }
  });

  // The writer's fstat may land while another writer's batch is half appended: the digest's size then ends inside a line.
  it('a digest of a size ending inside a line: held when the bytes are those, edited when they are not', async () => {
    const { file } = await keyedLog([{ rec: 'MIDLINE001', lines: 1500, at: Date.UTC(2026, 10, 26, 9), pane: '0' }]);
    const files = logFilesInOrder(file);
    for (const name of files.slice(0, 1)) fs.rmSync(name);
    const oldest = files[1]!;
    const last = files.at(-1)!;
    const [mark] = heads(last);
    const [own] = heads(oldest);
    assert.ok(mark !== undefined && own !== undefined);
    const bytes = fs.readFileSync(oldest);
    const size = bytes.indexOf(0x0a, 2000) + 7;
    const { headFields } = await import('../../src/chain/head-mark.ts');
    const { createHash } = await import('node:crypto');
    const remark = (sha: string): void => {
      const fields = headFields(key, field(mark, 'rec')!, 'main.log', Number(field(mark, 'at')), Number(field(mark, 'prev')), { dat: Number(field(own, 'at')), size, sha });
      const made = mark.replace(/ file=.*$/, ` ${Object.entries(fields).map(([name, value]) => `${name}=${value}`).join(' ')}`);
      fs.writeFileSync(last, fs.readFileSync(last, 'utf8').replace(/^.* \* head rec=.*$/m, made));
    };
    remark(createHash('sha256').update(bytes.subarray(0, size)).digest('hex'));
    assert.deepEqual(strict(file).breaks, []);
    remark(createHash('sha256').update(bytes.subarray(0, size - 1)).digest('hex'));
    assert.deepEqual(strict(file).breaks.map((b) => [b.kind, b.file]), [['edited', oldest]]);
  });

  it('a pruned file re-created with its saved head mark, made-up lines and its own seal and stop behind it: edited, the file named', async () => {
    const { file, gone, kept } = await twoRecordings();
    const text = fs.readFileSync(gone, 'utf8');
    const [mark] = heads(gone);
    assert.ok(mark !== undefined, 'the file has a mark');
    const lines = text.split('\n');
    const stop = lines.findIndex((line) => line.includes(' * stop rec=EARLIER001 '));
    const [seal, stopLine] = [lines[stop - 1]!, lines[stop]!];
    assert.match(seal, / \* seal rec=EARLIER001 /);
    // Every file up to it pruned; then it is made anew: its mark, lines never shown, the earlier recording's end.
    for (const name of logFilesInOrder(file)) if (!kept.includes(name)) fs.rmSync(name);
    assert.deepEqual(strict(file).breaks, [], 'honest, pruned');
    const stamp = seal.slice(0, seal.indexOf(' * seal '));
    fs.writeFileSync(gone, [mark, ...Array.from({ length: 5 }, (_, i) => `${stamp} | scp /etc/shadow evil: ${i}`), seal, stopLine, ''].join('\n'));
    assert.ok(kept.some((name) => heads(name).some((line) => field(line, 'dat') === field(mark, 'at'))), 'a later mark carries its digest');
    const found = strict(file).breaks;
    assert.ok(found.some((b) => b.kind === 'edited' && b.file === gone && /made anew under a pruned file's name/.test(b.detail)), JSON.stringify(found, null, 1));
  });

  it('the digest note removed as it is written (the owner, who can write the directory): the mark that carries none is named deleted', async () => {
    const at = Date.UTC(2026, 10, 26, 9);
    let notes = 0;
    // Once the writer has carried digests for a while, every note it writes is removed at once.
    const { file } = await keyedLog([{ rec: 'DIGESTREC1', lines: 3000, at, pane: '0', noted: (log) => ++notes > 4 && fs.rmSync(digestNotePath(log), { force: true }) }]);
    const marks = logFilesInOrder(file).flatMap(heads);
    assert.ok(marks.some((mark) => field(mark, 'dat') !== undefined) && field(marks.at(-1)!, 'dat') === undefined, marks.join('\n'));
    const report = strict(file);
    assert.ok(report.breaks.length > 0 && report.breaks.every((found) => found.kind === 'deleted' && /carries no digest/.test(found.detail)), JSON.stringify(report.breaks));
  });

  // A mark's rec= says whose writer made it, and only a writer that carries digests is held to carrying them: a
  // mark's rec= rewritten to a recording with none hid the note removed. Its e= binds rec= now.
  it('the digest note removed as it is written, and the marks that carry none given another rec=: named, their e= does not hold', async () => {
    const at = Date.UTC(2026, 10, 26, 9);
    let notes = 0;
    const { file } = await keyedLog([{ rec: 'DIGESTREC1', lines: 3000, at, pane: '0', noted: (log) => ++notes > 4 && fs.rmSync(digestNotePath(log), { force: true }) }]);
    let rewritten = 0;
    for (const name of logFilesInOrder(file)) {
      const text = fs.readFileSync(name, 'utf8');
      const changed = text.replace(/^(.* \* head rec=)DIGESTREC1( file=\S+ at=\d+ prev=\d+ e=)/gm, (_all, before: string, after: string) => {
        rewritten++;
        return `${before}OLDREADER9${after}`;
      });
      fs.writeFileSync(name, changed);
    }
    assert.ok(rewritten > 0);
    const report = strict(file);
    assert.equal(report.breaks.filter((found) => found.kind === 'forged event' && found.detail === MARK_NOT_HELD && found.rec === 'OLDREADER9').length, rewritten, JSON.stringify(report.breaks));
  });

  // Written by the writer before its marks bound rec= (4d02fae: two recordings, rotating at 6 K, marks carrying digests).
  it('a log whose marks were written before they bound rec= verifies as it did; its marks are still checked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-digest-'));
    dirs.push(dir);
    const fixture = path.join(FIXTURES, 'older-logs', 'text-keyed-marks');
    for (const name of fs.readdirSync(fixture)) fs.copyFileSync(path.join(fixture, name), path.join(dir, name));
    const file = path.join(dir, 'main.log');
    const oldKey = fs.readFileSync(path.join(fixture, '../chain.key'));
    const check = () => verifyFiles(logFilesInOrder(file), DEFAULT_TIME_FORMAT, { key: oldKey, requireKey: true });
    const files = logFilesInOrder(file);
    assert.ok(files.length > 10 && files.flatMap(heads).filter((mark) => field(mark, 'sha') !== undefined).length > 10);
    assert.deepEqual(check().breaks, []);
    const last = files.at(-1)!;
    const text = fs.readFileSync(last, 'utf8');
    fs.writeFileSync(last, text.replace(/( \* head rec=\S+ file=\S+ at=\d+ prev=)(\d)/, (_all, before: string, digit: string) => `${before}${(Number(digit) + 1) % 10}`));
    assert.deepEqual(check().breaks.map((found) => [found.kind, found.detail]), [['forged event', MARK_NOT_HELD]]);
  });

  // Another writer of the log notes its digest (a rename over the note) while this one reads the note under its
  // rotation lock: the file it opened has no name left by its check. Refused as no note, the mark carried none and
  // verify named the note removed (issue 13: 1 of 70 honest 4-pane floods, about half of those keeping every file).
  it('another writer\'s digest noted while a rotation reads the note: the mark carries one, and the log verifies', async (t) => {
    const at = Date.UTC(2026, 10, 26, 9);
    const open = fs.openSync;
    let reads = 0;
    const race = (log: string): void => {
      const note = digestNotePath(log);
      t.mock.method(fs, 'openSync', (file: fs.PathLike, flags: fs.OpenMode = 'r', mode?: fs.Mode) => {
        const fd = open(file, flags, mode);
        const reading = typeof flags === 'number' && (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) === 0;
        // Every other read (a note read again finds it settled): renamed over right after it is opened, as replaceFileWhole does.
        if (file === note && reading && reads++ % 2 === 0) replaceFileWhole(note, fs.readFileSync(note, 'utf8'));
        return fd;
      });
    };
    const { file } = await keyedLog([{ rec: 'RACEDNOTE1', lines: 3000, at, pane: '0', before: race }]);
    t.mock.restoreAll();
    const marks = logFilesInOrder(file).flatMap(heads);
    const first = marks.findIndex((mark) => field(mark, 'dat') !== undefined);
    assert.ok(reads > 8 && first >= 0, `${reads} reads of the note, marks:\n${marks.join('\n')}`);
    assert.deepEqual(strict(file).breaks, []);
    assert.deepEqual(marks.slice(first).filter((mark) => field(mark, 'dat') === undefined), []);
  });

  it('a writer that never carries a digest (a reader of an older tmux-audit) after one that does: not named', async () => {
    const at = Date.UTC(2026, 10, 26, 9);
    // The older reader does not read the note: stood for by its being gone at each of its rotations.
    const gone = (log: string) => fs.rmSync(digestNotePath(log), { force: true });
    const { file } = await keyedLog([
      { rec: 'DIGESTREC1', lines: 1500, at, pane: '0' },
      { rec: 'OLDREADER1', lines: 1500, at: at + 60_000, pane: '1', before: gone, noted: gone },
    ]);
    const marks = logFilesInOrder(file).flatMap(heads);
    const older = marks.filter((mark) => / rec=OLDREADER1 /.test(mark));
    assert.ok(marks.some((mark) => field(mark, 'dat') !== undefined) && older.length > 2 && older.every((mark) => field(mark, 'dat') === undefined), marks.join('\n'));
    assert.deepEqual(strict(file).breaks, []);
  });
});
