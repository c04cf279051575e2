// The starts a full disk tore that the reading commands read past: exactly those `verify` reads past
// (chain/torn-attested.ts decides, for both). Its `torn` event comes after the start in the log, so a reader must
// know of it before it reads the line: a log holding one is verified first (without a key, as the reading commands
// read: whoever can rewrite the log without the key can make such an event, as they can any line), and its settled
// starts are then left out where the scan meets them (read/scan.ts). A log with no `torn` event is not verified: one
// byte search of its files (about what reading them costs) says so, before any line is read.
//
// What was found is kept (read/torn-cache.ts), so that neither is done again while the log's files are unchanged: a
// file is searched once, a grown one from where it was searched to, and a log with an event is verified once, then
// again when a file of it changed. Lines appended with no event among them keep its starts only when verify found no
// break: a break can end with lines appended (a recording's unsealed tail is one `truncated` break until its next
// seal, and a start glued within it is settled only then), but with none, such lines settle no new start and the
// lines before are as they were. The cache is ours alone (read/private-cache.ts), so what it trusts is that a log
// file of the same device, inode and birth time was only appended to, as its writers do. Someone who rewrote a log's
// bytes in place (they can write the log: they can write any line of it) can at most have a kept "no event" hide an
// event they wrote into the bytes searched before: the start is then printed as written, as without this reading
// past; a kept start is read past only where the bytes at its offset still have its digest.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { forEachPiece } from '../read/chunks.ts';
import type { LogSet } from '../read/files.ts';
import { textsByName, type TextOf } from '../read/held-files.ts';
import { findNeedle, sampleBytes, type ByteCounts } from '../read/needle.ts';
import { holdsJson, type TornStarts } from '../read/scan.ts';
import { fileOf, stampOf, TornCache, type FileSeen, type StartSeen } from '../read/torn-cache.ts';
import { verifyFiles } from './verify.ts';

const NONE: TornStarts = new Map();

/** The event as format/text.ts writes it (after the place, before any ` | `), and as format/json.ts does. */
const TEXT_EVENT = Buffer.from(' * torn ');
const JSON_EVENT = Buffer.from('"kind":"event","text":"torn"');

/**
 * The starts of `set` its readers attested and verify settles; none when no file of it holds a `torn` event.
 * `cache`: what earlier runs found (by default the log directory's, when it is ours alone).
 */
export function tornStarts(set: LogSet, timeFormat: string, cache: TornCache = TornCache.of(set.dir)): TornStarts {
  const files = set.files.map((file) => file.path);
  const textOf = textsByName();
  const kept = cache.get(set.live, timeFormat);
  const seen: FileSeen[] = [];
  // Whether every file is as kept, or grew by lines with no event (`grew`): the kept starts are then still verify's,
  // for a grown one if verify found no break.
  let same = kept?.starts !== undefined && kept.files.length === files.length;
  let grew = false;
  let events = false;
  for (const [i, file] of files.entries()) {
    const before = kept?.files[i]?.name === path.basename(file) ? kept.files[i] : undefined;
    const found = eventsIn(file, before, textOf);
    events ||= found.events;
    same &&= found.unchanged || found.grown;
    grew ||= found.grown;
    if (found.seen) seen.push(found.seen);
  }
  // Written only when something changed: a search of an unchanged log writes nothing.
  const keep = (starts?: StartSeen[], breaks?: boolean) => {
    if (seen.length !== files.length) return;
    if (kept !== undefined && starts === kept.starts && seen.length === kept.files.length && seen.every((file, i) => file === kept.files[i])) return;
    cache.keep(set.live, { timeFormat, files: seen, ...(starts && { starts, breaks }) });
  };
  if (!events) {
    keep();
    return NONE;
  }
  const names = new Set(files.map((file) => path.basename(file)));
  // A kept `breaks` absent (a cache of another hand) is taken as there being some.
  if (same && (!grew || kept!.breaks === false) && kept!.starts!.every((start) => names.has(start.name) && stillThere(start, set.dir, textOf))) {
    keep(kept!.starts, kept!.breaks);
    return startsOf(kept!.starts!, set.dir);
  }
  let torn;
  let breaks;
  try {
    const report = verifyFiles(files, timeFormat, {}, textOf);
    torn = report.torn ?? [];
    breaks = report.breaks.length > 0;
  } catch {
    // A file verify cannot read: the reading command tells it when it reads it; nothing is read past.
    return NONE;
  }
  const starts = torn.map((start): StartSeen => {
    let sha256 = '';
    try {
      sha256 = digestAt(start.file, start.offset, start.bytes, textOf) ?? '';
    } catch {
      // replaced since verify read it: kept with no digest, so never read past from the cache
    }
    return { name: path.basename(start.file), offset: start.offset, bytes: start.bytes, atEnd: start.atEnd, sha256 };
  });
  keep(starts, breaks);
  return startsOf(starts, set.dir);
}

