// `verify` on a keyed log a real tmux server wrote, whose live file was removed while two panes logged into
// it, with rotated files before it: the recording whose start went with the removed file (opened in the new
// file by its reader's `lost` event, sealed under the key) started after the rotated files began, and is no
// start cut out of the log (issue 13 review of fixtrust8, F3: a false alarm, `deleted`, exit 1).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-lost-rotated');

describe('verify and a live log removed after rotations (keyed, two panes)', () => {
  it('pane 2 rotates the log, pane 1 starts in the live file, the live file removed: verify --key --require-key OK, one removal, nothing else', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 16K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    const [first, second] = tmux.panes(2);
    const live = tmux.logFile();
    await tmux.startLogging(second!);
    // Pane 1 starts well after pane 2's lines (more than the slack verify gives a start stamped before the log's first line).
    await tmux.run('seq -f "two-before-%04g" 1 600; sleep 2', second!);
    // Room in the live file for pane 1's start and lines (a few KB), or its own writer rotates its start away: pane 2
    // goes on in small steps until a rotation has just left the live file nearly empty.
    for (let step = 0; fs.statSync(live).size > 8 << 10; step++) {
      assert.ok(step < 100, 'a rotation leaves the live file small');
      await tmux.run(`seq -f "two-room-${step}-%04g" 1 15`, second!);
    }
    await tmux.run('sleep 2', second!);
    const rotated = logFilesInOrder(live).length - 1;
    assert.ok(rotated >= 2, `it rotated (${rotated} rotated file(s))`);
    tmux.toggle(first!);
    const recording = await waitFor("pane 1's recording", () => tmux.show('#{@audit_on}', first!) || undefined);
    await tmux.run('seq -f "one-before-%04g" 1 20', first!);
    assert.ok(fs.readFileSync(live, 'utf8').includes(` * start rec=${recording} `), "pane 1's start is in the live file");
    fs.rmSync(live);
    await tmux.run('seq -f "one-after-%04g" 1 20', first!);
    await tmux.run('seq -f "two-after-%04g" 1 20', second!);
    assert.equal(logFilesInOrder(live).length - 1, rotated, 'no rotation since');
    const text = fs.readFileSync(live, 'utf8');
    assert.match(text.slice(0, text.indexOf('\n')), new RegExp(` \\* lost rec=${recording} what=file `), 'the new file opens with pane 1\'s lost event');
    const pids = tmux.readerPids();
    tmux.toggle(first!);
    tmux.toggle(second!);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    assert.ok(readAllLogs(live).includes('| two-after-0020\n'));
    const checked = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    // One OK line for the session, and nothing else said of it: no break, no warning.
    const said = checked.stdout.split('\n').filter((line) => line.length > 0);
    assert.equal(said.length, 1, checked.stdout);
    assert.match(said[0]!, /^OK main@\S+: .*2 recording\(s\).*1 log file\(s\) removed while logging/);
  });
});
