// `pipe`: the process `pipe-pane` runs for a logged pane (or any program's
// output with `pipe --file`). It owns what a process owns — fd 0, signals,
// exit, the run file's pid and stop request, messages to tmux — and wires the
// recording: input → Recorder (terminal → records) → Pipeline (drop
// accounting) → FileSink.
//
// tmux keeps whatever the reader has not taken in its own memory, without limit
// (window.c:1008, no watermark), so input is never held back for the log's sake:
// the only pause is a millisecond between reads under a flood (core/pacing.ts),
// short enough that what gathers fits in the socket; the bound on a slow disk is
// the pipeline's (pipeline/backlog.ts).

import { recordingIdentity } from '../capture/identity.ts';
import { Recorder } from '../capture/recorder.ts';
import type { ScreenSource } from '../capture/screen.ts';
import { Stamper } from '../capture/stamper.ts';
import { cannotWrite } from '../core/plan.ts';
import { BEAT_MS } from '../core/status.ts';
import { OPTION_NAMES } from '../core/options.ts';
import { BacklogGuard } from '../pipeline/backlog.ts';
import { Hold } from '../pipeline/hold.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import { readInput } from '../runtime/input.ts';
import { removeRunFiles, takeStopRequest, writeReaderPid, writeRecording, type Recording } from '../runtime/runfile.ts';
import { FileSink } from '../sinks/file/sink.ts';
import type { WriteFn } from '../sinks/file/writer.ts';
import { Tmux } from '../tmux/client.ts';

/** After SIGUSR1, how long input must be quiet before the reader finishes. */
const QUIET_STOP_MS = 200;
/** The reader's own clock is watched this often; a gap this long between two looks is a stall. */
const TICK_MS = 1000;
const STALL_MS = 5000;

/** What the reader can be given instead of the real thing (a slow or failing disk, under test). */
export interface ReaderDependencies {
  write?: WriteFn;
}

/**
 * Reads stdin into `recording.file` until end of input or a signal. With a
 * `runFile` (the pipe-pane case) it also keeps the pid file, honours a stop
 * request and reports to tmux; without one it is a plain stamping filter.
 */
