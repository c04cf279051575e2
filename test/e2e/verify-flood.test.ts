// `verify` run again and again while a pane floods its log with fast rotation, compression and pruning (issue 13:
// "clean logs never give a false alarm"; review of trust13e: on main and integ, verify listed a log's files and then
// read them while the writer renamed the live file, replaced rotated ones with `.gz` and removed the oldest: exit 2
// (ENOENT on a file pruned or compressed under it) and exit 1 ("missing file" for the file rotated out of the live
// name, "inserted" lines, a live file read torn) in about a third of the runs). Every run must say OK. Also when the
// log flooded is the second of its directory (read while the first is verified: the directory's listing grows old)
// and verify's clock is not the file system's (review of verify13g: a live file's birth time taken against verify's
// clock gave "missing file" in 5 of 12 runs with the clocks 2 s apart).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import path from 'node:path';
import { cliResult, outsideTmux } from '../support/cli.ts';
import { ROOT } from '../support/paths.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-flood');

/** The log's rotated files now (plain or compressed). */
function rotated(dir: string): string[] {
  return fs.readdirSync(dir).filter((name) => /\.log\.\d{8}T\d{6}\.\d{3}Z/.test(name));
}

async function verifyDuringFlood(keyed: boolean, runs: number): Promise<void> {
  const key = keyed ? keyFile() : undefined;
  const tmux = server({ config: ['set -g @audit-max-size 16K', 'set -g @audit-max-files 4', 'set -g @audit-compress on', ...(key ? [`set -g @audit-chain-key '${key}'`] : [])] });
  await tmux.startLogging();
  tmux.type('while :; do seq -f "x-%06g" 1 200; sleep 0.02; done');
  // Pruning under way: as many rotated files as are kept, the flood going on.
  await waitFor('four rotated files', () => rotated(tmux.logDir).length >= 4, 30_000);
  const seen = new Set(rotated(tmux.logDir));
  const before = seen.size;
  const alarms: string[] = [];
  for (let run = 0; run < runs; run++) {
    const result = verifyDir(tmux.logDir, ...(key ? ['--key', key] : []));
    if (result.status !== 0) alarms.push(`run ${run}: exit ${result.status}\n${result.stdout}`);
    for (const name of rotated(tmux.logDir)) seen.add(name);
  }
  tmux.tmux('send-keys', '-t', '%0', 'C-c');
  // The runs were made while the log was being rotated, not after the flood stopped.
  assert.ok(seen.size - before >= 3, `only ${seen.size - before} rotation(s) during ${runs} verify runs`);
  assert.deepEqual(alarms, []);
}

/** Verify runs over a directory of two logs: `aaa`, a large one still, and `main`, flooding at 16K with nothing removed. */
async function verifySecondOfTwo(runs: number, clockAheadMs: number): Promise<void> {
  const tmux = server({ config: ['set -g @audit-max-size 100M', 'set -g @audit-max-files all'] });
  tmux.tmux('new-session', '-d', '-s', 'aaa', '-x', '120', '-y', '30');
  const big = tmux.show('#{pane_id}', 'aaa');
  // A reader keeps the options it started with: aaa's log is one file, main's rotates at 16K.
  await tmux.startLogging(big);
  tmux.tmux('set', '-g', '@audit-max-size', '16K');
  await tmux.startLogging('%0');
  tmux.type('seq -f "aaa-%07g some output that makes the line longer" 1 100000; echo aaa-finished', big);
  await waitFor('aaa to finish', () => tmux.screen(big).split('\n').includes('aaa-finished'), 60_000);
  await tmux.waitForPrinted('aaa-finished', { session: 'aaa', timeoutMs: 30_000 });
  tmux.type('while :; do seq -f "x-%06g" 1 200; sleep 0.02; done');
  await waitFor('four rotated files', () => rotated(tmux.logDir).length >= 4, 30_000);
  const before = rotated(tmux.logDir).length;
  const env = outsideTmux({ NODE_OPTIONS: `--require ${path.join(ROOT, 'test', 'support', 'clock-ahead.cjs')}`, CLOCK_AHEAD_MS: String(clockAheadMs) });
  const alarms: string[] = [];
  for (let run = 0; run < runs; run++) {
    const result = cliResult(['verify', '--dir', tmux.logDir], env);
    if (result.status !== 0) alarms.push(`run ${run}: exit ${result.status}\n${result.stdout}${result.stderr}`);
  }
  tmux.tmux('send-keys', '-t', '%0', 'C-c');
  assert.ok(rotated(tmux.logDir).length - before >= 3, `only ${rotated(tmux.logDir).length - before} rotation(s) during ${runs} verify runs`);
  assert.deepEqual(alarms, []);
}

describe('verify while a pane floods its log (rotating, compressing, pruning)', () => {
  it('plain: every run OK, exit 0', async () => {
    await verifyDuringFlood(false, 15);
  });
  it('keyed: every run OK, exit 0', async () => {
    await verifyDuringFlood(true, 12);
  });
  it("the second log of a directory, verify's clock 2 s ahead of the file system's: every run OK, exit 0", async () => {
    await verifySecondOfTwo(12, 2000);
  });
});
