/**
 * Instance configuration (PRODUCT.md §3.1) and how a stored one becomes the config and rules in
 * force, written once for the server, the CLI and the client. `zod/mini` keeps the client small.
 */
import * as z from 'zod/mini';
import { DEFAULT_RULES, defaultConfig, rulesOf } from './rules.js';
import type { BookingRules } from './rules.js';
import { isTimeZone } from './time.js';

export const SLUG_PATTERN = /^[a-z0-9-]+$/;

const RESERVED_HOTKEYS = new Set(['d']);
const FORBIDDEN_NAME_CHARACTERS = /[<>'"]/;

export const rosterUserSchema = z.object({
  name: z.string().check(
    z.trim(),
    z.minLength(1, 'name must not be empty'),
    z.maxLength(100, 'name must be at most 100 characters'),
    z.refine((name) => !FORBIDDEN_NAME_CHARACTERS.test(name), 'name must not contain < > \' or "'),
  ),
  key: z.string().check(
    z.regex(/^[a-z]$/, 'key must be one lowercase letter a-z'),
    z.refine((key) => !RESERVED_HOTKEYS.has(key), 'key "d" is reserved for Delete'),
  ),
  colorIndex: z.optional(z.int().check(z.minimum(0), z.maximum(5))),
});

const titleSchema = z
  .string()
  .check(z.trim(), z.minLength(1, 'title must not be empty'), z.maxLength(200, 'title must be at most 200 characters'));

const wholeNumber = (min: number, max: number) => z.optional(z.int().check(z.minimum(min), z.maximum(max)));
const timeZoneSchema = z.optional(z.string().check(z.refine(isTimeZone, 'not a time zone this platform knows')));
const zoneLabelSchema = z.optional(z.string().check(z.minLength(1), z.maxLength(12)));

/** Hourbook's additions to the original's shape; absent means the original's fixed rules. */
const ruleSettingSchemas = {
  openHour: wholeNumber(0, 23),
  closeHour: wholeNumber(1, 24),
  maxDuration: wholeNumber(1, 24),
  timeZone: timeZoneSchema,
  secondaryTimeZone: timeZoneSchema,
  timeZoneLabel: zoneLabelSchema,
  secondaryTimeZoneLabel: zoneLabelSchema,
};

type RuleSettings = { [K in keyof typeof ruleSettingSchemas]?: z.output<(typeof ruleSettingSchemas)[K]> };

export const instanceConfigSchema = z
  .object({
    slug: z.string().check(z.regex(SLUG_PATTERN, 'slug must match ^[a-z0-9-]+$')),
    title: titleSchema,
    users: z.array(rosterUserSchema).check(z.minLength(1, 'at least one user'), z.maxLength(20, 'at most 20 users')),
    createdAt: z.iso.datetime({ offset: true, error: 'createdAt must be an ISO-8601 date-time' }),
    ...ruleSettingSchemas,
  })
  .check(
    z.superRefine((config, ctx) => {
      const seenNames = new Set<string>();
      const seenKeys = new Set<string>();
      config.users.forEach((user, index) => {
        if (seenNames.has(user.name)) {
          ctx.addIssue({ code: 'custom', path: ['users', index, 'name'], message: `duplicate name "${user.name}"` });
        }
        if (seenKeys.has(user.key)) {
          ctx.addIssue({ code: 'custom', path: ['users', index, 'key'], message: `duplicate hotkey "${user.key}"` });
        }
        seenNames.add(user.name);
        seenKeys.add(user.key);
      });
      if (!hoursInOrder(config)) {
        ctx.addIssue({ code: 'custom', path: ['closeHour'], message: 'closeHour must be after openHour' });
      }
    }),
  );

export type RosterUser = z.infer<typeof rosterUserSchema>;
export type InstanceConfig = z.infer<typeof instanceConfigSchema>;

function hoursInOrder(settings: RuleSettings): boolean {
  return (settings.openHour ?? DEFAULT_RULES.openHour) < (settings.closeHour ?? DEFAULT_RULES.closeHour);
}

/** One line per problem, e.g. `users.2.key: duplicate hotkey "j"`. */
export function describeConfigProblems(error: z.core.$ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

/** An instance as every part of Hourbook sees it: the config as stored, and what is in force. */
export interface ResolvedInstance {
  /** The config JSON exactly as stored (or the default), as served by `GET /api/config`. */
  raw: unknown;
  config: InstanceConfig;
  rules: BookingRules;
  /** Why the stored config is not valid (`describeConfigProblems`); empty when it is. */
  problems: string[];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A roster entry if it is well-formed, its hotkey taken case-insensitively (§3.5). */
function wellFormedUser(value: unknown): RosterUser[] {
  const entry = asRecord(value);
  const candidate = typeof entry.key === 'string' ? { ...entry, key: entry.key.toLowerCase() } : entry;
  const parsed = rosterUserSchema.safeParse(candidate);
  return parsed.success ? [parsed.data] : [];
}

/** The well-formed rule settings of `record`; hours that are out of order fall back together. */
function wellFormedSettings(record: Record<string, unknown>): RuleSettings {
  const settings: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ruleSettingSchemas)) {
    const parsed = schema.safeParse(record[name]);
    if (parsed.success && parsed.data !== undefined) settings[name] = parsed.data;
  }
  const result = settings as RuleSettings;
  if (!hoursInOrder(result)) {
    delete result.openHour;
    delete result.closeHour;
  }
  return result;
}

/**
 * The instance `slug` runs as, from its stored config (null: the default of §3.2, stamped
 * `createdAt`). A stored config that fails validation (hand-written in the original's KV) is
 * still served as stored, and each of its well-formed parts is honoured (title, users, rule
 * settings), so a typo in one entry does not lock the whole team out. The server, the CLI and
 * the client all call this, so they agree on the roster and the rules.
 */
export function resolveInstanceConfig(stored: unknown, slug: string, createdAt: string): ResolvedInstance {
  if (stored === null || stored === undefined) {
    const config = defaultConfig(slug, createdAt);
    return { raw: config, config, rules: rulesOf(config), problems: [] };
  }
  const parsed = instanceConfigSchema.safeParse(stored);
  if (parsed.success) return { raw: stored, config: parsed.data, rules: rulesOf(parsed.data), problems: [] };
  const fallback = defaultConfig(slug, createdAt);
  const record = asRecord(stored);
  const users = Array.isArray(record.users) ? record.users.flatMap(wellFormedUser) : [];
  const title = titleSchema.safeParse(record.title);
  const config: InstanceConfig = {
    ...fallback,
    ...wellFormedSettings(record),
    title: title.success ? title.data : fallback.title,
    users: users.length > 0 ? users : fallback.users,
  };
  return { raw: stored, config, rules: rulesOf(config), problems: describeConfigProblems(parsed.error) };
}
