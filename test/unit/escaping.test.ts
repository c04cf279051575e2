// What goes into a log line (issue 8): no part of a line can drive the terminal
// of whoever reads the log, or make one line look like two to a tool that
// splits on Unicode line breaks (items 3, 4); a few bytes of cursor movement
// cannot become megabytes of blanks (item 7); an option value that would put a
// control character into every line, or that erases history without a word, is
// refused (items 10, 16).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { cutsNear, ledToTheCut, split, transcriptLines } from '../support/transcript.ts';
import { Recorder } from '../../src/capture/recorder.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import { OPTION_NAMES, resolveOptions, START_OPTIONS, type RawOptions } from '../../src/core/options.ts';
import type { AuditRecord, Place, RecordKind } from '../../src/core/record.ts';
import { escapeText, makeClock, parseLine, TextFormat } from '../../src/format/text.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { readRecording, writeRecording, type Recording } from '../../src/runtime/runfile.ts';
import { LogFile, type LogFileOptions } from '../../src/sinks/file/writer.ts';
import { MemorySink } from '../support/memory-sink.ts';

const ESC = '\x1b';

/** C0 but TAB, DEL, C1, and the Unicode line/paragraph separators and bidi controls. */
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]/;
/** What Python's str.splitlines() splits on. */
const PYTHON_LINE_BREAK = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;

/** The code points of item 4: one line looks like two (U+0085, U+2028, U+2029), or text is reordered (bidi). */
const LINE_BREAKS_AND_BIDI = [0x85, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const hex4 = (codePoint: number): string => codePoint.toString(16).padStart(4, '0');

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-escaping-'));
  dirs.push(dir);
  return dir;
}

/** Lines as the cleaner and line model make them (`+` marks a continuation piece). */
function lines(input: string | Uint8Array | Uint8Array[], options: { columns?: number } = {}): string[] {
  return transcriptLines(input, options);
}


const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
const AT = Date.UTC(2026, 10, 25, 18, 0, 0, 0);
const record = (kind: RecordKind, text: string, fields?: Record<string, string>, who: { user?: string; place?: Place } = {}): AuditRecord => ({
  time: AT,
  rec: 'V1StGXR8_Z',
  user: who.user ?? 'ann',
  place: who.place ?? PLACE,
  kind,
  text,
  fields,
});

