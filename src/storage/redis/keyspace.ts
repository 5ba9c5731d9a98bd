/**
 * Key names (PRODUCT.md §5.1). Bookings live in one hash per date plus a lexically sorted index
 * of dates, so a week's read touches only that week's keys.
 *
 * Every key a request's script touches carries the hash tag `{slug}` (issue 8 §6): Redis Cluster
 * hashes only the text between the braces, so one instance's keys share one slot (its scripts
 * run on one shard) and different instances spread over the shards. The day hashes a script
 * builds from `dayPrefix` are not declared in KEYS (a read cannot know its dates beforehand);
 * they are legal because they hash to the slot of the declared keys, which Redis Cluster checks
 * and enforces. The original's own keys (`config`, `legacy`) keep their exact, untagged names.
 */
import { SLUG_PATTERN } from '../../core/config.js';
import type { RateLimitBucket } from '../store.js';
import { bucketName } from '../stored-values.js';

/** The keys one instance owns, e.g. `instance:{cps-software}:day:2026-02-14`. */
export interface InstanceKeys {
  /** The original's config key, untagged: `instance:cps-software:config`. Same JSON as the original's. */
  config: string;
  /**
   * On a cluster, a copy of `config` in the instance's slot, so a write script can check the
   * config version atomically; refreshed from `config` whenever it is found stale.
   */
  configCopy: string;
  /** Sorted set of dates that hold bookings, all scored 0 so ZRANGEBYLEX orders them. */
  dates: string;
  /** Prefix of the per-date hashes (field `HH:00` → `{"user","duration"}` JSON). */
  dayPrefix: string;
  /** `epoch-counter`; the epoch is new whenever the key is recreated, so values never repeat. */
  revision: string;
  /** Stands in the rate-limit position of an uncharged script call; never written. */
  noCharge: string;
  /**
   * On a cluster, present while the instance is being removed (issue 10 §2): the config copy is
   * never written then, so no write can land between wiping the slot and deleting the config.
   */
  removing: string;
  /** Present once the untagged layout of Hourbook before issue 8 was moved into this one. */
  layoutUpgraded: string;
  /**
   * The bounded change log (a Redis Stream, entry id `<counter>-0` of the revision it produced),
   * appended by the same script that bumps `revision`.
   */
  changes: string;
  /** The original's whole-blob key, untagged, read once by the legacy migration. */
  legacy: string;
  /** Where the migration keeps the original blob. */
  legacyBackup: string;
  /** Present once the legacy blob has been migrated. */
  migrated: string;
  /** On a cluster, present (with the blob's SHA-1) once the blob's bookings were written here. */
  legacyImported: string;
}

function checkedSlug(slug: string): string {
  // A ':' or '*' (or a brace) in a slug could alias another instance's keys (issue 3 §2).
  if (!SLUG_PATTERN.test(slug)) throw new Error(`Invalid instance slug "${slug}": must match ${SLUG_PATTERN}`);
  return slug;
}

/** The keys of `slug`; throws for a slug that could reach into another instance's keys. */
export function instanceKeys(slug: string): InstanceKeys {
  const original = `instance:${checkedSlug(slug)}`;
  const tagged = `instance:{${slug}}`;
  return {
    config: `${original}:config`,
    configCopy: `${tagged}:config-copy`,
    dates: `${tagged}:dates`,
    dayPrefix: `${tagged}:day:`,
    revision: `${tagged}:rev`,
    changes: `${tagged}:changes`,
    noCharge: `ratelimit:{${slug}}:-`,
    removing: `${tagged}:removing`,
    layoutUpgraded: `${tagged}:layout-upgraded`,
    legacy: `${original}:bookings`,
    legacyBackup: `${original}:bookings:backup-legacy`,
    migrated: `${original}:bookings:migrated`,
    legacyImported: `${tagged}:legacy-imported`,
  };
}

/** SCAN patterns: every stored config (`instance:*:config`), and the rate-limit counts of `slug`. */
export const CONFIG_KEY_PATTERN = 'instance:*:config';
export const rateLimitKeyPattern = (slug: string) => `ratelimit:{${checkedSlug(slug)}}:*`;

/** The slug of a stored config's key (`instance:team-a:config` → `team-a`), or null for any other key. */
export function slugOfConfigKey(key: string): string | null {
  const match = /^instance:([^:{}]+):config$/.exec(key);
  return match && SLUG_PATTERN.test(match[1]!) ? match[1]! : null;
}

/** The booking keys of Hourbook before issue 8 (no hash tag), read once by the layout upgrade. */
export function untaggedKeys(slug: string): Pick<InstanceKeys, 'dates' | 'dayPrefix' | 'revision'> {
  const base = `instance:${checkedSlug(slug)}`;
  return { dates: `${base}:dates`, dayPrefix: `${base}:day:`, revision: `${base}:rev` };
}

/**
 * The key of a rate-limit bucket: `ratelimit:{cps-software}:w:203.0.113.9` for an instance's
 * budget (in that instance's slot, so the count rides in its scripts on a cluster),
 * `ratelimit:r:#<hash>` without one; short whatever the client string.
 */
export function rateLimitKey(bucket: RateLimitBucket): string {
  if (bucket.instance === undefined) return `ratelimit:${bucketName(bucket)}`;
  return `ratelimit:{${checkedSlug(bucket.instance)}}:${bucketName(bucket)}`;
}
