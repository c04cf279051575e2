// Bundles src/ into the one committed file TPM users run: dist/audit.cjs.
// Deterministic (no timestamps, no absolute paths), so CI can rebuild and diff.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/audit.cjs',
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node\n// Built from src/ by `npm run build`; edit src/, not this file.' },
  define: { VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
