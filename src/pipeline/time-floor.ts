// Stamps no earlier than a floor: records a reader made while an older reader of its pane was still writing
// (held meanwhile: commands/pipe.ts) go out stamped no earlier than the moment that reader was gone, so a pane's
// stamps never go back across two readers (issue 15). Raised once, if ever; records are passed on unchanged
// otherwise.

import type { AuditRecord } from '../core/record.ts';
import type { Next, Transform } from './pipeline.ts';

export class TimeFloor implements Transform {
  private floor = Number.NEGATIVE_INFINITY;

  raise(ms: number): void {
    this.floor = Math.max(this.floor, ms);
  }

  push(record: AuditRecord, next: Next): void {
    next(record.time < this.floor ? { ...record, time: this.floor } : record);
  }
}
