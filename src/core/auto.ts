// Auto-start (`@audit-auto on`), as pure decisions: which hooks start a new
// pane's logging, the tmux command each holds, and which existing panes the
// plugin starts when it loads. src/commands/auto.ts carries them out.

import { PANE_OPTIONS } from './options.ts';
import { READER_NODE_FLAGS } from './plan.ts';
import { shadowUnsets, shadowUnsetsText } from './shadows.ts';
import { literal, shellQuoteForFormat as shellQuote, tmuxQuote } from '../tmux/quote.ts';

/**
 * The hooks that see a new pane, each run in the new command's context with
 * the new pane as its target (cmd-queue.c:651-661 cmdq_insert_hook after a
 * CMD_AFTERHOOK command: cmd-new-session.c:358, cmd-new-window.c:150,
 * cmd-split-window.c:212). tmux 3.3a has no after-respawn-pane
 * (options-table.c:1214-1251; cmd-respawn-pane.c:43 has no CMD_AFTERHOOK).
 */
export const AUTO_HOOKS = ['after-new-session', 'after-new-window', 'after-split-window'] as const;

/** Who the start event names for a recording nobody asked for by hand. */
export const AUTO_BY = 'auto';

/** Whether `@audit-auto` says on (tmux's own words for a flag: on, yes, 1). */
export function autoOn(value: string): boolean {
  return /^(on|yes|1|true)$/i.test(value.trim());
}

/**
 * What pipe-pane runs for a new pane: the reader, told only the server's
 * socket and the pane (`#{pane_id}`, which pipe-pane expands, is `%` and
 * digits), sets its recording up itself while tmux keeps what the pane prints
 * (cmd-pipe-pane.c:170 takes the pane's offset at the pipe's opening). The
 * rest is ours, kept from tmux's expansion by literal() (format.c:4622) and
 * from sh by shellQuote. If the reader dies, `recover --pane` closes its
 * recording as for a started one.
 */
export function autoPipeCommand(node: string, bundle: string, socket: string, respawned = false): string {
  const where = `--socket ${literal(shellQuote(socket))} --pane '#{pane_id}'`;
  const reader = literal(`${shellQuote(node)} ${READER_NODE_FLAGS} ${shellQuote(bundle)}`);
  const helper = literal(`${shellQuote(node)} ${shellQuote(bundle)}`);
  return `${reader} pipe-auto ${where}${respawned ? ' --respawned' : ''} || exec ${helper} recover-pane ${where} "$?" <&-`;
}

/** What the sh an auto hook's pipe-pane forks has in its command once tmux has expanded it: its reader's pane. */
export function autoShellMark(socket: string, paneId: string): string {
  return ` pipe-auto --socket ${shellQuote(socket)} --pane '${paneId}'`;
}

/**
 * The command each auto hook holds: start the pipe in the hook itself, so
 * nothing the new pane prints is missed. tmux runs the hook right after the
 * command that made the pane, before its event loop reads the pane's first
 * output (cmd-if-shell.c:86-100: with -F the branch is queued at once, not
 * run as a job). A pane already logged, or whose logging was stopped by hand
 * (@audit_off_by), is left as it is.
 */
export function autoHookCommand(node: string, bundle: string, socket: string): string {
  const idle = `#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}}`;
  const pipe = `pipe-pane ${tmuxQuote(autoPipeCommand(node, bundle, socket))}`;
  // Other copies of the marks removed first (core/shadows.ts): a server's `@audit_on x`, or a global
  // `@audit_off_by`, would keep every new pane from being logged. Those of the new pane's session and window too:
  // the hook's commands have its target (cmdq_insert_hook keeps the command's state, cmd-queue.c:392).
  return `${shadowUnsetsText('')} ; if-shell -F ${tmuxQuote(idle)} ${tmuxQuote(pipe)}`;
}

export interface PaneRow {
  paneId: string;
  /** @audit_on: the recording id, or ''. */
  recording: string;
  /** @audit_off_by: who stopped it by hand, or ''. */
  offBy: string;
  /** The pane has a pipe (pane_pipe): an auto hook's reader not marked yet, or someone's own pipe-pane. */
  piped: boolean;
  /** The pane's program has exited (remain-on-exit): pipe-pane refuses it (cmd-pipe-pane.c:71). */
  dead: boolean;
}

/**
 * The panes the plugin starts when it loads with auto on: not dead, not
 * stopped by hand, not logged by a living reader, and not piped without our
 * mark: that pipe is an auto hook's reader still setting up (the first
 * session's hook runs while the plugin loads) or the user's own pipe-pane,
 * which pipe-pane would close (cmd-pipe-pane.c:76).
 */
export function panesToStart<Row extends PaneRow>(rows: Row[], living: (row: Row) => boolean): string[] {
  return rows
    .filter((row) => !row.dead && row.offBy === '' && !(row.piped && row.recording === '') && !(row.recording !== '' && living(row)))
    .map((row) => row.paneId);
}

