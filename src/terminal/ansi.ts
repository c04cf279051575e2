// Byte-level escape-sequence cleaner, after the DEC ANSI parser diagram
// (https://vt100.net/emu/dec_ansi_parser), the same state layout alacritty/vte uses.
// Like vte's parser it assigns no meaning of its own: it reports what it finds to
// a `Perform` — runs of printable text, the controls that move the cursor (LF,
// CR, BS; TAB stays in the text), the CSI and ESC sequences tmux applies to the
// screen (its input.c tables, lines 208 and 268), switches of the alternate
// screen, and the semantic-prompt strings shells send (OSC 133, VS Code's 633).
// Everything else — SGR colours, other private modes such as bracketed paste,
// other OSC strings (titles, clipboard writes), DCS/APC/PM/SOS strings, charset
// designations — is dropped.
//
// What is reported follows tmux's parser, not a looser reading of the standard:
// a sequence tmux throws away (too long, too many parameters, a number out of
// range, a parameter with sub-parameters where a number is wanted) is thrown
// away here too. Output must not be able to make the log believe in a screen
// switch, or a cursor move, that the screen never made.
//
// It also validates UTF-8 (Unicode 15, table 3-7): a character split across
// reads waits in a 4-byte field until it is whole, across escape sequences and
// strings too, as in tmux, which only a printed character or an executed C0
// control makes give it up (input.c:1132, :1207); as in tmux, once begun it
// takes every byte with the top bit set until it has its size, and only then is
// found malformed, all its bytes (utf8.c:277); and every byte that is not
// part of a well-formed character is written as the text `\xNN`, so binary
// output is accounted for byte by byte and the text is always valid UTF-8.
// C1 controls written as UTF-8 (U+0080–U+009F) are dropped: tmux drops them
// (wcwidth -1, utf8.c:236-240; input.c:2442), so the screen shows nothing and
// gives them no cell, as for the C0 controls it ignores. U+2028, U+2029 and the bidi controls
// are written as `\u2028` etc.: no tool may see two lines in one, or text
// reordered.
//
// All state that spans reads lives in fields, so a sequence split across two
// chunks is handled exactly like one that arrives whole. String bodies (OSC,
// DCS, ...) are skipped, never buffered, so an unterminated one costs no memory;
// only a semantic-prompt body is kept, up to MAX_OSC_BYTES.
//
// Speed: printable bytes are gathered into one reused buffer and copied once per
// chunk into a Latin-1 string; the controls found on the way are kept in typed
// arrays (position in the buffer, what, parameters) and reported after it, with
// the text between them as slices of that string when it is printable ASCII
// (most of it), decoded as UTF-8 on its own when not. One decode per chunk instead
// of one per line keeps a flood of short lines cheap; ASCII lines stay one-byte
// strings even in a chunk that holds other characters, which is cheaper in all
// that follows (regexes, joining, encoding) than two-byte ones.

/** A gap of plain text a decoded window runs over to take in the next part that needs UTF-8 decoding (see utf8Slice). */
const UTF8_WINDOW = 128;

/** The CSI finals tmux applies to the screen (input.c:268), by name; reported with no private marker or intermediates. */
export const enum Csi {
  /** ICH: insert blank characters */
  InsertCharacters = 0x40,
  /** CUU */
  CursorUp = 0x41,
  /** CUD */
  CursorDown = 0x42,
  /** CUF */
  CursorForward = 0x43,
  /** CUB */
  CursorBackward = 0x44,
  /** CNL: down n lines, to column 1 */
  CursorNextLine = 0x45,
  /** CPL: up n lines, to column 1 */
  CursorPrecedingLine = 0x46,
  /** CHA (1-based column); tmux also takes HPA (`) for this */
  CursorColumn = 0x47,
  /** CUP (1-based row; column); HVP (f) is the same */
  CursorPosition = 0x48,
  /** ED: 0 cursor→end of screen, 1 start→cursor, 2 whole screen, 3 history */
  EraseInDisplay = 0x4a,
  /** EL: 0 cursor→end, 1 start→cursor, 2 whole line */
  EraseInLine = 0x4b,
  /** IL */
  InsertLines = 0x4c,
  /** DL */
  DeleteLines = 0x4d,
  /** DCH */
  DeleteCharacters = 0x50,
  /** SU */
  ScrollUp = 0x53,
  /** SD */
  ScrollDown = 0x54,
  /** ECH */
  EraseCharacters = 0x58,
  /** CBT: back n tab stops */
  CursorBackwardTab = 0x5a,
  /** HPA, tmux's other name for CHA */
  CursorColumnAbsolute = 0x60,
  /**
   * REP: repeat the last printed character. Its second report is that
   * character's code, or -1: tmux repeats only a printable ASCII character
   * (input.c:1142, :1563) and forgets it on a C0 control (:1254), a byte of a
   * UTF-8 character (:2430), the start of a string (:2236, :2272, :2357, :2386)
   * and an ESC or CSI sequence in its tables (:1330, :1635), not on one it does
   * not know or throws away (:1272, :1350-1356): it may repeat a character
   * printed before any number of those.
   */
  Repeat = 0x62,
  /** VPA (1-based row) */
  CursorRow = 0x64,
  /** HVP, the same as CUP */
  CursorPositionHvp = 0x66,
  /** TBC: clear the tab stop at the cursor (0) or all of them (3) */
  TabClear = 0x67,
  /** DECSTBM: scroll region top; bottom (1-based) */
  ScrollRegion = 0x72,
  /** SCOSC: save the cursor */
  SaveCursor = 0x73,
  /** SCORC: restore the cursor */
  RestoreCursor = 0x75,
}

/** The ESC sequences (no intermediates) tmux applies to the screen (input.c:208), by final. */
export const enum Esc {
  /** DECSC */
  SaveCursor = 0x37,
  /** DECRC */
  RestoreCursor = 0x38,
  /** HTS: a tab stop at the cursor's column */
  TabSet = 0x48,
  /** IND: down a line, scrolling at the bottom */
  Index = 0x44,
  /** NEL: CR and IND */
  NextLine = 0x45,
  /** RI: up a line, scrolling down at the top */
  ReverseIndex = 0x4d,
  /** RIS: reset to the initial state (clears the screen) */
  Reset = 0x63,
  /** DECALN (`ESC # 8`, input.c:213): the screen filled with E, the cursor home, the region reset; its final with the top bit, the one ESC with an intermediate that touches the screen. */
  Alignment = 0xb8,
}

/**
 * The modes that change where text lands, as tmux applies them (input.c:1640-1800):
 * ANSI IRM (insert), and DEC private autowrap, origin (the cursor goes home) and
 * column mode (home, and the screen is cleared). DEC private ones are 0x10000 + n.
 */
export const enum Mode {
  Insert = 4,
  ColumnMode = 0x10003,
  Origin = 0x10006,
  Autowrap = 0x10007,
}

