// Copies of the plugin's pane options that are not a pane's own. tmux 3.3a's formats look an option up at the
// server first, then the pane, its window, the global window options, its session and the global session options
// (format.c:3446-3456, each of the last but one with its parents): anyone who can run tmux commands can `set -s
// @audit_on x` and be what every pane's #{@audit_on} says, over what the plugin sets on the pane; or set one for a
// window, a session or globally and be what a pane with none of its own says (a pane that is not logged). The plugin
// sets these on panes only (set -p), so any other copy is someone's: it removes them in the command list that reads
// the option by a format, right before, no other client's command running between (cmd-queue.c:738-788). A hook can
// (after-hooks run right after their command, cmd-queue.c:351-400, :660): whoever may set hooks may also set a pane's
// own marks, which nothing here can tell from the plugin's (README, Security).

import { tmuxQuote } from '../tmux/quote.ts';
import { PANE_OPTIONS } from './options.ts';

/**
 * The options the plugin sets on a pane only. Not here: @audit_typist, a window's own option, read as such
 * (show-options -w); @audit_shell_<pid>, read as the pane's own (show-options -p); the server's stop marks and the
 * global @audit_shell_hinted and @audit_client_<name>, which the plugin sets there.
 */
export const PANE_ONLY_OPTIONS = [
  PANE_OPTIONS.recording,
  PANE_OPTIONS.runFile,
  PANE_OPTIONS.beat,
  PANE_OPTIONS.offBy,
  PANE_OPTIONS.pipedBy,
  PANE_OPTIONS.readerPid,
  PANE_OPTIONS.readerSize,
  PANE_OPTIONS.rearmed,
] as const;

/**
 * tmux commands (`;` between, as arguments) that remove every copy of PANE_ONLY_OPTIONS a format would find
 * before or instead of a pane's own: the server's and the global ones; with `target`, also those of its session and
 * its window ('': the current one's, as a hook's or a pane's own command has it). `set-option -u` of an unset option
 * does nothing (cmd-set-option.c:181), but fails for a target that does not exist, and the rest of the list with it
 * (cmd-queue.c:769): a target's are removed in an if-shell -F branch, which runs only for a target there is
 * (CMD_FIND_CANFAIL, cmd-if-shell.c:49: formats of none are empty) and at once, before the list's next command
 * (cmd-if-shell.c:100). `server`: the server's only (a reader's beat).
 */
export function shadowUnsets(target?: string, scope: 'all' | 'server' = 'all'): string[] {
  const scopes: string[][] = [['-su']];
  if (scope === 'all') scopes.push(['-gu'], ['-wgu']);
  if (scope === 'all' && target === '') scopes.push(['-u'], ['-wu']);
  const args = joined(scopes.flatMap((flags) => PANE_ONLY_OPTIONS.map((option) => ['set-option', ...flags, option])));
  if (scope === 'server' || target === undefined || target === '') return args;
  const own = joined([['-u', '-t', target], ['-wu', '-t', target]].flatMap((flags) => PANE_ONLY_OPTIONS.map((option) => ['set-option', ...flags, option])));
  const branch = own.map((word) => (word === ';' ? word : tmuxQuote(word))).join(' ');
  return [...args, ';', 'if-shell', '-F', '-t', target, '#{pane_id}', branch];
}

/** Commands as one argument list, `;` between them. */
function joined(commands: readonly string[][]): string[] {
  return commands.flatMap((command, index) => [...(index ? [';'] : []), ...command]);
}

/** `show-options -sq` of each: a line `<name> <value>` (escaped, one line: args_escape) for each server copy. */
export function serverCopiesShown(): string[] {
  return joined(PANE_ONLY_OPTIONS.map((option) => ['show-options', '-sq', option]));
}

/**
 * The server copies in the answer of a command list that began with serverCopiesShown, as `<name> <value>` lines,
 * and the rest of the answer. Only leading lines: what follows may hold any text.
 */
export function serverCopies(answer: string): { copies: string[]; rest: string } {
  const copies: string[] = [];
  let at = 0;
  for (;;) {
    const end = answer.indexOf('\n', at);
    const line = answer.slice(at, end < 0 ? answer.length : end);
    if (end < 0 || !PANE_ONLY_OPTIONS.some((option) => line.startsWith(`${option} `))) break;
    copies.push(line);
    at = end + 1;
  }
  return { copies, rest: answer.slice(at) };
}

/** shadowUnsets with no target or the current one ('') as one string of tmux syntax: its words are flags and option names. */
export function shadowUnsetsText(target?: '', scope: 'all' | 'server' = 'all'): string {
  return shadowUnsets(target, scope).join(' ');
}

/**
 * The lines of dist/options.sh that give audit.tmux's hooks shadowUnsetsText() (server and global copies): a hook
 * that reads a mark by a format removes them first.
 */
export function shadowsShell(): string {
  return ['', '# Removes the copies of the pane marks a format would find before a pane\'s own (src/core/shadows.ts).', `audit_shadow_unsets='${shadowUnsetsText()}'`, ''].join('\n');
}
