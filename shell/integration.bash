# shellcheck shell=bash
# tmux-audit shell integration for bash >= 5. One line in ~/.bashrc, at its end:
#
#   source ~/.tmux/plugins/tmux-audit/shell/integration.bash
#
# It marks prompts and commands with OSC 133 sequences (ESC ] 133 ; ... ESC \) that tmux-audit's
# reader turns into `* command` and `* command-end` events. tmux 3.3a hands them to pipe-pane byte
# for byte and shows them nowhere (input.c:2271 input_exit_osc has no case for 133).
#   A, B   start and end of the prompt (in PS1, inside \[ \] so readline counts no width)
#   C      a command line was accepted: the line from history, cwd, counter, pid, user, host
#   D      it finished: exit status, duration, pipe statuses
# Each C and D carries a nonce that only this shell knows (never exported); tmux holds its sha256
# in the pane option @audit_shell_<pid>, so the reader can tell this shell's records from the same
# bytes printed by a program.
#
# Every sequence ends with ST, ESC \ (\e\134 in printf formats).
# Costs: no DEBUG trap. Per command one fork (the command substitution in PS0); timestamps come
# from $EPOCHREALTIME, the rest is parameter expansion and builtins.

# Only interactive bash >= 5 inside tmux (or a screen/tmux TERM: ssh from a pane); only once.
if [[ $- == *i* && -n ${BASH_VERSION-} && -z ${__tmux_audit_k-} ]] && ((BASH_VERSINFO[0] >= 5)) &&
	[[ -n ${TMUX-} || ${TERM-} == screen* || ${TERM-} == tmux* ]]; then

	# `set -a` while this file is sourced would export the nonce to every child.
	if [[ $- == *a* ]]; then __tmux_audit_allexport=1; set +a; else __tmux_audit_allexport=0; fi

	# The nonce: 128 bits, without a fork. SRANDOM is new in 5.1; 5.0 reads /dev/urandom.
	if [[ -n ${SRANDOM-} ]]; then
		printf -v __tmux_audit_k '%08x%08x%08x%08x' "$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM"
	else
		__tmux_audit_k=$(od -An -N16 -tx1 /dev/urandom 2>/dev/null)
		__tmux_audit_k=${__tmux_audit_k//[!0-9a-f]/}
	fi
	__tmux_audit_n=0    # commands started in this shell
	__tmux_audit_ran=0  # 1 between a C and its D: an empty line or ^C starts no command
	__tmux_audit_t0=0   # start of the running command, microseconds
	__tmux_audit_hc=''  # $HISTCMD at the last prompt: the number the next history entry gets
	__tmux_audit_ps1='' # PS1 as we last marked it

	# Percent-encodes $2 into the variable named $1: every byte but [A-Za-z0-9] and -._~/,:@= as
	# %XX. Callers set LC_ALL=C, so strings are indexed by byte and "'c" is a byte's value. Runs of
	# plain bytes are copied at once; long input goes in slices, so the cost stays linear.
	__tmux_audit_pct() {
		local rest chunk run c hex out=''
		local -i at=0
		while ((at < ${#2})); do
			chunk=${2:at:2048}
			at+=2048
			while [[ -n $chunk ]]; do
				run=${chunk%%[!A-Za-z0-9._~/,:@=-]*}
				out+=$run
				rest=${chunk:${#run}}
				[[ -n $rest ]] || break
				c=${rest:0:1}
				chunk=${rest:1}
				printf -v hex '%%%02X' "'$c"
				out+=$hex
			done
		done
		printf -v "$1" '%s' "$out"
	}

	# User and host as the prompt's \u and \H give them (no fork), encoded once.
	__tmux_audit_user='' __tmux_audit_host=''
	__tmux_audit_ids() {
		local LC_ALL=C user='\u' host='\H'
		__tmux_audit_pct __tmux_audit_user "${user@P}"
		__tmux_audit_pct __tmux_audit_host "${host@P}"
	}
	__tmux_audit_ids
	unset -f __tmux_audit_ids

	# Where the PS0 subshell puts `history 1` to read it back: capturing it with $(...) would be a
	# second fork (about 0.5 ms). In memory (tmpfs: on ext4, overwriting a file forces a disk
	# write, 2 ms), in a directory only this user can enter: the XDG runtime dir, else
	# /dev/shm/tmux-audit-<uid> (made 0700 once). Without one, the subshell captures, and pays.
	__tmux_audit_file=''
	if [[ -n ${XDG_RUNTIME_DIR-} && -d $XDG_RUNTIME_DIR && -O $XDG_RUNTIME_DIR && ! -L $XDG_RUNTIME_DIR ]]; then
		__tmux_audit_file=$XDG_RUNTIME_DIR/tmux-audit-cmd.$$
	elif [[ -d /dev/shm && (-k /dev/shm || -O /dev/shm) ]]; then # sticky: no one else can swap our directory
		__tmux_audit_file=/dev/shm/tmux-audit-$UID
		[[ -e $__tmux_audit_file || -L $__tmux_audit_file ]] || command mkdir -m 700 "$__tmux_audit_file" 2>/dev/null || :
		if [[ -d $__tmux_audit_file && -O $__tmux_audit_file && ! -L $__tmux_audit_file ]]; then
			__tmux_audit_file+=/cmd.$$
		else
			__tmux_audit_file=''
		fi
	fi

	# C. Runs in PS0's command substitution, a forked subshell: what it sets stays there, and what
	# it prints is what PS0 shows. The counter, flag and start time were set just before it, in the
	# shell itself, by the arithmetic in PS0.
	__tmux_audit_preexec() {
		set +eu
		local LC_ALL=C HISTTIMEFORMAT='' line='' cmd='' source=screen
		# Bash puts an accepted line into history before PS0 (bashhist.c, pre_process_line). When it
		# did not (ignorespace with a leading space, HISTIGNORE, ignoredups, set +o history),
		# HISTCMD is still what it was at the prompt, and `history 1` is an older line.
		if [[ -n $__tmux_audit_hc && $HISTCMD == $((__tmux_audit_hc + 1)) ]]; then
			if [[ -n $__tmux_audit_file ]] && builtin history 1 >|"$__tmux_audit_file" 2>/dev/null; then
				IFS= read -r -d '' line <"$__tmux_audit_file"
				: >|"$__tmux_audit_file" # the line stays in no file
			else
				line=$(builtin history 1)
			fi
			line=${line%$'\n'}
			line=${line#"${line%%[![:space:]]*}"} # "%5d%c %s": the number, then ' ' or '*', then ' '
			line=${line#*[0-9][ *] }
			__tmux_audit_pct cmd "$line"
			cmd="cmdline_url=$cmd;"
			source=history
		fi
		local cwd
		__tmux_audit_pct cwd "$PWD"
		printf '\e]133;C;%scwd=%s;n=%s;pid=%s;user=%s;host=%s;source=%s;k=%s\e\134' \
			"$cmd" "$cwd" "$__tmux_audit_n" "$$" "$__tmux_audit_user" "$__tmux_audit_host" \
			"$source" "$__tmux_audit_k"
	}

	# D, then the prompt's marks. First in PROMPT_COMMAND, so $? and PIPESTATUS are the command's;
	# it returns $?, so whatever runs after it (PROMPT_COMMAND, PS1) sees the same $? (PIPESTATUS
	# then holds that one status: no function can give back several).
	__tmux_audit_precmd() {
		local s=$? p=("${PIPESTATUS[@]}")
		# bash-preexec puts its own hook first (and keeps it there at every prompt); it saves both.
		local before=${PROMPT_COMMAND[*]}
		before=${before%%__tmux_audit_precmd*}
		if [[ $before == *__bp_precmd_invoke_cmd* && -n ${__bp_last_ret_value-} ]]; then
			s=$__bp_last_ret_value
			p=("${BP_PIPESTATUS[@]}")
		fi
		if ((__tmux_audit_ran)); then
			__tmux_audit_ran=0
			local IFS=, ms=${EPOCHREALTIME//[!0-9]/}
			ms=$(((ms - __tmux_audit_t0) / 1000))
			printf '\e]133;D;%s;n=%s;ms=%s;pipestatus=%s;pid=%s;k=%s\e\134' \
				"$s" "$__tmux_audit_n" "$ms" "${p[*]}" "$$" "$__tmux_audit_k" >&2
		fi
		# The user may have set PS1 or PS0 since the last prompt: mark them again.
		[[ ${PS1-} == "$__tmux_audit_ps1" ]] || __tmux_audit_mark_prompt
		if shopt -q promptvars; then
			[[ ${PS0-} == *"$__tmux_audit_ps0"* ]] || PS0=$__tmux_audit_ps0${PS0-}
		else
			# Without promptvars PS0 would print our expansion as text.
			PS0=${PS0//"$__tmux_audit_ps0"/}
		fi
		__tmux_audit_hc=${HISTCMD-}
		# Under set -e a hook that fails ends the shell: the status of `! true` is not worth that.
		[[ $- != *e* ]] || return 0
		return "$s"
	}

	__tmux_audit_A='\[\e]133;A\e\\\]'
	__tmux_audit_B='\[\e]133;B\e\\\]'
	__tmux_audit_mark_prompt() {
		local ps1=${PS1-}
		ps1=${ps1//"$__tmux_audit_A"/}
		ps1=${ps1//"$__tmux_audit_B"/}
		PS1=$__tmux_audit_A$ps1$__tmux_audit_B
		__tmux_audit_ps1=$PS1
	}

	# PS0 is expanded in the shell itself once a line is accepted (not for an empty line or ^C),
	# before it runs. The arithmetic (hidden in a zero-length substring) counts, flags and times the
	# command in the shell; only then the command substitution forks to print C.
	# shellcheck disable=SC2016 # expanded by bash at each command, not now
	__tmux_audit_ps0='${__tmux_audit_k:0:$((__tmux_audit_n += 1, __tmux_audit_ran = 1, __tmux_audit_t0 = ${EPOCHREALTIME//[!0-9]/}, 0))}$(__tmux_audit_preexec)'

	# Our hook goes first; an array PROMPT_COMMAND (bash 5.1+) stays an array.
	if [[ ${PROMPT_COMMAND@a} == *a* ]]; then
		PROMPT_COMMAND=(__tmux_audit_precmd "${PROMPT_COMMAND[@]}")
	else
		# shellcheck disable=SC2128,SC2178 # a string here
		PROMPT_COMMAND=__tmux_audit_precmd${PROMPT_COMMAND:+$'\n'$PROMPT_COMMAND}
	fi
	shopt -q promptvars && PS0=$__tmux_audit_ps0${PS0-}
	__tmux_audit_mark_prompt
	__tmux_audit_hc=${HISTCMD-}

	# Register the nonce's hash for this shell's pid in its pane (one sha256sum, one tmux).
	if [[ -n ${TMUX-} && -n ${TMUX_PANE-} ]]; then
		__tmux_audit_h=$(printf '%s' "$__tmux_audit_k" | { sha256sum 2>/dev/null || shasum -a 256 2>/dev/null; })
		__tmux_audit_h=${__tmux_audit_h%% *}
		if [[ ${#__tmux_audit_h} == 64 ]]; then
			command tmux set-option -p -t "$TMUX_PANE" "@audit_shell_$$" "$__tmux_audit_h" >/dev/null 2>&1 || :
		fi
		unset __tmux_audit_h
	fi

	if ((__tmux_audit_allexport)); then set -a; fi
	unset __tmux_audit_allexport
fi
