// What the key binding and the `start`/`stop`/`toggle` commands do: read the
// pane through src/tmux/, let src/core/plan.ts decide, carry the plan out, and
// return the words for the user. Printing them is the CLI's job.

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { AuditError } from '../core/errors.ts';
import { resolveOptions } from '../core/options.ts';
import { asker, cannotWrite, chooseAction, planStart, planStop, stopOvertaken, type StartPlan, type Verb } from '../core/plan.ts';
import { openAppend } from '../sinks/file/safe-fs.ts';
import {
  confirmToggleStop,
  livingReader,
  paneReaders,
  readRecording,
  removeRunFiles,
  requestStop,
  requestToggleStop,
  shellsRunning,
  withdrawStopRequest,
  withdrawToggleStop,
  writeRecording,
} from '../runtime/runfile.ts';
import { autoShellMark } from '../core/auto.ts';
import { paneRunStem } from '../core/paths.ts';
import { askingClient } from '../tmux/asking-client.ts';
import type { Tmux } from '../tmux/client.ts';
import { readPane, type PaneRead, type PaneState } from '../tmux/pane.ts';
import { closeLostRecording } from './lost.ts';

export interface Invocation {
  /** Target pane (`%3`, `main:1.0`, ...); empty means the pane the command runs in. */
  pane: string;
  /** The client that pressed the key (`#{client_name}`, expanded by tmux at the key press); its user is asked of tmux. */
  client?: string;
  /**
   * The user behind the client that asked (`#{client_user}`), as older key bindings pass it. Never used:
   * anyone running the helper by hand could give any name; who asked is taken from tmux (tmux/asking-client.ts).
   */
  clientUser?: string;
}

export interface Outcome {
  /** Lines for the user, most important first. */
  messages: string[];
  /** tmux version, for how to show them. */
  version: string;
}

/** How long `start` waits for the reader to report in before calling it a failure. */
export const READER_START_TIMEOUT_MS = 3000;

/** Whether a process lives (a shell that registered its key may have exited since). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The pane an invocation names, and whether its recording is alive: marked,
 * still piped, and its reader running. A reader that died leaves the marks.
 */
export function readTarget(tmux: Tmux, invocation: Invocation): { state: PaneRead; alive: boolean } {
  const state = readPane(tmux, invocation.pane || process.env.TMUX_PANE || '');
  const alive = state.recording !== '' && state.piped && livingReader(state.runFile) !== undefined;
  return { state, alive };
}

/**
 * Starts a pane's recording without waiting for its reader: the plan carried
 * out up to pipe-pane. `by` names who the start event says asked when no
 * client did (auto-start).
 */
export function launch(tmux: Tmux, state: PaneState, invocation: Invocation, by?: string): StartPlan {
  // The pane's last recording lost its reader without a stop event: close it in its log first.
  if (state.recording !== '') closeLostRecording(tmux, state);
  const { options, warnings } = resolveOptions(state.options, process.env);
  const pluginDir = path.dirname(path.dirname(fs.realpathSync(process.argv[1]!)));
  const plan = planStart({
    state,
    options,
    warnings,
    dirExists: fs.existsSync(options.dir),
    id: nanoid(10),
    username: os.userInfo().username,
    clients: tmux.clientsOf(state.sessionId),
    clientUser: invocation.clientUser,
    by,
    node: process.execPath,
    // The bundle (dist/audit.cjs) that is running now.
    bundle: fs.realpathSync(process.argv[1]!),
    integrated: tmux.registeredShells(state.paneId).some(running),
    pluginDir,
    shipped: (file) => fs.existsSync(path.join(pluginDir, file)),
  });
  try {
    fs.closeSync(openAppend(plan.file));
  } catch (error) {
    throw cannotWrite(plan.file, error as NodeJS.ErrnoException);
  }
  // In the alternate screen, its rows: the block starts with what the program shows.
  const { seed, rowsAbove } = plan.seedAt
    ? tmux.screenBeforeCursor(state.paneId, plan.seedAt.x, plan.seedAt.y)
    : { seed: '', rowsAbove: tmux.visibleRows(state.paneId) };
  // What led up to this: the rows above the cursor's line (that line is the seed), from the scrollback on.
  const history = plan.seedAt && options.history ? { time: Date.now(), rows: tmux.rowsAbove(state.paneId, plan.seedAt.y, options.historyLines) } : undefined;
  writeRecording(plan.runFile, { ...plan.recording, seed, rowsAbove, ...(history && history.rows.length > 0 ? { history } : {}) });
  tmux.startPipe(state.paneId, plan.command, plan.recording.id, plan.runFile);
  return plan;
}

