#!/usr/bin/env bash
# Section 6: what the shell snippets (shell/integration.*) cost per command.
#
#   bash bench/shell-integration.sh [COMMANDS] [REPS]      (defaults 500, 3)
#
# For each shell (bash, zsh, fish, whichever is installed) and variant, a fresh tmux server
# (tmux -L, own TMUX_TMPDIR) runs the interactive shell in a pane whose raw output goes to a file
# (pipe-pane 'cat >> file'). Once its first prompt is drawn, COMMANDS lines `true` are typed at
# once (send-keys), then a line `tmux wait-for -S <channel>`; the time is from the send-keys to
# the signal. Variants, interleaved in each rep:
#   plain    rc without the snippet
#   snippet  rc that sources it
#   bash only: snippet-nofile  the snippet as where it finds no private in-memory directory
#            for `history 1` (neither XDG_RUNTIME_DIR nor /dev/shm): it captures the line
#            instead, one fork more per command
# Added latency per command = (median snippet - median plain) / COMMANDS; added bytes per
# command = (bytes of pane output, snippet - plain) / COMMANDS. A check: the snippet runs must
# hold COMMANDS D records. Writes OUT/shell.json. Every server is killed by its own socket only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
COMMANDS=${1:-500}
REPS=${2:-3}
mkdir -p "$OUT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tmux-audit-bench-shell-XXXXXX")
SOCKET=''
cleanup() {
	[ -z "$SOCKET" ] || tmux -L "$SOCKET" kill-server 2>/dev/null || :
	rm -rf "$WORK"
}
trap cleanup EXIT

now_us() { printf '%s' "${EPOCHREALTIME/[.,]/}"; }

# CPU time of a process and its waited-for children, in clock ticks (utime stime cutime cstime).
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"; }

# run SHELL VARIANT REP: sets R_US (time), R_CPU (the shell's CPU, ticks), R_BYTES (pane output),
# R_RECORDS (D records)
run() {
	local shell=$1 variant=$2 rep=$3 home rc source_line=''
	home=$WORK/$shell-$variant-$rep
	mkdir -p "$home/.config/fish" "$home/.local/share/fish/generated_completions"
	[ "$variant" = plain ] || source_line="source '$ROOT/shell/integration.$shell'"
	[ "$variant" != snippet-nofile ] || source_line+=$'\n'"__tmux_audit_file=''"
	case $shell in
	bash) rc=$home/.bashrc ;;
	zsh) rc=$home/.zshrc ;;
	fish) rc=$home/.config/fish/config.fish ;;
	esac
	{
		[ "$shell" != fish ] || echo "set -g fish_greeting ''"
		echo "$source_line"
	} >"$rc"
	SOCKET=bench-shell-$$-$shell-$variant-$rep
	local out=$home/pane.raw channel=done-$$-$rep start
	printf 'tmux wait-for go\nexec env HOME=%q XDG_CONFIG_HOME=%q XDG_DATA_HOME=%q HISTFILE= LANG=C.UTF-8 %s -i\n' \
		"$home" "$home/.config" "$home/.local/share" "$shell" >"$home/start.sh"
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" -f /dev/null new-session -d -x 120 -y 30 -c "$home" "sh '$home/start.sh'"
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" pipe-pane -t %0 "cat >> '$out'"
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" wait-for -S go
	# The first prompt: the pane shows something and stays still for 300 ms.
	local last=-1 size=0 still=0
	while [ $still -lt 6 ]; do
		sleep 0.05
		size=$(stat -c %s "$out" 2>/dev/null || echo 0)
		if [ "$size" -gt 0 ] && [ "$size" = "$last" ]; then still=$((still + 1)); else still=0; fi
		last=$size
	done
	local batch='' i
	for ((i = 0; i < COMMANDS; i++)); do batch+=$'true\n'; done
	batch+="TMUX_TMPDIR='$WORK' tmux -L '$SOCKET' wait-for -S $channel"$'\n'
	local pid cpu
	pid=$(TMUX_TMPDIR=$WORK tmux -L "$SOCKET" display-message -p -t %0 '#{pane_pid}')
	cpu=$(cpu_ticks "$pid")
	start=$(now_us)
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" send-keys -t %0 -l "$batch"
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" wait-for "$channel"
	local elapsed=$(($(now_us) - start))
	cpu=$(($(cpu_ticks "$pid") - cpu))
	sleep 0.2
	local bytes records
	bytes=$(($(stat -c %s "$out") - size))
	records=$(grep -aoF $'\033]133;D' "$out" | wc -l || :)
	TMUX_TMPDIR=$WORK tmux -L "$SOCKET" kill-server 2>/dev/null || :
	SOCKET=''
	R_US=$elapsed R_CPU=$cpu R_BYTES=$bytes R_RECORDS=$records
}

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
TICK_MS=$((1000 / $(getconf CLK_TCK)))
json_list() { local words=${1% }; printf '[%s]' "${words// /, }"; }

