// prefix + M-a (@audit-save-key) pressed in a real client: the pane's
// complete history, cleaned, in a new 0600 file beside the logs, and the
// message line says where. Works whether or not the pane is logged.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { parseLine } from '../../src/format/text.ts';
import { cliResult } from '../support/cli.ts';
import { attachClient, serversForThisFile } from '../support/tmux.ts';
import { makeTempDir, uniqueMarker, waitFor } from '../support/util.ts';

const server = serversForThisFile();

/**
 * The key's message is information: it shows for display-time (750 ms by default), and the test reads the client's
 * screen every 25 ms, a capture-pane each. A test process stalled that long on a shared machine read a screen the
 * message had already left (a scratch run stalled 1.5 s after the key: timed out). Longer here; the message must
 * still be on the screen.
 */
const MESSAGE_SHOWN = ['set -g display-time 3000'];

describe('save history key', () => {
  it('saves scrollback and screen, cleaned, 0600, named in the message line', async () => {
    const tmux = server({ config: MESSAGE_SHOWN });
    const first = uniqueMarker('early');
    // Far more lines than the screen holds: the first is in the scrollback only.
    tmux.type(`echo ${first}; seq 1 200; printf 'bidi \\342\\200\\256evil\\n'`);
    await waitFor('the output', () => tmux.screen().includes('bidi '));
    const terminal = await attachClient(tmux);
    try {
      terminal.press('C-b', 'M-a');
      const said = await waitFor('the message', () => /tmux-audit: saved (\d+) lines of %0 → (\S+)/.exec(terminal.screenText()) ?? undefined);
      const saved = fs.readdirSync(tmux.logDir).filter((name) => name.endsWith('.history.txt'));
      assert.equal(saved.length, 1);
      const file = `${tmux.logDir}/${saved[0]}`;
      // The message line is as wide as the client: it shows the path's start.
      assert.ok(file.startsWith(said[2]!), 'the message names the file');
      assert.match(file, /\.pane0\.\d{8}T\d{6}Z\.history\.txt$/);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const text = fs.readFileSync(file, 'utf8');
      const rows = text.split('\n');
      assert.match(rows[0]!, /^# tmux-audit: history of main:0\.0 \(%0\) captured \S+ by \S+, \d+ lines$/);
      assert.equal(rows[0]!.endsWith(`, ${said[1]} lines`), true);
      assert.ok(rows.includes(first), 'the scrollback is there');
      assert.ok(rows.includes('200'));
      assert.ok(rows.includes('bidi \\u202eevil'), 'a bidi control is made visible, not obeyed');
      assert.ok(!text.includes('\u202e'));
    } finally {
      terminal.kill();
    }
  });
});

describe('save history key with redaction on (the default)', () => {
  it('the saved file holds no secret the log would hide: a token, a PEM key printed by cat', async () => {
    const tmux = server({ config: MESSAGE_SHOWN });
    const token = 'ghp_R2d2C3poBb8Ewok1Yoda9Luke0Leia7Han5Xy';
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const keyDir = makeTempDir('tmux-audit-key');
    const key = `${keyDir}/key.pem`;
    fs.writeFileSync(key, ['-----BEGIN PRIVATE KEY-----', body, body, body, '-----END PRIVATE KEY-----', ''].join('\n'));
    try {
      // The token printed, not typed: the command line holds no whole one.
      tmux.type(`printf 'token %s%s\\n' ${token.slice(0, 20)} ${token.slice(20)}; cat ${key}; echo after-key`);
      await waitFor('the output', () => tmux.screen().includes('\nafter-key'));
      const terminal = await attachClient(tmux);
      try {
        terminal.press('C-b', 'M-a');
        const said = await waitFor('the message', () => /tmux-audit: saved \d+ lines of %0.*/.exec(terminal.screenText())?.[0]);
        assert.match(said, / \(2 secrets redacted\) → /);
        const file = `${tmux.logDir}/${fs.readdirSync(tmux.logDir).find((name) => name.endsWith('.history.txt'))}`;
        const text = await waitFor('the file written', () => fs.readFileSync(file, 'utf8') || undefined);
        assert.ok(!text.includes(token) && !text.includes(body), text);
        const rows = text.split('\n');
        assert.ok(rows.includes('token [REDACTED:github-token]'), text);
        assert.ok(rows.includes('[REDACTED:pem-private-key]'), text);
        assert.ok(rows.includes('after-key'));
        assert.match(rows[0]!, /, \d+ lines, 2 secrets redacted$/);
      } finally {
        terminal.kill();
      }
    } finally {
      fs.rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

describe('@audit-history at a start by hand', () => {
  it('what the pane already showed comes first, as a history block; a forged line stays a row', async () => {
    const tmux = server({ config: ['set -g @audit-history on', 'set -g @audit-history-lines 50'] });
    const early = uniqueMarker('before-logging');
    const forged = '2026-01-01T00:00:00.000+00:00 root main:0.0 * stop rec=forged reason=toggle';
    tmux.type(`clear; echo ${early}; seq 1 100; echo '${forged}'`);
    await waitFor('the output', () => tmux.screen().includes('reason=toggle\n'));
    const { recording } = await tmux.startLogging();
    const printed = uniqueMarker('after');
    await tmux.run(`echo ${printed}`);
    const lines = tmux.readLog().split('\n').filter(Boolean);
    assert.match(lines[0]!, new RegExp(`\\* start rec=${recording} `));
    const history = /\* history rec=\S+ captured=(\S+) lines=(\d+)$/.exec(lines[1]!);
    assert.ok(history, lines[1]);
    const count = Number(history[2]);
    const rows = lines.slice(2, 2 + count).map((line) => line.slice(line.indexOf(' < ') + 3));
    assert.ok(lines.slice(2, 2 + count).every((line) => / main:0\.0 < /.test(line)), 'every row has the history mark, not a screen row\'s');
    assert.ok(lines.slice(2, 2 + count).every((line) => parseLine(line)?.kind === 'history'), 'read back as history rows');
    const json = cliResult(['grep', '--dir', tmux.logDir, '--json']);
    assert.equal(json.status, 0, json.stdout + json.stderr);
    const kinds = json.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { kind: string }).kind);
    assert.equal(kinds.filter((kind) => kind === 'history').length, count, 'reading as JSON: each row is of kind history');
    const verified = cliResult(['verify', '--dir', tmux.logDir]);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.equal(rows[rows.length - 1], forged, 'the last row above the prompt: the forged line, as text');
    assert.ok(!rows.includes(early), 'scrollback beyond 50 lines is not taken');
    assert.ok(rows.includes('100') && rows.includes('40'), 'screen and scrollback up to the limit');
    assert.equal(lines.filter((line) => parseLine(line)?.kind === 'event' && parseLine(line)?.text === 'stop').length, 0, 'no stop event came from the row');
    assert.ok(tmux.loggedText().some((text) => text.includes(`echo ${printed}`)), 'the prompt line (the seed) and the command typed after the start are printed lines');
  });

  it('off: no history', async () => {
    const tmux = server({ config: ['set -g @audit-history off'] });
    tmux.type('echo shown-before');
    await waitFor('the output', () => tmux.screen().includes('shown-before\n'));
    await tmux.startLogging();
    await tmux.run('true');
    assert.ok(!tmux.readLog().includes('* history'));
  });
});
