// The file sink's batch as the UTF-8 bytes its lines are written as, a line's
// text put straight into them. A batch of strings (one joined string per 16 K
// characters) was flattened before its encoding: two-byte as soon as one line
// held a non-Latin-1 character, every ASCII line copied into it at two bytes a
// character, then encoded; that and its garbage were a tenth of the reader
// under a flood (BENCHMARKS.md, perf15d).

import { escapeText } from '../../format/text.ts';

const INITIAL_BYTES = 64 * 1024;
/** A batch grown past this (a backlog written again after a `lost` event) gives its memory back once handed over. */
const KEEP_BYTES = 1024 * 1024;
const EMPTY = Buffer.alloc(0);
/** A character other than printable ASCII and TAB. */
const NOT_PLAIN = /[^\t\x20-\x7e]/;

export class BatchBytes {
  private bytes: Buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  /** Bytes in the batch. */
  length = 0;
  /** UTF-16 units of the text they encode: what the file sink counts its batch in (BATCH_CHARS), as it did a batch of strings. */
  chars = 0;
  /** The last head appended and its bytes (a flood's lines share it for a millisecond). */
  private headText = '';
  private headBytes: Buffer = EMPTY;

  /** Appends `text` (whole lines) as UTF-8. */
  append(text: string): void {
    this.room(text.length * 3);
    this.length = this.written(this.length, text, 'utf8');
    this.chars += text.length;
  }

  /** Appends `bytes` (whole lines, UTF-8: a stretch of the log handed back by the writer, written again). */
  appendBytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    this.chars += utf16Units(bytes);
  }

  /**
   * Appends the line `head + escapeText(text) + '\n'` (format/text.ts TextFormat: `head` is the line's
   * start, already escaped). Text of printable ASCII and TAB only, which escapeText leaves as it is and
   * which is its own UTF-8, is copied as it is (one scan, one native copy); other text is escaped and encoded.
   */
  appendLine(head: string, text: string): void {
    if (head !== this.headText) {
      this.headText = head;
      this.headBytes = Buffer.from(head);
    }
    const headBytes = this.headBytes;
    const plain = !NOT_PLAIN.test(text);
    const escaped = plain ? text : escapeText(text);
    this.room(headBytes.length + escaped.length * 3 + 1);
    const bytes = this.bytes;
    bytes.set(headBytes, this.length);
    const at = this.length + headBytes.length;
    const end = this.written(at, escaped, plain ? 'latin1' : 'utf8');
    // A typed array ignores a write past its end.
    if (end >= bytes.length) throw new Error('file sink batch overflow');
    bytes[end] = 0x0a;
    this.length = end + 1;
    this.chars += head.length + escaped.length + 1;
  }

  /** Bytes `from` to `to` of the batch: a view, valid until the batch next changes. */
  view(from = 0, to = this.length): Buffer {
    return this.bytes.subarray(from, to);
  }

  clear(): void {
    this.length = 0;
    this.chars = 0;
    if (this.bytes.length > KEEP_BYTES) this.bytes = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  /**
   * Writes `text` at `at` and returns where it ends. Buffer.write stops silently at the buffer's end (a character
   * that does not fit whole is left out): a batch short of room would lose the end of a line and go on. Only a
   * write that ends within 3 bytes of the end (the longest character is 4) can have been cut short: only then is
   * the text's length in bytes counted.
   */
  private written(at: number, text: string, encoding: 'utf8' | 'latin1'): number {
    const end = at + this.bytes.write(text, at, encoding);
    if (this.bytes.length - end <= 3 && end - at !== (encoding === 'latin1' ? text.length : Buffer.byteLength(text))) throw new Error('file sink batch overflow');
    return end;
  }

  /** Makes room for `more` bytes. */
  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.length + more, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
}

/** UTF-16 units of the text UTF-8 `bytes` encode: one per character, two for one past U+FFFF (a 4-byte one). */
function utf16Units(bytes: Uint8Array): number {
  let units = 0;
  for (const byte of bytes) {
    if ((byte & 0xc0) !== 0x80) units++;
    if (byte >= 0xf0) units++;
  }
  return units;
}
