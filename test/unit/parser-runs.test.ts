// The parser takes a run of printable ASCII four bytes at a time (terminal/ansi.ts): any byte that is
// not printable ASCII, at any place in or after such a run, must stop it exactly where the byte by
// byte reading stops, so that nothing unprintable slips into the text and no control is lost.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EscapeCleaner, type Perform } from '../../src/terminal/ansi.ts';

/**
 * Every report as a short string (texts joined, escaped bytes joined): what a receiver of `Perform` would see. Each
 * report of a control, sequence or string carries how far the stream was read by then (`consumed`), the same for any
 * split into reads; texts and escaped bytes do not (a text split across reads is read in parts).
 */
function reports(chunks: Uint8Array[]): string[] {
  const out: string[] = [];
  let read = 0;
  const at = (report: string): number => out.push(`${report}@${read}`);
  const perform: Perform = {
    print: (text, plain) => {
      if (out.length > 0 && out[out.length - 1]!.startsWith('p:')) out[out.length - 1] += text;
      else out.push(`p:${text}`);
      if (plain) assert.match(text, /^[\x20-\x7e]*$/, 'text said to be plain ASCII');
    },
    // Escaped bytes in a row are one report within a read, one per read across reads: joined, as texts are.
    unshown: (text) => {
      if (out.length > 0 && out[out.length - 1]!.startsWith('u:')) out[out.length - 1] += text;
      else out.push(`u:${text}`);
    },
    execute: (control) => at(`x:${control}`),
    csi: (final, first, second) => at(`csi:${final},${first},${second}`),
    esc: (final) => at(`esc:${final}`),
    screen: (alternate, mode) => at(`alt:${alternate}:${mode}`),
    mode: (mode, set) => at(`mode:${mode},${set}`),
    osc: (command, data, truncated) => at(`osc:${command},${truncated},${data}`),
    consumed: (bytes) => {
      assert.ok(bytes >= read, 'the stream is read forward');
      read = bytes;
    },
  };
  const cleaner = new EscapeCleaner();
  for (const chunk of chunks) cleaner.advance(chunk, perform);
  cleaner.end(perform);
  out.push(`read:${read}`);
  return out;
}

/** One byte a read: no run of four is ever taken at once. */
const byteByByte = (bytes: Uint8Array): Uint8Array[] => Array.from(bytes, (byte) => Uint8Array.of(byte));

describe('printable runs taken four bytes at a time', () => {
  it('every byte value at every place of a run (and of the word after it) ends the run where it stands', () => {
    for (let byte = 0; byte < 256; byte++) {
      for (let at = 0; at < 9; at++) {
        const bytes = Buffer.from('abcdefghijkl', 'latin1');
        bytes[at] = byte;
        // Behind a printable byte (the run starts) and at the start of a read.
        for (const input of [Buffer.concat([Buffer.from('>'), bytes]), bytes]) {
          assert.deepEqual(reports([input]), reports(byteByByte(input)), `byte ${byte.toString(16)} at ${at}`);
        }
      }
    }
  });

  it('arbitrary bytes, mostly printable, give the same reports whole and byte by byte', () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e });
    const any = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 6, arbitrary: printable }, { weight: 1, arbitrary: any }), { maxLength: 200 }), (values) => {
        const bytes = Uint8Array.from(values);
        assert.deepEqual(reports([bytes]), reports(byteByByte(bytes)));
      }),
      { numRuns: 2000 },
    );
  });

  it('a run in a read that is a view into a larger buffer, at any offset', () => {
    const big = Buffer.from(`${'x'.repeat(7)}hello, world\x1b[31m plain text\r\nmore\x00\x7f\x80é${'y'.repeat(7)}`, 'latin1');
    for (let start = 0; start < 8; start++) {
      const view = big.subarray(start, big.length - start);
      assert.deepEqual(reports([view]), reports(byteByByte(view)), `offset ${start}`);
    }
  });
});

