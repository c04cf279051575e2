// Built from src/ by `npm run build`; edit src/, not this file.
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf, __hasOwnProp = Object.prototype.hasOwnProperty;
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from == "object" || typeof from == "function")
    for (let key of __getOwnPropNames(from))
      !__hasOwnProp.call(to, key) && key !== except && __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  return to;
};
var __nodeBuiltin = (mod) => Object.create(mod, { default: { value: mod, enumerable: !0 } });
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: !0 }) : target,
  mod
));

// src/commands/grep-worker.ts
var import_node_worker_threads2 = require("node:worker_threads");

// src/commands/grep-parallel.ts
var import_node_fs6 = __nodeBuiltin(require("node:fs"));
var import_node_worker_threads = require("node:worker_threads");

// src/read/chunks.ts
var import_node_fs3 = __nodeBuiltin(require("node:fs"));

// src/read/gunzip.ts
var import_node_child_process = require("node:child_process"), import_node_fs = __nodeBuiltin(require("node:fs")), import_node_os = __nodeBuiltin(require("node:os")), import_node_path = __nodeBuiltin(require("node:path")), import_node_zlib = __nodeBuiltin(require("node:zlib"));

// src/core/errors.ts
var AuditError = class extends Error {
  constructor(message2, exitCode = 1) {
    super(message2);
    this.exitCode = exitCode;
    this.name = "AuditError";
  }
  exitCode;
};

// src/read/gunzip.ts
var MAX_GUNZIPPED_BYTES = 1024 ** 3, IN_PROCESS_BYTES = 64 << 20, SMALLEST_GZIP = 20;
function gzipClaim(size, trailer) {
  return size < SMALLEST_GZIP ? void 0 : trailer.readUInt32LE(0);
}
function tooLarge(file) {
  return new AuditError(`${file} gunzips to more than ${MAX_GUNZIPPED_BYTES} bytes: refused, not read`, 2);
}
function notWhole(file, message2) {
  return new AuditError(`${file} is not a whole gzip file (${message2}): refused, not read`, 2);
}
function gunzippedText(file, gz) {
  let dir = import_node_fs.default.mkdtempSync(import_node_path.default.join(import_node_os.default.tmpdir(), "tmux-audit-gz-")), temp = import_node_path.default.join(dir, "text"), text;
  try {
    text = import_node_fs.default.openSync(temp, import_node_fs.default.constants.O_RDWR | import_node_fs.default.constants.O_CREAT | import_node_fs.default.constants.O_EXCL, 384);
  } finally {
    try {
      text !== void 0 && import_node_fs.default.unlinkSync(temp), import_node_fs.default.rmdirSync(dir);
    } catch (error) {
      throw text !== void 0 && import_node_fs.default.closeSync(text), error;
    }
  }
  try {
    return gunzipInto(file, gz, text), text;
  } catch (error) {
    throw import_node_fs.default.closeSync(text), error;
  }
}
var STREAM = `
const fs = require('node:fs'), zlib = require('node:zlib');
const limit = Number(process.argv[1]);
let total = 0;
const gunzip = zlib.createGunzip();
gunzip.on('data', (chunk) => {
  if (total + chunk.length > limit) process.exit(3);
  for (let done = 0; done < chunk.length; ) done += fs.writeSync(1, chunk, done, chunk.length - done, total + done);
  total += chunk.length;
});
gunzip.on('error', (error) => { process.stderr.write(error.message); process.exit(4); });
gunzip.on('end', () => process.exit(0));
fs.createReadStream('', { fd: 0, start: 0 }).pipe(gunzip);
`;
function gunzipInto(file, gz, output) {
  let size = import_node_fs.default.fstatSync(gz).size, trailer = Buffer.alloc(4);
  size >= 4 && import_node_fs.default.readSync(gz, trailer, 0, 4, size - 4);
  let claim = gzipClaim(size, trailer);
  if (claim !== void 0 && claim <= IN_PROCESS_BYTES && size <= 2 * IN_PROCESS_BYTES) {
    let bytes = Buffer.allocUnsafe(size);
    for (let done = 0; done < size; ) {
      let read = import_node_fs.default.readSync(gz, bytes, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    let text;
    try {
      text = import_node_zlib.default.gunzipSync(bytes, { maxOutputLength: Math.max(1, claim) });
    } catch (error) {
      let code = error.code;
      if (code !== "ERR_BUFFER_TOO_LARGE")
        throw typeof code == "string" && code.startsWith("Z_") ? notWhole(file, error.message) : error;
    }
    if (text) {
      for (let done = 0; done < text.length; ) done += import_node_fs.default.writeSync(output, text, done, text.length - done, done);
      return;
    }
  }
  let run = (0, import_node_child_process.spawnSync)(process.execPath, ["-e", STREAM, String(MAX_GUNZIPPED_BYTES)], { stdio: [gz, output, "pipe"], env: {}, encoding: "utf8" });
  if (run.status !== 0)
    throw run.status === 3 ? tooLarge(file) : run.status === 4 ? notWhole(file, run.stderr.trim()) : new AuditError(`${file} could not be gunzipped (${run.error?.message ?? `exit ${run.status ?? run.signal}`}): refused, not read`, 2);
}

// src/read/safe-open.ts
var import_node_fs2 = __nodeBuiltin(require("node:fs"));
var OPEN_FLAGS = import_node_fs2.default.constants.O_RDONLY | import_node_fs2.default.constants.O_NOFOLLOW | import_node_fs2.default.constants.O_NONBLOCK;
function openLogFile(file) {
  let fd;
  try {
    fd = import_node_fs2.default.openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw error.code === "ELOOP" ? new AuditError(`${file} is a symbolic link: refused, not read`, 2) : error;
  }
  try {
    let stat = import_node_fs2.default.fstatSync(fd);
    if (!stat.isFile()) throw new AuditError(`${file} is not a regular file: refused, not read`, 2);
    let uid = process.geteuid?.() ?? stat.uid;
    if (uid !== 0 && stat.uid !== uid) throw new AuditError(`${file} is owned by uid ${stat.uid}, not by us: refused, not read`, 2);
    return fd;
  } catch (error) {
    throw import_node_fs2.default.closeSync(fd), error;
  }
}

// src/read/fold.ts
var CASE_BLIND = /* @__PURE__ */ new WeakSet();
function caseBlindNeedle(lower) {
  return CASE_BLIND.add(lower), lower;
}
function isCaseBlind(needle) {
  return CASE_BLIND.has(needle);
}
var isLower = (byte) => byte >= 97 && byte <= 122;
function sameBytes(piece, at, bytes) {
  if (at < 0 || at + bytes.length > piece.length) return !1;
  for (let i = 0; i < bytes.length; i++) if (piece[at + i] !== bytes[i]) return !1;
  return !0;
}
function sameFolded(piece, at, lower) {
  if (at < 0 || at + lower.length > piece.length) return !1;
  for (let i = 0; i < lower.length; i++) {
    let byte = piece[at + i], want = lower[i];
    if (byte !== want && !(isLower(want) && byte === want - 32)) return !1;
  }
  return !0;
}
function indexOfFolded(piece, lower, from, to = piece.length) {
  for (let at = Math.max(0, from); at + lower.length <= to; at++) if (sameFolded(piece, at, lower)) return at;
  return -1;
}

// src/read/simd-find.ts
function finder(pairs2, fold) {
  let params = 2 + 6 * pairs2, mask = params + 4 * pairs2, body = [2, 4 * pairs2, 123, 1, 127];
  for (let i = 0; i < 4 * pairs2; i++) body.push(32, 2 + 6 * (i >> 2) + 2 + (i & 3), 253, 15, 33, params + i);
  body.push(2, 64, 3, 64), body.push(32, 0, 32, 1, 79, 13, 1);
  for (let k = 0; k < pairs2; k++) {
    for (let j = 0; j < 2; j++)
      body.push(32, 0, 32, 2 + 6 * k + j, 106, 253, 0, 0, 0), fold && body.push(32, params + 4 * k + 2 + j, 253, 80), body.push(32, params + 4 * k + j, 253, 35);
    body.push(253, 78), k > 0 && body.push(253, 80);
  }
  return body.push(253, 100, 34, mask), body.push(4, 64, 32, 0, 32, mask, 104, 106, 15, 11), body.push(32, 0, 65, 16, 106, 33, 0, 12, 0), body.push(11, 11, 65, 127, 11), body;
}
function lineFinder() {
  let block = [32, 0, 253, 0, 0, 0, 32, 4, 253, 35, 253, 100, 34, 7], byte = [32, 0, 45, 0, 0, 65, 10, 70], found = (at) => [32, 3, ...at, 54, 2, 4, 32, 5, 15], loop = (limit, step, body) => [
    2,
    64,
    3,
    64,
    // block, loop
    ...step === 16 ? [32, 0, 65, 16, 106, 32, limit, 75] : [32, 0, 32, limit, 79],
    13,
    1,
    // past limit (unsigned): out
    ...body,
    32,
    0,
    65,
    step,
    106,
    33,
    0,
    12,
    0,
    // p += step, again
    11,
    11
    // end loop, end block
  ], lane = (i) => [32, 8, 253, 27, i, 106];
  return [
    4,
    1,
    123,
    3,
    127,
    1,
    123,
    2,
    127,
    // locals
    65,
    10,
    253,
    15,
    33,
    4,
    // splat `\n`
    32,
    0,
    65,
    1,
    107,
    33,
    6,
    // last = at - 1
    // The lines before target, without a branch per block: each lane counts its `\n` bytes (eq is -1: subtracted),
    // 255 blocks at most, then the sixteen counts are added up into the count.
    3,
    64,
    // loop
    65,
    0,
    253,
    15,
    33,
    8,
    65,
    255,
    1,
    33,
    9,
    // counts = 0, 255 blocks
    ...loop(1, 16, [
      32,
      9,
      69,
      13,
      1,
      // none left: out
      32,
      8,
      32,
      0,
      253,
      0,
      0,
      0,
      32,
      4,
      253,
      35,
      253,
      113,
      33,
      8,
      // counts -= load(p) == `\n`
      32,
      9,
      65,
      1,
      107,
      33,
      9
    ]),
    32,
    8,
    253,
    125,
    253,
    127,
    33,
    8,
    // the counts, pairwise, into four
    32,
    5,
    ...lane(0),
    ...lane(1),
    ...lane(2),
    ...lane(3),
    33,
    5,
    32,
    9,
    69,
    13,
    0,
    // stopped for the 255: again
    11,
    ...loop(1, 1, [...byte, 4, 64, 32, 5, 65, 1, 106, 33, 5, 11]),
    // the rest, one by one
    // The last of them, backwards from target: sixteen at a time while they lie after `at`, then one by one.
    32,
    1,
    33,
    10,
    // q = target
    2,
    64,
    2,
    64,
    3,
    64,
    // block (found), block, loop
    32,
    10,
    65,
    16,
    107,
    32,
    6,
    76,
    13,
    1,
    // q - 16 <= last (before at): out
    32,
    10,
    65,
    16,
    107,
    253,
    0,
    0,
    0,
    32,
    4,
    253,
    35,
    253,
    100,
    34,
    7,
    // mask of [q - 16, q)
    4,
    64,
    32,
    10,
    65,
    15,
    106,
    32,
    7,
    103,
    107,
    33,
    6,
    12,
    3,
    11,
    // mask: last = q + 15 - clz(mask), found
    32,
    10,
    65,
    16,
    107,
    33,
    10,
    12,
    0,
    // q -= 16, again
    11,
    11,
    2,
    64,
    3,
    64,
    // block, loop
    32,
    10,
    32,
    6,
    65,
    1,
    106,
    76,
    13,
    1,
    // q <= at: out (none: last stays at - 1)
    32,
    10,
    65,
    1,
    107,
    34,
    10,
    45,
    0,
    0,
    65,
    10,
    70,
    // mem[--q] == `\n`
    4,
    64,
    32,
    10,
    33,
    6,
    12,
    3,
    11,
    // last = q, found
    12,
    0,
    11,
    11,
    11,
    // found
    32,
    3,
    32,
    6,
    65,
    1,
    106,
    54,
    2,
    0,
    // mem[out] = last + 1
    32,
    1,
    33,
    0,
    // p = target
    // The line's end: p + ctz(mask) at the first mask, then one by one; none: -1.
    ...loop(2, 16, [...block, 4, 64, ...found([32, 0, 32, 7, 104, 106]), 11]),
    ...loop(2, 1, [...byte, 4, 64, ...found([32, 0]), 11]),
    ...found([65, 127]),
    11
  ];
}
var leb = (n) => n < 128 ? [n] : [n & 127 | 128, ...leb(n >> 7)], section = (id, content) => [id, ...leb(content.length), ...content], i32s = (n) => Array(n).fill(127), FUNCTIONS = [["find", 1, !0], ["findPlain", 1, !1], ["findAny", 2, !0], ["findAnyPlain", 2, !1]], BODIES = [...FUNCTIONS.map(([, pairs2, fold]) => finder(pairs2, fold)), lineFinder()], NAMES = [...FUNCTIONS.map(([name]) => name), "line"], MODULE = Uint8Array.from([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  // types: (i32 x 8) -> i32, (i32 x 14) -> i32, (i32 x 4) -> i32
  ...section(1, [3, 96, 8, ...i32s(8), 1, 127, 96, 14, ...i32s(14), 1, 127, 96, 4, ...i32s(4), 1, 127]),
  ...section(2, [1, 1, 109, 3, 109, 101, 109, 2, 0, 0]),
  // import m.mem, a memory of any size
  ...section(3, [BODIES.length, ...FUNCTIONS.map(([, pairs2]) => pairs2 - 1), 2]),
  ...section(7, [NAMES.length, ...NAMES.flatMap((name, i) => [name.length, ...Buffer.from(name), 0, i])]),
  ...section(10, [BODIES.length, ...BODIES.flatMap((body) => [...leb(body.length), ...body])])
]), SLOTS = 4, SLOT_BYTES = 1 << 20, PAGE = 65536, OUT = SLOTS * SLOT_BYTES, ARENA_PAGES = OUT / PAGE + 1, memory, find, findPlain, findAny, findAnyPlain, line, lineEnds, slotsGiven = 0;
function load() {
  if (!(find || memory === null))
    try {
      let wasmMemory = new WebAssembly.Memory({ initial: ARENA_PAGES, maximum: ARENA_PAGES }), instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { m: { mem: wasmMemory } });
      find = instance.exports.find, findPlain = instance.exports.findPlain, findAny = instance.exports.findAny, findAnyPlain = instance.exports.findAnyPlain, line = instance.exports.line, memory = wasmMemory.buffer, lineEnds = new Int32Array(memory, OUT, 2);
    } catch {
      memory = void 0, find = void 0, findPlain = void 0, findAny = void 0, findAnyPlain = void 0, line = void 0, lineEnds = void 0;
    }
}
function arenaBuffer(size) {
  if (!(size > SLOT_BYTES || slotsGiven >= SLOTS) && (load(), !!memory))
    return Buffer.from(memory, SLOT_BYTES * slotsGiven++, SLOT_BYTES);
}
function inArena(buffer) {
  return memory !== void 0 && buffer.buffer === memory;
}
function lineInArena(piece, at, target, end, into) {
  if (!line || piece.buffer !== memory) return !1;
  let base = piece.byteOffset;
  into.before = line(base + at, base + target, base + end, OUT), into.start = lineEnds[0] - base;
  let newline = lineEnds[1];
  return into.end = newline < 0 ? end : newline - base, !0;
}
var MISSES = 32;
function findInArena(piece, needle, from, rare1, rare2, blind = !1) {
  if (!find || piece.buffer !== memory) return;
  let length = needle.length, base = piece.byteOffset, end = base + piece.length, far = Math.max(rare1, rare2), limit = end - far - 15, byte1 = needle[rare1], byte2 = needle[rare2], fold1 = blind && byte1 >= 97 && byte1 <= 122 ? 32 : 0, fold2 = blind && byte2 >= 97 && byte2 <= 122 ? 32 : 0, search = fold1 || fold2 ? find : findPlain, start = base + from, misses = 0;
  for (; start < limit; ) {
    let at = search(start, limit, rare1, rare2, byte1, byte2, fold1, fold2);
    if (at < 0) {
      start += Math.ceil((limit - start) / 16) * 16;
      break;
    }
    let offset = at - base;
    if (offset + length > piece.length) return -1;
    if (blind ? sameFolded(piece, offset, needle) : sameBytes(piece, offset, needle)) return offset;
    if (++misses > MISSES && misses > offset - from >> 10) return blind ? indexOfFolded(piece, needle, offset + 1) : piece.indexOf(needle, offset + 1);
    start = at + 1;
  }
  return blind ? indexOfFolded(piece, needle, start - base) : piece.indexOf(needle, start - base);
}
function findEitherInArena(piece, from, pairs2, check, rest) {
  if (!findAny || piece.buffer !== memory) return;
  let base = piece.byteOffset, end = base + piece.length, far = Math.max(pairs2[0].rare1, pairs2[0].rare2, pairs2[1].rare1, pairs2[1].rare2), limit = end - far - 15, args = [];
  for (let { needle, rare1, rare2, blind } of pairs2) {
    let byte1 = needle[rare1], byte2 = needle[rare2];
    args.push(rare1, rare2, byte1, byte2, blind && byte1 >= 97 && byte1 <= 122 ? 32 : 0, blind && byte2 >= 97 && byte2 <= 122 ? 32 : 0);
  }
  let search = args.some((value, i) => i % 6 >= 4 && value !== 0) ? findAny : findAnyPlain, start = base + from, misses = 0;
  for (; start < limit; ) {
    let at = search(start, limit, ...args);
    if (at < 0) {
      start += Math.ceil((limit - start) / 16) * 16;
      break;
    }
    let offset = at - base;
    if (check(offset)) return offset;
    if (++misses > MISSES && misses > offset - from >> 10) return rest(offset + 1);
    start = at + 1;
  }
  return rest(start - base);
}

// src/read/chunks.ts
var CHUNK = 1 << 20, MAX_LINE = 64 << 20, spare = [];
function borrow(size = CHUNK) {
  let kept = spare.findIndex((buffer) => buffer.length >= size && inArena(buffer));
  if (kept >= 0) return spare.splice(kept, 1)[0];
  let fresh = arenaBuffer(Math.max(size, CHUNK));
  if (fresh) return fresh;
  let index = spare.findIndex((buffer) => buffer.length >= size);
  return index >= 0 ? spare.splice(index, 1)[0] : Buffer.allocUnsafeSlow(Math.max(size, CHUNK));
}
function release(buffer) {
  (inArena(buffer) || spare.length < 4 && buffer.length <= CHUNK) && spare.push(buffer);
}
function forEachPiece(fd, visit, from = 0, to, cut) {
  let size = to ?? import_node_fs3.default.fstatSync(fd).size, start = borrow(), buffer = start;
  try {
    return readPieces(fd, visit, from, size, (other) => {
      buffer = other;
    }, start, cut);
  } finally {
    release(buffer), buffer !== start && release(start);
  }
}
function readPieces(fd, visit, from, size, grown, start, cut) {
  let buffer = start, held = 0, position = from, offset = from;
  for (; position < size; ) {
    if (held === buffer.length)
      if (buffer.length <= MAX_LINE) {
        let bigger = Buffer.allocUnsafeSlow(Math.min(buffer.length * 2, MAX_LINE + 1));
        buffer.copy(bigger, 0, 0, held), buffer = bigger, grown(bigger);
      } else {
        let past = pastNewline(fd, offset + MAX_LINE, size, start), torn = !endsInNewline(fd, past, start);
        if (buffer[MAX_LINE] = 10, cut?.(offset, torn), visit(buffer, MAX_LINE + 1, offset, !1) === !1) return offset + MAX_LINE;
        position = past, offset = position, held = 0, buffer = start, grown(start);
        continue;
      }
    let read = import_node_fs3.default.readSync(fd, buffer, held, Math.min(buffer.length - held, size - position), position);
    if (read === 0) break;
    position += read;
    let filled = held + read, last = position >= size, end = last ? filled : buffer.lastIndexOf(10, filled - 1) + 1;
    if (end === 0) {
      held = filled;
      continue;
    }
    if (visit(buffer, end, offset, last) === !1) return offset + end;
    held = filled - end, offset += end, buffer !== start && held < start.length ? (buffer.copy(start, 0, end, filled), buffer = start, grown(start)) : buffer.copy(buffer, 0, end, filled);
  }
  return held > 0 && visit(buffer, held, offset, !0) === !1 ? offset + held : position;
}
function endsInNewline(fd, size, buffer) {
  return size > 0 && import_node_fs3.default.readSync(fd, buffer, 0, 1, size - 1) === 1 && buffer[0] === 10;
}
function pastNewline(fd, from, size = import_node_fs3.default.fstatSync(fd).size, buffer) {
  let through = buffer ?? borrow();
  try {
    for (let position = from; position < size; ) {
      let read = import_node_fs3.default.readSync(fd, through, 0, Math.min(through.length, size - position), position);
      if (read === 0) return position;
      let newline = through.subarray(0, read).indexOf(10);
      if (newline >= 0) return position + newline + 1;
      position += read;
    }
    return size;
  } finally {
    buffer || release(through);
  }
}
function openLog(file) {
  let fd;
  try {
    fd = openLogFile(file);
  } catch (error) {
    if (error.code === "ENOENT")
      return !file.endsWith(".gz") && import_node_fs3.default.existsSync(`${file}.gz`) ? openLog(`${file}.gz`) : void 0;
    throw error;
  }
  if (!file.endsWith(".gz")) return fd;
  try {
    return gunzippedText(file, fd);
  } finally {
    import_node_fs3.default.closeSync(fd);
  }
}

// node_modules/date-fns/constants.js
var maxTime = Math.pow(10, 8) * 24 * 60 * 60 * 1e3, minTime = -maxTime, millisecondsInWeek = 6048e5, millisecondsInDay = 864e5, millisecondsInMinute = 6e4, millisecondsInHour = 36e5, millisecondsInSecond = 1e3;
var secondsInHour = 3600;
var secondsInDay = secondsInHour * 24, secondsInWeek = secondsInDay * 7, secondsInYear = secondsInDay * 365.2425, secondsInMonth = secondsInYear / 12, secondsInQuarter = secondsInMonth * 3, constructFromSymbol = /* @__PURE__ */ Symbol.for("constructDateFrom");

// node_modules/date-fns/constructFrom.js
function constructFrom(date, value) {
  return typeof date == "function" ? date(value) : date && typeof date == "object" && constructFromSymbol in date ? date[constructFromSymbol](value) : date instanceof Date ? new date.constructor(value) : new Date(value);
}

// node_modules/date-fns/toDate.js
function toDate(argument, context) {
  return constructFrom(context || argument, argument);
}

// node_modules/date-fns/addDays.js
function addDays(date, amount, options) {
  let _date = toDate(date, options?.in);
  return isNaN(amount) ? constructFrom(options?.in || date, NaN) : (amount && _date.setDate(_date.getDate() + amount), _date);
}

// node_modules/date-fns/_lib/defaultOptions.js
var defaultOptions = {};
function getDefaultOptions() {
  return defaultOptions;
}

// node_modules/date-fns/startOfWeek.js
function startOfWeek(date, options) {
  let defaultOptions2 = getDefaultOptions(), weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, _date = toDate(date, options?.in), day = _date.getDay(), diff = (day < weekStartsOn ? 7 : 0) + day - weekStartsOn;
  return _date.setDate(_date.getDate() - diff), _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/startOfISOWeek.js
function startOfISOWeek(date, options) {
  return startOfWeek(date, { ...options, weekStartsOn: 1 });
}

// node_modules/date-fns/getISOWeekYear.js
function getISOWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), fourthOfJanuaryOfNextYear = constructFrom(_date, 0);
  fourthOfJanuaryOfNextYear.setFullYear(year + 1, 0, 4), fourthOfJanuaryOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfISOWeek(fourthOfJanuaryOfNextYear), fourthOfJanuaryOfThisYear = constructFrom(_date, 0);
  fourthOfJanuaryOfThisYear.setFullYear(year, 0, 4), fourthOfJanuaryOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfISOWeek(fourthOfJanuaryOfThisYear);
  return _date.getTime() >= startOfNextYear.getTime() ? year + 1 : _date.getTime() >= startOfThisYear.getTime() ? year : year - 1;
}

