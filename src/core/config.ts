/**
 * Instance configuration: its schema (PRODUCT.md §3.1), the default (§3.2) and the booking
 * rules derived from it (operating hours, maximum duration, time zones).
 */
import { z } from 'zod';
import { isTimeZone } from './time.js';

export const DEFAULT_SLUG = 'cps-software';
export const SLUG_PATTERN = /^[a-z0-9-]+$/;

const RESERVED_HOTKEYS = new Set(['d']);
const FORBIDDEN_NAME_CHARACTERS = /[<>'"]/;

export const rosterUserSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'name must not be empty')
    .max(100, 'name must be at most 100 characters')
    .refine((name) => !FORBIDDEN_NAME_CHARACTERS.test(name), 'name must not contain < > \' or "'),
  key: z
    .string()
    .regex(/^[a-z]$/, 'key must be one lowercase letter a-z')
    .refine((key) => !RESERVED_HOTKEYS.has(key), 'key "d" is reserved for Delete'),
  colorIndex: z.number().int().min(0).max(5).optional(),
});

const timeZoneSchema = z.string().refine(isTimeZone, 'not a time zone this platform knows');

export const instanceConfigSchema = z
  .object({
    slug: z.string().regex(SLUG_PATTERN, 'slug must match ^[a-z0-9-]+$'),
    title: z.string().trim().min(1, 'title must not be empty').max(200, 'title must be at most 200 characters'),
    users: z.array(rosterUserSchema).min(1, 'at least one user').max(20, 'at most 20 users'),
    createdAt: z.iso.datetime({ offset: true, message: 'createdAt must be an ISO-8601 date-time' }),
    // Hourbook additions; absent means the original's fixed rules.
    openHour: z.number().int().min(0).max(23).optional(),
    closeHour: z.number().int().min(1).max(24).optional(),
    maxDuration: z.number().int().min(1).max(24).optional(),
    timeZone: timeZoneSchema.optional(),
    secondaryTimeZone: timeZoneSchema.optional(),
    timeZoneLabel: z.string().min(1).max(12).optional(),
    secondaryTimeZoneLabel: z.string().min(1).max(12).optional(),
  })
  .superRefine((config, ctx) => {
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
    const open = config.openHour ?? DEFAULT_RULES.openHour;
    const close = config.closeHour ?? DEFAULT_RULES.closeHour;
    if (open >= close) {
      ctx.addIssue({ code: 'custom', path: ['closeHour'], message: 'closeHour must be after openHour' });
    }
  });

export type RosterUser = z.infer<typeof rosterUserSchema>;
export type InstanceConfig = z.infer<typeof instanceConfigSchema>;

/** The booking rules every check uses; derived from a config by `rulesOf`. */
export interface BookingRules {
  /** First bookable start hour, e.g. 6. */
  openHour: number;
  /** Closing hour: every booking must end by it, e.g. 22 (so the last start is 21). */
  closeHour: number;
  /** Longest booking in hours, e.g. 8. */
  maxDuration: number;
  /** IANA zone that dates, hours and "past" are reckoned in. */
  timeZone: string;
  /** IANA zone offered as a display-only alternative. */
  secondaryTimeZone: string;
  timeZoneLabel: string;
  secondaryTimeZoneLabel: string;
}

export const DEFAULT_RULES: BookingRules = {
  openHour: 6,
  closeHour: 22,
  maxDuration: 8,
  timeZone: 'Australia/Brisbane',
  secondaryTimeZone: 'Australia/Sydney',
  timeZoneLabel: 'QLD',
  secondaryTimeZoneLabel: 'NSW',
};

/** The rules of an instance: its own settings over the defaults. */
export function rulesOf(config: Partial<InstanceConfig>): BookingRules {
  return {
    openHour: config.openHour ?? DEFAULT_RULES.openHour,
    closeHour: config.closeHour ?? DEFAULT_RULES.closeHour,
    maxDuration: config.maxDuration ?? DEFAULT_RULES.maxDuration,
    timeZone: config.timeZone ?? DEFAULT_RULES.timeZone,
    secondaryTimeZone: config.secondaryTimeZone ?? DEFAULT_RULES.secondaryTimeZone,
    timeZoneLabel: config.timeZoneLabel ?? DEFAULT_RULES.timeZoneLabel,
    secondaryTimeZoneLabel: config.secondaryTimeZoneLabel ?? DEFAULT_RULES.secondaryTimeZoneLabel,
  };
}

/** The original's default configuration (PRODUCT.md §3.2) for `slug`, stamped `createdAt`. */
export function defaultConfig(slug: string, createdAt: string): InstanceConfig {
  return {
    slug,
    title: 'CPS Software Booking',
    users: [
      { name: 'Jack', key: 'j' },
      { name: 'Bonnie', key: 'b' },
      { name: 'Giuliano', key: 'g' },
      { name: 'John', key: 'h' },
      { name: 'Rue', key: 'r' },
      { name: 'Joel', key: 'l' },
    ],
    createdAt,
  };
}

/** One line per problem, e.g. `users.2.key: duplicate hotkey "j"`. */
export function describeConfigProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
