// The size a pane's pseudo-terminal holds (TIOCGWINSZ), read without tmux. tmux sets it to the pane's (window.c
// window_pane_send_resize: ws_col = sx, ws_row = sy) before the program gets its SIGWINCH (the kernel sends it on
// TIOCSWINSZ), so whatever the program redraws for a new size comes after this has changed. It is a sign, not the
// pane's size: tmux sets it after resizing its screen, and a program may set its own (commands/pipe.ts asks tmux).

import fs from 'node:fs';
import tty from 'node:tty';
import type { PaneSize } from '../capture/size-questions.ts';

/** A pane's tty as tmux names it (#{pane_tty}); nothing else is opened. */
const PTY = /^\/dev\/pts\/\d+$/;

/** libuv's TIOCGWINSZ on a tty handle (Node's tty_wrap; what WriteStream's own size uses). */
interface SizedHandle {
  getWindowSize(size: number[]): number;
}

export interface PtySize {
  /** The size now: one ioctl (~4 µs); undefined when it cannot be read (the pane is gone: the tty hung up). */
  read(): PaneSize | undefined;
  close(): void;
}

/**
 * The pty at `path`, opened once for its size, or undefined when it cannot be (another owner's, not a pty, a Node
 * without the handle's size call). Opened without becoming anyone's controlling terminal, never read or written.
 * Holding it open does not keep the pane: tmux 3.3a takes a pane's end from its child's exit (server.c
 * server_child_exited sets PANE_EXITED), not from the pty's last close.
 */
export function openPtySize(path: string): PtySize | undefined {
  if (!PTY.test(path)) return undefined;
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NOCTTY | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  let stream: tty.WriteStream;
  try {
    stream = new tty.WriteStream(fd); // takes the fd (libuv opens the tty again for itself: uv_tty_init)
  } catch {
    fs.closeSync(fd);
    return undefined;
  }
  stream.unref();
  const handle = (stream as unknown as { _handle?: Partial<SizedHandle> })._handle;
  if (typeof handle?.getWindowSize !== 'function') {
    stream.destroy();
    return undefined;
  }
  // libuv opened the tty again and put that fd over its own (uv_tty_init's reopen): the fd given is then another,
  // which destroy() would leave open (the pts number kept after the pane is respawned).
  const own = (handle as { fd?: number }).fd;
  if (typeof own === 'number' && own !== fd) fs.closeSync(fd);
  const sized = handle as SizedHandle;
  return {
    read: () => {
      const size = [0, 0];
      if (sized.getWindowSize(size) !== 0) return undefined;
      const [columns, rows] = size as [number, number];
      return columns > 0 && rows > 0 ? { columns, rows } : undefined;
    },
    close: () => stream.destroy(),
  };
}
