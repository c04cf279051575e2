// `pipe`: the process `pipe-pane` runs for a logged pane (or any program's
// output with `pipe --file`). It owns what a process owns — fd 0, signals,
// exit, the run file's pid and stop request, messages to tmux — and wires the
// recording: input → Recorder (terminal → records) → Pipeline (drop
// accounting) → FileSink.
//
// tmux keeps whatever the reader has not taken in its own memory, without limit
// (window.c:1008, no watermark), so input is never paused; the bound is the
// pipeline's (pipeline/backlog.ts).

import { recordingIdentity } from '../capture/identity.ts';
import { Recorder } from '../capture/recorder.ts';
import type { ScreenSource } from '../capture/screen.ts';
import { Stamper } from '../capture/stamper.ts';
import { BacklogGuard } from '../pipeline/backlog.ts';
import { Pipeline } from '../pipeline/pipeline.ts';
import { readInput } from '../runtime/input.ts';
import { removeRunFiles, takeStopRequest, writeReaderPid, type Recording } from '../runtime/runfile.ts';
import { FileSink } from '../sinks/file/sink.ts';
import type { WriteFn } from '../sinks/file/writer.ts';
import { Tmux } from '../tmux/client.ts';

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
    if (!recording.socket) return;
    try {
      tmux.message(`tmux-audit: ${text}`, { version: recording.version, error });
    } catch {
      // The server may be gone (kill-server); the log still says what happened.
    }
  };

  const sink = new FileSink(recording.file, recording.timeFormat, {
    maxBytes: recording.maxBytes,
    maxFiles: recording.maxFiles,
    write: dependencies.write,
    // The essentials first: a narrow message line cuts the end off.
    onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, true),
    onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
    onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, true),
  });
  const stamper = new Stamper(recordingIdentity(recording));
  const guard = new BacklogGuard({
    pressure: () => sink.backlog,
    dropped: (lines, chars) => stamper.event('dropped', { lines, chars, reason: 'log writer backlog' }, Date.now()),
  });
  const pipeline = new Pipeline([guard], [sink]);
  const recorder = new Recorder(stamper, pipeline, { now: Date.now, screen: recording.socket ? screenOf(tmux, recording.paneId) : undefined });

  recorder.start({ by: recording.by, pane: recording.paneId || undefined, pid: process.pid, file: recording.file }, recording.seed ?? '', Boolean(recording.alternateScreen));

  const stopReading = readInput({
    data: (chunk) => recorder.push(chunk),
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
    await recorder.stop({ reason: stop ? 'toggle' : reason === 'eof' ? endOfInputReason(tmux, recording) : reason, by: stop?.by });
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
}

/** Full-screen snapshots from tmux; asynchronous capture, so the reader keeps draining meanwhile. */
function screenOf(tmux: Tmux, paneId: string): ScreenSource {
  return {
    program: () => {
      try {
        return tmux.currentCommand(paneId) || undefined;
      } catch {
        return undefined;
      }
    },
    capture: (done) => tmux.captureScreen(paneId, done),
  };
}

/** Why the pipe closed when nobody toggled: asked of tmux, which may be gone too. */
function endOfInputReason(tmux: Tmux, recording: Recording): string {
  if (!recording.socket) return 'eof';
  const pane = tmux.paneFate(recording.paneId);
  if (pane === 'gone') return 'pane-closed';
  if (pane === 'dead') return 'pane-exited';
  if (pane === 'alive') return 'pipe-closed';
  return 'server-exit';
}
