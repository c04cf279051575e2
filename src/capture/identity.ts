// Who and where a recording is, for the Stamper, from its run file.

import os from 'node:os';
import type { Recording } from '../runtime/runfile.ts';
import type { RecordingIdentity } from './stamper.ts';

export function recordingIdentity(recording: Recording): RecordingIdentity {
  return {
    rec: recording.id,
    user: recording.user || os.userInfo().username,
    place: { server: recording.socket, session: recording.session, window: recording.window, pane: recording.pane, paneId: recording.paneId },
  };
}
