// A recording as asciicast v2 (src/read/asciicast.ts) and its playback timing
// (src/commands/replay.ts), from crafted lines.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCast, CastBuilder, castHeader, type CastEvent } from '../../src/read/asciicast.ts';
import { LineReader } from '../../src/read/line.ts';
import { schedule } from '../../src/commands/replay.ts';

const reader = new LineReader();
const T = (ms: number) => {
  const at = new Date(Date.UTC(2026, 10, 24, 22, 1, 0) + ms);
  return at.toISOString().replace('Z', '+00:00');
};
const line = (ms: number, rest: string) => reader.read(`${T(ms)} ann deploy:1.0 ${rest}`)!;

describe('asciicast v2', () => {
  const recording = [
    line(0, '* start rec=V1StGXR8_Z by=ann pane=%3 pid=4242 file=/x/deploy.log'),
    line(1500, '| ann@web1:~$ ls /srv'),
    line(1502, '| app  backups  releases'),
    line(2000, '| ' + 'x'.repeat(5)),
    line(2000, '+ ' + 'y'.repeat(3)),
    line(2001, '+ z'),
    line(3000, '* screen rec=V1StGXR8_Z state=enter program=less'),
    line(3500, '* screen rec=V1StGXR8_Z state=snapshot rows=2'),
    line(3500, '= first row'),
    line(3500, '= second row'),
    line(4000, '* screen rec=V1StGXR8_Z state=leave'),
    line(4100, '* screen rec=V1StGXR8_Z state=leave reason=resync'),
    line(4100, '* screen rec=V1StGXR8_Z state=snapshot rows=1 screen=normal'),
    line(4100, '= the normal screen: already shown by the lines'),
    line(5000, '| last line, no newline yet'),
    line(6000, '* stop rec=V1StGXR8_Z reason=toggle by=ann'),
  ];

  it('a header line, then timed output events: each line followed by \\r\\n, pieces joined, screens in the alternate screen', () => {
    const cast = buildCast(recording, { idleTimeLimit: 2 }).split('\n');
    assert.equal(cast.pop(), '', 'ends in a newline');
    const header = JSON.parse(cast[0]!);
    assert.deepEqual(header, { version: 2, width: 80, height: 24, timestamp: Math.floor(Date.UTC(2026, 10, 24, 22, 1, 0) / 1000), title: 'deploy:1.0 rec=V1StGXR8_Z by=ann', idle_time_limit: 2 });
    const events = cast.slice(1).map((text) => JSON.parse(text) as CastEvent);
    assert.deepEqual(events, [
      [1.5, 'o', 'ann@web1:~$ ls /srv\r\n'],
      [1.502, 'o', 'app  backups  releases\r\n'],
      [2, 'o', 'xxxxxyyyz\r\n'],
      [3, 'o', '\x1b[?1049h\x1b[H\x1b[2J'],
      [3.5, 'o', '\x1b[H\x1b[2J'],
      [3.5, 'o', 'first row'],
      [3.5, 'o', '\r\nsecond row'],
      [4, 'o', '\x1b[?1049l'],
      [5, 'o', 'last line, no newline yet\r\n'],
    ]);
  });

  it('times never go back (another writer\'s event stamped a little earlier)', () => {
    const builder = new CastBuilder();
    const events: CastEvent[] = [];
    for (const l of [line(0, '* start rec=R'), line(1000, '| a'), line(900, '* rename rec=R to=ops'), line(1200, '| b'), line(1100, '| c')]) events.push(...builder.add(l));
    events.push(...builder.finish());
    const times = events.map(([seconds]) => seconds);
    assert.deepEqual(times, [...times].sort((a, b) => a - b));
  });

  it('a recording that ends inside a full-screen program gives the screen back', () => {
    const cast = buildCast([line(0, '* start rec=R'), line(10, '* screen rec=R state=enter program=top'), line(20, '| ignored? no: a line'), line(30, '* stop rec=R reason=SIGTERM')]);
    assert.ok(cast.trimEnd().endsWith('"\\u001b[?1049l"]'), cast);
  });

  it('80x24 when the size is unknown; the size when it is', () => {
    assert.deepEqual(castHeader({}), { version: 2, width: 80, height: 24 });
    assert.deepEqual(castHeader({ width: 132, height: 50, startMs: 1500 }), { version: 2, width: 132, height: 50, timestamp: 1 });
  });
});

describe('replay timing', () => {
  const events: CastEvent[] = [[0, 'o', 'a'], [1, 'o', 'b'], [11, 'o', 'c'], [11.5, 'o', 'd']];
  it('as recorded', () => assert.deepEqual(schedule(events, 1), [0, 1000, 11000, 11500]));
  it('faster', () => assert.deepEqual(schedule(events, 2), [0, 500, 5500, 5750]));
  it('pauses cut to --max-idle', () => assert.deepEqual(schedule(events, 1, 2), [0, 1000, 3000, 3500]));
});
