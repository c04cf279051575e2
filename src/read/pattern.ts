// A user's regular expression, made into what the scan loop needs: the test
// for one line's text, and a shortlist over whole pieces of a file.
//
// The shortlist runs the same expression over many lines at once (flags g, m),
// over the Latin-1 view of the bytes (scan.ts). Every line whose text matches
// also matches there, at the same place, as long as the expression
// - does not look at what stands before the text (`^`, lookbehind: before the
//   text is the stamp, not the start of a string) or past its end (lookahead:
//   after it is the next line), and
// - reads the same in both views: ASCII only, and nothing that matches a
//   non-ASCII character (`.`, `[^…]`, `\s`, `\S`, `\W`, `\D`, `\u…`, `\x…`,
//   `\p{…}`), which is one character in the text but two to four in the view.
//   (Without the u flag, case-blindness never pairs ASCII with non-ASCII.)
// Other expressions are tested on every line instead: slower, never wrong.

import { AuditError } from '../core/errors.ts';
import { escapeText } from '../format/text.ts';
import { caseBlindNeedle } from './fold.ts';

export interface Pattern {
  /** Tests a line's text (no g flag: no state). */
  test: RegExp;
  /** The expression's source for a shortlist, or undefined when it must be tested line by line. */
  shortlist: string | undefined;
  /** A string every match contains (its UTF-8 bytes), when there is one worth searching for: the fastest shortlist. */
  literal: Buffer | undefined;
  /**
   * Case-blind (`-i`): an ASCII string every match holds up to ASCII case (without the u flag case-blindness
   * never pairs ASCII with non-ASCII), lower-cased: a shortlist found up to case (needle.ts caseBlindNeedle).
   */
  folded: Buffer | undefined;
  /** The expression is the literal itself, printable ASCII, case-sensitive: a line's text matches when its bytes contain it. */
  plain: boolean;
  flags: string;
}

/** Characters that stand for themselves unescaped. */
const PLAIN = /[^\\^$.|?*+()[\]{}]/;

/**
 * The longest string that every match of `source` contains, read
 * conservatively (no alternation; groups, classes and escapes other than
 * escaped punctuation end a run; a quantified character is left out, or ends
 * the run when it is required); undefined when there is none of 3 characters.
 */
/** One escape of a JavaScript expression (outside a class), whole. */
const ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]+\}|u[0-9A-Fa-f]{4}|c[A-Za-z]|k<[^>]*>|[pP]\{[^}]*\}|[0-9]+|[^])/y;

export function requiredLiteral(source: string): string | undefined {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < source.length; ) {
    const char = source[i]!;
    let literal: string | undefined;
    let next = i + 1;
    if (char === '|') return undefined;
    if (char === '\\') {
      const escaped = source[i + 1] ?? '';
      if (/[^A-Za-z0-9]/.test(escaped)) literal = escaped;
      // A letter or digit escape is not a literal, and may be longer than two characters (`\x41`,
      // `\u00e9`, `\k<name>`, `\12`): skipped whole, or its tail would pass for a required literal.
      ESCAPE.lastIndex = i;
      next = i + (ESCAPE.exec(source)?.[0].length ?? 2);
    } else if (char === '[') {
      // A class: skip to its end.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      next = j + 1;
    } else if (char === '(') {
      // A group: skip it whole (an alternation inside it does not matter).
      let depth = 0;
      let j = i;
      let inClass = false;
      for (; j < source.length; j++) {
        const c = source[j];
        if (c === '\\') {
          j++;
          continue;
        }
        if (inClass) {
          if (c === ']') inClass = false;
        } else if (c === '[') inClass = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      next = j + 1;
    } else if (PLAIN.test(char) && !/[\uD800-\uDFFF]/.test(char)) literal = char;
    // A quantifier after the token.
    const quantifier = source[next] ?? '';
    let optional = false;
    let repeated = false;
    if (quantifier === '?' || quantifier === '*') {
      optional = true;
      next++;
    } else if (quantifier === '+') {
      repeated = true;
      next++;
    } else if (quantifier === '{') {
      const braces = /^\{(\d+)(,\d*)?\}/.exec(source.slice(next));
      if (braces) {
        optional = Number(braces[1]) === 0;
        repeated = !optional;
        next += braces[0].length;
      }
    }
    if (next > i + 1 && (source[next] === '?')) next++; // lazy quantifier
    if (literal === undefined || optional) end();
    else {
      run += literal;
      if (repeated) end();
    }
    i = next;
  }
  end();
  return best.length >= 3 ? best : undefined;
}