json_shells=()
printf '%-6s %-15s %10s %10s %10s %10s   %s\n' shell variant 'wall ms' 'CPU ms' bytes 'D records' '(wall of each run, us)'
for shell in bash zsh fish; do
	command -v "$shell" >/dev/null || { echo "($shell is not installed: skipped)"; continue; }
	variants=(plain snippet)
	[ "$shell" != bash ] || variants+=(snippet-nofile)
	declare -A times=() cpus=() sizes=() counts=() wall=() cpu=() size=()
	for ((rep = 0; rep < REPS; rep++)); do
		for variant in "${variants[@]}"; do
			run "$shell" "$variant" "$rep"
			times[$variant]+="$R_US "
			cpus[$variant]+="$R_CPU "
			sizes[$variant]+="$R_BYTES "
			counts[$variant]=$R_RECORDS
		done
	done
	variant_json=()
	added=()
	# shellcheck disable=SC2086 # the lists are space-separated numbers
	for variant in "${variants[@]}"; do
		wall[$variant]=$(median ${times[$variant]})
		cpu[$variant]=$(($(median ${cpus[$variant]} | cut -d. -f1) * TICK_MS))
		size[$variant]=$(median ${sizes[$variant]})
		printf '%-6s %-15s %10.1f %10s %10s %10s   %s\n' "$shell" "$variant" "$(awk -v us="${wall[$variant]}" 'BEGIN { print us / 1000 }')" \
			"${cpu[$variant]}" "${size[$variant]}" "${counts[$variant]}" "${times[$variant]% }"
		variant_json+=("\"$variant\": {\"wall_us\": $(json_list "${times[$variant]}"), \"cpu_ticks\": $(json_list "${cpus[$variant]}"), \"bytes\": $(json_list "${sizes[$variant]}"), \"d_records\": ${counts[$variant]}}")
		[ "$variant" != plain ] || continue
		per_wall=$(awk -v a="${wall[$variant]}" -v b="${wall[plain]}" -v n="$COMMANDS" 'BEGIN { printf "%.3f", (a - b) / n / 1000 }')
		per_cpu=$(awk -v a="${cpu[$variant]}" -v b="${cpu[plain]}" -v n="$COMMANDS" 'BEGIN { printf "%.3f", (a - b) / n }')
		per_bytes=$(awk -v a="${size[$variant]}" -v b="${size[plain]}" -v n="$COMMANDS" 'BEGIN { printf "%.1f", (a - b) / n }')
		added+=("$(printf '%-6s %-15s added per command: %s ms wall, %s ms CPU, %s bytes' "$shell" "$variant" "$per_wall" "$per_cpu" "$per_bytes")")
		variant_json[-1]=${variant_json[-1]%\}}", \"added_ms_per_command\": $per_wall, \"added_cpu_ms_per_command\": $per_cpu, \"added_bytes_per_command\": $per_bytes}"
	done
	printf '%s\n' "${added[@]}"
	version=$("$shell" --version 2>/dev/null | head -1)
	version=${version//[\"\\]/}
	json_shells+=("\"$shell\": {\"version\": \"$version\", \"variants\": {$(IFS=,; echo "${variant_json[*]}")}}")
	unset times cpus sizes counts wall cpu size
done

printf '{"commands": %s, "reps": %s, "loadavg_end": "%s", "shells": {%s}}\n' "$COMMANDS" "$REPS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(IFS=,; echo "${json_shells[*]}")" >"$OUT/shell.json"
echo "written: $OUT/shell.json"
