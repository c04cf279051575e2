#!/usr/bin/env bash
# Differential check for changes to the reader's hot path: two bundles (e.g. main's dist/audit.cjs
# copied aside, and this tree's) must write the same log, byte for byte, seals included, for the
# same input: the 40 MiB bench corpus as the pty gives it, and hostile byte streams
# (bench/hostile-bytes.py), and the real pane recordings of test/fixtures (*.raw, *.bin: readline
# edits, ls --color, full-screen programs), each read whole from a file (64 KiB reads), all but the
# corpus also in random pieces from a pipe (bench/piece-feed.py). The clock, pid and random bytes are fixed
# (bench/fixed-run.cjs); each log must also pass `verify`. Exits 1 on any difference.
# Each piece is one read (the feeder waits until the reader took the one before): what the screen
# model snapshots depends on where reads fall (a frame as it shows at the end of a read). Should the
# old bundle's own log change from one run to the next all the same, the input is not compared.
#
#   bash bench/same-log.sh OLD_BUNDLE NEW_BUNDLE [HOSTILE_SEEDS (3)] [HOSTILE_MB (3)]
#
# Works in ${BENCH_OUT:-bench/out}/same-log (deleted at the end), never in /tmp.
set -euo pipefail
old=$(realpath "$1")
new=$(realpath "$2")
seeds=${3:-3}
mb=${4:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=${BENCH_OUT:-$here/out}/same-log
rm -rf "$work"
mkdir -p "$work"
cd "$work"

node "$here/corpus.mjs" corpus.txt --mib 40 --onlcr corpus.pty > /dev/null
inputs=(corpus.pty)
for seed in $(seq "$seeds"); do
  python3 "$here/hostile-bytes.py" "$seed" "$mb" "hostile-$seed.bin"
  inputs+=("hostile-$seed.bin")
done
fixtures=$(cd "$here/../test/fixtures" && pwd)
while IFS= read -r fixture; do
  name=fixture-${fixture//\//-}
  cp "$fixtures/$fixture" "$name"
  inputs+=("$name")
done < <(cd "$fixtures" && find . \( -name '*.raw' -o -name '*.bin' \) -printf '%P\n' | sort)

# run BUNDLE INPUT FEED_SEED OUT: the log written (the same path for every run: the start event names it)
run() {
  rm -rf run
  mkdir run
  if [ "$3" = whole ]; then
    (cd run && node --max-semi-space-size=1 -r "$here/fixed-run.cjs" "$1" pipe --file x.log --max-size 100G < "../$2")
  else
    python3 "$here/piece-feed.py" "$3" "$2" | (cd run && node --max-semi-space-size=1 -r "$here/fixed-run.cjs" "$1" pipe --file x.log --max-size 100G)
  fi
  node "$1" verify run/x.log > /dev/null || { echo "verify failed: $1 $2 $3"; exit 1; }
  cat run/x.log* > "$4"
}

failed=0
skipped=0
for input in "${inputs[@]}"; do
  feeds=(whole)
  [ "$input" = corpus.pty ] || feeds+=(1 2)
  for feed in "${feeds[@]}"; do
    run "$old" "$input" "$feed" old.log
    run "$new" "$input" "$feed" new.log
    if cmp -s old.log new.log; then
      echo "same: $input ($feed) $(wc -l < new.log) lines, $(stat -c %s new.log) bytes"
    elif [ "$feed" != whole ] && run "$old" "$input" "$feed" again.log && ! cmp -s old.log again.log; then
      echo "not compared: $input ($feed): the old bundle's own log changed with the pipe's timing"
      skipped=$((skipped + 1))
    else
      echo "DIFFERENT: $input ($feed): $(cmp old.log new.log 2>&1 | head -1)"
      failed=1
    fi
  done
done
cd /
rm -rf "$work"
# A run that compared nothing proves nothing: not compared counts as a failure (say so, and why).
if [ "$skipped" -gt 0 ]; then
  echo "$skipped input(s) not compared: not a pass"
  failed=1
fi
exit $failed
