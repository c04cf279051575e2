// Waiting, in a test, until what a file sink was handed is on disk. The product never waits for that
// between writes (a reader hands records over and, at the end, closes its sink: close() waits), so the
// sink has no such call: a test hands the batch over (flush) and waits for the sink's own writer to have
// written its queue (LogFile.flush, what close() and a seal wait for: src/sinks/file/sink.ts).

import type { FileSink } from '../../src/sinks/file/sink.ts';
import type { LogFile } from '../../src/sinks/file/writer.ts';

/** Resolves once what `sink` was handed so far is written to its file. */
export function flushed(sink: FileSink): Promise<void> {
  sink.flush();
  return (sink as unknown as { log: LogFile }).log.flush();
}
