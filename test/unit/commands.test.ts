// Commands as records, in-process: semantic-prompt marks in a pane's bytes
// become `command` / `command-end` events, verified against the hash a shell
// registered (a fake tmux here), in order with the output, the nonce never
// written.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Recorder } from '../../src/capture/recorder.ts';
import type { ShellKeys } from '../../src/capture/commands.ts';
import { Stamper } from '../../src/capture/stamper.ts';
import type { Place } from '../../src/core/record.ts';
import { BacklogGuard } from '../../src/pipeline/backlog.ts';
import { Hold } from '../../src/pipeline/hold.ts';
import { Pipeline } from '../../src/pipeline/pipeline.ts';
import { eventText } from '../../src/format/text.ts';
import { bytesToText, decodePercent, parseShellMark } from '../../src/terminal/semantic.ts';
import { MemorySink } from '../support/memory-sink.ts';
import { waitFor } from '../support/util.ts';

const PLACE: Place = { server: '/tmp/tmux-0/default', session: 'main', window: '0', pane: '1', paneId: '%5' };
const NONCE = '0123456789abcdef0123456789abcdef';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A shell's registrations, answered after `delayMs` (0: at once, as a callback in the same tick would be wrong: next tick). */
function fakeTmux(registered: Record<string, string>, delayMs = 0): ShellKeys & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    registered: (pid, done) => {
      asked.push(pid);
      setTimeout(() => done(registered[pid]), delayMs);
    },
  };
}

function setUp(keys?: ShellKeys) {
  const sink = new MemorySink();
  const stamper = new Stamper({ rec: 'R', user: 'ann', place: PLACE });
  const hold = new Hold();
  const guard = new BacklogGuard({ pressure: () => 0, dropped: (lines, chars, time) => stamper.event('dropped', { lines, chars }, time) });
  const pipeline = new Pipeline([hold, guard], [sink]);
  const recorder = new Recorder(stamper, pipeline, { now: () => 1000, shellKeys: keys, hold });
  // Events as the log writes them (format/text.ts): values with blanks or controls are quoted.
  const lines = (): string[] => sink.records.map((record) => (record.kind === 'event' ? `* ${eventText(record.text, record.fields ?? {})}` : `| ${record.text}`));
  return { sink, recorder, lines };
}

const osc = (body: string): string => `\x1b]133;${body}\x1b\\`;
const C = (fields: string, nonce = NONCE, pid = '4242'): string => osc(`C;${fields};pid=${pid};k=${nonce}`);
const D = (fields: string, nonce = NONCE, pid = '4242'): string => osc(`D;${fields};pid=${pid};k=${nonce}`);

