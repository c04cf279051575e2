// Section 5: processes spawned per status-line refresh.
//
//   [unshare --pid --fork --mount-proc] node bench/status-cost.mjs [REFRESHES] [REPS]
//
// A real client is attached (script(1) gives it a terminal, 120x30), so the
// status line is really drawn; logging is on in its pane, so the plugin's
// segment shows REC. Redraws are forced with `refresh-client -S -t <client>`
// sent through a control-mode client's stdin: the bench itself forks nothing
// per redraw. Three phases, interleaved REPS times, each REFRESHES redraws
// 25 ms apart:
//   baseline  status-right '[]'                  (no #{audit_status})
//   audit     status-right = the plugin's expansion of '[#{audit_status}]'
//   control   status-right '[#(echo x)]'         (a shell job: must show forks)
// Forks are counted two ways, before/after each phase (+300 ms to let jobs
// start): the system-wide `processes` counter of /proc/stat (every fork on the
// machine; noisy when other work runs) and, when this runs as pid 1 of its own
// pid namespace (unshare), the namespace's last pid (/proc/sys/kernel/ns_last_pid):
// only the processes of this benchmark.
// That every refresh evaluates the status formats is shown by the control
// phase (its #() job runs at each forced refresh). tmux writes the status line
// to the terminal only when it changed, so the terminal bytes counted per phase
// (from the `set` on) come from the change of status-right; for the audit
// phase they must contain "REC" (the client really displayed it).
// Forks per refresh = (audit - baseline) / REFRESHES, medians over the reps.
// Writes OUT/status.json.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { median, read, round, sleep, Tmux, writeJson } from './lib.mjs';

const [refreshArg = '60', repsArg = '3'] = process.argv.slice(2);
const REFRESHES = Number(refreshArg);
const REPS = Number(repsArg);
const isolated = process.pid === 1;

const forksSystem = () => Number(read('/proc/stat').match(/^processes (\d+)/m)?.[1] ?? NaN);
const lastPid = () => Number(read('/proc/sys/kernel/ns_last_pid').trim());

const server = new Tmux(`bench-status-${process.pid}-${Date.now() % 100000}`, {
  config: ["set -g status-right '[#{audit_status}]'", 'set -g status-right-length 80'],
  env: { TERM: 'xterm-256color' },
});
const result = { isolated, refreshes: REFRESHES, reps: REPS };
let client;
let control;
try {
  await sleep(300);
  server.run('run-shell', '-t', '%0', server.toggleCommand());
  const auditValue = server.run('show-options', '-gv', 'status-right').replace(/\n$/, '');
  result.audit_status_right = auditValue;

  // A real client on a terminal.
  let termBytes = 0;
  let recCount = 0;
  let carry = '';
  client = spawn('script', ['-qfc', `stty cols 120 rows 30; exec tmux -L '${server.name}' attach -t main`, '/dev/null'], {
    env: server.env,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  client.stdout.on('data', (chunk) => {
    termBytes += chunk.length;
    const text = carry + chunk.toString('latin1');
    recCount += text.split('REC').length - 1 - (carry.split('REC').length - 1);
    carry = text.slice(-2);
  });
  let ttyClient = '';
  for (let i = 0; i < 200 && !ttyClient; i++) {
    await sleep(25);
    ttyClient = server.run('list-clients', '-F', '#{client_name} #{client_control_mode}').split('\n').find((l) => l.endsWith(' 0'))?.split(' ')[0] ?? '';
  }
  if (!ttyClient) throw new Error('the attached client did not appear');
  result.client = ttyClient;

  // A control-mode client to send commands without a fork per command.
  control = spawn('tmux', ['-L', server.name, '-C', 'attach', '-t', 'main'], { env: server.env, stdio: ['pipe', 'pipe', 'ignore'] });
  control.stdout.on('data', () => {});
  const send = (command) => control.stdin.write(`${command}\n`);
  await sleep(300);

  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const phases = { baseline: '[]', audit: auditValue, control: '[#(echo x)]' };
  const runs = [];
  for (let rep = 1; rep <= REPS; rep++) {
    for (const [phase, value] of Object.entries(phases)) {
      const bytes0 = termBytes;
      const rec0 = recCount;
      send(`set -g status-right ${quote(value)}`);
      await sleep(400);
      const sys0 = forksSystem();
      const ns0 = lastPid();
      for (let i = 0; i < REFRESHES; i++) {
        send(`refresh-client -S -t ${ttyClient}`);
        await sleep(25);
      }
      await sleep(300);
      const ns1 = lastPid();
      const sys1 = forksSystem();
      runs.push({ rep, phase, forks_ns: isolated ? ns1 - ns0 : null, forks_system: sys1 - sys0, term_bytes: termBytes - bytes0, rec_drawn: recCount - rec0 });
    }
  }
  const per = (phase, key) => median(runs.filter((r) => r.phase === phase).map((r) => r[key]));
  const summary = {};
  for (const phase of Object.keys(phases)) {
    summary[phase] = {
      forks_ns: isolated ? per(phase, 'forks_ns') : null,
      forks_system: per(phase, 'forks_system'),
      term_bytes: per(phase, 'term_bytes'),
      rec_drawn: per(phase, 'rec_drawn'),
    };
  }
  const key = isolated ? 'forks_ns' : 'forks_system';
  result.counter = isolated ? 'pid namespace (ns_last_pid)' : 'system-wide /proc/stat processes';
  result.summary = summary;
  result.forks_per_refresh = round((summary.audit[key] - summary.baseline[key]) / REFRESHES, 3);
  result.control_forks_per_refresh = round((summary.control[key] - summary.baseline[key]) / REFRESHES, 3);
  result.runs = runs;
  process.stdout.write(
    `status: ${REFRESHES} redraws per phase, ${REPS} reps, counter: ${result.counter}\n` +
      Object.entries(summary)
        .map(([p, s]) => `  ${p.padEnd(9)} forks(ns) ${s.forks_ns ?? '-'}  forks(system) ${s.forks_system}  terminal bytes ${s.term_bytes}  REC drawn ${s.rec_drawn}\n`)
        .join('') +
      `  forks per refresh (audit - baseline): ${result.forks_per_refresh}; control #(): ${result.control_forks_per_refresh}\n`,
  );
} finally {
  control?.stdin.end();
  control?.kill();
  client?.stdin.end();
  client?.kill();
  await server.kill();
}
writeJson('status.json', result);
// As pid 1 of a namespace, exiting ends every process left in it.
process.exit(0);