describe('a chunk mixing ASCII and other characters', () => {
  it('reports each part as its UTF-8 text, whichever of them are plain, with 1- to 4-byte characters between controls', () => {
    // The parts that are not plain ASCII are sliced from one decode of the chunk by a byte-to-UTF-16 walk:
    // a character of four bytes is two UTF-16 units, and every part after it must still start where it does.
    const pieces = ['é', '日本', '😀', 'plain', '\u{10ffff}', '\x08', '\r\n', '\x1b[1m', '\x07', ' ', 'a😀b'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const bytes = Buffer.from(parts.join(''));
        const text = reports([bytes])
          .filter((report) => report.startsWith('p:'))
          .map((report) => report.slice(2))
          .join('');
        const expected = parts.filter((part) => !/^[\x00-\x1f]/.test(part)).join('');
        assert.equal(text, expected);
        assert.deepEqual(reports([bytes]), reports(byteByByte(bytes)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a long chunk whose other characters are decoded in windows', () => {
  it('gives every part its text, wherever a window ends (inside a character, a part, or a run of parts)', () => {
    // Parts that are not plain ASCII are decoded from a window of the chunk from the first such part to the end of
    // the last one that follows within UTF8_WINDOW bytes of plain text (ansi.ts windowEnd): a window must never end
    // inside a character, and the parts after its end must be decoded from the next one. Long pieces put parts and
    // characters at every offset from a window's end, and gaps of plain text on both sides of UTF8_WINDOW.
    const pieces = ['é', '日本', '😀', '\t', 'plain', '\r\n', '\x1b[1m', ' ', 'x'.repeat(509), 'é'.repeat(255), '日'.repeat(171), '😀'.repeat(128), 'a😀b\t'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), fc.integer({ min: 1, max: 4096 }), (parts, size) => {
        const bytes = Buffer.from(parts.join(''));
        const whole = reports([bytes]);
        const text = whole
          .filter((report) => report.startsWith('p:'))
          .map((report) => report.slice(2))
          .join('');
        assert.equal(text, parts.filter((part) => !/^[\x00-\x08\x0a-\x1f]/.test(part)).join(''));
        const pieced: Uint8Array[] = [];
        for (let at = 0; at < bytes.length; at += size) pieced.push(bytes.subarray(at, at + size));
        assert.deepEqual(reports(pieced), whole);
        assert.deepEqual(reports(byteByByte(bytes)), whole);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same reports whole, in pieces and byte by byte with escaped bytes between the parts', () => {
    // Bytes of no well-formed character are written as escaped text between the parts (an unshown report), inside a
    // window or at its end: byte by byte, each character is a chunk of its own and decoded alone.
    const text = ['é', '日本', '😀', '\t', 'plain', '\r\n', '\x1b[1m', 'x'.repeat(127), 'x'.repeat(129), 'é'.repeat(100), 'a😀b\t'].map((piece) => Buffer.from(piece));
    const raw = [Buffer.from([0xff]), Buffer.from([0xe6, 0x97]), Buffer.from([0x80]), Buffer.from([0xf0, 0x9f, 0x98])];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...text, ...raw), { maxLength: 40 }), fc.integer({ min: 1, max: 4096 }), (parts, size) => {
        const bytes = Buffer.concat(parts);
        const whole = reports([bytes]);
        const pieced: Uint8Array[] = [];
        for (let at = 0; at < bytes.length; at += size) pieced.push(bytes.subarray(at, at + size));
        assert.deepEqual(reports(pieced), whole);
        assert.deepEqual(reports(byteByByte(bytes)), whole);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CSI sequences of no effect skipped whole within a read', () => {
  it('give the same reports whole, in random pieces, and byte by byte, whatever their bytes and final', () => {
    // The parser skips a CSI at once when its parameter and intermediate bytes (0x20-0x3f) and its final are all in
    // the read and the final is one it reports nothing for (SGR above all). Byte by byte (no CSI is ever whole in a
    // read) each goes through the CSI states: the two must agree for any sequence, of no effect or not, broken by a
    // control, ESC, CAN, SUB, DEL or a UTF-8 byte, with REP after it, between runs of text.
    const paramByte = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...'0123456789;'.split('')) },
      { weight: 2, arbitrary: fc.integer({ min: 0x20, max: 0x3f }).map((b) => String.fromCharCode(b)) },
      { weight: 1, arbitrary: fc.constantFrom('\r', '\n', '\b', '\t', '\x1b', '\x18', '\x1a', '\x7f', '\x00', '\x9b', 'é') },
    );
    const final = fc.oneof(
      { weight: 6, arbitrary: fc.constant('m') },
      { weight: 3, arbitrary: fc.constantFrom('h', 'l', 'K', 'A', 'b', 'J', 'H', 'r', 'q', 'p', 't', 'n', '@', '~') },
      { weight: 1, arbitrary: fc.integer({ min: 0x40, max: 0x7e }).map((b) => String.fromCharCode(b)) },
      { weight: 1, arbitrary: fc.constantFrom('', '\x1b', '\x7f', '\x80') },
    );
    // Parameters past tmux's limits too (more than 63 bytes, 24 or more of them, a number past INT_MAX: input.c
    // discards the sequence, and REP's character is kept), which the fast path checks late (review of rep15).
    const paramToken = fc.oneof(
      { weight: 6, arbitrary: paramByte },
      { weight: 1, arbitrary: fc.constantFrom('2147483647', '2147483648', '99999999999', '0000000000001', '1:2', '38;2;255;255;255;', ';'.repeat(23), ';'.repeat(24)) },
    );
    const csi = fc.tuple(fc.constantFrom('\x1b[', '\x1b[?', '\x1b[>'), fc.array(paramToken, { maxLength: 30 }), final).map(([start, params, end]) => start + params.join('') + end);
    // A long SGR between a character and REP: whether REP repeats it hangs on the SGR's limits.
    const longSgr = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom('', '2147483648;', '99999999999;', ';'.repeat(20)), fc.integer({ min: 0, max: 9 }))
      .map(([colours, odd, count]) => `x\x1b[${odd}${'38;2;10;20;30;'.repeat(colours)}1m\x1b[${count}b`);
    const piece = fc.oneof(
      { weight: 4, arbitrary: csi },
      { weight: 1, arbitrary: longSgr },
      { weight: 3, arbitrary: fc.stringMatching(/^[\x20-\x7e]{1,20}$/) },
      { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '\b', '\x1b[3b', '\x1b[?1049h', '\x1b[?1049l', '\x1b[4h', '\x1b', 'é', '😀', '\x1b]133;A\x07') },
    );
    // A CSI the fast path takes: whole, no control in it, a final of no effect (not one tmux applies, input.c:268; not SM/RM).
    const applied = new Set('@ABCDEFGHJKLMPSTXZ`bdfgrsuhl');
    const skipped = (text: string): boolean => [...text.matchAll(/\x1b\[[\x20-\x3f]*([\x40-\x7e])/g)].some((match) => !applied.has(match[1]!));
    let engaged = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (pieces, size) => {
        const bytes = Buffer.from(pieces.join(''), 'latin1');
        runs++;
        if (skipped(bytes.toString('latin1'))) engaged++;
        const whole = reports([bytes]);
        assert.deepEqual(reports(byteByByte(bytes)), whole);
        const pieced: Uint8Array[] = [];
        for (let at = 0; at < bytes.length; at += size) pieced.push(bytes.subarray(at, at + size));
        assert.deepEqual(reports(pieced), whole);
        // Each read ending right after a CSI's final: what the fast path left to check at the read's end.
        const ends = [...bytes.toString('latin1').matchAll(/\x1b\[[\x20-\x3f]*[\x40-\x7e]/g)].map((match) => match.index + match[0].length);
        assert.deepEqual(reports([0, ...ends].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length))), whole);
      }),
      { numRuns: 3000 },
    );
    assert.ok(engaged > runs / 2, `a CSI of no effect in ${engaged} of ${runs} inputs`);
  });
});
