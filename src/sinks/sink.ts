// What the pipeline sends records to. A sink never blocks its caller: it
// queues, and says how much it holds, so the pipeline can bound it.

import type { AuditRecord } from '../core/record.ts';

export interface Sink {
  /** Takes a record (a sink may batch it until `flush`). The record is valid during the call only: keep a copy, not it. */
  write(record: AuditRecord): void;
  /** The end of a burst (one read of input): what is batched goes on its way. */
  flush(): void;
  /** Bytes taken and not yet delivered. */
  readonly backlog: number;
  /** Delivers what it holds (as far as it can) and lets go of its resources. */
  close(): Promise<void>;
}
