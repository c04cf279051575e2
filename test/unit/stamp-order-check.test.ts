// The e2e suite's stamp-order check (test/support/log.ts stampsOutOfOrder) is itself tested: a check that read
// nothing would pass every log. It must name a pane's record stamped before the one before it, in the text
// format and in JSON Lines (`@audit-format json`), and leave other panes' interleaved records alone.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { stampsOutOfOrder } from '../support/log.ts';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function logDir(lines: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-stamp-check-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'main.log'), `${lines.join('\n')}\n`);
  return dir;
}

const json = (time: string, pane: string, text: string): string =>
  JSON.stringify({ time, user: 'ann', host: 'h', server: '/tmp/s', session: 'main', window: '0', pane, paneId: `%${pane}`, rec: 'r1', seq: 1, kind: 'line', text });

describe('the stamp-order check', () => {
  it('names a text line stamped before the line of its pane before it', () => {
    const dir = logDir([
      '2026-11-27T01:00:00.005+00:00 ann main:0.0 | one',
      '2026-11-27T01:00:00.001+00:00 ann main:0.1 | other pane, earlier: fine',
      '2026-11-27T01:00:00.004+00:00 ann main:0.0 | two',
    ]);
    const problems = stampsOutOfOrder(dir);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /main\.log:3 \(main:0\.0\) is stamped before .*main\.log:1/);
  });

  it('names a JSON Lines record stamped before the record of its pane before it', () => {
    const dir = logDir([
      json('2026-11-27T01:00:00.005+00:00', '0', 'one'),
      json('2026-11-27T01:00:00.001+00:00', '1', 'other pane, earlier: fine'),
      json('2026-11-27T01:00:00.004+00:00', '0', 'two'),
    ]);
    const problems = stampsOutOfOrder(dir);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /main\.log:3 \(main:0\.0\) is stamped before .*main\.log:1/);
  });

  it('passes records in order in both formats', () => {
    assert.deepEqual(stampsOutOfOrder(logDir([json('2026-11-27T01:00:00.001+00:00', '0', 'a'), json('2026-11-27T01:00:00.001+00:00', '0', 'b'), json('2026-11-27T01:00:01.000+00:00', '0', 'c')])), []);
    assert.deepEqual(stampsOutOfOrder(logDir(['2026-11-27T01:00:00.001+00:00 ann main:0.0 | a', '2026-11-27T01:00:00.002+00:00 ann main:0.0 * stop reason=toggle'])), []);
  });
});
