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

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ActorGate } from '../capture/actor-gate.ts';
import { ActorTracker } from '../capture/actor.ts';
import { recordingIdentity } from '../capture/identity.ts';
import { Recorder } from '../capture/recorder.ts';
import { ResizeHold, type AskSize } from '../capture/resize-hold.ts';
import { SizeQuestions } from '../capture/size-questions.ts';
import { parseWhere, PlaceWatch, WHERE_FORMAT } from '../capture/place-watch.ts';
import type { ScreenSource } from '../capture/screen.ts';
import { Stamper } from '../capture/stamper.ts';
import { noteFacts } from '../capture/note-facts.ts';
import { cannotWrite } from '../core/plan.ts';
import { BEAT_MS } from '../core/status.ts';
import { OPTION_NAMES } from '../core/options.ts';
import { BacklogGuard } from '../pipeline/backlog.ts';
import { Hold } from '../pipeline/hold.ts';
import { Pipeline, type Transform } from '../pipeline/pipeline.ts';
import { parseExtraPatterns, Redactor } from '../pipeline/redact.ts';
import { readInput } from '../runtime/input.ts';
import { openInbox, takeNotes } from '../runtime/notes.ts';
import { removeRunFiles, takeStopRequest, toggleStops, writeReaderPid, writeRecording, type Recording, type StopRequest, type ToggleStop } from '../runtime/runfile.ts';
import { CastFile, castPath } from '../sinks/file/cast.ts';
import { CastSizeWatch } from '../sinks/file/cast-size.ts';
import { FileSink } from '../sinks/file/sink.ts';
import { noteSealLink } from '../chain/external-stop.ts';
import { DIGEST_EVENT, digestFields } from '../chain/digest-event.ts';
import { noteHeldFile } from '../sinks/file/noted-files.ts';
import { keyFileWarning } from '../chain/key-file.ts';
import { recordFormat } from '../format/formats.ts';
import type { Sink } from '../sinks/sink.ts';
import { SyslogSink } from '../sinks/syslog/sink.ts';
import { describeTarget } from '../sinks/syslog/target.ts';
import { FIELD_SEPARATOR, Tmux } from '../tmux/client.ts';
import { pipeCloser } from '../tmux/pipe-closer.ts';
import { openPtySize } from '../runtime/pty-size.ts';
import { processAlive } from '../runtime/process.ts';

/** After SIGUSR1, how long input must be quiet before the reader finishes. */
const QUIET_STOP_MS = 200;
/** The reader's own clock is watched this often; a gap this long between two looks is a stall. */
const TICK_MS = 1000;
const STALL_MS = 5000;
/** Input quiet this long: the next read may be a redraw for a new size, and the pty's size is looked at first. */
const PTY_PAUSE_MS = 1;

/**
 * Reads stdin into `recording.file` until end of input or a signal. With a
 * `runFile` (the pipe-pane case) it also keeps the pid file, honours a stop
 * request and reports to tmux; without one it is a plain stamping filter.
 */
