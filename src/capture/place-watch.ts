// Where a logged pane is now. tmux 3.3a runs no hook after join-pane,
// break-pane or move-window (options-table.c:1214–1251 lists the after-*
// hooks: none of them), so the reader asks at each heartbeat and says when its
// pane is somewhere else: `moved to=<session>:<window>.<pane>`. The session
// and window are compared by id (`$N`, `@N`), so a rename alone (its own
// event) is no move; their indexes by value, so move-window within a session,
// and a pane renumbered when another of its window closes, are.

export interface PaneWhere {
  sessionId: string;
  session: string;
  windowId: string;
  window: string;
  pane: string;
}

/** `#{session_id}` … as one display-message format; its answer is read by `parseWhere`. */
export const WHERE_FORMAT = ['#{session_id}', '#{session_name}', '#{window_id}', '#{window_index}', '#{pane_index}'];

export function parseWhere(answer: string, separator: string): PaneWhere | undefined {
  const [sessionId, session, windowId, window, pane] = answer.replace(/\n$/, '').split(separator);
  if (!sessionId?.startsWith('$') || !windowId?.startsWith('@') || !/^\d+$/.test(window ?? '') || !/^\d+$/.test(pane ?? '')) return undefined;
  return { sessionId, session: session!, windowId, window: window!, pane: pane! };
}

export class PlaceWatch {
  private last: PaneWhere | undefined;

  /**
   * `start`: where the recording started, as its start planned it (session name, window and pane index). The first
   * answer comes from a tmux call made as the reader starts, which tmux may run after a join-pane made right after
   * the start (seen in a CI run at load): then it, not the start, would have been taken for where the pane began and
   * the move never said. Compared by name and index (no ids were kept): a rename in that moment is said as a move.
   */
  constructor(private readonly start?: Pick<PaneWhere, 'session' | 'window' | 'pane'>) {}

  /**
   * The pane seen at `where` now: the `moved` event's fields when it is not
   * where it was last seen (the first answer: where it started).
   */
  seen(where: PaneWhere): { to: string } | undefined {
    const before = this.last;
    this.last = where;
    if (!before) {
      const start = this.start;
      if (start === undefined || (start.session === where.session && start.window === where.window && start.pane === where.pane)) return undefined;
      return { to: `${where.session}:${where.window}.${where.pane}` };
    }
    if (before.sessionId === where.sessionId && before.windowId === where.windowId && before.window === where.window && before.pane === where.pane) return undefined;
    return { to: `${where.session}:${where.window}.${where.pane}` };
  }
}
