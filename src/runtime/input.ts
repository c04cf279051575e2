// Reading fd 0 without a new buffer per read. pipe-pane gives the reader a
// socket (cmd-pipe-pane.c:124); process.stdin would allocate 64 KB for every
// read, garbage that V8 collects late, so a flood would grow the reader by tens
// of MB. A socket or pipe is read into one reused buffer instead (net.Socket's
// `onread`); anything else (a regular file on stdin) falls back to process.stdin.
//
// Reads are paced (core/pacing.ts): after a large read the socket stops reading
// for a moment, so that tmux's 4–8 KB pieces gather into one read.

import net from 'node:net';
import { pauseAfterRead, READ_BUFFER_BYTES } from '../core/pacing.ts';

export interface InputHandlers {
  /** A chunk of input; it is only valid during the call (its buffer is reused). */
  data: (chunk: Buffer) => void;
  end: () => void;
  error: (error: NodeJS.ErrnoException) => void;
}

/** Starts reading fd 0; returns a function that stops reading. */
export function readInput(handlers: InputHandlers): () => void {
  let socket: net.Socket;
  let stopped = false;
  let resume: NodeJS.Timeout | undefined;
  try {
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    socket = new net.Socket({
      fd: 0,
      readable: true,
      writable: false,
      onread: {
        buffer,
        callback: (length: number) => {
          handlers.data(buffer.subarray(0, length));
          if (stopped) return false;
          const pause = pauseAfterRead(length);
          if (pause === 0) return true;
          // false stops the handle's reading (readStop); resume() starts it again.
          resume = setTimeout(() => {
            resume = undefined;
            if (!stopped) socket.resume();
          }, pause);
          return false;
        },
      },
    } as net.SocketConstructorOpts);
  } catch {
    const stdin = process.stdin;
    stdin.on('data', handlers.data);
    stdin.on('end', handlers.end);
    stdin.on('error', handlers.error);
    return () => stdin.pause();
  }
  socket.on('end', handlers.end);
  socket.on('error', handlers.error);
  return () => {
    stopped = true;
    clearTimeout(resume);
    socket.pause();
  };
}
