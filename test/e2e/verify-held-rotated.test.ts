// An idle pane's reader, living on, that holds a file a busy pane rotated past the rotated-files ledger's limit
// (its entry trimmed), then pruned: when it next writes it finds the file it holds gone from the log's path and
// asks the ledger. The entry is kept because the reader notes the file it holds (`.run/<name>.held`, written by
// pipe.ts's onOpened at each opening): no `lost` event in an honest log. The note itself is unit-tested
// (test/unit/ledger-noted.test.ts); this is the reader's wiring of it, through real tmux panes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileIdentity, LEDGER_BYTES, ledgerEntry, rotatedLedgerPath } from '../../src/sinks/file/rotated-ledger.ts';
import { logFilesInOrder, readAllLogs } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir } from '../support/verify.ts';

const server = serversForThisFile();

describe('an idle reader that holds a file rotated past the ledger\'s limit', () => {
  it('writes on with no lost event, and verify finds nothing removed', async () => {
    const tmux = server({ config: ['set -g @audit-max-size 16K', 'set -g @audit-max-files 2', 'set -g @audit-compress off'] });
    const [idle, busy] = tmux.panes(2) as [string, string];
    const live = tmux.logFile();
    const ledger = rotatedLedgerPath(live);
    const { recording: idleRecording } = await tmux.startLogging(idle);
    tmux.toggle(busy);
    await waitFor('the busy pane to be logged', () => tmux.show('#{@audit_on}', busy));
    await tmux.run('echo idle-before', idle);
    const identity = (): string => fileIdentity(fs.statSync(live));
    let chunk = 0;
    /** The busy pane prints until `done` (each round `lines` lines: 300 are about a file's worth, 16K). */
    const busyUntil = async (done: () => boolean, lines = 300): Promise<void> => {
      while (!done()) {
        chunk++;
        assert.ok(chunk < 200, 'the busy pane printed on and on');
        await tmux.run(`seq -f 'busy-${chunk}-%05g' 1 ${lines}`, busy);
      }
    };
    // The busy pane rotates the idle reader's file away; the idle pane's next line follows the rotation into the
    // file at the path, where no seal of the idle reader is yet. Short rounds once the file is near full: the file at
    // the path then holds a round's tail at most, not so near full that the idle pane's line rotates it (its reader
    // would then write the rotated file's digest event and seal there: CI, stop 33).
    const first = identity();
    await busyUntil(() => fs.statSync(live).size > 12 * 1024 || identity() !== first);
    await busyUntil(() => identity() !== first, 10);
    await tmux.run('echo idle-after-rotation', idle);
    const there = identity();
    const runFile = path.join(tmux.logDir, '.run', fs.readdirSync(path.join(tmux.logDir, '.run')).find((name) => name.endsWith(`-${idleRecording}.json`))!);
    const sealNote = fs.readFileSync(runFile.replace(/\.json$/, '.seal'), 'utf8');
    assert.ok(!sealNote.includes(` ${there}`), `the idle reader's seal note names another file (${sealNote.trim()}; it holds ${there})`);
    // That file rotated away and pruned (@audit-max-files 2), then the ledger filled past its limit and trimmed by
    // the busy pane's rotations (the rotations past the first few stood for by entries written as a rotation writes
    // them: some 8,000 rotations otherwise).
    await busyUntil(() => identity() !== there);
    const stat = fs.statSync(live);
    const fill: string[] = [];
    let size = fs.statSync(ledger).size;
    for (let ino = 1; size < LEDGER_BYTES - 256; ino++) {
      const entry = `${ledgerEntry(live, { ...stat, dev: 0, ino, birthtimeMs: ino } as fs.Stats)}\n`;
      fill.push(entry);
      size += entry.length;
    }
    fs.appendFileSync(ledger, fill.join(''));
    const entries = (): number => fs.readFileSync(ledger, 'utf8').split('\n').length - 1;
    const full = entries();
    await busyUntil(() => entries() < full);
    assert.ok(!logFilesInOrder(live).some((file) => fileIdentity(fs.statSync(file)) === there), 'the file the idle reader holds was pruned');
    // The idle pane's next line: its reader finds the file it holds gone from the path, and asks the ledger.
    await tmux.run('echo idle-later', idle);
    const text = readAllLogs(live);
    assert.ok(!/ \* lost /.test(text), `no lost event in the honest log:\n${text.split('\n').filter((line) => / \* /.test(line)).join('\n')}`);
    const pids = tmux.readerPids();
    tmux.toggle(idle);
    tmux.toggle(busy);
    await waitFor('the readers to exit', () => pids.every((pid) => !alive(pid)), 30_000);
    const checked = verifyDir(tmux.logDir);
    assert.equal(checked.status, 0, checked.stdout);
    assert.doesNotMatch(checked.stdout, /removed while logging/);
  });
});
