// A rotated file's digest in its rotating writer's chain (issue 13, review of
// first13b): `* digest rec=<rec> file=<rotated name> size=<bytes> sha256=<hex>`.
//
// The ledger's digest line (sinks/file/ledger-names.ts) is a file beside the
// log, and its owner can remove a line of it, or all of it: under a key a
// rotated file emptied and refilled with made-up lines to its noted size then
// passed, its check switched off by the line's absence (a line planted without
// the key is ignored, a line removed is silence). The newest rotated files have
// no head mark naming them yet (chain/head-mark.ts: two rotations back).
//
// So the writer that rotated the file, once its background digest is taken
// (sinks/file/file-digest.ts), hands it to its own recording, which records it
// like any other event (capture/stamper.ts): numbered, stamped on the pane's
// clock, in its chain, covered by its next seal, and under a key bound by it.
// Removing it breaks that seal (`deleted`); copied to another log or to another
// place in this one, it breaks the chain it lands in. verify takes a digest only
// from a stretch its seal holds by its hash (under --key, only a keyed
// recording's: a plain one is anyone's to make), and checks the file against
// it, with or without the ledger's line (commands/verify-notes.ts).
//
// Not under the rotation lock: the event is a record like the pane's lines, and
// goes into whichever file is live when it is written. What it cannot cover: a
// reader killed before the digest is taken (the ledger's line is then missing
// too), and a rotation made by the recording's own last write, after its last
// seal (pipe.ts waits for the digests in hand before it stops; the ledger's line
// alone covers that file).

import path from 'node:path';
import type { EventFields } from '../core/record.ts';
import type { RotatedDigest } from '../sinks/file/ledger-names.ts';
import type { VerifyLine } from './verify.ts';

/** The event a rotated file's digest is. */
export const DIGEST_EVENT = 'digest';

/** The event's fields for the file the writer of `log` rotated to `<log>.<rotated>`. */
export function digestFields(log: string, rotated: string, digest: RotatedDigest): EventFields {
  return { file: `${path.basename(log)}.${rotated}`, size: digest.size, sha256: digest.sha };
}

/** A digest a chain holds: what the file's first bytes were, and the event's line that says so. */
export interface ChainedDigest extends RotatedDigest {
  file: string;
  line: number;
}

/** The rotated part of a name (core/rotate.ts), what the ledger names a file by; `.gz` is not in the event's name. */
const ROTATED = /\.(\d{8}T\d{6}\.\d{3}Z(?:-\d+)?)$/;

/** A `digest` event read (its rotated part and digest), when it is one, whole; undefined else. */
export function chainedDigest(v: VerifyLine): { rotated: string; digest: ChainedDigest } | undefined {
  if (v.event !== DIGEST_EVENT) return undefined;
  const rotated = ROTATED.exec(v.fields?.file ?? '')?.[1];
  const size = v.fields?.size ?? '';
  const sha = v.fields?.sha256 ?? '';
  if (rotated === undefined || !/^\d{1,15}$/.test(size) || !/^[0-9a-f]{64}$/.test(sha)) return undefined;
  return { rotated, digest: { size: Number(size), sha, file: v.file, line: v.line } };
}