export function runPipe(recording: Recording, runFile?: string, dependencies: ReaderDependencies = {}): void {
  if (runFile) writeReaderPid(runFile);
  const tmux = new Tmux(recording.socket);
  const tell = (text: string, error = false): void => {
    // `pipe --file` has no message line; its stderr is the user's (pipe-pane's is /dev/null).
    if (!recording.socket) return void process.stderr.write(`tmux-audit: ${text}\n`);
    tmux.messageLater(`tmux-audit: ${text}`, { version: recording.version, error });
  };

  let sink: FileSink;
  try {
    sink = openSink();
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    throw failure.code ? cannotWrite(recording.file, failure) : failure; // a refusal (AuditError) already says why
  }
  function openSink(): FileSink {
    return new FileSink(recording.file, recording.timeFormat, {
      maxBytes: recording.maxBytes,
      maxFiles: recording.maxFiles,
      write: dependencies.write,
      // The essentials first: a narrow message line cuts the end off.
      onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, true),
      onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
      onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, true),
      // Once per reader: from now on every rotation deletes one, which the user chose, but should hear of once.
      onFirstPrune: (file) => tell(`deleted ${file}, the oldest rotated log (${OPTION_NAMES.maxFiles} is ${recording.maxFiles}; 'all' keeps every one)`, true),
      // Removed while logging: said first thing in the new file and once in the message line. The
      // run and pid files went with a removed directory; without them the next toggle would take
      // this reader for dead instead of stopping it.
      onLost: (what) => {
        // It goes first into the new file, ahead of the lines still waiting: stamped no later than they are.
        recorder.event('lost', { what }, sink.waitingSince);
        pipeline.flush();
        if (runFile && what === 'directory') {
          try {
            writeRecording(runFile, recording);
            writeReaderPid(runFile);
          } catch {
            // The log is being written again; a toggle then finds no reader and says so.
          }
        }
        tell(`the log ${what} was removed while ${recording.paneId} was logged; earlier lines are gone, logging goes on in a new ${recording.file}`, true);
      },
      // `pipe --file` may write into any directory the user names (/tmp, a shared project directory): used as it is.
      directory: runFile ? 'private' : 'as-is',
    });
  }
  const stamper = new Stamper(recordingIdentity(recording));
  const guard = new BacklogGuard({
    pressure: () => sink.backlog,
    dropped: (lines, chars, time) => stamper.event('dropped', { lines, chars, reason: 'log writer backlog' }, time),
  });
  const hold = new Hold();
  // The hold comes first: what it keeps back is then counted by the guard as it goes on.
  const pipeline = new Pipeline([hold, guard], [sink]);
  const recorder = new Recorder(stamper, pipeline, {
    now: Date.now,
    screen: recording.socket ? screenOf(tmux, recording.paneId) : undefined,
    width: recording.width,
    noAlternateScreen: recording.noAlternateScreen,
    // `pipe --file` stamps a program's output, which no terminal turned into CR LF.
    newlineReturns: !runFile,
    height: recording.height,
    paneWidth: recording.socket ? (done) => tmux.paneWidth(recording.paneId, done) : undefined,
    shellKeys: recording.socket ? { registered: (pid, done) => tmux.registeredShell(recording.paneId, pid, done) } : undefined,
    hold,
  });

  recorder.start({ by: recording.by, pane: recording.paneId || undefined, pid: process.pid, file: recording.file, shell: recording.shell }, recording.seed ?? '', Boolean(recording.alternateScreen), recording.rowsAbove);

  // The heartbeat the status format checks (core/status.ts), and a watch on our own clock: a reader that
  // did not run for a while (stopped with SIGSTOP, starved, swapped out) says so in the log when it runs again.
  let lastTick = Date.now();
  const watch = setInterval(() => {
    const now = Date.now();
    if (now - lastTick >= STALL_MS) recorder.event('stall', { ms: now - lastTick, reason: 'the reader did not run' });
    lastTick = now;
  }, TICK_MS);
  watch.unref();
  if (recording.socket) {
    const beat = setInterval(() => tmux.beat(recording.paneId), BEAT_MS);
    beat.unref();
  }

  /** Set by SIGUSR1: finish once input has been quiet this long (what a dead pane printed last is drained first). */
  let quietStop: NodeJS.Timeout | undefined;
  const stopReading = readInput({
    data: (chunk) => {
      recorder.push(chunk);
      quietStop?.refresh();
    },
    end: () => void finish('eof'),
    error: (error) => void finish(`input-error:${error.code ?? 'unknown'}`),
  });

  let finishing = false;
  const finish = async (reason: string): Promise<void> => {
    if (finishing) return;
    finishing = true;
    stopReading();
    recorder.endOfInput();
    const stop = runFile ? takeStopRequest(runFile) : undefined;
    const fields = stop ? { reason: stop.reason ?? 'toggle', status: stop.status, by: stop.by } : reason === 'eof' ? endOfInput(tmux, recording) : { reason };
    // A toggle clears the marks itself; every other ending clears them here, so the status stops saying REC at once.
    if (recording.socket && !stop?.by) {
      try {
        tmux.clearMarks(recording.paneId, recording.id);
      } catch {
        // the server is gone
      }
    }
    await recorder.stop(fields);
    if (runFile) removeRunFiles(runFile, recording.id);
    process.exit(0);
  };

  process.on('uncaughtException', (error) => {
    // The supervising shell (see core/plan.ts) records the stop; here, say why while we still can.
    setTimeout(() => process.exit(70), 2000); // whatever happens to the close below
    try {
      recorder.event('error', { message: error.message });
    } finally {
      void pipeline.close().finally(() => process.exit(70));
    }
  });
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, () => void finish(signal));
  // The pane died under remain-on-exit (commands/died.ts left a stop request saying so).
  process.on('SIGUSR1', () => {
    quietStop ??= setTimeout(() => void finish('SIGUSR1'), QUIET_STOP_MS);
  });
}

/** The program that enters the alternate screen, asked of tmux asynchronously, so the reader keeps draining meanwhile. */
function screenOf(tmux: Tmux, paneId: string): ScreenSource {
  return { program: (done) => tmux.currentCommand(paneId, done), alternate: (done) => tmux.alternateOn(paneId, done) };
}

/** Why the pipe closed when nobody toggled, and who closed it when it was closed by hand: asked of tmux, which may be gone too. */
function endOfInput(tmux: Tmux, recording: Recording): { reason: string; by?: string } {
  if (!recording.socket) return { reason: 'eof' };
  const { fate, pipedBy } = tmux.paneFate(recording.paneId);
  if (fate === 'gone') return { reason: 'pane-closed' };
  if (fate === 'dead') return { reason: 'pane-exited' };
  if (fate === 'alive') return { reason: 'pipe-closed', by: pipedBy || undefined };
  return { reason: 'server-exit' };
}
