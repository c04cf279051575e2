// Semantic-prompt strings, as shells send them: OSC 133 (FinalTerm's marks,
// used by iTerm2, kitty, WezTerm, Ghostty, fish 4 and this plugin's shell/
// snippets) and OSC 633 (VS Code's, which adds the command line as `E`).
// Pure parsing: what the marks mean for the log is capture/commands.ts's.
//
//   133;A          prompt starts          633;A / B / C / D alike
//   133;B          input starts           633;E;<command line>[;<nonce>]
//   133;C;k=v;...  a command runs         633;P;Cwd=<path>
//   133;D[;<exit>][;k=v...]  it ended
//
// Option values are percent-encoded by our snippets (`cmdline_url`, `cwd`,
// `user`, `host`: any byte survives, `;` included); VS Code escapes its
// command line as `\xAB` and `\\`.

export type ShellMarkCode = 'A' | 'B' | 'C' | 'D' | 'E' | 'P';

export interface ShellMark {
  /** 133 or 633. */
  family: number;
  code: ShellMarkCode;
  /** D: the exit status as given (digits, else undefined). */
  exit?: string;
  /** 633 E: the command line, decoded; 633 P: `key=value`. */
  value?: string;
  /** 633 E: the nonce VS Code adds. */
  nonce?: string;
  /** `key=value` options, values as given (decode with decodePercent where they are encoded). */
  options: Map<string, string>;
}

const CODES = new Set(['A', 'B', 'C', 'D', 'E', 'P']);

/** One semantic-prompt body (what follows `133;`), or undefined when it is not a mark we know. */
export function parseShellMark(family: number, data: string): ShellMark | undefined {
  const parts = data.split(';');
  const code = parts[0]!;
  if (!CODES.has(code) || (family === 133 && (code === 'E' || code === 'P'))) return undefined;
  const mark: ShellMark = { family, code: code as ShellMarkCode, options: new Map() };
  let rest = parts.slice(1);
  if (family === 633 && code === 'E') {
    mark.value = decodeVsCode(rest[0] ?? '');
    if (rest[1] !== undefined) mark.nonce = rest[1];
    return mark;
  }
  if (family === 633 && code === 'P') {
    mark.value = decodeVsCode(rest.join(';'));
    return mark;
  }
  if (code === 'D' && rest.length > 0 && !rest[0]!.includes('=')) {
    if (/^\d{1,10}$/.test(rest[0]!)) mark.exit = rest[0];
    rest = rest.slice(1);
  }
  for (const option of rest) {
    const equals = option.indexOf('=');
    // The first of a key counts: a later copy cannot replace what came first.
    if (equals > 0 && !mark.options.has(option.slice(0, equals))) mark.options.set(option.slice(0, equals), option.slice(equals + 1));
  }
  return mark;
}

/** `%XX`-encoded bytes as text: valid UTF-8 as it is, any other byte as `\xNN` (as in output lines). */
export function decodePercent(value: string): string {
  if (!value.includes('%')) return value;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === 0x25 && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (unit < 0x80) bytes.push(unit);
    else {
      // Already text (a raw UTF-8 character the parser decoded): its bytes again.
      const codePoint = value.codePointAt(i)!;
      if (codePoint > 0xffff) i++;
      for (const byte of Buffer.from(String.fromCodePoint(codePoint), 'utf8')) bytes.push(byte);
    }
  }
  return bytesToText(Buffer.from(bytes));
}

/** VS Code's escaping of 633 E and P: `\\` is a backslash, `\xAB` a byte. */
function decodeVsCode(value: string): string {
  if (!value.includes('\\')) return value;
  return decodePercent(value.replace(/%/g, '%25').replace(/\\\\|\\x([0-9a-fA-F]{2})/g, (_whole, hex: string | undefined) => (hex ? `%${hex}` : '\\')));
}

/** Lengths and second-byte ranges of UTF-8 (Unicode 15, table 3-7), by lead byte. */
function sequence(lead: number): [number, number, number] | undefined {
  if (lead < 0x80) return [1, 0, 0];
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return undefined;
}

/** Bytes as text: well-formed UTF-8 decoded, every other byte written `\xNN`. */
export function bytesToText(bytes: Buffer): string {
  let text = '';
  let from = 0;
  for (let i = 0; i < bytes.length; ) {
    const form = sequence(bytes[i]!);
    let length = form ? form[0] : 0;
    if (form && length > 1) {
      const second = bytes[i + 1];
      if (second === undefined || second < form[1] || second > form[2]) length = 0;
      for (let k = 2; k < length; k++) {
        const next = bytes[i + k];
        if (next === undefined || next < 0x80 || next > 0xbf) length = 0;
      }
    }
    if (length > 0) {
      i += length;
      continue;
    }
    text += bytes.toString('utf8', from, i) + `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
    i++;
    from = i;
  }
  return text + bytes.toString('utf8', from);
}
