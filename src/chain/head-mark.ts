// A keyed mark a rotating writer puts in each new file of a log: when that file
// began, under the chain key.
//
// verify tells a seal replayed from a pruned file by its stamp: one made well
// before the oldest file began (chain/replayed-seal.ts). Without a mark the
// oldest file's start is known only from its first lines, which nothing proves:
// a made-up output line stamped early at the very head of that file moved the
// reference with it, and a replayed seal put behind it passed (issue 13,
// review13c). So under a key the writer that rotates a log writes into the new
// file, holding the rotation lock, `* head rec=<its recording> file=<live name>
// at=<epoch ms> prev=<the previous file's at> e=<HMAC>`: `e` binds the log's
// live name, `at` and `prev` under the key (nobody without it can make one, nor
// move one to another log), and `prev` binds the file to the one before it, so
// a mark saved from a pruned file and put in place of the oldest file's own no
// longer matches the next file's `prev`. With the oldest file's mark read and
// holding, its `at` is the reference; lines before it, whoever stamped them, no
// longer move it.
//
// The oldest file's content too: a pruned file re-created under its old name
// with its saved mark at its head (made-up lines and a replayed seal behind
// it) matched the next file's prev=, and its mark became the reference
// (review of trust13b, F1). Hashing the renamed file in the rotating writer,
// under the lock, stalled its lines (issue 15). So the writer that rotated a
// file hashes it afterwards, in the background (sinks/file/file-digest.ts),
// and notes the digest, tagged under the key, beside the ledger; the next
// mark a rotation writes (any writer's) carries it: `dat=` (the hashed file's
// own mark's at), `size=` and `sha=` (the SHA-256 of its first `size` bytes:
// a prefix, since other writers' lines land in a renamed file until they
// notice, and appending never moves the bytes before), bound by `e`. The file
// it names is two rotations back or older, so when the oldest file read is
// one re-created in place of a pruned one, a later file's mark names its
// digest; verify hashes the oldest file as it reads it and names it `edited`
// when its first bytes are not those.
//
// Since trust13e `e` binds the mark's `rec=` too: a verify read the mark's
// recording (whose writer carries digests or not: see digestsDropped), and a
// rec= rewritten to a made-up one hid a digest note removed. A mark from
// before (its `e` over the rest only) still holds as it did: a log already
// written verifies as before, its marks' rec= as unbound as they were.
//
// What it cannot tell: a log with no mark (written before this, or without a
// key) keeps the reference from its first lines; the first file of a log (no
// rotation made it) has none; and a mark removed from the oldest file, with the
// writer's note of it (`.<live>.head`) removed before the next rotation (the
// next file then says prev=0, as after an upgrade), reads like such a log; and
// when the oldest file is the only one read (every rotated file pruned), no
// later mark names its mark, so one removed or replaced there is not seen.

import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { sealLogName } from './seal-tag.ts';
import { SEAL_HEX } from './seal.ts';
import type { Break, VerifyLine } from './verify.ts';

/** The event a head mark is. */
export const HEAD_EVENT = 'head';

/** What a head mark may say of an earlier file of the log: the file whose mark says `at=dat`, its first `size` bytes' SHA-256 (hex). */
export interface FileContent {
  dat: number;
  size: number;
  sha: string;
}

/**
 * The `e=` of a head mark of recording `rec` in the log whose live file is `logName`. `rec` undefined: as a writer
 * from before trust13e made it, over the rest only (read, never written).
 */
export function headTag(key: Buffer, rec: string | undefined, logName: string, at: number, prev: number, content?: FileContent): string {
  const named = content === undefined ? '' : `\0${content.dat}\0${content.size}\0${content.sha}`;
  // Another first word for the marks that bind rec=: no mark of one kind holds as one of the other.
  const head = rec === undefined ? 'tmux-audit head' : `tmux-audit head rec\0${rec}`;
  return createHmac('sha256', key).update(`${head}\0${logName}\0${at}\0${prev}${named}`).digest('hex').slice(0, SEAL_HEX);
}

/** A head mark's fields, as the writer puts them (after `rec=`, which `e` binds). */
export function headFields(key: Buffer, rec: string, logName: string, at: number, prev: number, content?: FileContent): Record<string, string> {
  const named: Record<string, string> = content === undefined ? {} : { dat: String(content.dat), size: String(content.size), sha: content.sha };
  return { file: logName, at: String(at), prev: String(prev), ...named, e: headTag(key, rec, logName, at, prev, content) };
}

