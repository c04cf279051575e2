// The chain key's file (@audit-chain-key, `verify --key`). A key others can
// read lets them reseal an edited log; one others can write lets them choose
// it. Either is said (once per reader, once per verify), not refused: the
// recording goes on, and the user decides.

import fs from 'node:fs';

/** Why the key file is weaker than it should be, or undefined. */
export function keyFileWarning(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined; // unreadable is said where it is read
  }
  const uid = process.geteuid?.();
  const loose: string[] = [];
  if ((stat.mode & 0o044) !== 0) loose.push('readable by others');
  if ((stat.mode & 0o022) !== 0) loose.push('writable by others');
  if (uid !== undefined && stat.uid !== uid && stat.uid !== 0) loose.push(`owned by uid ${stat.uid}`);
  if (loose.length === 0) return undefined;
  return `the chain key ${file} is ${loose.join(' and ')} (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}): whoever can read it can reseal an edited log; make it yours and chmod 600 it`;
}
