// The oldest rotated file of a log emptied with `: >` (issue 13, empty13): it has no head mark (the log's first file)
// and no later mark names its digest, so emptied, its recordings only looked started before it, as after pruning,
// and verify said OK. Each rotation notes in the rotated-files ledger what the file held when renamed
// (`rotated <name> size=<bytes>`), and a rotated file is only appended to, compressed whole or pruned: verify names one
// holding less `truncated`. Under a real tmux: a flooded log rotated into a few files, its recording ended, then
// tampered with in place (the ledger's tags bind the log's path) and put back.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { rotatedFiles } from '../../src/core/rotate.ts';
import { alive } from '../support/process.ts';
import { ageRotated } from '../support/rotated-age.ts';
import { serversForThisFile, type TmuxServer } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-verify-emptied-rotated');

/** The log's rotated files now, oldest first, with their directory. */
function rotated(log: string): string[] {
  return rotatedFiles(fs.readdirSync(path.dirname(log)), path.basename(log)).map((name) => path.join(path.dirname(log), name));
}

/** A server whose pane floods its log (8K files, none pruned) until `ready`, then its recording ended and its reader gone. */
async function floodedAndEnded(keyed: boolean, gz: boolean): Promise<{ tmux: TmuxServer; log: string; keyArgs: string[] }> {
  const key = keyed ? keyFile() : undefined;
  const tmux = server({ config: ['set -g @audit-max-size 8K', 'set -g @audit-max-files 1000', `set -g @audit-compress ${gz ? 'on' : 'off'}`, ...(key ? [`set -g @audit-chain-key '${key}'`] : [])] });
  await tmux.startLogging();
  const log = tmux.logFile();
  tmux.type('while :; do seq -f "x-%06g" 1 100; sleep 0.1; done');
  await waitFor(gz ? 'the oldest rotated file compressed' : 'three rotated files', () => {
    // Compressed at a rotation once quiet for a minute: backdated instead of waiting.
    if (gz) ageRotated(log);
    const files = rotated(log);
    return files.length >= 3 && (!gz || files[0]!.endsWith('.gz'));
  }, 60_000);
  tmux.tmux('send-keys', '-t', '%0', 'C-c');
  const pids = tmux.readerPids();
  tmux.toggle();
  await waitFor('the reader to exit', () => pids.every((pid) => !alive(pid)));
  return { tmux, log, keyArgs: key ? ['--key', key] : [] };
}

describe('the oldest rotated file emptied', () => {
  for (const keyed of [false, true]) {
    it(`${keyed ? 'keyed' : 'plain'}: honest OK; emptied with : >, truncated naming it (emptied), exit 1; put back, OK`, async () => {
      const { tmux, log, keyArgs } = await floodedAndEnded(keyed, false);
      try {
        const honest = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(honest.status, 0, honest.stdout);
        const oldest = rotated(log)[0]!;
        const kept = fs.readFileSync(oldest);
        execFileSync('sh', ['-c', ': > "$1"', 'sh', oldest]);
        const emptied = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(emptied.status, 1, emptied.stdout);
        assert.match(emptied.stdout, new RegExp(`^${oldest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: truncated: the file holds 0 byte\\(s\\), and the rotated-files ledger .* emptied by hand`, 'm'));
        assert.match(emptied.stdout, /^TAMPERED main@/m);
        fs.writeFileSync(oldest, kept);
        const back = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(back.status, 0, back.stdout);
      } finally {
        await tmux.stop();
      }
    });
  }

  it('compressed: the oldest .gz replaced by a .gz of nothing, truncated (emptied), exit 1', async () => {
    const { tmux, log, keyArgs } = await floodedAndEnded(true, true);
    try {
      const honest = verifyDir(tmux.logDir, ...keyArgs);
      assert.equal(honest.status, 0, honest.stdout);
      const oldest = rotated(log)[0]!;
      fs.writeFileSync(oldest, gzipSync(Buffer.alloc(0)));
      const emptied = verifyDir(tmux.logDir, ...keyArgs);
      assert.equal(emptied.status, 1, emptied.stdout);
      assert.match(emptied.stdout, new RegExp(`${path.basename(oldest).replace(/\./g, '\\.')}:1: truncated: the file holds 0 byte\\(s\\) gunzipped, .* emptied by hand`));
    } finally {
      await tmux.stop();
    }
  });
});

/** The ledger's digest line for the rotated file `file` of `log` (written in the background after its rotation), if any yet. */
function digestLine(log: string, file: string): string | undefined {
  const name = path.basename(file).slice(path.basename(log).length + 1).replace(/\.gz$/, '');
  const ledger = path.join(path.dirname(log), `.${path.basename(log)}.rotated`);
  return fs.readFileSync(ledger, 'utf8').split('\n').find((line) => line.startsWith('rotated sha256=') && line.includes(` ${name} size=`));
}

/** Exactly `size` bytes of whole made-up lines in the log's own stamp (the first line's), the last one padded to fit. */
function madeUp(first: string, size: number): Buffer {
  const prefix = `${first.slice(0, first.indexOf(' * '))} | `;
  let text = '';
  for (let i = 0; size - Buffer.byteLength(text) > 2 * (prefix.length + 40); i++) text += `${prefix}nothing to see here ${i}\n`;
  return Buffer.from(`${text}${prefix}${'.'.repeat(size - Buffer.byteLength(text) - prefix.length - 1)}\n`);
}

