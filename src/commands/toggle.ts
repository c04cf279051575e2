// What the key binding and the `start`/`stop`/`toggle`/`status` commands do:
// decide from the pane's state, act through tmux.ts, and return the words for
// the user. Printing them is the CLI's job.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nanoid } from 'nanoid';
import { AuditError } from '../core/errors.ts';
import { appendLines, openAppend } from '../sinks/file/writer.ts';
import { OPTION_NAMES, resolveOptions } from '../core/options.ts';
import { runFilePath, sessionLogPath } from '../core/paths.ts';
import { livingReader, readRecording, recordingEvent, requestStop, writeRecording, type Recording } from '../runtime/runfile.ts';
import { shellQuote, Tmux, type PaneState } from '../tmux/client.ts';

export interface Invocation {
  /** Target pane (`%3`, `main:1.0`, ...); empty means the pane the command runs in. */
  pane: string;
  /** The user behind the client that asked (`#{client_user}`), if tmux knows it. */
  clientUser?: string;
}

export interface Outcome {
  /** Lines for the user, most important first. */
  messages: string[];
  /** tmux version, for how to show them. */
  version: string;
}

/**
 * A young generation of 1 MB makes V8 collect the reader's short-lived strings
 * and buffers promptly: under a flood it cut the reader's peak RSS by about a
 * third, at no cost in speed (measured with `/usr/bin/time -f %M` on a 256 MiB
 * flood through `pipe --file`). It must be given at start; set from inside the
 * process it has no effect.
 */
export const READER_NODE_FLAGS = '--max-semi-space-size=1';

/** How long `start` waits for the reader to report in before calling it a failure. */
const READER_START_TIMEOUT_MS = 3000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function paneOf(tmux: Tmux, invocation: Invocation): PaneState {
  return tmux.paneState(invocation.pane || process.env.TMUX_PANE || '');
}

function whoAsked(invocation: Invocation): string {
  return invocation.clientUser || os.userInfo().username;
}

function recordingAlive(state: PaneState): boolean {
  return state.recording !== '' && state.piped && livingReader(state.runFile) !== undefined;
}

/** The bundle (dist/audit.cjs) that is running now: pipe-pane must start the same one. */
function helperPath(): string {
  return fs.realpathSync(process.argv[1]!);
}

function start(tmux: Tmux, state: PaneState, invocation: Invocation): string[] {
  const messages: string[] = [];
  if (state.recording !== '') messages.push(`previous recording ${state.recording} of ${state.paneId} had stopped unexpectedly`);
  const { options, warnings } = resolveOptions(state.options, process.env);
  const file = sessionLogPath(options.dir, state.session, state.socket);
  if (!fs.existsSync(options.dir)) warnings.push(`${OPTION_NAMES.dir}: created ${options.dir} (mode 0700)`);
  try {
    fs.closeSync(openAppend(file));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    throw new AuditError(`cannot write ${file}: ${failure.code === 'ELOOP' ? 'it is a symlink (refused)' : failure.message}`);
  }

  const id = nanoid(10);
  const runFile = runFilePath(options.dir, state.serverPid, state.paneId);
  writeRecording(runFile, {
    id,
    file,
    user: os.userInfo().username,
    by: whoAsked(invocation),
    session: state.session,
    window: state.window,
    pane: state.pane,
    paneId: state.paneId,
    socket: state.socket,
    version: state.version,
    timeFormat: options.timeFormat,
    maxBytes: options.maxBytes,
    maxFiles: options.maxFiles,
    // pipe-pane starts at the current position (cmd-pipe-pane.c:168): the prompt
    // already on screen would be missing from the first line without this.
    seed: state.alternateScreen ? '' : tmux.textBeforeCursor(state.paneId, state.cursorX, state.cursorY),
    alternateScreen: state.alternateScreen,
  });
  // pipe-pane's child inherits the server's PATH, not ours: name node by its full path.
  // The shell stays as the reader's parent (about 1 MB, mostly shared) so that a
  // reader that dies (kill -9, OOM, crash) is followed by `recover`, which closes
  // the recording and tells the user. `<&-` lets go of the pane's pipe at once,
  // so tmux drops it at the pane's next output (cmd-pipe-pane.c:217).
  const node = shellQuote(process.execPath);
  const bundle = shellQuote(helperPath());
  const helper = `${node} ${bundle}`;
  const reader = `${node} ${READER_NODE_FLAGS} ${bundle}`;
  const command = `${reader} pipe ${shellQuote(runFile)} || exec ${helper} recover ${shellQuote(runFile)} "$?" <&-`;
  tmux.startPipe(state.paneId, command, id, runFile);

  const deadline = Date.now() + READER_START_TIMEOUT_MS;
  while (livingReader(runFile) === undefined) {
    if (Date.now() > deadline) {
      tmux.stopPipe(state.paneId);
      throw new AuditError(`the log reader for ${state.paneId} did not start (${process.execPath} ${helperPath()})`);
    }
    sleep(20);
  }
  messages.unshift(`logging ${state.paneId} → ${file} (rec ${id})`);
  return [...messages, ...warnings];
}

