// Log file names from session and socket names: safe, short enough for any
// file system (255 bytes a name), distinct, and unchanged for names of normal
// length.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { paneRunStem, rotationLockPath, runFilePane, runFilePath, sessionLogPath } from '../../src/core/paths.ts';
import { rotatedName } from '../../src/core/rotate.ts';

const DIR = '/var/log/tmux-audit';

/** The encoding as it always was (the oracle for names of normal length). */
function plainStem(name: string): string {
  let stem = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const char = String.fromCharCode(byte);
    const safe = /[A-Za-z0-9_-]/.test(char) || (char === '.' && stem.length > 0);
    stem += safe ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return stem.length > 0 ? stem : '%';
}

/** Every name the log of `session` on `socket` gives a file: live, rotated (with a same-millisecond suffix), lock. */
function namesOf(session: string, socket: string): string[] {
  const live = sessionLogPath(DIR, session, socket);
  const base = path.basename(live);
  const rotated = rotatedName(base, new Date('2026-11-24T23:01:02.345Z'), new Set([rotatedName(base, new Date('2026-11-24T23:01:02.345Z'), new Set())]));
  return [base, `${rotated.replace(/-\d+$/, '')}-99999`, path.basename(rotationLockPath(live))];
}

const anyName = fc.string({ unit: 'binary', maxLength: 400 });
const socketPath = fc.oneof(fc.constant('/tmp/tmux-0/default'), fc.string({ unit: 'binary', minLength: 1, maxLength: 110 }).map((name) => `/tmp/tmux-0/${name.replace(/\//g, '_')}`));

describe('log file names', () => {
  it('any session and socket name: every file name is at most 255 bytes, directly inside the directory, not hidden', () => {
    fc.assert(
      fc.property(anyName, socketPath, (session, socket) => {
        const live = sessionLogPath(DIR, session, socket);
        assert.equal(path.dirname(live), DIR);
        assert.ok(!path.basename(live).startsWith('.'));
        for (const name of namesOf(session, socket)) {
          assert.ok(Buffer.byteLength(name) <= 255, `${Buffer.byteLength(name)} bytes: ${name}`);
          assert.ok(!name.includes('/') && name !== '.' && name !== '..');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names of normal length are exactly as they always were', () => {
    assert.equal(path.basename(sessionLogPath(DIR, 'my proj', '/tmp/tmux-0/default')), 'my%20proj.log');
    assert.equal(path.basename(sessionLogPath(DIR, '.hidden', '/tmp/tmux-0/work')), '%2Ehidden@work.log');
    // Up to the lengths kept whole: 140 bytes of session stem, 48 of socket stem.
    const session = fc.oneof(fc.string({ unit: 'binary', maxLength: 11 }), fc.string({ maxLength: 140 }).filter((name) => plainStem(name).length <= 140));
    const socket = fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.string({ minLength: 1, maxLength: 48 }).filter((name) => plainStem(name).length <= 48));
    fc.assert(
      fc.property(session, socket, (session, socket) => {
        const name = socket.replace(/\//g, '_');
        const server = name === 'default' ? '' : `@${plainStem(name)}`;
        assert.equal(path.basename(sessionLogPath(DIR, session, `/s/${name}`)), `${plainStem(session)}${server}.log`);
      }),
      { numRuns: 2000 },
    );
  });

  it('distinct names of normal length give distinct files', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (a, b) => {
        fc.pre(a !== b);
        assert.notEqual(sessionLogPath(DIR, a, '/s/work'), sessionLogPath(DIR, b, '/s/work'));
      }),
      { numRuns: 2000 },
    );
  });

  it('long names: a readable prefix cut between whole characters, ~ and a hash; distinct for distinct names', () => {
    const cjk = '漢字仮名交じり文日本語の長いセッション名'.repeat(3); // 60 characters, 540 bytes encoded
    assert.equal([...cjk].length, 60);
    const name = path.basename(sessionLogPath(DIR, cjk, '/tmp/tmux-0/default'));
    const match = /^((?:%[0-9A-F]{2})+)~([0-9a-f]{8})\.log$/.exec(name);
    assert.ok(match, name);
    assert.ok(cjk.startsWith(decodeURIComponent(match[1]!)), 'the prefix decodes to the start of the name');
    // Names that differ only past the kept prefix, by one character, or only in length.
    const seen = new Map<string, string>();
    const variants: string[] = [];
    for (let i = 0; i < 3000; i++) variants.push(`${cjk}${i}`, `${'x'.repeat(200)}${i}`, `${cjk.slice(0, 59)}${String.fromCodePoint(0x4e00 + i)}`);
    for (let n = 141; n < 400; n++) variants.push('y'.repeat(n));
    for (const variant of variants) {
      const file = sessionLogPath(DIR, variant, '/tmp/tmux-0/default');
      assert.equal(seen.get(file), undefined, `${variant} and ${seen.get(file)} share ${file}`);
      seen.set(file, variant);
    }
  });

  it('a shortened name never equals a name kept whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 141, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 40 }), (long, short) => {
        assert.notEqual(sessionLogPath(DIR, long, '/s/work'), sessionLogPath(DIR, short, '/s/work'));
      }),
    );
  });
});

describe('run files: one per recording, told to belong to their pane', () => {
  it("a recording's run file names its server, pane and recording; its pane is read back from the name", () => {
    const runFile = runFilePath(DIR, '4242', '%3', 'V1St-XR8_Z');
    assert.equal(runFile, `${DIR}/.run/4242-3-V1St-XR8_Z.json`);
    assert.equal(runFilePane(runFile), `${DIR}/.run/${paneRunStem('4242', '%3')}`);
    // Another recording of the pane, and an earlier version's run file of the pane (one per pane): the same pane.
    assert.equal(runFilePane(runFilePath(DIR, '4242', '%3', 'other_rec1')), runFilePane(runFile));
    assert.equal(runFilePane(`${DIR}/.run/4242-3.json`), runFilePane(runFile));
  });

  it('other panes, servers and directories are other panes; names not of this shape belong to none', () => {
    const pane = runFilePane(runFilePath(DIR, '4242', '%3', 'V1StGXR8_Z'));
    for (const other of [runFilePath(DIR, '4242', '%33', 'V1StGXR8_Z'), runFilePath(DIR, '42421', '%3', 'x'), runFilePath('/elsewhere', '4242', '%3', 'x'), `${DIR}/.run/4242-34.json`]) {
      assert.notEqual(runFilePane(other), pane, other);
    }
    for (const name of ['x-0.json', '4242-3-.json', '4242-3-a.b.json', '4242-3-V1.pid', '4242-3-a/b.json']) assert.equal(runFilePane(`${DIR}/.run/${name}`), undefined, name);
  });
});
