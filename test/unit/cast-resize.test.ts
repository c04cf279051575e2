// Resizes in the raw stream (`@audit-cast on`): the cast writes asciicast v2
// `"r"` events when the pane's size changes (sinks/file/cast.ts), the watch
// asks tmux on output and holds that output until the answer, so the resize
// comes first (sinks/file/cast-size.ts), and export keeps them (read/rawcast.ts).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { rawCastParts, writeRawCast } from '../../src/read/rawcast.ts';
import { listLogs } from '../../src/read/files.ts';
import { CastFile, castPath, parseCastSize, type CastFileOptions } from '../../src/sinks/file/cast.ts';
import { CastSizeWatch, type AskSize, type SizedCast } from '../../src/sinks/file/cast-size.ts';
import { waitFor, withTempDir } from '../support/util.ts';

const START = Date.UTC(2026, 10, 24, 22, 0, 0);
const options: CastFileOptions = { maxBytes: 10 << 20, maxFiles: 1000, onError: (error) => assert.fail(error.message), onRecover: () => {}, onRotateError: (error) => assert.fail(error.message), onDropped: () => assert.fail('nothing dropped') };

/** A cast that records what it was told, in order. */
function recordingCast(): SizedCast & { said: string[] } {
  const said: string[] = [];
  return { said, push: (chunk, now) => void said.push(`o@${now}:${chunk.toString()}`), resize: (columns, rows, now) => void said.push(`r@${now}:${columns}x${rows}`) };
}

/** An AskSize whose answers the test gives. */
function manualAsk(): { ask: AskSize; asked: number; answer: (size?: { columns: number; rows: number }) => void } {
  const pending: ((size: { columns: number; rows: number } | undefined) => void)[] = [];
  const asker = {
    asked: 0,
    ask: (done: (size: { columns: number; rows: number } | undefined) => void) => {
      asker.asked++;
      pending.push(done);
    },
    answer: (size?: { columns: number; rows: number }) => pending.shift()!(size),
  };
  return asker;
}

describe('the cast file', () => {
  it('a resize event when the size changes, none when it does not; the header\'s size counts', () =>
    withTempDir('cast-resize', async (dir) => {
      const file = path.join(dir, 'main.AAAAAAAAAA.cast');
      const cast = new CastFile(file, { width: 80, height: 24, startMs: START }, options);
      cast.resize(80, 24, START + 100);
      cast.push(Buffer.from('a'), START + 200);
      cast.resize(100, 30, START + 1500);
      cast.resize(100, 30, START + 1600);
      cast.push(Buffer.from('b'), START + 1700);
      cast.end(START + 1800);
      cast.resize(120, 40, START + 1900); // after the end: nothing
      await cast.close();
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(1);
      assert.deepEqual(lines, ['[0.200000, "o", "a"]', '[1.500000, "r", "100x30"]', '[1.700000, "o", "b"]']);
    }));

  it('sizes read back: COLSxROWS only', () => {
    assert.deepEqual(parseCastSize('100x30'), { columns: 100, rows: 30 });
    for (const bad of ['0x30', '100x', 'x30', '100X30', ' 100x30', '100x30\u0085', 100, null, '123456x1']) assert.equal(parseCastSize(bad), undefined, String(bad));
  });

  it('export keeps the resizes, as written; a malformed one is left out, other events made inert', () =>
    withTempDir('cast-resize', (dir) => {
      const log = path.join(dir, 'main.log');
      fs.writeFileSync(log, '');
      fs.writeFileSync(
        castPath(log, 'AAAAAAAAAA'),
        ['{"version": 2, "width": 80, "height": 24}', '[0.1, "o", "a"]', '[0.2, "r", "100x30"]', '[0.3, "r", "\u009b2J"]', '[0.4, "m", "\u009b2J"]', ''].join('\n'),
      );
      const lines: string[] = [];
      assert.ok(writeRawCast(rawCastParts(listLogs(dir), 'AAAAAAAAAA')!, undefined, (line) => lines.push(line) > 0));
      assert.deepEqual(lines.slice(1), ['[0.100000, "o", "a"]\n', '[0.200000, "r", "100x30"]\n', '[0.4,"m","\\u009b2J"]\n']);
    }));
});

