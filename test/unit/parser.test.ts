// The escape cleaner's reports on their own: which sequences reach the line
// model and the recorder, with which parameters, and which tmux would throw
// away (then so must we: output must not fake a cursor move or a screen switch).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EscapeCleaner, MAX_OSC_BYTES, type Perform } from '../../src/terminal/ansi.ts';
import { split } from '../support/transcript.ts';

/** Every report, as a short string: `p:text`, `x:0a`, `csi:H,5,10`, `esc:M`, `alt:1`, `osc:133,data`. */
function reports(input: string | Uint8Array | Uint8Array[], times?: number[]): string[] {
  const out: string[] = [];
  const perform: Perform = {
    print: (text) => {
      if (out.length > 0 && out[out.length - 1]!.startsWith('p:')) out[out.length - 1] += text;
      else out.push(`p:${text}`);
    },
    execute: (control) => out.push(`x:${control.toString(16).padStart(2, '0')}`),
    csi: (final, first, second) => out.push(`csi:${String.fromCharCode(final)},${first},${second}`),
    esc: (final) => out.push(`esc:${String.fromCharCode(final)}`),
    screen: (alternate, mode) => out.push(`alt:${alternate ? 1 : 0}${mode === 1049 ? '' : `:${mode}`}`),
    osc: (command, data, truncated) => out.push(`osc:${command},${truncated ? '[truncated]' : ''}${data}`),
  };
  const cleaner = new EscapeCleaner();
  const chunks = Array.isArray(input) ? input : [typeof input === 'string' ? Buffer.from(input, 'latin1') : input];
  chunks.forEach((chunk, index) => cleaner.advance(chunk, perform, times?.[index]));
  cleaner.end(perform);
  return out;
}

const ESC = '\x1b';

describe('the parser reports what tmux applies to the screen', () => {
  it('cursor and erase sequences with their first two parameters', () => {
    assert.deepEqual(reports(`a${ESC}[5;10Hb${ESC}[Jc${ESC}[2Kd${ESC}[3@${ESC}[P${ESC}[0X${ESC}[;7f`), [
      'p:a',
      'csi:H,5,10',
      'p:b',
      'csi:J,-1,-1',
      'p:c',
      'csi:K,2,-1',
      'p:d',
      'csi:@,3,-1',
      'csi:P,-1,-1',
      'csi:X,0,-1',
      'csi:f,-1,7',
    ]);
  });
  it('scroll region, scrolling, line insertion and saved cursors', () => {
    assert.deepEqual(reports(`${ESC}[2;20r${ESC}[3S${ESC}[T${ESC}[L${ESC}[4M${ESC}[s${ESC}[u${ESC}7${ESC}8${ESC}M${ESC}D${ESC}E${ESC}c`), [
      'csi:r,2,20',
      'csi:S,3,-1',
      'csi:T,-1,-1',
      'csi:L,-1,-1',
      'csi:M,4,-1',
      'csi:s,-1,-1',
      'csi:u,-1,-1',
      'esc:7',
      'esc:8',
      'esc:M',
      'esc:D',
      'esc:E',
      'esc:c',
    ]);
  });
  it('colours, private modes other than the screen, and ESC with intermediates report nothing, but DECALN', () => {
    assert.deepEqual(reports(`${ESC}[1;31mx${ESC}[?25l${ESC}[>5m${ESC}(B${ESC}##8${ESC}#9${ESC}[?2004h${ESC}[=1c${ESC}[ q`), ['p:x']);
    // ESC # 8 fills the screen (input.c:213, screen-write.c:977): reported with its final's top bit set.
    assert.deepEqual(reports(`${ESC}#8`), ['esc:\u00b8']);
  });
  it('a parameter with sub-parameters among the first two: tmux does nothing (input.c:1065)', () => {
    assert.deepEqual(reports(`${ESC}[5:1H${ESC}[1;2:3H${ESC}[1;2;3:4H`), ['csi:H,1,2']);
    assert.deepEqual(reports(`${ESC}[5:1r${ESC}[1;2:3r${ESC}[1:2J${ESC}[1:2A`), []);
  });
  it('a sub-parameter where tmux reads none is no matter: ED and EL read the second only for ED 3, SCOSC and SCORC none (input.c:1480-1530, :1570-1580)', () => {
    assert.deepEqual(reports(`old text${ESC}[2;1:2J`), ['p:old text', 'csi:J,2,-1']);
    assert.deepEqual(reports(`${ESC}[1;1:2J${ESC}[;1:2J${ESC}[2;1:2K${ESC}[5;1:2A${ESC}[3;1:2@`), ['csi:J,1,-1', 'csi:J,-1,-1', 'csi:K,2,-1', 'csi:A,5,-1', 'csi:@,3,-1']);
    // ED 3 reads its second: a sub-parameter there makes it not 0 (input.c:1508), and no history is cleared.
    assert.deepEqual(reports(`${ESC}[3;1:2J${ESC}[3;0J${ESC}[3;5J`), ['csi:J,3,0', 'csi:J,3,5']);
    assert.deepEqual(reports(`${ESC}[1:2s${ESC}[5;1:2u`), ['csi:s,-1,-1', 'csi:u,5,-1']);
  });
  it('sequences past tmux\'s limits are discarded whole (input.c:92, :105, :1030)', () => {
    const longParameter = `${ESC}[?${'0'.repeat(70)}1049h`;
    const manyParameters = `${ESC}[?${'1;'.repeat(23)}1049h`;
    const outOfRange = `${ESC}[?99999999999;1049h`;
    const farCursor = `${ESC}[1;3000000000H`;
    assert.deepEqual(reports(`${longParameter}a${manyParameters}b${outOfRange}c${farCursor}d`), ['p:abcd']);
    // Just inside the limits, the same sequences apply.
    assert.deepEqual(reports(`${ESC}[?${'0'.repeat(59)}1049h${ESC}[?${'1;'.repeat(22)}1049l${ESC}[?2147483647;1049h`), ['alt:1', 'alt:0', 'alt:1']);
  });
  it('each screen mode of a sequence is reported, in order, with its number', () => {
    assert.deepEqual(reports(`${ESC}[?47;25;1049h${ESC}[?1047l`), ['alt:1:47', 'alt:1', 'alt:0:1047']);
  });
  it('large numbers are kept to 9999', () => {
    assert.deepEqual(reports(`${ESC}[123456C`), ['csi:C,9999,-1']);
  });
});

