// Auto-start's pure decisions (src/core/auto.ts): the option's words, which
// panes a load starts, and the hook command's quoting (its run through real
// tmux and sh is in test/e2e/auto.test.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoHookCommand, autoOn, autoPipeCommand, panesToStart, type PaneRow } from '../../src/core/auto.ts';
import { shadowUnsetsText } from '../../src/core/shadows.ts';

const row = (paneId: string, facts: Partial<PaneRow> = {}): PaneRow & { runFile: string } => ({
  paneId,
  recording: '',
  offBy: '',
  piped: false,
  dead: false,
  runFile: '',
  ...facts,
});

describe('@audit-auto', () => {
  it('is on for on, yes, 1, true (any case), off otherwise and by default', () => {
    for (const value of ['on', 'ON', 'yes', '1', 'true', ' on ']) assert.equal(autoOn(value), true, value);
    for (const value of ['', 'off', '0', 'no', 'onn', 'o n']) assert.equal(autoOn(value), false, value);
  });
});

describe('panes a load starts', () => {
  it('skips the dead, the stopped by hand, the living, and pipes not ours; restarts a lost recording', () => {
    const rows = [
      row('%0'),
      row('%1', { dead: true }),
      row('%2', { offBy: 'ann' }),
      row('%3', { recording: 'r3', piped: true }),
      row('%4', { piped: true }),
      row('%5', { recording: 'r5', piped: true }),
      row('%6', { recording: 'r6' }),
    ];
    const living = new Set(['r3']);
    assert.deepEqual(
      panesToStart(rows, (each) => living.has(each.recording)),
      ['%0', '%5', '%6'],
    );
  });
});

describe('the hook command', () => {
  it('names only the pane by format; every fixed part is kept from tmux and sh', () => {
    const command = autoPipeCommand("/opt/n'ode #{x} %H", '/p/#[fg=red]/dist/audit.cjs', '/tmp/s;ock');
    assert.equal(command.match(/#\{pane_id\}/g)?.length, 2);
    assert.ok(!/[^#]#\{x\}/.test(command), 'a # of the path is doubled');
    assert.ok(command.includes('%%H'), 'a % of the path is doubled');
    assert.ok(command.includes(`##''[fg=red]`), 'a style opener is split for format_expand');
    assert.ok(command.includes(`'/tmp/s;ock'`));
    const hook = autoHookCommand('/n', '/b', '/s');
    // Copies of the marks a format would find first are removed before the check (core/shadows.ts).
    const unsets = `${shadowUnsetsText('')} ; `;
    assert.ok(hook.startsWith(unsets), hook);
    assert.match(hook.slice(unsets.length), /^if-shell -F '#\{&&:#\{==:#\{@audit_on\},\},#\{==:#\{@audit_off_by\},\}\}' 'pipe-pane /);
  });
});
