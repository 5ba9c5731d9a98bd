/**
 * The instance configuration as the client uses it (PRODUCT.md §3): title, roster, hotkeys,
 * colours and booking rules, resolved by the core exactly as the server resolves it.
 */
import { resolveInstanceConfig } from '../../core/config.js';
import type { InstanceConfig } from '../../core/config.js';
import { DEFAULT_SLUG } from '../../core/rules.js';
import type { BookingRules } from '../../core/rules.js';

export type ClientConfig = Pick<InstanceConfig, 'title' | 'users'> & {
  rules: BookingRules;
  /** Behind an access code: nothing of the instance is kept in the browser (no last known state). */
  locked?: boolean;
};

/** How many roster entries get a hotkey (§3.5). */
const HOTKEY_USERS = 6;

// The client has no instance slug or creation time of its own (§3.2: the fallback is cps-software's).
const FALLBACK_CREATED_AT = '1970-01-01T00:00:00.000Z';

/**
 * The client config of a `GET /api/config` body (null: the API gave none), with the problems
 * that made parts of it fall back (§3.4); the server applies the same `resolveInstanceConfig`.
 */
export function clientConfigOf(body: unknown): { config: ClientConfig; problems: string[] } {
  const { config, rules, problems } = resolveInstanceConfig(body, DEFAULT_SLUG, FALLBACK_CREATED_AT);
  return { config: { title: config.title, users: config.users, rules }, problems };
}

/** The built-in configuration of §3.2, used in demo mode and when the API's config is unusable. */
export function fallbackConfig(): ClientConfig {
  return clientConfigOf(null).config;
}

/** Hotkey → user name for the first six users; `d` stays Delete's (§3.5, §10 #22). */
export function hotkeysOf(config: ClientConfig): Map<string, string> {
  const hotkeys = new Map<string, string>();
  for (const user of config.users.slice(0, HOTKEY_USERS)) {
    // The core checked each key (a–z, not d); a roster kept in part may still repeat one.
    if (!hotkeys.has(user.key)) hotkeys.set(user.key, user.name);
  }
  return hotkeys;
}

/** Colour slot 1–6 of a user: `colorIndex + 1`, else roster position + 1 capped at 6; unknown → 1 (§3.5). */
export function colorOf(config: ClientConfig, name: string): number {
  const index = config.users.findIndex((user) => user.name === name);
  if (index < 0) return 1;
  const colorIndex = config.users[index]?.colorIndex;
  return colorIndex === undefined ? Math.min(index + 1, 6) : colorIndex + 1;
}
