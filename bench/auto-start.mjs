// Auto-start at plugin load (issue 10): a server with N panes (windows of 5
// panes) and @audit-auto on;
// time from `source-file` of a config that loads the plugin to every pane's
// status showing REC (@audit_on set), and the slowest answer of tmux to a
// `list-panes` meanwhile (it must not stall).
//
//   node bench/auto-start.mjs [panes=50] [reps=3]
//
// Writes OUT/auto-start.json. Its server has its own -L socket and is killed by that socket only.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OUT, PLUGIN, median, now, round, sleep } from './lib.mjs';

const panes = Number(process.argv[2] ?? 50);
const reps = Number(process.argv[3] ?? 3);

async function once(rep) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-auto-'));
  const socket = `bench-auto-${process.pid}-${rep}`;
  const env = { ...process.env, TMUX_TMPDIR: dir, HOME: dir, HISTFILE: '' };
  delete env.TMUX;
  delete env.TMUX_PANE;
  const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { env, encoding: 'utf8' });
  try {
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', 's0', '-x', '200', '-y', '60');
    for (let i = 1; i < panes; i++) {
      // New windows whenever the current one is full (tmux refuses too small a split).
      if (i % 5 === 0) tmux('new-window', '-d', '-t', 's0');
      else tmux('split-window', '-d', '-t', `s0:${Math.floor(i / 5)}`);
      if (i % 5 === 0 || i % 5 === 4) tmux('select-layout', '-t', `s0:${Math.floor(i / 5)}`, 'tiled');
    }
    const count = tmux('list-panes', '-a', '-F', '#{pane_id}').trim().split('\n').length;
    if (count !== panes) throw new Error(`made ${count} panes, not ${panes}`);
    const config = path.join(dir, 'plugin.conf');
    fs.writeFileSync(config, [`set -g @audit-dir '${path.join(dir, 'logs')}'`, 'set -g @audit-auto on', `run-shell '${PLUGIN}'`, ''].join('\n'));
    const started = now();
    tmux('source-file', config);
    const sourced = now() - started;
    let worstAnswer = 0;
    for (;;) {
      const asked = now();
      const marked = tmux('list-panes', '-a', '-F', '#{@audit_on}').split('\n').filter(Boolean).length;
      worstAnswer = Math.max(worstAnswer, now() - asked);
      if (marked === panes) break;
      if (now() - started > 120_000) throw new Error(`only ${marked} of ${panes} panes REC after 120 s`);
      await sleep(20);
    }
    const allRec = now() - started;
    return { rep, sourceFileMs: round(sourced), allRecMs: round(allRec), worstTmuxAnswerMs: round(worstAnswer) };
  } finally {
    try {
      tmux('kill-server');
    } catch {
      // gone
    }
    await sleep(1000); // the readers write their stop events
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const runs = [];
for (let rep = 0; rep < reps; rep++) runs.push(await once(rep));
const result = {
  panes,
  reps,
  runs,
  median: {
    sourceFileMs: median(runs.map((r) => r.sourceFileMs)),
    allRecMs: median(runs.map((r) => r.allRecMs)),
    worstTmuxAnswerMs: median(runs.map((r) => r.worstTmuxAnswerMs)),
  },
};
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'auto-start.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
