// The rotated-files ledger's name lines (rotated-ledger.ts), free of I/O: which
// rotated files of a log its writers made, and which of them retention deleted.
// A rotated file gone without having been pruned was removed by hand (issue 13,
// prune13): the chain names the gap `missing file` only while files on both
// sides of it are left; once retention has pruned the older ones, the gap is
// the log's start, which verify must take for pruning, though the removed file
// held lines an honest log would still hold.
//
// A rotation writes, in one append under the rotation lock right after its
// rename, a `pruned <name>` line for each rotated file it is about to delete
// (before deleting it: a file gone has its line), the file's identity line
// (what writers ask: rotated-ledger.ts) and `rotated <name>`: in that order, so
// that a write cut short by a full disk loses a name, never a pruning (review of
// prune13, finding 1); a cut one is written again after the deletions. `<name>` is the rotated name's part
// after the live file's (`20261124T230102.345Z`, `-<n>` when two share a
// millisecond); compressed, the file keeps it (`.gz`). Under the chain key each
// name line carries an HMAC over the log's path and the name.
//
// A `rotated` line also says what the file held just before its rename
// (`rotated <name> size=<bytes>`, the size bound by the tag too): from then on a
// rotated file is only appended to (writers not yet aware), compressed whole
// or pruned, so one holding fewer bytes was emptied or cut by hand (issue 13,
// empty13: the oldest file emptied with `: >` passed, its recordings read as
// started before it, as after pruning; no head mark names its content).
// Lines without a size (older writers) make no such claim.
//
// A byte count is no content: the oldest file emptied and refilled with as many
// bytes of made-up lines passed (issue 13, review of empty13). So the writer
// that rotated a file hashes its first `size` bytes afterwards, in the
// background (file-digest.ts: hashing under the lock stalled its lines, issue
// 15), and appends `rotated sha256=<hex> <name> size=<bytes>` (tagged under the
// key over all three): a digest line, no claim that the file was made (its
// `rotated` line, written at the rename, is that), only of what its first bytes
// were. Written later than the rename, it may follow the name's `pruned` line,
// or never come (the reader gone first): a file without one is checked by its
// size alone. The digest comes before the name so that neither the release
// before nor this one reads the line, or any part of it a full disk left, as a
// claim: their name lines have a name second, and `sha256=…` is none, so they
// pass over it (review of first13: `rotated <name> size=… sha256=…` read as a
// claim tagged `sha256=…`, and cut after its name as one untagged). It counts
// only whole (the digest's 64 hex digits, a size, a tag of a tag's length) and
// after the name's last `rotated` line, with its size: a name used again (the
// clock stepped back past a pruned file's) is another file.
//
// A claim ("this file should be here or pruned") is only made where the ledger
// can make it: nothing for a name whose `rotated` line is gone (the ledger's
// older half dropped, an older writer's ledger, no ledger); and none for a file
// older than a rotation the ledger does not name, since that rotation may have
// pruned it unsaid: an identity line with no `rotated` line after it (a writer
// of the release before, or a line cut by a full disk), a rotated file left or a
// `pruned` line whose name no `rotated` line gave (a writer older still, or one
// that died between its rename and its note). A file left counts only with
// something in it, and under the key with a head mark that holds: an empty one
// touched under a later name took every claim back (finding 3). A name line
// naming no file a rotation could make is ignored (finding 2). Under the key, a `rotated` line that holds is answered only by a
// `pruned` line that holds, unless a writer without the key rotated after it (a
// key set mid-way: those readers prune too, untagged).

import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';

export type NameLine = 'rotated' | 'pruned';

/** `size`: bound too when the line says it (a name's tag alone is another, so neither passes for the other). */
function nameTag(logFile: string, what: NameLine, name: string, key: Buffer, size?: number): string {
  return createHmac('sha256', key).update(`tmux-audit ${what}\0${path.resolve(logFile)}\0${name}${size === undefined ? '' : `\0${size}`}`).digest('base64url');
}

/**
 * The ledger line saying that the rotated file `<log>.<name>` was made (`rotated`) or is deleted by retention
 * (`pruned`). `size`: what a `rotated` file held when it was noted (`size=<bytes>`), which it never holds less of.
 */
