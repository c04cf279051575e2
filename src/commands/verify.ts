// `verify [FILES…]`: checks the logs against their recordings' hash chains
// (src/chain/). Reads each log's files in order (rotated ones oldest first,
// `.gz` ones through gunzip), feeds the pure verifier, prints each break or an
// OK line with counts. Exit 0 clean, 1 tampered, 2 a file could not be read.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { keyFileWarning } from '../chain/key-file.ts';
import { sealInstant, stampsAreEpoch } from '../chain/epoch-stamps.ts';
import { KeyMatch, markUnderWrongKey, RENAMED_HINT, retagged } from '../chain/key-match.ts';
import { BAD_TAG } from '../chain/older-chain.ts';
import { RemovalCount } from '../chain/removal-count.ts';
import { renamedPair } from '../chain/renamed-files.ts';
import { RearrangeBudget } from '../chain/segment-moves.ts';
import { TornBudget, TornSettler, type TornAttestation, type TornSpot } from '../chain/torn-attested.ts';
import { ChainVerifier, type Break, type VerifyLine, type VerifyOptions, type VerifyReport } from '../chain/verify.ts';
import { AuditError } from '../core/errors.ts';
import { dirNames, logSets, setName, type LogSet } from '../read/files.ts';
import { isoMs, LineReader, placeOf, readerFor } from '../read/line.ts';
import { DEFAULT_TIME_FORMAT } from '../format/text.ts';
import { forEachPiece, type Verdict } from '../read/chunks.ts';
import { failure, readLog, takeListing, textsByName, type TextOf } from '../read/held-files.ts';
import { livingReader, readRecording, type Recording } from '../runtime/runfile.ts';
import { readSealNote } from '../chain/external-stop.ts';
import { location, Output, whereOptions, type WhereOptions } from './reading.ts';
import { notedEnds, removedRotated, shrunkRotated } from './verify-notes.ts';
import { rotatedUnderKey } from '../sinks/file/ledger-names.ts';
import { ledgerLines } from '../sinks/file/rotated-ledger.ts';
import { sealLogName } from '../chain/seal-tag.ts';

/** Hands each line of a log's file to `take`, in order, with its `\n` (a torn last line without); `cut`: a line past MAX_LINE, handed cut. */
export type EachLine = (file: string, take: (line: string, cut?: boolean) => Verdict) => void;

/** EachLine's lines as bytes: [from, to) of `bytes`, valid during the call, `offset` where the line begins in its file. */
export type EachRawLine = (file: string, take: (bytes: Buffer, from: number, to: number, cut: boolean | undefined, offset: number) => Verdict) => void;

/**
 * A log file's lines, read in pieces (read/chunks.ts): a file is never held whole, so one written under
 * `@audit-rotate daily` or a large `@audit-max-size` verifies whatever its size (held as one string, a file
 * past 512 MiB could not be read). `.gz` files are read through gunzip; a planted FIFO, symlink or bomb is
 * refused (read/safe-open.ts).
 */
export function eachLineOfFile(file: string, take: (line: string, cut?: boolean) => Verdict, textOf: TextOf = textsByName()): void {
  eachRawLineOfFile(file, (bytes, from, to, cut) => take(bytes.toString('utf8', from, to), cut), textOf);
}

/** eachLineOfFile's lines as their bytes: [from, to) of `bytes` (the reader's buffer, valid during the call), `offset` where each begins in the file. */
export function eachRawLineOfFile(file: string, take: (bytes: Buffer, from: number, to: number, cut: boolean | undefined, offset: number) => Verdict, textOf: TextOf = textsByName()): void {
  const { fd, to, release } = textOf(file);
  // A line past read/chunks.ts's MAX_LINE (no reader writes one: a planted line) is handed cut, with a `\n`, and said
  // to be: when the file holds none after it (torn) it stays torn (`truncated`), and a whole one is no log line
  // (`inserted`); read as a log line, a running recording's unsealed tail took either.
  let cut = { at: -1, torn: false };
  try {
    forEachPiece(fd, (buffer, end, offset) => {
      if (offset === cut.at) return take(buffer, 0, cut.torn ? end - 1 : end, true, offset);
      for (let at = 0; at < end; ) {
        const newline = buffer.indexOf(10, at);
        const to = newline < 0 || newline >= end ? end : newline + 1;
        if (take(buffer, at, to, undefined, offset + at) === false) return false;
        at = to;
      }
      return true;
    }, 0, to, (at, torn) => {
      cut = { at, torn };
    });
  } finally {
    release();
  }
}

/** The lines of a text, as eachLineOfFile hands a file's. */
export function eachLineOfText(text: string, take: (line: string) => Verdict): void {
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const to = end < 0 ? text.length : end + 1;
    if (take(text.slice(at, to)) === false) return;
    at = to;
  }
}

/** The run files of the directory whose reader is running, each with its recording (one walk for what verify needs of them). */
function livingRuns(dir: string): { runFile: string; recording: Recording }[] {
  const runDir = path.join(dir, '.run');
  let names: string[];
  try {
    names = fs.readdirSync(runDir);
  } catch {
    return [];
  }
  const runs: { runFile: string; recording: Recording }[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const runFile = path.join(runDir, name);
    try {
      if (livingReader(runFile) === undefined) continue;
      runs.push({ runFile, recording: readRecording(runFile) });
    } catch {
      // not a run file of ours, or gone meanwhile
    }
  }
  return runs;
}