/** What the cleaner reports, in stream order (vte's `Perform`, cut down to what a log needs). */
export interface Perform {
  /**
   * A run of printable text: valid UTF-8 decoded, no control character but
   * TAB. `plain`: it is printable ASCII only (no TAB), as most output is.
   */
  print(text: string, plain?: boolean): void;
  /**
   * Text that stands for bytes the screen does not show (malformed UTF-8 as
   * `\xNN`; line separators and bidi controls as `\uNNNN`): tmux
   * drops them or gives them no cell, so they take none, yet the log keeps
   * them. Printed as text when a receiver has no use for the difference.
   */
  unshown?(text: string): void;
  /** LF, CR or BS. */
  execute(control: number): void;
  /**
   * A CSI sequence of `Csi` with no private marker or intermediates: its final
   * and first two parameters as given (-1 when not given; 0 stays 0: the
   * receiver applies the defaults, which differ by sequence).
   */
  csi(final: Csi, first: number, second: number): void;
  /** An ESC sequence of `Esc`. */
  esc(final: Esc): void;
  /**
   * The stream has been read up to `bytes` (from its start) by the time of
   * the next report: the same for any split of the input into reads.
   */
  consumed?(bytes: number): void;
  /**
   * DECSET/DECRST 1049, 1047 or 47 (`mode`): a full-screen program entered
   * (true) or left (false) the alternate screen. One report per such parameter,
   * in order, as tmux applies each (input.c:1817-1823); only 1049 saves and
   * restores the cursor.
   */
  screen(alternate: boolean, mode: number): void;
  /** SM/RM or DECSET/DECRST of a Mode, one report per parameter, in their order (a sequence may set several). */
  mode?(mode: Mode, set: boolean): void;
  /**
   * The character set printed ASCII is in became DEC special graphics (`acs`) or left it. tmux stores the same byte
   * either way, but writes such a character through screen_write_cell, one at a time (screen-write.c:1776), not in a
   * run: over what remains of a wide character it blanks more (screen-write.c:2045), and after a ZWJ it combines.
   */
  charset?(acs: boolean): void;
  /**
   * A semantic-prompt string: `command` 133 or 633, `data` what follows `133;`
   * (decoded as UTF-8; at most MAX_OSC_BYTES of it, `truncated` if there was more).
   */
  osc(command: number, data: string, truncated: boolean): void;
}

/** Longest semantic-prompt body kept (a command line, percent-encoded); the rest is dropped and the body marked truncated. */
export const MAX_OSC_BYTES = 256 * 1024;

const ALTERNATE_SCREEN_MODES = new Set([1049, 1047, 47]);

/** CSI finals reported (input.c:268, those with no intermediate): a table by byte. */
const REPORTED_CSI = new Uint8Array(0x80);
for (const final of '@ABCDEFGHJKLMPSTXZ`bdfgrsu') REPORTED_CSI[final.charCodeAt(0)] = 1;
/**
 * CSI finals with no effect here whatever comes before them: not reported, not SM/RM (`h`, `l`: modes and screen
 * switches), so `dispatchCsi` does nothing with them. SGR (`m`) above all: a coloured flood is a third SGR bytes.
 * IGNORED_KNOWN for those tmux knows with no marker or intermediate (see KNOWN_CSI): they forget REP's character.
 */
const IGNORED_CSI = new Uint8Array(0x100);
const IGNORED_KNOWN = 2;
for (let final = 0x40; final <= 0x7e; final++) IGNORED_CSI[final] = REPORTED_CSI[final] === 1 || final === 0x68 || final === 0x6c ? 0 : 1;
/** ESC finals reported (input.c:208, those with no intermediate that touch the screen). */
const REPORTED_ESC = new Uint8Array(0x80);
for (const final of '78DEHMc') REPORTED_ESC[final.charCodeAt(0)] = 1;

/**
 * tmux's tables of the sequences it knows, ESC (input.c:208) and CSI (:268), by final: a bit for each intermediate
 * string (in a CSI, the private marker first) it knows with that final. A known sequence makes tmux forget the
 * character REP repeats (:1330, :1635); an unknown one does not (:1272, :1354). Every string in either table is
 * empty or one byte long.
 */
const KNOWN_ESC = new Uint8Array(0x80);
const KNOWN_CSI = new Uint8Array(0x80);
/** The bit of each intermediate string in the tables, by its byte (0: none); any other has none. */
const INTERMEDIATE_BIT = new Uint8Array(0x80);
INTERMEDIATE_BIT[0] = 1;
INTERMEDIATE_BIT[0x3f] = 2; // ?
INTERMEDIATE_BIT[0x3e] = 4; // >
INTERMEDIATE_BIT[0x20] = 8;
INTERMEDIATE_BIT[0x28] = 16; // (
INTERMEDIATE_BIT[0x29] = 32; // )
INTERMEDIATE_BIT[0x23] = 64; // #
/** The bit of an intermediate string: 0 none, its byte if it is one byte, -1 if longer. */
function intermediateBit(intermediate: number): number {
  return intermediate >= 0 ? INTERMEDIATE_BIT[intermediate]! : 0;
}
for (const [finals, intermediate] of [['78=>DEHM\\c', 0], ['0B', 0x28], ['0B', 0x29], ['8', 0x23]] as const) {
  for (const final of finals) KNOWN_ESC[final.charCodeAt(0)] |= intermediateBit(intermediate);
}
for (const [finals, intermediate] of [['@ABCDEFGHJKLMPSTXZ`bcdfghlmnrstu', 0], ['hl', 0x3f], ['cmnq', 0x3e], ['q', 0x20]] as const) {
  for (const final of finals) KNOWN_CSI[final.charCodeAt(0)] |= intermediateBit(intermediate);
}
for (let final = 0x40; final <= 0x7e; final++) if (IGNORED_CSI[final] === 1 && (KNOWN_CSI[final]! & 1) !== 0) IGNORED_CSI[final] = IGNORED_KNOWN;
/**
 * How many leading parameters tmux's handler of each reported CSI reads (input_csi_dispatch, input.c:1360-1630): a
 * sub-parameter (`:`) in one of them makes input_get give -1 (:1065) and the handler do nothing; in a later one it
 * changes nothing. SCORC and SCOSC read none (:1570, :1579); CUP, HVP and DECSTBM two (:1391, :1468); ED reads its
 * second only after a first of 3 (:1508); the others one.
 */
const PARAMS_READ = new Uint8Array(0x80).fill(1);
for (const final of 'su') PARAMS_READ[final.charCodeAt(0)] = 0;
for (const final of 'Hfr') PARAMS_READ[final.charCodeAt(0)] = 2;

/**
 * Whether tmux forgets the character REP repeats at a CSI whole in a read, of bytes `from` to `to` (0x20-0x3f only)
 * and `final`: it does if it dispatches the sequence (no private marker after the first byte, no parameter after an
 * intermediate: the CSI state tables, input.c:527-589), keeps it (at most 63 parameter bytes and 3 intermediates,
 * :1151-1175; at most 23 parameters, each a number up to INT_MAX or holding a `:`, :1016-1037) and knows it (:1350).
 */
