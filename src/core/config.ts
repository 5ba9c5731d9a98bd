/**
 * Instance configuration (PRODUCT.md §3.1) and how a stored one becomes the config and rules in
 * force, written once for the server, the CLI and the client. `zod/mini` keeps the client small.
 */
import * as z from 'zod/mini';
import { DEFAULT_RULES, defaultConfig, rulesOf } from './rules.js';
import type { BookingRules } from './rules.js';
import { isTimeZone } from './time.js';

/** An instance's slug, e.g. `team-a`: it names keys and paths, so nothing else is allowed (issue 10 §2). */
export const SLUG_PATTERN = /^[a-z0-9-]{1,64}$/;
export const SLUG_RULE = 'must be 1-64 characters from a-z, 0-9 and -';

/**
 * Letters the booking panel or popup uses as shortcuts, and what for (issue 10 §2); digits are
 * durations and never a hotkey anyway. Every other letter stays free, so 20 people always fit.
 */
const RESERVED_HOTKEYS: Readonly<Record<string, string>> = {
  d: 'Delete',
  m: 'Move',
  t: 'the time-zone toggle',
};
/** The original reserved only `d`: a hand-stored roster with `m` or `t` keeps its people. */
const ORIGINAL_RESERVED_HOTKEYS: Readonly<Record<string, string>> = { d: 'Delete' };
const FORBIDDEN_NAME_CHARACTERS = /[<>'"]/;

function userSchema(reserved: Readonly<Record<string, string>>) {
  return z.object({
    name: z.string({ error: 'name must be text' }).check(
      z.trim(),
      z.minLength(1, 'name must not be empty'),
      z.maxLength(100, 'name must be at most 100 characters'),
      z.refine((name) => !FORBIDDEN_NAME_CHARACTERS.test(name), 'name must not contain < > \' or "'),
    ),
    key: z.string({ error: 'key must be one lowercase letter a-z' }).check(
      z.regex(/^[a-z]$/, 'key must be one lowercase letter a-z'),
      z.superRefine((key, ctx) => {
        const use = Object.hasOwn(reserved, key) ? reserved[key] : undefined;
        if (use) ctx.addIssue({ code: 'custom', message: `key "${key}" is reserved for ${use}`, input: key });
      }),
    ),
    colorIndex: z.optional(
      z
        .int({ error: 'colorIndex must be a whole number 0-5' })
        .check(
          z.minimum(0, 'colorIndex must be a whole number 0-5'),
          z.maximum(5, 'colorIndex must be a whole number 0-5'),
        ),
    ),
  });
}

export const rosterUserSchema = userSchema(RESERVED_HOTKEYS);
/** How a stored roster entry is read: as the original allowed it. */
const storedUserSchema = userSchema(ORIGINAL_RESERVED_HOTKEYS);

const titleSchema = z
  .string({ error: 'title must be text' })
  .check(z.trim(), z.minLength(1, 'title must not be empty'), z.maxLength(200, 'title must be at most 200 characters'));

const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number ${min}-${max}`;
  return z.optional(z.int({ error: message }).check(z.minimum(min, message), z.maximum(max, message)));
};
const timeZoneSchema = z.optional(
  z
    .string({ error: 'must be an IANA time zone, e.g. Europe/Berlin' })
    .check(z.refine(isTimeZone, 'not an IANA time zone this platform knows, e.g. Europe/Berlin')),
);
const zoneLabelSchema = z.optional(
  z
    .string({ error: 'must be text of 1-12 characters' })
    .check(z.minLength(1, 'must be text of 1-12 characters'), z.maxLength(12, 'must be text of 1-12 characters')),
);

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

/** The fields of a config besides its roster checks; shared with the admin input (config-input.ts). */
export const configShape = {
  slug: z.string({ error: `slug ${SLUG_RULE}` }).check(z.regex(SLUG_PATTERN, `slug ${SLUG_RULE}`)),
  title: titleSchema,
  users: z
    .array(rosterUserSchema, { error: 'users must be a list of {name, key, colorIndex?}' })
    .check(z.minLength(1, 'at least one user'), z.maxLength(20, 'at most 20 users')),
  createdAt: z.iso.datetime({ offset: true, error: 'createdAt must be an ISO-8601 date-time' }),
  ...ruleSettingSchemas,
};

/**
 * The checks across fields: unique names and hotkeys, `openHour < closeHour`, and
 * `maxDuration ≤ closeHour − openHour` (absent settings count as their defaults).
 */
export const crossFieldChecks = z.superRefine(
  (config: { users: { name: string; key: string }[] } & RuleSettings, ctx) => {
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
      return;
    }
    const rules = rulesOf(config);
    const span = rules.closeHour - rules.openHour;
    if (rules.maxDuration > span) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxDuration'],
        message: `maxDuration (${rules.maxDuration}) must be at most closeHour - openHour (${span})`,
      });
    }
  },
);

/** A config as stored and served (PRODUCT.md §3.1 plus Hourbook's rule settings). */
export const instanceConfigSchema = z.object(configShape).check(crossFieldChecks);

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
  /**
   * The config JSON as stored (or the default), as served by `GET /api/config`: exactly as
   * stored but for `accessCodeHash`, which never leaves the server.
   */
  raw: unknown;
  /** The stored hash of the instance's access code (issue 10 §4), or null when it is open. */
  accessCodeHash: string | null;
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
  const parsed = storedUserSchema.safeParse(candidate);
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
    return { raw: config, accessCodeHash: null, config, rules: rulesOf(config), problems: [] };
  }
  const { raw, accessCodeHash } = splitAccessCodeHash(stored);
  const parsed = instanceConfigSchema.safeParse(raw);
  if (parsed.success) return { raw, accessCodeHash, config: parsed.data, rules: rulesOf(parsed.data), problems: [] };
  const fallback = defaultConfig(slug, createdAt);
  const record = asRecord(raw);
  const users = Array.isArray(record.users) ? record.users.flatMap(wellFormedUser) : [];
  const title = titleSchema.safeParse(record.title);
  const config: InstanceConfig = {
    ...fallback,
    ...wellFormedSettings(record),
    title: title.success ? title.data : fallback.title,
    users: users.length > 0 ? users : fallback.users,
  };
  return { raw, accessCodeHash, config, rules: rulesOf(config), problems: describeConfigProblems(parsed.error) };
}

/**
 * A stored config without its `accessCodeHash`, and the hash (null when absent or not a
 * non-empty string), e.g. `{ title, accessCodeHash: 'scrypt$…' }` → `{ raw: { title }, accessCodeHash: 'scrypt$…' }`.
 */
function splitAccessCodeHash(stored: unknown): { raw: unknown; accessCodeHash: string | null } {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored) || !('accessCodeHash' in stored)) {
    return { raw: stored, accessCodeHash: null };
  }
  const { accessCodeHash, ...raw } = stored as Record<string, unknown>;
  return { raw, accessCodeHash: typeof accessCodeHash === 'string' && accessCodeHash !== '' ? accessCodeHash : null };
}
