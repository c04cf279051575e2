// An honest log of more files than verify may have open at once verifies OK (issue 13: "clean logs never give a false
// alarm"; review of verify13g: every file of a log was held open, and a log of 3,056 files under a 300-descriptor
// limit gave exit 2 with a stack trace). verify run under `prlimit --nofile`; half the rotated files compressed as
// @audit-compress does (here at once: the writer compresses a rotated file once it has been quiet for a minute).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import zlib from 'node:zlib';
import { outsideTmux } from '../support/cli.ts';
import { readAllLogs } from '../support/log.ts';
import { HELPER } from '../support/paths.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';

const server = serversForThisFile();

/** Descriptors verify may have open: node takes about 20 of them itself. */
const LIMIT = 64;

describe('verify of a log of more files than it may open', () => {
  it(`${LIMIT} descriptors, a log of over 100 files, half of them compressed: OK, exit 0`, async () => {
    const tmux = server({ config: ['set -g @audit-max-size 16K', 'set -g @audit-max-files all', 'set -g @audit-compress off'] });
    await tmux.startLogging();
    tmux.type('yes "y some output to make the lines longer" | head -n 25000; echo many-finished');
    await waitFor('the output to finish', () => tmux.screen().split('\n').includes('many-finished'), 60_000);
    await tmux.waitForPrinted('many-finished', { timeoutMs: 60_000 });
    const rotated = (): string[] => fs.readdirSync(tmux.logDir).filter((name) => /\.log\.\d{8}T\d{6}\.\d{3}Z/.test(name));
    // The reader's digest events for the files it rotated come after the pane's last line, each once its file is
    // hashed in the background, and they rotate the log again (a file a digest event each): the files are counted
    // once every rotated one's event is written (in a full e2e run of digest13w the test expected 143 files, verify read 146).
    await waitFor('every rotated file\'s digest event', () => {
      const text = readAllLogs(tmux.logFile());
      return rotated().every((name) => text.includes(` * digest rec=`) && text.includes(` file=${name} size=`));
    }, 60_000);
    const files = rotated();
    assert.ok(files.length > 100, `${files.length} rotated files`);
    for (const name of files.filter((_, i) => i % 2 === 0)) {
      const file = path.join(tmux.logDir, name);
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file)), { mode: 0o600 });
      fs.rmSync(file);
    }
    const run = spawnSync('prlimit', [`--nofile=${LIMIT}:${LIMIT}`, process.execPath, HELPER, 'verify', '--dir', tmux.logDir], { env: outsideTmux(), encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
    assert.match(run.stdout, new RegExp(`^OK main@\\S+: ${files.length + 1} file\\(s\\)`));
  });
});
