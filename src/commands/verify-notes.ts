// What the directory's notes say a log held, against what it holds now: the
// evidence left beside a log whose lines are gone whole, where the chain has
// nothing to read (a log emptied with `: >` read as `OK … 0 file(s)`).
//
// - A running reader notes its last seal on disk: the file's identity, the
//   seal's byte offset and its line (chain/seal-file-gone.ts). Appending never
//   moves a byte already written, and a rotation renames the file (its
//   identity goes with it), so a file of the log with that identity that no
//   longer holds that line there was cut or rewritten in place. A file
//   compressed or pruned since has another identity or none: not looked at.
// - The rotating writer notes the file it wrote the newest head mark into
//   (`.<log>.head`, sinks/file/head-mark.ts), the mark written first: that
//   file, still in the log and empty, was emptied.
//
// - The rotating writers name each rotated file they make and each they prune
//   (`.<log>.rotated`, sinks/file/ledger-names.ts): one made and gone, not
//   pruned, was removed by hand, also when it is now older than every file left;
//   and with its size then: one holding less was emptied or cut by hand (the
//   oldest file emptied read as a log whose start was pruned); and with the
//   digest of its first bytes then (noted later, in the background): one whose
//   first bytes are others was rewritten (emptied and refilled to its size).
//   That digest from the rotating writer's chain first (chain/digest-event.ts),
//   where removing it is a break, and from the ledger's line where the chain has none.
//
// What is left unseen: a log whose every recording has ended and that never
// rotated under a key has no note (the run files go with their recording), so
// its only file emptied or removed leaves nothing to tell (README, "Trusting
// the logs"). The notes are the log owner's to remove too.

import fs from 'node:fs';
import path from 'node:path';
import { readSealNote } from '../chain/external-stop.ts';
import { sameLog } from '../chain/running-seal.ts';
import { sealLogName } from '../chain/seal-tag.ts';
import type { Break } from '../chain/verify.ts';
import type { ChainedDigest } from '../chain/digest-event.ts';
import { openLogFile } from '../read/safe-open.ts';
import type { Recording } from '../runtime/runfile.ts';
import { headNotePath } from '../sinks/file/head-mark.ts';
import { rotatedFiles } from '../core/rotate.ts';
import { rotatedDigests, rotatedNotPruned, rotatedPart, rotatedSizes, type RotatedDigest } from '../sinks/file/ledger-names.ts';
import { fileIdentity, ledgerLines, rotatedLedgerPath } from '../sinks/file/rotated-ledger.ts';
import { readPrivateFile } from '../sinks/file/safe-fs.ts';
import { holdsAt } from '../sinks/file/seal-offset.ts';

/** Breaks where the log's files no longer hold what the notes of `runs` (the directory's running readers) and its head note say they held. */
export function notedEnds(files: readonly string[], runs: readonly { runFile: string; recording: Recording }[]): Break[] {
  const first = files[0];
  if (first === undefined) return [];
  const live = path.join(path.dirname(first), sealLogName(first));
  // Identities only on demand: the honest case reads a note or two and stats the log's files once.
  let byIdentity: Map<string, string> | undefined;
  const fileOf = (identity: string): string | undefined => {
    byIdentity ??= identities(files);
    return byIdentity.get(identity);
  };
  const found: Break[] = [];
  for (const { runFile, recording } of runs) {
    if (!sameLog(recording.file, live)) continue;
    const note = readSealNote(runFile);
    // A birth time of 0: the file system keeps none, and an inode freed (a rotated file compressed) and reused is not told apart.
    if (note.file === undefined || note.offset === undefined || note.line === undefined || note.file.endsWith(':0')) continue;
    const file = fileOf(note.file);
    if (file === undefined) continue;
    const cut = sealGone(file, note.file, note.offset, note.line);
    if (cut !== undefined) found.push({ ...cut, rec: recording.id, detail: `${cut.detail}: its running reader noted its last seal there (byte ${note.offset}), and the file was ${cut.kind === 'truncated' ? 'cut' : 'rewritten'} below it` });
  }
  const head = headNote(live);
  const file = head === undefined || head.endsWith(':0') ? undefined : fileOf(head);
  if (file !== undefined && withNoted(file, head!, (fd) => fs.fstatSync(fd).size === 0) === true) {
    found.push({ kind: 'truncated', file, line: 1, rec: '', detail: `the file is empty, and the rotating writer noted (${headNotePath(live)}) a head mark written into it: emptied` });
  }
  return found;
}

