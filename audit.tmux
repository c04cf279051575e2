#!/usr/bin/env bash
# tmux-audit: TPM entry point. Binds the toggle key and fills the status
# placeholder; all the work is done by the bundled helper, dist/audit.cjs.

CURRENT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/helpers.sh
source "$CURRENT_DIR/scripts/helpers.sh"

# Prints the node to use, or fails when there is none new enough.
find_node() {
	local node
	node="$(command -v "$(get_tmux_option "$audit_node_option" "$audit_node_default")")" || return 1
	"$node" -e "process.exit(Number(process.versions.node.split('.')[0]) >= $audit_min_node_major ? 0 : 1)" 2>/dev/null || return 1
	printf '%s\n' "$node"
}

main() {
	local key node helper
	key="$(get_tmux_option "$audit_key_option" "$audit_key_default")"
	helper="$CURRENT_DIR/dist/audit.cjs"
	if ! node="$(find_node)"; then
		local problem="tmux-audit needs Node.js >= $audit_min_node_major on PATH (or set $audit_node_option); logging is off"
		tmux bind-key "$key" display-message "$problem"
		tmux display-message "$problem"
		fill_status_placeholder ''
		return 0
	fi
	local run_helper
	run_helper="$(quote_for_run_shell "$node") $(quote_for_run_shell "$helper") --report tmux"
	tmux bind-key "$key" run-shell -b "$run_helper toggle --pane '#{pane_id}' --client-user '#{client_user}'"
	# A fixed index keeps the hook single when the configuration is sourced again.
	tmux set-hook -g "session-renamed[$audit_hook_index]" "run-shell -b \"$run_helper renamed --session '#{hook_session}'\""
	fill_status_placeholder "$("$node" "$helper" status-format \
		--on "$(get_tmux_option "$audit_status_on_option" '')" \
		--off "$(get_tmux_option "$audit_status_off_option" '')")"
}

main
