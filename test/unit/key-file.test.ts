// A chain key others can read or write is said: they could reseal an edited log.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { keyFileWarning } from '../../src/chain/key-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tmux-audit-key-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the chain key file', () => {
  it('0600: nothing to say; readable or writable by others: said', () => {
    const key = path.join(dir, 'key');
    fs.writeFileSync(key, 'a secret', { mode: 0o600 });
    fs.chmodSync(key, 0o600);
    assert.equal(keyFileWarning(key), undefined);
    fs.chmodSync(key, 0o644);
    assert.match(keyFileWarning(key)!, /is readable by others \(mode 0644\)/);
    fs.chmodSync(key, 0o622);
    assert.match(keyFileWarning(key)!, /is writable by others \(mode 0622\)/);
    assert.equal(keyFileWarning(path.join(dir, 'none')), undefined);
  });
});
