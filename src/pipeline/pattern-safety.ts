// Whether a user's redaction pattern (`@audit-redact-patterns`) is safe to run
// on every line a pane prints. Anyone on the server can set the option, and a
// backtracking engine (V8's irregexp) takes exponential time on a pattern like
// `(a+)+$` against a line of a's that does not end as it wants: the reader,
// which must never fall behind the pane, would freeze on 30 characters. A
// conservative static check: a repeated group may not hold a repeat or an
// alternation (the shapes of catastrophic backtracking), and backreferences
// (which no automaton runs in linear time) are refused. Repeats side by side
// are polynomial (`a*a*b` took 31 s on a 16 KB line): at most one repeat may
// be long (unbounded, or more than SHORT_REPEAT), and the short ones together
// may try at most TRIES ways; with that, redact.ts's bounded windows keep a
// pattern's cost per line bounded (quadratic in the window, at worst). Pure.

/** A repeat of at most this many is short. */
const SHORT_REPEAT = 16;
/**
 * The most ways the short repeats of one pattern may split a text between them
 * (the product of their counts + 1); fewer beside a long repeat, which each
 * of those ways runs to the window's end (`a?a?a?a?a?a?a?a?a?a?a?a+b` took
 * minutes on a 16 KB line).
 */
const TRIES = 256;
const TRIES_BESIDE_LONG = 4;

/** Why `source` is refused, or undefined when it may be used. */
export function riskyPattern(source: string): string | undefined {
  interface Group {
    repeat: boolean;
    alternation: boolean;
  }
  const stack: Group[] = [{ repeat: false, alternation: false }];
  // What a quantifier would apply to: a group just closed (with what it held), or anything else.
  let last: Group | 'atom' | undefined;
  let long = 0;
  let tries = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'it has a backreference';
      i++;
      last = 'atom';
    } else if (c === '[') {
      // A class is one atom: to its closing `]` (escapes inside skipped; a `]` first is literal).
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      last = 'atom';
    } else if (c === '(') {
      stack.push({ repeat: false, alternation: false });
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` is no quantifier.
      if (source[i + 1] === '?') {
        i++;
        if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') i = Math.max(i, source.indexOf('>', i));
        else i++;
      }
      last = undefined;
    } else if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { repeat: false, alternation: false };
      const parent = stack[stack.length - 1]!;
      parent.repeat ||= group.repeat;
      last = group;
    } else if (c === '|') {
      stack[stack.length - 1]!.alternation = true;
      last = undefined;
    } else if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i)))) {
      if (typeof last === 'object' && (last.repeat || last.alternation)) {
        return last.repeat ? 'it repeats a group that holds a repeat (nested quantifiers)' : 'it repeats a group that holds alternatives';
      }
      const bound = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i))! : undefined;
      const most = c === '?' ? 1 : bound ? (bound[2] === undefined ? Number(bound[1]) : bound[3] === '' ? Infinity : Number(bound[3])) : Infinity;
      if (most > SHORT_REPEAT) {
        if (++long > 1) return `it has more than one long repeat (*, +, {n,} or over {,${SHORT_REPEAT}}); bound all but one, e.g. {1,${SHORT_REPEAT}}`;
      } else tries *= most + 1;
      if (tries > (long > 0 ? TRIES_BESIDE_LONG : TRIES)) return 'its repeats together can split a text too many ways';
      if (c === '{') i = source.indexOf('}', i);
      // A lazy or possessive-looking `?` after a quantifier belongs to it.
      if (source[i + 1] === '?') i++;
      stack[stack.length - 1]!.repeat = true;
      last = undefined;
    } else last = 'atom';
  }
  return undefined;
}
