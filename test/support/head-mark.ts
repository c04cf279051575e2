// The head mark a rotation under the key puts at the top of the file it opens
// (sinks/file/sink.ts headMark, sinks/file/head-mark.ts): for a log "pruned"
// by cutting it at a line, which an honest writer leaves only at a rotation,
// so the file it leaves opens with this mark.

import { HEAD_EVENT, headFields } from '../../src/chain/head-mark.ts';
import type { AuditRecord } from '../../src/core/record.ts';
import { recordFormat, type LogFormatName } from '../../src/format/formats.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';

/** The mark (its line, no `\n`) a writer of `by`'s recording makes rotating log `logName` at `at` (its next record's stamp), the file before unmarked (prev=0). */
export function rotationMark(key: Buffer, by: Pick<AuditRecord, 'rec' | 'user' | 'place'>, at: number, format: LogFormatName = 'text', logName = 'main.log'): string {
  return recordFormat(format, DEFAULT_TIME_FORMAT).format({ ...by, time: at, kind: 'event', text: HEAD_EVENT, fields: headFields(key, by.rec, logName, at, 0) }).replace(/\n$/, '');
}