/** The tag of a digest note (sinks/file/file-digest.ts): only a writer with the key makes one a mark will carry. */
export function contentTag(key: Buffer, logName: string, content: FileContent): string {
  return createHmac('sha256', key).update(`tmux-audit content\0${logName}\0${content.dat}\0${content.size}\0${content.sha}`).digest('hex').slice(0, SEAL_HEX);
}

/** Honest lines appended to a renamed file after it was hashed (other writers not yet aware) stay within this: see FileDigest. */
const LATE_BYTES = 8 * 1024 * 1024;

/**
 * A file's SHA-256 as verify reads it line by line, for any prefix ending at a line's end within its last
 * LATE_BYTES: the lines of that tail are kept unhashed until a later file's mark says where the prefix ends.
 */
class FileDigest {
  private readonly hash: Hash = createHash('sha256');
  private hashed = 0;
  /** The lines not hashed yet, as read: strings, hashed as UTF-8 (the bytes the file holds). */
  private tail: string[] = [];
  private lengths: number[] = [];
  private tailBytes = 0;

  constructor(readonly file: string) {}

  add(text: string): void {
    const length = Buffer.byteLength(text);
    this.tail.push(text);
    this.lengths.push(length);
    this.tailBytes += length;
    // A megabyte past the bound at a time: one hash call per many lines (one per line cost verify a third more).
    if (this.tailBytes <= LATE_BYTES + 1024 * 1024) return;
    let end = 0;
    let bytes = 0;
    while (this.tailBytes - bytes > LATE_BYTES && end < this.tail.length - 1) bytes += this.lengths[end++]!;
    this.feed(this.hash, end);
    this.hashed += bytes;
    this.tailBytes -= bytes;
    this.tail = this.tail.slice(end);
    this.lengths = this.lengths.slice(end);
  }

  /** Hashes the tail's lines up to `to`, joined a thousand at a time. */
  private feed(hash: Hash, to: number): void {
    for (let i = 0; i < to; i += 1024) hash.update(this.tail.slice(i, Math.min(to, i + 1024)).join(''), 'utf8');
  }

  /**
   * The digest of the first `size` bytes; undefined when the file holds fewer, or they end before the tail kept.
   * They may end inside a line: the writer's fstat may land while another writer's batch is being appended.
   */
  prefix(size: number): string | undefined {
    if (size < this.hashed) return undefined;
    let at = this.hashed;
    let end = 0;
    while (end < this.tail.length && at + this.lengths[end]! <= size) at += this.lengths[end++]!;
    if (at < size && end === this.tail.length) return undefined;
    const hash = this.hash.copy();
    this.feed(hash, end);
    if (at < size) hash.update(Buffer.from(this.tail[end]!, 'utf8').subarray(0, size - at));
    return hash.digest('hex');
  }
}

interface Mark {
  at: number;
  prev: number;
  v: VerifyLine;
  /** What it says of an earlier file's content, if anything. */
  content?: FileContent;
}

/** What verify says of a well-formed head mark whose e= does not hold under the key it was given. */
export const MARK_NOT_HELD = 'a head mark that does not hold under the key (or names another log)';

/** Whether a head mark's e= holds under `key` for the log it is read in: binding its rec= (a mark from before trust13e: not). */
function tagHolds(v: VerifyLine, key: Buffer, at: number, prev: number, content: FileContent | undefined): boolean {
  const e = Buffer.from(v.fields?.e ?? '');
  if (!Number.isSafeInteger(at) || !Number.isSafeInteger(prev) || v.fields?.file !== sealLogName(v.file)) return false;
  const is = (want: string): boolean => e.length === want.length && timingSafeEqual(e, Buffer.from(want));
  return is(headTag(key, v.fields?.rec ?? '', sealLogName(v.file), at, prev, content)) || is(headTag(key, undefined, sealLogName(v.file), at, prev, content));
}

/**
 * For telling a wrong key (chain/key-match.ts): whether the head mark `v` holds under `key`; undefined when it is
 * no well-formed mark (named as such whatever the key).
 */
