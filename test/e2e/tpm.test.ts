// Installs the plugin the way a user does: through Debian's packaged TPM
// (tmux-plugin-manager), from a git URL, into ~/.tmux/plugins, then presses the
// key in a real client. What gets installed is this working tree as it is now
// (tracked and untracked-not-ignored files, dist/ included), committed into a
// scratch repository named tmux-audit, because TPM names a plugin after the
// last part of its URL.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readIfThere, stampedLine, waitForLine } from '../support/log.ts';
import { ROOT } from '../support/paths.ts';
import { running } from '../support/process.ts';
import { attachClient, type OuterTerminal } from '../support/tmux.ts';
import { escapeRegExp, makeTempDir, uniqueMarker, waitFor } from '../support/util.ts';

const TPM_DIR = '/usr/share/tmux-plugin-manager';
const TPM = path.join(TPM_DIR, 'tpm');
const INSTALL_PLUGINS = path.join(TPM_DIR, 'bin', 'install_plugins');

// Without TPM there is nothing to test, except under CI, where its absence is a failure.
const skip = !fs.existsSync(TPM) && !process.env.CI
  ? `Debian's TPM is not installed (${TPM} missing; apt-get install tmux-plugin-manager)`
  : false;

/** Copies the working tree's files (tracked, and untracked but not ignored) into `target`, modes kept. */
function copyWorkingTree(target: string): string[] {
  const files = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const copied: string[] = [];
  for (const file of new Set(files)) {
    const from = path.join(ROOT, file);
    const to = path.join(target, file);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(from);
    } catch {
      continue; // tracked but deleted in the working tree
    }
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (stat.isFile()) {
      fs.copyFileSync(from, to);
      fs.chmodSync(to, stat.mode & 0o777);
    } else continue;
    copied.push(file);
  }
  return copied;
}

