// What the verify e2e tests share: running `verify` over a directory, and copies of a server's logs to
// tamper with.

import fs from 'node:fs';
import path from 'node:path';
import { after } from 'node:test';
import { cliResult } from './cli.ts';
import type { TmuxServer } from './tmux.ts';
import { makeTempDir } from './util.ts';

/** `verify --dir DIR ARGS…`: its exit status and all it printed (stdout then stderr). */
export function verifyDir(dir: string, ...args: string[]): { status: number; stdout: string } {
  const result = cliResult(['verify', '--dir', dir, ...args]);
  return { status: result.status, stdout: result.stdout + result.stderr };
}

/**
 * Scratch for one test file, removed after its tests (call at its top level): `copyOf` copies a server's log
 * directory outside it (the server's stamp check at teardown must not see the tampering), without its dot
 * files; `keyFile` writes a chain key as @audit-chain-key names one.
 */
export function verifyScratch(prefix: string): { copyOf: (tmux: TmuxServer) => string; keyFile: () => string } {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const scratch = (name: string): string => {
    const dir = makeTempDir(name);
    dirs.push(dir);
    return dir;
  };
  return {
    copyOf: (tmux) => {
      const dir = scratch(prefix);
      fs.cpSync(tmux.logDir, dir, { recursive: true, filter: (source) => source === tmux.logDir || !path.basename(source).startsWith('.') });
      return dir;
    },
    keyFile: () => {
      const key = path.join(scratch('tmux-audit-key'), 'chain.key');
      fs.writeFileSync(key, 'the auditor keeps this elsewhere', { mode: 0o600 });
      return key;
    },
  };
}
