// The file sink: records formatted (text lines or JSON Lines: format/formats.ts)
// and appended to the session's log through the writer (batched, rotated, never
// blocking the reader). Each line goes into the recording's hash chain
// (chain/seal.ts) as it was formatted, and `seal` events join the lines here:
// the chain covers the bytes the formatter returned, whatever the format.

import { stampsAreEpoch } from '../../chain/epoch-stamps.ts';
import { CHAIN_VERSION, GENESIS, KEYED_CHAIN, LINK_HEX, SEAL_EVERY, SEAL_MS, SealChain } from '../../chain/seal.ts';
import { sealLogName } from '../../chain/seal-tag.ts';
import { HEAD_EVENT, headFields, type FileContent } from '../../chain/head-mark.ts';
import { DIGEST_EVENT } from '../../chain/digest-event.ts';
import type { AuditRecord, Place } from '../../core/record.ts';
import type { RecordFormat } from '../../format/formats.ts';
import { TextFormat } from '../../format/text.ts';
import type { Sink } from '../sink.ts';
import { BatchBytes } from './batch-bytes.ts';
import { LogFile, type LogFileOptions } from './writer.ts';

/**
 * Formatted text handed to the writer at once, at most (plus one line). Small
 * queue entries let rotation cut close to the size limit.
 */
const BATCH_CHARS = 16 * 1024;

/** Where a stamp begins (a run of records stamped alike): `at` a byte offset in the bytes it is noted for. */
interface StampRun {
  at: number;
  time: number;
}

export class FileSink implements Sink {
  private readonly log: LogFile;
  private readonly format: RecordFormat;
  /** The format when it is the text one: its output lines are then put straight into the batch's bytes. */
  private readonly text: TextFormat | undefined;
  /** Its seals say their instant (`t=`): the format's stamps do not (chain/epoch-stamps.ts). */
  private readonly sealInstants: boolean;
  /** Lines formatted and not yet handed to the writer, as their bytes (every offset into it is a byte count). */
  private readonly batch = new BatchBytes();
  /**
   * While onLost runs: the stamp of the first record written again after the `lost` event (what went into the
   * removed file since the writer's last look, and what waited), undefined when none is: what the event is stamped.
   */
  private lostStamp: number | undefined;

  /** The recording's chain (none when `chain` is false). */
  private readonly chain: SealChain | undefined;
  /** Whether the chain is keyed (HMAC). */
  private readonly keyed: boolean;
  /**
   * Where in `batch` the text the chain has not hashed yet starts: it is hashed
   * in one piece at a seal or a flush, not line by line (a hash call per line
   * cost a fifth of the reader's speed under a flood).
   */
  private unhashed = 0;
  /** Who and where the recording's records are, and the last one's time: for its seals (kept as fields: no object per line). */
  private lastRec = '';
  private lastUser = '';
  /** The server's owner on the recording's records: a seal says it too, so that a JSON last seal's line is its stop's (chain/last-seal.ts). */
  private lastOwner: string | undefined;
  private lastPlace: Place | undefined;
  private lastTime = Number.NEGATIVE_INFINITY;
  /** While the writer reports a removed log: the `lost` event goes first into the new file, out of the chain's order. */
  private losing = false;
  /** Whether the recording's last seal is written: nothing of it follows. */
  private ended = false;
  /** While onLost runs: the `lost` event is written and sealed (what follows it is then chained too). */
  private lostSealed = false;
  /** ...and it came after the recording's last seal: the chain ends again once what follows it is sealed. */
  private reEnd = false;
  /** `lost` events the sink wrote itself because the pipeline held them up: dropped when they come. */
  private heldLost = 0;
  private sealTimer: NodeJS.Timeout | undefined;
  /** The link of the last seal put in the batch and not yet handed to the writer (for `onSealed`). */
  private sealedLink: string | undefined;
  /** That seal's line as written (with `e=` under a key): a running reader's proof of its recording (chain/running-seal.ts). */
  private sealedLine: string | undefined;
  /** The last record taken: whose name a head mark is written in (chain/head-mark.ts). */
  private lastRecord: AuditRecord | undefined;
  private readonly onSealed: ((link: string, file: string | undefined, line: string | undefined, offset?: number) => void) | undefined;
  /** The seals in `batch`: where each one's line ends, and its link. */
  private sealsInBatch: { at: number; link: string }[] = [];
  /** The seals handed to the writer and not yet known to be in a rotated file: the writer's byte count at each one's end. */
  private sealsHanded: { end: number; link: string }[] = [];
  /** Where each stamp begins in `batch` (a run of records stamped alike is one entry): what a head mark is stamped by. */
  private stampsInBatch: StampRun[] = [];
  /**
   * Those handed to the writer: the writer's byte count where each begins; the first is the last one begun before
   * the writer's last look at the file (what it wrote since may be handed back, and written again after a `lost` event).
   */
  private stampsHanded: { start: number; time: number }[] = [];
  /** The writer's byte count (since its last `lost` event) of what it had written at its last look. */
  private verified = 0;
  /**
   * The link of the recording's last seal known to be in a rotated file (GENESIS: none): it stays when
   * the live log is removed, and the `lost` event names it (`p=`), so that verify can require it and
   * count what the event writes off from it. Without it, whole rotated files before the event could be
   * deleted, and the event taken for the cause of the gap.
   */
  private keptLink = GENESIS;
  /** The removals of the log (`lost`) this writer has seen: said on each `lost` event (`k=`). */
  private removalsSeen = 0;

