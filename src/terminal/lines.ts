// Turns the cleaned, decoded text stream into the lines a person saw.
// A line is finished by LF. Within it, CR, BS and the line ops that `ansi.ts`
// keeps move a cursor and overwrite, as a terminal would, so a `\r` progress bar
// leaves only its last state and readline's backspace-and-retype leaves the
// corrected command.

import { ALTERNATE_SCREEN, LINE_OP, NORMAL_SCREEN } from './ansi.ts';

/**
 * Longest line kept whole, in UTF-16 code units. A longer one is written in
 * pieces of this size, each later piece marked as a continuation, so a line
 * without an end (a 50 MB blob, an endless spinner) never grows memory.
 */
export const MAX_LINE_CHARS = 16 * 1024;

/** Receives each finished line; `continued` marks a piece that carries on the previous one. */
export type LineSink = (text: string, continued: boolean) => void;
/** Told when a full-screen program switches to the alternate screen (true) and back (false). */
export type ScreenSink = (alternate: boolean) => void;

const LEAVE_ALTERNATE = `\x1b${String.fromCharCode(NORMAL_SCREEN)};`;

const CR = 0x0d;
const BS = 0x08;
const OP = LINE_OP;

/** Anything that needs the cursor model; a CR directly before LF changes nothing visible (ONLCR). */
const EDIT = /\r(?!\n)|[\b\x1b]/g;

export class LineAssembler {
  private line = '';
  private cursor = 0;
  private continued = false;
  /** In the alternate screen, output is a picture redrawn by cursor moves, not lines: it is set aside. */
  private alternate = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxChars = MAX_LINE_CHARS,
    private readonly onScreen: ScreenSink = () => {},
  ) {}

  /** Starts the current line with text already on screen, the cursor after it. */
  seed(text: string): void {
    this.line = text;
    this.cursor = text.length;
  }

  /** Switches screens without a sequence in the stream: the pane was already there, or tmux switched it. */
  setAlternate(alternate: boolean): void {
    if (alternate === this.alternate) return;
    if (alternate && this.line.length > 0) this.emit();
    this.line = '';
    this.cursor = 0;
    this.alternate = alternate;
    this.onScreen(alternate);
  }

  /** Feeds cleaned text (see ansi.ts); line ops must arrive whole, as the cleaner emits them. */
  push(text: string): void {
    let start = 0;
    while (start < text.length) {
      if (!this.alternate) {
        start = this.pushLines(text, start);
        continue;
      }
      const leave = text.indexOf(LEAVE_ALTERNATE, start);
      if (leave < 0) return;
      this.setAlternate(false);
      start = leave + LEAVE_ALTERNATE.length;
    }
  }

  /** Lines from `from` on; stops early, returning where, when the alternate screen begins. */
  private pushLines(text: string, from: number): number {
    const n = text.length;
    let nextEdit = this.findEdit(text, from);
    let start = from;
    while (start < n) {
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? n : newline;
      const body = newline >= 0 && end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      if (body > start) {
        if (nextEdit >= body && this.cursor === this.line.length) this.append(text.slice(start, body));
        else {
          const stop = this.edit(text, start, body);
          if (stop >= 0) return stop;
        }
      }
      if (newline < 0) break;
      this.emit();
      start = newline + 1;
      if (nextEdit < start) nextEdit = this.findEdit(text, start);
    }
    return n;
  }

  /** Emits what is left of an unfinished line (end of stream). */
  finish(): void {
    if (this.line.length > 0) this.emit();
  }

  private findEdit(text: string, from: number): number {
    EDIT.lastIndex = from;
    const found = EDIT.exec(text);
    return found ? found.index : text.length;
  }

  private append(part: string): void {
    this.line = this.line.length === 0 ? part : this.line + part;
    this.cursor = this.line.length;
    if (this.line.length > this.maxChars) this.split();
  }

  /** Applies text with cursor movement; returns where it stopped if the alternate screen began, else -1. */
  private edit(text: string, from: number, to: number): number {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === CR) {
        this.cursor = 0;
        i++;
      } else if (c === BS) {
        if (this.cursor > 0) this.cursor--;
        i++;
      } else if (c === OP) {
        const end = text.indexOf(';', i + 2);
        const final = text.charCodeAt(i + 1);
        const param = end > i + 2 ? Number(text.slice(i + 2, end)) : -1;
        i = end + 1;
        if (final === ALTERNATE_SCREEN) {
          this.setAlternate(true);
          return i;
        }
        this.applyOp(final, param);
      } else {
        let j = i + 1;
        while (j < to) {
          const d = text.charCodeAt(j);
          if (d === CR || d === BS || d === OP) break;
          j++;
        }
        this.write(text.slice(i, j));
        i = j;
      }
    }
    return -1;
  }

  /** Writes at the cursor, overwriting what is there; past the end pads with blanks, as the screen shows. */
  private write(part: string): void {
    const { line, cursor } = this;
    if (cursor === line.length) this.line = line + part;
    else if (cursor > line.length) this.line = line + ' '.repeat(cursor - line.length) + part;
    else this.line = line.slice(0, cursor) + part + line.slice(cursor + part.length);
    this.cursor = cursor + part.length;
    if (this.line.length > this.maxChars) this.split();
  }

  private applyOp(final: number, param: number): void {
    const count = param > 0 ? param : 1;
    switch (final) {
      case 0x4b: // EL: 0 cursor→end, 1 start→cursor, 2 whole line
        if (param <= 0) this.line = this.line.slice(0, this.cursor);
        else if (param === 1) {
          const upto = Math.min(this.cursor + 1, this.line.length);
          this.line = ' '.repeat(upto) + this.line.slice(upto);
        } else this.line = '';
        break;
      case 0x43: // CUF
        this.cursor += count;
        break;
      case 0x44: // CUB
        this.cursor = Math.max(0, this.cursor - count);
        break;
      case 0x47: // CHA (1-based column)
        this.cursor = count - 1;
        break;
    }
    // A runaway cursor must not make the padding unbounded.
    if (this.cursor > this.maxChars) this.cursor = this.maxChars;
  }

  private split(): void {
    while (this.line.length > this.maxChars) {
      let cut = this.maxChars;
      const last = this.line.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut--; // keep surrogate pairs whole
      this.sink(this.line.slice(0, cut), this.continued);
      this.continued = true;
      this.line = this.line.slice(cut);
      this.cursor = Math.max(0, this.cursor - cut);
    }
  }

  private emit(): void {
    this.sink(this.line, this.continued);
    this.line = '';
    this.cursor = 0;
    this.continued = false;
  }
}
