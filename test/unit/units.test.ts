// Pure parts: option parsing, rotation decisions, file names, the status format.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseSize, resolveOptions, type RawOptions } from '../../src/core/options.ts';
import { DEFAULT_TIME_FORMAT } from '../../src/format/text.ts';
import { sessionLogPath, sessionStem } from '../../src/core/paths.ts';
import { filesToPrune, needsRotation, rotatedFiles, rotatedName } from '../../src/core/rotate.ts';
import { escapeBranch, statusSegment } from '../../src/core/status.ts';
import { ByteQueue } from '../../src/sinks/file/queue.ts';

const none: RawOptions = { dir: '', timeFormat: '', maxSize: '', maxFiles: '', rotate: '', maxAge: '', compress: '', chainKey: '', format: '', cast: '', history: '', historyLines: '' };
const env = { HOME: '/home/ann' };

describe('sizes', () => {
  const cases: [string, number | undefined][] = [
    ['10M', 10 * 1024 ** 2], ['512k', 512 * 1024], ['1G', 1024 ** 3], ['4096', 4096], ['10MiB', 10 * 1024 ** 2],
    ['1.5M', 1.5 * 1024 ** 2], [' 2 K ', 2048], ['256KB', 256 * 1024],
    ['', undefined], ['0', undefined], ['ten', undefined], ['10X', undefined], ['-1M', undefined], ['1T', undefined],
  ];
  for (const [text, bytes] of cases) it(`'${text}' → ${bytes}`, () => assert.equal(parseSize(text), bytes));
});

