// Whether a reading command may skip asking tmux for its options: only when no
// socket is where tmux would look (tmux.c:497-512, make_label).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { defaultSockets, noServerCanAnswer } from '../../src/tmux/default-socket.ts';
import { withTempDir } from '../support/util.ts';

describe('whether a tmux server could answer', () => {
  it('$TMUX names the socket: tmux is always asked', () => {
    assert.equal(defaultSockets({ TMUX: '/tmp/tmux-0/x,123,0' }, 0), undefined);
    assert.equal(noServerCanAnswer({ TMUX: '/tmp/tmux-0/x,123,0' }, 0, () => false), false);
  });

  it('without $TMUX (or empty, or starting with a comma): the default socket in $TMUX_TMPDIR and in /tmp', () => {
    for (const TMUX of [undefined, '', ',1,2']) {
      assert.deepEqual(defaultSockets({ TMUX, TMUX_TMPDIR: '/run/t' }, 1000), ['/run/t/tmux-1000/default', '/tmp/tmux-1000/default']);
      assert.deepEqual(defaultSockets({ TMUX }, 1000), ['/tmp/tmux-1000/default']);
    }
    assert.equal(noServerCanAnswer({}, 1000, () => false), true);
    assert.equal(noServerCanAnswer({ TMUX_TMPDIR: '/run/t' }, 1000, (file) => file === '/run/t/tmux-1000/default'), false);
    assert.equal(noServerCanAnswer({ TMUX_TMPDIR: '/run/t' }, 1000, (file) => file === '/tmp/tmux-1000/default'), false);
  });

  it('a socket, a stale one or anything else in its place means ask; nothing there means no server', () =>
    withTempDir('default-socket', async (dir) => {
      const uid = 4242;
      fs.mkdirSync(path.join(dir, `tmux-${uid}`), { mode: 0o700 });
      const env = { TMUX_TMPDIR: dir };
      // /tmp/tmux-4242/default is not expected to exist on a test machine; if it does, the answer is false either way.
      const tmpHasOne = fs.existsSync(`/tmp/tmux-${uid}/default`);
      assert.equal(noServerCanAnswer(env, uid), !tmpHasOne);
      const socket = path.join(dir, `tmux-${uid}`, 'default');
      const server = net.createServer().listen(socket);
      await new Promise((resolve) => server.once('listening', resolve));
      assert.equal(noServerCanAnswer(env, uid), false);
      await new Promise((resolve) => server.close(resolve));
      fs.symlinkSync('/nonexistent', socket);
      assert.equal(noServerCanAnswer(env, uid), false, 'a dangling link is something: tmux decides');
    }));
});
