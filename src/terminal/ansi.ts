// Byte-level escape-sequence cleaner, after the DEC ANSI parser diagram
// (https://vt100.net/emu/dec_ansi_parser), the same state layout alacritty/vte uses.
// It keeps no meaning of its own: it passes printable bytes through, keeps the
// few controls that shape a line (LF, CR, BS, TAB), and re-encodes the handful of
// CSI sequences that edit the current line (EL, CUF, CUB, CHA) as a compact
// "line op" that `lines.ts` applies. Everything else — SGR colours, private modes
// such as bracketed paste, OSC titles and clipboard writes, DCS/APC/PM/SOS
// strings, charset designations — is dropped.
//
// It also validates UTF-8 (Unicode 15, table 3-7): a character split across
// reads waits in a 3-byte field until it is whole, and every byte that is not
// part of a well-formed character is written as the text `\xNN`, so binary
// output is accounted for byte by byte and the output is always valid UTF-8.
// C1 controls (U+0080–U+009F) are written as `\u00NN`: no terminal reading the
// log later may take them for CSI or OSC.
//
// All state that spans reads lives in fields, so a sequence split across two
// chunks is handled exactly like one that arrives whole. String bodies (OSC,
// DCS, ...) are skipped, never buffered, so an unterminated one costs no memory.

/** Marks a line op in the cleaned stream: ESC, the CSI final byte, decimal parameter, ';'. */
export const LINE_OP = 0x1b;

/**
 * Entering and leaving the alternate screen (DECSET/DECRST 1049, 1047, 47:
 * what full-screen programs such as vim, less and top use) survive cleaning as
 * ESC 'a' ';' and ESC 'n' ';', so the line assembler can set such output aside.
 */
export const ALTERNATE_SCREEN = 0x61;
export const NORMAL_SCREEN = 0x6e;
const ALTERNATE_SCREEN_MODES = new Set([1049, 1047, 47]);

/** The CSI finals that edit the current line, and therefore survive cleaning. */
const LINE_OP_FINALS = new Set([
  0x4b, // K  EL  erase in line
  0x43, // C  CUF cursor forward
  0x44, // D  CUB cursor backward
  0x47, // G  CHA cursor horizontal absolute
]);

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

/** Largest parameter kept; terminals clamp too, and it bounds the encoded op's length. */
const MAX_PARAM = 9999;

function keepsControl(byte: number): boolean {
  return byte === 0x0a || byte === 0x0d || byte === 0x08 || byte === 0x09;
}

const HEX = '0123456789abcdef';

/** Writes `\xNN` for a byte that is not part of valid UTF-8. */
function escapeByte(out: Buffer, o: number, byte: number): number {
  out[o] = 0x5c;
  out[o + 1] = 0x78;
  out[o + 2] = HEX.charCodeAt(byte >> 4);
  out[o + 3] = HEX.charCodeAt(byte & 15);
  return o + 4;
}

/** Writes `\u00NN` for a C1 control character (U+0080–U+009F). */
function escapeC1(out: Buffer, o: number, codePoint: number): number {
  out[o] = 0x5c;
  out[o + 1] = 0x75;
  out[o + 2] = 0x30;
  out[o + 3] = 0x30;
  out[o + 4] = HEX.charCodeAt(codePoint >> 4);
  out[o + 5] = HEX.charCodeAt(codePoint & 15);
  return o + 6;
}

export class EscapeCleaner {
  private state = State.Ground;
  /** First CSI parameter, or -1 when none was given. */
  private param = -1;
  /** Only the first parameter matters for the line ops; later ones are skipped. */
  private paramIndex = 0;
  /** The private marker (`?`, `>`, ...) of this CSI, or 0; with intermediates, a CSI we never apply. */
  private marker = 0;
  private intermediates = false;
  /** Bytes of an unfinished UTF-8 character (at most 3), how many more it needs, and the range of the next. */
  private readonly pending = new Uint8Array(3);
  private pendingLength = 0;
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private out: Buffer = Buffer.allocUnsafe(64 * 1024);

