// A fault of verify's own (an exception in the verifier, not a finding in the log) is no verdict: verify says the
// result is unknown and exits 2, never 1 (tampered), which a script checking the status would take for tampering.
// A real verifier in a real process, made to throw as it takes the fifth line.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-verify-fault-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('verify and a fault of its own', () => {
  it('exit 2 with "the result is unknown", not 1', () => {
    const log = path.join(dir, 'main.log');
    fs.writeFileSync(log, Array.from({ length: 8 }, (_, i) => `2026-11-26T12:00:0${i}.000+00:00 ann main:0.0 | line ${i}\n`).join(''));
    const script = path.join(dir, 'fault.mts');
    fs.writeFileSync(
      script,
      [
        `import { ChainVerifier } from ${JSON.stringify(path.join(root, 'src/chain/verify.ts'))};`,
        `import { runCli } from ${JSON.stringify(path.join(root, 'src/cli.ts'))};`,
        'const push = ChainVerifier.prototype.push;',
        'let taken = 0;',
        "ChainVerifier.prototype.push = function (line) { if (++taken === 5) throw new RangeError('a fault in the verifier'); return push.call(this, line); };",
        `runCli(['node', 'audit', 'verify', ${JSON.stringify(log)}]);`,
      ].join('\n'),
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', env: { ...process.env, TMUX: '' } });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /could not verify main, the result is unknown \(a fault in verify, not a finding in the log\): RangeError: a fault in the verifier/);
  });
});
