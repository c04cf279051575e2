// Redaction's cost on hostile lines: 16 KB lines made of near-matches of each
// pattern (a pattern that backtracks would take quadratic time on one), and on
// ordinary text, through the bundled redactor. Reports MB/s per line shape.
//
//   node bench/redact.mjs [OUT_DIR]
//
// Writes OUT_DIR/redact.json when given.

import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { now, ROOT, round } from './lib.mjs';

// The redactor as the bundle has it (esbuild, in memory, as scripts/build.mjs loads the option table).
const bundled = await build({ entryPoints: [path.join(ROOT, 'src/pipeline/redact.ts')], bundle: true, platform: 'node', format: 'esm', write: false, target: 'node18', logLevel: 'warning' });
const { findSecrets } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].contents).toString('base64')}`);

const LINE = 16 * 1024;
const fill = (unit) => unit.repeat(Math.ceil(LINE / unit.length)).slice(0, LINE);
const shapes = {
  ordinary: fill('drwxr-xr-x 2 ann ann 4096 Nov 25 22:30 src/pipeline 3f786850e387550fdab836ed7e6dc881de23001b '),
  'eyJ repeated': fill('eyJ'),
  'eyJ header, no dot': `eyJ${'a'.repeat(LINE - 3)}`,
  'jwt-like, no payload': fill('eyJhbGciOi.eyJ'),
  'AKIA repeated': fill('AKIA'),
  'ghp_ near-miss': fill('ghp_abc'),
  'github_pat_ run': `github_pat_${'a_'.repeat(LINE / 2)}`.slice(0, LINE),
  'glpat- repeated': fill('glpat-'),
  'xoxb- repeated': fill('xoxb-'),
  'password= repeated': fill('password='),
  'password=" unclosed': fill('password="x'),
  'Authorization: Bearer repeated': fill('Authorization: Bearer '),
  'BEGIN PRIVATE KEY repeated': fill('-----BEGIN PRIVATE KEY-----'),
  'BEGIN then base64': `-----BEGIN PRIVATE KEY-----${'A'.repeat(LINE)}`,
  'aws_secret_access_key= repeated': fill('aws_secret_access_key='),
  'base64 blob': fill('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk+/'),
};

const results = {};
for (const [name, line] of Object.entries(shapes)) {
  let n = 0;
  const t0 = now();
  let elapsed = 0;
  while (elapsed < 300) {
    findSecrets(line);
    n++;
    elapsed = now() - t0;
  }
  const mbps = (n * line.length) / 1e6 / (elapsed / 1000);
  results[name] = round(mbps, 1);
  console.log(`${name.padEnd(34)} ${String(round(mbps, 1)).padStart(8)} MB/s  (${round(elapsed / n, 3)} ms per 16 KB line)`);
}
const out = process.argv[2];
if (out) fs.writeFileSync(path.join(out, 'redact.json'), `${JSON.stringify(results, null, 2)}\n`);