// The size alone is no content (review of empty13): the oldest file emptied and refilled with as many bytes of
// made-up lines passed, keyed or not (no head mark names the log's first file). Each rotation's writer hashes the
// file's first bytes as renamed, in the background, and notes the digest in the ledger: verify names the rewrite.
describe('the oldest rotated file emptied and refilled to its noted size', () => {
  for (const [keyed, gz] of [[false, false], [true, true]] as const) {
    it(`${keyed ? 'keyed' : 'plain'}${gz ? ', compressed' : ''}: honest OK; refilled with made-up lines of its size, edited naming it, exit 1; put back, OK`, async () => {
      const { tmux, log, keyArgs } = await floodedAndEnded(keyed, gz);
      try {
        const oldest = rotated(log)[0]!;
        await waitFor("the oldest file's digest noted", () => digestLine(log, oldest) !== undefined);
        const honest = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(honest.status, 0, honest.stdout);
        const kept = fs.readFileSync(oldest);
        const text = gz ? gunzipSync(kept) : kept;
        const forged = madeUp(text.toString('utf8').split('\n')[0]!, text.length);
        assert.equal(forged.length, text.length);
        execFileSync('sh', ['-c', ': > "$1"', 'sh', oldest]);
        fs.writeFileSync(oldest, gz ? gzipSync(forged) : forged);
        const refilled = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(refilled.status, 1, refilled.stdout);
        assert.match(refilled.stdout, new RegExp(`^${oldest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: edited: the file's first \\d+ byte\\(s\\)${gz ? ' gunzipped' : ''} do not match the digest .* rewritten by hand`, 'm'));
        assert.match(refilled.stdout, /^TAMPERED main@/m);
        fs.writeFileSync(oldest, kept);
        const back = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(back.status, 0, back.stdout);
      } finally {
        await tmux.stop();
      }
    });
  }
});

/** The log's `digest` events naming the rotated file `file` (its name without `.gz`), in every file of the log, as `[file, line number]`. */
function digestEvents(log: string, file: string): [string, number][] {
  const name = path.basename(file).replace(/\.gz$/, '');
  const found: [string, number][] = [];
  for (const each of [...rotated(log), log]) {
    const text = each.endsWith('.gz') ? gunzipSync(fs.readFileSync(each)).toString('utf8') : fs.readFileSync(each, 'utf8');
    text.split('\n').forEach((line, at) => {
      if (line.includes(' * digest rec=') && line.includes(` file=${name} `)) found.push([each, at + 1]);
    });
  }
  return found;
}

// The ledger is a file beside the log, which its owner can edit: with the digest line (and the size line) of the oldest
// file removed, or the whole ledger, a file emptied and refilled to its noted size passed `verify --key` (review of
// first13b). The rotating writer's recording now puts the digest in its chain (chain/digest-event.ts): verify checks
// the file against it, and the event removed in turn is a break in that chain.
describe('the oldest rotated file refilled to its size, its ledger digest gone', () => {
  for (const [keyed, gz, whole] of [[true, false, false], [true, true, true], [false, false, true]] as const) {
    it(`${keyed ? 'keyed' : 'plain'}${gz ? ', compressed' : ''}, ${whole ? 'the whole ledger removed' : "its digest and size lines removed"}: edited naming it by the chained digest, exit 1; the digest event removed too: a break in its chain`, async () => {
      const { tmux, log, keyArgs } = await floodedAndEnded(keyed, gz);
      try {
        const oldest = rotated(log)[0]!;
        await waitFor("the oldest file's digest noted", () => digestLine(log, oldest) !== undefined);
        const events = digestEvents(log, oldest);
        assert.equal(events.length, 1, `one digest event names ${oldest}`);
        const honest = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(honest.status, 0, honest.stdout);
        const kept = fs.readFileSync(oldest);
        const text = gz ? gunzipSync(kept) : kept;
        const forged = madeUp(text.toString('utf8').split('\n')[0]!, text.length);
        fs.writeFileSync(oldest, gz ? gzipSync(forged) : forged);
        const ledger = path.join(path.dirname(log), `.${path.basename(log)}.rotated`);
        const name = path.basename(oldest).slice(path.basename(log).length + 1).replace(/\.gz$/, '');
        if (whole) fs.rmSync(ledger);
        else fs.writeFileSync(ledger, fs.readFileSync(ledger, 'utf8').split('\n').filter((line) => !line.includes(` ${name} `)).join('\n'));
        const refilled = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(refilled.status, 1, refilled.stdout);
        assert.match(refilled.stdout, new RegExp(`^${oldest.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1: edited: the file's first \\d+ byte\\(s\\)${gz ? ' gunzipped' : ''} do not match the digest \\(SHA-256\\) its rotating writer's chain holds`, 'm'));
        // Then the event that holds the digest: its seal no longer holds.
        const [file, line] = events[0]!;
        const zipped = file.endsWith('.gz');
        const lines = (zipped ? gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file)).toString('utf8').split('\n');
        lines.splice(line - 1, 1);
        fs.writeFileSync(file, zipped ? gzipSync(lines.join('\n')) : lines.join('\n'));
        const removed = verifyDir(tmux.logDir, ...keyArgs);
        assert.equal(removed.status, 1, removed.stdout);
        assert.match(removed.stdout, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+(?:-\\d+)?: (?:deleted|edited|missing file) `, 'm'));
      } finally {
        await tmux.stop();
      }
    });
  }
});