  /**
   * `chain.onSealed` hears each seal's link once the writer has it on disk:
   * what a dead reader's stop names (chain/external-stop.ts).
   */
  constructor(file: string, format: RecordFormat, options: Omit<LogFileOptions, 'onChecked'>, chain: { key?: Buffer; onSealed?: (link: string, file: string | undefined, line: string | undefined, offset?: number) => void } | false = {}) {
    const headKey = chain !== false ? chain.key : undefined;
    this.log = new LogFile(file, {
      ...options,
      ...(chain !== false && chain.key !== undefined ? { ledgerKey: chain.key } : {}),
      // Under a key each new file a rotation opens starts with a head mark in this recording's name (chain/head-mark.ts).
      ...(headKey !== undefined
        ? {
            // Stamped on the reader's clock, as its seals are: no later than the oldest record still waiting, which
            // may go next into this file after it (a place's stamps only go forward), nor than now.
            headMark: (prev: number, content?: FileContent) => {
              const last = this.lastRecord;
              if (last === undefined) return undefined;
              // The stamp of the first record not yet written, where that is known: the lines this writer left in
              // the file just renamed are stamped no later, and it goes next, after the mark. No later than the newest
              // record (not the last one taken: a `lost` event is stamped back to the first record it heads).
              const newest = Math.max(this.lastTime, last.time);
              const time = Math.min(this.nextToWrite() ?? this.stampsInBatch[0]?.time ?? newest, newest, Date.now());
              // Its at= names its file (a later mark's digest of it, prev=): one past the previous file's whenever
              // rotations come faster than the stamps move (a backlog keeps the oldest waiting record for several).
              // Its line keeps the stamp: a place's stamps only go forward. A few ms later than that stamp at most,
              // far within the replay check's slack (chain/replayed-seal.ts).
              const at = Math.max(time, prev + 1);
              return { at, text: this.format.format({ rec: last.rec, user: last.user, place: last.place, time, kind: 'event', text: HEAD_EVENT, fields: headFields(headKey, last.rec, sealLogName(file), at, prev, content) }) };
            },
          }
        : {}),
      // Not once the recording's last seal is written: a `torn` event after it would be a break of its own (the piece
      // is then read as before: README, Limits).
      ...(options.onTorn ? { onTorn: (start: Buffer) => (this.ended ? undefined : options.onTorn!(start)) } : {}),
      onMoved: (written) => {
        while (this.sealsHanded.length > 0 && this.sealsHanded[0]!.end <= written) this.keptLink = this.sealsHanded.shift()!.link;
        options.onMoved?.(written);
      },
      onChecked: () => {
        this.verified = this.log.writtenBytes;
        this.dropStampsBefore(this.verified);
      },
      onLost: (what, queued, cut, from) => {
        // A cut in place removes no file: its event says no `k=`, and a later removal's `k=` does not count it.
        if (what !== 'cut') this.removalsSeen++;
        // The lines of the open segment went partly into the removed file, and the rest are written again
        // after the event: the segment is given up, and the event opens the next one (see write), which
        // is sealed at once (the seal covers the event alone). What the writer hands over now goes first
        // into the new file: the event and its seal, then what went into the removed file since the writer
        // last looked and what it queued (`queued`), then the batch (lines formatted after those), all in
        // the order they were formatted, and a seal right after them: the restarted chain covers all of it,
        // so the log's removal leaves nothing unsealed in the new file, and a `lost` event no seal follows
        // at once is forged (chain/verify.ts).
        // A copy: the batch is emptied and reused below.
        const later = Buffer.from(this.batch.view());
        const laterLink = this.sealedLink;
        const laterLine = this.sealedLine;
        // The stamps of what is written again (queued, then the batch), exact: the event goes first, stamped as the
        // first of them (no later than they are, no earlier than the pane's lines left in a rotated file before it).
        const queuedRuns = this.runsOfQueued(queued, from);
        const rewritten = [...queuedRuns, ...this.stampsInBatch.map(({ at, time }) => ({ at: queued.length + at, time }))];
        const laterRuns = this.stampsInBatch;
        this.lostStamp = rewritten[0]?.time;
        // The writer counts afresh from here (what it hands back is handed again).
        this.verified = 0;
        // Those seals went with the removed file, or are written again after the event as lines of its stretch.
        this.sealsInBatch = [];
        this.sealsHanded = [];
        this.stampsInBatch = [];
        this.stampsHanded = [];
        this.batch.clear();
        this.unhashed = 0;
        this.sealedLink = undefined;
        this.sealedLine = undefined;
        this.losing = true;
        this.lostSealed = false;
        try {
          this.chain?.restart();
          options.onLost?.(what, queued, cut, from);
          if (!this.lostSealed && this.chain && this.lastPlace) {
            // The event is held up in the pipeline (a hold: pipeline/hold.ts): written here, now, as it must
            // be (first thing in the new file, sealed), and not again when it comes.
            this.heldLost++;
            this.write({ time: this.lostStamp ?? this.lastTime, rec: this.lastRec, user: this.lastUser, ...(this.lastOwner === undefined ? {} : { owner: this.lastOwner }), place: this.lastPlace, kind: 'event', text: 'lost', fields: { what, ...cut } });
          }
          if (!this.lostSealed) {
            // No event (no chain, or no onLost that writes one): as before, what it wrote goes first, and the writer
            // puts `queued` right after it.
            this.flush();
            this.noteHandedBack(queuedRuns);
            return false;
          }
          // Hashed in file order, after the event's seal and whatever was written meanwhile.
          this.hashPending();
          this.rewriteSealed(Buffer.concat([queued, later]), rewritten);
          this.sealRewritten();
          this.handOverInPieces();
          // Once the writer has put it all in its queue (right after onLost): its seals are then noted in order.
          queueMicrotask(() => this.noteSealed());
          return true;
        } finally {
          this.losing = false;
          this.lostStamp = undefined;
          if (!this.lostSealed) {
            // Anything written after the flush (nothing, as pipe.ts does it) stays after the set-aside lines.
            this.stampsInBatch = [...laterRuns, ...this.stampsInBatch.map(({ at, time }) => ({ at: later.length + at, time }))];
            const after = Buffer.from(this.batch.view());
            this.batch.clear();
            this.batch.appendBytes(later);
            this.batch.appendBytes(after);
            this.sealsInBatch = [];
            // Not hashed: formatted before the restart, so no longer where the chain says.
            this.unhashed = this.batch.length;
            if (this.sealedLink === undefined) {
              this.sealedLink = laterLink;
              this.sealedLine = laterLine;
            }
          }
          this.lostSealed = false;
          this.reEnd = false;
        }
      },
    });
    this.format = format;
    this.text = format instanceof TextFormat ? format : undefined;
    this.chain = chain === false ? undefined : new SealChain(chain.key, sealLogName(file));
    this.keyed = chain !== false && chain.key !== undefined;
    this.sealInstants = format instanceof TextFormat && !stampsAreEpoch(format.timeFormat);
    this.onSealed = chain === false ? undefined : chain.onSealed;
  }

