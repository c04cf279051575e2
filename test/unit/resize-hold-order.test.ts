// The resize hold behind the actor gate, wired as the reader wires them
// (commands/pipe.ts: read → ActorGate → ResizeHold → Recorder, and the gate's
// actor switches through the hold's `inOrder`): a read the gate gave to one
// user and the resize hold still keeps is that user's, not the next one's,
// and no event overtakes output read before it.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { ActorGate, QUIET_MS } from '../../src/capture/actor-gate.ts';
import { ActorTracker, type AttachedClient, type TypingSnapshot } from '../../src/capture/actor.ts';
import { Recorder } from '../../src/capture/recorder.ts';
import { HOLD_MS, ResizeHold } from '../../src/capture/resize-hold.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import type { Place } from '../../src/core/record.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { MemorySink } from '../support/memory-sink.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
const SINCE = { activity: 1_700_000_000, created: 1_700_000_000 };
const ROOT: AttachedClient = { name: '/dev/pts/1', user: 'root', uid: '0', readOnly: false, ...SINCE };
const BOB: AttachedClient = { name: '/dev/pts/4', user: 'bob', uid: '1001', readOnly: false, ...SINCE };

function setUp() {
  let clock = (SINCE.created + 1) * 1000;
  const sink = new MemorySink();
  const stamper = new Stamper({ rec: 'R', user: 'root', place: PLACE });
  const pipeline = new Pipeline([], [sink]);
  const recorder = new Recorder(stamper, pipeline, { now: () => clock, width: 80, height: 24 });
  const sizeQuestions: ((size: { columns: number; rows: number } | undefined) => void)[] = [];
  const hold = new ResizeHold({ ask: (done) => void sizeQuestions.push(done), deliver: (chunk) => recorder.push(chunk), resized: (size) => recorder.resized(size) });
  const inOrder = (action: () => void): void => hold.inOrder(action);
  const tracker = new ActorTracker(
    { user: 'root', uid: '0' },
    (name, fields) => inOrder(() => recorder.event(name, fields)),
    (user) => inOrder(() => stamper.actingUser(user)),
  );
  const questions: ((snapshot: TypingSnapshot | undefined) => void)[] = [];
  const gate = new ActorGate({ now: () => clock, ask: (done) => void questions.push(done), tracker, deliver: (chunk) => hold.push(chunk) });
  recorder.start({ by: 'root' }, '$ ', false);
  return {
    sink,
    gate,
    hold,
    recorder,
    inOrder,
    answer: (typist: string, ...clients: AttachedClient[]) => questions.shift()!({ typist, clients }),
    answerSize: (columns: number, rows: number) => sizeQuestions.shift()!({ columns, rows }),
    tick: (ms: number) => (clock += ms),
    stamped: () => sink.lines().map((line, i) => `${sink.records[i]!.user} ${line}`),
  };
}

describe('the resize hold behind the actor gate', () => {
  beforeEach(() => mock.timers.enable(['setTimeout', 'clearTimeout']));
  afterEach(() => mock.timers.reset());

  it("root's output held for a resize stays root's when bob's keys switch the actor meanwhile", () => {
    const t = setUp();
    t.gate.push(Buffer.from('ls\r\n'));
    t.answer(ROOT.name, ROOT, BOB);
    t.tick(10);
    t.hold.signalled(); // a resize; tmux is slow to say the size
    t.tick(10);
    t.gate.push(Buffer.from('root-output\r\n$ ')); // root's, by the gate: held by the resize hold
    t.tick(QUIET_MS + 20);
    t.gate.push(Buffer.from('id\r\n')); // after a pause: bob pressed a key
    t.answer(BOB.name, ROOT, { ...BOB, activity: BOB.activity + 1 });
    t.tick(10);
    t.gate.push(Buffer.from('uid=1001(bob)\r\n'));
    mock.timers.tick(HOLD_MS); // the hold gives up
    t.gate.close();
    t.hold.end();
    assert.deepEqual(t.stamped(), [
      'root * start by=root',
      'root * clients count=2 writers=root@/dev/pts/1 bob@/dev/pts/4',
      'root | $ ls',
      'root | root-output',
      'bob * actor user=bob uid=1001 client=/dev/pts/4',
      'bob | $ id',
      'bob | uid=1001(bob)',
    ]);
  });

  it('the size answer goes first; events made while reads are held come after them, in order', () => {
    const t = setUp();
    t.gate.push(Buffer.from('a\r\n'));
    t.answer(ROOT.name, ROOT);
    t.tick(10);
    t.hold.signalled();
    t.gate.push(Buffer.from('b\r\n'));
    t.inOrder(() => t.recorder.event('moved', { to: 'main:1.0' }));
    t.gate.push(Buffer.from('c\r\n'));
    assert.deepEqual(t.stamped(), ['root * start by=root', 'root | $ a']);
    t.answerSize(40, 10);
    assert.deepEqual(t.stamped(), ['root * start by=root', 'root | $ a', 'root | b', 'root * moved to=main:1.0', 'root | c']);
    t.inOrder(() => t.recorder.event('moved', { to: 'main:2.0' }));
    assert.equal(t.stamped().at(-1), 'root * moved to=main:2.0', 'nothing held: at once');
  });
});