/** TornStarts of kept starts. */
function startsOf(kept: readonly StartSeen[], dir: string): TornStarts {
  if (kept.length === 0) return NONE;
  const starts = new Map<string, Map<number, number>>();
  for (const start of kept) {
    const file = path.join(dir, start.name);
    let inFile = starts.get(file);
    if (inFile === undefined) starts.set(file, (inFile = new Map()));
    inFile.set(start.offset, start.atEnd ? Number.POSITIVE_INFINITY : start.bytes);
  }
  return starts;
}

/** The sha256 of `bytes` bytes at `offset` of a plain file's text; undefined for a `.gz` one (kept only as it was: no other is read past). */
function digestAt(file: string, offset: number, bytes: number, textOf: TextOf): string | undefined {
  if (file.endsWith('.gz')) return undefined;
  const text = textOf(file);
  try {
    const buffer = Buffer.alloc(bytes);
    if (fs.readSync(text.fd, buffer, 0, bytes, offset) !== bytes) return '';
    return createHash('sha256').update(buffer).digest('hex');
  } finally {
    text.release();
  }
}

/** Whether a kept start's bytes are still at its offset (a `.gz` is as it was, or the start would not be asked about). */
function stillThere(start: StartSeen, dir: string, textOf: TextOf): boolean {
  const file = path.join(dir, start.name);
  try {
    const digest = digestAt(file, start.offset, start.bytes, textOf);
    return digest === undefined ? start.sha256 === '' : start.sha256 !== '' && digest === start.sha256;
  } catch {
    return false;
  }
}

/**
 * Whether `file` may hold a `torn` event, from what was `before` found in it when that is still so: searched not at
 * all while it is unchanged, from where it was searched to when it grew from a line's end. `unchanged`: it is as
 * `before`; `grown`: it grew by lines with no event among them; `seen`: what to keep.
 */
function eventsIn(file: string, before: FileSeen | undefined, textOf: TextOf): { events: boolean; unchanged: boolean; grown: boolean; seen?: FileSeen } {
  const stat = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile()) return { events: false, unchanged: false, grown: false }; // told by the reading command, which reads it next
  const which = fileOf(stat);
  const stamp = stampOf(stat);
  if (before !== undefined && before.file === which && before.stamp === stamp) return { events: before.events, unchanged: true, grown: false, seen: before };
  const grown = before !== undefined && before.file === which && before.endsLine && !file.endsWith('.gz') && stat.size > BigInt(before.searched);
  let text;
  try {
    text = textOf(file);
  } catch {
    return { events: false, unchanged: false, grown: false };
  }
  try {
    // A plain file's text is the file opened: kept only if it is the one stat saw.
    const opened = file.endsWith('.gz') || fileOf(fs.fstatSync(text.fd, { bigint: true })) === which;
    const to = text.to ?? fs.fstatSync(text.fd).size;
    const from = grown && opened ? before.searched : 0;
    const found = holdsTornEvent(text.fd, from, to);
    const last = Buffer.alloc(1);
    const endsLine = to === 0 || (fs.readSync(text.fd, last, 0, 1, to - 1) === 1 && last[0] === 10);
    const after = fs.lstatSync(file, { bigint: true, throwIfNoEntry: false });
    if (!opened || after === undefined || fileOf(after) !== which) return { events: found, unchanged: false, grown: false };
    const events = found || (from > 0 && before!.events);
    const seen = { name: path.basename(file), file: which, stamp: stampOf(after) === stamp ? stamp : '', searched: to, endsLine, events };
    return { events, unchanged: false, grown: from > 0 && !found, seen };
  } finally {
    text.release();
  }
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

/** Whether [from, to) of the open text `fd` (`from` a line's start) holds what may be a `torn` event: a text line's ` * torn ` before any ` | `, or a JSON line's. */
function holdsTornEvent(fd: number, from: number, to: number): boolean {
  let holds = false;
  let counts: ByteCounts | undefined;
  forEachPiece(fd, (buffer, end) => {
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
  }, from, to);
  return holds;
}