test("installed through Debian's TPM from a git URL, the plugin works in a real client", { skip }, async () => {
  assert.ok(fs.existsSync(TPM), `TPM must be installed under CI: ${TPM} is missing`);

  const tmp = fs.realpathSync(makeTempDir('tmux-audit-tpm'));
  const home = path.join(tmp, 'home');
  const tmuxTmp = path.join(tmp, 'tmux');
  const logDir = path.join(tmp, 'logs');
  const source = path.join(tmp, 'src', 'tmux-audit');
  for (const dir of [home, tmuxTmp, source]) fs.mkdirSync(dir, { recursive: true });

  // TPM, the plugin and the client all call plain `tmux`: with this TMUX_TMPDIR
  // its default socket is this test's own server.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    TMUX_TMPDIR: tmuxTmp,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'tmux-audit test',
    GIT_AUTHOR_EMAIL: 'tmux-audit-test@example.invalid',
    GIT_COMMITTER_NAME: 'tmux-audit test',
    GIT_COMMITTER_EMAIL: 'tmux-audit-test@example.invalid',
  };
  delete env.TMUX;
  delete env.TMUX_PANE;
  const run = (file: string, args: string[], cwd?: string): string =>
    execFileSync(file, args, { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tmux = (...args: string[]): string => run('tmux', args);
  const show = (format: string, target = '%0'): string =>
    tmux('display-message', '-p', '-t', target, format).replace(/\n$/, '');

  let serverStarted = false;
  let terminal: OuterTerminal | undefined;
  try {
    // The plugin's source: this working tree, as a git repository named tmux-audit.
    const copied = copyWorkingTree(source);
    assert.ok(copied.includes('audit.tmux') && copied.includes('dist/audit.cjs'), `copied: ${copied.join(' ')}`);
    run('git', ['-c', 'init.defaultBranch=main', 'init', '-q'], source);
    run('git', ['add', '-A'], source);
    run('git', ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', 'working tree under test'], source);
    const sourceHead = run('git', ['rev-parse', 'HEAD'], source).trim();

    fs.writeFileSync(
      path.join(home, '.tmux.conf'),
      [
        `set -g @plugin 'file://${source}'`,
        `set -g @audit-dir '${logDir}'`,
        "set -g status-right '[#{audit_status}]'",
        // The start message is information, shown for display-time (750 ms by default) while the test reads the
        // client's screen a capture-pane at a time: a test process stalled that long missed it. Longer here.
        'set -g display-time 3000',
        `run '${TPM}'`,
        '',
      ].join('\n'),
    );

    tmux('new-session', '-d', '-x', '120', '-y', '30');
    serverStarted = true;
    const socket = show('#{socket_path}');
    assert.equal(socket, path.join(tmuxTmp, `tmux-${os.userInfo().uid}`, 'default'), 'the server is on the test-only default socket');

    const installed = run(INSTALL_PLUGINS, []);
    assert.match(installed, /"tmux-audit" download success/, `install_plugins said:\n${installed}`);
    tmux('source-file', path.join(home, '.tmux.conf'));

    // Where Debian's TPM puts plugins, and what it put there.
    const pluginsPath = tmux('show-environment', '-g', 'TMUX_PLUGIN_MANAGER_PATH').trim();
    assert.equal(pluginsPath, `TMUX_PLUGIN_MANAGER_PATH=${home}/.tmux/plugins/`);
    const pluginDir = path.join(home, '.tmux', 'plugins', 'tmux-audit');
    assert.ok(fs.statSync(path.join(pluginDir, 'audit.tmux')).isFile(), 'audit.tmux installed');
    assert.equal(run('git', ['rev-parse', 'HEAD'], pluginDir).trim(), sourceHead, 'the installed plugin is the working tree under test');

    // The key binding runs the helper of the installed copy (global helper options may precede `toggle`).
    const helper = path.join(pluginDir, 'dist', 'audit.cjs');
    const binding = await waitFor('prefix + A bound', () => {
      try {
        return tmux('list-keys', '-T', 'prefix', 'A').trim();
      } catch {
        return undefined;
      }
    });
    assert.match(
      binding,
      new RegExp(
        `^bind-key\\s+-T\\s+prefix\\s+A\\s+run-shell -b "'[^']*node[^']*' '${escapeRegExp(helper)}'(?: [^ ']+)* toggle --pane '#\\{pane_id\\}' --client '#\\{client_name\\}'"$`,
      ),
    );

    // The placeholder was filled.
    const statusRight = tmux('show-option', '-gv', 'status-right').trim();
    assert.ok(!statusRight.includes('#{audit_status}'), `status-right still has the placeholder: ${statusRight}`);
    assert.equal(show('#{T:status-right}'), '[]', 'off: the segment is empty');

    // A real client (on the default socket of this TMUX_TMPDIR, no -L), in a pane of a server of its own, so keys can be pressed in it.
    const client = (terminal = await attachClient({ clientOf: () => ({ tmpDir: tmuxTmp, home }), tmux }));
    await waitFor('the status line on the client screen', () => /\[\]\s*$/.test(client.statusRow()));

    const user = os.userInfo().username;
    client.press('C-b', 'A');
    await waitFor('● REC in the status', () => show('#{T:status-right}').includes('● REC'), 3000);
    await waitFor('the start message on screen', () => client.screenText().includes('tmux-audit: logging %0 → '), 3000);

    const session = show('#{session_name}');
    const logFile = path.join(logDir, `${session}.log`);
    const readLog = (): string => readIfThere(logFile);
    const start = await waitForLine('a start event', readLog, / \* start /);
    assert.match(start, stampedLine(`${session}:0.0`, '*', `start rec=\\S+ by=${escapeRegExp(user)} pane=%0\\b.*`));

    const marker = uniqueMarker('tpm-works');
    client.typeText(`echo ${marker}`);
    client.press('Enter');
    const printed = await waitForLine('the printed marker in the log', readLog, (line) => line.endsWith(` | ${marker}`));
    assert.match(printed, stampedLine(`${session}:0.0`, '|', escapeRegExp(marker)));
    assert.equal(fs.statSync(logFile).mode & 0o777, 0o600, 'log file mode');
    assert.equal(fs.statSync(logDir).mode & 0o777, 0o700, 'log dir mode');

    // Off again, so no reader is left writing while the directory goes.
    client.press('C-b', 'A');
    await waitFor('a stop event', () => / \* stop rec=\S+ reason=toggle by=/.test(readLog()));
    await waitFor('● REC gone', () => !show('#{T:status-right}').includes('● REC'), 3000);
  } finally {
    terminal?.kill();
    if (serverStarted) {
      let pids: number[] = [];
      try {
        pids = tmux('list-panes', '-a', '-F', '#{pane_pid}').split(/\s+/).filter(Boolean).map(Number);
        tmux('kill-server');
      } catch {
        // already gone
      }
      // The panes' shells write ~/.bash_history as they exit.
      await waitFor('the panes to exit', () => !pids.some(running), 5000).catch(() => undefined);
    }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
});
