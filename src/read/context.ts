// `grep -C N`: N lines before and after each match, counted among the lines
// of the match's pane only (several panes write into one file). A search
// looks only at its candidates, not at every line, so context is found the
// same way: the lines after a match by adding its place to the shortlist
// until N of them have been seen, the lines before by searching backwards
// from the match for its place (in its file, and the file before it), never
// further back than the last line of that pane already printed.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { BackwardSearch } from './backward.ts';
import { borrow, MAX_LINE, openLog, pastNewline, release } from './chunks.ts';
import type { LogSet } from './files.ts';
import { placeOf, type LineReader, type LogLine } from './line.ts';
import { bytesLiteral } from './pattern.ts';
import { jsonValueNeedles } from './json-shortlist.ts';
import { countFileNewlines, type Candidates } from './scan.ts';
import { AuditError } from '../core/errors.ts';

/**
 * How many bytes of text the lines before a match may hold in memory: past
 * it, a line is kept as where it is, and read again when printed. `-C 1000`
 * over lines of up to MAX_LINE (64 MiB) each would otherwise hold 1000 of
 * them; a log's lines (16 KiB at most as the writer writes them) stay within
 * it for any usual N, and are not read twice.
 */
export const BEFORE_TEXT_BYTES = 4 << 20;

/**
 * A line found before a match: where it starts, its length in bytes (without its `\n`; MAX_LINE for a cut line),
 * and, when kept, its text and what `accept` made of it.
 */
export interface Before<T> {
  offset: number;
  length: number;
  text: string | undefined;
  value: T | undefined;
  /** When the text is not kept: a digest of it, so that reading it again can tell the same text from other text there. */
  digest?: string;
}

/**
 * Up to `want` lines holding `needle` that start in `[floor, before)` of `fd`
 * that `accept` takes (makes a value of), nearest first. `floor` and `before` are line
 * starts; `needle` has no newline, so it never spans two lines. The text of
 * the nearest is kept while it comes to `keep` bytes at most; the others'
 * is not (read them again: readBefore).
 */
export function linesBefore<T>(fd: number, before: number, floor: number, needle: Buffer | readonly Buffer[], want: number, accept: (text: string) => T | undefined, keep = BEFORE_TEXT_BYTES): Before<T>[] {
  const needles = Buffer.isBuffer(needle) ? [needle] : needle;
  const found: Before<T>[] = [];
  let kept = 0;
  const take = (offset: number, length: number, text: string): void => {
    const value = accept(text);
    if (value === undefined) return;
    const held = kept + length <= keep;
    if (held) kept += length;
    found.push(held ? { offset, length, text, value } : { offset, length, text: undefined, value: undefined, digest: digestOf(text) });
  };
  let end = before; // every line from here to `before` has been looked at
  let size = 256 * 1024;
  const buffer = borrow();
  try {
    let window = buffer;
    while (found.length < want && end > floor) {
      const start = Math.max(floor, end - size);
      const length = end - start;
      if (window.length < length) window = Buffer.allocUnsafe(length);
      fs.readSync(fd, window, 0, length, start);
      const bytes = window.subarray(0, length);
      // Whole lines only: from the window's first line start (the floor is one).
      let base = 0;
      if (start > floor) {
        const newline = bytes.indexOf(10);
        if (newline < 0 || newline === length - 1) {
          if (size < MAX_LINE) {
            size *= 4; // a line longer than the window
            continue;
          }
          // A line longer than any reader takes whole (chunks.ts): not read into memory, only its start
          // found, and taken as every reader cuts it, its first MAX_LINE bytes (a forward search sees those).
          const lineStart = startOfLine(fd, start + (newline < 0 ? length : newline), floor, window);
          if (lineStart < start) {
            const text = window.toString('utf8', 0, fs.readSync(fd, window, 0, MAX_LINE, lineStart));
            if (needles.some((one) => text.includes(one.toString('utf8')))) take(lineStart, MAX_LINE, text);
          }
          end = lineStart;
          size = 256 * 1024;
          continue;
        }
        base = newline + 1;
      }
      const search = new BackwardSearch(bytes, needles);
      for (let position = length; position > base && found.length < want; ) {
        const at = search.previous(position);
        if (at < base) break;
        const lineStart = at > 0 ? bytes.lastIndexOf(10, at - 1) + 1 : 0;
        let lineEnd = bytes.indexOf(10, at);
        if (lineEnd < 0) lineEnd = length;
        const text = bytes.toString('utf8', lineStart, lineEnd);
        take(start + lineStart, lineEnd - lineStart, text);
        position = lineStart;
      }
      end = start + base;
    }
    return found;
  } finally {
    release(buffer);
  }
}

