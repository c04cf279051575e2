// The log formats a user chooses from (`@audit-format`), and the formatter for
// each: the writers (the file sink, events appended by other processes) ask
// here, so a recording's records all go out in the format it started with.

import type { AuditRecord } from '../core/record.ts';
import { JsonFormat } from './json.ts';
import { TextFormat } from './text.ts';

export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormatName = (typeof LOG_FORMATS)[number];

/** Turns records into lines, each ending in `\n`. */
export interface RecordFormat {
  format(record: AuditRecord): string;
}

/** A formatter for one writer (it keeps state between records); `timeFormat` is the text format's stamp. */
export function recordFormat(name: LogFormatName | undefined, timeFormat: string): RecordFormat {
  return name === 'json' ? new JsonFormat() : new TextFormat(timeFormat);
}
