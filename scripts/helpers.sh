# shellcheck shell=bash disable=SC2034  # sourced by audit.tmux, which uses the names
# Shared shell helpers for audit.tmux: the few constants of the shell side and
# a getter. The option names and defaults are in dist/options.sh, generated
# from src/core/options.ts.

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

# Quotes a word for tmux's command parser, which parses a hook's command when
# it is set (options.c:444): single quotes, inside which tmux expands nothing
# ($, ~, \), a ' as '\'' (quoted parts join into one word, as in sh), and a
# newline as '\n' (inside quotes the parser drops the blanks after one).
# cmd-parse.y yylex_token.
quote_for_tmux() {
	local word="$1"
	word="${word//\'/\'\\\'\'}"
	word="${word//$'\n'/\'\\n\'}"
	printf "'%s'\n" "$word"
}

# The tmux command, as one string, that runs a shell command (quoted with
# quote_for_run_shell) in the background: what a hook holds, whatever the
# plugin's path contains.
run_shell_command() {
	printf 'run-shell -b %s\n' "$(quote_for_tmux "$1")"
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
