// `grep` over a search large enough for two threads (src/commands/grep-parallel.ts), run as a user runs it:
// `node dist/audit.cjs grep` (its worker dist/grep-worker.cjs), into a pipe, into a full disk, with a file
// refused midway, with a worker that dies without a word. A preload (test/support/two-threads.cjs) sets the
// load average so the worker starts whatever the machine's load (or never, for the one-thread runs), and
// tells whether it started and how stdout was left.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { outsideTmux } from '../support/cli.ts';
import { HELPER, ROOT } from '../support/paths.ts';

const PRELOAD = path.join(ROOT, 'test', 'support', 'two-threads.cjs');
const BASE = Date.UTC(2026, 10, 24, 8, 0, 0);
/** Four files of 17 MiB: over the 64 MiB under which grep stays on one thread. */
const FILES = 4;
const FILE_BYTES = 17 << 20;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  /** What the preload wrote: whether the worker started, whether stdout was left non-blocking. */
  log: string;
}

describe('grep on two threads, through the command line', () => {
  let root: string;
  let dir: string;
  const names: string[] = [];
  /** Each file's lines the pattern matches, as grep prints them. */
  const printed: string[] = [];

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'reading-grep-threads-'));
    dir = path.join(root, 'logs');
    fs.mkdirSync(dir);
    let ms = BASE;
    for (let index = 0; index < FILES; index++) {
      const live = index === FILES - 1;
      const name = path.join(dir, live ? 'main.log' : `main.log.${new Date(BASE + (index + 1) * 3600_000).toISOString().replace(/[-:]/g, '')}`);
      const lines: string[] = [];
      let hits = '';
      let size = 0;
      for (let n = 1; size < FILE_BYTES; n++) {
        ms += 7;
        // One line in 64 matches: less than Output's 1 MiB buffer per file, all of it lost if not flushed at exit.
        const line = `${new Date(ms).toISOString().replace('Z', '+00:00')} ann main:0.0 | ${n % 64 === 0 ? `timeout ${index}.${n}` : `nothing ${n}`}`;
        lines.push(line);
        size += line.length + 1;
        if (n % 64 === 0) hits += `${name}:${n}: ${line}\n`;
      }
      fs.writeFileSync(name, `${lines.join('\n')}\n`);
      names.push(name);
      printed.push(hits);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const grep = (threads: 1 | 2, env: NodeJS.ProcessEnv = {}, stdout: 'pipe' | number = 'pipe', pattern = 'timeout', args: string[] = []): Run => {
    const log = path.join(root, 'preload.log');
    fs.rmSync(log, { force: true });
    const run = spawnSync(process.execPath, ['--require', PRELOAD, HELPER, 'grep', pattern, '--dir', dir, ...args], {
      env: outsideTmux({ TWO_THREADS_LOG: log, ...(threads === 1 ? { TWO_THREADS_ONE: '1' } : {}), ...env }),
      encoding: 'utf8',
      stdio: ['ignore', stdout, 'pipe'],
      maxBuffer: 64 << 20,
      timeout: 60_000, // a hung search fails rather than hangs the tier
    });
    if (run.error) throw run.error;
    return { status: run.status ?? -1, stdout: run.stdout ?? '', stderr: run.stderr, log: fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '' };
  };

  it('prints every match into a pipe, with stdout left blocking (a non-blocking pipe is an EAGAIN at every fill, for every writer)', () => {
    const two = grep(2);
    assert.match(two.log, /^worker started$/m);
    assert.match(two.log, /^stdout nonblocking false$/m);
    assert.equal(two.stderr, '');
    assert.equal(two.status, 0);
    assert.equal(two.stdout, printed.join(''));
    const one = grep(1);
    assert.doesNotMatch(one.log, /worker started/);
    assert.equal(one.stdout, two.stdout);
  });

  it('a file refused midway: the lines of the files before it are printed (-c: counted), then the refusal, exit 2; one thread or two', () => {
    for (const threads of [1, 2] as const) {
      for (const args of [[], ['-c']]) {
        const refused = names[2]!;
        try {
          const run = grep(threads, { TWO_THREADS_SWAP: `${names[0]}:${refused}` }, 'pipe', 'timeout', args);
          assert.equal(run.log.includes('worker started'), threads === 2);
          assert.equal(run.stderr, `tmux-audit: ${refused} is a symbolic link: refused, not read\n`);
          assert.equal(run.status, 2);
          const before = printed[0]! + printed[1]!;
          // -c: how many lines the files before it hold (what was searched), then the same refusal.
          assert.equal(run.stdout, args.length === 0 ? before : `${before.split('\n').length - 1}\n`, `${threads} thread(s) ${args.join(' ')}`);
        } finally {
          fs.rmSync(refused, { force: true });
          if (fs.existsSync(`${refused}.saved`)) fs.renameSync(`${refused}.saved`, refused);
        }
      }
    }
  });

  it('an output that cannot be written (a full disk): one line saying so, exit 2, no file blamed; one thread or two', () => {
    for (const threads of [1, 2] as const) {
      const full = fs.openSync('/dev/full', 'w');
      try {
        const run = grep(threads, {}, full);
        assert.equal(run.log.includes('worker started'), threads === 2);
        assert.equal(run.stderr, 'tmux-audit: cannot write output: ENOSPC\n', `${threads} thread(s)`);
        assert.equal(run.status, 2);
      } finally {
        fs.closeSync(full);
      }
    }
  });

  it('a file whose lines all match: the worker posts them as they grow, never a whole file of them (memory bounded within a file too)', () => {
    const outputs = [1, 2].map((threads) => {
      const file = path.join(root, `all-${threads}`);
      const fd = fs.openSync(file, 'w');
      try {
        const run = grep(threads as 1 | 2, {}, fd, 'nothing');
        assert.equal(run.status, 0);
        assert.equal(run.stderr, '');
        if (threads === 2) {
          assert.match(run.log, /^worker started$/m);
          const largest = Math.max(...[...run.log.matchAll(/^worker posted (\d+)$/gm)].map((match) => Number(match[1])));
          // The worker searched at least one whole file (17 MiB of lines, more printed); it posted at most 4 MiB and a piece at once.
          assert.ok(largest > 0 && largest <= 5 << 20, `largest message ${largest}`);
        }
        return fs.readFileSync(file);
      } finally {
        fs.closeSync(fd);
        fs.rmSync(file);
      }
    });
    assert.ok(outputs[0]!.length > 4 * FILE_BYTES);
    assert.ok(outputs[0]!.equals(outputs[1]!));
  });

  it('a search too small for two threads opens each file as one thread does: once to put it in time order, once to search it (and the first search once to look for a torn event)', () => {
    const small = path.join(root, 'small');
    fs.mkdirSync(small, { mode: 0o700 }); // ours alone whatever the umask, or no cache is kept (read/private-cache.ts)
    try {
      for (const [index, name] of names.entries()) fs.writeFileSync(path.join(small, path.basename(name)), `${new Date(BASE + index * 3600_000).toISOString().replace('Z', '+00:00')} ann main:0.0 | timeout ${index}\n`);
      const log = path.join(root, 'preload.log');
      // The first search also looks for a torn event in each file (commands/torn-starts.ts), once: kept in .run/.
      for (const times of [3, 2]) {
        fs.rmSync(log, { force: true });
        const run = spawnSync(process.execPath, ['--require', PRELOAD, HELPER, 'grep', 'timeout', '--dir', small], { env: outsideTmux({ TWO_THREADS_LOG: log, TWO_THREADS_OPENS: small }), encoding: 'utf8', timeout: 60_000 });
        assert.equal(run.status, 0, run.stderr);
        assert.equal(run.stdout.split('\n').length - 1, FILES);
        const opens = [...fs.readFileSync(log, 'utf8').matchAll(/^opened (\d+) (.*)$/gm)].filter((match) => !match[2]!.includes('/.run')).map((match) => `${path.basename(match[2]!)} ${match[1]}`).sort();
        assert.deepEqual(opens, names.map((name) => `${path.basename(name)} ${times}`).sort());
      }
    } finally {
      fs.rmSync(small, { recursive: true, force: true });
    }
  });

  it('stays on one thread where files depend on each other (recordings followed, context) or are too few bytes', () => {
    // --user, --rec, --pane %N follow recordings (a start may be in an earlier file); -C reads lines across files.
    for (const args of [['--user', 'ann'], ['--rec', 'AAAAAAAAAA'], ['--pane', '%0'], ['-C', '1']]) {
      const run = grep(2, {}, 'pipe', 'timeout', args);
      assert.doesNotMatch(run.log, /worker started/, args.join(' '));
      assert.equal(run.stderr, '', args.join(' '));
    }
    // --user ann: every line is ann's, printed as without the filter.
    assert.equal(grep(2, {}, 'pipe', 'timeout', ['--user', 'ann']).stdout, printed.join(''));
    // Under 64 MiB: the two files rotated before --since are passed over, two of 17 MiB are searched.
    const since = ['--since', new Date(BASE + 2 * 3600_000 + 2000).toISOString()];
    const late = grep(2, {}, 'pipe', 'timeout', since);
    assert.doesNotMatch(late.log, /worker started/);
    assert.equal(late.stderr, '');
    assert.equal(late.stdout, grep(1, {}, 'pipe', 'timeout', since).stdout);
  });

  it('a worker that dies without a word: the main thread searches its files, the same lines', () => {
    const run = grep(2, { TWO_THREADS_DIE_AT: '3' });
    assert.match(run.log, /^worker started$/m);
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, printed.join(''));
  });
});
