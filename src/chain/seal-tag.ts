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
//
// The tag binds the log too: the live file's base name as its reader opened it
// (logName). Bound to its line only, a seal (and the stop it covers) copied
// into another log under the same key held there as well, vouching for lines
// made up before it (issue 13, review of fixtrust9, finding 1). The name is
// the one thing every honest place of the line keeps: rotation renames the file
// `<live>.<UTC time>[-<n>]` and compression adds `.gz` (core/rotate.ts), both
// taken off again here, and a renamed session keeps its file (the `rename`
// event). verify derives it from the path of the file it reads. What it
// cannot tell: a seal replayed within its own log (from a pruned file: verify
// names a start-less recording whose seals are stamped before the oldest file,
// chain/replayed-seal.ts), and a log whose files were all renamed by hand to
// another live name (its every keyed seal is then named: copy logs under their
// names).

import { createHmac } from 'node:crypto';
import { basename } from 'node:path';
import { SEAL_HEX } from './seal.ts';

/** The `e=` of a seal whose line, as written without `e=` (with its `\n`), is `line`, in the log whose live file is named `logName`. */
export function sealTag(line: string, key: Buffer, logName: string): string {
  return createHmac('sha256', key).update('tmux-audit seal\0').update(logName).update('\0').update(line).digest('hex').slice(0, SEAL_HEX);
}

/**
 * The live file's base name for a file of its log at `path`: the live file
 * itself, or one rotated from it (`.<UTC time>[-<n>]`, core/rotate.ts), `.gz`
 * or not. The writer and verify both take it from the path they use.
 */
export function sealLogName(path: string): string {
  return basename(path)
    .replace(/\.gz$/, '')
    .replace(/\.\d{8}T\d{6}\.\d{3}Z(?:-\d+)?$/, '');
}

/** The seal's line (with its `\n`) as written without its `e=` field, which is its last; undefined when it is not there. */
export function withoutTag(text: string, e: string): string | undefined {
  // Text: ` e=<hex>` ends the line; JSON: `,"e":"<hex>"` ends the fields object, which ends the record.
  for (const field of [` e=${e}\n`, `,"e":"${e}"}}\n`]) {
    if (text.endsWith(field)) return `${text.slice(0, text.length - field.length)}${field.endsWith('}}\n') ? '}}\n' : '\n'}`;
  }
  return undefined;
}
