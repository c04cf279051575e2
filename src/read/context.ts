// `grep -C N`: N lines before and after each match, counted among the lines
// of the match's pane only (several panes write into one file). A search
// looks only at its candidates, not at every line, so context is found the
// same way: the lines after a match by adding its place to the shortlist
// until N of them have been seen, the lines before by searching backwards
// from the match for its place (in its file, and the file before it), never
// further back than the last line of that pane already printed.

import fs from 'node:fs';
import { BackwardSearch } from './backward.ts';
import { borrow, MAX_LINE, openLog, pastNewline, release } from './chunks.ts';
import type { LogSet } from './files.ts';
import { placeOf, type LineReader, type LogLine } from './line.ts';
import { bytesLiteral } from './pattern.ts';
import { jsonValueNeedles } from './json-shortlist.ts';
import { countFileNewlines, type Candidates } from './scan.ts';

/** A line found before a match: where it starts and its text. */
export interface Before {
  offset: number;
  text: string;
}

/**
 * Up to `want` lines holding `needle` that start in `[floor, before)` of `fd`
 * and that `accept` takes, nearest first. `floor` and `before` are line
 * starts; `needle` has no newline, so it never spans two lines.
 */
export function linesBefore(fd: number, before: number, floor: number, needle: Buffer | readonly Buffer[], want: number, accept: (text: string) => boolean): Before[] {
  const needles = Buffer.isBuffer(needle) ? [needle] : needle;
  const found: Before[] = [];
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
            if (needles.some((one) => text.includes(one.toString('utf8'))) && accept(text)) found.push({ offset: lineStart, text });
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
        const lineEnd = bytes.indexOf(10, at);
        const text = bytes.toString('utf8', lineStart, lineEnd < 0 ? length : lineEnd);
        if (accept(text)) found.push({ offset: start + lineStart, text });
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

  /** A line the search looked at (matched, or a candidate); what to print now, in order. */
  take(at: Located, matched: boolean, reader: LineReader): Shown[] {
    const place = placeOf(at.line);
    const key = `${at.setIndex}\0${place}`;
    let places = this.pending.get(at.setIndex);
    if (!places) this.pending.set(at.setIndex, (places = new Map()));
    const shown: Shown[] = [];
    if (matched) {
      const { lines, connected } = this.before(at, place, key, reader);
      let joined = connected;
      for (const line of lines) {
        shown.push(this.show(line, key, joined, true));
        joined = true;
      }
      shown.push(this.show(at, key, joined, false));
      const panes = this.panes.get(place) ?? new Set();
      if (this.lines > 0 && (places.get(place) !== this.lines || !panes.has(at.line.pane))) {
        places.set(place, this.lines);
        this.panes.set(place, panes.add(at.line.pane));
        this.version++;
      }
    } else {
      const left = places.get(place) ?? 0;
      if (left === 0) return shown;
      if (left === 1) {
        places.delete(place);
        this.version++;
      } else places.set(place, left - 1);
      // Every line of a place owed after-context is looked at: this one follows the last printed.
      shown.push(this.show(at, key, true, true));
    }
    // A line cut at MAX_LINE ends at its own `\n`, past the bytes left out (chunks.ts): never read as a line of their own.
    const length = Buffer.byteLength(at.log);
    this.printed.set(key, { fileIndex: at.fileIndex, end: length >= MAX_LINE ? pastNewline(at.fd, at.offset) : at.offset + length + 1 });
    return shown;
  }

  private show(line: Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'>, key: string, connected: boolean, context: boolean): Shown {
    const gap = this.lastKey !== undefined && (!connected || this.lastKey !== key);
    this.lastKey = key;
    return { file: line.file, number: line.number, log: line.log, line: line.line, recordings: line.recordings, context, gap };
  }

  /** The lines before a match (oldest first), and whether they join the last line printed of its place. */
  private before(at: Located, place: string, key: string, reader: LineReader): { lines: Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'>[]; connected: boolean } {
    if (this.lines === 0) return { lines: [], connected: false };
    const want = this.lines + 1; // one more: whether lines are left out between
    const last = this.printed.get(key);
    // A text line holds ` <place> `; a JSON line its pane's value, however spelled (json-shortlist.ts; accept checks the place).
    const needles = [Buffer.from(` ${place} `), ...new Set([at.line.pane, ...(this.panes.get(place) ?? [])].flatMap(jsonValueNeedles))];
    const parsed = new Map<string, LogLine>();
    const accept = (text: string) => {
      const line = reader.read(text, false);
      if (line === undefined || placeOf(line) !== place) return false;
      parsed.set(text, line);
      return true;
    };
    const lines: Omit<Located, 'setIndex' | 'fileIndex' | 'fd' | 'offset'>[] = [];
    const here = last?.fileIndex === at.fileIndex;
    const found = linesBefore(at.fd, at.offset, here ? last!.end : 0, needles, want, accept);
    for (const { offset, text } of found) lines.push({ file: at.file, number: at.number - countFileNewlines(at.fd, offset, at.offset), log: text, line: parsed.get(text)!, recordings: at.recordings });
    let connected = here && found.length < want;
    // Not enough in this file, and nothing of this place printed in it: the file before.
    if (!here && found.length < want && at.fileIndex > 0) {
      const previous = this.sets[at.setIndex]!.files[at.fileIndex - 1]!;
      const fd = openLog(previous.path);
      if (fd !== undefined) {
        try {
          const there = last?.fileIndex === at.fileIndex - 1;
          const more = linesBefore(fd, fs.fstatSync(fd).size, there ? last!.end : 0, needles, want - found.length, accept);
          for (const { offset, text } of more) lines.push({ file: previous.path, number: 1 + countFileNewlines(fd, 0, offset), log: text, line: parsed.get(text)!, recordings: at.recordings });
          connected = there && found.length + more.length < want;
        } finally {
          fs.closeSync(fd);
        }
      }
    }
    return { lines: lines.slice(0, this.lines).reverse(), connected };
  }
}
