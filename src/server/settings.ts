/**
 * Server settings from the environment, parsed once at start-up (STYLE.md 9). Storage
 * variables are read by src/storage/select-store.ts alone.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from '../core/config.js';
import { DEFAULT_SLUG } from '../core/rules.js';

/** Dev origins allowed when `ALLOWED_ORIGINS` is unset: Vite's and the server's own. */
export const DEFAULT_ALLOWED_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:3000',
  'http://127.0.0.1:3000',
];

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const settingsSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  INSTANCE_SLUG: z.string().regex(SLUG_PATTERN, 'must match ^[a-z0-9-]+$').default(DEFAULT_SLUG),
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined
        ? DEFAULT_ALLOWED_ORIGINS
        : value
            .split(',')
            .map((entry) => entry.trim().replace(/\/$/, ''))
            .filter(Boolean),
    ),
  RATE_LIMIT_MAX: positiveInt(60),
  RATE_LIMIT_READ_MAX: positiveInt(600),
  RATE_LIMIT_WINDOW_S: positiveInt(60),
  RATE_LIMIT_ON_STORE_ERROR: z.enum(['open', 'closed', 'local']).default('local'),
  // Proxy hops in front of the server (client-address.ts); `true`/`false` from older setups mean 1/0.
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|true|false)$/, 'must be the number of proxies you run (0 = none, 1 = one), or true/false')
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value)))
    .default(0),
  // The site's own origin: writes must come from it (or ALLOWED_ORIGINS), other hosts get 421.
  PUBLIC_URL: z
    .string()
    .refine(isPlainOrigin, 'must be an http(s) origin with no path, e.g. https://rooms.example.com')
    .transform((value) => new URL(value).origin)
    .optional(),
});

function isPlainOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}

export type Settings = z.infer<typeof settingsSchema>;

/** Parses the server's settings; throws an Error listing every bad variable. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  // An empty variable means "unset", except ALLOWED_ORIGINS, where empty means same-origin only.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => value !== undefined && (value !== '' || name === 'ALLOWED_ORIGINS')),
  );
  const result = settingsSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}
