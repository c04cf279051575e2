// The status-bar segment that replaces `#{audit_status}`: pure tmux formats, so a
// status refresh spawns no process. It reads the pane option @audit_on (set and
// cleared by the toggle) and #{pane_pipe}, so a pane whose pipe is gone shows
// off even if its option was never cleared (a killed reader: tmux drops the pipe
// at the pane's next output, cmd-pipe-pane.c:217). format_find looks pane
// options up for the client's active pane (format.c:3432), so the segment
// follows select-pane.

import { OPTIONS, PANE_OPTIONS } from './options.ts';

export const DEFAULT_STATUS_ON: string = OPTIONS.statusOn.default;
export const DEFAULT_STATUS_OFF: string = OPTIONS.statusOff.default;
export const DEFAULT_STATUS_STALLED: string = OPTIONS.statusStalled.default;

/** How often a reader reports that it lives (pipe.ts), and after how long without a report the status says it stalled. */
export const BEAT_MS = 5000;
export const STALLED_AFTER_S = 15;

/**
 * Makes `text` safe as one branch of `#{?cond,a,b}`: a top-level `,` or `}`
 * would end the branch, so they become `#,` and `#}`. Nested `#{...}` formats
 * and existing `#x` pairs are kept as they are.
 */
export function escapeBranch(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '#' && i + 1 < text.length) {
      const next = text[i + 1]!;
      if (next === '{') depth++;
      out += char + next;
      i++;
    } else if (char === '}') {
      if (depth > 0) {
        depth--;
        out += char;
      } else out += '#}';
    } else if (char === ',' && depth === 0) out += '#,';
    else out += char;
  }
  return out;
}

/**
 * Nested conditionals rather than `#{&&:...}`, which older tmux lacks. A
 * logged pane whose reader has not set its heartbeat for STALLED_AFTER_S shows
 * `stalled`, not `on`: a reader stopped (`kill -STOP`) or stuck must not leave
 * the status claiming REC while tmux buffers its output. The status line runs
 * strftime over the template before expanding formats (format_expand_time,
 * format.c), so `%s` is the time now, in seconds.
 */
export function statusSegment(on: string, off: string, stalled: string = DEFAULT_STATUS_STALLED): string {
  const shownOff = escapeBranch(off);
  const live = `#{?#{e|<:#{${PANE_OPTIONS.beat}},#{e|-:%s,${STALLED_AFTER_S}}},${escapeBranch(stalled)},${escapeBranch(on)}}`;
  return `#{?pane_pipe,#{?${PANE_OPTIONS.recording},#{?${OWN_RUN_FILE},${live},${shownOff}},${shownOff}},${shownOff}}`;
}

/**
 * Whether the pane's run file is one of this server's for this pane and, named as the start names it, for the
 * recording it is marked with (core/paths.ts runFilePath; earlier versions' `<server pid>-<pane number>.json`). A
 * format finds a server copy of an option before the pane's own, and one set for a window, a session or globally
 * where the pane has none (format.c:3446-3456): anyone may set them, and the plugin removes them only when it acts
 * (core/shadows.ts). With this, a copy of `@audit_on` shows REC on no pane that is not logged; one of `@audit_run`
 * as well could on one pane only, which anyone may as well set on that pane. No `%` (the status runs strftime first):
 * the pane's number is its id less its first character.
 */
const OWN_RUN_FILE = `#{m/r:/#{pid}-#{s/^.//:pane_id}(-#{${PANE_OPTIONS.recording}})?[.]json$,#{${PANE_OPTIONS.runFile}}}`;
