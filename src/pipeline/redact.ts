// Redaction: secrets a pane printed (a pasted token, a printed private key)
// become `[REDACTED:<kind>]` before any sink sees them, so neither the log
// files nor a central collector ever hold them. A pipeline transform, first
// after the hold, so every sink gets the same redacted record and `seq` counts
// what was delivered.
//
// Whole lines: the line assembler cuts a line longer than its limit into a
// `line` and `piece`s (terminal/lines.ts); a record that may be continued is
// held until the next piece arrives and the two are scanned together, so a
// secret across the cut is caught (a line is already whole across reads: the
// assembler keeps it until its end). A PEM private key spans lines: from its
// BEGIN line, the lines that look like its body are swallowed into one marker.
//
// Hostile output: redaction only hides what looks like a secret, and every
// pattern is linear on any line (each starts at a token's first character
// and its repeats are bounded), so 16 KB of near-matches cannot stall the
// reader. A key's body is only what base64 looks like: a forged BEGIN line
// cannot hide the commands that follow it.

import type { AuditRecord, EventFields } from '../core/record.ts';
import { MAX_LINE_CHARS } from '../terminal/lines.ts';
import { bodyPrefix } from './pem-prefix.ts';
import { riskyPattern } from './pattern-safety.ts';
import type { Next, Transform } from './pipeline.ts';

export interface Span {
  start: number;
  end: number;
  kind: string;
}

/** A user's pattern, from `@audit-redact-patterns`: `kind=regex`, or a bare regex (kind `custom`). */
export interface ExtraPattern {
  kind: string;
  regex: RegExp;
}

