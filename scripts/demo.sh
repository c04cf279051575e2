#!/usr/bin/env bash
# `npm start`: a tmux session with tmux-audit loaded from this checkout, on its
# own server and socket, logging into a temporary directory. Your own tmux
# server and ~/.tmux.conf are not touched.
set -euo pipefail

CURRENT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PLUGIN_DIR="$(dirname "$CURRENT_DIR")"

if ! command -v tmux >/dev/null; then
	echo "npm start needs tmux: apt-get install -y tmux (or your system's package manager)" >&2
	exit 1
fi

demo_dir="$(mktemp -d "${TMPDIR:-/tmp}/tmux-audit-demo.XXXXXX")"
config="$demo_dir/tmux.conf"
cat >"$config" <<CONF
set -g @audit-dir '$demo_dir/logs'
set -g status-right '#{audit_status} #[fg=colour244]prefix+A toggles logging | logs: $demo_dir/logs'
set -g status-right-length 120
run-shell '$PLUGIN_DIR/audit.tmux'
CONF

echo "tmux-audit demo: press Ctrl-b then A (capital) to start or stop logging a pane."
echo "Logs go to $demo_dir/logs. Leave with 'exit' or Ctrl-b d."
unset TMUX TMUX_PANE
tmux -L "tmux-audit-demo-$$" -f "$config" new-session -s demo
echo "Logs of this demo: $demo_dir/logs"
ls -l "$demo_dir/logs" 2>/dev/null || true