describe('REP repeats the character tmux remembers (input.c:1142, :1563): forgotten where tmux forgets it, kept elsewhere', () => {
  /** What REP after `before` reports as its character (whole in one read, and byte by byte: the CSI skip and the CSI states). */
  function repeated(before: string): number[] {
    const bytes = Buffer.from(`${before}${ESC}[3b`, 'latin1');
    return [reports(bytes), reports(Array.from(bytes, (byte) => Uint8Array.of(byte)))].map((all) => {
      const rep = all.filter((report) => report.startsWith('csi:b,'));
      assert.equal(rep.length, 1, `one REP after ${JSON.stringify(before)}: ${all.join(' ')}`);
      return Number(rep[0]!.split(',')[2]);
    });
  }
  const x = 0x78;
  const kept = (before: string): void => assert.deepEqual(repeated(before), [x, x], `kept through ${JSON.stringify(before)}`);
  const forgotten = (before: string): void => assert.deepEqual(repeated(before), [-1, -1], `forgotten at ${JSON.stringify(before)}`);

  it('kept through a CSI tmux has no table entry for: an unknown final, marker or intermediate (input.c:1350-1356)', () => {
    // A reviewer's case on tmux 3.3a: the screen showed `/tmp/aaaaaaaaaa|`, the log `/tmp/a|`.
    assert.deepEqual(reports(`echo rm -rf /tmp/a${ESC}[!p${ESC}[9b|`), ['p:echo rm -rf /tmp/a', 'csi:b,9,97', 'p:|']);
    for (const csi of ['[5y', '[?5y', '[65;1"p', '[!p', '[?1m', '[?c', '[>t', '[?q', '[1 m', '[?1 h', '[=1c', '[>1;2 q']) kept(`x${ESC}${csi}`);
  });
  it('kept through an ESC sequence tmux does not know (input.c:1272)', () => {
    for (const esc of ['y', 'Z', '(A', ')1', '#9', '##8', ' F', '1', '%G']) kept(`x${ESC}${esc}`);
  });
  it('kept through a CSI tmux discards or cannot split: too long, too many parameters, a number past INT_MAX, a marker out of place', () => {
    for (const csi of [`[${'1'.repeat(64)}m`, `[${'1;'.repeat(23)}1m`, '[2147483648m', '[1;99999999999H', '[1?m', '[>1;?q', '[1 1q']) kept(`x${ESC}${csi}`);
  });
  it('kept through DEL and several unknown sequences in a row, and across reads', () => {
    kept(`x\x7f${ESC}[5y${ESC}y${ESC}[!p`);
    assert.deepEqual(reports([Buffer.from('x'), Buffer.from(`${ESC}[5y`), Buffer.from(`${ESC}[2b`)]), ['p:x', 'csi:b,2,120']);
  });
  it('forgotten at a CSI in the table, whatever it does (input.c:1635): SGR, DA, DSR, window ops, cursor style, REP itself', () => {
    for (const csi of ['[1m', '[m', '[>1m', '[c', '[>c', '[6n', '[>4n', '[t', '[ q', '[2 q', '[>q', '[?25l', '[4h', '[H', '[5:1H', '[2147483647m', '[1:99999999999m']) forgotten(`x${ESC}${csi}`);
    // REP forgets after it repeats: a second one repeats nothing.
    assert.deepEqual(reports(`x${ESC}[2b${ESC}[2b`), ['p:x', 'csi:b,2,120', 'csi:b,2,-1']);
  });
  it('forgotten at an ESC sequence in the table (input.c:1330), a C0 control (:1254), a UTF-8 byte (:2430), a string (:2236-2386)', () => {
    for (const esc of ['7', '8', '=', '>', 'D', 'M', 'c', '\\', '(B', ')0', '#8']) forgotten(`x${ESC}${esc}`);
    for (const control of ['\x00', '\x07', '\x0e', '\x1f', `${ESC}[1\x18`, `${ESC}\x1a`, `${ESC}[\x01`]) forgotten(`x${control}`);
    forgotten('x\xc3\xa9');
    forgotten('x\xff');
    for (const string of [`${ESC}]0;t\x07`, `${ESC}P1$q${ESC}\\`, `${ESC}_a${ESC}\\`, `${ESC}^a${ESC}\\`, `${ESC}Xa${ESC}\\`, `${ESC}ka${ESC}\\`]) forgotten(`x${string}`);
  });
  it('long SGRs (read only when a REP or the end of a read makes them matter): kept or discarded as tmux does, one after another', () => {
    const long = `${ESC}[38;2;10;20;30m`;
    const discarded = `${ESC}[38;2;1;99999999999m`;
    forgotten(`x${long}`);
    kept(`x${discarded}`);
    kept(`x${discarded}${discarded}${ESC}[5y`);
    forgotten(`x${discarded}${long}`);
    forgotten(`x${long}${discarded}`);
    forgotten(`x${long}${ESC}[5y`);
    forgotten(`x${long}${ESC}[?5y`);
    assert.deepEqual(repeated(`x${long}y${discarded}`), [0x79, 0x79], 'text after a long SGR is remembered');
    for (const [first, rep] of [[long, -1], [discarded, 0x78]] as const) {
      assert.deepEqual(reports([Buffer.from(`x${first}`), Buffer.from(`${ESC}[2b`)]), ['p:x', `csi:b,2,${rep}`]);
      assert.deepEqual(reports([Buffer.from(`x${first}${ESC}[2b`)]), ['p:x', `csi:b,2,${rep}`]);
    }
  });
  it('REP reads only its first parameter: a sub-parameter in the second does not stop it (input.c:1554)', () => {
    assert.deepEqual(reports(`x${ESC}[3;1:2b`), ['p:x', 'csi:b,3,120']);
    assert.deepEqual(reports(`x${ESC}[3:1b`), ['p:x']);
  });
});