/**
 * Where the line holding byte `before - 1` of `fd` starts: after the nearest newline before it, at or after
 * `floor` (a line start). Read backwards through `buffer`, whatever the line's length.
 */
function startOfLine(fd: number, before: number, floor: number, buffer: Buffer): number {
  for (let end = before; end > floor; ) {
    const start = Math.max(floor, end - buffer.length);
    const read = fs.readSync(fd, buffer, 0, end - start, start);
    const newline = buffer.subarray(0, read).lastIndexOf(10);
    if (newline >= 0) return start + newline + 1;
    end = start;
  }
  return floor;
}

/** Where a line is, what it says, and what it belongs to: enough to print it. */
export interface Located {
  setIndex: number;
  /** Its file's position among its log's files. */
  fileIndex: number;
  fd: number;
  file: string;
  number: number;
  offset: number;
  log: string;
  line: LogLine;
  recordings: string[];
}

/** A line to print, with whether it is context and whether it starts a new group (`--` before it). */
export type Shown = Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'> & { context: boolean; gap: boolean };

export class PaneContext {
  /** Per log: the places whose after-context is still being printed, and how many lines are left. */
  private readonly pending = new Map<number, Map<string, number>>();
  /** Per log and place: where the line after the last one printed starts. */
  private readonly printed = new Map<string, { fileIndex: number; end: number }>();
  /**
   * Per place: its panes as its lines read them (not cut from the place: a hand-edited pane may hold a `.`,
   * so `s:1.2.3` may be window 1 pane 2.3 or window 1.2 pane 3, both of that place).
   */
  private readonly panes = new Map<string, Set<string>>();
  private lastKey: string | undefined;
  private version = 0;
  private cached: { setIndex: number; version: number; base: Candidates; candidates: Candidates } | undefined;

  private jsonCached: { setIndex: number; version: number; base: readonly Buffer[]; candidates: readonly Buffer[] } | undefined;

  constructor(
    readonly lines: number,
    private readonly sets: readonly LogSet[],
  ) {}

  /** The shortlist for a file of log `setIndex`: the search's own, and the places owed after-context. */
  candidates(setIndex: number, base: Candidates): Candidates {
    const places = this.pending.get(setIndex);
    if (base === undefined || !places || places.size === 0) return base;
    const cached = this.cached;
    if (cached && cached.setIndex === setIndex && cached.version === this.version && cached.base === base) return cached.candidates;
    const tags = [...places.keys()].map((place) => ` ${place} `);
    const candidates = base instanceof RegExp ? new RegExp([`(?:${base.source})`, ...tags.map(bytesLiteral)].join('|'), base.flags) : [...base, ...tags.map((tag) => Buffer.from(tag))];
    this.cached = { setIndex, version: this.version, base, candidates };
    return candidates;
  }

