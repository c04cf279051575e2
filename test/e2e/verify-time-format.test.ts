// `verify` on logs written by a real tmux with a custom @audit-time-format whose stamps are no instants
// (`HH:mm:ss`): the readers' seals say their own time (`t=`), verify reads the log's times from them, says
// once that the checks needing a line's time are skipped, and finds an honest rotating log of two panes OK
// (issue 13: false `deleted`/`reordered` before); an edit is still named.

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
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify-clock');

describe('verify and @audit-time-format HH:mm:ss (keyed)', () => {
  it('two panes flood an 8K-rotating log: seals say t=, verify --key --require-key OK (skipped checks said once); sed on a line: edited, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-time-format "HH:mm:ss"', 'set -g @audit-max-size 8K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    const panes = tmux.panes(2, 'tiled');
    for (const pane of panes) tmux.toggle(pane);
    await tmux.flood(panes, (word) => `${word}-%05g`, 1500, 120_000);
    const pids = tmux.readerPids();
    for (const pane of panes) tmux.toggle(pane);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    const live = tmux.logFile();
    assert.ok(logFilesInOrder(live).length > 3, 'rotated');
    const seals = logFilesInOrder(live).map((file) => fs.readFileSync(file, 'utf8')).join('').split('\n').filter((line) => line.includes(' * seal rec='));
    assert.ok(seals.length > 4 && seals.every((line) => /^\d\d:\d\d:\d\d \S+ main:0\.\d \* seal rec=\S+ .* t=\d{13} e=[0-9a-f]{32}$/.test(line)), seals.slice(0, 3).join('\n'));
    const checked = verifyDir(tmux.logDir, '--time-format', 'HH:mm:ss', '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /^OK main@\S+: .*2 recording\(s\)/m);
    assert.equal(checked.stdout.split('hold no full date and UTC offset').length, 2, checked.stdout);

    const dir = copyOf(tmux);
    const target = logFilesInOrder(path.join(dir, path.basename(live)))[1]!;
    const at = fs.readFileSync(target, 'utf8').split('\n').findIndex((line) => / \| \S+-0\d+$/.test(line)) + 1;
    assert.ok(at > 0, 'a printed line to edit');
    execFileSync('sed', ['-i', `${at}s/| /| EVIL /`, target]);
    const tampered = verifyDir(dir, '--time-format', 'HH:mm:ss', '--key', key, '--require-key');
    assert.equal(tampered.status, 1, tampered.stdout);
    assert.match(tampered.stdout, /: edited \(rec /);
  });
});