// node_modules/date-fns/_lib/getTimezoneOffsetInMilliseconds.js
function getTimezoneOffsetInMilliseconds(date) {
  let _date = toDate(date), utcDate = new Date(
    Date.UTC(
      _date.getFullYear(),
      _date.getMonth(),
      _date.getDate(),
      _date.getHours(),
      _date.getMinutes(),
      _date.getSeconds(),
      _date.getMilliseconds()
    )
  );
  return utcDate.setUTCFullYear(_date.getFullYear()), +date - +utcDate;
}

// node_modules/date-fns/_lib/normalizeDates.js
function normalizeDates(context, ...dates) {
  let normalize = constructFrom.bind(
    null,
    context || dates.find((date) => typeof date == "object")
  );
  return dates.map(normalize);
}

// node_modules/date-fns/startOfDay.js
function startOfDay(date, options) {
  let _date = toDate(date, options?.in);
  return _date.setHours(0, 0, 0, 0), _date;
}

// node_modules/date-fns/differenceInCalendarDays.js
function differenceInCalendarDays(laterDate, earlierDate, options) {
  let [laterDate_, earlierDate_] = normalizeDates(
    options?.in,
    laterDate,
    earlierDate
  ), laterStartOfDay = startOfDay(laterDate_), earlierStartOfDay = startOfDay(earlierDate_), laterTimestamp = +laterStartOfDay - getTimezoneOffsetInMilliseconds(laterStartOfDay), earlierTimestamp = +earlierStartOfDay - getTimezoneOffsetInMilliseconds(earlierStartOfDay);
  return Math.round((laterTimestamp - earlierTimestamp) / millisecondsInDay);
}

// node_modules/date-fns/startOfISOWeekYear.js
function startOfISOWeekYear(date, options) {
  let year = getISOWeekYear(date, options), fourthOfJanuary = constructFrom(options?.in || date, 0);
  return fourthOfJanuary.setFullYear(year, 0, 4), fourthOfJanuary.setHours(0, 0, 0, 0), startOfISOWeek(fourthOfJanuary);
}

// node_modules/date-fns/isDate.js
function isDate(value) {
  return value instanceof Date || typeof value == "object" && Object.prototype.toString.call(value) === "[object Date]";
}

// node_modules/date-fns/isValid.js
function isValid(date) {
  return !(!isDate(date) && typeof date != "number" || isNaN(+toDate(date)));
}

// node_modules/date-fns/startOfYear.js
function startOfYear(date, options) {
  let date_ = toDate(date, options?.in);
  return date_.setFullYear(date_.getFullYear(), 0, 1), date_.setHours(0, 0, 0, 0), date_;
}

// node_modules/date-fns/locale/en-US/_lib/formatDistance.js
var formatDistanceLocale = {
  lessThanXSeconds: {
    one: "less than a second",
    other: "less than {{count}} seconds"
  },
  xSeconds: {
    one: "1 second",
    other: "{{count}} seconds"
  },
  halfAMinute: "half a minute",
  lessThanXMinutes: {
    one: "less than a minute",
    other: "less than {{count}} minutes"
  },
  xMinutes: {
    one: "1 minute",
    other: "{{count}} minutes"
  },
  aboutXHours: {
    one: "about 1 hour",
    other: "about {{count}} hours"
  },
  xHours: {
    one: "1 hour",
    other: "{{count}} hours"
  },
  xDays: {
    one: "1 day",
    other: "{{count}} days"
  },
  aboutXWeeks: {
    one: "about 1 week",
    other: "about {{count}} weeks"
  },
  xWeeks: {
    one: "1 week",
    other: "{{count}} weeks"
  },
  aboutXMonths: {
    one: "about 1 month",
    other: "about {{count}} months"
  },
  xMonths: {
    one: "1 month",
    other: "{{count}} months"
  },
  aboutXYears: {
    one: "about 1 year",
    other: "about {{count}} years"
  },
  xYears: {
    one: "1 year",
    other: "{{count}} years"
  },
  overXYears: {
    one: "over 1 year",
    other: "over {{count}} years"
  },
  almostXYears: {
    one: "almost 1 year",
    other: "almost {{count}} years"
  }
}, formatDistance = (token, count, options) => {
  let result, tokenValue = formatDistanceLocale[token];
  return typeof tokenValue == "string" ? result = tokenValue : count === 1 ? result = tokenValue.one : result = tokenValue.other.replace("{{count}}", count.toString()), options?.addSuffix ? options.comparison && options.comparison > 0 ? "in " + result : result + " ago" : result;
};

// node_modules/date-fns/locale/_lib/buildFormatLongFn.js
function buildFormatLongFn(args) {
  return (options = {}) => {
    let width = options.width ? String(options.width) : args.defaultWidth;
    return args.formats[width] || args.formats[args.defaultWidth];
  };
}

// node_modules/date-fns/locale/en-US/_lib/formatLong.js
var dateFormats = {
  full: "EEEE, MMMM do, y",
  long: "MMMM do, y",
  medium: "MMM d, y",
  short: "MM/dd/yyyy"
}, timeFormats = {
  full: "h:mm:ss a zzzz",
  long: "h:mm:ss a z",
  medium: "h:mm:ss a",
  short: "h:mm a"
}, dateTimeFormats = {
  full: "{{date}} 'at' {{time}}",
  long: "{{date}} 'at' {{time}}",
  medium: "{{date}}, {{time}}",
  short: "{{date}}, {{time}}"
}, formatLong = {
  date: buildFormatLongFn({
    formats: dateFormats,
    defaultWidth: "full"
  }),
  time: buildFormatLongFn({
    formats: timeFormats,
    defaultWidth: "full"
  }),
  dateTime: buildFormatLongFn({
    formats: dateTimeFormats,
    defaultWidth: "full"
  })
};

// node_modules/date-fns/locale/en-US/_lib/formatRelative.js
var formatRelativeLocale = {
  lastWeek: "'last' eeee 'at' p",
  yesterday: "'yesterday at' p",
  today: "'today at' p",
  tomorrow: "'tomorrow at' p",
  nextWeek: "eeee 'at' p",
  other: "P"
}, formatRelative = (token, _date, _baseDate, _options) => formatRelativeLocale[token];

// node_modules/date-fns/locale/_lib/buildLocalizeFn.js
function buildLocalizeFn(args) {
  return (value, options) => {
    let context = options?.context ? String(options.context) : "standalone", valuesArray;
    if (context === "formatting" && args.formattingValues) {
      let defaultWidth = args.defaultFormattingWidth || args.defaultWidth, width = options?.width ? String(options.width) : defaultWidth;
      valuesArray = args.formattingValues[width] || args.formattingValues[defaultWidth];
    } else {
      let defaultWidth = args.defaultWidth, width = options?.width ? String(options.width) : args.defaultWidth;
      valuesArray = args.values[width] || args.values[defaultWidth];
    }
    let index = args.argumentCallback ? args.argumentCallback(value) : value;
    return valuesArray[index];
  };
}

