// How `grep` prints a line: `<file>:<n>: <log line>` (context lines
// `<file>-<n>- <log line>`, groups separated by `--`). Apart from the command
// (no command-line parser here): the scan worker (grep-worker.ts) prints with
// it too, and its lines must be the main thread's to the byte.

import { escapeText } from '../format/text.ts';
import type { GrepHit, PlainHitSink } from '../read/search.ts';
import type { Output } from './output.ts';

/** Prints plain hits as `<file>:<n>: <log line>`, the same bytes as a hit printed by printHit. */
export function printPlain(out: Output): PlainHitSink {
  // `<file>:` of the file being read, escaped once.
  let lastFile: string | undefined;
  let head = Buffer.alloc(0);
  return (file, number, bytes, start, end) => {
    if (file !== lastFile) {
      lastFile = file;
      // A file's name is escaped whole (a newline too): it is whoever wrote the directory's, and must not start a line of its own.
      head = Buffer.from(`${escapeText(file)}:`);
    }
    return out.writeNumbered(head, number, bytes, start, end);
  };
}

/** Prints a hit as text (Output escapes what a terminal would obey); false when the output is gone. */
export function printHit(out: Output, hit: GrepHit): boolean {
  if (hit.gap) out.write('--\n');
  return out.write(`${escapeText(hit.file)}${hit.context ? '-' : ':'}${hit.number}${hit.context ? '-' : ':'} ${hit.log}\n`);
}
