// The session log file: append-only writes of whole lines, rotation, pruning.
//
// Several panes of one session each run their own reader, and all of them append
// to the same file. Three properties make that safe without a central writer:
// - The file is opened O_APPEND and every write() carries only whole lines. On a
//   local file system the kernel serialises appends under the inode lock, so the
//   lines of two writers never interleave or split.
// - The writer compares the inode of its fd with the inode at the path before a
//   write that follows a pause, at least every 100 ms while writes follow each
//   other, after the last write of a burst, and before a write its own count
//   says would pass the rotation size (not before every write: under a flood
//   that was a statx pair per 10 KB). If another writer
//   rotated the file (its rotated-files ledger says so: moved-away.ts), it
//   reopens; a file removed or moved away is a `lost` event, and so is the file found smaller
//   than this writer left it (cut in place: nothing honest shrinks it). Until it notices, its lines land in the
//   just-rotated file: later than that file's other lines, but nothing is lost,
//   duplicated or split, and each pane's own lines stay in order across the files.
// - The bytes written since the last check are kept until a check finds the
//   file still at its path. If it was removed meanwhile (the log deleted while
//   logging), they are written again into the new file, after the `lost` event:
//   what the pane printed after the removal is not lost to the checking interval.
//   A write the disk cut short inside a line (a short write, then ENOSPC) keeps
//   that line's start too, whatever a look found: what is written again starts at
//   a line start, and a rotation waits until the line's end is written; if another writer appended after that
//   start meanwhile, the line is written again whole.
// - Rotation itself runs under a lock file (rotation.ts), and a writer that
//   finds it held waits (its lines queue) rather than overfill the file being
//   renamed.
//
// Writes are asynchronous and batched (the style of pino's sonic-boom): while one
// write is in flight, new lines queue, and the next write takes what has queued
// (up to the room left before rotation).
// The reader therefore keeps draining tmux whatever the disk does; `backlog`
// tells the reader how much is queued so that it can bound it.

import fs from 'node:fs';
import path from 'node:path';
import { needsRotation, nextLocalMidnight, rotationDue, type RotateWhen } from '../../core/rotate.ts';
import { ByteQueue } from './queue.ts';
import { whyAway } from './moved-away.ts';
import { fileIdentity } from './rotated-ledger.ts';
import { writeHeadMark, type HeadMarkLine } from './head-mark.ts';
import { digestInBackground, notedDigest, noteForMark, openForDigest } from './file-digest.ts';
import type { FileContent } from '../../chain/head-mark.ts';
import { lastOffsetOf } from './seal-offset.ts';
import type { RotatedDigest } from './ledger-names.ts';
import { noteDigestUnderLock, rotateUnderLock, withRotationLock } from './rotation.ts';
import { openAppend, sameFile, type DirPolicy } from './safe-fs.ts';
import { AuditError } from '../../core/errors.ts';

/**
 * What a `lost` event says went: the file (removed), its directory, the file moved away from the log's path
 * (moved-away.ts), or the file's bytes (`cut`: the file at the path, the one this writer holds, is smaller than
 * it was; see prepare).
 */
export type LostWhat = 'file' | 'directory' | 'moved' | 'cut';

/** For a `cut`: the bytes the file held at least (as this writer last saw it, plus what it wrote since) and the bytes it holds now. */
export interface CutSizes {
  held: number;
  left: number;
}

export interface LogFileOptions {
  maxBytes: number;
  maxFiles: number;
  /** A write failed; the writer keeps the data and retries. Called once per failure streak. */
  onError: (error: NodeJS.ErrnoException) => void;
  /** Writing works again after `onError`. */
  onRecover: () => void;
  /** Rotation failed (once per streak); writing goes on in the current file rather than lose lines. */
  onRotateError: (error: NodeJS.ErrnoException) => void;
  /** Pruning deleted a rotated file for the first time in this writer's life (`maxFiles` reached): history is being let go. */
  onFirstPrune?: (file: string) => void;
  /**
   * The log (or its directory) was removed while logging and has just been
   * created again. What is written meanwhile (through `write`) goes first into
   * the new file, before the lines that were waiting: `queued`, what went into
   * the removed file since the last look at it and what waits, in order. Returns
   * true when what it wrote holds `queued` already (the file sink writes it again
   * itself, so that its chain covers it: sinks/file/sink.ts); else the writer
   * writes `queued` after it. `queued` is the bytes as they were handed (a copy, the caller's to keep): `from`,
   * where they began among the bytes handed to `write` before (`pushed`, which starts again at 0 for what onLost
   * writes), and the file sink's offsets into them are byte counts alike.
   */
  onLost?: (what: LostWhat, queued: Buffer, cut: CutSizes | undefined, from: number) => boolean | void;
  /** Under a chain key: the head mark a rotation puts in the new file (head-mark.ts, chain/head-mark.ts). */
  headMark?: HeadMarkLine;
  /** The file was just found where it should be: what was written before is safe, what comes after may be written again after a `lost` event. */
  onChecked?: () => void;
  /**
   * The file written so far is a rotated file now (this writer rotated it, or found another writer had):
   * the first `written` bytes handed to `write` are in it, or in files before it, and stay when the live
   * log is removed (what a `lost` event then names: sinks/file/sink.ts).
   */
  onMoved?: (written: number) => void;
  /**
   * The writer opened the file it writes into now (at its start, after a rotation, or a removal): its identity
   * (rotated-ledger.ts), for the ledger to keep that file's entry while this writer may still ask about it (noted-files.ts).
   */
  onOpened?: (identity: string) => void;
  /** How the log's directory is taken (default `private`: the log directory; see safe-fs.ts). */
  directory?: DirPolicy;
  /** When a new file starts: at the size limit, at local midnight, or both (default `size`). */
  rotate?: RotateWhen;
  /** Rotated files older than this are deleted at a rotation (default Infinity: none). */
  maxAgeMs?: number;
  /** Gzip rotated files in the background (default no). */
  compress?: boolean;
  /** A rotated-looking file that is not ours, which the age limit would have deleted: left alone. */
  onPlanted?: (file: string) => void;
  /** A background compression failed (the plain file stays). */
  onCompressError?: (file: string, error: NodeJS.ErrnoException) => void;
  /**
   * A torn line's written start (a write the disk cut short inside a line) is left in the file with another writer's
   * line after it, or ends a file another writer rotated: the line goes out again whole, first of what waits. `start`
   * is the start's bytes as written (a copy, the caller's to keep).
   */
  onTorn?: (start: Buffer) => void;
  /** The chain key, if any: the rotated-files ledger's entries are tagged under it, and only tagged ones count (rotated-ledger.ts). */
  ledgerKey?: Buffer;
  /** A rotated file's background digest ended (file-digest.ts): what was noted, undefined when nothing was. */
  onDigest?: (content?: FileContent) => void;
  /** How long the file's growth alone counts as close()'s progress (CLOSE_GROWTH_GRACE_MS unless said). */
  closeGrowthGraceMs?: number;
  /**
   * The digest of the file this writer rotated to `<log>.<rotated>` is taken (file-digest.ts), before the ledger notes
   * it: for the recording to put it in its chain (a `digest` event, chain/digest-event.ts), where removing it is a break.
   */
  onRotatedDigest?: (rotated: string, digest: RotatedDigest) => void;
}