/**
 * tmux 3.3a runs no hook when a pane is respawned (no `after-respawn-pane`,
 * options-table.c:1214-1251; cmd-respawn-pane.c:43 has no CMD_AFTERHOOK; no
 * notification either, spawn.c). So when an auto-logged pane dies under
 * remain-on-exit (the pane-died hook, commands/died.ts), this sh loop watches
 * it: every 0.2 s one display-message, until the pane lives again and its old
 * recording has let go of it (`#{pane_dead}` 0, `@audit_on` empty, its run
 * file gone: removed once its stop is written); then it is
 * started as the auto hooks start a new pane, stopped-by-hand panes excepted.
 * It ends when the pane or the server goes, or someone else logs the pane,
 * and starts nothing if `@audit-auto` is off by then.
 * What the respawned program printed before the pipe opened (up to 0.2 s) is
 * in the log as captured history (`--respawned`: commands/auto.ts).
 */
export function rearmScript(node: string, bundle: string, socket: string, paneId: string, recording: string, runFile: string): string {
  const tmux = `tmux -S ${shellQuote(socket)}`;
  const pane = shellQuote(paneId);
  // Two loops may watch one pane (the pane-died hook's, commands/died.ts, and the reader's own look at a pane dead
  // at its start, commands/auto.ts): each would pipe it, the second closing the first's new reader (a recording of
  // no line whose stop came after the next one's start). The first to pipe claims the respawn after this
  // recording in the same command list: tmux runs a client's inserted commands before any other client's
  // (cmd-if-shell.c:100 cmdq_insert_after), so the second sees the claim and starts nothing. The pane's pipe
  // itself cannot tell: the old reader's stays open (pane_pipe 1) until the pane writes to it.
  const idle = `#{&&:#{&&:#{==:#{${PANE_OPTIONS.recording}},},#{==:#{${PANE_OPTIONS.offBy}},}},#{!=:#{${PANE_OPTIONS.rearmed}},${recording}}}`;
  const claim = `set-option -p -t ${tmuxQuote(paneId)} ${PANE_OPTIONS.rearmed} ${tmuxQuote(recording)}`;
  const pipe = `${claim} ; pipe-pane -t ${tmuxQuote(paneId)} ${tmuxQuote(autoPipeCommand(node, bundle, socket, true))}`;
  const state = shellQuote(`#{pane_dead} #{${PANE_OPTIONS.recording}}`);
  // Other copies of the marks removed before each look (core/shadows.ts): a server's `@audit_on x` would end the
  // loop (someone else logs the pane), a global `@audit_off_by` keep the pane from being started.
  const unshadow = `${shadowUnsets(paneId).map((word) => (word === ';' ? '\\;' : shellQuote(word))).join(' ')} \\;`;
  return [
    `waited=0`,
    `while sleep 0.2; do`,
    // While the pane is dead, one plain look: removing the copies at every look cost ~40 commands each 0.2 s, +1 % of
    // a core per dead pane (review of piped15b). No copy hides #{pane_dead} (not an option), nor the pane's own mark
    // read with show-options -p (no inheritance without -A); another recording's mark ends the loop, as below (a
    // second loop of this recording must not pipe over the one that re-armed the pane meanwhile). The copies are
    // removed for the look on a pane that lives again.
    `  look=$(${tmux} display-message -p -t ${pane} '#{pane_dead}' \\; show-options -pqv -t ${pane} ${PANE_OPTIONS.recording}) || exit 0`,
    `  case "$look" in 1|${shellQuote(`1\n${recording}`)}) continue ;; 1*) exit 0 ;; esac`,
    `  state=$(${tmux} ${unshadow} display-message -p -t ${pane} ${state}) || exit 0`,
    `  case "$state" in '0 ') ;; '1 '|${shellQuote(`1 ${recording}`)}|${shellQuote(`0 ${recording}`)}) continue ;; *) exit 0 ;; esac`,
    // The old reader clears the marks before it writes its stop; its run file goes after: the new
    // recording's start must not come before that stop. A reader killed outright leaves it: 10 s at most.
    `  waited=$((waited + 1)); [ -e ${shellQuote(runFile)} ] && [ "$waited" -lt 50 ] || break`,
    `done`,
    // @audit-auto turned off meanwhile: the respawned pane is left alone, as a new one would be (autoOn's words).
    `case "$(${tmux} show-options -gqv @audit-auto)" in [Oo][Nn]|[Yy][Ee][Ss]|1|[Tt][Rr][Uu][Ee]) ;; *) exit 0 ;; esac`,
    `exec ${tmux} ${unshadow} if-shell -F -t ${pane} ${shellQuote(idle)} ${shellQuote(pipe)}`,
  ].join('\n');
}
