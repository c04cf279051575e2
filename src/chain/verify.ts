// Checking a log against its recordings' hash chains (chain/seal.ts), free of
// I/O: fed the lines of one session's files in order (oldest rotated file
// first), it keeps each recording's lines since its last seal, checks each
// seal, and at the end says what is broken, where, and of what kind.
//
// A printed line carries its place, not its recording: it belongs to the
// recording that started at that place and has not stopped (read/recordings.ts
// follows the same rule). Events carry `rec=`.
//
// What the chain does not cover, by design, and how it is read:
// - `stop reason=reader-died` from recover, `stop reason=lost` from sweep: counted as
//   unchained, but bound to the chain by their p= and h= (chain/external-stop.ts); such a
//   stop may follow a last seal with `end=1` (a reader that failed sealed what
//   it had written), once;
// - the `lost` event the reader writes when its log was removed under it, first
//   thing in the new file. Its reader seals it at once, by itself (a seal with
//   n=1 over the event: under the key nobody else can make it), then writes
//   again what it wrote since it last looked at the file and what it had
//   queued (the old chain's lines and seals, a stop among them if the log went
//   as the reader closed), and seals that right after: one segment, opened by
//   the event's seal, up to the seal that links to it, whatever it holds
//   (sinks/file/sink.ts). So the new file is sealed throughout; what the event
//   writes off is the recording's lines since its last seal before it (whose
//   seal went with the removed file): no more than a reader leaves unsealed,
//   else seals were taken out. A `lost` event its seal does not follow at once
//   is a forged event in a recording marked `v=2` (its start and seals): one in
//   an unmarked recording was written by an older tmux-audit, and is read as
//   that version wrote it (the first seal after the event only sets the link;
//   a later seal must cover it), which the report says (chain/older-chain.ts:
//   why the mark cannot be taken out). A reader writes the
//   event first thing in the new file: after its own lines in the same file it
//   is forged. Each is counted: it says earlier lines went with a removed file;
// - a recording whose start is in a file no longer there (pruned by
//   @audit-max-files): checked from its first seal on, the same way. Its
//   lines come first at its place, in the oldest file or (its pane idle, or
//   its reader writing on into a file pruned under it) a later one, where its
//   lines before its first seal are no more than a reader leaves unsealed (or
//   a file a `lost` event opens for it); with the key, a stop hashed plain
//   binds none whose chain is unknown. Its start's own seal (n=1 from GENESIS,
//   in the start's write) goes with the start but for a full disk's retry
//   after another reader's rotation: read without it in a file after the
//   oldest read, the start was taken out (startCutOut); under the key, so was
//   one in the oldest file when that is the log's first (no head mark, no
//   rotation in the ledger: startInOldestFile). When the pruned part cut into what a
//   reader wrote again after a `lost` event, its first `more=1` seal (which
//   links to a pruned one) opens that stretch (see `relost`).

import type { RecordKind } from '../core/record.ts';
import { externalStopHash, TAIL_SLACK_MS } from './external-stop.ts';
import { awayStopDetail } from './seal-file-gone.ts';
import { lastSealLine } from './last-seal.ts';
import { PlaceStamps } from './moved-recording.ts';
import { BAD_TAG, chainVersion, OTHER_VERSION, UNTAGGED_SEAL, UNCOVERED_OLDER_LOST, UNMARKED_SEAL, UNSTAMPED_SEAL, UNSEALED_LOST, UNSEALED_LOST_MARKED_LATER, UNSEALED_LOST_UNMARKED } from './older-chain.ts';
import { GENESIS, KEYED_CHAIN, LINK_HEX, SEAL_EVERY, SEAL_MS, SegmentHash, STAMPED_SEALS_VERSION, TAGGED_SEALS_VERSION } from './seal.ts';
import { replayedSeal, UNTIMED_REPLAY_SLACK_MS } from './replayed-seal.ts';
import { sealInstant } from './epoch-stamps.ts';
import { keylessStop } from './keyless-stop.ts';
import { HEAD_EVENT, HeadMarks } from './head-mark.ts';
import { chainedDigest, DIGEST_EVENT, type ChainedDigest } from './digest-event.ts';
import { runningOwner, sealNotDueYet } from './seal-due.ts';
import { runningSealProblem, sameLog } from './running-seal.ts';
import { lineMovesByStamp, orderOf, pieceRearrangementThatHolds, REARRANGE_LINES, RearrangeBudget } from './segment-moves.ts';
import type { TornBudget } from './torn-attested.ts';
import { sealLogName, sealTag, withoutTag } from './seal-tag.ts';

export type BreakKind = 'edited' | 'inserted' | 'deleted' | 'reordered' | 'truncated' | 'missing file' | 'forged event' | 'unkeyed' | 'wrong key';

export interface Break {
  kind: BreakKind;
  file: string;
  /** 1-based line in `file` where the break shows (the first line of the broken stretch). */
  line: number;
  /** The last line of the stretch (the seal that does not hold), when it is a stretch. */
  endLine?: number;
  /** The file of `endLine`, when it is another. */
  endFile?: string;
  rec: string;
  detail: string;
  /** Files where lines are seen out of their order (a search for renamed files starts there: commands/verify.ts). */
  hint?: string[];
  /**
   * A `reordered` break of two files (`hint`) in whose other order the whole log verifies (commands/verify.ts,
   * renamedPair): the lines their seals cover are as written. Not so of a break the seals' links alone name reordered.
   */
  swapHolds?: true;
}

/** A line of the log as verify sees it. */
export interface VerifyLine {
  file: string;
  /** 1-based. */
  line: number;
  /** The line as written, with its `\n` (a torn last line has none). */
  text: string;
  /** undefined: not a log line. */
  place?: string;
  kind?: RecordKind;
  /** For an event: its name and fields. */
  event?: string;
  fields?: Record<string, string>;
  /** For a text-format event: its text after the mark, as written (what read/line.ts's reader gives as `raw`). */
  raw?: string;
  ms: number;
}

/** How a recording ended, as far as the log tells. */
export type Ending = 'sealed' | 'open' | 'reader-died' | 'lost' | 'truncated';

export interface RecordingReport {
  rec: string;
  place: string;
  lines: number;
  seals: number;
  /** Lines no seal covers: an open recording's tail, a dead reader's last lines, the lines around a `lost` event. */
  unsealed: number;
  ending: Ending;
  /** Its start was not in the files read (pruned, or the files were named one by one). */
  startMissing: boolean;
  /** Lines its seals covered by link only: another recording ran at its place meanwhile. */
  sharedLines: number;
  /** Its chain: `hmac` under a key, `sha256` without (undefined: neither its start nor a seal says). */
  chain: 'hmac' | 'sha256' | undefined;
  /** Written by an older tmux-audit (no `v=` on its start or seals), its `lost` events unsealed: checked the older way. */
  olderLost: boolean;
}

export interface VerifyReport {
  files: number;
  lines: number;
  recordings: RecordingReport[];
  /** Events appended by other processes (not chained). */
  unchained: number;
  /** Removals of the live log that `lost` events tell of (the lines before went with it): each reader that wrote into the removed file writes one, counted once per file they head. */
  lost: number;
  /** Keyed recordings checked without the key: their lines counted and their seals linked, not hashed. */
  needKey: number;
  /** With a key: recordings chained without one (plain SHA-256), checked as such. */
  unkeyed: number;
  /** Recordings written by an older tmux-audit whose `lost` events were checked the older way (chain/older-chain.ts). */
  olderLost: number;
  /** With a key: keyed seals that hold by their hash under it (chain/key-match.ts: one says the key is the log's). */
  keyedHeld: number;
  /** With a key: the files read whose head mark holds under it (chain/head-mark.ts). */
  marked: string[];
  /**
   * Rotated files' digests from `digest` events in stretches their seals hold by hash (chain/digest-event.ts), by
   * rotated part (the name's, `.gz` left off): the last one read of each. Under a key, only keyed recordings'.
   */
  digests: Map<string, ChainedDigest>;
  breaks: Break[];
}


/**
 * Why `segment` (a recording's lines since its last seal, that seal's own line or its start first) is
 * more than a reader leaves unsealed (under SEAL_EVERY lines, within SEAL_MS), said of it `where`; or
 * undefined.
 */
function unsealedTail(segment: readonly VerifyLine[], where: string): string | undefined {
  const tail = segment.filter((line, i) => i > 0 || (line.event !== 'seal' && line.event !== 'start'));
  if (tail.length >= SEAL_EVERY) return `${tail.length} line(s) after the last seal ${where}: more than a reader leaves unsealed (${SEAL_EVERY - 1})`;
  const first = tail[0]?.ms ?? 0;
  const latest = tail.reduce((most, line) => Math.max(most, line.ms), first);
  if (latest - first > SEAL_MS + TAIL_SLACK_MS) return `the lines after the last seal span ${Math.round((latest - first) / 1000)} s ${where}: a reader seals within ${SEAL_MS / 1000} s`;
  return undefined;
}

/**
 * Whether `seal` is the one a reader writes over its recording's start alone, in the same write as the start: n=1
 * from GENESIS, not a last seal, of a chain marked v=3 or later (readers seal the start at once since before v=3;
 * an unmarked or v=2 chain may be an older reader's, whose first seal came later, perhaps in another file). Under
 * the key its v= and p= are bound (its e=, and the next seal's hash over its line).
 */
function startsOwnSeal(seal: VerifyLine): boolean {
  return seal.fields?.p === GENESIS && seal.fields.n === '1' && seal.fields.end === undefined && (chainVersion(seal) ?? 0) >= STAMPED_SEALS_VERSION;
}

