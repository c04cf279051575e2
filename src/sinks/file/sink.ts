// The file sink: records formatted (text lines or JSON Lines: format/formats.ts) and appended to the session's
// log through the writer (batched, rotated, never blocking the reader).

import type { AuditRecord } from '../../core/record.ts';
import type { RecordFormat } from '../../format/formats.ts';
import type { Sink } from '../sink.ts';
import { LogFile, type LogFileOptions } from './writer.ts';

/**
 * Formatted text handed to the writer at once, at most (plus one line). Small
 * queue entries let rotation cut close to the size limit.
 */
const BATCH_CHARS = 16 * 1024;

export class FileSink implements Sink {
  private readonly log: LogFile;
  private readonly format: RecordFormat;
  private batch = '';
  /** The stamp of the oldest record not yet on disk, or undefined when all are (at most this early: see write). */
  private oldestWaiting: number | undefined;
  /**
   * No later than the stamp of anything the writer may yet write into a new
   * file after a `lost` event: what waits, and what was written since its last
   * look at the file (written again if the file turns out removed).
   */
  private floor: number | undefined;

  constructor(file: string, format: RecordFormat, options: LogFileOptions) {
    this.log = new LogFile(file, {
      ...options,
      onChecked: () => {
        this.floor = this.backlog > 0 ? this.oldestWaiting : undefined;
        options.onChecked?.();
      },
    });
    this.format = format;
  }

  write(record: AuditRecord): void {
    // Noted when nothing waits; kept while anything does (a part may be written meanwhile: then it is earlier than need be, never later).
    if (this.oldestWaiting === undefined || (this.batch.length === 0 && this.log.backlog === 0)) this.oldestWaiting = record.time;
    this.floor ??= record.time;
    this.batch += this.format.format(record);
    if (this.batch.length >= BATCH_CHARS) this.flush();
  }

  flush(): void {
    if (this.batch.length === 0) return;
    // Emptied first: the write may come back here (a `lost` event written while the writer reopens).
    const batch = this.batch;
    this.batch = '';
    this.log.write(batch);
  }

  get backlog(): number {
    return this.log.backlog + this.batch.length;
  }

  /**
   * A stamp no later than any record the writer may still write, for an
   * event that is put ahead of them (the `lost` event at the head of a new
   * file): stamps in a file must not go back.
   */
  get waitingSince(): number | undefined {
    return this.floor;
  }

  async close(): Promise<void> {
    this.flush();
    await this.log.close();
  }
}
