/**
 * The instances part of the Redis backends (issue 10 §1–2), split from script-store.ts, whose
 * `run` and transport it uses; the caller guards every call.
 *
 * The original's config key `instance:{slug}:config` is untagged, so on a cluster it may live in
 * another slot than the instance's tagged keys, and no one script can hold both. There a removal
 * runs as idempotent steps ordered so that nothing of the instance can come back: (1) in the
 * instance's slot, one script sets the `removing` marker and wipes the config copy, bookings,
 * revision and change log, after which no write passes its config check (the copy is not
 * re-made while the marker stands); (2) the config and the original's other untagged keys are
 * deleted, ending the instance; (3) its rate-limit counts; (4) the marker. A removal cut short
 * leaves either an instance with no bookings that refuses writes, or the marker alone (which the
 * next create of the slug clears): running it again finishes it. On a single Redis and over
 * REST one script removes everything at once.
 */
import { ConflictError } from '../../core/errors.js';
import { INSTANCE_EXISTS } from '../store.js';
import type { InstancesStore, RateLimitCharge, StoredConfig, StoredInstance } from '../store.js';
import { configVersionOf } from '../stored-values.js';
import { CONFIG_KEY_PATTERN, instanceKeys, rateLimitKeyPattern, slugOfConfigKey, untaggedKeys } from './keyspace.js';
import { scriptOf } from './lua-script.js';
import type { Script } from './lua-script.js';
import { CREATE_INSTANCE, REMOVE_INSTANCE, REMOVE_INSTANCE_SLOT, WRITE_CONFIG_COPY } from './instance-scripts.js';
import { GET_CONFIG, ONE_KEY } from './lua-scripts.js';
import type { RedisTransport } from './script-store.js';

const SCRIPTS = {
  getConfig: scriptOf(GET_CONFIG),
  oneKey: scriptOf(ONE_KEY),
  create: scriptOf(CREATE_INSTANCE),
  remove: scriptOf(REMOVE_INSTANCE),
  removeSlot: scriptOf(REMOVE_INSTANCE_SLOT),
  writeCopy: scriptOf(WRITE_CONFIG_COPY),
};

export interface ScriptInstancesOptions {
  transport: RedisTransport;
  /** Runs a script (EVALSHA, then EVAL when Redis has forgotten it). */
  run: (script: Script, keys: string[], args: (string | number)[]) => Promise<unknown[]>;
  cluster: boolean;
}

export interface ScriptInstances extends Omit<InstancesStore, 'getConfig'> {
  /** `InstancesStore.getConfig`, with the charge's key and arguments already made by the caller. */
  getConfig(slug: string, charge: { key: string; args: string[] }, record?: RateLimitCharge): Promise<StoredConfig>;
  /**
   * On a cluster, after a write found the config copy unlike the version it was validated with:
   * when the original key does have that version, the copy was stale (never made, or the key was
   * edited by hand or by the original's clients), so it is refreshed and true returned (retry);
   * otherwise (or while the instance is being removed) the refusal stands.
   */
  refreshConfigCopy(slug: string, expected: string | undefined): Promise<boolean>;
}

/** The instance's keys in its own hash slot, in the order both removal scripts take them. */
function slotKeysOf(slug: string): string[] {
  const keys = instanceKeys(slug);
  return [keys.configCopy, keys.dates, keys.revision, keys.changes, keys.layoutUpgraded, keys.legacyImported];
}