describe('strings end where tmux ends them (nothing the screen shows is taken for a string, nothing hidden shows)', () => {
  it('a DCS body ends only at ESC \\: another ESC, CAN or SUB in it is more body (input.c:643-662)', () => {
    assert.deepEqual(reports(`a${ESC}Pq${ESC}[?1049h\x18\x1a${ESC}x${ESC}\\b`), ['p:ab']);
  });
  it('before its final byte, a DCS ends at any ESC, CAN or SUB', () => {
    assert.deepEqual(reports(`${ESC}P1;2\x18shown${ESC}P${ESC}[?1049h`), ['p:shown', 'alt:1']);
  });
  it('bytes 0x80-0xff after ESC or an ESC intermediate are ignored: the sequence goes on (input.c:507, :521)', () => {
    assert.deepEqual(reports(Buffer.from(`${ESC}\x80[?1049h${ESC}(\xffBx`, 'latin1')), ['alt:1', 'p:x']);
  });
  it('ESC k starts tmux\'s rename string: its text is not on the screen, and not in the log', () => {
    assert.deepEqual(reports(`visible${ESC}kINVISIBLE${ESC}\\ more`), ['p:visible more']);
  });
  it('a string left open for 5 s ends as tmux ends it: what follows is shown (input.c:739)', () => {
    const input = [Buffer.from(`a${ESC}]0;title`), Buffer.from('SECRET\n')];
    assert.deepEqual(reports(input, [1000, 6000]), ['p:aSECRET', 'x:0a']);
    assert.deepEqual(reports(input, [1000, 5999]), ['p:a'], 'within 5 s it is still the title');
    assert.deepEqual(reports([Buffer.from(`${ESC}Pq body`), Buffer.from('shown')], [0, 5000]), ['p:shown']);
  });
});

