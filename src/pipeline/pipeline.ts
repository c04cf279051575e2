// From the recorder to the sinks: an ordered list of transforms (drop
// accounting today; redaction and a hash chain are meant to join), then a
// fan-out to every sink. Records are numbered here, as they are delivered, so
// `seq` follows the order every sink sees (a transform may put a record of its
// own before one made earlier). Flushing and closing happen here, in one place.

import type { AuditRecord } from '../core/record.ts';
import type { Sink } from '../sinks/sink.ts';

export type Next = (record: AuditRecord) => void;

export interface Transform {
  /** Passes `record` on through `next` — or holds or drops it, or puts records of its own before it. */
  push(record: AuditRecord, next: Next): void;
  /** Nothing may stay held past this point (the recording ends, or the transform's own timer says so). */
  settle?(next: Next): void;
  /** The recording ends: stops the transform's timers and lets go of whatever holds it has, so the settle after it passes everything on. */
  close?(): void;
  /** Given once: how the transform asks for `settle` from a timer of its own. */
  connect?(settle: () => void): void;
}

export class Pipeline {
  private readonly entry: Next;
  private readonly nexts: Next[];
  private seq = 0;

  constructor(
    private readonly transforms: readonly Transform[],
    private readonly sinks: readonly Sink[],
  ) {
    const fanOut: Next = (record) => {
      (record as { seq?: number }).seq = this.seq++;
      for (let i = 0; i < sinks.length; i++) sinks[i]!.write(record);
    };
    // nexts[i] is what comes after transform i.
    this.nexts = [];
    let next = fanOut;
    for (let i = transforms.length - 1; i >= 0; i--) {
      this.nexts[i] = next;
      const transform = transforms[i]!;
      const after = next;
      next = (record) => transform.push(record, after);
    }
    this.entry = next;
    for (const transform of transforms) transform.connect?.(() => this.settle());
  }

  push(record: AuditRecord): void {
    this.entry(record);
  }

  /** The end of a burst: the sinks send what they batched. */
  flush(): void {
    for (const sink of this.sinks) sink.flush();
  }

  /** Lets every transform pass on what it holds, then flushes. */
  settle(): void {
    for (let i = 0; i < this.transforms.length; i++) this.transforms[i]!.settle?.(this.nexts[i]!);
    this.flush();
  }

  async close(): Promise<void> {
    // Closed first, then settled: a hold still taken (a question to tmux unanswered at the end) would keep its
    // records from a settle before it, and they would go with the transform.
    for (const transform of this.transforms) transform.close?.();
    this.settle();
    await Promise.all(this.sinks.map((sink) => sink.close()));
  }
}
