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
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
