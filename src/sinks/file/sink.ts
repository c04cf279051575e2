// The file sink: records formatted (text lines or JSON Lines: format/formats.ts)
// and appended to the session's log through the writer (batched, rotated, never
// blocking the reader). Each line goes into the recording's hash chain
// (chain/seal.ts) as it was formatted, and `seal` events join the lines here:
// the chain covers the bytes the formatter returned, whatever the format.

import { stampsAreEpoch } from '../../chain/epoch-stamps.ts';
import { CHAIN_VERSION, GENESIS, KEYED_CHAIN, LINK_HEX, SEAL_EVERY, SEAL_MS, SealChain } from '../../chain/seal.ts';
import { sealLogName } from '../../chain/seal-tag.ts';
import { HEAD_EVENT, headFields, type FileContent } from '../../chain/head-mark.ts';
import type { AuditRecord, Place } from '../../core/record.ts';
import type { RecordFormat } from '../../format/formats.ts';
import { TextFormat } from '../../format/text.ts';
import type { Sink } from '../sink.ts';
import { BatchBytes } from './batch-bytes.ts';
import { stampBefore } from './line-stamp.ts';
import { LogFile, type LogFileOptions } from './writer.ts';

/**
 * Formatted text handed to the writer at once, at most (plus one line). Small
 * queue entries let rotation cut close to the size limit.
 */
const BATCH_CHARS = 16 * 1024;