/** `word` in either case, without the `i` flag (which would apply to every pattern of the combined one). */
function anyCase(word: string): string {
  return word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

// `keep`: the pattern's first group is context (the key of an assignment, the
// header's name), kept in the output; the rest of the match is the secret.
export interface Rule {
  kind: string;
  source: string;
  keep?: boolean;
}

const B64 = 'A-Za-z0-9+/';
/** Exported for the tests: each rule's matches must pass the quick check (MAY_HOLD_SECRET). */
export const RULES: readonly Rule[] = [
  // Not only at a word's start: output that ends next to a key (a CR, then text over the column before it) must not let it through.
  { kind: 'aws-access-key-id', source: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}' },
  {
    kind: 'aws-secret-access-key',
    source: `(${anyCase('aws')}_?${anyCase('secret')}_?${anyCase('access')}_?${anyCase('key')}["']?[ \\t]{0,8}[:=][ \\t]{0,8}["']?)[${B64}]{40}(?![${B64}=])`,
    keep: true,
  },
  {
    kind: 'aws-secret-access-key',
    source: `("?SecretAccessKey"?[ \\t]{0,8}[:=][ \\t]{0,8}"?)[${B64}]{40}(?![${B64}=])`,
    keep: true,
  },
  { kind: 'github-token', source: 'gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}' },
  { kind: 'gitlab-token', source: 'gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-[A-Za-z0-9_-]{20,255}' },
  { kind: 'slack-token', source: '(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,255}' },
  { kind: 'slack-webhook', source: 'https://hooks\\.slack\\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,255}' },
  {
    kind: 'bearer-token',
    source: `(${anyCase('authorization')}["']?[ \\t]{0,8}[:=][ \\t]{0,8}["']?(?:${anyCase('bearer')}|${anyCase('token')}|${anyCase('basic')})[ \\t]{1,8})[A-Za-z0-9._~+/=-]{8,4096}`,
    keep: true,
  },
  {
    // `password=…`, `--password=…`, `DB_PASSWORD=…`, `secret: …` (YAML), `api_key=…`: the value, quoted or one word.
    // A `$` value is a variable's name, not its secret.
    kind: 'password',
    source: `((?:${anyCase('password')}|${anyCase('passwd')}|${anyCase('passphrase')}|${anyCase('secret')}|${anyCase('api')}[_-]?${anyCase('key')}|${anyCase('access')}[_-]?${anyCase('token')}|${anyCase('auth')}[_-]?${anyCase('token')})["']?[ \\t]{0,8}(?:=|:[ \\t])[ \\t]{0,8})(?:"[^"\\n$]{1,256}"|'[^'\\n]{1,256}'|[^\\s"'$\\[][^\\s"']{0,255})`,
    keep: true,
  },
];

// JWTs are found by jwtSpans, not a pattern here: see there.
/** header.payload.signature, each base64url; `eyJ` is `{"`. The signature may be empty (alg none). */
const JWT_AT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/y;
const BASE64URL_RUN = /[A-Za-z0-9_-]*/y;

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/;
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** What a key's body lines look like: base64, or an encrypted key's headers. */
const PEM_BODY = /^[ \t]*(?:[A-Za-z0-9+/=]*|(?:Proc-Type|DEK-Info|Comment): [A-Za-z0-9, "._:-]{0,256})[ \t]*$/;
/**
 * A body on the BEGIN line: base64 and blanks, and the `\n`, `\r` and `\/`
 * escapes a JSON string holds a key's lines with (GCP service-account files,
 * `kubectl -o json`). No alternative starts like another: linear.
 */
const PEM_BODY_ON_LINE = /(?:[A-Za-z0-9+/=\s]|\\[nr/])*/y;
/** The longest key a block is kept open for (a 16384-bit RSA key is about 200 lines). */
const PEM_MAX_LINES = 512;

const COMBINED = new RegExp(RULES.map((rule, i) => `(?<r${i}>${rule.source})`).join('|'), 'g');

/**
 * What every secret holds somewhere (a rule's fixed part, a JWT's `eyJ`, a
 * PEM's BEGIN): a line without any has none, and is passed over after this
 * one scan. Almost every line a pane prints is such a line, and this costs
 * about a third of COMBINED's scan, JWTs' and PEMs' together (BENCHMARKS.md):
 * plain alternatives, no groups, each fixed part whole (a shorter one such
 * as `api` is in ordinary output, `/api/v1`, and would send it on to the full
 * scan). Keep it in step with RULES: a rule's match must contain one of these.
 */
const MAY_HOLD_SECRET = new RegExp(
  [
    'A(?:KIA|SIA|BIA|CCA)',
    // aws_secret_access_key, SecretAccessKey, secret=
    anyCase('secret'),
    'gh[pousr]_',
    'github_pat_',
    'gl(?:pat|dt|rt|ptt|cbt|soat|ft|imt|agent)-',
    '(?:xox[abposre]|xapp)-',
    'https://hooks\\.slack\\.com/',
    anyCase('authorization'),
    `${anyCase('pass')}(?:${anyCase('word')}|${anyCase('wd')}|${anyCase('phrase')})`,
    `${anyCase('api')}[_-]?${anyCase('key')}`,
    `(?:${anyCase('access')}|${anyCase('auth')})[_-]?${anyCase('token')}`,
    'eyJ',
    '-----BEGIN ',
  ].join('|'),
);

export function marker(kind: string): string {
  return `[REDACTED:${kind}]`;
}

/**
 * `@audit-redact-patterns`: patterns separated by white space, each `kind=regex`
 * or a bare regex (write a space inside one as `\s` or `\x20`). Throws on an
 * unusable one, naming it.
 */
export function parseExtraPatterns(text: string): ExtraPattern[] {
  const patterns: ExtraPattern[] = [];
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const named = /^([a-z][a-z0-9-]{0,31})=(.+)$/.exec(word);
    const kind = named ? named[1]! : 'custom';
    const source = named ? named[2]! : word;
    const risk = riskyPattern(source);
    if (risk) throw new Error(`refused, ${risk} (it could freeze the reader): ${word}`);
    let regex: RegExp;
    try {
      regex = new RegExp(source, 'g');
    } catch (error) {
      throw new Error(`not a regular expression: ${word} (${(error as Error).message})`);
    }
    if (regex.test('')) throw new Error(`matches empty text: ${word}`);
    patterns.push({ kind, regex });
  }
  return patterns;
}

/** The secrets in `text`: sorted, not overlapping. */
export function findSecrets(text: string, extra: readonly ExtraPattern[] = []): Span[] {
  const spans: Span[] = [];
  if (MAY_HOLD_SECRET.test(text)) builtInSpans(text, spans);
  if (extra.length > 0) {
    // Windows overlapping by USER_OVERLAP_CHARS: a match that long is found wherever it is.
    for (let from = 0; ; from += USER_WINDOW_CHARS - USER_OVERLAP_CHARS) {
      userSpans(text.slice(from, from + USER_WINDOW_CHARS), from, extra, spans);
      if (from + USER_WINDOW_CHARS >= text.length) break;
    }
  }
  return merge(spans);
}

/** For tests: the built-in kinds' spans without the MAY_HOLD_SECRET check (what findSecrets must find the same). */
export function findSecretsUnfiltered(text: string): Span[] {
  const spans: Span[] = [];
  builtInSpans(text, spans);
  return merge(spans);
}

/** The built-in kinds' spans: PEM keys, JWTs, and RULES. */
function builtInSpans(text: string, spans: Span[]): void {
  pemSpans(text, spans);
  jwtSpans(text, spans);
  COMBINED.lastIndex = 0;
  for (let match = COMBINED.exec(text); match; match = COMBINED.exec(text)) {
    const groups = match.groups!;
    for (let i = 0; i < RULES.length; i++) {
      if (groups[`r${i}`] === undefined) continue;
      const rule = RULES[i]!;
      if (rule.kind === 'password' && !assignmentLike(text, match, i)) {
        COMBINED.lastIndex = match.index + 1; // what the value holds is looked at on its own
        break;
      }
      // The kept context is the rule's first numbered group: find it among the named ones' values.
      const start = match.index + (rule.keep ? keptLength(match, i) : 0);
      spans.push({ start, end: match.index + match[0].length, kind: rule.kind });
      break;
    }
  }
}

/**
 * A user's pattern runs on at most this many characters at a time: what
 * passes riskyPattern can still take polynomial time (`[a-z]+x` is quadratic
 * on a line of letters), so its cost per line is bounded by the window's, not
 * the line's (16,384 characters). `^` and `$` mean a window's ends.
 */
export const USER_WINDOW_CHARS = 1024;
export const USER_OVERLAP_CHARS = 256;

function userSpans(text: string, offset: number, extra: readonly ExtraPattern[], spans: Span[]): void {
  for (const pattern of extra) {
    pattern.regex.lastIndex = 0;
    for (let match = pattern.regex.exec(text); match; match = pattern.regex.exec(text)) {
      if (match[0] === '') {
        pattern.regex.lastIndex++;
        continue;
      }
      spans.push({ start: offset + match.index, end: offset + match.index + match[0].length, kind: pattern.kind });
    }
  }
}

// Group numbers in COMBINED: each rule opens its named group, then its own
// groups (a kept rule has exactly one), so the kept group follows its rule's.
const KEPT_GROUP: number[] = [];
{
  let group = 1;
  for (const rule of RULES) {
    KEPT_GROUP.push(rule.keep ? group + 1 : -1);
    group += 1 + (rule.keep ? 1 : 0);
  }
}

/**
 * `password: …` is a value in YAML, JSON or a header, but a type in code
 * (`password: string`) and prose (`secret: IVs are…`): a colon counts when the
 * key is quoted, the value is, or the key starts its line (YAML).
 */
function assignmentLike(text: string, match: RegExpExecArray, rule: number): boolean {
  const kept = match[KEPT_GROUP[rule]!] ?? '';
  if (!/:[ \t]*$/.test(kept)) return true; // key=value
  if (/["']/.test(kept)) return true; // "password": …
  const value = text.charCodeAt(match.index + kept.length);
  if (value === 0x22 || value === 0x27) return true; // password: "…"
  let at = match.index;
  while (at > 0 && /[\w.-]/.test(text[at - 1]!)) at--;
  return /^[ \t]*(?:- )?$/.test(text.slice(0, at));
}

function keptLength(match: RegExpExecArray, rule: number): number {
  return match[KEPT_GROUP[rule]!]?.length ?? 0;
}

/**
 * JWTs, wherever `eyJ` starts (even glued to the text before it). As one
 * pattern tried at every `eyJ`, a line of `eyJeyJeyJ…` would be scanned to its
 * end from each: quadratic. But where a try fails, every later `eyJ` in the
 * same run of base64url fails too (its header runs into the same non-dot), so
 * the search goes on after the run: linear.
 */
function jwtSpans(text: string, spans: Span[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at < 0) return;
    JWT_AT.lastIndex = at;
    const match = JWT_AT.exec(text);
    if (match) {
      spans.push({ start: at, end: at + match[0].length, kind: 'jwt' });
      from = at + match[0].length;
    } else {
      BASE64URL_RUN.lastIndex = at;
      BASE64URL_RUN.exec(text);
      from = BASE64URL_RUN.lastIndex + 1;
    }
  }
}

/** A key printed whole on one line (`echo $KEY` joins its lines; JSON escapes them): BEGIN, its base64, END. Without END, to the end of the base64. */
function pemSpans(text: string, spans: Span[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('-----BEGIN ', from);
    if (at < 0) return;
    const begin = PEM_BEGIN.exec(text.slice(at, at + 128));
    if (!begin || begin.index !== 0) {
      from = at + 1;
      continue;
    }
    PEM_BODY_ON_LINE.lastIndex = at + begin[0].length;
    PEM_BODY_ON_LINE.exec(text);
    let end = PEM_BODY_ON_LINE.lastIndex;
    const close = PEM_END.exec(text.slice(end, end + 128));
    if (close && close.index === 0) end += close[0].length;
    spans.push({ start: at, end, kind: 'pem-private-key' });
    from = end;
  }
}

function merge(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [spans[0]!];
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i]!;
    const last = merged[merged.length - 1]!;
    if (span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push(span);
  }
  return merged;
}

/** `text` with `spans` replaced by their markers. */
export function applySpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + marker(span.kind);
    at = span.end;
  }
  return out + text.slice(at);
}

