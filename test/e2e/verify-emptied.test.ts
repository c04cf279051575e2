// `verify` and a log emptied whole (`: >`), through a real tmux server: with no line left the chain had nothing to
// read, and verify said `OK … 0 file(s)`. What the directory's notes say the log held is now checked against it
// (commands/verify-notes.ts): a running reader's note of its last seal (file, byte offset, line), and the rotating
// writer's note of the file its newest head mark went into. With neither (every recording ended, the log never
// rotated under a key) nothing is left to tell: README says so.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-emptied');

/** The seal note of the one reader running (chain/seal-file-gone.ts: link, file, offset, line). */
function sealNote(tmux: TmuxServer): string | undefined {
  const run = path.join(tmux.logDir, '.run');
  const name = fs.existsSync(run) ? fs.readdirSync(run).find((entry) => entry.endsWith('.seal')) : undefined;
  return name === undefined ? undefined : fs.readFileSync(path.join(run, name), 'utf8');
}

describe('verify and a log emptied whole', () => {
  it('the only log file emptied while its reader runs: truncated (its reader\'s noted seal is gone), exit 1; honest: OK', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    const live = tmux.logFile();
    await tmux.run('echo secret-work-1; echo secret-work-2');
    await waitFor('the seal note naming the file and offset', () => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(sealNote(tmux) ?? ''));
    const honest = verifyDir(tmux.logDir);
    assert.equal(honest.status, 0, honest.stdout);
    fs.truncateSync(live, 0);
    const checked = verifyDir(tmux.logDir);
    assert.equal(checked.status, 1, checked.stdout);
    assert.match(checked.stdout, new RegExp(`^${live.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: truncated \\(rec ${recording}\\): the file holds 0 bytes: its running reader noted its last seal there`, 'm'));
    assert.match(checked.stdout, /^TAMPERED main\S*: 0 file\(s\), 0 lines/m);
  });

  it('a keyed log rotated, every recording ended, its rotated files removed and its live file emptied: truncated (the head note), exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 16K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    await tmux.startLogging();
    const live = tmux.logFile();
    await tmux.run('seq -f "work-%04g" 1 600');
    await waitFor('a rotation', () => logFilesInOrder(live).length >= 3);
    const pids = tmux.readerPids();
    tmux.toggle();
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    assert.match(fs.readFileSync(live, 'utf8'), / \* head rec=/, 'the live file opens with a head mark');
    assert.equal(verifyDir(tmux.logDir, '--key', key, '--require-key').status, 0);
    for (const file of logFilesInOrder(live)) if (file !== live) fs.rmSync(file);
    fs.truncateSync(live, 0);
    const checked = verifyDir(tmux.logDir, '--key', key);
    assert.equal(checked.status, 1, checked.stdout);
    assert.match(checked.stdout, /:1: truncated: the file is empty, and the rotating writer noted \(\S+\.head\) a head mark written into it: emptied$/m);
  });

  for (const keyed of [false, true]) {
    it(`${keyed ? 'keyed: ' : ''}the live file emptied, then its reader writes and seals on: its sealed lost event (what=cut) keeps it truncated, also after the stop`, async () => {
      const key = keyed ? keyFile() : undefined;
      const tmux = server({ config: key === undefined ? [] : [`set -g @audit-chain-key '${key}'`] });
      const { recording } = await tmux.startLogging();
      const live = tmux.logFile();
      const keyArgs = key === undefined ? [] : ['--key', key];
      await tmux.run('echo secret-work-1; echo secret-work-2');
      await waitFor('the seal note naming the file and offset', () => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(sealNote(tmux) ?? ''));
      const held = fs.statSync(live).size;
      fs.truncateSync(live, 0);
      await tmux.run('echo after-the-cut');
      await waitFor('the line after the cut', () => fs.readFileSync(live, 'utf8').includes('after-the-cut\n'));
      const pids = tmux.readerPids();
      tmux.toggle();
      await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)), 60_000);
      const text = fs.readFileSync(live, 'utf8');
      assert.match(text, new RegExp(`^\\S+ .* \\* lost rec=${recording} what=cut held=(\\d+) left=0`, 'm'));
      assert.ok(Number(/what=cut held=(\d+)/.exec(text)![1]) >= held, text);
      const checked = verifyDir(tmux.logDir, ...keyArgs);
      assert.equal(checked.status, 1, checked.stdout);
      assert.match(checked.stdout, new RegExp(`:1: truncated \\(rec ${recording}\\): the file was cut while the recording's reader wrote into it: it had held \\d+ bytes, and held 0`, 'm'));
      // A cut is no removal: the summary must not tell of a log file removed (what=cut carries no removal count).
      assert.doesNotMatch(checked.stdout, /removed while logging/, checked.stdout);
    });
  }
});
