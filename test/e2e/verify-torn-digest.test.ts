// A keyed log whose idle pane's reader was SIGKILLed in the middle of a write the kernel cut inside a UTF-8
// character (the reader stopped, the cut bytes appended as its write would have left them, then killed); recover
// ends the torn line; the busy pane rotates on; the files before the torn one are pruned. The head marks after it
// hold the digest of its bytes as rotation left them: verify must check them against its bytes, not its text read
// back (the cut byte reads as U+FFFD, three bytes for one: a false `edited`, found by review). ASCII cut as control.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive, stopped } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { copyOf, keyFile } = verifyScratch('verify-torn');

for (const variant of ['ascii', 'utf8'] as const) {
  describe(`a keyed log with a line torn inside ${variant === 'utf8' ? 'a UTF-8 character' : 'ASCII text'} by a killed reader`, () => {
    it('verifies with the key whole, and pruned up to the file with the torn line (its digest checked against its bytes)', async () => {
      const key = keyFile();
      const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
      const panes = tmux.panes(2, 'tiled');
      tmux.toggle(panes[1]);
      const idle = await waitFor('the idle pane reader', () => tmux.readerPids()[0]);
      tmux.type('echo café-idle', panes[1]);
      await waitFor('its line', () => readAllLogs(tmux.logFile()).includes('| café-idle\n'));
      tmux.toggle(panes[0]);
      await waitFor('the busy pane reader', () => tmux.readerPids().length === 2);
      await tmux.flood([panes[0]], (w) => `${w}-%05g`, 200, 60_000);
      // The busy reader's digest events for the files it rotated come after the flood's last line, each once its file
      // is hashed in the background (and rotate the log again): all written before the idle reader is killed, so that
      // none is glued after the cut bytes before recover ends them (a killed reader's piece is not attested: the false
      // alarm README names; CI dry run C: that reader's seal before a digest event glued there, `deleted`).
      const live = tmux.logFile();
      await waitFor('every rotated file\'s digest event', () => {
        const text = readAllLogs(live);
        return logFilesInOrder(live).slice(0, -1).every((file) => text.includes(` file=${path.basename(file)} size=`));
      }, 60_000);
      process.kill(idle, 'SIGSTOP');
      await waitFor('the idle reader stopped', () => stopped(idle));
      const lastIdle = readAllLogs(live).split('\n').filter((line) => / main:0\.1 \| /.test(line)).at(-1)!;
      const prefix = lastIdle.slice(0, lastIdle.indexOf(' | ') + 3);
      const cut = variant === 'utf8' ? Buffer.concat([Buffer.from(`${prefix}torn caf`), Buffer.from([0xc3])]) : Buffer.from(`${prefix}torn caf`);
      fs.appendFileSync(live, cut);
      process.kill(idle, 'SIGKILL');
      await waitFor('the reader-died stop', () => readAllLogs(live).includes('reason=reader-died'));
      await tmux.flood([panes[0]], (w) => `${w}-x%05g`, 4000, 120_000);
      tmux.toggle(panes[0]);
      await waitFor('the readers gone', () => tmux.readerPids().every((pid) => !alive(pid)));
      const dir = copyOf(tmux);
      const whole = verifyDir(dir, '--key', key, '--require-key');
      assert.equal(whole.status, 0, whole.stdout);
      const files = logFilesInOrder(path.join(dir, path.basename(live)));
      const torn = files.findIndex((file) => fs.readFileSync(file).includes(Buffer.from('torn caf')));
      assert.ok(torn > 0, `the torn line in a rotated file after the first (${torn} of ${files.length})`);
      const marks = files.slice(torn + 1).flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter((line) => / \* head .* dat=/.test(line)));
      assert.ok(marks.length > 0, 'head marks carrying digests: the check runs');
      for (const file of files.slice(0, torn)) fs.rmSync(file);
      const pruned = verifyDir(dir, '--key', key, '--require-key');
      assert.equal(pruned.status, 0, pruned.stdout);
    });
  });
}
