// The decisions behind the pane commands (toggle, start, stop, status) and
// `pipe --file`, as pure functions: whether to start or stop, what to write,
// which command pipe-pane runs, what to tell the user. src/commands/ gathers
// the facts (from tmux, the file system, the process) and carries a plan out.

import path from 'node:path';
import { AuditError } from './errors.ts';
import { startContext, type AttachedClient } from './context.ts';
import { OPTION_NAMES, resolveOptions, type AuditOptions } from './options.ts';
import { runFilePath, sessionLogPath } from './paths.ts';
import type { Recording } from '../runtime/runfile.ts';
import { shellQuoteForFormat } from '../tmux/quote.ts';
import type { PaneState } from '../tmux/pane.ts';

/**
 * A young generation of 1 MB makes V8 collect the reader's short-lived strings
 * and buffers promptly: under a flood it cut the reader's peak RSS by about a
 * third, at no cost in speed (measured with `/usr/bin/time -f %M` on a 256 MiB
 * flood through `pipe --file`). It must be given at start; set from inside the
 * process it has no effect.
 *
 * `--single-threaded` keeps V8's own work (optimising compiles, garbage
 * collection's helpers) on the reader's one thread. The CPU is the same, but
 * on V8's worker threads it ran beside the reader, on the core tmux needs: on
 * 2 cores a 42 MB flood through tmux went from 0.82–0.90× to 0.89–0.97× `cat`
 * (paired medians, +0.03 to +0.12 in each of four quiet runs), tmux waiting
 * less for a CPU, the reader's peak memory lower. Its price: a compile now
 * pauses the reader (up to ~80 ms seen), so tmux holds a little more
 * meanwhile (+0.5 MB in a 1 GiB flood), and a reader
 * with a core to itself warms up ~0.1 s later (BENCHMARKS.md, stop 35). The
 * reader uses no V8 thread otherwise (its background work is libuv's: file
 * writes, gzip, hashing).
 */
export const READER_NODE_FLAGS = '--max-semi-space-size=1 --single-threaded';

export type Verb = 'toggle' | 'start' | 'stop';

/**
 * What `verb` does to a pane: a toggle stops a recording whose reader runs and
 * starts otherwise. `start` of a logged pane and `stop` of a pane with no
 * recording are errors; `stop` of a recording whose reader died still clears it.
 */
export function chooseAction(verb: Verb, state: Pick<PaneState, 'paneId' | 'recording'>, recordingAlive: boolean): 'start' | 'stop' {
  if (verb === 'toggle') return recordingAlive ? 'stop' : 'start';
  if (verb === 'start' && recordingAlive) throw new AuditError(`${state.paneId} is already being logged (rec ${state.recording})`);
  if (verb === 'stop' && state.recording === '') throw new AuditError(`${state.paneId} is not being logged`);
  return verb;
}

/** Who asked: the client's user when tmux knows it (3.3 and later), else whoever runs the helper. */
export function asker(clientUser: string | undefined, username: string): string {
  return clientUser || username;
}

/**
 * What pipe-pane runs for a recording. `node` must be an absolute path:
 * pipe-pane's child inherits the server's PATH, not ours (cmd-pipe-pane.c:124–161).
 * The shell stays as the reader's parent (about 1 MB, mostly shared) so that a
 * reader that dies (kill -9, OOM, crash) is followed by `recover`, which closes
 * the recording and tells the user. `<&-` lets go of the pane's pipe at once,
 * so tmux drops it at the pane's next output (cmd-pipe-pane.c:217).
 * tmux still expands `%` and `#` in it: pass it through literal() to tmux.
 */
export function pipeCommand(node: string, bundle: string, runFile: string): string {
  const quotedNode = shellQuoteForFormat(node);
  const quotedBundle = shellQuoteForFormat(bundle);
  const quotedRunFile = shellQuoteForFormat(runFile);
  const reader = `${quotedNode} ${READER_NODE_FLAGS} ${quotedBundle}`;
  const helper = `${quotedNode} ${quotedBundle}`;
  return `${reader} pipe ${quotedRunFile} || exec ${helper} recover ${quotedRunFile} "$?" <&-`;
}

