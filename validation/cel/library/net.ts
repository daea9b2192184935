// Kubernetes' IP and CIDR libraries: ip(), isIP(), ip.isCanonical(), family and the address classes,
// cidr(), isCIDR(), containsIP/containsCIDR, masked, prefixLength.
import type { Environment } from '@marcbachmann/cel-js';
import { parseCIDR, parseIP } from '../../net.js';
import { celError, define, namespace } from './register.js';

export class IPAddress {
  constructor(
    readonly bytes: number[],
    readonly text: string,
  ) {}
  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }
  /** Go's netip String(): dotted quad or RFC 5952 compressed form. */
  canonical(): string {
    if (this.family === 4) return this.bytes.join('.');
    const words = Array.from({ length: 8 }, (_, i) => (this.bytes[2 * i]! << 8) | this.bytes[2 * i + 1]!);
    let best = [-1, 0];
    for (let i = 0; i < 8; ) {
      let j = i;
      while (j < 8 && words[j] === 0) j++;
      if (j - i > best[1]! && j - i > 1) best = [i, j - i];
      i = j === i ? i + 1 : j;
    }
    const hex = words.map((w) => w.toString(16));
    if (best[0]! < 0) return hex.join(':');
    return `${hex.slice(0, best[0]).join(':')}::${hex.slice(best[0]! + best[1]!).join(':')}`;
  }
}

export class CIDRBlock {
  constructor(
    readonly ip: IPAddress,
    readonly prefix: number,
    readonly text: string,
  ) {}
  contains(bytes: number[]): boolean {
    if (bytes.length !== this.ip.bytes.length) return false;
    for (let bit = 0; bit < this.prefix; bit++) {
      const mask = 0x80 >> (bit % 8);
      if ((bytes[bit >> 3]! & mask) !== (this.ip.bytes[bit >> 3]! & mask)) return false;
    }
    return true;
  }
  masked(): CIDRBlock {
    const bytes = this.ip.bytes.map((b, i) => {
      const keep = Math.max(0, Math.min(8, this.prefix - i * 8));
      return b & (0xff << (8 - keep)) & 0xff;
    });
    const ip = new IPAddress(bytes, '');
    return new CIDRBlock(ip, this.prefix, `${ip.canonical()}/${this.prefix}`);
  }
}

function toIP(s: string): IPAddress {
  const bytes = parseIP(s);
  if (!bytes)
    throw celError(
      `IP Address ${JSON.stringify(s)} parse error during conversion from string: ParseAddr(${JSON.stringify(s)}): unable to parse IP`,
    );
  return new IPAddress(bytes, s);
}

function toCIDR(s: string): CIDRBlock {
  const c = parseCIDR(s);
  if (!c)
    throw celError(
      `network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(s)}): invalid prefix`,
    );
  return new CIDRBlock(new IPAddress(c.ip, s.slice(0, s.indexOf('/'))), c.prefix, s);
}

const isMapped4 = (b: number[]) =>
  b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 255 && b[11] === 255;

function classify(ip: IPAddress) {
  const b = ip.bytes;
  const v4 = ip.family === 4;
  return {
    unspecified: b.every((x) => x === 0),
    loopback: v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1,
    linkLocalMulticast: v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1]! & 0x0f) === 2,
    linkLocalUnicast: v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1]! & 0xc0) === 0x80,
    multicast: v4 ? (b[0]! & 0xf0) === 0xe0 : b[0] === 0xff,
  };
}

export function registerNet(env: Environment): void {
  env.registerType('net.IP', IPAddress);
  env.registerType('net.CIDR', CIDRBlock);
  define(env, 'ip(string): net.IP', (s: string) => {
    const ip = toIP(s);
    if (ip.family === 6 && isMapped4(ip.bytes) && s.includes('.'))
      throw celError(
        `IP Address ${JSON.stringify(s)} parse error during conversion from string: IPv4-mapped IPv6 addresses are not allowed`,
      );
    return ip;
  });
  define(env, 'isIP(string): bool', (s: string) => parseIP(s) !== undefined && !s.includes('%'));
  namespace(env, 'ip', 'kubernetes.IPNamespace');
  define(env, 'kubernetes.IPNamespace.isCanonical(string): bool', (_: unknown, s: string) => toIP(s).canonical() === s);
  define(env, 'net.IP.family(): int', (ip: IPAddress) => BigInt(ip.family));
  define(env, 'net.IP.isUnspecified(): bool', (ip: IPAddress) => classify(ip).unspecified);
  define(env, 'net.IP.isLoopback(): bool', (ip: IPAddress) => classify(ip).loopback);
  define(env, 'net.IP.isLinkLocalMulticast(): bool', (ip: IPAddress) => classify(ip).linkLocalMulticast);
  define(env, 'net.IP.isLinkLocalUnicast(): bool', (ip: IPAddress) => classify(ip).linkLocalUnicast);
  define(env, 'net.IP.isGlobalUnicast(): bool', (ip: IPAddress) => {
    const c = classify(ip);
    const broadcast = ip.family === 4 && ip.bytes.every((x) => x === 255);
    return !(c.unspecified || c.loopback || c.multicast || c.linkLocalUnicast || broadcast);
  });
  define(env, 'string(net.IP): string', (ip: IPAddress) => ip.canonical());
  define(env, 'cidr(string): net.CIDR', (s: string) => toCIDR(s));
  define(env, 'isCIDR(string): bool', (s: string) => parseCIDR(s) !== undefined);
  define(env, 'net.CIDR.containsIP(net.IP): bool', (c: CIDRBlock, ip: IPAddress) => c.contains(ip.bytes));
  define(env, 'net.CIDR.containsIP(string): bool', (c: CIDRBlock, s: string) => c.contains(toIP(s).bytes));
  define(
    env,
    'net.CIDR.containsCIDR(net.CIDR): bool',
    (c: CIDRBlock, o: CIDRBlock) => o.prefix >= c.prefix && c.contains(o.ip.bytes),
  );
  define(env, 'net.CIDR.containsCIDR(string): bool', (c: CIDRBlock, s: string) => {
    const o = toCIDR(s);
    return o.prefix >= c.prefix && c.contains(o.ip.bytes);
  });
  define(env, 'net.CIDR.ip(): net.IP', (c: CIDRBlock) => c.ip);
  define(env, 'net.CIDR.masked(): net.CIDR', (c: CIDRBlock) => c.masked());
  define(env, 'net.CIDR.prefixLength(): int', (c: CIDRBlock) => BigInt(c.prefix));
  define(env, 'string(net.CIDR): string', (c: CIDRBlock) => `${c.ip.canonical()}/${c.prefix}`);
  for (const t of ['net.IP', 'net.CIDR']) {
    try {
      env.registerOperator(`${t} == ${t}`, (a: IPAddress | CIDRBlock, b: IPAddress | CIDRBlock) => same(a, b));
    } catch {
      // already declared
    }
  }
}

function same(a: IPAddress | CIDRBlock, b: IPAddress | CIDRBlock): boolean {
  if (a instanceof IPAddress && b instanceof IPAddress) return a.canonical() === b.canonical();
  if (a instanceof CIDRBlock && b instanceof CIDRBlock)
    return a.prefix === b.prefix && a.ip.canonical() === b.ip.canonical();
  return false;
}
