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
      await waitFor('the seal note naming the file', () => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(sealNote(tmux) ?? ''));
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

// In place the file keeps its inode, so its identity alone said nothing (review of trust13b, F2): the note holds the
// seal's offset too, and recover checks the file still holds the seal's line there (chain/seal-file-gone.ts).
describe('verify and the live log cut or rewritten in place, its reader killed before it looked again (keyed)', () => {
  it('truncated to nothing, SIGKILL of its reader: recover\'s stop says away=cut; verify --key --require-key names it truncated, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    const { pid, recording } = await tmux.startLogging();
    const live = tmux.logFile();
    await tmux.run('echo secret-work-1; echo secret-work-2');
    await waitFor('the seal note naming the file and offset', () => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(sealNote(tmux) ?? ''));
    fs.truncateSync(live, 0);
    process.kill(pid, 'SIGKILL');
    await waitFor('the reader-died stop', () => fs.readFileSync(live, 'utf8').includes(`* stop rec=${recording} reason=reader-died`));
    assert.match(fs.readFileSync(live, 'utf8'), new RegExp(`\\* stop rec=${recording} reason=reader-died signal=SIGKILL p=[0-9a-f]{16} away=cut h=[0-9a-f]{32}$`, 'm'));
    const checked = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 1, checked.stdout);
    const found = breaks(checked.stdout);
    assert.equal(found.length, 1, checked.stdout);
    assert.match(found[0]!, new RegExp(`: truncated \\(rec ${recording}\\): .*cut or rewritten in place`));
  });

  it('rewritten without one pane\'s lines (same inode) while another pane keeps logging, that pane\'s reader killed: named, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    const [kept, cut] = tmux.panes(2, 'even-horizontal');
    await tmux.startLogging(kept);
    await tmux.run('echo keep-1', kept);
    tmux.toggle(cut);
    await waitFor('two readers', () => tmux.readerPids().length === 2);
    await tmux.run('echo secret-1; echo secret-2', cut);
    await tmux.run('echo keep-2', kept);
    const live = tmux.logFile();
    const recording = tmux.show('#{@audit_on}', cut);
    const run = path.join(tmux.logDir, '.run');
    const runFile = fs.readdirSync(run).filter((name) => name.endsWith('.json')).find((name) => fs.readFileSync(path.join(run, name), 'utf8').includes(recording))!;
    const pid = Number(fs.readFileSync(path.join(run, runFile.replace(/\.json$/, '.pid')), 'utf8'));
    const seals = (): string[] => fs.readdirSync(run).filter((name) => name.endsWith('.seal'));
    await waitFor('both notes name a file and an offset', () => seals().length === 2 && seals().every((name) => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(fs.readFileSync(path.join(run, name), 'utf8'))));
    const place = fs.readFileSync(live, 'utf8').split('\n').find((line) => line.includes(`* start rec=${recording}`))!.split(' ')[2]!;
    const ino = fs.statSync(live).ino;
    fs.writeFileSync(live, fs.readFileSync(live, 'utf8').split('\n').filter((line) => line.split(' ')[2] !== place).join('\n'));
    assert.equal(fs.statSync(live).ino, ino, 'rewritten in place');
    process.kill(pid, 'SIGKILL');
    await waitFor('the reader-died stop', () => fs.readFileSync(live, 'utf8').includes(`* stop rec=${recording} reason=reader-died`));
    await tmux.run('echo keep-3', kept);
    assert.match(fs.readFileSync(live, 'utf8'), new RegExp(`\\* stop rec=${recording} reason=reader-died signal=SIGKILL p=[0-9a-f]{16} away=cut h=[0-9a-f]{32}$`, 'm'));
    const checked = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 1, checked.stdout);
    assert.ok(breaks(checked.stdout).some((line) => new RegExp(`: truncated \\(rec ${recording}\\): .*cut or rewritten in place`).test(line)), checked.stdout);
  });
});

describe('verify and an idle reader whose files were rotated and pruned, then killed (keyed): no missing file where none is', () => {
  it('pane A idle while pane B floods an 8K log pruned to 2 files, A\'s reader killed: its stop has no away=; verify --key --require-key OK, exit 0', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const [idle, busy] = tmux.panes(2, 'even-horizontal');
    const { pid, recording } = await tmux.startLogging(idle);
    await tmux.run('echo idle-before', idle);
    await waitFor('the idle reader\'s seal noted', () => /^[0-9a-f]+ \d+:\d+:\d+ \d+\n/.test(sealNote(tmux) ?? ''));
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