/**
 * New lines wait this long for company before a write starts (unless a
 * write's worth is queued): under a flood tmux hands over ~4 KB at a time, and
 * one write per read would cost a syscall round trip each, CPU that the tmux
 * server on the same cores then lacks.
 */
const GATHER_MS = 5;
const GATHER_BYTES = 64 * 1024;
/** The file's inode and size are looked at after at most this long, or this many bytes written, while writes follow each other. */
const CHECK_MS = 100;
const CHECK_BYTES = 256 * 1024;
/**
 * ...and after at most this share of the room that was left under the size
 * limit: other panes' writers append to the same file unseen, so each writer
 * looks more often as the limit nears, and the file passes it by little more
 * than before (a write in flight of each other writer).
 */
const CHECK_ROOM_SHARE = 1 / 8;
/**
 * Bytes kept for writing again until the next check. A take from the queue that
 * would pass this (a backlog after a slow disk, taken at once as before, though
 * written WRITE_BYTES a write(2)) is preceded and followed by a check instead of
 * being kept.
 */
const KEEP_BYTES = 2 * CHECK_BYTES;
/**
 * A write that starts this soon after the previous one ended continues a burst:
 * the check after it waits this long for the burst to go on. A lone write
 * (interactive output) is checked as soon as it is done.
 */
const BURST_GAP_MS = 10;
/** A queue idle this long gives back the memory a flood made it grow to. */
const SHRINK_AFTER_MS = 1000;
/** How long to wait before retrying a failed write (disk full, directory gone). */
const RETRY_MS = 1000;
/** How long to wait for another writer's rotation before writing: meanwhile lines wait in the queue. */
const ROTATION_WAIT_MS = 5;
/**
 * How long close() waits with no sign of progress: a hung disk must not keep a reader alive after its pipe closed. Not
 * for the whole drain: a slow disk that still takes bytes (a backlog of up to MAX_BACKLOG at a few MB/s) writes it all.
 * Progress is a write returning bytes, the file this writer holds grown, or another file held (a rotation starts a
 * smaller one: a size compared across it would read as none), each against the look before (every CLOSE_CHECK_MS). A
 * write's return alone lost (review of close13) a backlog handed to one write just before close() on a disk slower
 * than that write per 5 s, its file growing all along. Growth of the file is any writer's: another pane's write that
 * this one waits behind (write(2) holds the inode's lock: review of close13r, a budget of this writer's own bytes lost
 * a closing pane's stop behind a busy pane's large write), so it counts for CLOSE_GROWTH_GRACE_MS at most.
 */
const CLOSE_TIMEOUT_MS = 5000;
/** How often close() looks for progress: often enough that one look across a rotation costs little of the timeout. */
const CLOSE_CHECK_MS = 1000;
/**
 * How long after close() began, or a write last returned bytes, the file's growth alone counts as progress: a write
 * stuck before it reaches the kernel (a starved thread pool) is not waited on for as long as other panes append.
 */
const CLOSE_GROWTH_GRACE_MS = 60_000;
/**
 * Bytes given to one write(2) at most, ending a line (a whole piece taken goes in several, as after a short write; a
 * line longer than this in one: never cut inside a line, where another pane's line could land). Each return shows
 * close() progress: on a file system that shows a write's bytes only when it returns, one write of a whole backlog (up
 * to MAX_BACKLOG) slower than CLOSE_TIMEOUT_MS lost it all (review of close13r), and a write of it longer than
 * CLOSE_GROWTH_GRACE_MS, its own or one another pane's close waits behind, lost the stop (review of c76fdd4). Cut in
 * writeFrom, not by `take`: a cut take moved the rest of the queue (3.1 ms per MiB from a 15 MiB queue), and pieces
 * put back whole (a failed write's rest, a `lost` event's rewrite) were not cut at all. A flood's writes are ~68 KB
 * (median; BENCHMARKS.md, stop 34): the cut bites a few times per 40 MB, and on a backlog.
 */
const WRITE_BYTES = 256 * 1024;
/**
 * A write that returns 0 bytes and no error (the disk took nothing: no local file system does, but nothing forbids it)
 * is tried again after this long: at once, it spun a core, asking again and again, until something changed.
 */
const EMPTY_WRITE_RETRY_MS = 50;
/**
 * How long close() waits, after the last write, for rotated files' digests being hashed or noted and for their
 * compressions: a reader exits right after (pipe.ts), which lost the digest of the file its stop rotated (review of
 * first13); a lock held longer or a slow disk must not keep it alive much longer. The file is then checked by its size
 * alone, and a compression still running is abandoned (its temp removed: the next rotation compresses the file).
 */
