// The syslog sink: every record, as RFC 5424 (format.ts), to a collector over
// TCP (RFC 6587 octet counting), TLS, UDP or a local datagram socket. The log
// files stay the source of truth: this never blocks or slows the reader. While
// the collector cannot be reached, messages wait in a bounded queue and the
// link is tried again with a growing delay; what did not fit is counted, and
// said (by the caller, as an event that is itself forwarded) once the link is
// back. A stream socket gives no acknowledgement: what the collector may not
// have read when it went away (the last RESEND_CHARS the kernel took, and what
// it had not taken) is sent again once it is back (in-flight.ts: at least
// once; the collector drops duplicates by rec, seq and part); what was let go
// of shortly before is counted with the dropped. A datagram
// is fire and forget: one the collector did not take is lost uncounted (the
// file has it).

import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';
import type { AuditRecord } from '../../core/record.ts';
import type { Sink } from '../sink.ts';
import { octetCounted, syslogMessages, type SyslogHeader } from './format.ts';
import { type Batch, InFlight } from './in-flight.ts';
import type { SyslogTarget } from './target.ts';
import { UnixDatagram } from './unix.ts';

/** What waits while the collector is away, at most: about a minute of a busy pane, bounded whatever the pane prints. */
export const QUEUE_BYTES = 8 * 1024 * 1024;
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
/** How long closing waits for the queue to go out. */
const CLOSE_MS = 2000;
/**
 * A new stream connection counts as working (the outage over, the backoff
 * reset) once it has held this long: a collector that accepts and then closes
 * at once would otherwise be "up" on every connect, and the link would flap
 * at the first delay, telling the user each time.
 */
export const STABLE_MS = 3000;
/**
 * A collector that accepts but does not read: when the socket has taken
 * nothing for this long (or the queue overflows meanwhile), the link is down
 * (said once); it is up again when the socket drains.
 */
export const STALL_MS = 5000;
/**
 * What is kept to be sent again if the link breaks (in-flight.ts): a batch
 * stays until this much more has been taken by the kernel after it, more than
 * the sender's send buffer and a collector's receive buffer held together when
 * measured (at most 6 MiB on loopback). A fixed bound, stated in README: node
 * cannot read SO_SNDBUF, and the receive buffer is the collector's.
 */
export const RESEND_CHARS = 8 * 1024 * 1024;
/** A batch the collector read this long before the link broke may still be lost with it (rsyslog killed drops what it read and had not written out): counted. */
export const COLLECTOR_HOLD_MS = 3000;
/** Stream writes are cut (at records) to about this many characters, so that the last ones can be kept to send again. */
const CHUNK_CHARS = 64 * 1024;

export interface SyslogSinkOptions {
  /** The link failed (first failure of an outage, or at start). */
  onDown?: (error: string) => void;
  /** The link works again after `onDown`: how many records were dropped meanwhile, and the first and last of their seq. */
  onUp?: (dropped: { records: number; from?: number; to?: number }) => void;
  hostname?: string;
}

/** What the transports have in common: a connection that takes bytes and says when it fails. */
interface Connection {
  /** Sends; false when the socket wants a pause ('drain' to follow). `done` once the kernel has it (or it failed). */
  write(data: string, done: () => void): boolean;
  /** Lets go: what was written still goes out. */
  end(): void;
}

/** Waiting to be sent: one record's messages (framed and joined for a stream; one a datagram), or a batch to send again. */
interface Queued {
  data: string | string[];
  records: number;
  first?: number;
  last?: number;
}

export class SyslogSink implements Sink {
  private readonly header: SyslogHeader;
  private queue: Queued[] = [];
  private queued = 0;
  /**
   * Of `queued`, what a broken link gave back to send again (at its front):
   * outside the queue's bound, or a busy link's break (up to RESEND_CHARS
   * given back) would fill the queue and drop every record of the outage.
   */
  private givenBack = 0;
  /** Stream transports: what the collector may not have read (sent again if the link breaks). */
  private readonly inFlight: InFlight | undefined;
  private connection: Connection | undefined;
  private up = false;
  private paused = false;
  /** An outage is being reported: onDown was called, onUp not yet. */
  private outage = false;
  private dropped = 0;
  private droppedFrom: number | undefined;
  private droppedTo: number | undefined;
  private retryMs = RETRY_FIRST_MS;
  private retry: NodeJS.Timeout | undefined;
  /** Until a new connection has held STABLE_MS. */
  private stable: NodeJS.Timeout | undefined;
  /** While the socket wants a pause: when it has lasted STALL_MS. */
  private stall: NodeJS.Timeout | undefined;
  /** The outage is a stall: the connection is kept, and its drain ends it. */
  private stalled = false;
  private closed = false;
  private closing = false;
  /** Writes handed to the connection and not yet taken by the kernel. */
  private pending = 0;
  private drained: (() => void) | undefined;

  constructor(
    private readonly target: SyslogTarget,
    private readonly options: SyslogSinkOptions = {},
  ) {
    this.header = { facility: target.facility, hostname: options.hostname ?? os.hostname(), procid: process.pid };
    if (this.stream) this.inFlight = new InFlight(RESEND_CHARS, COLLECTOR_HOLD_MS);
    this.connect();
  }

