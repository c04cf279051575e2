// The per-recording hash chain, free of I/O. Several readers append to one
// session file with no central writer, so each recording keeps its own chain:
// every line its reader writes, as written (the formatter's bytes, whatever the
// format), goes into a running hash, and every SEAL_EVERY lines, SEAL_MS after
// a segment's first line (an idle pane), and at the end a `seal` event closes
// the segment:
//
//   * seal rec=<id> n=<lines in the segment> p=<previous seal's h> h=<hash> s=<start ms> v=3 [chain=hmac] [end=stop|1] [e=<tag>]
//
// `v=` (CHAIN_VERSION), on every seal and on the recording's start, says which
// rules the chain follows: since v=2 a reader seals each `lost` event at once;
// since v=3 every seal says `s=` (a v=2 reader's seals may lack it: the
// release before this one wrote none). verify holds the recording to what its
// mark says (chain/verify.ts, chain/older-chain.ts). Under a key, since v=3,
// each seal ends with `e=`, its own line bound under the key (chain/seal-tag.ts). Logs of older readers
// have no `v=` and are checked the way they were written. The start is covered by the
// first seal and each seal's line by the next one, so the mark cannot be taken
// out unseen (under a key, not at all; see chain/older-chain.ts).
//
// The last seal goes just before the recording's stop event and covers it
// (`end=stop`: the segment's last line is the next line of the recording), so
// a recording still ends with its stop; `end=1` (no stop was written) covers
// what came before it only.
// h = SHA-256 (or HMAC-SHA-256 under a key: `chain=hmac` on the seals and on
// the start, which the first segment covers) over `p` (the first LINK_HEX
// digits of the previous h), a newline, then the
// segment's lines in the order they were written; p of the first seal is
// GENESIS. Each seal is checkable on its own (p is written out) and links to
// the one before (p equals its h), so `verify` can name where a break is, and
// resynchronise after a legitimate gap (a `lost` file: see sinks/file/sink.ts).
// A seal's line is the first line of the next segment (so its stamp and place
// are covered too); the last seal's is checked against the stop it covers.
// The writer hashes its batches in pieces (sinks/file/sink.ts), not line by
// line: the cost is the hash itself.

import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { sealTag } from './seal-tag.ts';

/** The `p` of a recording's first seal. */
export const GENESIS = '0';
/** Lines per segment at most: what a break is located to, and what a truncated tail may lose unsealed. */
export const SEAL_EVERY = 1000;
/** A segment with lines is sealed once its last line is this old (by the records' own time). */
export const SEAL_MS = 60_000;
/** Hex digits of h written: 128 bits. */
export const SEAL_HEX = 32;
/** Hex digits of the previous h written as p: enough to link, short enough to keep the line readable. */
export const LINK_HEX = 16;

export interface SealFields {
  n: number;
  p: string;
  h: string;
  /**
   * The recording's start's time (epoch ms): a recording whose start is in no file read is taken as one
   * whose start was pruned only if that is before the oldest file read began (chain/verify.ts), not
   * when its start was cut out of a later file. Covered like the seal's other fields.
   */
  s?: number;
  /** CHAIN_VERSION: the rules the recording's chain follows. */
  v: number;
  /** Under a key (HMAC): said on every seal, so that verify knows which chain to check even without the start. */
  chain?: 'hmac';
  /** The recording's last seal: `stop` when it covers the stop event that follows it, `1` when nothing follows. */
  end?: 'stop' | 1;
  /** What a reader writes again after a `lost` event goes on after this seal (sinks/file/sink.ts: rewriteSealed). */
  more?: 1;
  /**
   * The seal's own instant (epoch ms), written when its line's stamp format holds no full date and UTC
   * offset (chain/epoch-stamps.ts): verify's time checks then read the log's times from the seals. Covered
   * like the other fields; before `e=`.
   */
  t?: number;
  /** Under a key, since v=3: the seal's own line bound under it (chain/seal-tag.ts); the last field. */
  e?: string;
}

/** A segment's hash, from `p` and its lines as written: the one definition the writer and `verify` share. */
export class SegmentHash {
  private hash: Hash | Hmac;
  constructor(p: string, key?: Buffer) {
    this.hash = key ? createHmac('sha256', key) : createHash('sha256');
    this.hash.update(`${p}\n`);
  }
  /** Lines as written: a string is hashed as its UTF-8 bytes, the same as those bytes given. */
  add(line: string | Uint8Array): void {
    this.hash.update(line);
  }
  digest(): string {
    return this.hash.digest('hex').slice(0, SEAL_HEX);
  }
}

/**
 * The chain's version, `v=` on a recording's start and on each of its seals: 2 since a `lost` event is
 * sealed at once by its reader, 3 since every seal says its recording's start time (`s=`). Absent: an
 * older tmux-audit wrote it (chain/older-chain.ts).
 */
export const CHAIN_VERSION = 3;

/** The first chain version whose every seal says `s=`: one of such a recording without it had it taken out. */
export const STAMPED_SEALS_VERSION = 3;

/** The first chain version whose every keyed seal binds its own line under the key (`e=`, chain/seal-tag.ts). */
export const TAGGED_SEALS_VERSION = 3;

/** The `chain=` a keyed recording's start and seals carry (absent: plain SHA-256, as logs before keys were said). */
export const KEYED_CHAIN = 'hmac';

/** One recording's chain as its reader writes it. */
export class SealChain {
  private prev = GENESIS;
  private segment: SegmentHash;
  private lines = 0;

  /** `logName`: the live file's base name (chain/seal-tag.ts: sealLogName), bound into each seal's `e=` under a key. */
  constructor(
    private readonly key?: Buffer,
    private readonly logName = '',
  ) {
    this.segment = new SegmentHash(GENESIS, key);
  }

  /** Text as written (whole lines, ending in `\n`), in order: one call may take many lines. */
  update(text: string | Uint8Array): void {
    this.segment.add(text);
  }

  /** `lines` more lines in the segment (their text goes to `update`, now or later, before the seal). */
  count(lines: number): void {
    this.lines += lines;
  }

  /** Lines not yet sealed. */
  get pending(): number {
    return this.lines;
  }

  /** Whether the segment is full. */
  due(): boolean {
    return this.lines >= SEAL_EVERY;
  }

  /** The recording's start's time (epoch ms), said on each seal (`s=`) once known. */
  startedAt: number | undefined;

  /** The `e=` of the seal whose line without it is `line` (chain/seal-tag.ts); undefined without a key. */
  tag(line: string): string | undefined {
    return this.key ? sealTag(line, this.key, this.logName) : undefined;
  }

  /** Closes the segment; its fields go on a `seal` event. */
  seal(end: false | 'stop' | 'close' = false): SealFields {
    const h = this.segment.digest();
    const fields: SealFields = { n: this.lines, p: this.prev, h, ...(this.startedAt === undefined ? {} : { s: this.startedAt }), v: CHAIN_VERSION, ...(this.key ? { chain: 'hmac' as const } : {}) };
    if (end) fields.end = end === 'stop' ? 'stop' : 1;
    this.prev = h.slice(0, LINK_HEX);
    this.segment = new SegmentHash(this.prev, this.key);
    this.lines = 0;
    return fields;
  }

  /**
   * Drops the open segment: its lines are no longer where the chain says
   * (the file was removed and they are written again after a `lost` event).
   * The next seal links to the last one and covers only what follows.
   */
  restart(): void {
    this.segment = new SegmentHash(this.prev, this.key);
    this.lines = 0;
  }
}
