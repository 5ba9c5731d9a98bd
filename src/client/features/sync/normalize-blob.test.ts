import { describe, expect, it } from 'vitest';
import { normalizeBlob } from './normalize-blob.js';

describe('normalizeBlob', () => {
  it('ignores bodies that are not plain objects', () => {
    expect(normalizeBlob(null)).toBeNull();
    expect(normalizeBlob([])).toBeNull();
    expect(normalizeBlob('{}')).toBeNull();
  });

  it('keeps well-formed bookings and drops malformed dates, hours and entries', () => {
    const sut = normalizeBlob({
      '2026-11-24': { '09:00': { user: 'Jack', duration: 2 }, '10:00': null, '7:00': { user: 'x', duration: 1 } },
      '2026-02-30': { '09:00': { user: 'Jack', duration: 1 } },
      '2026-11-25': { '12:00': { user: 'Rue', duration: 'two' } },
    });
    expect(sut).toEqual({ '2026-11-24': { '09:00': { user: 'Jack', duration: 2 } } });
  });
});