describe('every part of a line is escaped (item 3)', () => {
  it("a program name holding ESC and BEL: program= is quoted with \\u escapes, holds no control, and reads back as it was", () => {
    const program = `less${ESC}]0;TITLE\x07${ESC}[2J`;
    const line = new TextFormat('HH:mm:ss').format(record('event', 'screen', { state: 'enter', program }));
    assert.ok(!UNSAFE.test(line.slice(0, -1)), JSON.stringify(line));
    assert.ok(line.includes(String.raw` program="less\u001b]0;TITLE\u0007\u001b[2J"`), line);
    assert.equal(parseLine(line.slice(0, -1), 'HH:mm:ss')?.fields?.program, program);
  });

  it('DEL, C1, line separators and bidi controls in a value: \\u escapes inside the JSON string (which JSON.stringify leaves raw), read back', () => {
    for (const codePoint of [0x7f, 0x80, 0x9b, 0x9f, ...LINE_BREAKS_AND_BIDI]) {
      const value = `a${String.fromCharCode(codePoint)}b`;
      const line = new TextFormat('HH:mm').format(record('event', 'rename', { to: value }));
      assert.ok(!UNSAFE.test(line.slice(0, -1)), `U+${hex4(codePoint)}: ${JSON.stringify(line)}`);
      assert.ok(line.endsWith(` to="a\\u${hex4(codePoint)}b"\n`), `U+${hex4(codePoint)}: ${line}`);
      assert.equal(parseLine(line.slice(0, -1), 'HH:mm')?.fields?.to, value, `U+${hex4(codePoint)}`);
    }
  });

  it("the time's quoted text, the user, the place, an event's name and keys, line text and screen rows: \\uXXXX", () => {
    const format = new TextFormat(`'${ESC}[2J'HH:mm`);
    const time = makeClock('HH:mm')(AT);
    const who = { user: `ann${ESC}[8m`, place: { ...PLACE, session: `s\u2028x`, window: '0\x07' } };
    assert.equal(format.format(record('line', `ls\x9b2J`, undefined, who)), `\\u001b[2J${time} ann\\u001b[8m s\\u2028x:0\\u0007.0 | ls\\u009b2J\n`);
    assert.equal(format.format(record('screen', `row\u202eevil`, undefined, who)), `\\u001b[2J${time} ann\\u001b[8m s\\u2028x:0\\u0007.0 = row\\u202eevil\n`);
    assert.equal(
      format.format(record('event', `sc${ESC}reen`, { [`k${ESC}`]: 'v' }, who)),
      `\\u001b[2J${time} ann\\u001b[8m s\\u2028x:0\\u0007.0 * sc\\u001breen rec=V1StGXR8_Z k\\u001b=v\n`,
    );
  });

  it('the prompt seeded from the screen is escaped like the rest of its line', async () => {
    const sink = new MemorySink();
    const recorder = new Recorder(new Stamper({ rec: 'R', user: 'ann', place: PLACE }), new Pipeline([], [sink]), { now: () => AT });
    recorder.start({}, `${ESC}]0;x\x07$ `, false);
    recorder.push(Buffer.from('ls\r\n'));
    recorder.endOfInput();
    await recorder.stop({ reason: 'eof' });
    const format = new TextFormat('HH:mm');
    const line = sink.records.filter((r) => r.kind === 'line').map((r) => format.format(r))[0]!;
    assert.ok(line.endsWith(' | \\u001b]0;x\\u0007$ ls\n'), line);
  });

  it('text that is already clean (what the cleaner makes) is returned as it is', () => {
    fc.assert(
      // The real line limit: a cursor move past the text (no pane width given: as far as the limit) can make a line
      // of 200 bytes long enough to be cut, and a piece is the cleaner's text all the same.
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const text of lines(bytes)) assert.equal(escapeText(text), text);
      }),
      { numRuns: 500 },
    );
    const clean = 'héllo\twörld 🚀 e\u0301 \\xff \\u009b 日本語';
    assert.equal(escapeText(clean), clean);
  });

  it('no record, whatever its strings hold, makes more than one line for any line-splitting tool', () => {
    const anything = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(anything, anything, anything, anything, fc.constantFrom<RecordKind>('line', 'piece', 'screen', 'event'), (user, session, text, value, kind) => {
        const line = new TextFormat('HH:mm').format(record(kind, text, { v: value }, { user, place: { ...PLACE, session } }));
        const body = line.slice(0, -1);
        assert.ok(!UNSAFE.test(body), JSON.stringify(line));
        assert.equal(body.split(PYTHON_LINE_BREAK).length, 1);
        if (kind === 'event' && !/[ :.]/.test(session) && /^\S+$/.test(user) && text !== '' && !/[\s=]/.test(text)) {
          assert.equal(parseLine(body, 'HH:mm')?.fields?.v, value);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the cleaner escapes line breaks and bidi controls (item 4)', () => {
  it('U+0080-U+009F (U+0085 a line break to Python) are dropped as tmux drops them (utf8.c:236-240), however the read is split', () => {
    for (let codePoint = 0x80; codePoint <= 0x9f; codePoint++) {
      const bytes = Buffer.from(`a${String.fromCodePoint(codePoint)}b\r\nnext\r\n`, 'utf8');
      for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(lines(split(bytes, [cut])), ['ab', 'next'], `U+${hex4(codePoint)} split at ${cut}`);
    }
  });
  for (const codePoint of LINE_BREAKS_AND_BIDI.filter((codePoint) => codePoint > 0x9f)) {
    it(`U+${hex4(codePoint).toUpperCase()} is written as \\u${hex4(codePoint)}, however the read is split`, () => {
      const bytes = Buffer.from(`a${String.fromCodePoint(codePoint)}b\r\nnext\r\n`, 'utf8');
      for (let cut = 0; cut <= bytes.length; cut++) assert.deepEqual(lines(split(bytes, [cut])), [`a\\u${hex4(codePoint)}b`, 'next'], `split at ${cut}`);
    });
  }

  it("the issue's forged stop event stays inside the one line that printed it", () => {
    const forged = 'ok\u20282026-11-25T18:00:00.000+00:00 alice s:0.0 * stop rec=X reason=toggle by=alice\n';
    const out = lines(forged);
    assert.deepEqual(out, ['ok\\u20282026-11-25T18:00:00.000+00:00 alice s:0.0 * stop rec=X reason=toggle by=alice']);
    const line = new TextFormat('HH:mm').format(record('line', out[0]!));
    assert.deepEqual(line.split(PYTHON_LINE_BREAK), line.split('\n'));
  });

  it('line edits after an escaped character land where the screen has them', () => {
    // 6 ASCII units for the escape: the offsets of what follows must not count it as 3 UTF-8 bytes.
    assert.deepEqual(lines('🚀\u2028é\r\nz\r\n'), ['🚀\\u2028é', 'z']);
    assert.deepEqual(lines(`ab\u202ecd${ESC}[2DX\n`), ['ab\\u202eXd']);
    // The isolate takes no cell: it is combined onto the x (as tmux does), and goes when Z overwrites that cell.
    assert.deepEqual(lines('x\u2066y\rZ\n'), ['Zy']);
    assert.deepEqual(lines('x\u2066y\rZZ\n'), ['ZZ']);
    assert.deepEqual(lines('x\u2066y\n'), ['x\\u2066y']);
  });

  // Arbitrary bytes, mixed with these characters, their neighbours (which stay as they are) and sequences.
  const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
  const terminalish = fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 12 }),
        fc.constantFrom(...LINE_BREAKS_AND_BIDI.map((codePoint) => utf8(String.fromCodePoint(codePoint)))),
        fc.constantFrom('\x1b[', '\x1b]', '\x07', '\r', '\n', '\b', '\x1b[K', '\x1b[3C', '\x1b[2D', 'é', '🚀', '\u2027', '\u202f', '\u2065', '\u206a').map(utf8),
        fc.string({ maxLength: 6 }).map(utf8),
      ),
      { maxLength: 60 },
    )
    .map((parts) => new Uint8Array(Buffer.concat(parts)));

  it('for any bytes and any split: no line holds a C0/C1 control but TAB, a line separator or a bidi control', () => {
    fc.assert(
      fc.property(ledToTheCut(terminalish), fc.array(fc.nat(), { maxLength: 6 }), (led, cuts) => {
        const out = lines(split(led.bytes, cutsNear(led, cuts)));
        for (const line of out) assert.ok(!UNSAFE.test(line), JSON.stringify(line));
        assert.deepEqual(out, lines(led.bytes), 'the same lines however the reads are split');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cursor moves stop at the pane width (item 7)', () => {
  it('ESC[9999G x, over and over, in an 80-column pane: lines of 80 characters, not 10,000', () => {
    const out = lines(`${ESC}[9999Gx\n`.repeat(1000), { columns: 80 });
    assert.equal(out.length, 1000);
    for (const line of out) assert.equal(line, `${' '.repeat(79)}x`);
  });

  it('ESC[9999C stops at the last column; text printed past the edge wraps, and moves apply to the row the cursor is on', () => {
    assert.deepEqual(lines(`ab${ESC}[9999Cx\n`, { columns: 80 }), [`ab${' '.repeat(77)}x`]);
    assert.deepEqual(lines(`${'a'.repeat(100)}${ESC}[5Cb${ESC}[3Gc\n`, { columns: 80 }), [`${'a'.repeat(80)}aac${'a'.repeat(17)}     b`]);
  });

  it('without a width (pipe --file: no pane) only the line limit bounds a move, as before', () => {
    assert.deepEqual(lines(`${ESC}[200Gx\n`), [`${' '.repeat(199)}x`]);
  });

  it('the reader learns a resize when a move hits the old edge: asks tmux asynchronously, at most once a second', async () => {
    let clock = 10_000;
    const asked: ((size: { columns: number; rows: number } | undefined) => void)[] = [];
    const sink = new MemorySink();
    const recorder = new Recorder(new Stamper({ rec: 'R', user: 'ann', place: PLACE }), new Pipeline([], [sink]), {
      now: () => clock,
      width: 80,
      paneSize: (done) => asked.push(done),
    });
    recorder.start({}, '', false);
    const widths = () => sink.records.filter((r) => r.kind === 'line').map((r) => r.text.length);

    recorder.push(Buffer.from(`${ESC}[9999Gx\n`.repeat(3)));
    assert.deepEqual(widths(), [80, 80, 80]);
    assert.equal(asked.length, 1, 'one question for the clamps of a second, not one per clamp');
    recorder.push(Buffer.from(`${ESC}[9999Gx\n`));
    assert.equal(asked.length, 1);
    asked[0]!({ columns: 120, rows: 24 }); // tmux answers: the pane is 120 wide now
    recorder.push(Buffer.from(`${ESC}[9999Gx\n`));
    assert.deepEqual(widths().slice(4), [120]);
    assert.equal(asked.length, 1, 'still within the second');

    clock += 1000;
    recorder.push(Buffer.from(`${ESC}[9999Gx\n`));
    assert.equal(asked.length, 2, 'a clamp a second later asks again');
    asked[1]!(undefined); // tmux could not say: the width known stays
    recorder.push(Buffer.from(`${ESC}[9999Gx\n`));
    assert.deepEqual(widths().slice(5), [120, 120]);
    recorder.endOfInput();
    await recorder.stop({ reason: 'eof' });
  });
});

describe('a pane made taller or wider than the reader knows (review H1)', () => {
  it('text drawn past the known edge is logged before it is written over; tmux is asked, and the answer resizes the screen model', async () => {
    let clock = 10_000;
    const asked: ((size: { columns: number; rows: number } | undefined) => void)[] = [];
    const sink = new MemorySink();
    const recorder = new Recorder(new Stamper({ rec: 'R', user: 'ann', place: PLACE }), new Pipeline([], [sink]), {
      now: () => clock,
      width: 80,
      height: 24,
      paneSize: (done) => asked.push(done),
    });
    recorder.start({}, '', false);
    const texts = () => sink.records.filter((r) => r.kind === 'line' || r.kind === 'redrawn').map((r) => `${r.kind === 'line' ? '|' : '~'} ${r.text}`);

    // The pane is 40 rows high now (resize-window -y 40), the reader still thinks 24.
    recorder.push(Buffer.from(`$ one\r\n${ESC}[30;1HSECRET-ONE${ESC}[31;1HSECRET-TWO${ESC}[32;1Hok\r\n`));
    const log = texts();
    assert.ok(log.includes('| SECRET-ONE'), log.join('\n'));
    assert.ok(log.some((line) => line.endsWith(' SECRET-TWO')), log.join('\n'));
    assert.equal(asked.length, 1, 'tmux asked once');
    asked[0]!({ columns: 100, rows: 40 });
    clock += 10;
    const before = texts().length;
    recorder.push(Buffer.from(`${ESC}[35;1HTHIRD${ESC}[36;1HFOURTH${ESC}[5;100HW${ESC}[5;81HY${ESC}[37;1Hok\r\n`));
    recorder.endOfInput();
    const after = texts().slice(before);
    assert.ok(after.includes('| THIRD') && after.includes('| FOURTH'), after.join('\n'));
    assert.ok(after.some((line) => /^\| {81}Y {18}W$/.test(line)), `both W and Y stand where the 100-column pane shows them:\n${after.join('\n')}`);
    assert.equal(asked.length, 1, 'no clamp once the size is known');
    await recorder.stop({ reason: 'eof' });
  });
});

describe('option values with control characters are refused (item 10)', () => {
  const none: RawOptions = { dir: '', timeFormat: '', maxSize: '', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' };
  const env = { HOME: '/home/ann' };
  const good: Required<RawOptions> = {
    dir: '/var/log/audit',
    timeFormat: 'HH:mm',
    maxSize: '1M',
    maxFiles: '3',
    redact: 'on',
    redactPatterns: 'ticket=T-[0-9]{6}',
    syslog: 'tcp://127.0.0.1:514',
    syslogFacility: 'local0',
    syslogCa: '/etc/ssl/ca.pem',
    rotate: 'daily',
    maxAge: '90d',
    compress: 'off',
    chainKey: '/etc/audit.key',
    format: 'json',
    cast: 'on',
    history: 'off',
    historyLines: '5',
  };
  const field = (key: keyof RawOptions) => (key === 'maxSize' ? 'maxBytes' : key === 'maxAge' ? 'maxAgeMs' : key);
  const defaults = resolveOptions(none, env).options;

  for (const character of [ESC, '\t', '\n', '\r', '\x07', '\x7f', '\x9b', '\u0085', '\u2028', '\u202e', '\u2066']) {
    it(`U+${hex4(character.codePointAt(0)!).toUpperCase()} in any @audit-* option: named, shown escaped, the default used`, () => {
      for (const key of START_OPTIONS) {
        const raw = { ...good, [key]: `${good[key]}${character}` };
        const { options, warnings } = resolveOptions(raw, env);
        // The syslog facility and CA are parts of options.syslog: the default facility (authpriv, 10), no CA.
        if (key === 'syslogFacility') assert.equal(options.syslog?.facility, 10);
        else if (key === 'syslogCa') assert.equal(options.syslog?.ca, undefined);
        else assert.deepEqual(options[field(key) as keyof typeof options], defaults[field(key) as keyof typeof defaults], key);
        assert.equal(warnings.length, 1, `${key}: ${warnings.join(' / ')}`);
        assert.ok(warnings[0]!.startsWith(`${OPTION_NAMES[key]} '${good[key]}\\u${hex4(character.codePointAt(0)!)}' holds a control character`), warnings[0]);
        assert.ok(!UNSAFE.test(warnings[0]!), 'the message itself holds none');
      }
    });
  }

  it("a time format that quotes ESC (date-fns copies quoted text into every stamp) is refused", () => {
    const { options, warnings } = resolveOptions({ ...none, timeFormat: `'${ESC}[2J'HH:mm` }, env);
    assert.equal(options.timeFormat, defaults.timeFormat);
    assert.match(warnings[0]!, /^@audit-time-format '.*' holds a control character.*; using 'yyyy-MM-dd'T'HH:mm:ss.SSSxxx'$/);
  });
});

describe('@audit-max-files (item 16)', () => {
  const none: RawOptions = { dir: '', timeFormat: '', maxSize: '', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' };
  const env = { HOME: '/home/ann' };

  it("'all' keeps every rotated file; a positive number is that many", () => {
    assert.equal(resolveOptions({ ...none, maxFiles: 'all' }, env).options.maxFiles, Number.POSITIVE_INFINITY);
    assert.equal(resolveOptions({ ...none, maxFiles: ' ALL ' }, env).options.maxFiles, Number.POSITIVE_INFINITY);
    assert.deepEqual(resolveOptions({ ...none, maxFiles: '3' }, env), { options: { ...resolveOptions(none, env).options, maxFiles: 3 }, warnings: [] });
  });

  for (const value of ['0', '00', '-1', 'many', '1.5', '']) {
    const refused = value !== '';
    it(`'${value}' is ${refused ? 'refused, naming the option and saying what all does' : 'the default, 20'}`, () => {
      const { options, warnings } = resolveOptions({ ...none, maxFiles: value }, env);
      assert.equal(options.maxFiles, 20);
      if (!refused) return assert.deepEqual(warnings, []);
      assert.deepEqual(warnings, [`@audit-max-files '${value}' is not a number of files above 0 ('all' keeps every rotated file); using 20`]);
    });
  }

  it("'all' survives the run file (JSON has no Infinity)", () => {
    const dir = tempDir();
    const runFile = path.join(dir, '.run', '1-0.json');
    const recording: Recording = {
      id: 'R', file: path.join(dir, 'x.log'), user: 'ann', by: 'ann', session: 's', window: '0', pane: '0', paneId: '%0', socket: '', version: '',
      timeFormat: 'HH:mm', maxBytes: 1024, maxFiles: Number.POSITIVE_INFINITY, seed: '',
    };
    writeRecording(runFile, recording);
    assert.equal(readRecording(runFile).maxFiles, Number.POSITIVE_INFINITY);
    writeRecording(runFile, { ...recording, maxFiles: 4 });
    assert.equal(readRecording(runFile).maxFiles, 4);
  });

  const writerOptions = (overrides: Partial<LogFileOptions>): LogFileOptions => ({
    maxBytes: 1024,
    maxFiles: 2,
    onError: (error) => assert.fail(error.message),
    onRecover: () => {},
    onRotateError: (error) => assert.fail(error.message),
    ...overrides,
  });
  // 20 KB in 100-byte lines through a 1 KB limit: about 20 rotations.
  const fill = async (log: LogFile): Promise<void> => {
    for (let i = 0; i < 200; i++) log.write(`line ${i} ${'x'.repeat(90)}\n`);
    await log.close();
  };

  it('the first deletion by pruning is told once, naming the file deleted', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    const told: string[] = [];
    await fill(new LogFile(file, writerOptions({ onFirstPrune: (deleted) => told.push(deleted) })));
    const rotated = fs.readdirSync(dir).filter((name) => name.startsWith('main.log.'));
    assert.equal(rotated.length, 2, `kept: ${rotated.join(' ')}`);
    assert.equal(told.length, 1, `told: ${told.join(' ')}`);
    assert.ok(told[0]!.startsWith(`${file}.`) && !fs.existsSync(told[0]!), `${told[0]} was deleted`);
    assert.ok(rotated.every((name) => path.join(dir, name) > told[0]!), 'the oldest one');
  });

  it("with 'all' nothing is deleted, and nothing told", async () => {
    const dir = tempDir();
    const told: string[] = [];
    await fill(new LogFile(path.join(dir, 'main.log'), writerOptions({ maxFiles: Number.POSITIVE_INFINITY, onFirstPrune: (deleted) => told.push(deleted) })));
    const rotated = fs.readdirSync(dir).filter((name) => name.startsWith('main.log.'));
    assert.ok(rotated.length > 10, `${rotated.length} rotated files, all kept`);
    assert.deepEqual(told, []);
  });
});
