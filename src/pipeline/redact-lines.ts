// Redaction of text that is not a recording's stream: the lines of a saved
// history (src/commands/history.ts). The same Redactor as the pipeline's, fed
// the lines as records, so a PEM key spread over lines becomes one marker as
// in the log, and what the log hides is not left in a file beside it.

import type { AuditRecord } from '../core/record.ts';
import { type ExtraPattern, Redactor } from './redact.ts';

const PLACE = { server: '', session: '', window: '', pane: '', paneId: '' };

/** `lines` redacted (a key's body lines are swallowed into its marker, so there may be fewer), and how many secrets there were. */
export function redactLines(lines: readonly string[], extra: readonly ExtraPattern[] = []): { lines: string[]; count: number } {
  // No line is a piece of a longer one here: nothing is held back for a continuation.
  const redactor = new Redactor({ extra, maxLineChars: Number.POSITIVE_INFINITY });
  const out: string[] = [];
  const next = (record: AuditRecord): void => void out.push(record.text);
  for (const text of lines) redactor.push({ time: 0, rec: '', user: '', place: PLACE, kind: 'line', text }, next);
  redactor.settle(next);
  return { lines: out, count: redactor.count };
}
