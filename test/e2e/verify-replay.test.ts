// Under a real tmux with one chain key for the server: a keyed seal binds its log (chain/seal-tag.ts), so a
// session's last seal and stop copied, with a made-up line before them, into another session's log are named
// (issue 13, review of fixtrust9, finding 1); and a pane flooded until its start is pruned and then renamed
// verifies clean, plain and under the key (finding 2: its rename event came before its first seal left).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify-replay');

describe('verify with one key for two sessions', () => {
  it("alpha's last seal and stop with a made-up line put at the head of beta's oldest file, alpha's log deleted: edited, exit 1", async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-compress off'] });
    tmux.tmux('new-session', '-d', '-s', 'beta');
    const beta = tmux.show('#{pane_id}', 'beta');
    await tmux.startLogging('%0');
    tmux.toggle(beta);
    await waitFor('beta logged', () => tmux.show('#{@audit_on}', beta) !== '');
    tmux.type(`seq -f 'alpha-%05g' 1 300; echo alpha-finished`, '%0');
    tmux.type(`seq -f 'beta-%05g' 1 300; echo beta-finished`, beta);
    await waitFor('both floods in their logs', () => readAllLogs(tmux.logFile('main')).includes('| alpha-finished\n') && readAllLogs(tmux.logFile('beta')).includes('| beta-finished\n'), 60_000);
    const pids = tmux.readerPids();
    tmux.toggle('%0');
    tmux.toggle(beta);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)));
    const dir = copyOf(tmux);
    const clean = verifyDir(dir, '--key', key, '--require-key');
    assert.equal(clean.status, 0, clean.stdout);

    const alphaFiles = logFilesInOrder(path.join(dir, path.basename(tmux.logFile('main'))));
    const alphaLines = alphaFiles.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'));
    const stop = alphaLines.findIndex((line) => / \* stop rec=\S+ reason=toggle/.test(line));
    const seal = alphaLines[stop - 1]!;
    assert.match(seal, / \* seal rec=\S+ .* end=stop e=[0-9a-f]+$/);
    const rec = / rec=(\S+)/.exec(seal)![1]!;
    const head = seal.slice(0, seal.indexOf(' * seal '));
    for (const file of alphaFiles) fs.rmSync(file);
    const betaOldest = logFilesInOrder(path.join(dir, path.basename(tmux.logFile('beta'))))[0]!;
    fs.writeFileSync(betaOldest, `${head} | scp /etc/shadow evil:\n${seal}\n${alphaLines[stop]}\n${fs.readFileSync(betaOldest, 'utf8')}`);
    const replayed = verifyDir(dir, '--key', key, '--require-key');
    assert.equal(replayed.status, 1, replayed.stdout);
    assert.match(replayed.stdout, new RegExp(`: edited \\(rec ${rec}\\): a seal whose own line is not as its reader wrote it`));
  });
});

describe('verify after a flood pruned the start and the session was renamed', () => {
  it('OK, exit 0, plain and with --key --require-key, running and stopped', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 4K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const { recording } = await tmux.startLogging();
    await tmux.flood(['%0'], () => 'q-%05g', 2500, 120_000);
    tmux.tmux('rename-session', '-t', 'main', 'tk4');
    await waitFor('the rename event', () => readAllLogs(tmux.logFile('main')).includes(` * rename rec=${recording} `));
    assert.ok(!readAllLogs(tmux.logFile('main')).includes(` * start rec=${recording}`), 'its start was pruned');
    // Running, perhaps with no seal of it in the files left yet: given until its next seal is due (chain/seal-due.ts).
    for (const args of [[], ['--key', key, '--require-key']]) {
      const running = verifyDir(tmux.logDir, ...args);
      assert.equal(running.status, 0, running.stdout);
    }
    const pids = tmux.readerPids();
    tmux.toggle('%0');
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    for (const args of [[], ['--key', key, '--require-key']]) {
      const stopped = verifyDir(tmux.logDir, ...args);
      assert.equal(stopped.status, 0, stopped.stdout);
      assert.match(stopped.stdout, /^OK main@\S+: /m);
    }
  });
});
