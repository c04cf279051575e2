// Lines a full disk tore, read past only where their own reader said so. Several readers append to one session
// log, each with O_APPEND and no writer between them. When the disk fills inside a reader's write, the file ends
// with the start of one of its lines; that reader keeps the line and, once there is room, writes the rest after
// its own start, or, when another reader appended first (or rotated the log), the line again whole
// (sinks/file/writer.ts `torn`). Its start is then left in the file: glued to the head of the other reader's next
// line (`<start><whole line>\n`), or ending the rotated file with no newline. Read as lines, the first is neither
// of the two lines (`inserted`/`edited`, and the other line `deleted`), the second a file cut (`truncated`).
//
// Only the writer knows a start was torn: a guess from the bytes lets through text a pane printed that looks like
// a split line (review of torn13). So the reader says it, in its own recording's chain: a `torn` event (`bytes=`,
// the start's length, and `sha256=`, its digest), numbered and sealed like any event, and under the key bound by
// the next seal's `e=`. It is written after the line written again whole. Verify reads past a start only where:
// - the line is in a broken stretch of the log (or is a file's last line with no newline), and its first `bytes`
//   bytes have the attested digest;
// - the first line at the event's place after it that is no start itself (the line written again whole; a line
//   torn again is a start too) starts with those bytes, and comes before the event; or, where it does not, the
//   last line before it that is a start and starts with those bytes does (the line written again whole reads as a
//   start where the pane printed a log line and the cut fell right before it: its rest is that line, and the first
//   line after it that is no start may be the event itself);
// - the rest of the line (for a glued start) starts a line, and reads as one of another place;
// - each event settles at most one spot, and each spot is settled by at most one event: as many as can be, the
//   nearest before the event first (a line torn twice holds both starts when the second is longer, and its rest
//   after the first may read as a line too, where the pane printed one: the nearest for each event in turn can
//   leave the other start to none);
// - the line is not one verify settled before at that length and found its chains still broken with, where its event
//   had another spot (chain/verify.ts settles again without it: the nearest spot can be a line of the pane's own,
//   where it printed log lines); nor, where verify found a spot of the kind that follows another still broken, any
//   spot of the kind but its first (a pane's lines under one stamp, each showing a log line, are each a start of the
//   kind and the line written again whole of the one before; a glued start is the first of its kind but where a
//   line is torn twice at one length within a stamp).
// The start is then left out of every chain; the rest of the line is checked as the line it is. The event itself
// is one of its recording's lines: copied, moved or made up, its chain says so. Nothing is searched for: a log
// with no break, or no `torn` event, is not read again, and the digests taken are bounded (MAX_HASHED_BYTES).

import { createHash } from 'node:crypto';

/** A `torn` event as verify read it: where it is (its index among all the log's lines), its place, what it says. */
export interface TornAttestation {
  file: string;
  line: number;
  /** 0-based index among every line of the log's files, in order. */
  index: number;
  place: string;
  bytes: number;
  sha256: string;
}

/** A line's start a full disk tore, settled by a `torn` event of its reader. */
export interface TornSpot {
  file: string;
  /** 1-based line of `file` that begins with the start. */
  line: number;
  /** Where that line begins in `file` (byte offset, in a `.gz` one's text): how the reading commands find it. */
  offset: number;
  bytes: number;
  /** The start's length in characters as read (a character the cut went through reads as one U+FFFD). */
  chars: number;
  /** The start ends its file (another reader rotated the log before the line was written again). */
  atEnd: boolean;
  /** Its event's place, length and digest (TornSettler's `quiet`). */
  kind: string;
  /** Another start of its kind came before it: this line may be that one's line written again whole (a pane's shown log line). */
  echo: boolean;
  /** Its event could have settled another spot. */
  others: boolean;
  /** The line written again whole, and the event that says so. */
  whole: { file: string; line: number };
  attested: { file: string; line: number };
}

/** Bytes hashed looking for attested starts in one log, past which none more is looked for: more breaks, never fewer. */
export const MAX_HASHED_BYTES = 256 * 1024 * 1024;

