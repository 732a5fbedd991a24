import { describe, expect, it } from 'vitest';
import { clientKey, isProxyAddress } from './proxy-address.ts';

describe('--trust-proxy addresses', () => {
  it('takes IPv4 and IPv6 addresses, CIDR ranges and proxy-addr range names; nothing else', () => {
    for (const text of ['127.0.0.2', '10.0.0.0/8', '::1', 'fd00::/8', '192.168.1.0/24', 'loopback', 'uniquelocal'])
      expect(isProxyAddress(text), text).toBe(true);
    for (const text of [
      '',
      'true',
      'proxy.example',
      '10.0.0.0/33',
      '::1/129',
      '10.0.0.0/8/1',
      '10.0.0.0/',
      '256.0.0.1',
      '0.0.0.0/0',
      '::/0',
      '10.0.0.0/7',
      '2000::/3',
    ])
      expect(isProxyAddress(text), text).toBe(false);
  });

  it('limits an IPv6 client by its /64, any other by its address', () => {
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe(clientKey('2001:db8:1:2::9'));
    expect(clientKey('2001:db8:1:3::9')).not.toBe(clientKey('2001:db8:1:2::9'));
    for (const address of ['127.0.0.1', '10.1.2.3', '::ffff:10.1.2.3']) expect(clientKey(address)).toBe(address);
  });
});
