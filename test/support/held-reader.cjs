// Preloaded (NODE_OPTIONS=--require, from a test server's environment: support/holds.ts) into the node processes
// the server starts: the first reader (`pipe <run file>`) to start while $HELD_READER_DIR/gate exists writes its
// pid to $HELD_READER_DIR/held and waits, before anything of the helper runs, until $HELD_READER_DIR/release
// exists (60 s at most: a failed test must not leave it waiting). A reader slow to come up, on cue.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.HELD_READER_DIR;
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
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + 60_000;
    while (!fs.existsSync(path.join(dir, 'release')) && Date.now() < deadline) Atomics.wait(sleeper, 0, 0, 20);
  }
}