export interface StartFacts {
  state: PaneState;
  /** resolveOptions(state.options, env): the options to use and what fell back to a default. */
  options: AuditOptions;
  warnings: string[];
  /** Whether options.dir exists yet (opening the log creates it). */
  dirExists: boolean;
  /** The new recording's id. */
  id: string;
  /** Who runs the helper, the tmux server's owner: the user on every line. */
  username: string;
  /** `#{client_user}` of the client that asked, if tmux knows it. */
  clientUser?: string;
  /** Who the start event names when no client asked (auto-start: core/auto.ts). */
  by?: string;
  /** The clients attached to the pane's session now, for the start event's context. */
  clients?: AttachedClient[];
  /** The node and the bundle running now (absolute): pipe-pane must start the same ones. */
  node: string;
  bundle: string;
  /** A living shell in the pane has registered its key with tmux (shell/integration.*). */
  integrated: boolean;
  /** The plugin's directory, for the line to add to an rc file. */
  pluginDir: string;
  /** Whether the plugin has this file (relative to pluginDir). */
  shipped: (file: string) => boolean;
}

/** The rc file and snippet for a shell the plugin integrates with, by the pane's current command. */
const SHELL_RC: Readonly<Record<string, { rc: string; snippet: string }>> = {
  bash: { rc: '~/.bashrc', snippet: 'integration.bash' },
  zsh: { rc: '~/.zshrc', snippet: 'integration.zsh' },
  fish: { rc: '~/.config/fish/config.fish', snippet: 'integration.fish' },
};

/** The one line that makes a shell's commands records, said once per server and only at a prompt of a shell we know. */
export function integrationHint(facts: Pick<StartFacts, 'integrated' | 'pluginDir' | 'state' | 'shipped'>): string | undefined {
  if (facts.integrated || facts.state.shellHinted) return undefined;
  const shell = SHELL_RC[facts.state.command.replace(/^-/, '')];
  // A checkout without the snippets (an older one, a trimmed copy): no tip that would make every shell print an error.
  if (!shell || !facts.shipped(`shell/${shell.snippet}`)) return undefined;
  return `tip: to log each command with its exit status, add to ${shell.rc}: source ${facts.pluginDir}/shell/${shell.snippet}`;
}

export interface StartPlan {
  file: string;
  runFile: string;
  /**
   * Where the cursor is, whose line's text left of it becomes the recording's
   * seed: pipe-pane starts at the current position (cmd-pipe-pane.c:168), so the
   * prompt already on screen would be missing from the first line. None in the
   * alternate screen, which is recorded as snapshots instead (seed '').
   */
  seedAt?: { x: number; y: number };
  recording: Omit<Recording, 'seed' | 'rowsAbove'>;
  /** What pipe-pane runs (before literal()). */
  command: string;
  /** What to say once the reader has reported in, most important first. */
  messages: string[];
  /** The shell-integration tip is among the messages: note that it was given. */
  hinted: boolean;
  /** The error when it does not. */
  readerFailed: string;
}

export function planStart(facts: StartFacts): StartPlan {
  const { state, options } = facts;
  const file = sessionLogPath(options.dir, state.session, state.socket);
  const runFile = runFilePath(options.dir, state.serverPid, state.paneId, facts.id);
  const messages = [`logging ${state.paneId} → ${file} (rec ${facts.id})`];
  if (state.recording !== '') messages.push(`previous recording ${state.recording} of ${state.paneId} had stopped unexpectedly`);
  messages.push(...facts.warnings);
  if (!facts.dirExists) messages.push(`${OPTION_NAMES.dir}: created ${options.dir} (mode 0700)`);
  const hint = integrationHint(facts);
  if (hint) messages.push(hint);
  return {
    file,
    runFile,
    seedAt: state.alternateScreen ? undefined : { x: state.cursorX, y: state.cursorY },
    recording: {
      id: facts.id,
      file,
      user: facts.username,
      by: facts.by ?? asker(facts.clientUser, facts.username),
      session: state.session,
      window: state.window,
      pane: state.pane,
      paneId: state.paneId,
      socket: state.socket,
      version: state.version,
      timeFormat: options.timeFormat,
      format: options.format,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      rotate: options.rotate,
      maxAgeMs: options.maxAgeMs,
      compress: options.compress,
      chainKey: options.chainKey,
      alternateScreen: state.alternateScreen,
      ...(state.alternateScreenAllowed ? {} : { noAlternateScreen: true }),
      width: state.width,
      height: state.height,
      ...(state.tty ? { tty: state.tty } : {}),
      ...(options.cast ? { cast: true } : {}),
      shell: facts.integrated ? 'integrated' : 'plain',
      context: startContext({
        host: state.host,
        command: state.command,
        cwd: state.cwd,
        windowName: state.windowName,
        socket: state.socket,
        clients: facts.clients ?? [],
      }),
      ...(options.redact ? {} : { redact: false }),
      ...(options.redactPatterns ? { redactPatterns: options.redactPatterns } : {}),
      ...(options.syslog ? { syslog: options.syslog } : {}),
      stops: 'nonce',
    },
    command: pipeCommand(facts.node, facts.bundle, runFile),
    messages,
    hinted: hint !== undefined,
    readerFailed: `the log reader for ${state.paneId} did not start (${facts.node} ${facts.bundle})`,
  };
}

