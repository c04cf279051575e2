// Delays on cue for a test server: a `tmux` first on its PATH that holds back the first call whose arguments match
// a pattern, and a preload (held-reader.cjs) that holds back the next reader to start. The server's helpers and
// readers inherit its environment (cmd-pipe-pane.c:124-161, job.c:130), so a toggle delayed between reading the
// pane and acting on it (a loaded machine, a slow server), or a reader slow to come up, is made at the step a
// test chooses, and let go when the test has made the other side happen: no sleep to guess.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readIfThere } from './log.ts';
import { ROOT } from './paths.ts';
import { makeTempDir, shellQuote, waitFor } from './util.ts';

/** How long a held call waits for its release at most (a failed test must not leave it waiting). */
const HOLD_LIMIT_S = 60;

const PRELOAD = path.join(ROOT, 'test', 'support', 'held-reader.cjs');

/** One hold: armed by a file `gate`, claimed by renaming it, `held` says what waits, `release` lets it go. */
class Gate {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir);
  }

  arm(pattern = ''): void {
    for (const name of ['release', 'held', 'gate.taken']) fs.rmSync(path.join(this.dir, name), { force: true });
    fs.writeFileSync(path.join(this.dir, 'gate'), `${pattern}\n`);
  }

  /** Waits until something is held; returns what `held` says of it. */
  held(what: string): Promise<string> {
    return waitFor(what, () => readIfThere(path.join(this.dir, 'held')) || undefined, 20_000);
  }

  release(): void {
    fs.writeFileSync(path.join(this.dir, 'release'), '');
  }
}

export class Holds {
  readonly dir = makeTempDir('tmux-audit-holds');
  private readonly bin = path.join(this.dir, 'bin');
  private readonly calls = new Gate(path.join(this.dir, 'tmux'));
  private readonly readers = new Gate(path.join(this.dir, 'reader'));

  /** The `tmux` these holds run: a test's second holds put before the first (`inner`) hold two calls at once. */
  readonly tmuxPath = path.join(this.bin, 'tmux');

  constructor(inner?: Holds) {
    const real = inner?.tmuxPath ?? execFileSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' }).trim();
    fs.mkdirSync(this.bin);
    const dir = shellQuote(this.calls.dir);
    const script = [
      '#!/bin/sh',
      // Claimed by a rename: of two calls that match at once, one is held. `held`: its caller's pid, then its arguments.
      `if [ -e ${dir}/gate ] && printf '%s ' "$@" | grep -Eq -f ${dir}/gate && mv ${dir}/gate ${dir}/gate.taken 2>/dev/null; then`,
      `  printf '%s\\n%s\\n' "$PPID" "$*" > ${dir}/held.new && mv ${dir}/held.new ${dir}/held`,
      '  n=0',
      `  while [ ! -e ${dir}/release ] && [ "$n" -lt ${HOLD_LIMIT_S * 20} ]; do sleep 0.05; n=$((n + 1)); done`,
      'fi',
      `exec ${shellQuote(real)} "$@"`,
    ];
    fs.writeFileSync(this.tmuxPath, `${script.join('\n')}\n`, { mode: 0o755 });
  }

  /** The environment for a server whose tmux calls and readers these holds can delay. */
  env(): NodeJS.ProcessEnv {
    return {
      PATH: `${this.bin}:${process.env.PATH ?? ''}`,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim(),
      HELD_READER_DIR: this.readers.dir,
    };
  }

  /** Holds the next tmux call whose arguments, joined by spaces, match `pattern` (an extended regular expression). */
  holdCall(pattern: string): void {
    this.calls.arm(pattern);
  }

  /** Waits until a call is held: the pid of the process that made it, and its arguments. */
  async heldCall(what: string): Promise<{ pid: number; args: string }> {
    const [pid, args = ''] = (await this.calls.held(what)).split('\n');
    return { pid: Number(pid), args };
  }

  releaseCall(): void {
    this.calls.release();
  }

  /** Holds the next reader (`pipe <run file>`) to start, before anything of the helper runs. */
  holdReader(): void {
    this.readers.arm();
  }

  /** Waits until a reader is held; returns its pid. */
  async heldReader(what: string): Promise<number> {
    return Number(await this.readers.held(what));
  }

  releaseReader(): void {
    this.readers.release();
  }

  /** Lets anything still held go on, and removes the holds' files. */
  remove(): void {
    this.calls.release();
    this.readers.release();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
