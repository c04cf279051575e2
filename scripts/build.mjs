// Bundles src/ into the one committed file TPM users run, dist/audit.cjs, and
// writes dist/options.sh, the option table for the shell side, generated from
// src/core/options.ts (the shell needs @audit-node's default before it has a
// node to ask). Deterministic (no timestamps, no absolute paths), so CI can
// rebuild and diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** What both committed bundles are built with. */
const bundled = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
};
const notice = '// Built from src/ by `npm run build`; edit src/, not this file.';
const define = { BUNDLED: 'true', 'import.meta.url': 'undefined', 'import.meta.resolve': 'undefined' };

/**
 * esbuild wraps each import of a node builtin in `__toESM(require("node:fs"), 1)`: a new object with a getter per
 * property of the module, 73 of them at start-up (~8 ms CPU of a command's ~100, `node --cpu-prof`: __copyProps).
 * A builtin is a plain object that has no `default`: one with it as prototype and `default` on top reads the same
 * (live, as the getters do), for nothing. Rewritten in the bundle's text after the build (deterministic).
 */
function builtinsUnwrapped(file) {
  const text = readFileSync(file, 'utf8');
  const helper = 'var __toESM = ';
  if (!text.includes(helper)) return;
  const calls = /__toESM\(require\("(node:[a-z_/]+)"\), 1\)/g;
  const rewritten = text
    .replace(helper, `var __nodeBuiltin = (mod) => Object.create(mod, { default: { value: mod, enumerable: !0 } });\n${helper}`)
    .replace(calls, (_, id) => `__nodeBuiltin(require("${id}"))`);
  // Loud, not silent, if esbuild's output changes shape: a builtin left wrapped, or none rewritten.
  const left = /__toESM\(require\("node:/.exec(rewritten);
  if (left || !rewritten.includes('__nodeBuiltin(require("node:')) throw new Error(`${file}: esbuild's __toESM calls for node builtins are not in the expected shape: update builtinsUnwrapped in scripts/build.mjs`);
  // Only `default` is an own key of the object made: a namespace import (`import * as fs`) enumerated or spread would differ.
  writeFileSync(file, rewritten);
}

await build({
  ...bundled,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/audit.cjs',
  banner: { js: `#!/usr/bin/env node\n${notice}` },
  define: { VERSION: JSON.stringify(version), ...define },
});
builtinsUnwrapped('dist/audit.cjs');

// The scan worker a large grep starts (src/commands/grep-parallel.ts): its own small bundle beside the first.
await build({
  ...bundled,
  entryPoints: ['src/commands/grep-worker.ts'],
  outfile: 'dist/grep-worker.cjs',
  banner: { js: notice },
  define,
});
builtinsUnwrapped('dist/grep-worker.cjs');

// The table is TypeScript: bundle it in memory and load it from a data: URL.
const table = await build({
  stdin: { contents: "export { optionsShell } from './src/core/options.ts'; export { shadowsShell } from './src/core/shadows.ts';", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { optionsShell, shadowsShell } = await import(`data:text/javascript;base64,${Buffer.from(table.outputFiles[0].contents).toString('base64')}`);
writeFileSync(new URL('../dist/options.sh', import.meta.url), optionsShell() + shadowsShell());