/**
 * Checks one log's files, in order (`textOf`: how each is opened; read/held-files.ts holds them). Throws (code 2) when a file cannot be
 * read. Reads one file at a time (a log of many rotated files is never held
 * whole), and again for each order the search for renamed files tries
 * (chain/renamed-files.ts).
 */
export function verifyFiles(files: readonly string[], timeFormat: string, options: VerifyOptions, textOf: TextOf = textsByName()): LogReport {
  // What each file held as read (a `.gz` gunzipped), for what the ledger says it held (verify-notes.ts): taken from the descriptor read, not from another look.
  const held = new Map<string, number>();
  const opened: TextOf = (file) => {
    const text = textOf(file);
    try {
      held.set(file, text.to ?? fs.fstatSync(text.fd).size);
    } catch (error) {
      text.release();
      throw error;
    }
    return text;
  };
  const each: EachLine = (file, take) => {
    // What the verifier throws as it takes a line is its own, not the file's: it goes on as it is.
    let taking = false;
    try {
      eachLineOfFile(file, (line, cut) => {
        taking = true;
        const verdict = take(line, cut);
        taking = false;
        return verdict;
      }, opened);
    } catch (error) {
      if (taking || error instanceof AuditError) throw error; // a refusal (read/safe-open.ts) names the file already
      throw new AuditError(`cannot read ${file}: ${failure(error)}`, 2);
    }
  };
  // Read again only for a log with breaks and `torn` events (chain/torn-attested.ts): as bytes, for the starts' digests.
  const raw: EachRawLine = (file, take) => eachRawLineOfFile(file, take, opened);
  // One for the head marks' digests and the ledger's (verify-notes.ts): a file both name is read once for a size.
  const digestsOf = prefixDigests(textOf);
  const digestOf: PrefixDigest = (file, size) => digestsOf(file, [size]).get(size);
  // Under the key, whether the ledger names a rotated part older than the oldest file read (chain/verify.ts
  // startInOldestFile): read once, it is small.
  const live = files[0] === undefined ? undefined : path.join(path.dirname(files[0]), sealLogName(files[0]));
  const oldest = files[0] === undefined || live === undefined || path.basename(files[0]) === path.basename(live) ? undefined : path.basename(files[0]).slice(path.basename(live).length + 1).replace(/\.gz$/, '');
  const ledgerRotated = options.key !== undefined && live !== undefined && rotatedUnderKey(ledgerLines(live), live, options.key, oldest);
  return { ...verifyLines(files, each, raw, timeFormat, { prefixDigest: digestOf, ledgerRotated, ...options }), held, digestsOf };
}

/**
 * The SHA-256 of a file's first `size` bytes for each of `sizes` (those it holds: `.gz` ones gunzipped), the file read
 * once in pieces for them all. Kept: a digest is checked against one file, maybe once per order renamed-files tries.
 */
function prefixDigests(textOf: TextOf): PrefixDigests {
  const known = new Map<string, string | undefined>();
  return (file, sizes) => {
    const wanted = [...new Set(sizes)].filter((size) => !known.has(`${size}:${file}`));
    if (wanted.length > 0) {
      const found = prefixDigestsAt(file, wanted, textOf);
      for (const size of wanted) known.set(`${size}:${file}`, found.get(size));
    }
    const digests = new Map<number, string>();
    for (const size of sizes) {
      const digest = known.get(`${size}:${file}`);
      if (digest !== undefined) digests.set(size, digest);
    }
    return digests;
  };
}

function prefixDigestsAt(file: string, sizes: readonly number[], textOf: TextOf): Map<number, string> {
  const { fd, to, release } = textOf(file);
  const digests = new Map<number, string>();
  try {
    // Past the size it was held at, a live file holds nothing yet for verify.
    const ends = [...sizes].filter((size) => to === undefined || size <= to).sort((a, b) => a - b);
    const last = ends.at(-1);
    if (last === undefined) return digests;
    const hash = createHash('sha256');
    const piece = Buffer.allocUnsafe(Math.max(1, Math.min(last, 1 << 20)));
    let next = 0;
    for (let at = 0; ; ) {
      // The state at each size asked, copied on: every size from one read.
      while (next < ends.length && ends[next] === at) digests.set(ends[next++]!, hash.copy().digest('hex'));
      if (next === ends.length) return digests;
      const read = fs.readSync(fd, piece, 0, Math.min(piece.length, ends[next]! - at), at);
      if (read === 0) return digests;
      hash.update(piece.subarray(0, read));
      at += read;
    }
  } finally {
    release();
  }
}

/**
 * `verifyFiles` over any source of the files' texts (`read` is asked again for
 * each order tried): when it finds breaks that files in each other's place
 * could make, it tries the likely swaps, and if one leaves none, the files
 * were renamed (mv), which is said as one `reordered` break.
 */
export function verifyLog(files: readonly string[], read: (file: string) => string, timeFormat: string, options: VerifyOptions): LogReport {
  return verifyLines(files, (file, take) => eachLineOfText(read(file), take), (file, take) => eachRawLineOfText(Buffer.from(read(file)), take), timeFormat, options);
}