/**
 * Rotated files of the log of `files` that its writers made and did not prune, and that are gone (removed or moved
 * away by hand): one `missing file` break each. Looked at twice, the ledger read again after the files were looked
 * at: a writer notes a file pruned before it deletes it, and a compressor makes `.gz` before it removes the plain
 * file, so a file pruned or compressed between the ledger's reading and the look is not taken for one removed.
 * `marked`: under the key, the files verify read whose head mark holds (VerifyReport.marked).
 */
export function removedRotated(files: readonly string[], key?: Buffer, marked: readonly string[] = []): Break[] {
  const first = files[0];
  if (first === undefined) return [];
  const dir = path.dirname(first);
  const liveName = sealLogName(first);
  const live = path.join(dir, liveName);
  // Any fault (a name no rotation makes, a directory in the way) is "there": no claim (review of prune13, finding 2).
  const there = (file: string): boolean => {
    try {
      return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return true;
    }
  };
  const read = new Set(files.map((file) => path.basename(file)));
  const holding = new Set(marked.map((file) => path.basename(file)));
  const passedOver = new Set<string>();
  // A file no `rotated` line names holds back the claims on older ones only with something in it, and under the
  // key, among the files verify read, with a head mark that holds: one the writer put there (ledger-names.ts).
  const rotation = (part: string): boolean => {
    const name = [`${liveName}.${part}`, `${liveName}.${part}.gz`].find((candidate) => there(path.join(dir, candidate)));
    let size = 0;
    try {
      size = name === undefined ? 0 : fs.lstatSync(path.join(dir, name)).size;
    } catch {
      // gone meanwhile: nothing in it to hold back with
    }
    const counts = size > 0 && (key === undefined || name === undefined || !read.has(name) || holding.has(name));
    if (!counts && name !== undefined) passedOver.add(name);
    return counts;
  };
  const look = (names: readonly string[]): string[] => {
    const lines = ledgerLines(live);
    if (lines.length === 0) return [];
    const present = new Set(rotatedFiles(names, liveName).map((name) => rotatedPart(liveName, name)));
    // The plain file first: the compressor renames its `.gz` into place before it removes that.
    return rotatedNotPruned(lines, live, present, key, rotation).filter((name) => !there(`${live}.${name}`) && !there(`${live}.${name}.gz`));
  };
  // The files verify read first (a directory of many logs is listed once: 9feedd2); listed again only when one is gone.
  const once = look([...read]);
  if (once.length === 0) return [];
  const again = new Set(look(fs.readdirSync(dir)));
  const planted = passedOver.size === 0 ? '' : `; not taken for a rotation that may have pruned it unsaid, having no line in the ledger and ${key ? 'nothing in it, or no head mark that holds under the key' : 'nothing in it'}: ${[...passedOver].sort().join(', ')} (planted?)`;
  return once
    .filter((name) => again.has(name))
    .map((name) => ({
      kind: 'missing file',
      file: `${live}.${name}`,
      line: 1,
      rec: '',
      detail: `a rotated file of the log is gone, and not by retention: the rotated-files ledger (${rotatedLedgerPath(live)}) notes its rotation and no pruning of it (@audit-max-files, @audit-max-age); removed or moved away by hand${planted}`,
    }));
}

