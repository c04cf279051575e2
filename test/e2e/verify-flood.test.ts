// `verify` run again and again while a pane floods its log with fast rotation, compression and pruning (issue 13:
// "clean logs never give a false alarm"; review of trust13e: on main and integ, verify listed a log's files and then
// read them while the writer renamed the live file, replaced rotated ones with `.gz` and removed the oldest: exit 2
// (ENOENT on a file pruned or compressed under it) and exit 1 ("missing file" for the file rotated out of the live
// name, "inserted" lines, a live file read torn) in about a third of the runs). Every run must say OK.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
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

describe('verify while a pane floods its log (rotating, compressing, pruning)', () => {
  it('plain: every run OK, exit 0', async () => {
    await verifyDuringFlood(false, 15);
  });
  it('keyed: every run OK, exit 0', async () => {
    await verifyDuringFlood(true, 12);
  });
});
