// Byte-level escape-sequence cleaner, after the DEC ANSI parser diagram
// (https://vt100.net/emu/dec_ansi_parser), the same state layout alacritty/vte uses.
// Like vte's parser it assigns no meaning of its own: it reports what it finds to
// a `Perform` — runs of printable text, the controls that shape a line (LF, CR,
// BS; TAB stays in the text), the handful of CSI sequences that edit the current
// line (EL, CUF, CUB, CHA) and switches of the alternate screen. Everything else
// — SGR colours, private modes such as bracketed paste, OSC titles and clipboard
// writes, DCS/APC/PM/SOS strings, charset designations — is dropped.
//
// It also validates UTF-8 (Unicode 15, table 3-7): a character split across
// reads waits in a 3-byte field until it is whole, and every byte that is not
// part of a well-formed character is written as the text `\xNN`, so binary
// output is accounted for byte by byte and the text is always valid UTF-8.
// C1 controls (U+0080–U+009F) are written as `\u00NN`: no terminal reading the
// log later may take them for CSI or OSC. U+2028, U+2029 and the bidi controls
// are written as `\u2028` etc.: no tool may see two lines in one, or text
// reordered.
//
// All state that spans reads lives in fields, so a sequence split across two
// chunks is handled exactly like one that arrives whole. String bodies (OSC,
// DCS, ...) are skipped, never buffered, so an unterminated one costs no memory.
//
// Speed: printable bytes are gathered into one reused buffer and decoded once
// per chunk; the controls found on the way are kept in typed arrays (position in
// the decoded text, what, parameter) and reported after the decode, with the
// text between them as string slices. One decode per chunk instead of one per
// line keeps a flood of short lines cheap.

/** The CSI sequences that edit the current line; their final byte. */
export const enum LineEdit {
  /** EL: 0 cursor→end, 1 start→cursor, 2 whole line. */
  EraseInLine = 0x4b,
  /** CUF */
  CursorForward = 0x43,
  /** CUB */
  CursorBackward = 0x44,
  /** CHA (1-based column) */
  CursorColumn = 0x47,
}

/** What the cleaner reports, in stream order (vte's `Perform`, cut down to what a log needs). */
export interface Perform {
  /** A run of printable text: valid UTF-8 decoded, no control character but TAB. */
  print(text: string): void;
  /** LF, CR or BS. */
  execute(control: number): void;
  /** A line edit; `param` is the first CSI parameter, or -1 when none was given. */
  lineEdit(edit: LineEdit, param: number): void;
  /** DECSET/DECRST 1049, 1047 or 47: a full-screen program entered (true) or left (false) the alternate screen. */
  screen(alternate: boolean): void;
}

const ALTERNATE_SCREEN_MODES = new Set([1049, 1047, 47]);

/** The CSI finals that edit the current line. */
const LINE_EDIT_FINALS = new Set<number>([LineEdit.EraseInLine, LineEdit.CursorForward, LineEdit.CursorBackward, LineEdit.CursorColumn]);

/** Op codes in the per-chunk op list: a C0 control is its own byte; these are above any byte. */
const OP_LINE_EDIT = 0x100;
const OP_ENTER_ALTERNATE = 0x200;
const OP_LEAVE_ALTERNATE = 0x201;

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
  /** DCS, SOS, PM, APC: end at ST only. */
  IgnoredString,
}

const ESC = 0x1b;
const CAN = 0x18;
const SUB = 0x1a;
const BEL = 0x07;
const DEL = 0x7f;

/** Largest parameter kept; terminals clamp too. */
const MAX_PARAM = 9999;

const LF = 0x0a;
const CR = 0x0d;
const BS = 0x08;
const TAB = 0x09;
const VT = 0x0b;
const FF = 0x0c;

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
 * Writes `\uNNNN` for a character that must not reach the log as itself: a C1
 * control (U+0080–U+009F), or one that splits or reorders a line (see
 * isLineBreakOrBidi). Six ASCII bytes, six UTF-16 units: no offset bookkeeping.
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
 * overrides U+202A–U+202E, isolates U+2066–U+2069). U+0085 is C1. As UTF-8:
 * E2 80 A8–AE and E2 81 A6–A9.
 */
function isLineBreakOrBidi(b0: number, b1: number, b2: number): boolean {
  return b0 === 0xe2 && ((b1 === 0x80 && b2 >= 0xa8 && b2 <= 0xae) || (b1 === 0x81 && b2 >= 0xa6 && b2 <= 0xa9));
}

