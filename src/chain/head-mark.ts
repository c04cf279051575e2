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
// What it cannot tell: a log with no mark (written before this, or without a
// key) keeps the reference from its first lines; the first file of a log (no
// rotation made it) has none; and a mark removed from the oldest file, with the
// writer's note of it (`.<live>.head`) removed before the next rotation (the
// next file then says prev=0, as after an upgrade), reads like such a log; and
// when the oldest file is the only one read (every rotated file pruned), no
// later mark names its mark, so one removed or replaced there is not seen.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { sealLogName } from './seal-tag.ts';
import { SEAL_HEX } from './seal.ts';
import type { Break, VerifyLine } from './verify.ts';

/** The event a head mark is. */
export const HEAD_EVENT = 'head';

/** The `e=` of a head mark in the log whose live file is `logName`. */
export function headTag(key: Buffer, logName: string, at: number, prev: number): string {
  return createHmac('sha256', key).update(`tmux-audit head\0${logName}\0${at}\0${prev}`).digest('hex').slice(0, SEAL_HEX);
}

/** A head mark's fields, as the writer puts them (after `rec=`). */
export function headFields(key: Buffer, logName: string, at: number, prev: number): Record<string, string> {
  return { file: logName, at: String(at), prev: String(prev), e: headTag(key, logName, at, prev) };
}

interface Mark {
  at: number;
  prev: number;
  v: VerifyLine;
}

/** The head marks verify reads, by file: checked under the key, and the oldest file's start they give. */
export class HeadMarks {
  private readonly byFile = new Map<string, Mark>();
  private readonly found: Break[] = [];
  /** Marks passed over without the key: a forged event each when no recording of the log is keyed (see breaks). */
  private readonly unchecked: VerifyLine[] = [];

  constructor(private readonly key: Buffer | undefined) {}

  /**
   * Takes a head mark line. Only its own fields, as the writer puts them: `e` binds no other, so a field added
   * would be words nothing vouches for. Without the key it proves nothing more, yet is taken only where its writer
   * puts it: as a file's first line, and not in a log whose recordings are unkeyed (see breaks); else it would hide
   * made-up events from plain verify (issue 13, review of trust13b F4). (The first file read may be one a rotation
   * opened, the log's first file pruned: a mark there is not told apart.)
   */
  see(v: VerifyLine): void {
    const names = Object.keys(v.fields ?? {}).sort().join(' ');
    if (names !== 'at e file prev rec' || !/^\d{1,16}$/.test(v.fields!.at!) || !/^\d{1,16}$/.test(v.fields!.prev!) || !/^[0-9a-f]+$/.test(v.fields!.e!)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: 'a head mark that is not one (its writer puts file=, at=, prev= and e= only)' });
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
    const want = Number.isSafeInteger(at) && Number.isSafeInteger(prev) ? headTag(this.key, sealLogName(v.file), at, prev) : '';
    if (want === '' || e.length !== want.length || !timingSafeEqual(Buffer.from(e), Buffer.from(want)) || v.fields?.file !== sealLogName(v.file)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a head mark that does not hold under the key (or names another log)' });
      return;
    }
    if (this.byFile.has(v.file)) {
      this.found.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a second head mark in one file (its writer puts one in each new file): one from another file of the log, put here' });
      return;
    }
    this.byFile.set(v.file, { at, prev, v });
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

  /** When `file` began, by its head mark holding under the key; undefined when it has none. */
  startOf(file: string | undefined): number | undefined {
    return file === undefined ? undefined : this.byFile.get(file)?.at;
  }
}
