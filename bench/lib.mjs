// Small shared helpers for the benchmark scripts (no dependencies).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The helper measured: bench/run.sh points this at a copy of dist/audit.cjs
// taken when the run starts, so that every section measures the same bundle
// even if dist/ is rebuilt meanwhile.
export const HELPER = process.env.BENCH_HELPER || path.join(ROOT, 'dist', 'audit.cjs');
// The node flags the plugin starts its reader with (bench/reader-flags.mjs
// finds them; bench/run.sh passes them on): the sections run the reader the
// same way. A section run on its own (node bench/e2e.mjs ...) asks
// reader-flags.mjs itself (a private tmux server, ~1 s): without them it
// measured a reader the product never runs (no --max-semi-space-size=1: other
// garbage collection, other CPU). BENCH_READER_FLAGS (empty for none) chooses.
let readerFlagsFound;
export function readerFlags() {
  readerFlagsFound ??= (
    process.env.BENCH_READER_FLAGS ??
    execFileSync(process.execPath, [path.join(ROOT, 'bench', 'reader-flags.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, BENCH_READER_FLAGS: '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
  )
    .split(/\s+/)
    .filter(Boolean);
  return readerFlagsFound;
}
export const PLUGIN = path.join(ROOT, 'audit.tmux');
export const OUT = process.env.BENCH_OUT || path.join(ROOT, 'bench', 'out');

/** xorshift32 from `seed`: `rnd(n)` is 0..n-1, the same sequence on every run and machine. */
export function seededRandom(seed) {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const now = () => Number(process.hrtime.bigint()) / 1e6; // ms, monotonic

export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const round = (x, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits)));

export function read(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Memory of one process from /proc/<pid>/smaps_rollup, in KB: rss, pss,
 * private (Private_Clean + Private_Dirty), private_dirty (Private_Dirty alone).
 * Private_Clean is mostly pages of the node binary that no other process has
 * mapped at that moment: it depends on which other node processes run (with
 * none, the whole binary, ~33 MB, counts as private). Private_Dirty (the
 * process's own heap, stacks, buffers) does not.
 */
export function smaps(pid) {
  const text = read(`/proc/${pid}/smaps_rollup`);
  if (!text) return null;
  const field = (name) => {
    const m = text.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : 0;
  };
  return { rss: field('Rss'), pss: field('Pss'), private: field('Private_Clean') + field('Private_Dirty'), private_dirty: field('Private_Dirty') };
}

/** A private tmux server on its own socket (tmux -L NAME), killed only by that socket. */
export class Tmux {
  constructor(name, { config = [], plugin = true, env = {} } = {}) {
    this.name = name;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `tmux-audit-bench-${name}-`));
    this.logDir = path.join(this.dir, 'logs');
    this.env = { ...process.env, TMUX_TMPDIR: this.dir, HOME: this.dir, HISTFILE: '', ...env };
    delete this.env.TMUX;
    delete this.env.TMUX_PANE;
    const lines = [
      `set -g @audit-dir '${this.logDir}'`,
      'set -g status-interval 0',
      `set -g default-command '${fs.existsSync('/bin/bash') ? 'exec /bin/bash --norc --noprofile' : 'exec /bin/sh'}'`,
      ...config,
    ];
    if (plugin) lines.push(`run-shell '${PLUGIN}'`);
    this.config = path.join(this.dir, 'tmux.conf');
    fs.writeFileSync(this.config, `${lines.join('\n')}\n`);
    this.run('-f', this.config, 'new-session', '-d', '-s', 'main', '-x', '120', '-y', '30');
    this.pid = Number(this.show('#{pid}'));
  }

  run(...args) {
    return execFileSync('tmux', ['-L', this.name, ...args], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  show(format, target = '%0') {
    return this.run('display-message', '-p', '-t', target, format).replace(/\n$/, '');
  }

  /** The command a key binding would run, for run-shell. */
  toggleCommand() {
    return `'${process.execPath}' '${HELPER}' --report tmux toggle --pane '#{pane_id}' --client-user '#{client_user}'`;
  }

  readerPids() {
    const run = path.join(this.logDir, '.run');
    if (!fs.existsSync(run)) return [];
    return fs
      .readdirSync(run)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => Number(read(path.join(run, f))))
      .filter((pid) => pid > 0);
  }

  async kill() {
    const readers = this.readerPids();
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
    const deadline = Date.now() + 10_000;
    while (readers.some(alive) && Date.now() < deadline) await sleep(25);
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

export function writeJson(name, data) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), `${JSON.stringify(data, null, 2)}\n`);
}

/** Clock ticks per second of /proc/PID/stat's times (USER_HZ, 100 on Linux). */
export const CLK_TCK = 100;
/** The smaps_rollup figures the memory sections report. */
export const MEMORY_KEYS = ['rss', 'pss', 'private', 'private_dirty'];

/** A process's CPU seconds so far (user + system), or null once it is gone. */
export function cpuSeconds(pid) {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A process's parent. */
export function parentPid(pid) {
  const stat = read(`/proc/${pid}/stat`);
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/** A number from /proc/PID/status (`VmRSS` in kB, `voluntary_ctxt_switches`, …); 0 when absent. */
export function statusNumber(pid, key) {
  return Number(read(`/proc/${pid}/status`).match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
}
