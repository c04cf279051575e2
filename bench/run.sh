#!/usr/bin/env bash
# npm run bench: tmux-audit against a real tmux server, in about 5 minutes on 2 cores.
#
#   bash bench/run.sh            (from anywhere; the repo is found from this file)
#
# Sections (each its own script under bench/, all writing bench/out/*.json):
#   2. reader alone     bench/reader.mjs       the helper, ts, ansifilter on a file
#   1. end to end       bench/e2e.mjs          the shared pipe-throughput.sh + a /proc watcher
#   3. memory           bench/tmux-flood.mjs   one logged pane through tmux: idle /
#                                              1 GiB flood / idle (the target's row)
#                       bench/memory.mjs       the reader alone: idle / 1 GiB pipe
#                                              flood / idle (informational)
#                       bench/fullscreen.mjs   one logged pane through tmux: a redraw
#                                              loop in the alternate screen (30 s), then
#                                              top -d 0.05 (15 s): the reader's private
#                                              memory there (issue 15: ≤ 32 MB)
#                       bench/tmux-probes.mjs  10 logged idle panes
#   4. latency          bench/tmux-probes.mjs  toggle -> REC, line -> disk (typed,
#                                              and printed every 50 ms)
#   5. status cost      bench/status-cost.mjs  forks per status refresh (own pid namespace)
#   6. screen model     bench/grid.mjs         src/terminal/grid.ts in process against
#                                              @xterm/headless (MB/s; issue 15's bar: 30)
#   7. shell snippets   bench/shell-integration.sh  added latency and bytes per command in
#                                              bash, zsh, fish (those installed)
#   8. reading          bench/reading.mjs      ls over 1,000 rotated files; grep over 1 GiB of
#                                              generated logs (text and JSON Lines) against
#                                              GNU grep -c (the corpus is written, then removed)
#   9. auto-start       bench/auto-start.mjs   @audit-auto on, 50 panes: source-file -> all
#                                              REC, and tmux's slowest answer meanwhile
# then bench/report.mjs prints the table and writes bench/out/results.json and
# bench/out/table.md.
#
# Needs: node, tmux, ts (moreutils), ansifilter, script (bsdutils), unshare
# (util-linux), pgrep (procps), awk; missing Debian packages are installed
# with apt-get. dist/audit.cjs must exist (it is committed; a copy taken at
# the start, bench/out/audit.cjs, is what gets measured). Every tmux server
# it starts has its own -L socket and is killed by that socket only.
# Environment knobs (defaults): BENCH_E2E_REPS=7 BENCH_READER_REPS=5
# BENCH_CORPUS_MIB=40 BENCH_FLOOD_MIB=1024 BENCH_SHELL_COMMANDS=500 BENCH_SHELL_REPS=3
# BENCH_READING_GIB=1 BENCH_FULLSCREEN_S=30 BENCH_TOP_S=15
# BENCH_OUT=bench/out
# PIPE_THROUGHPUT=<path to pipe-throughput.sh>
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
OUT=${BENCH_OUT:-$ROOT/bench/out}
export BENCH_OUT=$OUT
BENCH_STARTED=$(date +%s)
export BENCH_STARTED
export BENCH_COMMAND="npm run bench (bash bench/run.sh)"
E2E_REPS=${BENCH_E2E_REPS:-7}
READER_REPS=${BENCH_READER_REPS:-5}
CORPUS_MIB=${BENCH_CORPUS_MIB:-40}
FLOOD_MIB=${BENCH_FLOOD_MIB:-1024}

say() { printf '\n== %s\n' "$*"; }