export function nameEntry(logFile: string, what: NameLine, name: string, key?: Buffer, size?: number): string {
  const sized = size === undefined ? name : `${name} size=${size}`;
  return key ? `${what} ${sized} ${nameTag(logFile, what, name, key, size)}` : `${what} ${sized}`;
}

/** The tag of a digest line: its own first word, so that no name line's tag passes for one (nor the reverse). */
function digestTag(logFile: string, name: string, size: number, sha: string, key: Buffer): string {
  return createHmac('sha256', key).update(`tmux-audit rotated digest\0${path.resolve(logFile)}\0${name}\0${size}\0${sha}`).digest('base64url');
}

/** What a rotated file's first `size` bytes were at its rotation: their SHA-256 (hex). */
export interface RotatedDigest {
  size: number;
  sha: string;
}

/** The ledger line saying that the rotated file `<log>.<name>` held, in its first `size` bytes, the bytes whose SHA-256 is `sha`. */
export function digestEntry(logFile: string, name: string, digest: RotatedDigest, key?: Buffer): string {
  const line = `rotated sha256=${digest.sha} ${name} size=${digest.size}`;
  return key ? `${line} ${digestTag(logFile, name, digest.size, digest.sha, key)}` : line;
}

/** The part of a rotated file's name after the live file's (`.gz` left off): what its ledger lines name. */
export function rotatedPart(live: string, rotatedName: string): string {
  return rotatedName.slice(live.length + 1).replace(/\.gz$/, '');
}

/** Orders rotated parts by time (`<stamp>[-<n>]`): as core/rotate.ts sorts the files. */
function before(a: string, b: string): boolean {
  const [at, an = '0'] = a.split('-');
  const [bt, bn = '0'] = b.split('-');
  return at! < bt! || (at === bt && Number(an) < Number(bn));
}

function holds(logFile: string, what: NameLine, name: string, tag: string | undefined, key: Buffer, size?: number): boolean {
  return tag !== undefined && sameTag(tag, nameTag(logFile, what, name, key, size));
}

