// Preloaded (`node --require`) into the helper by tests of `grep` on two
// threads (test/e2e/reading-grep-threads.test.ts): a load average of 0, so a
// large search always starts its worker whatever the machine's load; and,
// for the test to see what happened, the worker's start and stdout's flags at
// exit written to $TWO_THREADS_LOG. $TWO_THREADS_DIE_AT=N: the worker's
// thread ends at its Nth read, posting nothing (process.exit in a worker ends
// that thread only). $TWO_THREADS_ONE: a load average so high the search
// stays on one thread. $TWO_THREADS_SWAP=A:B: when the main thread opens A
// the second time (its search, after the time ordering), B is replaced by a
// symbolic link to itself moved aside (B.saved): refused when searched.
// The worker's largest message of lines is written to the log too; with
// $TWO_THREADS_OPENS=DIR, how many times each file under DIR was opened.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const threads = require('node:worker_threads');

os.loadavg = () => (process.env.TWO_THREADS_ONE ? [1e6, 1e6, 1e6] : [0, 0, 0]);
const log = process.env.TWO_THREADS_LOG;
if (threads.isMainThread) {
  const Worker = threads.Worker;
  threads.Worker = class extends Worker {
    constructor(...args) {
      super(...args);
      if (log) fs.appendFileSync(log, 'worker started\n');
    }
  };
  if (process.env.TWO_THREADS_SWAP) {
    const [when, swapped] = process.env.TWO_THREADS_SWAP.split(':');
    const openSync = fs.openSync;
    let opens = 0;
    fs.openSync = function (file, ...args) {
      if (file === when && ++opens === 2) {
        fs.renameSync(swapped, `${swapped}.saved`);
        fs.symlinkSync(`${swapped}.saved`, swapped);
      }
      return openSync.call(this, file, ...args);
    };
  }
  if (process.env.TWO_THREADS_OPENS) {
    // How many times the main thread opens each file under that directory, written at exit.
    const under = `${process.env.TWO_THREADS_OPENS}/`;
    const openSync = fs.openSync;
    const opens = new Map();
    fs.openSync = function (file, ...args) {
      if (typeof file === 'string' && file.startsWith(under)) opens.set(file, (opens.get(file) ?? 0) + 1);
      return openSync.call(this, file, ...args);
    };
    process.on('exit', () => {
      if (log) for (const [file, count] of opens) fs.appendFileSync(log, `opened ${count} ${file}\n`);
    });
  }
  process.on('exit', () => {
    // fdinfo's flags are octal; O_NONBLOCK is 04000 on Linux.
    const flags = /^flags:\s*([0-7]+)/m.exec(fs.readFileSync('/proc/self/fdinfo/1', 'utf8'));
    if (log && flags) fs.appendFileSync(log, `stdout nonblocking ${(parseInt(flags[1], 8) & 0o4000) !== 0}\n`);
  });
} else if (log) {
  // The largest message of lines the worker posted: how much it kept before the main thread had them.
  const postMessage = threads.MessagePort.prototype.postMessage;
  let largest = 0;
  threads.MessagePort.prototype.postMessage = function (message, transfer) {
    const pieces = message && typeof message === 'object' ? (message.bytes ?? message.part) : undefined;
    if (pieces) {
      const size = pieces.reduce((sum, piece) => sum + piece.length, 0);
      if (size > largest) fs.appendFileSync(log, `worker posted ${(largest = size)}\n`);
    }
    return postMessage.call(this, message, transfer);
  };
}
if (!threads.isMainThread && process.env.TWO_THREADS_DIE_AT) {
  const readSync = fs.readSync;
  let reads = 0;
  fs.readSync = function (...args) {
    if (++reads === Number(process.env.TWO_THREADS_DIE_AT)) process.exit(7);
    return readSync.apply(this, args);
  };
}
