// Whether the key `verify --key` was given is the log's at all. With another
// key every keyed seal fails, and verify named each one `edited`: hundreds of
// breaks that said nothing but "wrong key". Since v=3 each keyed seal binds its
// own line under the key (`e=`, chain/seal-tag.ts), checkable alone: when not
// one of a log's tagged seals holds under the key, by its e= or by its hash
// (chain/verify.ts: keyedHeld; a recording's first stretch, start to first
// seal, holds by its hash under the right key whatever was done to the e=),
// the key is not the log's (or every keyed line was made without it: the same
// to the key's holder). commands/verify.ts then says so once, as a break, and
// checks the log as without a key (lines counted, seals linked; --require-key
// still names plain recordings), naming only what that shows. Someone without
// the key who rewrites every e= cannot pass the right key off as a wrong one:
// a seal that holds by its hash keeps each failing e= named, with a hint that
// the files may have been renamed (e= binds the log's name; an honest copy
// under another name fails every e= and nothing else).

import { HEAD_EVENT, MARK_NOT_HELD, markHolds } from './head-mark.ts';
import { KEYED_CHAIN } from './seal.ts';
import { sealLogName, sealTag, withoutTag } from './seal-tag.ts';
import type { Break, VerifyLine } from './verify.ts';

/** Said with each failing e= when seals hold by their hash under the key though no e= does. */
export const RENAMED_HINT = "no keyed seal's e= holds, yet seals hold by their hash under this key: the key is the log's; if the log is otherwise whole, its files were renamed from another log's name (e= binds it)";

export class KeyMatch {
  /** Keyed seals read that carry `e=`. */
  tagged = 0;
  /** Of those, how many hold under the key. */
  held = 0;
  /** The first of them: where the break is shown. */
  private first: VerifyLine | undefined;
  /**
   * Head marks read (chain/head-mark.ts), and of those how many hold under the key. Under another key none does,
   * each was named a forged event beside `wrong key`; one that holds says the key is the log's (nobody makes one
   * without it).
   */
  marks = 0;
  marksHeld = 0;

  constructor(private readonly key: Buffer) {}

  see(v: VerifyLine): void {
    if (v.event === HEAD_EVENT && v.place !== undefined) {
      const holds = markHolds(v, this.key);
      if (holds !== undefined) this.marks++;
      if (holds) this.marksHeld++;
      return;
    }
    const e = v.fields?.e;
    if (v.event !== 'seal' || e === undefined || v.fields?.chain !== KEYED_CHAIN) return;
    this.tagged++;
    this.first ??= v;
    const line = withoutTag(v.text, e);
    if (line !== undefined && sealTag(line, this.key, sealLogName(v.file)) === e) this.held++;
  }

  /**
   * Whether each failing e= should say the files may have been renamed: no e= holds, yet `keyedHeld` keyed
   * seals hold by their hash under the key (the key is the log's; e= also binds the log's name).
   */
  renamedHint(keyedHeld: number): boolean {
    return this.tagged > 0 && this.held === 0 && keyedHeld > 0;
  }

  /** The break saying the key does not match, when no tagged seal holds under it; else undefined. */
  mismatch(): Break | undefined {
    if (this.tagged === 0 || this.held > 0 || this.marksHeld > 0 || !this.first) return undefined;
    const marks = this.marks > 0 ? `, nor any of its ${this.marks} head mark(s)` : '';
    return {
      kind: 'wrong key',
      file: this.first.file,
      line: this.first.line,
      rec: '',
      detail: `none of the log's ${this.tagged} keyed seal(s) holds under this key, by its own line (e=) or its hash${marks}: the log was keyed with another one (or every keyed seal and line was made by someone without the key); nothing keyed in it is proved, and it is checked as without a key (lines counted, seals linked)`,
    };
  }
}

/** Whether `found` is a head mark not holding under the key: under a key said to be wrong, no more than that says (not listed). */
export function markUnderWrongKey(found: Break): boolean {
  return found.kind === 'forged event' && found.detail === MARK_NOT_HELD;
}

/**
 * `v` with its `e=` made again under `key`, if it is a tagged keyed seal. A seal's line is hashed by the
 * next seal of its recording, so someone without the key who rewrites every e= breaks those hashes too;
 * with the right key the e= made again is the one written, and the hashes hold again (a log whose starts
 * were all pruned has no stretch from a start to tell the key by). With another key they do not.
 */
export function retagged(v: VerifyLine, key: Buffer): VerifyLine {
  const e = v.fields?.e;
  if (v.event !== 'seal' || e === undefined || v.fields?.chain !== KEYED_CHAIN) return v;
  const line = withoutTag(v.text, e);
  if (line === undefined) return v;
  const fresh = sealTag(line, key, sealLogName(v.file));
  if (fresh === e) return v;
  const text = line.endsWith('}}\n') ? `${line.slice(0, -3)},"e":"${fresh}"}}\n` : `${line.slice(0, -1)} e=${fresh}\n`;
  return { ...v, text, fields: { ...v.fields, e: fresh } };
}
