// `replay REC`: one recording played in the terminal, with its timing.

import { Command } from 'commander';
import { setTimeout as delay } from 'node:timers/promises';
import { AuditError } from '../core/errors.ts';
import { CastBuilder, type CastEvent } from '../read/asciicast.ts';
import { idleLimit } from './export.ts';
import { eachLineOf } from './show.ts';
import { location, Output, RecordingCommand, settle, whereOptions, type WhereOptions } from './reading.ts';

/** When each event is due (ms after the start), at `speed`, pauses cut to `maxIdle` seconds. */
export function schedule(events: readonly CastEvent[], speed: number, maxIdle?: number): number[] {
  let previous = 0;
  let clock = 0;
  return events.map(([seconds]) => {
    let gap = Math.max(0, seconds - previous);
    previous = seconds;
    if (maxIdle !== undefined) gap = Math.min(gap, maxIdle);
    clock += gap / speed;
    return Math.round(clock * 1000);
  });
}

async function play(events: readonly CastEvent[], due: readonly number[], signal: AbortSignal): Promise<void> {
  const out = new Output(true); // the cast's text was escaped when it was built
  let alternate = false;
  const start = Date.now();
  try {
    for (let i = 0; i < events.length && !signal.aborted && !out.closed; i++) {
      const wait = start + due[i]! - Date.now();
      if (wait > 0) {
        try {
          await delay(wait, undefined, { signal });
        } catch {
          break;
        }
      }
      const text = events[i]![2];
      if (text.includes('\x1b[?1049h')) alternate = true;
      if (text.includes('\x1b[?1049l')) alternate = false;
      out.write(text);
      out.flush();
    }
  } finally {
    if (alternate) out.write('\x1b[?1049l'); // stopped in a full-screen block: give the terminal its screen back
    out.flush();
  }
}

export function replayCommand(): Command {
  return whereOptions(new RecordingCommand('replay'))
    .description('play one recording in the terminal with its timing')
    .argument('<rec>', 'the recording id')
    .option('--speed <factor>', 'play faster (2) or slower (0.5)', '1')
    .option('--max-idle <seconds>', 'cut pauses longer than this')
    .option('--session <name>', 'look only in this session\'s log')
    .addHelpText(
      'after',
      `
Example:
  $ tmux-audit replay V1StGXR8_Z --speed 2 --max-idle 1`,
    )
    .action((rec: string, options: WhereOptions & { speed: string; maxIdle?: string; session?: string }) => {
      const speed = Number(options.speed);
      if (!(speed > 0)) throw new AuditError(`--speed takes a factor above 0, not '${options.speed}'`, 2);
      const maxIdle = idleLimit(options.maxIdle);
      const builder = new CastBuilder();
      const events: CastEvent[] = [];
      eachLineOf(location(options), rec, options.session, (line) => {
        events.push(...builder.add(line));
      });
      events.push(...builder.finish());
      const stop = new AbortController();
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop.abort());
      settle(play(events, schedule(events, speed, maxIdle), stop.signal));
    });
}
