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
// The previous file's content too: a pruned file re-created under its old
// name with its saved mark at its head (made-up lines and a replayed seal
// behind it) matched the next file's prev=, and its mark became the reference
// (review of trust13b, F1). So the mark also holds `size=` and `sha=`: the
// SHA-256 of the renamed file's first `size` bytes, read by the rotating
// writer under the lock (sinks/file/head-mark.ts), bound by `e`. verify hashes
// each file as it reads it and checks the next file's mark against it. A
// prefix, not the whole file: other writers' lines land in the renamed file
// until they notice the rotation (sinks/file/writer.ts); appending never moves
// the bytes before. Cost: one SHA-256 pass over each rotated file at rotation
// (some 19 ms for 10 MB here), and one more in verify under the key.
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

/** What a head mark says of the file before it: its first `size` bytes' SHA-256 (hex). */
export interface PreviousContent {
  size: number;
  sha: string;
}

/** The `e=` of a head mark in the log whose live file is `logName`. */
export function headTag(key: Buffer, logName: string, at: number, prev: number, before: PreviousContent): string {
  return createHmac('sha256', key).update(`tmux-audit head\0${logName}\0${at}\0${prev}\0${before.size}\0${before.sha}`).digest('hex').slice(0, SEAL_HEX);
}

/** A head mark's fields, as the writer puts them (after `rec=`). */
export function headFields(key: Buffer, logName: string, at: number, prev: number, before: PreviousContent): Record<string, string> {
  return { file: logName, at: String(at), prev: String(prev), size: String(before.size), sha: before.sha, e: headTag(key, logName, at, prev, before) };
}

/** Honest lines appended to a renamed file after its rotation (other writers not yet aware) stay within this: see FileDigest. */
const LATE_BYTES = 8 * 1024 * 1024;

/**
 * A file's SHA-256 as verify reads it line by line, for any prefix ending at a line's end within its last
 * LATE_BYTES: the lines of that tail are kept unhashed until the next file's mark says where the prefix ends.
 */
class FileDigest {
  private readonly hash: Hash = createHash('sha256');
  private hashed = 0;
  private readonly tail: Buffer[] = [];
  private tailBytes = 0;

  constructor(readonly file: string) {}

  add(text: string): void {
    const bytes = Buffer.from(text);
    this.tail.push(bytes);
    this.tailBytes += bytes.length;
    while (this.tailBytes > LATE_BYTES && this.tail.length > 1) {
      const oldest = this.tail.shift()!;
      this.hash.update(oldest);
      this.hashed += oldest.length;
      this.tailBytes -= oldest.length;
    }
  }

  /** The digest of the first `size` bytes; undefined when they do not end at a line's end within the tail kept. */
  prefix(size: number): string | undefined {
    if (size < this.hashed) return undefined;
    const hash = this.hash.copy();
    let at = this.hashed;
    for (const bytes of this.tail) {
      if (at === size) break;
      if (at + bytes.length > size) return undefined;
      hash.update(bytes);
      at += bytes.length;
    }
    return at === size ? hash.digest('hex') : undefined;
  }
}

interface Mark {
  at: number;
  prev: number;
  v: VerifyLine;
  /** Whether the file read before it holds, as its first bytes, the content the mark says. */
  before: boolean;
}

/** The head marks verify reads, by file: checked under the key, and the oldest file's start they give. */
export class HeadMarks {
  private readonly byFile = new Map<string, Mark>();
  private readonly found: Break[] = [];
  /** Marks passed over without the key: a forged event each when no recording of the log is keyed (see breaks). */
  private readonly unchecked: VerifyLine[] = [];

  /** The file read now and the one before it, hashed as read (under the key only: nothing to check them against without). */
  private reading: FileDigest | undefined;
  private previous: FileDigest | undefined;

  constructor(private readonly key: Buffer | undefined) {}

  /** Takes each line verify reads, in order (its bytes: the next file's mark names the digest of this file's first ones). */
  line(v: VerifyLine): void {
    if (this.key === undefined) return;
    if (this.reading?.file !== v.file) {
      this.previous = this.reading;
      this.reading = new FileDigest(v.file);
    }
    this.reading.add(v.text);
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
    if (names !== 'at e file prev rec sha size' || !/^\d{1,16}$/.test(v.fields!.at!) || !/^\d{1,16}$/.test(v.fields!.prev!) || !/^\d{1,16}$/.test(v.fields!.size!) || !/^[0-9a-f]{64}$/.test(v.fields!.sha!) || !/^[0-9a-f]+$/.test(v.fields!.e!)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark that is not one (its writer puts file=, at=, prev=, size=, sha= and e= only)' });
      return;
    }
    if (this.key === undefined) {
      if (v.line !== 1) this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark where its writer puts none (only as the first line of a file)' });
      else this.unchecked.push(v);
      return;
    }
    const at = Number(v.fields?.at);
    const prev = Number(v.fields?.prev);
    const e = v.fields?.e ?? '';
    const rec = v.fields?.rec ?? '';
    const before = { size: Number(v.fields?.size), sha: v.fields?.sha ?? '' };
    const want = Number.isSafeInteger(at) && Number.isSafeInteger(prev) && Number.isSafeInteger(before.size) ? headTag(this.key, sealLogName(v.file), at, prev, before) : '';
    if (want === '' || e.length !== want.length || !timingSafeEqual(Buffer.from(e), Buffer.from(want)) || v.fields?.file !== sealLogName(v.file)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a head mark that does not hold under the key (or names another log)' });
      return;
    }
    if (this.byFile.has(v.file)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a second head mark in one file (its writer puts one in each new file): one from another file of the log, put here' });
      return;
    }
    // Its own file's first line: the file read before it was read whole just now (line() was called first).
    const previous = this.reading?.file === v.file ? this.previous : undefined;
    this.byFile.set(v.file, { at, prev, v, before: previous === undefined || previous.prefix(before.size) === before.sha });
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
    for (let i = 0; i + 1 < files.length; i++) {
      const next = this.byFile.get(files[i + 1]!);
      if (next === undefined) continue;
      if (!next.before) {
        // Whatever its own mark says: a file re-created under a pruned file's name, or rewritten, is not what the rotation left.
        found.push({ kind: 'edited', file: files[i]!, line: 1, rec: next.v.fields?.rec ?? '', detail: `the next file's head mark holds the digest of this file's first ${next.v.fields?.size} bytes as its rotation left it, and they are not that: the file was rewritten, or made anew under a rotated file's name` });
      }
      if (next.prev === 0) continue;
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

  /** When `file` began, by its head mark holding under the key; undefined when it has none. */
  startOf(file: string | undefined): number | undefined {
    return file === undefined ? undefined : this.byFile.get(file)?.at;
  }
}
