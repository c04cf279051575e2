// A small decoder of the shell snippets' OSC 133 records (shell/integration.*), for tests that
// read a pane's raw output: ESC ] 133 ; <kind> [; <exit status>] ; key=value ... ESC \ .
// Values are percent-decoded to bytes; it checks nothing, the tests do.

export interface Osc133 {
  /** A, B, C or D. */
  kind: string;
  /** D's first parameter: the exit status. */
  status?: string;
  /** key=value options, values percent-decoded. */
  fields: Map<string, Buffer>;
  /** The body between `133;` and ST, as sent. */
  body: string;
}

/** %XX to its byte; every other byte as it is. */
export function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  const raw = Buffer.from(text, 'latin1');
  for (let i = 0; i < raw.length; i++) {
    const hex = raw.subarray(i + 1, i + 3).toString('latin1');
    if (raw[i] === 0x25 && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(raw[i]!);
    }
  }
  return Buffer.from(bytes);
}

/** Every OSC 133 record in `output`, in order. */
export function decodeOsc133(output: Buffer): Osc133[] {
  const records: Osc133[] = [];
  // latin1: one char per byte, so bytes survive the regex.
  for (const match of output.toString('latin1').matchAll(/\x1b\]133;([^\x1b\x07]*)\x1b\\/g)) {
    const body = match[1]!;
    const [kind = '', ...params] = body.split(';');
    const record: Osc133 = { kind, fields: new Map(), body };
    if (kind === 'D' && params.length > 0 && !params[0]!.includes('=')) record.status = params.shift();
    for (const param of params) {
      const at = param.indexOf('=');
      if (at > 0) record.fields.set(param.slice(0, at), percentDecode(param.slice(at + 1)));
    }
    records.push(record);
  }
  return records;
}

/** A field as UTF-8 text ('' if absent). */
export function field(record: Osc133, key: string): string {
  return record.fields.get(key)?.toString('utf8') ?? '';
}