  /** The JSON lines' shortlist (scan.ts) for a file of log `setIndex`: `base`, and the places owed after-context. */
  jsonCandidates(setIndex: number, base: readonly Buffer[] | undefined): readonly Buffer[] | undefined {
    const places = this.pending.get(setIndex);
    if (base === undefined || !places || places.size === 0) return base;
    const cached = this.jsonCached;
    if (cached && cached.setIndex === setIndex && cached.version === this.version && cached.base === base) return cached.candidates;
    // A pane's lines by its value (json-shortlist.ts), not by the writer's `"window":"W","pane":"P",`: a line spelled otherwise is context too.
    const candidates = [...base, ...new Set([...places.keys()].flatMap((place) => [...this.panes.get(place)!].flatMap(jsonValueNeedles)))];
    this.jsonCached = { setIndex, version: this.version, base, candidates };
    return candidates;
  }

  /**
   * A line the search looked at (matched, or a candidate); what to print now, in order. Lines before a match whose
   * text was not kept (linesBefore) are read again one at a time, as each is reached (iterate what is returned at
   * once: it shows them as it goes); otherwise an array (a common word's search takes millions of lines here).
   */
  take(at: Located, matched: boolean, reader: LineReader): Iterable<Shown> {
    const place = placeOf(at.line);
    const key = `${at.setIndex}\0${place}`;
    let places = this.pending.get(at.setIndex);
    if (!places) this.pending.set(at.setIndex, (places = new Map()));
    let shown: Iterable<Shown>;
    if (matched) {
      const { lines, connected, close } = this.before(at, place, key, reader);
      shown = lines.every((line) => line.text !== undefined) ? this.shownNow(lines, at, key, connected, place, reader, close) : this.shownLater(lines, at, key, connected, place, reader, close);
      const panes = this.panes.get(place) ?? new Set();
      if (this.lines > 0 && (places.get(place) !== this.lines || !panes.has(at.line.pane))) {
        places.set(place, this.lines);
        this.panes.set(place, panes.add(at.line.pane));
        this.version++;
      }
    } else {
      const left = places.get(place) ?? 0;
      if (left === 0) return [];
      if (left === 1) {
        places.delete(place);
        this.version++;
      } else places.set(place, left - 1);
      // Every line of a place owed after-context is looked at: this one follows the last printed.
      shown = [this.show(at, key, true, true)];
    }
    // A line cut at MAX_LINE ends at its own `\n`, past the bytes left out (chunks.ts): never read as a line of their own.
    const length = Buffer.byteLength(at.log);
    this.printed.set(key, { fileIndex: at.fileIndex, end: length >= MAX_LINE ? pastNewline(at.fd, at.offset) : at.offset + length + 1 });
    return shown;
  }

  /** A match and the lines before it, all in memory. */
  private shownNow(lines: readonly LineBefore[], at: Located, key: string, connected: boolean, place: string, reader: LineReader, close: () => void): Shown[] {
    close();
    const shown = lines.map((line, i) => this.show(shownBefore(line, place, reader, at.recordings), key, connected || i > 0, true));
    shown.push(this.show(at, key, connected || lines.length > 0, false));
    return shown;
  }

  /** The same, the lines before it read as their turn comes (their file, when it is the one before, closed after them). */
  private *shownLater(lines: readonly LineBefore[], at: Located, key: string, connected: boolean, place: string, reader: LineReader, close: () => void): Generator<Shown, void, undefined> {
    try {
      for (const [i, line] of lines.entries()) yield this.show(shownBefore(line, place, reader, at.recordings), key, connected || i > 0, true);
    } finally {
      close();
    }
    yield this.show(at, key, connected || lines.length > 0, false);
  }

  private show(line: Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'>, key: string, connected: boolean, context: boolean): Shown {
    const gap = this.lastKey !== undefined && (!connected || this.lastKey !== key);
    this.lastKey = key;
    return { file: line.file, number: line.number, log: line.log, line: line.line, recordings: line.recordings, context, gap };
  }

