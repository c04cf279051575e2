// The plugin's options, in one table: every `@audit-*` option a user sets, its
// default and what it means, and the two pane options the plugin sets itself.
// The helper reads the table directly; the shell side (audit.tmux) reads
// dist/options.sh, which `npm run build` generates from it, because the shell
// needs `@audit-node`'s default before it has found a node to ask.
// Parsing is pure: the values come in from tmux (src/tmux/pane.ts), the
// messages go out to the caller.

import path from 'node:path';
import { LOG_FORMATS, type LogFormatName } from '../format/formats.ts';
import { DEFAULT_TIME_FORMAT, escapeText, timeFormatProblem } from '../format/text.ts';
import type { RotateWhen } from './rotate.ts';
import { parseExtraPatterns } from '../pipeline/redact.ts';
import { parseSyslogTarget, type SyslogTarget } from '../sinks/syslog/target.ts';

export interface OptionSpec {
  /** As a user sets it in `.tmux.conf`. */
  readonly name: `@audit-${string}`;
  /** What an unset or empty option means; '' for @audit-dir, whose default depends on the environment. */
  readonly default: string;
  /** How the README states a default that is computed rather than fixed. */
  readonly computedDefault?: string;
  readonly meaning: string;
  /**
   * Who reads it: audit.tmux when the plugin loads (a change needs the
   * configuration sourced again), or the helper at each start, from the same
   * tmux call that reads the pane (a change applies to the next recording).
   */
  readonly readAt: 'load' | 'start';
}