describe('a UTF-8 character begun is kept as tmux keeps it (input.c:1132, :1207, :2425): across sequences and strings, given up at a printed character or an executed control', () => {
  /** Reports for bytes written as latin1 (\xNN is the byte NN). */
  const bytes = (text: string): string[] => reports(Buffer.from(text, 'latin1'));
  it('completed after a CSI, an ESC sequence, an OSC, a DCS or an APC string, and DEL: where it completes, as the screen shows it', () => {
    assert.deepEqual(bytes(`ab\xc2${ESC}[m\xa9cd`), ['p:ab©cd']);
    assert.deepEqual(bytes(`ab\xe2\x80${ESC}]0;t\x07\x94cd`), ['p:ab—cd']);
    assert.deepEqual(bytes(`ab\xf0\x9f${ESC}[5G\x98\x80cd`), ['p:ab', 'csi:G,5,-1', 'p:😀cd']);
    assert.deepEqual(bytes(`ab\xe4${ESC}7\xb8${ESC}(0\xad`), ['p:ab', 'esc:7', 'p:中']);
    assert.deepEqual(bytes(`ab\xc2${ESC}Pq\x18\xa9${ESC}\\\xa9${ESC}_x${ESC}\\`), ['p:ab©']);
    assert.deepEqual(bytes('ab\xc2\x7f\xa9cd'), ['p:ab©cd']);
  });
  it('a C1 control so completed is dropped as tmux drops it: the text around it reads as shown', () => {
    assert.deepEqual(bytes(`rm\xc2${ESC}[m\x80 -rf`), ['p:rm -rf']);
  });
  it('given up (its bytes escaped, as no text) at a printed character, or a control executed in a sequence or ending one (CAN, SUB)', () => {
    assert.deepEqual(bytes('ab\xc2Xcd'), ['p:ab\\xc2Xcd']);
    assert.deepEqual(bytes(`ab\xc2${ESC}[\nm\xa9`), ['p:ab\\xc2', 'x:0a', 'p:\\xa9']);
    assert.deepEqual(bytes(`ab\xc2${ESC}[1\x18\xa9`), ['p:ab\\xc2\\xa9']);
    assert.deepEqual(bytes(`ab\xc2${ESC}]0;\x1a\xa9`), ['p:ab\\xc2\\xa9']);
  });
  it('one begun takes every byte with the top bit set until it has its size, and a malformed one is dropped whole (utf8.c:277), in any split into reads', () => {
    const cases: [string, string[]][] = [
      // tmux shows nothing of these bytes: the log holds no character the screen never showed.
      ['C0 ab' + '\xc3\xe4\xb8\xad'.repeat(4) + 'cd', ['p:C0 ab' + '\\xc3\\xe4\\xb8\\xad'.repeat(4) + 'cd']],
      ['ab\xe4\xc3\xa9cd', ['p:ab\\xe4\\xc3\\xa9cd']],
      // A lead byte in the place of the last continuation byte ends the character, the next one is not begun by it.
      ['ab\xf0\x9f\x98\xe4\xb8\xadcd', ['p:ab\\xf0\\x9f\\x98\\xe4\\xb8\\xadcd']],
      // Out of range for its lead (overlong, surrogate): taken whole, then dropped.
      ['a\xe0\x80\xe4\xb8\xadb', ['p:a\\xe0\\x80\\xe4\\xb8\\xadb']],
      ['a\xed\xa0\x80\xe4\xb8\xadb', ['p:a\\xed\\xa0\\x80中b']],
      // Across a sequence, as a well-formed one is kept across it.
      [`a\xc3${ESC}[m\xe4\xb8\xadb`, ['p:a\\xc3\\xe4\\xb8\\xadb']],
    ];
    for (const [text, whole] of cases) {
      const input = Buffer.from(text, 'latin1');
      assert.deepEqual(reports(input), whole, JSON.stringify(text));
      for (let cut = 0; cut <= input.length; cut++) assert.deepEqual(reports(split(input, [cut])), whole, `${JSON.stringify(text)} cut at ${cut}`);
    }
  });
  it('bytes of a string are no part of it: a continuation byte inside an OSC does not complete it', () => {
    assert.deepEqual(bytes(`ab\xc2${ESC}]0;\xa9\x07cd`), ['p:ab\\xc2cd']);
  });
  it('the same across any split into reads', () => {
    const input = Buffer.from(`a\xe2\x80${ESC}[1;2m${ESC}]0;t\x07\x94b`, 'latin1');
    for (let cut = 0; cut <= input.length; cut++) assert.deepEqual(reports(split(input, [cut])), ['p:a—b'], `cut at ${cut}`);
  });
});

