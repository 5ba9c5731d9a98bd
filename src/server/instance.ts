/**
 * The instances a process serves (issue 10 §1): each one's stored config (or, for the default
 * instance, the default of PRODUCT.md §3.2) and the rules derived from it, cached in process by
 * config version so a request costs no config read of its own (issue 7 §6). The cache learns of
 * a change made elsewhere from the store: a write names the version it was validated against
 * and is refused when it changed; `GET …/config` and `POST …/session` read afresh; any other
 * lookup re-reads after `RECHECK_MS`, so a code changed by another process ends its sessions here
 * within that time.
 */
import { resolveInstanceConfig } from '../core/config.js';
import type { InstanceConfig } from '../core/config.js';
import type { BookingRules } from '../core/rules.js';
import type { RateLimitCharge, Store, StoredConfig } from '../storage/store.js';
import { createStoredProblems } from './stored-problems.js';
import type { StoredProblems } from './stored-problems.js';

/** How long a looked-up config is trusted before the next request re-reads it. */
export const RECHECK_MS = 15_000;

export interface Instance {
  /** The config JSON as served by `GET /api/config` (never with `accessCodeHash`). */
  raw: unknown;
  config: InstanceConfig;
  rules: BookingRules;
  /** False for a slug with no stored config, unless it is the default instance (issue 10 §1). */
  exists: boolean;
  /** The stored hash of the instance's access code; null when the instance is open. */
  accessCodeHash: string | null;
}

/** An instance with the version of the stored config it was built from (see `StoredConfig`). */
export interface VersionedInstance {
  instance: Instance;
  version: string;
}

/** One instance's config and what may be wrong with its stored data, shared by every request. */
export interface InstanceAccess {
  /**
   * The instance as last seen; read from the store (counting `charge` in the same call) the
   * first time and once the last read is older than `RECHECK_MS`.
   */
  cached(charge?: RateLimitCharge): Promise<VersionedInstance>;
  /** Reads the config from the store (counting `charge` in the same call) and caches it. */
  load(charge?: RateLimitCharge): Promise<Instance>;
  /** Caches and returns the instance of a config the store handed back (a write refused as stale). */
  adopt(stored: StoredConfig): VersionedInstance;
  problems: StoredProblems;
}

/** Every instance this process has looked up that exists; unknown slugs are never kept. */
export interface InstanceRegistry {
  /** The access to `slug`'s instance, e.g. `registry.access('cps-software')`. */
  access(slug: string): InstanceAccess;
  /** Drops what is cached of `slug`, e.g. after the admin API changed or removed it. */
  forget(slug: string): void;
}

export interface InstanceRegistryOptions {
  store: Store;
  /** `INSTANCE_SLUG`: the instance that always exists, on the original's paths. */
  defaultSlug: string;
  /** Stamped on the default config when none is stored. */
  createdAt: string;
  clock: () => number;
}

/** The registry over `options.store`; the default instance is created at once and always kept. */
export function createInstanceRegistry(options: InstanceRegistryOptions): InstanceRegistry {
  const known = new Map<string, InstanceAccess>();

  function track(slug: string, access: InstanceAccess, exists: boolean): void {
    if (slug === options.defaultSlug) return;
    if (exists) known.set(slug, access);
    else if (known.get(slug) === access) known.delete(slug);
  }

  function createAccess(slug: string): InstanceAccess {
    const isDefault = slug === options.defaultSlug;
    const problems = createStoredProblems(slug);
    let last: (VersionedInstance & { checkedAt: number }) | undefined;
    const configProblem = 'config';

    function adopt(stored: StoredConfig): VersionedInstance {
      const checkedAt = options.clock();
      if (last?.version === stored.version) {
        last.checkedAt = checkedAt;
        return last;
      }
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
      const { raw, config, rules, accessCodeHash } = resolveInstanceConfig(value, slug, options.createdAt);
      const exists = isDefault || stored.text !== null;
      const instance: Instance = { raw, config, rules, exists, accessCodeHash };
      last = { instance, version: stored.version, checkedAt };
      track(slug, access, exists);
      return last;
    }

    const access: InstanceAccess = {
      cached: async (charge) =>
        last && options.clock() - last.checkedAt < RECHECK_MS
          ? last
          : adopt(await options.store.instances.getConfig(slug, { charge })),
      load: async (charge) => adopt(await options.store.instances.getConfig(slug, { charge })).instance,
      adopt,
      problems,
    };
    return access;
  }

  let defaultAccess = createAccess(options.defaultSlug);
  return {
    access: (slug) => (slug === options.defaultSlug ? defaultAccess : (known.get(slug) ?? createAccess(slug))),
    forget(slug) {
      if (slug === options.defaultSlug) defaultAccess = createAccess(slug);
      else known.delete(slug);
    },
  };
}