/** The lines of a text's bytes, as eachRawLineOfFile hands a file's. */
function eachRawLineOfText(bytes: Buffer, take: (bytes: Buffer, from: number, to: number, cut: undefined, offset: number) => Verdict): void {
  for (let at = 0; at < bytes.length; ) {
    const end = bytes.indexOf(0x0a, at);
    const to = end < 0 ? bytes.length : end + 1;
    if (take(bytes, at, to, undefined, at) === false) return;
    at = to;
  }
}

/**
 * verifyLog over each file's lines as `each` hands them (asked again for each order tried). A log with breaks and
 * `torn` events is checked again with the starts those events settle left out (chain/torn-attested.ts): `raw`
 * hands its lines as bytes for that.
 */
function verifyLines(files: readonly string[], each: EachLine, raw: EachRawLine, timeFormat: string, given: VerifyOptions): LogReport {
  // Every verifier this log runs (again without the key, retagged) searches for moves within one budget.
  // And settles torn starts within one budget of moves, however many times (chain/torn-attested.ts MAX_MOVES), and
  // searches on past its rounds within one count of bytes checked (MAX_CHECKED_BYTES), nested checks too.
  const options = { ...given, rearrange: given.rearrange ?? new RearrangeBudget(), tornMoves: given.tornMoves ?? new TornBudget() };
  const attested: TornAttestation[] = [];
  const before = options.tornMoves.checked;
  const report = checkLines(files, each, raw, timeFormat, options, attested);
  if (report.breaks.length === 0 || attested.length === 0) return report;
  // Settled among the lines the breaks name, the log is checked again whole, the starts left out: the events that
  // settled them are lines of their chains as before, and what is left of each line is checked as the line it is.
  // Then settled again, a few times at most, where that check found:
  // - a break that names a line no break named before: a start read past can bring one out that names a start no
  //   break named (a seal glued after another start was read at no place of its recording, so the lines it covers
  //   were no stretch, only the seal and the recording's end: a line torn twice, its first start within the stamp,
  //   the property in test/unit/torn-attested);
  // - else, a break that names a start read past. A pane that printed log lines under one stamp (`cat` of a log, dozens
  //   a pipe read) and was torn right before the first has each later one begin with the start and read as a line of
  //   another place, a start of the same kind, nearer to the event than the start itself, and the line written again
  //   whole of the one before it; read past, it broke its own chain. Where the start followed another of its kind,
  //   once a log, a round more where no start of that kind but the first is one (`quiet`): all those lines at once,
  //   not one a round (review of torn13z: a `cat` shows dozens a pipe read). Then, and where that first still broke
  //   (torn before a later line it showed), the start that broke is no start of that length (`excluded`), the nearer
  //   first, a round each, as where its event had another spot; where it had none, it stays: under a seal a break is
  //   the whole stretch, and names a real start in it too (review of torn13z: a second tear in the stretch was taken
  //   out). Only a few are taken out a time: many are planted copies. Past MAX_TORN_ROUNDS, a round more only where
  //   each start that broke was an echo, within MAX_CHECKED_BYTES (torn-attested.ts): torn before shown line k >= 1,
  //   the start is an echo among echoes and only the chains tell it (review of torn13m: 5 or more shown after the cut
  //   were a break). A log too large for that budget keeps the break (README: a false alarm, never a tear hidden).
  // Whatever is settled, every line left must fit the chains: the check with the fewest breaks is the report.
  let breaks = report.breaks;
  const excluded = new Map<string, Set<number>>();
  const quiet = new Set<string>();
  let quieted = false;
  let best: LogReport | undefined;
  let searching = false;
  // A round past them is taken only where what is left of the log's characters to check holds what the last took.
  let cost = before - options.tornMoves.checked;
  for (let round = 0; ; round++) {
    if (round > MAX_TORN_ROUNDS + (quieted ? 1 : 0) && (!searching || options.tornMoves.checked < cost)) break;
    searching = false;
    const torn = tornSpots(files, raw, timeFormat, attested, breaks, options.tornMoves, excluded, quiet);
    if (torn.length === 0) break;
    const left = options.tornMoves.checked;
    const again = checkLines(files, withoutTorn(each, torn), raw, timeFormat, options);
    cost = left - options.tornMoves.checked;
    if (best === undefined || again.breaks.length < best.breaks.length) best = { ...again, torn };
    if (again.breaks.length === 0) break;
    if (namesMore(breaks, again.breaks, files)) {
      breaks = [...breaks, ...again.breaks];
      continue;
    }
    const named = coveredBy(again.breaks, files);
    const broken = torn.filter((start) => named(start.file, start.line));
    if (broken.length === 0 || broken.length > MAX_EXCLUDED) break;
    const quieting: boolean = !quieted && broken.some((start) => start.echo);
    let more = false;
    for (const start of broken) {
      if (quieting && start.echo) quiet.add(start.kind);
      // The first of a quiet kind broke too: the kind has other spots (those quiet), none of them tried yet.
      if (!(start.echo || start.others || quiet.delete(start.kind))) continue;
      const at = `${start.line}:${start.file}`;
      excluded.set(at, (excluded.get(at) ?? new Set<number>()).add(start.bytes));
      more = true;
    }
    quieted ||= quieting;
    if (!more) break;
    searching = quieted && broken.every((start) => start.echo);
  }
  return best ?? report;
}

/** Times verify settles torn starts again (see verifyLines). */
const MAX_TORN_ROUNDS = 3;

