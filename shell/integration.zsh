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

    # Percent-encodes $1 into REPLY: every byte but [A-Za-z0-9] and -._~/,:@= as %XX, in one
    # substitution ((#m): each match in $MATCH; without multibyte, #MATCH is a byte's value).
    # The caller sets no_multibyte and extended_glob.
    __tmux_audit_pct() {
      REPLY=${1//(#m)[^A-Za-z0-9._~\/,:@=-]/%${(l:2::0:)$(( [##16] #MATCH ))}}
    }

    setopt no_multibyte extended_glob
    local REPLY
    __tmux_audit_pct ${(%):-%n}
    typeset -g __tmux_audit_user=$REPLY
    __tmux_audit_pct ${(%):-%M}
    typeset -g __tmux_audit_host=$REPLY

    # C. preexec's $1 is the line as history has it (after history expansion, newlines kept),
    # given even when HIST_IGNORE_SPACE keeps it out of history; empty only with history off.
    # $3 is the parsed text rebuilt, not what was typed.
    # Hooks run at every command: they set only the few options they need (emulate -L costs
    # 80 us), and are written to work under any other user option.
    __tmux_audit_preexec() {
      setopt local_options no_multibyte extended_glob no_ksh_glob no_sh_glob
      (( __tmux_audit_n += 1, __tmux_audit_ran = 1 ))
      __tmux_audit_t0=$EPOCHREALTIME
      local REPLY cmd='' source=screen
      if [[ -n $1 ]]; then
        __tmux_audit_pct "$1"
        cmd="cmdline_url=$REPLY;"
        source=history
      fi
      __tmux_audit_pct "$PWD"
      print -rn -- $'\e]133;C;'"${cmd}cwd=$REPLY;n=$__tmux_audit_n;pid=$$;user=$__tmux_audit_user;host=$__tmux_audit_host;source=$source;k=$__tmux_audit_k"$'\e\\' 2>/dev/null >>$__tmux_audit_tty
    }

    # D, then the prompt's marks. First in precmd_functions, so $? and $pipestatus are the
    # command's; zsh gives every hook the same $? (callhookfunc), and this returns it anyway.
    __tmux_audit_precmd() {
      local s=$? p="${(j:,:)pipestatus}"
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
