# shellcheck shell=bash disable=SC2034  # sourced by audit.tmux, which uses the names
# Shared shell helpers for audit.tmux (the tmux-yank layout: option names and
# defaults in one table, a getter, nothing else).

audit_key_option='@audit-key'
audit_key_default='A'
audit_node_option='@audit-node'
audit_node_default='node'
audit_status_on_option='@audit-status-on'
audit_status_off_option='@audit-status-off'
audit_status_placeholder='#{audit_status}'
audit_min_node_major=18
audit_hook_index=47

get_tmux_option() {
	local option="$1" default="$2" value
	value="$(tmux show-option -gqv "$option")"
	if [ -n "$value" ]; then
		printf '%s\n' "$value"
	else
		printf '%s\n' "$default"
	fi
}

# Quotes a word for sh, then doubles '#' so tmux's format expansion of
# run-shell commands leaves it alone.
quote_for_run_shell() {
	local word="$1"
	word="'${word//\'/\'\\\'\'}'"
	printf '%s\n' "${word//\#/##}"
}

# Replaces the placeholder in status-left and status-right with a segment.
fill_status_placeholder() {
	local segment="$1" side value
	for side in status-left status-right; do
		value="$(tmux show-option -gqv "$side")"
		case "$value" in
		*"$audit_status_placeholder"*)
			tmux set-option -gq "$side" "${value//"$audit_status_placeholder"/"$segment"}"
			;;
		esac
	done
}
