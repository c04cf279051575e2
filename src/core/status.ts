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

/** Nested conditionals rather than `#{&&:...}`, which older tmux lacks. */
export function statusSegment(on: string, off: string): string {
  const shownOff = escapeBranch(off);
  return `#{?pane_pipe,#{?${PANE_OPTIONS.recording},${escapeBranch(on)},${shownOff}},${shownOff}}`;
}
