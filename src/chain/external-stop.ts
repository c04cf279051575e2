// The stop another process writes for a reader that can no longer write its
// own (`recover`: reader-died; `sweep`: lost). Unchained, such a stop let
// anyone cut a recording anywhere (or invent one) and close it with a stop
// verify took at its word. So it is bound to the chain: the reader notes the
// link of each seal once that seal is on disk (a `.seal` file beside its run
// file), and the stop carries it as `p=` with `h=`, a hash (an HMAC under the
// chain key, which recover and sweep read like the reader) over p, the
// recording and the reason. verify (chain/verify.ts) checks that p is one of
// the recording's seals in the log (the reader notes a seal once the writer
// has drained it, which a flood can hold off: p may lag behind the last seal
// on disk) and that what follows the last seal is no more than a reader
// leaves unsealed (under SEAL_EVERY lines, SEAL_MS of stamps and slack).
//
// What it cannot stop: without a key, whoever can write the log can compute h
// as well as recover does; with a key, a dead reader's recording can still be
// cut at any of its seals from the one its stop names on, and lose the tail
// after its last seal.

import fs from 'node:fs';
import { GENESIS, LINK_HEX, SegmentHash } from './seal.ts';
import { readPrivateFile, writePrivateFile } from '../sinks/file/safe-fs.ts';
import { formatSealNote, parseSealNote, sealFileFate, type SealNote } from './seal-file-gone.ts';

/** What a stop's reason may be when another process writes it. */
export type ExternalReason = 'reader-died' | 'lost';

/** Slack on SEAL_MS for an unsealed tail's stamps: the seal timer runs on the event loop, which a flood can hold up. */
export const TAIL_SLACK_MS = 60_000;

/** The file beside a run file where its reader notes its last seal's link. */
export function sealFilePath(runFile: string): string {
  return runFile.replace(/\.json$/, '.seal');
}

/** Notes a seal's link (it is on disk) and the file it is in: what the stop of a dead reader will name (seal-file-gone.ts). */
export function noteSealLink(runFile: string, link: string, file?: string, line?: string, offset?: number): void {
  writePrivateFile(sealFilePath(runFile), formatSealNote({ link, ...(file === undefined ? {} : { file }), ...(offset === undefined ? {} : { offset }), ...(line === undefined ? {} : { line }) }));
}

/** The last seal a reader noted: its link, GENESIS when it sealed nothing (or noted nothing we trust), and its file when noted. */
export function readSealNote(runFile: string): SealNote {
  try {
    const note = parseSealNote(readPrivateFile(sealFilePath(runFile)));
    return note ? { ...note, link: note.link.slice(0, LINK_HEX) } : { link: GENESIS };
  } catch {
    return { link: GENESIS };
  }
}

/** The last link a reader noted, GENESIS when it sealed nothing (or noted nothing we trust). */
export function readSealLink(runFile: string): string {
  return readSealNote(runFile).link;
}

/** The `@audit-chain-key` file's bytes, undefined when there is none (or it cannot be read: the stop is then hashed without, and verify with the key says so). */
export function readChainKey(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    const key = fs.readFileSync(file);
    return key.length > 0 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** The `h` of an external stop: the one definition recover, sweep and verify share. `away` (seal-file-gone.ts) is inside it when said. */
export function externalStopHash(p: string, rec: string, reason: string, key?: Buffer, away?: string): string {
  const hash = new SegmentHash(p, key);
  hash.add(`stop rec=${rec} reason=${reason}${away === undefined ? '' : ` away=${away}`}\n`);
  return hash.digest();
}

/** The fields binding a dead reader's stop to its chain; `away=1` when the file its last seal went into left `logFile` other than by rotation, `away=cut` when it is there but no longer holds that seal where it was written. */
export function externalStopFields(runFile: string, rec: string, reason: ExternalReason, keyFile: string | undefined, logFile: string): { p: string; away?: string; h: string } {
  const note = readSealNote(runFile);
  const key = readChainKey(keyFile);
  const p = note.link;
  const fate = p === GENESIS ? undefined : sealFileFate(logFile, note, key);
  const away = fate === 'gone' ? '1' : fate === 'cut' ? 'cut' : undefined;
  return away === undefined ? { p, h: externalStopHash(p, rec, reason, key) } : { p, away, h: externalStopHash(p, rec, reason, key, away) };
}
