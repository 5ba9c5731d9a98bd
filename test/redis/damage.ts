/** Damage to stored values of the kind a hand edit makes, for tests that the API survives it. */
import { Redis } from 'ioredis';
import { instanceKeys } from '../../src/storage/redis/keyspace.js';

/** Writes a hash field the way a hand edit could: JSON with a trailing comma. */
export async function damageRedisBooking(url: string, slug: string, dateKey: string, timeKey: string): Promise<void> {
  const keys = instanceKeys(slug);
  const client = new Redis(url);
  try {
    await client.hset(`${keys.dayPrefix}${dateKey}`, timeKey, '{"user":"Jack","duration":1,}');
    await client.zadd(keys.dates, 0, dateKey);
  } finally {
    client.disconnect(false);
  }
}