export function markHolds(v: VerifyLine, key: Buffer): boolean | undefined {
  const f = v.fields ?? {};
  const names = Object.keys(f).sort().join(' ');
  if (names !== 'at e file prev rec' && names !== 'at dat e file prev rec sha size') return undefined;
  if (!/^\d{1,16}$/.test(f.at!) || !/^\d{1,16}$/.test(f.prev!)) return undefined;
  const named = f.dat !== undefined;
  if (named && (!/^\d{1,16}$/.test(f.dat!) || !/^\d{1,16}$/.test(f.size!) || !/^[0-9a-f]{64}$/.test(f.sha!))) return undefined;
  const content = named ? { dat: Number(f.dat), size: Number(f.size), sha: f.sha! } : undefined;
  return tagHolds(v, key, Number(f.at), Number(f.prev), content);
}

/** The head marks verify reads, by file: checked under the key, and the oldest file's start they give. */
export class HeadMarks {
  private readonly byFile = new Map<string, Mark>();
  private readonly found: Break[] = [];
  /** Marks passed over without the key: a forged event each when no recording of the log is keyed (see breaks). */
  private readonly unchecked: VerifyLine[] = [];

  /** The first file read, hashed as read (under the key only): the replay reference when its mark holds. */
  private oldest: FileDigest | undefined;

  /**
   * `bytes`: a file's bytes as it holds them, when the caller can read them. The digest is over bytes, and text
   * read back is not always them: a character cut by a killed reader reads as U+FFFD, three bytes for one.
   */
  constructor(
    private readonly key: Buffer | undefined,
    private readonly prefixDigest?: (file: string, size: number) => string | undefined,
  ) {}

  /** Takes each line of the first file read, in order (its bytes: a later mark may name the digest of its first ones). */
  line(v: VerifyLine): void {
    if (this.key === undefined) return;
    this.oldest ??= new FileDigest(v.file);
    if (this.oldest.file === v.file) this.oldest.add(v.text);
  }

