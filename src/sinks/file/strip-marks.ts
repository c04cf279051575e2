// The shell's marks taken out of the raw stream before it is kept (the cast,
// sinks/file/cast.ts). Every OSC 133 mark the plugin's shell integration
// prints carries the shell's nonce (`k=`, shell/integration.bash:115,136);
// whoever reads it can forge `verified=yes` commands, so the log blanks it
// (capture/commands.ts) and the cast must not hold it either.
//
// The whole string is dropped, from `ESC ] 133;` (or VS Code's 633) to its
// end, rather than only the value of `k=`: a terminal shows nothing for these
// strings (tmux has no case for them, input.c:2271 input_exit_osc), so a
// replay loses nothing; what they say (the command line, cwd, exit status) is
// in the log already; and dropping needs no reading of fields, so no parser
// difference (a field split, a percent escape) can let a value through.
//
// It matches the bytes wherever they are, not only where a terminal would
// start an OSC: hostile output that opens a DCS or an unfinished OSC before
// the prompt makes a terminal read the shell's mark as part of that string,
// but the nonce is still in the bytes. A string ends at BEL, ESC (`ESC \` is
// ST, dropped with it; any other ESC starts a new sequence, which may be the
// next mark), CAN or SUB, the ends tmux knows (input.c:2277); the shell's
// values are percent-encoded (shell/integration.bash:41), so none of these
// occurs inside a mark. Marks split across chunks anywhere are handled: only
// a possible start (ESC, `ESC ]`, `ESC ] 13`) is held back, a few bytes.
// A mark left open is not ended after tmux's 5 s (input.c:739-757), though
// the log's parser does so: two halves of the shell's own mark arriving 5 s
// apart (a stalled write) would then let the nonce through. The cost: plain
// text a program prints after an `ESC ] 133;` it never ends, up to the next
// ESC or BEL (any colour, the next prompt), is in the log but not the cast.

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;

/** Bytes of a possible mark start held back at most: `ESC ]`, the number (with the C0 a terminal skips in it) and `;`. */
const MAX_START = 32;

const enum State {
  Ground,
  /** After ESC: `]` may start a mark. */
  Escape,
  /** After `ESC ]`: the number is being read. */
  Start,
  /** Inside a mark: dropped. */
  Mark,
  /** ESC inside a mark: `\` ends it (ST, dropped); anything else ends it and is read as after ESC. */
  MarkEscape,
}

export class MarkStripper {
  private state = State.Ground;
  /** The held start (ESC, `ESC ]`, digits): written when it turns out not to be a mark. */
  private readonly held = Buffer.alloc(MAX_START);
  private heldLength = 0;
  private number = 0;

  /** The chunk without marks: a copy, or the chunk itself when it has nothing to drop or hold. */
  push(chunk: Uint8Array): Buffer {
    if (this.state === State.Ground && chunk.indexOf(ESC) < 0) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out = Buffer.allocUnsafe(chunk.length + this.heldLength);
    let o = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Ground:
          if (b === ESC) this.hold(State.Escape, b);
          else out[o++] = b;
          break;
        case State.Escape:
        case State.MarkEscape:
          if (b === 0x5c && this.state === State.MarkEscape) {
            this.state = State.Ground;
            this.heldLength = 0;
          } else if (b === 0x5d) {
            this.held[this.heldLength++] = b;
            this.state = State.Start;
            this.number = 0;
          } else {
            // Not a mark (nor its end): the held ESC is written and the byte read again from ground (it may be ESC).
            o = this.release(out, o);
            this.state = State.Ground;
            i--;
          }
          break;
        case State.Start:
          if (b >= 0x30 && b <= 0x39 && this.heldLength < MAX_START) {
            this.held[this.heldLength++] = b;
            this.number = Math.min(this.number * 10 + (b - 0x30), 100_000);
          } else if (b === 0x3b && (this.number === 133 || this.number === 633)) {
            this.heldLength = 0;
            this.state = State.Mark;
          } else if (b < 0x20 && b !== ESC && b !== BEL && b !== CAN && b !== SUB && this.heldLength < MAX_START) {
            this.held[this.heldLength++] = b; // skipped by a terminal inside the number (input.c:681)
          } else {
            o = this.release(out, o);
            this.state = State.Ground;
            i--;
          }
          break;
        case State.Mark:
          if (b === ESC) this.hold(State.MarkEscape, b);
          else if (b === BEL || b === CAN || b === SUB) this.state = State.Ground;
          break;
      }
    }
    return out.subarray(0, o);
  }

  /** End of stream: a held start that never became a mark. */
  end(): Buffer {
    const rest = this.state === State.Escape || this.state === State.Start || this.state === State.MarkEscape ? Buffer.from(this.held.subarray(0, this.heldLength)) : Buffer.alloc(0);
    this.heldLength = 0;
    this.state = State.Ground;
    return rest;
  }

  private hold(state: State, b: number): void {
    this.state = state;
    this.heldLength = 0;
    this.held[this.heldLength++] = b;
  }

  private release(out: Buffer, o: number): number {
    // `out` was sized for the chunk plus what was held before it; what is held now came from this chunk or before it.
    if (o + this.heldLength > out.length) throw new Error('mark stripper overflow');
    this.held.copy(out, o, 0, this.heldLength);
    o += this.heldLength;
    this.heldLength = 0;
    return o;
  }
}