class RecordingState {
  segment: VerifyLine[] = [];
  /** The last seal's h as linked (LINK_HEX digits); undefined before the first seal. */
  prev: string | undefined;
  /** The next seal covers its last n lines only (when the start is missing), or may (after a `lost`). */
  resync: boolean;
  /** A `lost` event no seal has covered yet (see the header), and how many seals came since. */
  lost: VerifyLine | undefined;
  sealsSinceLost = 0;
  /** A `lost` event just read: the recording's next line must be the seal that covers it alone. */
  pendingLost: VerifyLine | undefined;
  /**
   * The link of a `lost` event's seal: what follows it (written again by its reader, then new) is one
   * segment, whatever it holds (seals, a stop, another `lost` event, as they were first written), up
   * to the seal that links to it.
   */
  relost: string | undefined;
  /** While `relost`: a `lost` event heading a file, and then with its seal (`at`: where in the segment): perhaps a later removal's (see nestedLoss). */
  innerLost: VerifyLine | undefined;
  inner: { seal: VerifyLine; at: number } | undefined;
  /** It had ended when a `lost` event came (the log removed as its reader closed): it ends again at the seal after it. */
  reopened = false;
  /** The lines since its last seal when a `lost` event came: what its reader wrote before the log was removed, and no seal here covers. */
  lostTail: VerifyLine[] = [];
  /** The file of its last line read: a `lost` event opens a file. */
  lastFile: string | undefined;
  /** Chained under a key (its start's or first seal's `chain=hmac`); undefined until one says. */
  keyed: boolean | undefined;
  /**
   * Keyed by a reader from before keyed chains were said (`chain=hmac`): nothing marks it, and its seals
   * hold under the key, not plain. Found at its first hashed seal; its seals then say nothing, as they did.
   */
  legacyKeyed = false;
  /** A seal of it held plain: it is no legacy keyed recording. */
  heldPlain = false;
  /**
   * Known only by a dead reader's stop whose plain hash does not hold, read without the key (chain/keyless-stop.ts):
   * taken as keyed only if something else in the log is (see finish), else it is a forged event.
   */
  keylessStop: VerifyLine | undefined;
  /** Its start or a seal says `v=` (chain/older-chain.ts): its `lost` events are sealed at once. */
  marked = false;
  /**
   * Something of it holds under the key: a seal by its hash, a seal's own line by its `e=` (chain/seal-tag.ts), or
   * a dead reader's stop by its keyed h. Under --require-key a recording whose start is in no file read must be.
   */
  proven = false;
  /** The chain version its start or first marked seal says (`v=`): every other seal of it says the same. */
  version: number | undefined;
  /** A seal of it without `v=` was read (the first, where the mark would show first: see seal). */
  unmarkedSeal: VerifyLine | undefined;
  /** Its `lost` events read the older way (no seal followed at once, and no mark seen yet). */
  olderLost: VerifyLine[] = [];
  /** Where it is first seen: where an unkeyed recording is named under --require-key. */
  firstLine: VerifyLine | undefined;
  /** Its start's time as its seals say it (`s=`, chain/seal.ts): where a recording whose start is missing began. */
  startAt: number | undefined;
  lines = 0;
  seals = 0;
  unsealed = 0;
  ended = false;
  externalStop: 'reader-died' | 'lost' | undefined;
  stopped = false;
  /** Its first line read was the `lost` event that opens a log recreated under a running reader. */
  openedByLost = false;
  /** And that event's seal held (under the key, when keyed and given), and it says its start went with the removed log (see settleLost, startCutOut). */
  openedBySealedLost = false;
  lastSeal: VerifyLine | undefined;
  /** Its first seal read: a start-less recording's must be stamped after the oldest file began (chain/replayed-seal.ts). */
  firstSeal: VerifyLine | undefined;
  /** Every seal's link and hash, in file order: to tell reordered files from removed ones at the end. */
  links: { p: string; h: string }[] = [];
  /** The link breaks reported for it (indices into the breaks). */
  linkBreaks: number[] = [];
  /**
   * Another recording ran at its place at the same time (a pane's index taken
   * over after a kill-pane, two `pipe --file` into one file): the printed lines
   * there cannot be told apart, so its seals are checked by their links only
   * until the first seal after it runs alone again.
   */
  shared = false;
  /** Lines its link-only seals covered. */
  sharedLines = 0;
  /**
   * A seal of it held by its hash (its start's, sealed at once by its reader; or any later one): only
   * then does it count toward sharing its place. A start copied under another rec= (or made up) cannot
   * make that seal under the key, so it cannot turn the place's hash checks into link checks.
   */
  confirmed = false;
  /** Its start, read, and its next line not yet: that line is the seal its reader makes over the start alone. */
  pendingStart: VerifyLine | undefined;
  /** A last seal (`end=stop`) waiting for the stop it covers: the recording's next line. */
  awaitingStop: VerifyLine | undefined;
  constructor(
    readonly rec: string,
    readonly place: string,
    readonly startMissing: boolean,
  ) {
    this.resync = startMissing;
  }
}

/** The lines from `from` to `to` (through), as a break names them. */
function span(from: { file: string; line: number }, to: { file: string; line: number }): { file: string; line: number; endLine: number; endFile?: string } {
  return { file: from.file, line: from.line, endLine: to.line, ...(to.file === from.file ? {} : { endFile: to.file }) };
}

/**
 * Events another process appends: not in any chain. (The hooks' notes —
 * rename, window-rename, attach, switch, detach — are recorded by the reader
 * itself, chained like any line: runtime/notes.ts.)
 */
function external(v: VerifyLine): 'reader-died' | 'lost' | undefined {
  if (v.event === 'stop' && (v.fields?.reason === 'reader-died' || v.fields?.reason === 'lost')) return v.fields.reason;
  return undefined;
}

/** Why a broken stretch's kind was not searched for, past the run's budget (segment-moves.ts RearrangeBudget). */
const SEARCH_SPENT = 'this verify run\'s search for moves is spent';

export interface VerifyOptions {
  /** The chain key (HMAC), when the log was written with one. */
  key?: Buffer;
  /** The SHA-256 (hex) of a file's first `size` bytes as it holds them, undefined when it holds fewer; it may throw (a head mark's digest of an earlier file is over its bytes, not its text). */
  prefixDigest?: (file: string, size: number) => string | undefined;
  /** Recordings whose reader is running: an unsealed tail is theirs to seal yet. */
  live?: ReadonlySet<string>;
  /** A recording chained without a key is a break (`unkeyed`): whoever can write the log could have rewritten it. */
  requireKey?: boolean;
  /**
   * Unmarked recordings' `lost` events are read the way an older tmux-audit wrote them (chain/older-chain.ts).
   * Off by default: without the mark nothing proves a recording is older, so a forger would write that shape.
   */
  older?: boolean;
  /** Running recordings' last seals as their readers noted them (chain/running-seal.ts), parsed as lines of their logs. */
  liveSeals?: ReadonlyMap<string, VerifyLine>;
  /** Running recordings' logs (the live file each one's run file names): one of another log is not running in this one (chain/running-seal.ts). */
  liveLogs?: ReadonlyMap<string, string>;
  /** The rotated-files ledger says under the key that the log was rotated (sinks/file/ledger-names.ts rotatedUnderKey): see startInOldestFile. */
  ledgerRotated?: boolean;
  /** The time verify runs (epoch ms): a running recording whose first seal is not due yet is given until it is (chain/seal-due.ts). */
  now?: number;
  /**
   * Only whether the log holds is asked (a try of another order of its files: chain/renamed-files.ts): a
   * stretch that does not hash to its seal is not searched for the move that would make it hold (that
   * search hashes the stretch again thousands of times, and each try that breaks would run it).
   */
  holdsOnly?: boolean;
  /** The hashing the search for moves may still do in this verify run (segment-moves.ts); a verifier of its own when not given. */
  rearrange?: RearrangeBudget;
  /** The moves settling torn starts may still make (torn-attested.ts): one for a log's every settling when not given. */
  tornMoves?: TornBudget;
}

/** How much later than the earliest line a seal vouches for (see earliestHeldMs) a missing start may be stamped and still be taken as pruned (see startCutOut). */
const START_SLACK_MS = 1000;

export class ChainVerifier {
  private readonly recordings = new Map<string, RecordingState>();
  /** The recordings running at each place, oldest first: a printed line there belongs to the newest (see `shared`). */
  private readonly running = new Map<string, RecordingState[]>();
  /** Lines at a place with no recording, in the oldest file before any event there: a pruned start's tail, kept for the next seal. */
  private readonly orphans = new Map<string, VerifyLine[]>();
  private readonly breaks: Break[] = [];
  /** A start or seal said `chain=hmac`: the log has keyed recordings (see keylessStop). */
  private keyedChainSeen = false;
  /** Keyed seals that held by their hash under the key given (see VerifyReport.keyedHeld). */
  private keyedHeld = 0;
  /** Stamps going back at a place two recordings share: a recording moved there (chain/moved-recording.ts). */
  private readonly stamps = new PlaceStamps();
  private files: string[] = [];
  private lines = 0;
  private unchained = 0;
  /**
   * The removals `lost` events tell of: one per file they head and per kind (a reader's own, or one written again
   * after a later removal's). Every reader that had written into the removed file writes its own event into the one
   * new file, so two panes' events there are one removal, not two (issue 13 review of fixtrust8, F3).
   */
  private readonly removals = new Set<string>();
  private lastFile: string | undefined;
  /**
   * The earliest stamp of a line a seal vouches for by its hash (or a keyed seal's own line, by its e=): a start
   * later than this (and a little) was in the files read (see startCutOut). Not the oldest file's first line: no
   * seal vouches for that (a pruned start's leftovers, checked by links only; a file planted with an old-looking
   * name), and a later stamp put there would switch the check off (issue 13 review of fixtrust8, F1). Lines that
   * hold can only lower it: adding some (a recording made up, chained plain) makes the check stricter, not laxer.
   */
  private earliestHeldMs: number | undefined;
  /**
   * The oldest file's first log line's time: only for telling a seal replayed from a pruned file (replayed). Not earliestHeldMs: a replayed seal holds by its e=, so it lowers that to its own stamp; nor the
   * earliest line held by a hash: an honest pruned-start recording's first seal can come long before any segment
   * held whole. Its first line, or the earliest line a seal holds by its hash if earlier: a leftover first line
   * restamped later (no seal checks it) must not make honest seals look replayed. Made-up lines stamped early at
   * the very head of the oldest file lower it (replayed-seal.ts says so).
   */
  private oldestFirstMs: number | undefined;
  /** The earliest stamp of a line a seal holds by its hash (not by a seal's own e=): see oldestFirstMs. */
  private earliestHashedMs: number | undefined;
  /**
   * The oldest file's lines are no instants (chain/epoch-stamps.ts: its seals say t=), so oldestFirstMs is
   * none: a replayed seal is told by the seals' t= instead (see replayed).
   */
  private oldestUntimed = false;
  /** The line number of the oldest file's first line that is not a seal or a stop. */
  private oldestFirstLine: number | undefined;
  /** The earliest t= (in an untimed log: its ms) of a seal that holds by its hash, not by its e= (see replayed). */
  private earliestHashedSealMs: number | undefined;
  /** The oldest file's first log line is a `lost` event: a reader made that file after the log was removed (no rotation, no head mark). */
  private oldestOpensLost: boolean | undefined;
  /** Whether every recording with a line in the oldest file is keyed by a reader that writes head marks (see startInOldestFile); computed once, at the end. */
  private oldestMarkWriters: boolean | undefined;

  /** Rotated files' digests the chain holds (VerifyReport.digests). */
  private readonly digests = new Map<string, ChainedDigest>();

  /** The files' head marks (chain/head-mark.ts): the oldest file's start, proven under the key, when it has one. */
  private readonly heads: HeadMarks;

  /** What the search for moves may still hash (segment-moves.ts). */
  private readonly rearrange: RearrangeBudget;

  constructor(private readonly options: VerifyOptions = {}) {
    this.heads = new HeadMarks(options.key, options.prefixDigest);
    this.rearrange = options.rearrange ?? new RearrangeBudget();
  }

  /** Whether a break was found so far (some are found only by `finish`). */
  get broken(): boolean {
    return this.breaks.length > 0;
  }

