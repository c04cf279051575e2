// A rotated file in the middle of a log's set removed by hand (`rm`) while a pane floods the log with fast
// rotation (issue 13, found testing verify13g): the chain names the gap `missing file` only while the files
// on both sides of it are left; once retention has pruned the removed file's older neighbours, the gap is
// the log's start, which verify must take for pruning. The file held lines an honest log would still hold,
// and the rotated-files ledger says so: it names each rotated file and each one retention pruned
// (src/sinks/file/rotated-ledger.ts), so verify names a rotated file gone without having been pruned.
// Every run must say so; and honest floods with pruning must verify OK every time.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { ageRotated } from '../support/rotated-age.ts';
import { takeRotationLock } from '../support/rotation-lock.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-removed-rotated');

const RUNS = 5;

interface Flood {
  keyed: boolean;
  /** The file removed is a compressed one (`.gz`). */
  gz: boolean;
}

/** The log's rotated files now, oldest first (plain or compressed). */
function rotated(log: string): string[] {
  return rotatedFiles(fs.readdirSync(path.dirname(log)), path.basename(log));
}

/** The rotated file's name without `.gz`: what it was rotated as. */
function base(name: string): string {
  return name.replace(/\.gz$/, '');
}

/** A server whose pane floods its log (16K files, 4 kept), until four rotated files are there; `--key` for verify if keyed. */
async function flooding({ keyed, gz }: Flood, command: string): Promise<{ tmux: TmuxServer; log: string; keyArgs: string[] }> {
  const key = keyed ? keyFile() : undefined;
  const tmux = server({ config: ['set -g @audit-max-size 16K', 'set -g @audit-max-files 4', `set -g @audit-compress ${gz ? 'on' : 'off'}`, ...(key ? [`set -g @audit-chain-key '${key}'`] : [])] });
  await tmux.startLogging();
  const log = tmux.logFile();
  tmux.type(command);
  await waitFor('four rotated files', () => rotated(log).length >= 4, 60_000);
  return { tmux, log, keyArgs: key ? ['--key', key] : [] };
}

/**
 * One server flooding its log (16K files, 4 kept); a middle rotated file removed, then verify once retention
 * has pruned every file older than it. Returns what verify said, and the name removed.
 */
async function removeMiddle(flood: Flood): Promise<{ status: number; stdout: string; removed: string }> {
  const { tmux, log, keyArgs } = await flooding(flood, 'while :; do seq -f "x-%06g" 1 100; sleep 0.1; done');
  try {
    // Chosen and removed under the log's rotation lock, which retention prunes and compression commits under
    // (rotation.ts, compress.ts): the flood rotates a file every fraction of a second, and a test held up between
    // its look and its `rm` for two rotations (a loaded machine) found its middle file pruned already.
    const victim = await waitFor('a middle file to remove, under the rotation lock', () => {
      // Compressed at a rotation once quiet for a minute: backdated instead of waiting (outside the lock, which
      // that rotation takes).
      if (flood.gz) ageRotated(log);
      const release = takeRotationLock(log);
      if (!release) return undefined;
      try {
        const files = rotated(log);
        const middle = flood.gz ? (files.length >= 3 && files[1]!.endsWith('.gz') ? files[1] : undefined) : files[1];
        if (middle !== undefined) fs.rmSync(path.join(tmux.logDir, middle));
        return middle;
      } finally {
        release();
      }
    }, 60_000);
    // Retention goes on: every file left older than the removed one pruned, the gap now the log's start.
    await waitFor('the older neighbours pruned', () => {
      const files = rotated(log).map(base);
      return files.length >= 2 && files.every((name) => name > base(victim));
    }, 60_000);
    tmux.tmux('send-keys', '-t', '%0', 'C-c');
    return { ...verifyDir(tmux.logDir, ...keyArgs), removed: victim };
  } finally {
    await tmux.stop();
  }
}

async function honestFlood(flood: Flood, runs: number): Promise<void> {
  const { gz } = flood;
  const { tmux, log, keyArgs } = await flooding(flood, 'while :; do seq -f "x-%06g" 1 200; sleep 0.05; done');
  try {
    const pruned = new Set<string>();
    const seen = new Set(rotated(log).map(base));
    const alarms: string[] = [];
    let compressed = 0;
    for (let run = 0; run < runs; run++) {
      // Each run with a compressed file in the set (compressed at a rotation once quiet for a minute: backdated).
      if (gz) {
        await waitFor('a compressed file', () => {
          ageRotated(log);
          return rotated(log).some((name) => name.endsWith('.gz'));
        }, 60_000);
        compressed++;
      }
      const result = verifyDir(tmux.logDir, ...keyArgs);
      if (result.status !== 0) alarms.push(`run ${run}: exit ${result.status}\n${result.stdout}`);
      const now = new Set(rotated(log).map(base));
      for (const name of seen) if (!now.has(name)) pruned.add(name);
      for (const name of now) seen.add(name);
    }
    tmux.tmux('send-keys', '-t', '%0', 'C-c');
    // The runs were made while retention pruned, and (compressing) with compressed files in the set.
    assert.ok(pruned.size >= 3, `only ${pruned.size} file(s) pruned during ${runs} verify runs`);
    assert.equal(compressed, gz ? runs : 0);
    assert.deepEqual(alarms, []);
  } finally {
    await tmux.stop();
  }
}

const FLOODS: Flood[] = [
  { keyed: false, gz: false },
  { keyed: true, gz: false },
  { keyed: false, gz: true },
  { keyed: true, gz: true },
];

describe('a middle rotated file removed by hand during a flood, its older neighbours then pruned', () => {
  for (const flood of FLOODS) {
    it(`${flood.keyed ? 'keyed' : 'plain'}, ${flood.gz ? '.gz' : 'uncompressed'} file removed: missing file naming it, exit 1, in each of ${RUNS} runs`, async () => {
      const missed: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        const { status, stdout, removed } = await removeMiddle(flood);
        const named = stdout.split('\n').some((line) => line.includes(`missing file`) && line.includes(base(removed)));
        if (status !== 1 || !named) missed.push(`run ${run}: removed ${removed}, exit ${status}\n${stdout}`);
      }
      assert.deepEqual(missed, []);
    });
  }
});

describe('honest floods with pruning verify OK every time', () => {
  for (const flood of FLOODS) {
    it(`${flood.keyed ? 'keyed' : 'plain'}, compression ${flood.gz ? 'on' : 'off'}: every run OK`, async () => {
      await honestFlood(flood, 12);
    });
  }
});
