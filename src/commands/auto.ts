// Auto-start (`@audit-auto on`, decisions in core/auto.ts): the hooks that
// start every new pane's logging, the start of every pane there when the
// plugin loads, and the reader an auto hook's pipe runs, which sets its own
// recording up.

import fs from 'node:fs';
import os from 'node:os';
import { nanoid } from 'nanoid';
import { AUTO_BY, AUTO_HOOKS, autoHookCommand, autoOn, panesToStart } from '../core/auto.ts';
import { OPTIONS, PANE_OPTIONS, resolveOptions } from '../core/options.ts';
import { cannotWrite, planStart } from '../core/plan.ts';
import { livingReader, readersByAge, removeRunFiles, requestStop, waitForReaders, writeReaderPid, writeRecording } from '../runtime/runfile.ts';
import { rearmIfAuto } from './died.ts';
import { openAppend } from '../sinks/file/safe-fs.ts';
import { Tmux } from '../tmux/client.ts';
import { readPane } from '../tmux/pane.ts';
import { runPipe } from './pipe.ts';
import { recoverReader } from './recover.ts';
import { launch, READER_START_TIMEOUT_MS, readerStarted, type Outcome } from './toggle.ts';

/** Sets the auto hooks at `index` when @audit-auto is on, removes them when it is not: sourcing the config again follows the option. */
export function setAutoHooks(tmux: Tmux, index: number): Outcome {
  const on = autoOn(tmux.globalOption(OPTIONS.auto.name));
  const command = on ? autoHookCommand(process.execPath, fs.realpathSync(process.argv[1]!), tmux.socketPath()) : undefined;
  for (const hook of AUTO_HOOKS) tmux.setHook(hook, index, command);
  return { messages: [], version: '' };
}

/**
 * Starts every pane of the server that is not logged (core/auto.ts
 * panesToStart), as the toggle does but without a client, then waits for all
 * their readers at once: fifty panes cost fifty reader start-ups side by side,
 * not one after another.
 */
export function startAllPanes(tmux: Tmux): Outcome {
  const rows = tmux.autoRows();
  const started = [];
  const failed: string[] = [];
  let version = '';
  for (const paneId of panesToStart(rows, (row) => livingReader(row.runFile) !== undefined)) {
    try {
      const state = readPane(tmux, paneId);
      version = state.version;
      started.push({ paneId, plan: launch(tmux, state, { pane: paneId }, AUTO_BY) });
    } catch (error) {
      failed.push(`${paneId}: ${(error as Error).message}`);
    }
  }
  const deadline = Date.now() + READER_START_TIMEOUT_MS;
  for (const { paneId, plan } of started) if (readerStarted(tmux, paneId, plan, deadline) === 'failed') failed.push(plan.readerFailed);
  return { messages: failed.length > 0 ? [`auto-start failed for ${failed.join('; ')}`] : [], version };
}

/**
 * The reader an auto hook's pipe runs (core/auto.ts autoPipeCommand): it
 * reads the new pane's state, writes the run file and marks the pane as the
 * toggle would, then reads. tmux holds what the pane prints meanwhile, so the
 * log starts at the pane's first byte: no seed, and the alternate screen is
 * whatever that output switches to.
 */
