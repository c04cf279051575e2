// `@audit-syslog` and `@audit-syslog-facility`, parsed: where records are
// forwarded, and under which facility. Pure.

export type Transport = 'unix' | 'udp' | 'tcp' | 'tls';

export interface SyslogTarget {
  transport: Transport;
  /** The socket's path (unix). */
  path?: string;
  host?: string;
  port?: number;
  /** RFC 5424 §6.2.1 facility number. */
  facility: number;
  /** tls: a CA file to trust (else Node's default CAs). */
  ca?: string;
}

/** RFC 5424 §6.2.1 Table 1 (the names syslog.conf uses). */
export const FACILITIES: Readonly<Record<string, number>> = {
  kern: 0, user: 1, mail: 2, daemon: 3, auth: 4, syslog: 5, lpr: 6, news: 7, uucp: 8, cron: 9,
  authpriv: 10, ftp: 11, ntp: 12, security: 13, console: 14, clock: 15,
  local0: 16, local1: 17, local2: 18, local3: 19, local4: 20, local5: 21, local6: 22, local7: 23,
};

/** `unix:///dev/log`, `udp://host:514`, `tcp://[::1]:6514`, `tls://host:6514`; throws saying what is wrong. */
export function parseSyslogTarget(url: string, facilityName: string, ca: string): SyslogTarget {
  const facility = FACILITIES[facilityName.trim().toLowerCase() || 'authpriv'];
  if (facility === undefined) throw new Error(`unknown facility '${facilityName}' (one of ${Object.keys(FACILITIES).join(', ')})`);
  const unix = /^unix:\/\/(\/.+)$/.exec(url);
  if (unix) return { transport: 'unix', path: unix[1]!, facility };
  const net = /^(udp|tcp|tls):\/\/(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})\/?$/.exec(url);
  if (!net) throw new Error('is not unix:///path, udp://host:port, tcp://host:port or tls://host:port');
  const port = Number(net[4]);
  if (port < 1 || port > 65535) throw new Error(`port ${port} is out of range`);
  const transport = net[1] as Transport;
  return { transport, host: net[2] ?? net[3]!, port, facility, ...(transport === 'tls' && ca ? { ca } : {}) };
}

/** As a user would write it. */
export function describeTarget(target: SyslogTarget): string {
  if (target.transport === 'unix') return `unix://${target.path}`;
  return `${target.transport}://${target.host!.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
