// The starts a full disk tore that the reading commands read past: exactly those `verify` reads past
// (chain/torn-attested.ts decides, for both). Its `torn` event comes after the start in the log, so a reader must
// know of it before it reads the line: a log holding one is verified first (without a key, as the reading commands
// read: whoever can rewrite the log without the key can make such an event, as they can any line), and its settled
// starts are then left out where the scan meets them (read/scan.ts). A log with no `torn` event is not verified: one
// byte search of its files (about what reading them costs) says so, before any line is read.

import { forEachPiece } from '../read/chunks.ts';
import type { LogSet } from '../read/files.ts';
import { textsByName, type TextOf } from '../read/held-files.ts';
import { findNeedle, sampleBytes, type ByteCounts } from '../read/needle.ts';
import { holdsJson, type TornStarts } from '../read/scan.ts';
import { verifyFiles } from './verify.ts';

const NONE: TornStarts = new Map();

/** The event as format/text.ts writes it (after the place, before any ` | `), and as format/json.ts does. */
const TEXT_EVENT = Buffer.from(' * torn ');
const JSON_EVENT = Buffer.from('"kind":"event","text":"torn"');

/** The starts of `set` its readers attested and verify settles; none when no file of it holds a `torn` event. */
export function tornStarts(set: LogSet, timeFormat: string): TornStarts {
  const files = set.files.map((file) => file.path);
  const textOf = textsByName();
  if (!files.some((file) => holdsTornEvent(file, textOf))) return NONE;
  let torn;
  try {
    torn = verifyFiles(files, timeFormat, {}, textOf).torn;
  } catch {
    // A file verify cannot read: the reading command tells it when it reads it; nothing is read past.
    return NONE;
  }
  if (torn === undefined || torn.length === 0) return NONE;
  const starts = new Map<string, Map<number, number>>();
  for (const start of torn) {
    let inFile = starts.get(start.file);
    if (inFile === undefined) starts.set(start.file, (inFile = new Map()));
    inFile.set(start.offset, start.atEnd ? Number.POSITIVE_INFINITY : start.bytes);
  }
  return starts;
}

/** Each log's starts, found when first asked for (a log not read is not searched). */
export function tornStartsOf(timeFormat: string): (set: LogSet) => TornStarts {
  const known = new Map<LogSet, TornStarts>();
  return (set) => {
    let starts = known.get(set);
    if (starts === undefined) known.set(set, (starts = tornStarts(set, timeFormat)));
    return starts;
  };
}

/** Whether a log file holds what may be a `torn` event: a text line's ` * torn ` before any ` | `, or a JSON line's. */
function holdsTornEvent(file: string, textOf: TextOf): boolean {
  let text;
  try {
    text = textOf(file);
  } catch {
    return false; // told by the reading command, which reads it next
  }
  let holds = false;
  let counts: ByteCounts | undefined;
  try {
    forEachPiece(text.fd, (buffer, end) => {
      const piece = buffer.subarray(0, end);
      // As a search for a word (read/scan.ts): its rarest byte, sampled once a file, or the SIMD arena's search.
      const countsOf = () => (counts ??= sampleBytes(piece));
      if (holdsJson(piece) && findNeedle(piece, JSON_EVENT, 0, countsOf) >= 0) holds = true;
      for (let at = findNeedle(piece, TEXT_EVENT, 0, countsOf); !holds && at >= 0; at = findNeedle(piece, TEXT_EVENT, at + 1, countsOf)) {
        // Printed text follows the stamp's ` | `: an event's marker comes before any.
        const bar = piece.indexOf(' | ', piece.lastIndexOf(10, at) + 1);
        if (bar < 0 || bar > at) holds = true;
      }
      return !holds;
    }, 0, text.to);
  } finally {
    text.release();
  }
  return holds;
}
