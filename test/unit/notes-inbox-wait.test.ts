// A hook's helper telling a reader that has just started (commands/notes.ts noteToReader): the reader is alive
// (its pid file written, its command line naming the run file) before it has opened its inbox. The helper gives
// it a moment (up to 2 s, once per helper) instead of dropping the note; a reader that never opens one gets none.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { noteToReader } from '../../src/commands/notes.ts';
import { pidFilePath } from '../../src/core/paths.ts';
import { type Recording, writeRecording } from '../../src/runtime/runfile.ts';
import { makeTempDir, waitFor } from '../support/util.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A stand-in reader: a process whose command line ends with `pipe <run file>`, as a reader's does; it writes its
 * pid file at once and, after `inboxAfterMs` (never, if negative), opens its inbox and prints the notes it is given.
 */
function standInReader(runFile: string, inboxAfterMs: number): { child: ReturnType<typeof spawn>; output: () => string } {
  const script = `
    import { writeReaderPid } from ${JSON.stringify(path.join(root, 'src/runtime/runfile.ts'))};
    import { openInbox, takeNotes } from ${JSON.stringify(path.join(root, 'src/runtime/notes.ts'))};
    const runFile = process.argv.at(-1);
    process.on('SIGUSR2', () => console.log(JSON.stringify(takeNotes(runFile, 'recA'))));
    writeReaderPid(runFile);
    if (${inboxAfterMs} >= 0) setTimeout(() => openInbox(runFile, 'recA'), ${inboxAfterMs});
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, 'pipe', runFile], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  child.stdout!.on('data', (data: Buffer) => (text += data.toString()));
  return { child, output: () => text };
}

function runFileWithRecording(): string {
  const dir = makeTempDir('tmux-audit-inbox');
  dirs.push(dir);
  fs.chmodSync(dir, 0o700);
  fs.mkdirSync(path.join(dir, '.run'), { mode: 0o700 });
  const runFile = path.join(dir, '.run', '123-4.json');
  const recording: Recording = {
    id: 'recA', file: path.join(dir, 'x.log'), user: 'ann', by: 'ann', session: 's', window: '0', pane: '4', paneId: '%4', socket: '', version: '',
    timeFormat: 'HH:mm', maxBytes: 1024, maxFiles: 4, seed: '',
  };
  writeRecording(runFile, recording);
  return runFile;
}

describe("a hook's note to a reader that has not opened its inbox yet", () => {
  it('waits for the inbox and hands the note over', async () => {
    const runFile = runFileWithRecording();
    const reader = standInReader(runFile, 300);
    try {
      await waitFor('the reader alive', () => fs.existsSync(pidFilePath(runFile)));
      // Sent before the inbox is open: without the wait it would be dropped (sendNote refuses a reader with no inbox).
      assert.equal(noteToReader({ runFile, recording: 'recA' }, 'switch', { client: '/dev/pts/3', from: '$3' }), true);
      await waitFor('the note taken', () => reader.output().includes('"switch"'));
      assert.deepEqual(JSON.parse(reader.output().trim().split('\n').at(-1)!), [{ name: 'switch', fields: { client: '/dev/pts/3', from: '$3' } }]);
    } finally {
      reader.child.kill();
    }
  });

  it('a reader that never opens one: the note is dropped, not waited for without end', async () => {
    const runFile = runFileWithRecording();
    const reader = standInReader(runFile, -1);
    try {
      await waitFor('the reader alive', () => fs.existsSync(pidFilePath(runFile)));
      assert.equal(noteToReader({ runFile, recording: 'recA' }, 'switch', { client: '/dev/pts/3', from: '$3' }), false);
    } finally {
      reader.child.kill();
    }
  });
});
