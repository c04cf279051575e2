// The acting user of a shared pane, in-process: the real recorder, stamper and
// pipeline behind the actor gate, with a fake clock and a tmux whose answers
// the test gives by hand (the real hook and clients: test/e2e/actor.test.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActorGate, MAX_HELD_BYTES, QUIET_MS, RECHECK_MS } from '../../src/capture/actor-gate.ts';
import { ActorTracker, type AttachedClient, type TypingSnapshot } from '../../src/capture/actor.ts';
import { Recorder } from '../../src/capture/recorder.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import type { Place } from '../../src/core/record.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { MemorySink } from '../support/memory-sink.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '0', paneId: '%0' };
const SINCE = { activity: 1_700_000_000, created: 1_700_000_000 };
const ROOT: AttachedClient = { name: '/dev/pts/1', user: 'root', uid: '0', readOnly: false, ...SINCE };
const ROOT2: AttachedClient = { name: '/dev/pts/2', user: 'root', uid: '0', readOnly: false, ...SINCE };
const BOB: AttachedClient = { name: '/dev/pts/4', user: 'bob', uid: '1001', readOnly: false, ...SINCE };
const CAROL: AttachedClient = { name: '/dev/pts/5', user: 'carol', uid: '1002', readOnly: true, ...SINCE };
/** `client` after pressing a key `seconds` after it attached. */
const pressed = (client: AttachedClient, seconds: number): AttachedClient => ({ ...client, activity: client.created + seconds });

function setUp() {
  // Epoch ms, as Date.now: a second after the clients below attached.
  let clock = (SINCE.created + 1) * 1000;
  const sink = new MemorySink();
  const stamper = new Stamper({ rec: 'R', user: 'root', place: PLACE });
  const pipeline = new Pipeline([], [sink]);
  const recorder = new Recorder(stamper, pipeline, { now: () => clock });
  const tracker = new ActorTracker({ user: 'root', uid: '0' }, (name, fields) => recorder.event(name, fields), (user) => stamper.actingUser(user));
  const questions: ((snapshot: TypingSnapshot | undefined) => void)[] = [];
  const gate = new ActorGate({ now: () => clock, ask: (done) => questions.push(done), tracker, deliver: (chunk) => recorder.push(chunk) });
  recorder.start({ by: 'root' }, '$ ', false);
  return {
    sink,
    gate,
    questions,
    /** Answers the oldest open question. */
    answer: (typist: string, ...clients: AttachedClient[]) => questions.shift()!({ typist, clients }),
    tick: (ms: number) => (clock += ms),
    /** `user kind text` per record, events as `user * name k=v`. */
    stamped: () => sink.lines().map((line, i) => `${sink.records[i]!.user} ${line}`),
  };
}

