// The lines that left the screen's top on the fast path (hybrid.ts keepGone),
// kept as code units in one Buffer rather than as strings. A flood keeps
// every line for the ~500 lines it takes to leave this store again: as
// strings, each one outlived the young generation (a semi-space is about a
// megabyte), was promoted and died old, and the reader's peak private memory
// doubled (27 to 52 MB under a 200 MiB flood, BENCHMARKS.md). Here a line is
// copied into the Buffer and its string dies young; it is made again only
// when a taller pane pulls the lines back (engage), which is rare. The rows
// of a line that took them row by row (hybrid.ts aboveRows) go there too:
// kept as arrays of strings, they alone held the peak at 52 MB.
//
// UTF-16 code units, not UTF-8: a line cut at a length (keepGone, a long
// line's last screenful) can end in half a surrogate pair, and it must come
// back as it went in.

export class GoneLines {
  private bytes = Buffer.allocUnsafe(1 << 14);
  /** Bytes used in `bytes`. */
  private used = 0;
  /** Where each line starts in `bytes` (its text, then the text of each of its rows, if kept row by row). */
  private starts = new Int32Array(256);
  /** Code units of each line's text. */
  private lengths = new Int32Array(256);
  /** The rows each line took as a number (see hybrid.ts aboveRows), or -1 - k: its k rows follow its text. */
  private counts = new Int32Array(256);
  /** Where each line's rows start in `rowLengths`. */
  private rowsAt = new Int32Array(256);
  /** Code units of each row kept, line after line. */
  private rowLengths = new Int32Array(256);
  private rowsUsed = 0;
  /** The weight each line counts for (hybrid.ts goneWeight), summed in `weight`. */
  private weights = new Int32Array(256);
  length = 0;
  weight = 0;

  push(text: string, rows: number | string[], weight: number): void {
    const n = this.length;
    if (n === this.starts.length) {
      this.starts = grow(this.starts);
      this.lengths = grow(this.lengths);
      this.counts = grow(this.counts);
      this.rowsAt = grow(this.rowsAt);
      this.weights = grow(this.weights);
    }
    let size = text.length * 2;
    if (typeof rows !== 'number') {
      for (let k = 0; k < rows.length; k++) size += rows[k]!.length * 2;
      while (this.rowsUsed + rows.length > this.rowLengths.length) this.rowLengths = grow(this.rowLengths);
    }
    if (this.used + size > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + size));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.starts[n] = this.used;
    this.used += this.bytes.write(text, this.used, 'utf16le');
    this.lengths[n] = text.length;
    this.rowsAt[n] = this.rowsUsed;
    if (typeof rows === 'number') this.counts[n] = rows;
    else {
      this.counts[n] = -1 - rows.length;
      for (let k = 0; k < rows.length; k++) {
        this.used += this.bytes.write(rows[k]!, this.used, 'utf16le');
        this.rowLengths[this.rowsUsed++] = rows[k]!.length;
      }
    }
    this.weights[n] = weight;
    this.weight += weight;
    this.length = n + 1;
  }

  text(i: number): string {
    const start = this.starts[i]!;
    return this.bytes.toString('utf16le', start, start + 2 * this.lengths[i]!);
  }

  rows(i: number): number | string[] {
    const count = this.counts[i]!;
    if (count >= 0) return count;
    const rows: string[] = [];
    let at = this.starts[i]! + 2 * this.lengths[i]!;
    for (let k = this.rowsAt[i]!, end = k - 1 - count; k < end; k++) {
      const size = 2 * this.rowLengths[k]!;
      rows.push(this.bytes.toString('utf16le', at, at + size));
      at += size;
    }
    return rows;
  }

  lineWeight(i: number): number {
    return this.weights[i]!;
  }

  /** Drops the oldest `drop` lines. */
  dropOldest(drop: number): void {
    if (drop <= 0) return;
    if (drop >= this.length) return this.clear();
    const from = this.starts[drop]!;
    this.used -= from;
    // A burst of long lines grew the Buffer: it does not stay that size once they are gone.
    if (this.bytes.length > 1 << 20 && this.used < this.bytes.length >> 2) {
      const smaller = Buffer.allocUnsafe(Math.max(1 << 14, this.used * 2));
      this.bytes.copy(smaller, 0, from, from + this.used);
      this.bytes = smaller;
    } else this.bytes.copyWithin(0, from, from + this.used);
    const rowsFrom = this.rowsAt[drop]!;
    this.rowLengths.copyWithin(0, rowsFrom, this.rowsUsed);
    this.rowsUsed -= rowsFrom;
    for (let i = drop; i < this.length; i++) {
      this.starts[i - drop] = this.starts[i]! - from;
      this.rowsAt[i - drop] = this.rowsAt[i]! - rowsFrom;
    }
    this.lengths.copyWithin(0, drop, this.length);
    this.counts.copyWithin(0, drop, this.length);
    for (let i = 0; i < drop; i++) this.weight -= this.weights[i]!;
    this.weights.copyWithin(0, drop, this.length);
    this.length -= drop;
  }

  clear(): void {
    this.length = this.used = this.weight = this.rowsUsed = 0;
    // A flood of very long lines grew the arrays: they go back to their first size.
    if (this.bytes.length > 1 << 20) this.bytes = Buffer.allocUnsafe(1 << 14);
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
