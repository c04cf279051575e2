// Run under `ulimit -f 4` (files of at most 4096 bytes, SIGXFSZ ignored): a log rotated by a writer keeping 2
// rotated files, its ledger filled to `room` bytes short of the limit, then rotated once more, so that this
// rotation's note to the ledger is cut short (a write of fewer bytes than asked, then EFBIG), as on a full disk.
// Used by test/unit/ledger-names.test.ts. Usage: node --import tsx ledger-short-write.ts <dir> <room>

import fs from 'node:fs';
import path from 'node:path';
import { rotatedLedgerPath } from '../../src/sinks/file/rotated-ledger.ts';
import { rotateUnderLock } from '../../src/sinks/file/rotation.ts';

const [dir, room] = [process.argv[2]!, Number(process.argv[3])];
const file = path.join(dir, 'main.log');
let fd = fs.openSync(file, 'a', 0o600);
const rotate = (): void => {
  fs.writeSync(fd, `a line ${Date.now()}\n`);
  rotateUnderLock(file, fd, 2, () => {
    fs.closeSync(fd);
    fd = fs.openSync(file, 'a', 0o600);
  });
};
for (let i = 0; i < 3; i++) rotate();
const ledger = rotatedLedgerPath(file);
// A line naming a pruning of a file older than every rotation here (no claim either way), as long as it takes.
const need = 4096 - room - fs.statSync(ledger).size;
const head = 'pruned 20000101T000000.000Z-';
fs.appendFileSync(ledger, `${head}${'1'.repeat(need - head.length - 1)}\n`);
rotate();