  /**
   * Cleans one chunk into valid UTF-8 text plus line ops. The result is a view
   * into a buffer reused by the next call: consume it before calling again.
   */
  clean(chunk: Uint8Array): Buffer {
    // Worst case: every byte escaped as `\xNN`, plus a line op begun in the
    // previous chunk (7 bytes) and the pending bytes of a broken character.
    const room = chunk.length * 4 + 24;
    if (this.out.length < room) this.out = Buffer.allocUnsafe(room);
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
          else if (b === ESC) state = State.Escape;
          else if (keepsControl(b)) out[o++] = b;
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
          if (b < 0x20) {
            if (keepsControl(b)) out[o++] = b;
          } else if (b === 0x5b) {
            state = State.CsiEntry;
            this.param = -1;
            this.paramIndex = 0;
            this.marker = 0;
            this.intermediates = false;
          } else if (b === 0x5d) state = State.OscString;
          else if (b === 0x50 || b === 0x58 || b === 0x5e || b === 0x5f) state = State.IgnoredString;
          else if (b >= 0x20 && b <= 0x2f) state = State.EscapeIntermediate;
          else if (b !== DEL) state = State.Ground; // esc_dispatch: nothing we apply
          break;
        case State.EscapeIntermediate:
          if (b < 0x20) {
            if (keepsControl(b)) out[o++] = b;
          } else if (b >= 0x30 && b !== DEL) state = State.Ground;
          break;
        case State.CsiEntry:
        case State.CsiParam:
          if (b < 0x20) {
            if (keepsControl(b)) out[o++] = b;
          } else if (b >= 0x30 && b <= 0x39) {
            state = State.CsiParam;
            if (this.paramIndex === 0) {
              const next = (this.param < 0 ? 0 : this.param) * 10 + (b - 0x30);
              this.param = next > MAX_PARAM ? MAX_PARAM : next;
            }
          } else if (b === 0x3b || b === 0x3a) {
            state = State.CsiParam;
            this.paramIndex++;
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
            if (!this.intermediates) o = this.dispatchCsi(out, o, b);
            state = State.Ground;
          }
          break;
        case State.CsiIntermediate:
          if (b < 0x20) {
            if (keepsControl(b)) out[o++] = b;
          } else if (b >= 0x30 && b <= 0x3f) state = State.CsiIgnore;
          else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
          break;
        case State.CsiIgnore:
          if (b < 0x20) {
            if (keepsControl(b)) out[o++] = b;
          } else if (b >= 0x40 && b <= 0x7e) state = State.Ground;
          break;
        case State.OscString:
          if (b === BEL) state = State.Ground;
          break;
        case State.IgnoredString:
          break;
      }
    }
    this.state = state;
    return out.subarray(0, o);
  }

  /** End of stream: an unfinished character is written as escaped bytes. */
  end(): Buffer {
    const out = Buffer.allocUnsafe(16);
    return out.subarray(0, this.escapePending(out, 0));
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
    if (length === 2 && this.pending[0] === 0xc2 && b <= 0x9f) return escapeC1(out, o, b);
    for (let k = 0; k < length - 1; k++) out[o++] = this.pending[k]!;
    out[o++] = b;
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

  /** Keeps the few CSI sequences that matter to the log, as ops; no op is longer than its CSI. */
  private dispatchCsi(out: Buffer, o: number, final: number): number {
    if (this.marker === 0 && LINE_OP_FINALS.has(final)) return this.encodeLineOp(out, o, final);
    if (this.marker === 0x3f && (final === 0x68 || final === 0x6c) && ALTERNATE_SCREEN_MODES.has(this.param)) {
      out[o++] = LINE_OP;
      out[o++] = final === 0x68 ? ALTERNATE_SCREEN : NORMAL_SCREEN;
      out[o++] = 0x3b;
    }
    return o;
  }

  /** ESC final digits ';' — no longer than the CSI it replaces (ESC '[' ... final). */
  private encodeLineOp(out: Buffer, o: number, final: number): number {
    out[o++] = LINE_OP;
    out[o++] = final;
    if (this.param >= 0) o += out.write(String(this.param), o, 'latin1');
    out[o++] = 0x3b;
    return o;
  }
}
