# The reader's CPU without tmux: feeds FILE to CMD's stdin through a Unix socketpair (what
# pipe-pane gives its command, cmd-pipe-pane.c:124) in 4095-byte pieces (a pty read, as tmux
# forwards them) at RATE MB/s, then prints the feeding time, CMD's CPU (rusage), context
# switches, peak RSS, and the CPU of each of its threads just before the end of input.
#
#   python3 bench/socket-feed.py RATE_MBPS FILE CMD...
#   e.g. python3 bench/socket-feed.py 25 bench/out/corpus.pty node dist/audit.cjs pipe --file /tmp/x.log
import os, socket, subprocess, sys, time
rate = float(sys.argv[1]) * 1e6
data = open(sys.argv[2], 'rb').read()
a, b = socket.socketpair()
p = subprocess.Popen(sys.argv[3:], stdin=b)
b.close()
time.sleep(0.3)
t0 = time.monotonic(); sent = 0; piece = 4095
while sent < len(data):
    due = (time.monotonic() - t0) * rate
    while sent < due and sent < len(data):
        a.sendall(data[sent:sent + piece]); sent += piece
    time.sleep(0.0002)
t1 = time.monotonic()
time.sleep(0.3)
tasks = []
for t in os.listdir(f'/proc/{p.pid}/task'):
    st = open(f'/proc/{p.pid}/task/{t}/stat').read()
    name = st[st.index('(')+1:st.rindex(')')]
    f = st[st.rindex(')')+2:].split()
    tasks.append((int(f[11])+int(f[12]), name))
print(' '.join(f'{n}:{c/100:.2f}' for c, n in sorted(tasks, reverse=True) if c))
a.close()
_, status, ru = os.wait4(p.pid, 0)
print(f"feed {t1-t0:.2f}s  user {ru.ru_utime:.2f} sys {ru.ru_stime:.2f} cpu {ru.ru_utime+ru.ru_stime:.2f}  nvcsw {ru.ru_nvcsw} nivcsw {ru.ru_nivcsw} maxrss_mb {ru.ru_maxrss/1024:.1f}")
