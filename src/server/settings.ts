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

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');
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
  TRUST_PROXY: flag.default(false),
});

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