export class FileSink implements Sink {
  private readonly log: LogFile;
  private readonly format: RecordFormat;
  /** The format when it is the text one: its output lines are then put straight into the batch's bytes. */
  private readonly text: TextFormat | undefined;
  /** Its seals say their instant (`t=`): the format's stamps do not (chain/epoch-stamps.ts). */
  private readonly sealInstants: boolean;
  /** Lines formatted and not yet handed to the writer; its size counted in characters (BATCH_CHARS, backlog). */
  private readonly batch = new BatchBytes();
  /** The stamp of the oldest record not yet on disk, or undefined when all are (at most this early: see write). */
  private oldestWaiting: number | undefined;
  /**
   * No later than the stamp of anything the writer may yet write into a new
   * file after a `lost` event: what waits, and what was written since its last
   * look at the file (written again if the file turns out removed).
   */
  private floor: number | undefined;

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
  private stampsInBatch: { at: number; time: number }[] = [];
  /** Those handed to the writer: the writer's byte count where each begins; the first is the last one begun in what it wrote. */
  private stampsHanded: { start: number; time: number }[] = [];
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
              // the file just renamed are stamped no later, and it goes next, after the mark (oldestWaiting is only
              // a lower bound: a record of it may be in the renamed file already, stamped later than it).
              const time = Math.min(this.nextToWrite() ?? this.oldestWaiting ?? last.time, last.time, Date.now());
              // Its at= names its file (a later mark's digest of it, prev=): one past the previous file's whenever
              // rotations come faster than the stamps move (a backlog keeps the oldest waiting record for several).
              // Its line keeps the stamp: a place's stamps only go forward. A few ms later than that stamp at most,
              // far within the replay check's slack (chain/replayed-seal.ts).
              const at = Math.max(time, prev + 1);
              return { at, text: this.format.format({ rec: last.rec, user: last.user, place: last.place, time, kind: 'event', text: HEAD_EVENT, fields: headFields(headKey, last.rec, sealLogName(file), at, prev, content) }) };
            },
          }
        : {}),
      onMoved: (written) => {
        while (this.sealsHanded.length > 0 && this.sealsHanded[0]!.end <= written) this.keptLink = this.sealsHanded.shift()!.link;
        options.onMoved?.(written);
      },
      onChecked: () => {
        this.floor = this.backlog > 0 ? this.oldestWaiting : undefined;
      },
      onLost: (what, queued, cut) => {
        this.removalsSeen++;
        // The lines of the open segment went partly into the removed file, and the rest are written again
        // after the event: the segment is given up, and the event opens the next one (see write), which
        // is sealed at once (the seal covers the event alone). What the writer hands over now goes first
        // into the new file: the event and its seal, then what went into the removed file since the writer
        // last looked and what it queued (`queued`), then the batch (lines formatted after those), all in
        // the order they were formatted, and a seal right after them: the restarted chain covers all of it,
        // so the log's removal leaves nothing unsealed in the new file, and a `lost` event no seal follows
        // at once is forged (chain/verify.ts).
        const later = this.batch.text();
        const laterLink = this.sealedLink;
        const laterLine = this.sealedLine;
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
          options.onLost?.(what, queued, cut);
          if (!this.lostSealed && this.chain && this.lastPlace) {
            // The event is held up in the pipeline (a hold: pipeline/hold.ts): written here, now, as it must
            // be (first thing in the new file, sealed), and not again when it comes.
            this.heldLost++;
            this.write({ time: this.floor ?? this.lastTime, rec: this.lastRec, user: this.lastUser, ...(this.lastOwner === undefined ? {} : { owner: this.lastOwner }), place: this.lastPlace, kind: 'event', text: 'lost', fields: { what, ...cut } });
          }
          if (!this.lostSealed) {
            // No event (no chain, or no onLost that writes one): as before, what it wrote goes first.
            this.flush();
            return false;
          }
          // Hashed in file order, after the event's seal and whatever was written meanwhile.
          this.hashPending();
          this.rewriteSealed(queued + later);
          this.sealRewritten();
          this.handOverInPieces();
          // Once the writer has put it all in its queue (right after onLost): its seals are then noted in order.
          queueMicrotask(() => this.noteSealed());
          return true;
        } finally {
          this.losing = false;
          if (!this.lostSealed) {
            // Anything written after the flush (nothing, as pipe.ts does it) stays after the set-aside lines.
            const after = this.batch.text();
            this.batch.clear();
            this.batch.append(later + after);
            this.sealsInBatch = [];
            this.stampsInBatch = [];
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
    // Noted when nothing waits; kept while anything does (a part may be written meanwhile: then it is earlier than need be, never later).
    if (this.oldestWaiting === undefined || (this.batch.length === 0 && this.log.backlog === 0)) this.oldestWaiting = record.time;
    this.floor ??= record.time;
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
    if (chain && record.kind === 'event' && record.text === 'lost' && (this.losing || this.heldLost === 0)) record = { ...record, fields: { ...record.fields, p: this.keptLink, k: Math.max(1, this.removalsSeen) } };
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
   */
  private rewriteSealed(text: string): void {
    const chain = this.chain!;
    for (let from = 0; from < text.length; ) {
      let room = SEAL_EVERY - 1 - chain.pending;
      if (room <= 0) {
        const last = this.batch.lastLine();
        this.seal(false, 0, last.length > 0 ? stampBefore(last, last.length) : undefined, true);
        room = SEAL_EVERY - 1 - chain.pending;
      }
      let to = from;
      let taken = 0;
      while (taken < room && to < text.length) {
        const end = text.indexOf('\n', to);
        to = end < 0 ? text.length : end + 1;
        taken++;
      }
      this.batch.append(text.slice(from, to));
      chain.count(taken);
      from = to;
      // Stamped as the line before it (older than the reader's newest record).
      if (from < text.length) this.seal(false, 0, stampBefore(text, to), true);
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
   * Hands the batch to the writer in pieces of about BATCH_CHARS, cut between lines: what was written
   * again after a `lost` event may be a whole backlog, and rotation cuts only between pieces.
   */
  private handOverInPieces(): void {
    this.hashPending();
    const text = this.batch.text();
    this.noteHanded();
    this.batch.clear();
    this.unhashed = 0;
    for (let from = 0; from < text.length; ) {
      const end = text.indexOf('\n', Math.min(from + BATCH_CHARS, text.length) - 1);
      const to = end < 0 ? text.length : end + 1;
      this.log.write(text.slice(from, to));
      from = to;
    }
  }

  /** What is appended to the batch next is stamped `time`. */
  private noteStamp(time: number): void {
    const runs = this.stampsInBatch;
    if (runs.length === 0 ? this.stampsHanded.at(-1)?.time !== time : runs[runs.length - 1]!.time !== time) runs.push({ at: this.batch.length, time });
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
      const written = this.log.writtenBytes;
      while (this.stampsHanded.length > 1 && this.stampsHanded[1]!.start <= written) this.stampsHanded.shift();
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
    // Written into a removed file too, and then again after the `lost` event, stamped no earlier than it
    // (an idle pane's seal, made by the timer, goes to the writer without passing through write).
    this.floor ??= record.time;
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

  get backlog(): number {
    return this.log.backlog + this.batch.chars;
  }

  /**
   * A stamp no later than any record the writer may still write, for an
   * event that is put ahead of them (the `lost` event at the head of a new
   * file): stamps in a file must not go back.
   */
  get waitingSince(): number | undefined {
    return this.floor;
  }

  async close(): Promise<void> {
    // The last seal says the recording ended here: a tail cut off later is missing its seal.
    this.seal('close', Date.now());
    this.flush();
    await this.log.close();
  }
}