# ---------------------------------------------------------------- tools
need=()
command -v tmux >/dev/null || need+=(tmux)
command -v ts >/dev/null || need+=(moreutils)
command -v ansifilter >/dev/null || need+=(ansifilter)
command -v script >/dev/null || need+=(bsdutils)
command -v unshare >/dev/null || need+=(util-linux)
command -v pgrep >/dev/null || need+=(procps)
command -v awk >/dev/null || need+=(gawk)
if [ ${#need[@]} -gt 0 ]; then
	say "installing ${need[*]}"
	sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq
	"${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "node is needed" >&2; exit 2; }
[ -f "$ROOT/dist/audit.cjs" ] || { echo "dist/audit.cjs is missing (npm run build)" >&2; exit 2; }

# The shared benchmark script: beside the repo (../shared), unless given.
pt=${PIPE_THROUGHPUT:-$ROOT/../shared/bench/pipe-throughput.sh}
if [ -z "$pt" ] || [ ! -f "$pt" ]; then
	echo "pipe-throughput.sh not found (set PIPE_THROUGHPUT)" >&2
	exit 2
fi

# ---------------------------------------------------------------- what is measured
mkdir -p "$OUT"
rm -f "$OUT"/*.json
# A copy of the bundle as it is now: every section measures the same one even
# if dist/ is rebuilt while the benchmark runs.
cp "$ROOT/dist/audit.cjs" "$OUT/audit.cjs"
export BENCH_HELPER=$OUT/audit.cjs
BENCH_GIT_HEAD=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo -)
BENCH_DIST_STATE=committed
git -C "$ROOT" diff --quiet HEAD -- dist/audit.cjs 2>/dev/null || BENCH_DIST_STATE='differs from HEAD'
export BENCH_GIT_HEAD BENCH_DIST_STATE

# The node flags the plugin gives its reader: the sections run it the same way.
BENCH_READER_FLAGS=$(node bench/reader-flags.mjs)
export BENCH_READER_FLAGS
echo "reader: node ${BENCH_READER_FLAGS:+$BENCH_READER_FLAGS }$BENCH_HELPER pipe ..."

# ---------------------------------------------------------------- corpus
say "corpus (${CORPUS_MIB} MiB, deterministic)"
node bench/corpus.mjs "$OUT/corpus.txt" --mib "$CORPUS_MIB" --onlcr "$OUT/corpus.pty" | tee "$OUT/corpus.json"
cleanup() { rm -f "$OUT/corpus.txt" "$OUT/corpus.pty"; }
trap cleanup EXIT

# ---------------------------------------------------------------- sections
# A section that fails is reported and the others still run; the exit status
# says whether all of them did.
failed=()
section() { # NAME COMMAND...
	local name=$1
	shift
	"$@" || { echo "(section '$name' failed: exit $?)" >&2; failed+=("$name"); }
}

say "2. reader alone (${READER_REPS} reps)"
section reader node bench/reader.mjs "$OUT/corpus.pty" "$READER_REPS"

say "2b. redaction on hostile 16 KB lines (near-matches of every pattern)"
section redact node bench/redact.mjs "$OUT"

say "1. end to end through tmux (${E2E_REPS} reps; $pt)"
section e2e node bench/e2e.mjs "$pt" "$OUT/corpus.txt" "$E2E_REPS" $((E2E_REPS * 5 * 12))

say "3. memory: one logged pane through tmux, ${FLOOD_MIB} MiB flood"
section tmux-flood node bench/tmux-flood.mjs "$OUT/corpus.txt" "$FLOOD_MIB" 240

say "3c. memory: full-screen flood through tmux (redraw loop ${BENCH_FULLSCREEN_S:-30} s in the alternate screen, top ${BENCH_TOP_S:-15} s)"
section fullscreen node bench/fullscreen.mjs "${BENCH_FULLSCREEN_S:-30}" "${BENCH_TOP_S:-15}" 240

say "3. memory: the reader alone, ${FLOOD_MIB} MiB pipe flood (informational)"
section memory node bench/memory.mjs "$OUT/corpus.pty" "$FLOOD_MIB"

say "3, 4. logged panes in tmux: latency, memory of 10 idle panes"
section tmux node bench/tmux-probes.mjs 10 20 10 40

say "5. status cost"
# In its own pid namespace when possible: forks are then counted exactly.
if unshare --pid --fork --mount-proc true 2>/dev/null; then
	section status unshare --pid --fork --mount-proc node bench/status-cost.mjs 60 3
else
	section status node bench/status-cost.mjs 60 3
fi

say "6. screen model alone, against xterm-headless"
section grid node bench/grid.mjs 16 5

say "7. shell snippets: cost per command"
section shell bash bench/shell-integration.sh "${BENCH_SHELL_COMMANDS:-500}" "${BENCH_SHELL_REPS:-3}"

say "8. reading commands: ls over 1,000 rotated files, grep over ${BENCH_READING_GIB:-1} GiB"
section reading node bench/reading.mjs --gib "${BENCH_READING_GIB:-1}"
say "9. auto-start at plugin load: 50 panes"
section auto node bench/auto-start.mjs 50 3

# ---------------------------------------------------------------- report
node bench/report.mjs
if [ ${#failed[@]} -gt 0 ]; then
	echo "failed sections: ${failed[*]}" >&2
	exit 1
fi
