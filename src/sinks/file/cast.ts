// The pane's raw output kept beside the log (`@audit-cast on`), with its
// timing, as an asciicast v2 file: `<log stem>.<rec>.cast` (`deploy.log` →
// `deploy.V1StGXR8_Z.cast`). The log keeps what a person saw, line by line; a
// full-screen program (vim, top) is there only as snapshots. The cast keeps
// every byte tmux piped (cmd-pipe-pane.c:168 starts it at the pane's current
// position; window.c:998 hands over the bytes before tmux's own parser), so
// `export --asciicast` replays the recording as it was drawn. Only the
// shell's marks (OSC 133/633) are taken out first: they carry its nonce
// (strip-marks.ts).
//
// It goes through the log's writer (writer.ts): created like a log file
// (safe-fs.ts: O_NOFOLLOW, mode 0600, in the private directory), written
// asynchronously in batches, rotated at `@audit-max-size` into
// `<name>.cast.<UTC time>` and pruned at `@audit-max-files` like the logs. Only
// the first part holds the header; a reader joins the parts in order.
//
// It never holds the reader back: when its queue passes CAST_BACKLOG_BYTES (a
// disk slower than the pane), output is left out of the cast, not waited for,
// and the count of bytes left out is reported once the queue has room again
// (the reader puts it in the log as a `dropped` event).

import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import path from 'node:path';
import { escapeText } from '../../format/text.ts';
import { MarkStripper } from './strip-marks.ts';
import { LogFile, type LogFileOptions } from './writer.ts';

/** Queued cast bytes beyond which output is left out of the cast. */
export const CAST_BACKLOG_BYTES = 8 << 20;

/** The cast file of recording `rec` logged into `logFile`: beside it, named for its stem and the recording. */
export function castPath(logFile: string, rec: string): string {
  const name = path.basename(logFile).replace(/\.log$/, '');
  return path.join(path.dirname(logFile), `${name}.${rec}.cast`);
}

export interface CastHeader {
  width: number;
  height: number;
  /** Epoch ms the recording started: event times count from it. */
  startMs: number;
  title?: string;
  term?: string;
}

/** The asciicast v2 header line. */
export function castHeaderLine(header: CastHeader): string {
  const env = header.term ? { TERM: header.term } : undefined;
  return `${escapeText(JSON.stringify({ version: 2, width: header.width, height: header.height, timestamp: Math.floor(header.startMs / 1000), ...(header.title ? { title: header.title } : {}), ...(env ? { env } : {}) }))}\n`;
}

/**
 * One output event: `[seconds, "o", "text"]`. The text is JSON (C0 as
 * `\u001b` ...) with DEL, C1, U+2028/9 and bidi controls escaped too, so the
 * file itself is inert when `cat`-ed; a player decodes them back.
 */
export function castEventLine(seconds: number, text: string): string {
  return `[${seconds.toFixed(6)}, "o", ${escapeText(JSON.stringify(text))}]\n`;
}

/**
 * A resize: `[seconds, "r", "COLSxROWS"]` (asciicast v2), so a player
 * (`asciinema play`, `cat`) follows the pane's size as it changed.
 */
export function castResizeLine(seconds: number, columns: number, rows: number): string {
  return `[${seconds.toFixed(6)}, "r", "${columns}x${rows}"]\n`;
}

/** `COLSxROWS` of a resize event, read back; undefined when it is not one. */
export function parseCastSize(data: unknown): { columns: number; rows: number } | undefined {
  const match = typeof data === 'string' ? /^([1-9]\d{0,4})x([1-9]\d{0,4})$/.exec(data) : null;
  return match ? { columns: Number(match[1]), rows: Number(match[2]) } : undefined;
}

export interface CastFileOptions extends LogFileOptions {
  /** Output was left out of the cast (its queue was full): how many bytes, now that it has room again. */
  onDropped: (bytes: number) => void;
}

export class CastFile {
  private readonly log: LogFile;
  /** Chunk edges fall inside UTF-8 characters: the decoder keeps a split one for the next chunk. */
  private readonly decoder = new StringDecoder('utf8');
  /** The shell's marks hold its nonce: never written. */
  private readonly marks = new MarkStripper();
  private dropped = 0;
  private ended = false;
  /** The size the cast last said: the header's, then each resize's. */
  private size: { columns: number; rows: number };

  constructor(
    file: string,
    private readonly header: CastHeader,
    private readonly options: CastFileOptions,
  ) {
    this.size = { columns: header.width, rows: header.height };
    // A file that already holds something (a recording id reused: never, in practice) keeps its header.
    const existing = fs.lstatSync(file, { throwIfNoEntry: false });
    this.log = new LogFile(file, options);
    if (!existing || existing.size === 0) this.log.write(castHeaderLine(header));
  }

  /** A chunk of the pane's output as it arrived at `now` (epoch ms); the chunk is not kept. */
  push(chunk: Buffer, now: number): void {
    if (this.ended) return;
    const text = this.decoder.write(this.marks.push(chunk)); // always: the stripper and decoder must see every byte to stay in step
    if (text === '') return;
    if (this.log.backlog > CAST_BACKLOG_BYTES) {
      this.dropped += Buffer.byteLength(text);
      return;
    }
    if (this.dropped > 0) {
      this.options.onDropped(this.dropped);
      this.dropped = 0;
    }
    this.log.write(castEventLine(Math.max(0, now - this.header.startMs) / 1000, text));
  }

  /**
   * The pane's size at `now` (epoch ms), as tmux answered: written as a
   * resize event when it differs from the last one the cast holds (the
   * header's at first).
   */
  resize(columns: number, rows: number, now: number): void {
    if (this.ended || (columns === this.size.columns && rows === this.size.rows)) return;
    this.size = { columns, rows };
    this.log.write(castResizeLine(Math.max(0, now - this.header.startMs) / 1000, columns, rows));
  }

  get backlog(): number {
    return this.log.backlog;
  }

  /**
   * End of the pane's output: writes what is left (a character cut short at
   * the end becomes U+FFFD) and reports, at once, what was left out and not yet
   * reported. Call it while the log still takes events (before the recorder
   * stops): a count reported after the stop would be lost.
   */
  end(now = Date.now()): void {
    if (this.ended) return;
    this.ended = true;
    const rest = this.decoder.write(this.marks.end()) + this.decoder.end();
    if (rest !== '') {
      if (this.log.backlog <= CAST_BACKLOG_BYTES) this.log.write(castEventLine(Math.max(0, now - this.header.startMs) / 1000, rest));
      else this.dropped += Buffer.byteLength(rest);
    }
    if (this.dropped > 0) this.options.onDropped(this.dropped);
    this.dropped = 0;
  }

  /** Ends (if not yet) and waits for the file to be written and closed. */
  async close(now = Date.now()): Promise<void> {
    this.end(now);
    await this.log.close();
  }
}
