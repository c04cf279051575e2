// unix:// (the local syslog socket, /dev/log: rsyslog's imuxsock or journald)
// is a datagram socket, and Node has no AF_UNIX datagram sockets. A small
// perl relay (perl-base is Essential on Debian and in every Linux distribution's
// base) sends each message as one datagram: octet-counted frames on its stdin,
// one line back per failed send, and one for the first that works (at first, or
// after failures). It outlives the reader, which exits once it has handed the
// relay its last messages: those replies then go to a closed pipe, and SIGPIPE
// is ignored so that the relay still sends what it was handed.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Reads frames `<length> <bytes>` and sends each to the socket named by its argument. */
const RELAY = String.raw`
use strict; use Socket; use Errno;
$| = 1; binmode STDIN; $SIG{PIPE} = 'IGNORE';
my $addr = pack_sockaddr_un($ARGV[0]);
socket(my $s, PF_UNIX, SOCK_DGRAM, 0) or die "socket: $!";
my $failing = 1; my $buf = '';
while (sysread(STDIN, $buf, 65536, length $buf)) {
  while ($buf =~ /^(\d+) /) {
    my $n = $1; my $head = length($1) + 1;
    last if length($buf) < $head + $n;
    my $msg = substr($buf, $head, $n); substr($buf, 0, $head + $n) = '';
    if (defined send($s, $msg, 0, $addr)) { if ($failing) { print "O\n"; $failing = 0; } }
    else { print "F " . (($!{ENOENT} && 'ENOENT') || ($!{ECONNREFUSED} && 'ECONNREFUSED') || ($!{EMSGSIZE} && 'EMSGSIZE') || ($! + 0)) . "\n"; $failing = 1; }
  }
}
`;

/** Above this, the relay is behind (the socket's reader is slow): the sink pauses and queues. */
const PIPE_LIMIT = 1024 * 1024;

export class UnixDatagram {
  private readonly child: ChildProcessWithoutNullStreams;
  private ended = false;

  constructor(
    path: string,
    events: { failed: (code: string) => void; sent: () => void; drain: () => void; dropped: (n: number) => void },
  ) {
    this.child = spawn('perl', ['-e', RELAY, path], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.on('error', (error: NodeJS.ErrnoException) => events.failed(`perl: ${error.code ?? error.message}`));
    this.child.on('exit', () => {
      if (!this.ended) events.failed('relay exited');
    });
    this.child.stdin.on('error', () => {}); // the exit says it
    this.child.stdin.on('drain', () => events.drain());
    this.child.stderr.resume();
    let rest = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      let failures = 0;
      for (const line of lines) {
        if (line.startsWith('F ')) {
          failures++;
          events.failed(line.slice(2));
        } else if (line === 'O') events.sent();
      }
      if (failures) events.dropped(failures);
    });
    // The reader exits when it is done, not when the relay is.
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    this.child.unref();
  }

  write(message: string, done: () => void): boolean {
    this.child.stdin.write(`${Buffer.byteLength(message)} ${message}`, () => done());
    return this.child.stdin.writableLength < PIPE_LIMIT;
  }

  end(): void {
    this.ended = true;
    this.child.stdin.end();
  }
}
