// Where things are: the checkout, the bundle the tests run, the plugin file, the fixtures.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The committed bundle: what the plugin runs, so what the e2e tests run. */
export const HELPER = path.join(ROOT, 'dist', 'audit.cjs');
export const PLUGIN = path.join(ROOT, 'audit.tmux');
/** Inputs recorded once and kept in the repository (see test/fixtures/README.md). */
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
