// Quoting for the two interpreters a command passes through on its way from
// the helper to a process: tmux's format expansion, then /bin/sh.

/**
 * Protects text from tmux's expansion in pipe-pane and display-message:
 * format_expand_time runs strftime over the whole string first, then expands
 * `#` formats (tmux 3.3a format.c:4622), so `%` must be `%%` and `#` must be `##`.
 */
export function literal(text: string): string {
  return text.replace(/%/g, '%%').replace(/#/g, '##');
}

/** Single-quotes a word for /bin/sh, which is what pipe-pane runs (cmd-pipe-pane.c:159). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * shellQuote for a command that goes through literal() to tmux (pipe-pane):
 * format_expand keeps a run of `#`s before `[` as it is, a style for later
 * (format.c:4701-4722), so literal()'s `##[` would reach sh as `##[`. Quotes
 * closed and opened between `#` and `[` join into the same word for sh.
 */
export function shellQuoteForFormat(word: string): string {
  return shellQuote(word).replace(/#\[/g, `#''[`);
}

/**
 * Quotes a word for tmux's command parser, which parses a hook's command when
 * it is set (options.c:444) and an if-shell branch when it runs: single quotes,
 * inside which tmux expands nothing, a ' as '\'' (quoted parts join into one
 * word, as in sh), a newline as '\n' (cmd-parse.y yylex_token). The shell
 * side's twin is quote_for_tmux in scripts/helpers.sh.
 */
export function tmuxQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`).replace(/\n/g, `'\\n'`)}'`;
}
