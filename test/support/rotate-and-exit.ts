// A writer that rotates its log with its last write and exits at once, as a reader does after its stop
// (commands/pipe.ts: process.exit right after the close): the digest of the file it rotated must be noted first.
//
//   node --import tsx test/support/rotate-and-exit.ts FILE MAX_BYTES [KEY_HEX]

import { LogFile } from '../../src/sinks/file/writer.ts';

const [file, maxBytes, keyHex] = process.argv.slice(2) as [string, string, string | undefined];
const log = new LogFile(file, {
  maxBytes: Number(maxBytes),
  maxFiles: Number.POSITIVE_INFINITY,
  onError: (error) => process.stderr.write(`error ${error.code ?? error.message}\n`),
  onRecover: () => {},
  onRotateError: (error) => process.stderr.write(`rotate error ${error.code ?? error.message}\n`),
  ...(keyHex ? { ledgerKey: Buffer.from(keyHex, 'hex') } : {}),
});
const line = `${'x'.repeat(99)}\n`;
for (let i = 0; i < Math.floor(Number(maxBytes) / line.length); i++) log.write(line);
log.write(`the stop, crossing the size: the rotation\n${line}`);
await log.close();
process.exit(0);