// node_modules/date-fns/locale/en-US/_lib/localize.js
var eraValues = {
  narrow: ["B", "A"],
  abbreviated: ["BC", "AD"],
  wide: ["Before Christ", "Anno Domini"]
}, quarterValues = {
  narrow: ["1", "2", "3", "4"],
  abbreviated: ["Q1", "Q2", "Q3", "Q4"],
  wide: ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"]
}, monthValues = {
  narrow: ["J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D"],
  abbreviated: [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec"
  ],
  wide: [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  ]
}, dayValues = {
  narrow: ["S", "M", "T", "W", "T", "F", "S"],
  short: ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"],
  abbreviated: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  wide: [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday"
  ]
}, dayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "morning",
    afternoon: "afternoon",
    evening: "evening",
    night: "night"
  }
}, formattingDayPeriodValues = {
  narrow: {
    am: "a",
    pm: "p",
    midnight: "mi",
    noon: "n",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  abbreviated: {
    am: "AM",
    pm: "PM",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  },
  wide: {
    am: "a.m.",
    pm: "p.m.",
    midnight: "midnight",
    noon: "noon",
    morning: "in the morning",
    afternoon: "in the afternoon",
    evening: "in the evening",
    night: "at night"
  }
}, ordinalNumber = (dirtyNumber, _options) => {
  let number = Number(dirtyNumber), rem100 = number % 100;
  if (rem100 > 20 || rem100 < 10)
    switch (rem100 % 10) {
      case 1:
        return number + "st";
      case 2:
        return number + "nd";
      case 3:
        return number + "rd";
    }
  return number + "th";
}, localize = {
  ordinalNumber,
  era: buildLocalizeFn({
    values: eraValues,
    defaultWidth: "wide"
  }),
  quarter: buildLocalizeFn({
    values: quarterValues,
    defaultWidth: "wide",
    argumentCallback: (quarter) => quarter - 1
  }),
  month: buildLocalizeFn({
    values: monthValues,
    defaultWidth: "wide"
  }),
  day: buildLocalizeFn({
    values: dayValues,
    defaultWidth: "wide"
  }),
  dayPeriod: buildLocalizeFn({
    values: dayPeriodValues,
    defaultWidth: "wide",
    formattingValues: formattingDayPeriodValues,
    defaultFormattingWidth: "wide"
  })
};

// node_modules/date-fns/locale/_lib/buildMatchFn.js
function buildMatchFn(args) {
  return (string, options = {}) => {
    let width = options.width, matchPattern = width && args.matchPatterns[width] || args.matchPatterns[args.defaultMatchWidth], matchResult = string.match(matchPattern);
    if (!matchResult)
      return null;
    let matchedString = matchResult[0], parsePatterns = width && args.parsePatterns[width] || args.parsePatterns[args.defaultParseWidth], key = Array.isArray(parsePatterns) ? findIndex(parsePatterns, (pattern) => pattern.test(matchedString)) : (
      // [TODO] -- I challenge you to fix the type
      findKey(parsePatterns, (pattern) => pattern.test(matchedString))
    ), value;
    value = args.valueCallback ? args.valueCallback(key) : key, value = options.valueCallback ? (
      // [TODO] -- I challenge you to fix the type
      options.valueCallback(value)
    ) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}
function findKey(object, predicate) {
  for (let key in object)
    if (Object.prototype.hasOwnProperty.call(object, key) && predicate(object[key]))
      return key;
}
function findIndex(array, predicate) {
  for (let key = 0; key < array.length; key++)
    if (predicate(array[key]))
      return key;
}

// node_modules/date-fns/locale/_lib/buildMatchPatternFn.js
function buildMatchPatternFn(args) {
  return (string, options = {}) => {
    let matchResult = string.match(args.matchPattern);
    if (!matchResult) return null;
    let matchedString = matchResult[0], parseResult = string.match(args.parsePattern);
    if (!parseResult) return null;
    let value = args.valueCallback ? args.valueCallback(parseResult[0]) : parseResult[0];
    value = options.valueCallback ? options.valueCallback(value) : value;
    let rest = string.slice(matchedString.length);
    return { value, rest };
  };
}

// node_modules/date-fns/locale/en-US/_lib/match.js
var matchOrdinalNumberPattern = /^(\d+)(th|st|nd|rd)?/i, parseOrdinalNumberPattern = /\d+/i, matchEraPatterns = {
  narrow: /^(b|a)/i,
  abbreviated: /^(b\.?\s?c\.?|b\.?\s?c\.?\s?e\.?|a\.?\s?d\.?|c\.?\s?e\.?)/i,
  wide: /^(before christ|before common era|anno domini|common era)/i
}, parseEraPatterns = {
  any: [/^b/i, /^(a|c)/i]
}, matchQuarterPatterns = {
  narrow: /^[1234]/i,
  abbreviated: /^q[1234]/i,
  wide: /^[1234](th|st|nd|rd)? quarter/i
}, parseQuarterPatterns = {
  any: [/1/i, /2/i, /3/i, /4/i]
}, matchMonthPatterns = {
  narrow: /^[jfmasond]/i,
  abbreviated: /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  wide: /^(january|february|march|april|may|june|july|august|september|october|november|december)/i
}, parseMonthPatterns = {
  narrow: [
    /^j/i,
    /^f/i,
    /^m/i,
    /^a/i,
    /^m/i,
    /^j/i,
    /^j/i,
    /^a/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ],
  any: [
    /^ja/i,
    /^f/i,
    /^mar/i,
    /^ap/i,
    /^may/i,
    /^jun/i,
    /^jul/i,
    /^au/i,
    /^s/i,
    /^o/i,
    /^n/i,
    /^d/i
  ]
}, matchDayPatterns = {
  narrow: /^[smtwf]/i,
  short: /^(su|mo|tu|we|th|fr|sa)/i,
  abbreviated: /^(sun|mon|tue|wed|thu|fri|sat)/i,
  wide: /^(sunday|monday|tuesday|wednesday|thursday|friday|saturday)/i
}, parseDayPatterns = {
  narrow: [/^s/i, /^m/i, /^t/i, /^w/i, /^t/i, /^f/i, /^s/i],
  any: [/^su/i, /^m/i, /^tu/i, /^w/i, /^th/i, /^f/i, /^sa/i]
}, matchDayPeriodPatterns = {
  narrow: /^(a|p|mi|n|(in the|at) (morning|afternoon|evening|night))/i,
  any: /^([ap]\.?\s?m\.?|midnight|noon|(in the|at) (morning|afternoon|evening|night))/i
}, parseDayPeriodPatterns = {
  any: {
    am: /^a/i,
    pm: /^p/i,
    midnight: /^mi/i,
    noon: /^no/i,
    morning: /morning/i,
    afternoon: /afternoon/i,
    evening: /evening/i,
    night: /night/i
  }
}, match = {
  ordinalNumber: buildMatchPatternFn({
    matchPattern: matchOrdinalNumberPattern,
    parsePattern: parseOrdinalNumberPattern,
    valueCallback: (value) => parseInt(value, 10)
  }),
  era: buildMatchFn({
    matchPatterns: matchEraPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseEraPatterns,
    defaultParseWidth: "any"
  }),
  quarter: buildMatchFn({
    matchPatterns: matchQuarterPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseQuarterPatterns,
    defaultParseWidth: "any",
    valueCallback: (index) => index + 1
  }),
  month: buildMatchFn({
    matchPatterns: matchMonthPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseMonthPatterns,
    defaultParseWidth: "any"
  }),
  day: buildMatchFn({
    matchPatterns: matchDayPatterns,
    defaultMatchWidth: "wide",
    parsePatterns: parseDayPatterns,
    defaultParseWidth: "any"
  }),
  dayPeriod: buildMatchFn({
    matchPatterns: matchDayPeriodPatterns,
    defaultMatchWidth: "any",
    parsePatterns: parseDayPeriodPatterns,
    defaultParseWidth: "any"
  })
};

// node_modules/date-fns/locale/en-US.js
var enUS = {
  code: "en-US",
  formatDistance,
  formatLong,
  formatRelative,
  localize,
  match,
  options: {
    weekStartsOn: 0,
    firstWeekContainsDate: 1
  }
};

// node_modules/date-fns/getDayOfYear.js
function getDayOfYear(date, options) {
  let _date = toDate(date, options?.in);
  return differenceInCalendarDays(_date, startOfYear(_date)) + 1;
}

// node_modules/date-fns/getISOWeek.js
function getISOWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfISOWeek(_date) - +startOfISOWeekYear(_date);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/getWeekYear.js
function getWeekYear(date, options) {
  let _date = toDate(date, options?.in), year = _date.getFullYear(), defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, firstWeekOfNextYear = constructFrom(options?.in || date, 0);
  firstWeekOfNextYear.setFullYear(year + 1, 0, firstWeekContainsDate), firstWeekOfNextYear.setHours(0, 0, 0, 0);
  let startOfNextYear = startOfWeek(firstWeekOfNextYear, options), firstWeekOfThisYear = constructFrom(options?.in || date, 0);
  firstWeekOfThisYear.setFullYear(year, 0, firstWeekContainsDate), firstWeekOfThisYear.setHours(0, 0, 0, 0);
  let startOfThisYear = startOfWeek(firstWeekOfThisYear, options);
  return +_date >= +startOfNextYear ? year + 1 : +_date >= +startOfThisYear ? year : year - 1;
}

// node_modules/date-fns/startOfWeekYear.js
function startOfWeekYear(date, options) {
  let defaultOptions2 = getDefaultOptions(), firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, year = getWeekYear(date, options), firstWeek = constructFrom(options?.in || date, 0);
  return firstWeek.setFullYear(year, 0, firstWeekContainsDate), firstWeek.setHours(0, 0, 0, 0), startOfWeek(firstWeek, options);
}

// node_modules/date-fns/getWeek.js
function getWeek(date, options) {
  let _date = toDate(date, options?.in), diff = +startOfWeek(_date, options) - +startOfWeekYear(_date, options);
  return Math.round(diff / millisecondsInWeek) + 1;
}

// node_modules/date-fns/_lib/addLeadingZeros.js
function addLeadingZeros(number, targetLength) {
  let sign = number < 0 ? "-" : "", output = Math.abs(number).toString().padStart(targetLength, "0");
  return sign + output;
}

// node_modules/date-fns/_lib/format/lightFormatters.js
var lightFormatters = {
  // Year
  y(date, token) {
    let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
    return addLeadingZeros(token === "yy" ? year % 100 : year, token.length);
  },
  // Month
  M(date, token) {
    let month = date.getMonth();
    return token === "M" ? String(month + 1) : addLeadingZeros(month + 1, 2);
  },
  // Day of the month
  d(date, token) {
    return addLeadingZeros(date.getDate(), token.length);
  },
  // AM or PM
  a(date, token) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return dayPeriodEnumValue.toUpperCase();
      case "aaa":
        return dayPeriodEnumValue;
      case "aaaaa":
        return dayPeriodEnumValue[0];
      default:
        return dayPeriodEnumValue === "am" ? "a.m." : "p.m.";
    }
  },
  // Hour [1-12]
  h(date, token) {
    return addLeadingZeros(date.getHours() % 12 || 12, token.length);
  },
  // Hour [0-23]
  H(date, token) {
    return addLeadingZeros(date.getHours(), token.length);
  },
  // Minute
  m(date, token) {
    return addLeadingZeros(date.getMinutes(), token.length);
  },
  // Second
  s(date, token) {
    return addLeadingZeros(date.getSeconds(), token.length);
  },
  // Fraction of second
  S(date, token) {
    let numberOfDigits = token.length, milliseconds = date.getMilliseconds(), fractionalSeconds = Math.trunc(
      milliseconds * Math.pow(10, numberOfDigits - 3)
    );
    return addLeadingZeros(fractionalSeconds, token.length);
  }
};