  write(record: AuditRecord): void {
    this.lastRecord = record;
    this.noteStamp(record.time);
    const chain = this.chain;
    // A keyed recording says so in its start (which its first seal covers), as its seals do: verify then
    // checks each recording with the chain it was written with (chain/verify.ts).
    // Every chained start says which rules its chain follows (CHAIN_VERSION), covered by the first seal.
    if (chain && record.kind === 'event' && record.text === 'start') {
      record = { ...record, fields: { ...record.fields, v: CHAIN_VERSION, ...(this.keyed ? { chain: KEYED_CHAIN } : {}) } };
      chain.startedAt = record.time;
    }
    // A `lost` event names the recording's last seal in a rotated file (see keptLink); its own seal covers that.
    // And how many removals its reader has seen (`k=`): a removal whose own event went with a file removed after
    // it (mv, then ln + rm of the new file) is still counted by the next (chain/removal-count.ts).
    if (chain && record.kind === 'event' && record.text === 'lost' && (this.losing || this.heldLost === 0)) record = { ...record, fields: { ...record.fields, p: this.keptLink, ...(record.fields?.what === 'cut' ? {} : { k: Math.max(1, this.removalsSeen) }) } };
    // Output lines in the text format are not made as strings: put() writes them into the batch's bytes.
    const line = record.kind === 'event' || !this.text ? this.format.format(record) : undefined;
    if (chain && record.kind === 'event' && record.text === 'lost' && !this.losing && this.heldLost > 0) {
      // Written already, when the writer reported the loss (see onLost).
      this.heldLost--;
      return;
    }
    if (chain && record.kind === 'event' && record.text === 'lost') {
      // What came before it is no longer where the chain says (written again after it, or lost with
      // the removed file): the segment is given up, and the event opens the next one, sealed at once, by
      // itself (a `lost` event its seal does not follow is forged: chain/verify.ts), also after the
      // recording's last seal (the log removed as its reader closed). Normally it is written from onLost,
      // first thing in the new file, and onLost seals what follows it; held up in the pipeline, it comes
      // later, and the lines between are given up.
      this.hashPending();
      chain.restart();
      this.put(record, line);
      this.hashPending();
      chain.count(1);
      this.unhashed = this.batch.length;
      this.lastRec = record.rec;
      this.lastUser = record.user;
      this.lastOwner = record.owner;
      this.lastPlace = record.place;
      if (record.time > this.lastTime) this.lastTime = record.time;
      const ended = this.ended;
      this.ended = false;
      // Stamped as the event: it goes ahead of what waits, which is stamped no earlier (see waitingSince).
      this.seal(false, 0, record.time);
      if (this.losing) {
        this.lostSealed = true;
        this.reEnd = ended;
      } else if (ended) this.seal('close', 0, record.time);
    } else if (this.losing && this.lostSealed) {
      // Written while onLost runs (what the pipeline held): after the event's seal, in its chain.
      this.put(record, line);
      chain!.count(1);
    } else if (!chain || this.losing || this.ended) {
      this.hashPending();
      this.put(record, line);
      this.unhashed = this.batch.length;
    } else {
      this.lastRec = record.rec;
      this.lastUser = record.user;
      this.lastOwner = record.owner;
      this.lastPlace = record.place;
      if (record.time > this.lastTime) this.lastTime = record.time;
      if (record.kind === 'event' && record.text === 'stop') {
        // The recording's last record (capture/recorder.ts): the last seal covers it and goes just before
        // it, so that the log still ends each recording with its stop; `end=stop` tells verify.
        this.hashPending();
        chain.update(line!);
        chain.count(1);
        this.seal('stop', 0, record.time);
        this.put(record, line);
        this.unhashed = this.batch.length;
      } else if (record.kind === 'event' && record.text === DIGEST_EVENT) {
        // A rotated file's digest (chain/digest-event.ts) in a stretch of its own: a seal closes what came before, and
        // one right after covers the event and that seal's line alone, both in one file, held by its hash where
        // the seals before are not (a refilled oldest file takes the recording's start with it, and the first seal
        // after a missing start only sets the link: an event under it would be no digest to verify).
        if (chain.pending > 1) this.seal(false);
        this.put(record, line);
        chain.count(1);
        this.seal(false, 0, record.time);
      } else if (record.kind === 'event' && record.text === 'start') {
        // Sealed at once, by itself (n=1, like a `lost` event), in the same write: a recording counts as
        // running at its place beside another one (whose lines verify can then check by links only) once
        // that seal holds, which under the key nobody else can make (chain/verify.ts: confirmed).
        this.put(record, line);
        chain.count(1);
        this.seal(false, 0, record.time);
      } else {
        this.put(record, line);
        chain.count(1);
        if (chain.due()) this.seal(false);
        else if (!this.sealTimer) {
          // An idle pane's last lines are sealed a little later, not only when it prints again.
          this.sealTimer = setTimeout(() => {
            this.sealTimer = undefined;
            if (this.chain!.pending > 0 && !this.ended) {
              this.seal(false, Date.now());
              this.flush();
            }
          }, SEAL_MS);
          this.sealTimer.unref();
        }
      }
    }
    if (this.batch.chars >= BATCH_CHARS) this.flush();
  }

