// Preloaded (`node -r bench/no-chain.cjs`) into the reader for bench/reader.mjs's
// `tmux-audit chain-off` row: the hash chain's cost is its SHA-256 (the seals are
// one line in a thousand, src/chain/seal.ts), so the reader runs with SHA-256
// made a no-op, and the row against the plain `tmux-audit` one is what the chain
// costs (issue 13: at most 10 % slower). Bench-side only: no switch in dist/
// turns the chain off. The seals it writes are garbage; nothing checks them.
'use strict';
const crypto = require('node:crypto');

const blank = (encoding) => (encoding === 'hex' ? '0'.repeat(64) : Buffer.alloc(32));
const noop = () => ({
  update() {
    return this;
  },
  digest: blank,
});
const { createHash, createHmac } = crypto;
crypto.createHash = (algorithm, ...rest) => (algorithm === 'sha256' ? noop() : createHash(algorithm, ...rest));
crypto.createHmac = (algorithm, ...rest) => (algorithm === 'sha256' ? noop() : createHmac(algorithm, ...rest));