/** Event kinds (place, length, digest) held against a candidate line in one log, past which none more is: more breaks, never fewer. */
export const MAX_COMPARES = 20_000_000;

/** Spots kept waiting or ready in one log, past which none more is: more breaks, never fewer (review of torn13w: planted copies of a start). */
const MAX_MATCHES = 100_000;

/**
 * Spots looked at moving earlier events to other spots, past which none more is, in one log whatever the number of
 * times verify settles it (chain/verify.ts): more breaks, never fewer. An honest log with tears looks at a few
 * (a spot is a start of two kinds only where a line is torn twice or a pane shows log lines); planted copies of
 * nested starts reach it (review of torn13y: 20 M, twice, made verify 6 times slower on a 23 MB log).
 */
export const MAX_MOVES = 2_000_000;

/**
 * Bytes of lines verify checks in one log (every check: the first, each round, and again without the key where it
 * seems wrong), past which it searches on past its rounds no more (chain/verify.ts' caller, commands/verify.ts): more
 * breaks, never fewer. Counted in UTF-8 bytes, what checking costs (review of torn13p: counted in UTF-16 characters,
 * a log of CJK text got three times the checks), not lines, and across every check (review of torn13n: a fresh count of
 * 250 000 lines for each check without the key made a 22 KB log 87 times slower, lines of 20 KB a 4 MB log 37 times).
 */
export const MAX_CHECKED_BYTES = 64 * 1024 * 1024;

/**
 * What is left of the limits for one log: each TornSettler of it takes from the same (review of torn13z: compares and
 * hashing reset at each round let a planted log take four rounds' worth, 3.4 times main's time).
 */
export class TornBudget {
  constructor(
    public moves = MAX_MOVES,
    public compares = MAX_COMPARES,
    public hashed = MAX_HASHED_BYTES,
    public checked = MAX_CHECKED_BYTES,
  ) {}
}

/** Events moved along one chain to free a spot, past which none more is: the stack bound (an honest log needs a few). */
const MAX_CHAIN = 1_000;

interface Spot {
  file: string;
  line: number;
  offset: number;
  /** Its number among the spots (their lines), from 0: below MAX_MATCHES. */
  slot: number;
  atEnd: boolean;
  chars: number;
  /** A spot of its kind came before it (TornSpot `echo`). */
  echo: boolean;
}

/**
 * The events that attest one start: the same place, length and digest. Copies of an event are one entry, so copies
 * planted by the thousand cost one comparison a line, not one each; each event still settles at most one spot.
 */
interface Kind {
  /** Place, length and digest: TornSpot `kind`. */
  key: string;
  place: string;
  bytes: number;
  sha256: string;
  /** Index among all the log's lines of its last event: a line after it is no start of this kind. */
  last: number;
  /** The start's bytes, once a spot has them. */
  prefix?: Buffer;
  /** Spots of the kind so far. */
  spots: number;
  /** The first of `ready` whose spot is not the first's (Infinity: none yet): an event reaching past it has two spots to settle. */
  other: number;
  /** Spots whose first bytes are the start, waiting for the next line at the place that is no start, oldest first. */
  waiting: Spot[];
  /** The last line at the place since that is a start and begins with the start: the line written again whole of the first `count` waiting, if no later one is. */
  maybe?: { whole: Ready['whole']; count: number };
  /** Spots whose line written again whole was read, in the order of those lines (a spot twice where two may be: see wholeLine). */
  ready: Ready[];
  /**
   * For each of `ready`, the nearest at or before it whose spot may be unsettled (-1: none): a spot once settled stays
   * settled (a move gives it another event), so the settled ones are jumped over once.
   */
  open: number[];
}

interface Ready {
  spot: Spot;
  whole: { file: string; line: number; index: number };
}

