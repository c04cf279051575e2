// What stands before each line of a key printed by a tool that marks its
// lines: `cat -n`, `less -N` and vim's `set nu` (a line number), `grep -A`/`-B`
// (`key.pem-…` for context lines, `key.pem:…` for the match, `-n` adds the
// number), `diff` (`> …`, `< …`), a unified diff (`+…`, `-…`). Read from the
// BEGIN line's prefix, and only that shape is taken off the body lines that
// follow: a forged BEGIN line cannot make any other text pass for a body
// (`ls -la` is not `la` after a dash). Pure.

/** The prefix the body lines of a key whose BEGIN line starts with `prefix` carry, or undefined when it has none of these shapes. */
export function bodyPrefix(prefix: string): RegExp | undefined {
  if (prefix === '' || /^[ \t]+$/.test(prefix)) return undefined;
  // A line number: cat -n (`     1\t`), less -N and vim (`  1 `), nl.
  if (/^[ \t]*\d+[ \t:]+$/.test(prefix)) return /^[ \t]*\d+[ \t:]+/;
  // diff: `> `, `< `; a unified diff's `+` or `-`; `!` of a context diff.
  const mark = /^([<>+!-])[ \t]?$/.exec(prefix);
  if (mark) return new RegExp(`^\\${mark[1]}[ \\t]?`);
  // grep with a file name (several files, or -H), and -n: `name:`, `name-`, `name:12:`, `name-12-`.
  const grep = /^([^\s:]{1,4096}?)[:-](?:\d+[:-])?$/.exec(prefix);
  if (grep) return new RegExp(`^${grep[1]!.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}[:-](?:\\d+[:-])?`);
  return undefined;
}
