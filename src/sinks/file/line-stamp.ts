// The stamp of a line the file sink formatted, read back from its text: a seal
// put among lines written again after a `lost` event is stamped as the line
// before it (stamps at a place must not go back within a file; those lines are
// older than the reader's newest record).

import { isoMs } from '../../read/line.ts';

/** Epoch ms of the line of `text` that ends at `end` (its `\n` just before `end`), text or JSON; undefined when its stamp is not the default ISO one. */
export function stampBefore(text: string, end: number): number | undefined {
  const start = text.lastIndexOf('\n', end - 2) + 1;
  if (text.charCodeAt(start) === 0x7b) {
    const at = text.indexOf('"time":"', start);
    return at < 0 || at >= end ? undefined : isoMs(text.slice(at + 8, at + 8 + 29));
  }
  const space = text.indexOf(' ', start);
  return space < 0 || space >= end ? undefined : isoMs(text.slice(start, space));
}
