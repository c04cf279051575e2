// `verify` on logs a real tmux server wrote: clean (several panes, rotations,
// compression, a reader killed), then tampered with the tools a person would
// use (sed -i, head -c, rm, mv, a line appended by another process), each on a
// copy of the log directory; and the HMAC variant with and without its key.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { logFilesInOrder, readAllLogs, readIfThere } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { escapeRegExp, waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { copyOf, keyFile } = verifyScratch('tmux-audit-verify');
const verify = verifyDir;

/** `kind` of the breaks verify names (`file:line: kind (rec …): …`). */
function kinds(stdout: string): string[] {
  return [...stdout.matchAll(/^\S+:\d+(?:-\d+| to \S+:\d+)?: ([a-z ]+?)(?: \(rec \S+\))?: /gm)].map((match) => match[1]!);
}

describe('verify', () => {
  let tmux: TmuxServer;
  let rotated: string[];
  let live: string;
  let sealedPane: string;

  it('a clean log with two panes, rotations and a reader killed: OK, exit 0', async () => {
    tmux = server({ config: ['set -g @audit-max-size 8K', 'set -g @audit-compress on', 'set -g @audit-max-files all'] });
    const panes = tmux.panes(2, 'tiled');
    for (const pane of panes) tmux.toggle(pane);
    await tmux.flood(panes, (word) => `${word}-%05g`, 3000, 60_000);
    const pids = tmux.readerPids();
    // One pane is stopped by its toggle: its last seal covers its stop.
    const stopped = tmux.show('#{@audit_on}', panes[1]);
    sealedPane = tmux.show('#{pane_index}', panes[1]);
    tmux.toggle(panes[1]);
    await waitFor('the toggle\'s stop', () => tmux.readLog().includes(`* stop rec=${stopped} reason=toggle`));
    // The other's reader is killed: recover closes its recording (reader-died), complete as far as it goes.
    await waitFor('one reader left', () => pids.filter((pid) => alive(pid)).length === 1);
    process.kill(pids.find((pid) => alive(pid))!, 'SIGKILL');
    await waitFor('the reader-died stop', () => tmux.readLog().includes('reason=reader-died'));
    await waitFor('both readers to exit', () => pids.every((pid) => !alive(pid)));
    // Compressed files are tested in test/unit/retention.test.ts: here none is a minute old yet.
    live = tmux.logFile();
    rotated = fs.readdirSync(tmux.logDir).filter((name) => name.startsWith(`${path.basename(live)}.`) && !name.endsWith('.tmp'));
    assert.ok(rotated.length > 5, `rotated ${rotated.length} times`);
    const { status, stdout } = verify(tmux.logDir);
    assert.equal(status, 0, stdout);
    assert.match(stdout, /^OK main@\S+: \d+ file\(s\), \d+ lines, 2 recording\(s\), \d+ seal\(s\) \(1 ended by a dead reader; \d+ line\(s\) no seal covers \(a dead reader's last lines, [^)]*\); 1 event\(s\) from other processes\)$/m);
  });

  const plainRotated = (dir: string): string[] => rotated.filter((name) => !name.endsWith('.gz')).map((name) => path.join(dir, name)).sort();

  it('sed -i on a rotated file: edited, exit 1', () => {
    const dir = copyOf(tmux);
    // The first rotated file of some size (the first may hold a few lines), a line in its middle.
    const victim = plainRotated(dir).find((file) => fs.readFileSync(file, 'utf8').split('\n').length > 50)!;
    const middle = Math.floor(fs.readFileSync(victim, 'utf8').split('\n').length / 2);
    execFileSync('sed', ['-i', `${middle}s/$/ (edited)/`, victim]);
    const { status, stdout } = verify(dir);
    assert.equal(status, 1, stdout);
    assert.ok(kinds(stdout).includes('edited'), stdout);
    const stretch = /^(\S+):\d+(?: to (\S+):\d+)?: edited/m.exec(stdout)!;
    assert.ok(stretch[1]! <= victim && victim <= (stretch[2] ?? stretch[1]!), `the stretch named holds ${victim}: ${stdout}`);
  });

  it('sed -i deleting the toggled pane\'s last printed line: deleted', () => {
    const dir = copyOf(tmux);
    // The toggled pane's last printed line: its recording is sealed to the end (the killed one's tail is not).
    // It is in the live file, or (when the other pane printed on for a rotation or more) in the newest plain
    // rotated file that has one.
    const printed = (line: string): boolean => line.includes(` main:0.${sealedPane} | `);
    const file = [path.join(dir, path.basename(live)), ...plainRotated(dir).reverse()].find((candidate) => fs.readFileSync(candidate, 'utf8').split('\n').some(printed));
    assert.ok(file, 'a plain file holds a printed line of the toggled pane');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const last = lines.length - [...lines].reverse().findIndex(printed);
    execFileSync('sed', ['-i', `${last}d`, file]);
    const { status, stdout } = verify(dir);
    assert.equal(status, 1, stdout);
    // A rotated file whose digest a rotating writer's chain holds (a digest event naming it) is also found cut: the
    // other pane's lines, or a digest event, rotated the file after the toggled pane's last line (a layout the load
    // decides). One whose file was rotated by the stop's own write has its digest in the ledger alone (not copied).
    const digested = logFilesInOrder(path.join(dir, path.basename(live))).some((other) => readIfThere(other).split('\n').some((line) => line.includes(' * digest rec=') && line.includes(` file=${path.basename(file)} `)));
    assert.deepEqual([...new Set(kinds(stdout))].sort(), digested ? ['deleted', 'truncated'] : ['deleted'], stdout);
    if (digested) assert.match(stdout, new RegExp(`^${escapeRegExp(file)}:1: truncated: the file holds \\d+ byte\\(s\\), and its rotating writer's chain holds .*: cut by hand$`, 'm'));
  });

  it('head -c: the live file cut short is truncated', () => {
    const dir = copyOf(tmux);
    const file = path.join(dir, path.basename(live));
    const cut = execFileSync('head', ['-c', String(fs.statSync(file).size - 300), file]);
    fs.writeFileSync(file, cut);
    const { status, stdout } = verify(dir);
    assert.equal(status, 1, stdout);
    assert.ok(kinds(stdout).includes('truncated'), stdout);
  });

  it('rm of a rotated file in the middle: missing file', () => {
    const dir = copyOf(tmux);
    const files = logFilesInOrder(path.join(dir, path.basename(live)));
    const all = fs.readdirSync(dir).filter((name) => name.startsWith(`${path.basename(live)}.`)).sort();
    fs.rmSync(path.join(dir, all[Math.floor(all.length / 2)]!));
    const { status, stdout } = verify(dir);
    assert.equal(status, 1, stdout);
    assert.ok(kinds(stdout).includes('missing file'), `${files.length} files: ${stdout}`);
  });

  /**
   * Two neighbouring rotated files near the middle swapped by name (mv), and what verify says of the
   * copy. Two that hold lines of one pane: files that hold no recording in common can be swapped
   * unseen by the seals (each recording's lines stay in order; README, "What it proves": only their
   * digests name it), which a flood in bursts can make of two neighbours. `then`: what else is done to them, as now named.
   */
  function swapped(then?: (a: string, b: string) => void): { status: number | null; stdout: string } {
    const dir = copyOf(tmux);
    const all = rotated.map((name) => path.join(dir, name)).sort();
    const places = (file: string) => new Set([...fs.readFileSync(file, 'utf8').matchAll(/ (main:\d+\.\d+) \| /g)].map((match) => match[1]!));
    const shares = (i: number) => [...places(all[i]!)].some((place) => places(all[i + 1]!).has(place));
    const middle = Math.floor(all.length / 2);
    const at = [...all.keys()].filter((i) => i + 1 < all.length && shares(i)).sort((x, y) => Math.abs(x - middle) - Math.abs(y - middle))[0]!;
    const [a, b] = [all[at], all[at + 1]];
    fs.renameSync(a!, `${a}.swap`);
    fs.renameSync(b!, a!);
    fs.renameSync(`${a}.swap`, b!);
    then?.(a!, b!);
    return verify(dir);
  }

  it('mv swapping two rotated files: caught', () => {
    const { status, stdout } = swapped();
    assert.equal(status, 1, stdout);
    assert.ok(/TAMPERED/.test(stdout), stdout);
  });

  // A seal's stretch spans a dozen files or more here, and where the swap shows depends on where the
  // seals fall (test/unit/chain.test.ts tries every swap in generated layouts): verify finds the swap
  // that makes the log whole again.
  it('mv swapping two rotated files: named reordered', () => {
    const { stdout } = swapped();
    assert.deepEqual(kinds(stdout), ['reordered'], stdout);
  });

  // Each digest is the bytes of one rotated file: b holds a's bytes no longer whole, and its own are in a.
  it('mv swapping two rotated files, then sed -i on one of them: that one named edited', () => {
    let victim = '';
    const { status, stdout } = swapped((_a, b) => {
      victim = b;
      const middle = Math.floor(fs.readFileSync(b, 'utf8').split('\n').length / 2);
      execFileSync('sed', ['-i', `${middle}s/$/ (edited)/`, b]);
    });
    assert.equal(status, 1, stdout);
    // Named at either end of the stretch: a line past the file's digest (another pane's reader appends to a rotated
    // file until it sees the rotation) is found by the chain alone, whose stretch may begin in the file before.
    const named = [...stdout.matchAll(/^(\S+?):\d+(?:-\d+| to (\S+):\d+)?: edited\b/gm)].flatMap((match) => [match[1], match[2]]);
    assert.ok(named.includes(victim), `${victim} named edited: ${stdout}`);
  });

  it('a line and an event appended by another process: inserted, forged event', () => {
    const dir = copyOf(tmux);
    const file = path.join(dir, path.basename(live));
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const last = lines.at(-1)!;
    const stamp = last.slice(0, last.indexOf(' * '));
    const rec = / rec=(\S+)/.exec([...lines].reverse().find((line) => line.includes(' * stop rec=') && line.includes('reason=toggle'))!)![1]!;
    execFileSync('sh', ['-c', `echo "${stamp} | rm -rf / # forged" >> "$1"; echo "${stamp} * stop rec=${rec} reason=toggle by=root" >> "$1"`, 'sh', file]);
    const { status, stdout } = verify(dir);
    assert.equal(status, 1, stdout);
    assert.deepEqual(kinds(stdout), ['inserted', 'forged event'], stdout);
  });

  it('a directory that cannot be read: exit 2', () => {
    const { status } = verify(path.join(tmux.dir, 'no-such-dir'));
    assert.equal(status, 2);
  });
});

describe('verify with a chain key (@audit-chain-key)', () => {
  it('OK with the key; without it the recording needs the key; a wrong key does not pass; --require-key', async () => {
    const key = keyFile();
    const tmux = server({ config: [`set -g @audit-chain-key '${key}'`] });
    await tmux.startLogging();
    await tmux.run('seq 1 50');
    tmux.toggle();
    await waitFor('the reader to exit', () => tmux.readerPids().every((pid) => !alive(pid)));
    assert.match(tmux.readLog(), / \* start rec=\S+ .*\bchain=hmac\b/);
    assert.equal(verify(tmux.logDir, '--key', key).status, 0);
    assert.equal(verify(tmux.logDir, '--key', key, '--require-key').status, 0);
    const without = verify(tmux.logDir);
    assert.equal(without.status, 0, without.stdout);
    assert.match(without.stdout, /^OK .*1 recording\(s\) need the key/m);
    const wrong = path.join(path.dirname(key), 'wrong.key');
    fs.writeFileSync(wrong, 'not the key', { mode: 0o600 });
    const wrongKey = verify(tmux.logDir, '--key', wrong);
    assert.equal(wrongKey.status, 1);
    // Said once, first; what the key shows (every seal failing) after it, marked as such.
    assert.equal(kinds(wrongKey.stdout)[0], 'wrong key', wrongKey.stdout);
    assert.equal(kinds(wrongKey.stdout).filter((kind) => kind === 'wrong key').length, 1, wrongKey.stdout);
    assert.match(wrongKey.stdout, /if the key is the log's after all: /);
    assert.equal(verify(tmux.logDir, '--key', path.join(path.dirname(key), 'missing')).status, 2);
    assert.equal(verify(tmux.logDir, '--require-key').status, 2);
  });
});

describe('verify on a JSON Lines log (@audit-format json)', () => {
  it('clean with rotations, a reader killed and a switch to text: OK; sed -i on a JSON line: edited, named', async () => {
    const tmux = server({ config: ['set -g @audit-format json', 'set -g @audit-max-size 8K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    const file = tmux.logFile();
    const panes = tmux.panes(2, 'tiled');
    for (const pane of panes) tmux.toggle(pane);
    for (const pane of panes) tmux.type(`seq -f 'json-%05g' 1 1500; echo json-done`, pane);
    await waitFor('both panes\' output in the log', () => readAllLogs(file).split('"kind":"line","text":"json-done"').length === 3, 60_000);
    const pids = tmux.readerPids();
    const stopped = tmux.show('#{@audit_on}', panes[1]);
    tmux.toggle(panes[1]);
    await waitFor('the toggle\'s JSON stop', () => readAllLogs(file).includes(`"rec":"${stopped}","seq":`) && new RegExp(`"rec":"${stopped}"(,"seq":\\d+)?,"kind":"event","text":"stop"`).test(readAllLogs(file)));
    await waitFor('one reader left', () => pids.filter((pid) => alive(pid)).length === 1);
    process.kill(pids.find((pid) => alive(pid))!, 'SIGKILL');
    await waitFor('the reader-died stop', () => readAllLogs(file).includes('"reason":"reader-died"'));
    await waitFor('both readers to exit', () => pids.every((pid) => !alive(pid)));
    // The format is per recording: the next one, in the same files, is text.
    tmux.tmux('set', '-g', '@audit-format', 'text');
    tmux.toggle(panes[0]);
    await tmux.run('echo text-after-json', panes[0]);
    tmux.toggle(panes[0]);
    await waitFor('the text recording\'s stop', () => / \* stop rec=\S+ reason=toggle/.test(readAllLogs(file)));
    await waitFor('the readers to exit', () => tmux.readerPids().every((pid) => !alive(pid)));
    assert.ok(logFilesInOrder(file).length > 5, 'it rotated');
    const clean = verify(tmux.logDir);
    assert.equal(clean.status, 0, clean.stdout);
    assert.match(clean.stdout, /^OK main@\S+: \d+ file\(s\), \d+ lines, 3 recording\(s\), \d+ seal\(s\) \(1 ended by a dead reader; .*1 event\(s\) from other processes\)$/m);

    const dir = copyOf(tmux);
    const files = logFilesInOrder(path.join(dir, path.basename(file)));
    const victim = files.find((part) => fs.readFileSync(part, 'utf8').includes('"text":"json-00700"'))!;
    const line = fs.readFileSync(victim, 'utf8').split('\n').findIndex((text) => text.includes('"text":"json-00700"')) + 1;
    execFileSync('sed', ['-i', `${line}s/"text":"json-00700"/"text":"json-00701"/`, victim]);
    const tampered = verify(dir);
    assert.equal(tampered.status, 1, tampered.stdout);
    // The stretch of the seal over the line; and, the victim being a rotated file, its digest taken at its rotation
    // (in its rotating writer's chain, or the ledger's) names the file itself: nothing else.
    const ofFile = new RegExp(`^${victim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: edited: the file's first \\d+ byte\\(s\\) do not match the digest `, 'm');
    assert.deepEqual(kinds(tampered.stdout), ofFile.test(tampered.stdout) ? ['edited', 'edited'] : ['edited'], tampered.stdout);
    const stretch = /^(\S+):(\d+)(?:-(\d+)| to (\S+):\d+)?: edited \(rec /m.exec(tampered.stdout)!;
    assert.ok(stretch[1]! <= victim && victim <= (stretch[4] ?? stretch[1]!), `the stretch named holds ${victim}:${line}: ${tampered.stdout}`);
  });
});
