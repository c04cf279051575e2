// What `ls` tells of each log: its files, first and last time, lines, bytes,
// recordings and users. Fast over many files: times come from the first and
// last whole line of each file, lines and recordings from a byte scan
// (`\n` counted with Buffer.indexOf, start events found by their
// ` * start rec=`, or in JSON lines by what every event line holds however
// its keys are ordered (json-shortlist.ts JSON_EVENT_LINES), and then parsed
// by the reader every command reads with (line.ts), so a printed line that
// looks like one is not counted and a re-spelled one is); no other line is
// decoded or parsed.

import fs from 'node:fs';
import path from 'node:path';
import { forEachPiece, endLines, openLog } from './chunks.ts';
import type { LogSet } from './files.ts';
import { readerFor, type LogLine } from './line.ts';
import { findEither, findNeedle, sampleBytes, type ByteCounts } from './needle.ts';
import { holdsJson } from './scan.ts';
import { JSON_EVENT_LINES } from './json-shortlist.ts';
import { SummaryCache, type LineEnd, type ScannedFile } from './summary-cache.ts';

export interface FileSummary {
  path: string;
  bytes: number;
  lines: number;
  /** The stamps of its first and last whole lines as written (null: none, or not a log line). */
  first: string | null;
  last: string | null;
}

export interface StartSeen {
  rec: string;
  user: string;
  by: string;
}

export interface LogSummary {
  session: string;
  server: string;
  /** The live file (it may be missing when only rotated files are left). */
  live: string;
  files: FileSummary[];
  first: string | null;
  last: string | null;
  /** Epoch ms of first and last (null when they do not parse: a time format without a date reads as 1970). */
  firstMs: number | null;
  lastMs: number | null;
  lines: number;
  bytes: number;
  /** Recordings started in these files (their start events). */
  recordings: number;
  recordingIds: string[];
  /** Users seen: whose terminal (the stamps) and who started a recording (`by=`). */
  users: string[];
  /** The recordings' raw streams (`@audit-cast on`), every part, and their bytes (not counted in `bytes`). */
  casts: { path: string; bytes: number }[];
  castBytes: number;
}

const START = Buffer.from(' * start rec=');
const STAR = 0x2a;

/**
 * Where ` * start rec=` is in `piece` from `from`, or -1. It is looked for by
 * its `*`, which is rare in output (memchr finds it at memory speed); a piece
 * where `*` is common (a progress bar of stars) is searched for the whole string.
 */
function findStart(piece: Buffer, from: number): number {
  let stars = 0;
  for (let at = piece.indexOf(STAR, from + 1); at >= 0; at = piece.indexOf(STAR, at + 1)) {
    if (at - 1 + START.length > piece.length) return -1;
    if (piece.compare(START, 0, START.length, at - 1, at - 1 + START.length) === 0) return at - 1;
    if (++stars > 64) return piece.indexOf(START, at);
  }
  return -1;
}

/** Where the first of `one` and `other` is in `piece` from `from`, or -1: in one pass where the piece allows (needle.ts findEither). */
function firstOf(piece: Buffer, one: Buffer, other: Buffer, from: number, counts: () => ByteCounts): number {
  const either = findEither(piece, one, other, from, counts);
  if (either !== undefined) return either;
  const a = findNeedle(piece, one, from, counts);
  const b = findNeedle(piece, other, from, counts);
  return a < 0 ? b : b < 0 ? a : Math.min(a, b);
}

