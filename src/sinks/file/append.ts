// Records appended by a process other than the recording's reader (recover,
// the rename hook): formatted like the reader's, in one O_APPEND write.

import type { AuditRecord } from '../../core/record.ts';
import type { RecordFormat } from '../../format/formats.ts';
import { appendLines } from './safe-fs.ts';

/** `prefix` goes first (a newline that ends a torn line). */
export function appendRecords(file: string, format: RecordFormat, records: readonly AuditRecord[], prefix = ''): void {
  appendLines(file, prefix + records.map((record) => format.format(record)).join(''));
}