function stop(tmux: Tmux, state: PaneState, invocation: Invocation): string[] {
  const alive = recordingAlive(state);
  if (alive) requestStop(state.runFile, whoAsked(invocation));
  tmux.stopPipe(state.paneId);
  return alive
    ? [`stopped logging ${state.paneId} (rec ${state.recording})`]
    : [`logging of ${state.paneId} had already stopped unexpectedly (rec ${state.recording})`];
}

export function toggleLogging(invocation: Invocation): Outcome {
  const tmux = new Tmux();
  const state = paneOf(tmux, invocation);
  const messages = recordingAlive(state) ? stop(tmux, state, invocation) : start(tmux, state, invocation);
  return { messages, version: state.version };
}

export function startLogging(invocation: Invocation): Outcome {
  const tmux = new Tmux();
  const state = paneOf(tmux, invocation);
  if (recordingAlive(state)) throw new AuditError(`${state.paneId} is already being logged (rec ${state.recording})`);
  return { messages: start(tmux, state, invocation), version: state.version };
}

export function stopLogging(invocation: Invocation): Outcome {
  const tmux = new Tmux();
  const state = paneOf(tmux, invocation);
  if (state.recording === '') throw new AuditError(`${state.paneId} is not being logged`);
  return { messages: stop(tmux, state, invocation), version: state.version };
}

/**
 * After a session is renamed (hook session-renamed): each of its recordings
 * keeps its file and stamps (the log names where a line was printed when it
 * was printed), and gets a `rename` event naming the new session.
 */
export function noteRename(session: string): Outcome {
  const tmux = new Tmux();
  const { name, panes } = tmux.loggedPanes(session);
  for (const pane of panes) {
    let recording: Recording;
    try {
      recording = readRecording(pane.runFile);
    } catch {
      continue; // stopped meanwhile
    }
    if (recording.id !== pane.recording || livingReader(pane.runFile) === undefined) continue;
    appendLines(recording.file, recordingEvent(recording, 'rename', { to: name }));
  }
  return { messages: [], version: '' };
}

export interface FilterOptions {
  file: string;
  session: string;
  timeFormat: string;
  maxSize: string;
  maxFiles: string;
}

/** A recording for `pipe --file`: stdin of any program, stamped into a file, no tmux involved. */
export function filterRecording(filter: FilterOptions): { recording: Recording; warnings: string[] } {
  const { options, warnings } = resolveOptions({ dir: '', timeFormat: filter.timeFormat, maxSize: filter.maxSize, maxFiles: filter.maxFiles }, process.env);
  const user = os.userInfo().username;
  return {
    recording: {
      id: nanoid(10),
      file: path.resolve(filter.file),
      user,
      by: user,
      session: filter.session,
      window: '0',
      pane: '0',
      paneId: '',
      socket: '',
      version: '',
      timeFormat: options.timeFormat,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      seed: '',
    },
    warnings,
  };
}

export function describeLogging(invocation: Invocation): Outcome {
  const tmux = new Tmux();
  const state = paneOf(tmux, invocation);
  const where = `${state.paneId} (${state.session}:${state.window}.${state.pane})`;
  let message: string;
  if (state.recording === '') message = `${where} is not being logged`;
  else if (!recordingAlive(state)) message = `${where}: logging stopped unexpectedly (rec ${state.recording}); toggle to start again`;
  else {
    const recording = readRecording(state.runFile);
    message = `${where} is being logged to ${recording.file} (rec ${recording.id}, started by ${recording.by}, reader pid ${livingReader(state.runFile)})`;
  }
  return { messages: [message], version: state.version };
}
