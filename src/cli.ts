// Command line: parses arguments, calls one function, reports once.
// Run by tmux itself (a key binding's run-shell, a hook) the words go to the
// tmux message line; run from a terminal they go to stdout/stderr. tmux gives
// its jobs $TMUX but not $TMUX_PANE, which only a pane's own processes get
// (spawn.c); but a server started from inside another tmux inherits a stale
// $TMUX_PANE, so the key binding says `--report tmux` outright.

import os from 'node:os';
import { Command, CommanderError } from 'commander';
import { nanoid } from 'nanoid';
import { startLogging, stopLogging, toggleLogging, type Invocation, type Outcome } from './commands/toggle.ts';
import { describeLogging } from './commands/status.ts';
import { noteRename, noteWindowRename } from './commands/renamed.ts';
import { paneDied } from './commands/died.ts';
import { noteClient } from './commands/clients.ts';
import { saveHistory } from './commands/history.ts';
import { recoverPane, runAutoReader, setAutoHooks, startAllPanes } from './commands/auto.ts';
import { sweepLost } from './commands/lost.ts';
import { filterRecording, type FilterOptions } from './core/plan.ts';
import { readersByAge, readRecording, removeRunFiles, waitForReaders } from './runtime/runfile.ts';
import { AuditError } from './core/errors.ts';
import { runPipe } from './commands/pipe.ts';
import { recoverReader } from './commands/recover.ts';
import { DEFAULT_STATUS_OFF, DEFAULT_STATUS_ON, DEFAULT_STATUS_STALLED, statusSegment } from './core/status.ts';
import { Tmux } from './tmux/client.ts';
import { lsCommand } from './commands/ls.ts';
import { verifyCommand } from './commands/verify.ts';
import { grepCommand } from './commands/grep.ts';
import { showCommand } from './commands/show.ts';
import { tailCommand } from './commands/tail.ts';
import { exportCommand } from './commands/export.ts';
import { replayCommand } from './commands/replay.ts';

declare const VERSION: string;

type ReportTo = 'auto' | 'tmux' | 'terminal';
let reportTo: ReportTo = 'auto';

function toTmux(): boolean {
  if (reportTo === 'auto') return Boolean(process.env.TMUX) && !process.env.TMUX_PANE;
  return reportTo === 'tmux';
}

function report(lines: string[], version: string, error: boolean): void {
  if (lines.length === 0) return;
  if (toTmux()) {
    try {
      new Tmux().message(`tmux-audit: ${lines.join(' · ')}`, { version, error });
      return;
    } catch {
      // No client to show it to. Run by tmux (`--report tmux`: keys, hooks, the load-time sweep),
      // anything printed would open the pane's view mode (cmd_run_shell_print, cmd-run-shell.c:78),
      // taking the keys the user types next: say nothing rather than that.
      if (reportTo === 'tmux') return;
    }
  }
  (error ? process.stderr : process.stdout).write(`${lines.map((line) => `tmux-audit: ${line}`).join('\n')}\n`);
}

function paneCommand(name: string, description: string, action: (tmux: Tmux, invocation: Invocation) => Outcome): Command {
  return new Command(name)
    .description(description)
    .option('-t, --pane <pane>', 'target pane (default: the pane this runs in)', '')
    .option('--client <name>', 'the client that pressed the key (#{client_name}); its user is asked of tmux', '')
    .option('--client-user <user>', 'ignored (older key bindings): who asked is taken from tmux, not from an argument', '')
    .action((options: { pane: string; client: string }) => {
      const outcome = action(new Tmux(), { pane: options.pane, client: options.client || undefined });
      report(outcome.messages, outcome.version, false);
    });
}