/** One file's summary and the start events in it; undefined when it is gone (pruned meanwhile). */
export function summarizeFile(file: string, timeFormat: string): { summary: FileSummary; starts: StartSeen[]; firstLine?: LogLine; lastLine?: LogLine } | undefined {
  const fd = openLog(file);
  if (fd === undefined) return undefined;
  try {
    const size = fs.fstatSync(fd).size;
    const ends = endLines(fd, size);
    const reader = readerFor(ends.first, timeFormat);
    const firstLine = ends.first === undefined ? undefined : reader.read(ends.first);
    const lastLine = ends.last === undefined ? undefined : reader.read(ends.last);
    let lines = 0;
    const starts: StartSeen[] = [];
    let counts: ByteCounts | undefined; // sampled once a file, from its first JSON piece (needle.ts)
    forEachPiece(
      fd,
      (buffer, end, _offset, last) => {
        const piece = buffer.subarray(0, end);
        for (let at = piece.indexOf(10); at >= 0; at = piece.indexOf(10, at + 1)) lines++;
        if (last && end > 0 && piece[end - 1] !== 10) lines++; // a last line without its newline
        const startAt = (at: number) => {
          const lineStart = piece.lastIndexOf(10, at) + 1;
          let lineEnd = piece.indexOf(10, at);
          if (lineEnd < 0) lineEnd = end;
          const parsed = reader.read(piece.toString('utf8', lineStart, lineEnd));
          if (parsed?.kind === 'event' && parsed.text === 'start' && parsed.fields?.rec) {
            starts.push({ rec: parsed.fields.rec, user: parsed.user, by: parsed.fields.by ?? '' });
          }
          return lineEnd;
        };
        if (holdsJson(piece)) {
          // Text and JSON start events in file order (the option may change mid-file).
          const found: number[] = [];
          for (let at = findStart(piece, 0); at >= 0; at = findStart(piece, at + START.length)) found.push(at);
          // By their rarest bytes, as a search finds them (needle.ts): `"` is in every JSON key and value.
          const countsOf = () => (counts ??= sampleBytes(piece));
          // The first two in one pass where it can (findEither), as a search looks for its word and `"event"`.
          const [word, other, last] = JSON_EVENT_LINES as [Buffer, Buffer, Buffer];
          for (let at = firstOf(piece, word, other, 0, countsOf); at >= 0; at = firstOf(piece, word, other, at + 1, countsOf)) found.push(at);
          for (let at = findNeedle(piece, last, 0, countsOf); at >= 0; at = findNeedle(piece, last, at + last.length, countsOf)) found.push(at);
          let after = -1; // one start per line
          for (const at of found.sort((a, b) => a - b)) if (at > after) after = startAt(at);
        } else for (let at = findStart(piece, 0); at >= 0; at = findStart(piece, at + START.length)) startAt(at);
      },
      0,
      size,
    );
    return { summary: { path: file, bytes: size, lines, first: firstLine?.time ?? null, last: lastLine?.time ?? null }, starts, firstLine, lastLine };
  } finally {
    fs.closeSync(fd);
  }
}

function lineEnd(line: LogLine | undefined): LineEnd | undefined {
  return line && { time: line.time, ms: Number.isFinite(line.ms) ? line.ms : null, user: line.user };
}

function scanFile(file: string, timeFormat: string): ScannedFile | undefined {
  const scanned = summarizeFile(file, timeFormat);
  return scanned && { summary: scanned.summary, starts: scanned.starts, firstLine: lineEnd(scanned.firstLine), lastLine: lineEnd(scanned.lastLine) };
}

/**
 * The summary of one log: every file scanned, except rotated files already
 * summarized unchanged in `cache` (summary-cache.ts; the live file is always
 * scanned). Without a cache given, the log directory's is used and saved.
 */
export function summarizeLog(set: LogSet, timeFormat: string, cache?: SummaryCache): LogSummary {
  const own = cache === undefined;
  const kept = cache ?? SummaryCache.of(set.dir);
  const files: FileSummary[] = [];
  const recordingIds = new Set<string>();
  const users = new Set<string>();
  let first: LineEnd | undefined;
  let last: LineEnd | undefined;
  for (const file of set.files) {
    const scanned = file.rotatedAt === undefined ? scanFile(file.path, timeFormat) : kept.summarize(file.path, timeFormat, () => scanFile(file.path, timeFormat));
    if (!scanned) continue;
    files.push(scanned.summary);
    for (const start of scanned.starts) {
      recordingIds.add(start.rec);
      users.add(start.user);
      if (start.by) users.add(start.by);
    }
    for (const line of [scanned.firstLine, scanned.lastLine]) if (line) users.add(line.user);
    first ??= scanned.firstLine;
    if (scanned.lastLine) last = scanned.lastLine;
  }
  if (own) kept.save(set.live);
  const casts = castSizes(set.casts ?? []);
  const finite = (ms: number | null | undefined) => (ms !== undefined && ms !== null && Number.isFinite(ms) ? ms : null);
  return {
    session: set.session,
    server: set.server,
    live: path.join(set.dir, set.live),
    files,
    first: first?.time ?? null,
    last: last?.time ?? null,
    firstMs: finite(first?.ms),
    lastMs: finite(last?.ms),
    lines: files.reduce((sum, file) => sum + file.lines, 0),
    bytes: files.reduce((sum, file) => sum + file.bytes, 0),
    recordings: recordingIds.size,
    recordingIds: [...recordingIds],
    users: [...users].sort(),
    casts,
    castBytes: casts.reduce((sum, cast) => sum + cast.bytes, 0),
  };
}

/** The size of each cast part still there (one pruned meanwhile is left out); lstat: a planted symlink is not followed. */
function castSizes(paths: readonly string[]): { path: string; bytes: number }[] {
  const casts: { path: string; bytes: number }[] = [];
  for (const cast of paths) {
    const stat = fs.lstatSync(cast, { throwIfNoEntry: false });
    if (stat?.isFile()) casts.push({ path: cast, bytes: stat.size });
  }
  return casts;
}