  /** Puts the record's line in the batch: `line`, or when none was made (an output record in the text format), straight from the record. */
  private put(record: AuditRecord, line: string | undefined): void {
    if (line === undefined) this.batch.appendLine(this.text!.head(record), record.text);
    else this.batch.append(line);
  }

  /**
   * Puts what onLost writes again after a `lost` event and its seal in the batch, sealed every
   * SEAL_EVERY - 1 lines (a seal with `more=1`: the stretch written again goes on after it). A backlog
   * written again in one segment was thousands of lines no seal covered until its end: a second removal
   * (or a rotation then a removal) cutting it left verify a block that never closed. Now any cut leaves
   * less than a reader leaves unsealed, which verify writes off when a later `lost` event replaces it.
   * `runs`: where each stamp begins in `text`, noted in the batch as it goes in (a head mark, or a later
   * `lost` event, is stamped by them), and what each seal among the lines is stamped by: the line before it
   * (older than the reader's newest record).
   */
  private rewriteSealed(bytes: Buffer, runs: readonly StampRun[]): void {
    const chain = this.chain!;
    let next = 0;
    /** Appends bytes[from, to), noting the stamps that begin in it. */
    const put = (from: number, to: number): void => {
      for (; next < runs.length && runs[next]!.at < to; next++) {
        const at = Math.max(runs[next]!.at, from);
        this.batch.appendBytes(bytes.subarray(from, at));
        from = at;
        this.noteStamp(runs[next]!.time);
      }
      this.batch.appendBytes(bytes.subarray(from, to));
    };
    for (let from = 0; from < bytes.length; ) {
      let room = SEAL_EVERY - 1 - chain.pending;
      if (room <= 0) {
        this.seal(false, 0, this.lastNoted(), true);
        room = SEAL_EVERY - 1 - chain.pending;
      }
      let to = from;
      let taken = 0;
      while (taken < room && to < bytes.length) {
        // A 0x0a byte is a newline in UTF-8 (never part of another character).
        const end = bytes.indexOf(0x0a, to);
        to = end < 0 ? bytes.length : end + 1;
        taken++;
      }
      put(from, to);
      chain.count(taken);
      from = to;
      if (from < bytes.length) this.seal(false, 0, this.lastNoted(), true);
    }
  }