describe('options', () => {
  it('defaults', () => {
    assert.deepEqual(resolveOptions(none, env), {
      options: { dir: '/home/ann/.local/state/tmux-audit', timeFormat: DEFAULT_TIME_FORMAT, maxBytes: 10 * 1024 ** 2, maxFiles: 20, rotate: 'both', maxAgeMs: Number.POSITIVE_INFINITY, compress: true, chainKey: '', format: 'text', cast: false, history: true, historyLines: 1000, redact: true, redactPatterns: '' },
      warnings: [],
    });
  });
  it('XDG_STATE_HOME is honoured when absolute', () => {
    assert.equal(resolveOptions(none, { ...env, XDG_STATE_HOME: '/x/state' }).options.dir, '/x/state/tmux-audit');
    assert.equal(resolveOptions(none, { ...env, XDG_STATE_HOME: 'rel' }).options.dir, '/home/ann/.local/state/tmux-audit');
  });
  it('~ expands to HOME', () => {
    assert.equal(resolveOptions({ ...none, dir: '~/logs' }, env).options.dir, '/home/ann/logs');
  });
  it('@audit-history: off turns it off; a bad value or line count falls back with a message', () => {
    assert.equal(resolveOptions({ ...none, history: 'off' }, env).options.history, false);
    assert.equal(resolveOptions({ ...none, historyLines: '0' }, env).options.historyLines, 0);
    const bad = resolveOptions({ ...none, history: 'maybe', historyLines: '-5' }, env);
    assert.equal(bad.options.history, true);
    assert.equal(bad.options.historyLines, 1000);
    assert.equal(bad.warnings.length, 2);
  });

  it('retention and chain options: ages, switches, the key file', () => {
    const { options, warnings } = resolveOptions({ rotate: 'Daily', maxAge: '90d', compress: 'off', chainKey: '~/.audit.key' }, env);
    assert.deepEqual(warnings, []);
    assert.deepEqual([options.rotate, options.maxAgeMs, options.compress, options.chainKey], ['daily', 90 * 86_400_000, false, '/home/ann/.audit.key']);
    assert.equal(resolveOptions({ maxAge: '12h' }, env).options.maxAgeMs, 12 * 3_600_000);
    assert.equal(resolveOptions({ maxAge: 'off' }, env).options.maxAgeMs, Number.POSITIVE_INFINITY);
  });

  it('bad values fall back with a message naming the option', () => {
    const { options, warnings } = resolveOptions({ dir: 'logs', timeFormat: 'yyyy fun', maxSize: 'big', maxFiles: 'many', rotate: 'hourly', maxAge: '90 days', compress: 'maybe', chainKey: 'key.txt' }, env);
    assert.deepEqual(options, { dir: '/home/ann/.local/state/tmux-audit', timeFormat: DEFAULT_TIME_FORMAT, maxBytes: 10 * 1024 ** 2, maxFiles: 20, rotate: 'both', maxAgeMs: Number.POSITIVE_INFINITY, compress: true, chainKey: '', format: 'text', cast: false, history: true, historyLines: 1000, redact: true, redactPatterns: '' });
    assert.equal(warnings.length, 8);
    for (const [i, name] of ['@audit-dir', '@audit-time-format', '@audit-max-size', '@audit-max-files', '@audit-rotate', '@audit-max-age', '@audit-compress', '@audit-chain-key'].entries()) {
      assert.match(warnings[i]!, new RegExp(`^${name} '`));
      assert.match(warnings[i]!, /using /);
    }
  });
  it('redaction: on unless turned off in so many words; an unusable pattern is named and none used', () => {
    assert.equal(resolveOptions({ ...none, redact: 'off' }, env).options.redact, false);
    assert.equal(resolveOptions({ ...none, redact: 'On' }, env).options.redact, true);
    const typo = resolveOptions({ ...none, redact: 'of' }, env);
    assert.equal(typo.options.redact, true);
    assert.deepEqual(typo.warnings, ["@audit-redact 'of' is not 'on' or 'off'; using on"]);
    const bad = resolveOptions({ ...none, redactPatterns: 'ok=x[0-9] bad=(' }, env);
    assert.equal(bad.options.redactPatterns, '');
    assert.match(bad.warnings[0]!, /^@audit-redact-patterns 'ok=x\[0-9\] bad=\(' has a pattern that cannot be used: not a regular expression: bad=\(.*; using none$/);
  });
  it('syslog: the target parsed with its facility; a bad one named, no forwarding', () => {
    assert.deepEqual(resolveOptions({ ...none, syslog: 'tcp://127.0.0.1:1514' }, env).options.syslog, { transport: 'tcp', host: '127.0.0.1', port: 1514, facility: 10 });
    assert.deepEqual(resolveOptions({ ...none, syslog: 'unix:///dev/log', syslogFacility: 'local3' }, env).options.syslog, { transport: 'unix', path: '/dev/log', facility: 19 });
    assert.deepEqual(resolveOptions({ ...none, syslog: 'tls://[::1]:6514', syslogCa: '/ca.pem' }, env).options.syslog, { transport: 'tls', host: '::1', port: 6514, facility: 10, ca: '/ca.pem' });
    for (const [syslog, facility, why] of [
      ['http://x:1', '', /is not unix/],
      ['tcp://x:70000', '', /port 70000 is out of range/],
      ['udp://x:514', 'nope', /unknown facility 'nope'/],
    ] as const) {
      const { options, warnings } = resolveOptions({ ...none, syslog, syslogFacility: facility }, env);
      assert.equal(options.syslog, undefined);
      assert.match(warnings[0]!, why);
      assert.match(warnings[0]!, /; using no forwarding$/);
    }
  });
});

describe('file names', () => {
  it('session names become safe, distinct stems', () => {
    assert.equal(sessionStem('main'), 'main');
    assert.equal(sessionStem('my proj'), 'my%20proj');
    assert.equal(sessionStem('../etc'), '%2E.%2Fetc');
    assert.equal(sessionStem('.hidden'), '%2Ehidden');
    assert.equal(sessionStem('a/b'), 'a%2Fb');
    assert.equal(sessionStem('é'), '%C3%A9');
    assert.equal(sessionLogPath('/logs', 'x y', '/tmp/tmux-0/default'), '/logs/x%20y.log');
    assert.equal(sessionLogPath('/logs', 'x y', '/tmp/tmux-0/work'), '/logs/x%20y@work.log', 'another server, another file');
  });
  it('distinct names never share a file, and none escapes the directory', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const stemA = sessionStem(a);
        assert.ok(!stemA.includes('/') && !stemA.startsWith('.') && stemA.length > 0);
        if (!Buffer.from(a).equals(Buffer.from(b))) assert.notEqual(stemA, sessionStem(b));
      }),
    );
  });
});

