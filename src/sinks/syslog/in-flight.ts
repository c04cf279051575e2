// What a stream collector may not have got. TCP gives no acknowledgement a
// sender can see: the kernel taking a write says nothing of the collector
// reading it. A collector that stops reading (frozen, swapping, blocked on its
// disk) leaves the kernels' buffers taking data for seconds, and if it then
// dies, what they held is gone with the connection. Time says nothing either
// (a collector can be frozen for any length), but size does: the sender's
// send buffer and the collector's receive buffer hold at most so many bytes,
// so a batch followed by that many more taken by the kernel has been read by
// the collector. The window is therefore kept by size: every batch stays
// until `limitChars` more have been taken after it, and all of it is sent
// again when the link breaks (at least once: the collector drops a duplicate
// by rec, seq and part, which the structured data carries).
//
// A batch the collector has read can still be lost with it: rsyslog killed
// mid-stream drops what it had read and not yet written out. So a batch let
// go of within `holdMs` before the break (read at most that long before it)
// is counted as possibly lost; one let go of earlier had that long to be
// written out. The count is an upper bound (most of them did arrive).
//
// The limit is a fixed guess, not the kernel's figure: node cannot read
// SO_SNDBUF, and the collector's receive buffer is the collector's setting.
// What the two held together when a loopback reader stopped reading was at
// most 6 MiB here (Linux 6.18, tcp_wmem max 4 MiB, tcp_rmem max 32 MiB;
// measured by filling a paused socket after a fast start); buffers larger
// than the limit (a bigger tcp_rmem on a long, fast link) can hold bytes that
// are let go of unread, and lost uncounted if the collector then dies.
// Pure: the caller gives the time.

/** A batch written to the stream: framed messages, and the records they are. */
export interface Batch {
  data: string;
  records: number;
  /** The first and last seq of its records (undefined when none had one). */
  first?: number;
  last?: number;
  /** How many characters the kernel had taken on this link when it took this batch (undefined: not yet taken). */
  takenAt?: number;
}

export interface Lost {
  records: number;
  first?: number;
  last?: number;
}

/** Batches let go of at about the same time: from when, until when, and what they were. */
interface LetGo extends Lost {
  since: number;
  at: number;
}

/**
 * Batches let go of within holdMs / LET_GO_SLICES of an entry's first are
 * merged into it: at most about this many entries, and an entry outlives its
 * oldest batch by that slice at most (counting a little more, never fewer;
 * merging without a bound of time kept one entry alive for ever under steady
 * output, and a break then counted the whole connection as lost).
 */
const LET_GO_SLICES = 64;

export class InFlight {
  private batches: Batch[] = [];
  private chars = 0;
  /** Characters the kernel has taken on this link. */
  private takenChars = 0;
  /** Let go of within the last holdMs (pruned when older). */
  private letGo: LetGo[] = [];

  constructor(
    /** Characters taken by the kernel after a batch for it to count as read (a character is at least one byte: a bound in bytes too). */
    private readonly limitChars: number,
    /** How long a collector may hold what it read before it is safe (written out). */
    private readonly holdMs: number,
  ) {}

  get size(): number {
    return this.chars;
  }

  /** A batch handed to the socket; call `taken` when the kernel takes it. */
  sent(batch: Batch): void {
    this.batches.push(batch);
    this.chars += batch.data.length;
  }

  /** The kernel took `batch` (its write's callback; a stream's writes are taken in order). */
  taken(batch: Batch, now: number): void {
    if (batch.takenAt !== undefined) return;
    this.takenChars += batch.data.length;
    batch.takenAt = this.takenChars;
    // Followed by limitChars taken after it: the collector has read it.
    while (this.batches.length > 0) {
      const old = this.batches[0]!;
      if (old.takenAt === undefined || this.takenChars - old.takenAt < this.limitChars) break;
      this.batches.shift();
      this.chars -= old.data.length;
      this.remember(old, now);
    }
  }

  /** The link broke: the batches to send again (oldest first), and what may be lost with no copy kept. Empties it. */
  broke(now: number): { resend: Batch[]; lost: Lost } {
    this.prune(now);
    const lost: Lost = { records: 0 };
    for (const entry of this.letGo) {
      lost.records += entry.records;
      if (entry.first !== undefined) lost.first = Math.min(lost.first ?? entry.first, entry.first);
      if (entry.last !== undefined) lost.last = Math.max(lost.last ?? entry.last, entry.last);
    }
    const resend = this.batches;
    this.batches = [];
    this.letGo = [];
    this.chars = 0;
    this.takenChars = 0;
    return { resend, lost };
  }

  private remember(batch: Batch, now: number): void {
    this.prune(now);
    const entry = this.letGo.at(-1);
    if (entry && now - entry.since < this.holdMs / LET_GO_SLICES) {
      entry.records += batch.records;
      if (batch.first !== undefined) entry.first = Math.min(entry.first ?? batch.first, batch.first);
      if (batch.last !== undefined) entry.last = Math.max(entry.last ?? batch.last, batch.last);
      entry.at = now;
      return;
    }
    this.letGo.push({ records: batch.records, first: batch.first, last: batch.last, since: now, at: now });
  }


  private prune(now: number): void {
    while (this.letGo.length > 0 && now - this.letGo[0]!.at >= this.holdMs) this.letGo.shift();
  }
}