  /**
   * Seals what onLost wrote again after a `lost` event and its seal: the seal that links to that
   * one (verify reads everything between as that seal's segment). The recording's last seal when
   * its chain had ended before (`end=1`: its stop, if written, is among the lines it covers).
   */
  private sealRewritten(): void {
    if (this.reEnd) {
      this.reEnd = false;
      // Stamped as the last record it covers (the stop, when there is one): it goes right after it.
      this.seal('close');
    } else if (this.chain!.pending > 1) this.seal(false);
  }

  /**
   * Hands the batch to the writer in pieces of about BATCH_CHARS bytes, cut between lines: what was written
   * again after a `lost` event may be a whole backlog, and rotation cuts only between pieces.
   */
  private handOverInPieces(): void {
    this.hashPending();
    const bytes = this.batch.view();
    this.noteHanded();
    // The writer copies each piece (onLost runs: into what it puts first in its queue); the batch is emptied after.
    for (let from = 0; from < bytes.length; ) {
      const end = bytes.indexOf(0x0a, Math.min(from + BATCH_CHARS, bytes.length) - 1);
      const to = end < 0 ? bytes.length : end + 1;
      this.log.write(bytes.subarray(from, to));
      from = to;
    }
    this.batch.clear();
    this.unhashed = 0;
  }