const DIGEST_CLOSE_WAIT_MS = 2000;

export class LogFile {
  private fd: number;
  /** Encoded at once: compact bytes off the JS heap, and exact sizes for rotation. */
  private readonly queue = new ByteQueue();
  private writing = false;
  private failing = false;
  private rotateFailing = false;
  private prunedOnce = false;
  private drainTimer: NodeJS.Timeout | undefined;
  private shrinkTimer: NodeJS.Timeout | undefined;
  private idle: (() => void)[] = [];
  private closed = false;
  /** Rotated files' digests not yet noted (hashed, or waiting for the rotation lock): close() waits a while for them. */
  private readonly digesting = new Set<Promise<void>>();
  /** Of those, the ones still being hashed (onRotatedDigest not yet called). */
  private readonly hashing = new Set<Promise<void>>();
  /** Compressions started by this writer's rotations, not yet ended: each one's abandonment (compress.ts). */
  private readonly compressing = new Map<string, { abandon: () => void; ended: () => void; pending: Promise<void> }>();
  /** The directory the file was opened in (another reader may have made a new one by the time we notice a loss). */
  private dirStat: fs.Stats | undefined;
  /** While onLost runs: what it writes, to go first into the new file. */
  private lostText: Buffer[] | undefined;
  /** The file's size as of the last check, plus what this writer has written since. */
  private size: number;
  /** The file this writer holds (device, inode) and the largest size a look at it (fstat) found: a smaller one later is a cut. */
  private heldDev = -1;
  private heldIno = -1;
  private largest = 0;
  private checkedAt: number;
  /** The next local midnight after the last look: a write past it looks again (daily rotation). */
  private dayEnds = Number.POSITIVE_INFINITY;
  /** Bytes this writer may write before it looks at the file again (see CHECK_ROOM_SHARE). */
  private checkEvery = CHECK_BYTES;
  /** Bytes written since the last check, in order: written again if the file turns out removed. */
  private unverified: Buffer = Buffer.alloc(0);
  private unverifiedLength = 0;
  /** Whether `unverified` holds all of them (false after a write too large to keep). */
  private keptAll = true;
  /**
   * The written part of a line whose end is not written yet, empty otherwise: a write the disk cut short inside a
   * line (a short write, then ENOSPC: a full tmpfs does that) leaves the line's start in the file and its end at the
   * head of the queue. What is written again after a `lost` event must start at a line start (the file sink seals it
   * as lines, and verify reads a bare tail as no log line, or a tail starting inside a character as another text), so
   * a look keeps this at the head of `unverified` (the first `unverifiedLooked` bytes of it) until the line's end is
   * written, and a rotation waits for that end.
   */
  private torn: Buffer = Buffer.alloc(0);
  private unverifiedLooked = 0;
  private verifyTimer: NodeJS.Timeout | undefined;
  /** Bytes handed to `write` and bytes written, since the last `lost` event (what onMoved says is kept). */
  private pushedTotal = 0;
  private writtenTotal = 0;
  /** When the last write ended, and whether the one in flight continues a burst. */
  private lastWriteEnd = Number.NEGATIVE_INFINITY;
  /** When a write last took bytes (a short one too): one of close()'s signs of progress. */
  private lastProgress = Number.NEGATIVE_INFINITY;
  private inBurst = false;

  constructor(
    readonly file: string,
    private readonly options: LogFileOptions,
  ) {
    this.fd = openAppend(file, options.directory);
    this.dirStat = fs.lstatSync(path.dirname(file));
    const opened = fs.fstatSync(this.fd);
    this.saw(opened);
    this.size = opened.size;
    this.checkedAt = performance.now();
    this.noteOpened();
  }

  /** The identity of the file written now (rotated-ledger.ts): where a seal just flushed is (chain/seal-file-gone.ts). */
  fileIdentity(): string | undefined {
    try {
      return fileIdentity(fs.fstatSync(this.fd));
    } catch {
      return undefined;
    }
  }

