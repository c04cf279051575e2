// Nudging a reader: only a process that catches SIGUSR2 is sent it (a reader of an
// older bundle, or a reused pid, would be killed by its default action).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { catches, nudgeReader } from '../../src/runtime/nudge.ts';
import { waitFor } from '../support/util.ts';

describe('nudging a reader', () => {
  it('a process with a SIGUSR2 handler gets the signal', async () => {
    const child = spawn(process.execPath, ['-e', "process.on('SIGUSR2', () => { console.log('nudged'); process.exit(0); }); console.log('ready'); setInterval(() => {}, 1000);"], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    await waitFor('the child to be ready', () => out.includes('ready'));
    assert.ok(catches(child.pid!, 12));
    const exited = once(child, 'exit');
    nudgeReader(child.pid!);
    await exited;
    assert.ok(out.includes('nudged'));
  });

  it('a process without one is left alone, not killed', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = once(child, 'exit');
    assert.equal(catches(child.pid!, 12), false);
    nudgeReader(child.pid!);
    // Had SIGUSR2 been sent, it (12) would be what ends it: pending signals are taken lowest first, SIGTERM is 15.
    child.kill('SIGTERM');
    const [, signal] = await exited;
    assert.equal(signal, 'SIGTERM');
    assert.equal(catches(2 ** 22 + 12345, 12), false, 'no such process');
  });
});