  /** The stamp of the last record put in the batch, or handed to the writer when the batch holds none. */
  private lastNoted(): number | undefined {
    return this.stampsInBatch.at(-1)?.time ?? this.stampsHanded.at(-1)?.time;
  }

  /**
   * Where each stamp begins in `queued`, what the writer hands back at a `lost` event: the bytes it was handed from
   * `from` on (what it wrote since its last look, and what waited). The first is at 0: the stamp runs handed are
   * kept back to the writer's last look (see dropStampsBefore), where `from` is at the earliest.
   */
  private runsOfQueued(queued: Buffer, from: number): StampRun[] {
    const runs: StampRun[] = [];
    const handed = this.stampsHanded;
    for (let i = 0; i < handed.length; i++) {
      if (i + 1 < handed.length && handed[i + 1]!.start <= from) continue;
      const at = Math.max(0, handed[i]!.start - from);
      if (at >= queued.length) break;
      runs.push({ at, time: handed[i]!.time });
    }
    // Nothing stamped before the first run (a newline the writer put after a cut mid-line): it starts the text.
    if (runs.length > 0) runs[0]!.at = 0;
    return runs;
  }

  /** `queued` is put back in the writer's queue by the writer itself, after what it was handed so far: its stamps noted there. */
  private noteHandedBack(runs: readonly StampRun[]): void {
    const base = this.log.pushed;
    for (const { at, time } of runs) this.stampsHanded.push({ start: base + at, time });
  }

  /** Stamp runs handed that end before `byte` (in the writer's count): none of them can be handed back any more. */
  private dropStampsBefore(byte: number): void {
    while (this.stampsHanded.length > 1 && this.stampsHanded[1]!.start <= byte) this.stampsHanded.shift();
  }

  /** What is appended to the batch next is stamped `time` (a batch's stamps begin at its start: it may be handed back alone). */
  private noteStamp(time: number): void {
    const runs = this.stampsInBatch;
    if (runs.length === 0 || runs[runs.length - 1]!.time !== time) runs.push({ at: this.batch.length, time });
  }

  /** The stamp of the first record handed to the writer and not yet written; undefined when not known. */
  private nextToWrite(): number | undefined {
    const written = this.log.writtenBytes;
    if (written >= this.log.pushed) return undefined;
    let time: number | undefined;
    for (const { start, time: at } of this.stampsHanded) {
      if (start > written) break;
      time = at;
    }
    return time;
  }

  /** Notes where the batch's seals end, and its stamps begin, in what the writer has been handed, before the batch is handed to it. */
  private noteHanded(): void {
    if (this.stampsInBatch.length > 0) {
      const base = this.log.pushed;
      for (const { at, time } of this.stampsInBatch) this.stampsHanded.push({ start: base + at, time });
      this.stampsInBatch = [];
      this.dropStampsBefore(this.verified);
    }
    if (this.sealsInBatch.length === 0) return;
    const base = this.log.pushed;
    for (const { at, link } of this.sealsInBatch) this.sealsHanded.push({ end: base + at, link });
    this.sealsInBatch = [];
    // Of those written already, only the last can be the one a rotation keeps.
    const written = this.log.writtenBytes;
    while (this.sealsHanded.length > 1 && this.sealsHanded[1]!.end <= written) this.sealsHanded.shift();
  }

  /** Hashes what the chain has not yet hashed of the batch. */
  private hashPending(): void {
    if (this.chain && this.unhashed < this.batch.length) this.chain.update(this.batch.view(this.unhashed));
    this.unhashed = this.batch.length;
  }