// node_modules/date-fns/_lib/format/formatters.js
var dayPeriodEnum = {
  am: "am",
  pm: "pm",
  midnight: "midnight",
  noon: "noon",
  morning: "morning",
  afternoon: "afternoon",
  evening: "evening",
  night: "night"
}, formatters = {
  // Era
  G: function(date, token, localize2) {
    let era = date.getFullYear() > 0 ? 1 : 0;
    switch (token) {
      // AD, BC
      case "G":
      case "GG":
      case "GGG":
        return localize2.era(era, { width: "abbreviated" });
      // A, B
      case "GGGGG":
        return localize2.era(era, { width: "narrow" });
      default:
        return localize2.era(era, { width: "wide" });
    }
  },
  // Year
  y: function(date, token, localize2) {
    if (token === "yo") {
      let signedYear = date.getFullYear(), year = signedYear > 0 ? signedYear : 1 - signedYear;
      return localize2.ordinalNumber(year, { unit: "year" });
    }
    return lightFormatters.y(date, token);
  },
  // Local week-numbering year
  Y: function(date, token, localize2, options) {
    let signedWeekYear = getWeekYear(date, options), weekYear = signedWeekYear > 0 ? signedWeekYear : 1 - signedWeekYear;
    if (token === "YY") {
      let twoDigitYear = weekYear % 100;
      return addLeadingZeros(twoDigitYear, 2);
    }
    return token === "Yo" ? localize2.ordinalNumber(weekYear, { unit: "year" }) : addLeadingZeros(weekYear, token.length);
  },
  // ISO week-numbering year
  R: function(date, token) {
    let isoWeekYear = getISOWeekYear(date);
    return addLeadingZeros(isoWeekYear, token.length);
  },
  // Extended year. This is a single number designating the year of this calendar system.
  // The main difference between `y` and `u` localizers are B.C. years:
  // | Year | `y` | `u` |
  // |------|-----|-----|
  // | AC 1 |   1 |   1 |
  // | BC 1 |   1 |   0 |
  // | BC 2 |   2 |  -1 |
  // Also `yy` always returns the last two digits of a year,
  // while `uu` pads single digit years to 2 characters and returns other years unchanged.
  u: function(date, token) {
    let year = date.getFullYear();
    return addLeadingZeros(year, token.length);
  },
  // Quarter
  Q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "Q":
        return String(quarter);
      // 01, 02, 03, 04
      case "QQ":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "Qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "QQQ":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "formatting"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "QQQQQ":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone quarter
  q: function(date, token, localize2) {
    let quarter = Math.ceil((date.getMonth() + 1) / 3);
    switch (token) {
      // 1, 2, 3, 4
      case "q":
        return String(quarter);
      // 01, 02, 03, 04
      case "qq":
        return addLeadingZeros(quarter, 2);
      // 1st, 2nd, 3rd, 4th
      case "qo":
        return localize2.ordinalNumber(quarter, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "qqq":
        return localize2.quarter(quarter, {
          width: "abbreviated",
          context: "standalone"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "qqqqq":
        return localize2.quarter(quarter, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.quarter(quarter, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // Month
  M: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      case "M":
      case "MM":
        return lightFormatters.M(date, token);
      // 1st, 2nd, ..., 12th
      case "Mo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "MMM":
        return localize2.month(month, {
          width: "abbreviated",
          context: "formatting"
        });
      // J, F, ..., D
      case "MMMMM":
        return localize2.month(month, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.month(month, { width: "wide", context: "formatting" });
    }
  },
  // Stand-alone month
  L: function(date, token, localize2) {
    let month = date.getMonth();
    switch (token) {
      // 1, 2, ..., 12
      case "L":
        return String(month + 1);
      // 01, 02, ..., 12
      case "LL":
        return addLeadingZeros(month + 1, 2);
      // 1st, 2nd, ..., 12th
      case "Lo":
        return localize2.ordinalNumber(month + 1, { unit: "month" });
      // Jan, Feb, ..., Dec
      case "LLL":
        return localize2.month(month, {
          width: "abbreviated",
          context: "standalone"
        });
      // J, F, ..., D
      case "LLLLL":
        return localize2.month(month, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return localize2.month(month, { width: "wide", context: "standalone" });
    }
  },
  // Local week of year
  w: function(date, token, localize2, options) {
    let week = getWeek(date, options);
    return token === "wo" ? localize2.ordinalNumber(week, { unit: "week" }) : addLeadingZeros(week, token.length);
  },
  // ISO week of year
  I: function(date, token, localize2) {
    let isoWeek = getISOWeek(date);
    return token === "Io" ? localize2.ordinalNumber(isoWeek, { unit: "week" }) : addLeadingZeros(isoWeek, token.length);
  },
  // Day of the month
  d: function(date, token, localize2) {
    return token === "do" ? localize2.ordinalNumber(date.getDate(), { unit: "date" }) : lightFormatters.d(date, token);
  },
  // Day of year
  D: function(date, token, localize2) {
    let dayOfYear = getDayOfYear(date);
    return token === "Do" ? localize2.ordinalNumber(dayOfYear, { unit: "dayOfYear" }) : addLeadingZeros(dayOfYear, token.length);
  },
  // Day of week
  E: function(date, token, localize2) {
    let dayOfWeek = date.getDay();
    switch (token) {
      // Tue
      case "E":
      case "EE":
      case "EEE":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "EEEEE":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "EEEEEE":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Local day of week
  e: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (Nth day of week with current locale or weekStartsOn)
      case "e":
        return String(localDayOfWeek);
      // Padded numerical value
      case "ee":
        return addLeadingZeros(localDayOfWeek, 2);
      // 1st, 2nd, ..., 7th
      case "eo":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "eee":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "eeeee":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "eeeeee":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Stand-alone local day of week
  c: function(date, token, localize2, options) {
    let dayOfWeek = date.getDay(), localDayOfWeek = (dayOfWeek - options.weekStartsOn + 8) % 7 || 7;
    switch (token) {
      // Numerical value (same as in `e`)
      case "c":
        return String(localDayOfWeek);
      // Padded numerical value
      case "cc":
        return addLeadingZeros(localDayOfWeek, token.length);
      // 1st, 2nd, ..., 7th
      case "co":
        return localize2.ordinalNumber(localDayOfWeek, { unit: "day" });
      case "ccc":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "standalone"
        });
      // T
      case "ccccc":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "standalone"
        });
      // Tu
      case "cccccc":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "standalone"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "standalone"
        });
    }
  },
  // ISO day of week
  i: function(date, token, localize2) {
    let dayOfWeek = date.getDay(), isoDayOfWeek = dayOfWeek === 0 ? 7 : dayOfWeek;
    switch (token) {
      // 2
      case "i":
        return String(isoDayOfWeek);
      // 02
      case "ii":
        return addLeadingZeros(isoDayOfWeek, token.length);
      // 2nd
      case "io":
        return localize2.ordinalNumber(isoDayOfWeek, { unit: "day" });
      // Tue
      case "iii":
        return localize2.day(dayOfWeek, {
          width: "abbreviated",
          context: "formatting"
        });
      // T
      case "iiiii":
        return localize2.day(dayOfWeek, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "iiiiii":
        return localize2.day(dayOfWeek, {
          width: "short",
          context: "formatting"
        });
      default:
        return localize2.day(dayOfWeek, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM or PM
  a: function(date, token, localize2) {
    let dayPeriodEnumValue = date.getHours() / 12 >= 1 ? "pm" : "am";
    switch (token) {
      case "a":
      case "aa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "aaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "aaaaa":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // AM, PM, midnight, noon
  b: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours === 12 ? dayPeriodEnumValue = dayPeriodEnum.noon : hours === 0 ? dayPeriodEnumValue = dayPeriodEnum.midnight : dayPeriodEnumValue = hours / 12 >= 1 ? "pm" : "am", token) {
      case "b":
      case "bb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "bbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        }).toLowerCase();
      case "bbbbb":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // in the morning, in the afternoon, in the evening, at night
  B: function(date, token, localize2) {
    let hours = date.getHours(), dayPeriodEnumValue;
    switch (hours >= 17 ? dayPeriodEnumValue = dayPeriodEnum.evening : hours >= 12 ? dayPeriodEnumValue = dayPeriodEnum.afternoon : hours >= 4 ? dayPeriodEnumValue = dayPeriodEnum.morning : dayPeriodEnumValue = dayPeriodEnum.night, token) {
      case "B":
      case "BB":
      case "BBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "abbreviated",
          context: "formatting"
        });
      case "BBBBB":
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return localize2.dayPeriod(dayPeriodEnumValue, {
          width: "wide",
          context: "formatting"
        });
    }
  },
  // Hour [1-12]
  h: function(date, token, localize2) {
    if (token === "ho") {
      let hours = date.getHours() % 12;
      return hours === 0 && (hours = 12), localize2.ordinalNumber(hours, { unit: "hour" });
    }
    return lightFormatters.h(date, token);
  },
  // Hour [0-23]
  H: function(date, token, localize2) {
    return token === "Ho" ? localize2.ordinalNumber(date.getHours(), { unit: "hour" }) : lightFormatters.H(date, token);
  },
  // Hour [0-11]
  K: function(date, token, localize2) {
    let hours = date.getHours() % 12;
    return token === "Ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Hour [1-24]
  k: function(date, token, localize2) {
    let hours = date.getHours();
    return hours === 0 && (hours = 24), token === "ko" ? localize2.ordinalNumber(hours, { unit: "hour" }) : addLeadingZeros(hours, token.length);
  },
  // Minute
  m: function(date, token, localize2) {
    return token === "mo" ? localize2.ordinalNumber(date.getMinutes(), { unit: "minute" }) : lightFormatters.m(date, token);
  },
  // Second
  s: function(date, token, localize2) {
    return token === "so" ? localize2.ordinalNumber(date.getSeconds(), { unit: "second" }) : lightFormatters.s(date, token);
  },
  // Fraction of second
  S: function(date, token) {
    return lightFormatters.S(date, token);
  },
  // Timezone (ISO-8601. If offset is 0, output is always `'Z'`)
  X: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    if (timezoneOffset === 0)
      return "Z";
    switch (token) {
      // Hours and optional minutes
      case "X":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `XX`
      case "XXXX":
      case "XX":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (ISO-8601. If offset is 0, output is `'+00:00'` or equivalent)
  x: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Hours and optional minutes
      case "x":
        return formatTimezoneWithOptionalMinutes(timezoneOffset);
      // Hours, minutes and optional seconds without `:` delimiter
      // Note: neither ISO-8601 nor JavaScript supports seconds in timezone offsets
      // so this token always has the same output as `xx`
      case "xxxx":
      case "xx":
        return formatTimezone(timezoneOffset);
      // Hours and minutes with `:` delimiter
      default:
        return formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (GMT)
  O: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "O":
      case "OO":
      case "OOO":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Timezone (specific non-location)
  z: function(date, token, _localize) {
    let timezoneOffset = date.getTimezoneOffset();
    switch (token) {
      // Short
      case "z":
      case "zz":
      case "zzz":
        return "GMT" + formatTimezoneShort(timezoneOffset, ":");
      default:
        return "GMT" + formatTimezone(timezoneOffset, ":");
    }
  },
  // Seconds timestamp
  t: function(date, token, _localize) {
    let timestamp = Math.trunc(+date / 1e3);
    return addLeadingZeros(timestamp, token.length);
  },
  // Milliseconds timestamp
  T: function(date, token, _localize) {
    return addLeadingZeros(+date, token.length);
  }
};
function formatTimezoneShort(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = Math.trunc(absOffset / 60), minutes = absOffset % 60;
  return minutes === 0 ? sign + String(hours) : sign + String(hours) + delimiter + addLeadingZeros(minutes, 2);
}
function formatTimezoneWithOptionalMinutes(offset, delimiter) {
  return offset % 60 === 0 ? (offset > 0 ? "-" : "+") + addLeadingZeros(Math.abs(offset) / 60, 2) : formatTimezone(offset, delimiter);
}
function formatTimezone(offset, delimiter = "") {
  let sign = offset > 0 ? "-" : "+", absOffset = Math.abs(offset), hours = addLeadingZeros(Math.trunc(absOffset / 60), 2), minutes = addLeadingZeros(absOffset % 60, 2);
  return sign + hours + delimiter + minutes;
}

// node_modules/date-fns/_lib/format/longFormatters.js
var dateLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "P":
      return formatLong2.date({ width: "short" });
    case "PP":
      return formatLong2.date({ width: "medium" });
    case "PPP":
      return formatLong2.date({ width: "long" });
    default:
      return formatLong2.date({ width: "full" });
  }
}, timeLongFormatter = (pattern, formatLong2) => {
  switch (pattern) {
    case "p":
      return formatLong2.time({ width: "short" });
    case "pp":
      return formatLong2.time({ width: "medium" });
    case "ppp":
      return formatLong2.time({ width: "long" });
    default:
      return formatLong2.time({ width: "full" });
  }
}, dateTimeLongFormatter = (pattern, formatLong2) => {
  let matchResult = pattern.match(/(P+)(p+)?/) || [], datePattern = matchResult[1], timePattern = matchResult[2];
  if (!timePattern)
    return dateLongFormatter(pattern, formatLong2);
  let dateTimeFormat;
  switch (datePattern) {
    case "P":
      dateTimeFormat = formatLong2.dateTime({ width: "short" });
      break;
    case "PP":
      dateTimeFormat = formatLong2.dateTime({ width: "medium" });
      break;
    case "PPP":
      dateTimeFormat = formatLong2.dateTime({ width: "long" });
      break;
    default:
      dateTimeFormat = formatLong2.dateTime({ width: "full" });
      break;
  }
  return dateTimeFormat.replace("{{date}}", dateLongFormatter(datePattern, formatLong2)).replace("{{time}}", timeLongFormatter(timePattern, formatLong2));
}, longFormatters = {
  p: timeLongFormatter,
  P: dateTimeLongFormatter
};

// node_modules/date-fns/_lib/protectedTokens.js
var dayOfYearTokenRE = /^D+$/, weekYearTokenRE = /^Y+$/, throwTokens = ["D", "DD", "YY", "YYYY"];
function isProtectedDayOfYearToken(token) {
  return dayOfYearTokenRE.test(token);
}
function isProtectedWeekYearToken(token) {
  return weekYearTokenRE.test(token);
}
function warnOrThrowProtectedError(token, format2, input) {
  let _message = message(token, format2, input);
  if (console.warn(_message), throwTokens.includes(token)) throw new RangeError(_message);
}
function message(token, format2, input) {
  let subject = token[0] === "Y" ? "years" : "days of the month";
  return `Use \`${token.toLowerCase()}\` instead of \`${token}\` (in \`${format2}\`) for formatting ${subject} to the input \`${input}\`; see: https://github.com/date-fns/date-fns/blob/master/docs/unicodeTokens.md`;
}

// node_modules/date-fns/format.js
var formattingTokensRegExp = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g, longFormattingTokensRegExp = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g, escapedStringRegExp = /^'([^]*?)'?$/, doubleQuoteRegExp = /''/g, unescapedLatinCharacterRegExp = /[a-zA-Z]/;
function format(date, formatStr, options) {
  let defaultOptions2 = getDefaultOptions(), locale = options?.locale ?? defaultOptions2.locale ?? enUS, firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, originalDate = toDate(date, options?.in);
  if (!isValid(originalDate))
    throw new RangeError("Invalid time value");
  let parts = formatStr.match(longFormattingTokensRegExp).map((substring) => {
    let firstCharacter = substring[0];
    if (firstCharacter === "p" || firstCharacter === "P") {
      let longFormatter = longFormatters[firstCharacter];
      return longFormatter(substring, locale.formatLong);
    }
    return substring;
  }).join("").match(formattingTokensRegExp).map((substring) => {
    if (substring === "''")
      return { isToken: !1, value: "'" };
    let firstCharacter = substring[0];
    if (firstCharacter === "'")
      return { isToken: !1, value: cleanEscapedString(substring) };
    if (formatters[firstCharacter])
      return { isToken: !0, value: substring };
    if (firstCharacter.match(unescapedLatinCharacterRegExp))
      throw new RangeError(
        "Format string contains an unescaped latin alphabet character `" + firstCharacter + "`"
      );
    return { isToken: !1, value: substring };
  });
  locale.localize.preprocessor && (parts = locale.localize.preprocessor(originalDate, parts));
  let formatterOptions = {
    firstWeekContainsDate,
    weekStartsOn,
    locale
  };
  return parts.map((part) => {
    if (!part.isToken) return part.value;
    let token = part.value;
    (!options?.useAdditionalWeekYearTokens && isProtectedWeekYearToken(token) || !options?.useAdditionalDayOfYearTokens && isProtectedDayOfYearToken(token)) && warnOrThrowProtectedError(token, formatStr, String(date));
    let formatter = formatters[token[0]];
    return formatter(originalDate, token, locale.localize, formatterOptions);
  }).join("");
}
function cleanEscapedString(input) {
  let matched = input.match(escapedStringRegExp);
  return matched ? matched[1].replace(doubleQuoteRegExp, "'") : input;
}

// node_modules/date-fns/getDefaultOptions.js
function getDefaultOptions2() {
  return Object.assign({}, getDefaultOptions());
}

// node_modules/date-fns/getISODay.js
function getISODay(date, options) {
  let day = toDate(date, options?.in).getDay();
  return day === 0 ? 7 : day;
}

// node_modules/date-fns/transpose.js
function transpose(date, constructor) {
  let date_ = isConstructor(constructor) ? new constructor(0) : constructFrom(constructor, 0);
  return date_.setFullYear(date.getFullYear(), date.getMonth(), date.getDate()), date_.setHours(
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds()
  ), date_;
}
function isConstructor(constructor) {
  return typeof constructor == "function" && constructor.prototype?.constructor === constructor;
}

// node_modules/date-fns/parse/_lib/Setter.js
var TIMEZONE_UNIT_PRIORITY = 10, Setter = class {
  subPriority = 0;
  validate(_utcDate, _options) {
    return !0;
  }
}, ValueSetter = class extends Setter {
  constructor(value, validateValue, setValue, priority, subPriority) {
    super(), this.value = value, this.validateValue = validateValue, this.setValue = setValue, this.priority = priority, subPriority && (this.subPriority = subPriority);
  }
  validate(date, options) {
    return this.validateValue(date, this.value, options);
  }
  set(date, flags, options) {
    return this.setValue(date, flags, this.value, options);
  }
}, DateTimezoneSetter = class extends Setter {
  priority = TIMEZONE_UNIT_PRIORITY;
  subPriority = -1;
  constructor(context, reference) {
    super(), this.context = context || ((date) => constructFrom(reference, date));
  }
  set(date, flags) {
    return flags.timestampIsSet ? date : constructFrom(date, transpose(date, this.context));
  }
};

// node_modules/date-fns/parse/_lib/Parser.js
var Parser = class {
  run(dateString, token, match2, options) {
    let result = this.parse(dateString, token, match2, options);
    return result ? {
      setter: new ValueSetter(
        result.value,
        this.validate,
        this.set,
        this.priority,
        this.subPriority
      ),
      rest: result.rest
    } : null;
  }
  validate(_utcDate, _value, _options) {
    return !0;
  }
};

// node_modules/date-fns/parse/_lib/parsers/EraParser.js
var EraParser = class extends Parser {
  priority = 140;
  parse(dateString, token, match2) {
    switch (token) {
      // AD, BC
      case "G":
      case "GG":
      case "GGG":
        return match2.era(dateString, { width: "abbreviated" }) || match2.era(dateString, { width: "narrow" });
      // A, B
      case "GGGGG":
        return match2.era(dateString, { width: "narrow" });
      default:
        return match2.era(dateString, { width: "wide" }) || match2.era(dateString, { width: "abbreviated" }) || match2.era(dateString, { width: "narrow" });
    }
  }
  set(date, flags, value) {
    return flags.era = value, date.setFullYear(value, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["R", "u", "t", "T"];
};

// node_modules/date-fns/parse/_lib/constants.js
var numericPatterns = {
  month: /^(1[0-2]|0?\d)/,
  // 0 to 12
  date: /^(3[0-1]|[0-2]?\d)/,
  // 0 to 31
  dayOfYear: /^(36[0-6]|3[0-5]\d|[0-2]?\d?\d)/,
  // 0 to 366
  week: /^(5[0-3]|[0-4]?\d)/,
  // 0 to 53
  hour23h: /^(2[0-3]|[0-1]?\d)/,
  // 0 to 23
  hour24h: /^(2[0-4]|[0-1]?\d)/,
  // 0 to 24
  hour11h: /^(1[0-1]|0?\d)/,
  // 0 to 11
  hour12h: /^(1[0-2]|0?\d)/,
  // 0 to 12
  minute: /^[0-5]?\d/,
  // 0 to 59
  second: /^[0-5]?\d/,
  // 0 to 59
  singleDigit: /^\d/,
  // 0 to 9
  twoDigits: /^\d{1,2}/,
  // 0 to 99
  threeDigits: /^\d{1,3}/,
  // 0 to 999
  fourDigits: /^\d{1,4}/,
  // 0 to 9999
  anyDigitsSigned: /^-?\d+/,
  singleDigitSigned: /^-?\d/,
  // 0 to 9, -0 to -9
  twoDigitsSigned: /^-?\d{1,2}/,
  // 0 to 99, -0 to -99
  threeDigitsSigned: /^-?\d{1,3}/,
  // 0 to 999, -0 to -999
  fourDigitsSigned: /^-?\d{1,4}/
  // 0 to 9999, -0 to -9999
}, timezonePatterns = {
  basicOptionalMinutes: /^([+-])(\d{2})(\d{2})?|Z/,
  basic: /^([+-])(\d{2})(\d{2})|Z/,
  basicOptionalSeconds: /^([+-])(\d{2})(\d{2})((\d{2}))?|Z/,
  extended: /^([+-])(\d{2}):(\d{2})|Z/,
  extendedOptionalSeconds: /^([+-])(\d{2}):(\d{2})(:(\d{2}))?|Z/
};

// node_modules/date-fns/parse/_lib/utils.js
function mapValue(parseFnResult, mapFn) {
  return parseFnResult && {
    value: mapFn(parseFnResult.value),
    rest: parseFnResult.rest
  };
}
function parseNumericPattern(pattern, dateString) {
  let matchResult = dateString.match(pattern);
  return matchResult ? {
    value: parseInt(matchResult[0], 10),
    rest: dateString.slice(matchResult[0].length)
  } : null;
}
function parseTimezonePattern(pattern, dateString) {
  let matchResult = dateString.match(pattern);
  if (!matchResult)
    return null;
  if (matchResult[0] === "Z")
    return {
      value: 0,
      rest: dateString.slice(1)
    };
  let sign = matchResult[1] === "+" ? 1 : -1, hours = matchResult[2] ? parseInt(matchResult[2], 10) : 0, minutes = matchResult[3] ? parseInt(matchResult[3], 10) : 0, seconds = matchResult[5] ? parseInt(matchResult[5], 10) : 0;
  return {
    value: sign * (hours * millisecondsInHour + minutes * millisecondsInMinute + seconds * millisecondsInSecond),
    rest: dateString.slice(matchResult[0].length)
  };
}
function parseAnyDigitsSigned(dateString) {
  return parseNumericPattern(numericPatterns.anyDigitsSigned, dateString);
}
function parseNDigits(n, dateString) {
  switch (n) {
    case 1:
      return parseNumericPattern(numericPatterns.singleDigit, dateString);
    case 2:
      return parseNumericPattern(numericPatterns.twoDigits, dateString);
    case 3:
      return parseNumericPattern(numericPatterns.threeDigits, dateString);
    case 4:
      return parseNumericPattern(numericPatterns.fourDigits, dateString);
    default:
      return parseNumericPattern(new RegExp("^\\d{1," + n + "}"), dateString);
  }
}
function parseNDigitsSigned(n, dateString) {
  switch (n) {
    case 1:
      return parseNumericPattern(numericPatterns.singleDigitSigned, dateString);
    case 2:
      return parseNumericPattern(numericPatterns.twoDigitsSigned, dateString);
    case 3:
      return parseNumericPattern(numericPatterns.threeDigitsSigned, dateString);
    case 4:
      return parseNumericPattern(numericPatterns.fourDigitsSigned, dateString);
    default:
      return parseNumericPattern(new RegExp("^-?\\d{1," + n + "}"), dateString);
  }
}
function dayPeriodEnumToHours(dayPeriod) {
  switch (dayPeriod) {
    case "morning":
      return 4;
    case "evening":
      return 17;
    case "pm":
    case "noon":
    case "afternoon":
      return 12;
    default:
      return 0;
  }
}
function normalizeTwoDigitYear(twoDigitYear, currentYear) {
  let isCommonEra = currentYear > 0, absCurrentYear = isCommonEra ? currentYear : 1 - currentYear, result;
  if (absCurrentYear <= 50)
    result = twoDigitYear || 100;
  else {
    let rangeEnd = absCurrentYear + 50, rangeEndCentury = Math.trunc(rangeEnd / 100) * 100, isPreviousCentury = twoDigitYear >= rangeEnd % 100;
    result = twoDigitYear + rangeEndCentury - (isPreviousCentury ? 100 : 0);
  }
  return isCommonEra ? result : 1 - result;
}
function isLeapYearIndex(year) {
  return year % 400 === 0 || year % 4 === 0 && year % 100 !== 0;
}

// node_modules/date-fns/parse/_lib/parsers/YearParser.js
var YearParser = class extends Parser {
  priority = 130;
  incompatibleTokens = ["Y", "R", "u", "w", "I", "i", "e", "c", "t", "T"];
  parse(dateString, token, match2) {
    let valueCallback = (year) => ({
      year,
      isTwoDigitYear: token === "yy"
    });
    switch (token) {
      case "y":
        return mapValue(parseNDigits(4, dateString), valueCallback);
      case "yo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "year"
          }),
          valueCallback
        );
      default:
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
    }
  }
  validate(_date, value) {
    return value.isTwoDigitYear || value.year > 0;
  }
  set(date, flags, value) {
    let currentYear = date.getFullYear();
    if (value.isTwoDigitYear) {
      let normalizedTwoDigitYear = normalizeTwoDigitYear(
        value.year,
        currentYear
      );
      return date.setFullYear(normalizedTwoDigitYear, 0, 1), date.setHours(0, 0, 0, 0), date;
    }
    let year = !("era" in flags) || flags.era === 1 ? value.year : 1 - value.year;
    return date.setFullYear(year, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
};

// node_modules/date-fns/parse/_lib/parsers/LocalWeekYearParser.js
var LocalWeekYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token, match2) {
    let valueCallback = (year) => ({
      year,
      isTwoDigitYear: token === "YY"
    });
    switch (token) {
      case "Y":
        return mapValue(parseNDigits(4, dateString), valueCallback);
      case "Yo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "year"
          }),
          valueCallback
        );
      default:
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
    }
  }
  validate(_date, value) {
    return value.isTwoDigitYear || value.year > 0;
  }
  set(date, flags, value, options) {
    let currentYear = getWeekYear(date, options);
    if (value.isTwoDigitYear) {
      let normalizedTwoDigitYear = normalizeTwoDigitYear(
        value.year,
        currentYear
      );
      return date.setFullYear(
        normalizedTwoDigitYear,
        0,
        options.firstWeekContainsDate
      ), date.setHours(0, 0, 0, 0), startOfWeek(date, options);
    }
    let year = !("era" in flags) || flags.era === 1 ? value.year : 1 - value.year;
    return date.setFullYear(year, 0, options.firstWeekContainsDate), date.setHours(0, 0, 0, 0), startOfWeek(date, options);
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "Q",
    "q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "i",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/ISOWeekYearParser.js
var ISOWeekYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token) {
    return token === "R" ? parseNDigitsSigned(4, dateString) : parseNDigitsSigned(token.length, dateString);
  }
  set(date, _flags, value) {
    let firstWeekOfYear = constructFrom(date, 0);
    return firstWeekOfYear.setFullYear(value, 0, 4), firstWeekOfYear.setHours(0, 0, 0, 0), startOfISOWeek(firstWeekOfYear);
  }
  incompatibleTokens = [
    "G",
    "y",
    "Y",
    "u",
    "Q",
    "q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/ExtendedYearParser.js
var ExtendedYearParser = class extends Parser {
  priority = 130;
  parse(dateString, token) {
    return token === "u" ? parseNDigitsSigned(4, dateString) : parseNDigitsSigned(token.length, dateString);
  }
  set(date, _flags, value) {
    return date.setFullYear(value, 0, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["G", "y", "Y", "R", "w", "I", "i", "e", "c", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/QuarterParser.js
var QuarterParser = class extends Parser {
  priority = 120;
  parse(dateString, token, match2) {
    switch (token) {
      // 1, 2, 3, 4
      case "Q":
      case "QQ":
        return parseNDigits(token.length, dateString);
      // 1st, 2nd, 3rd, 4th
      case "Qo":
        return match2.ordinalNumber(dateString, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "QQQ":
        return match2.quarter(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "QQQQQ":
        return match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.quarter(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 4;
  }
  set(date, _flags, value) {
    return date.setMonth((value - 1) * 3, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneQuarterParser.js
var StandAloneQuarterParser = class extends Parser {
  priority = 120;
  parse(dateString, token, match2) {
    switch (token) {
      // 1, 2, 3, 4
      case "q":
      case "qq":
        return parseNDigits(token.length, dateString);
      // 1st, 2nd, 3rd, 4th
      case "qo":
        return match2.ordinalNumber(dateString, { unit: "quarter" });
      // Q1, Q2, Q3, Q4
      case "qqq":
        return match2.quarter(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
      // 1, 2, 3, 4 (narrow quarter; could be not numerical)
      case "qqqqq":
        return match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return match2.quarter(dateString, {
          width: "wide",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.quarter(dateString, {
          width: "narrow",
          context: "standalone"
        });
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 4;
  }
  set(date, _flags, value) {
    return date.setMonth((value - 1) * 3, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "Q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/MonthParser.js
var MonthParser = class extends Parser {
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "L",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
  priority = 110;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value - 1;
    switch (token) {
      // 1, 2, ..., 12
      case "M":
        return mapValue(
          parseNumericPattern(numericPatterns.month, dateString),
          valueCallback
        );
      // 01, 02, ..., 12
      case "MM":
        return mapValue(parseNDigits(2, dateString), valueCallback);
      // 1st, 2nd, ..., 12th
      case "Mo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "month"
          }),
          valueCallback
        );
      // Jan, Feb, ..., Dec
      case "MMM":
        return match2.month(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.month(dateString, { width: "narrow", context: "formatting" });
      // J, F, ..., D
      case "MMMMM":
        return match2.month(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.month(dateString, { width: "wide", context: "formatting" }) || match2.month(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.month(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.setMonth(value, 1), date.setHours(0, 0, 0, 0), date;
  }
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneMonthParser.js
var StandAloneMonthParser = class extends Parser {
  priority = 110;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value - 1;
    switch (token) {
      // 1, 2, ..., 12
      case "L":
        return mapValue(
          parseNumericPattern(numericPatterns.month, dateString),
          valueCallback
        );
      // 01, 02, ..., 12
      case "LL":
        return mapValue(parseNDigits(2, dateString), valueCallback);
      // 1st, 2nd, ..., 12th
      case "Lo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "month"
          }),
          valueCallback
        );
      // Jan, Feb, ..., Dec
      case "LLL":
        return match2.month(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.month(dateString, { width: "narrow", context: "standalone" });
      // J, F, ..., D
      case "LLLLL":
        return match2.month(dateString, {
          width: "narrow",
          context: "standalone"
        });
      default:
        return match2.month(dateString, { width: "wide", context: "standalone" }) || match2.month(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.month(dateString, { width: "narrow", context: "standalone" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.setMonth(value, 1), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "M",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setWeek.js
function setWeek(date, week, options) {
  let date_ = toDate(date, options?.in), diff = getWeek(date_, options) - week;
  return date_.setDate(date_.getDate() - diff * 7), toDate(date_, options?.in);
}

// node_modules/date-fns/parse/_lib/parsers/LocalWeekParser.js
var LocalWeekParser = class extends Parser {
  priority = 100;
  parse(dateString, token, match2) {
    switch (token) {
      case "w":
        return parseNumericPattern(numericPatterns.week, dateString);
      case "wo":
        return match2.ordinalNumber(dateString, { unit: "week" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 53;
  }
  set(date, _flags, value, options) {
    return startOfWeek(setWeek(date, value, options), options);
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "i",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setISOWeek.js
function setISOWeek(date, week, options) {
  let _date = toDate(date, options?.in), diff = getISOWeek(_date, options) - week;
  return _date.setDate(_date.getDate() - diff * 7), _date;
}

// node_modules/date-fns/parse/_lib/parsers/ISOWeekParser.js
var ISOWeekParser = class extends Parser {
  priority = 100;
  parse(dateString, token, match2) {
    switch (token) {
      case "I":
        return parseNumericPattern(numericPatterns.week, dateString);
      case "Io":
        return match2.ordinalNumber(dateString, { unit: "week" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 53;
  }
  set(date, _flags, value) {
    return startOfISOWeek(setISOWeek(date, value));
  }
  incompatibleTokens = [
    "y",
    "Y",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/DateParser.js
var DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], DAYS_IN_MONTH_LEAP_YEAR = [
  31,
  29,
  31,
  30,
  31,
  30,
  31,
  31,
  30,
  31,
  30,
  31
], DateParser = class extends Parser {
  priority = 90;
  subPriority = 1;
  parse(dateString, token, match2) {
    switch (token) {
      case "d":
        return parseNumericPattern(numericPatterns.date, dateString);
      case "do":
        return match2.ordinalNumber(dateString, { unit: "date" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(date, value) {
    let year = date.getFullYear(), isLeapYear = isLeapYearIndex(year), month = date.getMonth();
    return isLeapYear ? value >= 1 && value <= DAYS_IN_MONTH_LEAP_YEAR[month] : value >= 1 && value <= DAYS_IN_MONTH[month];
  }
  set(date, _flags, value) {
    return date.setDate(value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "w",
    "I",
    "D",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/DayOfYearParser.js
var DayOfYearParser = class extends Parser {
  priority = 90;
  subpriority = 1;
  parse(dateString, token, match2) {
    switch (token) {
      case "D":
      case "DD":
        return parseNumericPattern(numericPatterns.dayOfYear, dateString);
      case "Do":
        return match2.ordinalNumber(dateString, { unit: "date" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(date, value) {
    let year = date.getFullYear();
    return isLeapYearIndex(year) ? value >= 1 && value <= 366 : value >= 1 && value <= 365;
  }
  set(date, _flags, value) {
    return date.setMonth(0, value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "Y",
    "R",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "I",
    "d",
    "E",
    "i",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setDay.js
function setDay(date, day, options) {
  let defaultOptions2 = getDefaultOptions(), weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0, date_ = toDate(date, options?.in), currentDay = date_.getDay(), dayIndex = (day % 7 + 7) % 7, delta = 7 - weekStartsOn, diff = day < 0 || day > 6 ? day - (currentDay + delta) % 7 : (dayIndex + delta) % 7 - (currentDay + delta) % 7;
  return addDays(date_, diff, options);
}

// node_modules/date-fns/parse/_lib/parsers/DayParser.js
var DayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2) {
    switch (token) {
      // Tue
      case "E":
      case "EE":
      case "EEE":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      // T
      case "EEEEE":
        return match2.day(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "EEEEEE":
        return match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      default:
        return match2.day(dateString, { width: "wide", context: "formatting" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = ["D", "i", "e", "c", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/LocalDayParser.js
var LocalDayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2, options) {
    let valueCallback = (value) => {
      let wholeWeekDays = Math.floor((value - 1) / 7) * 7;
      return (value + options.weekStartsOn + 6) % 7 + wholeWeekDays;
    };
    switch (token) {
      // 3
      case "e":
      case "ee":
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
      // 3rd
      case "eo":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "day"
          }),
          valueCallback
        );
      // Tue
      case "eee":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      // T
      case "eeeee":
        return match2.day(dateString, {
          width: "narrow",
          context: "formatting"
        });
      // Tu
      case "eeeeee":
        return match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
      default:
        return match2.day(dateString, { width: "wide", context: "formatting" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.day(dateString, { width: "short", context: "formatting" }) || match2.day(dateString, { width: "narrow", context: "formatting" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "E",
    "i",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/StandAloneLocalDayParser.js
var StandAloneLocalDayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2, options) {
    let valueCallback = (value) => {
      let wholeWeekDays = Math.floor((value - 1) / 7) * 7;
      return (value + options.weekStartsOn + 6) % 7 + wholeWeekDays;
    };
    switch (token) {
      // 3
      case "c":
      case "cc":
        return mapValue(parseNDigits(token.length, dateString), valueCallback);
      // 3rd
      case "co":
        return mapValue(
          match2.ordinalNumber(dateString, {
            unit: "day"
          }),
          valueCallback
        );
      // Tue
      case "ccc":
        return match2.day(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
      // T
      case "ccccc":
        return match2.day(dateString, {
          width: "narrow",
          context: "standalone"
        });
      // Tu
      case "cccccc":
        return match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
      default:
        return match2.day(dateString, { width: "wide", context: "standalone" }) || match2.day(dateString, {
          width: "abbreviated",
          context: "standalone"
        }) || match2.day(dateString, { width: "short", context: "standalone" }) || match2.day(dateString, { width: "narrow", context: "standalone" });
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 6;
  }
  set(date, _flags, value, options) {
    return date = setDay(date, value, options), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "R",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "I",
    "d",
    "D",
    "E",
    "i",
    "e",
    "t",
    "T"
  ];
};

// node_modules/date-fns/setISODay.js
function setISODay(date, day, options) {
  let date_ = toDate(date, options?.in), currentDay = getISODay(date_, options), diff = day - currentDay;
  return addDays(date_, diff, options);
}

// node_modules/date-fns/parse/_lib/parsers/ISODayParser.js
var ISODayParser = class extends Parser {
  priority = 90;
  parse(dateString, token, match2) {
    let valueCallback = (value) => value === 0 ? 7 : value;
    switch (token) {
      // 2
      case "i":
      case "ii":
        return parseNDigits(token.length, dateString);
      // 2nd
      case "io":
        return match2.ordinalNumber(dateString, { unit: "day" });
      // Tue
      case "iii":
        return mapValue(
          match2.day(dateString, {
            width: "abbreviated",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      // T
      case "iiiii":
        return mapValue(
          match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      // Tu
      case "iiiiii":
        return mapValue(
          match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
      default:
        return mapValue(
          match2.day(dateString, {
            width: "wide",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "abbreviated",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "short",
            context: "formatting"
          }) || match2.day(dateString, {
            width: "narrow",
            context: "formatting"
          }),
          valueCallback
        );
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 7;
  }
  set(date, _flags, value) {
    return date = setISODay(date, value), date.setHours(0, 0, 0, 0), date;
  }
  incompatibleTokens = [
    "y",
    "Y",
    "u",
    "q",
    "Q",
    "M",
    "L",
    "w",
    "d",
    "D",
    "E",
    "e",
    "c",
    "t",
    "T"
  ];
};

// node_modules/date-fns/parse/_lib/parsers/AMPMParser.js
var AMPMParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "a":
      case "aa":
      case "aaa":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "aaaaa":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["b", "B", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/AMPMMidnightParser.js
var AMPMMidnightParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "b":
      case "bb":
      case "bbb":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "bbbbb":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "B", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/DayPeriodParser.js
var DayPeriodParser = class extends Parser {
  priority = 80;
  parse(dateString, token, match2) {
    switch (token) {
      case "B":
      case "BB":
      case "BBB":
        return match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      case "BBBBB":
        return match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
      default:
        return match2.dayPeriod(dateString, {
          width: "wide",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "abbreviated",
          context: "formatting"
        }) || match2.dayPeriod(dateString, {
          width: "narrow",
          context: "formatting"
        });
    }
  }
  set(date, _flags, value) {
    return date.setHours(dayPeriodEnumToHours(value), 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour1to12Parser.js
var Hour1to12Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "h":
        return parseNumericPattern(numericPatterns.hour12h, dateString);
      case "ho":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 12;
  }
  set(date, _flags, value) {
    let isPM = date.getHours() >= 12;
    return isPM && value < 12 ? date.setHours(value + 12, 0, 0, 0) : !isPM && value === 12 ? date.setHours(0, 0, 0, 0) : date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["H", "K", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour0to23Parser.js
var Hour0to23Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "H":
        return parseNumericPattern(numericPatterns.hour23h, dateString);
      case "Ho":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 23;
  }
  set(date, _flags, value) {
    return date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "h", "K", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour0To11Parser.js
var Hour0To11Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "K":
        return parseNumericPattern(numericPatterns.hour11h, dateString);
      case "Ko":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 11;
  }
  set(date, _flags, value) {
    return date.getHours() >= 12 && value < 12 ? date.setHours(value + 12, 0, 0, 0) : date.setHours(value, 0, 0, 0), date;
  }
  incompatibleTokens = ["h", "H", "k", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/Hour1To24Parser.js
var Hour1To24Parser = class extends Parser {
  priority = 70;
  parse(dateString, token, match2) {
    switch (token) {
      case "k":
        return parseNumericPattern(numericPatterns.hour24h, dateString);
      case "ko":
        return match2.ordinalNumber(dateString, { unit: "hour" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 1 && value <= 24;
  }
  set(date, _flags, value) {
    let hours = value <= 24 ? value % 24 : value;
    return date.setHours(hours, 0, 0, 0), date;
  }
  incompatibleTokens = ["a", "b", "h", "H", "K", "t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/MinuteParser.js
var MinuteParser = class extends Parser {
  priority = 60;
  parse(dateString, token, match2) {
    switch (token) {
      case "m":
        return parseNumericPattern(numericPatterns.minute, dateString);
      case "mo":
        return match2.ordinalNumber(dateString, { unit: "minute" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 59;
  }
  set(date, _flags, value) {
    return date.setMinutes(value, 0, 0), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/SecondParser.js
var SecondParser = class extends Parser {
  priority = 50;
  parse(dateString, token, match2) {
    switch (token) {
      case "s":
        return parseNumericPattern(numericPatterns.second, dateString);
      case "so":
        return match2.ordinalNumber(dateString, { unit: "second" });
      default:
        return parseNDigits(token.length, dateString);
    }
  }
  validate(_date, value) {
    return value >= 0 && value <= 59;
  }
  set(date, _flags, value) {
    return date.setSeconds(value, 0), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/FractionOfSecondParser.js
var FractionOfSecondParser = class extends Parser {
  priority = 30;
  parse(dateString, token) {
    let valueCallback = (value) => Math.trunc(value * Math.pow(10, -token.length + 3));
    return mapValue(parseNDigits(token.length, dateString), valueCallback);
  }
  set(date, _flags, value) {
    return date.setMilliseconds(value), date;
  }
  incompatibleTokens = ["t", "T"];
};

// node_modules/date-fns/parse/_lib/parsers/ISOTimezoneWithZParser.js
var ISOTimezoneWithZParser = class extends Parser {
  priority = 10;
  parse(dateString, token) {
    switch (token) {
      case "X":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalMinutes,
          dateString
        );
      case "XX":
        return parseTimezonePattern(timezonePatterns.basic, dateString);
      case "XXXX":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalSeconds,
          dateString
        );
      case "XXXXX":
        return parseTimezonePattern(
          timezonePatterns.extendedOptionalSeconds,
          dateString
        );
      default:
        return parseTimezonePattern(timezonePatterns.extended, dateString);
    }
  }
  set(date, flags, value) {
    return flags.timestampIsSet ? date : constructFrom(
      date,
      date.getTime() - getTimezoneOffsetInMilliseconds(date) - value
    );
  }
  incompatibleTokens = ["t", "T", "x"];
};

// node_modules/date-fns/parse/_lib/parsers/ISOTimezoneParser.js
var ISOTimezoneParser = class extends Parser {
  priority = 10;
  parse(dateString, token) {
    switch (token) {
      case "x":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalMinutes,
          dateString
        );
      case "xx":
        return parseTimezonePattern(timezonePatterns.basic, dateString);
      case "xxxx":
        return parseTimezonePattern(
          timezonePatterns.basicOptionalSeconds,
          dateString
        );
      case "xxxxx":
        return parseTimezonePattern(
          timezonePatterns.extendedOptionalSeconds,
          dateString
        );
      default:
        return parseTimezonePattern(timezonePatterns.extended, dateString);
    }
  }
  set(date, flags, value) {
    return flags.timestampIsSet ? date : constructFrom(
      date,
      date.getTime() - getTimezoneOffsetInMilliseconds(date) - value
    );
  }
  incompatibleTokens = ["t", "T", "X"];
};

// node_modules/date-fns/parse/_lib/parsers/TimestampSecondsParser.js
var TimestampSecondsParser = class extends Parser {
  priority = 40;
  parse(dateString) {
    return parseAnyDigitsSigned(dateString);
  }
  set(date, _flags, value) {
    return [constructFrom(date, value * 1e3), { timestampIsSet: !0 }];
  }
  incompatibleTokens = "*";
};

// node_modules/date-fns/parse/_lib/parsers/TimestampMillisecondsParser.js
var TimestampMillisecondsParser = class extends Parser {
  priority = 20;
  parse(dateString) {
    return parseAnyDigitsSigned(dateString);
  }
  set(date, _flags, value) {
    return [constructFrom(date, value), { timestampIsSet: !0 }];
  }
  incompatibleTokens = "*";
};

// node_modules/date-fns/parse/_lib/parsers.js
var parsers = {
  G: new EraParser(),
  y: new YearParser(),
  Y: new LocalWeekYearParser(),
  R: new ISOWeekYearParser(),
  u: new ExtendedYearParser(),
  Q: new QuarterParser(),
  q: new StandAloneQuarterParser(),
  M: new MonthParser(),
  L: new StandAloneMonthParser(),
  w: new LocalWeekParser(),
  I: new ISOWeekParser(),
  d: new DateParser(),
  D: new DayOfYearParser(),
  E: new DayParser(),
  e: new LocalDayParser(),
  c: new StandAloneLocalDayParser(),
  i: new ISODayParser(),
  a: new AMPMParser(),
  b: new AMPMMidnightParser(),
  B: new DayPeriodParser(),
  h: new Hour1to12Parser(),
  H: new Hour0to23Parser(),
  K: new Hour0To11Parser(),
  k: new Hour1To24Parser(),
  m: new MinuteParser(),
  s: new SecondParser(),
  S: new FractionOfSecondParser(),
  X: new ISOTimezoneWithZParser(),
  x: new ISOTimezoneParser(),
  t: new TimestampSecondsParser(),
  T: new TimestampMillisecondsParser()
};

// node_modules/date-fns/parse.js
var formattingTokensRegExp2 = /[yYQqMLwIdDecihHKkms]o|(\w)\1*|''|'(''|[^'])+('|$)|./g, longFormattingTokensRegExp2 = /P+p+|P+|p+|''|'(''|[^'])+('|$)|./g, escapedStringRegExp2 = /^'([^]*?)'?$/, doubleQuoteRegExp2 = /''/g, notWhitespaceRegExp = /\S/, unescapedLatinCharacterRegExp2 = /[a-zA-Z]/;
function parse(dateStr, formatStr, referenceDate, options) {
  let invalidDate = () => constructFrom(options?.in || referenceDate, NaN), defaultOptions2 = getDefaultOptions2(), locale = options?.locale ?? defaultOptions2.locale ?? enUS, firstWeekContainsDate = options?.firstWeekContainsDate ?? options?.locale?.options?.firstWeekContainsDate ?? defaultOptions2.firstWeekContainsDate ?? defaultOptions2.locale?.options?.firstWeekContainsDate ?? 1, weekStartsOn = options?.weekStartsOn ?? options?.locale?.options?.weekStartsOn ?? defaultOptions2.weekStartsOn ?? defaultOptions2.locale?.options?.weekStartsOn ?? 0;
  if (!formatStr)
    return dateStr ? invalidDate() : toDate(referenceDate, options?.in);
  let subFnOptions = {
    firstWeekContainsDate,
    weekStartsOn,
    locale
  }, setters = [new DateTimezoneSetter(options?.in, referenceDate)], tokens = formatStr.match(longFormattingTokensRegExp2).map((substring) => {
    let firstCharacter = substring[0];
    if (firstCharacter in longFormatters) {
      let longFormatter = longFormatters[firstCharacter];
      return longFormatter(substring, locale.formatLong);
    }
    return substring;
  }).join("").match(formattingTokensRegExp2), usedTokens = [];
  for (let token of tokens) {
    !options?.useAdditionalWeekYearTokens && isProtectedWeekYearToken(token) && warnOrThrowProtectedError(token, formatStr, dateStr), !options?.useAdditionalDayOfYearTokens && isProtectedDayOfYearToken(token) && warnOrThrowProtectedError(token, formatStr, dateStr);
    let firstCharacter = token[0], parser = parsers[firstCharacter];
    if (parser) {
      let { incompatibleTokens } = parser;
      if (Array.isArray(incompatibleTokens)) {
        let incompatibleToken = usedTokens.find(
          (usedToken) => incompatibleTokens.includes(usedToken.token) || usedToken.token === firstCharacter
        );
        if (incompatibleToken)
          throw new RangeError(
            `The format string mustn't contain \`${incompatibleToken.fullToken}\` and \`${token}\` at the same time`
          );
      } else if (parser.incompatibleTokens === "*" && usedTokens.length > 0)
        throw new RangeError(
          `The format string mustn't contain \`${token}\` and any other token at the same time`
        );
      usedTokens.push({ token: firstCharacter, fullToken: token });
      let parseResult = parser.run(
        dateStr,
        token,
        locale.match,
        subFnOptions
      );
      if (!parseResult)
        return invalidDate();
      setters.push(parseResult.setter), dateStr = parseResult.rest;
    } else {
      if (firstCharacter.match(unescapedLatinCharacterRegExp2))
        throw new RangeError(
          "Format string contains an unescaped latin alphabet character `" + firstCharacter + "`"
        );
      if (token === "''" ? token = "'" : firstCharacter === "'" && (token = cleanEscapedString2(token)), dateStr.indexOf(token) === 0)
        dateStr = dateStr.slice(token.length);
      else
        return invalidDate();
    }
  }
  if (dateStr.length > 0 && notWhitespaceRegExp.test(dateStr))
    return invalidDate();
  let uniquePrioritySetters = setters.map((setter) => setter.priority).sort((a, b) => b - a).filter((priority, index, array) => array.indexOf(priority) === index).map(
    (priority) => setters.filter((setter) => setter.priority === priority).sort((a, b) => b.subPriority - a.subPriority)
  ).map((setterArray) => setterArray[0]), date = toDate(referenceDate, options?.in);
  if (isNaN(+date)) return invalidDate();
  let flags = {};
  for (let setter of uniquePrioritySetters) {
    if (!setter.validate(date, subFnOptions))
      return invalidDate();
    let result = setter.set(date, flags, subFnOptions);
    Array.isArray(result) ? (date = result[0], Object.assign(flags, result[1])) : date = result;
  }
  return date;
}
function cleanEscapedString2(input) {
  return input.match(escapedStringRegExp2)[1].replace(doubleQuoteRegExp2, "'");
}

// src/format/text.ts
var DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSxxx";
var KINDS = { "|": "line", "+": "piece", "~": "redrawn", "=": "screen", "<": "history", "*": "event" };
var UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/, UNSAFE_ALL = new RegExp(UNSAFE.source, "g"), PLAIN_VALUE = new RegExp(`^(?:(?!${UNSAFE.source})[^\\s"=\\\\])+$`), escapeCharacter = (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`, UNSAFE_FOR_TERMINAL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/, UNSAFE_FOR_TERMINAL_ALL = new RegExp(UNSAFE_FOR_TERMINAL.source, "g");
function escapeForTerminal(text) {
  return UNSAFE_FOR_TERMINAL.test(text) ? text.replace(UNSAFE_FOR_TERMINAL_ALL, escapeCharacter) : text;
}
function escapeText(text) {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeCharacter) : text;
}
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function wellFormed(text) {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}
function jsonQuote(value) {
  return escapeText(JSON.stringify(wellFormed(value)));
}
function eventText(name, fields) {
  let text = escapeText(name);
  for (let [key, value] of Object.entries(fields)) {
    if (value === void 0) continue;
    let plain = String(value);
    text += ` ${escapeText(key)}=${PLAIN_VALUE.test(plain) ? plain : jsonQuote(plain)}`;
  }
  return text;
}
var PLACE_AND_MARK = /:(\d+)\.(\d+) ([|+~=<*]) /;
function splitLine(line3, timeWordCount) {
  let at = 0;
  for (let words2 = timeWordCount; words2 > 0; words2--)
    if (at = line3.indexOf(" ", at) + 1, at === 0) return;
  let time = line3.slice(0, at - 1), userEnd = line3.indexOf(" ", at);
  if (userEnd <= at) return;
  let user = line3.slice(at, userEnd), rest = line3.slice(userEnd + 1), found = PLACE_AND_MARK.exec(rest);
  if (!found) return;
  let kind = KINDS[found[3]], raw = rest.slice(found.index + found[0].length), parts = { time, user, session: rest.slice(0, found.index), window: found[1], pane: found[2], kind, text: raw, raw };
  if (kind !== "event") return parts;
  let event = parseEventText(raw);
  if (event)
    return parts.text = event.name, parts.fields = event.fields, parts;
}
var wordsOfFormat = /* @__PURE__ */ new Map();
function timeWords(timeFormat) {
  let words2 = wordsOfFormat.get(timeFormat);
  return words2 === void 0 && (words2 = format(0, timeFormat).split(" ").length, wordsOfFormat.set(timeFormat, words2)), words2;
}
function parseEventText(text) {
  let nameEnd = text.indexOf(" "), name = nameEnd < 0 ? text : text.slice(0, nameEnd);
  if (name === "") return;
  let fields = {}, i = nameEnd < 0 ? text.length : nameEnd + 1;
  for (; i < text.length; ) {
    let equals = text.indexOf("=", i);
    if (equals <= i) return;
    let key = text.slice(i, equals);
    if (/\s/.test(key)) return;
    let end;
    if (text[equals + 1] === '"') {
      for (end = equals + 2; end < text.length && text[end] !== '"'; ) end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) return;
      end++;
      try {
        fields[key] = JSON.parse(text.slice(equals + 1, end));
      } catch {
        return;
      }
    } else
      end = text.indexOf(" ", equals), end < 0 && (end = text.length), fields[key] = text.slice(equals + 1, end);
    if (end < text.length && text[end] !== " ") return;
    i = end + 1;
  }
  return { name, fields };
}

// src/core/record.ts
var RECORD_KINDS = ["line", "piece", "redrawn", "screen", "history", "event"];

// src/format/json.ts
var KINDS2 = new Set(RECORD_KINDS);
var isString = (value) => typeof value == "string";
function parseJsonLine(line3, ms = Date.parse) {
  if (line3.charCodeAt(0) !== 123) return;
  let value;
  try {
    value = JSON.parse(line3);
  } catch {
    return;
  }
  if (typeof value != "object" || value === null || Array.isArray(value)) return;
  let o = value, { time, user, owner, host, server, session, window, pane, paneId, rec, seq, kind, text, fields } = o;
  if (!isString(time) || !isString(user) || !isString(session) || !isString(window) || !isString(pane) || !isString(rec) || !isString(kind) || !isString(text) || !KINDS2.has(kind) || owner !== void 0 && !isString(owner) || host !== void 0 && !isString(host) || server !== void 0 && !isString(server) || paneId !== void 0 && !isString(paneId) || seq !== void 0 && !(typeof seq == "number" && Number.isSafeInteger(seq) && seq >= 0)) return;
  let eventFields;
  if (kind === "event") {
    if (typeof fields != "object" || fields === null || Array.isArray(fields)) return;
    eventFields = {};
    for (let [key, field] of Object.entries(fields)) {
      if (key === "rec" || typeof field != "string" && typeof field != "number") return;
      eventFields[key] = field;
    }
  } else if (fields !== void 0) return;
  return {
    stamp: time,
    time: ms(time),
    host: host ?? "",
    rec,
    ...seq === void 0 ? {} : { seq },
    user,
    ...owner === void 0 ? {} : { owner },
    place: { server: server ?? "", session, window, pane, paneId: paneId ?? "" },
    kind,
    text,
    ...eventFields ? { fields: eventFields } : {}
  };
}
function asTextParts(record) {
  let parts = {
    time: escapeText(record.stamp),
    user: escapeText(record.user),
    session: escapeText(record.place.session),
    window: escapeText(record.place.window),
    pane: escapeText(record.place.pane),
    kind: record.kind
  };
  if (record.kind !== "event") {
    let text = escapeText(record.text);
    return { ...parts, text, raw: text };
  }
  let fields = { rec: record.rec };
  for (let [key, value] of Object.entries(record.fields ?? {})) value !== void 0 && (fields[escapeText(key)] = String(value));
  return { ...parts, text: escapeText(record.text), raw: eventText(record.text, { rec: record.rec, ...record.fields }), fields };
}
function jsonSafeLiteral(literal) {
  return !/["\\\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/.test(literal);
}

// src/read/line.ts
var DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year, month) {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : DAYS[month - 1];
}
function digits(text, at, length) {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    let digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
function isoMs(time) {
  if (time.length !== 29 || time[4] !== "-" || time[7] !== "-" || time[10] !== "T" || time[13] !== ":" || time[16] !== ":" || time[19] !== "." || time[26] !== ":") return;
  let sign = time[23] === "+" ? 1 : time[23] === "-" ? -1 : 0, year = digits(time, 0, 4), month = digits(time, 5, 2), day = digits(time, 8, 2), hour = digits(time, 11, 2), minute = digits(time, 14, 2), second = digits(time, 17, 2), ms = digits(time, 20, 3), offsetHour = digits(time, 24, 2), offsetMinute = digits(time, 27, 2);
  if (!(sign === 0 || year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || ms < 0 || offsetHour < 0 || offsetHour > 23 || offsetMinute < 0 || offsetMinute > 59))
    return Date.UTC(year, month - 1, day, hour, minute, second, ms) - sign * (offsetHour * 60 + offsetMinute) * 6e4;
}
var LineReader = class {
  constructor(timeFormat = DEFAULT_TIME_FORMAT) {
    this.timeFormat = timeFormat;
    this.words = timeWords(timeFormat), this.iso = timeFormat === DEFAULT_TIME_FORMAT;
  }
  timeFormat;
  words;
  /** Written in the default format: its stamps read by isoMs first (and checked from the bytes: fast-line.ts isoStampAt). */
  iso;
  lastTime = "";
  lastMs = Number.NaN;
  /** The stamp's time in epoch ms (NaN when it does not parse with the format). */
  ms(time) {
    if (time === this.lastTime) return this.lastMs;
    let fast = this.iso ? isoMs(time) : void 0;
    return this.lastTime = time, this.lastMs = fast ?? parse(time, this.timeFormat, /* @__PURE__ */ new Date(0)).getTime(), this.lastMs;
  }
  /**
   * What `parseLine(line, timeFormat)` gives, with `raw`: the text after the
   * mark as written (an event's too). Not `timed`: ms is left NaN (reading the
   * time is most of the cost, and a search that only prints needs it only for
   * --since and --until).
   */
  read(line3, timed = !0) {
    if (line3.charCodeAt(0) === 123) return readJsonLine(line3, timed);
    let parts = splitLine(line3, this.words);
    if (parts)
      return parts.ms = timed ? this.ms(parts.time) : Number.NaN, parts;
  }
};
function jsonMs(time) {
  return isoMs(time) ?? Date.parse(time);
}
function readJsonLine(line3, timed = !0) {
  let record = parseJsonLine(line3, timed ? jsonMs : () => Number.NaN);
  return record && { ...asTextParts(record), ms: record.time };
}
function placeOf(line3) {
  return `${line3.session}:${line3.window}.${line3.pane}`;
}
function candidateFormats(timeFormat) {
  return timeFormat === DEFAULT_TIME_FORMAT ? [timeFormat] : [timeFormat, DEFAULT_TIME_FORMAT];
}
function readerFor(first, timeFormat) {
  let formats = candidateFormats(timeFormat);
  for (let format2 of formats) {
    let reader = new LineReader(format2), parsed = first === void 0 ? void 0 : reader.read(first);
    if (parsed && Number.isFinite(parsed.ms)) return reader;
  }
  return new LineReader(formats[0]);
}

// src/read/filter.ts
function needsRecordings(filter) {
  return filter.user !== void 0 || filter.rec !== void 0 || filter.pane !== void 0 && "id" in filter.pane;
}
function passes(line3, recordings, filter) {
  if (filter.events && line3.kind !== "event" || filter.since !== void 0 && !(line3.ms >= filter.since) || filter.until !== void 0 && !(line3.ms < filter.until) || filter.rec !== void 0 && !recordings.some((recording) => recording.rec === filter.rec) || filter.user !== void 0 && line3.user !== filter.user && !recordings.some((recording) => recording.by === filter.user)) return !1;
  if (filter.pane !== void 0) {
    if ("id" in filter.pane) {
      let id = filter.pane.id;
      if (!recordings.some((recording) => recording.paneId === id)) return !1;
    } else if (placeOf(line3) !== filter.pane.place) return !1;
  }
  return !0;
}

// src/read/pattern.ts
var PLAIN = /[^\\^$.|?*+()[\]{}]/, ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|c[A-Za-z]|k<[^>]*>|[pP]\{[^}]*\}|[0-9]+|[^])/y;
function requiredLiteral(source) {
  let best = "", run = "", end = () => {
    run.length > best.length && (best = run), run = "";
  };
  for (let i = 0; i < source.length; ) {
    let char = source[i], literal, next = i + 1;
    if (char === "|") return;
    if (char === "\\") {
      let escaped = source[i + 1] ?? "";
      /[^A-Za-z0-9]/.test(escaped) && (literal = escaped), ESCAPE.lastIndex = i, next = i + (ESCAPE.exec(source)?.[0].length ?? 2);
    } else if (char === "[") {
      let j = i + 1;
      for (source[j] === "^" && j++, source[j] === "]" && j++; j < source.length && source[j] !== "]"; ) j += source[j] === "\\" ? 2 : 1;
      next = j + 1;
    } else if (char === "(") {
      let depth = 0, j = i, inClass = !1;
      for (; j < source.length; j++) {
        let c = source[j];
        if (c === "\\") {
          j++;
          continue;
        }
        if (inClass)
          c === "]" && (inClass = !1);
        else if (c === "[") inClass = !0;
        else if (c === "(") depth++;
        else if (c === ")" && --depth === 0) break;
      }
      next = j + 1;
    } else PLAIN.test(char) && !/[\uD800-\uDFFF]/.test(char) && (literal = char);
    let quantifier = source[next] ?? "", optional = !1, repeated = !1;
    if (quantifier === "?" || quantifier === "*")
      optional = !0, next++;
    else if (quantifier === "+")
      repeated = !0, next++;
    else if (quantifier === "{") {
      let braces = /^\{(\d+)(,\d*)?\}/.exec(source.slice(next));
      braces && (optional = Number(braces[1]) === 0, repeated = !optional, next += braces[0].length);
    }
    next > i + 1 && source[next] === "?" && next++, literal === void 0 || optional ? end() : (run += literal, repeated && end()), i = next;
  }
  return end(), best.length >= 3 ? best : void 0;
}
function looksAround(source) {
  let inClass = !1;
  for (let i = 0; i < source.length; i++) {
    let char = source[i];
    if (char === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      char === "]" && (inClass = !1);
      continue;
    }
    if (char === "[") inClass = !0;
    else {
      if (char === "^") return !0;
      if (char === "(" && source[i + 1] === "?" && (source[i + 2] === "=" || source[i + 2] === "!" || source[i + 2] === "<" && (source[i + 3] === "=" || source[i + 3] === "!"))) return !0;
    }
  }
  return !1;
}
function readsSameInBytes(source) {
  if (/[^\x00-\x7f]/.test(source)) return !1;
  let inClass = !1;
  for (let i = 0; i < source.length; i++) {
    let char = source[i];
    if (char === "\\") {
      if ("sSWDuxcpP".includes(source[i + 1] ?? "")) return !1;
      i++;
      continue;
    }
    if (inClass) {
      char === "]" && (inClass = !1);
      continue;
    }
    if (char === "[") {
      if (source[i + 1] === "^") return !1;
      inClass = !0;
    } else if (char === ".") return !1;
  }
  return !0;
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function bytesLiteral(text) {
  return escapeRegExp(Buffer.from(text, "utf8").toString("latin1"));
}
function makePattern(source, options = {}) {
  let body = options.fixed ? escapeRegExp(source) : source, flags = options.ignoreCase ? "i" : "", test;
  try {
    test = new RegExp(body, flags), test.test("");
  } catch (error) {
    let shown = source.length > 200 ? `${source.slice(0, 200)}\u2026` : source, why = error.message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, "");
    throw new AuditError(`not a regular expression: '${escapeText(shown)}' (${why})`, 2);
  }
  let literal;
  options.ignoreCase || (literal = options.fixed ? source.length >= 3 ? source : void 0 : requiredLiteral(body));
  let shortlist2;
  looksAround(body) || (readsSameInBytes(body) ? shortlist2 = body : options.fixed && !options.ignoreCase && (shortlist2 = bytesLiteral(source)));
  let plain = literal !== void 0 && /^[\x20-\x7e]+$/.test(literal) && literal === (options.fixed ? source : body), blind = options.ignoreCase ? options.fixed ? source.length >= 3 ? source : void 0 : requiredLiteral(body) : void 0, folded = blind !== void 0 && /^[\x20-\x7e]+$/.test(blind) ? caseBlindNeedle(Buffer.from(blind.toLowerCase(), "latin1")) : void 0;
  return { test, shortlist: shortlist2, literal: literal === void 0 ? void 0 : Buffer.from(literal, "utf8"), folded, plain, flags };
}
function shortlist(sources, flags = "") {
  if (sources.length === 0 || sources.some((source) => source === void 0)) return;
  let parts = sources;
  return new RegExp(parts.length === 1 ? parts[0] : parts.map((part) => `(?:${part})`).join("|"), `${flags}gm`);
}
var EVENT_LINES = " \\* ";

// src/read/json-shortlist.ts
var JSON_EVENT_WORD = Buffer.from('"event"'), JSON_EVENT_LINES = [JSON_EVENT_WORD, Buffer.from("\\u006"), Buffer.from("\\u007")], JSON_TEXT_CHANGERS = [Buffer.from("\\"), Buffer.from([127]), Buffer.from([194]), Buffer.from([226])], NUMBER_CHARACTERS = /^[0-9.e+\-Infity]*$/i;
function withinOneEventWord(literal) {
  return !/[ ="]/.test(literal) && !NUMBER_CHARACTERS.test(literal);
}
function jsonShortlist(literal, events) {
  let text = typeof literal == "string" ? literal : literal.toString("latin1");
  if (text.length === 0 || text.includes("\uFFFD") || !jsonSafeLiteral(text)) return;
  let needles = [typeof literal == "string" ? Buffer.from(literal, "utf8") : literal, ...JSON_TEXT_CHANGERS];
  return (events || !withinOneEventWord(text)) && needles.push(JSON_EVENT_WORD), needles;
}
var BACKSLASH = 92, DEL = 127;
function jsonLineCannotHold(piece, start, end, literal, events) {
  if (piece[start] !== 123) return !1;
  let line3 = piece.subarray(start, end);
  if ((isCaseBlind(literal) ? indexOfFolded(line3, literal, 0) : line3.indexOf(literal)) >= 0 || line3.indexOf(BACKSLASH) >= 0 || line3.indexOf(DEL) >= 0 || line3.indexOf(194) >= 0) return !1;
  for (let at = line3.indexOf(226); at >= 0; at = line3.indexOf(226, at + 1)) {
    let next = line3[at + 1];
    if (next === void 0 || next === 128 || next === 129) return !1;
  }
  return !(events && line3.indexOf(JSON_EVENT_WORD) >= 0);
}
var EVERY_JSON_LINE = [Buffer.from("{")];

// src/read/scan.ts
var buffers = __nodeBuiltin(require("node:buffer")), import_node_fs4 = __nodeBuiltin(require("node:fs"));

// src/read/needle.ts
var SAMPLE = 8192, MISSES_PER_KIB = 1, LONG = 7, RARE = 4;
function sampleBytes(piece) {
  let counts = new Uint32Array(256), end = Math.min(piece.length, SAMPLE);
  for (let i = 0; i < end; i++) counts[piece[i]]++;
  return counts;
}
var isLower2 = (byte) => byte >= 97 && byte <= 122;
function seenOf(seen, byte, blind) {
  return blind && isLower2(byte) ? seen[byte] + seen[byte - 32] : seen[byte];
}
function rarestPair(needle, seen, blind) {
  let rare = 0;
  for (let i = 1; i < needle.length; i++) seenOf(seen, needle[i], blind) < seenOf(seen, needle[rare], blind) && (rare = i);
  let second = rare === 0 ? 1 : 0;
  for (let i = 0; i < needle.length; i++) i !== rare && seenOf(seen, needle[i], blind) < seenOf(seen, needle[second], blind) && (second = i);
  return { rare1: rare, rare2: second };
}
var pairs = /* @__PURE__ */ new WeakMap();
function pairOf(needle, seen, blind) {
  let known = pairs.get(seen);
  known || pairs.set(seen, known = /* @__PURE__ */ new Map());
  let pair = known.get(needle);
  return pair || known.set(needle, pair = rarestPair(needle, seen, blind)), pair;
}
function findNeedle(piece, needle, from, counts) {
  let length = needle.length, blind = CASE_BLIND.has(needle);
  if (length < 2 && !blind) return piece.indexOf(needle, from);
  let seen = counts(), { rare1: rare, rare2: second } = pairOf(needle, seen, blind);
  if (length >= 2 && (blind || length >= LONG || seen[needle[rare]] > RARE)) {
    let found = findInArena(piece, needle, from, rare, second, blind);
    if (found !== void 0) return found;
  }
  if (blind) return indexOfFolded(piece, needle, from);
  if (length >= LONG) return piece.indexOf(needle, from);
  let byte = needle[rare], misses = 0;
  for (let at = piece.indexOf(byte, from + rare); at >= 0; at = piece.indexOf(byte, at + 1)) {
    let start = at - rare;
    if (start + length > piece.length) return -1;
    if (sameBytes(piece, start, needle)) return start;
    if (++misses > 32 && misses > (at - from >> 10) * MISSES_PER_KIB) return piece.indexOf(needle, start + 1);
  }
  return -1;
}
function findEither(piece, first, second, from, counts) {
  let seen = counts(), pair = (needle) => ({ needle, blind: CASE_BLIND.has(needle), ...pairOf(needle, seen, CASE_BLIND.has(needle)) }), pairs2 = [pair(first), pair(second)];
  return findEitherInArena(piece, from, pairs2, (at) => pairs2.some(({ needle, blind }) => at + needle.length <= piece.length && (blind ? sameFolded(piece, at, needle) : sameBytes(piece, at, needle))), (at) => {
    let one = findNeedle(piece, first, at, counts), other = findNeedle(piece, second, at, counts);
    return one < 0 ? other : other < 0 ? one : Math.min(one, other);
  });
}
var pairable = (needle) => needle.length >= 2;
function joinNeedles(text, json) {
  let both = [...text];
  for (let needle of json) both.some((have) => have.equals(needle) && CASE_BLIND.has(have) === CASE_BLIND.has(needle)) || both.push(needle);
  return both;
}

// src/read/scan.ts
var isAscii2 = buffers.isAscii ?? (() => !1);
function holdsJson(piece) {
  for (let at = piece.indexOf(123); at >= 0; at = piece.indexOf(123, at + 1))
    if (at === 0 || piece[at - 1] === 10) return !0;
  return !1;
}
var line2 = { start: 0, end: 0, before: 0 };
function countNewlines(bytes, from, to) {
  if (lineInArena(bytes, from, to, to, line2)) return line2.before;
  let count = 0;
  for (let at = bytes.indexOf(10, from); at >= 0 && at < to; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
function lineOf(piece, at, target, end) {
  if (lineInArena(piece, at, target, end, line2)) return line2;
  line2.start = target === at ? at : piece.lastIndexOf(10, target - 1) + 1, line2.before = countNewlines(piece, at, line2.start);
  let newline = piece.indexOf(10, target);
  return line2.end = newline < 0 ? end : newline, line2;
}
function countFileNewlines(fd, from, to, read) {
  let buffer = borrow();
  try {
    let count = 0;
    for (let position = from; position < to; ) {
      let got = import_node_fs4.default.readSync(fd, buffer, 0, Math.min(buffer.length, to - position), position);
      if (read?.(), got === 0) break;
      count += countNewlines(buffer, 0, got), position += got;
    }
    return count;
  } finally {
    release(buffer);
  }
}
var unions = /* @__PURE__ */ new WeakMap();
function bothLists(visitor) {
  let text = visitor.candidates(), json = visitor.jsonCandidates?.();
  if (!Array.isArray(text) || json === void 0) return;
  let cached = unions.get(visitor);
  if (cached && cached.text === text && cached.json === json) return cached.both;
  let both = joinNeedles(text, json);
  return unions.set(visitor, { text, json, both }), both;
}
function scanFile(fd, visitor, torn) {
  let knownOffset = 0, knownNumber = 1, stopped = !1, counts, cutAt = -1, numbered = visitor.numbered !== !1;
  return forEachPiece(fd, (buffer, end, offset) => {
    visitor.read?.();
    let piece = buffer.subarray(0, end), view, ascii, needles, foundAt = [], paired = [], countsOf = () => counts ??= sampleBytes(piece), at = -1, number = numbered ? knownNumber : 0, position = 0, json = holdsJson(piece);
    for (; position < end; ) {
      let candidates = json ? bothLists(visitor) : visitor.candidates(), target = position, found = -1;
      if (candidates instanceof RegExp) {
        view ??= buffer.toString("latin1", 0, end), candidates.lastIndex = position;
        let match2 = candidates.exec(view);
        if (match2 === null || match2.index >= end) break;
        target = match2.index;
      } else if (candidates) {
        candidates !== needles && (needles = candidates, foundAt = candidates.map(() => -1), paired = json ? candidates.flatMap((needle, i) => pairable(needle) ? [i] : []).slice(0, 2) : []);
        for (let i = 0; i < candidates.length; i++) {
          if (foundAt[i] < position && foundAt[i] !== -2) {
            let j = paired.length === 2 && i === paired[0] ? paired[1] : -1, either = j >= 0 && foundAt[j] < position && foundAt[j] !== -2 ? findEither(piece, candidates[i], candidates[j], position, countsOf) : void 0;
            either !== void 0 ? foundAt[i] = foundAt[j] = either < 0 ? -2 : either : foundAt[i] = findNeedle(piece, candidates[i], position, countsOf);
          }
          foundAt[i] === -1 && (foundAt[i] = -2), foundAt[i] >= 0 && (found < 0 || foundAt[i] < found) && (found = foundAt[i]);
        }
        if (found < 0) break;
        target = found;
      }
      let skip = 0;
      if (torn !== void 0) {
        let { start: start2, end: lineEnd2 } = lineOf(piece, position, target, end);
        if (skip = torn.get(offset + start2) ?? 0, skip >= lineEnd2 - start2) {
          position = lineEnd2 + 1;
          continue;
        }
        found >= 0 && found < start2 + skip && (found = -1);
      }
      if (visitor.passOver) {
        let { start: lineStart2, end: lineEnd2 } = lineOf(piece, position, target, end), start2 = lineStart2 + skip;
        if (visitor.passOver(piece, start2, lineEnd2)) {
          position = lineEnd2 + 1;
          continue;
        }
      }
      numbered && at < 0 && (number = knownNumber + countFileNewlines(fd, knownOffset, offset, visitor.read), at = 0);
      let { start: lineStart, end: lineEnd, before } = lineOf(piece, numbered ? at : position, target, end);
      numbered && (number += before, at = lineStart);
      let start = lineStart + skip, verdict = visitor.bytes?.(piece, start, lineEnd, number, found);
      if (verdict !== void 0) {
        if (!verdict)
          return stopped = !0, !1;
        position = lineEnd + 1;
        continue;
      }
      let text;
      if (candidates === void 0 || candidates instanceof RegExp ? (ascii ??= isAscii2(piece), view ??= ascii ? buffer.toString("latin1", 0, end) : void 0, text = ascii ? view.slice(start, lineEnd) : buffer.toString("utf8", start, lineEnd)) : text = buffer.toString("utf8", start, lineEnd), visitor.line(text, number, offset + start) === !1)
        return stopped = !0, !1;
      position = lineEnd + 1;
    }
    if (at >= 0) {
      let given = cutAt === offset ? 1 : 0;
      knownNumber = number + countNewlines(piece, at, end - given), knownOffset = offset + end - given;
    }
    return !0;
  }, 0, void 0, (offset) => {
    cutAt = offset;
  }), stopped;
}

// src/read/context.ts
var BEFORE_TEXT_BYTES = 4 << 20;

// src/read/fast-line.ts
var COLON = 58, DOT = 46, SPACE = 32, STAR = 42;
function isTextMark(byte) {
  return byte === 124 || byte === 43 || byte === 126 || byte === 61 || byte === 60;
}
function isDigit(byte) {
  return byte >= 48 && byte <= 57;
}
function digitsAt(bytes, at, length) {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    let digit = bytes[i] - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
function isoStampAt(bytes, start, end) {
  if (end - start < 30 || bytes[start + 29] !== SPACE) return !1;
  let at = (i) => bytes[start + i];
  if (at(4) !== 45 || at(7) !== 45 || at(10) !== 84 || at(13) !== COLON || at(16) !== COLON || at(19) !== DOT || at(26) !== COLON || at(23) !== 43 && at(23) !== 45) return !1;
  let year = digitsAt(bytes, start, 4), month = digitsAt(bytes, start + 5, 2), day = digitsAt(bytes, start + 8, 2), hour = digitsAt(bytes, start + 11, 2), minute = digitsAt(bytes, start + 14, 2), second = digitsAt(bytes, start + 17, 2), ms = digitsAt(bytes, start + 20, 3), offsetHour = digitsAt(bytes, start + 24, 2), offsetMinute = digitsAt(bytes, start + 27, 2);
  return year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && ms >= 0 && offsetHour >= 0 && offsetHour <= 23 && offsetMinute >= 0 && offsetMinute <= 59;
}
function textStart(bytes, start, end, timeWords2) {
  if (bytes[start] === 123) return -1;
  let at = start;
  for (let words2 = timeWords2; words2 > 0; words2--) {
    if (at = bytes.indexOf(SPACE, at), at < 0 || at >= end) return -1;
    at++;
  }
  return textAfterTime(bytes, at, end);
}
function textAfterTime(bytes, user, end) {
  let at = user;
  for (; at < end && bytes[at] !== SPACE; ) at++;
  if (at >= end || at === user) return -1;
  for (at++; at < end; at++) {
    if (bytes[at] !== COLON) continue;
    let i = at + 1, windowStart = i;
    for (; i < end && isDigit(bytes[i]); ) i++;
    if (i === windowStart || i >= end || bytes[i] !== DOT) continue;
    let paneStart = ++i;
    for (; i < end && isDigit(bytes[i]); ) i++;
    if (i === paneStart || i + 2 >= end || bytes[i] !== SPACE || bytes[i + 2] !== SPACE) continue;
    let mark = bytes[i + 1];
    if (mark === STAR) return -1;
    if (isTextMark(mark)) return i + 3;
  }
  return -1;
}
var wordsOf, words = new Int32Array(0), LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function wordsOfBuffer(bytes) {
  return bytes.buffer !== wordsOf && (wordsOf = bytes.buffer, words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2)), words;
}
function unsafeByte(byte) {
  return byte < 32 && byte !== 9 || byte > 126;
}
function plainBytes(bytes, start, end) {
  for (let i = start; i < end; i++) if (unsafeByte(bytes[i])) return !1;
  return !0;
}
function plainAscii(bytes, start, end) {
  return copyPlain(bytes, start, end, void 0, 0) >= 0;
}
function copyPlain(bytes, start, end, target, at) {
  let base = bytes.byteOffset, i = start;
  for (; i < end && (base + i & 3) !== 0; i++) {
    let byte = bytes[i];
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  let whole = i + (end - i & -4);
  if (whole > i) {
    let words2 = wordsOfBuffer(bytes), flagged = 0, last = base + whole >> 2;
    if (target)
      for (let w = base + i >> 2; w < last; w++, at += 4) {
        let word = words2[w];
        flagged |= (word - 538976288 | 0) & ~word | (word + 16843009 | 0) | word, target.setInt32(at, word, LITTLE_ENDIAN);
      }
    else
      for (let w = base + i >> 2; w < last; w++) {
        let word = words2[w];
        flagged |= (word - 538976288 | 0) & ~word | (word + 16843009 | 0) | word;
      }
    if ((flagged & 2155905152) !== 0 && !plainBytes(bytes, i, whole)) return -1;
    i = whole;
  }
  for (; i < end; i++) {
    let byte = bytes[i];
    if (unsafeByte(byte)) return -1;
    target?.setUint8(at++, byte);
  }
  return at;
}

// src/read/search.ts
function grepCandidates(pattern, tracking) {
  let literal = pattern.literal ?? pattern.folded;
  return literal ? tracking ? [literal, EVENT_BYTES] : [literal] : shortlist(tracking ? [pattern.shortlist, EVENT_LINES] : [pattern.shortlist], pattern.flags);
}
var EVENT_BYTES = Buffer.from(" * "), NONE = [];
function grepJsonCandidates(pattern, tracking = !0) {
  return pattern.literal ? jsonShortlist(pattern.literal.toString("utf8"), tracking) : pattern.folded ? jsonShortlist(pattern.folded, tracking) : void 0;
}
function planGrep(options, context) {
  let { pattern, filter } = options, tracking = options.recordings === !0 || needsRecordings(filter), jsonBase = grepJsonCandidates(pattern, tracking), timed = options.timed === !0 || filter.since !== void 0 || filter.until !== void 0;
  return {
    pattern,
    filter,
    timeFormat: options.timeFormat,
    tracking,
    timed,
    base: grepCandidates(pattern, tracking),
    jsonBase,
    literalBytes: pattern.literal ?? pattern.folded,
    jsonEvents: jsonBase !== void 0 && jsonBase.includes(JSON_EVENT_WORD),
    plain: !tracking && !context && !timed && !filter.events && filter.pane === void 0 ? options.plain : void 0,
    numbered: options.count !== !0
  };
}
function grepFile(plan, fd, place, emit) {
  let { pattern, filter, tracking, timed, base, jsonBase, literalBytes, jsonEvents, plain } = plan, { setIndex, fileIndex, tracker, context } = place, file = place.path, matched = 0, reader, words2 = 0, readerOf = (first) => (reader === void 0 && (reader = readerFor(first, plan.timeFormat), words2 = timeWords(reader.timeFormat)), reader);
  return { stopped: scanFile(fd, {
    numbered: plan.numbered,
    read: place.progress,
    candidates: () => context ? context.candidates(setIndex, base) : base,
    jsonCandidates: () => context ? context.jsonCandidates(setIndex, jsonBase) : jsonBase,
    // A JSON line the coarse shortlist found (a byte that may change its text, often none does) is passed over unread
    // when its bytes rule a match out; only when nothing else is owed the lines it looks at (context, recordings).
    // A JSON line the bytes cannot rule out (an event, a `\`, a byte escaping may change) is read here and tested as
    // `line` tests it: passed over unless it matches, so that it costs no line number (numbering a piece for one
    // event line read it twice; most such lines do not match).
    passOver: jsonBase && !tracking && !context ? (piece, start, end) => {
      if (jsonLineCannotHold(piece, start, end, literalBytes, jsonEvents)) return !0;
      if (piece[start] !== 123 || holdsLiteral(piece, start, end, literalBytes)) return !1;
      let text = piece.toString("utf8", start, end), line3 = readerOf(text).read(text, timed);
      return !line3 || !(passes(line3, NONE, filter) && pattern.test.test(line3.raw));
    } : void 0,
    bytes: plain ? (piece, start, end, number, found) => {
      if (reader === void 0 && readerOf(piece.toString("utf8", start, end)), !reader.iso || !isoStampAt(piece, start, end)) return;
      let text = words2 === 1 ? textAfterTime(piece, start + 30, end) : textStart(piece, start, end, words2);
      if (text < 0) return;
      if (pattern.plain) {
        if (!literalIn(pattern.literal, piece, text, end, found)) return !0;
      } else {
        if (!plainAscii(piece, start, end)) return;
        if (!pattern.test.test(piece.toString("latin1", text, end))) return !0;
      }
      let written = plain(file, number, piece, start, end);
      return written !== void 0 && matched++, written;
    } : void 0,
    line: (text, number, offset) => {
      let reader2 = readerOf(text), line3 = reader2.read(text, timed || tracking && (text.includes(" * ") || text.charCodeAt(0) === 123));
      if (!line3) return !0;
      let belongs = tracking ? tracker.see(line3) : NONE, recordings = belongs.length === 0 ? [] : belongs.map((recording) => recording.rec), isMatch = passes(line3, belongs, filter) && pattern.test.test(line3.raw);
      if (isMatch && matched++, !context) return isMatch ? emit({ file, number, log: text, line: line3, recordings, context: !1, gap: !1 }) !== !1 : !0;
      for (let shown of context.take({ setIndex, fileIndex, fd, file, number, offset, log: text, line: line3, recordings }, isMatch, reader2))
        if (emit(shown) === !1) return !1;
      return !0;
    }
  }, place.torn), matched };
}
function literalIn(literal, piece, text, end, found) {
  let length = literal.length;
  if (found >= text && found + length <= end && sameBytes(piece, found, literal)) return !0;
  let at = piece.indexOf(literal, text);
  return at >= 0 && at + length <= end;
}
function holdsLiteral(piece, start, end, literal) {
  let line3 = piece.subarray(start, end);
  return (isCaseBlind(literal) ? indexOfFolded(line3, literal, 0) : line3.indexOf(literal)) >= 0;
}

// src/commands/grep-print.ts
function printPlain(out) {
  let lastFile, head = Buffer.alloc(0);
  return (file, number, bytes, start, end) => (file !== lastFile && (lastFile = file, head = Buffer.from(`${escapeText(file)}:`)), out.writeNumbered(head, number, bytes, start, end));
}
function printHit(out, hit) {
  return hit.gap && out.write(`--
`), out.write(`${escapeText(hit.file)}${hit.context ? "-" : ":"}${hit.number}${hit.context ? "-" : ":"} ${hit.log}
`);
}

// src/commands/output.ts
var import_node_fs5 = __nodeBuiltin(require("node:fs"));
var NEWLINE = Buffer.from(`
`), pause = new Int32Array(new SharedArrayBuffer(4)), Output = class {
  /**
   * `raw`: for what the tool itself made terminal-ready (replay's casts, whose
   * log text was escaped when the cast was built). Otherwise every control
   * character but newline and TAB is written as `\uXXXX`: a log its owner has
   * edited must not drive the reader's terminal (titles, clipboard, clearing).
   */
  constructor(raw = !1) {
    this.raw = raw;
  }
  raw;
  closed = !1;
  /** Text encoded straight into one buffer (no string joined first), written when it fills. */
  pending = Buffer.allocUnsafeSlow(1 << 20);
  pendingView = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.length);
  used = 0;
  get pendingLength() {
    return this.used;
  }
  write(data) {
    return this.closed ? !1 : (this.raw || (data = escapeForTerminal(typeof data == "string" ? data : data.toString("utf8"))), typeof data != "string" ? (this.flush(), this.writeAll(data)) : data.length * 3 > this.pending.length - this.used ? (this.flush(), data.length * 3 > this.pending.length ? this.writeAll(Buffer.from(data)) : this.used += this.pending.write(data, this.used)) : this.used += this.pending.write(data, this.used), !this.closed);
  }
  /**
   * `<head><number>: <bytes[start, end)>\n`, the line copied as it is when
   * it is printable ASCII and TAB only (nothing to escape: fast-line.ts);
   * undefined, with nothing written, when it is not. `head` is escaped by the
   * caller. A search may print millions of lines: no string is made, and the
   * line is checked as it is copied.
   */
  writeNumbered(head, number, bytes, start, end) {
    if (this.closed) return !1;
    if (head.length + 20 + end - start > this.pending.length - this.used && (this.flush(), head.length + 20 + end - start > this.pending.length))
      return plainAscii(bytes, start, end) ? (this.writeAll(Buffer.concat([head, Buffer.from(`${number}: `), bytes.subarray(start, end), NEWLINE])), !this.closed) : void 0;
    let pending = this.pending;
    pending.set(head, this.used);
    let used = this.used + head.length, digits2 = 1;
    for (let rest = number; rest >= 10; rest = Math.floor(rest / 10)) digits2++;
    for (let i = used + digits2 - 1, rest = number; i >= used; i--, rest = Math.floor(rest / 10)) pending[i] = 48 + rest % 10;
    if (used += digits2, pending[used++] = 58, pending[used++] = 32, used = copyPlain(bytes, start, end, this.pendingView, used), !(used < 0))
      return pending[used++] = 10, this.used = used, !0;
  }
  flush() {
    if (this.closed || this.used === 0) return;
    let used = this.used;
    this.used = 0, this.writeAll(this.pending.subarray(0, used));
  }
  /** Bytes already made ready for the terminal (a scan worker's printed lines: grep-parallel.ts), written as they are. */
  writeReady(bytes) {
    return this.closed ? !1 : bytes.length >= this.pending.length >> 2 ? (this.flush(), this.writeAll(bytes), !this.closed) : bytes.length > this.pending.length - this.used && (this.flush(), bytes.length > this.pending.length) ? (this.writeAll(bytes), !this.closed) : (this.pending.set(bytes, this.used), this.used += bytes.length, !0);
  }
  /** Writes `bytes` out; an output kept in memory (MemoryOutput) keeps them instead. */
  writeAll(bytes) {
    let done = 0;
    for (; done < bytes.length && !this.closed; )
      try {
        done += import_node_fs5.default.writeSync(1, bytes, done, bytes.length - done);
      } catch (error) {
        let code = error.code;
        if (code === "EAGAIN") {
          Atomics.wait(pause, 0, 0, 5);
          continue;
        }
        if (code === "EPIPE") {
          this.closed = !0;
          return;
        }
        throw this.closed = !0, new AuditError(`cannot write output: ${code ?? error.message}`, 2);
      }
  }
};
var MemoryOutput = class extends Output {
  /** `spare`: a buffer of its own given back by whoever printed an earlier one (a new one's pages cost a fault each on first touch). */
  constructor(spare2 = () => {
  }, grown = () => {
  }) {
    super(!1);
    this.spare = spare2;
    this.grown = grown;
  }
  spare;
  grown;
  kept = [];
  size = 0;
  writeAll(bytes) {
    let given = this.spare(), copy = given && given.byteLength >= bytes.length ? Buffer.from(given, 0, bytes.length) : Buffer.allocUnsafeSlow(bytes.length);
    copy.set(bytes), this.kept.push(copy), this.size += bytes.length, this.grown(this);
  }
  /** How many bytes are kept and pending. */
  get length() {
    return this.size + this.pendingLength;
  }
  /** Everything written so far, in order, in buffers of their own; the output is then empty. */
  take() {
    this.flush();
    let kept = this.kept;
    return this.kept = [], this.size = 0, kept;
  }
};

// src/commands/grep-parallel.ts
var MIN_BYTES = 64 << 20;
var AHEAD_BYTES = 16 << 20, PART_BYTES = 4 << 20, NEXT = 0, POSTED = 1, STOP = 2, BUSY = 3, READY = 4, KEPT = 5, PROGRESS = 6;
var shareFreely = (counters) => () => Atomics.add(counters, NEXT, 1);
function planOf(request) {
  return planGrep({ pattern: makePattern(request.source, request), filter: request.filter, context: 0, timeFormat: request.timeFormat, plain: () => {
  } }, !1);
}
function runJob(plan, job, out, errors, length, count = !1, progress) {
  let jobPlan = { ...plan, plain: plan.plain && (count ? counted : printPlain(out)), numbered: !count }, fd = job.fd >= 0 ? job.fd : void 0, own = fd === void 0;
  try {
    if (fd ??= openLog(job.path), fd === void 0) return { matched: 0, stopped: !1 };
    let torn = job.torn && new Map(job.torn);
    return grepFile(jobPlan, fd, { path: job.path, setIndex: job.setIndex, fileIndex: job.fileIndex, tracker: void 0, context: void 0, progress, torn }, count ? counted : (hit) => printHit(out, hit));
  } catch (failure) {
    let code = failure.code;
    if (typeof code != "string") throw failure;
    return errors.push({ at: length(), code, message: failure.message }), { matched: 0, stopped: out.closed };
  } finally {
    own && fd !== void 0 && import_node_fs6.default.closeSync(fd);
  }
}
function counted() {
  return !0;
}
function workLoop(data, sharing) {
  let counters = new Int32Array(data.shared);
  try {
    takeJobs(data, counters, sharing(counters, "worker"));
  } finally {
    Atomics.store(counters, READY, 2), Atomics.notify(counters, POSTED);
  }
}
function takeJobs({ request, jobs, port }, counters, take) {
  Atomics.store(counters, READY, 1), Atomics.notify(counters, POSTED);
  let plan;
  for (; ; ) {
    for (let kept = Atomics.load(counters, KEPT); kept > AHEAD_BYTES && Atomics.load(counters, STOP) === 0; kept = Atomics.load(counters, KEPT)) Atomics.wait(counters, KEPT, kept, 100);
    Atomics.add(counters, BUSY, 1);
    try {
      if (Atomics.load(counters, STOP) !== 0) break;
      let index = take();
      if (index >= jobs.length) break;
      let message2;
      try {
        plan ??= planOf(request);
        let out = new MemoryOutput(
          () => (0, import_node_worker_threads.receiveMessageOnPort)(port)?.message,
          (kept) => {
            if (Atomics.load(counters, STOP) !== 0 && (kept.closed = !0), !(kept.closed || kept.length < PART_BYTES)) {
              post(port, counters, { index, part: kept.take() });
              for (let ahead = Atomics.load(counters, KEPT); ahead > AHEAD_BYTES && Atomics.load(counters, STOP) === 0; ahead = Atomics.load(counters, KEPT)) Atomics.wait(counters, KEPT, ahead, 100);
              Atomics.load(counters, STOP) !== 0 && (kept.closed = !0);
            }
          }
        ), errors = [], alive = () => {
          Atomics.add(counters, PROGRESS, 1);
        }, { matched } = runJob(plan, jobs[index], out, errors, () => out.length, request.count, alive);
        message2 = { index, bytes: out.take(), matched, errors };
      } catch (failure) {
        message2 = { index, failed: String(failure.stack ?? failure) };
      }
      if (post(port, counters, message2), "failed" in message2) break;
    } finally {
      Atomics.sub(counters, BUSY, 1), Atomics.notify(counters, POSTED);
    }
  }
}
function post(port, counters, message2) {
  let bytes = "bytes" in message2 ? message2.bytes : "part" in message2 ? message2.part : [];
  Atomics.add(counters, KEPT, keptSize(bytes)), port.postMessage(message2, bytes.map((piece) => piece.buffer)), Atomics.add(counters, POSTED, 1), Atomics.notify(counters, POSTED);
}
function keptSize(pieces) {
  return Math.min(lengthOf(pieces), 1 << 30);
}
function lengthOf(pieces) {
  let length = 0;
  for (let piece of pieces) length += piece.length;
  return length;
}

// src/commands/grep-worker.ts
workLoop(import_node_worker_threads2.workerData, shareFreely);
