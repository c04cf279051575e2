// What the helper needs to know about a pane, read in one `display-message -p`:
// one table names each field, its tmux format and how to parse it, so adding a
// field is one line and PaneState follows from the table.

import { AuditError } from '../core/errors.ts';
import { OPTIONS, PANE_OPTIONS, START_OPTIONS, type RawOptions } from '../core/options.ts';
import { serverCopies, serverCopiesShown, shadowUnsets } from '../core/shadows.ts';
import { FIELD_SEPARATOR, type Tmux } from './client.ts';

const text = (value: string): string => value;
const flag = (value: string): boolean => value === '1';
const number = (value: string): number => Number(value);

interface Field<T> {
  readonly format: string;
  readonly parse: (value: string) => T;
}

const PANE_FIELDS = {
  paneId: { format: 'pane_id', parse: text },
  piped: { format: 'pane_pipe', parse: flag },
  /** Recording id while tmux-audit logs this pane, else empty. */
  recording: { format: PANE_OPTIONS.recording, parse: text },
  /** Run file of that recording, else empty. */
  runFile: { format: PANE_OPTIONS.runFile, parse: text },
  session: { format: 'session_name', parse: text },
  /** `$N`: a target no session name can mistarget (a name may hold `:` or `.`). */
  sessionId: { format: 'session_id', parse: text },
  window: { format: 'window_index', parse: text },
  pane: { format: 'pane_index', parse: text },
  serverPid: { format: 'pid', parse: text },
  socket: { format: 'socket_path', parse: text },
  version: { format: 'version', parse: text },
  /** Cursor position and whether the alternate screen is on: where logging picks up. */
  cursorX: { format: 'cursor_x', parse: number },
  cursorY: { format: 'cursor_y', parse: number },
  alternateScreen: { format: 'alternate_on', parse: flag },
  /** The window option alternate-screen: off, tmux ignores the switches (screen-write.c:2120, :2138), and so must the reader. */
  alternateScreenAllowed: { format: 'alternate-screen', parse: flag },
  /** Columns: the reader stops cursor moves at the right edge, as the screen does. */
  width: { format: 'pane_width', parse: number },
  /** Rows: the screen model's height, and the cast's header (`@audit-cast`). */
  height: { format: 'pane_height', parse: number },
  /** The pane's pty: the reader reads its size there when output comes after a pause (runtime/pty-size.ts). */
  tty: { format: 'pane_tty', parse: text },
  /** The program in the foreground (a shell at a prompt): which integration snippet to suggest. */
  command: { format: 'pane_current_command', parse: text },
  /** Context for the start event (core/context.ts). */
  host: { format: 'host', parse: text },
  cwd: { format: 'pane_current_path', parse: text },
  windowName: { format: 'window_name', parse: text },
  /** The suggestion to integrate the shell was made once on this server (shell/integration.*). */
  shellHinted: { format: PANE_OPTIONS.shellHinted, parse: flag },
} as const satisfies Record<string, Field<unknown>>;

type PaneFields = { -readonly [K in keyof typeof PANE_FIELDS]: ReturnType<(typeof PANE_FIELDS)[K]['parse']> };

/** The pane's fields, and the `@audit-*` options read at each start, as format_find finds them for this pane (format.c:3432). */
export type PaneState = PaneFields & { options: RawOptions };

/** PaneState, and the server copies of the plugin's pane options removed before (core/shadows.ts), as tmux printed them (`<name> <value>`). */
export type PaneRead = PaneState & { shadows: string[] };

const FIELD_KEYS = Object.keys(PANE_FIELDS) as (keyof typeof PANE_FIELDS)[];
const FORMATS = [...FIELD_KEYS.map((key) => PANE_FIELDS[key].format), ...START_OPTIONS.map((key) => OPTIONS[key].name)];

/**
 * Reads `target`'s state in one tmux call; an empty target is the pane the command runs in. Copies of the plugin's
 * pane options that a format would find before or instead of the pane's own are removed first, in the same call
 * (core/shadows.ts): a server's `@audit_on x` would make every pane look logged, and a toggle stop what it should start.
 */
export function readPane(tmux: Tmux, target: string): PaneRead {
  const display = ['display-message', '-p', '-t', target, FORMATS.map((format) => `#{${format}}`).join(FIELD_SEPARATOR)];
  const answer = tmux.run([...serverCopiesShown(), ';', ...shadowUnsets(target), ';', ...display]);
  const { copies: shadows, rest: output } = serverCopies(answer);
  const values = output.replace(/\n$/, '').split(FIELD_SEPARATOR);
  if (values.length !== FORMATS.length) throw new AuditError(`cannot read the state of pane ${target}`);
  // display-message succeeds with empty formats for a target that does not exist (3.3a: CMD_FIND_CANFAIL,
  // cmd-display-message.c:46): without this, an unknown target would act on whatever pane tmux picked.
  if (values[0] === '' || (/^%\d+$/.test(target) && values[0] !== target)) throw new AuditError(`no such pane: ${target}`, 2);
  const state: Record<string, unknown> = {};
  FIELD_KEYS.forEach((key, index) => {
    state[key] = PANE_FIELDS[key].parse(values[index]!);
  });
  const options: Record<string, string> = {};
  START_OPTIONS.forEach((key, index) => {
    options[key] = values[FIELD_KEYS.length + index]!;
  });
  return { ...(state as PaneFields), options: options as RawOptions, shadows };
}
