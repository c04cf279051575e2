// The pane commands' decisions (src/core/plan.ts), without tmux: start or stop,
// the errors, the run file's recording, the messages, and the command line
// pipe-pane runs, checked by running it through /bin/sh.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { AuditError } from '../../src/core/errors.ts';
import { resolveOptions } from '../../src/core/options.ts';
import {
  cannotWrite,
  chooseAction,
  describePane,
  filterRecording,
  pipeCommand,
  planStart,
  planStop,
  READER_NODE_FLAGS,
  type StartFacts,
  type Verb,
} from '../../src/core/plan.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import type { PaneState } from '../../src/tmux/pane.ts';

const env = { HOME: '/home/ann' };

function pane(overrides: Partial<PaneState> = {}): PaneState {
  return {
    paneId: '%3',
    piped: false,
    recording: '',
    runFile: '',
    session: 'deploy',
    sessionId: '$1',
    window: '1',
    pane: '0',
    serverPid: '4242',
    host: 'box',
    cwd: '/home/ann',
    windowName: 'bash',
    socket: '/tmp/tmux-1000/default',
    version: '3.3a',
    cursorX: 14,
    cursorY: 5,
    alternateScreen: false,
    alternateScreenAllowed: true,
    width: 80,
    height: 24,
    tty: '/dev/pts/7',
    command: 'bash',
    // Most tests are not about the shell-integration tip: it was given already.
    shellHinted: true,
    options: { dir: '', timeFormat: '', maxSize: '', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' },
    ...overrides,
  };
}

function startFacts(state: PaneState, overrides: Partial<StartFacts> = {}): StartFacts {
  const { options, warnings } = resolveOptions(state.options, env);
  return {
    state,
    options,
    warnings,
    dirExists: true,
    id: 'V1StGXR8_Z',
    username: 'ann',
    clientUser: 'bob',
    node: '/usr/bin/node',
    bundle: '/opt/tmux-audit/dist/audit.cjs',
    integrated: false,
    pluginDir: '/opt/tmux-audit',
    shipped: () => true,
    ...overrides,
  };
}

describe('start or stop', () => {
  const logged = pane({ recording: 'V1StGXR8_Z', piped: true, runFile: '/r.json' });
  const died = pane({ recording: 'V1StGXR8_Z', runFile: '/r.json' });
  const idle = pane();

  it('toggle stops a live recording and starts otherwise (also over one whose reader died)', () => {
    assert.equal(chooseAction('toggle', logged, true), 'stop');
    assert.equal(chooseAction('toggle', died, false), 'start');
    assert.equal(chooseAction('toggle', idle, false), 'start');
  });

  it('start of a logged pane is an error naming the pane and the recording', () => {
    assert.throws(() => chooseAction('start', logged, true), (error: unknown) => {
      assert.ok(error instanceof AuditError);
      assert.equal(error.message, '%3 is already being logged (rec V1StGXR8_Z)');
      assert.equal(error.exitCode, 1);
      return true;
    });
    assert.equal(chooseAction('start', died, false), 'start');
  });

  it('stop of a pane that has no recording is an error; one whose reader died is stopped (cleared)', () => {
    assert.throws(() => chooseAction('stop', idle, false), { name: 'AuditError', message: '%3 is not being logged' });
    assert.equal(chooseAction('stop', died, false), 'stop');
    assert.equal(chooseAction('stop', logged, true), 'stop');
  });

  it('no verb ever starts over a live recording', () => {
    for (const verb of ['toggle', 'start', 'stop'] as Verb[]) {
      let action: string;
      try {
        action = chooseAction(verb, logged, true);
      } catch {
        continue;
      }
      assert.equal(action, 'stop', verb);
    }
  });

  it('stopping a live recording asks its reader to write who stopped it; a dead one is only cleared', () => {
    assert.deepEqual(planStop(logged, true, 'bob'), { requestStopBy: 'bob', messages: ['stopped logging %3 (rec V1StGXR8_Z)'] });
    assert.deepEqual(planStop(died, false, 'bob'), { messages: ['logging of %3 had already stopped unexpectedly (rec V1StGXR8_Z)'] });
  });
});

describe('start plan', () => {
  it('the recording the reader gets: files, who, where, options', () => {
    const plan = planStart(startFacts(pane()));
    assert.equal(plan.file, '/home/ann/.local/state/tmux-audit/deploy.log');
    assert.equal(plan.runFile, '/home/ann/.local/state/tmux-audit/.run/4242-3-V1StGXR8_Z.json');
    assert.deepEqual(plan.recording, {
      id: 'V1StGXR8_Z',
      file: '/home/ann/.local/state/tmux-audit/deploy.log',
      user: 'ann',
      by: 'bob',
      session: 'deploy',
      window: '1',
      pane: '0',
      paneId: '%3',
      socket: '/tmp/tmux-1000/default',
      version: '3.3a',
      timeFormat: DEFAULT_TIME_FORMAT,
      format: 'text',
      maxBytes: 10 * 1024 ** 2,
      maxFiles: 20,
      rotate: 'both',
      maxAgeMs: Number.POSITIVE_INFINITY,
      compress: true,
      chainKey: '',
      alternateScreen: false,
      width: 80,
      height: 24,
      tty: '/dev/pts/7',
      shell: 'plain',
      context: { host: 'box', command: 'bash', cwd: '/home/ann', window_name: 'bash', socket: '/tmp/tmux-1000/default', clients: 'none' },
      stops: 'nonce',
    });
  });

  it('the start context names the clients attached then, with their users where tmux knows them', () => {
    const clients = [
      { name: '/dev/pts/3', user: 'ann' },
      { name: '/dev/pts/5', user: '' },
    ];
    assert.equal(planStart(startFacts(pane(), { clients })).recording.context?.clients, '/dev/pts/3(ann),/dev/pts/5');
  });

  it('by is the client user when tmux names one, else the user running the helper', () => {
    assert.equal(planStart(startFacts(pane(), { clientUser: 'bob' })).recording.by, 'bob');
    assert.equal(planStart(startFacts(pane(), { clientUser: '' })).recording.by, 'ann');
    assert.equal(planStart(startFacts(pane(), { clientUser: undefined })).recording.by, 'ann');
    assert.equal(planStart(startFacts(pane(), { clientUser: 'bob' })).recording.user, 'ann');
  });

  it('the prompt seed comes from the cursor line, except in the alternate screen', () => {
    const normal = planStart(startFacts(pane({ cursorX: 14, cursorY: 5 })));
    assert.deepEqual(normal.seedAt, { x: 14, y: 5 });
    const alternate = planStart(startFacts(pane({ alternateScreen: true })));
    assert.equal(alternate.seedAt, undefined);
    assert.equal(alternate.recording.alternateScreen, true);
  });

  it('a non-default server and the options shape the file names', () => {
    const state = pane({ socket: '/tmp/tmux-1000/work', session: 'my proj', options: { dir: '~/logs', timeFormat: 'HH:mm', maxSize: '1M', maxFiles: '3', rotate: '', maxAge: '', compress: '', chainKey: '', format: 'json', cast: 'on', history: 'off', historyLines: '5' } });
    const plan = planStart(startFacts(state));
    assert.equal(plan.file, '/home/ann/logs/my%20proj@work.log');
    assert.equal(plan.runFile, '/home/ann/logs/.run/4242-3-V1StGXR8_Z.json');
    assert.deepEqual([plan.recording.timeFormat, plan.recording.format, plan.recording.maxBytes, plan.recording.maxFiles], ['HH:mm', 'json', 1024 ** 2, 3]);
  });

  it('messages: where it logs first, then a dead predecessor, fallen-back options and a created directory', () => {
    const state = pane({ recording: 'OLDrec1234', options: { dir: '', timeFormat: '', maxSize: 'big', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' } });
    const plan = planStart(startFacts(state, { dirExists: false }));
    assert.deepEqual(plan.messages, [
      'logging %3 → /home/ann/.local/state/tmux-audit/deploy.log (rec V1StGXR8_Z)',
      'previous recording OLDrec1234 of %3 had stopped unexpectedly',
      "@audit-max-size 'big' is not a size like 10M, 512K or 1G; using 10M",
      '@audit-dir: created /home/ann/.local/state/tmux-audit (mode 0700)',
    ]);
    assert.deepEqual(planStart(startFacts(pane())).messages, ['logging %3 → /home/ann/.local/state/tmux-audit/deploy.log (rec V1StGXR8_Z)']);
    assert.equal(plan.readerFailed, 'the log reader for %3 did not start (/usr/bin/node /opt/tmux-audit/dist/audit.cjs)');
  });

  it('the shell-integration tip: once per server, at the prompt of a shell we integrate, and not when integrated', () => {
    const fresh = (command: string) => pane({ command, shellHinted: false });
    const bash = planStart(startFacts(fresh('bash')));
    assert.equal(bash.messages.at(-1), 'tip: to log each command with its exit status, add to ~/.bashrc: source /opt/tmux-audit/shell/integration.bash');
    assert.equal(bash.hinted, true);
    assert.equal(bash.recording.shell, 'plain');
    assert.match(planStart(startFacts(fresh('-zsh'))).messages.at(-1)!, /~\/\.zshrc: source \/opt\/tmux-audit\/shell\/integration\.zsh$/);
    assert.match(planStart(startFacts(fresh('fish'))).messages.at(-1)!, /config\.fish: source .*integration\.fish$/);
    for (const facts of [startFacts(fresh('vim')), startFacts(pane({ command: 'bash' })), startFacts(fresh('bash'), { integrated: true }), startFacts(fresh('bash'), { shipped: () => false })]) {
      const plan = planStart(facts);
      assert.equal(plan.hinted, false);
      assert.ok(!plan.messages.some((message) => message.startsWith('tip:')));
    }
    assert.equal(planStart(startFacts(fresh('bash'), { integrated: true })).recording.shell, 'integrated');
  });

  it('a log that cannot be opened: a planted symlink is named as refused', () => {
    const loop = Object.assign(new Error('ELOOP: too many symbolic links'), { code: 'ELOOP' });
    assert.equal(cannotWrite('/l/deploy.log', loop).message, 'cannot write /l/deploy.log: it is a symlink (refused)');
    const denied = Object.assign(new Error("EACCES: permission denied, open '/l/deploy.log'"), { code: 'EACCES' });
    assert.equal(cannotWrite('/l/deploy.log', denied).message, "cannot write /l/deploy.log: EACCES: permission denied, open '/l/deploy.log'");
  });
});

describe('the command pipe-pane runs', () => {
  it('is the reader with its node flags, else recover with its exit status, stdin let go', () => {
    assert.equal(READER_NODE_FLAGS, '--max-semi-space-size=1 --single-threaded');
    assert.equal(
      pipeCommand('/usr/bin/node', '/opt/tmux-audit/dist/audit.cjs', '/home/ann/.local/state/tmux-audit/.run/4242-3-V1StGXR8_Z.json'),
      "'/usr/bin/node' --max-semi-space-size=1 --single-threaded '/opt/tmux-audit/dist/audit.cjs' pipe '/home/ann/.local/state/tmux-audit/.run/4242-3-V1StGXR8_Z.json'" +
        " || exec '/usr/bin/node' '/opt/tmux-audit/dist/audit.cjs' recover '/home/ann/.local/state/tmux-audit/.run/4242-3-V1StGXR8_Z.json' \"$?\" <&-",
    );
  });

  // A stand-in for node in a directory whose name needs every kind of quoting:
  // it records its arguments and whether it has a stdin, and fails the first
  // time (as a reader killed by SIGKILL would), so recover runs.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tmux-audit-plan it's 100% #1 "$HOME" `));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fakeNode = path.join(dir, 'no de');
  const record = path.join(dir, 'calls');
  fs.writeFileSync(
    fakeNode,
    [
      '#!/bin/sh',
      'if [ -e "$RECORD" ]; then status=0; else status=137; fi',
      'if [ -e /proc/$$/fd/0 ]; then input=open; else input=closed; fi',
      `printf '%s\\0' "$#" "$input" "$@" >> "$RECORD"`,
      'exit "$status"',
    ].join('\n'),
    { mode: 0o755 },
  );

  function runThroughSh(command: string): { input: string; args: string[] }[] {
    fs.rmSync(record, { force: true });
    const result = spawnSync('/bin/sh', ['-c', command], { env: { ...process.env, RECORD: record }, stdio: ['pipe', 'ignore', 'pipe'] });
    assert.equal(result.status, 0, `sh: ${result.stderr}`);
    // Each call: its argument count, its stdin, its arguments, each ended by NUL.
    const fields = fs.readFileSync(record, 'utf8').split('\0').slice(0, -1);
    const calls = [];
    while (fields.length > 0) {
      const count = Number(fields.shift());
      const input = fields.shift()!;
      calls.push({ input, args: fields.splice(0, count) });
    }
    return calls;
  }

  it('survives /bin/sh with quotes, spaces, % and # in every path', () => {
    const bundle = path.join(dir, "dist's 50% #x/audit.cjs");
    const runFile = path.join(dir, '.run/$(touch pwned) `x` "4242"-3.json');
    const calls = runThroughSh(pipeCommand(fakeNode, bundle, runFile));
    assert.deepEqual(calls, [
      { input: 'open', args: [...READER_NODE_FLAGS.split(' '), bundle, 'pipe', runFile] },
      { input: 'closed', args: [bundle, 'recover', runFile, '137'] },
    ]);
    assert.ok(!fs.existsSync('pwned') && !fs.existsSync(path.join(dir, 'pwned')));
  });

  it('passes any bundle and run-file path through /bin/sh unchanged', () => {
    const tricky = fc.constantFrom("'", '"', ' ', '%', '#', '$', '`', '\\', '\n', '\t', '*', '?', '!', ';', '&', '|', '<', '>', '(', ')', '~', '-', 'a', 'é', '→');
    const word = fc.oneof(fc.string({ unit: tricky }), fc.string({ unit: 'grapheme' })).filter((text) => !text.includes('\0'));
    fc.assert(
      fc.property(word, word, (bundle, runFile) => {
        const calls = runThroughSh(pipeCommand(fakeNode, bundle, runFile));
        assert.deepEqual(calls.map((call) => call.args), [
          [...READER_NODE_FLAGS.split(' '), bundle, 'pipe', runFile],
          [bundle, 'recover', runFile, '137'],
        ]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('status line of a pane', () => {
  const where = '%3 (deploy:1.0)';
  it('not logged, logged, and a recording whose reader died', () => {
    assert.equal(describePane(pane()), `${where} is not being logged`);
    assert.equal(
      describePane(pane({ recording: 'V1StGXR8_Z' })),
      `${where}: logging stopped unexpectedly (rec V1StGXR8_Z); toggle to start again`,
    );
    assert.equal(
      describePane(pane({ recording: 'V1StGXR8_Z' }), { recording: { file: '/l/deploy.log', id: 'V1StGXR8_Z', by: 'bob' }, pid: 777 }),
      `${where} is being logged to /l/deploy.log (rec V1StGXR8_Z, started by bob, reader pid 777)`,
    );
  });
});

describe('pipe --file', () => {
  const facts = { id: 'V1StGXR8_Z', username: 'ann', env, cwd: '/work' };
  const plain = { file: 'build.log', session: 'pipe', timeFormat: '', maxSize: '', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' };

  it('defaults: the options of a pane recording, the file beside the caller, no pane', () => {
    assert.deepEqual(filterRecording(plain, facts), {
      recording: {
        id: 'V1StGXR8_Z',
        file: '/work/build.log',
        user: 'ann',
        by: 'ann',
        session: 'pipe',
        window: '0',
        pane: '0',
        paneId: '',
        socket: '',
        version: '',
        timeFormat: DEFAULT_TIME_FORMAT,
        format: 'text',
        maxBytes: 10 * 1024 ** 2,
        maxFiles: 20,
        rotate: 'size',
        compress: false,
        seed: '',
        stops: 'nonce',
      },
      warnings: [],
    });
    assert.equal(filterRecording({ ...plain, file: '/var/log/b.log' }, facts).recording.file, '/var/log/b.log');
  });

  it('given options are used; bad ones fall back with a warning naming the option', () => {
    const good = filterRecording({ ...plain, session: 'ci', timeFormat: 'HH:mm', maxSize: '1M', maxFiles: '2' }, facts);
    assert.deepEqual(
      [good.recording.session, good.recording.timeFormat, good.recording.maxBytes, good.recording.maxFiles, good.warnings],
      ['ci', 'HH:mm', 1024 ** 2, 2, []],
    );
    const bad = filterRecording({ ...plain, timeFormat: 'yyyy fun', maxSize: 'big', maxFiles: 'many' }, facts);
    assert.deepEqual([bad.recording.timeFormat, bad.recording.maxBytes, bad.recording.maxFiles], [DEFAULT_TIME_FORMAT, 10 * 1024 ** 2, 20]);
    assert.deepEqual(bad.warnings.map((warning) => warning.split(' ')[0]), ['@audit-time-format', '@audit-max-size', '@audit-max-files']);
  });
});
