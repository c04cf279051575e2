// `verify` and a live log moved away while logging (issue 13 review of fixtrust8, finding 2), through a
// real tmux server under a chain key: `mv` of the live log out of the log directory, more output, `rm`
// of the moved file: the reader wrote a `lost` event saying `moved`, and verify names the removal (exit
// 0, no break); an edit of the new file then is caught. And the other side: several panes' readers
// rotating one log (one pane idle across the rotations) write no `lost` event, and the log verifies.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify-moved');
const verify = verifyDir;

/** Lines naming a break (`file:line: kind (rec …): …`). */
const breaks = (stdout: string): string[] => stdout.split('\n').filter((line) => /^\S+:\d+(?:-\d+| to \S+:\d+)?: [a-z ]+?(?: \(rec \S+\))?: /.test(line));

describe('verify and the live log moved away while logging (keyed)', () => {
  const key = keyFile();
  let tmux: TmuxServer;
  let recording: string;

  it('mv of the live log out of its directory, more output, rm of the moved file: a lost event saying moved; verify --key --require-key names the removal, exit 0, no break', async () => {
    tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    ({ recording } = await tmux.startLogging());
    const live = tmux.logFile();
    await tmux.run('seq -f "A1-%04g" 1 1500');
    // Same file system, out of the log directory: the file keeps a name, as a rotated one does.
    const elsewhere = path.join(tmux.dir, 'elsewhere.log');
    fs.renameSync(live, elsewhere);
    tmux.type('seq -f "A2-%04g" 1 2500; echo part2-done');
    await waitFor('the second part in the new file', () => fs.existsSync(live) && fs.readFileSync(live, 'utf8').includes('| part2-done\n'), 60_000);
    fs.rmSync(elsewhere);
    const pids = tmux.readerPids();
    tmux.toggle();
    await waitFor('the toggle\'s stop', () => readAllLogs(live).includes(`* stop rec=${recording} reason=toggle`));
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    const lines = fs.readFileSync(live, 'utf8').split('\n');
    assert.match(lines[0]!, new RegExp(` \\* lost rec=${recording} what=moved p=[0-9a-f]+ k=1$`));
    assert.match(lines[1]!, new RegExp(` \\* seal rec=${recording} n=1 `));
    assert.deepEqual(logFilesInOrder(live), [live], 'one file: no rotation hid the move');
    const checked = verify(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /^OK main@\S+: .*1 recording\(s\).*1 log file\(s\) removed while logging/m);
    assert.deepEqual(breaks(checked.stdout), []);
  });

  it('sed on the new file after the move (a line edited, the next deleted): named, exit 1', () => {
    const dir = copyOf(tmux);
    const live = path.join(dir, path.basename(tmux.logFile()));
    const lines = fs.readFileSync(live, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.endsWith('| A2-0001')) + 1;
    assert.ok(at > 2, 'the second part\'s first line, after the lost event and its seal');
    // The next printed line (a seal may come between them: taking that out is another test, test/unit/chain-lost.test.ts).
    const next = lines.findIndex((line) => line.endsWith('| A2-0002')) + 1;
    assert.ok(next > at);
    execFileSync('sed', ['-i', `${at}s/A2-/EVIL-/;${next}d`, live]);
    const tampered = verify(dir, '--key', key, '--require-key');
    assert.equal(tampered.status, 1, tampered.stdout);
    assert.match(tampered.stdout, /^TAMPERED /m);
    assert.ok(breaks(tampered.stdout).some((line) => /: (edited|deleted) \(rec /.test(line)), tampered.stdout);
  });
});

describe('verify and several readers rotating one log (keyed): no move seen where there is none', () => {
  it('three panes flood an 8K-rotating log while a fourth sits idle across the rotations, then prints: no lost event; verify --key --require-key OK, exit 0', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files all'] });
    const panes = tmux.panes(4, 'tiled');
    for (const pane of panes) tmux.toggle(pane);
    const idle = panes[3]!;
    await tmux.run('echo idle-before', idle);
    const live = tmux.logFile();
    const heldByIdle = fs.statSync(live);
    await tmux.flood(panes.slice(0, 3), (word) => `${word}-%05g`, 2000, 120_000);
    // A rotation renames the file at the path before the next write makes a new one there: wait for it.
    await waitFor('the idle pane\'s file rotated under it (another file at the path)', () => {
      const now = fs.statSync(live, { throwIfNoEntry: false });
      return now !== undefined && now.ino !== heldByIdle.ino;
    }, 30_000);
    // Its reader now finds the path holding another file, and the ledger naming its own: a rotation.
    tmux.type('echo idle-after', idle);
    await waitFor('the idle pane\'s line in the log', () => readAllLogs(live).includes('| idle-after\n'), 30_000);
    const pids = tmux.readerPids();
    for (const pane of panes) tmux.toggle(pane);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    const files = logFilesInOrder(live);
    assert.ok(files.length > 10, `rotated ${files.length - 1} times`);
    assert.deepEqual(files.filter((file) => / \* lost rec=/.test(fs.readFileSync(file, 'utf8'))), [], 'no lost event');
    const checked = verify(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /^OK main@\S+: .*4 recording\(s\)/m);
    assert.doesNotMatch(checked.stdout, /removed while logging/);
    assert.deepEqual(breaks(checked.stdout), []);
  });
});