  get backlog(): number {
    return this.queued;
  }

  write(record: AuditRecord): void {
    // A long line goes as several messages, each below what a collector cuts (format.ts, MAX_MESSAGE_BYTES).
    const messages = syslogMessages(record, this.header);
    // Stream transports frame each message; a datagram is one message.
    const items = this.stream ? messages.map(octetCounted) : messages;
    let length = 0;
    for (const item of items) length += item.length;
    // Characters, not bytes: a bound, cheaply (a character is at most 3 bytes of UTF-8). All of a record's pieces, or none.
    if (this.queued - this.givenBack + length > QUEUE_BYTES) {
      // Connected yet overflowing: the collector takes nothing (or too little). Down now, not after STALL_MS.
      if (this.up && this.paused) this.stallDown();
      return this.count(record.seq);
    }
    this.queue.push({ data: this.stream ? items.join('') : items, records: 1, first: record.seq, last: record.seq });
    this.queued += length;
  }

  flush(): void {
    this.pump();
  }

  /** Waits (a while) for the queue to go out, if the link is up or still being made; never for a retry. */
  async close(): Promise<void> {
    this.closing = true;
    this.pump();
    if (!this.outage && (this.queued > 0 || this.pending > 0)) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_MS);
        timer.unref();
        this.drained = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.closed = true;
    clearTimeout(this.retry);
    clearTimeout(this.stable);
    clearTimeout(this.stall);
    this.connection?.end();
  }

  private wrote = (): void => {
    this.pending--;
    if (this.pending === 0 && this.queued === 0) this.drained?.();
  };

  private get stream(): boolean {
    return this.target.transport === 'tcp' || this.target.transport === 'tls';
  }

  private pump(): void {
    if (!this.up || this.paused || !this.connection) return;
    if (this.queued === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queued = 0;
    this.givenBack = 0;
    if (this.stream) {
      let batch: Batch | undefined;
      for (const item of queue) {
        if (batch && batch.data.length + item.data.length > CHUNK_CHARS) {
          this.send(batch);
          batch = undefined;
        }
        if (!batch) batch = { data: item.data as string, records: item.records, first: item.first, last: item.last };
        else {
          batch.data += item.data as string;
          batch.records += item.records;
          batch.first ??= item.first;
          if (item.last !== undefined) batch.last = item.last;
        }
      }
      if (batch) this.send(batch);
    } else {
      for (const item of queue) {
        for (const message of item.data as string[]) {
          this.pending++;
          if (!this.connection.write(message, this.wrote)) this.paused = true;
        }
      }
    }
  }

  /** A stream batch written, and kept until the collector must have read it (in-flight.ts). */
  private send(batch: Batch): void {
    const connection = this.connection!;
    this.inFlight!.sent(batch);
    this.pending++;
    const written = connection.write(batch.data, () => {
      // Only the current connection's: a broken one's batches were taken back.
      if (this.connection === connection) this.inFlight!.taken(batch, Date.now());
      this.wrote();
    });
    if (!written && !this.paused) this.pausedStream();
  }

  /** The socket wants a pause: if it is still paused STALL_MS from now, the collector is not reading. */
  private pausedStream(): void {
    this.paused = true;
    if (this.stall) return;
    this.stall = setTimeout(() => {
      this.stall = undefined;
      if (this.paused) this.stallDown();
    }, STALL_MS);
    this.stall.unref();
  }

  /** Connected, but the collector takes nothing: an outage (said once), which its drain ends. */
  private stallDown(): void {
    if (this.closed || this.outage) return;
    this.stalled = true;
    this.outage = true;
    queueMicrotask(() => this.options.onDown?.('stalled: the collector takes nothing'));
  }

  /** Records that did not get out (or may not have: in-flight.ts). */
  private count(first: number | undefined, records = 1, last = first): void {
    this.dropped += records;
    if (first !== undefined) this.droppedFrom = Math.min(this.droppedFrom ?? first, first);
    if (last !== undefined) this.droppedTo = Math.max(this.droppedTo ?? last, last);
  }

  /**
   * The stream broke: what it may not have delivered goes first in the queue,
   * to be sent again (beside the queue's bound: RESEND_CHARS and what the
   * kernel had not taken), and what was let go of shortly before is counted.
   */
  private takeBack(): void {
    if (!this.inFlight) return;
    const { resend, lost } = this.inFlight.broke(Date.now());
    if (lost.records > 0) this.count(lost.first, lost.records, lost.last);
    if (resend.length === 0) return;
    // At most RESEND_CHARS are given back (the newest: the oldest were the likeliest read), the rest
    // counted: a collector that breaks before taking that much (a restart loop, or a port someone else
    // listens on) would otherwise get all of it back at every break, and more each time. (What an earlier
    // break gave back is still queued only if nothing was sent since: then this window is empty.)
    let kept = resend.length;
    for (let chars = 0; kept > 0 && chars + resend[kept - 1]!.data.length <= RESEND_CHARS; kept--) chars += resend[kept - 1]!.data.length;
    for (const batch of resend.slice(0, kept)) this.count(batch.first, batch.records, batch.last);
    const back = resend.slice(kept);
    for (const batch of back) {
      this.queued += batch.data.length;
      this.givenBack += batch.data.length;
    }
    this.queue = [...back.map(({ data, records, first, last }) => ({ data, records, first, last })), ...this.queue];
  }

  private connect(): void {
    if (this.closed) return;
    const target = this.target;
    // A socket given up on may still say it failed or closed: only the current one counts.
    let connection: Connection | undefined;
    const current = (): boolean => connection !== undefined && this.connection === connection;
    const failed = (error: Error & { code?: string }): void => {
      if (current() || connection === undefined) this.failed(error.code ?? error.message);
    };
    const ready = (): void => {
      if (current()) this.ready();
    };
    if (target.transport === 'tcp' || target.transport === 'tls') {
      let socket: net.Socket;
      if (target.transport === 'tcp') {
        socket = net.connect({ host: target.host!, port: target.port! }, ready);
      } else {
        let ca: Buffer | undefined;
        try {
          ca = target.ca ? fs.readFileSync(target.ca) : undefined;
        } catch (error) {
          return failed(error as Error);
        }
        socket = tls.connect({ host: target.host!, port: target.port!, ca, servername: net.isIP(target.host!) ? undefined : target.host }, ready);
      }
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
      socket.on('error', failed);
      // The collector closed the connection (it stopped, or restarts): it is down until a new one works.
      socket.on('close', () => failed(new Error('closed')));
      // A collector sends nothing back; whatever it does send is read and thrown away, so it cannot fill a buffer.
      socket.on('data', () => {});
      socket.on('drain', () => {
        if (!current()) return;
        this.paused = false;
        clearTimeout(this.stall);
        this.stall = undefined;
        // The collector reads again: the end of a stall.
        if (this.stalled) {
          this.stalled = false;
          this.confirmed();
        }
        this.pump();
      });
      socket.unref();
      this.connection = connection = { write: (data, done) => socket.write(data, () => done()), end: () => socket.end() };
    } else if (target.transport === 'udp') {
      const socket = dgram.createSocket(net.isIPv6(target.host!) ? 'udp6' : 'udp4');
      socket.on('error', failed);
      socket.unref();
      this.connection = connection = {
        write: (data, done) => {
          socket.send(data, target.port, target.host, (error) => {
            done();
            if (!current()) return;
            if (error) {
              this.count(undefined);
              failed(error);
            } else this.confirmed();
          });
          return true;
        },
        end: () => socket.close(),
      };
      // Nothing to connect: a datagram link can be sent on at once, and works once a send has.
      queueMicrotask(ready);
    } else {
      const socket = new UnixDatagram(target.path!, {
        failed: (code) => failed(new Error(code)),
        sent: () => (current() ? this.confirmed() : undefined),
        drain: () => {
          if (!current()) return;
          this.paused = false;
          this.pump();
        },
        dropped: (n) => {
          for (let i = 0; i < n; i++) this.count(undefined);
        },
      });
      this.connection = connection = socket;
      queueMicrotask(ready);
    }
  }

  /** The link can be sent on: a stream connected (it works), a datagram socket made (it works once a send has). */
  private ready(): void {
    if (this.closed || this.up) return;
    this.up = true;
    if (this.stream) {
      const connection = this.connection;
      this.stable = setTimeout(() => {
        this.stable = undefined;
        if (this.connection === connection) this.confirmed();
      }, STABLE_MS);
      this.stable.unref();
    }
    this.pump();
  }

  /** The link works: the end of an outage, if there was one. */
  private confirmed(): void {
    if (this.closed || !this.up) return;
    this.retryMs = RETRY_FIRST_MS;
    if (this.outage) {
      this.outage = false;
      const dropped = { records: this.dropped, from: this.droppedFrom, to: this.droppedTo };
      this.dropped = 0;
      this.droppedFrom = this.droppedTo = undefined;
      queueMicrotask(() => this.options.onUp?.(dropped));
    }
  }

  private failed(error: string): void {
    if (this.closed) return;
    if (this.connection) this.takeBack();
    this.up = false;
    this.paused = false;
    this.stalled = false;
    clearTimeout(this.stable);
    clearTimeout(this.stall);
    this.stable = this.stall = undefined;
    // Closing does not wait for a link that failed.
    if (this.closing) this.drained?.();
    if (!this.outage) {
      this.outage = true;
      // Never from inside a write or the constructor: the caller records an event through the pipeline.
      queueMicrotask(() => this.options.onDown?.(error));
    }
    if (this.retry) return;
    this.connection?.end();
    this.connection = undefined;
    // Jitter (±20 %): readers that lost one collector together do not come back at the same instant.
    this.retry = setTimeout(
      () => {
        this.retry = undefined;
        this.connect();
      },
      this.retryMs * (0.8 + 0.4 * Math.random()),
    );
    this.retry.unref();
    // Reset only by a link that held (confirmed): a collector that accepts and closes keeps the delay growing.
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }
}
