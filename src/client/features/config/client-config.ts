/**
 * The instance configuration as the client uses it (PRODUCT.md §3): title, roster, hotkeys,
 * colours and booking rules. Parsed by hand (no zod in the bundle); a bad shape means fallback.
 */
import { DEFAULT_RULES, DEFAULT_SLUG, defaultConfig, rulesOf } from '../../../core/rules.js';
import type { BookingRules } from '../../../core/rules.js';
import { isTimeZone } from '../../../core/time.js';

export interface RosterEntry {
  name: string;
  key: string;
  colorIndex?: number;
}

export interface ClientConfig {
  title: string;
  users: RosterEntry[];
  rules: BookingRules;
}

/** How many roster entries get a hotkey (§3.5). */
export const HOTKEY_USERS = 6;

function isRosterEntry(value: unknown): value is RosterEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.name === 'string' && entry.name.length > 0 && typeof entry.key === 'string';
}

function wholeNumber(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

function label(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 12 ? value : undefined;
}

function zone(value: unknown): string | undefined {
  return typeof value === 'string' && isTimeZone(value) ? value : undefined;
}

/** The rules a config body asks for, keeping only well-formed settings. */
function rulesFromBody(body: Record<string, unknown>): BookingRules {
  const rules = rulesOf({
    openHour: wholeNumber(body.openHour, 0, 23),
    closeHour: wholeNumber(body.closeHour, 1, 24),
    maxDuration: wholeNumber(body.maxDuration, 1, 24),
    timeZone: zone(body.timeZone),
    secondaryTimeZone: zone(body.secondaryTimeZone),
    timeZoneLabel: label(body.timeZoneLabel),
    secondaryTimeZoneLabel: label(body.secondaryTimeZoneLabel),
  });
  if (rules.openHour >= rules.closeHour)
    return { ...rules, openHour: DEFAULT_RULES.openHour, closeHour: DEFAULT_RULES.closeHour };
  return rules;
}

/** The client config of a `GET /api/config` body, or null when `users` is not a `{name, key}` list (§3.4). */
export function parseClientConfig(body: unknown): ClientConfig | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  if (!Array.isArray(record.users) || record.users.length === 0 || !record.users.every(isRosterEntry)) return null;
  const users = record.users.map((user: RosterEntry) => ({
    name: user.name,
    key: user.key.toLowerCase(),
    colorIndex: wholeNumber(user.colorIndex, 0, 5),
  }));
  const title = typeof record.title === 'string' && record.title.trim() ? record.title : 'CPS Software Booking';
  return { title, users, rules: rulesFromBody(record) };
}

/** The built-in configuration of §3.2, used in demo mode and when the API's config is unusable. */
export function fallbackConfig(): ClientConfig {
  const config = defaultConfig(DEFAULT_SLUG, '1970-01-01T00:00:00.000Z');
  return { title: config.title, users: config.users, rules: { ...DEFAULT_RULES } };
}

/** Hotkey → user name for the first six users; `d` stays Delete's (§3.5, §10 #22). */
export function hotkeysOf(config: ClientConfig): Map<string, string> {
  const hotkeys = new Map<string, string>();
  for (const user of config.users.slice(0, HOTKEY_USERS)) {
    if (/^[a-z]$/.test(user.key) && user.key !== 'd' && !hotkeys.has(user.key)) hotkeys.set(user.key, user.name);
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