/** The error for a log file that cannot be opened for appending. */
export function cannotWrite(file: string, failure: NodeJS.ErrnoException): AuditError {
  return new AuditError(`cannot write ${file}: ${failure.code === 'ELOOP' ? 'it is a symlink (refused)' : failure.message}`);
}

export interface StopPlan {
  /** Tell the reader, before its pipe closes, that a user stopped it and who; absent when no reader runs. */
  requestStopBy?: string;
  messages: string[];
}

export function planStop(state: Pick<PaneState, 'paneId' | 'recording'>, recordingAlive: boolean, by: string): StopPlan {
  return recordingAlive
    ? { requestStopBy: by, messages: [`stopped logging ${state.paneId} (rec ${state.recording})`] }
    : { messages: [`logging of ${state.paneId} had already stopped unexpectedly (rec ${state.recording})`] };
}

/** What a stop says when the recording it read had ended before its step reached tmux; `now`: the pane's recording then. */
export function stopOvertaken(state: Pick<PaneState, 'paneId' | 'recording'>, now: string): string {
  const after = now === '' ? `${state.paneId} is not logged` : `rec ${now} logs ${state.paneId} now; nothing stopped it`;
  return `rec ${state.recording} of ${state.paneId} had ended meanwhile; ${after}`;
}

/** The `status` line; `live` is the recording and its reader's pid while the reader runs. */
export function describePane(
  state: Pick<PaneState, 'paneId' | 'session' | 'window' | 'pane' | 'recording'>,
  live?: { recording: Pick<Recording, 'file' | 'id' | 'by'>; pid: number | undefined },
): string {
  const where = `${state.paneId} (${state.session}:${state.window}.${state.pane})`;
  if (state.recording === '') return `${where} is not being logged`;
  if (!live) return `${where}: logging stopped unexpectedly (rec ${state.recording}); toggle to start again`;
  return `${where} is being logged to ${live.recording.file} (rec ${live.recording.id}, started by ${live.recording.by}, reader pid ${live.pid})`;
}

export interface FilterOptions {
  file: string;
  session: string;
  timeFormat: string;
  maxSize: string;
  maxFiles: string;
  /** `--no-redact`. */
  redact?: boolean;
  syslog?: string;
  syslogFacility?: string;
}

/** A recording for `pipe --file`: stdin of any program, stamped into a file, no tmux involved. */
export function filterRecording(
  filter: FilterOptions,
  facts: { id: string; username: string; env: NodeJS.ProcessEnv; cwd: string },
): { recording: Recording; warnings: string[] } {
  const { options, warnings } = resolveOptions(
    { dir: '', timeFormat: filter.timeFormat, maxSize: filter.maxSize, maxFiles: filter.maxFiles, format: '', cast: '', syslog: filter.syslog, syslogFacility: filter.syslogFacility },
    facts.env,
  );
  return {
    recording: {
      id: facts.id,
      file: path.resolve(facts.cwd, filter.file),
      user: facts.username,
      by: facts.username,
      session: filter.session,
      window: '0',
      pane: '0',
      paneId: '',
      socket: '',
      version: '',
      timeFormat: options.timeFormat,
      format: options.format,
      maxBytes: options.maxBytes,
      maxFiles: options.maxFiles,
      // A filter's file is the user's own: rotated by size only, nothing compressed or aged out unasked.
      rotate: 'size',
      compress: false,
      seed: '',
      ...(filter.redact === false ? { redact: false } : {}),
      ...(options.syslog ? { syslog: options.syslog } : {}),
      stops: 'nonce',
    },
    warnings,
  };
}
