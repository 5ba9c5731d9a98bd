/**
 * Loads the instance an API request works on: its stored config (or the default of
 * PRODUCT.md §3.2) and the rules derived from it.
 */
import { instanceConfigSchema, rosterUserSchema } from '../core/config.js';
import { defaultConfig, rulesOf } from '../core/rules.js';
import type { InstanceConfig } from '../core/config.js';
import type { BookingRules } from '../core/rules.js';
import type { BookingStore } from '../storage/store.js';

export interface Instance {
  /** The config JSON exactly as served by `GET /api/config`. */
  raw: unknown;
  config: InstanceConfig;
  rules: BookingRules;
}

/**
 * The instance for `slug`. A stored config that fails validation (hand-written in the original's
 * KV) is still served as stored, and its well-formed users are honoured, so a typo in one
 * entry does not lock the whole team out.
 */
function instanceFromStored(stored: unknown, slug: string, createdAt: string): Instance {
  if (stored === null || stored === undefined) {
    const config = defaultConfig(slug, createdAt);
    return { raw: config, config, rules: rulesOf(config) };
  }
  const parsed = instanceConfigSchema.safeParse(stored);
  if (parsed.success) return { raw: stored, config: parsed.data, rules: rulesOf(parsed.data) };
  const fallback = defaultConfig(slug, createdAt);
  const record = stored as Partial<Record<keyof InstanceConfig, unknown>>;
  const users = Array.isArray(record.users)
    ? record.users.flatMap((user) => {
        const valid = rosterUserSchema.safeParse(user);
        return valid.success ? [valid.data] : [];
      })
    : [];
  const config: InstanceConfig = {
    ...fallback,
    title: typeof record.title === 'string' && record.title.trim() ? record.title : fallback.title,
    users: users.length > 0 ? users : fallback.users,
  };
  return { raw: stored, config, rules: rulesOf(config) };
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
