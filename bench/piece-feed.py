# Writes FILE to stdout (a pipe) in pieces of random size (1 byte to 4096), each only once the reader
# has taken the one before (FIONREAD on the pipe is 0): every piece is one read, whatever the timing,
# so that the reads fall where the seed says. For bench/same-log.sh: where reads split sequences,
# characters and runs must not change what two bundles write.
#
#   python3 bench/piece-feed.py SEED FILE | CMD
import array, fcntl, os, random, sys, termios, time

r = random.Random(int(sys.argv[1]))
data = open(sys.argv[2], 'rb').read()
queued = array.array('i', [0])
at = 0
while at < len(data):
    n = r.choice([1, 2, 3, 7, 100, 1000, 4096])  # at most PIPE_BUF: written whole, in one go
    os.write(1, data[at:at + n])
    at += n
    while True:
        fcntl.ioctl(1, termios.FIONREAD, queued)
        if queued[0] == 0:
            break
        time.sleep(0.0001)