describe('commands as records', () => {
  it('a registered shell\'s marks are verified commands, in order with the output; the nonce is never written', async () => {
    const t = setUp(fakeTmux({ 4242: sha256(NONCE) }, 20));
    t.recorder.push(Buffer.from(`${osc('A')}ann@web1:/srv$ ${osc('B')}rm -rf build\r\n`));
    t.recorder.push(Buffer.from(`${C('cmdline_url=rm%20-rf%20build;cwd=/srv;n=17;user=ann;host=web1')}removed\r\n`));
    t.recorder.push(Buffer.from(`echo ${NONCE} leaked\r\n`));
    t.recorder.push(Buffer.from(`${D('0;n=17;ms=1200;pipestatus=0')}${osc('A')}ann@web1:/srv$ `));
    await waitFor('the hold to let go', () => t.sink.records.length >= 5);
    t.recorder.endOfInput();
    assert.deepEqual(t.lines(), [
      '| ann@web1:/srv$ rm -rf build',
      '* command n=17 pid=4242 user=ann host=web1 cwd=/srv verified=yes cmd="rm -rf build"',
      '| removed',
      '| echo [nonce] leaked',
      '* command-end n=17 pid=4242 exit=0 ms=1200 pipestatus=0 verified=yes',
      '| ann@web1:/srv$ ',
    ]);
    assert.ok(!t.lines().some((line) => line.includes(NONCE)));
  });

  it('marks printed by anything else are verified=no: a wrong nonce, no nonce, an unregistered pid, no tmux', async () => {
    const keys = fakeTmux({ 4242: sha256(NONCE) });
    const t = setUp(keys);
    t.recorder.push(Buffer.from(C('cmdline_url=forged;n=1', 'ffffffffffffffffffffffffffffffff')));
    t.recorder.push(Buffer.from(osc('C;cmdline_url=nokey;n=2')));
    t.recorder.push(Buffer.from(C('cmdline_url=otherpid;n=3', NONCE, '777')));
    t.recorder.push(Buffer.from(C('cmdline_url=badpid;n=4', NONCE, '$(id)')));
    await waitFor('every mark written', () => t.sink.records.length >= 4);
    t.recorder.endOfInput();
    assert.deepEqual(
      t.lines().map((line) => /verified=(\w+) cmd=(\S+)/.exec(line)!.slice(1).join(' ')),
      ['no forged', 'no nokey', 'no otherpid', 'no badpid'],
    );
    assert.deepEqual(keys.asked, ['4242', '777'], 'a pid that is not digits is not asked about');
    const noTmux = setUp(undefined);
    noTmux.recorder.push(Buffer.from(C('cmdline_url=x;n=1')));
    noTmux.recorder.endOfInput();
    assert.match(noTmux.lines()[0]!, /verified=no/);
  });

  it('tmux is asked once per shell; a forgery repeated costs no question, a flood of them a few per second', async () => {
    let clock = 0;
    const keys = fakeTmux({ 4242: sha256(NONCE) });
    const sink = new MemorySink();
    const stamper = new Stamper({ rec: 'R', user: 'ann', place: PLACE });
    const hold = new Hold();
    const recorder = new Recorder(stamper, new Pipeline([hold], [sink]), { now: () => clock, shellKeys: keys, hold });
    recorder.push(Buffer.from(C('cmdline_url=a;n=1')));
    await waitFor('the first answer', () => sink.records.length >= 1);
    for (let n = 2; n < 50; n++) recorder.push(Buffer.from(n % 2 ? C(`cmdline_url=a;n=${n}`) : C(`cmdline_url=f;n=${n}`, 'f'.repeat(32))));
    await waitFor('every mark written', () => sink.records.length >= 49);
    assert.deepEqual(keys.asked, ['4242', '4242'], 'the genuine nonce once, the repeated forgery once');
    // Forgeries with a fresh nonce each: a few questions a second, the rest refused at once.
    for (let n = 50; n < 90; n++) recorder.push(Buffer.from(C(`cmdline_url=f;n=${n}`, n.toString(16).padStart(32, '0'))));
    await waitFor('every mark written', () => sink.records.length >= 89);
    assert.ok(keys.asked.length <= 2 + 5, `asked ${keys.asked.length} times`);
    recorder.endOfInput();
    const fields = sink.records.map((record) => record.fields!);
    assert.ok(fields.every((each) => each.verified === (each.cmd === 'a' ? 'yes' : 'no')));
  });

  it('exec bash: the same pid with a new key is asked about again, and verified', async () => {
    const registered: Record<string, string> = { 4242: sha256(NONCE) };
    const t = setUp(fakeTmux(registered));
    t.recorder.push(Buffer.from(C('cmdline_url=before;n=1')));
    await waitFor('the first command', () => t.sink.records.length >= 1);
    const next = 'abcdefabcdefabcdefabcdefabcdefab';
    registered[4242] = sha256(next);
    t.recorder.push(Buffer.from(C('cmdline_url=after;n=1', next)));
    await waitFor('the second command', () => t.sink.records.length >= 2);
    t.recorder.endOfInput();
    assert.deepEqual(
      t.lines().map((line) => /verified=(\w+)/.exec(line)![1]),
      ['yes', 'yes'],
    );
  });

  it('a shell that cannot give its command line: the line on screen, after the prompt, marked source=screen', () => {
    const t = setUp();
    t.recorder.push(Buffer.from(`${osc('A')}$ ${osc('B')} secret-cmd --flag\r\n${C('cwd=/tmp;n=5;source=screen')}`));
    t.recorder.endOfInput();
    assert.deepEqual(t.lines(), ['| $  secret-cmd --flag', '* command n=5 pid=4242 cwd=/tmp verified=no source=screen cmd=" secret-cmd --flag"']);
  });

  it('VS Code\'s command line (633 E) and fish 4\'s own marks are accepted as verified=no', () => {
    const t = setUp(fakeTmux({}));
    t.recorder.push(Buffer.from(`\x1b]633;E;echo a\\x3bb \\\\ c;vscodenonce\x07\x1b]633;C\x07out\n\x1b]633;D;1\x07`));
    t.recorder.push(Buffer.from(`\x1b]133;C;cmdline_url=ls%20-la\x07\x1b]133;D;0\x07`));
    t.recorder.endOfInput();
    assert.deepEqual(t.lines(), [
      '* command verified=no cmd="echo a;b \\\\ c"',
      '| out',
      '* command-end exit=1 verified=no',
      '* command verified=no cmd="ls -la"',
      '* command-end exit=0 verified=no',
    ]);
  });

  it('VS Code\'s unsigned command line never lends its text to a shell\'s own mark', async () => {
    const t = setUp(fakeTmux({ 4242: sha256(NONCE) }));
    t.recorder.push(Buffer.from(`\x1b]633;E;echo harmless\x07${osc('A')}$ ${osc('B')} rm -rf /srv\r\n${C('cwd=/;n=2;source=screen')}`));
    await waitFor('the command', () => t.sink.records.length >= 2);
    t.recorder.endOfInput();
    assert.equal(t.lines()[1], '* command n=2 pid=4242 cwd=/ verified=yes source=screen cmd=" rm -rf /srv"');
  });

  it('a hold taken before an overflow is not let go by a stale release', async () => {
    const hold = new Hold();
    const sink = new MemorySink();
    const stamper = new Stamper({ rec: 'R', user: 'ann', place: PLACE });
    const pipeline = new Pipeline([hold], [sink]);
    const first = hold.hold();
    pipeline.push(stamper.output('line', 'x'.repeat(3 * 1024 * 1024), 1));
    pipeline.push(stamper.event('command', { cmd: 'y'.repeat(2 * 1024 * 1024) }, 1)); // fields count: over 4 MiB, let go
    assert.equal(sink.records.length, 2, 'an overflow lets go of what was held');
    const second = hold.hold();
    pipeline.push(stamper.output('line', 'after', 2));
    first(); // the answer to the first question comes late
    assert.equal(sink.records.length, 2, 'the second hold still holds');
    second();
    assert.equal(sink.records.length, 3);
  });

  it('a tmux that does not answer: verified=no after a while, and nothing held is lost', async () => {
    const silent: ShellKeys = { registered: () => {} };
    const t = setUp(silent);
    t.recorder.push(Buffer.from(`${C('cmdline_url=x;n=1')}after 1\r\nafter 2\r\n`));
    assert.equal(t.sink.records.length, 0, 'held while tmux is asked');
    await waitFor('the question to time out', () => t.sink.records.length === 3, 5000);
    t.recorder.endOfInput();
    assert.deepEqual(t.lines(), ['* command n=1 pid=4242 verified=no cmd=x', '| after 1', '| after 2']);
  });

  it('the recording ends while tmux is asked: everything is written', async () => {
    const t = setUp({ registered: () => {} });
    t.recorder.push(Buffer.from(`${C('cmdline_url=x;n=1')}tail\n`));
    t.recorder.endOfInput();
    await t.recorder.stop({ reason: 'eof' });
    assert.deepEqual(t.lines(), ['* command n=1 pid=4242 verified=no cmd=x', '| tail', '* stop reason=eof']);
  });

  it('a cut command line is marked truncated', () => {
    const t = setUp();
    t.recorder.push(Buffer.from(osc(`C;n=1;cmdline_url=${'a'.repeat(300 * 1024)}`)));
    t.recorder.endOfInput();
    assert.match(t.lines()[0]!, /^\* command n=1 verified=no truncated=yes cmd=a+$/);
  });
});

