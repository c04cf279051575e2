// Run in a pane by test/e2e/differential.test.ts: writes the file named by its argument to stdout in the pieces its
// 0x01 bytes separate (which are not written), a pause between two, so that tmux and the reader get them in
// separate reads: a sequence or a character cut anywhere, as a pty cuts real output.
'use strict';
const fs = require('node:fs');

const bytes = fs.readFileSync(process.argv[2]);
const pieces = [];
let from = 0;
for (let i = 0; i < bytes.length; i++) {
  if (bytes[i] === 0x01) {
    pieces.push(bytes.subarray(from, i));
    from = i + 1;
  }
}
pieces.push(bytes.subarray(from));
let next = 0;
const write = () => {
  if (next === pieces.length) return;
  fs.writeSync(1, pieces[next++]);
  setTimeout(write, 3);
};
write();