  /** A file of the log that is known to have been there and is not (a rotated file named in a seal, a file named on the command line). */
  push(v: VerifyLine): void {
    if (v.file !== this.lastFile) {
      this.files.push(v.file);
      this.lastFile = v.file;
    }
    this.lines++;
    if (v.fields?.chain === KEYED_CHAIN && (v.event === 'start' || v.event === 'seal')) this.keyedChainSeen = true;
    if (this.files.length === 1) this.heads.line(v);
    // Written by a rotating writer outside every chain: checked on its own (chain/head-mark.ts).
    if (v.event === HEAD_EVENT && v.place !== undefined) {
      this.unchained++;
      this.heads.see(v);
      return;
    }
    if (this.files.length === 1 && this.oldestOpensLost === undefined && v.place !== undefined) this.oldestOpensLost = v.event === 'lost';
    if (this.files.length === 1 && this.oldestFirstLine === undefined && v.place !== undefined && v.event !== 'seal' && v.event !== 'stop') this.oldestFirstLine = v.line;
    // Not a seal or a stop: a replayed seal (with its stop) put at the very head would set the reference to its own stamp.
    if (this.files.length === 1 && this.oldestFirstMs === undefined && v.place !== undefined && v.event !== 'seal' && v.event !== 'stop') {
      if (Number.isFinite(v.ms)) this.oldestFirstMs = v.ms;
      else if (v.kind !== undefined && v.text.charCodeAt(0) !== 0x7b) this.oldestUntimed = true;
    }
    if (v.place === undefined) {
      const torn = !v.text.endsWith('\n');
      this.breaks.push({ kind: torn ? 'truncated' : 'inserted', file: v.file, line: v.line, rec: '', detail: torn ? 'the file ends in the middle of a line' : 'not a log line' });
      return;
    }
    // A start beside a recording running at its place (one that holds: see `confirmed`) makes the place shared.
    if (v.event === 'start' && v.fields?.rec !== undefined && !this.recordings.has(v.fields.rec) && this.confirmedAt(v.place) > 0) this.stamps.share(v.place);
    const back = this.stamps.see(v.place, v.ms);
    if (back !== undefined) {
      this.breaks.push({
        kind: 'reordered',
        file: v.file,
        line: v.line,
        rec: v.fields?.rec ?? this.current(v.place)?.rec ?? '',
        detail: `stamped ${Math.round(back / 1000)} s before a line before it at ${v.place}, where two recordings ran: a recording (or its lines) moved here from elsewhere in the log`,
      });
    }
    if (v.kind === 'event') this.event(v);
    else this.printed(v);
  }

  private printed(v: VerifyLine): void {
    const state = this.current(v.place!);
    if (!state) {
      // In any file, not only the oldest: a pane idle through the oldest files left has nothing there, and
      // a reader that wrote on into a rotated file pruned under it has its next lines in a later file.
      if (!this.seenEventAt.has(v.place!)) {
        const kept = this.orphans.get(v.place!) ?? [];
        kept.push(v);
        this.orphans.set(v.place!, kept);
        return;
      }
      this.breaks.push({ kind: 'inserted', file: v.file, line: v.line, rec: '', detail: `a line at ${v.place} where no recording is running` });
      return;
    }
    this.take(state, v);
  }

  private readonly seenEventAt = new Set<string>();

  /**
   * An event of a recording whose start is in no file read, before any seal of it, where no other
   * recording's events came: read like its lines (held at its place, covered by its next seal, which
   * then takes them). Its reader chains it like any line: a pane whose start was pruned, renamed (a
   * `rename` event) before its first seal in the files left, is no forgery (issue 13, review of
   * fixtrust9, finding 2). Not a seal, a `lost` event or a stop: each has its own rules. Only after the
   * oldest file, where such an event was named before: in the oldest file it opens the recording as it did
   * (a dead reader's stop may end it there without a seal).
   */
  private heldAsLine(v: VerifyLine): boolean {
    if (v.event === 'seal' || v.event === 'lost' || v.event === 'stop') return false;
    // Not an event the place has seen: the seal that takes it must find the place as a pruned start's.
    this.seenEventAt.delete(v.place!);
    const kept = this.orphans.get(v.place!) ?? [];
    kept.push(v);
    this.orphans.set(v.place!, kept);
    return true;
  }

  private take(state: RecordingState, v: VerifyLine): void {
    if (state.pendingLost) this.settleLost(state, v);
    if (state.ended) {
      this.breaks.push({ kind: v.kind === 'event' ? 'forged event' : 'inserted', file: v.file, line: v.line, rec: state.rec, detail: 'after the recording\'s last seal' });
      return;
    }
    state.lines++;
    state.segment.push(v);
    state.lastFile = v.file;
    state.firstLine ??= v;
    if (state.awaitingStop) {
      const seal = state.awaitingStop;
      state.awaitingStop = undefined;
      if (v.event !== 'stop') this.breaks.push({ kind: 'inserted', file: v.file, line: v.line, rec: state.rec, detail: 'the last seal is followed by something other than the stop it covers' });
      else if (seal.text !== lastSealLine(v.text, v.raw, state.rec, { n: Number(seal.fields!.n), p: seal.fields!.p!, h: seal.fields!.h!, ...(seal.fields!.s === undefined ? {} : { s: Number(seal.fields!.s) }), v: chainVersion(seal), chain: seal.fields!.chain, t: sealInstant(seal.fields), e: seal.fields!.e })) {
        // The last seal's line is in no segment: it must be the line the writer makes from the stop it covers (chain/last-seal.ts).
        this.breaks.push({ kind: 'edited', file: seal.file, line: seal.line, rec: state.rec, detail: 'the last seal is not stamped like the stop it covers' });
      }
      this.check(state, seal);
    }
  }

