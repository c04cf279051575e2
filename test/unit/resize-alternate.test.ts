// A size learnt while a full-screen program's block is open (capture/recorder.ts
// resized): the program's redraw may have been modelled at the old size (its own
// SIGWINCH races the reader's), so the block says where the size changed; on the
// normal screen, and when nothing changed, nothing is said.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Recorder } from '../../src/capture/recorder.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import type { Place } from '../../src/core/record.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { MemorySink } from '../support/memory-sink.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };

function setUp() {
  const sink = new MemorySink();
  const recorder = new Recorder(new Stamper({ rec: 'R', user: 'ann', place: PLACE }), new Pipeline([], [sink]), { now: () => 1_000, width: 20, height: 4 });
  recorder.start({ by: 'ann' }, '$ ', false);
  return { sink, recorder, events: () => sink.lines().filter((line) => line.startsWith('* resize')) };
}

describe('a resize in the alternate screen', () => {
  it('is an event in the block; the final frame is the redraw made after it, at the new size', async () => {
    const t = setUp();
    t.recorder.push(Buffer.from('\x1b[?1049h\x1b[H\x1b[2J' + 'a'.repeat(20) + '\r\nrow2'));
    t.recorder.resized({ columns: 10, rows: 3 });
    t.recorder.resized({ columns: 10, rows: 3 });
    assert.deepEqual(t.events(), ['* resize from=20x4 to=10x3'], 'once per change');
    // The program's redraw at the new size, then it leaves.
    t.recorder.push(Buffer.from('\x1b[H\x1b[2J' + 'b'.repeat(10) + '\r\nnew2\x1b[?1049l'));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'toggle' });
    const lines = t.sink.lines();
    const leave = lines.findIndex((line) => line.includes('state=leave'));
    const snapshot = lines.slice(0, leave).map((line) => line.startsWith('* screen state=snapshot')).lastIndexOf(true);
    assert.deepEqual(lines.slice(snapshot + 1, leave), ['= ' + 'b'.repeat(10), '= new2']);
    assert.ok(lines.indexOf('* resize from=20x4 to=10x3') < leave);
  });

  it('on the normal screen, nothing is said', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('hello\r\n'));
    t.recorder.resized({ columns: 10, rows: 3 });
    assert.deepEqual(t.events(), []);
  });
});