describe('semantic-prompt bodies', () => {
  it('percent-encoding keeps every byte: %, ;, ESC, BEL, newline, UTF-8, and invalid bytes as \\xNN', () => {
    assert.equal(decodePercent('a%25b%3Bc%1B%07%0Ad%E6%97%A5%FF'), 'a%b;c\x1b\x07\nd日\\xff');
    assert.equal(decodePercent('100%'), '100%');
  });
  it('any bytes percent-encoded come back: valid UTF-8 as text, the rest as \\xNN', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
        assert.equal(decodePercent(encoded), bytesToText(Buffer.from(bytes)));
        if (Buffer.from(bytes).toString('utf8') === new TextDecoder('utf-8', { fatal: false }).decode(bytes) && !Buffer.from(bytes).toString('utf8').includes('\ufffd')) {
          assert.equal(decodePercent(encoded), Buffer.from(bytes).toString('utf8'));
        }
      }),
    );
  });
  it('marks: the exit status of D, options, the first of a repeated key', () => {
    const mark = parseShellMark(133, 'D;2;n=3;n=9;ms=10')!;
    assert.equal(mark.exit, '2');
    assert.equal(mark.options.get('n'), '3');
    assert.equal(parseShellMark(133, 'Z'), undefined);
    assert.equal(parseShellMark(133, 'E;x'), undefined, 'E is VS Code\'s, not 133\'s');
  });
});