/**
 * Settles torn starts in a log's lines, fed in order (oldest file first) as bytes: `attestations`, the `torn` events
 * read (in order); `candidate`, whether a line is in a broken stretch; `placeOf`, a line's place as its file's reader
 * reads it (undefined: no log line; `stamped`: nor one whose stamp is no time, where its format says one: the tail
 * of a line cut a byte into its stamp may read as a line otherwise); `budget`, the moves left (shared by every
 * settling of the log); `excluded`, the lengths of start a line is not read as (chain/verify.ts: settled before, its
 * stretch still broke); `quiet`, the kinds of which no spot but the first is (chain/verify.ts: a spot of the kind that
 * followed another was settled, its stretch still broke).
 */
export class TornSettler {
  private file = '';
  private line = 0;
  private index = -1;
  /** The next event not yet read. */
  private next = 0;
  private matches = 0;
  private readonly kinds: Kind[] = [];
  /** The kind of each event, by its position in `attestations`. */
  private readonly kindOf: Kind[] = [];
  /** Kinds with spots waiting, by place. */
  private readonly waiting = new Map<string, Set<Kind>>();
  /** The event that settles each spot (-1: none), by its slot. */
  private readonly settledBy: number[] = [];
  /** What each event settles, by its position in `attestations`. */
  private readonly settles: (Ready | undefined)[] = [];
  /** How many of its kind's `ready` each event may settle (the first ones: their lines written again whole came before it). */
  private readonly reach: number[] = [];
  /** A spot is a start of two kinds or more: only then can moving an event to another spot settle more. */
  private shared = false;
  /**
   * What the searches since the last move looked at in vain (see move): nothing there frees a spot until an event
   * moves (a spot once settled stays settled, and what an event may settle is fixed once it is read), so the next
   * search passes over it; an event copied a thousand times costs one look at the spots, not a thousand.
   */
  private seen = new Uint32Array(1024); // by slot
  /** The search `seen` holds: a spot's entry equal to it was looked at (one count up forgets them all). */
  private searched = 1;
  private done = new Map<Kind, number>();

  constructor(
    private readonly attestations: readonly TornAttestation[],
    private readonly candidate: (file: string, line: number) => boolean,
    private readonly placeOf: (line: string, stamped?: boolean) => string | undefined,
    private readonly budget = new TornBudget(),
    private readonly excluded: (file: string, line: number) => ReadonlySet<number> | undefined = () => undefined,
    private readonly quiet: ReadonlySet<string> = new Set(),
  ) {
    const byKey = new Map<string, Kind>();
    for (const attestation of attestations) {
      const key = `${attestation.bytes} ${attestation.sha256} ${attestation.place}`;
      let kind = byKey.get(key);
      if (kind === undefined) {
        kind = { key, place: attestation.place, bytes: attestation.bytes, sha256: attestation.sha256, last: attestation.index, spots: 0, other: Number.POSITIVE_INFINITY, waiting: [], ready: [], open: [] };
        byKey.set(key, kind);
        this.kinds.push(kind);
      }
      kind.last = attestation.index;
      this.kindOf.push(kind);
    }
  }

  /** A file of the log begins. */
  nextFile(file: string): void {
    this.file = file;
    this.line = 0;
  }

  /** The line [from, to) of `bytes` (with its `\n`; a file's last line without), `cut` past the longest line; `offset`: where it begins in its file. */
  take(bytes: Buffer, from: number, to: number, cut: boolean, offset: number): void {
    this.index++;
    this.line++;
    const ended = to > from && bytes[to - 1] === 0x0a && !cut;
    // A start is no line written again whole: a line torn again, at another length, holds the stamp and place too,
    // and the line is written whole after it (review of torn13w). A line may be a start of several kinds.
    let starts = !cut && this.candidate(this.file, this.line) ? this.startsIn(bytes, from, ended ? to - 1 : to, !ended, this.excluded(this.file, this.line)) : [];
    if (this.quiet.size > 0 && starts.length > 0) starts = starts.filter((kind) => kind.spots === 0 || !this.quiet.has(kind.key));
    if (ended && this.waiting.size > 0) this.wholeLine(bytes, from, to - 1, starts.length > 0);
    if (starts.length > 0 && this.matches < MAX_MATCHES) {
      const spot: Spot = { file: this.file, line: this.line, offset, slot: this.settledBy.push(-1) - 1, atEnd: !ended, chars: 0, echo: false };
      if (starts.length > 1) this.shared = true;
      for (const kind of starts) {
        if (this.matches >= MAX_MATCHES) break;
        this.matches++;
        spot.chars = kind.prefix!.toString('utf8').length;
        kind.waiting.push({ ...spot, echo: kind.spots++ > 0 });
        const at = this.waiting.get(kind.place);
        if (at) at.add(kind);
        else this.waiting.set(kind.place, new Set([kind]));
      }
    }
    while (this.next < this.attestations.length && this.attestations[this.next]!.index === this.index) this.settle(this.next++);
  }

