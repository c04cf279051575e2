// The pipe reader: the process `pipe-pane` runs for a logged pane. It drains the
// pane's byte stream, cleans it, stamps each line and appends it to the
// session's log.
//
// tmux keeps whatever the reader has not taken in its own memory, without limit
// (window.c:1008, no watermark), so the reader never pauses its input. What it
// cannot write yet waits in the log writer's queue; above MAX_BACKLOG it drops
// whole stamped lines and writes an event saying how many, instead of letting
// either process grow.

import fs from 'node:fs';
import os from 'node:os';
import { readInput } from '../runtime/input.ts';
import { appendLines, LogFile } from '../sinks/file/writer.ts';
import { readRecording, recordingEvent, removeRunFiles, takeStopRequest, writeReaderPid, type Recording } from '../runtime/runfile.ts';
import { makeClock, Mark, origin, stampLine } from '../format/text.ts';
import { ScreenRecorder } from '../capture/screen.ts';
import { Tmux } from '../tmux/client.ts';
import { Transcript } from '../terminal/transcript.ts';

/** Stamped text handed to the writer at once, at most (plus one line). */
const BATCH_CHARS = 16 * 1024;

/**
 * Queued log bytes above which new lines are dropped and counted: the reader's
 * memory bound (16 MiB of queue on top of Node's own ~45 MB).
 */
export const MAX_BACKLOG = 16 * 1024 * 1024;

/** How often to check whether a backlog has drained, so a `dropped` event never waits for more output. */
const DROP_CHECK_MS = 500;

/**
 * Reads stdin into `recording.file` until end of input or a signal. With a
 * `runFile` (the pipe-pane case) it also keeps the pid file, honours a stop
 * request and reports to tmux; without one it is a plain stamping filter.
 */
