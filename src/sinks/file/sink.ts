// The file sink: records formatted as text lines and appended to the session's
// log through the writer (batched, rotated, never blocking the reader).

import type { AuditRecord } from '../../core/record.ts';
import { TextFormat } from '../../format/text.ts';
import type { Sink } from '../sink.ts';
import { LogFile, type LogFileOptions } from './writer.ts';

/**
 * Formatted text handed to the writer at once, at most (plus one line). Small
 * queue entries let rotation cut close to the size limit.
 */
const BATCH_CHARS = 16 * 1024;

export class FileSink implements Sink {
  private readonly log: LogFile;
  private readonly format: TextFormat;
  private batch = '';

  constructor(file: string, timeFormat: string, options: LogFileOptions) {
    this.log = new LogFile(file, options);
    this.format = new TextFormat(timeFormat);
  }

  write(record: AuditRecord): void {
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

  async close(): Promise<void> {
    this.flush();
    await this.log.close();
  }
}