/**
 * Rotated files of the log of `files` that hold fewer bytes (`held`: as verify read them, a `.gz` gunzipped) than
 * the rotated-files ledger says they held when rotated: one `truncated` break each. A rotated file is only appended
 * to, compressed whole or pruned, so less is an `: >` or a cut by hand: also of the oldest file, whose recordings,
 * emptied, only looked started before it (as after pruning), and whose lines no later head mark names.
 *
 * And those whose first bytes are not those their digest says they were (`digestsOf`: a file's first bytes' SHA-256,
 * as verify reads it): one `edited` break each. Appending leaves the first bytes as they were, so another digest is a
 * file rewritten: also the oldest one emptied and refilled to its size with made-up lines. The digest is the one the
 * rotating writer's chain holds (`chained`: chain/digest-event.ts), else the ledger's digest line: a ledger line
 * removed no longer switches the check off where the chain has it, and one that says another digest than the chain
 * was rewritten (`edited`, the ledger named).
 *
 * A file that holds what another's digest says that one held, that one no longer holding it, was moved by name (mv):
 * `reordered`, not edited (two files swapped hold each other's), said here only where the chain's own breaks
 * (`chainBreaks`) do not name it moved; the file whose bytes moved, holding none that a digest names, `edited`
 * (not cut: its bytes are whole elsewhere). Each digest is one file's: a copy over another file (two holding the
 * same bytes) leaves the one overwritten `edited` or `truncated`, as its own digest says.
 */