/** Redacts one whole text (an event's field, a line): the text and how many secrets it held. */
export function redactText(text: string, extra: readonly ExtraPattern[] = []): { text: string; count: number } {
  const spans = findSecrets(text, extra);
  return { text: applySpans(text, spans), count: spans.length };
}

export interface RedactOptions {
  /** `@audit-redact-patterns`, parsed. */
  extra?: readonly ExtraPattern[];
  /** The line assembler's limit: a record this long may be continued by a piece. */
  maxLineChars?: number;
}

/** Raw text kept from before a cut, so a secret recognised by what precedes it (`password=`) is still caught after it. */
const CONTEXT_CHARS = 256;

/**
 * The transform. Counts what it redacted and says so in the `stop` event
 * (`redacted=N`, when N > 0).
 */
export class Redactor implements Transform {
  private readonly extra: readonly ExtraPattern[];
  private readonly holdFrom: number;
  /** A line or piece that may be continued, not yet redacted: its text is scanned with the next piece's. */
  private held: AuditRecord | undefined;
  /** The raw text just before the held record's, from the pieces before it. */
  private heldContext = '';
  /** Inside a PEM key's body: lines swallowed so far (-1: not inside one). */
  private pemLines = -1;
  /** What the key's lines carry before them (a line number, `> `, `key.pem-`), from its BEGIN line: pem-prefix.ts. */
  private pemPrefix: RegExp | undefined;
  count = 0;

