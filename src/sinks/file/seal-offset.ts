// Where a seal a reader just drained to disk sits in its file: the byte offset
// its note holds beside the file's identity (chain/seal-file-gone.ts).
//
// The identity alone told only whether the file still was at the log's path:
// truncated or rewritten in place (same inode), then the reader SIGKILLed, the
// recording went unseen (review of trust13b, F2). With the offset, recover
// checks the seal's line is still there, byte for byte.
//
// The file is opened O_APPEND by every writer of the log, so the offset of a
// write is not returned to it; the line is looked for backwards from the end
// instead, just after the flush that put it there: other writers may have
// appended a little since, rarely more than a chunk. Cost: one read of up to
// CHUNK bytes per seal noted (seals come every SEAL_EVERY lines or SEAL_MS),
// off the path that writes lines; a line not found within SEARCH_MAX is not
// noted (the note then says nothing of the offset, as before).

import fs from 'node:fs';

const CHUNK = 64 * 1024;
const SEARCH_MAX = 4 * 1024 * 1024;

/** The offset of the last occurrence of `line` in the file open for reading as `fd` (size `size`), undefined when not in its last SEARCH_MAX bytes. */
export function lastOffsetOf(fd: number, size: number, line: string): number | undefined {
  const needle = Buffer.from(line);
  if (needle.length === 0 || needle.length > CHUNK) return undefined;
  let end = size;
  while (end > 0 && size - end < SEARCH_MAX) {
    const start = Math.max(0, end - CHUNK);
    const buf = Buffer.alloc(end - start);
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    const at = buf.subarray(0, got).lastIndexOf(needle);
    if (at !== -1) return start + at;
    if (start === 0) break;
    // Overlapping by a line less a byte: one across the chunk's edge is found whole in the next.
    end = start + needle.length - 1;
  }
  return undefined;
}

/** Whether the file at `fd` (open for reading) holds exactly `line` at `offset`. */
export function holdsAt(fd: number, offset: number, line: string): boolean {
  const needle = Buffer.from(line);
  const buf = Buffer.alloc(needle.length);
  let got = 0;
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, offset + got);
    if (n === 0) break;
    got += n;
  }
  return got === needle.length && buf.equals(needle);
}
