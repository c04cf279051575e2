#!/usr/bin/env bash
# What a pane switch costs with the plugin loaded and one of two panes logged: CPU ticks (1/100 s) of
# the tmux server with its children (the hooks' sh and node), and of the reader, over 500 round trips of
# select-pane. Usage: bench/select-pane.sh [plugin dir (default: this checkout)] [label]
set -euo pipefail
plugin=$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)
label=${2:-$(git -C "$plugin" rev-parse --short HEAD 2>/dev/null || echo plugin)}
socket=select-bench-$$
dir=$(mktemp -d)
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT
t() { tmux -L "$socket" "$@"; }
t -f /dev/null new-session -d -s main -x 200 -y 50
t split-window -h -t main
t set-option -g @audit-dir "$dir/logs"
t run-shell "$plugin/audit.tmux"
t select-pane -t %0
t run-shell -t %0 "node '$plugin/dist/audit.cjs' --report tmux toggle --pane %0"
for _ in $(seq 1 100); do
	[ -n "$(t display-message -p -t %0 '#{@audit_reader_pid}')" ] && break
	sleep 0.1
done
reader=$(t display-message -p -t %0 '#{@audit_reader_pid}')
server=$(t display-message -p '#{pid}')
[ -n "$reader" ] || { echo "no reader started" >&2; exit 1; }
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }
server0=$(ticks "$server")
reader0=$(ticks "$reader")
start=$(date +%s.%N)
for _ in $(seq 1 500); do
	t select-pane -t %1
	t select-pane -t %0
done
# The last hooks' processes end within a moment; their ticks count once they are reaped.
sleep 1
echo "$label: server+children $(($(ticks "$server") - server0)) ticks, reader $(($(ticks "$reader") - reader0)) ticks, wall $(echo "$(date +%s.%N) - $start - 1" | bc) s"
