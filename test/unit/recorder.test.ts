// The reader's core in-process: bytes in, records out through the pipeline,
// with a fake clock and a memory sink (no tmux, no files, no timers of its own
// except the screen recorder's, which needs a tmux it does not have here).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Recorder } from '../../src/capture/recorder.ts';
import type { ScreenSource } from '../../src/capture/screen.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import { PACE_MAX_BYTES } from '../../src/core/pacing.ts';
import type { Place } from '../../src/core/record.ts';
import { BacklogGuard } from '../../src/pipeline/backlog.ts';
import { Hold } from '../../src/pipeline/hold.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { MemorySink } from '../support/memory-sink.ts';
import { waitFor } from '../support/util.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '1', paneId: '%5' };

function setUp(options: { limit?: number; screen?: ScreenSource; tmuxReads?: boolean } = {}) {
  let clock = 1_000;
  const sink = new MemorySink();
  const stamper = new Stamper({ rec: 'R', user: 'ann', place: PLACE });
  const guard = new BacklogGuard({
    pressure: () => sink.backlog,
    limit: options.limit,
    dropped: (lines, chars, time) => stamper.event('dropped', { lines, chars, reason: 'log writer backlog' }, time),
  });
  const hold = new Hold();
  const pipeline = new Pipeline([hold, guard], [sink]);
  const recorder = new Recorder(stamper, pipeline, { now: () => clock, screen: options.screen, hold, tmuxReads: options.tmuxReads });
  return {
    sink,
    recorder,
    guard,
    tick: (ms: number) => (clock += ms),
  };
}

