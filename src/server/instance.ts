/**
 * Loads the instance an API request works on: its stored config (or the default of
 * PRODUCT.md §3.2) and the rules derived from it.
 */
import { resolveInstanceConfig } from '../core/config.js';
import type { InstanceConfig } from '../core/config.js';
import type { BookingRules } from '../core/rules.js';
import type { BookingStore } from '../storage/store.js';

export interface Instance {
  /** The config JSON exactly as served by `GET /api/config`. */
  raw: unknown;
  config: InstanceConfig;
  rules: BookingRules;
}

/** The instance for `slug`: see `resolveInstanceConfig` (src/core/config.ts), shared with the client. */
function instanceFromStored(stored: unknown, slug: string, createdAt: string): Instance {
  return resolveInstanceConfig(stored, slug, createdAt);
}

/**
 * A loader that reads the config on every call (so a change made with the CLI applies at once)
 * but validates it only when its JSON differs from last time: validation is the costly part.
 */
export function createInstanceLoader(store: BookingStore, slug: string, createdAt: string): () => Promise<Instance> {
  let last: { json: string; instance: Instance } | undefined;
  return async function loadInstance() {
    const stored = await store.getConfig(slug);
    const json = JSON.stringify(stored);
    if (last?.json !== json) last = { json, instance: instanceFromStored(stored, slug, createdAt) };
    return last.instance;
  };
}
