// A keyed seal's own line, bound under the key (`e=`, since chain v=3).
//
// A seal's line is hashed by the next seal (chain/seal.ts), so the last
// seal's is hashed by none: its fields (s=, v=) could be rewritten, and a
// recording whose start is in no file read (pruned, or cut out) whose only
// seal left is its last one had nothing the key proves. Worse, a recording
// whose start was pruned has its first seal left checked by links only (it
// covers lines gone with the pruned file): made-up lines closed by such a
// seal, or an honest running recording with that one seal so far, looked the
// same (issue 13, fixtrust8's closing holes a, b, d). So under a key every
// seal ends with `e=`, an HMAC over its own line as written without it (its
// stamp, user, place, rec=, n, p, h, s=, v=, end=): checkable alone, by
// whoever has the key, wherever the seal is. It proves the seal is its
// reader's, not that the lines before a link-only seal are (they are gone in
// part: no more than a reader leaves unsealed, as before). It is the last
// field, so the line without it is the text and JSON formats' own rendering
// of the seal without it. Without a key anyone can recompute it: none is written.

import { createHmac } from 'node:crypto';
import { SEAL_HEX } from './seal.ts';

/** The `e=` of a seal whose line, as written without `e=` (with its `\n`), is `line`. */
export function sealTag(line: string, key: Buffer): string {
  return createHmac('sha256', key).update('tmux-audit seal\0').update(line).digest('hex').slice(0, SEAL_HEX);
}

/** The seal's line (with its `\n`) as written without its `e=` field, which is its last; undefined when it is not there. */
export function withoutTag(text: string, e: string): string | undefined {
  // Text: ` e=<hex>` ends the line; JSON: `,"e":"<hex>"` ends the fields object, which ends the record.
  for (const field of [` e=${e}\n`, `,"e":"${e}"}}\n`]) {
    if (text.endsWith(field)) return `${text.slice(0, text.length - field.length)}${field.endsWith('}}\n') ? '}}\n' : '\n'}`;
  }
  return undefined;
}
