// The line a recording's last seal (`end=stop`) must be, given the stop it
// covers. No segment hashes that seal's own line (chain/seal.ts: it is written
// after the hashed stop's text, just before it), so verify holds it to the one
// line the writer could have written: the stop's stamp, user, place (and, in
// JSON, host, server, pane id, owner), and the seal's fields rendered as the
// formatter renders them. The stop is the anchor: it is hashed, so once its
// seal holds it is as written; any byte of the seal's line that differs (a
// stamp moved, `n=09`, a key added to the JSON object, blanks) is an edit.
//
// Per format, as format/text.ts and format/json.ts write them:
//   text  <stamp> <user> <place> * seal rec=R n=N p=P h=H [s=S] [v=3] [chain=hmac] end=stop [t=T] [e=E]
//   json  {"time":…,"rec":"R","kind":"event","text":"seal","fields":{"n":N,"p":"P","h":"H",["s":S,]["v":3,]["chain":"hmac",]"end":"stop"[,"e":"E"]}}
// (a JSON seal has no "seq": the sink makes it without one).

import { fieldsJson } from '../format/json.ts';
import { escapeText, eventText } from '../format/text.ts';

/** What a JSON stop's line holds where its record's own part starts: no value can hold it (a `"` in a value is `\"`). */
const JSON_STOP = ',"kind":"event","text":"stop",';

/**
 * The last seal's line (with its `\n`) for the stop line `stop` (with its
 * `\n`), whose event text after the mark is `raw` (text format); undefined
 * when `stop` is not a stop line the formats write.
 */
export function lastSealLine(stop: string, raw: string | undefined, rec: string, seal: { n: number; p: string; h: string; s?: number; v?: number; chain?: string; t?: number; e?: string }): string | undefined {
  // As the seal says (an older reader's has no v=): a mark taken out of the last seal alone is no edit
  // this line shows, but the start and every other seal carry it too, covered (chain/older-chain.ts).
  // Likewise `s=` (the start's time), which every seal of a recording says alike (chain/verify.ts).
  // Under a key since v=3, `e=` last (chain/seal-tag.ts): checked on its own by verify.
  // `t=` (the seal's instant, chain/epoch-stamps.ts) after end=, as the writer adds it; e= covers it.
  const tag = { ...(seal.t === undefined ? {} : { t: seal.t }), ...(seal.e === undefined ? {} : { e: seal.e }) };
  const chain = { ...(seal.s === undefined ? {} : { s: seal.s }), ...(seal.v === undefined ? {} : { v: seal.v }), ...(seal.chain === undefined ? {} : { chain: seal.chain }) };
  if (stop.charCodeAt(0) === 0x7b) {
    const at = stop.indexOf(JSON_STOP);
    if (at < 0) return undefined;
    // The seal's record has no seq (sinks/file/sink.ts: seal); the rest of the head is the stop's.
    const head = stop.slice(0, at).replace(/,"seq":\d+$/, '');
    return `${head},"kind":"event","text":"seal","fields":${escapeText(fieldsJson({ n: seal.n, p: seal.p, h: seal.h, ...chain, end: 'stop', ...tag }))}}\n`;
  }
  if (raw === undefined || !stop.endsWith(`${raw}\n`)) return undefined;
  const head = stop.slice(0, stop.length - raw.length - 1);
  return `${head}${eventText('seal', { rec, n: seal.n, p: seal.p, h: seal.h, ...chain, end: 'stop', ...tag })}\n`;
}
