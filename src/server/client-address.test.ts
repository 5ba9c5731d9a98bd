import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddressResolver, normaliseAddress } from './client-address.js';

describe('normaliseAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
  ])('spells %s as %s', (input, expected) => {
    expect(normaliseAddress(input)).toBe(expected);
  });

  it.each(['read:1.2.3.4', '1.2.3.4:443', 'unknown', '', '1.2.3', 'fe80::1%eth0', 'x'.repeat(500)])(
    'refuses %s',
    (input) => {
      expect(normaliseAddress(input)).toBeUndefined();
    },
  );
});

describe('clientAddressResolver', () => {
  const resolve = async (trustProxy: number | boolean, headers: Record<string, string>, socket = '::ffff:10.1.1.1') => {
    const sut = clientAddressResolver({ trustProxy, socketAddress: () => socket });
    const app = new Hono().get('/', (c) => c.text(sut(c)));
    return (await app.request('/', { headers })).text();
  };

  it('uses the socket address, normalised, when no proxy is trusted', async () => {
    expect(await resolve(0, { 'X-Forwarded-For': '203.0.113.1' })).toBe('10.1.1.1');
    expect(await resolve(false, { 'X-Real-IP': '203.0.113.1' })).toBe('10.1.1.1');
  });

  it('ignores X-Real-IP behind a proxy', async () => {
    expect(await resolve(1, { 'X-Real-IP': '203.0.113.1' })).toBe('10.1.1.1');
  });

  it('reads true as one hop and takes the left-most entry when there are fewer than N', async () => {
    expect(await resolve(true, { 'X-Forwarded-For': '198.51.100.1, 203.0.113.1' })).toBe('203.0.113.1');
    expect(await resolve(3, { 'X-Forwarded-For': '203.0.113.5, 10.0.0.2' })).toBe('203.0.113.5');
  });

  it('answers unknown when neither the header nor the socket holds an address', async () => {
    expect(await resolve(1, { 'X-Forwarded-For': 'garbage' }, '')).toBe('unknown');
  });
});