export class EscapeCleaner {
  private state = State.Ground;
  /** First CSI parameter, or -1 when none was given. */
  private param = -1;
  /** Only the first parameter matters for the line edits; later ones are skipped. */
  private paramIndex = 0;
  /** The parameter being read, whether it has sub-parameters (`:`), and whether a finished one is a screen mode. */
  private current = -1;
  private currentSub = false;
  private switchesScreen = false;
  /** The private marker (`?`, `>`, ...) of this CSI, or 0; with intermediates, a CSI we never apply. */
  private marker = 0;
  private intermediates = false;
  /** Bytes of an unfinished UTF-8 character (at most 3), how many more it needs, and the range of the next. */
  private readonly pending = new Uint8Array(3);
  private pendingLength = 0;
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  /** Printable text of the chunk being cleaned, as UTF-8. */
  private out: Buffer = Buffer.allocUnsafe(64 * 1024);
  /**
   * UTF-8 bytes in `out` beyond one UTF-16 unit per character so far in this
   * chunk: an op's byte offset minus this is its offset in the decoded text.
   */
  private extraBytes = 0;
  /** The chunk's ops: offset in the decoded text, op code, parameter. At most one per input byte. */
  private opAt = new Int32Array(1024);
  private opCode = new Int32Array(1024);
  private opParam = new Int32Array(1024);
  private ops = 0;