/**
 * The pane as readTarget reads it, once a reader of ours still starting there has come up or gone, 3 s at most:
 * piped, with no living reader for its marks, and a reader process of the pane running (an auto hook's, not
 * marked yet: core/auto.ts; or another client's start, marked, its reader not up yet). Piping over a starting
 * reader closed it while it went on setting up: it overwrote the new run file and marks, read the end of its
 * input and cleared them, and the pane was left unlogged or unmarked (reviews). An auto reader still starting
 * after 3 s (a loaded machine) is refused rather than piped over; a marked pane whose reader is running but has
 * no pid file is taken for lost, as before.
 */
function settledTarget(tmux: Tmux, invocation: Invocation): { state: PaneRead; alive: boolean; autoStarted: boolean; shadows: string[] } {
  // The server copies each read removed (tmux/pane.ts), said once the toggle is done.
  const shadows: string[] = [];
  const read = (): ReturnType<typeof readTarget> => {
    const target = readTarget(tmux, invocation);
    shadows.push(...target.state.shadows);
    return target;
  };
  let target = read();
  const { state } = target;
  if (target.alive || !state.piped) return { ...target, autoStarted: false, shadows };
  const pane = path.join(resolveOptions(state.options, process.env).options.dir, '.run', paneRunStem(state.serverPid, state.paneId));
  // An auto hook's sh is there as soon as the pane is piped; its reader comes up a node start-up later.
  const starting = () => [...paneReaders(pane, state.socket, state.paneId), ...(state.recording === '' ? shellsRunning(autoShellMark(state.socket, state.paneId)) : [])];
  if (starting().length === 0) return { ...target, autoStarted: false, shadows };
  const unmarked = state.recording === '';
  const deadline = Date.now() + READER_START_TIMEOUT_MS;
  for (;;) {
    sleep(20);
    target = read();
    if (target.alive) return { ...target, autoStarted: unmarked, shadows };
    if (starting().length === 0) return { ...target, autoStarted: false, shadows };
    if (Date.now() > deadline) {
      if (unmarked) throw new AuditError(`${state.paneId} is still being started by auto-start; try again in a moment`);
      return { ...target, autoStarted: false, shadows };
    }
  }
}

/**
 * Whether the reader of a launched plan has reported in by `deadline` (`started`); one that has not is stopped, and
 * its run files go (should it come up later, it finds none and starts nothing): `failed`. Only its own pipe: a newer
 * start may own the pane by now. `superseded`: another start piped the pane after this one (two clients at once, each
 * seeing the other's reader not yet up); its reader owns the pane, and this one's leaves without a word
 * (cli.ts `pipe`), so it is not waited for.
 */
export function readerStarted(tmux: Tmux, paneId: string, plan: StartPlan, deadline: number): 'started' | 'superseded' | 'failed' {
  for (let round = 0; livingReader(plan.runFile) === undefined; round++) {
    const over = Date.now() > deadline;
    // The marks are asked every 0.2 s only: each look is a tmux call.
    if (over || round % 10 === 9) {
      const marked = tmux.paneRecording(paneId);
      if (marked !== '' && marked !== plan.recording.id) {
        removeRunFiles(plan.runFile, plan.recording.id);
        return 'superseded';
      }
    }
    if (over) {
      tmux.stopPipe(paneId, plan.recording.id);
      removeRunFiles(plan.runFile, plan.recording.id);
      return 'failed';
    }
    sleep(20);
  }
  return 'started';
}

function start(verb: Verb, tmux: Tmux, state: PaneState, invocation: Invocation): string[] {
  const plan = launch(tmux, state, invocation);
  // Wait for the reader's pid, so a reader that cannot start is an error, not a silent gap.
  const outcome = readerStarted(tmux, state.paneId, plan, Date.now() + READER_START_TIMEOUT_MS);
  if (outcome === 'failed') throw new AuditError(plan.readerFailed);
  if (outcome === 'superseded') {
    // Logged as asked, by the other start (its reader may still be coming up): said as had this one come second.
    const { recording } = readTarget(tmux, invocation).state;
    if (verb === 'start') chooseAction(verb, { paneId: state.paneId, recording }, true);
    return [`${state.paneId} is logged already: another start (rec ${recording})`];
  }
  if (plan.hinted) tmux.markShellHinted();
  return plan.messages;
}

function stop(tmux: Tmux, state: PaneState, alive: boolean, invocation: Invocation): string[] {
  const by = asker(invocation.clientUser, os.userInfo().username);
  const plan = planStop(state, alive, by);
  // Stopped by hand: auto-start (@audit-auto) must not start it again behind the user's back. Only the recording
  // read above: another may have started since (this toggle delayed), and it goes on.
  const request = plan.requestStopBy;
  const { stopped, said = [] } =
    request === undefined
      ? { stopped: tmux.stopPipe(state.paneId, state.recording, by) }
      : stopsByNonce(state.runFile)
        ? stopByNonce(tmux, state, request)
        : { stopped: stopOlder(tmux, state, request) };
  if (!alive) closeLostRecording(tmux, state);
  if (stopped) return [...plan.messages, ...said];
  return [stopOvertaken(state, readTarget(tmux, invocation).state.recording), ...said];
}

