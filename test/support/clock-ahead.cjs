// Given to a process with `--require`: its Date.now runs CLOCK_AHEAD_MS ahead of the system clock, as a process's
// clock does against a file system whose times come from another clock (a file server's, or one stepped back).
'use strict';
const ahead = Number(process.env.CLOCK_AHEAD_MS ?? 0);
const now = Date.now;
Date.now = () => now() + ahead;