export function runReader(recording: Recording, runFile?: string): void {
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

  const log = new LogFile(recording.file, {
    // A test knob (inherited from the tmux server's environment): a slow disk on demand.
    writeDelayMs: Number(process.env.TMUX_AUDIT_TEST_WRITE_DELAY_MS) || 0,
    maxBytes: recording.maxBytes,
    maxFiles: recording.maxFiles,
    // The essentials first: a narrow message line cuts the end off.
    onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, true),
    onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
    onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, true),
  });
  const clock = makeClock(recording.timeFormat);
  const from = origin(recording.user || os.userInfo().username, recording.session, recording.window, recording.pane);
  let time = '';
  /** Stamped lines not yet handed to the writer; events join it so the log keeps their order. */
  let batch = '';
  const eventLine = (name: string, fields: Record<string, string | number | undefined>): string => recordingEvent(recording, name, fields, clock);
  const event = (name: string, fields: Record<string, string | number | undefined>): void => {
    batch += eventLine(name, fields);
  };
  // Dropping starts above MAX_BACKLOG and goes on until the queue is back under
  // half of it, so one gap is one event, and the event stands where the gap is.
  let droppedLines = 0;
  let droppedChars = 0;
  let dropCheck: NodeJS.Timeout | undefined;
  const queuedBytes = (): number => log.backlog + batch.length;
  const endDrop = (): void => {
    batch += eventLine('dropped', { lines: droppedLines, chars: droppedChars, reason: 'log writer backlog' });
    clearInterval(dropCheck);
    droppedLines = 0;
    droppedChars = 0;
  };
  const onLine = (text: string, continued: boolean): void => {
    if (queuedBytes() > (droppedLines > 0 ? MAX_BACKLOG / 2 : MAX_BACKLOG)) {
      if (droppedLines === 0) {
        // The queue may drain while the pane is quiet: the event must not wait for more output.
        dropCheck = setInterval(() => {
          if (queuedBytes() <= MAX_BACKLOG / 2) writeBatch(true);
        }, DROP_CHECK_MS);
      }
      droppedLines++;
      droppedChars += text.length;
      return;
    }
    if (droppedLines > 0) endDrop();
    batch += stampLine(time, from, continued ? Mark.Continued : Mark.Text, text);
    // Small queue entries let rotation cut close to the size limit.
    if (batch.length >= BATCH_CHARS) writeBatch();
  };
  const screen = new ScreenRecorder(
    tmux,
    recording,
    (entries) => {
      for (const entry of entries) {
        if ('event' in entry) event('screen', entry.event);
        else batch += stampLine(clock(Date.now()), from, Mark.Screen, entry.row);
      }
      writeBatch();
    },
    () => transcript.setAlternate(false),
  );
  const transcript = new Transcript(onLine, undefined, (alternate) => screen.switched(alternate));

  /** `endOfDrop`: a drop still going on ends here (at exit, or once the queue has drained). */
  const writeBatch = (endOfDrop = false): void => {
    if (endOfDrop && droppedLines > 0) endDrop();
    if (batch.length > 0) {
      log.write(batch);
      batch = '';
    }
  };

  transcript.seed(recording.seed ?? '');
  event('start', { by: recording.by, pane: recording.paneId || undefined, pid: process.pid, file: recording.file });
  writeBatch();
  // Started while a full-screen program runs: its screen is a block from the start.
  if (recording.alternateScreen) transcript.setAlternate(true);

  const stopReading = readInput({
    data: (chunk) => {
      time = clock(Date.now());
      transcript.push(chunk);
      writeBatch();
      screen.output();
    },
    end: () => void finish('eof'),
    error: (error) => void finish(`input-error:${error.code ?? 'unknown'}`),
  });

  let finishing = false;
  const finish = async (reason: string): Promise<void> => {
    if (finishing) return;
    finishing = true;
    stopReading();
    time = clock(Date.now());
    transcript.end();
    screen.close();
    const stop = runFile ? takeStopRequest(runFile) : undefined;
    writeBatch(true);
    event('stop', { reason: stop ? 'toggle' : reason === 'eof' ? endOfInputReason() : reason, by: stop?.by });
    writeBatch(true);
    await log.close();
    if (runFile) removeRunFiles(runFile, recording.id);
    process.exit(0);
  };

  /** Why the pipe closed when nobody toggled: asked of tmux, which may be gone too. */
  const endOfInputReason = (): string => {
    if (!recording.socket) return 'eof';
    const pane = tmux.paneFate(recording.paneId);
    if (pane === 'gone') return 'pane-closed';
    if (pane === 'dead') return 'pane-exited';
    if (pane === 'alive') return 'pipe-closed';
    return 'server-exit';
  };

  process.on('uncaughtException', (error) => {
    // The supervising shell (see control.ts) records the stop; here, say why while we still can.
    setTimeout(() => process.exit(70), 2000); // whatever happens to the close below
    try {
      event('error', { message: error.message });
      writeBatch(true);
    } finally {
      void log.close().finally(() => process.exit(70));
    }
  });
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, () => void finish(signal));
}

/**
 * Runs when the reader died without finishing (killed, crashed): ends a torn
 * last line, writes the stop event the reader could not, clears the pane's
 * marks so the status goes off at once, and tells the user.
 */
export function recoverReader(runFile: string, status: number): void {
  let recording: Recording;
  try {
    recording = readRecording(runFile);
  } catch {
    return; // the toggle already cleaned up: nothing to recover
  }
  const cause = status > 128 ? { signal: signalName(status - 128) } : { exit: status };
  const said = status > 128 ? `killed by ${cause.signal}` : `exit status ${status}`;
  let text = '';
  try {
    if (!endsWithNewline(recording.file)) text += '\n'; // the torn line ends here rather than merge with the next
  } catch {
    // no file: nothing torn
  }
  text += recordingEvent(recording, 'stop', { reason: 'reader-died', ...cause });
  try {
    appendLines(recording.file, text);
  } catch {
    // The log is unwritable: the message below still tells the user.
  }
  const tmux = new Tmux(recording.socket);
  try {
    tmux.clearMarks(recording.paneId, recording.id);
    tmux.message(`tmux-audit: logging of ${recording.paneId} stopped unexpectedly (reader ${said}, rec ${recording.id}); toggle to start again`, {
      version: recording.version,
      error: true,
    });
  } catch {
    // tmux is gone as well
  }
  removeRunFiles(runFile, recording.id);
}

function signalName(signal: number): string {
  const found = Object.entries(os.constants.signals).find(([, number]) => number === signal);
  return found ? found[0] : String(signal);
}

function endsWithNewline(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}
