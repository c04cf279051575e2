// Small things every e2e file needs: polling for a condition, scratch directories, quoting.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';

/** Polls `probe` until it returns something truthy, and returns that; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(25);
  }
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

/**
 * A maker of log paths for one test file's writers: each call a `main.log` in a scratch directory of its own
 * (`tmux-audit-<prefix>-…`), all of them removed when the file's tests are over.
 */
export function scratchLogs(prefix: string): () => string {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = makeTempDir(`tmux-audit-${prefix}`);
    dirs.push(dir);
    return path.join(dir, 'main.log');
  };
}

/** Runs `body` with a scratch directory that is removed afterwards, however `body` ends. */
export async function withTempDir<T>(prefix: string, body: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = makeTempDir(prefix);
  try {
    return await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

let markers = 0;

/** A word no pane has printed before: `<prefix>-<pid>-<n>-<time>`. */
export function uniqueMarker(prefix: string): string {
  return `${prefix}-${process.pid}-${markers++}-${Date.now()}`;
}

export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
