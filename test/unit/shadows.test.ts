// Copies of the plugin's pane marks set elsewhere than on a pane (src/core/shadows.ts): which commands remove them,
// and how a toggle tells the server's from tmux's answer.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PANE_OPTIONS } from '../../src/core/options.ts';
import { PANE_ONLY_OPTIONS, serverCopies, shadowUnsets } from '../../src/core/shadows.ts';

/** The commands of an argument list, split at its `;` words. */
function commands(args: readonly string[]): string[] {
  return args.join(' ').split(' ; ');
}

describe('copies of the pane marks', () => {
  it('are removed at the server and globally; for a target, its session\'s and window\'s only if it exists; never the pane\'s own', () => {
    const of = (flags: string[]): string[] => flags.flatMap((each) => PANE_ONLY_OPTIONS.map((option) => `set-option ${each} ${option}`));
    assert.deepEqual(commands(shadowUnsets(undefined, 'server')), of(['-su']));
    assert.deepEqual(commands(shadowUnsets('%3', 'server')), of(['-su']));
    assert.deepEqual(commands(shadowUnsets()), of(['-su', '-gu', '-wgu']));
    assert.deepEqual(commands(shadowUnsets('')), of(['-su', '-gu', '-wgu', '-u', '-wu']));
    const targeted = shadowUnsets('$1');
    const at = targeted.indexOf('if-shell');
    assert.deepEqual(commands(targeted.slice(0, at - 1)), of(['-su', '-gu', '-wgu']));
    // In a branch that runs only for a target there is: set-option fails for one there is not, and the list with it.
    assert.deepEqual(targeted.slice(at, at + 5), ['if-shell', '-F', '-t', '$1', '#{pane_id}']);
    assert.equal(targeted.length, at + 6);
    assert.equal(targeted[at + 5], of(["-u -t '$1'", "-wu -t '$1'"]).map((command) => command.split(' ').map((word) => (word.startsWith("'") ? word : `'${word}'`)).join(' ')).join(' ; '));
    for (const command of [...commands(shadowUnsets('')), targeted[at + 5]!]) assert.doesNotMatch(command, / '?-[a-z]*p/, 'a pane\'s own is the plugin\'s');
  });

  it('leave out the window\'s typist, the server\'s stop marks and the global hint, which are set there', () => {
    for (const name of [PANE_OPTIONS.typist, PANE_OPTIONS.stopMark, PANE_OPTIONS.shellHinted]) assert.ok(!(PANE_ONLY_OPTIONS as readonly string[]).includes(name), name);
  });

  it('at the server are the leading lines of tmux\'s answer only', () => {
    assert.deepEqual(serverCopies("@audit_on x\n@audit_piped_by ''\n%0\x1f1\n"), { copies: ['@audit_on x', "@audit_piped_by ''"], rest: '%0\x1f1\n' });
    // A later line that looks like one (a field holding a newline) is the rest's.
    assert.deepEqual(serverCopies('%0 a\n@audit_on x\n'), { copies: [], rest: '%0 a\n@audit_on x\n' });
    // A prefix of another name is no copy: @audit_on_x is not @audit_on.
    assert.deepEqual(serverCopies('@audit_onx y\nstopped\n'), { copies: [], rest: '@audit_onx y\nstopped\n' });
    assert.deepEqual(serverCopies('@audit_run /r\n'), { copies: ['@audit_run /r'], rest: '' });
  });
});
