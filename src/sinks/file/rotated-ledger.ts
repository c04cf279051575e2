// Which files this log's writers rotated: a short list of their identities
// (device, inode, birth time) beside the rotation lock. A writer that finds
// the log's path no longer naming the file it holds open asks it before it
// says the log was removed or moved (a `lost` event; moved-away.ts): a file
// rotated by a writer of this log keeps a name, as a moved one does, or, once
// compressed (gzip removes the plain file) or pruned (@audit-max-files,
// @audit-max-age), has none, as a removed one; it went by rotation and
// retention, not by someone's `mv` or `rm`. An idle pane's
// reader holds the live file for as long as it prints nothing, and wakes to
// find it rotated, compressed and gone (issue 13 review, finding 3); before
// this it wrote a `lost` event that verify rightly read as files removed.
//
// Written under the rotation lock (rotation.ts), read without it (and again
// under it when it does not name the file: moved-away.ts): whole lines
// appended, and past LEDGER_BYTES its newer half put in place by rename.
// Someone who can write the log's directory can add entries. A planted entry
// naming the live file, then `rm` or `mv` of it, would hide the removal: the writer
// says nothing where it would have written a `lost` event, and verify sees the
// log's next file start with a chain that goes on (issue 13 review of
// fixtrust7, finding 1). So with a chain key each entry carries an HMAC under
// it over the file's identity and the log's path, and an entry that does not
// verify is no entry: without the key nobody can plant one. Without a key an
// entry is plain, and a planted one can hide a removal; but without a key the
// owner can rewrite the whole chain anyway (README, "Trusting the logs").
//
// Each rotation also names the file it made and those retention deletes
// (`rotated <name>`, `pruned <name>`: ledger-names.ts), for verify to tell a
// rotated file removed by hand from one pruned.

import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { digestEntry, nameEntry, type RotatedDigest } from './ledger-names.ts';
import { notedFiles } from './noted-files.ts';
import { replaceFileWhole } from './safe-fs.ts';

const { O_RDWR, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK, O_RDONLY } = fs.constants;

/**
 * The ledger is appended to (a few short lines per rotation: its file's identity, its name and the names it
 * prunes; no cost that grows with it) and, past this size, rewritten with its newer half (some 330 rotations
 * under a key, 600 without: bench/rotation-digest.ts) and the entries
 * the readers' seal notes name (noted-files.ts): an idle pane's reader, killed, has its stop ask about the
 * file its last seal went into, however long ago that was rotated.
 */
export const LEDGER_BYTES = 256 * 1024;

/** The ledger's path: beside the rotation lock, hidden like it (no reading command takes it for a log). */
export function rotatedLedgerPath(logFile: string): string {
  return path.join(path.dirname(logFile), `.${path.basename(logFile)}.rotated`);
}