function csiForgets(chunk: Uint8Array, from: number, to: number, final: number): boolean {
  let k = from;
  let intermediate = 0;
  if (k < to && chunk[k]! >= 0x3c) intermediate = chunk[k++]!;
  let paramBytes = 0;
  let params = 0;
  let value = 0;
  let sub = false;
  for (; k < to; k++) {
    const b = chunk[k]!;
    if (b <= 0x2f) {
      // An intermediate: any byte after it makes the sequence a longer string or ignored, never a known one.
      if (intermediate !== 0 || k + 1 < to) return false;
      intermediate = b;
    } else if (b >= 0x3c) return false; // a marker not first: csi_ignore, not dispatched
    else {
      if (++paramBytes > MAX_PARAM_BYTES) return false;
      if (b === 0x3b) {
        if (!sub && value > INT_MAX) return false;
        if (++params >= MAX_PARAMS) return false;
        value = 0;
        sub = false;
      } else if (b === 0x3a) sub = true;
      else if (value <= INT_MAX) value = value * 10 + (b - 0x30);
    }
  }
  if (!sub && value > INT_MAX) return false;
  return (KNOWN_CSI[final]! & intermediateBit(intermediate)) !== 0;
}

/** Op codes in the per-chunk op list: a C0 control is its own byte; these are above any byte. */
const OP_CSI = 0x100;
const OP_ESC = 0x200;
const OP_ENTER_ALTERNATE = 0x300;
const OP_LEAVE_ALTERNATE = 0x301;
const OP_OSC = 0x400;
/** Escaped bytes the screen does not show: the op's parameter is their length in the text. */
const OP_UNSHOWN = 0x500;
const OP_MODE = 0x600;
const OP_CHARSET = 0x700;
/** tmux's character sets (struct input_cell, input.c:55): G0, G1 DEC special graphics, and SO (G1 in use), as bits. */
const G0_ACS = 1;
const G1_ACS = 2;
const SHIFTED = 4;

/**
 * tmux's limits on a CSI (input.c:92, :105, :1167, :1021-1037): the parameter
 * bytes fit in 63, there are at most 23 parameters, and each is a number up to
 * INT_MAX; a sequence past any of them is discarded whole.
 */
const MAX_PARAM_BYTES = 63;
const MAX_PARAMS = 23;
const INT_MAX = 2147483647;

const enum State {
  Ground,
  Escape,
  EscapeIntermediate,
  CsiEntry,
  CsiParam,
  CsiIntermediate,
  CsiIgnore,
  /** OSC: ends at BEL or ST. */
  OscString,
  /** SOS, PM, APC and tmux's rename string (ESC k): end at ST, or at any ESC, CAN or SUB. */
  IgnoredString,
  /** DCS before its final byte (dcs_enter, dcs_parameter, dcs_intermediate): any ESC, CAN or SUB ends it. */
  DcsEntry,
  DcsParam,
  DcsIntermediate,
  /** dcs_ignore: a DCS tmux will not apply, until ESC, CAN or SUB. */
  DcsIgnore,
  /** dcs_handler: the DCS body. Only ST ends it: no ESC, CAN or SUB does (input.c:643-662). */
  DcsBody,
  /** dcs_escape: an ESC in the body; `\` ends the DCS, anything else is more body. */
  DcsEscape,
}

/** tmux gives up on a string (OSC, DCS, APC, ...) not ended within this long, and reads on as ground (input.c:739-757). */
export const STRING_TIMEOUT_MS = 5000;

const ESC = 0x1b;
const CAN = 0x18;
const SUB = 0x1a;
const BEL = 0x07;
const DEL = 0x7f;

/** Largest parameter kept; terminals clamp too. */
const MAX_PARAM = 9999;
const NO_NUMBER = -1;

const LF = 0x0a;
const CR = 0x0d;
const BS = 0x08;
const TAB = 0x09;
const VT = 0x0b;
const FF = 0x0c;
const SO = 0x0e;
const SI = 0x0f;

const HEX = '0123456789abcdef';

/** Writes `\xNN` for a byte that is not part of valid UTF-8. */
function escapeByte(out: Buffer, o: number, byte: number): number {
  out[o] = 0x5c;
  out[o + 1] = 0x78;
  out[o + 2] = HEX.charCodeAt(byte >> 4);
  out[o + 3] = HEX.charCodeAt(byte & 15);
  return o + 4;
}

/**
 * Writes `\uNNNN` for a character that must not reach the log as itself: one
 * that splits or reorders a line (see isLineBreakOrBidi). Six ASCII bytes, six
 * UTF-16 units: no offset bookkeeping.
 */
function escapeCodePoint(out: Buffer, o: number, codePoint: number): number {
  out[o] = 0x5c;
  out[o + 1] = 0x75;
  out[o + 2] = HEX.charCodeAt((codePoint >> 12) & 15);
  out[o + 3] = HEX.charCodeAt((codePoint >> 8) & 15);
  out[o + 4] = HEX.charCodeAt((codePoint >> 4) & 15);
  out[o + 5] = HEX.charCodeAt(codePoint & 15);
  return o + 6;
}

/**
 * The 3-byte characters that make one log line look like two to tools that
 * split on Unicode line breaks (U+2028, U+2029: Python's splitlines, JSON and
 * JavaScript readers), or reorder what a reader sees (bidi embeddings and
 * overrides U+202A–U+202E, isolates U+2066–U+2069). U+0085 is C1, dropped. As UTF-8:
 * E2 80 A8–AE and E2 81 A6–A9.
 */
function isLineBreakOrBidi(b0: number, b1: number, b2: number): boolean {
  return b0 === 0xe2 && ((b1 === 0x80 && b2 >= 0xa8 && b2 <= 0xae) || (b1 === 0x81 && b2 >= 0xa6 && b2 <= 0xa9));
}

