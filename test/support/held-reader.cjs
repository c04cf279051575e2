// Preloaded (NODE_OPTIONS=--require, from a test server's environment: support/holds.ts) into the node processes
// the server starts: the first reader (`pipe <run file>`) to start while $HELD_READER_DIR/gate exists writes its
// pid to $HELD_READER_DIR/held and waits, before anything of the helper runs, until $HELD_READER_DIR/release
// exists (60 s at most: a failed test must not leave it waiting). A reader slow to come up, on cue.
// And while $HELD_READER_DIR/write-gate exists, the first write of a reader whose bytes hold its text claims it, writes
// the reader's pid to write-held and waits, its whole process (as a reader busy or starved), until write-release exists.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.HELD_READER_DIR;

function waitFor(file) {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(file) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 20);
}

if (dir && process.argv.includes('pipe')) {
  const gate = path.join(dir, 'write-gate');
  const holdWrite = (bytes) => {
    let text;
    try {
      text = fs.readFileSync(gate, 'utf8').replace(/\n$/, '');
    } catch {
      return;
    }
    if (!(Buffer.isBuffer(bytes) || bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text) : String(bytes).includes(text))) return;
    try {
      fs.renameSync(gate, `${gate}.taken`);
    } catch {
      return;
    }
    fs.writeFileSync(path.join(dir, 'write-held'), `${process.pid}\n`);
    waitFor(path.join(dir, 'write-release'));
  };
  for (const name of ['write', 'writeSync']) {
    const original = fs[name];
    fs[name] = function (fd, bytes, ...rest) {
      holdWrite(bytes);
      return original.call(this, fd, bytes, ...rest);
    };
  }
}
if (dir && process.argv.includes('pipe')) {
  let claimed = true;
  try {
    // Of two readers at once, one is held.
    fs.renameSync(path.join(dir, 'gate'), path.join(dir, 'gate.taken'));
  } catch {
    claimed = false;
  }
  if (claimed) {
    fs.writeFileSync(path.join(dir, 'held'), `${process.pid}\n`);
    waitFor(path.join(dir, 'release'));
  }
}
