// The shell snippets (shell/integration.bash, .zsh, .fish) in real shells in real tmux panes,
// typed at with send-keys, their raw pane output captured with plain pipe-pane (not the plugin's
// reader): each command's OSC 133 records hold what was executed, where, by which shell, how it
// ended, and a nonce that tmux holds the hash of.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { field, type Osc133 } from '../support/osc133.ts';
import { ShellPane, SNIPPETS, type ShellKind } from '../support/shells.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const newServer = serversForThisFile();

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** What every C and D of one shell must hold. */
function assertSigned(shell: ShellPane, record: Osc133, pid: string): void {
  assert.equal(field(record, 'pid'), pid);
  const k = field(record, 'k');
  assert.match(k, /^[0-9a-f]{32}$/, 'a 128-bit nonce');
  assert.equal(shell.registered(pid), sha256(k), 'tmux holds sha256 of the nonce for this pid');
}

async function start(kind: ShellKind, options: ConstructorParameters<typeof ShellPane>[2] = {}): Promise<ShellPane> {
  return new ShellPane(newServer({ plugin: false }), kind, options).ready();
}

for (const kind of ['bash', 'zsh', 'fish'] as const) {
  describe(`${kind} with the snippet`, () => {
    test('a command: C with the executed line, cwd, user, host; D with status and duration; all signed', async () => {
      const shell = await start(kind);
      const { start: c, end: d } = await shell.run('cd /tmp && sleep 0.3');
      const pid = field(c, 'pid');
      assert.match(pid, /^\d+$/);
      assert.equal(field(c, 'cmdline_url'), 'cd /tmp && sleep 0.3');
      assert.equal(field(c, 'source'), 'history');
      assert.equal(field(c, 'n'), '1');
      assert.equal(field(c, 'cwd'), shell.home, 'cwd when it started');
      assert.ok(field(c, 'user') !== '' && field(c, 'host') !== '');
      assert.equal(d.status, '0');
      assert.ok(Number(field(d, 'ms')) >= 300 && Number(field(d, 'ms')) < 5000, `ms=${field(d, 'ms')}`);
      assert.equal(field(d, 'pipestatus'), '0');
      assertSigned(shell, c, pid);
      assertSigned(shell, d, pid);
      assert.equal(field(c, 'k'), field(d, 'k'));
      const second = await shell.run('pwd');
      assert.equal(field(second.start, 'n'), '2');
      assert.equal(field(second.start, 'cwd'), '/tmp');
      // A and B frame every prompt; nothing of them shows on screen.
      assert.ok(shell.records().filter((record) => record.kind === 'A').length >= 3);
      assert.doesNotMatch(shell.screen(), /\]133|133;/);
    });

    test('heavy line editing: the record is the text that ran, not the keys', async () => {
      const shell = await start(kind);
      // Each key once the editor shows the last one's effect: keys that arrive while it is still busy
      // (a loaded machine) may be read as text. On a timeout, the screen is in the message.
      const row = () => shell.screen().split('\n').find((text) => text.includes('echo')) ?? '';
      const cursor = () => Number(shell.server.tmux('display-message', '-p', '-t', shell.pane, '#{cursor_x}').trim());
      const until = async (what: string, test: () => boolean) => {
        try {
          await waitFor(what, test);
        } catch (error) {
          throw new Error(`${(error as Error).message}; the screen: ${JSON.stringify(shell.screen().trimEnd().split('\n').slice(-4))}`);
        }
      };
      shell.text('xx echo helo wrld');
      await until('the typed line', () => row().trimEnd().endsWith('xx echo helo wrld'));
      const column = row().indexOf('xx echo');
      shell.keys('C-a');
      await until('the cursor at the column of the line', () => cursor() === column);
      // Single-byte keys: a multi-byte one (Delete is ESC [ 3 ~) split by a loaded machine past zsh's
      // KEYTIMEOUT is read as ESC and text.
      for (const left of ['x echo helo wrld', ' echo helo wrld', 'echo helo wrld']) {
        shell.keys('C-d');
        await until(`'${left}' left`, () => row().slice(column).trimEnd() === left);
      }
      shell.keys('C-e');
      await until('the cursor at the end', () => cursor() === column + 'echo helo wrld'.length);
      for (const left of ['echo helo wrl', 'echo helo wr', 'echo helo w', 'echo helo ']) {
        shell.keys('BSpace');
        await until(`'${left}' left`, () => row().slice(column) === left || row().slice(column).trimEnd() === left.trimEnd());
      }
      shell.text('world');
      await until('the fixed word', () => row().slice(column).trimEnd() === 'echo helo world');
      shell.keys('C-a');
      await until('the cursor at the column again', () => cursor() === column);
      for (let i = 1; i <= 8; i++) {
        shell.keys('C-f');
        await until(`the cursor ${i} right`, () => cursor() === column + i);
      }
      shell.text('l');
      await until('the inserted l', () => row().slice(column).trimEnd() === 'echo hello world');
      shell.keys('Enter');
      const { start: c } = await shell.waitForCommand('1');
      assert.equal(field(c, 'cmdline_url'), 'echo hello world');
      await waitFor('the output', () => shell.screen().split('\n').includes('hello world'));
    });

    test('a multi-line command keeps its newline; bytes ESC, BEL, ;, %, UTF-8 survive', async () => {
      // fish has no quoted-insert and drops control characters from a paste: two keys insert them.
      const bindings = ['function fish_user_key_bindings', "  bind \\cx 'commandline -i \\e'", "  bind \\cy 'commandline -i \\a'", 'end'];
      const shell = await start(kind, kind === 'fish' ? { before: bindings } : {});
      const { start: c } = await shell.run(['echo "a;b%c', 'é ∑"']);
      assert.equal(field(c, 'cmdline_url'), 'echo "a;b%c\né ∑"');
      // A literal ESC and BEL in the line (quoted-insert; fish: the keys bound above).
      shell.text('echo x');
      if (kind === 'fish') shell.keys('C-x');
      else shell.keys('C-v', 'Escape');
      shell.text('y');
      if (kind === 'fish') shell.keys('C-y');
      else shell.keys('C-v', 'C-g');
      shell.text('z');
      shell.keys('Enter');
      const { start: bytes } = await shell.waitForCommand('2');
      assert.deepEqual(bytes.fields.get('cmdline_url'), Buffer.from('echo x\x1by\x07z', 'latin1'));
      // Only A-Z a-z 0-9 - . _ ~ / , : @ = are sent as they are.
      assert.match(bytes.body, /cmdline_url=echo%20x%1By%07z;/);
      assert.match(c.body, /cmdline_url=echo%20%22a%3Bb%25c%0A%C3%A9%20%E2%88%91%22;/);
    });

    test('a pipeline with mixed statuses; $? and pipe statuses stay the shell\'s', async () => {
      const shell = await start(kind);
      const three = kind === 'fish' ? "sh -c 'exit 3'" : '(exit 3)';
      const { end } = await shell.run(`false | true | ${three}`);
      assert.equal(end.status, '3');
      assert.equal(field(end, 'pipestatus'), '1,0,3');
      const echoed = kind === 'fish' ? 'echo "s=$status"' : 'echo "s=$?"';
      await shell.run(`false | true | ${three}`);
      await shell.run(echoed);
      await waitFor('$? after the hooks', () => shell.screen().split('\n').includes('s=3'));
    });

    test('^C at the prompt, or an empty line, starts no command', async () => {
      const shell = await start(kind);
      const pid = field((await shell.run('echo one')).start, 'pid');
      shell.text('echo never');
      await waitFor('the typed line', () => shell.screen().split('\n').some((row) => row.trimEnd().endsWith('echo never')));
      // Bash drops the line on ^C only if the SIGINT interrupts its wait for a key (readline 8.2,
      // input.c rl_getc: read fails with EINTR, then rl_signal_event_hook, where bash throws the line
      // away). A SIGINT that lands while readline is still busy with the keys before it, or that is
      // pending when its pselect finds the Enter already readable, is only noted (RL_CHECK_SIGNALS: ^C
      // echoed, the line kept), and the Enter then runs the line. On a loaded machine (a CI run) one
      // did: a real command n=2, recorded as it ran. Seen here with bash 5.2.15 by keeping bash off the
      // CPU while ^C and Enter reach the tty: `cho never` ran, status 127. So ^C only once bash sleeps
      // in that wait with the whole line shown, and Enter only once the ^C has drawn a new prompt.
      await shell.waitingForKey(pid);
      const interrupted = shell.printed();
      shell.keys('C-c');
      await shell.promptRedrawn(interrupted);
      const emptied = shell.printed();
      shell.keys('Enter');
      await shell.atPrompt(emptied);
      assert.deepEqual(
        shell.commands().map((record) => `${record.kind}${field(record, 'n')}`),
        ['C1', 'D1'],
        'no record for the line ^C dropped, nor for the empty line',
      );
      const { start: c } = await shell.run('echo two');
      assert.equal(field(c, 'n'), '2');
      assert.deepEqual(
        shell.commands().map((record) => `${record.kind}${field(record, 'n')}`),
        ['C1', 'D1', 'C2', 'D2'],
      );
      assert.ok(!shell.commands().some((record) => field(record, 'cmdline_url').includes('never')));
    });

    test('a nested shell has its own pid, nonce and option; the nonce is in no child\'s environment', async () => {
      const shell = await start(kind);
      const outer = await shell.run('echo outer');
      const outerPid = field(outer.start, 'pid');
      const k = field(outer.start, 'k');
      const envFile = path.join(shell.home, 'env.txt');
      const childFile = path.join(shell.home, 'child-set.txt');
      await shell.run(`env > ${envFile}; bash -c set > ${childFile}`);
      for (const file of [envFile, childFile]) {
        const text = fs.readFileSync(file, 'utf8');
        assert.ok(text.includes('TMUX_PANE='), `${file} was written`);
        assert.ok(!text.includes(k), `the nonce is not in ${file}`);
      }
      shell.text(kind);
      shell.keys('Enter');
      const isInner = (record: Osc133) => record.kind === 'C' && field(record, 'pid') !== outerPid;
      shell.text('echo inner');
      shell.keys('Enter');
      const inner = await waitFor('the nested shell\'s command', () => shell.records().find(isInner));
      const innerPid = field(inner, 'pid');
      assert.equal(field(inner, 'n'), '1');
      assert.notEqual(field(inner, 'k'), k);
      assertSigned(shell, inner, innerPid);
      await shell.waitForCommand('1', innerPid);
      shell.text('exit');
      shell.keys('Enter');
      // Back in the outer shell: its counter goes on, its nonce is the same, both options are there.
      const after = await shell.waitForCommand('3', outerPid);
      assert.equal(field(after.start, 'cmdline_url'), kind);
      assert.equal(field(after.start, 'k'), k);
      assertSigned(shell, after.start, outerPid);
      assertSigned(shell, inner, innerPid);
    });
  });
}

