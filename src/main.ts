// The bundle's entry point (dist/audit.cjs): the command line, nothing else.
import { runCli } from './cli.ts';

runCli(process.argv);
