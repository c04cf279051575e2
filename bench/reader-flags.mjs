// Which node flags does the plugin give its reader? Starts a private tmux
// server with the plugin, toggles logging on in its pane, reads the reader's
// command line from /proc/<pid>/cmdline (the pid from its pid file) and
// prints the arguments between node and the helper, one line, space-separated
// (empty when there are none). The other sections then run the reader the way
// the plugin does (`node <flags> dist/audit.cjs pipe ...`).
//
//   node bench/reader-flags.mjs

import fs from 'node:fs';
import { HELPER, read, sleep, Tmux } from './lib.mjs';

const server = new Tmux(`bench-flags-${process.pid}`);
let flags = [];
try {
  await sleep(300);
  server.run('run-shell', '-t', '%0', server.toggleCommand());
  let pids = [];
  for (let i = 0; i < 200 && pids.length === 0; i++) {
    pids = server.readerPids();
    if (pids.length === 0) await sleep(20);
  }
  const args = read(`/proc/${pids[0]}/cmdline`).split('\0').filter(Boolean);
  const helper = fs.realpathSync(HELPER);
  const at = args.findIndex((a) => a.endsWith('.cjs') && fs.existsSync(a) && fs.realpathSync(a) === helper);
  if (at > 0) flags = args.slice(1, at);
  else process.stderr.write(`reader-flags: could not read the reader's command line (${args.join(' ')})\n`);
  // Flags go into shell commands unquoted: accept plain option words only.
  flags = flags.filter((f) => /^--?[A-Za-z0-9][A-Za-z0-9_=.,:/-]*$/.test(f));
} finally {
  await server.kill();
}
process.stdout.write(`${flags.join(' ')}\n`);
