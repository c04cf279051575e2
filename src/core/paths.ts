// Where things live. Pure: names only, no file-system access.

import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Longest stems kept whole (bytes). With them the longest names stay well
 * under the 255 bytes a file name may have: `<session>@<socket>.log` is at
 * most 140 + 1 + 48 + 4 = 193, a rotated file adds `.<UTC time>-<n>` (21 +
 * the digits of n), the lock `.` and `.lock`.
 */
export const MAX_SESSION_STEM = 140;
export const MAX_SOCKET_STEM = 48;
/** `~` and 8 hex digits: what a shortened stem ends in. */
const HASH_SUFFIX = 9;

/**
 * A name made safe as a file name: bytes outside [A-Za-z0-9._-] are
 * percent-encoded, as is a leading dot, so distinct names never share a file
 * and no name can climb out of the directory or hide. Past `max` bytes the
 * stem is a readable prefix, cut between whole characters, plus `~` and 8 hex
 * digits of the SHA-256 of the whole name (`~` is never part of a stem kept
 * whole, so a shortened stem cannot be taken for a whole one).
 */
export function sessionStem(session: string, max = MAX_SESSION_STEM): string {
  const pieces: string[] = [];
  let length = 0;
  for (const char of session) {
    let piece = '';
    for (const byte of Buffer.from(char, 'utf8')) {
      const ascii = String.fromCharCode(byte);
      const safe = /[A-Za-z0-9_-]/.test(ascii) || (ascii === '.' && length + piece.length > 0);
      piece += safe ? ascii : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    pieces.push(piece);
    length += piece.length;
  }
  if (length === 0) return '%';
  if (length <= max) return pieces.join('');
  let prefix = '';
  for (const piece of pieces) {
    if (prefix.length + piece.length > max - HASH_SUFFIX) break;
    prefix += piece;
  }
  return `${prefix}~${createHash('sha256').update(session, 'utf8').digest('hex').slice(0, 8)}`;
}

/**
 * `<session>.log` for the default tmux server; `<session>@<socket>.log` for any
 * other (`tmux -L work`), so that sessions of the same name on two servers never
 * share a file. `@` is never part of a stem, so the two parts cannot be confused.
 */
export function sessionLogPath(dir: string, session: string, socketPath: string): string {
  const socket = path.basename(socketPath);
  const server = socket === 'default' || socket === '' ? '' : `@${sessionStem(socket, MAX_SOCKET_STEM)}`;
  return path.join(dir, `${sessionStem(session)}${server}.log`);
}

/**
 * Runtime files (recording config, reader pid, stop request, seal note, inbox) of one recording of one pane of one
 * tmux server. One recording's, not the pane's: a reader stalled past a stop and a new start of its pane (SIGSTOP,
 * a starved machine) then writes and removes only what is its own, never the newer recording's (issue 15).
 */
export function runFilePath(dir: string, serverPid: string, paneId: string, recordingId: string): string {
  return path.join(dir, '.run', `${paneRunStem(serverPid, paneId)}-${recordingId}.json`);
}

/** `<server pid>-<pane number>`: what the run files of one pane's recordings begin with (audit.tmux's resize hook checks it). */
export function paneRunStem(serverPid: string, paneId: string): string {
  return `${serverPid}-${paneId.replace(/^%/, '')}`;
}

/**
 * The pane a run file belongs to, as `<run directory>/<server pid>-<pane number>` (see runFilePath; earlier
 * versions named a pane's run file `<server pid>-<pane number>.json`), or undefined for any other name.
 */
export function runFilePane(runFile: string): string | undefined {
  const stem = /^(\d+-\d+)(?:-[A-Za-z0-9_-]+)?\.json$/.exec(path.basename(runFile))?.[1];
  return stem === undefined ? undefined : path.join(path.dirname(runFile), stem);
}

export function pidFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.pid');
}

export function stopFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.stop');
}

/**
 * A toggle's stop request, one file per request (its nonce): two toggles at once each keep their own, and the reader
 * takes the one whose step closed the pipe. `confirmed`: renamed so by the toggle once tmux said its step ran.
 */
export function toggleStopPath(runFile: string, nonce: string, confirmed = false): string {
  return runFile.replace(/\.json$/, `${confirmed ? TOGGLE_STOPPED : TOGGLE_STOP}${nonce}`);
}

const TOGGLE_STOP = '.stop-';
const TOGGLE_STOPPED = '.stopped-';
const NONCE = /^[0-9a-f]{32}$/;

/** The nonces of the toggle stop requests beside `runFile` (`names`: its directory's entries), and which are confirmed. */
export function toggleStopNonces(runFile: string, names: readonly string[]): { nonce: string; confirmed: boolean }[] {
  const stem = path.basename(runFile).replace(/\.json$/, '');
  const found = [];
  for (const name of names) {
    if (!name.startsWith(stem)) continue;
    const rest = name.slice(stem.length);
    const confirmed = rest.startsWith(TOGGLE_STOPPED);
    const nonce = rest.slice((confirmed ? TOGGLE_STOPPED : TOGGLE_STOP).length);
    if ((confirmed || rest.startsWith(TOGGLE_STOP)) && NONCE.test(nonce)) found.push({ nonce, confirmed });
  }
  return found;
}

/** The lock that serialises rotation of one session file between the panes writing to it. */
export function rotationLockPath(logFile: string): string {
  return path.join(path.dirname(logFile), `.${path.basename(logFile)}.lock`);
}