  /**
   * The file written now (its identity) and where `line`, just flushed, is in it (seal-offset.ts): read through
   * the log's path, when the file there is this one (the writer's own fd is open for appending only).
   */
  whereIs(line: string): { file: string; offset?: number } | undefined {
    let fd: number | undefined;
    try {
      const mine = fs.fstatSync(this.fd);
      const file = fileIdentity(mine);
      fd = fs.openSync(this.file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      const there = fs.fstatSync(fd);
      if (fileIdentity(there) !== file || !there.isFile()) return { file };
      const offset = lastOffsetOf(fd, there.size, line);
      return offset === undefined ? { file } : { file, offset };
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** Bytes handed to `write` so far (since the last `lost` event): where the next text handed starts. */
  get pushed(): number {
    return this.pushedTotal;
  }

  /** Of those, the bytes written. */
  get writtenBytes(): number {
    return this.writtenTotal;
  }

  /** Bytes of the write under way not yet written. */
  private inFlight = 0;

  /** Bytes queued and not yet written: what the reader bounds. */
  get backlog(): number {
    return this.queue.length + this.inFlight;
  }

  /** Queues `data`: whole lines, as text or as their UTF-8 bytes (copied at once: the caller may reuse them). */
  write(data: string | Uint8Array): void {
    if (this.lostText) {
      const bytes = Buffer.from(data);
      this.lostText.push(bytes);
      this.pushedTotal += bytes.length;
      return;
    }
    this.pushedTotal += this.queue.push(data);
    if (this.writing) return;
    if (this.queue.length >= GATHER_BYTES && !this.failing) {
      if (this.drainTimer) clearTimeout(this.drainTimer);
      this.drainTimer = undefined;
      this.drain();
    } else if (!this.drainTimer) this.drainLater(GATHER_MS);
  }

  private drainLater(ms: number): void {
    if (this.closed) return;
    this.drainTimer = setTimeout(() => {
      this.drainTimer = undefined;
      if (!this.writing) this.drain();
    }, ms);
  }

  /**
   * Resolves once everything queued so far is on disk, in the file at the log's
   * path (checked: a removed file's bytes are written again), or the writer gave
   * up on a failure.
   */
  flush(): Promise<void> {
    if (!this.writing && this.queue.length === 0 && this.unlooked === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.idle.push(resolve));
    if (!this.writing && this.queue.length === 0) this.verify();
    return done;
  }

  /**
   * Writes what is queued synchronously, for the last moments of a process.
   * Only while no write is in flight (close() waits for it): the queue's
   * double buffer must not be taken from twice.
   */
  flushSync(): void {
    if (this.writing) return;
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    if (this.queue.length === 0 && this.unlooked === 0) return;
    try {
      // Before taking: prepare may put a `lost` event and what went into a removed file at the head of the queue.
      this.prepare(this.queue.length, true);
      if (this.queue.length === 0) return;
      const data = this.queue.take(Number.POSITIVE_INFINITY);
      for (let offset = 0; offset < data.length; ) {
        const written = fs.writeSync(this.fd, data, offset, pieceLength(data, offset));
        // A disk that takes nothing: asked again, it spun here with the event loop held (no timer could end it).
        if (written === 0) throw Object.assign(new Error('the disk took no bytes'), { code: 'EIO' });
        offset += written;
      }
      this.size += data.length;
    } catch (error) {
      this.options.onError(error as NodeJS.ErrnoException);
    }
  }

  /**
   * Writes what waits and closes; gives up after CLOSE_TIMEOUT_MS with no progress (a write returning bytes, the file
   * growing or replaced: a write that never returns, the file unchanged: what waits is then lost). A drain that goes
   * on, however long, is waited for: a fixed limit on the whole drain lost a backlog's last lines, seal and stop without
   * a word on a disk slower than the backlog in 5 s.
   */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      let looked = performance.now();
      let seen = this.heldLook();
      let movedAt = looked;
      const began = looked;
      const check = (): void => {
        const now = performance.now();
        const look = this.heldLook();
        const returned = Math.max(this.lastProgress, began);
        const grew = look !== undefined && seen !== undefined && (look.id !== seen.id || (look.size > seen.size && now - returned < (this.options.closeGrowthGraceMs ?? CLOSE_GROWTH_GRACE_MS)));
        if (this.lastProgress > looked || grew) movedAt = now;
        looked = now;
        // A failed look is no progress, and no ground to compare the next one with.
        seen = look;
        const still = now - movedAt;
        if (still >= CLOSE_TIMEOUT_MS) resolve(true);
        else timer = setTimeout(check, Math.min(CLOSE_CHECK_MS, CLOSE_TIMEOUT_MS - still));
      };
      timer = setTimeout(check, CLOSE_CHECK_MS);
    });
    const settled = (async () => {
      if (!this.failing) await this.flush();
      // A retry may be in flight: its bytes go before what flushSync writes, and need the fd open.
      while (this.writing && !this.closed) await new Promise((resolve) => setTimeout(resolve, 10));
      return false;
    })();
    const gaveUp = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    this.closed = true;
    clearTimeout(this.drainTimer);
    clearTimeout(this.shrinkTimer);
    clearTimeout(this.verifyTimer);
    if (!gaveUp) {
      this.flushSync();
      try {
        fs.fsyncSync(this.fd);
      } catch {
        // fsync is a courtesy at exit: the data already reached the kernel.
      }
    }
    fs.closeSync(this.fd);
    await this.backgroundEnded();
  }

  /** The file this writer holds now (device:inode) and its size, undefined when the look fails: close()'s progress. */
  private heldLook(): { id: string; size: number } | undefined {
    try {
      const stat = fs.fstatSync(this.fd);
      return { id: `${stat.dev}:${stat.ino}`, size: stat.size };
    } catch {
      return undefined;
    }
  }

  /**
   * Waits for the digests of the files rotated so far to be taken (onRotatedDigest called; their ledger notes may
   * wait for the lock on), DIGEST_CLOSE_WAIT_MS at most: a recording about to stop puts them in its chain (pipe.ts)
   * before its last seal.
   */
  digestsTaken(): Promise<void> {
    return this.settledOrLate([...this.hashing]);
  }

  /**
   * Waits for the digests in hand to be noted and the compressions to end, DIGEST_CLOSE_WAIT_MS at most, then abandons
   * the compressions left: one waiting for the lock on an unref'd timer died with the process, its whole temp at the
   * name, and the file stayed plain until that temp was STALE_TEMP_MS old (compress.ts; review of race13v).
   */
  private async backgroundEnded(): Promise<void> {
    const compressions = [...this.compressing.values()].map((compression) => compression.pending);
    await this.settledOrLate([...this.digesting, ...compressions]);
    for (const compression of this.compressing.values()) compression.abandon();
    this.compressing.clear();
  }

