// Deterministic benchmark corpus: what a busy pane prints.
//
//   node bench/corpus.mjs OUT [--mib N] [--onlcr OUT2]
//
// Writes N MiB (default 40) to OUT, built from a seeded PRNG, so every run and
// every machine gets the same bytes (the sha256 is printed and recorded).
// With --onlcr it also writes OUT2: the same bytes as the pty delivers them to
// pipe-pane (ONLCR: every LF becomes CR LF), which is what the reader is fed
// when it is benchmarked alone.
// Prints one JSON object: {bytes, lines, sha256, mix: {kind: bytes}}.
//
// Mix (by bytes, roughly): plain log lines, ANSI-heavy coloured output (SGR
// 16/256/truecolour, bold, underline, resets, erase-line, OSC titles), long
// lines of 2-20 KB (some over the reader's 16 Ki-char piece size), `\r`
// progress bars (many frames per line), UTF-8 text (accents, CJK, emoji,
// box drawing), shell-like prompt lines with backspace editing; about one
// line in ten ends in CRLF, the rest in LF.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { seededRandom } from './lib.mjs';

const args = process.argv.slice(2);
const out = args[0];
if (!out || out.startsWith('--')) {
  console.error('usage: node bench/corpus.mjs OUT [--mib N] [--onlcr OUT2]');
  process.exit(2);
}
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const target = Math.round(Number(opt('--mib', '40')) * 1024 * 1024);
const onlcrOut = opt('--onlcr', '');

// Seeded: the same corpus on every run.
const rnd = seededRandom(0x2545f491);
const pick = (list) => list[rnd(list.length)];

const words = ['alpha', 'beta', 'gamma', 'delta', 'request', 'GET', 'POST', '/api/v1/items', '/healthz', '200', '404', '500', 'OK',
  'error', 'warning', 'timeout', 'user=alice', 'user=bob', 'ms', 'retry', 'cache', 'miss', 'hit', 'db', 'query', 'SELECT', '*', 'FROM',
  'orders', 'WHERE', 'id', '=', '42', 'latency', 'bytes', 'conn', 'closed', 'opened', 'worker-3', 'shard=7', 'ok', 'done'];
const utf8Words = ['café', 'naïve', 'Zürich', 'straße', 'déjà', 'vu', 'Ελληνικά', 'русский', 'текст', '日本語', 'テキスト', '中文字符',
  '한국어', '✓', '✗', '→', '…', '€', '½', '🚀', '🔥', '👍🏽', '🇩🇪', '┌──┐', '│', '└──┘', '▁▂▃▅▇', 'ﬁ'];
const sgr16 = ['\x1b[31m', '\x1b[32m', '\x1b[33m', '\x1b[34m', '\x1b[35m', '\x1b[36m', '\x1b[1m', '\x1b[1;31m', '\x1b[4m', '\x1b[7m',
  '\x1b[90m', '\x1b[91m', '\x1b[42m', '\x1b[1;37;41m'];
const sgr = () => {
  switch (rnd(3)) {
    case 0: return pick(sgr16);
    case 1: return `\x1b[38;5;${rnd(256)}m`;
    default: return `\x1b[38;2;${rnd(256)};${rnd(256)};${rnd(256)}m`;
  }
};
const reset = () => (rnd(2) ? '\x1b[0m' : '\x1b[m');

let lineNo = 0;
const stamp = () => {
  const s = lineNo % 86400;
  return `2026-11-24 ${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};
const sentence = (n, pool = words) => {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(pick(pool));
  return parts.join(' ');
};

const kinds = {
  // A plain application log line.
  plain: () => `${stamp()} INFO ${sentence(4 + rnd(16))} #${lineNo}`,
  // Coloured output: ls --color, compiler diagnostics, test runners, gradients.
  ansi: () => {
    const n = 4 + rnd(14);
    let line = rnd(8) === 0 ? '\x1b[2K\r' : '';
    if (rnd(20) === 0) line += `\x1b]0;build ${lineNo}\x07`;
    for (let i = 0; i < n; i++) line += rnd(3) ? `${sgr()}${pick(words)}${reset()} ` : `${pick(words)} `;
    if (rnd(4) === 0) line += `\x1b[K`;
    return line + String(lineNo);
  },
  // Long lines (minified JSON, stack dumps): 2-20 KB, lightly coloured.
  long: () => {
    const len = 2048 + rnd(18 * 1024);
    let line = `${stamp()} DEBUG payload=`;
    while (line.length < len) line += rnd(10) ? `"${pick(words)}":${rnd(100000)},` : `${sgr()}${pick(words)}${reset()},`;
    return line;
  },
  // A progress bar: one line, many frames separated by CR, then the final one.
  progress: () => {
    const frames = 10 + rnd(40);
    const width = 20 + rnd(30);
    let line = '';
    for (let f = 0; f <= frames; f++) {
      const done = Math.round((f / frames) * width);
      line += `\r${pick(['Downloading', 'Compiling', 'Uploading'])} [${'#'.repeat(done)}${' '.repeat(width - done)}] ${Math.round((f / frames) * 100)}%`;
    }
    return line.slice(1);
  },
  // UTF-8 text: accents, other scripts, wide characters, emoji, box drawing.
  utf8: () => `${stamp()} ${sentence(3 + rnd(12), rnd(3) ? utf8Words : [...utf8Words, ...words])}`,
  // A shell prompt where the user typed, mistyped and erased (BS, erase line).
  prompt: () => {
    const cmd = pick(['ls -la', 'git status', 'make test', 'cat notes.txt', 'tail -f app.log']);
    return `\x1b[1;32muser@host\x1b[0m:\x1b[1;34m~/src\x1b[0m$ ${cmd}xx\b\b\x1b[K`;
  },
};
// Share of lines per kind, chosen so that bytes split roughly plain 25 %,
// ansi 30 %, long 25 %, progress 10 %, utf8 8 %, prompt 2 %.
const table = [
  ['plain', 432], ['ansi', 300], ['long', 4], ['progress', 11], ['utf8', 163], ['prompt', 60],
];
const total = table.reduce((s, [, w]) => s + w, 0);
const nextKind = () => {
  let r = rnd(total);
  for (const [kind, weight] of table) {
    if (r < weight) return kind;
    r -= weight;
  }
  return 'plain';
};

const hash = createHash('sha256');
const fd = fs.openSync(out, 'w');
const fd2 = onlcrOut ? fs.openSync(onlcrOut, 'w') : -1;
const mix = Object.fromEntries(table.map(([kind]) => [kind, 0]));
let size = 0;
let pending = [];
let pendingBytes = 0;
const flush = () => {
  const buf = Buffer.from(pending.join(''), 'utf8');
  fs.writeSync(fd, buf);
  hash.update(buf);
  if (fd2 >= 0) fs.writeSync(fd2, Buffer.from(pending.join('').replace(/\n/g, '\r\n'), 'utf8'));
  pending = [];
  pendingBytes = 0;
};
while (size < target) {
  const kind = nextKind();
  const line = kinds[kind]() + (rnd(10) === 0 ? '\r\n' : '\n');
  const bytes = Buffer.byteLength(line);
  if (size + bytes > target && size > 0) break;
  pending.push(line);
  pendingBytes += bytes;
  size += bytes;
  mix[kind] += bytes;
  lineNo++;
  if (pendingBytes > 1 << 20) flush();
}
flush();
fs.closeSync(fd);
if (fd2 >= 0) fs.closeSync(fd2);
process.stdout.write(`${JSON.stringify({ bytes: size, lines: lineNo, sha256: hash.digest('hex'), mix })}\n`);