describe('the size watch', () => {
  const limits = { askMs: 500, holdMs: 60_000, holdBytes: 100 };

  it('output after a quiet spell asks; it waits for the answer, and the resize goes first', () => {
    const cast = recordingCast();
    const asker = manualAsk();
    const watch = new CastSizeWatch(cast, asker.ask, limits);
    watch.push(Buffer.from('redraw'), 1000);
    watch.push(Buffer.from('more'), 1001);
    assert.equal(asker.asked, 1);
    assert.deepEqual(cast.said, [], 'held for the answer');
    asker.answer({ columns: 100, rows: 30 });
    assert.deepEqual(cast.said, ['r@1000:100x30', 'o@1000:redraw', 'o@1001:more']);
    watch.push(Buffer.from('soon after'), 1200);
    assert.equal(asker.asked, 1, 'not asked again so soon');
    watch.push(Buffer.from('later'), 1600);
    assert.equal(asker.asked, 2);
    asker.answer(undefined); // tmux did not answer: the output goes on as it was
    assert.deepEqual(cast.said.slice(3), ['o@1200:soon after', 'o@1600:later']);
    watch.end();
  });

  it('what is held is a copy: the reader reuses its buffer', () => {
    const cast = recordingCast();
    const asker = manualAsk();
    const watch = new CastSizeWatch(cast, asker.ask, limits);
    const buffer = Buffer.from('first');
    watch.push(buffer, 1000);
    buffer.write('XXXXX');
    asker.answer({ columns: 80, rows: 24 });
    assert.deepEqual(cast.said, ['r@1000:80x24', 'o@1000:first']);
  });

  it('held at most so many bytes, and so long; a late answer goes in when it comes', async () => {
    const cast = recordingCast();
    const asker = manualAsk();
    const watch = new CastSizeWatch(cast, asker.ask, { askMs: 500, holdMs: 20, holdBytes: 10 });
    watch.push(Buffer.from('12345678'), 1000);
    watch.push(Buffer.from('90abcdef'), 1001);
    assert.deepEqual(cast.said, ['o@1000:12345678', 'o@1001:90abcdef'], 'too many bytes: let go');
    watch.push(Buffer.from('x'), 2000);
    await waitFor('the hold to time out', () => cast.said.length === 3, 5000);
    assert.equal(cast.said[2], 'o@2000:x');
    asker.answer({ columns: 90, rows: 20 });
    asker.answer({ columns: 91, rows: 20 });
    assert.match(cast.said[3]!, /^r@\d+:90x20$/);
    assert.ok(Number(/@(\d+)/.exec(cast.said[4]!)![1]) > 2000, 'stamped when it came');
  });

  it('output during a spell asks once more at its end: a resize whose redraw came too soon is still learnt', async () => {
    const cast = recordingCast();
    const asker = manualAsk();
    const watch = new CastSizeWatch(cast, asker.ask, { askMs: 30, holdMs: 60_000, holdBytes: 100 });
    const now = Date.now();
    watch.push(Buffer.from('prompt'), now);
    asker.answer({ columns: 80, rows: 24 });
    watch.push(Buffer.from('redraw'), now + 1);
    watch.push(Buffer.from('more'), now + 2);
    await waitFor('the question at the end of the spell', () => asker.asked === 2, 5000);
    asker.answer({ columns: 100, rows: 30 });
    assert.deepEqual(cast.said.slice(0, 4), ['r@' + now + ':80x24', `o@${now}:prompt`, `o@${now + 1}:redraw`, `o@${now + 2}:more`]);
    assert.match(cast.said[4]!, /^r@\d+:100x30$/);
    watch.end();
  });

  it('sizes the screen model learnt go in too, before what is held; the end lets everything go', () => {
    const cast = recordingCast();
    const asker = manualAsk();
    const watch = new CastSizeWatch(cast, asker.ask, limits);
    watch.learnt({ columns: 132, rows: 43 }, 500);
    watch.push(Buffer.from('held'), 1000);
    watch.learnt({ columns: 100, rows: 30 }, 1005);
    watch.end();
    watch.push(Buffer.from('after the end'), 1010);
    assert.deepEqual(cast.said, ['r@500:132x43', 'r@1000:100x30', 'o@1000:held', 'o@1010:after the end']);
  });
});