  private event(v: VerifyLine): void {
    const seenBefore = this.seenEventAt.has(v.place!);
    this.seenEventAt.add(v.place!);
    const rec = v.fields?.rec;
    if (rec === undefined) {
      this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: '', detail: `${v.event ?? 'an'} event without rec=` });
      return;
    }
    let state = this.recordings.get(rec);
    if (state && !external(v)) {
      // A `lost` event's seal, or what a reader wrote again after one: see settleLost and `relost`.
      if (state.pendingLost && this.settleLost(state, v)) return;
      if (state.relost !== undefined) {
        const innerLost = state.innerLost;
        state.innerLost = undefined;
        if (v.event === 'seal' && v.fields?.p === state.relost) {
          if (state.inner && !this.holdsAsWritten(state, v)) return this.nestedLoss(state, v);
          state.relost = undefined;
          state.inner = undefined;
          if (v.fields?.more === '1') {
            // What the reader writes again goes on after this seal (sinks/file/sink.ts: rewriteSealed): still one stretch, from this seal on.
            this.seal(state, v);
            if (!state.ended && !state.awaitingStop) state.relost = state.prev;
            return;
          }
        } else if (innerLost && v.event === 'seal' && !state.links.some((link) => link.h === v.fields?.h?.slice(0, LINK_HEX)) && this.sealsLost(state, innerLost, v)) {
          // A later removal's `lost` event, sealed, heading a file while the stretch an earlier one opened is
          // still open (its closing seal went with a removed file, or comes later in what is written again):
          // it replaces that stretch, whose lines are written off like any real `lost` event's. Not a copy
          // written again after another event: its seal is one not seen yet.
          state.segment.pop();
          state.lines--;
          state.relost = undefined;
          state.inner = undefined;
          this.keptSeal(state, innerLost);
          state.pendingLost = innerLost;
          state.lostTail = state.segment;
          state.unsealed += state.segment.length;
          state.segment = [];
          this.settleLost(state, v);
          return;
        } else {
          if (v.event === 'lost') {
            // An earlier removal's event, written again after a later one's (the new file removed too): counted.
            this.removals.add(`${v.file}\0again`);
            // Or a later removal's, heading a file (what was written again crossed a rotation, then the newest file went too).
            if (state.lastFile !== v.file) state.innerLost = v;
          } else if (innerLost && v.event === 'seal' && this.sealsLost(state, innerLost, v)) state.inner = { seal: v, at: state.segment.length };
          this.take(state, v);
          return;
        }
      }
    }
    if (v.event === 'start') {
      if (state?.openedByLost && state.lines === 0 && state.seals === 0) {
        // The log was removed just after the start: the writer wrote the start again into the new file,
        // after the `lost` event that opens it (sinks/file/writer.ts). The next seal covers its last n lines.
        if (chainVersion(v) !== undefined) {
          state.marked = true;
          this.noteVersion(state, v);
        }
        this.take(state, v);
        return;
      }
      if (state) {
        this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a second start of the recording' });
        return;
      }
      state = new RecordingState(rec, v.place!, false);
      state.keyed = v.fields?.chain === KEYED_CHAIN;
      state.marked = chainVersion(v) !== undefined;
      state.version = chainVersion(v);
      this.recordings.set(rec, state);
      this.run(state);
      this.take(state, v);
      state.pendingStart = v;
      return;
    }
    if (state?.pendingStart) this.settleStart(state, v);
    const outside = external(v);
    if (!state) {
      // Its start is in no file read: from a pruned file (only the oldest file can hold such), or forged.
      if (outside || v.event !== 'seal') {
        if (outside) this.unchained++;
        // Its seal will tell; until then the event is kept like a line.
      }
      // The rest of a recording whose start went with a pruned file comes first at its place (in the oldest
      // file, or later when its pane was idle meanwhile, or its reader wrote on into a file pruned under it);
      // after another recording's events there, only a `lost` event (its start went with a removed log)
      // opens a recording without its start. (A bare dead reader's stop is no content, and is bound to the
      // chain: recover may write it long after the start was pruned.)
      // After the oldest file its first event is a seal (a pane idle, or a reader writing on into a file pruned
      // under it, had sealed what it wrote before: what follows is under SEAL_EVERY lines and SEAL_MS).
      if (!seenBefore && !outside && this.files.length > 1 && this.heldAsLine(v)) return;
      if (v.event !== 'lost' && !outside && (seenBefore || (this.files.length > 1 && v.event !== 'seal'))) {
        this.breaks.push({
          kind: 'forged event',
          file: v.file,
          line: v.line,
          rec,
          detail: seenBefore
            ? `${v.event ?? 'an'} event of a recording whose start is in no file read, at a place where another recording's events came before (the rest of a recording whose start was pruned comes first at its place)`
            : `${v.event ?? 'an'} event of a recording whose start is in no file read, after the oldest file (the rest of a recording whose start was pruned opens there with a seal)`,
        });
      }
      state = new RecordingState(rec, v.place!, true);
      state.openedByLost = v.event === 'lost';
      this.recordings.set(rec, state);
      if (!this.current(v.place!)) this.run(state);
      const orphans = this.orphans.get(v.place!);
      if (orphans) {
        this.orphans.delete(v.place!);
        for (const line of orphans) {
          // Held like a line (heldAsLine) only for its own recording's seal to cover: not another's, nor a bare
          // dead reader's stop (bound to the chain by p= and h= alone, which anyone computes without a key).
          if (line.kind === 'event' && (line.fields?.rec !== rec || v.event !== 'seal')) this.breaks.push({ kind: 'forged event', file: line.file, line: line.line, rec: line.fields?.rec ?? '', detail: line.fields?.rec !== rec ? `${line.event ?? 'an'} event at ${line.place} before the first seal there, which is another recording's` : `${line.event ?? 'an'} event of a recording whose start is in no file read, no seal of which covers it (the rest of a recording whose start was pruned is sealed)` });
          else this.take(state, line);
        }
      }
      if (outside) {
        this.externalEvent(state, v, outside);
        return;
      }
    }
    if (outside) {
      this.unchained++;
      this.externalEvent(state, v, outside);
      return;
    }
    if (v.event === 'seal') {
      const stretch = v.fields?.more === '1' && state.startMissing && !state.confirmed && state.relost === undefined && v.fields?.p !== state.prev;
      this.seal(state, v);
      // What follows it is one stretch up to the seal that links to it (as after a `lost` event's seal).
      if (stretch && !state.ended && !state.awaitingStop) state.relost = state.prev;
      return;
    }
    if (v.event === 'lost') {
      // Written by the reader, out of its chain's order: see the header.
      const cut = v.fields?.what === 'cut';
      if (cut) {
        // Its reader found the file it holds smaller than it had left it (sinks/file/writer.ts: prepare): the file
        // was cut, in place. The event is the only trace (the file left, and the seals after it, verify as a log).
        // The lines before it in this file, if any are left, are the cut's, not a sign of a forged event.
        this.breaks.push({ kind: 'truncated', file: v.file, line: v.line, rec, detail: `the file was cut while the recording's reader wrote into it: it had held ${v.fields?.held ?? 'more'} bytes, and held ${v.fields?.left ?? 'fewer'} when the reader looked; what it held is gone` });
      } else this.removals.add(`${v.file}\0own`);
      if (!cut && state.lastFile === v.file && !state.ended) {
        this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec, detail: 'a lost event after the recording\'s own lines in the same file (its reader writes it first thing in a new file)' });
        return;
      }
      if (!cut) this.keptSeal(state, v);
      // An older reader's chain restarted at its event, so a seal came to cover it within two (chain/older-chain.ts).
      if (!state.marked && state.lost !== undefined && state.sealsSinceLost >= 2) this.uncoveredLost(state, state.lost);
      // Its reader seals it at once, by itself: the recording's next line is that seal (settleLost).
      state.pendingLost = v;
      state.lostTail = state.segment;
      if (state.ended) {
        // After the recording's last seal (the log removed as its reader closed): sealed all the same.
        state.ended = false;
        state.reopened = true;
        return;
      }
      // Until then, and for good if it is not sealed (a recording by an older tmux-audit), the
      // lines since the last seal count as unsealed, and the first seal after it only sets the link.
      state.resync = true;
      state.unsealed += state.segment.length;
      state.segment = [];
      state.lost = v;
      state.sealsSinceLost = 0;
      return;
    }
    if (v.event === 'stop') {
      state.stopped = true;
      this.take(state, v);
      this.leave(state);
      return;
    }
    this.take(state, v);
  }

  /**
   * The recording's next line `v` after a `lost` event: whether it is the seal its reader makes at
   * once over the event alone (n=1, its hash over the event: under the key, nobody else can make it),
   * taken then. Else the event is a break (`forged event`) in a recording marked `v=2`; in an unmarked
   * one (an older tmux-audit's) it is read as that version wrote it (chain/older-chain.ts).
   */
  private settleLost(state: RecordingState, v: VerifyLine): boolean {
    const lost = state.pendingLost!;
    state.pendingLost = undefined;
    if (v.event === 'seal' && this.sealsLost(state, lost, v)) {
      this.noteMark(state, v);
      this.confirm(state);
      this.held([lost]);
      // Its reader had no seal in a rotated file (`p=` GENESIS, covered by the seal: sinks/file/sink.ts, keptLink): its
      // start, sealed at once, was in the removed file. One that names a seal had its start in a rotated file: a
      // recording whose every line before the event is in no file read is then checked like any other (startCutOut).
      if (state.openedByLost && state.seals === 0 && lost.fields?.p === GENESIS) state.openedBySealedLost = true;
      const link = v.fields!.h!.slice(0, LINK_HEX);
      state.seals++;
      state.links.push({ p: v.fields!.p!, h: link });
      state.prev = link;
      state.lastSeal = v;
      state.lastFile = v.file;
      state.segment = [v];
      state.relost = link;
      state.resync = false;
      state.lost = undefined;
      state.sealsSinceLost = 0;
      state.reopened = false;
      // Those lines were sealed by a seal that went with the removed file: no more than a reader leaves
      // unsealed, else seals before the event were taken out, and their lines written off with it.
      const long = state.shared ? undefined : unsealedTail(state.lostTail, 'before a lost event');
      if (long) {
        const from = state.lostTail[0]!;
        this.breaks.push({ kind: 'deleted', ...span(from, lost), rec: state.rec, detail: `${long}: seals before the event were removed` });
      }
      state.lostTail = [];
      return true;
    }
    state.lostTail = [];
    // Not sealed: forged in a recording whose chain says it seals them; read the older way in one that does not
    // (yet: a mark seen later makes it forged after all, at the end).
    if (state.marked) this.breaks.push({ kind: 'forged event', file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST });
    else if (!this.options.older) this.breaks.push({ kind: 'forged event', file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST_UNMARKED });
    else state.olderLost.push(lost);
    if (state.reopened) {
      state.reopened = false;
      state.ended = true;
    }
    return false;
  }

  /**
   * The recording's next event `v` after its start: when it is the seal its reader makes at once over the
   * start alone (n=1 from GENESIS), the printed lines read between them at its place were another
   * recording's (its own come after that seal): they go back to the one that ran there before it.
   * Otherwise (a start from before starts were sealed, or not its reader's) nothing changes: it counts
   * toward sharing its place only once a later seal holds by its hash.
   */
  private settleStart(state: RecordingState, v: VerifyLine): void {
    const start = state.pendingStart!;
    state.pendingStart = undefined;
    if (v.event !== 'seal' || v.fields?.p !== GENESIS || v.fields?.end !== undefined || state.segment[0] !== start || !this.sealsLost(state, start, v)) return;
    const others = state.segment.slice(1);
    if (others.length === 0) return;
    state.segment = [start];
    state.lines -= others.length;
    const states = this.running.get(state.place) ?? [];
    const before = states[states.indexOf(state) - 1];
    for (const line of others) {
      if (before) this.take(before, line);
      else this.breaks.push({ kind: 'inserted', file: line.file, line: line.line, rec: '', detail: `a line at ${line.place} where no recording is running` });
    }
  }

  /** Whether `seal` covers the recording's lines since its last seal exactly as they stand. */
  private holdsAsWritten(state: RecordingState, seal: VerifyLine): boolean {
    if (Number(seal.fields?.n) !== state.segment.length) return false;
    if (state.keyed === true && this.options.key === undefined) return true;
    return this.holdsFor(state.segment, seal.fields!.p!, seal.fields!.h!, state.keyed ? this.options.key : undefined);
  }

  /**
   * What a reader wrote again after a `lost` event crossed a rotation, and the newest file was removed
   * too before the writer looked at it: a second `lost` event (and its seal, which holds) heads a file
   * within the stretch the first event's seal opened, and the seal that closes that stretch (`v`, written
   * again after the second event) no longer holds: part of what it covers went with the second removed
   * file. The stretch up to the second event is written off like the lines before any real `lost` event
   * (no more than a reader leaves unsealed), and the second event's seal opens the stretch read from then
   * on, `v` among its lines.
   */
  private nestedLoss(state: RecordingState, v: VerifyLine): void {
    const inner = state.inner!;
    state.inner = undefined;
    const event = state.segment[inner.at - 1];
    if (event?.event === 'lost') this.keptSeal(state, event);
    const before = state.segment.slice(0, inner.at - 1);
    const long = state.shared ? undefined : unsealedTail(before, 'before a lost event');
    if (long) this.breaks.push({ kind: 'deleted', ...span(before[0]!, inner.seal), rec: state.rec, detail: `${long}: seals before the event were removed` });
    state.unsealed += before.length;
    const link = inner.seal.fields!.h!.slice(0, LINK_HEX);
    state.segment = state.segment.slice(inner.at);
    state.relost = link;
    state.seals++;
    state.links.push({ p: inner.seal.fields!.p!, h: link });
    state.prev = link;
    state.lastSeal = inner.seal;
    this.take(state, v);
  }

  /**
   * A `lost` event names (`p=`, covered by its seal) the recording's last seal its reader knew to be in a
   * rotated file, which the removal of the live log leaves (sinks/file/sink.ts: keptLink): it must be the
   * recording's last seal before the event, so that the lines the event writes off are counted from it.
   * Else rotated files before the event were deleted (the event, which the log's owner can bring about
   * with `rm`, taken for the cause of the gap). Not for a recording whose start and seals before the
   * event are in no file read (pruned, or the files named one by one), nor for an event without p= (older).
   */
  private keptSeal(state: RecordingState, v: VerifyLine): void {
    const named = v.fields?.p;
    if (named === undefined || (state.startMissing && state.seals === 0)) return;
    const last = state.links[state.links.length - 1]?.h ?? GENESIS;
    if (named === last) return;
    const present = named !== GENESIS && state.links.some((link) => link.h === named);
    const from = state.lastSeal ?? state.firstLine ?? v;
    this.breaks.push({
      kind: present ? 'deleted' : 'missing file',
      ...span(from, v),
      rec: state.rec,
      detail: present
        ? `the lost event names the seal ${named} as its reader's last in a rotated file, and seals of the recording after it come before the event`
        : named === GENESIS
          ? 'the lost event says its reader had no seal in a rotated file, and seals of the recording come before it'
          : `the lost event names a seal (${named}) that is not in the log before it: files of the log before the event removed?`,
    });
  }

  /** Whether `seal` is the one a reader makes right after the `lost` event: by itself, over the event. */
  private sealsLost(state: RecordingState, lost: VerifyLine, seal: VerifyLine): boolean {
    const n = Number(seal.fields?.n);
    const p = seal.fields?.p ?? '';
    const h = seal.fields?.h ?? '';
    if (n !== 1 || seal.fields?.end !== undefined || seal.place !== lost.place || !/^[0-9a-f]+$/.test(h) || !/^[0-9a-f]+$/.test(p)) return false;
    const keyed = seal.fields?.chain === KEYED_CHAIN;
    if (state.keyed !== undefined && !state.legacyKeyed && state.keyed !== keyed) return false;
    state.keyed ??= keyed;
    // A keyed recording checked without the key: nothing is hashed (see check).
    if (keyed && this.options.key === undefined) return true;
    const holds = this.holdsFor([lost], p, h, keyed ? this.options.key : undefined);
    if (holds && !keyed) state.heldPlain = true;
    return holds;
  }

  /**
   * Whether the recording's chain carries the mark (`v=`), from a seal `v` of it: every seal of a marked
   * recording does (chain/older-chain.ts); one without it among marked ones had it taken out.
   */
  private noteMark(state: RecordingState, v: VerifyLine): void {
    if (chainVersion(v) !== undefined) {
      if (!state.marked && state.unmarkedSeal) this.unmarked(state, state.unmarkedSeal);
      state.marked = true;
      this.noteVersion(state, v);
      // Since v=3 every seal says its start's time: one without it had it taken out (from the last seal, which no
      // later seal hashes, to pass a start cut out of a later file off as a pruned one: see startCutOut).
      if (chainVersion(v)! >= STAMPED_SEALS_VERSION && v.fields?.s === undefined) this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: UNSTAMPED_SEAL });
      this.checkTag(state, v);
    } else if (state.marked) this.unmarked(state, v);
    else state.unmarkedSeal ??= v;
  }

  /**
   * A keyed seal of v=3 or later, with the key: its `e=` must bind its own line (chain/seal-tag.ts), else the line
   * was rewritten (its s=, its v=, its place or stamp) or made without the key. One that holds proves the recording.
   */
  private checkTag(state: RecordingState, v: VerifyLine): void {
    const key = this.options.key;
    if (key === undefined || v.fields?.chain !== KEYED_CHAIN || !(chainVersion(v)! >= TAGGED_SEALS_VERSION)) return;
    const e = v.fields.e;
    const line = e === undefined || !/^[0-9a-f]+$/.test(e) ? undefined : withoutTag(v.text, e);
    if (line !== undefined && sealTag(line, key, sealLogName(v.file)) === e) {
      state.proven = true;
      this.held([v], true);
      return;
    }
    this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: e === undefined ? UNTAGGED_SEAL : BAD_TAG });
  }

  /** A start or seal's `v=` against the recording's (the first said): one that says another was rewritten (v=3 made v=2, to drop `s=`). */
  private noteVersion(state: RecordingState, v: VerifyLine): void {
    const version = chainVersion(v)!;
    if (state.version === undefined) state.version = version;
    else if (state.version !== version) this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: OTHER_VERSION });
  }

  private unmarked(state: RecordingState, v: VerifyLine): void {
    this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: UNMARKED_SEAL });
  }

  /** An older reader's `lost` event no seal covered where its restarted chain would have (the rule verify applied before trust5). */
  private uncoveredLost(state: RecordingState, lost: VerifyLine): void {
    // Without the key a keyed recording's seals are not hashed: which seal covers the event is a guess by counts (see check).
    if (state.keyed === true && this.options.key === undefined) return;
    this.breaks.push({ kind: 'forged event', file: lost.file, line: lost.line, rec: state.rec, detail: UNCOVERED_OLDER_LOST });
  }

  /**
   * The recording a printed line at `place` belongs to: the newest running there, but one not confirmed
   * (see `confirmed`: a start copied under another rec=, or one from before starts were sealed) does not
   * take the lines of a confirmed one, which are then checked by their hash as before it came.
   */
  private current(place: string): RecordingState | undefined {
    const states = this.running.get(place);
    if (!states) return undefined;
    for (let i = states.length - 1; i >= 0; i--) if (states[i]!.confirmed) return states[i];
    return states[states.length - 1];
  }

  private run(state: RecordingState): void {
    const states = this.running.get(state.place) ?? [];
    states.push(state);
    this.running.set(state.place, states);
    this.markShared(state.place);
  }

  /** Recordings running at `place` that count toward sharing it (see `confirmed`). */
  private confirmedAt(place: string): number {
    return this.running.get(place)?.filter((other) => other.confirmed).length ?? 0;
  }

  /**
   * Whether `other`, running at `state`'s place, makes it shared. Under the key a keyed recording's seals are
   * anyone's to check, a plain recording's anyone's to make: a plain one made up at a keyed one's place (a start
   * and its seal, a last seal and a stop: a SHA-256 chain) would switch its hash checks off, and with them the
   * digests of rotated files its chain holds (review of digest13s). Only a recording whose seals hold under the
   * key shares a keyed one's place, or a plain one that was running there before it started: a pane's reader
   * draining while the next one starts, once a key was configured between them (a key is configured, not taken
   * away, so the plain one is the older). A keyed one that started first is not shared by a plain one that
   * started after: the printed lines go to that newest, and the keyed seals are hashed over what is left.
   */
  private sharesWith(state: RecordingState, other: RecordingState): boolean {
    if (other === state || !other.confirmed) return false;
    if (state.keyed !== true || this.options.key === undefined || other.keyed === true) return true;
    const states = this.running.get(state.place) ?? [];
    return states.indexOf(other) < states.indexOf(state);
  }

  /** Another recording running at `state`'s place shares it (see sharesWith). */
  private sharedNow(state: RecordingState): boolean {
    return state.confirmed && (this.running.get(state.place) ?? []).some((other) => this.sharesWith(state, other));
  }

  /** Confirmed recordings running at one place: each one another shares (see sharesWith) has its seals checked by links only until it runs alone again. */
  private markShared(place: string): void {
    for (const state of this.running.get(place) ?? []) if (this.sharedNow(state)) state.shared = true;
  }

  private confirm(state: RecordingState): void {
    // Held by its hash: under the key (when keyed and the key was given), proof of the recording.
    if (state.keyed === true && this.options.key !== undefined) state.proven = true;
    if (state.confirmed) return;
    state.confirmed = true;
    this.markShared(state.place);
  }

  private leave(state: RecordingState): void {
    const states = this.running.get(state.place);
    const at = states?.indexOf(state) ?? -1;
    if (at < 0) return;
    states!.splice(at, 1);
    if (states!.length === 0) this.running.delete(state.place);
  }

  private externalEvent(state: RecordingState, v: VerifyLine, what: 'reader-died' | 'lost'): void {
    // A reader that failed seals what it wrote (`end=1`: pipe.ts closes its pipeline on an uncaught
    // exception) and exits non-zero; recover then writes the stop it could not. That stop is the one
    // thing allowed after such a seal, once: the recording is complete as far as it went.
    const closedBySeal = state.ended && state.lastSeal?.fields?.end === '1' && !state.stopped && !state.externalStop;
    if (!closedBySeal && (state.ended || state.stopped || state.externalStop)) {
      this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: state.rec, detail: `a stop (reason=${what}) of a recording that had ended` });
      return;
    }
    state.externalStop = what;
    this.leave(state);
    this.checkExternalStop(state, v, what);
  }

  /**
   * A dead reader's stop is bound to its chain (chain/external-stop.ts): it
   * names the last seal on disk, and what follows that seal is no more than
   * a reader leaves unsealed. Else the recording was cut, rewritten or
   * invented and closed with a stop of the cutter's making.
   */
  private checkExternalStop(state: RecordingState, v: VerifyLine, what: 'reader-died' | 'lost'): void {
    const p = v.fields?.p;
    const h = v.fields?.h;
    const at = { file: v.file, line: v.line, rec: state.rec };
    // Hashed like the recording's seals; a plain recording's stop may be keyed (recover read a key its reader could not), and anyone could hash it plain anyway.
    const key = this.options.key;
    // A recording whose chain is unknown (neither a start nor a seal of it read): with the key, only a keyed
    // stop binds it, else anyone who can write the log could invent a recording or rewrite one as start-less
    // pieces, each closed by a stop they hashed plain; without the key, a plain stop binds it as plain (unkeyed).
    const away = v.fields?.away;
    const bound = (hash: string): boolean => {
      // Bound under the key: proof of the recording (see `proven`).
      if (key !== undefined && externalStopHash(p!, state.rec, what, key, away) === hash) return (state.proven = true);
      if (state.keyed === true) return key === undefined && /^[0-9a-f]+$/.test(hash);
      if (state.keyed === undefined && key !== undefined) return false;
      const unknown = state.keyed === undefined ? keylessStop(p!, state.rec, what, hash, away) : externalStopHash(p!, state.rec, what, undefined, away) === hash ? 'plain' : undefined;
      if (unknown === undefined) return false;
      state.keyed = unknown === 'keyed';
      if (state.keyed) state.keylessStop = v;
      return true;
    };
    if (p === undefined || h === undefined || !/^[0-9a-f]+$/.test(p) || !bound(h)) {
      this.breaks.push({ ...at, kind: 'forged event', detail: `a stop (reason=${what}) not bound to the recording's chain (${p === undefined || h === undefined ? 'no p= and h=' : 'its h does not hold'})` });
      return;
    }
    // The reader notes a seal once the writer has drained it to disk, which a flood can hold off for a
    // while: the seal named may be any of the recording's seals in the log, not only its last.
    const unknownStart = state.startMissing && state.seals === 0;
    // Its last seal's file left the log by `rm` or `mv`, not rotation, or was cut in place, and that seal is not read (chain/seal-file-gone.ts).
    const gone = awayStopDetail(v, what, state.links.some((link) => link.h === p));
    if (gone !== undefined) {
      this.breaks.push({ ...at, ...gone });
      return;
    }
    if (p !== GENESIS && !unknownStart && !state.links.some((link) => link.h === p)) {
      const crosses = state.lastSeal !== undefined && state.lastSeal.file !== v.file;
      this.breaks.push({
        ...at,
        kind: crosses ? 'missing file' : 'truncated',
        detail: `the stop (reason=${what}) names a seal (${p}) that is not in the log: ${crosses ? 'a file of the log removed?' : "the recording's end was cut"}`,
      });
      return;
    }
    // What follows the last seal (its own line, or the start, opens the segment): another recording's too, at a shared place.
    if (state.shared) return;
    const long = unsealedTail(state.segment, `before a stop (reason=${what})`);
    if (long) this.breaks.push({ ...at, kind: 'truncated', detail: `${long}: the recording was cut or rewritten` });
  }

  private seal(state: RecordingState, v: VerifyLine): void {
    const n = Number(v.fields?.n);
    const p = v.fields?.p ?? '';
    const h = v.fields?.h ?? '';
    const s = v.fields?.s;
    if (!Number.isSafeInteger(n) || n < 0 || !/^[0-9a-f]+$/.test(h) || !/^[0-9a-f]+$/.test(p) || (s !== undefined && !/^\d{1,16}$/.test(s)) || (v.fields?.t !== undefined && sealInstant(v.fields) === undefined)) {
      this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: state.rec, detail: 'a seal that is not one' });
      return;
    }
    if (v.place !== state.place) {
      // The seal and the line that gave the recording its place disagree, and either may be the odd one: a start torn
      // right after its stamp and glued to another reader's start reads whole as that start at a place with the stamp
      // for its user (`<stamp> <stamp> bob main:0.1 * start`). The break is the stretch from that line, so that verify
      // settles a torn start there too (commands/verify.ts tornSpots: only lines a break names are settled).
      const from = state.firstLine !== undefined && (state.firstLine.file !== v.file || state.firstLine.line !== v.line) ? state.firstLine : undefined;
      const stretch = from === undefined ? { file: v.file, line: v.line } : { file: from.file, line: from.line, endLine: v.line, ...(from.file === v.file ? {} : { endFile: v.file }) };
      const seal = from === undefined ? '' : ` (the seal: line ${v.line}${from.file === v.file ? '' : ` of ${v.file}`}; the place from the first line)`;
      this.breaks.push({ kind: 'forged event', ...stretch, rec: state.rec, detail: `a seal at ${v.place}, not at the recording's place ${state.place}${seal}` });
      return;
    }
    if (state.ended || state.awaitingStop) {
      this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: state.rec, detail: 'a seal after the recording\'s last seal' });
      return;
    }
    state.firstSeal ??= v;
    this.noteMark(state, v);
    if (s !== undefined) {
      // Every seal of a recording says its start's time alike (the writer's one value): one that says another was rewritten.
      if (state.startAt === undefined) state.startAt = Number(s);
      else if (state.startAt !== Number(s)) this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: "a seal that says another start time than the recording's other seals" });
    }
    // Which chain is said by the start (covered by the first seal) and by every seal: one that says
    // otherwise was rewritten (a keyed recording passed off as plain, to be resealed without the key).
    const keyed = v.fields?.chain === KEYED_CHAIN;
    state.firstLine ??= v;
    if (state.keyed === undefined) state.keyed = keyed;
    else if ((state.legacyKeyed ? false : state.keyed) !== keyed) {
      this.breaks.push({ kind: 'edited', file: v.file, line: v.line, rec: state.rec, detail: `a seal ${keyed ? 'under a key' : 'without a key'} in a recording chained ${state.keyed ? 'under one' : 'without one'}` });
    }
    if (v.fields?.end === 'stop') {
      // It covers the stop that follows it: checked when that comes.
      state.awaitingStop = v;
      return;
    }
    this.check(state, v);
  }

  /** Checks a seal against the recording's lines since the last one. */
  private check(state: RecordingState, v: VerifyLine): void {
    const n = Number(v.fields!.n);
    const p = v.fields!.p!;
    const h = v.fields!.h!;
    let segment = state.segment;
    const lost = state.lost;
    // A keyed recording without the key: its lines are counted and its seals linked, nothing is hashed.
    const blind = state.keyed === true && this.options.key === undefined;
    const key = state.keyed ? this.options.key : undefined;
    // The seal that covers a `lost` event: the event, then its last n-1 lines (see the header).
    const coversLost = lost !== undefined && n >= 1 && segment.length >= n - 1 && (blind ? segment.length !== n : this.holdsFor([lost, ...segment.slice(segment.length - (n - 1))], p, h, key));
    // A recording whose start is in no file read (pruned), or the first seal after a `lost` event: it
    // covers lines partly gone, so it only sets the link; the lines before it count as unsealed.
    // Only when lines are missing before it, not for a start edited out of recognition (as many lines).
    // The first `more=1` seal of a stretch written again after a `lost` event whose head was pruned: it links
    // to a seal gone with the pruned file (what it covers is partly gone, and the old chain's seals written
    // again before it are lines): it sets the link, and the stretch is read from it on (see event: relost).
    const prunedStretch = v.fields?.more === '1' && state.startMissing && !state.confirmed && state.relost === undefined && p !== state.prev;
    const linkOnly = !coversLost && ((((state.startMissing && state.seals === 0) || (lost !== undefined && state.sealsSinceLost === 0)) && segment.length < n) || prunedStretch);
    if (linkOnly && state.startMissing && state.seals === 0 && segment[0] !== undefined && segment[0].file !== this.files[0]) {
      // A pruned start's rest after the oldest file: no more than a reader leaves unsealed before this seal.
      const long = unsealedTail(segment, 'of a recording whose start is in no file read, after the oldest file');
      if (long) this.breaks.push({ kind: 'inserted', ...span(segment[0], v), rec: state.rec, detail: long });
    }
    if (coversLost) {
      state.unsealed += segment.length - (n - 1);
      segment = [lost, ...segment.slice(segment.length - (n - 1))];
      state.lost = undefined;
    } else if (linkOnly) {
      state.unsealed += segment.length;
      segment = [];
    } else if (state.resync && lost === undefined && segment.length > n) {
      state.unsealed += segment.length - n;
      segment = segment.slice(segment.length - n);
    }
    if (lost) state.sealsSinceLost++;
    const first = segment[0] ?? v;
    // After a `lost` event the seals before its first one went with the removed file; the seal covering it links to the last one made before it, perhaps gone too.
    const expectedPrev = coversLost || prunedStretch || (lost !== undefined && state.sealsSinceLost === 1) ? undefined : (state.prev ?? (state.resync ? undefined : GENESIS));
    // At a shared place the segment holds the other recording's lines too (and lacks some of its own).
    // Held by its hash, not by a relaxation: what confirms the recording (see `confirmed`).
    let exact = coversLost || (!linkOnly && segment.length === n && (blind || this.holdsFor(segment, p, h, key)));
    let holds = exact || linkOnly || state.shared;
    if (!state.keyed && exact && !coversLost) state.heldPlain = true;
    else if (!holds && state.keyed === false && !state.heldPlain && this.options.key !== undefined && segment.length === n && this.holdsFor(segment, p, h, this.options.key)) {
      // Unmarked, yet it holds under the key (and never held plain): a log keyed before chains were marked.
      // Not a downgrade: a rewrite without the key cannot make it hold under the key.
      state.keyed = true;
      state.legacyKeyed = true;
      holds = true;
      exact = true;
    }
    if (exact) {
      this.confirm(state);
      this.held(segment);
      if (state.keyed === true && !blind && !coversLost && this.options.key !== undefined) this.keyedHeld++;
      // Hashed, not blind; under a key, with it: a plain recording is anyone's to make, and its digest would pass a file refilled.
      if (!blind && (this.options.key === undefined || state.keyed === true)) this.chainedDigests(segment);
      // Held by its hash (hashed, not blind): its t= a reference no replayed seal can set (see replayed).
      if (!blind && !coversLost) for (const line of [...segment, v]) if (line.event === 'seal' && Number.isFinite(line.ms) && !(line.ms >= (this.earliestHashedSealMs ?? Infinity))) this.earliestHashedSealMs = line.ms;
    }
    if (state.shared) state.sharedLines += n;
    const linked = expectedPrev === undefined || expectedPrev === p;
    state.links.push({ p, h: h.slice(0, LINK_HEX) });
    // Lines missing where the stretch since the last seal crosses from one file into another: a file removed.
    const from = state.lastSeal ?? first;
    const crossesFile = from.file !== v.file;
    const lastLine = segment[segment.length - 1];
    const end = lastLine && lastLine.file === v.file && lastLine.line > v.line ? lastLine : v;
    const stretch = { ...span(first, end), rec: state.rec };
    if (!linked) {
      state.linkBreaks.push(this.breaks.length);
      const only = state.shared || blind ? undefined : this.onlySealGone(segment, n, expectedPrev!, p, key);
      // Where the lines before and after the gap are in different files, the seal went with a file of its own, or
      // the end or head of one: a removed rotated file that held just the seal reads the same, and is named so.
      const acrossFiles = only !== undefined && segment[only - 1]!.file !== (segment[only] ?? v).file;
      if (only !== undefined) {
        // Checked up to the seal taken out; what follows it is this seal's, which hashes that seal's own line.
        const after = segment[only] ?? v;
        const before = segment[only - 1]!;
        const unchecked = segment.length - only;
        this.breaks.push({
          kind: acrossFiles ? 'missing file' : 'deleted',
          ...span(after, end),
          rec: state.rec,
          detail: `${acrossFiles ? `the seal between ${before.file}:${before.line} and this line is gone (a file of the log that held only it removed, or cut from the end of one?)` : 'the seal before this line is gone'}: the ${only} line(s) before it hold against the link the next seal names; the ${unchecked} line(s) from here to that seal are not checked (it hashes the removed seal's own line): what else went or changed among them is not known`,
        });
      } else {
        const unchecked = `the ${segment.length} line(s) from ${first.file === v.file ? `line ${first.line}` : `${first.file}:${first.line}`} to this seal are not checked`;
        this.breaks.push({
          ...stretch,
          kind: crossesFile ? 'missing file' : 'deleted',
          detail: crossesFile ? `the seals between ${from.file}:${from.line} and here are gone (a file of the log removed?): ${unchecked}` : `a seal and the lines before it are gone (or lines around it changed too): ${unchecked}`,
        });
      }
    } else if (!holds) {
      const found = this.mismatch(segment, n, p, h, key);
      // Heuristic (the text names the files, not what was in them): more than one line short in a stretch
      // that crosses files reads as a file removed; one line as a line deleted.
      if (found.kind === 'deleted' && crossesFile && n - segment.length > 1) {
        this.breaks.push({ ...stretch, kind: 'missing file', detail: `${found.detail}, in a stretch that crosses from ${from.file} into another file (a file of the log removed?)` });
      } else this.breaks.push({ ...stretch, ...found });
    }
    state.seals++;
    state.lastFile = v.file;
    state.prev = h.slice(0, LINK_HEX);
    // The seal's own line opens the next segment (chain/seal.ts).
    state.segment = v.fields?.end === undefined ? [v] : [];
    state.resync = state.lost !== undefined;
    state.lastSeal = v;
    state.shared = this.sharedNow(state);
    if (!state.shared && (this.running.get(state.place)?.length ?? 0) <= 1) this.stamps.alone(state.place);
    if (v.fields?.end !== undefined) {
      state.ended = true;
      this.leave(state);
    }
  }

  /**
   * In a stretch written again after a `lost` event that never closed: its first `more=1` seal whose
   * link is to no seal in the log (the one between taken out), if any.
   */
  private removedStretchSeal(state: RecordingState): VerifyLine | undefined {
    if (state.relost === undefined || state.lastSeal === undefined) return undefined;
    const rewritten = state.segment.find((line) => line.event === 'seal' && line.fields?.more === '1' && line.fields.p !== undefined && !state.links.some((link) => link.h === line.fields!.p));
    if (rewritten) return rewritten;
    // Sealed to its end (a last seal, `end=`, among the stretch's lines), yet the stretch never closed: an honest
    // reader closes it before any later seal (sinks/file/sink.ts: sealRewritten, or its next seal links to the
    // event's), and one killed before that writes no seal after it. So the closing seal was taken out: the first
    // seal after the old chain's last one written again (the one the event's seal names, `p=`, when it is here),
    // which links to the seal that is gone.
    if (!state.segment.some((line) => line.event === 'seal' && line.fields?.end !== undefined)) return undefined;
    const oldLast = state.lastSeal.fields?.p;
    const from = state.segment.findIndex((line) => line.event === 'seal' && oldLast !== undefined && line.fields?.h?.slice(0, LINK_HEX) === oldLast) + 1;
    return state.segment.slice(from).find((line) => line.event === 'seal' && line !== state.lastSeal);
  }

  /** The `digest` events among `lines`, held by their seal's hash: the last one read of a name is its file's (a name used again is a later file). */
  private chainedDigests(lines: readonly VerifyLine[]): void {
    for (const line of lines) {
      if (line.event !== DIGEST_EVENT) continue;
      const found = chainedDigest(line);
      if (found) this.digests.set(found.rotated, found.digest);
    }
  }

  /** Lines a seal vouches for by its hash: the earliest of their stamps is where the log read begins (see earliestHeldMs). */
  private held(lines: readonly VerifyLine[], byTag = false): void {
    for (const line of lines) {
      if (!Number.isFinite(line.ms)) continue;
      if (!(line.ms >= (this.earliestHeldMs ?? Infinity))) this.earliestHeldMs = line.ms;
      if (!byTag && !(line.ms >= (this.earliestHashedMs ?? Infinity))) this.earliestHashedMs = line.ms;
    }
  }

  /** Whether `lines` hash to the seal's h. */
  private holdsFor(lines: readonly VerifyLine[], p: string, h: string, key: Buffer | undefined): boolean {
    const hash = new SegmentHash(p, key);
    for (const line of lines) hash.add(line.text);
    return hash.digest() === h;
  }

  /**
   * Where a segment whose seal names an unknown link (`p`) had a seal taken out and nothing else: the seal that came
   * after its first `k` lines (returned) linked from `prev`, and the seal read covers the removed seal's own line and
   * its last n-1 lines. Known by the link alone (its first LINK_HEX digits of the removed seal's h, under the key when
   * keyed): those k lines hold as written. Undefined when they do not (lines removed too, or changed).
   */
  private onlySealGone(segment: readonly VerifyLine[], n: number, prev: string, p: string, key: Buffer | undefined): number | undefined {
    const k = segment.length - (n - 1);
    if (!(k >= 1 && k <= SEAL_EVERY && n >= 1)) return undefined;
    const hash = new SegmentHash(prev, key);
    for (const line of segment.slice(0, k)) hash.add(line.text);
    return hash.digest().slice(0, LINK_HEX) === p ? k : undefined;
  }

  /** What a segment that does not hash to its seal most likely went through. */
  private mismatch(segment: readonly VerifyLine[], n: number, p: string, h: string, key: Buffer | undefined): { kind: BreakKind; detail: string; hint?: string[] } {
    const have = segment.length;
    if (have > n) return { kind: 'inserted', detail: `${have - n} line(s) more than the seal covers (${n})` };
    if (have < n) return { kind: 'deleted', detail: `${n - have} line(s) fewer than the seal covers (${n})` };
    for (let i = 1; i < segment.length; i++) {
      if (!(segment[i]!.ms < segment[i - 1]!.ms)) continue;
      const byStamp = { kind: 'reordered' as const, detail: `line ${segment[i]!.line} is stamped earlier than the line before it`, hint: [segment[i - 1]!.file, segment[i]!.file] };
      // One line out of stamp order is as much one line changed in place, stamp and all, as one line moved: moved
      // only if putting it back where its stamp fits makes the seal hold (or another move the search finds).
      const places = this.options.holdsOnly ? undefined : lineMovesByStamp(segment.map((line) => line.ms));
      if (places === undefined) return byStamp;
      // Past the budget (the run's, or REARRANGE_LINES for this stretch) nothing is said of how: a stamp out of order
      // is the attacker's to make, so it names no milder kind than an edit.
      const notSearched = (why: string) => ({ kind: 'edited' as const, detail: `the ${n} line(s) the seal covers are not as written (line ${segment[i]!.line} is stamped earlier than the line before it: edited, or moved; not searched, ${why})` });
      let left = Math.floor(REARRANGE_LINES / segment.length);
      for (const place of places) {
        if (left-- <= 0) return notSearched(`the stretch is too long to search (${segment.length} lines)`);
        if (!this.rearrange.take(segment.length)) return notSearched(SEARCH_SPENT);
        if (this.holdsFor(orderOf(segment, place), p, h, key)) return { kind: 'reordered', detail: `line ${segment[place.line]!.line} belongs ${place.line < place.to ? 'after' : 'before'} line ${segment[place.to]!.line}`, hint: [segment[place.line]!.file, segment[place.to]!.file] };
      }
      const other = this.reorderThatHolds(segment, p, h, key);
      if (other === undefined) return { kind: 'edited', detail: `the ${n} line(s) the seal covers are not as written (line ${segment[i]!.line} is stamped earlier than the line before it, and no move of one line makes the seal hold: changed in place)` };
      return 'spent' in other ? notSearched(SEARCH_SPENT) : { kind: 'reordered', ...other };
    }
    const moved = this.options.holdsOnly ? undefined : this.reorderThatHolds(segment, p, h, key);
    if (moved && 'spent' in moved) return { kind: 'edited', detail: `the ${n} line(s) the seal covers are not as written (edited, or moved: not searched, ${SEARCH_SPENT})` };
    if (moved) return { kind: 'reordered', ...moved };
    return { kind: 'edited', detail: `the ${n} line(s) the seal covers are not as written` };
  }

  /**
   * Stamps do not tell a move apart from an edit when the lines share a
   * stamp (a flood's read has one). Tries the moves a person makes: two of
   * the segment's files swapped (mv of rotated files), two neighbouring lines
   * swapped; says which one makes the seal hold, if any. The segment holds
   * only this recording's lines, so a swap of two files of which one holds
   * none of them (the other recording's lines fill it) shows here as one
   * file's piece moved past others, not as two pieces swapped: moves are
   * tried too (chain/segment-moves.ts).
   */
  private reorderThatHolds(segment: readonly VerifyLine[], p: string, h: string, key: Buffer | undefined): { detail: string; hint?: string[] } | { spent: true } | undefined {
    const budget = this.rearrange;
    let spent = false;
    // Each try hashes the whole segment again: taken from the run's budget, and within REARRANGE_LINES for this one.
    let left = Math.floor(REARRANGE_LINES / segment.length);
    const holdsFor = (lines: readonly VerifyLine[]): boolean => {
      if (left <= 0 || spent) return false;
      left--;
      if (!budget.take(lines.length)) spent = true;
      return !spent && this.holdsFor(lines, p, h, key);
    };
    const pieces: VerifyLine[][] = [];
    for (const line of segment) {
      const last = pieces[pieces.length - 1];
      if (last && last[0]!.file === line.file) last.push(line);
      else pieces.push([line]);
    }
    const rearranged = pieceRearrangementThatHolds(pieces.length, (order) => !spent && holdsFor(order.flatMap((at) => pieces[at]!)), left);
    if (rearranged) {
      const [a, b] = rearranged.pieces.map((at) => pieces[at]![0]!.file);
      const hint = rearranged.pieces.map((at) => pieces[at]![0]!.file);
      if (rearranged.kind === 'swap') return { detail: `${a} and ${b} are in each other's place`, hint };
      return { detail: `the lines in ${a} belong ${rearranged.kind} those in ${b} (a file between was swapped with it?)`, hint };
    }
    if (segment.length <= 2000 && !spent) {
      left = segment.length;
      const lines = [...segment];
      for (let i = 0; i + 1 < lines.length && !spent; i++) {
        [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
        if (holdsFor(lines)) return { detail: `lines ${segment[i]!.line} and ${segment[i + 1]!.line} are in each other's place` };
        [lines[i], lines[i + 1]] = [lines[i + 1]!, lines[i]!];
      }
    }
    return spent ? { spent: true } : undefined;
  }

  /**
   * Whether a recording's seals, whose links break in file order, make one
   * whole chain in another order: its files (or stretches) were reordered,
   * nothing removed.
   */
  private chainsInAnotherOrder(state: RecordingState): boolean {
    const byLink = new Map<string, number>();
    for (const [i, link] of state.links.entries()) {
      if (byLink.has(link.p)) return false;
      byLink.set(link.p, i);
    }
    const hashes = new Set(state.links.map((link) => link.h));
    const heads = state.links.filter((link) => !hashes.has(link.p));
    if (heads.length !== 1 || (!state.startMissing && heads[0]!.p !== GENESIS)) return false;
    let seen = 0;
    for (let at: number | undefined = byLink.get(heads[0]!.p); at !== undefined && seen <= state.links.length; at = byLink.get(state.links[at]!.h)) seen++;
    return seen === state.links.length;
  }

  /**
   * A recording whose start is in no file read is taken as one whose start was pruned (or is in a file
   * not named) only if its seals say it started before the log read began (its earliest line a seal vouches
   * for by its hash: earliestHeldMs; nothing a planted file or an edited leftover line says): a start cut out of a
   * later file, with its first seal and the lines before the next one (which that seal, checked by links
   * only, then no longer vouches for), is `deleted` (issue 13 review of fixtrust7, finding 3). Lines are
   * stamped when read and may be written a little later (a hold, the writer's gathering): START_SLACK_MS.
   * Seals without `s=` (older readers) are taken as before.
   */
  private startCutOut(state: RecordingState): void {
    if (!state.startMissing) return;
    const own = state.openedByLost ? undefined : state.firstSeal;
    if (own !== undefined && own.file !== this.files[0] && startsOwnSeal(own)) {
      // Its reader writes the start and the seal over it alone in one write (sinks/file/sink.ts: write), which its
      // own rotation does not cut (it rotates only between the pieces it is handed). A write a full disk cut short
      // between the two, retried after another pane's reader rotated the log, puts the seal at the head of the next
      // file (review of start13: then the start goes with the older file, pruned honestly): so the seal read without
      // its start, in a file after the oldest read, had its start taken out (the file before, which would hold it, was
      // read), whatever its time says (the time check below passed a start stamped as the earliest line held: issue
      // 13, review of torn13m). In the oldest file read, the file's head mark decides (startInOldestFile).
      this.breakAt('deleted', own, state.rec, `its start is not in the log, yet its first seal here is the one its reader writes with the start (n=1 from ${GENESIS}), in the same write: the start line (who started the recording) was taken out`);
      return;
    }
    const inOldest = state.openedByLost ? undefined : this.startInOldestFile(state);
    if (inOldest !== undefined) {
      this.breakAt('deleted', state.firstLine, state.rec, `its start is not in the log, yet ${inOldest}: the start line (who started the recording) was taken out, with its first seal and the lines the next seal here no longer vouches for`);
      return;
    }
    if (state.startAt === undefined || this.earliestHeldMs === undefined) return;
    // Its start went with a log removed under its reader (the `lost` event, sealed by that reader, that opens it here
    // says so, and is counted): it started when it did, after rotated files that are still there (review of fixtrust8, F3).
    if (state.openedBySealedLost) return;
    if (state.startAt < this.earliestHeldMs + START_SLACK_MS) return;
    const at = state.firstLine;
    this.breaks.push({
      kind: 'deleted',
      file: at?.file ?? '',
      line: at?.line ?? 0,
      rec: state.rec,
      detail: `its start is not in the log, yet its seals say it started at ${new Date(state.startAt).toISOString()}, after the earliest line of the log a seal vouches for: the start was taken out, with the lines its first seal here no longer vouches for`,
    });
  }

  /**
   * Why a start-less recording's start was in the oldest file read: that file is the log's first; undefined when
   * it may not be. Under the key only, for a keyed recording of a reader that writes head marks (v=3: its seals'
   * e=, in the same release). A file a rotation opens under a key gets a head mark (chain/head-mark.ts: the rotating
   * writer writes it into the new file, and its recording is in it); the file a reader makes after the log was
   * removed opens with its `lost` event. A file with neither, whose recordings are all keyed by readers that write
   * marks, in a log whose rotated-files ledger names no rotated part older than it under the key, is the log's first: nothing was
   * before it. A mark whose write failed (a full disk), a file given alone (verify of the live file only): the ledger
   * names the rotation. Not by the mark's `at=`: it is the stamp of the oldest record its writer still had queued,
   * so it trails the rename by that writer's backlog, which has no bound (a full disk for a minute; review of head13:
   * a start after a mark's at, in the file since pruned, was named deleted).
   */
  private startInOldestFile(state: RecordingState): string | undefined {
    const key = this.options.key;
    if (key === undefined || state.keyed !== true || !((state.version ?? 0) >= TAGGED_SEALS_VERSION)) return undefined;
    if (this.heads.startOf(this.files[0]) !== undefined || this.oldestOpensLost !== false || this.options.ledgerRotated === true) return undefined;
    this.oldestMarkWriters ??= [...this.recordings.values()].every((other) => other.firstLine?.file !== this.files[0] || (other.keyed === true && (other.version ?? 0) >= TAGGED_SEALS_VERSION));
    if (!this.oldestMarkWriters) return undefined;
    return `the oldest file read has no head mark, which a rotation under the key puts in each file it opens, opens with no \`lost\` event, and the rotated-files ledger names no rotated part older than it: it is the log's first file, and the recording started in it`;
  }

  /** A recording whose start is in no file read, whose first seal was written into a file since pruned (chain/replayed-seal.ts). */
  private replayed(state: RecordingState): void {
    if (!state.startMissing || state.firstSeal === undefined) return;
    // The oldest file's head mark, when it holds, is its start (chain/head-mark.ts); else its first lines (which nothing proves).
    const headed = this.heads.startOf(this.files[0]);
    let detail: string | undefined;
    if (headed !== undefined || this.oldestFirstMs !== undefined) detail = replayedSeal(state.firstSeal, headed ?? Math.min(this.oldestFirstMs!, this.earliestHashedMs ?? Infinity));
    // Untimed (its lines' stamps are no instants): the seals' t= tell it, against the earliest seal that holds by
    // its hash or is in a stretch that does (the first seal of an honest start-less recording is, once its next holds).
    // Only a seal with no line before it in the oldest file: lines have no time to tell an honest recording's last
    // stretch (pruned before its seal, an hour before the next recording's first held seal) from made-up ones put
    // before a replayed seal (a final review's false alarm on an honest pruned log); the same hole as made-up lines
    // stamped early at the head of a timed log (README).
    else if (this.oldestUntimed && this.earliestHashedSealMs !== undefined && state.firstSeal.file === this.files[0] && (this.oldestFirstLine === undefined || state.firstSeal.line < this.oldestFirstLine))
      detail = replayedSeal(state.firstSeal, this.earliestHashedSealMs, UNTIMED_REPLAY_SLACK_MS);
    if (detail) this.breaks.push({ kind: 'forged event', file: state.firstSeal.file, line: state.firstSeal.line, rec: state.rec, detail });
  }

  /** The report, once every file has been pushed. */
  /** A break of recording `rec` named at the line `at` (none: a recording with no line read, named at no place). */
  private breakAt(kind: BreakKind, at: { file: string; line: number } | undefined, rec: string, detail: string): void {
    this.breaks.push({ kind, file: at?.file ?? '', line: at?.line ?? 0, rec, detail });
  }

  finish(): VerifyReport {
    const chains = [...this.recordings.values()].map((state) => state.keyed);
    this.breaks.push(...this.heads.breaks(this.files, chains.includes(false) && !chains.includes(true)));
    for (const state of this.recordings.values()) {
      if (state.linkBreaks.length === 0 || !this.chainsInAnotherOrder(state)) continue;
      for (const index of state.linkBreaks) {
        const found = this.breaks[index]!;
        this.breaks[index] = { ...found, kind: 'reordered', detail: 'the seals chain up in another order: files or stretches of the log were moved' };
      }
    }
    const logOf = (rec: string): string | undefined => this.options.liveLogs?.get(rec);
    const unseen = new Set([...(this.options.live ?? [])].filter((rec) => !this.recordings.has(rec) && (logOf(rec) === undefined || this.files[0] === undefined || sameLog(logOf(rec)!, this.files[0]))));
    const running: RecordingReport[] = [];
    for (const [place, lines] of this.orphans) {
      const owner = runningOwner(lines, unseen, this.options.now);
      // Under --require-key its reader's noted seal must hold under the key (chain/running-seal.ts).
      const unproven = owner !== undefined && this.options.requireKey && this.options.key !== undefined ? runningSealProblem(this.options.liveSeals?.get(owner), owner, place, lines, this.options.key) : undefined;
      if (unproven !== undefined) {
        this.breaks.push({ kind: 'unkeyed', file: lines[0]!.file, line: lines[0]!.line, rec: owner!, detail: unproven });
        continue;
      }
      if (owner !== undefined) {
        // Its reader runs, and its first seal is not due yet (chain/seal-due.ts): its lines so far, none sealed yet.
        running.push({ rec: owner, place, lines: lines.length, seals: 0, unsealed: lines.length, ending: 'open', startMissing: true, sharedLines: 0, chain: undefined, olderLost: false });
        continue;
      }
      for (const v of lines) {
        if (v.kind === 'event') this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: v.fields?.rec ?? '', detail: `${v.event ?? 'an'} event of a recording whose start is in no file read, and no seal of it follows` });
        else this.breaks.push({ kind: 'inserted', file: v.file, line: v.line, rec: '', detail: `a line at ${place} where no recording is running` });
      }
    }
    const recordings: RecordingReport[] = running;
    for (const state of this.recordings.values()) {
      if (state.keylessStop && !this.keyedChainSeen) {
        // A log that never said chain=hmac: no key could have hashed the stop (recover and sweep key it only
        // under a chain key, which the log's readers would have keyed their chains with too). Made up.
        const v = state.keylessStop;
        this.breaks.push({ kind: 'forged event', file: v.file, line: v.line, rec: state.rec, detail: `a stop (reason=${state.externalStop ?? v.fields?.reason ?? ''}) not bound to the recording's chain (its h does not hold, and nothing in the log is keyed)` });
        state.keyed = false;
      }
      // A `lost` event that is the recording's last line: no seal followed it.
      if (state.pendingLost) this.settleLost(state, state.pendingLost);
      if (state.marked) {
        // Read the older way until a seal said v=2: its reader seals each one at once.
        for (const lost of state.olderLost) this.breaks.push({ kind: 'forged event', file: lost.file, line: lost.line, rec: state.rec, detail: UNSEALED_LOST_MARKED_LATER });
        state.olderLost = [];
      } else if (state.ended && state.lost !== undefined && state.sealsSinceLost >= 2) {
        // Its reader sealed it to the end after the event: a seal of its restarted chain covered it, if real,
        // unless the last seal was the first after it (the log removed as the reader closed: its chain had
        // ended, the event came unchained ahead of that seal, which the writer wrote again after it).
        this.uncoveredLost(state, state.lost);
      }
      this.startCutOut(state);
      this.replayed(state);
      let ending: Ending;
      const tail = state.segment.length;
      if (state.awaitingStop) {
        ending = 'truncated';
        const seal = state.awaitingStop;
        this.breaks.push({ kind: 'truncated', file: seal.file, line: seal.line, rec: state.rec, detail: 'the stop event the last seal covers is missing' });
      } else if (state.externalStop) ending = state.externalStop;
      else if (state.ended) ending = 'sealed';
      else if (this.options.live?.has(state.rec)) {
        ending = 'open';
        // Its reader seals as it writes, and what it writes again after a `lost` event is closed at once: a running
        // recording's tail is no longer than any reader leaves, and a stretch a `lost` event's seal opened that no
        // seal closes (a genuine event and its seal copied here: every later seal taken in as a line) is named.
        const long = state.shared ? undefined : unsealedTail(state.segment, 'of a running recording');
        const open = state.relost !== undefined ? state.lastSeal : undefined;
        if (long) {
          const from = open ?? state.segment[0] ?? state.lastSeal;
          const last = state.segment[state.segment.length - 1] ?? from;
          this.breaks.push({
            kind: 'truncated',
            file: from?.file ?? '',
            line: from?.line ?? 0,
            ...(last ? { endLine: last.line, ...(last.file === from?.file ? {} : { endFile: last.file }) } : {}),
            rec: state.rec,
            detail: open ? `the stretch a lost event's seal opened here never closes: ${long} (no seal links to it: the event copied here, or its closing seal removed)` : `${long}: seals were removed`,
          });
        }
      }
      else if (state.startMissing && state.seals === 0) {
        ending = 'truncated';
        const first = state.segment[0];
        this.breakAt('forged event', first, state.rec, 'events of a recording that has neither a start nor a seal');
      } else if (this.removedStretchSeal(state)) {
        ending = 'truncated';
        // A seal of a stretch written again after a `lost` event taken out: the next one links to it, so none
        // closes the stretch (each is read as a line of it): named where the seal was, not at the log's end.
        const from = state.lastSeal!;
        const orphan = this.removedStretchSeal(state)!;
        this.breaks.push({
          kind: 'deleted',
          file: from.file,
          line: from.line,
          endLine: orphan.line,
          ...(orphan.file === from.file ? {} : { endFile: orphan.file }),
          rec: state.rec,
          detail: `a seal of what its reader wrote again after a lost event is gone: the seal here links to one that is not in the log, and no seal closes the stretch`,
        });
      } else {
        ending = 'truncated';
        const last = state.segment[state.segment.length - 1] ?? state.lastSeal;
        this.breakAt('truncated', last, state.rec, tail > 0 ? `${tail} line(s) after the last seal, and no final seal` : 'no final seal');
      }
      if (this.options.requireKey && state.keyed === false) {
        const at = state.firstLine;
        this.breakAt('unkeyed', at, state.rec, 'chained without the key (--require-key): whoever can write the log could have rewritten it and its seals');
      } else if (this.options.requireKey && state.sharedLines > 0) {
        // Lines at a place two recordings shared are checked by their seals' links only: under the key, not proven.
        const at = state.firstLine;
        this.breakAt('unkeyed', at, state.rec, `${state.sharedLines} line(s) checked by seal links only, not under the key (--require-key): another recording ran at its place`);
      } else if (this.options.requireKey && state.startMissing && !state.proven && ending !== 'open') {
        // Its lines before its first seal left, and that seal (checked by links only: it covers lines gone with the
        // pruned file), are anyone's to make: under the key only a seal that holds by its hash, or by its own e=
        // (chain/seal-tag.ts, since v=3), or a dead reader's keyed stop, says the recording is its reader's (issue 13,
        // fixtrust8's closing holes a and d: made-up lines closed by a made-up seal; a start cut out, the last seal made
        // v=2 without s=). A genuine one pruned by the release before v=3 (no e=) whose only seal left is link-only
        // is named too: nothing proves it.
        const at = state.firstLine ?? state.segment[0];
        this.breakAt(
          'unkeyed',
          at,
          state.rec,
          'a recording whose start is in no file read, nothing of which holds under the key (--require-key): no seal by its hash or its own e= (a made-up one, a start cut out; or written by a tmux-audit before v=3, whose seals do not bind their own line)',
        );
      } else if (this.options.requireKey && ending === 'open' && !(state.startMissing ? state.proven : state.confirmed) && !(state.startMissing && state.seals === 0 && sealNotDueYet(state.lines, (state.firstLine ?? state.segment[0])?.ms, this.options.now))) {
        // A running reader seals its start at once: a "running" recording none of whose seals holds is not proven to be one.
        // Nor is one whose start is in no file read: its `.run` file and reader pid are anyone's to make (issue 13 review of
        // fixtrust7, finding 2), and without a seal that holds its lines could be anything. A genuine one whose start was
        // pruned has its first seal here checked by links only (it covers lines gone with the pruned file), but every
        // later one by its hash, within SEAL_MS of a line it prints: only until then (an idle pane) is it named.
        const at = state.firstLine ?? state.segment[0];
        this.breakAt(
          'forged event',
          at,
          state.rec,
          state.startMissing
            ? 'a running recording whose start is in no file read, none of whose seals holds under the key (--require-key): a reader pid and .run file prove nothing (a genuine one since v=3 binds each seal\'s own line under the key: e=)'
            : 'a running recording none of whose seals holds under the key (--require-key): its reader seals its start at once',
        );
      }
      recordings.push({ rec: state.rec, place: state.place, lines: state.lines, seals: state.seals, unsealed: state.unsealed + tail, ending, startMissing: state.startMissing, sharedLines: state.sharedLines, chain: state.keyed === undefined ? undefined : state.keyed ? 'hmac' : 'sha256', olderLost: state.olderLost.length > 0 });
    }
    return { files: this.files.length, lines: this.lines, recordings, unchained: this.unchained, lost: this.removals.size, needKey: this.options.key === undefined ? recordings.filter((r) => r.chain === 'hmac').length : 0, unkeyed: this.options.key === undefined ? 0 : recordings.filter((r) => r.chain === 'sha256').length, olderLost: recordings.filter((r) => r.olderLost).length, keyedHeld: this.keyedHeld, marked: this.heads.marked(), digests: this.digests, breaks: this.breaks };
  }
}