describe('rotation decisions', () => {
  it('rotates before a write that would pass the limit', () => {
    assert.equal(needsRotation(90, 10, 100), false);
    assert.equal(needsRotation(90, 11, 100), true);
    assert.equal(needsRotation(0, 500, 100), false, 'an empty file takes a big write whole');
  });
  it('names sort in time order and never collide', () => {
    const date = new Date(Date.UTC(2026, 10, 24, 23, 1, 2, 345));
    assert.equal(rotatedName('main.log', date, new Set()), 'main.log.20261124T230102.345Z');
    assert.equal(rotatedName('main.log', date, new Set(['main.log.20261124T230102.345Z'])), 'main.log.20261124T230102.345Z-1');
    // The first of the millisecond pruned (one file kept), or compressed: the next still sorts last, so retention
    // deletes the oldest, not the file just made.
    assert.equal(rotatedName('main.log', date, new Set(['main.log.20261124T230102.345Z-1'])), 'main.log.20261124T230102.345Z-2');
    assert.equal(rotatedName('main.log', date, new Set(['main.log.20261124T230102.345Z.gz', 'main.log.20261124T230102.345Z-2.gz'])), 'main.log.20261124T230102.345Z-3');
    assert.equal(rotatedName('main.log', date, new Set(['main.log.20261124T230102.345Z-999999999', 'main.log.20261124T230102.345Z-1000000000'])), 'main.log.20261124T230102.345Z-1000000001');
    const names = ['main.log.20261124T230102.345Z-1', rotatedName('main.log', date, new Set(['main.log.20261124T230102.345Z-1']))];
    assert.deepEqual(filesToPrune(names, 'main.log', 1), ['main.log.20261124T230102.345Z-1']);
  });
  it('prunes the oldest beyond the limit, and only this session’s files', () => {
    const names = [
      'main.log', 'main.log.20261124T230102.345Z-1', 'main.log.20261124T230102.345Z', 'main.log.20261123T000000.000Z',
      'main2.log.20261101T000000.000Z', 'other.log', 'main.log.lock',
    ];
    assert.deepEqual(rotatedFiles(names, 'main.log'), ['main.log.20261123T000000.000Z', 'main.log.20261124T230102.345Z', 'main.log.20261124T230102.345Z-1']);
    assert.deepEqual(filesToPrune(names, 'main.log', 1), ['main.log.20261123T000000.000Z', 'main.log.20261124T230102.345Z']);
    assert.deepEqual(filesToPrune(names, 'main.log', 20), []);
  });
});

describe('status segment', () => {
  it('escapes top-level commas and braces, keeps nested formats', () => {
    assert.equal(escapeBranch('#[fg=red,bold]● REC#[default]'), '#[fg=red#,bold]● REC#[default]');
    assert.equal(escapeBranch('a}b'), 'a#}b');
    assert.equal(escapeBranch('#{?pane_active,x,y} ##'), '#{?pane_active,x,y} ##');
  });
  it('is made of formats only: on needs the pipe, the pane option, its run file this pane\'s, and a heartbeat of the last 15 s', () => {
    assert.equal(
      statusSegment('ON', 'off', 'STALLED'),
      '#{?pane_pipe,#{?@audit_on,#{?#{m/r:/#{pid}-#{s/^.//:pane_id}(-#{@audit_on})?[.]json$,#{@audit_run}},#{?#{e|<:#{@audit_beat},#{e|-:%s,15}},STALLED,ON},off},off},off}',
    );
  });
});

describe('the log writer queue', () => {
  it('hands out whole pieces, in order, up to a limit; puts unwritten bytes back at the head', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 60 }), fc.array(fc.nat({ max: 2000 }), { maxLength: 30 }), (pieces, limits) => {
        const queue = new ByteQueue();
        // Text and bytes alike (the file sink hands over bytes, cast files text).
        for (const [i, piece] of pieces.entries()) queue.push(i % 2 === 0 ? piece : Buffer.from(piece));
        const expected = Buffer.from(pieces.join(''));
        const out: Buffer[] = [];
        let boundaries = new Set([0]);
        let offset = 0;
        for (const piece of pieces) boundaries.add((offset += Buffer.byteLength(piece)));
        let taken = 0;
        let round = 0;
        while (queue.length > 0) {
          const limit = limits[round++ % Math.max(1, limits.length)] ?? 0;
          const first = queue.firstPiece;
          const data = Buffer.from(queue.take(limit)); // copy: the view lives until the next take
          assert.ok(data.length === first || data.length <= limit, 'at least one piece, else within the limit');
          if (round % 3 === 0 && data.length > 1) {
            // A short write: the tail goes back and comes out first next time.
            const keep = data.subarray(0, 1);
            queue.unshift(data.subarray(1));
            boundaries = new Set([...boundaries, taken + 1]);
            out.push(keep);
            taken += 1;
            continue;
          }
          taken += data.length;
          assert.ok(boundaries.has(taken), 'cuts only between pieces');
          out.push(data);
        }
        assert.deepEqual(Buffer.concat(out), expected);
      }),
    );
  });
});
