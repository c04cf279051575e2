// A second test reporter: after the TAP stream, it repeats every failed test with its error, so a
// log that only keeps its tail (CI's) still names what failed and why. Suites that failed only
// because a test in them did are left out: the test itself is listed.
import { relative } from 'node:path';
import { inspect } from 'node:util';

const MAX_LINES = 60;

export default async function* failuresReporter(source) {
	const failed = [];
	for await (const event of source) {
		if (event.type === 'test:fail') failed.push(event.data);
	}
	const tests = failed.filter((d) => d.details?.type !== 'suite' || d.details?.error?.failureType !== 'subtestsFailed');
	if (tests.length === 0) return;
	yield `\n# ${tests.length} failed:\n`;
	for (const d of tests) {
		const where = d.file ? `${relative(process.cwd(), d.file)}${d.line ? `:${d.line}` : ''}` : '?';
		const error = d.details?.error;
		const shown = inspect(error?.cause ?? error, { depth: 4, breakLength: 120 }).split('\n');
		const cut = shown.length > MAX_LINES ? [...shown.slice(0, MAX_LINES), `… (${shown.length - MAX_LINES} more lines)`] : shown;
		yield `# FAILED ${d.name}\n#   at ${where}\n${cut.map((l) => `#   ${l}`).join('\n')}\n`;
	}
}
