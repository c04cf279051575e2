// A log writer in a process of its own, as each pane's reader is: several of these rotating one file
// race for real (a rotation's rename and its ledger entry are apart in time only across processes).
//
//   node --import tsx test/support/writer-process.ts FILE WHO LINES MAX_BYTES [KEY_HEX]
//
// Writes `WHO <n>` lines 0..LINES-1 (a pause every 50), rotating at MAX_BYTES, keeping every rotated
// file; a `lost` event becomes a `LOST <what>` line, and the process exits 3 if it wrote one.

import { LogFile } from '../../src/sinks/file/writer.ts';

const [file, who, count, maxBytes, keyHex] = process.argv.slice(2) as [string, string, string, string, string | undefined];
let lost = 0;
const log: LogFile = new LogFile(file, {
  maxBytes: Number(maxBytes),
  maxFiles: Number.POSITIVE_INFINITY,
  onError: (error) => process.stderr.write(`error ${error.code ?? error.message}\n`),
  onRecover: () => {},
  onRotateError: (error) => process.stderr.write(`rotate error ${error.code ?? error.message}\n`),
  onLost: (what) => {
    lost++;
    log.write(`LOST ${what}\n`);
  },
  ...(keyHex ? { ledgerKey: Buffer.from(keyHex, 'hex') } : {}),
});
for (let i = 0; i < Number(count); i++) {
  log.write(`${who} ${i}\n`);
  if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 1));
}
await log.close();
process.exitCode = lost > 0 ? 3 : 0;
