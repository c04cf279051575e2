// A second Unix user, made for a test and removed after it (tests run as root, as CI does).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';

let serial = 0;

export interface TestUser {
  name: string;
  uid: number;
  gid: number;
  /** Runs `command` with `args` as this user; returns stdout (throws with stderr on failure). */
  run(command: string, args: string[], env?: NodeJS.ProcessEnv): string;
}

/** Creates a user (removed when the test file is done). Needs root; throws otherwise. */
export function createUser(): TestUser {
  const name = `audit${process.pid % 100000}x${serial++}`;
  execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', name], { stdio: 'ignore' });
  after(() => {
    try {
      execFileSync('userdel', ['--remove', '--force', name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  });
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return {
    name,
    uid,
    gid,
    run: (command, args, env = {}) =>
      execFileSync('runuser', ['-u', name, '--', 'env', ...Object.entries(env).map(([key, value]) => `${key}=${value}`), command, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
  };
}

/**
 * Lets other users reach a tmux server's socket without opening the server's
 * own directory (tmux refuses `-L` when that is open to others): a hard link
 * to the socket in a world-searchable directory of its own, the socket made
 * read-write for all. Returns the path to use with `tmux -S`.
 */
export function openSocketTo(socketPath: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-shared-'));
  fs.chmodSync(dir, 0o755);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const shared = path.join(dir, 'socket');
  fs.linkSync(socketPath, shared);
  fs.chmodSync(shared, 0o777);
  return shared;
}
