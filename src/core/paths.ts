// Where things live. Pure: names only, no file-system access.

import path from 'node:path';

/**
 * A session name made safe as a file name: bytes outside [A-Za-z0-9._-] are
 * percent-encoded, as is a leading dot, so distinct names never share a file
 * and no name can climb out of the directory or hide.
 */
export function sessionStem(session: string): string {
  let stem = '';
  for (const byte of Buffer.from(session, 'utf8')) {
    const char = String.fromCharCode(byte);
    const safe = /[A-Za-z0-9_-]/.test(char) || (char === '.' && stem.length > 0);
    stem += safe ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return stem.length > 0 ? stem : '%';
}

/**
 * `<session>.log` for the default tmux server; `<session>@<socket>.log` for any
 * other (`tmux -L work`), so that sessions of the same name on two servers never
 * share a file. `@` is never part of a stem, so the two parts cannot be confused.
 */
export function sessionLogPath(dir: string, session: string, socketPath: string): string {
  const socket = path.basename(socketPath);
  const server = socket === 'default' || socket === '' ? '' : `@${sessionStem(socket)}`;
  return path.join(dir, `${sessionStem(session)}${server}.log`);
}

/** Runtime files (recording config, reader pid, stop request) of one pane of one tmux server. */
export function runFilePath(dir: string, serverPid: string, paneId: string): string {
  return path.join(dir, '.run', `${serverPid}-${paneId.replace(/^%/, '')}.json`);
}

export function pidFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.pid');
}

export function stopFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.stop');
}

/** The lock that serialises rotation of one session file between the panes writing to it. */
export function rotationLockPath(logFile: string): string {
  return path.join(path.dirname(logFile), `.${path.basename(logFile)}.lock`);
}
