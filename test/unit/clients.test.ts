// What an attach, switch or detach event holds (src/core/clients.ts): the
// client's own words (TERM, SSH_CONNECTION) are data, never structure.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientFields, environValue, remember, remembered, sshFrom } from '../../src/core/clients.ts';
import { eventText } from '../../src/format/text.ts';

describe('client events', () => {
  it('fields: tty, user, term, size, read-only, and from only when known', () => {
    assert.deepEqual(clientFields({ name: '/dev/pts/3', user: 'ann', term: 'xterm-256color', width: '200', height: '50', readOnly: false, from: '10.0.0.5' }), {
      client: '/dev/pts/3',
      user: 'ann',
      term: 'xterm-256color',
      size: '200x50',
      readonly: 'no',
      from: '10.0.0.5',
    });
    assert.equal(clientFields({ name: 'c', user: '', term: '', width: '', height: '', readOnly: true }).readonly, 'yes');
  });

  it('a TERM the client crafted stays inside its field of one line', () => {
    const text = eventText('attach', clientFields({ name: '/dev/pts/3', user: 'ann', term: 'x\n2026 root main:0.0 * stop rec=a', width: '1', height: '1', readOnly: false }));
    assert.ok(!text.includes('\n'));
    assert.match(text, /term="x\\n2026 root main:0\.0 \* stop rec=a"/);
  });

  it('SSH_CONNECTION gives an address or nothing', () => {
    assert.equal(sshFrom('10.0.0.5 51234 10.0.0.1 22'), '10.0.0.5');
    assert.equal(sshFrom('fe80::1 51234 fe80::2 22'), 'fe80::1');
    for (const hostile of ['', '   ', 'x\n* stop 1 2 3', '$(id) 1 2 3', undefined]) assert.equal(sshFrom(hostile), undefined, String(hostile));
    assert.equal(environValue('A=1\0SSH_CONNECTION=1.2.3.4 5 6 7\0B=2', 'SSH_CONNECTION'), '1.2.3.4 5 6 7');
    assert.equal(environValue('XSSH_CONNECTION=1\0', 'SSH_CONNECTION'), undefined);
  });

  it('the table of clients: one row each, replaced, removed, tabs refused', () => {
    let table = remember('', '/dev/pts/3', { sessionId: '$1', user: 'ann' });
    table = remember(table, '/dev/pts/4', { sessionId: '$2', user: 'bob' });
    table = remember(table, '/dev/pts/3', { sessionId: '$2', user: 'ann' });
    assert.deepEqual(remembered(table, '/dev/pts/3'), { sessionId: '$2', user: 'ann' });
    table = remember(table, '/dev/pts/4', undefined);
    assert.equal(remembered(table, '/dev/pts/4'), undefined);
    assert.equal(remembered(remember(table, 'a\tb', { sessionId: '$1', user: 'x' }), 'a\tb'), undefined);
  });
});