export const OPTIONS = {
  key: {
    name: '@audit-key',
    default: 'A',
    meaning: 'the key (after the prefix) that toggles logging of the current pane',
    readAt: 'load',
  },
  dir: {
    name: '@audit-dir',
    default: '',
    computedDefault: '${XDG_STATE_HOME:-$HOME/.local/state}/tmux-audit',
    meaning: 'where logs go; absolute, ~ allowed. Created mode 0700',
    readAt: 'start',
  },
  timeFormat: {
    name: '@audit-time-format',
    default: DEFAULT_TIME_FORMAT,
    meaning: "the stamp's time, a date-fns format string; local time",
    readAt: 'start',
  },
  format: {
    name: '@audit-format',
    default: 'text',
    meaning: 'text, or json: JSON Lines, one object per record, for log shippers (Vector, Fluent Bit, Filebeat); the reading commands read both',
    readAt: 'start',
  },
  cast: {
    name: '@audit-cast',
    default: 'off',
    meaning: "on: also keep the pane's raw output with its timing as <log>.<rec>.cast (asciicast v2, rotated and pruned like the logs), which export --asciicast then uses: full-screen programs replay exactly",
    readAt: 'start',
  },
  maxSize: {
    name: '@audit-max-size',
    default: '10M',
    meaning: "rotate a session's log before it grows past this; K, M, G (powers of 1024)",
    readAt: 'start',
  },
  maxFiles: {
    name: '@audit-max-files',
    default: '20',
    meaning: 'rotated files kept per session, or all; the oldest beyond this are deleted',
    readAt: 'start',
  },
  rotate: {
    name: '@audit-rotate',
    default: 'both',
    meaning: 'when a new file is started: size (at @audit-max-size), daily (at local midnight), or both',
    readAt: 'start',
  },
  maxAge: {
    name: '@audit-max-age',
    default: 'off',
    meaning: 'rotated files older than this (e.g. 90d, 12h) are deleted, or off',
    readAt: 'start',
  },
  compress: {
    name: '@audit-compress',
    default: 'on',
    meaning: 'gzip rotated files in the background (on or off); every reading command and verify read .gz files',
    readAt: 'start',
  },
  chainKey: {
    name: '@audit-chain-key',
    default: '',
    meaning: "a file whose bytes key the logs' hash chain (HMAC-SHA-256); empty: a plain SHA-256 chain",
    readAt: 'start',
  },
  history: {
    name: '@audit-history',
    default: 'on',
    meaning: "on: a start by hand writes what the pane already showed (its screen above the cursor's line and up to @audit-history-lines of scrollback) as a marked history block",
    readAt: 'start',
  },
  historyLines: {
    name: '@audit-history-lines',
    default: '1000',
    meaning: 'at most this many lines of scrollback in that block',
    readAt: 'start',
  },
  statusOn: {
    name: '@audit-status-on',
    default: '#[fg=red,bold]● REC#[default]',
    meaning: 'what #{audit_status} shows while the current pane is logged',
    readAt: 'load',
  },
  statusStalled: {
    name: '@audit-status-stalled',
    default: '#[fg=yellow,bold]● REC?#[default]',
    meaning: "what #{audit_status} shows while the current pane's reader has not reported for 15 s (stopped, stuck, or far behind)",
    readAt: 'load',
  },
  statusOff: {
    name: '@audit-status-off',
    default: '',
    meaning: 'what #{audit_status} shows otherwise',
    readAt: 'load',
  },
  redact: {
    name: '@audit-redact',
    default: 'on',
    meaning: 'on: secrets (cloud and forge tokens, JWTs, private keys, Bearer headers, password= values) become [REDACTED:<kind>] before anything is written or sent; off',
    readAt: 'start',
  },
  redactPatterns: {
    name: '@audit-redact-patterns',
    default: '',
    meaning: 'more patterns to redact, separated by spaces: kind=regex or a bare regex (kind custom); write a space inside one as \\s',
    readAt: 'start',
  },
  syslog: {
    name: '@audit-syslog',
    default: '',
    meaning: 'also forward every record, as RFC 5424, to unix:///dev/log, udp://host:port, tcp://host:port or tls://host:port; empty: no forwarding',
    readAt: 'start',
  },
  syslogFacility: {
    name: '@audit-syslog-facility',
    default: 'authpriv',
    meaning: 'the syslog facility of forwarded records',
    readAt: 'start',
  },
  syslogCa: {
    name: '@audit-syslog-ca',
    default: '',
    meaning: "with tls://: the CA certificate file (PEM) the collector's certificate is checked against; empty: the system's CAs",
    readAt: 'start',
  },
  node: {
    name: '@audit-node',
    default: 'node',
    meaning: "the Node.js to run, for when tmux's PATH lacks it (nvm and the like)",
    readAt: 'load',
  },
  saveKey: {
    name: '@audit-save-key',
    default: 'M-a',
    meaning: "the key (after the prefix) that saves the current pane's complete history, cleaned, to a file beside the logs",
    readAt: 'load',
  },
  auto: {
    name: '@audit-auto',
    default: 'off',
    meaning: 'on: log every pane without a key press, those there when the plugin loads and every new session, window and split from its first byte',
    readAt: 'load',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionKey = keyof typeof OPTIONS;

/** The options the helper reads at each start. */
export type StartOption = { [K in OptionKey]: (typeof OPTIONS)[K]['readAt'] extends 'start' ? K : never }[OptionKey];

export const START_OPTIONS = (Object.keys(OPTIONS) as OptionKey[]).filter((key): key is StartOption => OPTIONS[key].readAt === 'start');

/** The start options as tmux gives them: unset reads as ''. Those after the first four may be absent (as unset). */
export type RawOptions = Record<'dir' | 'timeFormat' | 'maxSize' | 'maxFiles', string> & Partial<Record<StartOption, string>>;

/**
 * Pane options the plugin sets on a logged pane: the recording id and its run
 * file. The status format tests the first, so it must be set while logging.
 */
export const PANE_OPTIONS = {
  recording: '@audit_on',
  runFile: '@audit_run',
  /** The recording after whose end a re-arm loop has piped the respawned pane (core/auto.ts rearmScript): one loop does. */
  rearmed: '@audit_rearmed',
  /** Who last ran pipe-pane on the pane (`#{client_user}`, set by the after-pipe-pane hook). */
  pipedBy: '@audit_piped_by',
  /** A window option: the client tmux last saw typing in the window (`#{hook_client}`, set by the client-active hook). */
  typist: '@audit_typist',
  /** Followed by a shell's pid: the SHA-256 of the nonce an integrated shell signs its command marks with (shell/integration.*). */
  shellKey: '@audit_shell_',
  /** The reader's heartbeat: epoch seconds, set at start and every few seconds while it reads (the status format checks it). */
  beat: '@audit_beat',
  /** Set globally once the toggle has suggested shell integration (it is said once per server, not at every start). */
  shellHinted: '@audit_shell_hinted',
  /** Who stopped the pane's logging by hand: auto-start leaves it off (a respawn, the plugin loaded again) until a start by hand clears it. */
  offBy: '@audit_off_by',
  /**
   * The prefix of a server option named for a user's stop (its nonce): set by the step that closes the pipe
   * (tmux/client.ts stopPipe), taken by the reader, which honours the stop's request only if it is there.
   */
  stopMark: '@audit_stop_',
  /**
   * The reader's pid, set when it starts and cleared with the marks: audit.tmux's window-layout-changed hook sends it
   * SIGWINCH, so it learns a resize at once (capture/resize-hold.ts).
   */
  readerPid: '@audit_reader_pid',
  /**
   * The pane's size (`80x24`) as tmux answered the reader's last question whose answer its models take
   * (tmux/client.ts paneSize): audit.tmux's resize hook signals only readers whose size differs from the pane's, so a
   * select-pane or a layout change that leaves a pane's size alone starts nothing. Cleared with the marks; never read
   * back by the reader.
   */
  readerSize: '@audit_reader_size',
} as const;

export type { RotateWhen };

export interface AuditOptions {
  dir: string;
  timeFormat: string;
  format: LogFormatName;
  /** Whether the raw stream is kept too (`@audit-cast on`). */
  cast: boolean;
  maxBytes: number;
  /** Rotated files kept; Infinity for `all`. */
  maxFiles: number;
  /** Write what the pane already showed at a start (core/history.ts). */
  history: boolean;
  /** Scrollback lines in it at most. */
  historyLines: number;
  rotate: RotateWhen;
  /** Rotated files older than this (ms) are deleted; Infinity: kept. */
  maxAgeMs: number;
  compress: boolean;
  /** The chain key's file ('' for none). */
  chainKey: string;
  /** `@audit-redact` is not off. */
  redact: boolean;
  /** `@audit-redact-patterns`, checked (see pipeline/redact.ts). */
  redactPatterns: string;
  /** Where records are also forwarded, if anywhere. */
  syslog?: SyslogTarget;
}

const AGE_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `90d`, `12h`, `2w`, `30m`: milliseconds; `off`: Infinity; undefined if unparsable. */
export function parseAge(text: string): number | undefined {
  if (/^\s*off\s*$/i.test(text)) return Number.POSITIVE_INFINITY;
  const match = /^\s*(\d+)\s*([mhdw])\s*$/i.exec(text);
  if (!match || Number(match[1]) === 0) return undefined;
  return Number(match[1]) * AGE_UNITS[match[2]!.toLowerCase()]!;
}

/** Option names as a user sets them in `.tmux.conf`. */
export const OPTION_NAMES = Object.fromEntries(START_OPTIONS.map((key) => [key, OPTIONS[key].name])) as Record<StartOption, string>;

export const DEFAULT_MAX_SIZE = OPTIONS.maxSize.default;
export const DEFAULT_MAX_FILES = Number(OPTIONS.maxFiles.default);

export function defaultDir(env: NodeJS.ProcessEnv): string {
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(env.HOME ?? '/', '.local', 'state');
  return path.join(state, 'tmux-audit');
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `10M`, `512k`, `1.5G`, `4096`, `10MiB`: bytes (powers of 1024), or undefined if unparsable. */
export function parseSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(text);
  if (!match) return undefined;
  const bytes = Math.floor(Number(match[1]) * UNITS[match[2]!.toLowerCase()]!);
  return bytes > 0 ? bytes : undefined;
}

/** Resolves every option; `warnings` names each option that fell back to its default, and why. */
export function resolveOptions(given_: Partial<RawOptions>, env: NodeJS.ProcessEnv): { options: AuditOptions; warnings: string[] } {
  // Callers outside the toggle (pipe --file, sweep) name only the options they have.
  const raw = Object.fromEntries(START_OPTIONS.map((key) => [key, given_[key] ?? ''])) as RawOptions;
  const warnings: string[] = [];
  // A value is shown with its control characters, TAB included, as `\uXXXX`: the message line must not obey them.
  const visible = (value: string): string => escapeText(value).replace(/\t/g, '\\u0009');
  const fallback = <T>(key: StartOption, why: string, value: T, shown: string): T => {
    warnings.push(`${OPTION_NAMES[key]} '${visible(raw[key] ?? '')}' ${why}; using ${shown}`);
    return value;
  };
  // A control character (or a line or bidi separator) in a value would reach every stamp (the time
  // format's quoted text is copied), a file name or the message line: such a value is refused
  // whatever the option, and its default used, as for any other unusable value.
  const given = (key: StartOption, shownDefault: string): string => {
    const value = raw[key] ?? '';
    if (visible(value) === value) return value;
    return fallback(key, 'holds a control character (shown as \\uXXXX)', '', shownDefault);
  };

  let dir = defaultDir(env);
  const rawDir = given('dir', dir);
  if (rawDir !== '') {
    const expanded = rawDir.replace(/^~(?=$|\/)/, env.HOME ?? '~');
    if (path.isAbsolute(expanded)) dir = path.normalize(expanded);
    else dir = fallback('dir', 'is not an absolute path', dir, dir);
  }

  let timeFormat: string = OPTIONS.timeFormat.default;
  const rawTimeFormat = given('timeFormat', `'${timeFormat}'`);
  if (rawTimeFormat !== '') {
    const problem = timeFormatProblem(rawTimeFormat);
    if (problem) timeFormat = fallback('timeFormat', `is not a date-fns format (${problem})`, timeFormat, `'${timeFormat}'`);
    else timeFormat = rawTimeFormat;
  }

  let format: LogFormatName = 'text';
  const rawFormat = given('format', format).trim().toLowerCase();
  if ((LOG_FORMATS as readonly string[]).includes(rawFormat)) format = rawFormat as LogFormatName;
  else if (rawFormat !== '') format = fallback('format', `is not ${LOG_FORMATS.join(' or ')}`, format, format);

  let cast = false;
  const rawCast = given('cast', 'off').trim().toLowerCase();
  if (/^(on|yes|true|1)$/.test(rawCast)) cast = true;
  else if (!/^(off|no|false|0|)$/.test(rawCast)) cast = fallback('cast', 'is not on or off', false, 'off');

  let maxBytes = parseSize(DEFAULT_MAX_SIZE)!;
  const rawMaxSize = given('maxSize', DEFAULT_MAX_SIZE);
  if (rawMaxSize !== '') {
    const parsed = parseSize(rawMaxSize);
    if (parsed === undefined) maxBytes = fallback('maxSize', 'is not a size like 10M, 512K or 1G', maxBytes, DEFAULT_MAX_SIZE);
    else maxBytes = parsed;
  }

  let maxFiles = DEFAULT_MAX_FILES;
  const rawMaxFiles = given('maxFiles', String(maxFiles)).trim();
  if (/^all$/i.test(rawMaxFiles)) maxFiles = Number.POSITIVE_INFINITY;
  else if (/^\d+$/.test(rawMaxFiles) && Number(rawMaxFiles) > 0) maxFiles = Number(rawMaxFiles);
  // 0 would keep no rotated file at all: history erased at every rotation, which nobody asks for by a number.
  else if (rawMaxFiles !== '') maxFiles = fallback('maxFiles', "is not a number of files above 0 ('all' keeps every rotated file)", maxFiles, String(maxFiles));

  let rotate: RotateWhen = OPTIONS.rotate.default;
  const rawRotate = given('rotate', rotate).trim().toLowerCase();
  if (rawRotate === 'size' || rawRotate === 'daily' || rawRotate === 'both') rotate = rawRotate;
  else if (rawRotate !== '') rotate = fallback('rotate', 'is not size, daily or both', rotate, rotate);

  let maxAgeMs = Number.POSITIVE_INFINITY;
  const rawMaxAge = given('maxAge', OPTIONS.maxAge.default);
  if (rawMaxAge !== '') {
    const parsed = parseAge(rawMaxAge);
    if (parsed === undefined) maxAgeMs = fallback('maxAge', 'is not an age like 90d, 12h or 2w, or off', maxAgeMs, OPTIONS.maxAge.default);
    else maxAgeMs = parsed;
  }

  let compress = true;
  const rawCompress = given('compress', OPTIONS.compress.default).trim().toLowerCase();
  if (rawCompress === 'off' || rawCompress === 'no' || rawCompress === '0') compress = false;
  else if (rawCompress !== '' && rawCompress !== 'on' && rawCompress !== 'yes' && rawCompress !== '1') compress = fallback('compress', 'is not on or off', true, 'on');

  let chainKey = given('chainKey', "''");
  if (chainKey !== '') {
    const expanded = chainKey.replace(/^~(?=$|\/)/, env.HOME ?? '~');
    if (path.isAbsolute(expanded)) chainKey = path.normalize(expanded);
    else chainKey = fallback('chainKey', 'is not an absolute path', '', 'no key');
  }


  const rawHistory = given('history', OPTIONS.history.default).trim().toLowerCase();
  let history = true;
  if (rawHistory === 'off' || rawHistory === 'no' || rawHistory === '0' || rawHistory === 'false') history = false;
  else if (rawHistory !== '' && rawHistory !== 'on' && rawHistory !== 'yes' && rawHistory !== '1' && rawHistory !== 'true') history = fallback('history', 'is not on or off', true, 'on');

  let historyLines = Number(OPTIONS.historyLines.default);
  const rawHistoryLines = given('historyLines', String(historyLines)).trim();
  if (/^\d+$/.test(rawHistoryLines) && Number(rawHistoryLines) <= 1_000_000) historyLines = Number(rawHistoryLines);
  else if (rawHistoryLines !== '') historyLines = fallback('historyLines', 'is not a number of lines (0 to 1000000)', historyLines, String(historyLines));

  // Redaction stays on unless it is turned off in so many words: a typo must not send secrets out.
  const rawRedact = given('redact', 'on').trim();
  const redact = !/^(off|no|false|0)$/i.test(rawRedact);
  if (rawRedact !== '' && redact && !/^(on|yes|true|1)$/i.test(rawRedact)) fallback('redact', "is not 'on' or 'off'", true, 'on');

  let redactPatterns = given('redactPatterns', 'none');
  try {
    parseExtraPatterns(redactPatterns);
  } catch (error) {
    redactPatterns = fallback('redactPatterns', `has a pattern that cannot be used: ${(error as Error).message}`, '', 'none');
  }

  let syslog: SyslogTarget | undefined;
  const rawSyslog = given('syslog', 'no forwarding').trim();
  const rawFacility = given('syslogFacility', OPTIONS.syslogFacility.default);
  const rawCa = given('syslogCa', 'the system CAs').trim();
  if (rawSyslog !== '') {
    try {
      syslog = parseSyslogTarget(rawSyslog, rawFacility, rawCa);
    } catch (error) {
      fallback('syslog', (error as Error).message, undefined, 'no forwarding');
    }
  }

  return {
    options: { dir, timeFormat, format, cast, maxBytes, maxFiles, rotate, maxAgeMs, compress, chainKey, history, historyLines, redact, redactPatterns, ...(syslog ? { syslog } : {}) },
    warnings,
  };
}

/** A shell variable name part for an option: `@audit-status-on` → `audit_status_on`. */
export function shellName(option: string): string {
  return option.replace(/^@/, '').replace(/-/g, '_');
}

function shellWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * dist/options.sh: the table for the shell side, as `<name>_option` and, for a
 * fixed default, `<name>_default`. Generated by scripts/build.mjs; the build
 * must be deterministic, so this depends on the table alone.
 */
export function optionsShell(): string {
  const lines = [
    '# shellcheck shell=bash disable=SC2034  # sourced by audit.tmux; not every name is used there',
    '# generated from src/core/options.ts by npm run build; do not edit',
  ];
  for (const key of Object.keys(OPTIONS) as OptionKey[]) {
    const option: OptionSpec = OPTIONS[key];
    const name = shellName(option.name);
    lines.push('', `# ${option.name}: ${option.meaning}`);
    lines.push(`${name}_option=${shellWord(option.name)}`);
    if (option.computedDefault) lines.push(`# default (computed by the helper): ${option.computedDefault}`);
    else lines.push(`${name}_default=${shellWord(option.default)}`);
  }
  return `${lines.join('\n')}\n`;
}