/** Starts read past whose lines still break, past which none is taken out to settle again: planted copies, not tears (see verifyLines). */
const MAX_EXCLUDED = 64;

/** The starts `attested` settles in a log's lines (chain/torn-attested.ts): among the lines `breaks` name, and files' last lines with no newline; no line as a start of a length `excluded` says (by `line:file`), nor of a kind `quiet` but its first. */
function tornSpots(files: readonly string[], raw: EachRawLine, timeFormat: string, attested: readonly TornAttestation[], breaks: readonly Break[], budget: TornBudget, excluded: ReadonlyMap<string, ReadonlySet<number>>, quiet: ReadonlySet<string>): TornSpot[] {
  let reader: LineReader | undefined;
  const settler = new TornSettler(attested, coveredBy(breaks, files), (text, stamped) => {
    const parsed = reader!.read(text, false);
    if (parsed === undefined) return undefined;
    // An ISO stamp read as such, not as the lenient parse reads a year of three digits (a stamp a byte shorter).
    if (stamped === true && (reader!.iso || text.charCodeAt(0) === 0x7b) && isoMs(parsed.time) === undefined) return undefined;
    return placeOf(parsed);
  }, budget, (file, line) => excluded.get(`${line}:${file}`), quiet);
  for (const file of files) {
    reader = undefined;
    settler.nextFile(file);
    raw(file, (bytes, from, to, cut, offset) => {
      reader ??= readerOfFile(bytes.toString('utf8', from, to), cut, timeFormat);
      settler.take(bytes, from, to, cut === true, offset);
    });
  }
  return settler.finish();
}

/** `each`, with each settled start left out: its line handed from the line glued to it on, a file's last line not at all. */
function withoutTorn(each: EachLine, torn: readonly TornSpot[]): EachLine {
  const starts = new Map<string, Map<number, number>>();
  for (const start of torn) starts.set(start.file, (starts.get(start.file) ?? new Map<number, number>()).set(start.line, start.atEnd ? Number.POSITIVE_INFINITY : start.chars));
  return (file, take) => {
    const inFile = starts.get(file);
    if (inFile === undefined) return each(file, take);
    let line = 0;
    each(file, (text, cut) => {
      const chars = inFile.get(++line);
      if (chars === undefined) return take(text, cut);
      return chars < text.length ? take(text.slice(chars), cut) : true;
    });
  };
}

/** Whether a line is named by any of `breaks` (in its stretch, when it is one): a binary search a line. */
function coveredBy(breaks: readonly Break[], files: readonly string[]): (file: string, line: number) => boolean {
  const named = namedLines(breaks, files);
  const at = positionIn(files);
  return (file, line) => {
    const where = at(file, line);
    return within(named, where, where);
  };
}

/** Whether `added` names a line `breaks` do not. */
function namesMore(breaks: readonly Break[], added: readonly Break[], files: readonly string[]): boolean {
  const named = namedLines(breaks, files);
  return namedLines(added, files).some(({ from, to }) => !within(named, from, to));
}

/** A line's place in the log's order of files and lines, as a number (NaN: a file not of `files`). */
function positionIn(files: readonly string[]): (file: string, line: number) => number {
  const order = new Map(files.map((file, i) => [file, i * 2 ** 32]));
  return (file, line) => (order.get(file) ?? Number.NaN) + line;
}

/** The lines `breaks` name (a stretch's every line), as sorted ranges of positions (positionIn), neighbours joined. */
function namedLines(breaks: readonly Break[], files: readonly string[]): { from: number; to: number }[] {
  const at = positionIn(files);
  const stretches = breaks
    .filter((found) => found.file !== '')
    .map((found) => ({ from: at(found.file, found.line), to: at(found.endFile ?? found.file, found.endLine ?? found.line) }))
    .filter(({ from, to }) => !Number.isNaN(from) && !Number.isNaN(to))
    .sort((a, b) => a.from - b.from);
  const named: { from: number; to: number }[] = [];
  for (const stretch of stretches) {
    const last = named.at(-1);
    if (last !== undefined && stretch.from <= last.to + 1) last.to = Math.max(last.to, stretch.to);
    else named.push({ ...stretch });
  }
  return named;
}

/** Whether the positions [from, to] are all among `named` (namedLines): in the last range that begins at or before `from`. */
function within(named: readonly { from: number; to: number }[], from: number, to: number): boolean {
  let low = 0;
  let high = named.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (named[middle]!.from <= from) low = middle + 1;
    else high = middle;
  }
  return low > 0 && named[low - 1]!.to >= to;
}

/** A `torn` event as the chains read it (their check of it is theirs): undefined when the line is none. */
function attestationOf(line: VerifyLine, index: number): TornAttestation | undefined {
  if (line.event !== 'torn' || line.place === undefined) return undefined;
  const bytes = Number(line.fields?.bytes);
  const sha256 = line.fields?.sha256;
  if (!Number.isSafeInteger(bytes) || bytes <= 0 || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) return undefined;
  return { file: line.file, line: line.line, index, place: line.place, bytes, sha256 };
}