export function runAutoReader(socket: string, paneId: string, respawned = false): void {
  const tmux = new Tmux(socket);
  const state = readPane(tmux, paneId);
  const { options } = resolveOptions(state.options, process.env);
  const plan = planStart({
    state,
    options,
    warnings: [],
    dirExists: fs.existsSync(options.dir),
    id: nanoid(10),
    username: os.userInfo().username,
    clients: tmux.clientsOf(state.sessionId),
    by: AUTO_BY,
    node: process.execPath,
    bundle: fs.realpathSync(process.argv[1]!),
    // A new pane's shell has not registered yet; its key is asked for when it does (capture/commands.ts).
    integrated: false,
    pluginDir: '',
    shipped: () => false,
  });
  // Before the run file and the marks: an older reader of the pane (its pipe just closed by ours) writes its stop
  // and clears its marks first, and this recording's start comes after that stop (issue 15: stamps in order).
  // A newer one (a toggle's, or another hook's) has closed our pipe and owns the pane: its run file and marks,
  // written before its pipe-pane, are left alone, and what the pane printed is in its seed and history.
  const { older, newer } = readersByAge(plan.runFile, plan.recording.socket, paneId);
  if (newer.length > 0) return;
  waitForReaders(older);
  try {
    fs.closeSync(openAppend(plan.file));
  } catch (error) {
    const failure = cannotWrite(plan.file, error as NodeJS.ErrnoException);
    tmux.message(`tmux-audit: auto-start of ${paneId}: ${failure.message}`, { version: state.version, error: true });
    return;
  }
  // A respawned pane was piped by the re-arm loop up to 0.2 s after its program started (core/auto.ts
  // rearmScript): what it already shows, to the cursor's line, is the history block, as at a start by hand.
  // Rows printed after the pipe opened and before this capture are in both (the block says when it was captured).
  const history = respawned && options.history && !state.alternateScreen ? { time: Date.now(), rows: tmux.rowsAbove(paneId, state.cursorY + 1, options.historyLines) } : undefined;
  const recording = { ...plan.recording, alternateScreen: false, seed: '', ...(history && history.rows.length > 0 ? { history } : {}) };
  writeRecording(plan.runFile, recording);
  // The pane-died hook (commands/died.ts) signals the reader it finds through the marks: one that
  // comes before runPipe listens would kill it (SIGUSR1's default), so it is kept for runPipe.
  let earlyStop = false;
  const keepStop = (): void => void (earlyStop = true);
  process.on('SIGUSR1', keepStop);
  // The pid before the marks: a toggle that sees the marks must find a living reader to stop.
  writeReaderPid(plan.runFile);
  if (!tmux.markPipe(paneId, recording.id, plan.runFile)) {
    // Marked meanwhile by a newer reader (this one stalled after its look above), or stopped by hand: it owns the
    // pane, and this recording, not yet started, leaves nothing.
    process.off('SIGUSR1', keepStop);
    removeRunFiles(plan.runFile, recording.id);
    return;
  }
  // A pane whose program exited before these marks were set (`new-session 'exit 1'` under
  // remain-on-exit) had its pane-died hook run `died` while nothing named a recording here: it
  // found none and left no stop. Asked now, after the marks, tmux (which runs commands one at a
  // time) either had the pane dead already, or runs that hook later and `died` finds this reader.
  const dead = deadStatus(tmux, paneId);
  if (dead !== undefined) {
    requestStop(plan.runFile, { reason: 'pane-exited', status: dead || undefined });
    rearmIfAuto(tmux, paneId, recording.id, plan.runFile);
  }
  runPipe(recording, plan.runFile);
  process.off('SIGUSR1', keepStop);
  // runPipe's own SIGUSR1 handler drains what the pane printed last, then stops with the request.
  if (earlyStop || dead !== undefined) process.kill(process.pid, 'SIGUSR1');
}

/** The exit status of a dead pane ('' when tmux has none, e.g. killed by a signal: #{pane_dead_signal}), or undefined while it lives. */
function deadStatus(tmux: Tmux, paneId: string): string | undefined {
  const [dead, status = ''] = tmux.run(['display-message', '-p', '-t', paneId, `#{pane_dead} #{pane_dead_status}`]).trim().split(' ');
  return dead === '1' ? status : undefined;
}

/** What an auto pipe's shell runs when its reader died: the pane's marks name the run file to close. */
export function recoverPane(socket: string, paneId: string, status: number): void {
  let runFile = '';
  try {
    const tmux = new Tmux(socket);
    // The pane's own: a server copy, which a format finds first (core/shadows.ts), would name anyone's file.
    runFile = tmux.paneOption(paneId, PANE_OPTIONS.runFile).trim();
  } catch {
    return;
  }
  if (runFile !== '') recoverReader(runFile, status);
}
