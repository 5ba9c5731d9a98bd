import { describe, expect, it } from 'vitest';
import { instanceKeys, rateLimitKey, untaggedKeys } from './keyspace.js';

describe('instanceKeys', () => {
  it("keeps the original's keys exactly and tags Hourbook's booking keys with the slug", () => {
    const sut = instanceKeys('cps-software');

    expect(sut).toMatchObject({
      config: 'instance:cps-software:config',
      legacy: 'instance:cps-software:bookings',
      dates: 'instance:{cps-software}:dates',
      dayPrefix: 'instance:{cps-software}:day:',
      revision: 'instance:{cps-software}:rev',
      configCopy: 'instance:{cps-software}:config-copy',
    });
  });

  it('names the layout before the tags, read once by the upgrade', () => {
    expect(untaggedKeys('cps-software')).toEqual({
      dates: 'instance:cps-software:dates',
      dayPrefix: 'instance:cps-software:day:',
      revision: 'instance:cps-software:rev',
    });
  });

  it('refuses a slug with a brace, which could move its keys into another instance’s slot', () => {
    expect(() => instanceKeys('a}{b')).toThrow('Invalid instance slug');
    expect(() => rateLimitKey({ budget: 'read', client: '203.0.113.9', instance: 'x}' })).toThrow(
      'Invalid instance slug',
    );
  });
});

describe('rateLimitKey', () => {
  it("keeps an instance's budget in the instance's slot, e.g. ratelimit:{cps-software}:w:203.0.113.9", () => {
    expect(rateLimitKey({ budget: 'write', client: '203.0.113.9', instance: 'cps-software' })).toBe(
      'ratelimit:{cps-software}:w:203.0.113.9',
    );
    expect(rateLimitKey({ budget: 'read', client: '203.0.113.9' })).toBe('ratelimit:r:203.0.113.9');
  });
});
