/**
 * Bookings as Hourbook stored them before issue 8, written key by key under the untagged names
 * that code used (`instance:<slug>:day:<date>`, `:dates`, `:rev`), spelled out here on purpose so
 * a later change to keyspace.ts cannot change what the upgrade tests start from.
 */
import type { BookingsBlob } from '../../src/core/bookings.js';

/** The commands the fixture needs; a plain and a cluster ioredis client both have them. */
export interface KeyWriter {
  hset(key: string, field: string, value: string): Promise<unknown>;
  zadd(key: string, score: number, member: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
}

/** Writes `blob` and the revision `epoch-counter` the way the pre-issue-8 scripts did. */
export async function writeUntaggedLayout(
  client: KeyWriter,
  slug: string,
  blob: BookingsBlob,
  revision: string,
): Promise<void> {
  for (const [dateKey, day] of Object.entries(blob)) {
    for (const [timeKey, booking] of Object.entries(day ?? {})) {
      if (!booking) continue;
      const value = JSON.stringify({ user: booking.user, duration: booking.duration });
      await client.hset(`instance:${slug}:day:${dateKey}`, timeKey, value);
      await client.zadd(`instance:${slug}:dates`, 0, dateKey);
    }
  }
  await client.set(`instance:${slug}:rev`, revision);
}

/** A small store of three days, one of them with back-to-back and multi-hour bookings. */
export function untaggedBlob(): BookingsBlob {
  return {
    '2026-12-01': { '09:00': { user: 'Jack', duration: 2 }, '11:00': { user: 'Bonnie', duration: 1 } },
    '2026-12-02': { '07:00': { user: 'Giuliano', duration: 3 } },
    '2027-01-15': { '21:00': { user: 'Rue', duration: 1 } },
  } as BookingsBlob;
}
