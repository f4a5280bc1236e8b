/**
 * Which IP addresses a fetch may connect to. A feed or page URL comes from a user or from
 * a redirect chosen by a remote server, so without this check Tidings could be pointed at
 * its own machine, the cloud metadata endpoint or the LAN (server-side request forgery).
 *
 * `addressBlockReason(ip)` names the reserved range an address falls in, or returns null
 * for a public unicast address. IPv4-mapped and IPv4-compatible IPv6 addresses (and NAT64
 * with the well-known prefix) are judged by the IPv4 address they carry.
 */
import { isIP } from 'node:net';

interface Range4 {
  base: number;
  bits: number;
  reason: string;
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

const RANGES4: Range4[] = [
  ['0.0.0.0', 8, 'unspecified ("this network")'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
].map(([ip, bits, reason]) => ({ base: ipv4ToInt(ip as string)!, bits: bits as number, reason: reason as string }));

function reason4(ip: string): string | null {
  const n = ipv4ToInt(ip);
  if (n === null) return 'not an IPv4 address';
  if (n === 0xffffffff) return 'broadcast';
  for (const r of RANGES4) {
    const size = 2 ** (32 - r.bits);
    if (n >= r.base && n < r.base + size) return r.reason;
  }
  return null;
}

/** Expands an IPv6 address to eight 16-bit groups (null when malformed). */
function ipv6Groups(ip: string): number[] | null {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  // A trailing dotted IPv4 part becomes two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = ipv4ToInt(dotted[2]);
    if (n === null) return null;
    s = `${dotted[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if ([...head, ...tail].some((g) => Number.isNaN(g))) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return null;
  return [...head, ...new Array(fill).fill(0), ...tail];
}

function reason6(ip: string): string | null {
  const g = ipv6Groups(ip);
  if (!g) return 'not an IPv6 address';
  const embedded4 = () => `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form)
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return reason4(embedded4());
  // 64:ff9b::/96 NAT64 reaches the IPv4 address it embeds
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return reason4(embedded4());
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local (ULA)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only';
  // 2002::/16 (6to4) embeds an IPv4 address in groups 1-2
  if (g[0] === 0x2002) return reason4(`${g[1] >> 8}.${g[1] & 0xff}.${g[2] >> 8}.${g[2] & 0xff}`);
  return null;
}

/**
 * Null when `ip` is a public unicast address; otherwise the name of the reserved range
 * (private, loopback, link-local, ULA, CGNAT, multicast, unspecified, …). Anything that
 * is not an IP address is refused too.
 */
export function addressBlockReason(ip: string): string | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0]);
  if (family === 4) return reason4(bare);
  if (family === 6) return reason6(bare);
  return 'not an IP address';
}

/** True when `host` (a URL hostname, brackets allowed) is an IP literal rather than a name. */
export function isIpLiteral(host: string): boolean {
  return isIP(host.replace(/^\[|\]$/g, '')) !== 0;
}