/** verifyLines' check of the chains, once over the lines as `each` hands them; `attested` hears the `torn` events read. */
function checkLines(files: readonly string[], each: EachLine, raw: EachRawLine, timeFormat: string, options: VerifyOptions, attested?: TornAttestation[]): LogReport {
  let total = 0;
  let bytes = 0;
  let index = 0;
  let untimed: string | undefined;
  const parseLines = (file: string, push: (line: VerifyLine) => Verdict): void => linesOf(file, (take) => each(file, take), timeFormat, (stamps) => (untimed ??= stamps), push);
  // A small log's lines are kept, parsed, for the tries (a try is then hashing, not parsing); a large one is read again.
  let kept: Map<string, VerifyLine[]> | undefined = new Map();
  const keyMatch = options.key === undefined ? undefined : new KeyMatch(options.key);
  const removals = new RemovalCount();
  const report = runVerifier(files, (file, push) => {
    const lines: VerifyLine[] = [];
    parseLines(file, (line) => {
      keyMatch?.see(line);
      removals.see(line);
      if (line.event === 'torn' && attested) {
        const attestation = attestationOf(line, index);
        if (attestation) attested.push(attestation);
      }
      index++;
      total += line.text.length;
      // In bytes where the log is settled again (torn events read: attested undefined); the first check, which every
      // log takes, in characters (a third of its bytes at worst, once): counting bytes there cost every verify ~8 %.
      if (options.tornMoves && attested === undefined) bytes += Buffer.byteLength(line.text);
      if (kept && total <= KEEP_PARSED_CHARS) lines.push(line);
      else kept = undefined;
      return push(line);
    });
    kept?.set(file, lines);
  }, options);
  // What is left to check searching on past the rounds (verifyLines): every check of the log's lines counts.
  if (options.tornMoves) options.tornMoves.checked -= attested === undefined ? bytes : total;
  // Not one keyed seal holds under the key, by its e= or its hash: said once, and the log checked as without
  // one (chain/key-match.ts), --require-key's checks kept (a plain recording is still `unkeyed`). A seal
  // that holds by its hash says the key is the log's, whatever someone without it did to every e=.
  // Each e= made again under the key (retagged): the seals' hashes that a rewritten e= broke hold again with the right key.
  const parsed = (file: string, push: (line: VerifyLine) => Verdict): void => {
    const lines = kept?.get(file);
    if (lines === undefined) return parseLines(file, push);
    for (const line of lines) if (push(line) === false) return;
  };
  let keyedHeld = report.keyedHeld;
  const mismatch = report.breaks.length > 0 && keyedHeld === 0 ? keyMatch?.mismatch() : undefined;
  if (mismatch) keyedHeld = runVerifier(files, (file, push) => parsed(file, (line) => push(retagged(line, options.key!))), options).keyedHeld;
  const wrongKey = keyedHeld === 0 ? mismatch : undefined;
  if (wrongKey) {
    // What the key shows is still said (the first few breaks): someone without it who edits a line and then the
    // hashes of every stretch and seal makes the right key look wrong too, and the edit must still be named.
    const without = verifyLines(files, each, raw, timeFormat, { ...options, key: undefined });
    // Head marks not holding under it are what a wrong key makes (key-match.ts counts them in its break): not listed.
    const shown = report.breaks.filter((found) => !markUnderWrongKey(found));
    const underKey = shown.slice(0, UNDER_WRONG_KEY).map((found) => ({ ...found, detail: `${UNDER_KEY}${found.detail}` }));
    const more = shown.length - underKey.length;
    if (more > 0) underKey.push({ ...underKey[underKey.length - 1]!, detail: `${UNDER_KEY}and ${more} more break(s) like these` });
    // Checked without the key: no swap found there says the seals hold as written (Break.swapHolds).
    const unsure = (found: Break): Break => ({ ...found, swapHolds: undefined });
    return { ...without, breaks: [wrongKey, ...without.breaks.map(unsure), ...underKey.map(unsure)] };
  }
  if (keyMatch?.renamedHint(keyedHeld)) report.breaks = report.breaks.map((found) => (found.detail === BAD_TAG ? { ...found, detail: `${BAD_TAG}; ${RENAMED_HINT}` } : found));
  const swap = renamedPair(files, report, total, (order) => runVerifier(order, parsed, { ...options, holdsOnly: true }, true).breaks.length === 0);
  const lost = removals.count(report.lost);
  if (!swap) return { ...report, lost, untimed };
  const [a, b] = swap;
  return { ...report, lost, untimed, breaks: [{ kind: 'reordered', file: a, line: 1, rec: '', hint: [a, b], swapHolds: true, detail: `${a} and ${b} are in each other's place (renamed): in the other order the log verifies` }] };
}

/** Under a key that seems not the log's, this many of the breaks it shows are still named (the rest counted). */
const UNDER_WRONG_KEY = 10;
const UNDER_KEY = 'if the key is the log\'s after all: ';

/** Up to this many characters of a log are kept parsed while verify looks for renamed files. */
const KEEP_PARSED_CHARS = 8 * 1024 * 1024;

/**
 * Running recordings' last seals as their readers noted them (chain/running-seal.ts), each parsed as a line of
 * the log its run file names (the seal's `e=` binds that log's name).
 */
export function liveSeals(runs: readonly { runFile: string; recording: Recording }[], timeFormat: string): Map<string, VerifyLine> {
  const seals = new Map<string, VerifyLine>();
  for (const { runFile, recording } of runs) {
    try {
      const line = readSealNote(runFile).line;
      const parsed = line === undefined ? undefined : notedSealLine(recording.file, line, timeFormat);
      if (parsed !== undefined) seals.set(recording.id, parsed);
    } catch {
      // its note unreadable, or gone meanwhile
    }
  }
  return seals;
}

