// What a stream collector may not have got: the messages written to it in the
// last few seconds. TCP gives no acknowledgement a sender can see, and a
// collector that dies (or restarts) loses what its kernel and its own queue
// held: rsyslog killed mid-stream drops what it had read and not yet written
// out, and the bytes still in the sockets' buffers are gone with the
// connection. So each batch written is kept until the collector has been
// reading for AGE_MS since the kernel took it; when the link breaks, the kept
// batches are sent again once it is back (at least once: the collector can
// drop a duplicate by rec, seq and part, which the structured data carries).
// Kept within a bound: a batch let go for room while it could still be in
// flight is remembered by its count and seq range only, and counted as
// possibly lost if the link breaks before it has aged. Pure: the caller
// gives the time.

/** A batch written to the stream: framed messages, and the records they are. */
export interface Batch {
  data: string;
  records: number;
  /** The first and last seq of its records (undefined when none had one). */
  first?: number;
  last?: number;
  /** When the kernel took it, or since when the collector has been reading again (undefined: not yet taken). */
  at?: number;
  /** Let go for room: `taken` updates the summary instead. */
  evicted?: boolean;
}

export interface Lost {
  records: number;
  first?: number;
  last?: number;
}

export class InFlight {
  private batches: Batch[] = [];
  private chars = 0;
  /**
   * Batches let go for room before they aged, as one summary (what they were,
   * and the newest's `at`): it ages with its newest, so it may count more than
   * were in flight, never fewer, in constant memory.
   */
  private evicted: Batch | undefined;
  /** Evicted batches the kernel has not taken yet: until then the summary cannot age. */
  private evictedPending = 0;

  constructor(
    /** The most characters kept (a character is at most 3 bytes of UTF-8). */
    private readonly limitChars: number,
    /** How long the collector must have been reading after the kernel took a batch for it to count as delivered. */
    private readonly ageMs: number,
  ) {}

  get size(): number {
    return this.chars;
  }

  /** A batch handed to the socket; set its `at` when the kernel takes it. */
  sent(batch: Batch): void {
    this.batches.push(batch);
    this.chars += batch.data.length;
    while (this.chars > this.limitChars && this.batches.length > 0) {
      const old = this.batches.shift()!;
      this.chars -= old.data.length;
      old.evicted = true;
      const into = (this.evicted ??= { data: '', records: 0, at: old.at });
      into.records += old.records;
      if (old.first !== undefined) into.first = Math.min(into.first ?? old.first, old.first);
      if (old.last !== undefined) into.last = Math.max(into.last ?? old.last, old.last);
      if (old.at === undefined) this.evictedPending++;
      else into.at = Math.max(into.at ?? old.at, old.at);
    }
  }

  /** The kernel took `batch` (its write's callback). */
  taken(batch: Batch, now: number): void {
    if (batch.at !== undefined) return;
    batch.at = now;
    if (!batch.evicted || !this.evicted) return;
    this.evictedPending--;
    this.evicted.at = Math.max(this.evicted.at ?? now, now);
  }

  /**
   * The collector reads (the socket takes what it is given): batches the
   * kernel took at least ageMs ago are delivered. Not while the socket is
   * paused: a collector that does not read leaves them in the buffers.
   */
  age(now: number): void {
    const old = (batch: Batch): boolean => batch.at !== undefined && now - batch.at >= this.ageMs;
    while (this.batches.length > 0 && old(this.batches[0]!)) this.chars -= this.batches.shift()!.data.length;
    if (this.evicted && this.evictedPending === 0 && old(this.evicted)) this.evicted = undefined;
  }

  /** The socket drained after a pause: what the kernel holds is only now being read, so the clock starts again for all of it. */
  reading(now: number): void {
    for (const batch of this.batches) if (batch.at !== undefined) batch.at = now;
    if (this.evicted?.at !== undefined) this.evicted.at = now;
  }

  /** The link broke: the batches to send again (oldest first), and what may be lost with no copy kept. Empties it. */
  broke(): { resend: Batch[]; lost: Lost } {
    const resend = this.batches;
    const lost: Lost = { records: this.evicted?.records ?? 0, first: this.evicted?.first, last: this.evicted?.last };
    this.batches = [];
    this.evicted = undefined;
    this.evictedPending = 0;
    this.chars = 0;
    return { resend, lost };
  }
}
