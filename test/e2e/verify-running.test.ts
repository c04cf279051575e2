// `verify --key --require-key` and a running recording whose start and every seal were pruned (issue 13, left after
// review13c: a made-up "running" start-less recording passed for up to 70 s): its reader's note of its last seal,
// whole and keyed (chain/running-seal.ts), shows its lines are its own; the same lines with that note removed, as a
// made-up run file would have it, are named.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder } from '../support/log.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-running');

describe('verify --require-key and a running recording none of whose seals is left', () => {
  it('its reader\'s keyed seal note: OK, exit 0; the note gone: unkeyed, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 16K', 'set -g @audit-max-files 1', 'set -g @audit-compress off'] });
    const [quiet, loud] = tmux.panes(2);
    const { recording } = await tmux.startLogging(quiet!);
    tmux.toggle(loud!);
    await waitFor("the loud pane's recording", () => tmux.show('#{@audit_on}', loud!) || undefined);
    // Another pane's output rotates the log: a recording whose own write rotates it has that file's digest event in its
    // chain, between two seals, in a file left. Bursts of under a third of a file, so that none rotates twice.
    const rotated = () => logFilesInOrder(tmux.logFile()).length - 1;
    const burst = `seq -f 'loud-%05g-${'x'.repeat(80)}' 1 35`;
    while (rotated() < 1) await tmux.run(burst, loud!);
    // Its lines after its start's seal, fewer than a seal's 1000, into the second file.
    await tmux.run("seq -f 'q-%05g' 1 60", quiet!);
    // Until its start is pruned (max-files 1: with the second rotation); the file its lines are in is then the one rotated file.
    while (logFilesInOrder(tmux.logFile()).some((file) => fs.readFileSync(file, 'utf8').includes(` * start rec=${recording} `))) await tmux.run(burst, loud!);
    assert.ok(tmux.loggedText().concat(fs.readFileSync(logFilesInOrder(tmux.logFile())[0]!, 'utf8').split('\n')).some((line) => line.endsWith('q-00060')), 'its lines are left');
    const left = logFilesInOrder(tmux.logFile()).map((file) => fs.readFileSync(file, 'utf8')).join('');
    assert.ok(!left.includes(` * start rec=${recording}`), 'its start was pruned');
    assert.ok(!left.includes(` * seal rec=${recording} `), left.split('\n').filter((line) => / \* seal /.test(line) || / q-0(0001|1000|2000|2400)$/.test(line)).join('\n') + `\n${left.split('\n').length} lines`);
    const run = path.join(tmux.logDir, '.run');
    // Its own note: the loud pane's reader has one too.
    const note = path.join(run, fs.readdirSync(run).find((name) => name.endsWith('.seal') && fs.readFileSync(path.join(run, name), 'utf8').includes(` * seal rec=${recording} `))!);
    assert.match(fs.readFileSync(note, 'utf8'), new RegExp(`^[0-9a-f]+ \\d+:\\d+:\\d+(?: \\d+)?\\n.* \\* seal rec=${recording} .* e=[0-9a-f]+\\n$`));
    const running = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(running.status, 0, running.stdout);
    assert.match(running.stdout, /^OK main@\S+: /m);
    // The note cut to its link alone (the shape a made-up run file's would have): nothing proves the lines.
    fs.writeFileSync(note, fs.readFileSync(note, 'utf8').split('\n')[0] + '\n');
    const unproven = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(unproven.status, 1, unproven.stdout);
    assert.match(unproven.stdout, new RegExp(`: unkeyed \\(rec ${recording}\\): lines at \\S+ given to a running recording .* its reader noted no seal`));
  });

  // A running recording of another log (session two's, its note keyed for two.log) took made-up lines at its
  // place appended to main's log: `live` and the notes are gathered per directory (review of trust13b, F3).
  it('a made-up line in one log at the place of a running recording of another log: named, exit 1', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    tmux.tmux('new-session', '-d', '-s', 'two');
    const two = tmux.tmux('list-panes', '-t', 'two', '-F', '#{pane_id}').trim();
    await tmux.startLogging();
    await tmux.run('echo main-work');
    tmux.toggle(two);
    await tmux.run('echo two-work', two, 'two');
    const run = path.join(tmux.logDir, '.run');
    const notes = (): string[] => fs.readdirSync(run).filter((name) => name.endsWith('.seal'));
    await waitFor('both readers noted a keyed seal', () => notes().length === 2 && notes().every((name) => fs.readFileSync(path.join(run, name), 'utf8').includes(' e=')));
    const lineOfTwo = fs.readFileSync(tmux.logFile('two'), 'utf8').split('\n').find((line) => / \| two-work$/.test(line))!;
    const before = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(before.status, 0, before.stdout);
    const forged = lineOfTwo.replace(/^\S+/, new Date().toISOString().replace('Z', '+00:00')).replace(/\| two-work$/, '| FORGED: bob ran rm -rf /srv');
    fs.appendFileSync(tmux.logFile('main'), `${forged}\n`);
    const after = verifyDir(tmux.logDir, '--key', key, '--require-key');
    assert.equal(after.status, 1, after.stdout);
    assert.match(after.stdout, /^TAMPERED main@\S+: /m);
    assert.match(after.stdout, /^OK two@\S+: /m);
  });
});
