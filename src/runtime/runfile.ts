// A recording's runtime files, shared by the toggle (which writes them) and the
// pipe reader (which runs from them). pipe-pane runs the reader through
// /bin/sh after expanding `%` and `#` in its command, with the tmux server's
// environment (cmd-pipe-pane.c:120, :124–161), so the reader receives one path
// and reads everything else from this file instead of its command line.

import fs from 'node:fs';
import path from 'node:path';
import { pidFilePath, stopFilePath } from '../core/paths.ts';
import { ensurePrivateDir } from '../sinks/file/safe-fs.ts';
import { processAlive } from './process.ts';

export interface Recording {
  id: string;
  file: string;
  /** Whose terminal this is (the tmux server's owner): the user on every line. */
  user: string;
  /** Who started the recording (the client that pressed the key). */
  by: string;
  session: string;
  window: string;
  pane: string;
  paneId: string;
  socket: string;
  version: string;
  timeFormat: string;
  maxBytes: number;
  maxFiles: number;
  /** What the cursor's line already showed when logging started (usually the prompt). */
  seed: string;
  /** The pane was in the alternate screen (a full-screen program) when logging started. */
  alternateScreen?: boolean;
}

function writePrivate(file: string, text: string): void {
  ensurePrivateDir(path.dirname(file));
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o600, flag: 'w' });
  fs.renameSync(temporary, file); // a reader never sees half a file
}

export function writeRecording(runFile: string, recording: Recording): void {
  fs.rmSync(pidFilePath(runFile), { force: true });
  fs.rmSync(stopFilePath(runFile), { force: true });
  writePrivate(runFile, `${JSON.stringify(recording)}\n`);
}

export function readRecording(runFile: string): Recording {
  return JSON.parse(fs.readFileSync(runFile, 'utf8')) as Recording;
}

export function writeReaderPid(runFile: string): void {
  writePrivate(pidFilePath(runFile), `${process.pid}\n`);
}

/** The reader's pid while it runs; a reused pid is not taken for it (its command line names the run file). */
export function livingReader(runFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFilePath(runFile), 'utf8'));
  } catch {
    return undefined;
  }
  if (!processAlive(pid)) return undefined;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(runFile) ? pid : undefined;
  } catch {
    return pid; // no /proc: the signal check is all we have
  }
}

/** Tells the reader, before its pipe closes, that the close is a user's stop and whose. */
export function requestStop(runFile: string, by: string): void {
  writePrivate(stopFilePath(runFile), `${JSON.stringify({ by })}\n`);
}

export function takeStopRequest(runFile: string): { by: string } | undefined {
  try {
    const request = JSON.parse(fs.readFileSync(stopFilePath(runFile), 'utf8')) as { by: string };
    fs.rmSync(stopFilePath(runFile), { force: true });
    return request;
  } catch {
    return undefined;
  }
}

/** Removes the run files of a finished recording, unless a newer recording of the pane owns them now. */
export function removeRunFiles(runFile: string, recordingId: string): void {
  try {
    if (readRecording(runFile).id !== recordingId) return;
  } catch {
    return;
  }
  for (const file of [runFile, pidFilePath(runFile), stopFilePath(runFile)]) fs.rmSync(file, { force: true });
}
