// A cache the reading commands keep in a log directory's `.run/` (summary-cache.ts, torn-cache.ts). It is an audit
// tool: a cache someone else could write would let them steer what the reading commands show. So a cache is used only
// in a log directory (and `.run`) that is ours alone, read only when it is ours, 0600 and has one name (safe-fs.ts
// readPrivateFile), and written whole under an unpredictable name then renamed (writePrivateFile). Anything else (a
// user who can only read the logs, a planted or corrupt cache) reads the logs, as without it.

import path from 'node:path';
import { checkPrivateDir, readPrivateFile, writePrivateFile } from '../sinks/file/safe-fs.ts';

/** What a cache file held: `usable` false when the directory is not ours alone (nothing read or written then). */
export interface KeptText {
  usable: boolean;
  /** Its text; undefined when there is none yet, or one was refused. */
  text?: string;
  /** One was there and refused (someone else's, group-writable, linked): it is to be replaced. */
  refused: boolean;
}

/** The cache `name` of log directory `dir`, as kept. */
export function readCache(dir: string, name: string): KeptText {
  try {
    checkPrivateDir(dir);
  } catch {
    return { usable: false, refused: false };
  }
  const file = path.join(dir, '.run', name);
  try {
    checkPrivateDir(path.dirname(file));
    return { usable: true, text: readPrivateFile(file), refused: false };
  } catch (error) {
    // None yet is the usual case; a refused one is replaced.
    return { usable: true, refused: (error as NodeJS.ErrnoException).code !== 'ENOENT' };
  }
}

/** Writes the cache `name` of `dir` whole; false when it could not be (no write access, a full disk): only slower next time. */
export function writeCache(dir: string, name: string, text: string): boolean {
  try {
    writePrivateFile(path.join(dir, '.run', name), text);
    return true;
  } catch {
    return false;
  }
}