describe('bash specifics', () => {
  test('!! is recorded as it ran; a leading space with ignorespace is source=screen, without the line', async () => {
    const shell = await start('bash', { before: ['HISTCONTROL=ignorespace'] });
    await shell.run('echo "bang"');
    const { start: bang } = await shell.run('!!');
    assert.equal(field(bang, 'cmdline_url'), 'echo "bang"');
    const { start: hidden } = await shell.run(' echo secret-x');
    assert.equal(field(hidden, 'source'), 'screen');
    assert.ok(!hidden.fields.has('cmdline_url'), 'no cmdline_url key at all');
    assert.ok(!hidden.body.includes('secret'), 'nothing of the line');
    const { start: next } = await shell.run('echo next');
    assert.equal(field(next, 'cmdline_url'), 'echo next', 'the next line is from history again');
    const { start: ignored } = await shell.run('HISTIGNORE="echo ign*"; echo ign1');
    assert.equal(field(ignored, 'source'), 'history');
    const { start: matched } = await shell.run('echo ignored');
    assert.equal(field(matched, 'source'), 'screen', 'HISTIGNORE matched');
  });

  test('compound multi-line commands are as history keeps them (; without lithist, newlines with it)', async () => {
    const shell = await start('bash');
    const { start: joined } = await shell.run(['for i in 1 2', 'do echo $i', 'done']);
    assert.equal(field(joined, 'cmdline_url'), 'for i in 1 2; do echo $i; done');
    await shell.run('shopt -s lithist');
    const { start: literal } = await shell.run(['for i in 1 2', 'do echo $i', 'done']);
    assert.equal(field(literal, 'cmdline_url'), 'for i in 1 2\ndo echo $i\ndone');
  });

  test('sourced under set -eu, with an existing PROMPT_COMMAND string: it still runs and sees the command\'s $? and PIPESTATUS', async () => {
    const probe = 'probe.txt';
    const shell = await start('bash', {
      before: [
        'set -eu',
        `__probe() { echo "pc $? \${PIPESTATUS[*]}" >> ~/${probe}; }`,
        "PROMPT_COMMAND='__probe'",
        "PS1='[$?] \\$ '",
      ],
      // An interactive shell under set -e exits at the first failing command: the user's choice.
      after: ['set +e'],
    });
    await shell.run('true');
    const { end } = await shell.run(`false | (exit 4)`);
    assert.equal(end.status, '4');
    assert.equal(field(end, 'pipestatus'), '1,4');
    await waitFor('the prompt showing $?', () => /\[4\] [$#]/.test(shell.screen()));
    const lines = fs.readFileSync(path.join(shell.home, probe), 'utf8').trim().split('\n');
    // PIPESTATUS: bash lets no function give back more than one status (see the README).
    assert.equal(lines[lines.length - 1], 'pc 4 4');
    await shell.run('set -e; ! true');
    const { start: alive } = await shell.run('echo alive');
    assert.equal(field(alive, 'cmdline_url'), 'echo alive', 'a status of 1 handed on under set -e ends no shell');
    assert.doesNotMatch(shell.screen(), /unbound variable/);
  });

  test('an existing PROMPT_COMMAND array: both entries still run, with the command\'s $?', async () => {
    const shell = await start('bash', {
      before: ['__p1() { echo "one $?" >> ~/probe.txt; }', '__p2() { echo "two $?" >> ~/probe.txt; }', 'PROMPT_COMMAND=(__p1 __p2)'],
    });
    await shell.run('(exit 5)');
    const { start: c } = await shell.run('declare -p PROMPT_COMMAND');
    assert.equal(field(c, 'n'), '2');
    await waitFor('the array', () => shell.screen().includes('declare -a PROMPT_COMMAND=([0]="__tmux_audit_precmd" [1]="__p1" [2]="__p2")'));
    const lines = fs.readFileSync(path.join(shell.home, 'probe.txt'), 'utf8');
    assert.match(lines, /one 5\ntwo 5\n/);
  });

  test('exec bash: same pid, a new nonce, the option overwritten; sourcing twice adds nothing', async () => {
    const shell = await start('bash', { after: [`source '${SNIPPETS.bash}'`] });
    const first = await shell.run('echo before; declare -p PROMPT_COMMAND');
    const pid = field(first.start, 'pid');
    await waitFor('one hook', () => shell.screen().includes('declare -- PROMPT_COMMAND="__tmux_audit_precmd"'));
    const k1 = field(first.start, 'k');
    shell.text('exec bash');
    shell.keys('Enter');
    const again = await shell.waitForStart('2', pid);
    assert.equal(field(again, 'cmdline_url'), 'exec bash');
    shell.text('echo after');
    shell.keys('Enter');
    const isAfter = (record: Osc133) => field(record, 'cmdline_url') === 'echo after';
    const fresh = await waitFor('the new shell\'s first command', () => shell.records().find(isAfter));
    assert.equal(field(fresh, 'pid'), pid);
    assert.equal(field(fresh, 'n'), '1', 'a new shell counts from 1');
    assert.notEqual(field(fresh, 'k'), k1);
    assertSigned(shell, fresh, pid);
  });

  test('the line read back through /dev/shm leaves an empty file; without the directory it is captured instead', async () => {
    const shell = await start('bash', { env: { XDG_RUNTIME_DIR: null } });
    const { start: c } = await shell.run('echo "via file"');
    assert.equal(field(c, 'cmdline_url'), 'echo "via file"');
    const dir = `/dev/shm/tmux-audit-${process.getuid!()}`;
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    assert.equal(fs.statSync(path.join(dir, `cmd.${field(c, 'pid')}`)).size, 0, 'the line stays in no file');
    // No private directory (as where neither XDG_RUNTIME_DIR nor /dev/shm is there).
    const captured = await start('bash', { env: { XDG_RUNTIME_DIR: null }, after: ["__tmux_audit_file=''"] });
    const { start: c2 } = await captured.run('echo "via $(capture)"');
    assert.equal(field(c2, 'cmdline_url'), 'echo "via $(capture)"');
  });

  test('without tmux but with TERM=screen (ssh from a pane): records, unregistered; a plain terminal: none', async () => {
    const shell = await start('bash', { env: { TMUX: null, TMUX_PANE: null, TERM: 'screen' } });
    const { start: c } = await shell.run('echo over-ssh');
    assert.equal(field(c, 'cmdline_url'), 'echo over-ssh');
    assert.throws(() => shell.registered(field(c, 'pid')), 'no option without $TMUX');
    const plain = new ShellPane(shell.server, 'bash', { env: { TMUX: null, TMUX_PANE: null, TERM: 'xterm' } });
    plain.text('echo plain-marker');
    plain.keys('Enter');
    await waitFor('the plain shell ran it', () => plain.screen().split('\n').includes('plain-marker'));
    assert.deepEqual(plain.records(), []);
  });
});

describe('zsh specifics', () => {
  test('!! as it ran; a leading space with HIST_IGNORE_SPACE still gives the line', async () => {
    const shell = await start('zsh', { before: ['setopt hist_ignore_space nounset'] });
    await shell.run('echo "bang"');
    const { start: bang } = await shell.run('!!');
    assert.equal(field(bang, 'cmdline_url'), 'echo "bang"');
    const { start: spaced } = await shell.run(' echo   spaced');
    assert.equal(field(spaced, 'cmdline_url'), ' echo   spaced');
    assert.equal(field(spaced, 'source'), 'history');
  });
});
