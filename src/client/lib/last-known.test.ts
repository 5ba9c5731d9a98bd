import { describe, expect, it } from 'vitest';
import { LAST_BOOKINGS_KEY, LAST_CONFIG_KEY, lastKnownOf } from './last-known.js';
import type { LastKnownStorage } from './last-known.js';

function memoryStorage(): LastKnownStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const bookings = { '2026-11-24': { '14:00': { user: 'Joel', duration: 2 } } };

describe('lastKnownOf', () => {
  it('has nothing before the first answer', () => {
    const sut = lastKnownOf('/', memoryStorage());

    expect(sut.config()).toBeNull();
    expect(sut.bookings()).toBeNull();
  });

  it('gives back the config and bookings it was given', () => {
    const storage = memoryStorage();
    lastKnownOf('/', storage).rememberConfig({ title: 'Room' });
    lastKnownOf('/', storage).rememberBookings(bookings);

    const sut = lastKnownOf('/week', storage);

    expect(sut.config()).toEqual({ title: 'Room' });
    expect(sut.bookings()).toEqual(bookings);
    expect([...storage.data.keys()].sort()).toEqual([LAST_BOOKINGS_KEY, LAST_CONFIG_KEY]);
  });

  it('keeps each instance apart, as the offline queue does', () => {
    const storage = memoryStorage();
    lastKnownOf('/i/team-a/', storage).rememberBookings(bookings);

    expect(lastKnownOf('/', storage).bookings()).toBeNull();
    expect(lastKnownOf('/i/team-b/', storage).bookings()).toBeNull();
    expect(lastKnownOf('/i/team-a', storage).bookings()).toEqual(bookings);
    expect(storage.data.has(`${LAST_BOOKINGS_KEY}:team-a`)).toBe(true);
  });

  it('reads a damaged entry as nothing, and survives storage that refuses to write', () => {
    const storage = memoryStorage();
    storage.data.set(LAST_BOOKINGS_KEY, '{not json');
    const refusing: LastKnownStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };

    expect(lastKnownOf('/', storage).bookings()).toBeNull();
    expect(() => lastKnownOf('/', refusing).rememberBookings(bookings)).not.toThrow();
    expect(() => lastKnownOf('/', refusing).forget()).not.toThrow();
    expect(lastKnownOf('/', undefined).config()).toBeNull();
  });

  it('forgets what it kept for one instance only', () => {
    const storage = memoryStorage();
    lastKnownOf('/', storage).rememberBookings(bookings);
    lastKnownOf('/i/team-a/', storage).rememberConfig({ title: 'Team A' });
    lastKnownOf('/i/team-a/', storage).rememberBookings(bookings);

    lastKnownOf('/i/team-a/', storage).forget();

    expect(lastKnownOf('/i/team-a/', storage).config()).toBeNull();
    expect(lastKnownOf('/i/team-a/', storage).bookings()).toBeNull();
    expect(lastKnownOf('/', storage).bookings()).toEqual(bookings);
  });
});
