import type { LogFileOptions } from '../../src/sinks/file/writer.ts';

/**
 * A test writer's options: failures not reported, rotated files all kept, no size limit to speak of, the
 * directory taken as it is (a scratch directory, not the private log directory); `overrides` on top.
 */
export function quietWriterOptions(overrides: Partial<LogFileOptions> = {}): LogFileOptions {
  return {
    maxBytes: 1024 ** 3,
    maxFiles: Number.POSITIVE_INFINITY,
    onError: () => {},
    onRecover: () => {},
    onRotateError: () => {},
    directory: 'as-is',
    ...overrides,
  };
}
