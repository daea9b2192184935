// IP and CIDR parsing with the strictness Kubernetes applies (netip: no leading zeros, no zones in CIDRs).

const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** 4 or 6 for a valid address, 0 otherwise. */
export function isIP(s: string): 0 | 4 | 6 {
  if (v4.test(s)) return 4;
  return parseIPv6(s) ? 6 : 0;
}

/** The 16 bytes of an IPv6 address (an embedded dotted quad allowed), or undefined. */
export function parseIPv6(s: string): number[] | undefined {
  if (!s.includes(':') || s.includes('%')) return undefined;
  let tail: number[] = [];
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const quad = s.slice(lastColon + 1);
    if (!v4.test(quad)) return undefined;
    tail = quad.split('.').map(Number);
    text = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const all = [...head, ...rest];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = 8 - all.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const words = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
  const bytes = words.flatMap((w) => [w >> 8, w & 255]);
  if (tail.length) bytes.splice(12, 4, ...tail);
  return bytes;
}

export function parseIPv4(s: string): number[] | undefined {
  return v4.test(s) ? s.split('.').map(Number) : undefined;
}

/** The bytes of an address of either family. */
export function parseIP(s: string): number[] | undefined {
  return parseIPv4(s) ?? parseIPv6(s);
}

export function isCIDR(s: string): boolean {
  return parseCIDR(s) !== undefined;
}

export function parseCIDR(s: string): { ip: number[]; prefix: number } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
  const prefix = Number(p);
  return prefix <= ip.length * 8 ? { ip, prefix } : undefined;
}