export function shrunkRotated(
  files: readonly string[],
  held: ReadonlyMap<string, number>,
  key?: Buffer,
  digestsOf?: (file: string, sizes: readonly number[]) => ReadonlyMap<number, string>,
  chained: ReadonlyMap<string, ChainedDigest> = new Map(),
  chainBreaks: readonly Break[] = [],
): Break[] {
  const first = files[0];
  if (first === undefined) return [];
  const liveName = sealLogName(first);
  const live = path.join(path.dirname(first), liveName);
  const rotated = new Map(files.filter((file) => path.basename(file) !== liveName && held.has(file)).map((file) => [rotatedPart(liveName, path.basename(file)), file]));
  if (rotated.size === 0) return [];
  const lines = ledgerLines(live);
  const ledger = rotatedLedgerPath(live);
  const sizes = rotatedSizes(lines, live, new Set(rotated.keys()), key);
  const digests = digestsOf === undefined ? new Map<string, RotatedDigest>() : rotatedDigests(lines, live, new Set(rotated.keys()), key);
  const found: Break[] = [];
  // Each file's own break, by name: said once the files that hold others' bytes are told apart (movedFiles).
  const own = new Map<string, Break>();
  const expected = new Map<string, RotatedDigest & { where: string }>();
  for (const [name, file] of rotated) {
    const noted = sizes.get(name);
    const bytes = held.get(file)!;
    const gunzipped = file.endsWith('.gz') ? ' gunzipped' : '';
    const inLedger = digests.get(name);
    const inChain = chained.get(name);
    const digest = inChain ?? inLedger;
    const source = inChain === undefined ? `the rotated-files ledger (${ledger}) notes` : `its rotating writer's chain holds (the digest event at ${inChain.file}:${inChain.line})`;
    if (digest !== undefined) expected.set(name, { size: digest.size, sha: digest.sha, where: inChain === undefined ? `the rotated-files ledger, ${ledger}` : `the digest event at ${inChain.file}:${inChain.line}` });
    if (noted !== undefined && bytes < noted) {
      own.set(name, { kind: 'truncated', file, line: 1, rec: '', detail: `the file holds ${bytes} byte(s)${gunzipped}, and the rotated-files ledger (${ledger}) notes ${noted} at its rotation: ${bytes === 0 ? 'emptied' : 'cut'} by hand (a rotated file is only appended to, compressed whole or pruned)` });
      continue;
    }
    if (digestsOf === undefined) continue;
    if (inLedger !== undefined && inChain !== undefined && (inLedger.size !== inChain.size || inLedger.sha !== inChain.sha)) {
      found.push({ kind: 'edited', file: ledger, line: 1, rec: '', detail: `its digest line for ${path.basename(file)} (${inLedger.size} byte(s), SHA-256 ${inLedger.sha.slice(0, 12)}…) is not the digest the file's rotating writer put in its chain (${inChain.file}:${inChain.line}: ${inChain.size} byte(s), ${inChain.sha.slice(0, 12)}…): the ledger was rewritten` });
    }
    // Fewer bytes than the digest's (and no size said, or another): a cut, which the digest cannot tell from less.
    if (digest === undefined || digestsOf(file, [digest.size]).get(digest.size) === digest.sha) continue;
    const short = bytes < digest.size;
    own.set(name, {
      kind: short ? 'truncated' : 'edited',
      file,
      line: 1,
      rec: '',
      detail: short
        ? `the file holds ${bytes} byte(s)${gunzipped}, and ${source} the digest of its first ${digest.size} at its rotation: ${bytes === 0 ? 'emptied' : 'cut'} by hand`
        : `the file's first ${digest.size} byte(s)${gunzipped} do not match the digest (SHA-256) ${source} at its rotation: rewritten by hand (a rotated file is only appended to, compressed whole or pruned)`,
    });
  }
  const order = [...rotated.keys()];
  const moved = digestsOf === undefined ? new Map<string, string>() : movedFiles(rotated, own, held, sizes, expected, digestsOf);
  const namedMoved = new Set(chainBreaks.filter((found) => found.kind === 'reordered').flatMap((found) => [found.file, found.endFile ?? found.file, ...(found.hint ?? [])]));
  const holders = new Map([...moved].map(([holder, from]) => [from, holder]));
  const partOf = new Map([...rotated].map(([name, file]) => [file, name]));
  /**
   * Whether rotated file `name`, holding no digest's bytes, is one of two in a swap the chain confirms (the log
   * verifies with them in each other's place: `swapHolds`), whose partner holds its own bytes (by its digest), has no
   * digest of its own (its writer exited before it was taken: CI, stop 33) and no more bytes noted than this file
   * holds: the move, not an edit or a cut. The partner may be the live file (no digest, no size noted): the same
   * false alarm, the same move. A swap the seals' links alone name (a cut or an edit among the moved
   * lines reads so too) and a file edited where no seal shows it, then swapped, are not (reviews of 00484ec).
   */
  const movedByChain = (name: string): boolean => {
    const file = rotated.get(name)!;
    const mine = expected.get(name);
    if (mine === undefined || digestsOf === undefined) return false;
    const partners = chainBreaks.filter((found) => found.kind === 'reordered' && found.swapHolds && found.hint?.includes(file)).flatMap((found) => found.hint!.filter((named) => named !== file));
    return partners.some((partner) => {
      const part = partOf.get(partner);
      if (part !== undefined && expected.has(part)) return false;
      if (held.get(file)! < ((part === undefined ? undefined : sizes.get(part)) ?? 0)) return false;
      return (held.get(partner) ?? -1) >= Math.max(mine.size, sizes.get(name) ?? 0) && digestsOf(partner, [mine.size]).get(mine.size) === mine.sha;
    });
  };
  for (const [name, itsBreak] of own) {
    const from = moved.get(name);
    const holder = holders.get(name);
    // The chain's swap, where the partner's digest was never taken: what it holds is the partner's, sealed as written.
    if (from === undefined && movedByChain(name)) continue;
    if (from === undefined && holder !== undefined) {
      // Its own bytes are elsewhere, whole: what it holds less or other than them is not they cut, it is another file's made up.
      const file = rotated.get(name)!;
      found.push({ kind: 'edited', file, line: 1, rec: '', detail: `its own first ${expected.get(name)!.size} byte(s) at its rotation (by their digest: ${expected.get(name)!.where}) are in ${path.basename(rotated.get(holder)!)}, moved there by name, and what it holds matches no rotated file's digest: rewritten by hand` });
      continue;
    }
    if (from === undefined) {
      found.push(itsBreak);
      continue;
    }
    const file = rotated.get(name)!;
    const other = rotated.get(from)!;
    if (namedMoved.has(file)) continue;
    if (moved.get(from) === name) {
      // A swap: said once, at the first of the two in log order (`rotated` is in it, as `files`).
      if (order.indexOf(from) < order.indexOf(name)) continue;
      found.push({ kind: 'reordered', file, line: 1, rec: '', hint: [file, other], detail: `${file} and ${other} are in each other's place (renamed): each holds the bytes the other's digest says it held at its rotation (${expected.get(name)!.where}; ${expected.get(from)!.where})` });
      continue;
    }
    const digest = expected.get(from)!;
    found.push({ kind: 'reordered', file, line: 1, rec: '', hint: [file, other], detail: `the file's first ${digest.size} byte(s) are those ${path.basename(other)} held at its rotation (by their digest: ${digest.where}), which no longer holds them: moved here by name (renamed by hand)` });
  }
  return found;
}

