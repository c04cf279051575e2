// `export REC --asciicast`: one recording as an asciicast v2 file.

import fs from 'node:fs';
import { Command } from 'commander';
import { AuditError } from '../core/errors.ts';
import { castHeader, castLine, castTitle, CastBuilder, type CastEvent } from '../read/asciicast.ts';
import type { Location } from '../read/where.ts';
import { eachLineOf } from './show.ts';
import { location, logsOf, Output, RecordingCommand, whereOptions, type WhereOptions } from './reading.ts';
import { rawCastParts, writeRawCast } from '../read/rawcast.ts';

/** `--max-idle` in seconds; an error (exit 2) unless it is a positive number. */
export function idleLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!(seconds > 0)) throw new AuditError(`--max-idle takes seconds above 0, not '${text}'`, 2);
  return seconds;
}

/** Where a cast came from: the raw stream kept with `@audit-cast on`, or the log's lines. */
export type CastSource = 'raw' | 'lines';

/** The line export prints on stderr: which source, and that a raw one replays what the pane printed, escapes and all. */
export function castSourceNote(source: CastSource, rec: string): string {
  return source === 'raw'
    ? `tmux-audit: recording ${rec} from its raw stream (@audit-cast): it replays the escape sequences as printed (titles, clipboard writes included)\n`
    : `tmux-audit: recording ${rec} from the log's lines (no raw stream kept), controls escaped\n`;
}

/** The cast of recording `rec`, line by line to `write`: the header first, then its events; which source it used. */
export function writeCast(where: Location, rec: string, session: string | undefined, idleTimeLimit: number | undefined, write: (line: string) => boolean): CastSource {
  // The raw stream, where it was kept (`@audit-cast on`): full-screen programs as they were drawn.
  const raw = rawCastParts(logsOf(where, session), rec);
  if (raw && writeRawCast(raw, idleTimeLimit, write)) return 'raw';
  const builder = new CastBuilder();
  let started = false;
  const emit = (events: CastEvent[]) => events.every((event) => write(castLine(event)));
  eachLineOf(where, rec, session, (line) => {
    if (!started) {
      started = true;
      // The start event comes first: it gives the time and the title.
      const events = builder.add(line);
      if (!write(castLine(castHeader({ startMs: builder.startMs, title: castTitle(line), idleTimeLimit })))) return false;
      return emit(events);
    }
    return emit(builder.add(line));
  });
  emit(builder.finish());
  return 'lines';
}

export function exportCommand(): Command {
  return whereOptions(new RecordingCommand('export'))
    .description('write one recording in another format: --asciicast (asciicast v2, for asciinema)')
    .argument('<rec>', 'the recording id')
    .option('--asciicast', 'asciicast v2: the raw stream kept with @audit-cast on, else its lines replayed with their timing, each followed by \\r\\n')
    .option('-o, --output <file>', 'write to this file (created 0600) instead of stdout')
    .option('--max-idle <seconds>', 'tell players to shorten pauses longer than this (idle_time_limit)')
    .option('--session <name>', 'look only in this session\'s log')
    .addHelpText(
      'after',
      `
Example:
  $ tmux-audit export V1StGXR8_Z --asciicast -o deploy.cast
  $ asciinema play deploy.cast`,
    )
    .action((rec: string, options: WhereOptions & { asciicast?: boolean; output?: string; maxIdle?: string; session?: string }) => {
      if (!options.asciicast) throw new AuditError('export needs a format: --asciicast', 2);
      const idle = idleLimit(options.maxIdle);
      const where = location(options);
      if (options.output === undefined) {
        const out = new Output();
        const source = writeCast(where, rec, options.session, idle, (line) => out.write(line));
        out.flush();
        process.stderr.write(castSourceNote(source, rec));
        return;
      }
      let fd: number;
      try {
        // A new file only: an existing one may be someone else's, readable by them (never write a recording into it).
        fd = fs.openSync(options.output, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
        fs.fchmodSync(fd, 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AuditError(`${options.output} already exists: export writes a new file only (remove it, or choose another name)`, 2);
        throw new AuditError(`cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 2);
      }
      try {
        let pending = '';
        const source = writeCast(where, rec, options.session, idle, (line) => {
          pending += line;
          if (pending.length >= 64 * 1024) {
            fs.writeSync(fd, pending);
            pending = '';
          }
          return true;
        });
        fs.writeSync(fd, pending);
        process.stderr.write(castSourceNote(source, rec));
      } finally {
        fs.closeSync(fd);
      }
    });
}
