// Test builds of the helper: src/main.ts bundled like dist/audit.cjs, with one module replaced for
// one importer (an esbuild plugin), so that nothing of the test is in the product's code.

import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { ROOT } from './paths.ts';

/** Resolves `module`, when `importer` imports it, to `replacement`; the build fails if that never happened (the importer changed). */
function replaceImport(importer: string, module: string, replacement: string): Plugin {
  return {
    name: 'replace-import',
    setup(plugin) {
      let replaced = 0;
      const filter = new RegExp(`^${module.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      plugin.onResolve({ filter }, (args) => {
        if (args.importer !== importer) return undefined;
        replaced++;
        return { path: replacement };
      });
      plugin.onEnd((result) => {
        if (result.errors.length === 0 && replaced === 0) throw new Error(`${path.relative(ROOT, importer)} no longer imports ${module}: update test/support/build.ts`);
      });
    },
  };
}

/** Bundles the helper with every log write delayed by `delayMs` (slow-fs.ts); returns the bundle's path (in `dir`). */
export async function slowDiskHelper(dir: string, delayMs: number): Promise<string> {
  const outfile = path.join(dir, 'audit-slow-disk.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    define: { SLOW_DISK_MS: String(delayMs), VERSION: '"test"', BUNDLED: 'true', 'import.meta.url': 'undefined', 'import.meta.resolve': 'undefined' },
    plugins: [replaceImport(path.join(ROOT, 'src', 'sinks', 'file', 'writer.ts'), 'node:fs', path.join(ROOT, 'test', 'support', 'slow-fs.ts'))],
    logLevel: 'warning',
  });
  return outfile;
}