const program = new Command('tmux-audit')
  .description('Stamped, rotated logs of what tmux panes print')
  .version(typeof VERSION === 'string' ? VERSION : 'dev')
  .option('--report <where>', 'where messages go: tmux (message line), terminal, or auto', 'auto')
  .hook('preAction', (command) => {
    const where = command.opts<{ report: string }>().report;
    if (where !== 'auto' && where !== 'tmux' && where !== 'terminal') throw new AuditError(`--report takes tmux, terminal or auto, not '${where}'`, 2);
    reportTo = where;
  })
  .exitOverride()
  .configureOutput({ writeErr: () => {} }) // errors are reported once, below
  .addCommand(paneCommand('toggle', 'start logging the pane, or stop it if it is logged', toggleLogging))
  .addCommand(paneCommand('start', 'start logging the pane', startLogging))
  .addCommand(paneCommand('stop', 'stop logging the pane', stopLogging))
  .addCommand(paneCommand('save-history', "save the pane's complete history, cleaned, to a file beside the logs", saveHistory))
  .addCommand(paneCommand('status', 'say whether the pane is logged, where to, and by whom', describeLogging))
  .addCommand(
    new Command('pipe')
      .description('read output from stdin into a log: a pane\'s (what pipe-pane runs), or any program\'s with --file')
      .argument('[run-file]', 'the recording written by start')
      .option('--file <path>', 'without a run file: the log to append to')
      .option('--session <name>', 'with --file: the session name to stamp', 'pipe')
      .option('--time-format <format>', 'with --file: date-fns format of the stamp', '')
      .option('--max-size <size>', 'with --file: rotate past this size', '')
      .option('--max-files <n>', 'with --file: rotated files to keep', '')
      .option('--no-redact', 'with --file: keep secrets as they are (see @audit-redact)')
      .option('--syslog <url>', 'with --file: also forward to syslog (see @audit-syslog)', '')
      .option('--syslog-facility <name>', 'with --file: the facility (see @audit-syslog-facility)', '')
      .action((runFile: string | undefined, options: { file?: string } & Omit<FilterOptions, 'file'>) => {
        if (runFile) {
          const recording = readRecording(runFile);
          if (recording.socket) {
            const { older, newer } = readersByAge(runFile, recording.socket, recording.paneId);
            // A newer pipe-pane closed this one's pipe while it was starting (stalled past its start's wait, or a
            // start over a start): the pane is that reader's, and this recording, not started, leaves nothing.
            if (newer.length > 0) return removeRunFiles(runFile, recording.id);
            waitForReaders(older);
          }
          return runPipe(recording, runFile);
        }
        if (!options.file) throw new AuditError('pipe needs a run file or --file <path>', 2);
        const { recording, warnings } = filterRecording(
          { ...options, file: options.file },
          { id: nanoid(10), username: os.userInfo().username, env: process.env, cwd: process.cwd() },
        );
        if (warnings.length > 0) report(warnings, '', true);
        return runPipe(recording);
      }),
  )
  .addCommand(
    new Command('died')
      .description('stop the recording of a pane whose program exited under remain-on-exit (what the pane-died hook runs)')
      .requiredOption('--pane <pane>', 'the pane that died (#{hook_pane})')
      .option('--status <status>', 'its exit status (#{pane_dead_status})', '')
      .action((options: { pane: string; status: string }) => {
        const outcome = paneDied(new Tmux(), options.pane, options.status);
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('sweep')
      .description('close recordings whose reader is gone without a stop event (run when the plugin loads, and when a logged pane comes into view)')
      .option('--pane <pane>', 'only this pane')
      .action((options: { pane?: string }) => {
        const outcome = sweepLost(new Tmux(), options.pane);
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('auto-hooks')
      .description('set the auto-start hooks if @audit-auto is on, remove them if not (run when the plugin loads)')
      .requiredOption('--index <n>', 'the hooks\' fixed index')
      .action((options: { index: string }) => {
        const outcome = setAutoHooks(new Tmux(), Number(options.index));
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('auto-start')
      .description('start logging every pane that is not logged and was not stopped by hand (run when the plugin loads with @audit-auto on)')
      .action(() => {
        const outcome = startAllPanes(new Tmux());
        report(outcome.messages, outcome.version, true);
      }),
  )
  .addCommand(
    new Command('pipe-auto')
      .description("read a new pane's output from its first byte (what an auto-start hook's pipe-pane runs)")
      .requiredOption('--socket <path>', "the tmux server's socket")
      .requiredOption('--pane <pane>', 'the new pane (#{pane_id})')
      .option('--respawned', 'the pane was respawned (the re-arm loop): what it already shows is logged as history')
      .action((options: { socket: string; pane: string; respawned?: boolean }) => runAutoReader(options.socket, options.pane, options.respawned)),
  )
  .addCommand(
    new Command('recover-pane')
      .description("close the recording of an auto-started pane whose reader died (what an auto pipe runs after it)")
      .requiredOption('--socket <path>', "the tmux server's socket")
      .requiredOption('--pane <pane>', 'the pane')
      .argument('<status>', "the reader's exit status")
      .action((status: string, options: { socket: string; pane: string }) => recoverPane(options.socket, options.pane, Number(status))),
  )
  .addCommand(
    new Command('client')
      .description('record a client coming to or leaving a session in its logs (what the client-session-changed and client-detached hooks run)')
      .requiredOption('--what <what>', 'session (the client is now in a session) or detach')
      .requiredOption('--client <name>', 'the client (#{hook_client})')
      .option('--recordings <ids>', 'detach: the recordings there were as the hook ran, separated by spaces; only they are told')
      .action((options: { what: string; client: string; recordings?: string }) => {
        if (options.what !== 'session' && options.what !== 'detach') throw new AuditError(`--what takes session or detach, not '${options.what}'`, 2);
        const recordings = options.recordings === undefined ? undefined : new Set(options.recordings.split(' ').filter(Boolean));
        const outcome = noteClient(new Tmux(), options.what, options.client, recordings);
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('window-renamed')
      .description('record a window rename in the recordings of its panes (what the window-renamed hook runs)')
      .requiredOption('--window <window>', 'the renamed window (#{hook_window})')
      .action((options: { window: string }) => {
        const outcome = noteWindowRename(new Tmux(), options.window);
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('renamed')
      .description('record a session rename in its recordings (what the session-renamed hook runs)')
      .requiredOption('--session <session>', 'the renamed session (#{hook_session})')
      .action((options: { session: string }) => {
        const outcome = noteRename(new Tmux(), options.session);
        report(outcome.messages, outcome.version, false);
      }),
  )
  .addCommand(
    new Command('recover')
      .description('close the recording of a reader that died (what pipe-pane runs after it)')
      .argument('<run-file>', 'the recording written by start')
      .argument('<status>', 'the reader\'s exit status')
      .action((runFile: string, status: string) => recoverReader(runFile, Number(status))),
  )
  .addCommand(
    new Command('status-format')
      .description('print the tmux format that replaces #{audit_status}')
      .option('--on <format>', 'shown while the current pane is logged', '')
      .option('--off <format>', 'shown while it is not', '')
      .option('--stalled <format>', "shown while it is logged but its reader has not reported for a while", '')
      .action((options: { on: string; off: string; stalled: string }) => {
        process.stdout.write(`${statusSegment(options.on || DEFAULT_STATUS_ON, options.off || DEFAULT_STATUS_OFF, options.stalled || DEFAULT_STATUS_STALLED)}\n`);
      }),
  )
  // Reading the logs (src/read/): list, search, one recording, follow, export, replay.
  .addCommand(lsCommand())
  .addCommand(verifyCommand())
  .addCommand(grepCommand())
  .addCommand(showCommand())
  .addCommand(tailCommand())
  .addCommand(exportCommand())
  .addCommand(replayCommand());
for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => {} });

/** Runs the command line `argv` (as process.argv: node, script, args...) and reports once. */
export function runCli(argv: string[]): void {
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0); // --help, --version
      report([error.message.replace(/^error: /, '')], '', true);
      exitAfterError(2);
    }
    if (error instanceof AuditError) {
      report([error.message], '', true);
      exitAfterError(error.exitCode);
    }
    report([`unexpected failure: ${(error as Error).stack ?? String(error)}`], '', true);
    exitAfterError(1);
  }
}

/**
 * Run by tmux (a key, a hook, the load-time sweep), the message line has told
 * the user; a non-zero status would make tmux also print "'…' returned N" into
 * the pane's view mode (cmd-run-shell.c:78), taking the keys typed next.
 */
function exitAfterError(code: number): never {
  process.exit(toTmux() ? 0 : code);
}