  /** The starts settled, in the order of their events. */
  finish(): TornSpot[] {
    const spots: TornSpot[] = [];
    for (const [i, ready] of this.settles.entries()) {
      if (ready === undefined) continue;
      const { spot, whole } = ready;
      const attestation = this.attestations[i]!;
      const kind = this.kindOf[i]!;
      spots.push({ file: spot.file, line: spot.line, offset: spot.offset, bytes: attestation.bytes, chars: spot.chars, atEnd: spot.atEnd, kind: kind.key, echo: spot.echo, others: this.reach[i]! > kind.other, whole: { file: whole.file, line: whole.line }, attested: { file: attestation.file, line: attestation.line } });
    }
    return spots;
  }

  /** The kinds with an event still to be read whose start the line's body [from, to) begins with (`atEnd`: the start ends its file), but of the lengths `excluded`. */
  private startsIn(bytes: Buffer, from: number, to: number, atEnd: boolean, excluded: ReadonlySet<number> | undefined): Kind[] {
    const found: Kind[] = [];
    // One digest and one read of the rest a length, whatever number of kinds share it.
    const digests = new Map<number, string>();
    const places = new Map<number, string | undefined>();
    for (const kind of this.kinds) {
      if (kind.last < this.index) continue;
      if (--this.budget.compares < 0) return found;
      const k = kind.bytes;
      // Glued: a start and, after it, at least a line's first byte; at a file's end: the start alone.
      if (atEnd ? k !== to - from : k >= to - from || bytes[from + k]! >= 0x80) continue;
      if (excluded?.has(k)) continue;
      let digest = digests.get(k);
      if (digest === undefined) {
        if (this.budget.hashed < k) return found;
        this.budget.hashed -= k;
        digest = createHash('sha256').update(bytes.subarray(from, from + k)).digest('hex');
        digests.set(k, digest);
      }
      if (digest !== kind.sha256) continue;
      // What is left is a line of its own, read as the chains will read it, printed at another place: another reader
      // appended it (a line of the torn line's own place there is that line: its tail read as a line, where the
      // start is short).
      if (!atEnd) {
        if (!places.has(k)) places.set(k, this.placeOf(bytes.toString('utf8', from + k, to), true));
        const place = places.get(k);
        if (place === undefined || place === kind.place) continue;
      }
      kind.prefix ??= Buffer.from(bytes.subarray(from, from + k));
      found.push(kind);
    }
    return found;
  }

  /**
   * A line (its body [from, to)) at the place of spots waiting: the line written again whole of those, if it begins
   * with their start; a line that is a `start` itself only maybe (see the module's head).
   */
  private wholeLine(bytes: Buffer, from: number, to: number, start: boolean): void {
    const place = this.placeOf(bytes.toString('utf8', from, to));
    if (place === undefined) return;
    const kinds = this.waiting.get(place);
    if (kinds === undefined) return;
    if (!start) this.waiting.delete(place);
    const whole = { file: this.file, line: this.line, index: this.index };
    for (const kind of kinds) {
      const k = kind.bytes;
      const begins = to - from >= k && bytes.subarray(from, from + k).equals(kind.prefix!);
      if (start) {
        if (begins) kind.maybe = { whole, count: kind.waiting.length };
        continue;
      }
      // Both, where it begins with the start too: it may be the event itself, or come after it (a start short enough
      // to be the head of any stamp of the place), the nearest that came before the event is taken.
      for (const found of [kind.maybe, begins ? { whole, count: kind.waiting.length } : undefined]) {
        for (let at = 0; at < (found?.count ?? 0); at++) {
          const spot = kind.waiting[at]!;
          const pushed = kind.ready.push({ spot, whole: found!.whole }) - 1;
          kind.open.push(pushed);
          if (pushed < kind.other && spot.slot !== kind.ready[0]!.spot.slot) kind.other = pushed;
        }
      }
      kind.waiting = [];
      kind.maybe = undefined;
    }
  }