  /**
   * A `seal` event after the lines it covers (before the stop it covers, for `stop`); stamped no earlier
   * than they are, but the last seal (`stop`) is stamped `at`, its stop's time, as verify requires
   * (chain/last-seal.ts), even when the clock stepped back before the stop.
   */
  private seal(end: false | 'stop' | 'close', now = 0, at?: number, more = false): void {
    const chain = this.chain;
    if (!chain || !this.lastPlace || this.ended) return;
    if (end !== 'stop') this.hashPending();
    if (end) this.ended = true;
    const fields = chain.seal(end);
    if (more) fields.more = 1;
    if (!end) this.sealedLink = fields.h.slice(0, LINK_HEX);
    const time = at ?? Math.max(this.lastTime, now);
    // Stamps that are no instant (a custom @audit-time-format without a full date and offset): the seal says its own (chain/epoch-stamps.ts).
    if (this.sealInstants) fields.t = time;
    const record: AuditRecord = { time, rec: this.lastRec, user: this.lastUser, ...(this.lastOwner === undefined ? {} : { owner: this.lastOwner }), place: this.lastPlace, kind: 'event', text: 'seal', fields: { ...fields } };
    let line = this.format.format(record);
    // Under a key the seal's own line is bound under it too (chain/seal-tag.ts): `e=`, its last field.
    const e = chain.tag(line);
    if (e !== undefined) line = this.format.format({ ...record, fields: { ...record.fields, e } });
    if (!end) this.sealedLine = line;
    this.noteStamp(record.time);
    this.batch.append(line);
    this.sealsInBatch.push({ at: this.batch.length, link: fields.h.slice(0, LINK_HEX) });
    // A seal's own line (its stamp, its place) opens the next segment (left unhashed for it); the last
    // seal's is checked by verify against the stop it covers.
    if (end) this.unhashed = this.batch.length;
    else chain.count(1);
    if (this.sealTimer) clearTimeout(this.sealTimer);
    this.sealTimer = undefined;
  }

  flush(): void {
    // While onLost runs, once the event is sealed: kept, to go to the writer with what is written again
    // after it (handOverInPieces), not as a piece of its own that rotation could cut off from it. Alone in
    // a rotated file, it let the copy of an earlier event written again after it head the next file.
    if (this.batch.length === 0 || (this.losing && this.lostSealed)) return;
    this.hashPending();
    const bytes = this.batch.view();
    this.noteHanded();
    // Emptied first: the write may come back here (a `lost` event written while the writer reopens), once it has
    // copied the bytes into its queue.
    this.batch.clear();
    this.unhashed = 0;
    this.log.write(bytes);
    // Not while onLost runs (the writer is reopening: its flush would look at the file again from within): once it is done.
    if (!this.losing) this.noteSealed();
  }

  /** Hears the last seal handed to the writer once it is on disk: a stop naming a seal the file never got would read as a cut. */
  private noteSealed(): void {
    const link = this.sealedLink;
    const line = this.sealedLine;
    if (link === undefined || !this.onSealed) return;
    this.sealedLink = undefined;
    this.sealedLine = undefined;
    const onSealed = this.onSealed;
    // Where it is (the file, and its offset there: chain/seal-file-gone.ts), found once it is on disk.
    void this.log.flush().then(() => {
      const where: { file?: string; offset?: number } | undefined = line === undefined ? { file: this.log.fileIdentity() } : this.log.whereIs(line);
      onSealed(link, where?.file, line, where?.offset);
    });
  }

  /** Bytes, as the writer's backlog (a batch of strings added its characters to them). */
  get backlog(): number {
    return this.log.backlog + this.batch.length;
  }

  /**
   * While onLost runs: the stamp of the first record written again after the `lost`
   * event, which goes ahead of them at the head of the new file (stamps at a place
   * must not go back); undefined when none is (the event is then the newest record).
   */
  get waitingSince(): number | undefined {
    return this.lostStamp;
  }

  /**
   * Hands what waits to the writer, and waits for it to be written and for the digests of the files rotated so far
   * to be taken (2 s at most: sinks/file/writer.ts): a recording about to stop puts them in its chain first (pipe.ts).
   */
  async digestsTaken(): Promise<void> {
    this.flush();
    await this.log.flush();
    await this.log.digestsTaken();
  }

  async close(): Promise<void> {
    // The last seal says the recording ended here: a tail cut off later is missing its seal.
    this.seal('close', Date.now());
    this.flush();
    await this.log.close();
  }
}