const textOf = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** The instances part over one transport. */
export function createScriptInstances({ transport, run, cluster }: ScriptInstancesOptions): ScriptInstances {
  /** Writes the copy unless a removal is under way; `create` ends an unfinished one first. */
  async function writeCopy(slug: string, text: string, mode: 'refresh' | 'create' = 'refresh'): Promise<boolean> {
    const keys = instanceKeys(slug);
    const [written] = await run(SCRIPTS.writeCopy, [keys.configCopy, keys.removing], [text, mode]);
    return Number(written) === 1;
  }

  const deleteKey = (key: string) => run(SCRIPTS.oneKey, [key], ['del']);

  /** Deletes every rate-limit count of `slug`; a count made meanwhile is only a count started over. */
  async function removeRateLimits(slug: string): Promise<void> {
    await Promise.all((await transport.scan(rateLimitKeyPattern(slug))).map(deleteKey));
  }

  async function removeFromCluster(slug: string): Promise<boolean> {
    const keys = instanceKeys(slug);
    const old = untaggedKeys(slug);
    await run(SCRIPTS.removeSlot, [keys.removing, ...slotKeysOf(slug)], [keys.dayPrefix]);
    const [existed] = await deleteKey(keys.config);
    const oldDates = (await run(SCRIPTS.oneKey, [old.dates], ['zrange'])).map(String);
    await Promise.all(
      [
        keys.legacy,
        keys.legacyBackup,
        keys.migrated,
        old.revision,
        ...oldDates.map((date) => `${old.dayPrefix}${date}`),
      ].map(deleteKey),
    );
    await deleteKey(old.dates);
    await removeRateLimits(slug);
    await deleteKey(keys.removing);
    return Number(existed) === 1;
  }

  return {
    getConfig: async (slug, charge, record) => {
      const keys = instanceKeys(slug);
      if (!cluster) {
        const [, count, windowStart, stored] = await run(SCRIPTS.getConfig, [charge.key, keys.config], charge.args);
        record?.record({ count: Number(count), windowStart: Number(windowStart) });
        return { text: textOf(stored), version: configVersionOf(textOf(stored)) };
      }
      // On a cluster the original's key is in another slot: it and the copy (with the charge)
      // are read together, and a copy found stale is fixed before any write relies on it.
      const [[, count, windowStart, copied], stored] = await Promise.all([
        run(SCRIPTS.getConfig, [charge.key, keys.configCopy], charge.args),
        transport.get(keys.config),
      ]);
      record?.record({ count: Number(count), windowStart: Number(windowStart) });
      const text = textOf(stored);
      if (textOf(copied) !== text) {
        if (text === null) await deleteKey(keys.configCopy);
        else await writeCopy(slug, text);
      }
      return { text, version: configVersionOf(text) };
    },
    setConfig: async (slug, config) => {
      const keys = instanceKeys(slug);
      const text = JSON.stringify(config);
      // The original's key first: it is the truth, the copy only a slot-local cache of it.
      await transport.set(keys.config, text);
      if (cluster) await writeCopy(slug, text);
    },
    refreshConfigCopy: async (slug, expected) => {
      const text = await transport.get(instanceKeys(slug).config);
      if (text === null || configVersionOf(text) !== expected) return false;
      return writeCopy(slug, text);
    },
    list: async () => {
      const slugs = (await transport.scan(CONFIG_KEY_PATTERN))
        .map(slugOfConfigKey)
        .filter((slug): slug is string => slug !== null);
      const unique = [...new Set(slugs)].sort();
      const texts = await Promise.all(unique.map((slug) => transport.get(instanceKeys(slug).config)));
      const listed: StoredInstance[] = [];
      unique.forEach((slug, index) => {
        const text = texts[index] ?? null;
        // Removed between the scan and the read: no longer an instance.
        if (text !== null) listed.push({ slug, config: { text, version: configVersionOf(text) } });
      });
      return listed;
    },
    create: async (slug, config) => {
      const keys = instanceKeys(slug);
      const text = JSON.stringify(config);
      const [created] = await run(SCRIPTS.create, [keys.config], [text]);
      if (Number(created) !== 1) throw new ConflictError(INSTANCE_EXISTS);
      if (cluster) await writeCopy(slug, text, 'create');
    },
    remove: async (slug) => {
      if (cluster) return removeFromCluster(slug);
      const keys = instanceKeys(slug);
      const old = untaggedKeys(slug);
      const [existed] = await run(
        SCRIPTS.remove,
        [
          keys.config,
          ...slotKeysOf(slug),
          keys.legacy,
          keys.legacyBackup,
          keys.migrated,
          old.dates,
          old.revision,
          keys.removing,
        ],
        [keys.dayPrefix, old.dayPrefix],
      );
      await removeRateLimits(slug);
      return Number(existed) === 1;
    },
  };
}
