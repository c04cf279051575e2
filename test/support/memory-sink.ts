// A sink that keeps records in memory, with a backlog a test can set.

import type { AuditRecord } from '../../src/core/record.ts';
import type { Sink } from '../../src/sinks/sink.ts';

export class MemorySink implements Sink {
  readonly records: AuditRecord[] = [];
  /** Records as they were at each flush: what a real sink would have handed on. */
  readonly flushed: AuditRecord[] = [];
  backlog = 0;
  closed = false;

  write(record: AuditRecord): void {
    this.records.push({ ...record }); // the record is valid during the call only
  }

  flush(): void {
    this.flushed.push(...this.records.slice(this.flushed.length));
  }

  async close(): Promise<void> {
    this.flush();
    this.closed = true;
  }

  /** Records as `kind text` (events: `* name k=v ...`), for one-line assertions. */
  lines(): string[] {
    return this.records.map((record) =>
      record.kind === 'event'
        ? `* ${record.text}${Object.entries(record.fields ?? {})
            .filter(([, value]) => value !== undefined)
            .map(([key, value]) => ` ${key}=${value}`)
            .join('')}`
        : `${{ line: '|', piece: '+', redrawn: '~', screen: '=', history: '<' }[record.kind]} ${record.text}`,
    );
  }
}