  constructor(options: RedactOptions = {}) {
    this.extra = options.extra ?? [];
    // A cut never splits a surrogate pair, so a cut line may be one short of the limit.
    this.holdFrom = (options.maxLineChars ?? MAX_LINE_CHARS) - 1;
  }

  push(record: AuditRecord, next: Next): void {
    if (record.kind === 'event') {
      this.release(next);
      next(this.event(record));
      return;
    }
    if (record.kind === 'piece' && this.held) {
      this.joinHeld(record, next);
      return;
    }
    this.release(next);
    if (this.pemLines >= 0) {
      if (this.inPem(record, next)) return;
    }
    if (record.kind !== 'screen' && record.kind !== 'history' && record.text.length >= this.holdFrom) {
      this.hold(record, '');
      return;
    }
    this.emit(record, record.text, next);
  }

  settle(next: Next): void {
    this.release(next);
  }

  private hold(record: AuditRecord, context: string): void {
    this.held = { ...record };
    this.heldContext = context;
  }

  /** The record after one that may be continued: scanned together, so a secret across the cut is caught. */
  private joinHeld(piece: AuditRecord, next: Next): void {
    const held = this.held!;
    const context = this.heldContext;
    this.held = undefined;
    const joined = context + held.text + piece.text;
    const cut = context.length + held.text.length;
    // What starts in the context was dealt with when it was held.
    const spans = findSecrets(joined, this.extra).filter((span) => span.start >= context.length);
    // The held record takes what is before the cut, and the whole of a secret across it (its marker).
    const before: Span[] = [];
    let resume = cut;
    for (const span of spans) {
      if (span.start >= cut) break;
      before.push({ ...span, start: span.start - context.length, end: span.end - context.length });
      if (span.end > cut) resume = span.end;
    }
    this.count += before.length;
    next({ ...held, text: applySpans(joined.slice(context.length, resume), before) });
    const rest = { ...piece, text: joined.slice(resume) };
    const restContext = joined.slice(Math.max(context.length, resume - CONTEXT_CHARS), resume);
    if (piece.text.length >= this.holdFrom) this.hold(rest, restContext);
    else this.emit(rest, rest.text, next, restContext);
  }