  /** Waits for `pending` to settle, DIGEST_CLOSE_WAIT_MS at most: the timer holds the process meanwhile. */
  private async settledOrLate(pending: readonly Promise<void>[]): Promise<void> {
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending), new Promise<void>((resolve) => (timer = setTimeout(resolve, DIGEST_CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
  }

  private drain(): void {
    if (this.queue.length === 0) {
      this.writing = false;
      // Only once the flood is over: shrinking between writes would make the buffers grow again and again.
      clearTimeout(this.shrinkTimer);
      this.shrinkTimer = setTimeout(() => {
        if (!this.writing) this.shrink();
      }, SHRINK_AFTER_MS).unref();
      if (this.unlooked > 0) {
        // The end of a burst, or of a lone write: look at the file now, or once the burst has surely ended.
        if (this.idle.length > 0 || !this.inBurst) return this.verify();
        clearTimeout(this.verifyTimer);
        this.verifyTimer = setTimeout(() => {
          if (!this.writing && this.queue.length === 0) this.verify();
        }, BURST_GAP_MS);
        return;
      }
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = true;
    clearTimeout(this.verifyTimer);
    // A write after a pause (interactive output) looks at the file first, as every write once did:
    // it costs nothing at that rate, and a lone line never lands in a file rotated meanwhile.
    this.inBurst = performance.now() - this.lastWriteEnd < BURST_GAP_MS;
    let room: number | undefined;
    try {
      // Looks first if what this write may take would carry the unchecked bytes past checkEvery.
      room = this.prepare(this.queue.firstPiece, !this.inBurst, this.queue.length);
    } catch (error) {
      this.writing = false;
      this.retryLater(error as NodeJS.ErrnoException);
      return;
    }
    if (room === undefined) {
      // Another writer is rotating this file: writing now would overfill the file it renames.
      this.writing = false;
      this.drainLater(ROTATION_WAIT_MS);
      return;
    }
    this.writeFrom(this.queue.take(room), 0);
  }

  /** Checks the file now (after the last write of a burst); writes again what went into a removed one. */
  private verify(): void {
    if (this.writing || this.closed) return;
    try {
      if (this.prepare(0, true) === undefined) {
        // Another writer is rotating the file: look again once it is done (drain would come straight back here).
        clearTimeout(this.verifyTimer);
        this.verifyTimer = setTimeout(() => this.verify(), ROTATION_WAIT_MS);
        return;
      }
    } catch (error) {
      this.retryLater(error as NodeJS.ErrnoException);
      return;
    }
    this.drain();
  }

  /** Bytes that reached the file: counted for rotation, and kept until the next check. */
  private written(data: Buffer, from: number, to: number): void {
    const length = to - from;
    this.size += length;
    this.writtenTotal += length;
    // Writes are of whole lines: only one the disk cut short ends inside a line.
    if (length > 0 && data[to - 1] !== 0x0a) this.torn = this.tornAfter(data, from, to);
    else if (this.torn.length > 0 && length > 0) this.torn = Buffer.alloc(0);
    if (!this.keptAll || this.unverifiedLength + length > KEEP_BYTES) {
      // Too large to keep: it was checked right before (prepare's `upcoming`), and the next write checks first.
      this.keptAll = false;
      this.unverifiedLength += length;
      return;
    }
    this.keep(data, from, to);
  }

  /** Bytes written since the last look (what a look has not kept as `torn`). */
  private get unlooked(): number {
    return this.unverifiedLength - this.unverifiedLooked;
  }

  /** `torn` once bytes [from, to) of `data`, which end inside a line, are written. */
  private tornAfter(data: Buffer, from: number, to: number): Buffer {
    const newline = data.lastIndexOf(0x0a, to - 1);
    // A copy: `data` is the queue's until its next take.
    return newline >= from ? Buffer.from(data.subarray(newline + 1, to)) : Buffer.concat([this.torn, data.subarray(from, to)]);
  }

  /** Appends bytes [from, to) of `data` to `unverified`. */
  private keep(data: Buffer, from: number, to: number): void {
    const length = to - from;
    if (this.unverifiedLength + length > this.unverified.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.unverifiedLength + length, this.unverified.length * 2, 64 * 1024));
      this.unverified.copy(bigger, 0, 0, this.unverifiedLength);
      this.unverified = bigger;
    }
    data.copy(this.unverified, this.unverifiedLength, from, to);
    this.unverifiedLength += length;
  }

  private shrink(): void {
    this.queue.shrink();
    if (this.unverifiedLength === 0) this.unverified = Buffer.alloc(0);
  }

  private writeFrom(data: Buffer, offset: number): void {
    // Taken from the queue but not yet on disk: still the reader's backlog (a slow disk takes a large
    // write in short pieces; unseen, it would let the queue behind it grow without bound).
    this.inFlight = data.length - offset;
    // In pieces of whole lines; what is left goes on as after a short write.
    const length = pieceLength(data, offset);
    // Looked up at each write (not kept): a test wraps node's write for its own duration (test/support/fs-writes.ts).
    fs.write(this.fd, data, offset, length, null, (error, written) => {
      if (this.closed) return; // close() gave up on this write
      this.inFlight = 0;
      if (error) {
        this.fail(error, data.subarray(offset));
        return;
      }
      if (this.failing) {
        this.failing = false;
        this.options.onRecover();
      }
      if (written > 0) this.lastProgress = performance.now();
      this.written(data, offset, offset + written);
      // A short write (rare on regular files) continues where it stopped; one that took nothing, a little later.
      if (written === 0 && offset < data.length) {
        this.inFlight = data.length - offset;
        setTimeout(() => {
          if (!this.closed) this.writeFrom(data, offset);
        }, EMPTY_WRITE_RETRY_MS);
      } else if (offset + written < data.length) this.writeFrom(data, offset + written);
      else {
        this.lastWriteEnd = performance.now();
        this.drain();
      }
    });
  }

  /** Keeps the unwritten bytes at the head of the queue and retries later: nothing is dropped here. */
  private fail(error: NodeJS.ErrnoException, rest: Buffer): void {
    this.queue.unshift(rest);
    this.writing = false;
    this.retryLater(error);
  }

  private retryLater(error: NodeJS.ErrnoException): void {
    if (!this.failing) {
      this.failing = true;
      this.options.onError(error);
    }
    for (const resolve of this.idle.splice(0)) resolve();
    this.drainLater(RETRY_MS);
  }

  /**
   * Makes sure the next write goes to the right file: follows another writer's
   * rotation, or rotates before `incoming` bytes would pass the limit. Returns
   * the room left under the limit, or undefined while another writer holds the
   * rotation lock. Looks at the file only when `force`d, when the last look is
   * CHECK_MS old, when the bytes written since it plus the `upcoming` ones (what
   * the next write may take) pass checkEvery, or when the writer's own count says
   * the limit is near; otherwise the count answers.
   */
  private prepare(incoming: number, force = false, upcoming = incoming): number | undefined {
    const rotate = this.options.rotate ?? 'size';
    const now = Date.now();
    const due = force || this.unlooked + upcoming > this.checkEvery || performance.now() - this.checkedAt >= CHECK_MS || now >= this.dayEnds;
    if (!due && !(rotate !== 'daily' && needsRotation(this.size, incoming, this.options.maxBytes))) return this.room();
    let mine = fs.fstatSync(this.fd);
    // lstat: a symlink put at the path is another file, not the one it points to.
    const current = fs.lstatSync(this.file, { throwIfNoEntry: false });
    if (!sameFile(mine, current)) {
      // Rotated by another writer: continue in the file at the path, if it is ours (openAppend refuses
      // anyone else's). Removed or moved under us: start a new one, and say so first thing in it.
      // Rotated only if the rotated-files ledger says so (moved-away.ts): a moved file keeps a name as a
      // rotated one does, and a rotated one may have none left (compressed or pruned since: an idle pane's
      // reader holds the live file across rotations). Undefined: another writer is rotating (the path may
      // be empty for a moment meanwhile, which is no loss); its entry is written before it lets go.
      // Only here, where the path changed: the writer's usual look is the fstat and lstat above.
      const away = whyAway(this.file, mine, this.dirStat!, this.options.ledgerKey);
      if (away === undefined || !this.reopenUnderLock()) return undefined;
      const lost = away === 'rotated' ? undefined : away;
      // What went into it since the last check may have gone after the removal: written again, after the event.
      if (lost) this.unverifiedBack();
      else if (this.torn.length > 0) {
        // Rotated by another writer with a torn line of this one at its end: the line is written whole into the new
        // file (its start stays in the rotated one), not as a bare tail; handed again, so not written (onMoved).
        this.rewriteTornWhole();
      }
      this.unverifiedLength = 0;
      this.unverifiedLooked = 0;
      this.keptAll = true;
      this.noteOpened();
      mine = fs.fstatSync(this.fd);
      if (lost) this.noteLost(lost);
      else this.options.onMoved?.(this.writtenTotal);
    } else if (mine.dev === this.heldDev && mine.ino === this.heldIno && mine.size < Math.max(this.largest, this.size) && this.options.onLost) {
      // The file is still this writer's and yet smaller than it saw it. Nothing honest shrinks it: every writer
      // appends (O_APPEND, whole lines), rotation renames, compression writes a new .gz; only a cut (`: > log`,
      // truncate) does. What is gone is unknown, and the chain's next seal would hide it (verify reads the
      // file left): said in the file, in a sealed `lost` event, as a removal is; what went in since the last
      // look may have gone with the cut, and is written again after it. (A writer with no one to tell, a cast, writes on.)
      // Against the largest size a look saw and this writer's count since its last look (that size and what it wrote
      // since: others' appends only add to it), for the file both belong to: a cut during output is seen however far
      // the pane's lines have grown the file back since.
      const cut = { held: Math.max(this.largest, this.size), left: mine.size };
      this.largest = mine.size;
      this.unverifiedBack();
      this.noteLost('cut', cut, this.endsMidLine(mine));
    } else if (this.torn.length > 0 && mine.size > this.size && this.endsWithTorn(mine) === false) {
      // Another writer (a pane of the same session) appended after this one's torn start: the disk had room for it
      // first. Its line follows that start on the same physical line, which no write can undo now; the end alone
      // would then be a bare tail after it, so the line is written again whole, as after a follow. Read only when
      // the file grew past this writer's count (others' appends; its own torn write left the file at that count).
      this.rewriteTornWhole();
    }
    this.saw(mine);
    // The count starts again from this look, whatever return comes next (a rotation another writer holds the lock of, a
    // failing one): a count left from the file before a follow made the next look of this one a cut.
    this.size = mine.size;
    // Whatever was written since the last check is where it belongs (this file, or one another writer rotated),
    // but for a torn line's start (see `torn`).
    this.keepTorn();
    this.checkedAt = performance.now();
    this.dayEnds = rotate === 'size' ? Number.POSITIVE_INFINITY : nextLocalMidnight(now);
    this.options.onChecked?.();
    let size = mine.size;
    // Only before a write: a check after one (incoming 0) must not leave its last lines in a rotated file and the live one empty.
    // Nor while a torn line's end waits: it goes first into the file that holds its start (a rotated file ending
    // inside a line reads as truncated, and the new one would start with a bare tail). It is the queue's first piece
    // (fail put it back as one), which the write takes whatever the room.
    if (incoming > 0 && this.torn.length === 0 && rotationDue(rotate, size, incoming, this.options.maxBytes, mine.mtimeMs, now)) {
      let rotated = false;
      // The file about to be renamed, opened for reading (the writer's own fd appends only), for its digest to be taken
      // after the rotation, in the background (file-digest.ts): for the ledger, and under a key for the next head mark
      // (by its own mark's at, once known); the size and name it has when renamed, once known.
      const key = this.options.headMark ? this.options.ledgerKey : undefined;
      const reading = openForDigest(this.file, this.fd);
      let renamed: { rotated: string; size: number } | undefined;
      let dat = 0;
      let reopened = false;
      try {
        rotated = rotateUnderLock(this.file, this.fd, this.options.maxFiles, () => {
          const old = fs.fstatSync(this.fd);
          this.options.onMoved?.(this.writtenTotal);
          this.reopen();
          reopened = true;
          if (this.options.headMark) dat = writeHeadMark(this.file, old, this.fd, this.options.headMark, key === undefined ? undefined : notedDigest(this.file, key));
        }, (file) => this.pruned(file), {
          maxAgeMs: this.options.maxAgeMs ?? Number.POSITIVE_INFINITY,
          compress: this.options.compress ?? false,
          now,
          ledgerKey: this.options.ledgerKey,
          renamed: (rotated, size) => {
            renamed = { rotated, size };
          },
          planted: this.options.onPlanted,
          compressing: (file, abandon) => {
            let ended!: () => void;
            const pending = new Promise<void>((resolve) => (ended = resolve));
            this.compressing.set(file, { abandon, ended, pending });
          },
          compressed: (file, error) => {
            this.compressing.get(file)?.ended();
            this.compressing.delete(file);
            if (error) this.options.onCompressError?.(file, error);
          },
        });
        this.rotateFailing = false;
      } catch (error) {
        if (!this.rotateFailing) this.options.onRotateError(error as NodeJS.ErrnoException);
        this.rotateFailing = true;
        return Number.POSITIVE_INFINITY;
      } finally {
        // Out of the lock, however the rotation ended once the new file was open.
        if (reopened) this.noteOpened();
        if (reading !== undefined) {
          if (rotated && renamed !== undefined) this.digest(reading, renamed.rotated, renamed.size, dat, key);
          else fs.closeSync(reading);
        }
      }
      if (!rotated) return undefined;
      const opened = fs.fstatSync(this.fd);
      this.saw(opened);
      size = opened.size;
    }
    this.size = size;
    this.checkEvery = this.options.rotate === 'daily' ? CHECK_BYTES : Math.max(1, Math.min(CHECK_BYTES, Math.floor((this.options.maxBytes - size) * CHECK_ROOM_SHARE)));
    return this.room();
  }

  /**
   * Hashes the file this writer just renamed to `<log>.<rotated>` (open as `reading`, closed by it) as it held `size`
   * bytes then, in the background, and notes the digest in the ledger (tagged under the ledger's key) and, under a key
   * with head marks, for the next mark (`dat`: the file's own mark's at; verify finds the file a digest names by it).
   */
  private digest(reading: number, rotated: string, size: number, dat: number, key: Buffer | undefined): void {
    const file = this.file;
    const ledgerKey = this.options.ledgerKey;
    const onDigest = this.options.onDigest;
    const onRotatedDigest = this.options.onRotatedDigest;
    let noted!: () => void;
    const pending = new Promise<void>((resolve) => (noted = resolve));
    this.digesting.add(pending);
    void pending.then(() => this.digesting.delete(pending));
    let taken!: () => void;
    const hashed = new Promise<void>((resolve) => (taken = resolve));
    this.hashing.add(hashed);
    void hashed.then(() => this.hashing.delete(hashed));
    digestInBackground(reading, size, (sha) => {
      taken();
      if (sha === undefined) {
        noted();
        return onDigest?.();
      }
      // Chained first: the ledger's note may wait for the rotation lock (another writer rotating), the recording's
      // stop waits for this (digestsTaken), and a digest the chain holds needs no ledger line to be checked.
      onRotatedDigest?.(rotated, { size, sha });
      noteDigestUnderLock(file, rotated, { size, sha }, ledgerKey, () => noted());
      const content = { dat, size, sha };
      if (key !== undefined && dat > 0 && noteForMark(file, content, key)) onDigest?.(content);
      else onDigest?.();
    });
  }

  /** After a look: `unverified` holds only `torn` (checked, kept to be written again whole after a removal). */
  private keepTorn(): void {
    this.unverifiedLength = 0;
    this.keptAll = true;
    this.keep(this.torn, 0, this.torn.length);
    this.unverifiedLooked = this.torn.length;
  }

  /**
   * The file is gone or cut: what went into it since the last look goes back at the head of the queue, to be written
   * again, from a line start (a look kept `torn` at the head of `unverified`; when that was too large to keep, `torn`
   * at least: its end is the queue's head).
   */
  private unverifiedBack(): void {
    const back = this.keptAll && this.unverifiedLength > 0 ? Buffer.from(this.unverified.subarray(0, this.unverifiedLength)) : this.torn;
    if (this.torn.length > 0) this.unshiftLineStart(back);
    else if (back.length > 0) this.queue.unshift(back);
    this.torn = Buffer.alloc(0);
    this.unverifiedLength = 0;
    this.unverifiedLooked = 0;
    this.keptAll = true;
  }

  /**
   * The torn line's start stays in the file, followed by something else (another writer's line, or the end of a file
   * another writer rotated): the line is written again whole, and its start is told (onTorn) for its recording's chain
   * to say so (a `torn` event: chain/torn-attested.ts); verify reads past only a start told so. Told once this look is
   * over (a microtask): what onTorn writes comes back here as a write, which must not start one inside prepare.
   */
  private rewriteTornWhole(): void {
    const start = this.torn;
    this.unshiftLineStart(start);
    this.writtenTotal -= start.length;
    this.torn = Buffer.alloc(0);
    const onTorn = this.options.onTorn;
    if (onTorn) {
      const told = Buffer.from(start);
      queueMicrotask(() => onTorn(told));
    }
  }

  /**
   * Puts `start` (ending with a torn line's written start) back at the head of the queue, in one piece with the
   * queue's first one (fail put the line's end at its head): a write takes whole pieces, so the line goes out in one
   * write call, never its start alone (another writer's line could follow that start in the file).
   */
  private unshiftLineStart(start: Buffer): void {
    // Copied (concat) before the unshift: the view take hands out is the queue's own buffer.
    this.queue.unshift(this.queue.length > 0 ? Buffer.concat([start, this.queue.take(0)]) : start);
  }

  /** What a write may take: up to the size limit, unless only the day rotates the file. */
  private room(): number {
    return this.options.rotate === 'daily' ? Number.POSITIVE_INFINITY : this.options.maxBytes - this.size;
  }

  private pruned(file: string): void {
    if (this.prunedOnce) return;
    this.prunedOnce = true;
    this.options.onFirstPrune?.(file);
  }

  /**
   * Lets onLost write (its event), and puts what it wrote at the head of the
   * queue, piece by piece (rotation cuts between pieces); what was queued
   * follows, unless onLost wrote it again itself.
   */
  private noteLost(what: LostWhat, cut?: CutSizes, midLine = false): void {
    if (!this.options.onLost) return;
    // No write is in flight here (prepare runs before one or after it), so the view taken is no longer in use.
    // The queue holds the last bytes handed over (those written since the last look are back at its head).
    const from = this.pushedTotal - this.queue.length;
    // Copied (the view is the queue's until its next take), not decoded: the file sink counts offsets in them in bytes,
    // as `from` is, and a decoding would turn bytes that begin inside a character (a failed write's rest, put back
    // and written after a look) into a U+FFFD of another length.
    const queued = this.queue.length > 0 ? Buffer.from(this.queue.take(Number.POSITIVE_INFINITY)) : Buffer.alloc(0);
    // Counted afresh: what waited is handed over again (in onLost), and what follows is written once, in order.
    this.pushedTotal = 0;
    this.writtenTotal = 0;
    // A file cut inside a line: the event starts a line of its own, not the torn line's tail (verify would not read it).
    const pieces: Buffer[] = midLine ? [Buffer.from('\n')] : [];
    if (midLine) this.pushedTotal = 1;
    this.lostText = pieces;
    let rewritten = false;
    try {
      rewritten = this.options.onLost(what, queued, cut, from) === true;
    } finally {
      this.lostText = undefined;
      if (!rewritten && queued.length > 0) {
        // Handed over again, after what onLost wrote: counted as such (pushed is where the next text handed starts).
        pieces.push(queued);
        this.pushedTotal += queued.length;
      }
      for (let i = pieces.length - 1; i >= 0; i--) if (pieces[i]!.length > 0) this.queue.unshift(pieces[i]!);
    }
  }

  /** Notes a look (fstat) at the file this writer holds: its largest size, afresh for another file. */
  private saw(stat: fs.Stats): void {
    if (stat.dev === this.heldDev && stat.ino === this.heldIno) {
      this.largest = Math.max(this.largest, stat.size);
      return;
    }
    this.heldDev = stat.dev;
    this.heldIno = stat.ino;
    this.largest = stat.size;
  }

  /** Whether the file this writer holds (`mine`), read through the log's path, ends inside a line (a cut there). */
  private endsMidLine(mine: fs.Stats): boolean {
    const last = this.lastBytes(mine, 1);
    return last !== undefined && last.length === 1 && last[0] !== 0x0a;
  }

  /** Whether the file this writer holds still ends with the start of its torn line: nothing was appended after it. */
  private endsWithTorn(mine: fs.Stats): boolean | undefined {
    const last = this.lastBytes(mine, this.torn.length);
    return last === undefined ? undefined : last.equals(this.torn);
  }

  /** The last `count` bytes (fewer in a smaller file) of the file this writer holds (`mine`), read through the log's path. */
  private lastBytes(mine: fs.Stats, count: number): Buffer | undefined {
    const length = Math.min(count, mine.size);
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
      if (!sameFile(mine, fs.fstatSync(fd))) return undefined;
      const last = Buffer.alloc(length);
      return last.subarray(0, fs.readSync(fd, last, 0, length, mine.size - length));
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /**
   * Opens the file at the log's path (creating it when the path is empty) holding the rotation lock, as a rotation
   * opens its new file; false while another writer holds it (it is rotating: look again shortly). A rotating writer
   * looks at the path and renames what it names some time later (rotation.ts): a file created there meanwhile, by
   * a writer following an earlier rotation or starting anew after the live file was moved away, was renamed as the
   * rotated one, unnoted in the ledger under its own identity and without a head mark; its writers then said `lost`
   * and wrote its lines again (issue 13, four panes flooding one log moved away 25 times).
   */
  private reopenUnderLock(): boolean {
    let inside = false;
    try {
      return (
        withRotationLock(this.file, () => {
          inside = true;
          this.reopen();
          return true;
        }) ?? false
      );
    } catch (error) {
      if (inside) throw error;
      // No lock to take (the directory gone, or something not our lock at its path, or a lock held far too long,
      // which stop rotation too, so none is under way): opened without it, as whyAway then decides without it. A lock
      // at fault is said, as at a rotation (it stops them), not passed in silence.
      if (error instanceof AuditError) {
        if (!this.rotateFailing) this.options.onRotateError(error);
        this.rotateFailing = true;
      }
      this.reopen();
      return true;
    }
  }

  private reopen(): void {
    const fd = openAppend(this.file, this.options.directory);
    fs.closeSync(this.fd);
    this.fd = fd;
    this.dirStat = fs.lstatSync(path.dirname(this.file));
  }

  /**
   * Says which file this writer now holds (onOpened), right after it opened it: before anything is written into it,
   * and never under the rotation lock (a note is a file written whole, some 0.25 ms of CPU). Its ledger entry can be
   * trimmed only once it is rotated and some 600 more after it (under a key).
   */
  private noteOpened(): void {
    const identity = this.fileIdentity();
    if (identity !== undefined) this.options.onOpened?.(identity);
  }
}

/**
 * How many bytes of `data` from `offset` one write(2) takes: WRITE_BYTES at most, ending after the last line end
 * within them; a line longer than that whole (never cut inside a line); all of it when no line ends.
 */
function pieceLength(data: Buffer, offset: number): number {
  const length = data.length - offset;
  if (length <= WRITE_BYTES) return length;
  const newline = data.subarray(offset, offset + WRITE_BYTES).lastIndexOf(0x0a);
  const end = newline >= 0 ? offset + newline : data.indexOf(0x0a, offset + WRITE_BYTES);
  return end < 0 ? length : end + 1 - offset;
}