describe('the recorder', () => {
  it('start, lines, stop: stamped, numbered, in order', async () => {
    const t = setUp();
    t.recorder.start({ by: 'ann', pane: '%5', pid: 42 }, 'ann@host:~$ ', false);
    t.recorder.push(Buffer.from('echo hi\r\nhi\r\n'));
    t.tick(5);
    t.recorder.push(Buffer.from('ann@host:~$ '));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'toggle', by: 'ann' });
    assert.deepEqual(t.sink.lines(), ['* start by=ann pane=%5 pid=42', '| ann@host:~$ echo hi', '| hi', '| ann@host:~$ ', '* stop reason=toggle by=ann']);
    assert.deepEqual(
      t.sink.records.map((record) => record.seq),
      [0, 1, 2, 3, 4],
    );
    assert.ok(t.sink.records.every((record) => record.rec === 'R' && record.user === 'ann' && record.place === PLACE));
    assert.deepEqual(
      t.sink.records.map((record) => record.time),
      [1000, 1000, 1000, 1005, 1005],
    );
    assert.ok(t.sink.closed);
  });

  it('one clock reading per chunk: every line of a chunk has the time it arrived', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('a\r\nb'));
    t.tick(100);
    t.recorder.push(Buffer.from('c\r\n'));
    assert.deepEqual(
      t.sink.records.map((record) => [record.text, record.time]),
      [['a', 1000], ['bc', 1100]],
    );
  });

  it('stamps never go back: not when the clock steps back, nor for events between chunks', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('a\r\n'));
    t.tick(-500); // the wall clock was set back
    t.recorder.event('note', {});
    t.recorder.push(Buffer.from('b\r\n'));
    t.tick(1000);
    t.recorder.push(Buffer.from('c\r\n'));
    assert.deepEqual(
      t.sink.records.map((record) => [record.text, record.time]),
      [['a', 1000], ['note', 1000], ['b', 1000], ['c', 1500]],
    );
  });

  it('a screen switch takes the stamp of the chunk it came in, like the lines around it', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('before\r\n'));
    t.tick(100);
    t.recorder.push(Buffer.from('x\r\n\x1b[?1049h'));
    t.tick(100);
    t.recorder.push(Buffer.from('\x1b[?1049lafter\r\n'));
    t.recorder.endOfInput();
    assert.deepEqual(
      t.sink.records.map((record) => [record.kind === 'event' ? `${record.text} ${record.fields?.state}` : record.text, record.time]),
      [['before', 1000], ['x', 1100], ['screen enter', 1100], ['screen leave', 1200], ['after', 1200]],
    );
  });

  it('text drawn by addressing that stood, then written over while bytes that show nothing keep coming, is logged (each read has its time)', async () => {
    const t = setUp();
    t.recorder.push(Buffer.from('$ run\r\n\x1b[10;1HSECRET\x1b[2;1H'));
    for (let i = 0; i < 10; i++) {
      t.tick(100);
      t.recorder.push(Buffer.from('\x1b[0m'));
    }
    t.recorder.push(Buffer.from('\x1b[10;1Hcovered\x1b[2;1Hdone\r\n'));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'toggle' });
    assert.deepEqual(t.sink.lines(), ['| $ run', '| SECRET', '~ covered', '| done', '* stop reason=toggle']);
  });

  it('a redrawn state that leaves the screen is logged though the budget is spent (review M3); screens DECALN filled are a dropped event', async () => {
    const t = setUp();
    let input = `${'x'.repeat(1600)}\r\n\x1b[22;24r\x1b[24;1H`;
    for (let i = 0; i < 3000; i++) input += `\x1b[5;10H${String.fromCharCode(97 + (i % 26))}\x1b[24;1H\n`;
    t.recorder.push(Buffer.from(`${input}\x1b[r\x1b[5;10HSECRET\x1b[21;1H\x1b[1J`));
    t.recorder.push(Buffer.from('\x1b#8\x1b[2J'.repeat(5000)));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'toggle' });
    const lines = t.sink.lines();
    assert.ok(lines.some((line) => /^~ x+SECRET/.test(line)), 'the last state of the long line');
    const dropped = lines.filter((line) => line.startsWith('* dropped'));
    assert.ok(dropped.length > 0 && dropped.every((line) => / lines=\d+ chars=\d+ reason=redraw-budget$/.test(line)), dropped.join('\n'));
  });

  it('a fault in the terminal layer is an error event, and the recording goes on', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('before\r\n'));
    const layer = (t.recorder as unknown as { transcript: { push: () => void } }).transcript;
    layer.push = () => {
      throw new Error('boom');
    };
    t.recorder.push(Buffer.from('the read it fails on\r\n'));
    t.recorder.push(Buffer.from('after\r\n'));
    t.recorder.endOfInput();
    assert.deepEqual(t.sink.lines(), ['| before', '* error message=boom where=terminal read=22 recovered=yes', '| after']);
  });

  it('each read is flushed to the sinks as it is pushed', () => {
    const t = setUp();
    t.recorder.push(Buffer.from('one\n'));
    assert.equal(t.sink.flushed.length, 1);
    t.recorder.push(Buffer.from('two\nthree\n'));
    assert.equal(t.sink.flushed.length, 3);
  });

  it('a pane\'s reads are tmux\'s: a ZWJ waiting at the end of one is forgotten (input.c:975); not so for pipe --file', () => {
    for (const [tmuxReads, line] of [[true, '| abcéQ'], [false, '| abc\u200dé Q']] as const) {
      const t = setUp({ tmuxReads });
      t.recorder.push(Buffer.from('abc\u200d'));
      t.recorder.push(Buffer.from('é\r\x1b[4CQ\r\n'));
      assert.deepEqual(t.sink.lines(), [line], `tmuxReads: ${tmuxReads}`);
    }
  });

  it('a read of 64 KiB or more found a backlog, cut where the socket was, not where tmux\'s read ended: its ZWJ waits', () => {
    // Review of zwjb15: in a flood every ZWJ wrongly forgotten ended a 65,536-byte read (tmux had joined it).
    const filler = `${'f'.repeat(PACE_MAX_BYTES - 2 - 4 - 3)}\r\nabcd\u200d`; // 64 KiB: the filler line, then abcd ZWJ
    assert.equal(Buffer.byteLength(filler), PACE_MAX_BYTES);
    for (const [bytes, line] of [[filler, '| abcd\u200dé Q'], [filler.slice(1), '| abcdéQ']] as const) {
      const t = setUp({ tmuxReads: true });
      t.recorder.push(Buffer.from(bytes));
      t.recorder.push(Buffer.from('é\r\x1b[5CQ\r\n'));
      assert.deepEqual(t.sink.lines().at(-1), line, `a read of ${Buffer.byteLength(bytes)} bytes`);
    }
  });

  it('long lines become a line and continuation pieces', () => {
    const t = setUp();
    t.recorder.push(Buffer.from(`${'x'.repeat(16 * 1024 + 3)}\n`));
    assert.deepEqual(
      t.sink.records.map((record) => [record.kind, record.text.length]),
      [['line', 16 * 1024], ['piece', 3]],
    );
  });

  it('a full-screen program is a screen block: enter with the program, frames from the model, leave; its drawing is not lines', async () => {
    let answer: ((name: string | undefined) => void) | undefined;
    const t = setUp({ screen: { program: (done) => (answer = done) } });
    t.recorder.push(Buffer.from('less file\r\n\x1b[?1049h\x1b[Hdrawn\r\n~\r\n'));
    // tmux is asked which program switched, without waiting: what follows is held until it answers.
    assert.deepEqual(t.sink.lines(), ['| less file']);
    answer!('less');
    // A frame once the screen is still (0.5 s), from the reader's own screen model.
    await waitFor('a frame', () => t.sink.lines().length > 2);
    t.recorder.push(Buffer.from('\x1b[2;1Hmore\x1b[?1049lafter\r\n'));
    t.recorder.endOfInput();
    assert.deepEqual(t.sink.lines(), [
      '| less file',
      '* screen state=enter program=less',
      '* screen state=snapshot rows=2',
      '= drawn',
      '= ~',
      '* screen state=snapshot rows=2',
      '= drawn',
      '= more',
      '* screen state=leave',
      '| after',
    ]);
  });

  it('a program that draws and leaves within one read leaves its final frame', () => {
    const t = setUp({ screen: { program: (done) => done('vim') } });
    t.recorder.push(Buffer.from('\x1b[?1049h\x1b[H\x1b[2Jline one\r\n~\r\n\x1b[16;1H"x" 2L written\x1b[?1049l$ '));
    t.recorder.endOfInput();
    assert.deepEqual(t.sink.lines(), [
      '* screen state=enter program=vim',
      '* screen state=snapshot rows=16',
      '= line one',
      '= ~',
      ...Array.from({ length: 13 }, () => '= '),
      '= "x" 2L written',
      '* screen state=leave',
      '| $ ',
    ]);
  });

  it('a recording that ends before tmux says which program it was writes what waited for the answer, then the stop', async () => {
    let answer: ((name: string | undefined) => void) | undefined;
    const t = setUp({ screen: { program: (done) => (answer = done) } });
    t.recorder.push(Buffer.from('\x1b[?1049hshown\x1b[?1049lafter\r\n'));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'toggle', by: 'ann' });
    assert.deepEqual(t.sink.lines(), ['* screen state=enter', '* screen state=snapshot rows=1', '= shown', '* screen state=leave', '| after', '* stop reason=toggle by=ann']);
    assert.ok(t.sink.closed);
    // The late answer changes nothing: its release is void.
    answer!('vim');
    assert.equal(t.sink.records.length, 6);
  });
});

