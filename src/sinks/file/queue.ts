// The log writer's queue: text encoded straight into two reused buffers, so a
// flood allocates nothing per line or per write. (A fresh Buffer per batch was
// garbage that V8 collects late: tens of MB of a reader's peak under a flood.)
// Pieces stay whole: `take` cuts only between them, and a piece is a whole
// number of lines.
//
// Double buffering: new text goes into `fill`; `take` hands out the front of
// `fill` and moves what is left to `spare`, which becomes the new `fill`. The
// view handed out stays valid until the next `take`, which is how the writer
// uses it: one write in flight at a time.

const INITIAL_BYTES = 256 * 1024;
/** Growth beyond this is by what is needed (plus this much), not by doubling. */
const GROWTH_STEP = 8 * 1024 * 1024;

export class ByteQueue {
  private fill: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private spare: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;
  /** End offset of each piece in `fill`. */
  private ends: number[] = [];

  /** Bytes queued. */
  get length(): number {
    return this.used;
  }

  /** Bytes in the first piece (0 when empty). */
  get firstPiece(): number {
    return this.ends.length > 0 ? this.ends[0]! : 0;
  }

  /** Queues `data` (text as UTF-8, bytes as they are); returns how many bytes that is. */
  push(data: string | Uint8Array): number {
    const worst = typeof data === 'string' ? data.length * 3 : data.length; // UTF-8 bytes per UTF-16 unit, at most
    if (this.used + worst > this.fill.length) this.fill = this.grown(this.fill, this.used + worst);
    const start = this.used;
    if (typeof data === 'string') this.used += this.fill.write(data, this.used);
    else {
      this.fill.set(data, this.used);
      this.used += data.length;
    }
    this.ends.push(this.used);
    return this.used - start;
  }

  /** Removes whole pieces up to `limit` bytes (at least one) and returns them, valid until the next take. */
  take(limit: number): Buffer {
    let last = 0;
    while (last + 1 < this.ends.length && this.ends[last + 1]! <= limit) last++;
    const cut = this.ends[last]!;
    const taken = this.fill.subarray(0, cut);
    const rest = this.used - cut;
    if (this.spare.length < rest) this.spare = this.grown(this.spare, rest);
    this.fill.copy(this.spare, 0, cut, this.used);
    this.ends = this.ends.slice(last + 1).map((end) => end - cut);
    [this.fill, this.spare] = [this.spare, this.fill];
    this.used = rest;
    return taken;
  }

  /** When empty, gives back what a flood made the buffers grow to. */
  shrink(): void {
    if (this.used > 0) return;
    if (this.fill.length > INITIAL_BYTES) this.fill = Buffer.allocUnsafe(INITIAL_BYTES);
    if (this.spare.length > INITIAL_BYTES) this.spare = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  /** Puts bytes that could not be written back at the head, as one piece. */
  unshift(bytes: Buffer): void {
    if (this.used + bytes.length > this.fill.length) this.fill = this.grown(this.fill, this.used + bytes.length);
    this.fill.copy(this.fill, bytes.length, 0, this.used);
    bytes.copy(this.fill, 0);
    this.ends = [bytes.length, ...this.ends.map((end) => end + bytes.length)];
    this.used += bytes.length;
  }

  /** A bigger buffer holding the first `used` bytes of `buffer` (what matters of `fill`; nothing of `spare`). */
  private grown(buffer: Buffer, needed: number): Buffer {
    const bigger = Buffer.allocUnsafe(Math.max(needed, Math.min(buffer.length * 2, needed + GROWTH_STEP)));
    if (buffer === this.fill) buffer.copy(bigger, 0, 0, this.used);
    return bigger;
  }
}
