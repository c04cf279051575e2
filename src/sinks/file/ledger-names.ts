// The rotated-files ledger's name lines (rotated-ledger.ts), free of I/O: which
// rotated files of a log its writers made, and which of them retention deleted.
// A rotated file gone without having been pruned was removed by hand (issue 13,
// prune13): the chain names the gap `missing file` only while files on both
// sides of it are left; once retention has pruned the older ones, the gap is
// the log's start, which verify must take for pruning, though the removed file
// held lines an honest log would still hold.
//
// A rotation writes, in one append under the rotation lock, the file's identity
// line (what writers ask: rotated-ledger.ts), `rotated <name>`, and a
// `pruned <name>` line for each rotated file it is about to delete (before
// deleting it: a file gone has its line). `<name>` is the rotated name's part
// after the live file's (`20261124T230102.345Z`, `-<n>` when two share a
// millisecond); compressed, the file keeps it (`.gz`). Under the chain key each
// name line carries an HMAC over the log's path and the name.
//
// A claim ("this file should be here or pruned") is only made where the ledger
// can make it: nothing for a name whose `rotated` line is gone (the ledger's
// older half dropped, an older writer's ledger, no ledger); and none for a file
// older than a rotation the ledger does not name, since that rotation may have
// pruned it unsaid: an identity line with no `rotated` line after it (a writer
// of the release before), a rotated file left or a `pruned` line whose name no
// `rotated` line gave (a writer older still, or one that died between its rename
// and its note). Under the key, a `rotated` line that holds is answered only by a
// `pruned` line that holds, unless a writer without the key rotated after it (a
// key set mid-way: those readers prune too, untagged).

import { createHmac, timingSafeEqual } from 'node:crypto';
import path from 'node:path';

export type NameLine = 'rotated' | 'pruned';

function nameTag(logFile: string, what: NameLine, name: string, key: Buffer): string {
  return createHmac('sha256', key).update(`tmux-audit ${what}\0${path.resolve(logFile)}\0${name}`).digest('base64url');
}

/** The ledger line saying that the rotated file `<log>.<name>` was made (`rotated`) or is deleted by retention (`pruned`). */
export function nameEntry(logFile: string, what: NameLine, name: string, key?: Buffer): string {
  return key ? `${what} ${name} ${nameTag(logFile, what, name, key)}` : `${what} ${name}`;
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

function holds(logFile: string, what: NameLine, name: string, tag: string | undefined, key: Buffer): boolean {
  if (tag === undefined) return false;
  const want = Buffer.from(nameTag(logFile, what, name, key));
  const got = Buffer.from(tag);
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * The rotated parts the ledger's `lines` (in order) say were made and not pruned, of which the ledger can say
 * so (above), and that are not among `present` (the rotated parts the log's directory holds). Under `key` (verify
 * --key), see above; without it every line is taken as written.
 */
export function rotatedNotPruned(lines: readonly string[], logFile: string, present: ReadonlySet<string>, key?: Buffer): string[] {
  const claims = new Map<string, { at: number; keyed: boolean }>();
  const named = new Set<string>();
  // Claims made before this line, or for files older than this name, are not made: a rotation there is unknown.
  let unknownAt = -1;
  let unknownName: string | undefined;
  const unknown = (name: string): void => {
    if (unknownName === undefined || before(unknownName, name)) unknownName = name;
  };
  // A writer without the key rotated at this line (under a key: its `pruned` lines answer keyed claims before it).
  let unkeyedAt = -1;
  lines.forEach((line, at) => {
    const [what, name, tag] = line.split(' ');
    if (what === 'rotated' && name) {
      const keyed = key !== undefined && holds(logFile, 'rotated', name, tag, key);
      if (key !== undefined && !keyed) unkeyedAt = at;
      claims.set(name, { at, keyed });
      named.add(name);
    } else if (what === 'pruned' && name) {
      const claim = claims.get(name);
      if (!named.has(name)) unknown(name);
      else if (claim && (!claim.keyed || holds(logFile, 'pruned', name, tag, key!) || unkeyedAt > claim.at)) claims.delete(name);
    } else if (!lines[at + 1]?.startsWith('rotated ')) {
      // An identity line its own rotation's name line does not follow: a writer that notes no names rotated here.
      unknownAt = at;
    }
  });
  for (const name of present) if (!named.has(name)) unknown(name);
  const gone: string[] = [];
  for (const [name, claim] of claims) {
    if (present.has(name) || claim.at < unknownAt || (unknownName !== undefined && !before(unknownName, name))) continue;
    gone.push(name);
  }
  return gone;
}