export class EscapeCleaner {
  private state = State.Ground;
  /** First and second CSI parameters, or -1 when not given. */
  private param = -1;
  private param2 = -1;
  /** Parameters begun (`;` seen) so far, and parameter bytes; past tmux's limits the CSI is discarded. */
  private paramIndex = 0;
  private paramBytes = 0;
  /** A parameter out of range, too many or too long: tmux drops the sequence (input.c:1350). */
  private discard = false;
  /** The parameter being read (kept to INT_MAX; past it `overflow`), whether it has sub-parameters (`:`). */
  private current = -1;
  private currentSub = false;
  private overflow = false;
  /** The first, or the second, parameter has sub-parameters: tmux's handlers that read it do nothing (input_get gives -1, input.c:1065). */
  private subFirst = false;
  private subSecond = false;
  /** The screen modes among the parameters of this CSI (1049, 1047, 47), in order; at most MAX_PARAMS. */
  private screenModes: number[] = [];
  /** The time of the chunk being cleaned, and when the open string (OSC, DCS, ...) began: tmux's 5 s timer. */
  private now = 0;
  private stringSince = 0;
  /** Modes (see Mode) among the parameters so far, in order; reported if the sequence turns out to be SM/RM. */
  private readonly modes = new Int32Array(MAX_PARAMS + 1);
  private modeCount = 0;
  /** OSC: the number being read (-1 once it is not one we keep), and the body of a kept one. */
  private oscNumber = 0;
  private oscKeep = false;
  private oscBody: Buffer | undefined;
  private oscLength = 0;
  private oscTruncated = false;
  /** Semantic-prompt bodies finished in this chunk, indexed by their op's parameter. */
  private oscBodies: string[] = [];
  /**
   * tmux's `last` (what REP repeats, see Csi.Repeat), or -1; while text is being read in `advance`, its last
   * printable ASCII character stands for it instead (see asciiEnd there).
   */
  private last = -1;
  /** The private marker (`?`, `>`, ...) of this CSI, or 0; with intermediates, a CSI we never apply. */
  private marker = 0;
  private intermediates = false;
  /** Marker and intermediates of this CSI as tmux looks it up (see intermediateBit): 0, the byte if one, -1 if more. */
  private csiIntermediate = 0;
  /** The ESC sequence's intermediate if it has exactly one (DECALN's `#`), -1 if more (input.c:1151 collects them, the table wants one). */
  private escIntermediate = -1;
  /** The character sets (G0_ACS, G1_ACS, SHIFTED), those DECSC and SCOSC saved (input.c:776), and whether printed ASCII is in DEC graphics. */
  private charsets = 0;
  private savedCharsets = 0;
  private acs = false;
  /** Bytes of an unfinished UTF-8 character (at most 3; 4 as a malformed one ends), how many more it needs, and the range of the next (empty once malformed). */
  private readonly pending = new Uint8Array(4);
  private pendingLength = 0;
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  /** Printable text of the chunk being cleaned, as UTF-8. */
  private out: Buffer = Buffer.allocUnsafe(64 * 1024);
  /** `out` read and written four bytes at a time. */
  private outWords = new DataView(this.out.buffer, this.out.byteOffset, this.out.length);
  /** UTF-8 bytes in `out` beyond one UTF-16 unit per character so far in this chunk: 0 if all of it is ASCII. */
  private extraBytes = 0;
  /** The chunk's ops: offset in `out`, op code, parameter. At most one per input byte. */
  private opAt = new Int32Array(1024);
  private opCode = new Int32Array(1024);
  private opParam = new Int32Array(1024);
  private opParam2 = new Int32Array(1024);
  /** 1 if the text before the op (since the op before) is printable ASCII only. */
  private opPlain = new Uint8Array(1024);
  /** Each op's end in the stream, in bytes from its start (see Perform.consumed). */
  private opByte = new Float64Array(1024);
  /** Bytes of the stream before this chunk, and the byte being read (where an op made now ends). */
  private base = 0;
  private at = 0;
  private ops = 0;
  /** Since the last op, text other than printable ASCII was written (a TAB or a UTF-8 character). */
  private complex = false;

  /**
   * Cleans one chunk, reporting what it holds to `perform` in stream order.
   * `now` (epoch ms of the read) lets a string left open for STRING_TIMEOUT_MS
   * end as tmux ends it, so bytes the screen shows after it are not taken for
   * part of it; without it, a string ends only by its terminator.
   */
  advance(chunk: Uint8Array, perform: Perform, now?: number): void {
    let timedOut = false;
    if (now !== undefined) {
      this.now = now;
      if (this.state >= State.OscString && now - this.stringSince >= STRING_TIMEOUT_MS) {
        // input_reset (input.c:884): back to ground without ending the string; an OSC is not dispatched.
        this.state = State.Ground;
        this.oscKeep = false;
        this.last = -1;
        timedOut = true;
      }
    }
    // Worst case: every byte escaped as `\xNN`, plus the pending bytes of a broken character.
    const room = chunk.length * 4 + 24;
    if (this.out.length < room) {
      this.out = Buffer.allocUnsafe(room);
      this.outWords = new DataView(this.out.buffer, this.out.byteOffset, this.out.length);
    }
    if (this.opAt.length < chunk.length + 1) {
      const size = chunk.length + 1;
      this.opAt = new Int32Array(size);
      this.opCode = new Int32Array(size);
      this.opParam = new Int32Array(size);
      this.opParam2 = new Int32Array(size);
      this.opPlain = new Uint8Array(size);
      this.opByte = new Float64Array(size);
    }
    this.ops = 0;
    this.complex = false;
    if (this.oscBodies.length > 0) this.oscBodies.length = 0;
    // The timer's input_reset also resets the cell (input_reset_cell, input.c:763-771): G0 and G1 back to ASCII, SO
    // undone, and the copy DECSC/SCOSC saved likewise. Left in DEC graphics, the reader would write ASCII one cell at a
    // time where tmux writes runs (joined after a ZWJ, blanked otherwise around padding): every later column off.
    if (timedOut) {
      this.savedCharsets = 0;
      this.setCharsets(0, 0);
    }
    this.extraBytes = 0;
    const o = this.scan(chunk);
    // The chunk's end, out of scan's code: see there.
    if (!this.scanEndsAscii && this.unsureTo >= 0 && this.last >= 0 && csiForgets(chunk, this.unsureFrom, this.unsureTo, this.unsureFinal)) this.last = -1;
    if (this.scanEndsAscii) this.last = this.out[o - 1]!;
    this.report(o, perform, this.base + chunk.length);
    this.base += chunk.length;
  }

  /** Whether the chunk's text ended right after a printable ASCII character (scan's `asciiEnd`), for advance. */
  private scanEndsAscii = false;
  /** A CSI skipped while a character was remembered, not yet read at the chunk's end (scan's `unsureTo` etc.), for advance. */
  private unsureFrom = 0;
  private unsureTo = -1;
  private unsureFinal = 0;