/** Whether an expression's source has `^` or a lookaround outside a character class. */
export function looksAround(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '^') return true;
    else if (char === '(' && source[i + 1] === '?' && (source[i + 2] === '=' || source[i + 2] === '!' || (source[i + 2] === '<' && (source[i + 3] === '=' || source[i + 3] === '!')))) return true;
  }
  return false;
}

/** Whether an expression matches the same in the Latin-1 view of UTF-8 bytes as in the decoded text. */
export function readsSameInBytes(source: string): boolean {
  if (/[^\x00-\x7f]/.test(source)) return false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      if ('sSWDuxcpP'.includes(source[i + 1] ?? '')) return false;
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      if (source[i + 1] === '^') return false;
      inClass = true;
    } else if (char === '.') return false;
  }
  return true;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A shortlist source for the literal `text` in the Latin-1 view: its UTF-8 bytes, one character each. */
export function bytesLiteral(text: string): string {
  return escapeRegExp(Buffer.from(text, 'utf8').toString('latin1'));
}

/** The expression `source` (a fixed string with `fixed`), case-blind with `ignoreCase`; an error (exit 2) naming it if it does not compile. */
export function makePattern(source: string, options: { ignoreCase?: boolean; fixed?: boolean } = {}): Pattern {
  const body = options.fixed ? escapeRegExp(source) : source;
  const flags = options.ignoreCase ? 'i' : '';
  let test: RegExp;
  try {
    test = new RegExp(body, flags);
    // V8 compiles an expression at its first use: one too large for it fails there, not here.
    test.test('');
  } catch (error) {
    const shown = source.length > 200 ? `${source.slice(0, 200)}…` : source;
    const why = (error as Error).message.replace(/^Invalid regular expression: (?:\/[\s\S]*\/[a-z]*: )?/, '');
    throw new AuditError(`not a regular expression: '${escapeText(shown)}' (${why})`, 2);
  }
  let literal: string | undefined;
  if (!options.ignoreCase) literal = options.fixed ? (source.length >= 3 ? source : undefined) : requiredLiteral(body);
  let shortlist: string | undefined;
  if (!looksAround(body)) {
    if (readsSameInBytes(body)) shortlist = body;
    // A fixed string with non-ASCII characters: its bytes (case-blindness then only for ASCII letters: no shortlist).
    else if (options.fixed && !options.ignoreCase) shortlist = bytesLiteral(source);
  }
  // A run of plain characters only (an escape or a class would have left the literal shorter than the source).
  const plain = literal !== undefined && /^[\x20-\x7e]+$/.test(literal) && literal === (options.fixed ? source : body);
  const blind = options.ignoreCase ? (options.fixed ? (source.length >= 3 ? source : undefined) : requiredLiteral(body)) : undefined;
  const folded = blind !== undefined && /^[\x20-\x7e]+$/.test(blind) ? caseBlindNeedle(Buffer.from(blind.toLowerCase(), 'latin1')) : undefined;
  return { test, shortlist, literal: literal === undefined ? undefined : Buffer.from(literal, 'utf8'), folded, plain, flags };
}

/**
 * A shortlist that finds lines matching any of `sources` (undefined: every line
 * is needed). `flags` are the user's (case-blindness applies to all parts, which
 * only widens the list). The user's expression goes first, so that its
 * backreferences keep their numbers.
 */
export function shortlist(sources: readonly (string | undefined)[], flags = ''): RegExp | undefined {
  if (sources.length === 0 || sources.some((source) => source === undefined)) return undefined;
  const parts = sources as string[];
  return new RegExp(parts.length === 1 ? parts[0]! : parts.map((part) => `(?:${part})`).join('|'), `${flags}gm`);
}

/** A shortlist source for event lines (` * ` follows the place of every event; a printed line may hold it too). */
export const EVENT_LINES = ' \\* ';
