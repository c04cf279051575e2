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
