/**
 * Key names in the original's namespace (PRODUCT.md §5.1). Bookings live in one hash per date
 * plus a lexically sorted index of dates, so a week's read touches only that week's keys.
 */
import { SLUG_PATTERN } from '../../core/config.js';
import type { RateLimitBucket } from '../store.js';
import { bucketName } from '../stored-values.js';

/** The keys one instance owns, e.g. `instance:cps-software:day:2026-02-14`. */
export interface InstanceKeys {
  /** Same JSON as the original's config. */
  config: string;
  /** Sorted set of dates that hold bookings, all scored 0 so ZRANGEBYLEX orders them. */
  dates: string;
  /** Prefix of the per-date hashes (field `HH:00` → `{"user","duration"}` JSON). */
  dayPrefix: string;
  /** `epoch-counter`; the epoch is new whenever the key is recreated, so values never repeat. */
  revision: string;
  /**
   * The bounded change log (a Redis Stream, entry id `<counter>-0` of the revision it produced),
   * appended by the same script that bumps `revision`.
   */
  changes: string;
  /** The original's whole-blob key, read once by the legacy migration. */
  legacy: string;
  /** Where the migration keeps the original blob. */
  legacyBackup: string;
  /** Present once the legacy blob has been migrated. */
  migrated: string;
}

/** The keys of `slug`; throws for a slug that could reach into another instance's keys. */
export function instanceKeys(slug: string): InstanceKeys {
  // A ':' or '*' in a slug could alias another instance's keys (issue 3 §2).
  if (!SLUG_PATTERN.test(slug)) throw new Error(`Invalid instance slug "${slug}": must match ${SLUG_PATTERN}`);
  const base = `instance:${slug}`;
  return {
    config: `${base}:config`,
    dates: `${base}:dates`,
    dayPrefix: `${base}:day:`,
    revision: `${base}:rev`,
    changes: `${base}:changes`,
    legacy: `${base}:bookings`,
    legacyBackup: `${base}:bookings:backup-legacy`,
    migrated: `${base}:bookings:migrated`,
  };
}

/** The key of a rate-limit bucket: `ratelimit:r:203.0.113.9`, `ratelimit:w:#<hash>`; short whatever the client string. */
export function rateLimitKey(bucket: RateLimitBucket): string {
  return `ratelimit:${bucketName(bucket)}`;
}
