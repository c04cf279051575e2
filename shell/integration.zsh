# tmux-audit shell integration for zsh >= 5.1. One line in ~/.zshrc, at its end:
#
#   source ~/.tmux/plugins/tmux-audit/shell/integration.zsh
#
# The same OSC 133 records as integration.bash (read that file's header): A and B around the
# prompt, C when a command line is accepted (preexec), D when it has finished (precmd), each C
# and D signed with a nonce only this shell knows, whose sha256 tmux holds in the pane option
# @audit_shell_<pid>. Every sequence ends with ST (ESC \). No forks per command.

# Only interactive, inside tmux (or a screen/tmux TERM: ssh from a pane), and only once.
if [[ -o interactive && -z ${__tmux_audit_k-} ]] && [[ -n ${TMUX-} || ${TERM-} == (screen|tmux)* ]]; then
  () {
    # emulate -L: our own options, whatever the user set (nounset, allexport, ksharrays, ...),
    # restored when this function returns; every function below does the same.
    emulate -L zsh
    zmodload zsh/datetime 2>/dev/null || return 0

    # The nonce: 16 bytes of /dev/urandom, read once; typeset -g (not -x): never exported.
    local k
    k=$(od -An -N16 -tx1 /dev/urandom 2>/dev/null)
    k=${k//[^0-9a-f]/}
    (( ${#k} == 32 )) || return 0
    typeset -g __tmux_audit_k=$k
    typeset -gi __tmux_audit_n=0    # commands started in this shell
    typeset -gi __tmux_audit_ran=0  # 1 between a C and its D: an empty line or ^C starts none
    typeset -gF __tmux_audit_t0=0   # start of the running command
    typeset -g __tmux_audit_ps1=''  # PS1 as we last marked it
    # Where the records go: the terminal itself, as zsh's own prompt does (not stderr, which the
    # user may send to a file).
    typeset -g __tmux_audit_tty=${TTY:-/dev/stderr}
    typeset -g __tmux_audit_A=$'%{\e]133;A\e\\%}' __tmux_audit_B=$'%{\e]133;B\e\\%}'

    # Percent-encodes $2 into the parameter named $1: every byte but [A-Za-z0-9] and -._~/,:@=
    # as %XX. Byte-wise (no multibyte); runs of plain bytes are copied at once, long input goes
    # in slices so the cost stays linear.
    __tmux_audit_pct() {
      emulate -L zsh
      setopt no_multibyte
      local chunk run rest c hex out=''
      local -i at=1
      while (( at <= ${#2} )); do
        chunk=${2[at,at+2047]}
        (( at += 2048 ))
        while [[ -n $chunk ]]; do
          run=${chunk%%[^A-Za-z0-9._~/,:@=-]*}
          out+=$run
          rest=${chunk[${#run}+1,-1]}
          [[ -n $rest ]] || break
          c=${rest[1]}
          chunk=${rest[2,-1]}
          printf -v hex '%%%02X' "'$c"
          out+=$hex
        done
      done
      typeset -g "$1=$out"
    }

    typeset -g __tmux_audit_user='' __tmux_audit_host=''
    __tmux_audit_pct __tmux_audit_user ${(%):-%n}
    __tmux_audit_pct __tmux_audit_host ${(%):-%M}

    # C. preexec's $1 is the line as history has it (after history expansion, newlines kept),
    # given even when HIST_IGNORE_SPACE keeps it out of history; empty only with history off.
    # $3 is the parsed text rebuilt, not what was typed.
    __tmux_audit_preexec() {
      emulate -L zsh
      __tmux_audit_n+=1
      __tmux_audit_ran=1
      __tmux_audit_t0=$EPOCHREALTIME
      local cmd='' cwd source=screen
      if [[ -n $1 ]]; then
        __tmux_audit_pct cmd "$1"
        cmd="cmdline_url=$cmd;"
        source=history
      fi
      __tmux_audit_pct cwd "$PWD"
      print -rn -- $'\e]133;C;'"${cmd}cwd=$cwd;n=$__tmux_audit_n;pid=$$;user=$__tmux_audit_user;host=$__tmux_audit_host;source=$source;k=$__tmux_audit_k"$'\e\\' 2>/dev/null >>$__tmux_audit_tty
    }

    # D, then the prompt's marks. First in precmd_functions, so $? and $pipestatus are the
    # command's; zsh gives every hook the same $? (callhookfunc), and this returns it anyway.
    __tmux_audit_precmd() {
      local s=$? p="${(j:,:)pipestatus}"
      emulate -L zsh
      if (( __tmux_audit_ran )); then
        __tmux_audit_ran=0
        local -i ms=$(( (EPOCHREALTIME - __tmux_audit_t0) * 1000 ))
        print -rn -- $'\e]133;D;'"$s;n=$__tmux_audit_n;ms=$ms;pipestatus=$p;pid=$$;k=$__tmux_audit_k"$'\e\\' 2>/dev/null >>$__tmux_audit_tty
      fi
      # The user (or a theme's precmd) may have set PS1 since the last prompt: mark it again.
      [[ $PS1 == "$__tmux_audit_ps1" ]] || __tmux_audit_mark_prompt
      return $s
    }

    __tmux_audit_mark_prompt() {
      emulate -L zsh
      local ps1=${PS1//"$__tmux_audit_A"/}
      ps1=${ps1//"$__tmux_audit_B"/}
      PS1=$__tmux_audit_A$ps1$__tmux_audit_B
      __tmux_audit_ps1=$PS1
    }

    # Ours first in both lists (see precmd); a second source adds nothing.
    typeset -ga precmd_functions preexec_functions
    precmd_functions=(__tmux_audit_precmd ${precmd_functions:#__tmux_audit_precmd})
    preexec_functions=(__tmux_audit_preexec ${preexec_functions:#__tmux_audit_preexec})
    __tmux_audit_mark_prompt

    # Register the nonce's hash for this shell's pid in its pane (one sha256sum, one tmux).
    if [[ -n ${TMUX-} && -n ${TMUX_PANE-} ]]; then
      local h
      h=$(print -rn -- $k | { sha256sum 2>/dev/null || shasum -a 256 2>/dev/null })
      h=${h%% *}
      (( ${#h} == 64 )) && command tmux set-option -p -t $TMUX_PANE @audit_shell_$$ $h >/dev/null 2>&1
    fi
    return 0
  }
fi
