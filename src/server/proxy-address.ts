import { isIP } from 'node:net';

/** proxy-addr's names for whole ranges, which Fastify's `trustProxy` takes as well. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address or CIDR range `--trust-proxy` can take (Fastify would throw an uncoded error at start). */
export function isProxyAddress(text: string): boolean {
  if (RANGE_NAMES.has(text)) return true;
  const [address = '', prefix, ...rest] = text.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // A range wider than /8 (IPv4) or /7 (IPv6, the private fc00::/7) is not a set of balancers but
  // much of the internet: trusting it would let any client name its own address again.
  return (
    /^\d{1,3}$/.test(prefix) && Number(prefix) >= (family === 4 ? 8 : 7) && Number(prefix) <= (family === 4 ? 32 : 128)
  );
}

/**
 * The key a client is limited by: its address, or for IPv6 its /64 — one subscriber's network,
 * within which a client may choose any of 2^64 addresses at will.
 */
export function clientKey(address: string): string {
  if (isIP(address) !== 6 || address.startsWith('::ffff:')) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
