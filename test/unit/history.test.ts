// The saved history's name and text (src/core/history.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyPath, historyText } from '../../src/core/history.ts';

describe('saved history', () => {
  it('is named beside the log, for the pane and the time, not as a log', () => {
    const file = historyPath('/logs/deploy@work.log', '%12', new Date('2026-11-25T22:45:10.123Z'));
    assert.equal(file, '/logs/deploy@work.pane12.20261125T224510Z.history.txt');
    assert.ok(!/\.log(\.\d+)?$/.test(file));
  });

  it('has a header, escaped lines, no trailing blank rows; a row cannot pass for the header', () => {
    const { text, lines } = historyText({
      place: 'deploy:1.0',
      paneId: '%3',
      by: 'ann',
      time: new Date('2026-11-25T22:45:10.123Z'),
      captured: '$ ls\n\u202eevil   \n\x9b31m\n\n\n',
    });
    assert.equal(lines, 3);
    assert.equal(text, '# tmux-audit: history of deploy:1.0 (%3) captured 2026-11-25T22:45:10.123Z by ann, 3 lines\n$ ls\n\\u202eevil\n\\u009b31m\n');
  });

  it('with redaction on: secrets redacted as in the log (a PEM block one marker), counted in the header', () => {
    const facts = {
      place: 'deploy:1.0',
      paneId: '%3',
      by: 'ann',
      time: new Date('2026-11-25T22:45:10.123Z'),
      captured: '$ cat k\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw\nggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\nkey AKIAIOSFODNN7EXAMPLE\n',
    };
    const { text, redacted } = historyText({ ...facts, redact: [] });
    assert.equal(redacted, 2);
    assert.equal(text, '# tmux-audit: history of deploy:1.0 (%3) captured 2026-11-25T22:45:10.123Z by ann, 3 lines, 2 secrets redacted\n$ cat k\n[REDACTED:pem-private-key]\nkey [REDACTED:aws-access-key-id]\n');
    assert.ok(historyText(facts).text.includes('AKIAIOSFODNN7EXAMPLE'), 'off: as captured');
  });
});
