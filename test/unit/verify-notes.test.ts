// verify's check of what the directory's notes say the log held (commands/verify-notes.ts), on real files: a note
// names a file by identity, found by path a moment before it is read. When the live log is rotated in between (the
// noted file renamed, a new small one at its path) or a rotated file pruned, that is no cut: nothing is known of the
// noted file there. Before, the file at the path was read as the noted one (truncated, a false alarm on an honest
// log) or its removal ended verify (ENOENT, exit 2).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { noteSealLink } from '../../src/chain/external-stop.ts';
import { notedEnds } from '../../src/commands/verify-notes.ts';
import type { Recording } from '../../src/runtime/runfile.ts';
import { headNotePath } from '../../src/sinks/file/head-mark.ts';
import { fileIdentity } from '../../src/sinks/file/rotated-ledger.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const SEAL = '2026-11-25T12:00:01.000+00:00 ann main:0.0 * seal rec=AAAAAAAAAA n=3 p=0 h=00 v=3\n';
const BEFORE = '2026-11-25T12:00:00.000+00:00 ann main:0.0 | work\n'.repeat(3);

/** A log directory: its live file holding lines and a seal, and a running reader's note of that seal (file, offset, line). */
function loggedDir(): { live: string; runs: { runFile: string; recording: Recording }[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-notes-'));
  dirs.push(dir);
  const live = path.join(dir, 'main.log');
  fs.writeFileSync(live, BEFORE + SEAL, { mode: 0o600 });
  const run = path.join(dir, '.run');
  fs.mkdirSync(run, { mode: 0o700 });
  const runFile = path.join(run, 'AAAAAAAAAA.json');
  noteSealLink(runFile, 'abcdef0123456789', fileIdentity(fs.statSync(live)), SEAL, Buffer.byteLength(BEFORE));
  return { live, runs: [{ runFile, recording: { id: 'AAAAAAAAAA', file: live } as Recording }] };
}

/** Until the test `t` ends, `then` runs right after the first lstat of `file` (where verify-notes takes the identities). */
function afterLstatOf(t: TestContext, file: string, then: () => void): void {
  const real = fs.lstatSync as unknown as (...args: unknown[]) => unknown;
  let done = false;
  t.mock.method(fs, 'lstatSync', (...args: unknown[]) => {
    const out = real(...args);
    if (!done && String(args[0]) === file) {
      done = true;
      then();
    }
    return out;
  });
}

/** The live log rotated: renamed to a rotated name, a new file at its path holding one line. */
function rotate(live: string): string {
  const rotated = `${live}.20261125T120002.000Z`;
  fs.renameSync(live, rotated);
  fs.writeFileSync(live, '2026-11-25T12:00:02.000+00:00 ann main:0.0 | next\n', { mode: 0o600 });
  return rotated;
}

describe('verify-notes: the file found by path is checked to be the noted one', () => {
  it('honest: the file holds the noted seal at its offset, nothing to say; cut below it: truncated', () => {
    const { live, runs } = loggedDir();
    assert.deepEqual(notedEnds([live], runs), []);
    fs.truncateSync(live, 10);
    assert.deepEqual(notedEnds([live], runs).map((found) => found.kind), ['truncated']);
  });

  it('the live log rotated between the identities and the read: no break (the noted file is the rotated one now)', (t) => {
    const { live, runs } = loggedDir();
    afterLstatOf(t, live, () => rotate(live));
    assert.deepEqual(notedEnds([live], runs), []);
  });

  it('the noted file pruned between the identities and the read: nothing known, no break and no error', (t) => {
    const { live, runs } = loggedDir();
    afterLstatOf(t, live, () => fs.rmSync(live));
    assert.deepEqual(notedEnds([live], runs), []);
  });

  for (const meanwhile of ['rotated', 'pruned'] as const) {
    it(`the head note: its file ${meanwhile} between the identities and the read (${meanwhile === 'rotated' ? 'a new empty file at its path' : 'gone'}) is no emptied file`, (t) => {
      const { live } = loggedDir();
      fs.writeFileSync(headNotePath(live), `${fileIdentity(fs.statSync(live))} 1\n`, { mode: 0o600 });
      afterLstatOf(t, live, () => {
        if (meanwhile === 'pruned') fs.rmSync(live);
        else {
          rotate(live);
          fs.truncateSync(live, 0);
        }
      });
      assert.deepEqual(notedEnds([live], []), []);
    });
  }
});
