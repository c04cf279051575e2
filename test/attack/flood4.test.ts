// Attack: 4 panes flood one session log, fast rotation, the live file moved away (mv out of the dir) many times.
// Not in the suites (racy by design, ~30 s a run): loop it, e.g.
//   ATK_MODE=mv ATK_MOVES=25 nice -n 19 node --import tsx --test test/attack/flood4.test.ts
// ATK_SNAP=<dir>: a failing run's log directory, moved files and key are copied there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { logFilesInOrder } from '../support/log.ts';
import { alive } from '../support/process.ts';
import { serversForThisFile } from '../support/tmux.ts';
import { waitFor } from '../support/util.ts';
import { verifyDir, verifyScratch } from '../support/verify.ts';

const server = serversForThisFile();
const { keyFile } = verifyScratch('tmux-audit-attack-flood4');
const FORMAT = process.env.ATK_FORMAT ?? 'text';
const MODE = process.env.ATK_MODE ?? 'mv';
const N = Number(process.env.ATK_N ?? 30000);
const SIZE = process.env.ATK_SIZE ?? '16K';
const TF = process.env.ATK_TF;
const MOVES = Number(process.env.ATK_MOVES ?? 10);

function read(file: string): string {
  let raw: Buffer;
  try { raw = fs.readFileSync(file); } catch { return ''; }
  try { return file.endsWith('.gz') ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8'); } catch { return ''; }
}

interface Rec { file: string; n: number; time: string; place: string; text: string; kind: string }
function records(file: string): Rec[] {
  const out: Rec[] = [];
  read(file).split('\n').forEach((line, i) => {
    if (!line) return;
    if (FORMAT === 'json') {
      try {
        const o = JSON.parse(line);
        out.push({ file, n: i + 1, time: o.time, place: `${o.session}:${o.window}.${o.pane}`, text: o.text ?? o.event ?? JSON.stringify(o), kind: o.kind ?? o.type ?? '' });
      } catch { out.push({ file, n: i + 1, time: '', place: '?', text: line, kind: 'bad' }); }
    } else {
      const m = /^(\S+) (\S+) (\S+) (.) (.*)$/.exec(line);
      if (m) out.push({ file, n: i + 1, time: m[1]!, place: m[3]!, text: m[5]!, kind: m[4]! });
      else if (TF) { const m2 = /^(.*?) root (\S+) (.) (.*)$/.exec(line); if (m2) out.push({ file, n: i + 1, time: m2[1]!, place: m2[2]!, text: m2[4]!, kind: m2[3]! }); }
    }
  });
  return out;
}

describe('attack: 4 panes flood, fast rotation, live file moved/removed repeatedly', () => {
  it('every line once in the log dir, all lines in log+moved, stamps in order, verify OK', async () => {
    const key = keyFile();
    const cfg = [`set -g @audit-chain-key '${key}'`, `set -g @audit-max-size ${SIZE}`, 'set -g @audit-max-files all', `set -g @audit-compress ${process.env.ATK_GZ ?? 'off'}`, `set -g @audit-format ${FORMAT}`];
    if (TF) cfg.push(`set -g @audit-time-format '${TF}'`);
    const tmux = server({ config: cfg });
    const panes = tmux.panes(4, 'tiled');
    for (const p of panes) await tmux.startLogging(p);
    await waitFor('4 readers', () => tmux.readerPids().length === 4);
    const pids = tmux.readerPids();
    const live = tmux.logFile();
    const movedDir = path.join(path.dirname(path.dirname(live)), 'moved-away');
    fs.mkdirSync(movedDir, { recursive: true });
    for (const [i, p] of panes.entries()) tmux.type(`seq -f "P${i}-%06g" 1 ${N}; echo P${i}-done`, p);
    await new Promise((r) => setTimeout(r, 400));
    let moves = 0;
    const t0 = Date.now();
    while (moves < MOVES && Date.now() - t0 < 60000) {
      if (fs.existsSync(live)) {
        // The path is empty for a moment while a writer rotates or re-opens (between exists and rename): no move, try again.
        try {
          if (MODE === 'mv') fs.renameSync(live, path.join(movedDir, `moved-${moves}.log`));
          else fs.rmSync(live);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        moves++;
      }
      await new Promise((r) => setTimeout(r, 30 + Math.floor(Math.random() * 200)));
    }
    await waitFor('all panes done on screen', () => panes.every((p, i) => tmux.screen(p).includes(`P${i}-done`)), 180000);
    const allText = () => { let t = ''; for (const f of [...logFilesInOrder(live).filter((f) => fs.existsSync(f)), ...fs.readdirSync(movedDir).map((f) => path.join(movedDir, f))]) t += read(f); return t; };
    if (!process.env.ATK_EARLY) await waitFor('all done lines in the logs', () => { const t = allText(); return panes.every((_, i) => t.includes(FORMAT === 'json' ? `"text":"P${i}-done"` : `| P${i}-done\n`)); }, 240000);
    for (const p of panes) tmux.type('echo after-all', p);
    await new Promise((r) => setTimeout(r, 1500));
    for (const p of panes) tmux.toggle(p);
    await waitFor('readers exit', () => pids.every((pid) => !alive(pid)), 60000);
    const dir = path.dirname(live);
    const files = logFilesInOrder(live).filter((f) => fs.existsSync(f));
    const moved = fs.readdirSync(movedDir).map((f) => path.join(movedDir, f));
    const problems: string[] = [];
    // stamps in order per pane, log dir only
    const last = new Map<string, Rec>();
    const seen = new Map<string, Rec>();
    let lost = 0;
    for (const f of files) for (const r of records(f)) {
      if (/^(\* )?lost /.test(r.text) || r.text.startsWith('lost')) lost++;
      const ms = TF ? 0 : Date.parse(r.time);
      const b = last.get(r.place);
      if (!TF && b && ms < Date.parse(b.time)) problems.push(`stamp back: ${path.basename(r.file)}:${r.n} ${r.time} ${r.text.slice(0, 60)} after ${path.basename(b.file)}:${b.n} ${b.time} ${b.text.slice(0, 60)}`);
      last.set(r.place, r);
      const m = /^(P\d-\d{6})$/.exec(r.text) ?? /^(P\d-done)$/.exec(r.text);
      if (m) {
        if (seen.has(m[1]!)) problems.push(`dup ${m[1]} at ${path.basename(r.file)}:${r.n} and ${path.basename(seen.get(m[1]!)!.file)}:${seen.get(m[1]!)!.n}`);
        seen.set(m[1]!, r);
      }
      if (/^P\d-\d/.test(r.text) && !m) problems.push(`odd line ${path.basename(r.file)}:${r.n}: ${r.text.slice(0, 80)}`);
    }
    const all = new Set(seen.keys());
    for (const f of moved) for (const r of records(f)) { const m = /^(P\d-\d{6}|P\d-done)$/.exec(r.text); if (m) all.add(m[1]!); }
    // Only where the files are moved (kept): a removed file's lines are gone with it, which its `lost` events say.
    let missingAll = 0;
    for (let i = 0; i < 4; i++) for (let k = 1; k <= N; k++) { const w = `P${i}-${String(k).padStart(6, '0')}`; if (!all.has(w)) { missingAll++; if (process.env.ATK_EARLY || MODE !== 'mv') continue; if (missingAll < 5) problems.push(`missing everywhere: ${w}`); } }
    const checked = verifyDir(dir, '--key', key, '--require-key');
    console.log(`files=${files.length} moved=${moved.length} moves=${moves} lost-events=${lost} lines-in-dir=${seen.size} missingAll=${missingAll}`);
    console.log(checked.stdout.split('\n').slice(0, 12).join('\n'));
    if (problems.length) console.log(problems.slice(0, 30).join('\n'), `\n(${problems.length} problems)`);
    if ((problems.length || checked.status !== 0) && process.env.ATK_SNAP) {
      const snap = `${process.env.ATK_SNAP}/snap-${process.env.ATK_TAG ?? 'x'}-${Date.now()}`;
      fs.cpSync(dir, `${snap}/logdir`, { recursive: true });
      fs.cpSync(movedDir, `${snap}/moved`, { recursive: true });
      fs.copyFileSync(key, `${snap}/chain.key`);
      console.log(`snapshot: ${snap}`);
    }
    assert.equal(problems.length, 0);
    assert.equal(checked.status, 0, checked.stdout);
  });
});