  /**
   * The lines before a match (oldest first), whether they join the last line printed of its place, and what closes
   * the file before the match's, when they are in it (once they are printed).
   */
  private before(at: Located, place: string, key: string, reader: LineReader): { lines: LineBefore[]; connected: boolean; close: () => void } {
    if (this.lines === 0) return { lines: [], connected: false, close: () => {} };
    const want = this.lines + 1; // one more: whether lines are left out between
    const last = this.printed.get(key);
    // A text line holds ` <place> `; a JSON line its pane's value, however spelled (json-shortlist.ts; accept checks the place).
    const needles = [Buffer.from(` ${place} `), ...new Set([at.line.pane, ...(this.panes.get(place) ?? [])].flatMap(jsonValueNeedles))];
    const accept = (text: string): LogLine | undefined => {
      const line = reader.read(text, false);
      return line !== undefined && placeOf(line) === place ? line : undefined;
    };
    const here = last?.fileIndex === at.fileIndex;
    const found = linesBefore(at.fd, at.offset, here ? last!.end : 0, needles, want, accept);
    const lines = numbered(found, at.fd, at.file, at.offset, at.number);
    let connected = here && found.length < want;
    let close = (): void => {};
    // Not enough in this file, and nothing of this place printed in it: the file before.
    if (!here && found.length < want && at.fileIndex > 0) {
      const previous = this.sets[at.setIndex]!.files[at.fileIndex - 1]!;
      const fd = openLog(previous.path);
      if (fd !== undefined) {
        close = () => fs.closeSync(fd);
        try {
          const there = last?.fileIndex === at.fileIndex - 1;
          const size = fs.fstatSync(fd).size;
          const held = found.reduce((sum, line) => sum + (line.text === undefined ? 0 : line.length), 0);
          const more = linesBefore(fd, size, there ? last!.end : 0, needles, want - found.length, accept, BEFORE_TEXT_BYTES - held);
          if (more.length > 0) lines.push(...numbered(more, fd, previous.path, size, 1 + countFileNewlines(fd, 0, size)));
          connected = there && found.length + more.length < want;
        } catch (failure) {
          close();
          throw failure;
        }
      }
    }
    return { lines: lines.slice(0, this.lines).reverse(), connected, close };
  }
}

/** What a line not kept in memory is known by until it is read again (only lines past BEFORE_TEXT_BYTES: long ones). */
function digestOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

/** A line before a match, to print: where it is, its number, and its text and what it says when kept. */
interface LineBefore extends Before<LogLine> {
  fd: number;
  file: string;
  number: number;
}

/**
 * Lines found before `offset` of `fd` (nearest first), numbered back from the line at `offset`, number `number`:
 * the newlines between each and the one after it counted once (not each back to `offset`: -C 1000 read the file
 * a thousand times).
 */
function numbered(found: readonly Before<LogLine>[], fd: number, file: string, offset: number, number: number): LineBefore[] {
  let after = offset;
  return found.map((before) => {
    number -= countFileNewlines(fd, before.offset, after);
    after = before.offset;
    return { offset: before.offset, length: before.length, text: before.text, value: before.value, digest: before.digest, fd, file, number };
  });
}

/**
 * A line before a match as printed: its text as kept, or read again from its file (still open). A line that no
 * longer reads as a line of `place` there was changed while the search ran (a log is only appended to): said, not
 * printed as something else.
 */
function shownBefore(before: LineBefore, place: string, reader: LineReader, recordings: string[]): Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'> {
  let { text, value: line } = before;
  if (text === undefined || line === undefined) {
    const bytes = borrow(before.length);
    let read: number;
    try {
      read = fs.readSync(before.fd, bytes, 0, before.length, before.offset);
      text = bytes.toString('utf8', 0, read);
    } finally {
      release(bytes);
    }
    // The same text as found, whole: the same place alone would let other text (or a newline, printing as a line
    // of its own) there be printed as what the log held.
    line = read === before.length && digestOf(text) === before.digest ? reader.read(text, false) : undefined;
    if (line === undefined || placeOf(line) !== place) throw new AuditError(`${before.file} changed while it was searched: its line ${before.number} is no longer what was found there`, 2);
  }
  return { file: before.file, number: before.number, log: text, line, recordings };
}