  /**
   * Takes a head mark line. Only its own fields, as the writer puts them: `e` binds no other, so a field added
   * would be words nothing vouches for. Without the key it proves nothing more, yet is taken only where its writer
   * puts it: as a file's first line, and not in a log whose recordings are unkeyed (see breaks); else it would hide
   * made-up events from plain verify (issue 13, review of trust13b F4). (The first file read may be one a rotation
   * opened, the log's first file pruned: a mark there is not told apart.)
   */
  see(v: VerifyLine): void {
    const names = Object.keys(v.fields ?? {}).sort().join(' ');
    const digit = /^\d{1,16}$/;
    const named = names === 'at dat e file prev rec sha size' && digit.test(v.fields!.dat!) && digit.test(v.fields!.size!) && /^[0-9a-f]{64}$/.test(v.fields!.sha!);
    if ((names !== 'at e file prev rec' && !named) || !digit.test(v.fields!.at!) || !digit.test(v.fields!.prev!) || !/^[0-9a-f]+$/.test(v.fields!.e!)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark that is not one (its writer puts file=, at=, prev=, e= and dat=, size=, sha= only)' });
      return;
    }
    if (this.key === undefined) {
      if (v.line !== 1) this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark where its writer puts none (only as the first line of a file)' });
      else this.unchecked.push(v);
      return;
    }
    const at = Number(v.fields?.at);
    const prev = Number(v.fields?.prev);
    const rec = v.fields?.rec ?? '';
    const content = named ? { dat: Number(v.fields!.dat), size: Number(v.fields!.size), sha: v.fields!.sha! } : undefined;
    if (!tagHolds(v, this.key, at, prev, content)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: MARK_NOT_HELD });
      return;
    }
    if (this.byFile.has(v.file)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a second head mark in one file (its writer puts one in each new file): one from another file of the log, put here' });
      return;
    }
    this.byFile.set(v.file, { at, prev, v, ...(content === undefined ? {} : { content }) });
  }

  /**
   * The breaks between files read in order: each file's mark names (prev=) the mark of the file before it. A
   * mark missing where the next names one, or another there, is a replaced or removed mark (or a file between not read).
   * `unkeyed`: whether the log's recordings whose chain is known are all unkeyed; a writer puts marks only under a key.
   */
  breaks(files: readonly string[], unkeyed: boolean): Break[] {
    const found = [...this.found];
    if (unkeyed) {
      for (const v of this.unchecked) found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark in a log none of whose recordings is keyed (its writer puts them only under a key)' });
    }
    found.push(...this.oldestContent(files[0]));
    found.push(...this.digestsDropped(files));
    for (let i = 0; i + 1 < files.length; i++) {
      const next = this.byFile.get(files[i + 1]!);
      if (next === undefined || next.prev === 0) continue;
      const mine = this.byFile.get(files[i]!);
      if (mine?.at === next.prev) continue;
      const at = mine?.v ?? next.v;
      found.push({
        kind: mine !== undefined && mine.at < next.prev ? 'missing file' : 'forged event',
        file: at.file,
        line: at.line,
        rec: at.fields?.rec ?? '',
        detail:
          mine === undefined
            ? `the next file's head mark names one made at ${new Date(next.prev).toISOString()} that is not in ${files[i]}: its head mark removed`
            : mine.at < next.prev
              ? `the next file's head mark names one made at ${new Date(next.prev).toISOString()}, later than this file's: a file between them not read`
              : `the next file's head mark names one made at ${new Date(next.prev).toISOString()}, not this one: a head mark from another file of the log put here`,
      });
    }
    return found;
  }

  /**
   * The oldest file read against what a later mark says of its first bytes (by its own mark's at). A pruned file
   * re-created under its name with its saved mark is the only file that can pass for an older one than the oldest
   * left, so that is the one hashed (the files between are checked by their chains).
   */
  private oldestContent(file: string | undefined): Break[] {
    const mine = file === undefined ? undefined : this.byFile.get(file);
    const oldest = this.oldest;
    if (mine === undefined || oldest === undefined || oldest.file !== file) return [];
    for (const [other, mark] of this.byFile) {
      if (other === file || mark.content?.dat !== mine.at) continue;
      // Each mark naming it (a digest noted once may be carried by several): any not matching is named.
      if (this.prefixOf(oldest, mark.content.size) === mark.content.sha) continue;
      return [{ kind: 'edited', file: file!, line: mine.v.line, rec: mine.v.fields?.rec ?? '', detail: `the head mark in ${other} holds the digest of this file's first ${mark.content.size} bytes as its rotation left them, and they are not that: the file was rewritten, or made anew under a pruned file's name with its head mark` }];
    }
    return [];
  }

  /**
   * Marks that carry no digest where their writer would have carried one. The digest note (.<log>.digest) is the
   * owner's to remove as it is written, and a mark then carries none: the file it would have named can be made anew
   * unseen (review). An honest writer misses a digest (killed while hashing, or rotating again before its hash ends)
   * only by leaving the note as it was, so the next mark carries an older one; and writers never remove the note, so
   * once a mark carried one, every later mark finds one, until the directory goes with its notes (the next mark then
   * says prev=0, which starts afresh). A mark without one is named only when its recording's writer carries digests
   * (a mark of the same recording read carries one): a reader of an older tmux-audit (marks without digests) does
   * not. Not seen: a note removed before any mark read carried one, or every time, from the log's first rotation on.
   */
  private digestsDropped(files: readonly string[]): Break[] {
    const marks = files.map((file) => this.byFile.get(file)).filter((mark): mark is Mark => mark !== undefined);
    const carries = new Set(marks.filter((mark) => mark.content !== undefined).map((mark) => mark.v.fields?.rec));
    const found: Break[] = [];
    let carried: Mark | undefined;
    for (const mark of marks) {
      if (mark.prev === 0) carried = undefined;
      if (mark.content !== undefined) carried = mark;
      else if (carried !== undefined && carries.has(mark.v.fields?.rec)) {
        found.push({ kind: 'deleted', file: mark.v.file, line: mark.v.line, rec: mark.v.fields?.rec ?? '', detail: `this head mark carries no digest of an earlier file, though its writer carries them and the one in ${carried.v.file} carried one: the digest note (.${sealLogName(mark.v.file)}.digest) was removed as it was written, which hides an earlier file made anew` });
      }
    }
    return found;
  }

  /** The digest of the oldest file's first `size` bytes: from its bytes when they can be read, else from its lines. */
  private prefixOf(oldest: FileDigest, size: number): string | undefined {
    if (this.prefixDigest === undefined) return oldest.prefix(size);
    try {
      return this.prefixDigest(oldest.file, size);
    } catch {
      return oldest.prefix(size);
    }
  }

  /** The files read whose head mark holds under the key (none without it). */
  marked(): string[] {
    return [...this.byFile.keys()];
  }

  /** When `file` began, by its head mark holding under the key; undefined when it has none. */
  startOf(file: string | undefined): number | undefined {
    return file === undefined ? undefined : this.byFile.get(file)?.at;
  }
}