  /** Cleans one chunk, reporting what it holds to `perform` in stream order. */
  advance(chunk: Uint8Array, perform: Perform): void {
    // Worst case: every byte escaped as `\xNN`, plus the pending bytes of a broken character.
    const room = chunk.length * 4 + 24;
    if (this.out.length < room) this.out = Buffer.allocUnsafe(room);
    if (this.opAt.length < chunk.length + 1) {
      const size = chunk.length + 1;
      this.opAt = new Int32Array(size);
      this.opCode = new Int32Array(size);
      this.opParam = new Int32Array(size);
    }
    this.ops = 0;
    this.extraBytes = 0;
    const out = this.out;
    let o = 0;
    let state = this.state;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      if (state === State.Ground) {
        if (this.need > 0) {
          if (b >= this.lower && b <= this.upper) {
            o = this.continueCharacter(out, o, b);
            continue;
          }
          o = this.escapePending(out, o); // a broken character; `b` starts afresh
        }
        if (b < 0x80) {
          if (b >= 0x20 && b !== DEL) out[o++] = b;
          else if (b === LF) {
            // The commonest op by far, recorded inline.
            const k = this.ops++;
            this.opAt[k] = o - this.extraBytes;
            this.opCode[k] = LF;
          } else if (b === ESC) state = State.Escape;
          else o = this.control(out, o, b);
        } else o = this.startCharacter(out, o, b);
        continue;
      }
      // "anywhere" transitions of the diagram, shared by every state.
      if (b === ESC) {
        state = State.Escape;
        continue;
      }
      if (b === CAN || b === SUB) {
        state = State.Ground;
        continue;
      }
      switch (state) {
        case State.Escape:
          if (b < 0x20) o = this.control(out, o, b);
          else if (b === 0x5b) {
            state = State.CsiEntry;
            this.param = -1;
            this.paramIndex = 0;
            this.current = -1;
            this.currentSub = false;
            this.switchesScreen = false;
            this.marker = 0;
            this.intermediates = false;
          } else if (b === 0x5d) state = State.OscString;
          else if (b === 0x50 || b === 0x58 || b === 0x5e || b === 0x5f) state = State.IgnoredString;
          else if (b >= 0x20 && b <= 0x2f) state = State.EscapeIntermediate;
          else if (b !== DEL) state = State.Ground; // esc_dispatch: nothing we apply
          break;
        case State.EscapeIntermediate:
          if (b < 0x20) o = this.control(out, o, b);
          else if (b >= 0x30 && b !== DEL) state = State.Ground;
          break;
        case State.CsiEntry:
        case State.CsiParam:
          if (b < 0x20) o = this.control(out, o, b);
          else if (b >= 0x30 && b <= 0x39) {
            state = State.CsiParam;
            if (this.paramIndex === 0) {
              const next = (this.param < 0 ? 0 : this.param) * 10 + (b - 0x30);
              this.param = next > MAX_PARAM ? MAX_PARAM : next;
            }
            // Every parameter matters only to DECSET/DECRST (`?`): SGR's many are not looked at.
            if (this.marker === 0x3f) {
              const current = (this.current < 0 ? 0 : this.current) * 10 + (b - 0x30);
              this.current = current > MAX_PARAM ? MAX_PARAM : current;
            }
          } else if (b === 0x3b || b === 0x3a) {
            state = State.CsiParam;
            this.paramIndex++;
            if (this.marker === 0x3f) {
              if (b === 0x3b) this.endParam();
              else this.currentSub = true;
            }
          } else if (b >= 0x3c && b <= 0x3f) {
            // A private marker is legal only first; later it makes the sequence invalid.
            if (state === State.CsiParam) state = State.CsiIgnore;
            else {
              this.marker = b;
              state = State.CsiParam;
            }
          } else if (b >= 0x20 && b <= 0x2f) {
            this.intermediates = true;
            state = State.CsiIntermediate;
          } else if (b >= 0x40 && b <= 0x7e) {
            if (this.marker === 0x3f) this.endParam();
            if (!this.intermediates) this.dispatchCsi(o, b);
            state = State.Ground;
          }
          break;
        case State.CsiIntermediate:
          if (b < 0x20) o = this.control(out, o, b);
          else if (b >= 0x30 && b <= 0x3f) state = State.CsiIgnore;
          else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
          break;
        case State.CsiIgnore:
          if (b < 0x20) o = this.control(out, o, b);
          else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
          break;
        case State.OscString:
          if (b === BEL) state = State.Ground;
          break;
        case State.IgnoredString:
          break;
      }
    }
    this.state = state;
    this.report(o, perform);
  }

  /** End of stream: an unfinished character is reported as escaped bytes. */
  end(perform: Perform): void {
    this.ops = 0;
    this.extraBytes = 0;
    this.report(this.escapePending(this.out, 0), perform);
  }

  /** Decodes the chunk's text once and reports it, cut at the ops, in order. */
  private report(length: number, perform: Perform): void {
    if (length === 0 && this.ops === 0) return;
    const text = this.out.toString('utf8', 0, length);
    let from = 0;
    for (let k = 0; k < this.ops; k++) {
      const at = this.opAt[k]!;
      if (at > from) perform.print(text.slice(from, at));
      from = at;
      const code = this.opCode[k]!;
      if (code < OP_LINE_EDIT) perform.execute(code);
      else if (code < OP_ENTER_ALTERNATE) perform.lineEdit((code - OP_LINE_EDIT) as LineEdit, this.opParam[k]!);
      else perform.screen(code === OP_ENTER_ALTERNATE);
    }
    if (from < text.length) perform.print(from === 0 ? text : text.slice(from));
  }

  private op(o: number, code: number, param: number): void {
    const k = this.ops++;
    this.opAt[k] = o - this.extraBytes;
    this.opCode[k] = code;
    this.opParam[k] = param;
  }

  /** A C0 control: TAB stays in the text, LF/CR/BS are reported, the rest are dropped. */
  private control(out: Buffer, o: number, b: number): number {
    if (b === TAB) out[o++] = b;
    else if (b === LF || b === CR || b === BS) this.op(o, b, -1);
    // tmux moves down a line on VT and FF as on LF (input.c:1233-1235): the line they leave is finished.
    else if (b === VT || b === FF) this.op(o, LF, -1);
    return o;
  }

  /**
   * A byte >= 0x80 outside a character. UTF-8 lead bytes start one (0x80–0x9F
   * are continuation bytes here, never C1 controls, as in vte's UTF-8 mode);
   * anything else is escaped.
   */
  private startCharacter(out: Buffer, o: number, b: number): number {
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
    } else return escapeByte(out, o, b);
    this.pending[0] = b;
    this.pendingLength = 1;
    this.need = need;
    this.lower = lower;
    this.upper = upper;
    return o;
  }

  private continueCharacter(out: Buffer, o: number, b: number): number {
    this.pending[this.pendingLength++] = b;
    this.lower = 0x80;
    this.upper = 0xbf;
    if (--this.need > 0) return o;
    const length = this.pendingLength;
    this.pendingLength = 0;
    if (length === 2 && this.pending[0] === 0xc2 && b <= 0x9f) return escapeCodePoint(out, o, b);
    if (length === 3 && isLineBreakOrBidi(this.pending[0]!, this.pending[1]!, b)) {
      return escapeCodePoint(out, o, ((this.pending[0]! & 0x0f) << 12) | ((this.pending[1]! & 0x3f) << 6) | (b & 0x3f));
    }
    for (let k = 0; k < length - 1; k++) out[o++] = this.pending[k]!;
    out[o++] = b;
    // 2 and 3 bytes make one UTF-16 unit, 4 bytes a surrogate pair.
    this.extraBytes += length === 4 ? 2 : length - 1;
    return o;
  }

  private escapePending(out: Buffer, o: number): number {
    for (let k = 0; k < this.pendingLength; k++) o = escapeByte(out, o, this.pending[k]!);
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
    if (!this.currentSub && ALTERNATE_SCREEN_MODES.has(this.current)) this.switchesScreen = true;
    this.current = -1;
    this.currentSub = false;
  }

  /** Reports the few CSI sequences that matter to the log. */
  private dispatchCsi(o: number, final: number): void {
    if (this.marker === 0 && LINE_EDIT_FINALS.has(final)) this.op(o, OP_LINE_EDIT + final, this.param);
    else if (this.marker === 0x3f && (final === 0x68 || final === 0x6c) && this.switchesScreen) {
      this.op(o, final === 0x68 ? OP_ENTER_ALTERNATE : OP_LEAVE_ALTERNATE, -1);
    }
  }
}
