// Test builds of the helper: src/ plus an injected dependency, bundled like dist/.

import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './paths.ts';

/** Bundles the helper with every log write delayed by `delayMs`; returns the bundle's path (in `dir`). */
export async function slowDiskHelper(dir: string, delayMs: number): Promise<string> {
  const outfile = path.join(dir, 'audit-slow-disk.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'test', 'support', 'slow-disk.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    define: { SLOW_DISK_MS: String(delayMs), VERSION: '"test"' },
    logLevel: 'warning',
  });
  return outfile;
}