describe('the acting user', () => {
  it('the owner alone, on several clients: the log is as before (no clients or actor event)', () => {
    const t = setUp();
    t.gate.poll();
    t.answer('', ROOT, ROOT2);
    t.gate.push(Buffer.from('ls\r\n'));
    t.answer(ROOT2.name, ROOT, ROOT2);
    t.gate.close();
    assert.deepEqual(t.stamped(), ['root * start by=root', 'root | $ ls']);
    assert.ok(t.sink.records.every((record) => record.owner === 'root'));
  });

  it("a guest's keys after a pause: the read waits for tmux's answer, then it and its output are the guest's", () => {
    const t = setUp();
    t.gate.push(Buffer.from('whoami\r\nroot\r\n$ '));
    t.answer('', ROOT);
    t.tick(QUIET_MS);
    t.gate.push(Buffer.from('id\r\n'));
    assert.equal(t.stamped().length, 3, 'the read is held back while tmux is asked');
    t.answer(BOB.name, ROOT, BOB);
    t.tick(10);
    t.gate.push(Buffer.from('uid=1001(bob)\r\n'));
    t.gate.close();
    assert.deepEqual(t.stamped(), [
      'root * start by=root',
      'root | $ whoami',
      'root | root',
      'root * clients count=2 writers=root@/dev/pts/1 bob@/dev/pts/4',
      'bob * actor user=bob uid=1001 client=/dev/pts/4',
      'bob | $ id',
      'bob | uid=1001(bob)',
    ]);
    assert.ok(t.sink.records.every((record) => record.owner === 'root'), 'the owner stays in every record');
  });

  it('a read-only guest is a watcher: listed, never the actor, even when tmux names it as the latest client', () => {
    const t = setUp();
    t.gate.push(Buffer.from('x'));
    t.answer(CAROL.name, ROOT, CAROL);
    t.gate.push(Buffer.from('\r\n'));
    t.gate.close();
    assert.deepEqual(t.stamped(), ['root * start by=root', 'root * clients count=2 writers=root@/dev/pts/1 watchers=carol@/dev/pts/5', 'root | $ x']);
  });

  it('a typist that is not attached (gone, or a name set by hand) changes nothing; the guest leaving is listed', () => {
    const t = setUp();
    t.gate.poll();
    t.answer(BOB.name, ROOT, BOB);
    t.gate.poll();
    t.answer('/dev/pts/99', ROOT, BOB);
    t.gate.poll();
    t.answer(BOB.name, ROOT);
    assert.deepEqual(t.stamped(), [
      'root * start by=root',
      'root * clients count=2 writers=root@/dev/pts/1 bob@/dev/pts/4',
      'bob * actor user=bob uid=1001 client=/dev/pts/4',
      'bob * clients count=1 writers=root@/dev/pts/1',
    ]);
  });

  it('switches back and forth are each an event; the same user on another client is not', () => {
    const t = setUp();
    // Each presses a key a second after the one before.
    let second = 0;
    for (const typist of [BOB, ROOT, ROOT2, BOB]) {
      const clients = [ROOT, ROOT2, BOB].map((client) => (client === typist ? pressed(client, ++second) : client));
      t.gate.poll();
      t.answer(typist.name, ...clients);
    }
    assert.deepEqual(
      t.stamped().filter((line) => line.includes('* actor')),
      ['bob * actor user=bob uid=1001 client=/dev/pts/4', 'root * actor user=root uid=0 client=/dev/pts/1', 'bob * actor user=bob uid=1001 client=/dev/pts/4'],
    );
  });

  it('a flood is never held back; it is asked about once a second', () => {
    const t = setUp();
    t.gate.push(Buffer.from('seq\r\n'));
    t.answer('', ROOT);
    for (let i = 0; i < 100; i++) {
      t.tick(50);
      t.gate.push(Buffer.from(`${i}\r\n`));
    }
    assert.equal(t.stamped().length, 102, 'every read went through at once');
    assert.equal(t.questions.length, Math.floor((100 * 50) / RECHECK_MS), 'one question a second');
  });

  it('a client tmux made the latest without the hook (attach, select-window: pending) acts once it has pressed a key since it arrived', () => {
    const t = setUp();
    // Attached: the hook's best client was another one, so the arrival is its attach time.
    t.gate.poll();
    t.answer(`?${BOB.name} ${ROOT.name} ${ROOT.activity}`, ROOT, BOB);
    t.gate.poll();
    t.answer(`?${BOB.name} ${ROOT.name} ${ROOT.activity}`, ROOT, pressed(BOB, 1));
    t.gate.poll();
    t.answer(ROOT.name, pressed(ROOT, 2), pressed(BOB, 1));
    // Switched into the window by a key at second 5 (select-window's after-hook names it and its activity).
    const arrived = BOB.created + 5;
    for (const bob of [pressed(BOB, 5), pressed(BOB, 6)]) {
      t.gate.poll();
      t.answer(`?${ROOT.name} ${ROOT.name} ${ROOT.activity + 5}`, pressed(ROOT, 5), bob); // root's own switch, not typing since
      t.gate.poll();
      t.answer(`?${BOB.name} ${BOB.name} ${arrived}`, pressed(ROOT, 5), bob);
    }
    // A forged or garbled option names nobody.
    for (const forged of ['?', `?${ROOT.name} ${ROOT.name} x`, '?/dev/pts/99 /dev/pts/99 1', `${ROOT.name}\n${ROOT.name}`]) {
      t.gate.poll();
      t.answer(forged, ROOT, pressed(BOB, 9));
    }
    assert.deepEqual(
      t.stamped().filter((line) => line.includes('* actor')),
      ['bob * actor user=bob uid=1001 client=/dev/pts/4', 'root * actor user=root uid=0 client=/dev/pts/1', 'bob * actor user=bob uid=1001 client=/dev/pts/4'],
    );
  });

  it("tmux making a client the latest without a key (a resize, the window handed over when the actor detaches) changes nothing", () => {
    const t = setUp();
    // bob types `sleep 2; echo out` and Enter at second 3.
    t.tick(QUIET_MS);
    t.gate.push(Buffer.from('sleep 2; echo out\r\n'));
    t.answer(BOB.name, pressed(ROOT, 1), pressed(BOB, 3));
    // root's terminal is resized (client-active names root, server-client.c:2715); root pressed nothing since second 1.
    t.tick(1000);
    t.gate.poll();
    t.answer(ROOT.name, pressed(ROOT, 1), pressed(BOB, 3));
    // bob detaches: tmux hands the window to root (server-client.c:353), and `out` comes after a pause.
    t.tick(1000);
    t.gate.push(Buffer.from('out\r\n'));
    t.answer(ROOT.name, pressed(ROOT, 1));
    // root types: now root acts.
    t.tick(1000);
    t.gate.push(Buffer.from('date\r\n'));
    t.answer(ROOT.name, pressed(ROOT, 6));
    t.gate.close();
    assert.deepEqual(t.stamped().slice(2), [
      'bob * actor user=bob uid=1001 client=/dev/pts/4',
      'bob | $ sleep 2; echo out',
      'bob * clients count=1 writers=root@/dev/pts/1',
      'bob | out',
      'root * actor user=root uid=0 client=/dev/pts/1',
      'root | date',
    ]);
  });

  it('a key in the same second as the actor\'s last one cannot be told from none: the switch is written uncertain=yes', () => {
    const t = setUp();
    t.gate.poll();
    t.answer(BOB.name, ROOT, pressed(BOB, 3));
    t.gate.poll();
    t.answer(ROOT.name, pressed(ROOT, 3), pressed(BOB, 3));
    assert.deepEqual(t.stamped().filter((line) => line.includes('* actor')), ['bob * actor user=bob uid=1001 client=/dev/pts/4', 'root * actor user=root uid=0 client=/dev/pts/1 uncertain=yes']);
  });

  it('a pending client that pressed a key only in the second it arrived, while the pane printed then, is named uncertain=yes', () => {
    const t = setUp();
    const arrived = Math.floor(t.tick(0) / 1000);
    const bob = { ...BOB, created: arrived, activity: arrived };
    // A poll (no output): nothing to say.
    t.gate.poll();
    t.answer(`?${bob.name} ${ROOT.name} ${ROOT.activity}`, ROOT, bob);
    assert.ok(!t.stamped().some((line) => line.includes('* actor')));
    // The pane prints in that second: bob may have typed it (attach, type, detach within a second).
    t.tick(QUIET_MS);
    t.gate.push(Buffer.from('id\r\n'));
    t.answer(`?${bob.name} ${ROOT.name} ${ROOT.activity}`, ROOT, bob);
    // The next second, the pane printing again does not name it again, nor does output a second later name someone arriving.
    t.gate.close();
    assert.deepEqual(t.stamped().slice(2), ['bob * actor user=bob uid=1001 client=/dev/pts/4 uncertain=yes', 'bob | $ id']);
    const u = setUp();
    u.tick(1000 + QUIET_MS);
    u.gate.push(Buffer.from('id\r\n'));
    u.answer(`?${bob.name} ${ROOT.name} ${ROOT.activity}`, ROOT, bob);
    u.gate.close();
    assert.ok(!u.stamped().some((line) => line.includes('* actor')), 'output a second after it arrived, with no key since, is not its');
  });

  it('a held read is a copy: the input reuses its buffer for the next read meanwhile', () => {
    const t = setUp();
    const buffer = Buffer.from('first\r\n');
    t.gate.push(buffer);
    buffer.write('XXXXX\r\n');
    t.answer('', ROOT);
    assert.deepEqual(t.stamped().slice(1), ['root | $ first']);
  });

  it('an action given while reads are held runs after them and before the next read (a size learnt: commands/pipe.ts)', () => {
    const t = setUp();
    const order: string[] = [];
    t.gate.push(Buffer.from('held\r\n')); // after a quiet spell: waits for the answer
    t.gate.inOrder(() => order.push(`action after ${t.stamped().length - 1} line(s)`));
    assert.equal(order.length, 0, 'not before the held read');
    t.answer('', ROOT);
    assert.deepEqual(order, ['action after 1 line(s)']);
    t.gate.inOrder(() => order.push('at once'));
    assert.deepEqual(order, ['action after 1 line(s)', 'at once'], 'nothing held: now');
  });

  it('a stale answer (an earlier question answered later) is not used', () => {
    const t = setUp();
    t.gate.poll();
    t.tick(QUIET_MS);
    t.gate.push(Buffer.from('a\r\n'));
    const [first, second] = t.questions;
    second!({ typist: BOB.name, clients: [ROOT, BOB] });
    first!({ typist: ROOT.name, clients: [ROOT, BOB] });
    t.gate.close();
    assert.ok(t.stamped().includes('bob | $ a'));
    assert.ok(!t.stamped().some((line) => line.includes('actor user=root')));
  });

  it('what waits is bounded: past MAX_HELD_BYTES it goes on before the answer; tmux failing to answer holds nothing back', () => {
    const t = setUp();
    t.gate.push(Buffer.alloc(MAX_HELD_BYTES, 0x61));
    assert.equal(t.stamped().length, 1);
    t.gate.push(Buffer.from('\r\n'));
    assert.ok(t.stamped().length > 1, 'released past the bound');
    t.tick(QUIET_MS);
    t.gate.push(Buffer.from('b\r\n'));
    t.questions.at(-1)!(undefined);
    assert.equal(t.stamped().at(-1), 'root | b');
  });

  it('end of input lets what is held go; a late answer is ignored', () => {
    const t = setUp();
    t.gate.push(Buffer.from('last\r\n'));
    t.gate.close();
    t.answer(BOB.name, ROOT, BOB);
    assert.deepEqual(t.stamped(), ['root * start by=root', 'root | $ last']);
  });
});
