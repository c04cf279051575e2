// When the reader should wait before its next read: a pure decision, so that
// the rule is tested apart from the socket (runtime/input.ts applies it).
//
// tmux writes a pane's output to the pipe as it reads it from the pty, 4–8 KB at
// a time (window.c:998, one bufferevent write per pty read). A reader that is
// always ready takes each piece on its own: one wake-up, one read, one trip
// through the cleaner and the writer per 4–8 KB, and on 2 cores that CPU is taken
// from tmux, which then slows the pane (BENCHMARKS.md). Waiting a moment after
// a large read lets the pieces gather in the socket, so the next read takes
// tens of KB for the same one wake-up. What arrives meanwhile waits in the
// socket's kernel buffer, then in tmux's own (window.c:1008, no limit): the wait
// is short and bounded, and skipped when a read shows a backlog, so tmux's
// memory stays flat. A small read is interactive output or a trickle: the next
// one is taken at once, so latency does not change.

/** The reader's one buffer: large enough that a read after a wait takes all that gathered. */
export const READ_BUFFER_BYTES = 1024 * 1024;

/**
 * Reads smaller than this are not a flood: read again at once. Below tmux's
 * piece under a flood (a pty read: 4095 bytes, strace in the pipe-pane notes),
 * above a prompt or a typed line's echo.
 */
export const PACE_MIN_BYTES = 2048;

/**
 * Reads this large or larger took what had gathered, or found a backlog (the
 * socket's buffer full): read again at once, so a backlog drains at full speed
 * and tmux never keeps more than a moment's output.
 */
export const PACE_MAX_BYTES = 64 * 1024;

/** How long to wait after a large read. */
export const PACE_MS = 1;

/**
 * Milliseconds to wait before the next read, after a read of `bytes`: 0 for a
 * small read (interactive output) and for a read of PACE_MAX_BYTES or more (a
 * backlog: catch up first), PACE_MS in between (a flood as tmux delivers it).
 */
export function pauseAfterRead(bytes: number): number {
  return bytes >= PACE_MIN_BYTES && bytes < PACE_MAX_BYTES ? PACE_MS : 0;
}
