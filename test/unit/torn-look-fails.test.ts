// A torn line (a write the disk cut short) whose writer cannot read the file's tail at its next look (EMFILE, or
// the path moved between its lstat and the open): "could not tell" is not "another writer appended after my
// start", so the line's end is written, not the line again whole after its own start (review of enospc13b: the
// start was in the file twice, glued to its own whole line, on an honest log). Real files and writers; the
// disk's fullness and the failing open are injected.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LogFile } from '../../src/sinks/file/writer.ts';
import { wrapWrites } from '../support/fs-writes.ts';
import { logFilesInOrder } from '../support/log.ts';
import { waitFor } from '../support/util.ts';
import { quietWriterOptions } from '../support/writer-options.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const lineA = (i: number): string => `A-${String(i).padStart(6, '0')}-${'x'.repeat(100)}\n`;
const lineB = (i: number): string => `B-${String(i).padStart(6, '0')}-${'y'.repeat(100)}\n`;
const options = quietWriterOptions();
const allText = (file: string): string => logFilesInOrder(file).map((name) => fs.readFileSync(name, 'utf8')).join('');

describe('a torn line whose writer cannot read the tail at its look', () => {
  it('writes each line once, its start not twice', async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-torn-look-'));
    dirs.push(dir);
    const file = path.join(dir, 'main.log');
    const disk = { state: 'ok' as 'ok' | 'cut next' | 'full', failed: 0, armed: false, fired: 0 };
    wrapWrites(t, (write, fd, buffer, offset, length, position, callback) => {
      const mine = buffer.subarray(offset, offset + length).indexOf('B') < 0;
      if (mine && disk.state === 'full') {
        disk.failed++;
        process.nextTick(callback, Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), 0);
        return;
      }
      if (mine && disk.state === 'cut next') {
        // Another pane's lines land before this write, which the disk then cuts 2.5 lines in.
        disk.state = 'full';
        disk.armed = true;
        fs.appendFileSync(file, lineB(100) + lineB(101));
        write(fd, buffer, offset, Math.floor(lineA(0).length * 2.5), position, callback);
        return;
      }
      write(fd, buffer, offset, length, position, callback);
    });
    const realOpen = fs.openSync;
    const readOnly = fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK;
    t.mock.method(fs, 'openSync', (where: fs.PathLike, flags: number, mode?: number) => {
      if (disk.armed && where === file && flags === readOnly) {
        disk.armed = false;
        disk.fired++;
        throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
      }
      return realOpen(where, flags as never, mode);
    });
    const a = new LogFile(file, options);
    const b = new LogFile(file, options);
    for (let i = 0; i < 10; i++) a.write(lineA(i));
    await a.flush();
    for (let i = 0; i < 5; i++) b.write(lineB(i));
    await b.flush();
    const looked = Date.now();
    // Past the writer's look interval, so its next write is looked at first (writer.ts CHECK_MS).
    await waitFor('the look interval to pass', () => Date.now() - looked > 150 || undefined);
    disk.state = 'cut next';
    a.write(lineA(10) + lineA(11) + lineA(12));
    await waitFor('the cut write and a failed retry', () => disk.failed >= 1 || undefined);
    await waitFor('the look whose read fails', () => disk.fired > 0 || undefined);
    disk.state = 'ok';
    await waitFor('the last line written', () => allText(file).includes(lineA(12)) || undefined);
    await a.close();
    await b.close();
    const text = allText(file);
    for (let i = 0; i < 13; i++) assert.equal(text.split(lineA(i)).length - 1, 1, `A's line ${i} once, whole`);
    assert.equal(text.split(lineA(12).slice(0, 55)).length - 1, 1, 'the torn start once');
  });
});