/**
 * Of the rotated files whose own digest or size no longer holds (`own`, by name), those that hold what another such
 * file's digest says it held: the other's name, by the name of the file that holds its bytes. Each digest is taken by
 * one file (the first in log order that holds it), so two files holding one file's bytes are one moved and one not.
 * Each file is read once for every size it is compared at (`digestsOf`).
 */
function movedFiles(
  rotated: ReadonlyMap<string, string>,
  own: ReadonlyMap<string, Break>,
  held: ReadonlyMap<string, number>,
  sizes: ReadonlyMap<string, number>,
  expected: ReadonlyMap<string, RotatedDigest>,
  digestsOf: (file: string, sizes: readonly number[]) => ReadonlyMap<number, string>,
): Map<string, string> {
  const moved = new Map<string, string>();
  const taken = new Set<string>();
  // In log order (`own` was filled in it).
  const order = [...own.keys()];
  for (const name of order) {
    const bytes = held.get(rotated.get(name)!)!;
    const candidates = order.filter((other) => other !== name && !taken.has(other) && expected.has(other) && expected.get(other)!.size <= bytes && (sizes.get(other) ?? 0) <= bytes);
    if (candidates.length === 0) continue;
    const found = digestsOf(rotated.get(name)!, candidates.map((other) => expected.get(other)!.size));
    const from = candidates.find((other) => found.get(expected.get(other)!.size) === expected.get(other)!.sha);
    if (from === undefined) continue;
    moved.set(name, from);
    taken.add(from);
  }
  return moved;
}

/**
 * `look` at the file at `file`, opened, when it is still the one a note names (`identity`); undefined when it is not,
 * or is gone. Its identity was taken by path a moment before (identities): the live file may have been rotated
 * since (another file at its path now, the noted one renamed), or a rotated one pruned. Nothing is then known of the
 * noted file there, not a cut: checked on the descriptor read from.
 */
function withNoted<T>(file: string, identity: string, look: (fd: number) => T): T | undefined {
  let fd: number;
  try {
    fd = openLogFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return fileIdentity(fs.fstatSync(fd)) === identity ? look(fd) : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The identity of each of `files` that is not compressed (a `.gz` is not the file a note names), by identity. */
function identities(files: readonly string[]): Map<string, string> {
  const byIdentity = new Map<string, string>();
  for (const file of files) {
    if (file.endsWith('.gz')) continue;
    try {
      byIdentity.set(fileIdentity(fs.lstatSync(file)), file);
    } catch {
      // gone meanwhile (pruned, compressed)
    }
  }
  return byIdentity;
}

/**
 * Why the file noted as `identity`, found at `file`, does not hold `line` at `offset` (where it shows: the line after
 * its last whole one there); undefined when it does, or when `file` is no longer that file (withNoted).
 */
function sealGone(file: string, identity: string, offset: number, line: string): Omit<Break, 'rec'> | undefined {
  return withNoted(file, identity, (fd) => {
    if (holdsAt(fd, offset, line)) return undefined;
    const size = fs.fstatSync(fd).size;
    const short = size < offset + Buffer.byteLength(line);
    return { kind: short ? 'truncated' : 'edited', file, line: linesBefore(fd, Math.min(size, offset)) + 1, detail: short ? `the file holds ${size} bytes` : 'the bytes there are not its line' } satisfies Omit<Break, 'rec'>;
  });
}

/** How many lines end in the first `size` bytes of `fd`. */
function linesBefore(fd: number, size: number): number {
  const piece = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 1 << 20));
  let lines = 0;
  for (let at = 0; at < size; ) {
    const read = fs.readSync(fd, piece, 0, Math.min(piece.length, size - at), at);
    if (read === 0) break;
    for (let i = piece.indexOf(10, 0); i >= 0 && i < read; i = piece.indexOf(10, i + 1)) lines++;
    at += read;
  }
  return lines;
}

/** The identity of the file the newest head mark went into, as the rotating writer noted it; undefined when none is noted. */
function headNote(live: string): string | undefined {
  try {
    const [identity] = readPrivateFile(headNotePath(live)).trim().split(' ');
    return identity !== undefined && /^\d+:\d+:\d+$/.test(identity) ? identity : undefined;
  } catch {
    return undefined;
  }
}
