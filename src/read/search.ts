// Reading logs across rotations: each log's files in order (rotated ones
// oldest first, then the live one), several logs merged by time, and the two
// walks the commands make over them: a search (`grep`) and one recording
// (`show`, `export`, `replay`).

import fs from 'node:fs';
import { endLines, openLog } from './chunks.ts';
import { PaneContext } from './context.ts';
import type { LogFile, LogSet } from './files.ts';
import { needsRecordings, passes, type LineFilter } from './filter.ts';
import { isoStampAt, plainAscii, textAfterTime, textStart } from './fast-line.ts';
import { readerFor, type LineReader, type LogLine } from './line.ts';
import { timeWords } from '../format/text.ts';
import { EVENT_LINES, shortlist, type Pattern } from './pattern.ts';
import { JSON_EVENT_WORD, jsonLineCannotHold, jsonShortlist } from './json-shortlist.ts';
import { indexOfFolded, isCaseBlind, sameBytes } from './fold.ts';
import { RecordingTracker } from './recordings.ts';
import { scanFile, type Candidates, type TornStarts } from './scan.ts';
import { RecordingSpan } from './span.ts';

/** One file to read, of one log. */
export interface Source {
  set: LogSet;
  /** The log's position among those searched. */
  setIndex: number;
  file: LogFile;
}

/** Something that went wrong with one file: the walk goes on with the others. */
export type FileError = (file: string, error: Error) => void;

/** The first line's time of a file (NaN when unknown): the key that merges logs. */
function firstTime(file: string, timeFormat: string): number {
  const fd = openLog(file);
  if (fd === undefined) return Number.NaN;
  try {
    const { first } = endLines(fd);
    return first === undefined ? Number.NaN : (readerFor(first, timeFormat).read(first)?.ms ?? Number.NaN);
  } catch {
    return Number.NaN;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The files of `sets` in time order: each log's own order kept, logs merged by
 * the time of each file's first line (a file whose first line has no time
 * goes with the file before it).
 */
export function filesInTimeOrder(sets: readonly LogSet[], timeFormat: string, when: (file: string) => number = (file) => firstTime(file, timeFormat)): Source[] {
  const queues = sets.map((set, setIndex) => {
    let key = Number.NEGATIVE_INFINITY;
    return set.files.map((file) => {
      const time = when(file.path);
      if (Number.isFinite(time) && time > key) key = time;
      return { set, setIndex, file, key };
    });
  });
  const order: Source[] = [];
  const heads = queues.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < queues.length; i++) {
      const head = queues[i]![heads[i]!];
      if (head && (best < 0 || head.key < queues[best]![heads[best]!]!.key)) best = i;
    }
    if (best < 0) return order;
    const { set, setIndex, file } = queues[best]![heads[best]!++]!;
    order.push({ set, setIndex, file });
  }
}

/**
 * Opens every log's live file now, before any of its rotated files is read:
 * should it be rotated during the walk, its lines are still read once, from
 * the file that was live when the walk began.
 */
function openLiveFiles(sources: readonly Source[]): Map<string, number> {
  const open = new Map<string, number>();
  for (const source of sources) {
    if (source.file.rotatedAt !== undefined) continue;
    try {
      const fd = openLog(source.file.path);
      if (fd !== undefined) open.set(source.file.path, fd);
    } catch {
      // reported when its turn comes
    }
  }
  return open;
}

