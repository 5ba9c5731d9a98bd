/**
 * Instance configuration schema (PRODUCT.md §3.1), used by the server and the CLI. The client
 * imports src/core/rules.ts instead, which needs no zod.
 */
import { z } from 'zod';
import { DEFAULT_RULES } from './rules.js';
import { isTimeZone } from './time.js';

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

/** One line per problem, e.g. `users.2.key: duplicate hotkey "j"`. */
export function describeConfigProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
