// Reading fd 0 without a new buffer per read. pipe-pane gives the reader a
// socket (cmd-pipe-pane.c:124); process.stdin would allocate 64 KB for every
// read, garbage that V8 collects late, so a flood would grow the reader by tens
// of MB. A socket or pipe is read into one reused buffer instead (net.Socket's
// `onread`); anything else (a regular file on stdin) falls back to process.stdin.

import net from 'node:net';

export interface InputHandlers {
  /** A chunk of input; it is only valid during the call (its buffer is reused). */
  data: (chunk: Buffer) => void;
  end: () => void;
  error: (error: NodeJS.ErrnoException) => void;
}

const READ_BUFFER_BYTES = 64 * 1024;

/** Starts reading fd 0; returns a function that stops reading. */
export function readInput(handlers: InputHandlers): () => void {
  let socket: net.Socket;
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
          return true;
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
  return () => socket.pause();
}