/** A file's identity: an inode number is reused once freed, its birth time (statx) tells the reuse apart. */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}:${Math.round(stat.birthtimeMs)}`;
}

/**
 * The ledger's text ('' if there is none, or it is not a regular file of ours), or of its whole lines in
 * its last `tail` bytes; `whole` says whether that is all of it.
 */
function readText(ledger: string, tail = Number.POSITIVE_INFINITY): { text: string; whole: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(ledger, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return { text: '', whole: true };
  }
  try {
    const stat = fs.fstatSync(fd);
    // Only a regular file of ours: anything else is no ledger (and is not followed).
    if (!stat.isFile() || stat.uid !== (process.geteuid?.() ?? 0)) return { text: '', whole: true };
    if (stat.size <= tail) return { text: fs.readFileSync(fd, 'utf8'), whole: true };
    const bytes = Buffer.alloc(tail);
    const read = fs.readSync(fd, bytes, 0, tail, stat.size - tail);
    // From the first whole line: the tail of a cut one could read as another file's identity.
    const from = bytes.indexOf(0x0a) + 1;
    return { text: bytes.toString('utf8', from, read), whole: false };
  } finally {
    fs.closeSync(fd);
  }
}

/** The ledger's last bytes, read first: a writer following another's rotation finds its entry there. */
const TAIL_BYTES = 8 * 1024;

/** The ledger's lines, in order ([] when there is none, or it is not a file of ours). */
export function ledgerLines(logFile: string): string[] {
  return read(rotatedLedgerPath(logFile));
}

function read(ledger: string): string[] {
  return readText(ledger).text.split('\n').filter((line) => line.length > 0);
}

/** An entry's tag under the chain key: binds the identity to this log, so an entry of another log's ledger does not count here. */
function tag(logFile: string, id: string, key: Buffer): string {
  return createHmac('sha256', key).update(`tmux-audit rotated\0${path.resolve(logFile)}\0${id}`).digest('base64url');
}

/** The ledger line for `stat`: its identity, and with a key the identity's tag. */
export function ledgerEntry(logFile: string, stat: fs.Stats, key?: Buffer): string {
  const id = fileIdentity(stat);
  return key ? `${id} ${tag(logFile, id, key)}` : id;
}

/** Whether `line` says `id` was rotated: with a key, only if its tag holds (a plain or forged entry is ignored). */
function entryHolds(logFile: string, line: string, id: string, key: Buffer | undefined): boolean {
  const [entryId, entryTag] = line.split(' ');
  if (entryId !== id) return false;
  if (!key) return true;
  if (entryTag === undefined) return false;
  const want = Buffer.from(tag(logFile, id, key));
  const got = Buffer.from(entryTag);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * Notes that `stat` (the file just renamed away from the log's path, as `<log>.<rotated>`; taken before the rename,
 * its size a floor for what the file holds from then on) was rotated, and
 * that the rotated files `pruned` (their names' rotated parts) are about to be deleted by retention. Under the
 * rotation lock, in one write, before the files go: a verify that finds one of them gone then finds its line
 * (commands/verify-notes.ts). The `pruned` lines first: a write cut short (a full disk) then loses the new
 * file's name rather than a pruning, and a rotated file left unnamed holds back the claims on older ones
 * (ledger-names.ts), where a lost `pruned` line made a false `missing file` (review of prune13, finding 1).
 * Returns whether it was all written (not, when the ledger is not ours); throws when the write fails.
 */
export function noteRotated(logFile: string, stat: fs.Stats, key?: Buffer, rotated?: string, pruned: readonly string[] = []): boolean {
  const entry = (what: 'rotated' | 'pruned') => (name: string) => nameEntry(logFile, what, name, key);
  // Retention may prune the file just made (a limit of none kept): its `pruned` line after its `rotated` one.
  const others = pruned.filter((name) => name !== rotated);
  // With its size from before the rename (rotation.ts): only appended to from then on, so verify names it emptied or cut when it holds less (ledger-names.ts).
  const named = rotated === undefined ? [] : [nameEntry(logFile, 'rotated', rotated, key, stat.size)];
  return append(logFile, [...others.map(entry('pruned')), ledgerEntry(logFile, stat, key), ...named, ...pruned.filter((name) => name === rotated).map(entry('pruned'))]);
}

/**
 * Notes what the rotated file `<log>.<rotated>` held in its first bytes at its rotation (ledger-names.ts): taken in
 * the background after the rotation, appended under the rotation lock (a trim rewriting the ledger by rename would
 * lose a line appended meanwhile). Returns whether it was written; throws when the write fails.
 */
export function noteDigest(logFile: string, rotated: string, digest: RotatedDigest, key?: Buffer): boolean {
  return append(logFile, [digestEntry(logFile, rotated, digest, key)]);
}

function append(logFile: string, lines: readonly string[]): boolean {
  const ledger = rotatedLedgerPath(logFile);
  const fd = fs.openSync(ledger, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK, 0o600);
  let size: number;
  try {
    const own = fs.fstatSync(fd);
    // Not ours, or not a file: left alone (a writer that finds its file gone then says `lost`, as before).
    if (!own.isFile() || own.uid !== (process.geteuid?.() ?? 0) || own.nlink !== 1) return false;
    // A line an earlier write left cut (a full disk) is ended first: else it and this one's first read as one.
    const last = Buffer.alloc(1);
    const cut = own.size > 0 && fs.readSync(fd, last, 0, 1, own.size - 1) === 1 && last[0] !== 0x0a;
    const bytes = Buffer.from(`${cut ? '\n' : ''}${lines.join('\n')}\n`);
    // All of it, or a throw: a write cut short (a full disk) is no note, and the caller notes again.
    for (let offset = 0; offset < bytes.length; ) {
      const wrote = fs.writeSync(fd, bytes, offset);
      if (wrote === 0) throw new Error('the ledger takes no more bytes');
      offset += wrote;
    }
    size = own.size;
  } finally {
    fs.closeSync(fd);
  }
  if (size > LEDGER_BYTES) {
    const entries = read(ledger);
    // Its newer half by bytes: lines are of several lengths (an identity, a name, with and without a tag).
    const bytes = entries.reduce((sum, entry) => sum + entry.length + 1, 0);
    rewrite(ledger, trimmed(entries, Math.floor((entries.length * LEDGER_BYTES) / 2 / Math.max(bytes, 1)), notedFiles(logFile)));
  }
  return true;
}

/**
 * The entries kept when the ledger is rewritten: its newest `newest`, and older identity entries naming a file a
 * reader's seal note names (noted-files.ts), in their order. An idle reader's last seal may be in a file rotated
 * long ago; its stop, if it is killed, asks the ledger about that file. The `rotated`/`pruned` name lines are kept
 * only among the newest: a name's `rotated` line kept has every later line kept with it, its `pruned` line too
 * (a `rotated` line kept without it would read as a file removed by hand).
 */
export function trimmed(entries: string[], newest: number, noted: ReadonlySet<string>): string[] {
  const from = Math.max(0, entries.length - newest);
  return entries.filter((entry, at) => at >= from || noted.has(entry.split(' ', 1)[0]!));
}

function rewrite(ledger: string, entries: string[]): void {
  replaceFileWhole(ledger, `${entries.join('\n')}\n`);
}

/**
 * Whether the file `stat` (open, no longer at the log's path) was rotated by a writer of this log. With the chain
 * `key`, only an entry tagged under it counts (one written by a writer without the key, too: a false
 * `lost`, never a hidden one).
 */
export function wasRotated(logFile: string, stat: fs.Stats, key?: Buffer): boolean {
  return wasRotatedId(logFile, fileIdentity(stat), key);
}

/** `wasRotated` for a file known by its identity alone (`fileIdentity`): one no longer open, as a dead reader's last file. */
export function wasRotatedId(logFile: string, id: string, key?: Buffer): boolean {
  // Asked by every writer at each rotation another made (moved-away.ts): the newest entries first (a full
  // ledger read and split line by line cost some 4 ms a look), and only lines starting with the identity.
  const ledger = rotatedLedgerPath(logFile);
  const tail = readText(ledger, TAIL_BYTES);
  return holds(logFile, tail.text, id, key) || (!tail.whole && holds(logFile, readText(ledger).text, id, key));
}

/** Whether a line of `text` (whole lines) says `id` was rotated. */
function holds(logFile: string, text: string, id: string, key: Buffer | undefined): boolean {
  for (let at = text.indexOf(id); at !== -1; at = text.indexOf(id, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    const end = text.indexOf('\n', at);
    if (entryHolds(logFile, text.slice(at, end === -1 ? text.length : end), id, key)) return true;
  }
  return false;
}
