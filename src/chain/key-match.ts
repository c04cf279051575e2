// Whether the key `verify --key` was given is the log's at all. With another
// key every keyed seal fails, and verify named each one `edited`: hundreds of
// breaks that said nothing but "wrong key". Since v=3 each keyed seal binds its
// own line under the key (`e=`, chain/seal-tag.ts), checkable alone: when not
// one of a log's tagged seals holds under the key, the key is not the log's (or
// the files were renamed from another log's name, which e= binds, or every
// keyed seal was rewritten by someone without the key: the same to the key's
// holder). commands/verify.ts then says so once, as a break, and checks the log
// as without a key (lines counted, seals linked), naming only what that shows.
// One seal that holds keeps the per-seal breaks: a log where some seals fail
// under the right key has each named.

import { KEYED_CHAIN } from './seal.ts';
import { sealLogName, sealTag, withoutTag } from './seal-tag.ts';
import type { Break, VerifyLine } from './verify.ts';

export class KeyMatch {
  /** Keyed seals read that carry `e=`. */
  tagged = 0;
  /** Of those, how many hold under the key. */
  held = 0;
  /** The first of them: where the break is shown. */
  private first: VerifyLine | undefined;

  constructor(private readonly key: Buffer) {}

  see(v: VerifyLine): void {
    const e = v.fields?.e;
    if (v.event !== 'seal' || e === undefined || v.fields?.chain !== KEYED_CHAIN) return;
    this.tagged++;
    this.first ??= v;
    const line = withoutTag(v.text, e);
    if (line !== undefined && sealTag(line, this.key, sealLogName(v.file)) === e) this.held++;
  }

  /** The break saying the key does not match, when no tagged seal holds under it; else undefined. */
  mismatch(): Break | undefined {
    if (this.tagged === 0 || this.held > 0 || !this.first) return undefined;
    return {
      kind: 'wrong key',
      file: this.first.file,
      line: this.first.line,
      rec: '',
      detail: `none of the log's ${this.tagged} keyed seal(s) holds under this key: the log was keyed with another one (or its files were renamed from another log's name, which each seal binds, or every keyed seal was rewritten by someone without the key); nothing keyed in it is proved, and it is checked as without a key (lines counted, seals linked)`,
    };
  }
}