  /**
   * The chunk's bytes into `out` and its ops; returns the text's end in `out`. The hot loop alone, apart from the
   * chunk's start and end: V8 optimises it while it runs (on-stack replacement, in the first large read), before
   * the code after it ever ran, and each branch at a chunk's start or end first taken later (a chunk ending right
   * after text, or after a sequence; a string timing out) threw the loop's optimised code away: it was compiled
   * four or five times in a 42 MB flood, now two or three (BENCHMARKS.md, perf15h). What the end needs is left in
   * fields, stored at every chunk.
   */
  private scan(chunk: Uint8Array): number {
    const out = this.out;
    const outWords = this.outWords;
    const words = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let o = 0;
    // Where the text stood right after the last printable ASCII character: while it is where the text stands,
    // that character is tmux's `last`; else `last` is (brought up to date at an ESC). Anything that forgets it sets
    // both to -1. `this.last` is kept only where a method reads or writes it: in a sequence, and between chunks.
    let asciiEnd = -1;
    let last = this.last;
    // A long CSI of digits and separators with a known final (SGR of 24-bit colours) skipped while a character is
    // remembered: whether tmux keeps it (and so forgets the character, see csiForgets) is read only if it matters,
    // at the next sequence not skipped, the next such CSI, or the chunk's end; text after it (the usual) makes it moot.
    let unsureFrom = 0;
    let unsureTo = -1;
    let unsureFinal = 0;
    let state = this.state;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (state === State.Ground) {
        if (this.need > 0) {
          if (b >= this.lower && b <= this.upper) {
            o = this.continueCharacter(out, o, b, i);
            continue;
          }
          // tmux keeps a character begun across DEL, which it ignores in ground (input.c:480), and across an escape
          // sequence or a string (ESC resets nothing): it gives the character up only at a printed character
          // (input_print, :1132) or an executed C0 control (input_c0_dispatch, :1207). Bytes of a string never
          // reach it (input_input). Any other byte with the top bit set goes into it (see startCharacter).
          if (b < 0x80 && b !== ESC && b !== DEL) {
            this.at = i;
            o = this.breakCharacter(out, o);
          }
        }
        if (b < 0x80) {
          if (b >= 0x20 && b !== DEL) {
            out[o++] = b;
            // Most bytes are printable ASCII in a run: the rest of the run is copied here, with no
            // character pending (an ASCII byte leaves none), exactly as the loop would take them one by one:
            // four at a time while all four are (no byte below 0x20, none above 0x7e: the exact
            // any-byte tests of "Bit Twiddling Hacks", hasless and hasmore), then one at a time.
            while (i + 4 < n) {
              const word = words.getUint32(i + 1, true);
              if (((word - 0x20202020) & ~word & 0x80808080) !== 0 || (((word + 0x01010101) | word) & 0x80808080) !== 0) break;
              outWords.setUint32(o, word, true);
              o += 4;
              i += 4;
            }
            while (i + 1 < n) {
              const c = chunk[i + 1]!;
              if (c < 0x20 || c >= DEL) break;
              out[o++] = c;
              i++;
            }
            asciiEnd = o;
          } else if (b === LF) {
            // The commonest op by far, recorded inline.
            const k = this.ops++;
            this.opAt[k] = o;
            this.opByte[k] = this.base + i + 1;
            this.opCode[k] = LF;
            this.opPlain[k] = this.complex ? 0 : 1;
            this.complex = false;
            asciiEnd = -1;
            last = -1;
          } else if (b === ESC) {
            if (asciiEnd === o) {
              last = out[o - 1]!;
              unsureTo = -1;
            }
            asciiEnd = -1;
            // A CSI whole in this chunk, of parameter and intermediate bytes only (0x20-0x3f: no control to
            // execute, no ESC, CAN or SUB to end it) and a final of no effect, is skipped at once: byte by byte it
            // would go through the CSI states to ground having reported nothing (SGR, a third of a coloured flood).
            // Anything else (a final that matters, a control inside, the chunk's end) is read byte by byte.
            if (i + 2 < n && chunk[i + 1] === 0x5b) {
              // Digits and separators first: a CSI of those alone, of fewer than 10, passes no limit of tmux's and
              // has no intermediate, so whether tmux knows it (and forgets REP's character) is one look in the table.
              let j = i + 2;
              while (j < n && chunk[j]! >= 0x30 && chunk[j]! <= 0x3b) j++;
              const parameters = j;
              while (j < n && chunk[j]! >= 0x20 && chunk[j]! <= 0x3f) j++;
              const skip = j < n ? IGNORED_CSI[chunk[j]!]! : 0;
              if (skip !== 0) {
                if (last >= 0) {
                  if (skip === IGNORED_KNOWN && parameters === j && j - i < 12) last = -1;
                  else if (skip === IGNORED_KNOWN && parameters === j && unsureTo < 0) {
                    unsureFrom = i + 2;
                    unsureTo = j;
                    unsureFinal = chunk[j]!;
                  } else {
                    if (unsureTo >= 0 && csiForgets(chunk, unsureFrom, unsureTo, unsureFinal)) last = -1;
                    unsureTo = -1;
                    if (last >= 0 && csiForgets(chunk, i + 2, j, chunk[j]!)) last = -1;
                  }
                }
                i = j;
                continue;
              }
            }
            if (unsureTo >= 0) {
              if (last >= 0 && csiForgets(chunk, unsureFrom, unsureTo, unsureFinal)) last = -1;
              unsureTo = -1;
            }
            this.last = last;
            state = State.Escape;
          } else {
            this.at = i;
            o = this.control(out, o, b);
            if (b !== DEL) asciiEnd = last = -1;
          }
        } else {
          this.at = i;
          o = this.startCharacter(out, o, b);
          asciiEnd = last = -1;
        }
        continue;
      }
      this.at = i;
      o = this.sequenceByte(out, o, b, state);
      state = this.state;
      last = this.last;
    }
    this.state = state;
    this.last = last;
    this.scanEndsAscii = asciiEnd === o;
    this.unsureFrom = unsureFrom;
    this.unsureTo = unsureTo;
    this.unsureFinal = unsureFinal;
    return o;
  }

  /**
   * A byte in any state but ground (escape sequences, strings), off the hot loop of `advance`: the new state is
   * left in `this.state`, the text's new end returned.
   */
  private sequenceByte(out: Buffer, o: number, b: number, state: State): number {
    // The DCS body has no "anywhere" transitions: only ESC \\ ends it.
    if (state === State.DcsBody) {
      if (b === ESC) state = State.DcsEscape;
      return this.done(state, o);
    }
    if (state === State.DcsEscape) {
      state = b === 0x5c ? State.Ground : State.DcsBody;
      return this.done(state, o);
    }
    // "anywhere" transitions of the diagram, shared by every other state.
    // Leaving an OSC string by any of them ends it (tmux calls input_exit_osc
    // on any change of state, input.c:2277).
    if (b === ESC || b === CAN || b === SUB) {
      if (state === State.OscString) this.endOsc(o);
      if (b !== ESC) {
        this.last = -1; // input_c0_dispatch (input.c:1254)
        if (this.need > 0) o = this.breakCharacter(out, o);
      }
      state = b === ESC ? State.Escape : State.Ground;
      return this.done(state, o);
    }
    switch (state) {
      case State.Escape:
        if (b < 0x20) o = this.control(out, o, b);
        else if (b === 0x5b) {
          state = State.CsiEntry;
          this.param = -1;
          this.param2 = -1;
          this.paramIndex = 0;
          this.paramBytes = 0;
          this.discard = false;
          this.current = -1;
          this.currentSub = false;
          this.overflow = false;
          this.subFirst = false;
          this.subSecond = false;
          if (this.screenModes.length > 0) this.screenModes.length = 0;
          this.modeCount = 0;
          this.marker = 0;
          this.intermediates = false;
          this.csiIntermediate = 0;
        } else if (b === 0x5d) {
          this.last = -1; // input_enter_osc (input.c:2272), as every string's start: DCS :2236, APC :2357, the others :2386
          state = State.OscString;
          this.stringSince = this.now;
          this.oscNumber = 0;
          this.oscKeep = false;
          this.oscLength = 0;
          this.oscTruncated = false;
        } else if (b === 0x50) {
          this.last = -1;
          state = State.DcsEntry;
          this.stringSince = this.now;
        } else if (b === 0x58 || b === 0x5e || b === 0x5f || b === 0x6b) {
          // SOS, PM, APC, and ESC k: tmux's window-rename string, never shown (input.c:703).
          this.last = -1;
          state = State.IgnoredString;
          this.stringSince = this.now;
        } else if (b >= 0x20 && b <= 0x2f) {
          state = State.EscapeIntermediate;
          this.escIntermediate = b;
        } else if (b < 0x7f) {
          if (REPORTED_ESC[b] === 1) {
            this.op(o, OP_ESC + b, -1, -1);
            // DECSC and DECRC save and restore the character sets with the cursor, RIS resets them (input.c:776-793, :763).
            if (b === 0x37) this.savedCharsets = this.charsets;
            else if (b === 0x38) this.setCharsets(o, this.savedCharsets);
            else if (b === 0x63) this.setCharsets(o, (this.savedCharsets = 0));
          }
          if ((KNOWN_ESC[b]! & 1) !== 0) this.last = -1;
          state = State.Ground;
        }
        // DEL and 0x80–0xff are ignored here: the sequence goes on (input.c:507).
        break;
      case State.EscapeIntermediate:
        if (b < 0x20) o = this.control(out, o, b);
        else if (b >= 0x20 && b <= 0x2f) this.escIntermediate = -1;
        else if (b >= 0x30 && b <= 0x7e) {
          // input_esc_table (input.c:208): of the sequences with an intermediate only DECALN touches the screen.
          if (b === 0x38 && this.escIntermediate === 0x23) this.op(o, OP_ESC + Esc.Alignment, -1, -1);
          // SCS: G0 (`(`) or G1 (`)`) DEC special graphics (`0`) or ASCII (`B`) (input.c:1313-1324).
          else if ((this.escIntermediate === 0x28 || this.escIntermediate === 0x29) && (b === 0x30 || b === 0x42)) {
            const set = this.escIntermediate === 0x28 ? G0_ACS : G1_ACS;
            this.setCharsets(o, b === 0x30 ? this.charsets | set : this.charsets & ~set);
          }
          if ((KNOWN_ESC[b]! & intermediateBit(this.escIntermediate)) !== 0) this.last = -1;
          state = State.Ground;
        } // 0x7f–0xff ignored (input.c:521)
        break;
      case State.DcsEntry:
      case State.DcsParam:
      case State.DcsIntermediate:
        // C0 controls are ignored in a DCS, not executed (input.c:560-618).
        if (b >= 0x40 && b <= 0x7e) state = State.DcsBody;
        else if (b >= 0x20 && b <= 0x2f) state = State.DcsIntermediate;
        else if (b >= 0x30 && b <= 0x3f) {
          if (state === State.DcsIntermediate || b === 0x3a || (state === State.DcsParam && b >= 0x3c)) state = State.DcsIgnore;
          else state = State.DcsParam;
        }
        break;
      case State.DcsIgnore:
        break;
      case State.CsiEntry:
      case State.CsiParam:
        if (b < 0x20) o = this.control(out, o, b);
        else if (b >= 0x30 && b <= 0x39) {
          state = State.CsiParam;
          if (++this.paramBytes > MAX_PARAM_BYTES) this.discard = true;
          const current = (this.current < 0 ? 0 : this.current) * 10 + (b - 0x30);
          // Out of range only as a number: one with a `:` is a string to tmux, of any length (input.c:1024).
          if (current > INT_MAX) this.overflow = true;
          else this.current = current;
        } else if (b === 0x3b || b === 0x3a) {
          state = State.CsiParam;
          if (++this.paramBytes > MAX_PARAM_BYTES) this.discard = true;
          if (b === 0x3b) this.endParam();
          else {
            this.currentSub = true;
            if (this.paramIndex === 0) this.subFirst = true;
            else if (this.paramIndex === 1) this.subSecond = true;
          }
        } else if (b >= 0x3c && b <= 0x3f) {
          // A private marker is legal only first; later it makes the sequence invalid.
          if (state === State.CsiParam) state = State.CsiIgnore;
          else {
            this.marker = b;
            this.csiIntermediate = b;
            state = State.CsiParam;
          }
        } else if (b >= 0x20 && b <= 0x2f) {
          this.intermediates = true;
          this.csiIntermediate = this.csiIntermediate === 0 ? b : -1;
          state = State.CsiIntermediate;
        } else if (b >= 0x40 && b <= 0x7e) {
          this.endCsi(o, b);
          state = State.Ground;
        }
        break;
      case State.CsiIntermediate:
        if (b < 0x20) o = this.control(out, o, b);
        else if (b >= 0x20 && b <= 0x2f) this.csiIntermediate = -1;
        else if (b >= 0x30 && b <= 0x3f) state = State.CsiIgnore;
        else if (b >= 0x40 && b <= 0x7e) {
          this.endCsi(o, b);
          state = State.Ground;
        }
        break;
      case State.CsiIgnore:
        if (b < 0x20) o = this.control(out, o, b);
        else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
        break;
      case State.OscString:
        if (b === BEL) {
          this.endOsc(o);
          state = State.Ground;
        } else if (b >= 0x20) this.oscByte(b); // tmux keeps 0x20–0xff and skips other C0 (input.c:681)
        break;
      case State.IgnoredString:
        break;
    }
    return this.done(state, o);
  }

  /** Ends sequenceByte: `state` kept for advance to take. */
  private done(state: State, o: number): number {
    this.state = state;
    return o;
  }

  /** End of stream: an unfinished character is reported as escaped bytes. */
  end(perform: Perform): void {
    this.ops = 0;
    if (this.oscBodies.length > 0) this.oscBodies.length = 0;
    this.extraBytes = 0;
    this.last = -1;
    this.complex = false;
    this.at = -1;
    this.report(this.escapePending(this.out, 0), perform, this.base);
  }

  /** Decodes the chunk's text (see the Speed note above) and reports it, cut at the ops, in order. */
  private report(length: number, perform: Perform, end: number): void {
    if (length === 0 && this.ops === 0) {
      perform.consumed?.(end);
      return;
    }
    const out = this.out;
    // Each byte one character: right for every ASCII byte, and so for all of the text when no byte is part
    // of a multi-byte character (each adds to extraBytes), and for any part of it that is printable ASCII
    // (opPlain: no TAB, no UTF-8 character; escaped bytes are ASCII too). Other parts are decoded as UTF-8.
    const text = out.toString('latin1', 0, length);
    const mixed = this.extraBytes !== 0;
    // A mixed chunk's other parts are sliced from one UTF-8 decode of it, not decoded each on its own: a
    // toString per part cost 3× the old parser on text like `é BS` repeated (a part every 3 bytes).
    if (mixed) this.startUtf8(length);
    let from = 0;
    for (let k = 0; k < this.ops; k++) {
      const at = this.opAt[k]!;
      if (at > from) {
        const plain = this.opPlain[k] === 1;
        perform.print(plain || !mixed ? text.slice(from, at) : this.utf8Slice(out, from, at, k), plain);
      }
      from = at;
      perform.consumed?.(this.opByte[k]!);
      const code = this.opCode[k]!;
      if (code < OP_CSI) perform.execute(code);
      else if (code < OP_ESC) perform.csi((code - OP_CSI) as Csi, this.opParam[k]!, this.opParam2[k]!);
      else if (code < OP_ENTER_ALTERNATE) perform.esc((code - OP_ESC) as Esc);
      else if (code < OP_OSC) perform.screen(code === OP_ENTER_ALTERNATE, this.opParam[k]!);
      else if (code < OP_UNSHOWN) perform.osc(this.opParam[k]!, this.oscBodies[this.opParam2[k]!]!, code === OP_OSC + 1);
      else if (code === OP_MODE) perform.mode?.(this.opParam[k]! as Mode, this.opParam2[k] === 1);
      else if (code === OP_CHARSET) perform.charset?.(this.opParam[k] === 1);
      else {
        from = at + this.opParam[k]!;
        const unshown = text.slice(at, from);
        if (perform.unshown) perform.unshown(unshown);
        else perform.print(unshown);
      }
    }
    if (from < length) {
      const plain = !this.complex;
      perform.print(!mixed ? (from === 0 ? text : text.slice(from)) : plain ? text.slice(from) : this.utf8Slice(out, from, length, this.ops), plain);
    }
    if (mixed) this.utf8 = '';
    perform.consumed?.(end);
  }

  /**
   * A window of a mixed chunk's text decoded as UTF-8, decoded lazily (only a part that is not plain ASCII needs it):
   * from the first such part to the end of the last such part that follows it closely (within UTF8_WINDOW bytes of
   * plain text), so that those parts (text like `é BS` repeated: a part every 3 bytes) are sliced from the same
   * decode. Decoding the whole chunk for its first such part made a two-byte copy of all of it (a 20 KB chunk
   * holding one line of other characters: 40 KB of garbage and 5 % of the reader's CPU, BENCHMARKS.md); a fixed
   * UTF8_WINDOW bytes past the part decoded each short line of other characters with the plain lines after it.
   */
  private utf8 = '';
  private utf8Length = -1;
  /** Where the window decoded in `utf8` ends in the chunk. */
  private utf8To = 0;
  /** Where the walk from byte offsets to UTF-16 offsets in `utf8` stands. */
  private utf8Byte = 0;
  private utf8Unit = 0;

  private startUtf8(length: number): void {
    this.utf8 = '';
    this.utf8Length = length;
    this.utf8To = this.utf8Byte = this.utf8Unit = 0;
  }

  /**
   * Bytes [from, to) of the chunk's text, from the window decoded. Parts are asked for in order, so the
   * byte-to-UTF-16 walk only goes forward. The text holds ASCII and whole, valid UTF-8 characters only
   * (anything else is escaped to ASCII first), so a lead byte starts one UTF-16 unit, or two from 0xF0. A window
   * starts where a part does (a character's start); one that ends inside a character decodes the characters
   * before it as the whole text has them, and only a part that ends by its end (where a character ends) is sliced
   * from it: the cut character's U+FFFD is never taken.
   */
  private utf8Slice(out: Buffer, from: number, to: number, k: number): string {
    if (to > this.utf8To || this.utf8 === '') {
      const end = this.windowEnd(to, k);
      this.utf8 = out.toString('utf8', from, end);
      this.utf8Byte = from;
      this.utf8To = end;
      this.utf8Unit = 0;
    }
    let byte = this.utf8Byte;
    let unit = this.utf8Unit;
    for (; byte < from; byte++) {
      const b = out[byte]!;
      if ((b & 0xc0) !== 0x80) unit += b >= 0xf0 ? 2 : 1;
    }
    const start = unit;
    for (; byte < to; byte++) {
      const b = out[byte]!;
      if ((b & 0xc0) !== 0x80) unit += b >= 0xf0 ? 2 : 1;
    }
    this.utf8Byte = byte;
    this.utf8Unit = unit;
    return this.utf8.slice(start, unit);
  }

  /**
   * Where a window begun at the part that ends at `to` (before op `k`; the chunk's last part: k = ops) ends: at the
   * end of the last part that is not plain ASCII and begins within UTF8_WINDOW bytes of the window's end so far.
   * Parts end where characters do, so the window never cuts one. Each op is looked at by two windows at most.
   */
  private windowEnd(to: number, k: number): number {
    let end = to;
    for (let j = k + 1; j <= this.ops; j++) {
      if (this.opAt[j - 1]! > end + UTF8_WINDOW) break;
      const last = j === this.ops;
      const partTo = last ? this.utf8Length : this.opAt[j]!;
      if ((last ? this.complex : this.opPlain[j] === 0) && partTo > end) end = partTo;
    }
    return end;
  }

  /**
   * Escaped text of `length` (ASCII) is about to be written at `o`: an unshown
   * op, or the one right before it made longer (a run of binary bytes is one
   * op, so a chunk never has more ops than bytes).
   */
  private unshown(o: number, length: number): number {
    const last = this.ops - 1;
    if (last >= 0 && this.opCode[last] === OP_UNSHOWN && this.opAt[last]! + this.opParam[last]! === o) this.opParam[last] = this.opParam[last]! + length;
    else this.op(o, OP_UNSHOWN, length, -1);
    return o;
  }

  private op(o: number, code: number, param: number, param2: number): void {
    const k = this.ops++;
    this.opAt[k] = o;
    this.opCode[k] = code;
    this.opParam[k] = param;
    this.opParam2[k] = param2;
    this.opPlain[k] = this.complex ? 0 : 1;
    this.opByte[k] = this.base + this.at + 1;
    this.complex = false;
  }

  /**
   * A C0 control: TAB stays in the text, LF/CR/BS are reported, the rest are dropped. Each forgets REP's character
   * (input.c:1254) and gives up a character begun (:1207), in a CSI or an ESC sequence as in ground.
   */
  private control(out: Buffer, o: number, b: number): number {
    if (b !== DEL) {
      this.last = -1;
      if (this.need > 0) o = this.breakCharacter(out, o);
    }
    if (b === TAB) {
      out[o++] = b;
      this.complex = true;
    }
    else if (b === LF || b === CR || b === BS) this.op(o, b, -1, -1);
    // tmux moves down a line on VT and FF as on LF (input.c:1233-1235): the line they leave is finished.
    else if (b === VT || b === FF) this.op(o, LF, -1, -1);
    // SO and SI: G1 in use, or G0 (input.c:1243-1248).
    else if (b === SO) this.setCharsets(o, this.charsets | SHIFTED);
    else if (b === SI) this.setCharsets(o, this.charsets & ~SHIFTED);
    return o;
  }

  /** New character sets: a report when printed ASCII goes into DEC graphics or leaves it. */
  private setCharsets(o: number, charsets: number): void {
    this.charsets = charsets;
    const acs = (charsets & SHIFTED ? charsets & G1_ACS : charsets & G0_ACS) !== 0;
    if (acs === this.acs) return;
    this.acs = acs;
    this.op(o, OP_CHARSET, acs ? 1 : 0, -1);
  }

  /**
   * A byte >= 0x80 outside a character. UTF-8 lead bytes start one (0x80–0x9F
   * are continuation bytes here, never C1 controls, as in vte's UTF-8 mode);
   * anything else is escaped. With a character begun, it is the next byte of that one, which it makes malformed.
   */
  private startCharacter(out: Buffer, o: number, b: number): number {
    if (this.need > 0) return this.malformedCharacter(out, o, b);
    let need = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0; // no overlong forms
      else if (b === 0xed) upper = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      else if (b === 0xf4) upper = 0x8f; // nothing past U+10FFFF
    } else return escapeByte(out, this.unshown(o, 4), b);
    this.pending[0] = b;
    this.pendingLength = 1;
    this.need = need;
    this.lower = lower;
    this.upper = upper;
    return o;
  }

  /** The next byte (`b`, at `i` in the chunk) of a character begun. */
  private continueCharacter(out: Buffer, o: number, b: number, i: number): number {
    this.pending[this.pendingLength++] = b;
    this.lower = 0x80;
    this.upper = 0xbf;
    if (--this.need > 0) return o;
    const length = this.pendingLength;
    this.pendingLength = 0;
    // A C1 control: tmux finds no width for it and drops it (utf8.c:236-240, input.c:2442), no cell and no effect
    // (its first byte already made REP forget, :2430). The log holds what the screen showed: nothing. A marker would
    // split the text around it, `rm<U+0080> -rf` shown as `rm -rf` missed by a search for it, and would read the
    // same as a program printing those six characters.
    if (length === 2 && this.pending[0] === 0xc2 && b <= 0x9f) return o;
    // An escaped character is an op, read up to its last byte.
    if (length === 3 && isLineBreakOrBidi(this.pending[0]!, this.pending[1]!, b)) {
      this.at = i;
      const codePoint = ((this.pending[0]! & 0x0f) << 12) | ((this.pending[1]! & 0x3f) << 6) | (b & 0x3f);
      return escapeCodePoint(out, this.unshown(o, 6), codePoint);
    }
    for (let k = 0; k < length - 1; k++) out[o++] = this.pending[k]!;
    out[o++] = b;
    this.complex = true;
    // 2 and 3 bytes make one UTF-16 unit, 4 bytes a surrogate pair.
    this.extraBytes += length === 4 ? 2 : length - 1;
    return o;
  }

  /**
   * A byte with the top bit set (`b`, at `this.at` in the chunk) that a character begun cannot go on with: no continuation
   * byte (utf8_append, utf8.c:277-285), or one that makes an overlong form, a surrogate or a code point past U+10FFFF,
   * which mbtowc refuses (utf8_width, :221). tmux takes it and drops the character whole once it has its size; the
   * screen shows none of its bytes, which may have looked like a character. An empty range (lower > upper) marks
   * the character malformed, so its next bytes come here too.
   */
  private malformedCharacter(out: Buffer, o: number, b: number): number {
    this.pending[this.pendingLength++] = b;
    this.lower = 0x100;
    this.upper = 0;
    if (--this.need > 0) return o;
    return this.escapePending(out, o);
  }

  /**
   * The character begun is given up at the byte being read (`this.at`), as tmux gives it up there: its bytes are
   * escaped as read up to the byte before (see Perform.consumed).
   */
  private breakCharacter(out: Buffer, o: number): number {
    const at = this.at;
    this.at = at - 1;
    o = this.escapePending(out, o);
    this.at = at;
    return o;
  }

  private escapePending(out: Buffer, o: number): number {
    for (let k = 0; k < this.pendingLength; k++) o = escapeByte(out, this.unshown(o, 4), this.pending[k]!);
    this.pendingLength = 0;
    this.need = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
    return o;
  }

  /**
   * A parameter ends: tmux applies DECSET/DECRST to every parameter in turn,
   * and ignores one with sub-parameters (input_get gives -1 for it, input.c:1065),
   * so the screen switches if any plain parameter is 1049, 1047 or 47.
   */
  private endParam(): void {
    const index = this.paramIndex++;
    if (index >= MAX_PARAMS) this.discard = true;
    if (!this.currentSub) {
      if (this.overflow) this.discard = true;
      const value = this.current < 0 ? NO_NUMBER : this.current > MAX_PARAM ? MAX_PARAM : this.current;
      if (index === 0) this.param = value;
      else if (index === 1) this.param2 = value;
      if (this.marker === 0x3f && ALTERNATE_SCREEN_MODES.has(this.current) && index < MAX_PARAMS) this.screenModes.push(this.current);
      // Cheap first test: SGR parameters come by the million.
      if (this.current >= 3 && this.current <= 7 && this.modeCount < this.modes.length) {
        if (this.marker === 0 && this.current === 4) this.modes[this.modeCount++] = Mode.Insert;
        else if (this.marker === 0x3f && this.current !== 4 && this.current !== 5) this.modes[this.modeCount++] = 0x10000 + this.current;
      }
    }
    this.current = -1;
    this.currentSub = false;
    this.overflow = false;
  }

  /**
   * A CSI's final (tmux's input_csi_dispatch, input.c:1339): one tmux keeps is reported if it matters, and one it
   * also knows forgets REP's character, after a REP has taken it (:1635).
   */
  private endCsi(o: number, final: number): void {
    if (this.paramBytes > 0) this.endParam(); // tmux splits only a non-empty parameter string (input.c:1016)
    if (this.discard) return;
    if (!this.intermediates) this.dispatchCsi(o, final);
    if ((KNOWN_CSI[final]! & intermediateBit(this.csiIntermediate)) !== 0) this.last = -1;
  }

  /** Reports the CSI sequences that matter to the log. */
  private dispatchCsi(o: number, final: number): void {
    if ((final === 0x68 || final === 0x6c) && this.modeCount > 0) {
      for (let i = 0; i < this.modeCount; i++) this.op(o, OP_MODE, this.modes[i]!, final === 0x68 ? 1 : 0);
    }
    if (this.marker === 0) {
      if (REPORTED_CSI[final] !== 1) return;
      const read = final === Csi.EraseInDisplay && this.param === 3 ? 2 : PARAMS_READ[final]!;
      if ((this.subFirst && read >= 1) || (this.subSecond && read >= 2)) return;
      this.op(o, OP_CSI + final, this.param, final === 0x62 ? this.last : this.param2);
      // SCOSC and SCORC save and restore the character sets as DECSC and DECRC do (input.c:1570, :1579).
      if (final === Csi.SaveCursor) this.savedCharsets = this.charsets;
      else if (final === Csi.RestoreCursor) this.setCharsets(o, this.savedCharsets);
    } else if (this.marker === 0x3f && (final === 0x68 || final === 0x6c)) {
      for (const mode of this.screenModes) this.op(o, final === 0x68 ? OP_ENTER_ALTERNATE : OP_LEAVE_ALTERNATE, mode, -1);
    }
  }

  /** A byte of an OSC string: its number first; the body only of a semantic prompt. */
  private oscByte(b: number): void {
    if (this.oscKeep) {
      if (this.oscLength === MAX_OSC_BYTES) {
        this.oscTruncated = true;
        return;
      }
      const body = this.oscBody!;
      if (this.oscLength === body.length) {
        const grown = Buffer.allocUnsafe(Math.min(body.length * 4, MAX_OSC_BYTES));
        body.copy(grown, 0, 0, this.oscLength);
        this.oscBody = grown;
      }
      this.oscBody![this.oscLength++] = b;
    } else if (this.oscNumber < 0) return;
    else if (b >= 0x30 && b <= 0x39) this.oscNumber = this.oscNumber < 1000 ? this.oscNumber * 10 + (b - 0x30) : -1;
    else if (b === 0x3b && (this.oscNumber === 133 || this.oscNumber === 633)) {
      this.oscKeep = true;
      this.oscBody ??= Buffer.allocUnsafe(4096);
    }
    else this.oscNumber = -1;
  }

  /** An OSC string ended: a semantic prompt is reported at this point of the text. */
  private endOsc(o: number): void {
    if (!this.oscKeep) return;
    this.oscKeep = false;
    const index = this.oscBodies.push(this.oscBody!.toString('utf8', 0, this.oscLength)) - 1;
    this.op(o, this.oscTruncated ? OP_OSC + 1 : OP_OSC, this.oscNumber, index);
    this.oscNumber = -1;
    if (this.oscBody!.length > 64 * 1024) this.oscBody = undefined; // a rare long body is not held for good
  }
}
