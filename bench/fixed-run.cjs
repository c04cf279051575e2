// Preloaded (`node -r bench/fixed-run.cjs dist/audit.cjs pipe ...`) by bench/same-log.sh: a reader
// whose clock does not move, whose pid and random bytes are fixed, so that two bundles given the same
// input write the same log byte for byte (stamps, recording id, seal links) if they behave the same.
const crypto = require('node:crypto');
const T = 1790000000000;
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(T);
    else super(...args);
  }
  static now() {
    return T;
  }
};
const sevens = (bytes) => {
  bytes.fill(7);
  return bytes;
};
crypto.randomBytes = (n, callback) => {
  const bytes = Buffer.alloc(n, 7);
  if (!callback) return bytes;
  callback(null, bytes);
};
crypto.randomFillSync = sevens;
crypto.webcrypto.getRandomValues = sevens;
try {
  globalThis.crypto.getRandomValues = sevens;
} catch {}
Object.defineProperty(process, 'pid', { value: 4242 });