/** Reads one file with `visit`, telling `error` what the system refused; a file gone meanwhile (pruned) is passed over. */
function readFile(path: string, held: Map<string, number>, error: FileError, visit: (fd: number) => boolean): boolean {
  let fd = held.get(path);
  held.delete(path);
  try {
    fd ??= openLog(path);
    if (fd === undefined) return false;
    return visit(fd);
  } catch (failure) {
    if (typeof (failure as NodeJS.ErrnoException).code !== 'string') throw failure; // not the file's fault
    error(path, failure as Error);
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** What a search looks at: lines holding the pattern's literal, else its shortlist, and the events when recordings are followed. */
export function grepCandidates(pattern: Pattern, tracking: boolean): Candidates {
  const literal = pattern.literal ?? pattern.folded;
  if (literal) return tracking ? [literal, EVENT_BYTES] : [literal];
  return shortlist(tracking ? [pattern.shortlist, EVENT_LINES] : [pattern.shortlist], pattern.flags);
}

const EVENT_BYTES = Buffer.from(' * ');
/** The recordings of a line when they are not followed (one array for all lines: a search may read millions). */
const NONE: readonly ReturnType<RecordingTracker['see']>[number][] = [];

/**
 * The same for JSON lines (json-shortlist.ts): lines holding the literal, or
 * anything that may change their text from their bytes, and the events when
 * they may match or recordings are followed; else every line.
 */
export function grepJsonCandidates(pattern: Pattern, tracking = true): readonly Buffer[] | undefined {
  if (pattern.literal) return jsonShortlist(pattern.literal.toString('utf8'), tracking);
  return pattern.folded ? jsonShortlist(pattern.folded, tracking) : undefined;
}

/**
 * Prints a matched line as it is written, if it is plain ASCII (fast-line.ts:
 * nothing to escape): the line `bytes[start, end)`, its file and number.
 * false stops the search; undefined: not plain, nothing printed (the line
 * then goes the usual way).
 */
export type PlainHitSink = (file: string, number: number, bytes: Buffer, start: number, end: number) => boolean | undefined;

export interface GrepOptions {
  /**
   * Given, a matched line that is printed output in plain ASCII goes here
   * instead of to `emit`, unparsed, when nothing but the pattern decides (no
   * filter, no context, no time, no recordings): the common search, fast.
   */
  plain?: PlainHitSink;
  /** The lines are only counted (`grep -c`): `emit` and `plain` are given no line numbers (0). */
  count?: boolean;
  /** Read each line's time, and tell the recordings it belongs to, even when no filter needs them (for --json). */
  timed?: boolean;
  recordings?: boolean;
  pattern: Pattern;
  filter: LineFilter;
  /** Lines of context before and after each match, within its pane. */
  context: number;
  timeFormat: string;
}

export interface GrepHit {
  file: string;
  /** The line's number in its file, from 1. */
  number: number;
  /** The line as written. */
  log: string;
  line: LogLine;
  /** The recordings it belongs to. */
  recordings: string[];
  context: boolean;
  /** With context: the line starts a new group (it does not follow the line printed before it in its pane). */
  gap: boolean;
}

/** What searching a file needs, worked out once for a search: grepLogs and the scan worker (grep-parallel.ts) share it. */
export interface GrepPlan {
  pattern: Pattern;
  filter: LineFilter;
  timeFormat: string;
  /** Recordings are followed (their start and stop events read). */
  tracking: boolean;
  /** Each line's time is read. */
  timed: boolean;
  base: Candidates;
  jsonBase: readonly Buffer[] | undefined;
  literalBytes: Buffer | undefined;
  jsonEvents: boolean;
  /** The fast path's printer, when nothing but the pattern decides. */
  plain: PlainHitSink | undefined;
  /** Lines are numbered (not for a count). */
  numbered: boolean;
}

export function planGrep(options: GrepOptions, context: boolean): GrepPlan {
  const { pattern, filter } = options;
  const tracking = options.recordings === true || needsRecordings(filter);
  const jsonBase = grepJsonCandidates(pattern, tracking);
  // The time is read only when something needs it (most of what parsing a line costs).
  const timed = options.timed === true || filter.since !== undefined || filter.until !== undefined;
  return {
    pattern,
    filter,
    timeFormat: options.timeFormat,
    tracking,
    timed,
    base: grepCandidates(pattern, tracking),
    jsonBase,
    literalBytes: pattern.literal ?? pattern.folded,
    jsonEvents: jsonBase !== undefined && jsonBase.includes(JSON_EVENT_WORD),
    plain: !tracking && !context && !timed && !filter.events && filter.pane === undefined ? options.plain : undefined,
    numbered: options.count !== true,
  };
}

/**
 * Whether a file can be passed over unread: every line of a rotated file was
 * written before it was rotated, so one older than --since holds no match
 * (unless recordings are followed, or context asked for: their start events,
 * its lines may be in it).
 */
export function passesOver(plan: GrepPlan, file: LogFile, context: boolean): boolean {
  const { since } = plan.filter;
  return !plan.tracking && !context && since !== undefined && file.rotatedAt !== undefined && file.rotatedAt < since - 1000;
}

/** Where one file is in a search: its log's recordings and context, when followed. */
export interface FilePlace {
  path: string;
  setIndex: number;
  fileIndex: number;
  tracker: RecordingTracker | undefined;
  context: PaneContext | undefined;
  /** Told as each piece of the file is read (scan.ts LineVisitor.read). */
  progress?: () => void;
  /** The starts its readers attested in this file, read past (scan.ts). */
  torn?: ReadonlyMap<number, number>;
}

/** Searches the open file `fd`; `emit` gets each line to print (false stops). Returns whether it stopped, and how many lines matched. */
export function grepFile(plan: GrepPlan, fd: number, place: FilePlace, emit: (hit: GrepHit) => boolean | void): { stopped: boolean; matched: number } {
  const { pattern, filter, tracking, timed, base, jsonBase, literalBytes, jsonEvents, plain } = plan;
  const { setIndex, fileIndex, tracker, context } = place;
  const file = place.path;
  let matched = 0;
  let reader: LineReader | undefined;
  let words = 0; // the time format's words, once the reader is known
  // The file's reader, from the first line looked at (whichever of passOver, bytes and line sees it).
  const readerOf = (first: string): LineReader => {
    if (reader === undefined) {
      reader = readerFor(first, plan.timeFormat);
      words = timeWords(reader.timeFormat);
    }
    return reader;
  };
  const stopped = scanFile(fd, {
    numbered: plan.numbered,
    read: place.progress,
    candidates: () => (context ? context.candidates(setIndex, base) : base),
    jsonCandidates: () => (context ? context.jsonCandidates(setIndex, jsonBase) : jsonBase),
    // A JSON line the coarse shortlist found (a byte that may change its text, often none does) is passed over unread
    // when its bytes rule a match out; only when nothing else is owed the lines it looks at (context, recordings).
    // A JSON line the bytes cannot rule out (an event, a `\`, a byte escaping may change) is read here and tested as
    // `line` tests it: passed over unless it matches, so that it costs no line number (numbering a piece for one
    // event line read it twice; most such lines do not match).
    passOver: jsonBase && !tracking && !context
      ? (piece, start, end) => {
          if (jsonLineCannotHold(piece, start, end, literalBytes!, jsonEvents)) return true;
          if (piece[start] !== 0x7b) return false;
          // One that holds the literal mostly matches: left to `line`, not read twice (a common word prints most lines).
          if (holdsLiteral(piece, start, end, literalBytes!)) return false;
          const text = piece.toString('utf8', start, end);
          const line = readerOf(text).read(text, timed);
          return !line || !(passes(line, NONE, filter) && pattern.test.test(line.raw));
        }
      : undefined,
    bytes: plain
      ? (piece, start, end, number, found) => {
          if (reader === undefined) readerOf(piece.toString('utf8', start, end));
          // A stamp the bytes cannot vouch for (another time format, or text that looks like one): the full parser's.
          if (!reader!.iso || !isoStampAt(piece, start, end)) return undefined;
          // The default format's stamp is one word of 29 bytes, checked: its user starts after it and its blank.
          const text = words === 1 ? textAfterTime(piece, start + 30, end) : textStart(piece, start, end, words);
          if (text < 0) return undefined;
          if (pattern.plain) {
            // An ASCII literal is in the bytes where it is in the decoded text, whatever else the line holds.
            if (!literalIn(pattern.literal!, piece, text, end, found)) return true;
          } else {
            // Other expressions are tested on the text as decoded: Latin-1 is UTF-8 for plain ASCII.
            if (!plainAscii(piece, start, end)) return undefined;
            if (!pattern.test.test(piece.toString('latin1', text, end))) return true;
          }
          const written = plain(file, number, piece, start, end);
          if (written !== undefined) matched++;
          return written;
        }
      : undefined,
    line: (text, number, offset) => {
      const reader = readerOf(text);
      const line = reader.read(text, timed || (tracking && (text.includes(' * ') || text.charCodeAt(0) === 0x7b)));
      if (!line) return true;
      const belongs = tracking ? tracker!.see(line) : NONE;
      const recordings = belongs.length === 0 ? [] : belongs.map((recording) => recording.rec);
      const isMatch = passes(line, belongs, filter) && pattern.test.test(line.raw);
      if (isMatch) matched++;
      if (!context) return isMatch ? emit({ file, number, log: text, line, recordings, context: false, gap: false }) !== false : true;
      for (const shown of context.take({ setIndex, fileIndex, fd, file, number, offset, log: text, line, recordings }, isMatch, reader)) {
        if (emit(shown) === false) return false;
      }
      return true;
    },
  }, place.torn);
  return { stopped, matched };
}

/** Searches `sets` in time order; `emit` gets each line to print (false stops); `torn`: each log's attested torn starts, read past. Returns how many lines matched. */
export function grepLogs(sets: readonly LogSet[], options: GrepOptions, emit: (hit: GrepHit) => boolean | void, error: FileError, torn?: (set: LogSet) => TornStarts): number {
  const context = options.context > 0 ? new PaneContext(options.context, sets) : undefined;
  const plan = planGrep(options, context !== undefined);
  const trackers = sets.map(() => new RecordingTracker());
  const sources = filesInTimeOrder(sets, options.timeFormat);
  const held = openLiveFiles(sources);
  let matched = 0;
  let stopped = false;
  try {
    for (const { set, setIndex, file } of sources) {
      if (stopped) break;
      if (passesOver(plan, file, context !== undefined)) continue;
      const place = { path: file.path, setIndex, fileIndex: set.files.indexOf(file), tracker: trackers[setIndex], context, torn: torn?.(set).get(file.path) };
      readFile(file.path, held, error, (fd) => {
        const result = grepFile(plan, fd, place, emit);
        matched += result.matched;
        stopped = result.stopped;
        return stopped;
      });
    }
  } finally {
    for (const fd of held.values()) fs.closeSync(fd);
  }
  return matched;
}

/** Whether `literal` is in `piece[text, end)`; `found` is where the scan found a candidate in the line (-1: not by bytes). */
function literalIn(literal: Buffer, piece: Buffer, text: number, end: number, found: number): boolean {
  const length = literal.length;
  // The scan's find is the literal (not another candidate) and lies in the text, not in the stamp.
  if (found >= text && found + length <= end && sameBytes(piece, found, literal)) return true;
  const at = piece.indexOf(literal, text);
  return at >= 0 && at + length <= end;
}

/** Whether the line `piece[start, end)` holds `literal` (a case-blind needle up to ASCII case: fold.ts). */
function holdsLiteral(piece: Buffer, start: number, end: number, literal: Buffer): boolean {
  const line = piece.subarray(start, end);
  return (isCaseBlind(literal) ? indexOfFolded(line, literal, 0) : line.indexOf(literal)) >= 0;
}

/** What walking one recording found. */
export interface RecordingWalk {
  /** The recording's start event, if found. */
  start: LogLine | undefined;
  /** Whether its stop event was reached. */
  stopped: boolean;
  /** The log it is in. */
  set: LogSet | undefined;
}

/**
 * Walks the recording `rec`: finds its start in `sets`, then gives `take`
 * each of its lines, in order, across the rotated files, up to its stop;
 * `torn`: each log's attested torn starts, read past.
 */
export function walkRecording(sets: readonly LogSet[], rec: string, timeFormat: string, take: (line: LogLine, log: string, file: string) => boolean | void, error: FileError, torn?: (set: LogSet) => TornStarts): RecordingWalk {
  for (const set of sets) {
    const span = new RecordingSpan(rec);
    const sources: Source[] = set.files.map((file) => ({ set, setIndex: 0, file }));
    const held = openLiveFiles(sources);
    let halted = false;
    try {
      for (const { file } of sources) {
        readFile(file.path, held, error, (fd) => {
          let reader: LineReader | undefined;
          return scanFile(fd, {
            numbered: false,
            candidates: () => span.candidates(),
            jsonCandidates: () => span.jsonCandidates(),
            line: (text) => {
              reader ??= readerFor(text, timeFormat);
              const line = reader.read(text);
              if (!line || !span.take(line)) return true;
              if (take(line, text, file.path) === false) halted = true;
              return !halted && span.state !== 'after';
            },
          }, torn?.(set).get(file.path));
        });
        if (halted || span.state === 'after') break;
      }
    } finally {
      for (const fd of held.values()) fs.closeSync(fd);
    }
    if (span.start) return { start: span.start, stopped: span.state === 'after', set };
  }
  return { start: undefined, stopped: false, set: undefined };
}