/** Whether the recording's reader takes a stop by its nonce; one started by an older version does not (Recording.stops). */
function stopsByNonce(runFile: string): boolean {
  try {
    return readRecording(runFile).stops !== undefined;
  } catch {
    return true; // no run file to go by: the stop's request is then nobody's, and withdrawn
  }
}

/** The signals a run-shell job gets as its server exits (server.c job_kill_all) or its user interrupts it. */
const ENDING_SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;

function stopByNonce(tmux: Tmux, state: PaneState, by: string): { stopped: boolean; said: string[] } {
  // Written before the pipe closes (its reader reads it then), so it may meet a pipe someone else closed meanwhile:
  // the nonce, which only this stop's step leaves in tmux, says whether the request is what closed it.
  const nonce = randomBytes(16).toString('hex');
  // Until the request is confirmed or withdrawn: a kill-server right after the step signals this toggle (its
  // run-shell job) before it could confirm, and the reader, its server gone, would not know the step closed the pipe.
  const ignore = (): void => {};
  for (const signal of ENDING_SIGNALS) process.on(signal, ignore);
  let stopped = false;
  const said: string[] = [];
  try {
    requestToggleStop(state.runFile, nonce, { by, pid: process.pid });
    try {
      const step = tmux.stopPipeOwn(state.paneId, state.recording, by, nonce);
      stopped = step.stopped;
      said.push(...shadowsRemoved(step.shadows));
    } finally {
      // Confirmed for a reader whose server is gone by the time it asks (a kill-server right after this stop); else
      // withdrawn, also when tmux failed (the pane gone meanwhile), or it would outlive its reader.
      (stopped ? confirmToggleStop : withdrawToggleStop)(state.runFile, nonce);
    }
  } finally {
    for (const signal of ENDING_SIGNALS) process.off(signal, ignore);
  }
  return { stopped, said };
}

/**
 * Said for each server copy of the plugin's pane options that reading the pane or a stop's step removed
 * (`<name> <value>` as tmux printed it: core/shadows.ts).
 */
function shadowsRemoved(shadows: readonly string[]): string[] {
  return shadows.map((line) => {
    const [name, ...value] = line.split(' ');
    return `removed the server option ${name} (${value.join(' ')}): someone set it (set -s), and tmux reads it before the pane's own, which would have misled the status line, starts and stops`;
  });
}

/**
 * A recording an older version started (its reader still runs after an upgrade): it reads the one `.stop` file, and
 * its start's pipe-pane left `@audit_piped_by` set, so the step cannot ask that no pipe-pane ran since.
 */
function stopOlder(tmux: Tmux, state: PaneState, by: string): boolean {
  requestStop(state.runFile, { by });
  const stopped = tmux.stopPipe(state.paneId, state.recording, by);
  // It ended meanwhile: a request its reader is no longer there to take is nobody's.
  if (!stopped && livingReader(state.runFile) === undefined) withdrawStopRequest(state.runFile);
  return stopped;
}

function perform(verb: Verb, tmux: Tmux, given: Invocation): Outcome {
  const asking = askingClient(tmux, given.client);
  // A read-only client cannot run the binding's run-shell (server-access -r); nor may the helper run in its name.
  if (asking?.readOnly) throw new AuditError(`${asking.user}'s client ${asking.name} is read-only: it cannot start or stop logging`);
  const invocation: Invocation = { pane: given.pane, clientUser: asking?.user };
  const { state, alive, autoStarted, shadows } = settledTarget(tmux, invocation);
  const removed = shadowsRemoved(shadows);
  // Toggled while auto-start was starting it: the pane looked unlogged, and is logged now, as asked.
  if (verb === 'toggle' && autoStarted) return { messages: [...removed, `${state.paneId} is logged already: auto-start (rec ${state.recording})`], version: state.version };
  const messages = chooseAction(verb, state, alive) === 'start' ? start(verb, tmux, state, invocation) : stop(tmux, state, alive, invocation);
  return { messages: [...removed, ...messages], version: state.version };
}

export function toggleLogging(tmux: Tmux, invocation: Invocation): Outcome {
  return perform('toggle', tmux, invocation);
}

export function startLogging(tmux: Tmux, invocation: Invocation): Outcome {
  return perform('start', tmux, invocation);
}

export function stopLogging(tmux: Tmux, invocation: Invocation): Outcome {
  return perform('stop', tmux, invocation);
}
