// Notes from the hook processes (a rename, a client's attach, switch or
// detach) to the living reader of a recording. The reader records them itself,
// so a note is stamped in order with the lines around it, numbered (seq) and
// inside the recording's hash chain; a second process appending to the log
// could do none of that, and anyone able to append could forge it.
//
// The way in: the hook writes each note whole into its own private file in the
// run directory (`<run>.note.<ms>-<pid>-<n>-<random>`, 0600, created under an
// unpredictable name and renamed into place: safe-fs.ts), then sends the reader
// SIGUSR2. The reader takes every note file of its run file, oldest name
// first. Only a reader that has said it takes notes (its inbox file, naming its
// recording and pid) is signalled: SIGUSR2 would end a reader of an older
// version, which has no handler for it. With no such reader, the note is
// dropped, as a note for a pane nobody logs.

import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EventFields } from '../core/record.ts';
import { isOwnFile, readPrivateFile, writePrivateFile } from '../sinks/file/safe-fs.ts';

/**
 * The events a note may carry, each with the only fields it may hold: the
 * trigger (which client; the session it left), never the facts. The reader
 * asks tmux for those (capture/note-facts.ts), so a note file written by
 * another process of the owner cannot put words in the log: whatever it says,
 * it cannot forge a start, stop, seal or line, nor a client's user or address.
 */
export const NOTE_EVENTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['rename', []],
  ['window-rename', []],
  ['attach', ['client']],
  ['switch', ['client', 'from']],
  ['detach', ['client']],
]);

/** What a trigger field may be: a client's name (a tty path), a session id. */
const TRIGGER_FIELDS: Record<string, RegExp> = { client: /^[A-Za-z0-9/_.:-]{1,128}$/, from: /^\$\d{1,10}$/ };

/** A note file larger than this is refused unread (a note is a few fields). */
const MAX_NOTE_BYTES = 64 * 1024;

export interface Note {
  name: string;
  fields: EventFields;
}

export function inboxFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.inbox');
}

function noteStem(runFile: string): string {
  return `${path.basename(runFile).replace(/\.json$/, '')}.note.`;
}

/** Written by the reader once it handles SIGUSR2: the recording and the pid a note may be sent to. */
export function openInbox(runFile: string, recordingId: string): void {
  writePrivateFile(inboxFilePath(runFile), `${JSON.stringify({ rec: recordingId, pid: process.pid })}\n`);
}

/** Whether the reader `pid` of recording `recordingId` said it takes notes. */
function takesNotes(runFile: string, recordingId: string, pid: number): boolean {
  try {
    const inbox = JSON.parse(readPrivateFile(inboxFilePath(runFile))) as { rec?: unknown; pid?: unknown };
    return inbox.rec === recordingId && inbox.pid === pid;
  } catch {
    return false;
  }
}

/** Notes this process has sent: their order within one millisecond. */
let sent = 0;

/**
 * Hands a note to the reader `pid` of the recording: false (and nothing left
 * behind) when that reader does not take notes or is gone.
 */
export function sendNote(runFile: string, recordingId: string, pid: number, note: Note): boolean {
  if (!takesNotes(runFile, recordingId, pid)) return false;
  // The name sorts by time, then by sender, then in the order the sender sent them; the random part
  // keeps apart two senders that share a pid (one after the other) and a millisecond.
  const stamp = `${String(Date.now()).padStart(15, '0')}-${process.pid}-${String(++sent).padStart(6, '0')}`;
  const file = path.join(path.dirname(runFile), `${noteStem(runFile)}${stamp}-${randomBytes(4).toString('hex')}`);
  writePrivateFile(file, `${JSON.stringify({ rec: recordingId, name: note.name, fields: note.fields })}\n`);
  try {
    process.kill(pid, 'SIGUSR2');
    return true;
  } catch {
    fs.rmSync(file, { force: true }); // gone meanwhile
    return false;
  }
}

/** A note's trigger as the reader takes it: only the fields its event allows, each of its shape. */
function fieldsOf(name: string, value: unknown): EventFields | undefined {
  const allowed = NOTE_EVENTS.get(name);
  if (!allowed || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    if (!allowed.includes(key) || typeof field !== 'string' || !TRIGGER_FIELDS[key]!.test(field)) return undefined;
    fields[key] = field;
  }
  return fields;
}

/** Why a note file was not taken, for the reader to say once. */
export interface RefusedNote {
  file: string;
  why: string;
}

/**
 * The notes waiting for recording `recordingId`, oldest first; each file is
 * removed as it is read. A file that is not ours alone (another owner, a
 * group/other bit, a second name, a symlink, not a regular file) is refused
 * and left where it is; a malformed note, or one naming another event or
 * another recording, is refused and removed.
 */
export function takeNotes(runFile: string, recordingId: string, refused: (refusal: RefusedNote) => void = () => {}): Note[] {
  const dir = path.dirname(runFile);
  const stem = noteStem(runFile);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.startsWith(stem) && /^\d{15}-\d+-\d{6}-[0-9a-f]{8}$/.test(name.slice(stem.length)));
  } catch {
    return [];
  }
  const notes: Note[] = [];
  for (const name of names.sort()) {
    const file = path.join(dir, name);
    let text: string;
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile() && stat.size > MAX_NOTE_BYTES) throw new Error(`larger than ${MAX_NOTE_BYTES} bytes`);
      text = readPrivateFile(file); // O_NOFOLLOW, ours, 0600, one name
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      refused({ file, why: (error as Error).message });
      if (isOwnFile(file)) fs.rmSync(file, { force: true });
      continue;
    }
    fs.rmSync(file, { force: true });
    let note: { rec?: unknown; name?: unknown; fields?: unknown };
    try {
      note = JSON.parse(text) as typeof note;
    } catch {
      refused({ file, why: 'not a note' });
      continue;
    }
    if (note.rec !== recordingId) continue; // for an earlier recording of the pane: its reader is gone
    const fields = typeof note.name === 'string' ? fieldsOf(note.name, note.fields) : undefined;
    if (typeof note.name !== 'string' || !fields) {
      refused({ file, why: `not a note the reader takes (${JSON.stringify(note.name)})` });
      continue;
    }
    notes.push({ name: note.name, fields });
  }
  return notes;
}

/** The inbox and any note left for a finished recording (run files are removed with them). */
export function removeNoteFiles(runFile: string): void {
  const dir = path.dirname(runFile);
  const stem = noteStem(runFile);
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter((name) => name.startsWith(stem));
  } catch {
    // no directory: nothing to remove
  }
  for (const file of [inboxFilePath(runFile), ...names.map((name) => path.join(dir, name))]) {
    if (isOwnFile(file)) fs.rmSync(file, { force: true });
  }
}