export function runPipe(recording: Recording, runFile?: string): void {
  // Taken before the pid file makes this reader known: a signal's default action until `finish` is set up below
  // ended the reader with no stop event and its marks left, the status saying REC (a SIGTERM sent as soon as the pid
  // was there, CI at load). One that comes meanwhile waits for `finish`.
  let early: NodeJS.Signals | undefined;
  let onSignal = (signal: NodeJS.Signals): void => void (early ??= signal);
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT'] as const) process.on(signal, () => onSignal(signal));
  if (runFile) writeReaderPid(runFile);
  const tmux = new Tmux(recording.socket);
  const tell = (text: string, error = false): void => {
    // `pipe --file` has no message line; its stderr is the user's (pipe-pane's is /dev/null).
    if (!recording.socket) return void process.stderr.write(`tmux-audit: ${text}\n`);
    tmux.messageLater(`tmux-audit: ${text}`, { version: recording.version, error });
  };

  const key = chainKey(recording, tell);
  /** The recording's last seal is made or on its way: no record may follow it. */
  let lastSealMade = false;
  let sink: FileSink;
  try {
    sink = openSink();
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    throw failure.code ? cannotWrite(recording.file, failure) : failure; // a refusal (AuditError) already says why
  }
  function openSink(): FileSink {
    return new FileSink(recording.file, recordFormat(recording.format, recording.timeFormat), {
      maxBytes: recording.maxBytes,
      maxFiles: recording.maxFiles,
      rotate: recording.rotate ?? 'both',
      maxAgeMs: recording.maxAgeMs ?? Number.POSITIVE_INFINITY,
      compress: recording.compress ?? false,
      onPlanted: once((file) => tell(`left ${file} alone: it has the name of a rotated log or cast past ${OPTION_NAMES.maxAge}, or of a compression, but it is not one of ours (someone else's, a symlink, or a second name); others like it are not said again`, true)),
      onCompressError: once((file, error) => tell(`cannot compress ${file} (${error.code ?? error.message}); it stays as it is`, true)),
      // The essentials first: a narrow message line cuts the end off.
      onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${recording.file}; logging of ${recording.paneId} resumes when it can`, true),
      onRecover: () => tell(`writing again (${recording.paneId}) ${recording.file}`),
      onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${recording.file}; writing on past its size limit`, true),
      // Once per reader: from now on every rotation deletes one, which the user chose, but should hear of once.
      onFirstPrune: (file) => tell(`deleted ${file}, the oldest rotated log (${OPTION_NAMES.maxFiles} is ${recording.maxFiles}; 'all' keeps every one)`, true),
      // Removed while logging: said first thing in the new file and once in the message line. The
      // run and pid files went with a removed directory; without them the next toggle would take
      // this reader for dead instead of stopping it.
      onLost: (what, _queued, cut) => {
        // It goes first into the new file, ahead of the lines still waiting: stamped no later than they are.
        recorder.event('lost', { what, ...cut }, sink.waitingSince);
        pipeline.flush();
        if (runFile && what === 'directory') {
          try {
            writeRecording(runFile, recording);
            writeReaderPid(runFile);
          } catch {
            // The log is being written again; a toggle then finds no reader and says so.
          }
        }
        if (what === 'cut') tell(`the log ${recording.file} was cut while ${recording.paneId} was logged (${cut?.held ?? '?'} bytes, now ${cut?.left ?? '?'}); what it held is gone, logging goes on in it`, true);
        else tell(`the log ${what === 'moved' ? 'file was moved away' : `${what} was removed`} while ${recording.paneId} was logged; earlier lines are gone, logging goes on in a new ${recording.file}`, true);
      },
      // Into the recording's chain, where removing it is a break (chain/digest-event.ts); not once its last seal is
      // made or on its way (a record after it reads as forged): that file's digest is then the ledger's line alone.
      onRotatedDigest: (rotated, digest) => {
        if (lastSealMade) return;
        inOrder(() => {
          recorder.event(DIGEST_EVENT, digestFields(recording.file, rotated, digest));
          pipeline.flush();
        });
      },
      // A full disk tore one of this pane's lines and another pane's reader appended after its start (or rotated the
      // log): the line goes out again whole, its start stays. Said in this recording's chain, numbered and sealed like
      // any event (under the key, bound by the next seal's e=): the only fact verify reads past such a start on
      // (chain/torn-attested.ts). Its digest, not its bytes: the start is the head of a line that is in the log whole.
      onTorn: (start) => recorder.event('torn', { bytes: start.length, sha256: createHash('sha256').update(start).digest('hex') }),
      // `pipe --file` may write into any directory the user names (/tmp, a shared project directory): used as it is.
      directory: runFile ? 'private' : 'as-is',
      onOpened: runFile
        ? (identity) => {
            try {
              noteHeldFile(runFile, identity);
            } catch {
              // Not noted: at worst a false `lost` event, as before the note (sinks/file/noted-files.ts).
            }
          }
        : undefined,
    }, {
      key,
      onSealed: runFile
        ? (link, file, line, offset) => {
            try {
              noteSealLink(runFile, link, file, line, offset);
            } catch {
              // Not noted: a stop written for this reader if it dies names an earlier seal, and verify says so.
            }
          }
        : undefined,
    });
  }
  const stamper = new Stamper(recordingIdentity(recording));
  const guard = new BacklogGuard({
    pressure: () => sink.backlog,
    dropped: (lines, chars, time) => stamper.event('dropped', { lines, chars, reason: 'log writer backlog' }, time),
  });
  const hold = new Hold();
  // The hold comes first: what it keeps back is then counted by the guard as it goes on. Redaction
  // before the guard, so nothing a sink takes (nor a count of it) holds a secret.
  const transforms: Transform[] = [hold];
  if (recording.redact !== false) transforms.push(new Redactor({ extra: parseExtraPatterns(recording.redactPatterns ?? '') }));
  // The cast is the pane's raw bytes, written as they come (sinks/file/cast.ts): no record, so nothing to redact. Said once, at the start.
  if (recording.redact !== false && recording.cast) tell(`${OPTION_NAMES.cast} keeps the pane's raw output, which is NOT redacted (nor is export --asciicast of it): redaction applies to the log and syslog records`);
  transforms.push(guard);
  const sinks: Sink[] = [sink];
  if (recording.syslog) {
    const where = describeTarget(recording.syslog);
    // Said once per outage in the message line, and as an event in the log (itself forwarded once the link is back).
    sinks.push(
      new SyslogSink(recording.syslog, {
        onDown: (error) => {
          tell(`syslog forwarding to ${where} failed (${error}); the log file has every record, forwarding retries`, true);
          inOrder(() => {
            recorder.event('syslog', { state: 'down', to: where, error });
            pipeline.flush();
          });
        },
        onUp: (dropped) => {
          tell(`syslog forwarding to ${where} works again${dropped.records ? `; ${dropped.records} records were not forwarded` : ''}`);
          inOrder(() => {
            recorder.event('syslog', { state: 'up', to: where, dropped: dropped.records, from: dropped.from, until: dropped.to });
            pipeline.flush();
          });
        },
      }),
    );
  }
  const pipeline = new Pipeline(transforms, sinks);
  // The cast's resizes (sinks/file/cast-size.ts), once the cast is open; the screen model's answers feed it too.
  let castSize: CastSizeWatch | undefined;
  // Every question about the pane's size is numbered: an answer older than one taken is dropped (capture/size-questions.ts).
  const sizes = new SizeQuestions(recording.width && recording.height ? { columns: recording.width, rows: recording.height } : undefined);
  const askSize: AskSize = (done) => {
    const question = sizes.ask();
    tmux.paneSize(recording.paneId, (answer) => {
      const size = sizes.answer(question, answer);
      if (size) castSize?.learnt(size, Date.now());
      done(size);
    }, true);
  };
  const recorder = new Recorder(stamper, pipeline, {
    now: Date.now,
    screen: recording.socket ? screenOf(tmux, recording.paneId) : undefined,
    width: recording.width,
    noAlternateScreen: recording.noAlternateScreen,
    // `pipe --file` stamps a program's output, which no terminal turned into CR LF.
    newlineReturns: !runFile,
    height: recording.height,
    paneSize: recording.socket ? askSize : undefined,
    shellKeys: recording.socket ? { registered: (pid, done) => tmux.registeredShell(recording.paneId, pid, done) } : undefined,
    hold,
  });

  recorder.start({ by: recording.by, pane: recording.paneId || undefined, pid: process.pid, file: recording.file, shell: recording.shell, redact: recording.redact === false ? 'off' : undefined, ...recording.context }, recording.seed ?? '', Boolean(recording.alternateScreen), recording.rowsAbove);
  if (recording.history) recorder.history(recording.history.time, recording.history.rows);

  // A resize, told by SIGWINCH from audit.tmux's hook: the reads after it wait for the new size (capture/resize-hold.ts).
  const resizeHold = recording.socket
    ? new ResizeHold({
        ask: askSize,
        deliver: (chunk) => recorder.push(chunk),
        resized: (size) => recorder.resized(size),
      })
    : undefined;
  /** What else reaches the recorder waits behind the reads the resize hold keeps, so nothing overtakes them. */
  function inOrder(action: () => void): void {
    if (resizeHold) resizeHold.inOrder(action);
    else action();
  }
  // Who acts in the pane (a shared session's guests: capture/actor.ts); `pipe --file` has no tmux to ask.
  const gate = recording.socket ? actorGate(tmux, recording, stamper, recorder, (chunk) => resizeHold!.push(chunk), inOrder) : undefined;
  const take = gate ? (chunk: Uint8Array) => gate.push(chunk) : (chunk: Uint8Array) => recorder.push(chunk);
  if (resizeHold) {
    // The handler first, then the pid the hook signals (cleared with the marks when the recording ends: core/options.ts).
    process.on('SIGWINCH', () => {
      if (!finishing) resizeHold.signalled();
    });
    tmux.announceReader(recording.paneId, recording.id, process.pid);
    // As if told of a resize: the size the toggle saw may be out of date already (a resize before the pid above was
    // set signalled nobody), and the answer publishes the models' size, which the hook compares with the pane's.
    resizeHold.signalled();
  }

  // The heartbeat the status format checks (core/status.ts), and a watch on our own clock: a reader that
  // did not run for a while (stopped with SIGSTOP, starved, swapped out) says so in the log when it runs again.
  let lastTick = Date.now();
  const watch = setInterval(() => {
    const now = Date.now();
    if (now - lastTick >= STALL_MS) {
      const ms = now - lastTick;
      inOrder(() => recorder.event('stall', { ms, reason: 'the reader did not run' }));
    }
    lastTick = now;
  }, TICK_MS);
  watch.unref();
  if (recording.socket) {
    // The beat also asks where the pane is: moved by join-pane, break-pane or move-window, it says where to.
    // And its size: a resize no hook told (audit.tmux) is learnt within a beat. And it sets the reader's pid
    // again, should someone have unset it (the resize hook signals the pid the pane has).
    const place = new PlaceWatch({ session: recording.session, window: recording.window, pane: recording.pane });
    const beatAndLook = (): void => {
      const question = sizes.ask();
      tmux.beatAndAsk(recording.paneId, [...WHERE_FORMAT, '#{pane_width}', '#{pane_height}'], { recording: recording.id, pid: process.pid, runFile }, (answer) => {
        const fields = answer?.replace(/\n$/, '').split(FIELD_SEPARATOR) ?? [];
        const [columns, rows] = fields.slice(WHERE_FORMAT.length).map(Number);
        const size = columns! > 0 && rows! > 0 ? { columns: columns!, rows: rows! } : undefined;
        if (!finishing && sizes.differs(question, size)) resizeHold?.signalled();
        const where = answer === undefined ? undefined : parseWhere(answer, FIELD_SEPARATOR);
        const moved = where && place.seen(where);
        if (moved && !finishing) {
          inOrder(() => {
            recorder.event('moved', moved);
            pipeline.flush();
          });
        }
      });
    };
    beatAndLook();
    const beat = setInterval(() => {
      beatAndLook();
      gate?.poll();
      // A note whose signal was lost (the reader was starting, or busy finishing a read) waits no longer than a beat.
      if (!finishing) takeNotesNow();
    }, BEAT_MS);
    beat.unref();
  }

  const cast = recording.cast ? openCast(recording, tell, (bytes) => recorder.event('dropped', { bytes, reason: 'cast writer backlog' })) : undefined;
  if (cast && recording.socket) castSize = new CastSizeWatch(cast, (done) => tmux.paneSize(recording.paneId, done));
  const castInput = castSize ?? cast;

  // After a pause, a look at the pane's pty size before the read goes on (runtime/pty-size.ts): a program redraws on
  // its own SIGWINCH (readline: CR, erase, reverse index, the prompt and line again), which can reach the reader
  // before audit.tmux's resize hook does (its sh), and would be modelled at the old width (issue 15). A look is one
  // ioctl (~4 µs), taken after a pause only (a flood has none). The pty's size is a sign only, not the pane's: a
  // program may set its own (`stty cols`), and tmux resizes the pane's screen first and sets the pty later (its
  // resize timer coalesces a burst, server-client.c server_client_check_pane_resize). A change there asks tmux, as
  // the hook's signal does, in order after the reads the gates hold, and the reads wait for its answer.
  let lastRead = Number.NEGATIVE_INFINITY;
  let pty = recording.tty ? openPtySize(recording.tty) : undefined;
  let ptySeen = pty?.read();
  const sizeAfterPause = (): void => {
    const size = pty!.read();
    if (!size) {
      pty!.close();
      pty = undefined;
      return;
    }
    if (ptySeen && ptySeen.columns === size.columns && ptySeen.rows === size.rows) return;
    ptySeen = size;
    const signal = (): void => resizeHold?.signalled();
    if (gate) gate.inOrder(signal);
    else signal();
  };

  /** Set by SIGUSR1: finish once input has been quiet this long (what a dead pane printed last is drained first). */
  let quietStop: NodeJS.Timeout | undefined;
  const stopReading = readInput({
    data: (chunk) => {
      const now = Date.now();
      if (pty && now - lastRead >= PTY_PAUSE_MS && !finishing) sizeAfterPause();
      lastRead = now;
      castInput?.push(chunk, now);
      take(chunk);
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
    gate?.close();
    resizeHold?.end(); // what waited for the pane's size
    recorder.endOfInput();
    takeNotesNow();
    // The notes' answers before the stop (tmux answers within its timeout, or they are dropped).
    await notesDone;
    const toggled = runFile ? await toggleThatClosed(tmux, recording, runFile) : undefined;
    const stop = toggled ?? (runFile ? takeStopRequest(runFile, recording) : undefined);
    const fields = stop ? { reason: stop.reason ?? 'toggle', status: stop.status, by: stop.by } : reason === 'eof' ? endOfInput(tmux, recording) : { reason };
    // A toggle clears the marks itself; every other ending clears them here, so the status stops saying REC at once.
    if (recording.socket && !stop?.by) {
      try {
        tmux.clearMarks(recording.paneId, recording.id);
      } catch {
        // the server is gone
      }
    }
    castSize?.end(); // what waited for the pane's size
    cast?.end(); // its last `dropped` count goes into the log before the stop, not after it
    // The digests of the files rotated so far, in the chain before its last seal (a file the stop's own write rotates
    // has the ledger's line alone).
    pipeline.flush();
    await sink.digestsTaken();
    lastSealMade = true;
    await recorder.stop(fields);
    await cast?.close();
    if (runFile) removeRunFiles(runFile, recording.id);
    process.exit(0);
  };

  process.on('uncaughtException', (error) => {
    // The supervising shell (see core/plan.ts) records the stop; here, say why while we still can.
    setTimeout(() => process.exit(70), 2000); // whatever happens to the close below
    lastSealMade = true;
    try {
      // What the resize hold kept goes in first: its reads were shown on the screen. If they are what
      // threw, the error goes on without them (the drain stops at the throw and forgets the rest).
      try {
        resizeHold?.end();
      } catch {
        // said by the event below
      }
      recorder.event('error', { message: error.message });
      castSize?.end();
      cast?.end(); // its last `dropped` count, while the pipeline still takes it
    } finally {
      void Promise.allSettled([pipeline.close(), cast?.close()]).finally(() => process.exit(70));
    }
  });
  // Notes from the hooks (runtime/notes.ts): recorded here, so they are stamped in order and chained.
  // The handler first, then the inbox that tells the hooks they may signal.
  const refusedOnce = once((file: string, why: string) => tell(`refused the note ${file}: ${why}`, true));
  // Each note's facts are asked of tmux (capture/note-facts.ts), one note after another, so they are recorded in the order sent.
  let notesDone: Promise<void> = Promise.resolve();
  const takeNotesNow = (): void => {
    if (!runFile) return;
    for (const note of takeNotes(runFile, recording.id, ({ file, why }) => refusedOnce(file, why))) {
      notesDone = notesDone.then(
        () =>
          new Promise<void>((resolve) =>
            noteFacts(tmux, recording.paneId, note, (fields) => {
              if (fields) {
                inOrder(() => {
                  recorder.event(note.name, fields);
                  pipeline.flush();
                });
              }
              resolve();
            }),
          ),
      );
    }
  };
  if (runFile) {
    process.on('SIGUSR2', () => {
      if (!finishing) takeNotesNow();
    });
    try {
      openInbox(runFile, recording.id);
    } catch {
      // The hooks' notes are not taken for this recording; logging goes on.
    }
  }
  onSignal = (signal) => void finish(signal);
  if (early) void finish(early);
  // The pane died under remain-on-exit (commands/died.ts left a stop request saying so).
  process.on('SIGUSR1', () => {
    quietStop ??= setTimeout(() => void finish('SIGUSR1'), QUIET_STOP_MS);
  });
}

/**
 * The recording's raw stream (`@audit-cast on`), beside its log; undefined,
 * with a message, when it cannot be created (the log goes on without it).
 */
function openCast(recording: Recording, tell: (text: string, error?: boolean) => void, dropped: (bytes: number) => void): CastFile | undefined {
  const file = castPath(recording.file, recording.id);
  try {
    return new CastFile(
      file,
      { width: recording.width ?? 80, height: recording.height ?? 24, startMs: Date.now(), title: `${recording.session}:${recording.window}.${recording.pane} (${recording.paneId}) rec ${recording.id}`, term: 'tmux-256color' },
      {
        maxBytes: recording.maxBytes,
        maxFiles: recording.maxFiles,
        // Rotated parts go by age as the log's do (its own rotations; the log's prune the casts of finished recordings).
        maxAgeMs: recording.maxAgeMs ?? Number.POSITIVE_INFINITY,
        onPlanted: once((planted) => tell(`left ${planted} alone: it looks like a rotated cast past ${OPTION_NAMES.maxAge}, but it is not one of ours (someone else's, a symlink, or a second name)`, true)),
        onError: (error) => tell(`cannot write (${error.code ?? error.message}) ${file}; the cast resumes when it can`, true),
        onRecover: () => tell(`writing again ${file}`),
        onRotateError: (error) => tell(`cannot rotate (${error.code ?? error.message}) ${file}; writing on past its size limit`, true),
        onDropped: dropped,
      },
    );
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    tell(`${OPTION_NAMES.cast}: ${failure.code ? cannotWrite(file, failure).message : failure.message}; logging goes on without it`, true);
    return undefined;
  }
}

/** The acting user's gate in front of the recorder: the clients present at start are asked at once. */
function actorGate(tmux: Tmux, recording: Recording, stamper: Stamper, recorder: Recorder, deliver: (chunk: Uint8Array) => void, inOrder: (action: () => void) => void): ActorGate {
  // The switch waits behind the reads the gate gave to the user before (held by the resize hold, if any).
  const tracker = new ActorTracker(
    { user: recording.user, uid: String(process.getuid?.() ?? '') },
    (name, fields) => inOrder(() => recorder.event(name, fields)),
    (user) => inOrder(() => stamper.actingUser(user)),
  );
  const gate = new ActorGate({ now: Date.now, ask: (done) => tmux.typing(recording.paneId, done), tracker, deliver });
  gate.poll();
  return gate;
}

/** The program that enters the alternate screen, asked of tmux asynchronously, so the reader keeps draining meanwhile. */
function screenOf(tmux: Tmux, paneId: string): ScreenSource {
  return { program: (done) => tmux.currentCommand(paneId, done), alternate: (done) => tmux.alternateOn(paneId, done) };
}

/** How long a reader whose server shows no stop's step waits for a toggle's confirmation while the toggle runs. */
const TOGGLE_CONFIRM_MS = 2000;

/**
 * The user's stop whose step closed the pipe, if one did (runtime/runfile.ts ToggleStop): a request written before a
 * pipe someone else closed, or before another's stop, is not. The server says which step ran (the nonce it left:
 * tmux/client.ts stopPipe), also when the pane is gone. Else the toggle's own word, which it writes once tmux has
 * answered it: proof on its own, whatever the server on the socket says now (killed right after the stop, maybe a new
 * one started since), and waited for while a toggle that has not said runs.
 */
async function toggleThatClosed(tmux: Tmux, recording: Recording, runFile: string): Promise<StopRequest | undefined> {
  let stops = toggleStops(runFile);
  if (stops.length === 0) return undefined;
  const marked = recording.socket ? tmux.takeStopMarks(stops.map((stop) => stop.nonce)) : undefined;
  const by = (stop: ToggleStop | undefined): StopRequest | undefined => stop && { by: stop.by };
  const shown = stops.find((stop) => marked?.has(stop.nonce));
  if (shown) return by(shown);
  for (const deadline = Date.now() + TOGGLE_CONFIRM_MS; ; ) {
    // Asked before the requests are read again: a confirmation written just before its toggle exited is read below.
    const waiting = stops.some((stop) => processAlive(stop.pid));
    stops = toggleStops(runFile);
    const confirmed = stops.find((stop) => stop.confirmed);
    if (confirmed || !waiting || Date.now() > deadline) return by(confirmed);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Why the pipe closed when nobody toggled, and who closed it when it was closed by hand: asked of tmux, which may be gone too. */
function endOfInput(tmux: Tmux, recording: Recording): { reason: string; by?: string } {
  if (!recording.socket) return { reason: 'eof' };
  const { fate, pipedBy } = tmux.paneFate(recording.paneId);
  if (fate === 'gone') return { reason: 'pane-closed' };
  if (fate === 'dead') return { reason: 'pane-exited' };
  if (fate === 'alive') return { reason: 'pipe-closed', by: pipeCloser(pipedBy, Math.floor(Date.now() / 1000)) };
  return { reason: 'server-exit' };
}

/**
 * The `@audit-chain-key` file's bytes. One that cannot be read is said in the
 * message line and the recording is chained without a key: logging goes on,
 * and verify with the key names every seal of it.
 */
function chainKey(recording: Recording, tell: (text: string, error?: boolean) => void): Buffer | undefined {
  if (!recording.chainKey) return undefined;
  try {
    const key = fs.readFileSync(recording.chainKey);
    const loose = keyFileWarning(recording.chainKey);
    if (loose) tell(loose, true);
    if (key.length > 0) return key;
    tell(`the chain key ${recording.chainKey} is empty; ${recording.paneId} is chained without a key`, true);
  } catch (error) {
    tell(`cannot read the chain key ${recording.chainKey} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); ${recording.paneId} is chained without a key`, true);
  }
  return undefined;
}

/** `tell` once per reader: a message line repeated at every rotation would be noise. */
function once<A extends unknown[]>(say: (...args: A) => void): (...args: A) => void {
  let said = false;
  return (...args) => {
    if (said) return;
    said = true;
    say(...args);
  };
}
