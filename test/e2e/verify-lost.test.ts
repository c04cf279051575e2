// `verify` and the `lost` event on logs a real tmux server wrote under a chain
// key: the log removed while a pane floods it, and right as the pane's
// recording is toggled off, verify OK; then a `lost` event forged with sed at
// the head of the file that holds the recording's last seal, with a line of
// the stretch that crosses into that file edited: named, exit 1.

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
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify-lost');
const verify = verifyDir;


/** Every file of the log, with its lines. */
function filesOf(live: string): { file: string; lines: string[] }[] {
  return logFilesInOrder(live).map((file) => ({ file, lines: fs.readFileSync(file, 'utf8').split('\n') }));
}

const sealOf = (rec: string) => (line: string) => line.includes(` * seal rec=${rec} `);

describe('verify and a log removed while logging (keyed)', () => {
  const key = keyFile();
  let tmux: TmuxServer;
  let recording: string;

  it('the log removed while the pane floods it: a lost event, sealed; verify --key --require-key OK', async () => {
    tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 8K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    ({ recording } = await tmux.startLogging());
    const live = tmux.logFile();
    // Output in bursts with pauses, so that the removal lands while the pane is still printing.
    tmux.type(`for i in 1 2 3 4 5 6 7 8; do seq -f "burst-$i-%04g" 1 300; sleep 0.3; done; echo bursts-done`);
    await waitFor('the third burst in the log', () => readAllLogs(live).includes('| burst-3-0300\n'), 30_000);
    // The file at the path, once there is one: a rotation (8K) renames the live file a moment before it opens the next.
    await waitFor('the live file removed', () => {
      try {
        fs.rmSync(live);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    });
    await waitFor('the last burst in the log', () => readAllLogs(live).includes('| bursts-done\n'), 60_000);
    const pids = tmux.readerPids();
    tmux.toggle();
    await waitFor('the toggle\'s stop', () => readAllLogs(live).includes(`* stop rec=${recording} reason=toggle`));
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    const files = filesOf(live);
    assert.ok(files.length > 3, 'it rotated');
    // The lost event heads a file, and its seal follows it at once.
    const head = files.find(({ lines }) => lines[0]!.includes(` * lost rec=${recording} what=file`));
    assert.ok(head, 'a file opened by the lost event');
    assert.match(head.lines[1]!, new RegExp(` \\* seal rec=${recording} n=1 p=[0-9a-f]+ h=[0-9a-f]{32} s=\\d+ v=3 chain=hmac e=[0-9a-f]{32}$`));
    const checked = verify(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /^OK main@\S+: .*1 recording\(s\).*1 log file\(s\) removed while logging/m);
  });

  it('a lost event forged with sed at the head of the rotated file that holds the last seal, a line of the stretch that crosses into it edited: forged event, named, exit 1', () => {
    const dir = copyOf(tmux);
    const live = path.join(dir, path.basename(tmux.logFile()));
    const files = filesOf(live);
    const isSeal = sealOf(recording);
    const last = files.findIndex(({ lines }) => lines.some((line) => isSeal(line) && / end=stop( e=[0-9a-f]+)?$/.test(line)));
    assert.ok(last > 0, 'the last seal is in a file after the first');
    const target = files[last]!;
    // The last seal's own stretch no longer crosses into its file: the digest event of each file its writer rotated is
    // in its chain between two seals, written after the rotation, so in a later file. The file's first seal is the
    // one whose stretch began in the file before, and that the forged event at the file's head would excuse.
    const firstSeal = target.lines.findIndex(isSeal);
    const before = files[last - 1]!;
    const printed = (line: string) => / \| burst-\d-\d{4}$/.test(line) || / \| bursts-done$/.test(line);
    const lastPrinted = before.lines.map(printed).lastIndexOf(true);
    assert.ok(lastPrinted > before.lines.map(isSeal).lastIndexOf(true), 'the stretch of the file\'s first seal crosses into it: the file before ends in it');
    // A printed line of that stretch: edited with sed.
    let editAt = { file: target.file, line: target.lines.slice(0, firstSeal).findIndex(printed) + 1 };
    if (editAt.line === 0) editAt = { file: before.file, line: lastPrinted + 1 };
    assert.ok(editAt.line > 0, 'a printed line in the stretch');
    execFileSync('sed', ['-i', `${editAt.line}s/| \\(burst\\)/| rm -rf \\/ \\1/`, editAt.file]);
    assert.match(fs.readFileSync(editAt.file, 'utf8'), /\| rm -rf \/ burst/);
    const stamp = target.lines[0]!.slice(0, target.lines[0]!.indexOf(' '));
    // Who and where, as the recording's lines say.
    const [, user, place] = /^\S+ (\S+) (main:\d+\.\d+) /.exec(target.lines.find((line) => line.includes(`rec=${recording}`))!)!;
    execFileSync('sed', ['-i', `1i ${stamp} ${user} ${place} * lost rec=${recording} what=file`, target.file]);
    const tampered = verify(dir, '--key', key, '--require-key');
    assert.equal(tampered.status, 1, tampered.stdout);
    assert.match(tampered.stdout, new RegExp(`^${target.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: forged event \\(rec ${recording}\\): a lost event its reader did not seal`, 'm'));
    assert.match(tampered.stdout, /^TAMPERED /m);
  });

  it('the log removed right as the pane\'s recording is toggled off: verify --key --require-key OK', async () => {
    const quick = server({ config: [`set -g @audit-chain-key '${key}'`] });
    const { recording: rec } = await quick.startLogging();
    await quick.run('seq -f "last-%04g" 1 1500');
    const pids = quick.readerPids();
    fs.rmSync(quick.logFile());
    quick.toggle();
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
    const text = fs.readFileSync(quick.logFile(), 'utf8');
    const lines = text.split('\n');
    assert.match(lines[0]!, new RegExp(` \\* lost rec=${rec} what=file p=[0-9a-f]+ k=\\d+$`));
    assert.match(lines[1]!, new RegExp(` \\* seal rec=${rec} n=1 `));
    assert.match(text, new RegExp(` \\* stop rec=${rec} reason=toggle`));
    const checked = verify(quick.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
  });
});

describe('verify and a log removed again and again while a pane floods it (keyed, rotating)', () => {
  const key = keyFile();

  it('removed eight times, 30 to 250 ms apart, under 64K rotation: verify --key --require-key OK', async () => {
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 64K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    await tmux.startLogging();
    const live = tmux.logFile();
    const pids = tmux.readerPids();
    tmux.type('seq -f "flood-%06g" 1 200000; echo flood-done');
    await waitFor('the flood in the log', () => fs.existsSync(live) && readAllLogs(live).includes('| flood-001000\n'), 60_000);
    // Removals as quick as a person's script makes them, each landing in what the last one had the writer write again.
    const gaps = [30, 250, 60, 180, 40, 120, 220];
    for (let i = 0; i < 8; i++) {
      fs.rmSync(live, { force: true });
      if (i < gaps.length) await new Promise((resolve) => setTimeout(resolve, gaps[i]));
    }
    await waitFor('the flood\'s end on the screen', () => /^flood-done$/m.test(tmux.screen()), 120_000);
    // The last removal may come after the flood's end was on disk (gone with that file, as it should be):
    // the pane prints again, and the writer, looking at the file before it writes, finds it removed.
    tmux.type('echo after-removals');
    await waitFor('the line printed after the removals in the log', () => readAllLogs(live).includes('| after-removals\n'), 60_000);
    tmux.toggle();
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    const checked = verify(tmux.logDir, '--key', key, '--require-key');
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /^OK main@\S+: .*log file\(s\) removed while logging/m);
  });
});

describe('verify and a log removed while a flood goes on at the default size limit', () => {
  it('removed mid-flood, the flood then ends and the pane prints nothing more: the new file holds a lost event and the flood\'s last line; verify OK', async () => {
    const tmux = server();
    const { recording } = await tmux.startLogging();
    const live = tmux.logFile();
    tmux.type('seq -f "flood-%06g" 1 120000; echo flood-done');
    await waitFor('the flood in the log', () => fs.existsSync(live) && readAllLogs(live).includes('| flood-010000\n'), 60_000);
    fs.rmSync(live);
    await waitFor('the flood\'s end on the screen', () => /^flood-done$/m.test(tmux.screen()), 120_000);
    // Nothing is typed after it: the writer must look at the file by itself once the flood stops.
    await waitFor('the flood\'s last line in the new file', () => fs.existsSync(live) && fs.readFileSync(live, 'utf8').includes('| flood-done\n'), 20_000);
    const text = fs.readFileSync(live, 'utf8');
    assert.match(text.slice(0, text.indexOf('\n')), new RegExp(` \\* lost rec=${recording} what=file p=[0-9a-f]+ k=\\d+$`));
    const checked = verify(tmux.logDir);
    assert.equal(checked.status, 0, checked.stdout);
  });
});

describe('verify and a planted rotated-files ledger entry (issue 13 review of fixtrust7, finding 1)', () => {
  it('the owner, without the key, plants the live file in .main.log.rotated and removes it: the reader still writes `lost`, verify --key --require-key names the removal', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`, 'set -g @audit-max-size 64K', 'set -g @audit-compress off'] });
    const { recording } = await tmux.startLogging();
    const live = tmux.logFile();
    tmux.type('for i in $(seq 1 20); do echo secret-$i; sleep 0.05; done; echo part1-done');
    await waitFor('the first part in the log', () => readAllLogs(live).includes('| part1-done\n'), 60_000);
    // What an entry of the ledger looks like without the key: the file's identity alone, as fixtrust7 wrote it.
    const held = fs.statSync(live);
    fs.appendFileSync(path.join(path.dirname(live), `.${path.basename(live)}.rotated`), `${held.dev}:${held.ino}:${Math.round(held.birthtimeMs)}\n`, { mode: 0o600 });
    fs.rmSync(live);
    tmux.type('for i in $(seq 1 10); do echo after-$i; sleep 0.05; done; echo part2-done');
    await waitFor('the second part in the new file', () => fs.existsSync(live) && fs.readFileSync(live, 'utf8').includes('| part2-done\n'), 60_000);
    const pids = tmux.readerPids();
    tmux.toggle();
    await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)), 60_000);
    assert.match(fs.readFileSync(live, 'utf8').split('\n')[0]!, new RegExp(` \\* lost rec=${recording} what=file `));
    const checked = verify(tmux.logDir, '--key', key, '--require-key');
    assert.match(checked.stdout, /1 log file\(s\) removed while logging/, checked.stdout);
  });
});
