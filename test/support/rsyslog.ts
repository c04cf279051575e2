// A real rsyslog for the tests: started on a loopback TCP port with its own
// configuration, work directory and output in a temp directory (never the
// system's), writing what it parsed of each message as one JSON object a line.
// This configuration is the relay snippet the README shows (plus the JSON
// output the tests read).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir, waitFor } from './util.ts';

export interface Received {
  facility: string;
  severity: string;
  time: string;
  host: string;
  app: string;
  procid: string;
  msgid: string;
  /** The structured data as rsyslog passed it on, parsed: SD-ID → params. */
  sd: Record<string, Record<string, string>>;
  msg: string;
}

/** RFC 5424 §6.3 STRUCTURED-DATA: `[id name="value" ...]...`, values with `\"`, `\\`, `\]` escaped. */
export function parseStructuredData(text: string): Record<string, Record<string, string>> {
  const elements: Record<string, Record<string, string>> = {};
  if (text === '-') return elements;
  const element = /\[([^\s\]="]+)((?:\s+[^\s\]="]+="(?:[^"\\]|\\.)*")*)\]/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = element.exec(text))) {
    const params: Record<string, string> = {};
    for (const [, name, value] of match[2]!.matchAll(/([^\s\]="]+)="((?:[^"\\]|\\.)*)"/g)) params[name!] = value!.replace(/\\(["\\\]])/g, '$1');
    elements[match[1]!] = params;
    end = element.lastIndex;
  }
  if (end !== text.length) throw new Error(`not RFC 5424 structured data: ${text}`);
  return elements;
}

/** A free loopback port (taken, then let go: the collector binds it next). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export class Rsyslog {
  readonly dir = makeTempDir('tmux-audit-rsyslog');
  readonly output = path.join(this.dir, 'received.json');
  /** What the README's relay writes: the messages as RFC 5424 lines. */
  readonly relayed = path.join(this.dir, 'tmux-audit.log');
  private child: ChildProcess | undefined;

  /** Where the start's probe (below) lands: its own rule, so that no test's messages hold it. */
  readonly probed = path.join(this.dir, 'probe.log');

  /** A local datagram socket, as /dev/log is (imuxsock, parsing RFC 5424 like the network inputs). */
  readonly socket = path.join(this.dir, 'log.sock');

  /** `defaults`: rsyslog's own maxMessageSize (8 KiB), not the README's 64k: a collector nobody tuned. */
  constructor(
    readonly port: number,
    options: { defaults?: boolean } = {},
  ) {
    fs.writeFileSync(
      path.join(this.dir, 'rsyslog.conf'),
      [
        options.defaults ? `global(workDirectory="${this.dir}")` : `global(workDirectory="${this.dir}" maxMessageSize="64k")`,
        'module(load="imtcp")',
        `input(type="imtcp" port="${port}" address="127.0.0.1")`,
        'module(load="imuxsock" SysSock.Use="off")',
        `input(type="imuxsock" Socket="${this.socket}" UseSpecialParser="off" ParseHostname="on")`,
        'template(name="json" type="list" option.jsonf="on") {',
        ...[
          ['facility', 'syslogfacility-text'],
          ['severity', 'syslogseverity-text'],
          ['time', 'timereported" dateFormat="rfc3339'],
          ['host', 'hostname'],
          ['app', 'app-name'],
          ['procid', 'procid'],
          ['msgid', 'msgid'],
          ['sd', 'structured-data'],
          ['msg', 'msg'],
        ].map(([out, name]) => `  property(outname="${out}" name="${name}" format="jsonf")`),
        '}',
        `if $app-name == "probe" then {`,
        `  action(type="omfile" file="${this.probed}")`,
        '  stop',
        '}',
        // The README's relay snippet, with the test's JSON output beside its RFC 5424 file.
        'if $app-name == "tmux-audit" then {',
        `  action(type="omfile" file="${this.relayed}" template="RSYSLOG_SyslogProtocol23Format")`,
        `  action(type="omfile" file="${this.output}" template="json")`,
        '  stop',
        '}',
        '',
      ].join('\n'),
    );
  }

  /** Starts rsyslogd in the foreground and waits until it listens. */
  async start(): Promise<void> {
    const child = spawn('rsyslogd', ['-n', '-f', path.join(this.dir, 'rsyslog.conf'), '-i', path.join(this.dir, 'rsyslogd.pid')], { stdio: 'ignore' });
    this.child = child;
    // Both inputs: rsyslogd can listen on TCP before imuxsock has bound its socket, and a datagram sent before
    // that is refused (ENOENT) and dropped, as unix:// is fire and forget.
    await waitFor(`rsyslogd listening on ${this.port} and ${this.socket}`, () => listening(this.port) && bound(this.socket), 10_000);
    // Bound is not yet read: a CI dry run's first test sent its datagrams (no error) and rsyslogd never wrote them.
    // A probe through the socket (util-linux logger, of Debian's essential packages) must come out first.
    await waitFor(`rsyslogd reading ${this.socket}`, () => {
      spawnSync('logger', ['-u', this.socket, '--rfc5424', '-t', 'probe', 'ready'], { stdio: 'ignore' });
      return fs.existsSync(this.probed) && fs.readFileSync(this.probed, 'utf8').includes('ready');
    }, 10_000);
  }

  /** Stops it (SIGTERM: it shuts down in order; SIGKILL: it dies with what it held) and waits until it has exited. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    // A frozen one (freeze(), a test that failed before it was killed) acts on SIGTERM only once it runs again.
    child.kill('SIGCONT');
    await exited;
    this.child = undefined;
  }

  /** Freezes it (SIGSTOP): it reads nothing, while the kernel still takes what is sent to it. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  /** Every message it has written out so far. */
  received(): Received[] {
    let text = '';
    try {
      text = fs.readFileSync(this.output, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter((line) => line.endsWith('}'))
      .map((line) => {
        const raw = JSON.parse(line) as Omit<Received, 'sd'> & { sd: string };
        return { ...raw, sd: parseStructuredData(raw.sd) };
      });
  }

  async remove(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function bound(socket: string): boolean {
  // /proc/net/unix lists each bound socket's path as its last field.
  return fs.readFileSync('/proc/net/unix', 'utf8').split('\n').some((line) => line.endsWith(` ${socket}`));
}

function listening(port: number): boolean {
  // /proc/net/tcp: local address 0100007F:<port hex>, state 0A (LISTEN).
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return fs.readFileSync('/proc/net/tcp', 'utf8').includes(`0100007F:${hex} 00000000:0000 0A`);
}
