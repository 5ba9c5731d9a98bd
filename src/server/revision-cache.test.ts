import { describe, expect, it } from 'vitest';
import { createRevisionCache } from './revision-cache.js';

describe('createRevisionCache', () => {
  it('returns what was stored under a key', () => {
    const sut = createRevisionCache({ maxEntries: 4, maxChars: 100 });
    sut.set('r1|all', '{}');
    expect(sut.get('r1|all')).toBe('{}');
    expect(sut.get('r2|all')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond the entry limit', () => {
    const sut = createRevisionCache({ maxEntries: 2, maxChars: 100 });
    sut.set('a', '1');
    sut.set('b', '2');
    sut.get('a');
    sut.set('c', '3');
    expect([sut.get('a'), sut.get('b'), sut.get('c')]).toEqual(['1', undefined, '3']);
  });

  it('keeps the total size under its limit and skips bodies larger than it', () => {
    const sut = createRevisionCache({ maxEntries: 10, maxChars: 10 });
    sut.set('big', 'x'.repeat(11));
    sut.set('a', 'x'.repeat(6));
    sut.set('b', 'x'.repeat(6));
    expect([sut.get('big'), sut.get('a'), sut.get('b')]).toEqual([undefined, undefined, 'xxxxxx']);
  });
});