  private release(next: Next): void {
    if (!this.held) return;
    const held = this.held;
    this.held = undefined;
    this.emit(held, held.text, next, this.heldContext);
  }

  /** Redacts a line (or screen row; `context`: a piece's, see joinHeld), and opens a key's block when one ends inside one. */
  private emit(record: AuditRecord, text: string, next: Next, context?: string): void {
    // Nearly every line: passed on as it is, nothing allocated for it.
    if (context === undefined && this.extra.length === 0 && !MAY_HOLD_SECRET.test(text)) return next(record);
    let spans: Span[];
    if (context === undefined) spans = findSecrets(text, this.extra);
    else {
      spans = [];
      for (const span of findSecrets(context + text, this.extra)) {
        if (span.start >= context.length) spans.push({ ...span, start: span.start - context.length, end: span.end - context.length });
      }
    }
    this.count += spans.length;
    const last = spans[spans.length - 1];
    // A key's BEGIN whose base64 runs to the end of the line: its body follows on the next lines.
    if (record.kind !== 'piece' && last && last.kind === 'pem-private-key' && last.end === text.length && !PEM_END.test(text.slice(last.start))) {
      this.pemLines = 0;
      this.pemPrefix = bodyPrefix(text.slice(0, last.start));
    }
    next(spans.length ? { ...record, text: applySpans(text, spans) } : record);
  }

  /** Inside a key's block: a body line is swallowed (true), the END line closes it; anything else ends the block and is recorded as usual. */
  private inPem(record: AuditRecord, next: Next): boolean {
    let text = record.text;
    const prefix = this.pemPrefix?.exec(text);
    if (prefix) text = text.slice(prefix[0].length);
    const end = PEM_END.exec(text);
    if (end && PEM_BODY.test(text.slice(0, end.index))) {
      this.pemLines = -1;
      const rest = text.slice(end.index + end[0].length);
      // Only what follows END: the record's own text still holds the key's last body line.
      if (rest !== '') this.emit({ ...record, text: rest }, rest, next);
      return true;
    }
    if (PEM_BODY.test(text) && this.pemLines < PEM_MAX_LINES) {
      this.pemLines++;
      return true;
    }
    this.pemLines = -1;
    return false;
  }

  /** Events carry pane text too (a command's `cmd`, an error's message): every text field is redacted; `stop` says how many were. */
  private event(record: AuditRecord): AuditRecord {
    let fields: Record<string, string | number | undefined> | undefined;
    for (const [key, value] of Object.entries(record.fields ?? {})) {
      if (typeof value !== 'string') continue;
      const redacted = redactText(value, this.extra);
      if (redacted.count === 0) continue;
      this.count += redacted.count;
      fields ??= { ...record.fields };
      fields[key] = redacted.text;
    }
    // Only when there were any: a stop without it had nothing redacted (the start event says `redact=off` when it was off).
    if (record.text === 'stop' && this.count > 0) fields = { ...(fields ?? record.fields), redacted: this.count };
    return fields ? { ...record, fields: fields as EventFields } : record;
  }
}
