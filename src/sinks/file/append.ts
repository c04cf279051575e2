// Records appended by a process other than the recording's reader (recover,
// the rename hook): formatted like the reader's, in one O_APPEND write.

import type { AuditRecord } from '../../core/record.ts';
import { TextFormat } from '../../format/text.ts';
import { appendLines } from './safe-fs.ts';

/** `prefix` goes first (a newline that ends a torn line). */
export function appendRecords(file: string, timeFormat: string, records: readonly AuditRecord[], prefix = ''): void {
  const format = new TextFormat(timeFormat);
  appendLines(file, prefix + records.map((record) => format.format(record)).join(''));
}