describe('drop accounting', () => {
  it('above the limit whole lines are dropped and counted; the event stands where the gap is', () => {
    const t = setUp({ limit: 100 });
    t.recorder.push(Buffer.from('kept 1\r\n'));
    t.sink.backlog = 101; // the disk has fallen behind
    t.recorder.push(Buffer.from('lost 2\r\nlost 3\r\n'));
    t.tick(10);
    t.recorder.event('note', {}); // events are never dropped
    t.sink.backlog = 60; // under the limit, but not yet under half of it: still dropping
    t.tick(10);
    t.recorder.push(Buffer.from('lost 4\r\n'));
    t.sink.backlog = 50;
    t.tick(10);
    t.recorder.push(Buffer.from('kept 5\r\n'));
    t.recorder.endOfInput();
    t.guard.close();
    assert.deepEqual(t.sink.lines(), ['| kept 1', '* note', '* dropped lines=3 chars=18 reason=log writer backlog', '| kept 5']);
    // The event takes the stamp of the line that ends the gap: made later, it must not stand later than that line.
    assert.deepEqual(
      t.sink.records.map((record) => record.time),
      [1000, 1010, 1030, 1030],
    );
    // Numbered as delivered: the event made after `kept 5` but put before it comes first.
    assert.deepEqual(
      t.sink.records.map((record) => record.seq),
      [0, 1, 2, 3],
    );
  });

  it('a gap still open at the end is accounted for before the stop event', async () => {
    const t = setUp({ limit: 10 });
    t.sink.backlog = 11;
    t.recorder.push(Buffer.from('a\r\nbb\r\n'));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'eof' });
    assert.deepEqual(t.sink.lines(), ['* dropped lines=2 chars=3 reason=log writer backlog', '* stop reason=eof']);
  });

  it('once the queue drains while the pane is quiet, the event is written without waiting for more output', async () => {
    const t = setUp({ limit: 10 });
    t.sink.backlog = 11;
    t.recorder.push(Buffer.from('a\n'));
    t.sink.backlog = 0;
    const flushesBefore = t.sink.flushed.length;
    await waitFor('the drain check to settle the pipeline', () => t.sink.flushed.length > flushesBefore);
    assert.deepEqual(t.sink.lines(), ['* dropped lines=1 chars=1 reason=log writer backlog']);
    t.guard.close();
  });
});
