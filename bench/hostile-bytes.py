# Bytes built to break the reader's parser and line model, for bench/same-log.sh: printable runs of
# every length, escape sequences the screen applies and ones it drops, unterminated strings, broken
# and overlong UTF-8, C1, line separators, bidi controls, wide characters, controls, secrets.
#
#   python3 bench/hostile-bytes.py SEED MB OUT
import random, sys

r = random.Random(int(sys.argv[1]))
size = int(float(sys.argv[2]) * 1e6)
atoms = [b'\x1b[', b'\x1b]', b'\x1b]133;A\x07', b'\x1b]633;E;ls\x1b\\', b'\x1bP', b'\x1b\\', b'\x07', b'\x18', b'\x1a',
         b'\x1b[?1049h', b'\x1b[?1049l', b'\x1b[?47h', b'\x1b[2J', b'\x1b[H', b'\x1b[10;5H', b'\x1b[K', b'\x1b[1K', b'\x1b[3b',
         b'\x1b[?7l', b'\x1b[?7h', b'\x1b[4h', b'\x1b[4l', b'\x1b#8', b'\x1bc', b'\x1b7', b'\x1b8', b'\x1bM', b'\x1b[5D', b'\x1b[3C',
         b'\x1b[1;31m', b'\x1b[0m', b'\x1b[38:2:1:2:3m', b'\x1b[99999999999A', b'\x1b[' + b'1;' * 30 + b'H',
         b'\r\n', b'\n', b'\r', b'\x08', b'\t', b'\x7f', b'\x00', b'\x0b', b'\x0c', b'\x1b[3g', b'\x1bH',
         b'\xc2\x85', b'\xc2\x9b', b'\xe2\x80\xa8', b'\xe2\x80\xae', b'\xe2\x81\xa6', b'\xc3', b'\xe2\x82', b'\xf0\x9f\x98',
         b'\xf0\x9f\x98\x80', b'\xed\xa0\x80', b'\xc0\xaf', b'\xff', b'\x80', 'déjà 漢字 русский e\u0301 \u200d'.encode(),
         b'password=hunter2 ', b'AKIAIOSFODNN7EXAMPLE ', b'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig ',
         b'-----BEGIN RSA PRIVATE KEY-----\n', b'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n',
         b'-----END RSA PRIVATE KEY-----\n', b'Authorization: Bearer abcdefghijkl\n']
out = bytearray()
while len(out) < size:
    k = r.random()
    if k < 0.45:
        out += bytes(r.randrange(0x20, 0x7f) for _ in range(r.choice([1, 2, 3, 10, 79, 80, 81, 300, 5000])))
    elif k < 0.9:
        out += r.choice(atoms)
    else:
        out += bytes(r.randrange(256) for _ in range(r.randrange(1, 20)))
open(sys.argv[3], 'wb').write(out)
