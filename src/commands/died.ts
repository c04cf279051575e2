// `died`: what the pane-died hook runs (only panes with remain-on-exit die
// without closing: server-fn.c:346). The pane is kept, and so is its pipe, so
// without this the recording would run on past the program's end, and into
// whatever `respawn-pane` starts next. pipe-pane cannot close the pipe of a
// dead pane ("target pane has exited", cmd-pipe-pane.c:72), so the reader is
// asked to stop itself once it has drained what the pane printed last
// (SIGUSR1: see commands/pipe.ts), with the exit status tmux knows. Its pipe
// goes when the pane is killed or respawned (the next write fails,
// cmd-pipe-pane.c:217); the respawned program is not logged into it. Under
// @audit-auto a new recording starts when the pane is respawned (core/auto.ts rearmScript).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { autoOn, rearmScript } from '../core/auto.ts';
import { OPTIONS } from '../core/options.ts';
import { livingReader, requestStop } from '../runtime/runfile.ts';
import type { Tmux } from '../tmux/client.ts';
import { readTarget, type Outcome } from './toggle.ts';

export function paneDied(tmux: Tmux, paneId: string, status: string): Outcome {
  const { state, alive } = readTarget(tmux, { pane: paneId });
  const pid = alive ? livingReader(state.runFile) : undefined;
  if (pid === undefined) return { messages: [], version: state.version };
  requestStop(state.runFile, { reason: 'pane-exited', status: status || undefined });
  process.kill(pid, 'SIGUSR1');
  if (state.recording) rearmIfAuto(tmux, paneId, state.recording, state.runFile);
  return { messages: [], version: state.version };
}

/** Under @audit-auto, whatever respawn-pane starts in the dead pane next is logged too (core/auto.ts rearmScript). */
export function rearmIfAuto(tmux: Tmux, paneId: string, recording: string, runFile: string): void {
  if (!autoOn(tmux.globalOption(OPTIONS.auto.name))) return;
  const script = rearmScript(process.execPath, fs.realpathSync(process.argv[1]!), tmux.socketPath(), paneId, recording, runFile);
  spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}
