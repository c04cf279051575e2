// The full-screen program of bench/fullscreen.mjs: enters the alternate screen
// and redraws it, as fast as the terminal takes it, for SECONDS; then draws a
// last frame whose rows are known (`FINAL-<TAG>-row-NN ...`) and leaves at
// once, as a program that quits does (the last frame lives for microseconds:
// the log must hold it anyway, issue 15 "always the final frame on leave").
//
//   node bench/redraw-loop.mjs SECONDS TAG STATS_FILE
//
// Each frame is what top, htop or a dashboard sends: cursor addressing to each
// row (CUP), SGR colours, the row's text, erase to the end of the row (EL);
// a header with the frame number, a reverse-video status line at the bottom,
// about a third of the body rows with new text each frame and the others
// redrawn unchanged, a wide-character (CJK) row now and then, and every 2 s an
// erase-display first (the rows it erases are logged as `scrolled`). The text is a seeded sequence, the same on
// every run. Writes frames, bytes, seconds, rows, cols and the last frame's
// rows (text without SGR, trailing blanks trimmed) as JSON to STATS_FILE.

import fs from 'node:fs';
import { seededRandom } from './lib.mjs';

const [secondsArg = '30', tag = 'x', statsFile] = process.argv.slice(2);
const seconds = Number(secondsArg);
const cols = process.stdout.columns || 80;
const rows = process.stdout.rows || 24;
const rnd = seededRandom(0x5eed15);
const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu 0 1 2 3 42 1024 65535 ok FAIL warn 日本語 表示'.split(' ');
// Cells, not code units: a CJK character is two cells wide, and a row that
// ran past the right edge would wrap and scroll the screen.
const cells = (s) => [...s].reduce((n, c) => n + (c.codePointAt(0) >= 0x1100 ? 2 : 1), 0);
const line = (width) => {
  let s = '';
  for (;;) {
    const next = `${s}${WORDS[rnd(WORDS.length)]} `;
    if (cells(next) > width - 6) return s;
    s = next;
  }
};
const body = Array.from({ length: rows }, () => line(cols));
const out = (s) => {
  // Synchronous on a tty: the loop runs at the pace the pane takes it.
  fs.writeSync(1, s);
  return Buffer.byteLength(s);
};

let bytes = out('\x1b[?1049h\x1b[H\x1b[2J');
let frames = 0;
const t0 = Date.now();
let cleared = t0;
const end = t0 + seconds * 1000;
while (Date.now() < end) {
  frames++;
  let f = '';
  if (Date.now() - cleared >= 2000) {
    cleared = Date.now();
    f = '\x1b[H\x1b[2J';
  }
  f += `\x1b[1;1H\x1b[1m frame ${frames}  t+${Date.now() - t0} ms  ${tag}\x1b[0m\x1b[K`;
  for (let r = 2; r < rows; r++) {
    if (rnd(3) === 0) body[r] = line(cols);
    const colour = 31 + (r % 7);
    f += `\x1b[${r};1H\x1b[${colour}m${String(r).padStart(3)} \x1b[0m${body[r]}\x1b[K`;
  }
  f += `\x1b[${rows};1H\x1b[7m status ${frames} ${'.'.repeat(frames % 40)}\x1b[0m\x1b[K`;
  bytes += out(f);
}
// The last frame: every row known, then leave at once.
const finalRows = Array.from({ length: rows }, (_, r) => `FINAL-${tag}-row-${String(r + 1).padStart(2, '0')} ${line(cols - 40)}`.trimEnd());
let f = '\x1b[H\x1b[2J';
for (let r = 1; r <= rows; r++) f += `\x1b[${r};1H\x1b[3${r % 8}m${finalRows[r - 1]}\x1b[0m`;
bytes += out(f);
bytes += out('\x1b[?1049l');
const wall = (Date.now() - t0) / 1000;
if (statsFile) fs.writeFileSync(statsFile, `${JSON.stringify({ frames, bytes, seconds: wall, rows, cols, final_rows: finalRows })}\n`);
