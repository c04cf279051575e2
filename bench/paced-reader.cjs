// A reader that does nothing but read as the product reads and append what it
// read: net.Socket `onread` into one 1 MiB buffer, a 1 ms pause after a read of
// 2 KB up to 64 KB (src/core/pacing.ts, by hand: this file is run as it is),
// `writeSync` of each read. With BURN_NS_PER_BYTE=N it also spins N ns per byte
// read, on its one thread, before the next read: a reader of a chosen CPU cost
// and no other difference, to tell how much of a reader's CPU tmux can spare on
// this machine (BENCHMARKS.md, stop 35).
//
//   BENCH_E2E_VARIANTS='[["noop","bench/paced-reader.cjs"],["burn10","bench/paced-reader.cjs",null,"env BURN_NS_PER_BYTE=10"]]'
//   BENCH_E2E_ONLY=cat,tmux-audit,tmux-audit:noop,tmux-audit:burn10 node bench/e2e.mjs …
//
// It takes the reader's arguments (`pipe --file LOG …`) and uses only --file.

'use strict';
const fs = require('node:fs');
const net = require('node:net');

const at = process.argv.indexOf('--file');
if (at < 0 || !process.argv[at + 1]) {
  process.stderr.write('paced-reader: --file LOG is needed\n');
  process.exit(2);
}
const fd = fs.openSync(process.argv[at + 1], 'a');
const burn = Number(process.env.BURN_NS_PER_BYTE || 0);

const input = new net.Socket({
  fd: 0,
  readable: true,
  writable: false,
  onread: {
    buffer: Buffer.alloc(1024 * 1024),
    callback(bytes, buffer) {
      fs.writeSync(fd, buffer, 0, bytes);
      if (burn > 0) {
        const until = process.hrtime.bigint() + BigInt(Math.round(bytes * burn));
        while (process.hrtime.bigint() < until);
      }
      if (bytes >= 2048 && bytes < 64 * 1024) {
        input.pause();
        setTimeout(() => input.resume(), 1);
      }
    },
  },
});
input.on('end', () => process.exit(0));
