// A finished recording's run files (src/runtime/runfile.ts removeRunFiles): one named for its recording is its own,
// also when its `.json` is gone (a start that gave up on its reader removed it; the reader, run again, wrote its
// notes beside it); another recording's are left alone.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sealFilePath } from '../../src/chain/external-stop.ts';
import { pidFilePath, stopFilePath, toggleStopPath } from '../../src/core/paths.ts';
import { confirmToggleStop, removeRunFiles, requestStop, requestToggleStop, takeStopRequest, toggleStops, withdrawToggleStop } from '../../src/runtime/runfile.ts';
import { heldNotePath } from '../../src/sinks/file/noted-files.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-run-files-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const siblings = (runFile: string): string[] => [pidFilePath(runFile), stopFilePath(runFile), sealFilePath(runFile), heldNotePath(runFile)];
const left = (): string[] => fs.readdirSync(dir).sort();

describe('removeRunFiles', () => {
  it('a run file named for the recording: its notes go, though its .json went first', () => {
    const runFile = path.join(dir, '123-4-Rec_000001.json');
    for (const file of siblings(runFile)) fs.writeFileSync(file, 'x');
    removeRunFiles(runFile, 'Rec_000001');
    assert.deepEqual(left(), []);
  });

  it('another recording\'s: left alone', () => {
    const runFile = path.join(dir, '123-5-Other00001.json');
    for (const file of siblings(runFile)) fs.writeFileSync(file, 'x');
    removeRunFiles(runFile, 'Rec_000001');
    assert.equal(left().length, 4);
  });
});

const nonce = (digit: string): string => digit.repeat(32);

describe('toggle stop requests (one file per nonce)', () => {
  it('are listed with who stopped, the toggle\'s pid, and whether its step was confirmed; a withdrawn one is gone', () => {
    const runFile = path.join(dir, '123-6-Rec_000006.json');
    requestToggleStop(runFile, nonce('a'), { by: 'ann', pid: 41 });
    requestToggleStop(runFile, nonce('b'), { by: 'bob', pid: 42 });
    confirmToggleStop(runFile, nonce('b'));
    const byNonce = (stops: ReturnType<typeof toggleStops>) => stops.sort((x, y) => x.nonce.localeCompare(y.nonce));
    assert.deepEqual(byNonce(toggleStops(runFile)), [
      { by: 'ann', pid: 41, nonce: nonce('a'), confirmed: false },
      { by: 'bob', pid: 42, nonce: nonce('b'), confirmed: true },
    ]);
    withdrawToggleStop(runFile, nonce('a'));
    confirmToggleStop(runFile, nonce('a')); // withdrawn: nothing to confirm, nothing made
    assert.deepEqual(toggleStops(runFile).map((stop) => stop.by), ['bob']);
    removeRunFiles(runFile, 'Rec_000006');
    assert.deepEqual(left().filter((name) => name.includes('Rec_000006')), []);
  });

  it('of a run file named for its pane only: not those of a recording whose name starts with it', () => {
    const older = path.join(dir, '123-7.json');
    const newer = path.join(dir, '123-7-Rec_000007.json');
    requestToggleStop(newer, nonce('c'), { by: 'cy', pid: 43 });
    assert.deepEqual(toggleStops(older), []);
    assert.equal(toggleStops(newer).length, 1);
    fs.writeFileSync(toggleStopPath(newer, 'not-a-nonce'), '{"by":"x","pid":1}');
    assert.equal(toggleStops(newer).length, 1, 'a name without a nonce is no request');
    removeRunFiles(newer, 'Rec_000007');
    assert.deepEqual(left().filter((name) => name.includes('123-7')), [path.basename(toggleStopPath(newer, 'not-a-nonce'))]);
  });
});

describe('the one stop file (.stop): tmux\'s word that the pane died', () => {
  const runFile = path.join(dir, '123-9-Rec_000009.json');

  it('gives the reason and the exit status, and is taken', () => {
    requestStop(runFile, { reason: 'pane-exited', status: '3' });
    assert.deepEqual(takeStopRequest(runFile, { stops: 'nonce' }), { reason: 'pane-exited', status: '3' });
    assert.deepEqual(left().filter((name) => name.startsWith('123-9-')), []);
  });

  it('a user\'s stop in it is no stop of a recording whose toggles stop by nonce: anyone may have written it', () => {
    fs.writeFileSync(stopFilePath(runFile), '{"by":"alice"}\n', { mode: 0o600 });
    assert.equal(takeStopRequest(runFile, { stops: 'nonce' }), undefined);
    assert.deepEqual(left().filter((name) => name.startsWith('123-9-')), [], 'taken all the same');
  });

  it('but is, for a recording an older version started (its toggles wrote it so)', () => {
    requestStop(runFile, { by: 'alice' });
    assert.deepEqual(takeStopRequest(runFile, {}), { by: 'alice' });
  });
});
