// The hooks' notes to a living reader (runtime/notes.ts): handed over whole,
// taken oldest first, and refused when they are not exactly what a hook of ours
// writes (another owner, a loose mode, a symlink, a second name, an event a note
// may not carry, another recording).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { openInbox, sendNote, takeNotes, removeNoteFiles, type RefusedNote } from '../../src/runtime/notes.ts';
import { makeTempDir, waitFor } from '../support/util.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

let runFile: string;
beforeEach(() => {
  const dir = makeTempDir('tmux-audit-notes');
  dirs.push(dir);
  fs.chmodSync(dir, 0o700);
  fs.mkdirSync(path.join(dir, '.run'), { mode: 0o700 });
  runFile = path.join(dir, '.run', '123-4.json');
});

const noteFiles = (): string[] => fs.readdirSync(path.dirname(runFile)).filter((name) => name.includes('.note.'));

/** A note file as a hook would name it, with `text` (written as the test says, not safely). */
function plant(text: string, ms = Date.now()): string {
  const file = path.join(path.dirname(runFile), `123-4.note.${String(ms).padStart(15, '0')}-1-000001-abcdef01`);
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

describe('notes to the reader', () => {
  it('a note sent to a reader with an inbox signals it (SIGUSR2) and is taken once, oldest first', async () => {
    let signals = 0;
    const handler = (): void => void signals++;
    process.on('SIGUSR2', handler);
    try {
      openInbox(runFile, 'recA');
      assert.equal(sendNote(runFile, 'recA', process.pid, { name: 'attach', fields: { client: '/dev/pts/3', from: undefined } }), true);
      assert.equal(sendNote(runFile, 'recA', process.pid, { name: 'detach', fields: { client: '/dev/pts/3' } }), true);
      await waitFor('the signals', () => signals >= 1);
      assert.deepEqual(takeNotes(runFile, 'recA'), [
        { name: 'attach', fields: { client: '/dev/pts/3' } },
        { name: 'detach', fields: { client: '/dev/pts/3' } },
      ]);
      assert.deepEqual(noteFiles(), []);
      assert.deepEqual(takeNotes(runFile, 'recA'), [], 'taken once');
    } finally {
      process.off('SIGUSR2', handler);
    }
  });

  it('no inbox, an inbox of another recording or another pid: not sent, nothing left (an older reader would die of SIGUSR2)', () => {
    assert.equal(sendNote(runFile, 'recA', process.pid, { name: 'rename', fields: {} }), false);
    openInbox(runFile, 'recB');
    assert.equal(sendNote(runFile, 'recA', process.pid, { name: 'rename', fields: {} }), false);
    assert.equal(sendNote(runFile, 'recB', process.pid + 1, { name: 'rename', fields: {} }), false);
    assert.deepEqual(noteFiles(), []);
  });

  it('refuses what a hook of ours did not write: events a note may not carry, facts instead of a trigger, odd fields, another recording', () => {
    const refused: RefusedNote[] = [];
    plant(JSON.stringify({ rec: 'recA', name: 'stop', fields: { reason: 'toggle' } }), 1);
    plant(JSON.stringify({ rec: 'recA', name: 'seal', fields: { n: 3 } }), 2);
    plant(JSON.stringify({ rec: 'recA', name: 'rename', fields: { to: 'forged' } }), 3);
    plant(JSON.stringify({ rec: 'recA', name: 'rename', fields: { rec: 'other' } }), 4);
    plant('not json', 5);
    plant(JSON.stringify({ rec: 'recOld', name: 'rename', fields: {} }), 6);
    // The review's forgery: an attach with the facts filled in by whoever wrote the file.
    plant(JSON.stringify({ rec: 'recA', name: 'attach', fields: { client: '/dev/pts/99', user: 'bob', from: '198.51.100.7', by: 'bob' } }), 7);
    plant(JSON.stringify({ rec: 'recA', name: 'attach', fields: { client: '/dev/pts/9\n2026-01-01 | forged' } }), 8);
    plant(JSON.stringify({ rec: 'recA', name: 'switch', fields: { client: '/dev/pts/9', from: 'main' } }), 9);
    plant(JSON.stringify({ rec: 'recA', name: 'switch', fields: { client: '/dev/pts/9', from: '$3' } }), 10);
    plant(JSON.stringify({ rec: 'recA', name: 'rename', fields: {} }), 11);
    const notes = takeNotes(runFile, 'recA', (refusal) => refused.push(refusal));
    assert.deepEqual(notes, [
      { name: 'switch', fields: { client: '/dev/pts/9', from: '$3' } },
      { name: 'rename', fields: {} },
    ]);
    assert.equal(refused.length, 8, JSON.stringify(refused));
    assert.deepEqual(noteFiles(), [], 'our own refused files are removed');
  });

  it('refuses a note file with a loose mode, a second name, a symlink, or another owner, and follows no symlink', () => {
    const refused: RefusedNote[] = [];
    const good = JSON.stringify({ rec: 'recA', name: 'rename', fields: {} });
    const loose = plant(good, 1);
    fs.chmodSync(loose, 0o644);
    const linked = plant(good, 2);
    fs.linkSync(linked, path.join(path.dirname(runFile), 'elsewhere'));
    const target = path.join(path.dirname(path.dirname(runFile)), 'target.json');
    fs.writeFileSync(target, good, { mode: 0o600 });
    const symlink = path.join(path.dirname(runFile), `123-4.note.${String(3).padStart(15, '0')}-1-000001-abcdef01`);
    fs.symlinkSync(target, symlink);
    const foreign = plant(good, 4);
    const isRoot = process.geteuid?.() === 0;
    if (isRoot) fs.chownSync(foreign, 65534, 65534);
    const notes = takeNotes(runFile, 'recA', (refusal) => refused.push(refusal));
    assert.deepEqual(notes, isRoot ? [] : [{ name: 'rename', fields: {} }]);
    assert.equal(refused.length, isRoot ? 4 : 3, JSON.stringify(refused));
    assert.ok(fs.existsSync(target), 'the symlink was not followed to remove its target');
    if (isRoot) assert.ok(fs.existsSync(foreign), 'another user\'s file is left where it is');
  });

  it('a finished recording leaves no inbox or note behind', () => {
    openInbox(runFile, 'recA');
    plant(JSON.stringify({ rec: 'recA', name: 'rename', fields: {} }));
    removeNoteFiles(runFile);
    assert.deepEqual(fs.readdirSync(path.dirname(runFile)), []);
  });
});
