#!/usr/bin/env bash
# The reader's CPU, variant against variant, without tmux: bench/socket-feed.py feeds CORPUS to each variant in turn
# through a socketpair at 25 MB/s, REPS rounds interleaved (a, b, a, b, …: a shared machine's load falls on all of them
# alike), then per variant the median, min and max of CPU s (user + sys of the reader: on 2 cores, what it takes from
# tmux) and the load average seen. A variant is NAME=ARGS, ARGS what follows `node`, with {log} for its log file (a
# fresh one each run, in a private directory under TMPDIR that is removed at the end).
#
#   bash bench/feed-compare.sh CORPUS_PTY REPS NAME=ARGS...
#   e.g. bash bench/feed-compare.sh corpus.pty 7 \
#          'old=--max-semi-space-size=1 --single-threaded old.cjs pipe --file {log} --max-size 100G' \
#          'new=--max-semi-space-size=1 --single-threaded dist/audit.cjs pipe --file {log} --max-size 100G'
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
corpus=$1 reps=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/feed-compare.XXXXXX")
trap 'rm -rf "$dir"' EXIT
for rep in $(seq "$reps"); do
  for variant in "$@"; do
    name=${variant%%=*} args=${variant#*=}
    rm -f "$dir"/*.log
    # shellcheck disable=SC2086 # ARGS are words
    out=$(python3 "$here/socket-feed.py" 25 "$corpus" node ${args//\{log\}/$dir/$name.log} | tail -1)
    cpu=$(sed -E 's/.* cpu ([0-9.]+) .*/\1/' <<<"$out")
    echo "$rep $name $cpu $(cut -d' ' -f1 /proc/loadavg)"
  done
done | tee "$dir/runs"
python3 - "$dir/runs" <<'EOF'
import statistics, sys
runs = [line.split() for line in open(sys.argv[1])]
cpu = {}
for _, name, seconds, _ in runs:
    cpu.setdefault(name, []).append(float(seconds))
for name, seconds in cpu.items():
    print(f'{name}: CPU s median {statistics.median(seconds):.2f} (min {min(seconds):.2f}, max {max(seconds):.2f}, {len(seconds)} runs)')
loads = [float(run[3]) for run in runs]
print(f'load average {min(loads):.1f}-{max(loads):.1f}')
EOF
