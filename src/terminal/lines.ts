// Turns what the cleaner reports into the lines a person saw. A line is
// finished by LF. Within it, CR, BS and the line edits move a cursor and
// overwrite, as a terminal would, so a `\r` progress bar leaves only its last
// state and readline's backspace-and-retype leaves the corrected command.
// A CR right before LF (the pty's ONLCR) only moves the cursor, so it changes
// nothing that is emitted.

import { Csi, type Esc, type Perform } from './ansi.ts';

/**
 * Longest line kept whole, in UTF-16 code units. A longer one is written in
 * pieces of this size, each later piece marked as a continuation, so a line
 * without an end (a 50 MB blob, an endless spinner) never grows memory.
 */
export const MAX_LINE_CHARS = 16 * 1024;

/** Where finished lines go, and the switches of screen that set output aside. */
export interface LineSink {
  /** A finished line; `continued` marks a piece that carries on the previous one. */
  line(text: string, continued: boolean): void;
  /** A full-screen program switched to the alternate screen (true) or back (false). */
  screen(alternate: boolean): void;
  /** A cursor move was cut short at the pane's right edge: the pane may have been resized since its width was learnt. */
  clamped?(): void;
  /** A semantic-prompt string (OSC 133/633), in order with the lines: see Perform.osc. */
  osc?(command: number, data: string, truncated: boolean): void;
}

const LF = 0x0a;
const CR = 0x0d;
const BS = 0x08;

export class LineAssembler implements Perform {
  private text = '';
  private cursor = 0;
  private continued = false;
  /** The window's alternate-screen option is off: tmux ignores the switches, so does the line model. */
  ignoreScreenSwitches = false;
  /** In the alternate screen, output is a picture redrawn by cursor moves, not lines: it is set aside. */
  private alternate = false;
  /**
   * The pane's width: a cursor move stops at its right edge, as on the screen
   * (tmux, screen-write.c:915 CUF and :1268 CHA). Without it, `ESC[9999G`
   * would pad every line to thousands of blanks: a few bytes of output
   * amplified into megabytes of log, pushing history out through rotation.
   */
  private columns: number;

  constructor(
    private readonly sink: LineSink,
    private readonly maxChars = MAX_LINE_CHARS,
    columns?: number,
  ) {
    this.columns = maxChars;
    if (columns !== undefined) this.setColumns(columns);
  }

  /** The pane's width from now on (unknown or nonsense: only the line limit bounds the cursor). */
  setColumns(columns: number): void {
    this.columns = columns >= 1 ? Math.min(columns, this.maxChars) : this.maxChars;
  }

  /** The text of the line being drawn, not yet finished (a shell's prompt, when its input starts). */
  pendingText(): string {
    return this.text;
  }

  /** Starts the current line with text already on screen, the cursor after it. */
  seed(text: string): void {
    this.text = text;
    this.cursor = text.length;
  }

  /** Switches screens without a sequence in the stream: the pane was already there, or tmux switched it. */
  setAlternate(alternate: boolean): void {
    if (alternate === this.alternate) return;
    if (alternate && this.text.length > 0) this.emit();
    this.text = '';
    this.cursor = 0;
    this.alternate = alternate;
    this.sink.screen(alternate);
  }

  /** Writes at the cursor, overwriting what is there; past the end pads with blanks, as the screen shows. */
  print(part: string): void {
    if (this.alternate) return;
    const { text, cursor } = this;
    if (cursor === text.length) this.text = text.length === 0 ? part : text + part;
    else if (cursor > text.length) this.text = text + ' '.repeat(cursor - text.length) + part;
    else this.text = text.slice(0, cursor) + part + text.slice(cursor + part.length);
    this.cursor = cursor + part.length;
    if (this.text.length > this.maxChars) this.split();
  }

  execute(control: number): void {
    if (this.alternate) return;
    if (control === LF) this.emit();
    else if (control === CR) this.cursor = 0;
    else if (control === BS && this.cursor > 0) this.cursor--;
  }

  csi(final: Csi, param: number): void {
    if (this.alternate) return;
    const count = param > 0 ? param : 1;
    switch (final) {
      case Csi.EraseInLine:
        if (param <= 0) this.text = this.text.slice(0, this.cursor);
        else if (param === 1) {
          const upto = Math.min(this.cursor + 1, this.text.length);
          this.text = ' '.repeat(upto) + this.text.slice(upto);
        } else this.text = '';
        break;
      case Csi.CursorForward: {
        // Up to the right edge, never back: text already printed past it wrapped on the screen.
        const target = this.cursor + count;
        this.cursor = Math.min(target, Math.max(this.cursor, this.columns - 1));
        if (this.cursor < target) this.sink.clamped?.();
        break;
      }
      case Csi.CursorBackward:
        this.cursor = Math.max(0, this.cursor - count);
        break;
      case Csi.CursorColumn:
      case Csi.CursorColumnAbsolute:
        this.cursor = Math.min(count - 1, this.columns - 1);
        if (this.cursor < count - 1) this.sink.clamped?.();
        break;
    }
    // A runaway cursor must not make the padding unbounded.
    if (this.cursor > this.maxChars) this.cursor = this.maxChars;
  }

  esc(_final: Esc): void {}

  screen(alternate: boolean): void {
    if (!this.ignoreScreenSwitches) this.setAlternate(alternate);
  }

  osc(command: number, data: string, truncated: boolean): void {
    this.sink.osc?.(command, data, truncated);
  }

  /** Emits what is left of an unfinished line (end of stream). */
  finish(): void {
    if (this.text.length > 0) this.emit();
  }

  private split(): void {
    while (this.text.length > this.maxChars) {
      let cut = this.maxChars;
      const last = this.text.charCodeAt(cut - 1);
      if (last >= 0xd800 && last <= 0xdbff) cut--; // keep surrogate pairs whole
      this.sink.line(this.text.slice(0, cut), this.continued);
      this.continued = true;
      this.text = this.text.slice(cut);
      this.cursor = Math.max(0, this.cursor - cut);
    }
  }

  private emit(): void {
    this.sink.line(this.text, this.continued);
    this.text = '';
    this.cursor = 0;
    this.continued = false;
  }
}
