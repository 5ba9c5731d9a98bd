/**
 * `hourbook config set <file>` and `config show`: the way a team gets its own roster into the
 * store (there is no admin UI, PRODUCT.md §1).
 */
import { describeConfigProblems, instanceConfigSchema } from '../core/config.js';
import type { InstanceConfig } from '../core/config.js';
import type { Store } from '../storage/store.js';

export type ConfigCheck = { ok: true; config: InstanceConfig } | { ok: false; problems: string[] };

/**
 * Validates a config file's text for instance `slug`. A missing `slug` or `createdAt` is filled
 * in (`slug` from the instance, `createdAt` = now); a different slug is an error.
 */
export function checkConfigText(text: string, slug: string, now: Date): ConfigCheck {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problems: ['the file must hold one JSON object'] };
  }
  const candidate = { slug, createdAt: now.toISOString(), ...(json as Record<string, unknown>) };
  const parsed = instanceConfigSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: describeConfigProblems(parsed.error) };
  if (parsed.data.slug !== slug) {
    return { ok: false, problems: [`slug: "${parsed.data.slug}" does not match INSTANCE_SLUG "${slug}"`] };
  }
  return { ok: true, config: parsed.data };
}

/** Writes a checked config to the store. */
export async function setConfig(store: Store, config: InstanceConfig): Promise<void> {
  await store.instances.setConfig(config.slug, config);
}

/**
 * The stored config of `slug` as text to print (indented when it is JSON, as stored when it is
 * not, so a damaged one can be seen and fixed), or null when the instance runs on the default.
 */
export async function showConfig(store: Store, slug: string): Promise<string | null> {
  const { text } = await store.instances.getConfig(slug);
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