/** A seal line a reader noted, parsed as a line of its log `file`. */
export function notedSealLine(file: string, line: string, timeFormat: string): VerifyLine | undefined {
  let first: VerifyLine | undefined;
  linesOf(file, (take) => eachLineOfText(line, take), timeFormat, () => {}, (parsed) => {
    first = parsed;
    return false;
  });
  return first;
}

/** What verify found in one log: `untimed`, the stamp format of its text lines when they are no instants (chain/epoch-stamps.ts); `held`, the bytes each file held as read. */
export type LogReport = VerifyReport & { untimed?: string; held?: ReadonlyMap<string, number>; digestsOf?: PrefixDigests; torn?: readonly TornSpot[] };

/** The SHA-256 (hex) of a log file's first `size` bytes as it holds them (a `.gz` gunzipped); undefined when it holds fewer. */
export type PrefixDigest = (file: string, size: number) => string | undefined;

/** PrefixDigest for several sizes of one file, by size: a size it holds fewer bytes than is not there. */
export type PrefixDigests = (file: string, sizes: readonly number[]) => ReadonlyMap<number, string>;

/**
 * A file's lines as verify sees them. Whether its stamps are instants is the file's to say, not the format
 * verify is given (`--time-format`, `@audit-time-format`: the log's owner sets those): a file whose first
 * line the default format reads is timed whatever the format given; else its text lines are given no time
 * (NaN: the time checks pass over them) only when its seals say their own instant (`t=`, which a reader
 * writes only for stamps that are none: chain/epoch-stamps.ts), and a seal then takes its `t=`. Under a key
 * a `t=` added or taken out fails the seal's `e=`; in a plain log anyone can add one (as they can rewrite
 * it all). A file without a seal goes by the format it is read with (no seal of it to say otherwise).
 * `untimed` hears of the format.
 */
function linesOf(file: string, each: (take: (line: string, cut?: boolean) => Verdict) => void, timeFormat: string, untimed: (format: string) => void, push: (line: VerifyLine) => Verdict): void {
  let reader: LineReader | undefined;
  // Not read by the default format: whether its stamps are instants is known once its seals are (see above),
  // so its lines are held until the file's end (a custom format's log; a default one's streams through).
  let held: { whole: string; parsed: ReturnType<LineReader['read']> }[] | undefined;
  let seals = 0;
  let sealInstants = 0;
  let line = 0;
  const emit = (whole: string, parsed: ReturnType<LineReader['read']>, instants: boolean): Verdict => {
    line++;
    // A JSON line's time is ISO 8601 with an offset, whatever the text lines' format. A seal whose stamp the
    // format does not read (the option changed within a file: written in another format) has its t=, if any.
    const timed = instants || whole.charCodeAt(0) === 0x7b;
    if (parsed && !timed) untimed(reader!.timeFormat);
    return push(
      parsed
        ? { file, line, text: whole, place: placeOf(parsed), kind: parsed.kind, event: parsed.kind === 'event' ? parsed.text : undefined, fields: parsed.fields, raw: parsed.kind === 'event' ? parsed.raw : undefined, ms: timed && Number.isFinite(parsed.ms) ? parsed.ms : parsed.kind === 'event' && parsed.text === 'seal' ? (sealInstant(parsed.fields) ?? Number.NaN) : Number.NaN }
        : { file, line, text: whole, ms: Number.NaN },
    );
  };
  each((whole, cut) => {
    // A cut line is no log line, whatever its first bytes say (see eachLineOfFile).
    const ended = whole.endsWith('\n') && !cut;
    if (reader === undefined) {
      reader = readerOfFile(whole, cut, timeFormat);
      if (reader.timeFormat !== DEFAULT_TIME_FORMAT) held = [];
    }
    const parsed = ended ? reader.read(whole.slice(0, -1)) : undefined;
    if (!held) return emit(whole, parsed, true);
    if (parsed?.kind === 'event' && parsed.text === 'seal' && whole.charCodeAt(0) !== 0x7b) {
      seals++;
      if (sealInstant(parsed.fields) !== undefined) sealInstants++;
    }
    held.push({ whole, parsed });
  });
  if (!held) return;
  const instants = seals > 0 ? sealInstants === 0 : stampsAreEpoch(reader!.timeFormat);
  for (const { whole, parsed } of held) if (emit(whole, parsed, instants) === false) return;
}

/** The reader of a file whose first line (as eachLineOfFile hands it) is `whole`: the default format's when it reads its time, else the first that does (read/line.ts readerFor). */
function readerOfFile(whole: string, cut: boolean | undefined, timeFormat: string): LineReader {
  const first = whole.endsWith('\n') && !cut ? whole.slice(0, -1) : whole;
  const stock = new LineReader(DEFAULT_TIME_FORMAT);
  const read = stock.read(first);
  return read && Number.isFinite(read.ms) ? stock : readerFor(first, timeFormat);
}