  /**
   * The event `i` is read: it settles the nearest spot before it whose line written again whole came before it and
   * that no other event settles; if none is left, an earlier event may move to another of its spots for it (the
   * events and spots as a bipartite matching, augmented: Kuhn's algorithm, an event at a time, which settles as many
   * as can be settled). Copies of an event still settle one spot each, as their chain is checked as any line's.
   */
  private settle(i: number): void {
    const attestation = this.attestations[i]!;
    const kind = this.kindOf[i]!;
    // Those whose line written again whole is this very line are kept for a later event.
    let reach = kind.ready.length;
    while (reach > 0 && kind.ready[reach - 1]!.whole.index >= attestation.index) reach--;
    this.reach[i] = reach;
    if (reach > 0 && !this.settleWith(i, this.nearestOpen(kind, reach - 1)) && this.shared && this.move(i, 0)) {
      this.searched++;
      this.done = new Map();
    }
    if (kind.last === attestation.index) {
      // Its last event: no spot of this kind is settled any more (those settled may still move).
      kind.waiting = [];
      kind.maybe = undefined;
      this.waiting.get(kind.place)?.delete(kind);
      if (this.waiting.get(kind.place)?.size === 0) this.waiting.delete(kind.place);
    }
  }

  /** The nearest of `kind.ready` at or before `at` whose spot no event settles (-1: none). */
  private nearestOpen(kind: Kind, at: number): number {
    const { open, ready } = kind;
    let found = at;
    while (found >= 0 && (open[found] !== found || this.settledBy[ready[found]!.spot.slot]! >= 0)) {
      if (open[found] === found) open[found] = found - 1;
      found = open[found]!;
    }
    // Each on the way now points at what was found: each settled one is jumped over once.
    for (let on = at; on > found; ) {
      const next = open[on]!;
      open[on] = found;
      on = next;
    }
    return found;
  }

  /** Marks spot `spot` as looked at by this search. */
  private see(spot: number): void {
    if (spot >= this.seen.length) {
      const grown = new Uint32Array(Math.max(spot + 1, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    this.seen[spot] = this.searched;
  }

  /** Event `i` settles its kind's `ready[at]` (none: `at` is -1), whatever it settled before. */
  private settleWith(i: number, at: number): boolean {
    if (at < 0) return false;
    const ready = this.kindOf[i]!.ready[at]!;
    this.settles[i] = ready;
    this.settledBy[ready.spot.slot] = i;
    return true;
  }

  /**
   * A spot for event `i`, freed by moving the event that settles one of its spots to another, and so on (an
   * augmenting path, nearest spots first). `seen`: the spots looked at; `done`: for each kind, how far its events'
   * spots were looked at (an event of the kind reaching no further has nothing more to try).
   */
  private move(i: number, depth: number): boolean {
    const kind = this.kindOf[i]!;
    const reach = this.reach[i]!;
    if (depth > 0 && this.settleWith(i, this.nearestOpen(kind, reach - 1))) return true;
    const from = this.done.get(kind) ?? 0;
    if (reach <= from || depth >= MAX_CHAIN) return false;
    this.done.set(kind, reach);
    for (let at = reach - 1; at >= from; at--) {
      const spot = kind.ready[at]!.spot.slot;
      if (spot < this.seen.length && this.seen[spot] === this.searched) continue;
      if (this.budget.moves <= 0) return false;
      this.budget.moves--;
      this.see(spot);
      const other = this.settledBy[spot]!;
      if (other < 0) return this.settleWith(i, at);
      if (this.move(other, depth + 1)) return this.settleWith(i, at);
    }
    return false;
  }
}
