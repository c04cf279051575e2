// Reading back a recording's raw stream (`@audit-cast on`, sinks/file/cast.ts):
// its parts, oldest first (rotated `<name>.cast.<UTC time>`, then the live
// one), joined into one asciicast v2 file: the header of the first part, then
// every whole event line of all parts. `export --asciicast` prefers it to the
// cast it builds from the log's lines, because it replays full-screen programs
// as they were drawn, resizes included (but the shell's marks: strip-marks.ts).

import fs from 'node:fs';
import path from 'node:path';
import { rotatedFiles } from '../core/rotate.ts';
import { escapeText } from '../format/text.ts';
import { castEventLine, castPath, castResizeLine, parseCastSize } from '../sinks/file/cast.ts';
import { MarkStripper } from '../sinks/file/strip-marks.ts';
import { forEachPiece, openLog } from './chunks.ts';
import type { LogSet } from './files.ts';

/** The parts of recording `rec`'s raw stream in the logs of `sets`, oldest first; undefined when it was not kept. */
export function rawCastParts(sets: readonly LogSet[], rec: string): string[] | undefined {
  for (const set of sets) {
    const live = castPath(path.join(set.dir, set.live), rec);
    const name = path.basename(live);
    let names: string[];
    try {
      names = fs.readdirSync(set.dir);
    } catch {
      continue;
    }
    const parts = [...rotatedFiles(names, name), ...(names.includes(name) ? [name] : [])].map((part) => path.join(set.dir, part));
    if (parts.length > 0) return parts;
  }
  return undefined;
}

/** The header of a raw stream's first part, if it is one (its oldest part may have been pruned). */
export function rawCastHeader(firstLine: string): Record<string, unknown> | undefined {
  try {
    const header = JSON.parse(firstLine) as unknown;
    if (typeof header === 'object' && header !== null && !Array.isArray(header) && (header as { version?: unknown }).version === 2) return header as Record<string, unknown>;
  } catch {
    // not a header
  }
  return undefined;
}

/**
 * Writes the joined cast to `write`, line by line (false from `write` stops);
 * false when the parts do not start with a header (the caller then builds the
 * cast from the log). A torn last line (a reader killed mid-write) is left out.
 */
export function writeRawCast(parts: readonly string[], idleTimeLimit: number | undefined, write: (line: string) => boolean): boolean {
  let header = true;
  let stopped = false;
  // A cast written before its writer took the shell's marks out still holds the nonce: never passed on.
  const marks = new MarkStripper();
  let lastTime = 0;
  const event = (line: string): boolean => {
    if (line.charCodeAt(0) !== 0x5b) return true; // only events after the header
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return true; // a torn line
    }
    if (!Array.isArray(parsed) || typeof parsed[0] !== 'number' || typeof parsed[2] !== 'string') return true;
    lastTime = parsed[0];
    if (parsed[1] === 'r') {
      // A resize (sinks/file/cast.ts), as the writer spells it; anything else under `r` is no size.
      const size = parseCastSize(parsed[2]);
      return size === undefined || write(castResizeLine(parsed[0], size.columns, size.rows));
    }
    if (parsed[1] !== 'o') return write(`${escapeText(JSON.stringify(parsed))}\n`);
    const text = marks.push(Buffer.from(parsed[2], 'utf8')).toString('utf8');
    return text === '' || write(castEventLine(parsed[0], text));
  };
  for (const part of parts) {
    if (stopped) break;
    const fd = openLog(part);
    if (fd === undefined) continue;
    try {
      const take = (line: string): boolean => {
        if (!header) return event(line);
        const parsed = rawCastHeader(line);
        if (!parsed) return false;
        header = false;
        if (idleTimeLimit !== undefined) parsed.idle_time_limit = idleTimeLimit;
        return write(`${escapeText(JSON.stringify(parsed))}\n`);
      };
      forEachPiece(fd, (buffer, end) => {
        let start = 0;
        const piece = buffer.subarray(0, end);
        for (let newline = piece.indexOf(10); newline >= 0; newline = piece.indexOf(10, start)) {
          const line = buffer.toString('utf8', start, newline);
          start = newline + 1;
          if (!take(line)) {
            stopped = true;
            return false;
          }
        }
        return true;
      });
    } finally {
      fs.closeSync(fd);
    }
  }
  // A start held back at the very end (a lone ESC) that never became a mark.
  const rest = marks.end();
  if (!stopped && !header && rest.length > 0) write(castEventLine(lastTime, rest.toString('utf8')));
  return !header;
}
