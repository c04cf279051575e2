// The helper's command line, run as a user would run it: in a shell outside
// tmux, or in a shell in a pane (where TMUX and TMUX_PANE say which server and pane).

import { spawnSync } from 'node:child_process';
import { HELPER } from './paths.ts';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The environment of a shell outside tmux. */
export function outsideTmux(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TMUX: '', ...env };
}

/** Runs `node dist/audit.cjs <args>` and returns how it exited and what it said, whatever the status. */
export function cliResult(args: string[], env: NodeJS.ProcessEnv = outsideTmux()): CliResult {
  const run = spawnSync(process.execPath, [HELPER, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) throw run.error;
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `node dist/audit.cjs <args>`; returns its stdout, and throws (with its stderr) unless it exits 0. */
export function cli(args: string[], env: NodeJS.ProcessEnv = outsideTmux()): string {
  const { status, stdout, stderr } = cliResult(args, env);
  if (status !== 0) throw new Error(`audit ${args.join(' ')} exited with ${status}: ${stderr}`);
  return stdout;
}
