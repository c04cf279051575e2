// A process that hands messages to the unix:// relay and exits before the relay has read them (the relay held
// stopped meanwhile, by the test: its pid on stdout), as a reader does that stops right after its last lines.

import { UnixDatagram } from '../../src/sinks/syslog/unix.ts';

const [socket, count] = [process.argv[2]!, Number(process.argv[3])];
const relay = new UnixDatagram(socket, { failed: () => {}, sent: () => {}, drain: () => {}, dropped: () => {} });
const pid = (relay as unknown as { child: { pid: number } }).child.pid;
process.kill(pid, 'SIGSTOP');
let written = 0;
for (let i = 1; i <= count; i++) relay.write(`message ${i}`, () => {
  if (++written === count) {
    relay.end();
    process.stdout.write(`${pid}\n`, () => process.exit(0));
  }
});
