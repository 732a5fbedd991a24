import { describe, expect, it } from 'vitest';
import { isProxyAddress } from './proxy-address.ts';

describe('--trust-proxy addresses', () => {
  it('takes IPv4 and IPv6 addresses, CIDR ranges and proxy-addr range names; nothing else', () => {
    for (const text of ['127.0.0.2', '10.0.0.0/8', '::1', 'fd00::/8', '192.168.1.0/24', 'loopback', 'uniquelocal']) expect(isProxyAddress(text), text).toBe(true);
    for (const text of ['', 'true', 'proxy.example', '10.0.0.0/33', '::1/129', '10.0.0.0/8/1', '10.0.0.0/', '256.0.0.1']) expect(isProxyAddress(text), text).toBe(false);
  });
});
