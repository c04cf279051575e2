// The plugin's `@audit-*` options: defaults, parsing, and a fallback with a
// message naming the option whenever a value cannot be used. Pure: the values
// come in from tmux (see tmux.ts), the messages go out to the caller.

import path from 'node:path';
import { DEFAULT_TIME_FORMAT, timeFormatProblem } from '../format/text.ts';

export interface RawOptions {
  dir: string;
  timeFormat: string;
  maxSize: string;
  maxFiles: string;
}

export interface AuditOptions {
  dir: string;
  timeFormat: string;
  maxBytes: number;
  maxFiles: number;
}

/** Option names as a user sets them in `.tmux.conf`. */
export const OPTION_NAMES: Record<keyof RawOptions, string> = {
  dir: '@audit-dir',
  timeFormat: '@audit-time-format',
  maxSize: '@audit-max-size',
  maxFiles: '@audit-max-files',
};

export const DEFAULT_MAX_SIZE = '10M';
export const DEFAULT_MAX_FILES = 20;

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
export function resolveOptions(raw: RawOptions, env: NodeJS.ProcessEnv): { options: AuditOptions; warnings: string[] } {
  const warnings: string[] = [];
  const fallback = <T>(key: keyof RawOptions, why: string, value: T, shown: string): T => {
    warnings.push(`${OPTION_NAMES[key]} '${raw[key]}' ${why}; using ${shown}`);
    return value;
  };

  let dir = defaultDir(env);
  if (raw.dir !== '') {
    const expanded = raw.dir.replace(/^~(?=$|\/)/, env.HOME ?? '~');
    if (path.isAbsolute(expanded)) dir = path.normalize(expanded);
    else dir = fallback('dir', 'is not an absolute path', dir, dir);
  }

  let timeFormat = DEFAULT_TIME_FORMAT;
  if (raw.timeFormat !== '') {
    const problem = timeFormatProblem(raw.timeFormat);
    if (problem) timeFormat = fallback('timeFormat', `is not a date-fns format (${problem})`, timeFormat, `'${timeFormat}'`);
    else timeFormat = raw.timeFormat;
  }

  let maxBytes = parseSize(DEFAULT_MAX_SIZE)!;
  if (raw.maxSize !== '') {
    const parsed = parseSize(raw.maxSize);
    if (parsed === undefined) maxBytes = fallback('maxSize', 'is not a size like 10M, 512K or 1G', maxBytes, DEFAULT_MAX_SIZE);
    else maxBytes = parsed;
  }

  let maxFiles = DEFAULT_MAX_FILES;
  if (raw.maxFiles !== '') {
    if (/^\s*\d+\s*$/.test(raw.maxFiles)) maxFiles = Number(raw.maxFiles);
    else maxFiles = fallback('maxFiles', 'is not a whole number', maxFiles, String(maxFiles));
  }

  return { options: { dir, timeFormat, maxBytes, maxFiles }, warnings };
}
