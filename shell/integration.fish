# tmux-audit shell integration for fish >= 3.1. One line in ~/.config/fish/config.fish:
#
#   source ~/.tmux/plugins/tmux-audit/shell/integration.fish
#
# The same OSC 133 records as integration.bash (read that file's header): A and B around the
# prompt, C when a command line is accepted (fish_preexec), D when it has finished
# (fish_postexec), each C and D signed with a nonce only this shell knows, whose sha256 tmux
# holds in the pane option @audit_shell_<pid>. Every sequence ends with ST (ESC \).
# fish 3 has no OSC 133 of its own; fish 4 emits unsigned ones as well (the reader marks those
# verified=no). No forks per command: everything below is a builtin or a fish function.

# Only interactive, inside tmux (or a screen/tmux TERM: ssh from a pane), and only once.
if status is-interactive; and not set -q __tmux_audit_k
    and begin
        set -q TMUX; or string match -qr '^(screen|tmux)' -- "$TERM"
    end
    # The nonce: 16 bytes of /dev/urandom, read once; a global, not exported, variable.
    set -g __tmux_audit_k (od -An -N16 -tx1 /dev/urandom 2>/dev/null | string join '' | string replace -ra '[^0-9a-f]' '')
    if test (string length -- "$__tmux_audit_k") -ne 32
        set -e __tmux_audit_k
    else
        set -g __tmux_audit_n 0 # commands started in this shell

        # Percent-encodes: every byte but [A-Za-z0-9] and -._~/,:@= as %XX (fish's url style
        # escapes ,:@= as well: those four are put back).
        function __tmux_audit_pct
            string escape --style=url -- $argv[1] | string replace -a %2C , | string replace -a %3A : | string replace -a %40 @ | string replace -a %3D =
        end
        set -g __tmux_audit_user (__tmux_audit_pct (id -un 2>/dev/null; or echo $USER))
        set -g __tmux_audit_host (__tmux_audit_pct $hostname)

        # C. $argv[1] is the command line as accepted (fish has no history expansion), newlines
        # kept, given even when a leading space keeps it out of history.
        function __tmux_audit_preexec --on-event fish_preexec
            set -g __tmux_audit_n (math $__tmux_audit_n + 1)
            set -l cmd ''
            set -l source screen
            if test -n "$argv[1]"
                set cmd "cmdline_url="(__tmux_audit_pct "$argv[1]")";"
                set source history
            end
            printf '\e]133;C;%scwd=%s;n=%s;pid=%s;user=%s;host=%s;source=%s;k=%s\e\x5c' \
                $cmd (__tmux_audit_pct "$PWD") $__tmux_audit_n $fish_pid $__tmux_audit_user $__tmux_audit_host $source $__tmux_audit_k
        end

        # D. fish_postexec runs for every command that fish_preexec announced, with the command's
        # $status and $pipestatus, and $CMD_DURATION in ms. The first line keeps them.
        function __tmux_audit_postexec --on-event fish_postexec
            set -l s $status $pipestatus
            printf '\e]133;D;%s;n=%s;ms=%s;pipestatus=%s;pid=%s;k=%s\e\x5c' \
                $s[1] $__tmux_audit_n $CMD_DURATION (string join , -- $s[2..-1]) $fish_pid $__tmux_audit_k
        end

        # A and B. fish_prompt is a function, not a string: A comes from the fish_prompt event,
        # which fires just before it is drawn; B from a wrapper that runs the user's prompt
        # first, so it sees the command's $status and $pipestatus. Wrapped again whenever the
        # prompt has been redefined (a theme, funced, an autoloaded file) since the last prompt.
        function __tmux_audit_prompt --on-event fish_prompt
            printf '\e]133;A\e\x5c'
            if not string match -q '*__tmux_audit_user_prompt*' -- (functions fish_prompt 2>/dev/null | string collect)
                functions -e __tmux_audit_user_prompt
                if functions -q fish_prompt
                    functions -c fish_prompt __tmux_audit_user_prompt
                else
                    function __tmux_audit_user_prompt
                        printf '> '
                    end
                end
                function fish_prompt
                    __tmux_audit_user_prompt
                    printf '\e]133;B\e\x5c'
                end
            end
        end

        # Register the nonce's hash for this shell's pid in its pane (one sha256sum, one tmux).
        if set -q TMUX; and set -q TMUX_PANE
            set -l h (printf %s $__tmux_audit_k | begin; sha256sum 2>/dev/null; or shasum -a 256 2>/dev/null; end | string split -f1 ' ')
            if test (string length -- "$h") -eq 64
                command tmux set-option -p -t $TMUX_PANE @audit_shell_$fish_pid $h >/dev/null 2>&1
            end
        end
    end
end
