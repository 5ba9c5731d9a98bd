/**
 * Loads the instance an API request works on: its stored config (or the default of
 * PRODUCT.md §3.2) and the rules derived from it, cached in process by config version so a write
 * needs no config read of its own (issue 7 §6).
 */
import { resolveInstanceConfig } from '../core/config.js';
import type { InstanceConfig } from '../core/config.js';
import type { BookingRules } from '../core/rules.js';
import type { RateLimitCharge, Store, StoredConfig } from '../storage/store.js';
import { createStoredProblems } from './stored-problems.js';
import type { StoredProblems } from './stored-problems.js';

export interface Instance {
  /** The config JSON exactly as served by `GET /api/config`. */
  raw: unknown;
  config: InstanceConfig;
  rules: BookingRules;
}

/** An instance with the version of the stored config it was built from (see `StoredConfig`). */
export interface VersionedInstance {
  instance: Instance;
  version: string;
}

/** The instance's config and what may be wrong with the stored data, shared by every request. */
export interface InstanceAccess {
  /** The instance as last seen, read from the store only the first time (writes re-check its version). */
  cached(): Promise<VersionedInstance>;
  /** Reads the config from the store (counting `charge` in the same call) and caches it. */
  load(charge?: RateLimitCharge): Promise<Instance>;
  /** Caches and returns the instance of a config the store handed back (a write refused as stale). */
  adopt(stored: StoredConfig): VersionedInstance;
  problems: StoredProblems;
}

/**
 * Access to `slug`'s instance. Validation runs only when the stored version differs from last
 * time; a config that is not JSON at all is treated as missing and reported (issue 7 §5.1).
 */
export function createInstanceAccess(
  store: Store,
  slug: string,
  createdAt: string,
  problems: StoredProblems = createStoredProblems(slug),
): InstanceAccess {
  let last: VersionedInstance | undefined;
  const configProblem = 'config';

  function adopt(stored: StoredConfig): VersionedInstance {
    if (last?.version === stored.version) return last;
    let value: unknown = null;
    if (stored.text !== null) {
      try {
        value = JSON.parse(stored.text);
        problems.clear(configProblem);
      } catch {
        problems.report(configProblem, `instance config for ${slug} is not valid JSON`);
      }
    } else {
      problems.clear(configProblem);
    }
    last = { instance: resolveInstanceConfig(value, slug, createdAt), version: stored.version };
    return last;
  }

  return {
    cached: async () => last ?? adopt(await store.instances.getConfig(slug)),
    load: async (charge) => adopt(await store.instances.getConfig(slug, { charge })).instance,
    adopt,
    problems,
  };
}
