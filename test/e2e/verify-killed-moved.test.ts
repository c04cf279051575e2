// `verify` and the live log removed or moved away, its reader killed (SIGKILL) before it looked again, through a
// real tmux server under a chain key (issue 13, left after review13c): the reader never wrote its `lost` event, and
// `recover` wrote a bare `reader-died` stop into a new file at the log's path; verify said OK and the recording's
// lines were gone unseen. Now the stop says `away=1` (chain/seal-file-gone.ts) and verify names a missing file. And
// the honest side: a pane's reader idle while another pane's flood rotates its file and @audit-max-files prunes it,
// then killed: its stop names a seal in no file left, the ledger says its file was rotated, and the log verifies.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-killed-moved');

/** Lines naming a break (`file:line: kind (rec …): …`). */
const breaks = (stdout: string): string[] => stdout.split('\n').filter((line) => /^\S+:\d+(?:-\d+| to \S+:\d+)?: [a-z ]+?(?: \(rec \S+\))?: /.test(line));

/** The seal note of the one reader running (its last seal's link and file: chain/seal-file-gone.ts). */
function sealNote(tmux: TmuxServer): string | undefined {
  const run = path.join(tmux.logDir, '.run');
  const name = fs.existsSync(run) ? fs.readdirSync(run).find((entry) => entry.endsWith('.seal')) : undefined;
  return name === undefined ? undefined : fs.readFileSync(path.join(run, name), 'utf8');
}

describe('verify and the live log taken away, its reader killed before it looked again (keyed)', () => {
  for (const how of ['rm', 'mv'] as const) {
    it(`${how} of the live log, SIGKILL of its reader: recover's stop says away=1; verify --key --require-key names a missing file, exit 1`, async () => {
      const key = keyFile();
      const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
      const { pid, recording } = await tmux.startLogging();
      const live = tmux.logFile();
      await tmux.run('echo secret-work-1; echo secret-work-2');
      // The start's seal is on disk and noted with its file: what the stop will name.
      await waitFor('the seal note naming the file', () => /^[0-9a-f]+ \d+:\d+:\d+\n/.test(sealNote(tmux) ?? ''));
      if (how === 'rm') fs.rmSync(live);
      else fs.renameSync(live, path.join(tmux.dir, 'elsewhere.log'));
      process.kill(pid, 'SIGKILL');
      await waitFor('the reader-died stop in a new file', () => fs.existsSync(live) && fs.readFileSync(live, 'utf8').includes(`* stop rec=${recording} reason=reader-died`));
      const text = fs.readFileSync(live, 'utf8');
      assert.doesNotMatch(text, / \* lost rec=/, 'the reader said nothing: it was killed before it looked');
      assert.match(text, new RegExp(`\\* stop rec=${recording} reason=reader-died signal=SIGKILL p=[0-9a-f]{16} away=1 h=[0-9a-f]{32}$`, 'm'));
      const checked = verifyDir(tmux.logDir, '--key', key, '--require-key');
      assert.equal(checked.status, 1, checked.stdout);
      assert.match(checked.stdout, /^TAMPERED /m);
      const found = breaks(checked.stdout);
      assert.equal(found.length, 1, checked.stdout);
      assert.match(found[0]!, new RegExp(`: missing file \\(rec ${recording}\\): .*removed or moved away, not rotated`));
      // away= taken out of the stop: its h no longer holds.
      fs.writeFileSync(live, text.replace(' away=1 ', ' '));
      const stripped = verifyDir(tmux.logDir, '--key', key, '--require-key');
      assert.equal(stripped.status, 1, stripped.stdout);
      assert.match(stripped.stdout, new RegExp(`: forged event \\(rec ${recording}\\): a stop \\(reason=reader-died\\) not bound`));
    });
  }
});

describe('verify and an idle reader whose files were rotated and pruned, then killed (keyed): no missing file where none is', () => {
  it('pane A idle while pane B floods an 8K log pruned to 2 files, A\'s reader killed: its stop has no away=; verify --key --require-key OK, exit 0', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const [idle, busy] = tmux.panes(2, 'even-horizontal');
    const { pid, recording } = await tmux.startLogging(idle);
    await tmux.run('echo idle-before', idle);
    await waitFor('the idle reader\'s seal noted', () => /^[0-9a-f]+ \d+:\d+:\d+\n/.test(sealNote(tmux) ?? ''));
    const live = tmux.logFile();
    tmux.toggle(busy);
    await tmux.flood([busy!], (word) => `${word}-%05g`, 2000, 120_000);
    assert.ok(!readAllLogs(live).includes('| idle-before\n'), 'the idle pane\'s lines went with pruned files');
    process.kill(pid, 'SIGKILL');
    await waitFor('the reader-died stop', () => readAllLogs(live).includes(`* stop rec=${recording} reason=reader-died`));
    const stop = fs.readFileSync(live, 'utf8').split('\n').find((line) => line.includes(`* stop rec=${recording} reason=reader-died`))!;
    assert.match(stop, / p=[0-9a-f]{16} h=[0-9a-f]{32}$/, 'no away=: its file was rotated');
    const pids = tmux.readerPids();
    tmux.toggle(busy);
    await waitFor('the busy reader to exit', () => pids.every((other) => !alive(other)), 60_000);
    assert.equal(logFilesInOrder(live).length, 3, 'the live file and two rotated ones');
    const checked = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.deepEqual(breaks(checked.stdout), []);
  });
});
