# shellcheck shell=bash disable=SC2034  # sourced by audit.tmux; not every name is used there
# generated from src/core/options.ts by npm run build; do not edit

# @audit-key: the key (after the prefix) that toggles logging of the current pane
audit_key_option='@audit-key'
audit_key_default='A'

# @audit-dir: where logs go; absolute, ~ allowed. Created mode 0700
audit_dir_option='@audit-dir'
# default (computed by the helper): ${XDG_STATE_HOME:-$HOME/.local/state}/tmux-audit

# @audit-time-format: the stamp's time, a date-fns format string; local time
audit_time_format_option='@audit-time-format'
audit_time_format_default='yyyy-MM-dd'\''T'\''HH:mm:ss.SSSxxx'

# @audit-format: text, or json: JSON Lines, one object per record, for log shippers (Vector, Fluent Bit, Filebeat); the reading commands read both
audit_format_option='@audit-format'
audit_format_default='text'

# @audit-cast: on: also keep the pane's raw output with its timing as <log>.<rec>.cast (asciicast v2, rotated and pruned like the logs), which export --asciicast then uses: full-screen programs replay exactly
audit_cast_option='@audit-cast'
audit_cast_default='off'

# @audit-max-size: rotate a session's log before it grows past this; K, M, G (powers of 1024)
audit_max_size_option='@audit-max-size'
audit_max_size_default='10M'

# @audit-max-files: rotated files kept per session, or all; the oldest beyond this are deleted
audit_max_files_option='@audit-max-files'
audit_max_files_default='20'

# @audit-rotate: when a new file is started: size (at @audit-max-size), daily (at local midnight), or both
audit_rotate_option='@audit-rotate'
audit_rotate_default='both'

# @audit-max-age: rotated files older than this (e.g. 90d, 12h) are deleted, or off
audit_max_age_option='@audit-max-age'
audit_max_age_default='off'

# @audit-compress: gzip rotated files in the background (on or off); every reading command and verify read .gz files
audit_compress_option='@audit-compress'
audit_compress_default='on'

# @audit-chain-key: a file whose bytes key the logs' hash chain (HMAC-SHA-256); empty: a plain SHA-256 chain
audit_chain_key_option='@audit-chain-key'
audit_chain_key_default=''

# @audit-history: on: a start by hand writes what the pane already showed (its screen above the cursor's line and up to @audit-history-lines of scrollback) as a marked history block
audit_history_option='@audit-history'
audit_history_default='on'

# @audit-history-lines: at most this many lines of scrollback in that block
audit_history_lines_option='@audit-history-lines'
audit_history_lines_default='1000'

# @audit-status-on: what #{audit_status} shows while the current pane is logged
audit_status_on_option='@audit-status-on'
audit_status_on_default='#[fg=red,bold]● REC#[default]'

# @audit-status-stalled: what #{audit_status} shows while the current pane's reader has not reported for 15 s (stopped, stuck, or far behind)
audit_status_stalled_option='@audit-status-stalled'
audit_status_stalled_default='#[fg=yellow,bold]● REC?#[default]'

# @audit-status-off: what #{audit_status} shows otherwise
audit_status_off_option='@audit-status-off'
audit_status_off_default=''

# @audit-redact: on: secrets (cloud and forge tokens, JWTs, private keys, Bearer headers, password= values) become [REDACTED:<kind>] before anything is written or sent; off
audit_redact_option='@audit-redact'
audit_redact_default='on'

# @audit-redact-patterns: more patterns to redact, separated by spaces: kind=regex or a bare regex (kind custom); write a space inside one as \s
audit_redact_patterns_option='@audit-redact-patterns'
audit_redact_patterns_default=''

# @audit-syslog: also forward every record, as RFC 5424, to unix:///dev/log, udp://host:port, tcp://host:port or tls://host:port; empty: no forwarding
audit_syslog_option='@audit-syslog'
audit_syslog_default=''

# @audit-syslog-facility: the syslog facility of forwarded records
audit_syslog_facility_option='@audit-syslog-facility'
audit_syslog_facility_default='authpriv'

# @audit-syslog-ca: with tls://: the CA certificate file (PEM) the collector's certificate is checked against; empty: the system's CAs
audit_syslog_ca_option='@audit-syslog-ca'
audit_syslog_ca_default=''

# @audit-node: the Node.js to run, for when tmux's PATH lacks it (nvm and the like)
audit_node_option='@audit-node'
audit_node_default='node'

# @audit-save-key: the key (after the prefix) that saves the current pane's complete history, cleaned, to a file beside the logs
audit_save_key_option='@audit-save-key'
audit_save_key_default='M-a'

# @audit-auto: on: log every pane without a key press, those there when the plugin loads and every new session, window and split from its first byte
audit_auto_option='@audit-auto'
audit_auto_default='off'

# Removes the copies of the pane marks a format would find before a pane's own (src/core/shadows.ts).
audit_shadow_unsets='set-option -su @audit_on ; set-option -su @audit_run ; set-option -su @audit_beat ; set-option -su @audit_off_by ; set-option -su @audit_piped_by ; set-option -su @audit_reader_pid ; set-option -su @audit_reader_size ; set-option -su @audit_rearmed ; set-option -gu @audit_on ; set-option -gu @audit_run ; set-option -gu @audit_beat ; set-option -gu @audit_off_by ; set-option -gu @audit_piped_by ; set-option -gu @audit_reader_pid ; set-option -gu @audit_reader_size ; set-option -gu @audit_rearmed ; set-option -wgu @audit_on ; set-option -wgu @audit_run ; set-option -wgu @audit_beat ; set-option -wgu @audit_off_by ; set-option -wgu @audit_piped_by ; set-option -wgu @audit_reader_pid ; set-option -wgu @audit_reader_size ; set-option -wgu @audit_rearmed'