/** Feeds the files' lines to a verifier; `firstBreak`: gives up at the first break (a try of another order). */
function runVerifier(files: readonly string[], linesOf: (file: string, push: (line: VerifyLine) => Verdict) => void, options: VerifyOptions, firstBreak = false): VerifyReport {
  const verifier = new ChainVerifier(options);
  for (const file of files) {
    let stopped = false;
    linesOf(file, (line) => {
      verifier.push(line);
      stopped = firstBreak && verifier.broken;
      return !stopped;
    });
    if (stopped) return verifier.finish();
  }
  return verifier.finish();
}

export function breakLine(found: Break): string {
  const end = found.endLine === undefined || (found.endLine === found.line && !found.endFile) ? '' : found.endFile ? ` to ${found.endFile}:${found.endLine}` : `-${found.endLine}`;
  const where = `${found.file}:${found.line}${end}`;
  return `${where}: ${found.kind}${found.rec ? ` (rec ${found.rec})` : ''}: ${found.detail}\n`;
}

/** A start a full disk tore, read past on its reader's `torn` event (chain/torn-attested.ts): a note, no break. */
export function tornLine(start: TornSpot): string {
  const here = (where: { file: string; line: number }): string => (where.file === start.file ? `line ${where.line}` : `${where.file}:${where.line}`);
  const left = start.atEnd ? 'ends the file (another pane\'s reader rotated the log meanwhile)' : 'is glued to the head of the line another pane\'s reader wrote first';
  return `${start.file}:${start.line}: torn write: the disk was full: the start of a line (${start.bytes} byte(s)) ${left}; written again whole at ${here(start.whole)}, as the torn event at ${here(start.attested)} says; read past\n`;
}

export function summaryLine(name: string, report: VerifyReport & { torn?: readonly TornSpot[] }): string {
  const count = (ending: string): number => report.recordings.filter((r) => r.ending === ending).length;
  const seals = report.recordings.reduce((sum, r) => sum + r.seals, 0);
  // Only a running reader's tail is sealed yet; the rest stays unsealed (a dead reader's last lines, those around a removed log, before a pruned start's first seal).
  const unsealedYet = report.recordings.reduce((sum, r) => sum + (r.ending === 'open' ? r.unsealed : 0), 0);
  const unsealed = report.recordings.reduce((sum, r) => sum + (r.ending === 'open' ? 0 : r.unsealed), 0);
  const shared = report.recordings.reduce((sum, r) => sum + r.sharedLines, 0);
  const notes = [
    count('open') > 0 ? `${count('open')} still recording` : '',
    count('reader-died') > 0 ? `${count('reader-died')} ended by a dead reader` : '',
    count('lost') > 0 ? `${count('lost')} closed as lost` : '',
    unsealedYet > 0 ? `${unsealedYet} line(s) no seal covers yet` : '',
    unsealed > 0 ? `${unsealed} line(s) no seal covers (a dead reader's last lines, lines around a removed log, before a pruned start's first seal)` : '',
    report.recordings.some((r) => r.startMissing) ? `${report.recordings.filter((r) => r.startMissing).length} started before the oldest file` : '',
    report.unchained > 0 ? `${report.unchained} event(s) from other processes` : '',
    report.lost > 0 ? `${report.lost} log file(s) removed while logging: what each held is gone, but for what its reader wrote again after the lost event` : '',
    report.olderLost > 0
      ? `${report.olderLost} recording(s) written by an older tmux-audit: their lost events are checked the old way (unsealed; a lost event forged there ahead of a seal writes the lines that seal covers off as unsealed)`
      : '',
    report.unkeyed > 0 ? `${report.unkeyed} recording(s) not keyed: checked as plain SHA-256, not proved against the log's owner` : '',
    report.needKey > 0 ? `${report.needKey} recording(s) need the key (--key): their lines counted and seals linked, not hashed` : '',
    shared > 0 ? `${shared} line(s) checked by seal links only: two recordings at one place` : '',
    report.torn?.length ? `${report.torn.length} torn write(s) of a full disk: a line's start left, the line written again whole, as its reader's torn event says` : '',
  ].filter(Boolean);
  const state = report.breaks.length === 0 ? 'OK' : 'TAMPERED';
  return `${state} ${name}: ${report.files} file(s), ${report.lines} lines, ${report.recordings.length} recording(s), ${seals} seal(s)${report.breaks.length > 0 ? `, ${report.breaks.length} break(s)` : ''}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}\n`;
}

/** Said once when a log's stamps are no instants: what verify then checks of its times, and what not. */
export function untimedWarning(format: string): string {
  return `the log's seals say their own instant (t=): its stamps (read with ${JSON.stringify(format)}) hold no full date and UTC offset, so verify reads its times from the seals' t= only, and skips the checks that need a line's time (lines going back within a stretch, a dead reader's or a running recording's tail span, a recording moved at a shared place); a start cut out is checked against the earliest seal that holds, a seal replayed from a pruned file against the earliest seal that holds by its hash. Under the key a t= added or taken out is an edit (e=); without it, anyone who can write a plain log could add t= (as they could rewrite it)`;
}

/** The logs that the named files belong to, each with only the named files (in log order). */
function setsOfFiles(files: readonly string[]): { name: string; files: string[] }[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const dir = path.dirname(path.resolve(file));
    byDir.set(dir, [...(byDir.get(dir) ?? []), path.basename(file)]);
  }
  const groups: { name: string; files: string[] }[] = [];
  for (const [dir, names] of byDir) {
    const sets = logSets(dir, names);
    const covered = new Set<string>();
    for (const set of sets) {
      const paths = set.files.map((file) => file.path);
      for (const file of paths) covered.add(file);
      groups.push({ name: setName(set), files: paths });
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (!covered.has(full)) groups.push({ name, files: [full] });
    }
  }
  return groups;
}

