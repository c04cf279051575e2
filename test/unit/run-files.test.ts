// A finished recording's run files (src/runtime/runfile.ts removeRunFiles): one named for its recording is its own,
// also when its `.json` is gone (a start that gave up on its reader removed it; the reader, run again, wrote its
// notes beside it); another recording's are left alone.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { sealFilePath } from '../../src/chain/external-stop.ts';
import { pidFilePath, stopFilePath } from '../../src/core/paths.ts';
import { removeRunFiles } from '../../src/runtime/runfile.ts';
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
