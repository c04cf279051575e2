// `status`: whether a pane is logged, to which file, by whom, and the reader's pid.

import { describePane } from '../core/plan.ts';
import { livingReader, readRecording } from '../runtime/runfile.ts';
import type { Tmux } from '../tmux/client.ts';
import { readTarget, type Invocation, type Outcome } from './toggle.ts';

export function describeLogging(tmux: Tmux, invocation: Invocation): Outcome {
  const { state, alive } = readTarget(tmux, invocation);
  const live = alive ? { recording: readRecording(state.runFile), pid: livingReader(state.runFile) } : undefined;
  return { messages: [describePane(state, live)], version: state.version };
}