export function verifyCommand(): Command {
  return whereOptions(new Command('verify'))
    .description('check the logs against their hash chains: OK with counts, or each break (file, line, recording, kind); exit 0 clean, 1 tampered, 2 unreadable')
    .argument('[files...]', 'log files (default: every log in the directory, with its rotated files)')
    .option('--key <file>', 'the chain key (@audit-chain-key) the logs were written with')
    .option('--require-key', 'with --key: a recording chained without the key is a break (unkeyed)')
    .option('--older', 'logs written before chains were marked v=2: check their unsealed lost events the old, weaker way (a log owner can forge that shape)')
    .option('--quiet', 'print only breaks')
    .action((files: string[], options: WhereOptions & { key?: string; requireKey?: boolean; older?: boolean; quiet?: boolean }) => {
      const where = location(options);
      if (options.requireKey && options.key === undefined) throw new AuditError('--require-key needs --key <file>', 2);
      let key: Buffer | undefined;
      if (options.key !== undefined) {
        try {
          key = fs.readFileSync(options.key);
          const loose = keyFileWarning(options.key);
          if (loose) process.stderr.write(`tmux-audit: ${loose}\n`);
        } catch (error) {
          throw new AuditError(`cannot read the key ${options.key}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
        }
      }
      const listing = files.length > 0 ? undefined : takeListing(where.dir, dirNames);
      // A log of the directory is read as one state of it (read/held-files.ts): its writers go on rotating it.
      const groups: { name: string; files: string[]; live?: string }[] =
        listing === undefined ? setsOfFiles(files) : listing.sets.map((set: LogSet) => ({ name: setName(set), files: set.files.map((file) => file.path), live: set.live }));
      if (groups.length === 0) throw new AuditError(`no session logs in ${where.dir}`, 2);
      const live = new Map<string, string>();
      const seals = new Map<string, VerifyLine>();
      // Recordings whose reader is running (their tails are not yet sealed), each with the live log its run file names.
      const runs = [...new Set(files.length > 0 ? files.map((file) => path.dirname(path.resolve(file))) : [where.dir])].flatMap(livingRuns);
      for (const { recording } of runs) live.set(recording.id, recording.file);
      for (const [rec, seal] of liveSeals(runs, where.timeFormat)) seals.set(rec, seal);
      const out = new Output();
      let tampered = false;
      let untimedSaid = false;
      let notesFailed = false;
      // One for the whole run: many logs each with broken stretches must not each take the whole search.
      const rearrange = new RearrangeBudget();
      const check = (groupFiles: readonly string[], textOf?: TextOf): LogReport => {
        const report = verifyFiles(groupFiles, where.timeFormat, { key, live: new Set(live.keys()), liveLogs: live, liveSeals: seals, requireKey: options.requireKey, older: options.older, now: Date.now(), rearrange }, textOf);
        // What the notes beside the log say it held (verify-notes.ts): lines gone whole leave the chain nothing to read.
        // A fault there (a note someone made up, say) loses neither the chain's findings nor the logs after it.
        try {
          const gone = [...notedEnds(groupFiles, runs), ...removedRotated(groupFiles, key, report.marked), ...shrunkRotated(groupFiles, report.held ?? new Map(), key, report.digestsOf, report.digests, report.breaks)];
          return gone.length > 0 ? { ...report, breaks: [...report.breaks, ...gone] } : report;
        } catch (error) {
          notesFailed = true;
          process.stderr.write(`tmux-audit: could not read the notes beside ${groupFiles.at(-1) ?? ''} (the run files, the rotated-files ledger), so what they tell is unknown; the chain's findings are below (a fault in verify, not a finding in the log): ${(error as Error).message}\n`);
          return report;
        }
      };
      for (const group of groups) {
        let report: LogReport;
        try {
          report = group.live !== undefined && listing !== undefined ? readLog(where.dir, group.live, listing, dirNames, (log) => check(log.files, log.text)) : check(group.files);
        } catch (error) {
          // What the logs before it gave is said first. A fault of verify's own is no verdict on the log: never exit 1.
          out.flush();
          if (error instanceof AuditError) throw error;
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EMFILE' || code === 'ENFILE') throw new AuditError(`could not verify ${group.name}, the result is unknown: ${failure(error)}`, 2);
          throw new AuditError(`could not verify ${group.name}, the result is unknown (a fault in verify, not a finding in the log): ${(error as Error).stack ?? String(error)}`, 2);
        }
        if (report.untimed !== undefined && !untimedSaid) {
          untimedSaid = true;
          process.stderr.write(`tmux-audit: ${untimedWarning(report.untimed)}\n`);
        }
        for (const found of report.breaks) out.write(breakLine(found));
        if (!options.quiet) for (const start of report.torn ?? []) out.write(tornLine(start));
        if (report.breaks.length > 0) tampered = true;
        if (!options.quiet || report.breaks.length > 0) out.write(summaryLine(group.name, report));
      }
      out.flush();
      // A finding is one whatever else went wrong; without one, a check not made leaves the result unknown.
      process.exitCode = tampered ? 1 : notesFailed ? 2 : 0;
    });
}