function sameTag(tag: string, wanted: string): boolean {
  const want = Buffer.from(wanted);
  const got = Buffer.from(tag);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** A rotated part as core/rotate.ts names one: anything else on a name line (a line cut by a full disk, a planted one) names no file. */
const NAME = /^\d{8}T\d{6}\.\d{3}Z(?:-\d+)?$/;

/** A size a `rotated` line may say. */
const SIZE = /^size=(\d{1,15})$/;

/** A name line, well formed: `<what> <name>[ size=<bytes>][ <tag>]` (only `rotated` says a size). */
function nameLine(line: string): { what: NameLine; name: string; tag: string | undefined; size: number | undefined } | undefined {
  if (!line.startsWith('rotated ') && !line.startsWith('pruned ')) return undefined;
  const words = line.split(' ');
  const sized = words[0] === 'rotated' ? SIZE.exec(words[2] ?? '') : null;
  if (sized) words.splice(2, 1);
  const [what, name, tag, more] = words as [NameLine, string, string?, string?];
  return NAME.test(name) && more === undefined ? { what, name, tag, size: sized ? Number(sized[1]) : undefined } : undefined;
}

/** How every digest line begins, and no name line (a name begins with a digit). */
const DIGEST_START = 'rotated sha256=';

/** A digest line, whole: a tag is an HMAC-SHA256 in base64url (43 characters), so a cut one is none. */
const DIGEST = /^rotated sha256=([0-9a-f]{64}) (\S+) size=(\d{1,15})(?: ([A-Za-z0-9_-]{43}))?$/;

function digestLine(line: string): { name: string; size: number; sha: string; tag: string | undefined } | undefined {
  const whole = DIGEST.exec(line);
  return whole && NAME.test(whole[2]!) ? { name: whole[2]!, size: Number(whole[3]), sha: whole[1]!, tag: whole[4] } : undefined;
}

/**
 * What the ledger's `lines` say each of the rotated files `names` held at least (its rotated part to bytes): from
 * the name's last `rotated` line, if it says a size, under `key` only if its tag holds (an untagged one is a writer's
 * without the key, or anyone's). A rotated file is only ever appended to, compressed whole or deleted: a file of the
 * log that holds fewer bytes (gunzipped) was emptied or cut by hand, also the oldest, whose lines no later mark names.
 */
export function rotatedSizes(lines: readonly string[], logFile: string, names: ReadonlySet<string>, key?: Buffer): Map<string, number> {
  const last = new Map<string, { size: number | undefined; tag: string | undefined }>();
  for (const line of lines) {
    const entry = nameLine(line);
    if (entry?.what === 'rotated' && names.has(entry.name)) last.set(entry.name, entry);
  }
  const sizes = new Map<string, number>();
  // Tags checked for the names asked about only: a full ledger under a key holds hundreds of them.
  for (const [name, { size, tag }] of last) if (size !== undefined && (key === undefined || holds(logFile, 'rotated', name, tag, key, size))) sizes.set(name, size);
  return sizes;
}

/**
 * What the ledger's digest lines say the first bytes of each of the rotated files `names` were at its rotation (its
 * rotated part to the digest): the name's last digest line after a `rotated` line of the same size, not followed by
 * its `pruned` line or a `rotated` line of another size (an earlier one is of a file pruned before the name was used
 * again); under `key` only lines whose tags hold count (an untagged one is anyone's: without the key, whoever writes
 * the directory writes the file and its line alike).
 */
export function rotatedDigests(lines: readonly string[], logFile: string, names: ReadonlySet<string>, key?: Buffer): Map<string, RotatedDigest> {
  const last = new Map<string, RotatedDigest>();
  // Each name's size as its last `rotated` line that holds says it (undefined: none said).
  const sized = new Map<string, number | undefined>();
  for (const line of lines) {
    if (line.startsWith(DIGEST_START)) {
      const entry = digestLine(line);
      if (entry === undefined || !names.has(entry.name)) continue;
      if (key !== undefined && !digestHolds(logFile, entry.name, entry.size, entry.sha, entry.tag, key)) continue;
      // Only of the size its rotation said: a digest line cut inside its size is another size (review of first13b).
      if (sized.get(entry.name) === entry.size) last.set(entry.name, { size: entry.size, sha: entry.sha });
      continue;
    }
    const entry = nameLine(line);
    if (entry === undefined || !names.has(entry.name)) continue;
    // Under the key only lines that hold count: an untagged `rotated <name>` appended by anyone (or a line of another
    // size) would otherwise take the digest away and let the file be refilled (review of first13b). A tagged line
    // copied again says the same size and leaves it.
    if (key !== undefined && !holds(logFile, entry.what, entry.name, entry.tag, key, entry.size)) continue;
    if (entry.what === 'pruned') {
      // The name may be used again (the clock stepped back): its next file is another.
      last.delete(entry.name);
      sized.delete(entry.name);
    } else {
      if (last.get(entry.name)?.size !== entry.size) last.delete(entry.name);
      sized.set(entry.name, entry.size);
    }
  }
  return last;
}

function digestHolds(logFile: string, name: string, size: number, sha: string, tag: string | undefined, key: Buffer): boolean {
  return tag !== undefined && sameTag(tag, digestTag(logFile, name, size, sha, key));
}

/** A `rotated` line read: where, what it names, its tag and size as written. */
interface Rotation {
  at: number;
  name: string;
  tag: string | undefined;
  size: number | undefined;
}

/** A name's last `rotated` line, and the `pruned` lines after it. */
type Claim = Omit<Rotation, 'name'> & { answers: { at: number; tag: string | undefined }[] };

/**
 * Whether the ledger's `lines` say, under `key` (a `rotated` or `pruned` line whose tag holds), that a rotated part of
 * the log older than `oldest` was made (`oldest`: the name part of the oldest file read, undefined for the live file:
 * any): that file may then be no first file, whatever its head (chain/verify.ts startInOldestFile). Not the file's own
 * `rotated` line, its rename (review of head13: one rotation forced with pane output after a first start was taken
 * out switched the check off).
 */
export function rotatedUnderKey(lines: readonly string[], logFile: string, key: Buffer, oldest?: string): boolean {
  return lines.some((line) => {
    const entry = nameLine(line);
    return entry !== undefined && (oldest === undefined || before(entry.name, oldest)) && holds(logFile, entry.what, entry.name, entry.tag, key, entry.size);
  });
}

/**
 * The rotated parts the ledger's `lines` (in order) say were made and not pruned, of which the ledger can say
 * so (above), and that are not among `present` (the rotated parts the log's directory holds). Under `key` (verify
 * --key), see above; without it every line is taken as written.
 *
 * `rotation(name)`: whether a present file no `rotated` line names may be a rotation unsaid, and so hold back the
 * claims on older files. A name is free to choose: one `touch` of a file named later than every other took every
 * claim back (review of prune13, finding 3); the caller takes only a file with something in it (under the key, a
 * head mark that holds).
 */
export function rotatedNotPruned(lines: readonly string[], logFile: string, present: ReadonlySet<string>, key?: Buffer, rotation: (name: string) => boolean = () => true): string[] {
  // Each name's last `rotated` line, and the `pruned` lines after it (their tags checked only for a file gone unsaid).
  const claims = new Map<string, Claim>();
  // Every `rotated` line: under the key, one whose tag does not hold is a writer without the key rotating.
  const rotations: Rotation[] = [];
  // Claims made before this line, or for files older than this name, are not made: a rotation there is unknown.
  let unknownAt = -1;
  let unknownName: string | undefined;
  const unknown = (name: string): void => {
    if (unknownName === undefined || before(unknownName, name)) unknownName = name;
  };
  const entries = lines.map(nameLine);
  lines.forEach((line, at) => {
    const entry = entries[at];
    // A name line naming no file a rotation makes (`<stamp>/x`, a NUL: review of prune13, finding 2) says nothing;
    // nor does a digest line, whole or cut (no name second: written after the rename, maybe after the file's pruning).
    if (entry === undefined && /^(?:rotated|pruned) /.test(line)) return;
    if (entry?.what === 'rotated') {
      claims.set(entry.name, { at, tag: entry.tag, size: entry.size, answers: [] });
      rotations.push({ at, name: entry.name, tag: entry.tag, size: entry.size });
    } else if (entry?.what === 'pruned') {
      const claim = claims.get(entry.name);
      if (claim === undefined) unknown(entry.name);
      else claim.answers.push({ at, tag: entry.tag });
    } else if (entries[at + 1]?.what !== 'rotated') {
      // An identity line its own rotation's name line does not follow: a writer that notes no names rotated here
      // (or a line cut by a full disk: what its write held is written again, or lost).
      unknownAt = at;
    }
  });
  for (const name of present) if (!claims.has(name) && rotation(name)) unknown(name);
  const heldByTag = new Map<number, boolean>();
  const rotatedHolds = (r: Rotation): boolean => {
    if (!heldByTag.has(r.at)) heldByTag.set(r.at, holds(logFile, 'rotated', r.name, r.tag, key!, r.size));
    return heldByTag.get(r.at)!;
  };
  // The `rotated` line of the note a `pruned` line at `at` is in: the next one (a note names what it prunes first).
  const ownRotation = (at: number): number => rotations.find((r) => r.at > at)?.at ?? at;
  // Under the key a `rotated` line that holds is answered only by a `pruned` line that holds, or one after a
  // writer without the key rotated (a key set mid-way: those readers prune too, untagged).
  const answered = (name: string, claim: Claim): boolean =>
    claim.answers.length > 0 &&
    (key === undefined ||
      claim.answers.some((answer) => holds(logFile, 'pruned', name, answer.tag, key)) ||
      !rotatedHolds({ ...claim, name }) ||
      rotations.some((r) => r.at > claim.at && r.at <= ownRotation(claim.answers.at(-1)!.at) && !rotatedHolds(r)));
  const gone: string[] = [];
  for (const [name, claim] of claims) {
    if (present.has(name) || claim.at < unknownAt || (unknownName !== undefined && !before(unknownName, name))) continue;
    if (!answered(name, claim)) gone.push(name);
  }
  return gone;
}