describe('semantic prompts (OSC 133 and 633) are reported with their body', () => {
  it('ended by BEL, by ST, and in order with the text', () => {
    assert.deepEqual(reports(`$ ${ESC}]133;A\x07ls\r\n${ESC}]133;C;cmdline_url=ls%20-l${ESC}\\out\n${ESC}]633;E;ls -l;abc\x07${ESC}]133;D;0\x07`), [
      'p:$ ',
      'osc:133,A',
      'p:ls',
      'x:0d',
      'x:0a',
      'osc:133,C;cmdline_url=ls%20-l',
      'p:out',
      'x:0a',
      'osc:633,E;ls -l;abc',
      'osc:133,D;0',
    ]);
  });
  it('other OSC strings are still dropped', () => {
    assert.deepEqual(reports(`${ESC}]0;title\x07${ESC}]1330;x\x07${ESC}]13;x\x07${ESC}]a133;x\x07${ESC}]133\x07ok`), ['p:ok']);
  });
  it('C0 controls inside the body are skipped as tmux skips them; CAN ends the string', () => {
    assert.deepEqual(reports(`${ESC}]133;C;a\x01b\x18x`), ['osc:133,C;ab', 'p:x']);
  });
  it('a body split across reads is the same body', () => {
    const bytes = Buffer.from(`x${ESC}]133;C;cmdline_url=%E6%97%A5;cwd=/srv\x07y\n`, 'latin1');
    const whole = reports(bytes);
    for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(reports(split(bytes, [cut])), whole, `cut at ${cut}`);
  });
  it('a body longer than the limit is cut and marked', () => {
    const [report] = reports(`${ESC}]133;C;${'a'.repeat(MAX_OSC_BYTES + 10)}\x07`);
    assert.equal(report, `osc:133,[truncated]C;${'a'.repeat(MAX_OSC_BYTES - 2)}`);
  });
  it('any split of arbitrary terminal-like bytes gives the same reports', () => {
    const piece = fc.oneof(
      fc.constantFrom(`${ESC}[`, `${ESC}]`, `${ESC}]133;`, `${ESC}\\`, '\x07', '\x18', ';', ':', '?', '1', '0', '9', 'H', 'J', 'h', 'l', '1049', 'é'),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), (pieces, cuts) => {
        const bytes = Buffer.from(pieces.join(''), 'utf8');
        assert.deepEqual(reports(split(bytes, cuts)), reports(bytes));
      }),
      { numRuns: 300 },
    );
  });
});
